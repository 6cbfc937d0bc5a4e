"""Value types shared by every stage: the internal ``Block`` and the public result types."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: Categories a rule (or a structural signal) may drop a block for.
CATEGORIES: tuple[str, ...] = (
    "donation",
    "newsletter",
    "navigation",
    "cookies",
    "share",
    "paywall",
    "related",
    "comments",
    "legal",
    "ads",
    "credits",
    "title",
    "metadata",
    "boilerplate",
)

#: The tags whose elements the HTML metadata stage reads (``<meta>``, JSON-LD scripts, the
#: headings...). The block walk gathers them as it goes, so that the metadata needs no walk
#: of its own over the tree.
PAGE_TAGS: tuple[str, ...] = ("meta", "link", "script", "title", "h1", "h2", "time")

#: What marks an element as a byline's or a date's for the metadata stage: a class name
#: holding one of these (case-sensitive) pieces, or an ``itemprop`` (or ``rel``) with one of
#: these values. The block walk tests them and the metadata's fallback XPaths are built
#: from them, so both find the same elements.
AUTHOR_CLASS_WORDS: tuple[str, ...] = ("yline", "uthor")
DATE_CLASS_WORDS: tuple[str, ...] = ("date", "Date", "ublish", "imestamp")
AUTHOR_PROPS: tuple[str, ...] = ("author", "creator")
DATE_PROPS: tuple[str, ...] = ("datePublished", "dateCreated")
AUTHOR_REL = "author"


@dataclass(slots=True)
class Block:
    """One unit of page text, as made by a block maker (text or HTML).

    Block makers fill the shape fields; the rule and scoring stages fill the verdict.
    For plain text a block is one non-empty line; for HTML it is one rendered paragraph
    (``<p>``, heading, list item, table cell...).
    """

    text: str
    #: 'line' (plain text), or the HTML role: 'p', 'h1'..'h6', 'li', 'quote', 'pre', 'td', 'caption', 'title'
    kind: str = "line"
    #: blocks with the same group sit together visually (text: a run of lines between blank lines;
    #: HTML: the same parent container). Group numbers increase along the document.
    group: int = 0
    #: share of the block's characters that are inside links (HTML only; 0.0 for text)
    link_density: float = 0.0
    #: :attr:`hints`, or ``None`` until first read (then ``hint_src`` works them out)
    _hints: str | None = ""
    #: HTML: the DOM stage's opinion. ``None`` = no opinion (text input), otherwise a score in [0, 1]
    #: where 1 means "inside the main article container".
    dom_score: float | None = None
    #: a verdict a block maker is certain of (e.g. ``("boilerplate", "html.nav-element")``)
    preset: tuple[str, str] | None = None
    # --- filled by the classification stage ---
    category: str | None = None
    rule: str | None = None
    # --- measured once, shared by the stages that need them ---
    #: ``len(text.split())``, or -1 until someone counts
    words: int = -1
    #: the words of ``text.casefold()`` (see ``_rules.tokens_of``), for short blocks only
    tokens: list[str] | None = None
    #: HTML: id of the element that owns the block's text (an index into
    #: ``HtmlPage.elements``), so later stages (Markdown) can go back to the markup; -1 for text
    node: int = -1
    #: HTML: what works out :attr:`hints` of ``node`` when first read (the walk's node
    #: arrays: ``block_hints(node)``); most blocks are settled without them
    hint_src: Any = field(default=None, repr=False, compare=False)

    @property
    def hints(self) -> str:
        """Lower-cased class and id names of the block and its ancestors, space separated (HTML only)."""
        h = self._hints
        if h is None:
            h = self._hints = self.hint_src.block_hints(self.node)
        return h

    @hints.setter
    def hints(self, value: str) -> None:
        self._hints = value

    @property
    def dropped(self) -> bool:
        return self.category is not None

    def drop(self, category: str, rule: str) -> None:
        """Mark the block as boilerplate; the first verdict wins."""
        if self.category is None:
            self.category = category
            self.rule = rule

    def keep(self) -> None:
        self.category = None
        self.rule = None


@dataclass(frozen=True, slots=True)
class Removed:
    """A block that is not part of the body, and why."""

    text: str
    category: str
    rule: str
    index: int

    def to_dict(self) -> dict[str, Any]:
        # a literal, not dataclasses.asdict: that deep-copies, and a page has hundreds of these
        return {"text": self.text, "category": self.category, "rule": self.rule, "index": self.index}


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about the page; every field is ``None`` (or empty) when unknown.

    ``date`` is the publication day, ``YYYY-MM-DD``; ``date_time`` the full publication
    timestamp with its UTC offset (``2019-11-20T10:32:00+01:00``) when the page states one
    for that day. ``url`` is the address the caller gave; ``canonical_url`` the one the
    page declares (``<link rel=canonical>``, ``og:url``, JSON-LD ``url``). ``language`` is
    a BCP-47 tag (``en``, ``de-AT``). See README's "Metadata" section.
    """

    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    site_name: str | None = None
    language: str | None = None
    url: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    image: str | None = None
    date_time: str | None = None
    canonical_url: str | None = None

    @property
    def author(self) -> str | None:
        """All authors joined with ``"; "``, or ``None``."""
        return "; ".join(self.authors) if self.authors else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "authors": list(self.authors),
            "author": self.author,
            "date": self.date,
            "date_time": self.date_time,
            "site_name": self.site_name,
            "language": self.language,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "description": self.description,
            "tags": list(self.tags),
            "image": self.image,
        }


@dataclass(frozen=True, slots=True)
class MarkdownOptions:
    """What ``Document.markdown`` includes besides the article's text and structure."""

    #: links as ``[text](url)``; otherwise only their text
    links: bool = False
    #: images as ``![alt](src)``; otherwise none
    images: bool = False
    #: ``*emphasis*`` and ``**strong**`` from ``<em>``/``<i>``/``<strong>``/``<b>``
    emphasis: bool = False
    #: the headline as ``# Title`` on the first line
    title: bool = True


@dataclass(frozen=True, slots=True)
class Document:
    """The result of cleaning one page. Always returned, never ``None``.

    ``body`` holds the article paragraphs separated by one blank line. When no article
    was found the body is empty and ``reason`` says why. ``removed`` lists every dropped
    block in document order. ``source`` says where the page came from: the path when
    ``clean()`` was given one, the ``source=`` option, or the CLI's input name (``None``
    when nobody said). ``removed``, ``markdown``, ``metadata`` and an HTML page's ``title`` are
    worked out when first read and then kept (see :class:`Deferred`); they read as plain
    values.
    """

    title: str | None
    body: str
    metadata: Metadata = field(default_factory=Metadata)
    removed: tuple[Removed, ...] = ()
    kind: str = "text"
    reason: str | None = None
    truncated: bool = False
    error: str | None = None
    source: str | None = None
    #: the article as Markdown (headings, lists, tables, code, quotes; links and images
    #: when the Cleaner was asked for them), made when first read; not compared
    markdown: str = field(default="", compare=False, repr=False)

    @property
    def paragraphs(self) -> list[str]:
        return self.body.split("\n\n") if self.body else []

    def to_dict(self, *, markdown: bool = False) -> dict[str, Any]:
        """JSON-ready fields; ``markdown`` only when asked for (it is made on demand)."""
        out: dict[str, Any] = {
            "source": self.source,
            "title": self.title,
            "body": self.body,
            "metadata": self.metadata.to_dict(),
            "removed": [r.to_dict() for r in self.removed],
            "kind": self.kind,
            "reason": self.reason,
            "truncated": self.truncated,
            "error": self.error,
        }
        if markdown:
            out["markdown"] = self.markdown
        return out

    def to_json(self, *, indent: int | None = None, markdown: bool = False) -> str:
        """:meth:`to_dict` as JSON text (UTF-8 characters as they are, not ``\\u`` escapes);
        one line unless ``indent`` is given. The CLI's ``--json`` prints this for each file
        (``--jsonl`` and ``--warc`` put the record's ``id`` first)."""
        return json.dumps(self.to_dict(markdown=markdown), ensure_ascii=False, indent=indent)


class Deferred:
    """A :class:`Document` field computed on first read.

    Naming every dropped block and reading a page's metadata cost more than finding its
    body; callers who only want the body (most batch jobs) should not pay for them. The
    field reads as its plain value either way: ``doc.removed`` is always a tuple.
    """

    __slots__ = ("_compute", "_lock", "_value")

    def __init__(self, compute: Callable[[], Any]) -> None:
        self._compute: Callable[[], Any] | None = compute
        self._lock = threading.Lock()
        self._value: Any = None

    def get(self) -> Any:
        with self._lock:  # computing twice would label the same blocks twice
            if self._compute is not None:
                self._value = self._compute()
                self._compute = None
            return self._value


def _resolve_on_read(cls: type, name: str) -> None:
    """Make ``cls.name`` (a slot) resolve a :class:`Deferred` value on first read and keep
    the result, so equality, hashing, ``repr``, pickling and ``to_dict`` all see plain values."""
    slot = cls.__dict__[name]

    def get(self: Any) -> Any:
        value = slot.__get__(self, cls)
        if type(value) is Deferred:
            value = value.get()
            slot.__set__(self, value)
        return value

    def put(self: Any, value: Any) -> None:  # only the dataclass __init__ gets here
        slot.__set__(self, value)

    setattr(cls, name, property(get, put, doc=f"The document's {name}."))


_resolve_on_read(Document, "title")
_resolve_on_read(Document, "metadata")
_resolve_on_read(Document, "removed")
_resolve_on_read(Document, "markdown")
