"""The plain-text hot path's shortcuts (issue 14) give exactly what the long way gives."""

from __future__ import annotations

from collections import Counter

from cleaner._decode import _CONTROL, _CONTROL_OR_SURROGATE, _SURROGATE, clean_controls
from cleaner._scoring import _CJK, _GROUP, _HIGH, _TEXT, measure, measure_all
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
