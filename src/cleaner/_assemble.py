"""Stage 4: put the verdicts together into the immutable :class:`Document`."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ._model import Block, Document, Metadata, Removed


def _reason(blocks: list[Block]) -> str:
    if not blocks:
        return "no text: the input is empty or has no visible text"
    if len(blocks) == 1:
        return "no article text found: the only block looks like boilerplate (see 'removed')"
    return f"no article text found: all {len(blocks)} blocks look like boilerplate (see 'removed')"


def assemble(
    blocks: list[Block],
    title_index: int | None,
    *,
    kind: str,
    tree: Any = None,
    url: str | None = None,
    truncated: bool = False,
) -> Document:
    """Build the Document: body from kept blocks, ``removed`` from the rest, then metadata."""
    from ._metadata import html_metadata, text_metadata

    kept = [b.text for b in blocks if not b.dropped]
    removed = tuple(
        Removed(text=b.text, category=b.category or "boilerplate", rule=b.rule or "", index=i)
        for i, b in enumerate(blocks)
        if b.dropped
    )
    body = "\n\n".join(kept)
    block_title = blocks[title_index].text if title_index is not None else None
    if kind == "html" and tree is not None:
        meta = html_metadata(tree, url=url)
        if meta.title is None and block_title:
            meta = replace(meta, title=block_title)
    else:
        meta = text_metadata([b.text for b in blocks], title=block_title, body=body)
        if url and meta.url is None:
            meta = replace(meta, url=url)
    return Document(
        title=meta.title,
        body=body,
        metadata=meta if meta is not None else Metadata(),
        removed=removed,
        kind=kind,
        reason=None if body else _reason(blocks),
        truncated=truncated,
    )
