"""The rule stage: loading and validation of rule files, and every shipped example."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from cleaner import Cleaner, RuleError, clean, load_rules
from cleaner._model import CATEGORIES
from cleaner._rules import RuleWarning, check_rule_examples, default_rules_dir, parse_rule_file

SHIPPED = load_rules(check_examples=False)
SHIPPED_FILES = sorted(default_rules_dir().glob("*.toml"))


def test_shipped_rules_load_and_cover_the_categories():
    cats = {r.category for r in SHIPPED}
    required = {"donation", "newsletter", "navigation", "cookies", "share", "paywall", "related", "comments", "legal", "ads"}
    assert required <= cats


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=[p.name for p in SHIPPED_FILES])
def test_one_file_per_category(path):
    rules = parse_rule_file(path)
    assert rules, f"{path.name} has no rules"
    assert {r.category for r in rules} <= set(CATEGORIES)


@pytest.mark.parametrize("rule", list(SHIPPED), ids=[r.id for r in SHIPPED])
def test_shipped_rule_examples(rule):
    """Every example matches and no counter-example does (one test per shipped rule)."""
    assert rule.examples, "a shipped rule needs examples"
    check_rule_examples(rule)


def test_rules_cover_eight_languages():
    langs = {lang for r in SHIPPED for lang in r.languages}
    assert {"en", "de", "fr", "es", "it", "pt", "nl", "ru"} <= langs


def write(tmp_path: Path, text: str, name: str = "user.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


GOOD = '''
category = "ads"
[[rules]]
id = "user.promo"
why = "A house advert."
languages = ["en"]
pattern = '(?i)^buy our mugs!?$'
examples = ["Buy our mugs!"]
counter_examples = ["He said: buy our mugs, they are great."]
'''


def test_user_rules_are_applied_with_their_id(tmp_path):
    path = write(tmp_path, GOOD)
    text = "Buy our mugs!\n\n" + "This is a real paragraph of the article, and it has enough words to count as prose. " * 2
    doc = clean(text, rules=[path])
    assert "Buy our mugs" not in doc.body
    assert [(r.category, r.rule) for r in doc.removed if r.text == "Buy our mugs!"] == [("ads", "user.promo")]


def test_rule_directory_is_loaded(tmp_path):
    write(tmp_path, GOOD)
    assert "user.promo" in {r.id for r in load_rules([tmp_path])}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("\nexamples = [", "\nexmaples = ["), "unknown key 'exmaples'"),
        (GOOD.replace("'(?i)^buy our mugs!?$'", "'(?i)^buy (our mugs'"), "'pattern' does not compile"),
        (GOOD.replace('category = "ads"', 'category = "spam"'), "unknown category 'spam'"),
        (GOOD.replace('why = "A house advert."\n', ""), "'why' is required"),
        (GOOD.replace('examples = ["Buy our mugs!"]', 'examples = ["Sell our mugs"]'), "example 'Sell our mugs' is not matched"),
        (GOOD.replace("He said: buy our mugs, they are great.", "Buy our mugs"), "counter-example 'Buy our mugs' is matched"),
        (GOOD + GOOD.replace('category = "ads"', ""), "duplicate rule id"),
        ("this is = not [toml", "not valid TOML"),
        ('colour = "red"', "unknown top-level key 'colour'"),
        (GOOD.replace('languages = ["en"]', "languages = []"), "'languages' is required"),
        (GOOD + 'max_words = "ten"\n', "'max_words' must be a positive integer"),
        (GOOD + "until = 'x'\n", "'until' only makes sense"),
    ],
)
def test_invalid_rule_files_name_file_rule_and_problem(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(RuleError) as err:
        load_rules([path])
    assert message in str(err.value)
    assert str(path) in str(err.value)
    if "rule" in message or "example" in message or "key 'exmaples'" in message:
        assert "user.promo" in str(err.value)


def test_non_utf8_rule_file(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_bytes(b'category = "ads"\n# \xff\xfe\n')
    with pytest.raises(RuleError, match="not UTF-8"):
        load_rules([p])


def test_missing_rule_file(tmp_path):
    with pytest.raises(RuleError, match="no such rule file"):
        Cleaner([tmp_path / "nope.toml"])


def test_disable_category_and_rule_id():
    text = "Support The Moscow Times!\n\n" + "A long enough paragraph that is certainly article prose, with words. " * 3
    assert any(r.category == "donation" for r in clean(text).removed)
    kept = clean(text, disable=["donation"])
    assert not any(r.category == "donation" for r in kept.removed)
    rid = next(r.rule for r in clean(text).removed if r.category == "donation")
    assert not any(r.rule == rid for r in clean(text, disable=[rid]).removed)


def test_disable_rejects_unknown_names_with_the_closest_valid_one():
    from cleaner import InputError

    with pytest.raises(InputError, match=r"'coments'.*did you mean 'comments'"):
        Cleaner(disable=["coments"])
    with pytest.raises(InputError, match="did you mean 'html.outside-main'"):
        clean("Some text.", disable=["html.outside-mian"])
    with pytest.raises(InputError, match="not a category, rule id or structural id"):
        Cleaner(disable=["zzzz-nothing"])
    with pytest.raises(InputError, match="strings"):
        Cleaner(disable=[3])  # type: ignore[list-item]
    assert Cleaner(disable="comments").ruleset.disabled == {"comments"}  # one name, not its letters
    for name in ("comments", "donation.support-us", "html.aside", "structure.title"):
        Cleaner(disable=[name])  # every kind of name is accepted


def test_disable_a_structural_signal_or_its_category_keeps_what_only_it_dropped():
    prose = "The council approved the new budget on Tuesday, after a debate that lasted most of the evening."
    page = (
        f"<html><body><article><h1>Budget passes</h1><p>{prose}</p><p>{prose.replace('Tuesday', 'Friday')}</p>"
        f"<p>{prose.replace('Tuesday', 'Monday')}</p></article><aside><p>Sidebar words that only the aside tag drops here.</p></aside>"
        "<section class='comments'><ol class='comment-list'><li class='comment'><p>I was at that meeting and the debate "
        "really did go on for hours, it was exhausting.</p></li></ol></section></body></html>"
    )
    comment = "I was at that meeting and the debate really did go on for hours, it was exhausting."
    plain = clean(page)
    assert comment not in plain.body and any(r.text == comment and r.category == "comments" for r in plain.removed)
    assert comment in clean(page, disable=["comments"]).body
    assert comment in clean(page, disable=["html.comments"]).body
    assert "Sidebar words" not in plain.body and "Sidebar words" in clean(page, disable=["html.aside"]).body
    text = "\n\n".join(
        [prose, prose.replace("Tuesday", "Friday"), prose.replace("Tuesday", "Monday"),
         "Ana on June 3, 2019 at 6:44 am said:", "What a long meeting that must have been for everybody in the room.",
         "Ben on June 3, 2019 at 7:02 am said:", "I watched the stream and it was exactly as long as they say it was.",
         "Cleo on June 4, 2019 at 9:15 am said:", "Budgets always take this long, and nobody ever learns from it."]
    )
    assert "What a long meeting" not in clean(text, kind="text").body
    assert "What a long meeting" in clean(text, kind="text", disable=["comments"]).body


def test_list_rules_shows_structural_signals(capsys):
    from cleaner._rules import STRUCTURAL
    from cleaner.cli import main

    assert main(["--list-rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    structural = [line.split("\t") for line in lines if "\tstructural\t" in line]
    assert {row[0] for row in structural} == set(STRUCTURAL)
    assert any(line.startswith("donation.donate-now\t") for line in lines)


def test_cli_rejects_unknown_disable_name_with_usage_status(capsys, tmp_path):
    from cleaner.cli import main

    f = tmp_path / "a.txt"
    f.write_text("Some text.", encoding="utf-8")
    assert main(["--disable", "navigation,cookeis", str(f)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "'cookeis'" in err[0] and "did you mean 'cookies'" in err[0]


def test_every_structural_id_is_documented_and_every_documented_id_is_known():
    import re

    from cleaner._rules import STRUCTURAL

    doc = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `((?:html|structure)\.[a-z-]+)` \|", doc, flags=re.M))
    assert documented == set(STRUCTURAL)


def test_region_rule_drops_up_to_its_end(tmp_path):
    path = write(
        tmp_path,
        '''
category = "donation"
[[rules]]
id = "user.appeal"
why = "An appeal."
languages = ["en"]
pattern = '^APPEAL START$'
scope = "region"
until = '^APPEAL END$'
examples = ["APPEAL START"]
''',
    )
    prose = "This paragraph is the article itself, and it is long enough to be prose in any test."
    text = "\n\n".join([prose, "APPEAL START", prose.replace("article", "appeal"), "APPEAL END", prose + " Again."])
    doc = clean(text, rules=[path])
    assert [r.text for r in doc.removed if r.rule == "user.appeal"] == [
        "APPEAL START",
        prose.replace("article", "appeal"),
        "APPEAL END",
    ]


def test_catastrophic_pattern_times_out_and_names_the_rule(tmp_path):
    path = write(
        tmp_path,
        '''
category = "ads"
[[rules]]
id = "user.slow"
why = "Backtracks."
languages = ["*"]
pattern = '(a|aa)+$'
examples = ["aaa"]
''',
    )
    cleaner = Cleaner([path])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = cleaner.clean("a" * 40 + "!", kind="text")
    assert any(issubclass(w.category, RuleWarning) and "user.slow" in str(w.message) for w in caught)
    assert isinstance(doc.body, str)


def test_cli_unknown_disable_name_in_a_real_process(tmp_path):
    import os
    import subprocess
    import sys

    f = tmp_path / "a.txt"
    f.write_text("Some text.", encoding="utf-8")
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    run = subprocess.run([sys.executable, "-m", "cleaner", "--disable", "coments", str(f)], capture_output=True, text=True, env=env)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "did you mean 'comments'" in run.stderr


def test_needed_literals_follow_sequences_groups_and_repeats():
    from cleaner._rules import needed_literals

    assert needed_literals(r"(?i)\bfoo\s+(?:bar|baz)") == ("foo",)  # as selective, fewer strings
    assert needed_literals(r"(?ix)(?:^|[.!?]\s+)(?:please\s+)?(?:donate|give)\s+now") == ("donate", "give")
    assert needed_literals(r"(?:hello)?world") == ("world",)  # an optional group needs nothing
    assert needed_literals(r"(?:ab)+c") == ("ab",)
    assert needed_literals(r"(?i)STRASSE") == ("strasse",)  # case-folded
    assert needed_literals(r"(?:abc|\d+)x") == ("x",)  # one alternative names no literal
    assert needed_literals(r"\d+\s\w+") == ()


def test_needed_literals_leave_out_what_the_stdlib_parser_may_read_otherwise():
    from cleaner._rules import needed_literals

    assert needed_literals(r"(?:colour){e<=1}") == ()  # fuzzy matching (regex module only)
    assert needed_literals(r"[[:alpha:]]+ing") == ()  # a POSIX class
    assert needed_literals(r"\p{Lu}abc") == ()  # does not parse in the stdlib: nothing known


def _gated_branches():
    from cleaner._rules import SPLIT_ALTERNATIVES, needed_literals, split_alternatives

    for rule in SHIPPED:
        parts = split_alternatives(rule.source) if rule.source else None
        if parts and len(parts) >= SPLIT_ALTERNATIVES:
            yield from ((rule, p, needed_literals(p)) for p in parts)


def test_every_gated_branch_match_holds_one_of_its_literals():
    """The gate of a split pattern's branch (see ``_found_any_gated``) never skips a branch
    that matches: checked on every example and counter-example of the shipped rules, as
    written and in capitals."""
    import regex

    texts = [t for r in SHIPPED for t in (*r.examples, *r.counter_examples)]
    texts += [t.upper() for t in texts]
    checked = 0
    for rule, part, needs in _gated_branches():
        if not needs:
            continue  # not gated (a \p{..} class the stdlib cannot parse): always searched
        search = regex.compile(part).search
        for t in texts:
            if search(t) is not None:
                checked += 1
                assert any(n in t.casefold() for n in needs), (rule.id, part[:60], t)
    assert checked > 50


def test_word_trigger_table_gives_the_same_candidates_and_stays_bounded(monkeypatch):
    """The per-word table of trigger bits (``RuleSet._word_bits``) changes no candidate
    list, filled or cleared, and never grows past its bound."""
    import cleaner._rules as rules_mod

    texts = ["Subscribe to our newsletter", "Share on Facebook", "Related articles", "Kommentare (3)", "Read more"]
    fresh = load_rules(check_examples=False)
    first = [fresh.candidates(t) for t in texts]
    assert any(first)
    assert [fresh.candidates(t) for t in texts] == first  # from the table now
    monkeypatch.setattr(rules_mod, "_KNOWN_WORDS", 2)
    small = load_rules(check_examples=False)
    assert [small.candidates(t) for t in texts] == first
    assert all(len(table) <= 2 for table in small._word_bits)


def test_alternatives_answer_alike_before_and_after_their_gates(monkeypatch):
    """A split pattern answers the same while it searches every branch and once its
    branches are gated by their literals (see ``Alternatives``)."""
    import cleaner._rules as rules_mod

    monkeypatch.setattr(rules_mod, "GATE_AFTER", 3)
    rule = next(r for r in SHIPPED if r.id == "donation.appeal-prose")
    split = rules_mod.split_alternatives(rule.source)
    assert split is not None
    texts = [*rule.examples, *rule.counter_examples] * 2
    alternatives = rules_mod.Alternatives(split)
    got = [alternatives(t) is not None for t in texts]
    assert alternatives.gated is not None and all(needs for needs, _ in alternatives.gated)
    assert got == [rule.matches_text(t) for t in texts]
    assert any(got) and not all(got)


HINTED = GOOD.replace("pattern = ", "hints = 'promo'\npattern = ")


class _CountingHints:
    """Stands for the walk's node arrays: counts the blocks whose hints are worked out."""

    def __init__(self, hints: str) -> None:
        self.hints, self.reads = hints, 0

    def block_hints(self, node: int) -> str:
        self.reads += 1
        return self.hints


def _hinted_blocks(source: _CountingHints) -> list:
    from cleaner._model import Block

    blocks = [Block("Buy our mugs!", "p", 0), Block("A plain line of the article.", "p", 1)]
    for b in blocks:
        b.hints, b.hint_src = None, source  # type: ignore[assignment]  # unknown until read
    return blocks


def test_block_hints_are_read_only_by_a_rule_set_that_uses_them(tmp_path):
    from cleaner._scoring import RulePass

    plain = load_rules([write(tmp_path, GOOD)], defaults=True)
    assert not plain.uses_hints  # no shipped rule reads class/id hints
    source = _CountingHints("article promo")
    blocks = _hinted_blocks(source)
    RulePass(blocks, plain).run(0, len(blocks) - 1)
    assert source.reads == 0 and blocks[0].rule == "user.promo"

    hinted = load_rules([write(tmp_path, HINTED)], defaults=False)
    assert hinted.uses_hints
    for hints, dropped in (("article promo", "user.promo"), ("article", None)):
        source = _CountingHints(hints)
        blocks = _hinted_blocks(source)
        RulePass(blocks, hinted).run(0, len(blocks) - 1)
        assert source.reads == 2 and blocks[0].rule == dropped
