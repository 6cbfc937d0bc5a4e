"""The plain-text hot path's shortcuts (issue 14) give exactly what the long way gives."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import _scoring as S
from cleaner._decode import _CONTROL, _CONTROL_OR_SURROGATE, _SURROGATE, clean_controls
from cleaner._scoring import _CJK, _GROUP, _HIGH, _TERMINAL, _TEXT, _terminal, measure, measure_all, values
from cleaner._text_blocks import text_blocks

#: every code point but the surrogates, in one string
_ALL = "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)]))


def test_the_cjk_precheck_lets_every_cjk_character_through():
    """``_HIGH`` may skip the script classes only where no CJK character can be."""
    assert _CJK.search(_HIGH.sub("", _ALL)) is None
    assert _HIGH.search("„Zitat“ – 20 € … ½") is None  # European punctuation skips the check


def test_one_scan_finds_what_the_two_scans_find():
    for ch in (*map(chr, range(0x80)), "\ud800", "\udfff", "é", "\u2028"):
        assert (_CONTROL_OR_SURROGATE.search(ch) is not None) == (
            _CONTROL.search(ch) is not None or _SURROGATE.search(ch) is not None
        ), repr(ch)
    assert clean_controls("a\x00b\ud800c\x0cd\x7fe") == "ab\ufffdc\nde"
    assert clean_controls("e\u0301 plain") == "\u00e9 plain"


PAGE = """Home
News
Sport

Home
News
Sport

Menu
Ein langer Absatz mit vielen Wörtern, der wie ein Artikel aussieht und einen Satz beendet.
Ein langer Absatz mit vielen Wörtern, der wie ein Artikel aussieht und einen Satz beendet.
200 g Zucker
200 g Zucker
Posted 12:30
Posted 12:30

Menu
"""


def test_measure_all_gives_every_block_the_shape_measure_gives():
    blocks = text_blocks(PAGE)
    repeats = Counter(map(_TEXT, blocks))
    groups = Counter(map(_GROUP, blocks))
    want = [measure(b, repeats, groups) for b in text_blocks(PAGE)]
    got = measure_all(blocks)
    assert got == want
    # copies in groups of different sizes are measured apart ("Menu" alone, and in a group of 3+)
    menus = [i for i, b in enumerate(blocks) if b.text == "Menu"]
    assert got[menus[0]].big_group != got[menus[1]].big_group


@pytest.mark.parametrize(
    "text",
    ["Ends here.", "Ends here.)", "Ends here.”", "Quote: »x«", "No end", "", ".", ")", "a.\n", "a.\n\n", "Ja！", "a. b", "a.' )", "a:)"],
)
def test_terminal_is_the_terminal_regex(text: str):
    assert _terminal(text) == (_TERMINAL.search(text) is not None)


@given(st.text(alphabet=st.sampled_from([*"a .!?…:;。！？'\"’”»)]\n\t", "x"]), max_size=12))
def test_terminal_is_the_terminal_regex_on_any_text(text: str):
    assert _terminal(text) == (_TERMINAL.search(text) is not None)


def _values_reference(blocks, shapes, headline):  # type: ignore[no-untyped-def]
    """What ``values`` computes, written the plain way."""
    out, gap, anchor, before = [], 0, headline is not None, -1 if headline is None else headline
    for i, (block, shape) in enumerate(zip(blocks, shapes)):
        if block.category is not None:
            v = S._DROPPED_VALUE
            gap += 1
        elif shape.prose and not shape.repeated:
            v = shape.pull
            if i < before:
                v *= S._BEFORE_HEADLINE
            elif anchor and i - before <= S._ANCHOR_REACH:
                v += S._ANCHOR_BONUS
                anchor = False
            gap = 0
        elif shape.info and not shape.repeated:
            v = S._INFO_VALUE
        else:
            v = shape.pull * (1.0 + S._GAP_GROWTH * gap)
            gap += 1
        out.append(v)
    return out


@pytest.mark.parametrize("headline", [None, 0, 3, 7])
def test_values_is_the_plain_computation(headline: int | None):
    blocks = text_blocks(PAGE + "\nShare\nA closing line of the article that ends here.\n\nx\ny\nz")
    shapes = measure_all(blocks)
    blocks[2].drop("navigation", "test")
    assert values(blocks, shapes, headline) == _values_reference(blocks, shapes, headline)
