"""Stage 3: decide which blocks are the article. Shared by text and HTML input.

The order matters and reads as the function :func:`classify`:

1. verdicts the block maker is sure of (HTML: ``<nav>``, hidden-by-structure);
2. rules: phrases that are boilerplate wherever they appear, single blocks or regions;
3. measure every block's shape (words, sentence ends, function-word share, repetition,
   size of its visual group) and give it a value: prose pulls, labels and menus push;
4. the article run: the contiguous run of blocks with the largest value (a maximum-sum
   segment), where the stretch before the headline counts less and the run goes through
   the first paragraph under the headline; it takes in the lead just above it and a short
   closing sentence just under it;
5. a comment section at the end of the run (a steady series of short dated lines with
   prose between them, or a comment heading with a dated line under it) is cut off;
6. inside the run, drop clusters of short label lines, but keep lists that a line
   ending in a colon introduces and lists of lines that each carry content; outside
   it, drop everything;
7. the headline: the heading-like block just before the run that repeats the page's
   first line (usually its ``<title>``); it is metadata, not body.

Every signal is relative to the page (its first line, its groups, its repeated lines),
never to a site, and no keep decision depends on blocks the cleaner itself drops, so
cleaning a body again keeps all of it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from operator import attrgetter

import regex

from ._lang import ALL_STOPWORDS
from ._model import Block
from ._rules import MEMO_CHARS, MEMO_TEXTS, Rule, RuleSet, Timeouts, Verdicts, load_compiled, tokens_of

#: blocks longer than this are never matched by rules: no boilerplate phrase is this long,
#: and it bounds the cost of a pathological single-line input.
MAX_RULE_CHARS = 3000

#: a sentence ends with one of these marks (the danda of Bengali and Hindi too), then
#: closing quotes or brackets of any language ("…", „…“, »…«, «…»)
_TERMINAL = re.compile(r"[.!?…:;。！？।]['\"’”“»«)\]]*$")
_SENTENCE_END = re.compile(r"[.!?…。！？।]['\"’”“»«)\]]*(?:\s|$)")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_LIST_MARK = re.compile(r"^(?:[-–—•*·▪►✓]|\d{1,2}[.)]|\(?[a-zA-Z\d]{1,2}\))\s")
#: a clock time: the mark of a comment's byline ("June 3, 2019 at 6:44 am", "2 days ago at 07:52",
#: "14.09.2022 um 21.11", "15.40 Uhr")
_CLOCK = re.compile(r"(?<![\d:.])\d{1,2}:\d{2}(?![\d:])|\bum (?:[01]?\d|2[0-3])\.[0-5]\d(?= ?Uhr\b|$)|(?<![\d.])(?:[01]?\d|2[0-3])\.[0-5]\d ?Uhr\b")

#: the small words inside names ("Ludwig van Beethoven", "Ana de la Cruz") and between
#: them ("Anna Muster und Max Beispiel"); "für", "in", "an" are not: "Der Wettbewerb für
#: Kinder" is a German phrase, not a name
_PARTICLES = r"(?:von|vom|van|zu|zur|de|da|di|du|do|dos|das|del|della|der|den|ten|ter|le|la|el|al|bin|ibn|y|e|et|i|und|and|&)"
#: a dateline ("12. Mai 2025", "June 3, 2019 at 6:44 am") or a byline ("By Eleanor Price",
#: "Автор: Ирина Соколова"): a year, or a short line ending in two capitalised names
_DATELINE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_BYLINE = regex.compile(
    r"^\S+(?:\s\S+){0,2}?\s\p{Lu}[\p{L}'’.-]+(?:\s(?:" + _PARTICLES + r"\s){0,2}\p{Lu}[\p{L}'’.-]+){1,2}(?:,\s.{1,30})?$"
)

#: a date at the start of a line: "21.01.2022", "2022-01-21", "21/01/2022", "21. Januar 2022"
_DATED = re.compile(r"(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.?\s[^\W\d_]+\.?\s\d{4})\b")
#: a line of at least this many words that ends a sentence is prose, function words or not
_LONG_SENTENCE = 12
#: a line shorter than this (in words) must end a sentence to be prose: a headline with a
#: subtitle ("Banks cut jobs. Automation is why") has a sentence end inside, not at its end
_MID_SENTENCE = 20
#: the j-th consecutive non-prose block costs this much more than the first: long runs of
#: labels (menus, widgets, link lists) separate the article from what follows it
_GAP_GROWTH = 0.5
#: what a block a rule (or a preset) dropped costs the run: boilerplate for certain
_DROPPED_VALUE = -8.0
#: what a short line that carries content (see :func:`_is_info`) costs the run
_INFO_VALUE = -0.5
#: prose before the headline counts this much (teasers, top stories, promos come first)
_BEFORE_HEADLINE = 0.35
#: prose that shares its visual group with two or more other lines (teaser boxes, lists of
#: headlines with summaries) counts this much; article paragraphs stand apart
_IN_BIG_GROUP = 0.25
#: prose that speaks of cookies counts this much: a cookie-settings dialog is long prose
#: in the page's language, and it must not outweigh the article
_COOKIE_TEXT = 0.2
#: the first prose block this close under the headline gets this bonus (in words)
_ANCHOR_REACH = 10
_ANCHOR_BONUS = 150.0
#: a comment section needs this many dated bylines, each within this many blocks of the last
_MIN_BYLINES = 3
_BYLINE_SPAN = 15


@dataclass(slots=True)
class Shape:
    """Measurements of one block that the structural signals use."""

    words: int
    terminal: bool
    stop_ratio: float
    prose: bool
    repeated: bool
    big_group: bool
    clock: bool
    #: what the block pulls by itself (see :func:`values`), before headline and gap effects
    pull: float = 0.0
    #: a short line that carries content of its own (see :func:`_is_info`)
    info: bool = False


#: every CJK character is in Hangul Jamo or at U+2E80 and above: most Latin and Cyrillic
#: lines have none (the punctuation and symbols between, "„“–…€", are not), and a stdlib
#: character class tells that faster than the script classes
_HIGH = re.compile("[\u1100-\u11ff\u2e80-\U0010ffff]")


def _maybe_cjk(text: str) -> bool:
    """Whether ``text`` holds a CJK character."""
    return _HIGH.search(text) is not None and _CJK.search(text) is not None


#: what closes a sentence, and what may follow that mark at the end of a line (``_TERMINAL``)
_TERMINAL_MARKS = (".", "!", "?", "…", ":", ";", "。", "！", "？")
_CLOSERS = "'\"’”»)]"


def _terminal(text: str) -> bool:
    """Whether ``_TERMINAL`` matches, without a regex scan of the whole line: the last
    character that is not a closing quote or bracket is a terminal mark."""
    if text.endswith("\n"):  # "$" also matches before a final newline
        text = text[:-1]
    return text.rstrip(_CLOSERS).endswith(_TERMINAL_MARKS)


def _tokens(block: Block) -> list[str]:
    """The block's words, case-folded (kept on the block: several stages look at them)."""
    tokens = block.tokens
    if tokens is None:
        tokens = block.tokens = tokens_of(block.text.casefold())
    return tokens


def measure(block: Block, repeats: Counter[str], group_sizes: Counter[int]) -> Shape:
    """The block's shape. Costly measurements are made only where they can change the
    verdict: function words only for mid-length lines, CJK only for non-ASCII text."""
    text = block.text
    n = block.words
    if n < 0:
        n = block.words = len(text.split())
    if n < 8 and block.link_density == 0.0 and (text.isascii() or not _maybe_cjk(text)):
        # a short line (most lines of a page): its shape is one of a few, made in advance
        clock = (":" in text or "um " in text or "Uhr" in text) and _CLOCK.search(text) is not None
        info = n >= 2 and not clock and _is_info(text, block, n)
        return _SHORT[n, repeats[text] > 1, group_sizes[block.group] >= 3, clock, info]
    if n >= 30 and _unpunctuated(text, n) or text[:1].isdigit() and _DATED.match(text) is not None:
        # a listing, not a paragraph: a long line with (almost) no punctuation (a tag cloud,
        # a flattened menu), or one that starts with a date (a teaser or archive entry)
        repeated = repeats[text] > 1
        return Shape(n, False, 0.0, False, repeated, group_sizes[block.group] >= 3, False, -3.0 - 2.0 * repeated)
    if n >= 30 and block.link_density <= 0.5 and (n >= 40 or text.isascii()):
        # a paragraph: prose whatever else it holds (the general path below, shortened)
        copies = repeats[text]
        if copies > 1:
            n //= copies
        big_group = group_sizes[block.group] >= 3
        pull = n * _IN_BIG_GROUP if big_group else float(n)
        if "ookie" in text:
            pull *= _COOKIE_TEXT
        return Shape(n, False, 0.0, True, False, big_group, False, pull)
    return _measure_mixed(block, text, n, repeats, group_sizes)


def _measure_mixed(block: Block, text: str, n: int, repeats: Counter[str], group_sizes: Counter[int]) -> Shape:
    """The shape of a line :func:`measure` found neither short, nor a listing, nor a
    paragraph (mid-length lines, linked or CJK text): where function words, the line's
    end and its links all weigh. ``n`` is its word count."""
    cjk = 0
    if n < 40 and not text.isascii() and _maybe_cjk(text):
        cjk = len(_CJK.findall(text))
    stop = 0.0
    if 8 <= n < 30:  # where the share of function words decides (below)
        toks = _tokens(block)
        n = len(toks)
        if toks:
            stop = sum(map(ALL_STOPWORDS.__contains__, toks)) / n
    if cjk:
        n = max(n, cjk // 2)
    terminal = False
    if n >= 30:
        prose = True
    elif n >= 8 and (stop >= 0.12 or cjk > 0):
        terminal = _terminal(text)
        prose = terminal or (n >= _MID_SENTENCE and _SENTENCE_END.search(text) is not None)
    elif n >= _LONG_SENTENCE and _terminal(text):
        # a long line that ends a sentence is prose even when it is mostly names and numbers
        # (results, box scores, lists of facts); function words are one signal, not a gate
        terminal = prose = True
    else:
        prose = cjk >= 16 and _terminal(text)
    if prose and 8 <= n < 30 and text.count(" | ") + text.count(" • ") + text.count(" · ") >= 2:
        prose = False  # a metadata or menu line: "Posted in X | Permalink | 3 Comments"
    if block.link_density > 0.5 or prose and "://" in text and _mostly_urls(text):
        prose = False
    copies = repeats[text]
    repeated = copies > 1 and n < 30
    big_group = group_sizes[block.group] >= 3
    clock = n <= 14 and (":" in text or "um " in text or "Uhr" in text) and _CLOCK.search(text) is not None
    if clock:
        prose = False
    if copies > 1 and prose:
        n //= copies  # a long paragraph shown several times (a notice, a teaser) counts once
    if prose and not repeated:
        pull = n * _IN_BIG_GROUP if big_group else float(n)
        if "ookie" in text:
            pull *= _COOKIE_TEXT
    else:
        pull = -(1.0 + min(n, 10) / 5)
        if repeated:
            pull -= 2.0
        if block.link_density > 0.3:
            pull -= 3.0 * block.link_density
    return Shape(n, terminal, stop, prose, repeated, big_group, clock, pull)


def measure_all(blocks: list[Block]) -> list[Shape]:
    """Every block's shape (see :func:`measure`): in C when the compiled text module is
    there (``_ctext.measure_all``), else :func:`_measure_all_python`, with the same results."""
    if _ctext is not None:
        return _ctext.measure_all(blocks)  # type: ignore[no-any-return]
    return _measure_all_python(blocks)


def _measure_all_python(blocks: list[Block]) -> list[Shape]:
    """Every block's shape. A page shows many lines more than once (menus, labels,
    teasers), and a shape depends only on the line's text, words, links and the size of
    its group: each such line is measured once, its copies share the (never modified)
    result."""
    repeats = Counter(map(_TEXT, blocks))
    group_sizes = Counter(map(_GROUP, blocks))
    if len(repeats) == len(blocks):
        return [measure(b, repeats, group_sizes) for b in blocks]
    shapes: list[Shape] = []
    append = shapes.append
    seen: dict[tuple[str, int, float, bool], Shape] = {}
    for b in blocks:
        if repeats[b.text] > 1:
            key = (b.text, b.words, b.link_density, group_sizes[b.group] >= 3)
            shape = seen.get(key)
            if shape is None:
                shape = seen[key] = measure(b, repeats, group_sizes)
            append(shape)
        else:
            append(measure(b, repeats, group_sizes))
    return shapes


_URL = re.compile(r"\w+://\S+")


def _mostly_urls(text: str) -> bool:
    """Whether addresses make up a third of the line or more: image and feed metadata
    ("https://…/photo.jpg 1707 2560 Jane Doe https://…"), not a sentence that cites a link."""
    return sum(map(len, _URL.findall(text))) * 3 >= len(text)


#: prose has a punctuation mark every dozen words or so; a list flattened into one line has
#: none: fewer than one per this many words
_WORDS_PER_MARK = 50


def _unpunctuated(text: str, n: int) -> bool:
    """Whether a line of ``n`` words has fewer punctuation marks than any paragraph would.
    CJK text is left alone (its marks are other characters, and its words are not spaces)."""
    marks = text.count(".") + text.count(",")
    if marks * _WORDS_PER_MARK >= n:
        return False
    marks += text.count(";") + text.count("!") + text.count("?") + text.count(":") + text.count("।")
    return marks * _WORDS_PER_MARK < n and (text.isascii() or not _maybe_cjk(text))


_KEY_VALUE = re.compile(r"^[^:]{2,40}: \S")
_DIGIT = re.compile(r"\d")
#: the first letter of every word (a letter not preceded by a letter)
_WORD_START = re.compile(r"(?<![^\W\d_])[^\W\d_]")


def _is_info(text: str, block: Block, n: int) -> bool:
    """Whether a short line says something by itself: a "key: value" line (specifications,
    facts), a list item, a quantity ("200 g Zucker"), or a phrase with a function word
    ("Starke Hitze nur in der Mitte"); menus and labels are bare names."""
    if ":" in text and _KEY_VALUE.match(text) is not None:
        return True
    if _list_marked(text):
        return True
    if _DIGIT.search(text) is not None and any(map(str.islower, _WORD_START.findall(text))):
        return True  # a quantity: a number and a lower-case word ("200 g Zucker", "ca. 35 cm")
    return n >= 4 and not ALL_STOPWORDS.isdisjoint(_tokens(block))


def _list_marked(text: str) -> bool:
    """Whether the line starts with a list mark ("- ", "2. ", "(a) "). The space after a
    mark is one of the line's 2nd to 5th characters (any other whitespace is not
    printable): most lines are told apart without a regex call."""
    head = text[1:5]
    if " " not in head and head.isprintable():
        return False
    return _LIST_MARK.match(text) is not None


def _short_shape(n: int, repeated: bool, big_group: bool, clock: bool, info: bool) -> Shape:
    """What :func:`measure` finds for a line of fewer than 8 words without links or CJK
    (never prose), as one shared, never modified object per combination."""
    return Shape(n, False, 0.0, False, repeated, big_group, clock, -(1.0 + n / 5) - (2.0 if repeated else 0.0), info)


_SHORT: dict[tuple[int, bool, bool, bool, bool], Shape] = {
    (n, r, g, c, i): _short_shape(n, r, g, c, i)
    for n in range(8)
    for r in (False, True)
    for g in (False, True)
    for c in (False, True)
    for i in (False, True)
}


def values(blocks: list[Block], shapes: list[Shape], headline: int | None) -> list[float]:
    """How much each block pulls the article run toward itself (positive) or away
    (negative): in C when the compiled text module is there (``_ctext.values``), else
    :func:`_values_python`, with the same results."""
    if _ctext is not None:
        return _ctext.values(blocks, shapes, headline)  # type: ignore[no-any-return]
    return _values_python(blocks, shapes, headline)


def _values_python(blocks: list[Block], shapes: list[Shape], headline: int | None) -> list[float]:
    """See :func:`values`."""
    out: list[float] = []
    append = out.append
    gap = 0
    anchor = headline is not None
    before = -1 if headline is None else headline
    i = -1
    for block, shape in zip(blocks, shapes):  # a counter is cheaper than enumerate(zip())
        i += 1
        if block.category is not None:
            append(_DROPPED_VALUE)
            gap += 1
        elif shape.prose and not shape.repeated:
            v = shape.pull
            if i < before:
                v *= _BEFORE_HEADLINE
            elif anchor and i - before <= _ANCHOR_REACH:
                v += _ANCHOR_BONUS  # the article starts right under its headline
                anchor = False
            gap = 0
            append(v)
        elif shape.info and not shape.repeated:
            append(_INFO_VALUE)  # a list item or fact line: neither pulls nor separates
        elif gap:
            append(shape.pull * (1.0 + _GAP_GROWTH * gap))
            gap += 1
        else:  # no gap: the pull as it is (x * 1.0 is x)
            append(shape.pull)
            gap = 1
    return out


#: what a memo lookup returns for a text it does not hold (``None`` is a verdict: no rule)
_UNSEEN = object()


class RulePass:
    """Applies a rule set to the blocks of one document, each block at most once.

    Each distinct short text is matched once (menus, cells and labels repeat), and once per
    process with the shipped rules (``RuleSet.memo``: sites repeat them page after page);
    words the shape measurements already cut out are reused. The time budget for
    pathological user patterns (:class:`Timeouts`) is the document's.
    """

    def __init__(self, blocks: list[Block], rules: RuleSet) -> None:
        self.blocks = blocks
        self.rules = rules
        self.spent = Timeouts()
        self.checked = bytearray(len(blocks))
        self._max_words = rules.max_words
        self._hinted = rules.uses_hints
        #: the rule (or None) each short text (with its hints, if a rule reads them) got: the
        #: rule set's memo when its verdicts are the texts' alone, kept from page to page
        #: (see ``RuleSet.memo``), else this document's own
        self.verdicts: Verdicts = {} if rules.memo is None else rules.memo
        self._memo_texts = MEMO_TEXTS
        # per region rule: blocks before this index are known not to close it (keeps scans linear)
        self._open_until: dict[str, int] = {}

    def unchecked(self, lo: int, hi: int) -> bool:
        """Whether some block in ``[lo, hi]`` has not been through the rules yet."""
        return self.checked.find(0, max(lo, 0), hi + 1) >= 0

    def _match(self, block: Block) -> Rule | None:
        """The first rule that drops ``block``, remembered for a short text (C twin:
        ``_ctext.pass_match``)."""
        text = block.text
        hints = block.hints if self._hinted else ""
        key = (text, hints) if hints else text
        verdicts = self.verdicts
        rule = verdicts.get(key, _UNSEEN)
        if rule is not _UNSEEN:
            return rule  # type: ignore[return-value]
        rule = None
        words = block.words
        if words < 0:
            words = block.words = len(text.split())
        if self._max_words is None or words <= self._max_words:
            rule = self.rules.match(text, hints, words, self.spent, block.tokens, text.casefold())
        if len(text) <= MEMO_CHARS:
            if len(verdicts) >= self._memo_texts:
                verdicts.clear()  # a bounded memo: a long batch starts it over now and then
            verdicts[key] = rule
        return rule

    def run(self, lo: int, hi: int, *, confined: bool = False) -> int:
        """Match the unchecked blocks of ``[lo, hi]``; the number of blocks dropped. A region
        a rule opens runs on past ``hi`` unless ``confined``. In C when the compiled text
        module is there (``_ctext.pass_run``), else :meth:`_run_python`."""
        if _ctext is not None:
            return _ctext.pass_run(self, _UNSEEN, lo, hi, confined)  # type: ignore[no-any-return]
        return self._run_python(lo, hi, confined)

    def _run_python(self, lo: int, hi: int, confined: bool) -> int:
        """See :meth:`run`."""
        blocks, checked = self.blocks, self.checked
        first_rule = self._match
        dropped = 0
        n = len(blocks)
        stop = min(n, hi + 1) if confined else n
        i = max(lo, 0)
        while i <= hi and i < n:
            block = blocks[i]
            if checked[i]:
                i += 1
                continue
            checked[i] = 1
            if block.dropped or len(block.text) > MAX_RULE_CHARS:
                i += 1
                continue
            rule = first_rule(block)
            if rule is None:
                i += 1
                continue
            block.drop(rule.category, rule.id)
            dropped += 1
            if rule.scope != "region":
                i += 1
                continue
            end = None
            limit = min(stop, i + rule.max_blocks)
            for j in range(max(i + 1, self._open_until.get(rule.id, 0)), limit):
                if rule.closes(blocks[j].text, self.spent):
                    end = j
                    break
            if end is None:  # no closing block: the region is what sits with its opener
                self._open_until[rule.id] = limit
                end = i
                while end + 1 < stop and blocks[end + 1].group == block.group:
                    end += 1
            for j in range(i + 1, end + 1):
                blocks[j].drop(rule.category, rule.id)
                checked[j] = 1
            dropped += end - i
            i = end + 1
        return dropped


def apply_rules(blocks: list[Block], rules: RuleSet) -> None:
    """Drop blocks (and regions) that a rule recognises."""
    RulePass(blocks, rules).run(0, len(blocks) - 1)


def best_run(values: list[float]) -> tuple[int, int, float]:
    """The maximum-sum contiguous run ``[start, end]`` and its sum (Kadane): in C when the
    compiled text module is there (``_ctext.best_run``), else :func:`_best_run_python`."""
    if _ctext is not None:
        return _ctext.best_run(values)  # type: ignore[no-any-return]
    return _best_run_python(values)


def _best_run_python(values: list[float]) -> tuple[int, int, float]:
    """See :func:`best_run`."""
    best = (0, -1, 0.0)
    start, total = 0, 0.0
    for i, v in enumerate(values):
        if total <= 0:
            start, total = i, v
        else:
            total += v
        if total > best[2]:
            best = (start, i, total)
    return best


def best_run_through(values: list[float], a: int) -> tuple[int, int, float]:
    """The maximum-sum contiguous run that holds index ``a``, and its sum."""
    total, best, start = 0.0, 0.0, a
    for i in range(a - 1, -1, -1):
        total += values[i]
        if total > best:
            best, start = total, i
    left = best
    total, best, end = 0.0, 0.0, a
    for i in range(a + 1, len(values)):
        total += values[i]
        if total > best:
            best, end = total, i
    return start, end, left + values[a] + best


#: the run through the paragraph under the headline is the article unless another run is
#: this many times larger (a headline over a paywalled teaser, and a long other text)
_ANCHOR_YIELDS = 3.0


def _article_run(blocks: list[Block], shapes: list[Shape], headline: int | None) -> tuple[int, int]:
    """The article run: the best run, or the best run through the paragraph right under the
    headline when there is one."""
    vals = values(blocks, shapes, headline)
    start, end, total = best_run(vals)
    a = _anchor(blocks, shapes, headline)
    if a is None or start <= a <= end:
        return start, end
    s, e, through = best_run_through(vals, a)
    if through > 0 and total <= _ANCHOR_YIELDS * through:
        return s, e
    return start, end


def _anchor(blocks: list[Block], shapes: list[Shape], headline: int | None) -> int | None:
    """The first paragraph under the headline (see :func:`values`), if any."""
    if headline is None:
        return None
    for i in range(headline + 1, min(len(blocks), headline + 1 + _ANCHOR_REACH)):
        s = shapes[i]
        if blocks[i].category is None and s.prose and not s.repeated:
            return i
    return None


def is_heading_like(block: Block, shape: Shape) -> bool:
    text = block.text
    return (
        1 <= shape.words <= 25
        and not text.endswith((".", ",", ";"))
        and block.link_density < 0.5
        and len(text) < 250
    )


def find_headline(blocks: list[Block], shapes: list[Shape]) -> int | None:
    """The block that repeats most of the page's first line (the ``<title>``, which is the
    headline plus the site name): a page dump shows the headline again above the article."""
    if len(blocks) < 3 or blocks[0].kind not in ("line", "title"):
        return None
    first_words = set(_tokens(blocks[0]))
    if len(first_words) < 3:
        return _headline_part(blocks, shapes)
    longest = 2 * len(blocks[0].text) + 20
    if _ctext is not None:
        best = _ctext.best_title_line(blocks, shapes, first_words, longest)
    else:
        best = _best_title_line(blocks, shapes, first_words, longest)
    if best is None:
        return _headline_part(blocks, shapes)
    return _below_site_name(blocks, shapes, best)


def _best_title_line(blocks: list[Block], shapes: list[Shape], first_words: set[str], longest: int) -> int | None:
    """The heading-like line (of at most ``longest`` characters) that repeats most of the
    first line's words, with prose under it (C twin: ``_ctext.best_title_line``)."""
    best, best_score, best_in_list = None, 0.0, False
    scores: dict[str, float] = {}  # menus repeat: score each text once
    for i in range(1, len(blocks)):
        b, s = blocks[i], shapes[i]
        if s.prose or s.words < 3 or len(b.text) > longest or not is_heading_like(b, s):
            continue
        score = scores.get(b.text)
        if score is None:
            score = scores[b.text] = _title_score(b, first_words)
        if score <= 0.0 or score < best_score - 1e-9 or not _has_prose_under(blocks, shapes, i):
            continue
        # the same title twice (a list of recent posts, then the article's headline): a
        # headline stands apart, a title in a list shares its group with the others
        if score > best_score + 1e-9 or best_in_list and not s.big_group:
            best, best_score, best_in_list = i, score, s.big_group
    return best


def _title_score(block: Block, first_words: set[str]) -> float:
    """How well a line repeats the page's first line: the share of its words that are the
    first line's (at least 3/4) times the share of the first line's words it holds (at
    least 2/5), else 0. Each of its words is a substring of the line, so a line holding
    too few of the first line's words as substrings scores 0 without being cut into words
    (most lines of a page do)."""
    low = block.text.casefold()
    if sum(map(low.__contains__, first_words)) / len(first_words) < 0.4:
        return 0.0
    ws = set(_tokens(block))
    common = len(ws & first_words)
    precision = common / len(ws) if ws else 0.0
    coverage = common / len(first_words)
    return precision * coverage if precision >= 0.75 and coverage >= 0.4 else 0.0


#: the title's first part and a line that is it share this share of their words
_PART_SHARE = 0.75


def _below_site_name(blocks: list[Block], shapes: list[Shape], best: int) -> int:
    """The headline when the line that shares most of the title's words is the site's name
    ("Headline | Site name", the masthead at the top): a line further down that is the
    title's first part, with prose under it; else ``best``."""
    parts = _TITLE_PARTS.split(blocks[0].text, maxsplit=1)
    if len(parts) < 2:
        return best
    head = set(tokens_of(parts[0].casefold()))
    if len(head) < 3 or len(head & set(_tokens(blocks[best]))) * 2 >= len(head):
        return best  # the line holds the title's first part, or that is a kicker ("verb choice")
    for i in range(best + 1, len(blocks)):
        b, s = blocks[i], shapes[i]
        if s.prose or not is_heading_like(b, s):
            continue
        ws = set(_tokens(b))
        common = len(ws & head)
        if ws and common >= _PART_SHARE * len(ws) and common >= _PART_SHARE * len(head) and _has_prose_under(blocks, shapes, i):
            return i
    return best


#: what separates the headline from the site's name in a page's title
_TITLE_PARTS = re.compile(r"\s+[|–—:»·-]+\s+")


def _headline_part(blocks: list[Block], shapes: list[Shape]) -> int | None:
    """A short headline ("Mandelplätzchen | kulinaria@home"): the line that is the first
    part of the title exactly, with prose under it; too short for word overlap to tell it
    from a menu item."""
    parts = _TITLE_PARTS.split(blocks[0].text, maxsplit=1)
    if len(parts) < 2:
        return None
    part = parts[0].rstrip(".!?:").casefold()
    for i in range(1, len(blocks)):
        b = blocks[i]
        if len(b.text) <= len(part) + 1 and b.text.rstrip(".!?:").casefold() == part and _has_prose_under(blocks, shapes, i):
            return i
    return None


def _has_prose_under(blocks: list[Block], shapes: list[Shape], i: int) -> bool:
    """Whether prose follows line ``i`` closely: a headline stands over its article; the
    title repeated in a breadcrumb or over a list of teasers has none under it (a teaser's
    summary is cut short: "Pünktlich zum Jubiläum verlängert Farny…")."""
    for j in range(i + 1, min(len(blocks), i + 1 + _ANCHOR_REACH)):
        if shapes[j].prose and not shapes[j].repeated and not blocks[j].text.endswith(_CUT_SHORT):
            return True
    return False


_CUT_SHORT = ("…", "...")


def cut_comments(blocks: list[Block], shapes: list[Shape], start: int, end: int) -> int:
    """The last block of the run before a comment section, or ``end`` if there is none.

    A comment section is a series of short lines carrying a clock time (the bylines
    "Ana on June 3, 2019 at 6:44 am said:") with prose between them, after article prose;
    or a comment heading a rule recognised ("2 Kommentare") with such a byline under it.
    The non-prose lines just before the first byline (its header, the author's name) go
    with it.
    """
    # the section may run on past the run's end: a run often takes in the first comments only
    reach = min(len(blocks), end + 1 + _BYLINE_SPAN * (_MIN_BYLINES - 1))
    first = _byline_series(blocks, shapes, start, reach)
    if first is None:
        first = _headed_comments(blocks, shapes, start, end, reach)
    form = _comment_form(blocks, start, end)
    if form is not None and (first is None or form < first):
        first = form
    if first is None or first > end:
        return end
    if not any(shapes[j].prose and not is_heading_like(blocks[j], shapes[j]) for j in range(start, first)):
        # nothing of an article before it (a thread's title at most): the first post is
        # the article, and the replies start at the next byline
        first = _next_byline(blocks, shapes, first, min(reach, end + 1))
        if first is None:
            return end
    cut = first - 1
    while cut > start and not shapes[cut].prose:
        cut -= 1  # the section's header and the first author's name go with it
    return cut


def _byline_series(blocks: list[Block], shapes: list[Shape], start: int, reach: int) -> int | None:
    """The first byline of a series of them, with prose between each two; they come at a
    steady pace (an article's own dateline, far above the first comment, is not one)."""
    marks = [i for i in range(start, reach) if shapes[i].clock and not blocks[i].dropped and not _under_headline(shapes, i)]
    for k in range(len(marks) - _MIN_BYLINES + 1):
        series = marks[k : k + _MIN_BYLINES]
        if any(b - a > _BYLINE_SPAN for a, b in zip(series, series[1:])):
            continue
        if all(any(shapes[j].prose for j in range(a + 1, b)) for a, b in zip(series, series[1:])):
            return None if _one_voice(blocks, marks[k:]) else series[0]
    return None


#: in a live blog, the newsroom's name is on at least this share of the dated lines
_ONE_VOICE = 0.8
_NOT_NAME = re.compile(r"[\d\W_]+")


def _one_voice(blocks: list[Block], marks: list[int]) -> bool:
    """Whether the dated lines from the series on all carry the same words once the date
    and time are taken out ("11:14 Gavin Byrne", "11:07 Gavin Byrne"): the updates of a
    live blog, written by its reporter; readers' comments come from many names. What is
    left must be a name: two words or more, each capitalised ("2 days ago at 07:52" and
    "17:42 Uhr" leave none)."""
    names = Counter(_NOT_NAME.sub(" ", blocks[i].text).strip() for i in marks)
    name, count = names.most_common(1)[0]
    words = name.split()
    return count >= _ONE_VOICE * len(marks) and len(words) >= 2 and all(w[0].isupper() for w in words)


def _next_byline(blocks: list[Block], shapes: list[Shape], first: int, stop: int) -> int | None:
    """The byline after the post that starts at ``first``, once prose came between."""
    seen_prose = False
    for j in range(first + 1, stop):
        if shapes[j].prose:
            seen_prose = True
        elif seen_prose and shapes[j].clock and not blocks[j].dropped:
            return j
    return None


def _under_headline(shapes: list[Shape], i: int) -> bool:
    """Whether the dated line ``i`` sits under a headline: the date of a teaser for another
    article, set into this one; a comment's date sits under its author's name, or prose."""
    if i == 0:
        return False
    prev = shapes[i - 1]
    return not prev.prose and prev.words > _NAME_WORDS


#: an author's name, with "says:" and the like, is at most this many words
_NAME_WORDS = 5
#: a comment heading has the first comment's byline this close under it (in blocks)
_HEADING_REACH = 4


def _headed_comments(blocks: list[Block], shapes: list[Shape], start: int, end: int, reach: int) -> int | None:
    """A heading that a comments rule dropped, with a dated byline and then prose under it."""
    for i in range(start, end + 1):
        if blocks[i].category != "comments" or not (blocks[i].rule or "").startswith("comments."):
            continue
        for j in range(i + 1, min(reach, i + 1 + _HEADING_REACH)):
            if shapes[j].clock and not blocks[j].dropped:
                if any(s.prose for s in shapes[j + 1 : j + 1 + _HEADING_REACH]):
                    return i
                break
    return None


#: a paragraph at the end of the run, this many lines or more below the prose above it,
#: is a box of its own (see :func:`cut_last_box`)
_BOX_GAP = 3


def cut_last_box(blocks: list[Block], shapes: list[Shape], start: int, end: int) -> int:
    """The last block of the run without a box at its end: a single paragraph that stands
    apart, several lines below the article's prose (an author's bio under "Über den Autor",
    an app or newsletter promotion, the publisher's self-description); the article ends at
    its last paragraph above the gap."""
    last = next((i for i in range(end, start - 1, -1) if shapes[i].prose and blocks[i].category is None), None)
    if last is None:
        return end
    prev = next((i for i in range(last - 1, start - 1, -1) if shapes[i].prose and blocks[i].category is None), None)
    if prev is None or last - prev - 1 < _BOX_GAP:
        return end
    if shapes[last].words >= sum(s.words for s in shapes[start : prev + 1] if s.prose):
        return end  # the article itself, under a lead and its byline
    if _widest_gap(blocks, shapes, start, prev) >= last - prev - 1:
        return end  # the article's paragraphs stand this far apart all along (teasers between)
    gap = [i for i in range(prev + 1, last) if blocks[i].category is None]
    if sum(map(partial(_content_line, blocks, shapes), gap)) * 3 > len(gap):
        return end  # a list, a table or questions between them: the article goes on
    return prev


def _widest_gap(blocks: list[Block], shapes: list[Shape], start: int, end: int) -> int:
    """The most lines between two consecutive paragraphs of ``[start, end]``."""
    widest, above = 0, None
    for i in range(start, end + 1):
        if shapes[i].prose and blocks[i].category is None:
            if above is not None:
                widest = max(widest, i - above - 1)
            above = i
    return widest


def _content_line(blocks: list[Block], shapes: list[Shape], i: int) -> bool:
    """Whether line ``i`` is a list item, a content line or a short sentence."""
    b, s = blocks[i], shapes[i]
    return s.info or _list_marked(b.text) or b.text.rstrip(_CLOSERS).endswith(_CLOSING)


def _comment_form(blocks: list[Block], start: int, end: int) -> int | None:
    """A comment form's notice ("Your email address will not be published") that a rule
    dropped inside the run: what follows it is the comments (or the footer), never the
    article, whether or not the comments carry a date."""
    for i in range(start, end + 1):
        if blocks[i].rule == _FORM_NOTICE:
            return i
    return None


_FORM_NOTICE = "comments.form-notice"


def _list_intro(block: Block) -> bool:
    return block.text.endswith(":")


def short_clusters(blocks: list[Block], shapes: list[Shape], start: int, end: int) -> None:
    """Inside the run, drop runs of three or more short non-prose lines (menus, widgets,
    tag lists); single short lines between paragraphs are kept (subheadings, datelines).
    A cluster right after a line ending in a colon, or whose first line ends in one, is a
    list and is kept, and so is one whose every line carries content (see :func:`_is_info`)
    and a table of facts or a verse inside a cluster (see :func:`_outside_lists`).

    Blocks already dropped neither end a cluster nor count in it: cleaning the body
    again (where they are gone) must see the same clusters.
    """
    i = start
    apart: bool | None = None  # whether every line stands apart (see :func:`_outside_lists`)
    while i <= end:
        if blocks[i].dropped or shapes[i].prose:
            i += 1
            continue
        members = [i]
        j = i
        while j + 1 <= end and not shapes[j + 1].prose:
            j += 1
            if not blocks[j].dropped:
                members.append(j)
        prev = i - 1
        while prev >= start and blocks[prev].dropped:
            prev -= 1
        # introduced by the line above it, or by its own first line ("Zutaten:")
        introduced = prev >= start and _list_intro(blocks[prev]) or _list_intro(blocks[members[0]])
        marked = [k for k in members if _LIST_MARK.match(blocks[k].text)]
        if len(members) >= 3 and not introduced:
            if marked:
                # a marked list stays, with the heading line just above its items;
                # the rest of the cluster goes if it is a cluster on its own
                heads = {a for a, b in zip(members, members[1:]) if b in marked}
                others = [k for k in members if k not in heads and k not in marked]
                doomed = others if len(others) >= 3 else []
            elif all(shapes[k].info for k in members):
                doomed = []  # every line says something (facts, quantities, phrases): a list
            else:
                if apart is None:
                    apart = len(set(map(_GROUP, blocks))) == len(blocks)
                doomed = _outside_lists(blocks, shapes, members, apart)
            for k in doomed:
                blocks[k].drop("boilerplate", "structure.short-cluster")
        else:
            for k in members:
                if k == i and introduced and _list_intro(blocks[k]):
                    continue  # the list's own heading ("Pros:"), however often the page repeats it
                if shapes[k].repeated or blocks[k].link_density > 0.5:
                    blocks[k].drop("boilerplate", "structure.link-label")
        i = j + 1


#: a table of facts, or a verse of phrases, has at least this many lines
_LIST_LINES = 3


def _outside_lists(blocks: list[Block], shapes: list[Shape], members: list[int], apart: bool) -> list[int]:
    """The lines of a cluster that are not in a list of its own: a visual group whose
    every line is a fact ("Brennweite in mm: 180", a key without a value "Öffnung in mm:"),
    or a phrase in the words of a language (the lines of a song or poem, the steps of an
    instruction); a menu or a widget next to it in the same cluster still goes. In a text
    whose every line stands ``apart`` (a body, cleaned again), lines in a row stand for a
    group."""
    kinds = {k: _list_kind(blocks, shapes, k) for k in members}
    rows: list[list[int]] = []
    for k in members:
        last = rows[-1][-1] if rows else None
        if last is not None and (blocks[k].group == blocks[last].group or apart and kinds[k] == kinds[last]):
            rows[-1].append(k)
        else:
            rows.append([k])
    doomed: list[int] = []
    for ks in rows:
        row_kinds = {kinds[k] for k in ks}
        if len(ks) < _LIST_LINES or len(row_kinds) != 1 or 0 in row_kinds:
            doomed += ks
    return doomed


def _list_kind(blocks: list[Block], shapes: list[Shape], k: int) -> int:
    """1 for a fact line, 2 for a phrase line, 0 for neither."""
    if _fact_line(blocks[k].text):
        return 1
    return 2 if _phrase_line(blocks[k], shapes[k]) else 0


def _fact_line(text: str) -> bool:
    return text.endswith(":") or ":" in text and _KEY_VALUE.match(text) is not None


def _phrase_line(block: Block, shape: Shape) -> bool:
    """A line of 8 words or more in the words of a language (see :func:`_says_something`),
    shown once, and not written as a headline (a list of teasers is)."""
    return (
        not shape.repeated
        and shape.words >= 8
        and shape.stop_ratio >= _PHRASE_STOP_RATIO
        and not _title_cased(block.text)
    )


#: a standfirst has at least this many words: a headline-like line shorter than this above
#: the article is a kicker, a section name or the headline itself
_LEAD_WORDS = 8


def find_lead(blocks: list[Block], shapes: list[Shape], start: int, headline: int | None) -> int:
    """The run's first block, taking in the lead (standfirst) just above it: a long line
    that is not a sentence ("Seit November ausgefallener Sender wieder aktiv – Erfreuliche
    Flugdaten"), that no rule dropped, and that is not the page's headline. Whether the
    headline itself stands above it does not matter, so the lead stays when the body is
    cleaned again (where it is the first line)."""
    i = start - 1
    if i < 0 or i == headline:
        return start
    b, s = blocks[i], shapes[i]
    if b.category is not None or s.repeated or not _lead_shaped(b, s) or not is_heading_like(b, s):
        return _standfirst(blocks, shapes, start, headline)
    if i == 0 or i - 1 == headline:
        return i  # under the headline, or first in the text (a body cleaned again)
    above = next((k for k in range(i - 1, max(-1, i - 4), -1) if blocks[k].category is None), None)
    if above is None or shapes[above].prose or not is_heading_like(blocks[above], shapes[above]):
        return start  # nothing headline-like above it: it is the headline itself
    return i


def _lead_shaped(block: Block, shape: Shape) -> bool:
    """Whether a line could be a standfirst: long enough, and not a byline or dateline."""
    if shape.words < _LEAD_WORDS or shape.clock or block.link_density > 0.3:
        return False
    return shape.words > 12 or not (_DATELINE.search(block.text) or _BYLINE.match(block.text))


def _standfirst(blocks: list[Block], shapes: list[Shape], start: int, headline: int | None) -> int:
    """The first line under the headline, when only bylines, datelines and dropped lines
    (share buttons, picture credits) stand between it and the article: the standfirst,
    even when the page shows it twice (its description repeats it); else ``start``."""
    if headline is None or not 1 < start - headline <= _TITLE_REACH:
        return start
    k = next((j for j in range(headline + 1, start) if blocks[j].category is None and not _byline_like(blocks[j], shapes[j])), start)
    if k == start or not _lead_shaped(blocks[k], shapes[k]) or _title_cased(blocks[k].text):
        return start  # nothing, or a second headline ("Russia and Syria: Forces Block Return")
    if not all(_byline_like(blocks[j], shapes[j]) for j in range(k + 1, start) if blocks[j].category is None):
        return start  # something else between them: not the article's top
    return k


#: a line with at least this share of capitalised words is written as a headline
_TITLE_CASE = 0.7


def _title_cased(text: str) -> bool:
    """Whether most words start with a capital: a headline's style, never a sentence's (a
    German sentence capitalises its nouns, about a third of its words)."""
    words = text.split()
    return sum(w[:1].isupper() for w in words) >= _TITLE_CASE * len(words)


def _byline_like(block: Block, shape: Shape) -> bool:
    """A byline, dateline or fact line ("Lesedauer: 8 Min.") between headline and article."""
    if shape.prose or shape.words > 12:
        return False
    return shape.clock or shape.info or _DATELINE.search(block.text) is not None or _BYLINE.match(block.text) is not None


#: the closing sentence of an article ends with one of these, before closing quotes
_CLOSING = (".", "!", "?", "…", "।")
_CLOSERS = "'\"’”“»«)]"


def find_tail(blocks: list[Block], shapes: list[Shape], end: int, rules_pass: RulePass | None = None) -> int:
    """The run's last block, taking in a short closing sentence just under it ("Ich hoffe
    euch gefällt der Relaunch."): too short to be prose by itself, but a sentence, in words
    of the text's language, not a label; or a line ending in a colon ("Das Konzeptpapier
    finden Sie hier:", "So geht's:") with the items it introduces (see :func:`_intro_tail`)."""
    i = end + 1
    if i >= len(blocks):
        return end
    if rules_pass is not None:
        rules_pass.run(i, min(len(blocks) - 1, i + _TAIL_ITEMS), confined=True)
    if blocks[end].text.endswith(":"):
        return _intro_tail(blocks, shapes, end, end)  # the run ends with the list's intro
    b, s = blocks[i], shapes[i]
    if b.category is not None or s.repeated or s.clock or b.link_density > 0.3:
        return end
    if b.text.endswith(":"):
        return _intro_tail(blocks, shapes, i, end)
    if s.prose or s.words < 3 or s.words > 20:
        return end
    if not b.text.rstrip(_CLOSERS).endswith(_CLOSING) or ALL_STOPWORDS.isdisjoint(_tokens(b)):
        return end
    return i


#: a colon line under the article introduces at most this many items
_TAIL_ITEMS = 12


def _intro_tail(blocks: list[Block], shapes: list[Shape], i: int, end: int) -> int:
    """Under the article, a line ending in a colon and the items it introduces: list items,
    content lines, sentences or phrases (a step list, the link to a document), up to the
    first label; a colon line over labels ("Teilen Sie dies mit:", "Tags:") is not body."""
    if shapes[i].words > 20:
        return end
    j = i + 1
    while j < min(len(blocks), i + 1 + _TAIL_ITEMS):
        b, s = blocks[j], shapes[j]
        if b.category is not None or s.repeated or s.clock or b.link_density > 0.3 or not _says_something(b, s):
            break
        j += 1
    return j - 1 if j > i + 1 else end


#: a line of 8 words or more that is not prose still says something when this share of
#: its words or more are function words (a phrase, a step, the title of a document)
_PHRASE_STOP_RATIO = 0.12


def _says_something(block: Block, shape: Shape) -> bool:
    """Whether a line carries content: prose, a list item, a short content line (see
    :func:`_is_info`) or a longer line in the words of a language."""
    if shape.prose or shape.info or _list_marked(block.text):
        return True
    return shape.words >= 8 and shape.stop_ratio >= _PHRASE_STOP_RATIO


def find_title(blocks: list[Block], shapes: list[Shape], start: int, headline: int | None) -> int | None:
    """The headline to report: an explicit ``h1`` from HTML, else the block that repeats the
    page's first line, else the last heading-like block shortly before the article run."""
    h1 = [i for i in range(min(start, len(blocks))) if blocks[i].kind == "h1"]
    if h1:
        return h1[-1]
    if headline is not None and headline < start:
        return headline
    # no <title> line to compare with: the longest heading-like line just above the run
    # (a dateline or byline sits there too, but is shorter than a headline)
    best, best_score = None, 0.0
    for i in range(start - 1, max(-1, start - 8), -1):
        b, s = blocks[i], shapes[i]
        if b.dropped or s.words < 3 or not is_heading_like(b, s):
            continue
        score = min(s.words, 12) / 12 + (0.2 if i == start - 1 else 0.0)
        if score > best_score:
            best, best_score = i, score
    return best


def mark_bylines(blocks: list[Block], shapes: list[Shape], title: int, start: int, lead: int = -1) -> None:
    """Between the headline and the article: bylines and datelines are metadata, and so
    are fact lines ("Lesedauer: 8 Min.") under a standfirst ``lead``, which is body."""
    for i in range(title + 1, min(start, title + 8)):
        b, s = blocks[i], shapes[i]
        if b.dropped or s.prose or s.words > 12 or i == lead:
            continue
        if s.clock or i > lead >= 0 and s.info or _DATELINE.search(b.text) or _BYLINE.match(b.text):
            b.drop("metadata", "structure.byline")


def classify(blocks: list[Block], rules: RuleSet) -> int | None:
    """Fill every block's verdict and category; return the index of the headline block
    (or ``None``). :func:`classify_body` with its naming step run at once."""
    title, finish = classify_body(blocks, rules)
    finish()
    return title


def classify_body(blocks: list[Block], rules: RuleSet) -> tuple[int | None, Callable[[], None]]:
    """Decide which blocks are the body; return the headline's index and a function that
    names (categorises) the dropped blocks (``_naming``), which never changes what is
    dropped.

    Presets and rules apply to every input. Blocks from HTML carry the DOM stage's
    main-content score, which already encodes position and container; plain text has only
    line shapes, so its article is found as the best run of prose, and the rules are
    tried on the run first (see :func:`_classify_by_shape`). Structural signals that
    ``disable`` switched off (by id or category) drop nothing.
    """
    from ._naming import name_removed

    off = rules.off_signals
    for b in blocks:
        if b.preset is not None and b.preset[1] not in off:
            b.drop(*b.preset)
    if any(b.dom_score is not None for b in blocks):
        apply_rules(blocks, rules)
        title = _classify_by_dom(blocks)
        if off:
            _keep_switched_off(blocks, off)
        return title, partial(name_removed, blocks, rules, None)
    title, rules_pass = _classify_by_shape(blocks, rules)
    if off:
        _keep_switched_off(blocks, off)
    return title, partial(name_removed, blocks, rules, rules_pass)


def _keep_switched_off(blocks: list[Block], off: frozenset[str]) -> None:
    """Keep what only a switched-off structural signal dropped: a block it dropped, and an
    HTML block under a switched-off preset that only its low score dropped (the preset is
    what made the score low)."""
    for b in blocks:
        if b.rule in off or (b.rule == "html.low-score" and b.preset is not None and b.preset[1] in off):
            b.keep()


#: HTML blocks scoring below this are outside the article (see ``_html_blocks``).
DOM_KEEP = 0.5


def _classify_by_dom(blocks: list[Block]) -> int | None:
    title = None
    for i, b in enumerate(blocks):
        if b.category == "title" and title is None:
            title = i
        if b.dom_score is not None and b.dom_score < DOM_KEEP:
            b.drop("boilerplate", "html.low-score")
    return title


#: rules are tried on this many blocks above the article run too: the headline, byline and
#: dateline are looked for there
_TITLE_REACH = 8
#: after this many rounds of "find the run, try the rules on it", the rules are tried on
#: every block: the rounds stay few whatever the page
_MAX_ROUNDS = 4


def _classify_by_shape(blocks: list[Block], rules: RuleSet) -> tuple[int | None, RulePass]:
    """Find the article run; rules are tried only where they can change the body.

    Rules are what costs most, and most blocks of a page are far from its article. So the
    run is found first, the rules are tried on it (and just above it), and the run is
    found again with what they dropped, until it only holds blocks the rules have seen.
    Blocks outside the run are dropped by structure; ``_naming`` names them
    (by the rules) afterwards, which does not change the body.
    """
    shapes = measure_all(blocks)
    headline = find_headline(blocks, shapes)
    rules_pass = RulePass(blocks, rules)
    start, end = _article_run(blocks, shapes, headline)
    for round_ in range(1, _MAX_ROUNDS + 1):
        lo = start - _TITLE_REACH if end >= start else 0
        hi = end if end >= start else len(blocks) - 1
        if round_ == _MAX_ROUNDS:
            lo, hi = 0, len(blocks) - 1
        if not rules_pass.unchecked(lo, hi):
            break
        if rules_pass.run(lo, hi) == 0:
            break  # nothing dropped: the values, and so the run, stay as they are
        start, end = _article_run(blocks, shapes, headline)
    body_start = start  # where the run starts, before the lead above it is taken in
    if end >= start:
        start, end = _settle_run(blocks, shapes, start, end, headline, rules_pass)
    title = find_title(blocks, shapes, start if end >= start else len(blocks), headline)
    if title is not None:
        blocks[title].drop("title", "structure.title")
        mark_bylines(blocks, shapes, title, max(start, body_start), lead=start)
    for b in blocks[:start] if end >= start else blocks:
        if b.category is None:  # Block.drop, inline: this runs for most lines of a page
            b.category, b.rule = "boilerplate", _OUTSIDE
        b.tokens = None  # needed no more: a page's words would outlive its cleaning
    for b in blocks[end + 1 :] if end >= start else ():
        if b.category is None:
            b.category, b.rule = "boilerplate", _OUTSIDE
        b.tokens = None
    if end >= start:
        # a standfirst taken in above bylines is not one of the cluster of them
        short_clusters(blocks, shapes, start + (start < body_start), end)
        for b in blocks[start : end + 1]:
            b.tokens = None
    return title, rules_pass


def _settle_run(
    blocks: list[Block], shapes: list[Shape], start: int, end: int, headline: int | None, rules_pass: RulePass
) -> tuple[int, int]:
    """The article's first and last block: the run with its lead and closing lines taken
    in, and the comment section and a box at its end cut off."""
    start = find_lead(blocks, shapes, start, headline)
    end = find_tail(blocks, shapes, end, rules_pass)
    run_end = end
    end = cut_comments(blocks, shapes, start, end)
    for i in range(end + 1, run_end + 1):
        blocks[i].drop("comments", "structure.comments")
    return start, cut_last_box(blocks, shapes, start, end)


_OUTSIDE = "structure.outside-article"
_TEXT = attrgetter("text")
_GROUP = attrgetter("group")


#: the compiled text module (``_ctext.pyx``), or ``None`` (see ``_rules.load_compiled``)
_ctext = load_compiled("_ctext")
if _ctext is not None:
    _ctext.bind_shapes(globals())
