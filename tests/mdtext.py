"""What a CommonMark + GFM-tables renderer shows of a Markdown string: its words, its
links and images, its headings and list items. The Markdown tests judge cleaner's output
through a real parser (markdown-it-py), not through the code that wrote it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark").enable("table")
#: a word, as the Markdown properties count them: a run of letters, digits or ``_``
WORD = re.compile(r"\w+")


@dataclass
class Shown:
    """The rendered document."""

    #: the visible text, blocks separated by newlines (link targets, image alts and
    #: list numbers are not part of it)
    text: str = ""
    #: ordered-list numbers, in order (plain text shows them as part of the line)
    numbers: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)
    #: ``(tag, text)`` of every heading, list item and table row, in order
    blocks: list[tuple[str, str]] = field(default_factory=list)


def shown(markdown: str, *, numbers: bool = False) -> Shown:
    """Parse ``markdown``; with ``numbers`` the text starts ordered items with their number."""
    out = Shown()
    parts: list[str] = []
    open_blocks: list[tuple[str, int]] = []
    for tok in _MD.parse(markdown):
        if tok.type == "inline":
            _inline(tok.children or [], parts, out)
        elif tok.type in ("fence", "code_block"):
            parts.append("\n" + tok.content + "\n")
        else:
            parts.append("\n")
        if tok.type == "list_item_open" and tok.info:
            out.numbers.append(tok.info)
            if numbers:
                parts.append(tok.info + " ")
        if tok.type in ("heading_open", "list_item_open", "tr_open"):
            open_blocks.append((len(out.blocks), len(parts)))
            out.blocks.append((tok.tag, ""))  # in document order: the text comes at the close
        elif tok.type in ("heading_close", "list_item_close", "tr_close"):
            at, start = open_blocks.pop()
            out.blocks[at] = (out.blocks[at][0], " ".join("".join(parts[start:]).split()))
    out.text = "".join(parts)
    return out


def _inline(children: list[Any], parts: list[str], out: Shown) -> None:
    for t in children:
        if t.type == "image":
            out.images.append(("".join(c.content for c in t.children or []), str(t.attrs.get("src", ""))))
            continue
        if t.type == "link_open":
            out.links.append(str(t.attrs.get("href", "")))
        if t.type in ("text", "code_inline"):
            parts.append(t.content)
        elif t.type in ("softbreak", "hardbreak", "html_inline"):
            parts.append(" ")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def markdown_words(markdown: str, *, numbers: bool = False) -> list[str]:
    """The words a reader of the rendered Markdown sees (list numbers when ``numbers``)."""
    return words(shown(markdown, numbers=numbers).text)
