"""Blocks from plain text: one per non-empty line, groups split by blank lines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner._text_blocks import _ODD_SPACES, text_blocks


def test_one_block_per_non_empty_line_in_order() -> None:
    blocks = text_blocks("First line.\nSecond line.\n\nThird line.\n")
    assert [b.text for b in blocks] == ["First line.", "Second line.", "Third line."]
    assert all(b.kind == "line" for b in blocks)


def test_blank_lines_separate_groups_and_several_count_once() -> None:
    blocks = text_blocks("Menu\nHome\nNews\n\n\n\nA paragraph.\n   \nAnother one.")
    assert [b.group for b in blocks] == [0, 0, 0, 1, 2]


def test_whitespace_inside_a_line_is_folded() -> None:
    blocks = text_blocks("  tabs\tand\u00a0no-break   spaces  \r\nnext")
    assert [b.text for b in blocks] == ["tabs and no-break spaces", "next"]


def test_empty_and_blank_input_give_no_blocks() -> None:
    assert text_blocks("") == []
    assert text_blocks("\n \n\t\n") == []


def test_crlf_and_lone_cr_line_ends() -> None:
    assert [b.text for b in text_blocks("a\r\nb\rc")] == ["a", "b", "c"]


def _reference(text: str) -> list[tuple[str, int, int]]:
    """The definition text_blocks implements faster: split every line, join its words."""
    out, group, gap = [], 0, True
    for line in text.splitlines():
        words = line.split()
        if not words:
            if not gap:
                group, gap = group + 1, True
            continue
        gap = False
        out.append((" ".join(words), group, len(words)))
    return out


_SPACES_AND_BREAKS = " \t\x0b\x0c\r\n\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2003\u2028\u2029\u202f\u205f\u3000"


@settings(max_examples=300)
@given(st.lists(st.sampled_from([*_SPACES_AND_BREAKS, "a", "b", "é", "ж", "-", "  ", "word"]), max_size=40).map("".join))
def test_blocks_fold_whitespace_as_split_and_join_would(text: str) -> None:
    assert [(b.text, b.group, b.words) for b in text_blocks(text)] == _reference(text)


def test_the_odd_spaces_are_every_space_that_is_not_a_line_break() -> None:
    """text_blocks folds a page only when it holds one of ``_ODD_SPACES`` (or two spaces in a
    row): the list must hold every whitespace character but the space that splitlines()
    does not break at."""
    breaks = {c for c in map(chr, range(0x110000)) if len(f"a{c}b".splitlines()) == 2}
    odd = {c for c in map(chr, range(0x110000)) if c.isspace() and c != " " and c not in breaks}
    assert odd == set(_ODD_SPACES)


def test_control_scan_agrees_with_the_character_class() -> None:
    """``_has_controls`` (a byte-level scan of the UTF-8 form) finds exactly what the
    control-or-surrogate class finds, for every character of the first planes."""
    from cleaner._decode import _CONTROL_OR_SURROGATE, _has_controls

    for cp in [*range(0x3000), *range(0xD7F0, 0xE010), 0xFFFD, 0x1F600, 0x10FFFF]:
        for text in (chr(cp), f"abc{chr(cp)}é", f"Zeile {chr(cp)}\n"):
            assert _has_controls(text) == (_CONTROL_OR_SURROGATE.search(text) is not None), hex(cp)
