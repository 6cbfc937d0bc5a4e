"""Stage 2 (plain text): one block per non-empty line; blank lines separate groups."""

from __future__ import annotations

from ._model import Block


def text_blocks(text: str) -> list[Block]:
    """Split page text into blocks. Whitespace inside a line is folded to single spaces.

    Consecutive non-empty lines share a ``group`` (in a page dump they come from one
    container: a menu, a list, a teaser box); a blank line starts a new group.
    """
    blocks: list[Block] = []
    append = blocks.append
    group = 0
    gap = True
    # str.split() folds every run of Unicode whitespace, like [^\S\n]+ but in C
    for parts in map(str.split, text.splitlines()):
        if not parts:
            if not gap:
                group += 1
                gap = True
            continue
        gap = False
        block = Block(parts[0] if len(parts) == 1 else " ".join(parts), "line", group)
        block.words = len(parts)
        append(block)
    return blocks
