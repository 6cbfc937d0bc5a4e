"""Stage 4: put the verdicts together into the immutable :class:`Document`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any

from ._model import Block, Deferred, Document, MarkdownOptions, Metadata, Removed


def _reason(blocks: list[Block]) -> str:
    if not blocks:
        return "no text: the input is empty or has no visible text"
    if len(blocks) == 1:
        return "no article text found: the only block looks like boilerplate (see 'removed')"
    return f"no article text found: all {len(blocks)} blocks look like boilerplate (see 'removed')"


def _removed(blocks: list[Block], finish: Callable[[], None]) -> tuple[Removed, ...]:
    finish()
    return tuple(
        Removed(b.text, b.category or "boilerplate", b.rule or "", i) for i, b in enumerate(blocks) if b.category is not None
    )


def _text_metadata(blocks: list[Block], title: str | None, body: str, url: str | None) -> Metadata:
    from ._metadata import text_metadata

    meta = text_metadata([b.text for b in blocks], title=title, body=body)
    return replace(meta, url=url) if url and meta.url is None else meta


def _html_title(found: Deferred, block_title: str | None) -> str | None:
    """``Document.title`` of an HTML page: the metadata's title, else the body stage's."""
    title: str | None = found.get()[0]
    return title or block_title or None


def _html_metadata(
    found: Deferred, blocks: list[Block], body: str, block_title: str | None, verdicts: list[str | None]
) -> Metadata:
    """The HTML metadata after the title (see ``html_title``), from the blocks' text and the
    verdicts the body stage gave them (naming the dropped blocks later changes none of it)."""
    rest: Callable[..., Metadata] = found.get()[1]
    meta = rest(text=partial(_joined, blocks), body=body, blocks=blocks, verdicts=verdicts)
    return replace(meta, title=block_title) if meta.title is None and block_title else meta


def _joined(blocks: list[Block]) -> str:
    """The blocks' text, one per line: the page's visible text, made only when a field reads it."""
    return "\n".join([b.text for b in blocks])


def _markdown(
    blocks: list[Block], page: Any, title: str | Deferred | None, url: str | None, options: MarkdownOptions | None
) -> str:
    """``Document.markdown``: ``page`` is the HtmlPage, or the plain text."""
    from ._markdown import html_markdown, text_markdown

    heading: str | None = title.get() if isinstance(title, Deferred) else title
    opts = options or MarkdownOptions()
    if isinstance(page, str) or page is None:
        return text_markdown(blocks, page, title=heading, options=opts)
    return html_markdown(blocks, page.elements, title=heading, root=page.tree, url=url, options=opts)


def assemble(
    blocks: list[Block],
    title_index: int | None,
    *,
    finish: Callable[[], None] | None = None,
    kind: str,
    tree: Any = None,
    url: str | None = None,
    truncated: bool = False,
    source: str | None = None,
    page: Any = None,
    markdown: MarkdownOptions | None = None,
) -> Document:
    """Build the Document: body from kept blocks, ``removed`` from the rest, then metadata.

    ``finish`` completes the categories of dropped blocks (see ``classify_body``). It and
    the metadata run when the Document's ``removed`` / ``metadata`` are first read, so a
    caller who wants only the body does not pay for them; so is an HTML page's title, which
    comes from its metadata. ``markdown`` is made on first read too, from ``page`` (the
    ``HtmlPage``, whose elements it walks, or the plain text, whose indentation it reads);
    until then the Document keeps that page alive. ``source`` says where the page came
    from (a path, the caller's name for it).
    """
    from ._metadata import clean_text, html_title

    body = "\n\n".join([b.text for b in blocks if b.category is None])
    block_title = blocks[title_index].text if title_index is not None else None
    removed = Deferred(partial(_removed, blocks, finish or _nothing))
    title: str | Deferred | None
    meta: Metadata | Deferred
    if kind == "html" and tree is not None:
        heading = blocks[title_index].kind.startswith("h") if title_index is not None else False
        gathered = page.gathered if page is not None else None
        found = Deferred(partial(html_title, tree, url=url, headline=block_title if heading else None, gathered=gathered))
        title = Deferred(partial(_html_title, found, block_title))
        meta = Deferred(partial(_html_metadata, found, blocks, body, block_title, [b.category for b in blocks]))
    else:
        title = clean_text(block_title) or None
        meta = Deferred(partial(_text_metadata, blocks, block_title, body, url))
    md = Deferred(partial(_markdown, blocks, page, title, url or None, markdown))
    return Document(
        title=title,  # type: ignore[arg-type]  # a Deferred reads as a str
        body=body,
        metadata=meta,  # type: ignore[arg-type]  # a Deferred reads as Metadata
        removed=removed,  # type: ignore[arg-type]  # a Deferred reads as a tuple
        kind=kind,
        reason=None if body else _reason(blocks),
        truncated=truncated,
        source=source,
        markdown=md,  # type: ignore[arg-type]  # a Deferred reads as a str
    )


def _nothing() -> None:
    return None
