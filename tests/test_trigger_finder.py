"""A long block's trigger words are found by one regex instead of cutting it into words
(issue 14): the rules it is tried against must be exactly the same."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import load_rules
from cleaner._rules import _FIND_WORDS, trie_pattern, key_finder, tokens_of

RULES = load_rules()


def _both(text: str) -> tuple[int, int]:
    """The trigger mask by the finder (no words given) and by the words."""
    low = text.casefold()
    words = len(text.split())
    return RULES._trigger_mask(text, None, low, words), RULES._trigger_mask(text, tokens_of(low), low, words)


@pytest.mark.parametrize("words", [["a", "ab", "abc", "b"], ["share", "shar", "s"], ["über", "ü"], ["a.b"]])
def test_trie_matches_exactly_its_words(words: list[str]):
    trie = re.compile(trie_pattern(words))
    for w in [*words, "", "x", "abcd", "sha", "shared", "übe", "a-b", "ab."]:
        assert (trie.fullmatch(w) is not None) == (w in words), w


def test_finder_finds_whole_words_that_start_with_a_key():
    finder = key_finder(["shar", "by"])
    assert finder.findall("time-share sharing timeshare _share 2share by bye abys") == ["share", "sharing", "by", "bye"]


def test_every_rule_example_meets_the_same_rules_in_a_long_block():
    filler = " ".join(["word"] * _FIND_WORDS)
    for rule in RULES:
        for ex in (*rule.examples, *rule.counter_examples):
            for text in (f"{filler} {ex}", f"{ex} {filler}", f"{filler}, {ex}. {filler}"):
                finder, words = _both(text)
                assert finder == words, (rule.id, text)


_TRIGGERS = sorted({t for r in RULES for t in r.triggers})
_PIECES = st.sampled_from([*_TRIGGERS, " ", "-", "_", "2", "’", "ü", "ß", "É", "x", ".", "„", "İ"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=_FIND_WORDS * 2, max_size=200))
def test_finder_and_words_agree_on_any_text(pieces: list[str]):
    text = " ".join(["w"] * _FIND_WORDS) + " " + "".join(pieces)
    finder, words = _both(text)
    assert finder == words
