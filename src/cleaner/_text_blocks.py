"""Stage 2 (plain text): one block per non-empty line; blank lines separate groups."""

from __future__ import annotations

import regex

from ._model import Block

_SPACE = regex.compile(r"[^\S\n]+")


def text_blocks(text: str) -> list[Block]:
    """Split page text into blocks. Whitespace inside a line is folded to single spaces."""
    blocks: list[Block] = []
    group = 0
    gap = True
    for line in text.splitlines():
        line = _SPACE.sub(" ", line).strip()
        if not line:
            if not gap:
                group += 1
                gap = True
            continue
        gap = False
        blocks.append(Block(text=line, kind="line", group=group))
    return blocks
