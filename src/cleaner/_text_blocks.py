"""Stage 2 (plain text): one block per non-empty line; blank lines separate groups."""

from __future__ import annotations

import re

from ._model import Block
from ._rules import load_compiled

#: a run of whitespace that str.splitlines() does not break at (tabs, no-break and other
#: spaces) and that is not already one space: replacing every single space too would cut a
#: 20 MB line into millions of pieces
_BREAKS = r"\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029"
_SPACES = re.compile(rf" ?[^\S {_BREAKS}][^\S{_BREAKS}]*| {{2,}}[^\S{_BREAKS}]*")
#: whitespace other than a space, that splitlines() does not break at (looked for one by
#: one: a substring test runs at memory speed, a character class a few times slower)
_ODD_SPACES = ("\t", "\x1f", "\xa0", "\u1680", *map(chr, range(0x2000, 0x200B)), "\u202f", "\u205f", "\u3000")


def text_blocks(text: str) -> list[Block]:
    """Split page text into blocks. Whitespace inside a line is folded to single spaces.

    Consecutive non-empty lines share a ``group`` (in a page dump they come from one
    container: a menu, a list, a teaser box); a blank line starts a new group.
    """
    # the compiled splitter folds a line as it finds it (only a line that needs it); in
    # Python the whole text is folded at once (most texts need nothing) rather than each
    # line split and joined: the words are never needed as separate strings here
    if _ctext is not None and type(text) is str:  # (the C functions take no subclass of str)
        return _ctext.line_blocks(text, Block)  # type: ignore[no-any-return]
    if _needs_folding_python(text):
        text = _SPACES.sub(" ", text)
    return _line_blocks_python(text)


def _needs_folding_python(text: str) -> bool:
    """Whether ``text`` holds whitespace to fold."""
    return "  " in text or ("\t" in text or "\x1f" in text if text.isascii() else any(map(text.__contains__, _ODD_SPACES)))


def _line_blocks_python(text: str) -> list[Block]:
    """A block per non-empty line of folded text (C twin, with the folding:
    ``_ctext.line_blocks``)."""
    blocks: list[Block] = []
    append = blocks.append
    group = 0
    gap = True
    for line in map(str.strip, text.splitlines()):  # only single spaces are left inside
        if line:
            gap = False
            block = Block(line, "line", group)
            block.words = line.count(" ") + 1
            append(block)
        elif not gap:
            group += 1
            gap = True
    return blocks


#: the compiled text module (``_ctext.pyx``), or ``None`` (see ``_rules.load_compiled``)
_ctext = load_compiled("_ctext")
