"""The public entry points: a reusable :class:`Cleaner` and the one-call :func:`clean`."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ._assemble import assemble
from ._decode import KINDS, decode, read_path
from ._errors import InputError
from ._model import Block, Document, MarkdownOptions
from ._rules import RuleSet, load_rules
from ._scoring import classify_body
from ._text_blocks import text_blocks

#: Inputs larger than this (bytes, or characters for ``str``) are cut and flagged ``truncated``.
DEFAULT_MAX_SIZE = 64 * 1024 * 1024


@dataclass(frozen=True)
class Options:
    """Per-call settings; a :class:`Cleaner` holds defaults that ``clean(**options)`` overrides."""

    kind: str = "auto"
    max_size: int | None = DEFAULT_MAX_SIZE
    markdown: MarkdownOptions = MarkdownOptions()


class Cleaner:
    """Loads and compiles rule sets once; then cleans any number of documents.

    ``rules`` are extra rule files or directories, added after the shipped ones (unless
    ``defaults=False``). ``disable`` switches off categories or single rule ids.
    ``links``, ``images``, ``emphasis`` and ``markdown_title`` shape ``Document.markdown``
    (see ``docs/markdown.md``); ``clean()`` may override them per call.
    """

    def __init__(
        self,
        rules: Sequence[str | Path] = (),
        *,
        disable: Iterable[str] = (),
        defaults: bool = True,
        kind: str = "auto",
        max_size: int | None = DEFAULT_MAX_SIZE,
        links: bool = False,
        images: bool = False,
        emphasis: bool = False,
        markdown_title: bool = True,
    ) -> None:
        if isinstance(rules, (str, Path)):
            rules = [rules]
        self._rule_paths = tuple(str(p) for p in rules)
        self._disabled = (disable,) if isinstance(disable, str) else tuple(disable)
        self._defaults = defaults
        self.ruleset: RuleSet = load_rules(self._rule_paths, defaults=defaults).without(self._disabled)
        if max_size is not None and max_size < 1:
            raise InputError("max_size must be a positive number of bytes (or None for no cap)")
        markdown = MarkdownOptions(links=bool(links), images=bool(images), emphasis=bool(emphasis), title=bool(markdown_title))
        self.options = Options(kind=kind, max_size=max_size, markdown=markdown)
        if kind not in KINDS:
            raise InputError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")

    def __repr__(self) -> str:
        return f"Cleaner(rules={list(self._rule_paths)!r}, disable={list(self._disabled)!r}, {len(self.ruleset)} rules)"

    def __getstate__(self) -> dict[str, Any]:
        # compiled patterns do not pickle portably: ship the recipe, rebuild in the worker
        return {
            "rules": self._rule_paths,
            "disable": self._disabled,
            "defaults": self._defaults,
            "kind": self.options.kind,
            "max_size": self.options.max_size,
            "markdown": self.options.markdown,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(  # type: ignore[misc]
            state["rules"],
            disable=state["disable"],
            defaults=state["defaults"],
            kind=state["kind"],
            max_size=state["max_size"],
        )
        if "markdown" in state:
            self.options = replace(self.options, markdown=state["markdown"])

    def _markdown_options(
        self, links: bool | None, images: bool | None, emphasis: bool | None, title: bool | None
    ) -> MarkdownOptions:
        """The Cleaner's Markdown settings with this call's overrides (``None``: not given)."""
        md = self.options.markdown
        if links is None and images is None and emphasis is None and title is None:
            return md
        return MarkdownOptions(
            links=md.links if links is None else bool(links),
            images=md.images if images is None else bool(images),
            emphasis=md.emphasis if emphasis is None else bool(emphasis),
            title=md.title if title is None else bool(title),
        )

    def clean(
        self,
        page: Any,
        /,
        *,
        kind: str | None = None,
        url: str | None = None,
        source: str | None = None,
        links: bool | None = None,
        images: bool | None = None,
        emphasis: bool | None = None,
        markdown_title: bool | None = None,
    ) -> Document:
        """Clean one document: ``str`` or ``bytes`` (text or HTML, detected unless ``kind``
        says; gzip, bzip2 and xz data are decompressed), a parsed BeautifulSoup / lxml tree,
        or a path (``pathlib.Path``) to read. ``source`` is recorded as the Document's
        ``source`` (default: the path, if one was given). ``links``, ``images``,
        ``emphasis`` and ``markdown_title`` override the Cleaner's Markdown settings when
        given."""
        if isinstance(page, os.PathLike):
            source = source if source is not None else os.fspath(page)
            page = read_path(page, self.options.max_size)
        md = self._markdown_options(links, images, emphasis, markdown_title)
        src = decode(page, kind=kind or self.options.kind, max_size=self.options.max_size)
        if src.error is not None:
            return Document(
                title=None, body="", kind=src.kind, reason=src.error, truncated=src.truncated, error=src.error, source=source
            )
        if src.kind == "html":
            from ._html_blocks import html_blocks

            html = html_blocks(src.html)
            blocks: list[Block] = html.blocks
            tree = html.tree
            md_page: Any = html
        else:
            blocks = text_blocks(src.text or "")
            tree = None
            md_page = src.text
        title_index, finish = classify_body(blocks, self.ruleset)
        return assemble(
            blocks,
            title_index,
            finish=finish,
            kind=src.kind,
            tree=tree,
            url=url,
            truncated=src.truncated,
            source=source,
            page=md_page,
            markdown=md,
        )

    def clean_many(self, sources: Iterable[Any], *, workers: int | None = None, **options: Any) -> Iterator[Any]:
        """Clean many documents, yielding results in input order (see ``docs/batch.md``).

        ``workers`` processes (default: every CPU; ``1`` cleans in this process, no pool),
        each loading the rules once. With ``keyed=True`` items are ``(id, source)`` pairs and
        results ``(id, Document)`` pairs. A document that fails comes back as a ``Document``
        with ``error`` set, so one bad page never stops a batch. ``convert`` (picklable)
        maps each Document in the worker, e.g. ``operator.attrgetter("body")`` for a job
        that keeps only bodies.
        """
        from ._batch import clean_many

        return clean_many(self, sources, workers=workers, **options)


_DEFAULT: Cleaner | None = None


def _default_cleaner() -> Cleaner:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Cleaner()
    return _DEFAULT


def clean(
    page: Any,
    /,
    *,
    rules: Sequence[str | Path] = (),
    disable: Iterable[str] = (),
    kind: str = "auto",
    url: str | None = None,
    source: str | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
    links: bool = False,
    images: bool = False,
    emphasis: bool = False,
    markdown_title: bool = True,
) -> Document:
    """Clean one document and return a :class:`Document`.

    ``links``/``images`` write links as ``[text](url)`` and images as ``![alt](src)`` in
    ``doc.markdown`` (URLs resolved against ``url`` or the page's ``<base href>``),
    ``emphasis`` keeps ``*emphasis*``, ``markdown_title=False`` leaves out the ``# Title`` line.

    A thin wrapper over :class:`Cleaner`: with default settings a shared cleaner is reused;
    batch callers with their own settings should build one ``Cleaner`` and call it.

    >>> doc = clean("Menu\\n\\nA short note.\\n\\nIt has two sentences, and both are prose. They stay.")
    >>> doc.body
    'It has two sentences, and both are prose. They stay.'
    """
    disable = (disable,) if isinstance(disable, str) else tuple(disable)
    if not rules and not disable and max_size == DEFAULT_MAX_SIZE:
        cleaner = _default_cleaner()
    else:
        cleaner = Cleaner(rules, disable=disable, max_size=max_size)
    return cleaner.clean(
        page,
        kind=kind,
        url=url,
        source=source,
        links=links or None,
        images=images or None,
        emphasis=emphasis or None,
        markdown_title=None if markdown_title else False,
    )
