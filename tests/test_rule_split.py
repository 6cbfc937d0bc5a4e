"""A long alternation is searched one branch at a time (issue 14): never a different answer.

``A|B`` matches somewhere exactly when ``A`` or ``B`` does; the cut is only made where the
branches cannot depend on each other, and it must give the same verdict as the whole
pattern on every text.
"""

from __future__ import annotations

import pytest
import regex

from cleaner import load_rules
from cleaner._rules import SPLIT_ALTERNATIVES, LazyPattern, split_alternatives


@pytest.mark.parametrize(
    "source, parts",
    [
        (r"(?i)a|b", [r"(?i)(?:a)", r"(?i)(?:b)"]),
        (r"(?i)(?:a|b(?:c|d))", [r"(?i)(?:a)", r"(?i)(?:b(?:c|d))"]),
        (r"a\|b|[|)]c", [r"(?:a\|b)", r"(?:[|)]c)"]),
        (r"[]|]x|y", [r"(?:[]|]x)", r"(?:y)"]),
        ("(?ix)(?:\n  a\n | b\n)", ["(?ix)(?:\n  a\n )", "(?ix)(?: b\n)"]),
    ],
)
def test_split_cuts_at_top_level_bars_only(source: str, parts: list[str]):
    assert split_alternatives(source) == parts


@pytest.mark.parametrize(
    "source",
    [
        r"(a)|\1",  # a back-reference ties the branches together
        r"(?P<x>a)|(?P=x)",
        r"(?(1)a|b)",  # a conditional
        r"a(*SKIP)(*FAIL)|b",  # a control verb changes where the search goes on
        r"a|(?i)b",  # a flag set mid-pattern applies to every branch
        "(?x)a # one | two\n|b",  # a comment
        r"[[:alpha:]]|b",  # a nested set
        r"(?:a)(?:b|c)",  # one branch only
        r"(?:a|b)c",
        r"a|(b",  # unbalanced
        "a|b\\",
    ],
)
def test_split_refuses_what_it_cannot_cut_safely(source: str):
    assert split_alternatives(source) is None


def test_the_cut_is_taken_for_long_alternations_only():
    long = LazyPattern("|".join(f"w{i}x" for i in range(SPLIT_ALTERNATIVES)))
    short = LazyPattern("|".join(f"w{i}x" for i in range(SPLIT_ALTERNATIVES - 1)))
    assert long.found("a w3x b") is not None and short.found("a w3x b") is not None
    assert long.found("nothing") is None and short.found("nothing") is None
    assert long.__dict__["found"] != long.compiled().search
    assert short.__dict__["found"] == short.compiled().search


def test_every_shipped_pattern_gives_the_same_verdict_cut_or_whole():
    """On every example and counter-example of every shipped rule (each rule's texts and
    all the others': a cut that misfires shows on texts the rule was not written for)."""
    rules = load_rules()
    texts = [t for r in rules for t in (*r.examples, *r.counter_examples)]
    cut = 0
    for rule in rules:
        for p in (rule.pattern, rule.until, rule.hints):
            if p is None:
                continue
            whole = regex.compile(p.pattern)
            fresh = LazyPattern(p.pattern)
            cut += len(split_alternatives(p.pattern) or ()) >= SPLIT_ALTERNATIVES
            for text in texts:
                assert (fresh.found(text) is not None) == (whole.search(text) is not None), (rule.id, text)
    assert cut > 0  # the long prose appeals are cut
