"""Stage 1 (decode): Unicode normalization by slices gives what normalizing the whole text
gives, wherever the slices fall."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner._decode import _NFC_OVERLAP, _NFC_SLICE, nfc

#: pieces that normalization changes or must keep together: combining marks of several
#: classes (reordered, composed), "<" and "=" with the long solidus (they compose: "≮",
#: "≠"), Hangul jamo (composed into syllables), a composition exclusion, singletons
_PIECES = [
    "e", "a", "<", "=", ">", " ", "\n", "\t", "x", "Z",
    "\u0301", "\u0308", "\u0327", "\u0323", "\u0338", "\u0345", "\u05b0",
    "é", "e\u0301", "A\u030a", "\u212b", "\u2126", "\u1100", "\u1161", "\u11a8", "\uac00",
    "\u0915\u093c", "\u0958", "中", "文", "ß", "\U0001d15e", "\u0f73",
]


def _pieces(least: int) -> st.SearchStrategy[str]:
    piece = st.sampled_from(_PIECES)
    run = st.builds(lambda p, n: p * n, st.sampled_from(["中", "\u0301", "é", "e\u0301", "\u1100\u1161"]), st.integers(1, 3000))
    return st.lists(st.one_of(piece, piece, piece, run), min_size=least, max_size=400).map("".join)


@settings(max_examples=300, deadline=None)
@given(_pieces(1))
def test_nfc_by_slices_is_nfc_of_the_whole(text: str) -> None:
    assert nfc(text) == unicodedata.normalize("NFC", text)


def test_a_minified_page_with_one_decomposed_accent() -> None:
    """One long line of markup (a minified page) and one accent written as two characters:
    the accent is composed, nothing else changes."""
    markup = "<div class=a>" + "<span>caf</span>" * 20_000
    text = markup + "<p>cafe\u0301 \u4e2d\u6587</p>" + markup
    out = nfc(text)
    assert out == unicodedata.normalize("NFC", text)
    assert out == markup + "<p>café \u4e2d\u6587</p>" + markup


def test_the_stretch_ends_before_a_letter_and_its_marks() -> None:
    """The first ASCII character after a slice that is not normal is a letter with an
    accent after it: the stretch normalized ends before the letter, not between the two."""
    text = "中" * 500 + "e\u0301" + "中" * 598 + "e\u0301" + "中" * 100
    assert nfc(text) == unicodedata.normalize("NFC", text)
    text = "e\u0301" + "中" * (_NFC_SLICE + 40) + "<\u0338" + "中" * 10  # "≮" from "<"
    assert nfc(text) == unicodedata.normalize("NFC", text)


def test_a_long_run_without_ascii_is_normalized_whole() -> None:
    """No ASCII character to cut at for many slices: the stretch falls back to line breaks
    and the text's start, and still comes out as the whole text's normal form."""
    cjk = "\u4e2d" * (3 * _NFC_SLICE)
    for text in (cjk + "\u0301" + cjk, cjk + "\n" + cjk + "e\u0301" + cjk, "\u1100" + "\u1161" * (_NFC_SLICE + _NFC_OVERLAP)):
        assert nfc(text) == unicodedata.normalize("NFC", text)


def test_normal_text_is_returned_as_it_is() -> None:
    text = ("Grüße aus Köln, 中文 " * 500) + "\n"
    assert nfc(text) is text
