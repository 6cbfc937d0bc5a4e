"""The compiled text module (``_ctext.pyx``) gives what its Python twins give.

The Python functions are the reference: ``_scoring._measure_all_python``,
``_values_python``, ``_best_run_python``, ``_best_title_line``, ``RulePass._match``,
``RuleSet._match_python`` and ``RuleSet._trigger_mask_python``. Their twins in ``_ctext``
must return the same shapes, values, runs, lines, rules and masks (and leave the blocks
and the memo of verdicts as the Python functions do) on every line: the repository's
pages, the development sets when they sit next to the checkout, lines made to hit each
branch, and generated text. ``_ctext.words_of`` (``tokens_of`` for non-ASCII text) is
compared with the ``\\w+`` pattern on the same lines, ``_ctext.fold`` with
``str.casefold``, and ``_ctext.line_blocks`` (a page dump's lines, folded)
with ``_text_blocks``' Python functions, ``has_controls`` with ``_decode._has_controls``;
``surely_nfc`` (which lets ``_decode.nfc`` skip text NFC leaves alone) is checked to be
sound. Without the compiled module these
tests are skipped, except that CI (``CLEANER_REQUIRE_COMPILED=1``) fails when it was not
built.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner._decode as decode_module
import cleaner._rules as rules_module
import cleaner._scoring as scoring
import cleaner._text_blocks as text_blocks_module
from cleaner import Cleaner
from cleaner._html_blocks import html_blocks
from cleaner._model import Block
from cleaner._rules import RuleSet, Timeouts, load_rules, tokens_of
from cleaner._text_blocks import text_blocks
from strategies import any_text, article_text, line

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
C = scoring._ctext

compiled = pytest.mark.skipif(C is None, reason="the compiled text module is not built")

#: lines made to reach every branch of ``measure`` and ``_is_info``
TRICKY = [
    "", "a", "Home", "Größe: 42", "x:y", "ab: c", "ab:  c", "ab: \u00a0c", ":" * 3, "a" * 41 + ": b",
    "b" * 40 + ": c", "b" * 39 + ": c", "3 zz", "3 Zz",
    "- Punkt eins", "2. Schritt", "(a) Klausel", "\tx y", "200 g Zucker", "ca. 35 cm", "Seite 2 von 7",
    "²x drei", "Ⅻ kapitel", "٣ أيام", "12:30", "um 21.11", "15.40 Uhr", "am 3. Mai um 14.05 Uhr", "1:2", ":12", "a:12",
    "x 9:05 y", "Uhr.", "um 9.5", "٣:٤٥ مساء", "12:345", "12::30", "am 1.1.2020 um 10.30", "10.30Uhr", "Beginn 9:00-12:00 Uhr",
    "21.01.2022 Neue Termine für den Herbst", "2022-01-21 Termin", "東京の天気は晴れです。" * 3,
    "이것은 한국어 문장입니다 정말로 그렇습니다 맞아요 네 좋아요 그래요.", "Posted in News | Permalink | 3 Comments and more words here",
    "„Vielen Dank für die sehr ausführliche Beratung und das schnelle Handeln.“",
    "Accept all cookies to continue using this website and its many great features today.",
    "https://example.com/a.jpg 1707 2560 Jane Doe https://example.com/b.jpg",
    " ".join(["word"] * 35), " ".join(["Wörter"] * 45) + ".", " ".join(["the", "cat"] * 10) + ".",
    "İstanbul'da bugün hava çok güzel ve biz de dışarı çıkıp biraz yürüyüş yaptık.",
    "Ein Satz mit Ende. Und noch einer ohne Ende danach kommt gar nichts mehr",
    "ß ẞ ǅ ǈ ﬁ ﬀ", "\U0001f600 \U0001f600 \U0001f600", "a\u0301b c\u0327",
]


def _pages() -> list[tuple[str, str]]:
    """(kind, page) for every page of the repository, and of the dev sets when present."""
    pages = [("text", p.read_text(encoding="utf-8")) for p in sorted(ROOT.glob("seeds/*/source.txt"))]
    pages += [("html", p.read_text(encoding="utf-8")) for p in sorted(ROOT.glob("seeds/*/source.html"))]
    for sub in ("scrapinghub", "trafeval-dev"):
        pages += [("text", p.read_text(encoding="utf-8")) for p in sorted((DATA / sub / "text").glob("*.txt"))]
    return pages


def _blocks(kind: str, page: str) -> list[Block]:
    return text_blocks(page) if kind == "text" else html_blocks(page).blocks


def _same_shapes(blocks: list[Block]) -> None:
    twin = [Block(b.text, b.kind, b.group, b.link_density, words=b.words) for b in blocks]
    assert C.measure_all(blocks) == scoring._measure_all_python(twin)
    assert [(b.words, b.tokens) for b in blocks] == [(b.words, b.tokens) for b in twin]


def _same_values(blocks: list[Block]) -> None:
    """``values`` and ``best_run`` on the page as it is, with every seventh block dropped,
    and with each of a few headlines; ``best_title_line`` with several first lines."""
    shapes = scoring._measure_all_python(blocks)
    for k, b in enumerate(blocks):
        if k % 7 == 3:
            b.drop("boilerplate", "test")
    for headline in (None, 0, 1, len(blocks) // 2, len(blocks) - 1, len(blocks) + 5):
        vals = scoring._values_python(blocks, shapes, headline)
        assert C.values(blocks, shapes, headline) == vals
        assert C.best_run(vals) == scoring._best_run_python(vals)
    for b in blocks:
        b.keep()
    # the headline search, with the words of several lines as the page's first line
    for first in blocks[:: max(1, len(blocks) // 6)]:
        words = set(tokens_of(first.text.casefold()))
        if len(words) >= 3:
            longest = 2 * len(first.text) + 20
            expected = scoring._best_title_line(blocks, shapes, words, longest)
            assert C.best_title_line(blocks, shapes, words, longest) == expected


def _same_masks(rules: RuleSet, blocks: list[Block]) -> None:
    for b in blocks:
        assert C.words_of(b.text.casefold()) == rules_module._TRIGGER_WORD.findall(b.text.casefold())
        low = b.text.casefold()
        n = len(b.text.split())
        for tokens, low_, words in ((None, low, n), (tokens_of(low), low, n), (None, None, 0), (None, low, 200)):
            expected = rules._trigger_mask_python(b.text, tokens, low_, words)
            assert C.trigger_mask(rules, b.text, tokens, low_, words) == expected, (b.text, words)
            for hints in ("", "share-bar footer"):
                first = rules._match_python(b.text, hints, words, Timeouts(), tokens, low_)
                assert C.match(rules, b.text, hints, words, Timeouts(), tokens, low_) is first, (b.text, words)


def test_ci_builds_the_compiled_text_module() -> None:
    if os.environ.get("CLEANER_REQUIRE_COMPILED", "") in ("", "0"):
        pytest.skip("only where the build is required (CI)")
    assert C is not None, "the compiled text module (_ctext) was not built or does not load"


def test_switched_off_by_the_environment() -> None:
    code = (
        "import cleaner._scoring as s, cleaner._rules as r, cleaner._text_blocks as t, cleaner._decode as d;"
        "print(s._ctext, r._ctext, t._ctext, d._ctext)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "CLEANER_PURE_PYTHON": "1"},
        capture_output=True, text=True, check=True,
    )
    assert out.stdout.split() == ["None"] * 4


@compiled
def test_same_masks_with_an_empty_substring_trigger() -> None:
    """A rule set built from rules directly (no loader checks) may hold an empty substring
    trigger; it is in every text, for the C index as for the Python loop."""
    import dataclasses

    shipped = load_rules()
    rule = dataclasses.replace(shipped.rules[0], triggers=("", "x-y"))
    rules = RuleSet((rule, *shipped.rules[1:]))
    _same_masks(rules, [Block(t) for t in TRICKY])
    assert all(rules._trigger_mask_python(t, None, None) & 1 for t in TRICKY)


def test_a_used_rule_set_pickles_and_copies() -> None:
    """The C tables a rule set keeps once used do not pickle: they are left out, and the
    copy makes its own (the same masks and verdicts)."""
    import copy
    import pickle

    rules = load_rules()
    texts = ["Support The Moscow Times!", "Teilen auf Facebook", "© 2024 Verlag", "Newsletter abonnieren"]
    first = [rules.match(t) for t in texts]
    for other in (pickle.loads(pickle.dumps(rules)), copy.deepcopy(rules), copy.copy(rules)):
        assert other == rules
        assert [r and r.id for r in map(other.match, texts)] == [r and r.id for r in first]
        assert [other.candidates(t) for t in texts] == [rules.candidates(t) for t in texts]


@compiled
def test_bound_constants_are_the_modules() -> None:
    for name, value in C.bound().items():
        assert value == getattr(scoring, name, None) or value == getattr(rules_module, name), name


@compiled
def test_same_shapes_and_masks_on_every_page() -> None:
    rules = Cleaner().ruleset
    pages = _pages()
    for kind, page in pages:
        blocks = _blocks(kind, page)
        _same_shapes(blocks)
        _same_values(blocks)
        _same_masks(rules, blocks)
    assert len(pages) >= 3


@compiled
def test_same_rule_pass_verdicts() -> None:
    """``_ctext.pass_match`` gives each block the rule ``RulePass._match`` gives it (each side
    with a rule set of its own, so that neither finds the other's verdicts remembered), and
    remembers the same verdicts."""
    ours, theirs = load_rules(), load_rules()
    for kind, page in _pages()[:200]:
        blocks = _blocks(kind, page)
        twin = [Block(b.text, b.kind, b.group, b.link_density, words=b.words) for b in blocks]
        c_pass, py_pass = scoring.RulePass(blocks, ours), scoring.RulePass(twin, theirs)
        for b, t in zip(blocks, twin):
            got, expected = C.pass_match(c_pass, scoring._UNSEEN, b), py_pass._match(t)
            assert (got and got.id) == (expected and expected.id), b.text
    assert ours.memo is not None and theirs.memo is not None
    assert {k: v and v.id for k, v in ours.memo.items()} == {k: v and v.id for k, v in theirs.memo.items()}


@compiled
def test_same_shapes_and_masks_on_tricky_lines() -> None:
    blocks = [Block(t, "line", i // 3, words=len(t.split())) for i, t in enumerate(TRICKY * 2)]
    blocks += [Block(t, "p", 1, 0.6, words=-1) for t in TRICKY]  # linked text, words not yet counted
    _same_shapes(blocks)
    _same_masks(Cleaner().ruleset, blocks)


@compiled
def test_same_masks_with_user_rules(tmp_path: Path) -> None:
    """Substring, one-character and prefix triggers of a user's file, and hints."""
    (tmp_path / "mine.toml").write_text(
        '''category = "ads"
description = "Prices and offers."

[[rules]]
id = "mine.price"
why = "A price tag."
languages = ["de"]
pattern = '(?i)(?:€ ?\\d+|\\d+ ?€|preis|angebot|sonder-)'
triggers = ["€", "preis", "angebot", "sonder-", "ab"]
examples = ["Nur 5 €", "Angebote der Woche", "Ab heute Preis"]

[[rules]]
id = "mine.about"
why = "An approximate quantity."
languages = ["de"]
pattern = '(?i)ca\\. \\d'
triggers = ["ca."]
examples = ["ca. 3 Stück"]
''',
        encoding="utf-8",
    )
    rules = load_rules([tmp_path / "mine.toml"])
    blocks = [Block(t) for t in [*TRICKY, "Nur 5 €", "Angebote und Angebotspreise", "Sonder-Aktion ca. 3 Stück", "PREIS"]]
    _same_masks(rules, blocks)


@compiled
def test_same_masks_past_the_index_limits(tmp_path: Path) -> None:
    """More one-character triggers than one pass follows (65 arrows), and a key past U+FFFF
    (words are then looked up as strings): the slower paths give the same masks."""
    arrows = [chr(0x2190 + i) for i in range(65)]
    (tmp_path / "wide.toml").write_text(
        f'''category = "navigation"
description = "Arrows and a wide letter."

[[rules]]
id = "wide.arrows"
why = "An arrow."
languages = ["*"]
pattern = '[\\u2190-\\u21d0]'
triggers = {arrows!r}
examples = ["next {arrows[3]}", "{arrows[64]} back"]

[[rules]]
id = "wide.letter"
why = "A wide letter."
languages = ["*"]
pattern = '\U0001d538lpha'
triggers = ["\U0001d538lpha", "ab"]
examples = ["\U0001d538lpha ab"]
''',
        encoding="utf-8",
    )
    rules = load_rules([tmp_path / "wide.toml"])
    texts = [*TRICKY, f"next {arrows[3]}", f"{arrows[64]} back", "\U0001d538lphabet ab", "x \U0001d538lpha"]
    _same_masks(rules, [Block(t) for t in texts])
    indexes = [i for i in rules._compiled_index[None].indexes if i is not None]
    assert indexes and not any(i.packed or i.chars for i in indexes)
    shipped = Cleaner().ruleset
    _same_masks(shipped, [Block(t) for t in texts])
    assert all(i.packed and i.chars for i in shipped._compiled_index[None].indexes if i is not None)


@compiled
@settings(max_examples=300, deadline=None)
@given(st.one_of(article_text, st.lists(st.one_of(line, any_text, st.sampled_from(TRICKY)), max_size=30).map("\n".join)))
def test_same_shapes_and_masks_on_generated_text(page: str) -> None:
    blocks = text_blocks(page)
    _same_shapes(blocks)
    _same_values(blocks)
    _same_masks(Cleaner().ruleset, blocks)


@compiled
@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.floats(allow_nan=True), st.sampled_from([0.0, -0.0, -8.0, 150.0, 1e308, -1e308])), max_size=60))
def test_same_best_run_on_any_values(vals: list[float]) -> None:
    """A NaN never becomes the best sum (it compares false), so the results compare equal."""
    assert C.best_run(vals) == scoring._best_run_python(vals)


@compiled
def test_same_documents_without_the_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole document, compiled and not, on the repository's pages and the dev sets' text."""
    pages = _pages()
    cleaner = Cleaner()
    with_c = [cleaner.clean(page, kind=kind).to_dict() for kind, page in pages]
    monkeypatch.setattr(scoring, "_ctext", None)
    monkeypatch.setattr(rules_module, "_ctext", None)
    monkeypatch.setattr(text_blocks_module, "_ctext", None)
    monkeypatch.setattr(decode_module, "_ctext", None)
    assert [cleaner.clean(page, kind=kind).to_dict() for kind, page in pages] == with_c



def _python_lines(text: str) -> list[Block]:
    """``text_blocks`` without the module: the whole text folded, then split."""
    if text_blocks_module._needs_folding_python(text):
        text = text_blocks_module._SPACES.sub(" ", text)
    return text_blocks_module._line_blocks_python(text)


def _same_lines(text: str) -> None:
    """``line_blocks`` (which folds a line's whitespace as it goes) against the Python
    functions (which fold the whole text first), on ``text`` as it is and folded."""
    folded = text_blocks_module._SPACES.sub(" ", text)
    for t in (text, folded):
        made = C.line_blocks(t, Block)
        assert made == _python_lines(t), repr(t[:80])
        assert [b.words for b in made] == [b.text.count(" ") + 1 for b in made]


#: every line break ``str.splitlines`` knows, every kind of whitespace, and their mixes
LINE_EDGES = [
    "", "\n", "\r\n", "\n\r", "\r\r\n\n", "a\r\n\r\nb", "\n\n x \n", " a  b ", "a\u00a0 b", "a \u00a0b",
    "a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i", "a\x1fb", "\ta\tb", "x\u3000\u3000y", "\u1680a\u2000b\u200ac\u200bd",
    "e\u202ff\u205fg", "  ", "a" * 3 + "\r", "\r", "line\n\n\n\nnext\n", "ünï cödé\n\n– dash\r\n😀 ok",
]


@compiled
def test_same_lines_on_every_page_and_edge() -> None:
    for _, page in _pages():
        _same_lines(page)
    for text in LINE_EDGES:
        _same_lines(text)
    for c in range(0x3100):  # every character of the planes' start, alone and between words
        _same_lines(chr(c))
        _same_lines(f"a{chr(c)}b  c\n{chr(c)}{chr(c)}")


@compiled
@settings(max_examples=300, deadline=None)
@given(st.one_of(article_text, any_text))
def test_same_lines_on_generated_text(text: str) -> None:
    _same_lines(text)


def _searched(found_any, literals: tuple, text: str) -> tuple[object, list[int]]:
    """What ``found_any`` answers for branches with these ``literals``, and which branches it
    searched (each search records its index and finds nothing)."""
    tried: list[int] = []

    def search(k: int):
        return lambda _text: tried.append(k)

    return found_any(tuple((needs, search(k)) for k, needs in enumerate(literals)), text), tried


def _python_found_any(searches: tuple, text: str) -> object:
    """``_rules._found_any_gated`` with the module switched off."""
    saved, rules_module._ctext = rules_module._ctext, None
    try:
        return rules_module._found_any_gated(searches, text)
    finally:
        rules_module._ctext = saved


def _same_gating(literals: tuple, text: str) -> None:
    assert _searched(C.found_any_gated, literals, text) == _searched(_python_found_any, literals, text), text


@compiled
def test_same_gates_of_the_shipped_alternations() -> None:
    """``found_any_gated`` searches the branches the Python function searches, and answers
    alike, for every long alternation of the shipped rules on every line of the pages."""
    literals = []
    for rule in Cleaner().ruleset.rules:
        parts = rules_module.split_alternatives(rule.source) if rule.source else None
        if parts is not None and len(parts) >= rules_module.SPLIT_ALTERNATIVES:
            literals.append(tuple(map(rules_module.needed_literals, parts)))
            searches = tuple(zip(literals[-1], (regex.compile(p).search for p in parts)))
            for t in [*rule.examples, *rule.counter_examples]:
                assert C.found_any_gated(searches, t) == _python_found_any(searches, t), t
    assert len(literals) >= 3
    texts = [b.text for kind, page in _pages()[:60] for b in _blocks(kind, page)] + TRICKY
    for needs in literals:
        for t in texts:
            _same_gating(needs, t)


@compiled
@settings(max_examples=300, deadline=None)
@given(any_text, st.lists(st.lists(st.text(max_size=4), max_size=4).map(tuple), max_size=6))
def test_same_gates_on_generated_literals(text: str, literals: list[tuple[str, ...]]) -> None:
    """Literals of any width and length (none, one character, a pair the text lacks);
    some are cut from the text itself, so that some pass."""
    cut = tuple(text[i : i + 3].casefold() for i in range(0, len(text), 7))
    _same_gating((*map(tuple, literals), cut), text)


@compiled
def test_fold_is_casefold() -> None:
    """On every character up to U+30FF (alone and beside Latin-1 letters, General
    Punctuation and wider characters) and on every line of the pages: the same string, of
    the same width (``==`` is false between strings of different kinds)."""
    for c in list(range(0x3100)) + [0xFFFF, 0x10000, 0x1F600]:
        ch = chr(c)
        for t in (ch, "é" + ch, "A" + ch + "Ä", "–" + ch, ch + "’x", "ÄÖÜ " + ch + " €"):
            assert C.fold(t) == t.casefold(), repr(t)
            assert C.fold(t).isascii() == t.casefold().isascii()
    for _, page in _pages():
        for text in page.splitlines():
            assert C.fold(text) == text.casefold(), text
    for c in range(0x2000, 0x20D0):  # what the table leaves as it is has no case
        assert chr(c).casefold() == chr(c)


def _python_decode(fn, *args):  # type: ignore[no-untyped-def]
    """``fn(*args)`` of ``_decode`` with its Python code only."""
    saved, decode_module._ctext = decode_module._ctext, None
    try:
        return fn(*args)
    finally:
        decode_module._ctext = saved


@compiled
def test_same_control_scan() -> None:
    """``has_controls`` finds what ``_decode._has_controls`` finds: on every page, on every
    character up to U+30FF and every surrogate, alone and inside text."""
    texts = [page for _, page in _pages()]
    texts += [chr(c) for c in range(0x3100)] + [f"ab{chr(c)}\u00e9–x" for c in range(0x3100)]
    texts += [f"ü{chr(c)}" for c in range(0xD7F0, 0xE010)] + ["\U0001f600\x00", "\U0001f600\ud800", "\U0001f600"]
    for text in texts:
        assert C.has_controls(text) == _python_decode(decode_module._has_controls, text), repr(text[:40])


#: what ``surely_nfc`` passes as NFC without asking: below U+0300 and U+2010 to U+20CF
SURELY_NFC = [chr(c) for c in range(0x300)] + [chr(c) for c in range(0x2010, 0x20D0)]


@compiled
def test_surely_nfc_is_sound() -> None:
    """Each character ``surely_nfc`` passes combines with no other it passes (so a text of
    them only is NFC), and ``nfc`` gives the same with the shortcut and without."""
    import unicodedata

    for a in SURELY_NFC:
        assert unicodedata.combining(a) == 0 and unicodedata.is_normalized("NFC", a), hex(ord(a))
        pairs = "".join(a + b for b in SURELY_NFC)
        assert unicodedata.is_normalized("NFC", pairs) and unicodedata.is_normalized("NFC", pairs[1:] + a), hex(ord(a))
    assert C.surely_nfc("".join(SURELY_NFC))
    for c in (0x300, 0x301, 0x2000, 0x2001, 0x200F, 0x20D0, 0x20D2, 0x3000, 0x1F600):
        assert not C.surely_nfc("a" + chr(c))
    texts = [page for _, page in _pages()] + ["e\u0301", "Å\u030a", "\u2001x", "–\u0338", "‘e\u0301’"]
    for text in texts:
        assert decode_module.nfc(text) == _python_decode(decode_module.nfc, text)


@compiled
def test_a_subclass_of_str_takes_the_python_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """lxml hands the metadata stage ``str`` subclasses, and so may a caller: the C
    functions take exact strings only, and the result is the same either way."""

    class Text(str):
        pass

    page = "Titel  der Seite\x00\n\nEin Absatz – „zitiert“ – mit\tgenug Wörtern, damit er als Text zählt.\ne\u0301\n"
    html = "<html><head><title>T – x</title></head><body><p>" + "Wörter – “x” é " * 20 + "</p></body></html>"
    cleaner = Cleaner()
    with_c = [cleaner.clean(Text(page), kind="text").to_dict(), cleaner.clean(Text(html), kind="html").to_dict()]
    assert with_c[0] == cleaner.clean(page, kind="text").to_dict()
    for module in (scoring, rules_module, text_blocks_module, decode_module):
        monkeypatch.setattr(module, "_ctext", None)
    assert [cleaner.clean(Text(page), kind="text").to_dict(), cleaner.clean(Text(html), kind="html").to_dict()] == with_c
