"""HTML block maker: one lxml parse and one iterative walk.

Stage contract: ``html_blocks(source) -> HtmlPage``. Every visible paragraph-level
element becomes a :class:`~cleaner._model.Block`, in document order, with its link
density, class/id hints and owner element; structural elements (``<nav>``, comment
sections...) give their subtree a ``preset`` verdict ``(category, rule_id)`` that the
main-content stage (:mod:`cleaner._main_content`) settles. That stage then gives every
block its ``dom_score`` (>= 0.5: "inside the article"). Bad input never raises: empty
or garbage input gives a page without blocks.
"""

from __future__ import annotations

import heapq
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any

from lxml import etree

from ._decode import clean_controls, decode_html
from ._main_content import select_main
from ._model import AUTHOR_CLASS_WORDS, AUTHOR_PROPS, AUTHOR_REL, DATE_CLASS_WORDS, DATE_PROPS, PAGE_TAGS, Block
from ._rules import load_compiled

__all__ = ["Gathered", "HtmlPage", "html_blocks", "parse_html"]


@dataclass(slots=True)
class HtmlPage:
    """What the HTML block maker hands on: the blocks, and the tree for reuse."""

    blocks: list[Block] = field(default_factory=list)
    #: the parsed lxml root (``<html>``), or ``None`` when nothing could be parsed
    tree: Any = None
    #: text of the heading judged to be the article headline (also a block with a
    #: ``("title", "html.title")`` preset), or ``None``
    title_text: str | None = None
    #: every walked element by node id (``Block.node`` indexes it)
    elements: list[Any] = field(default_factory=list)
    #: what the walk gathered for the metadata stage
    gathered: Gathered | None = None


#: what may mark an element as a byline's or a date's (see :func:`mark_bits`)
MARK_AUTHOR, MARK_DATE = 1, 2
_AUTHOR_CLASS = re.compile("|".join(map(re.escape, AUTHOR_CLASS_WORDS)))
_DATE_CLASS = re.compile("|".join(map(re.escape, DATE_CLASS_WORDS)))
_MARK_CLASS = re.compile("|".join(map(re.escape, AUTHOR_CLASS_WORDS + DATE_CLASS_WORDS)))


def mark_bits(cls: str | None, itemprop: str | None, rel: str | None) -> int:
    """Whether an element's attributes may mark a byline or a date (the metadata stage's
    candidates): a class holding one of the words, an ``itemprop`` or ``rel`` naming it."""
    bits = prop_marks(itemprop, rel)
    if cls:
        if _AUTHOR_CLASS.search(cls):
            bits |= MARK_AUTHOR
        if _DATE_CLASS.search(cls):
            bits |= MARK_DATE
    return bits


def prop_marks(itemprop: str | None, rel: str | None) -> int:
    """:func:`mark_bits` of the ``itemprop`` and ``rel`` alone: the part the walk works out
    (the class names it keeps are tested only when the metadata asks)."""
    bits = MARK_AUTHOR if rel == AUTHOR_REL else 0
    if itemprop is None:
        return bits
    if itemprop in AUTHOR_PROPS:
        return MARK_AUTHOR
    return bits | MARK_DATE if itemprop in DATE_PROPS else bits


@dataclass(slots=True)
class Gathered:
    """What the block walk gathered for the metadata stage, which would otherwise walk and
    search the whole tree again: on a big page that costs as much as the metadata itself."""

    #: the elements of a :data:`PAGE_TAGS` tag in document order, skipped subtrees too
    #: (what ``root.iter(*PAGE_TAGS)`` gives), but for the scripts met on the walk whose
    #: ``type`` cannot be JSON-LD's (no "+"): the metadata reads no other script
    tagged: list[Any] = field(default_factory=list)
    #: (node id, element, :func:`prop_marks`) of the walked elements whose ``itemprop`` or
    #: ``rel`` marks them
    marked: list[tuple[int, Any, int]] = field(default_factory=list)
    #: (node id of the next walked element, root) of every subtree the walk skipped
    skipped: list[tuple[int, Any]] = field(default_factory=list)
    #: the walk's elements and their class names, by node id (:class:`_Nodes`)
    elements: list[Any] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)

    def read_tagged(self) -> tuple[dict[str, list[str]], list[str], list[Any], list[Any], list[Any], list[Any], list[Any]] | None:
        """What the metadata stage reads from :attr:`tagged`, read in C (see
        ``_cwalk.read_tagged``); ``None`` without the compiled walk (it reads them itself)."""
        return None if _cwalk is None else _cwalk.read_tagged(self.tagged)  # type: ignore[no-any-return]

    def candidates(self, *, dates: bool) -> list[Any]:
        """The elements, in document order, that may mark a byline (and, with ``dates``, a
        date; see :func:`mark_bits`): what ``//@class[...]/..`` and the like would find,
        without searching the tree again (skipped subtrees are searched now, though)."""
        bits = MARK_AUTHOR | MARK_DATE if dates else MARK_AUTHOR
        elements = self.elements
        # an element shown as hidden has a node too: it is found with its subtree
        opened = {pos - 1 for pos, root in self.skipped if pos and elements[pos - 1] is root}
        nids = _lines_matching(self.classes, _MARK_CLASS if dates else _AUTHOR_CLASS)
        nids.update(nid for nid, _, marks in self.marked if marks & bits)
        walked = [(2 * nid + 1, elements[nid]) for nid in sorted(nids - opened)]
        hidden = [(2 * pos, el) for pos, root in self.skipped for el in _marked_in(root, bits)]
        if not hidden:
            return [el for _, el in walked]
        return [el for _, el in heapq.merge(walked, hidden, key=itemgetter(0))]


def _lines_matching(texts: list[str], pattern: re.Pattern[str]) -> set[int]:
    """The indices of the ``texts`` (none holding a line break) where ``pattern`` matches,
    found in one search of them all joined: most class names hold no match."""
    joined = "\n".join(texts)
    found: set[int] = set()
    index = start = 0
    for match in pattern.finditer(joined):
        index += joined.count("\n", start, match.start())
        start = match.start()
        found.add(index)
    return found


def _marked_in(root: Any, bits: int) -> list[Any]:
    """The elements of ``root``'s subtree, itself included, that :func:`_marked` passes
    (found in C when the compiled walk is there)."""
    if _cwalk is not None:
        return _cwalk.marked_elements(root, bits)  # type: ignore[no-any-return]
    return [el for el in root.iter(etree.Element) if _marked(el, bits)]


def _marked(el: Any, bits: int) -> bool:
    """Whether :func:`mark_bits` of the element's attributes shares one of ``bits``."""
    keys = el.keys()
    if not keys or not ("class" in keys or "itemprop" in keys or "rel" in keys):
        return False
    return bool(mark_bits(el.get("class"), el.get("itemprop"), el.get("rel")) & bits)


# --------------------------------------------------------------------------- tags

#: never visible text: skipped with their subtree (their tail is still read)
DROP_TAGS: frozenset[str] = frozenset(
    {
        "script", "style", "template", "svg", "iframe", "head", "title",
        "meta", "link", "object", "embed", "canvas", "video", "audio", "source",
        "track", "picture", "img", "input", "select", "option", "optgroup",
        "datalist", "textarea", "math", "map", "area", "frame", "frameset", "base",
        "param", "dialog",
    }
)

#: elements that start a new block (rendered as blocks by browsers)
BLOCK_TAGS: frozenset[str] = frozenset(
    {
        "html", "body", "p", "div", "section", "article", "main", "header", "footer",
        "nav", "aside", "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4",
        "h5", "h6", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr",
        "td", "th", "caption", "figure", "figcaption", "form", "fieldset", "legend",
        "address", "hr", "center", "details", "summary", "menu", "hgroup", "output",
        "button", "label", "dir", "listing", "plaintext", "xmp", "noscript",
    }
)

#: the kind of a block whose owner is this element; other owners give 'p'
LEAF_KIND: dict[str, str] = {
    "p": "p",
    "h1": "h1", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h5", "h6": "h6",
    "li": "li", "dt": "li", "dd": "li",
    "blockquote": "quote",
    "pre": "pre", "listing": "pre", "xmp": "pre", "plaintext": "pre",
    "td": "td", "th": "td",
    "figcaption": "caption", "caption": "caption", "legend": "caption",
}

#: structural verdicts: the element (or ARIA role) marks its whole subtree
_TAG_PRESET: dict[str, tuple[str, str]] = {
    "nav": ("navigation", "html.nav"),
    "aside": ("related", "html.aside"),
    "footer": ("boilerplate", "html.footer"),
    "form": ("boilerplate", "html.form"),
    "menu": ("navigation", "html.nav"),
    # the page's fallback for readers without scripts: released when it is the article
    "noscript": ("boilerplate", "html.noscript"),
}
_ROLE_PRESET: dict[str, tuple[str, str]] = {
    "navigation": ("navigation", "html.nav"),
    "menu": ("navigation", "html.nav"),
    "menubar": ("navigation", "html.nav"),
    "contentinfo": ("boilerplate", "html.footer"),
    "complementary": ("related", "html.aside"),
    "search": ("boilerplate", "html.form"),
    "banner": ("boilerplate", "html.header"),
}
_COMMENTS_PRESET = ("comments", "html.comments")

# ------------------------------------------------------------------------ regexes

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")

_COMMENT_WORDS: frozenset[str] = frozenset({"comment", "comments", "disqus", "discussion"})


def _to_text(source: Any) -> tuple[str | None, Any]:
    """Return ``(markup, element)``: markup to parse, or an lxml element to use as is."""
    if source is None:
        return "", None
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if not data.strip():
            return "", None
        return decode_html(data), None  # the one decoding path (see _decode)
    if isinstance(source, str):
        return source, None
    if isinstance(source, etree._ElementTree):
        return None, source.getroot()
    if isinstance(source, etree._Element):
        return None, source
    # a BeautifulSoup object (or any Tag): serialise and reparse with lxml
    return str(source), None


_LOCAL = threading.local()


def _parser() -> Any:
    """One lxml parser per thread (parser objects must not be shared across threads)."""
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        # huge_tree: libxml2 otherwise stops reading at nesting depth 256 (badly nested
        # inline tags reach that) and drops the rest of the page; with it, at 2048
        parser = _LOCAL.parser = etree.HTMLParser(
            remove_comments=True, remove_pis=True, recover=True, encoding="utf-8",
            no_network=True, default_doctype=False, huge_tree=True,  # type: ignore[call-arg]  # not in the stubs
            collect_ids=False,  # no ID table: nothing looks elements up by id (and no duplicate-id errors)
        )
    return parser


def parse_html(source: Any) -> Any:
    """Parse ``source`` (str, bytes, soup or lxml element) to an lxml root, or ``None``."""
    text, element = _to_text(source)
    if element is not None:
        return element
    if not text or not text.strip():
        return None
    # lxml refuses str with an encoding declaration; utf-8 bytes sidestep that
    data = text.replace("\x00", "").encode("utf-8", errors="replace")
    parser = _parser()
    try:
        root = etree.fromstring(data, parser)
        if any("Excessive depth" in e.message for e in parser.error_log):
            # nesting beyond libxml2's limit: everything after that point would be lost;
            # parse again with only paragraph-level tags kept (text kept, nesting gone)
            root = etree.fromstring(_FLAT_TAG.sub(" ", text.replace("\x00", "")).encode("utf-8", errors="replace"), parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return root


#: every tag except those that end a paragraph (or hide their content): see :func:`parse_html`
_FLAT_TAG = re.compile(
    r"<(?!/?(?:p|br|h[1-6]|li|tr|td|th|title|meta|head|body|html|script|style|noscript|template)\b)/?[A-Za-z!][^<>]*>",
    re.IGNORECASE,
)


# -------------------------------------------------------------------------- walk


class _Nodes:
    """Flat arrays about every visited element (index = node id); words are computed lazily."""

    __slots__ = ("parent", "tag", "own", "cls", "preset", "semantic", "named", "depth", "_words", "hint_of")

    def __init__(self) -> None:
        self.parent: list[int] = []
        self.tag: list[str] = []
        #: the element's own class and id attribute values ("" when none)
        self.own: list[str] = []
        #: raw class attribute ("" when none)
        self.cls: list[str] = []
        #: structural verdict the element gives its subtree (validated later)
        self.preset: list[tuple[str, str] | None] = []
        #: <article>, <main>, role=main/article, itemprop=articleBody
        self.semantic: list[bool] = []
        #: the nearest element with class/id names, this one included (-1: none)
        self.named: list[int] = []
        #: steps from the root
        self.depth: list[int] = []
        self._words: dict[int, frozenset[str]] = {}
        #: named node -> (its hints, depth of the farthest name): see :meth:`block_hints`
        self.hint_of: dict[int, tuple[str, int]] = {}

    def words(self, nid: int) -> frozenset[str]:
        """Whole words of the element's class and id names."""
        w = self._words.get(nid)
        if w is None:
            w = self._words[nid] = _words(self.own[nid])
        return w

    def signature(self, nid: int) -> str:
        """Tag plus first class name: the "look" of an element, to spot repeated items.

        Only the first name: later ones often vary per item (``post-123``, ``category-x``).
        """
        cls = self.cls[nid]
        return f"{self.tag[nid]}.{cls.split(None, 1)[0]}" if cls else self.tag[nid]

    def name_chain(self, nid: int) -> list[int]:
        """The nearest ``HINT_ANCESTORS`` named elements at or above ``nid``, nearest first.

        Followed up the tree only for the elements that own blocks, rather than kept as a
        tuple per element during the walk."""
        named, parent = self.named, self.parent
        chain: list[int] = []
        k = named[nid]
        while k >= 0 and len(chain) < HINT_ANCESTORS:
            chain.append(k)
            p = parent[k]
            k = named[p] if p >= 0 else -1
        return chain

    def hints(self, nid: int) -> str:
        """Lower-cased class/id names of the element and its nearest named ancestors
        (those at most ``HINT_STEPS - 1`` steps up)."""
        reach = self.depth[nid] - HINT_STEPS
        own, depth = self.own, self.depth
        return " ".join([_hint_name(own[k]) for k in self.name_chain(nid) if depth[k] > reach]).lower()

    def block_hints(self, owner: int) -> str:
        """``Block.hints`` of a block owned by ``owner``, worked out when first read (most
        blocks are settled without them); cached per named element."""
        named = self.named[owner]
        if named < 0:
            return ""
        cached = self.hint_of.get(named)
        if cached is None:
            cached = self.hint_of[named] = self.chain_hints(named)
        if self.depth[owner] - cached[1] < HINT_STEPS:
            return cached[0]
        return self.hints(owner)  # the farthest name is out of this block's reach

    def chain_hints(self, named: int) -> tuple[str, int]:
        """The hints of named element ``named`` (its names, then those of its nearest
        named ancestors: see :meth:`name_chain`), and the depth of the farthest."""
        own, parent, up = self.own, self.parent, self.named
        names: list[str] = []
        k = named
        while True:
            o = own[k]
            names.append(o if len(o) <= HINT_NAME_CHARS else _hint_name(o))
            p = parent[k]
            if len(names) == HINT_ANCESTORS or p < 0 or up[p] < 0:
                return " ".join(names).lower(), self.depth[k]
            k = up[p]


def _hint_name(own: str) -> str:
    """An element's class/id names as hints show them: utility-class soups (Tailwind...)
    can be kilobytes long, hints keep the start."""
    return own if len(own) <= HINT_NAME_CHARS else own[:HINT_NAME_CHARS].rsplit(" ", 1)[0]


#: how many named elements (the block's own and its ancestors) ``Block.hints`` lists
HINT_ANCESTORS = 6
#: at most this many characters of one element's class and id names go into hints
HINT_NAME_CHARS = 120
#: hints look at most this many elements up (the block's owner included)
HINT_STEPS = 40


@dataclass(slots=True)
class _Raw:
    """A block before the content pass, with its owner node."""

    block: Block
    owner: int
    chars: int
    link_chars: int
    #: lines the block is made of (table rows, text between single ``<br>``s)
    lines: int = 1


_EMPTY: frozenset[str] = frozenset()


@lru_cache(maxsize=8192)
def _words(tokens: str) -> frozenset[str]:
    """Whole words of class/id names: ``"story-body share-bar"`` -> story, body, storybody, share…

    Names are split at separators, not at case changes: generated CSS-in-JS names
    ("tagStyle_x1a") are not words. Taxonomy and state names ("tag-berlin",
    "category-news", "format-gallery", "has-post-thumbnail") name the terms a post is
    filed under or how it is shown, not what the element is: they give no words; nor
    does a BEM modifier ("section--ads": a section that may hold an ad).
    """
    if not tokens:
        return _EMPTY
    out: set[str] = set()
    for name in tokens.split():
        low = name.lower().split("--", 1)[0]  # a BEM modifier ("section--ads") is a variant
        parts = _WORD_SPLIT.split(low)
        if len(parts) > 1:
            if (parts[0] in _TAXONOMY and parts[1]) or (len(parts) > 2 and parts[1] in _FILED_AS and parts[2]):
                continue  # "tag-berlin", "post-format-gallery"
            out.add("".join(parts))
        out.update(parts)
    out.discard("")
    return frozenset(out)


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: the first word of a taxonomy class name (see :func:`_words`)
_TAXONOMY = frozenset({"tag", "tags", "category", "categories", "cat", "format", "has", "single", "status", "type"})
#: the same words second in a name ("post-format-gallery", "entry-type-video")
_FILED_AS = frozenset({"format", "status", "type"})


def _nonspace(text: str) -> int:
    """Character count without the usual whitespace (link density works on these)."""
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") - text.count("\r")


_PRE_TAGS = frozenset({"pre", "listing", "xmp", "plaintext"})
_COMMENT_HINT = re.compile(r"comment|disqus|discussion", re.I)
#: tags a comment-named element marks even when its name also says "article" / "content"
_COMMENT_LIST_TAGS = frozenset({"section", "aside", "ol", "ul"})
#: the whitespace :func:`_nonspace` ignores; text made only of it adds nothing to a block
_SPACE = " \n\t\r"

# bits of an open element's flags in :func:`_walk`; its stack entry is ``nid << 4 | flags``
_F_BLOCK, _F_LINK, _F_PRE, _F_QUOTE = 1, 2, 4, 8
_F_INLINE = _F_LINK | _F_PRE | _F_QUOTE
#: stack entry of a skipped element (hidden, dropped, ``<br>``, entity)
_SKIPPED = -1


#: what a tag says about walking an element: walk it; skip its subtree; a line break; walk
#: it and hand it to the metadata stage (a heading or ``<time>``, see :data:`PAGE_TAGS`)
_K_NORMAL, _K_DROP, _K_BR, _K_TAGGED = 0, 1, 2, 3
#: what :meth:`_Walk.table_row` says of a row of bare text cells made one line
_BARE_ROW = 1
_PAGE_TAG_SET = frozenset(PAGE_TAGS)


def _tag_info(raw_tag: str) -> tuple[str, int, int, tuple[str, str] | None, bool]:
    """What an element's tag alone says: (lower-case local name, _K_* kind, _F_* flags,
    structural preset, semantic article markup)."""
    tag = raw_tag.rsplit("}", 1)[1] if raw_tag[0] == "{" else raw_tag  # namespaced (XHTML as XML)
    tag = tag.lower()
    kind = _K_DROP if tag in DROP_TAGS else _K_BR if tag == "br" else _K_TAGGED if raw_tag in _PAGE_TAG_SET else _K_NORMAL
    flags = _F_BLOCK if tag in BLOCK_TAGS else 0
    if tag == "a":
        flags |= _F_LINK
    elif tag in _PRE_TAGS:
        flags |= _F_PRE
    elif tag == "blockquote":
        flags |= _F_QUOTE
    return tag, kind, flags, _TAG_PRESET.get(tag), tag == "article" or tag == "main"


def _comment_class(own: str) -> int:
    """0: no comment words in the class/id names; 1: comment and content words; 2: comment words only."""
    low = own.lower()
    if "comment" not in low and "disqus" not in low and "discussion" not in low:
        # substring tests first (fast); the regex only adds Unicode case folding
        if own.isascii() or not _COMMENT_HINT.search(own):
            return 0
    words = _words(own)
    if not words & _COMMENT_WORDS:
        return 0
    return 1 if words & _CONTENT_WORDS else 2


#: what joins the cells of a table row that is made one line of a block
CELL_SEP = " | "
#: a block made of table rows or ``<br>`` lines joins its finished lines in runs of this
#: many, so a million-row table does not keep a million small strings alive
_LINES_COMPACT = 1024
#: the same for the text pieces of one block
_PARTS_COMPACT = 1024
_CELL_TAGS = frozenset({"td", "th"})


#: whitespace that is not already a single space
_WS_RUN = re.compile(r"\s{2,}|[^\S ]")


def _fold(raw: str) -> str:
    """Visible text of a run of inline text: whitespace folded, control characters dropped."""
    # split-and-join is fastest for a paragraph; a block of 100,000 links would become
    # a list of a million words first, so long runs are folded in place
    text = " ".join(raw.split()) if len(raw) < 4096 else _WS_RUN.sub(" ", raw).strip()
    if text and not text.isprintable():  # rare: dropped per line rather than page-wide
        text = clean_controls(text)
        if not text.strip():
            return ""
    return text


def _is_hidden(el: Any, keys: Any) -> bool:
    """``hidden``, ``aria-hidden="true"`` or an inline ``display:none`` style."""
    return (
        "hidden" in keys
        or ("aria-hidden" in keys and el.get("aria-hidden", "").strip().lower() == "true")
        or ("style" in keys and _HIDDEN_STYLE.search(el.get("style", "")) is not None)
    )


def _inline_cell(cell: Any, out: list[str]) -> int | None:
    """Append the visible text of a table cell's inline content to ``out``; return its
    link characters, or ``None`` when the cell holds a block-level element or a ``<br>``
    (then the cell is laid out as blocks, and its row goes the general way)."""
    link_chars = 0
    link_depth = 0
    walker = etree.iterwalk(cell, events=("start", "end"))
    # per open element: its _F_* flags, or -1 when skipped (dropped, hidden, entity)
    stack: list[int] = []
    for event, el in walker:
        if event == "end":
            flags = stack.pop()
            if flags > 0 and flags & _F_LINK:
                link_depth -= 1
            tail = el.tail
            if stack and tail:  # the cell's own tail is not its content
                out.append(tail)
                if link_depth:
                    link_chars += _nonspace(tail)
            continue
        raw_tag = el.tag
        if not isinstance(raw_tag, str):  # entity: only its tail shows
            walker.skip_subtree()
            stack.append(-1)
            continue
        _, kind, flags, preset, _ = _tag_info(raw_tag)
        if stack:
            if kind == _K_BR or flags & (_F_BLOCK | _F_PRE | _F_QUOTE) or preset is not None:
                return None
            keys = el.keys()
            if kind == _K_DROP or (keys and _is_hidden(el, keys)):
                walker.skip_subtree()
                stack.append(-1)
                continue
            if flags & _F_LINK:
                link_depth += 1
        else:
            flags = 0  # the cell itself
        stack.append(flags)
        text = el.text
        if text:
            out.append(text)
            if link_depth:
                link_chars += _nonspace(text)
    return link_chars


def _row_line(row: Any) -> tuple[str, int, bool] | None:
    """A table row whose cells hold only inline content, as one line: the cells' texts
    joined with :data:`CELL_SEP`, its link characters, and whether every cell is bare
    text (no attributes, no elements: nothing in it for the metadata stage, see
    :class:`Gathered`). ``None`` for any other row
    (a cell with paragraphs, lists, ``<br>``s, a row carrying class/id/role words that
    make it a structural element...), which is made into blocks cell by cell.

    Why: a data table is read row by row; one block per cell made a million-row table a
    million tiny blocks, each paying the per-block cost of every later stage.
    """
    if row.text and not row.text.isspace():
        return None
    cells: list[str] = []
    link_chars = 0
    bare = True
    for cell in row:
        raw_tag = cell.tag
        if not isinstance(raw_tag, str) or _tag_info(raw_tag)[0] not in _CELL_TAGS:
            return None
        keys = cell.keys()
        if keys:
            bare = False
            if _is_hidden(cell, keys):
                continue
            if "role" in keys or ("class" in keys or "id" in keys) and _comment_class(
                f"{cell.get('class', '')} {cell.get('id', '')}"
            ):
                return None
        if len(cell):
            bare = False
            parts: list[str] = []
            lc = _inline_cell(cell, parts)
            if lc is None:
                return None
            link_chars += lc
            text = _fold("".join(parts))
        else:
            text = _fold(cell.text) if cell.text else ""
        if text:
            cells.append(text)
        tail = cell.tail
        if tail and not tail.isspace():
            cells.append(_fold(tail))
    if not cells:
        return "", 0, bare
    return CELL_SEP.join(cells), link_chars, bare


#: the attributes :func:`_attributes` reads; an element with none of them says nothing
_DESCRIBED = frozenset({"class", "id", "role", "itemprop"})


def _attributes(
    tag: str, cls: str | None, ident: str | None, role: str | None, itemprop: str | None, rel: str | None,
    preset: tuple[str, str] | None, semantic: bool,
) -> tuple[str, str, tuple[str, str] | None, bool, int]:
    """What an element's class, id, ARIA role, ``itemprop`` and ``rel`` say, given what its
    tag says (``preset``, ``semantic``): ``(own names, class names, preset, semantic,
    prop_marks)``.

    The walk keeps the answers per page (:attr:`_Walk.said`): the same attribute strings
    repeat (every ``<p class="para">``).
    """
    marks = prop_marks(itemprop, rel) if itemprop is not None or rel is not None else 0
    cls = " ".join(cls.split()) if cls else ""
    # a heading's id is an anchor made from its text ("nav_the-takeaway"), not a role
    ident = ident.strip() if ident and tag not in _HEADINGS else ""
    if role is not None:
        role = role.strip().lower()
        if role == "main" or role == "article":
            semantic = True
        elif preset is None and tag not in _NEVER_PRESET:
            preset = _ROLE_PRESET.get(role)
    if itemprop and "articlebody" in itemprop.lower():
        semantic = True
    if not cls and not ident:
        return "", "", preset, semantic, marks
    own = f"{cls} {ident}" if cls and ident else (cls or ident)
    if preset is None and not semantic and tag not in _NEVER_PRESET:
        ck = _comment_class(own)
        if ck == 2 or (ck == 1 and tag in _COMMENT_LIST_TAGS):
            preset = _COMMENTS_PRESET
    return own, cls, preset, semantic, marks


class _Walk:
    """One walk over a tree (see :func:`_walk`): the node arrays, the block being made
    (its text pieces, finished lines and link characters) and the blocks made so far.

    Per-page caches keep the per-element work to a few dict look-ups: class/id strings
    repeat (every ``<p class="para">``), and blocks under the same named element share
    its hints.
    """

    __slots__ = (
        "nodes", "raws", "ld_scripts", "titles", "elements", "parts", "lines", "n_lines",
        "n_joined", "n_rows", "n_parts_joined", "link_chars", "link_depth", "pre_depth",
        "quote_depth", "owners", "group_of", "said", "pending", "stack", "gathered",
    )

    def __init__(self) -> None:
        self.nodes = _Nodes()
        self.raws: list[_Raw] = []
        self.ld_scripts: list[str] = []
        self.titles: list[str] = []
        self.elements: list[Any] = []
        self.parts: list[str] = []
        #: finished lines of the block being made (table rows, text ended by a single
        #: ``<br>``), before the text in ``parts``; joined now and then (see _LINES_COMPACT)
        self.lines: list[str] = []
        self.n_lines = 0  # lines in ``lines``
        self.n_joined = 0  # leading items of ``lines`` that are already joined runs of lines
        self.n_rows = 0  # table rows among them
        self.n_parts_joined = 0  # leading items of ``parts`` that are already joined runs
        self.link_chars = 0
        self.link_depth = self.pre_depth = self.quote_depth = 0
        self.owners: list[int] = []  # block-level node ids; the owner of text is the top
        self.group_of: dict[int, int] = {}
        #: (tag, class, id, role, itemprop, rel) -> :func:`_attributes` (the tag decides its
        #: preset and semantic)
        self.said: dict[tuple[str | None, ...], tuple[str, str, tuple[str, str] | None, bool, int]] = {}
        #: hidden inline elements met inside the block being made: their blocks follow it
        self.pending: list[tuple[int, str, tuple[str, str]]] = []
        #: per open element: node id << 4 | _F_* flags (an int, not a tuple: nothing for
        #: the garbage collector to track); skipped elements push _SKIPPED
        self.stack: list[int] = []
        self.gathered = Gathered(elements=self.elements, classes=self.nodes.cls)

    # ------------------------------------------------------------ the block being made

    def flush(self) -> None:
        """End the block being made (if it has text) and make it a :class:`_Raw`."""
        parts, lines = self.parts, self.lines
        raw = "".join(parts)
        lc = self.link_chars
        parts.clear()
        self.n_parts_joined = self.link_chars = 0
        rows = self.n_rows
        count = 1
        chars = -1  # emit counts them, unless the text is known folded
        if lines:  # finished lines, perhaps followed by inline text
            count = self.n_lines
            text = "\n".join(lines)
            lines.clear()
            self.n_rows = self.n_lines = self.n_joined = 0
            last = _fold(raw)
            if last:
                if lc and not rows:
                    # a line with links after link-free <br> lines is a block of its own
                    self.emit(text, 0, count, 0)
                    text, lc, count = last, lc, 1
                else:
                    text = f"{text}\n{last}"
                    count += 1
        elif self.pre_depth:
            text = _pre_text(raw)
        else:
            text = _fold(raw)
            chars = len(text) - text.count(" ")  # folded: the only whitespace left is single spaces
        if text:
            self.emit(text, lc, count, rows, -1, chars)
        if self.pending:
            self.emit_pending()

    def emit(self, text: str, lc: int, count: int, rows: int, owner: int = -1, chars: int = -1) -> Block:
        """Make the block: ``count`` lines of text (``rows`` of them table rows), ``chars``
        of them not whitespace (-1: count them here)."""
        nodes = self.nodes
        n_tag = nodes.tag
        if owner < 0:
            owner = self.owners[-1] if self.owners else 0
        otag = n_tag[owner]
        kind = LEAF_KIND.get(otag, "p")
        if rows:
            kind = "td"
        elif self.pre_depth:
            kind = "pre"
        elif self.quote_depth and (kind == "p" or kind == "li"):
            kind = "quote"
        # leaf elements share the group of their container; generic owners are one
        gnode = owner
        if owner and otag in LEAF_KIND:
            gnode = nodes.parent[owner]
            while gnode > 0 and n_tag[gnode] in _ROW_TAGS:
                gnode = nodes.parent[gnode]
        group = self.group_of.get(gnode)
        if group is None:
            group = self.group_of[gnode] = len(self.group_of) + 1
        if chars < 0:
            chars = len(text) - text.count(" ") - text.count("\n") - text.count("\t") - text.count("\r")
        if lc > chars:
            lc = chars
        density = (1.0 if lc == chars else round(lc / chars, 3)) if lc else 0.0
        # by position: the keyword form costs a third more, per block; hints are worked
        # out on first read (None: ask ``nodes``), or known empty (no named element above)
        hints = None if nodes.named[owner] >= 0 else ""
        block = Block(text, kind, group, density, hints, None, None, None, None, -1, None, owner, nodes)
        self.raws.append(_Raw(block, owner, chars, lc, count))
        return block

    def add_line(self, line: str) -> None:
        """A finished line of the block being made."""
        lines = self.lines
        lines.append(line)
        self.n_lines += 1
        if len(lines) - self.n_joined >= _LINES_COMPACT:
            lines[self.n_joined :] = ["\n".join(lines[self.n_joined :])]
            self.n_joined += 1

    def line_break(self) -> None:
        """``<br>``: one breaks the line, two in a row (nothing visible between) end the block."""
        if self.pre_depth:
            self.parts.append("\n")
        elif self.n_rows or self.link_chars:
            # after table rows, or a line with links (a bare address, a list of
            # links): those stay blocks of their own, as a line after them does
            if self.parts or self.lines:
                self.flush()
        elif self.parts:
            line = _fold("".join(self.parts))
            self.parts.clear()
            self.n_parts_joined = 0
            if line:
                self.add_line(line)
            elif self.lines:
                self.flush()
        elif self.lines:
            self.flush()

    def table_row(self, el: Any, keys: Any) -> int:
        """A row of inline cells is one line; consecutive such rows are one block.
        0 when the row must be walked cell by cell (also when it carries a role, an
        ``itemprop`` or comment-section names: then it is a structural element); else
        :data:`_BARE_ROW` for a row of bare cells without attributes of its own, 2 for
        any other."""
        if keys and (
            "role" in keys or "itemprop" in keys
            or _comment_class(f"{el.get('class', '')} {el.get('id', '')}".strip())
        ):
            return 0
        row = _row_line(el)
        if row is None:
            return 0
        if self.parts or (self.lines and not self.n_rows):  # text before the rows, or after them
            self.flush()
        line, lc, bare = row
        if line:
            self.add_line(line)
            self.n_rows += 1
            if self.link_depth:
                lc = _nonspace(line)
            self.link_chars += lc
        return _BARE_ROW if bare and not keys else 2

    def compact_parts(self) -> None:
        """A block of a hundred thousand links or spans: keep its pieces as a few long
        strings, not a Python object per piece."""
        parts = self.parts
        parts[self.n_parts_joined :] = ["".join(parts[self.n_parts_joined :])]
        self.n_parts_joined += 1

    # ------------------------------------------------------- elements that are not walked

    def skip(self, el: Any, tag: str, kind: int, keys: Any) -> bool:
        """Handle an element whose subtree is not walked (``<br>``, a table row made one
        line, a hidden or dropped element); ``False`` for any other.

        Hidden elements, dialogs and form controls show no text (or not as part of the
        page): each becomes one block with a structural preset, so that what is dropped is
        still reported. Scripts, styles and templates are not visible text at all. What
        the metadata stage wants from a skipped subtree is gathered here.
        """
        gathered = self.gathered
        script_type = ""
        if kind == _K_BR:
            self.line_break()
        elif kind == _K_DROP:
            if tag == "script":
                script_type = el.get("type", "")
                if script_type.strip().lower() == "application/ld+json" and el.text:
                    self.ld_scripts.append(el.text)
            elif tag == "head":
                found = list(el.iter(*PAGE_TAGS))
                gathered.tagged.extend(found)
                gathered.skipped.append((len(self.nodes.tag), el))
                _read_head(found, self.ld_scripts, self.titles)
                return True
            elif tag in _SHOWN_DROPS:
                self.invisible(el, tag, _SHOWN_DROPS[tag])
        elif keys and _is_hidden(el, keys):
            self.invisible(el, tag, _HIDDEN_PRESET)
        elif tag == "tr" and not self.pre_depth and (folded := self.table_row(el, keys)):
            if folded == _BARE_ROW:
                return True  # a data table's row: nothing in it for the metadata stage
        else:
            if kind == _K_TAGGED:
                gathered.tagged.append(el)
            return False
        children = len(el)
        if children:
            gathered.tagged.extend(el.iter(*PAGE_TAGS))
        elif tag in _PAGE_TAG_SET and el.tag == tag and (tag != "script" or "+" in script_type):
            # (a namespaced tag is not one of them; the metadata reads JSON-LD scripts only)
            gathered.tagged.append(el)
        if children or (keys and ("class" in keys or "itemprop" in keys or "rel" in keys)):  # else nothing marks it
            gathered.skipped.append((len(self.nodes.tag), el))
        return True

    def invisible(self, el: Any, tag: str, preset: tuple[str, str]) -> None:
        """One block with ``preset`` for the text of an element that is not shown."""
        text = _fold(_subtree_text(el))
        if not text:
            return
        nid = self.open(el, tag, preset, ())
        if tag in BLOCK_TAGS:
            if self.parts or self.lines:
                self.flush()
            self.emit(text, 0, 1, 0, nid).preset = preset
        else:  # inline: its block follows the one it sits in
            self.pending.append((nid, text, preset))

    def emit_pending(self) -> None:
        pending, self.pending = self.pending, []
        for nid, text, preset in pending:
            self.emit(text, 0, 1, 0, nid).preset = preset

    # ---------------------------------------------------------------- walked elements

    def open(self, el: Any, tag: str, preset: tuple[str, str] | None, keys: Any) -> int:
        """Give an element its node id and arrays entry; return the id. (The walk's loop
        does the same inline.)"""
        nodes = self.nodes
        nid = len(nodes.tag)
        stack = self.stack
        pid = stack[-1] >> 4 if stack else -1
        if pid < 0 and stack:  # under a skipped element: cannot happen (skipped subtrees are not walked)
            pid = 0
        named = nodes.named[pid] if pid >= 0 else -1
        own = cls = ""
        semantic = False
        if keys and _DESCRIBED.intersection(keys):
            get = el.get
            # not a walked element: what marks it is found with its subtree (Gathered.skipped)
            own, cls, preset, semantic, _ = _attributes(tag, get("class"), get("id"), get("role"), get("itemprop"), None, preset, False)
            if own:
                named = nid
        nodes.named.append(named)
        nodes.own.append(own)
        nodes.cls.append(cls)
        nodes.preset.append(preset)
        nodes.semantic.append(semantic)
        nodes.parent.append(pid)
        self.elements.append(el)
        nodes.tag.append(tag)
        nodes.depth.append(nodes.depth[pid] + 1 if pid >= 0 else 0)
        return nid

    def attributes(
        self, el: Any, keys: Any, tag: str, preset: tuple[str, str] | None, semantic: bool
    ) -> tuple[str, str, tuple[str, str] | None, bool, int]:
        """:func:`_attributes` of an element, once per distinct (tag, attributes) on the page."""
        get = el.get
        said = (
            tag, get("class") if "class" in keys else None, get("id") if "id" in keys else None,
            get("role") if "role" in keys else None, get("itemprop") if "itemprop" in keys else None,
            get("rel") if "rel" in keys else None,
        )
        attrs = self.said.get(said)
        if attrs is None:
            attrs = self.said[said] = _attributes(*said, preset, semantic)
        return attrs

    def enter(self, flags: int) -> None:
        """A link, ``<pre>`` or quote opens."""
        if flags & _F_LINK:
            self.link_depth += 1
        elif flags & _F_PRE:
            self.pre_depth += 1
        elif flags & _F_QUOTE:
            self.quote_depth += 1

    def leave(self, flags: int) -> None:
        """The element :meth:`enter` opened closes."""
        if flags & _F_LINK:
            self.link_depth -= 1
        if flags & _F_PRE:
            self.pre_depth -= 1
        if flags & _F_QUOTE:
            self.quote_depth -= 1


def _walk(root: Any, *, private: bool = False) -> _Walk:
    """Turn the tree into raw blocks in one pass (no recursion): in C when the compiled
    walk is there (``_cwalk.pyx``, the same results), else :func:`_walk_python`.

    The result holds the blocks, the node arrays, the JSON-LD scripts and titles met on
    the way, and the elements by node id. ``private``: no one else holds the tree (see
    ``_cwalk.Elements``).
    """
    if _cwalk is not None and isinstance(root, etree._Element) and isinstance(root.tag, str):
        return _walk_compiled(root, private=private)
    return _walk_python(root)


def _walk_compiled(root: Any, *, private: bool = False) -> _Walk:
    """:func:`_walk` in C (``root``: an element). The elements of a ``private`` tree are
    kept as nodes, their proxies made when asked for (``_cwalk.Elements``)."""
    assert _cwalk is not None
    w = _CompiledWalk()
    if private:
        w.elements = w.gathered.elements = _cwalk.Elements(root)
    _cwalk.walk(root, w)
    return _finish(w)


def _finish(w: _Walk) -> _Walk:
    """End the walk's last block."""
    if w.parts or w.lines:
        w.flush()
    elif w.pending:
        w.emit_pending()
    return w


def _walk_python(root: Any) -> _Walk:
    """:func:`_walk` in Python: ``iterwalk`` over the tree."""
    w = _Walk()
    stack = w.stack
    push, pop = stack.append, stack.pop
    parts = w.parts
    add_part = parts.append
    add_owner, pop_owner = w.owners.append, w.owners.pop
    nodes = w.nodes
    n_tag, n_depth, n_named = nodes.tag, nodes.depth, nodes.named
    add_named, add_own, add_cls = n_named.append, nodes.own.append, nodes.cls.append
    add_preset, add_semantic, add_parent = nodes.preset.append, nodes.semantic.append, nodes.parent.append
    add_element, add_tag, add_depth = w.elements.append, n_tag.append, n_depth.append
    add_marked = w.gathered.marked.append
    tag_info: dict[Any, tuple[str, int, int, tuple[str, str] | None, bool]] = {}  # raw tag -> _tag_info()
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        if event != "start":
            if event == "end":
                flags = pop() & 15  # a skipped element's -1 gives all bits: checked first
                if flags and flags != 15:
                    if flags & _F_BLOCK:
                        if parts or w.lines or w.pending:
                            w.flush()
                        pop_owner()
                    if flags == _F_LINK:  # the common inline case, without a call
                        w.link_depth -= 1
                    elif flags & _F_INLINE:
                        w.leave(flags)
                if not stack:
                    continue
            tail = el.tail  # after an element, a comment or a processing instruction
            if tail and (parts or w.pre_depth or tail.strip(_SPACE)):
                add_part(tail)
                if w.link_depth:
                    w.link_chars += _nonspace(tail)
            continue
        raw_tag = el.tag
        info = tag_info.get(raw_tag)
        if info is None:
            if not isinstance(raw_tag, str):  # entity
                push(_SKIPPED)
                continue
            info = tag_info[raw_tag] = _tag_info(raw_tag)
        tag, kind, flags, preset, semantic = info
        keys = el.keys()
        if (
            kind or tag == "tr" or (keys and ("hidden" in keys or "aria-hidden" in keys or "style" in keys))
        ) and w.skip(el, tag, kind, keys):
            walker.skip_subtree()
            push(_SKIPPED)
            continue
        nid = len(n_tag)
        depth = len(stack)  # skipped elements have no children: the stack holds the ancestors
        if depth:  # :meth:`_Walk.open`, inline
            pid = stack[-1] >> 4
            named = n_named[pid]
        else:
            pid, named = -1, -1
            flags |= _F_BLOCK
        if keys and ("class" in keys or "id" in keys or "role" in keys or "itemprop" in keys or "rel" in keys):
            own, cls, preset, semantic, marks = w.attributes(el, keys, tag, preset, semantic)
            if own:
                named = nid
            if marks:
                add_marked((nid, el, marks))
        else:
            own = cls = ""
        add_named(named)
        add_own(own)
        add_cls(cls)
        add_preset(preset)
        add_semantic(semantic)
        add_parent(pid)
        add_element(el)
        add_tag(tag)
        add_depth(depth)
        if flags & _F_BLOCK:
            if parts or w.lines or w.pending:
                w.flush()
            add_owner(nid)
        if flags == _F_LINK:
            w.link_depth += 1
        elif flags & _F_INLINE:
            w.enter(flags)
        push(nid << 4 | flags)
        text = el.text
        if text and (parts or w.pre_depth or text.strip(_SPACE)):
            add_part(text)
            if w.link_depth:
                w.link_chars += _nonspace(text)
            if len(parts) - w.n_parts_joined >= _PARTS_COMPACT:
                w.compact_parts()
    return _finish(w)


def _pre_text(raw: str) -> str:
    """Text of a block inside ``<pre>``: line breaks kept, trailing spaces and control
    characters dropped (per block, rather than by scanning the whole page first)."""
    text = "\n".join([ln.rstrip() for ln in raw.replace("\r", "").split("\n")]).strip("\n")
    if not text.strip():
        return ""
    if not text.isprintable():
        text = clean_controls(text)
        if not text.strip():
            return ""
    return text


#: elements whose subtree is not walked but whose text a reader may see (or meet), as
#: one block each with this preset
_SHOWN_DROPS: dict[str, tuple[str, str]] = {
    "dialog": ("boilerplate", "html.dialog"),
    "textarea": ("boilerplate", "html.control"),
    "select": ("boilerplate", "html.control"),
    "svg": ("boilerplate", "html.graphic"),
    "math": ("boilerplate", "html.graphic"),
}
_HIDDEN_PRESET = ("boilerplate", "html.hidden")
#: text of a subtree without that of its scripts and styles
_VISIBLE_TEXT = etree.XPath(".//text()[not(ancestor::script or ancestor::style or ancestor::template)]")


def _subtree_text(el: Any) -> str:
    """The text of an element's subtree (not its tail), scripts and styles left out."""
    if next(el.iter("script", "style", "template"), None) is None:
        return str(etree.tostring(el, method="text", encoding="unicode", with_tail=False))  # fast, in C
    return " ".join(map(str, _VISIBLE_TEXT(el)))  # type: ignore[arg-type]  # a list of strings here


def _read_head(found: list[Any], ld_scripts: list[str], titles: list[str]) -> None:
    """What the main-content stage wants from ``<head>`` (``found``: its elements of
    :data:`PAGE_TAGS`): JSON-LD scripts, and the page's ``<title>`` and ``og:title`` (the
    headline prior)."""
    for el in found:
        tag = el.tag
        if tag == "script":
            if el.get("type", "").strip().lower() == "application/ld+json" and el.text:
                ld_scripts.append(el.text)
        elif tag == "title":
            if el.text and el.text.strip():
                titles.append(el.text)
        elif tag == "meta" and el.get("property", el.get("name", "")).strip().lower() in ("og:title", "twitter:title"):
            content = el.get("content", "")
            if content.strip():
                titles.append(content)


_ROW_TAGS = frozenset({"tr", "tbody", "thead", "tfoot"})
#: elements that hold the page or its article: a class word ("showing-comments" on
#: ``<body>``) or an ARIA role never makes them boilerplate as a whole
_NEVER_PRESET = frozenset({"html", "body", "main", "article"})


_CONTENT_WORDS: frozenset[str] = frozenset({"article", "story", "body", "content"})



def html_blocks(source: Any) -> HtmlPage:
    """Make blocks from HTML (str, bytes, BeautifulSoup or lxml element); never raises on bad markup."""
    root = parse_html(source)
    if root is None:
        return HtmlPage([], None, None)
    # a tree the caller passed in is theirs to edit later; one parsed here is private
    w = _walk(root, private=not isinstance(source, (etree._Element, etree._ElementTree)))
    if not w.raws:
        return HtmlPage([], root, None, w.elements, w.gathered)
    title = select_main(w.raws, w.nodes, w.ld_scripts, w.titles)
    return HtmlPage([r.block for r in w.raws], root, title, w.elements, w.gathered)


def _load_compiled() -> Any:
    """The compiled walk (``_cwalk.pyx``), bound to this module, or ``None`` (see
    ``_rules.load_compiled``)."""
    module = load_compiled("_cwalk")
    if module is not None:
        module.bind(globals())
    return module


_cwalk = _load_compiled()
#: whether HTML is walked by the compiled module (``cleaner --version`` says)
COMPILED = _cwalk is not None

if _cwalk is not None:

    class _CompiledWalk(_Walk):
        """A walk whose block making (``flush``, ``emit``) is the compiled module's."""

        __slots__ = ()
        flush = _cwalk.flush
        emit = _cwalk.emit
