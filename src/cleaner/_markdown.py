"""Markdown rendering of the article: the kept blocks, with the structure their markup shows.

Stage contract: ``html_markdown(blocks, elements, ...)`` and ``text_markdown(blocks, ...)``
return a CommonMark/GFM string. Only kept blocks (``category is None``) are written, in
order, so the words of the Markdown are the words of ``Document.body`` (plus the title,
and link targets / image descriptions when asked for). Bad markup never raises: whatever
cannot be rendered with its structure is written as the block's escaped text.

How the HTML structure is found: each block knows the element that owns its text
(``Block.node``). The element's ancestors give the context (list item and nesting,
blockquote depth, table, figure, ``<pre>``); the element's inline content gives
links, images, emphasis and inline code. An inline rendering is used only when its
words are the block's words, so the Markdown never says more or less than the body.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterator
from urllib.parse import urljoin

from lxml import etree

from ._html_blocks import BLOCK_TAGS, CELL_SEP, DROP_TAGS
from ._model import Block, MarkdownOptions

__all__ = ["MarkdownOptions", "html_markdown", "text_markdown"]


# ---------------------------------------------------------------------- escaping

#: characters Markdown reads as inline syntax; ``_`` only at a word's edge, ``&`` only
#: where it would start an entity
_INLINE_SYNTAX = re.compile(r"[\\`*\[\]<~]|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_])")
#: what Markdown reads as a block marker (or a table's delimiter row) at the start of a line
_LINE_START = re.compile(r"^(?:[#>+=|-]|:(?=-)|\d{1,9}(?=[.)](?:\s|$)))")
#: a hard line break inside a block while it is being built (text nodes never hold NUL)
_BR = "\x00"


#: any character :data:`_INLINE_SYNTAX` may escape (one class: a quick test for most text)
_MAYBE_SYNTAX = re.compile(r"[\\`*\[\]<~&_]")


def escape(text: str) -> str:
    """Inline text with every syntax character backslash-escaped."""
    if _MAYBE_SYNTAX.search(text) is None:
        return text
    return _INLINE_SYNTAX.sub(r"\\\g<0>", text)


def _escape_line_start(line: str) -> str:
    m = _LINE_START.match(line)
    if m is None:
        return line
    s = m.group(0)
    return f"{s}\\{line[len(s):]}" if s[0].isdigit() else f"\\{line}"


def escape_lines(text: str) -> list[str]:
    """A block's plain text (lines separated by ``\\n``) as escaped Markdown lines."""
    return [_escape_line_start(escape(line)) for line in text.split("\n") if line.strip()]


def hard_breaks(lines: list[str]) -> list[str]:
    """Lines of one paragraph, each ended by a backslash hard break (``<br>``, a poem)."""
    return [ln + "\\" for ln in lines[:-1]] + lines[-1:] if len(lines) > 1 else lines


def _fence(code: str, char: str = "`") -> str:
    """A backtick fence longer than any run of backticks in ``code``."""
    longest = max((len(r) for r in re.findall(f"{re.escape(char)}+", code)), default=0)
    return char * max(3, longest + 1)


def _code_span(code: str) -> str:
    if not code:
        return ""
    longest = max((len(r) for r in re.findall("`+", code)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if code[0] == "`" or code[-1] == "`" or (code[0] == " " == code[-1]) else ""
    return f"{ticks}{pad}{code}{pad}{ticks}"


# --------------------------------------------------------------------------- URLs

_SAFE_SCHEMES = frozenset({"http", "https", "ftp", "mailto"})
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
#: browsers drop tabs and line breaks anywhere in a URL (and spaces and controls at its ends)
_URL_STRIP = re.compile(r"[\t\n\r]")
_URL_EDGES = "".join(map(chr, range(0x21))) + "\x7f"
_URL_QUOTE = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "|": "%7C", "\\": "%5C"}


def safe_url(href: str | None, base: str | None) -> str | None:
    """``href`` resolved against ``base`` and made safe to write, or ``None``: in-page
    anchors, ``javascript:``, ``data:`` and every scheme but http(s), ftp and mailto are
    never written (browsers ignore the whitespace and controls such URLs hide behind)."""
    if not href:
        return None
    href = _URL_STRIP.sub("", href).strip(_URL_EDGES)
    if not href or href[0] == "#":
        return None
    if base:
        try:
            href = urljoin(base, href)
        except ValueError:  # a malformed IPv6 host
            return None
    m = _URL_SCHEME.match(href)
    if m is not None and m.group(1).lower() not in _SAFE_SCHEMES:
        return None
    if href.isprintable() and not any(c in _URL_QUOTE for c in href):
        return href
    return "".join(_URL_QUOTE.get(c) or (f"%{ord(c):02X}" if ord(c) < 0x20 or ord(c) == 0x7F else c) for c in href)


def base_url(root: Any, page_url: str | None) -> str | None:
    """The page's ``<base href>`` (itself resolved against the page URL), else the page URL."""
    if root is None:
        return page_url
    for base in root.iter("base"):
        href = base.get("href")
        if href and href.strip():
            resolved = safe_url(href.strip(), page_url)
            if resolved and _URL_SCHEME.match(resolved):
                return resolved
        break
    return page_url


# ------------------------------------------------------------------ inline content

_EMPHASIS = {"em": "*", "i": "*", "strong": "**", "b": "**"}
_CODE_TAGS = frozenset({"code", "kbd", "samp", "tt"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
#: at most this many open links / emphasis / code spans are honoured in one block
_MAX_FRAMES = 32


_TAG_NAMES: dict[str, str] = {}


def _tag(el: Any) -> str:
    """Lower-case local name, or ``""`` for comments, entities and processing instructions."""
    raw = el.tag
    name = _TAG_NAMES.get(raw) if isinstance(raw, str) else ""
    if name is None:
        name = (raw.rsplit("}", 1)[1] if raw[:1] == "{" else raw).lower()
        if len(_TAG_NAMES) < 4096:  # made-up tag names on a hostile page must not grow it forever
            _TAG_NAMES[raw] = name
    return name


def _hidden(el: Any) -> bool:
    keys = el.keys()
    if not keys:
        return False
    return (
        "hidden" in keys
        or el.get("aria-hidden", "").strip().lower() == "true"
        or _HIDDEN_STYLE.search(el.get("style", "")) is not None
    )


def _punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _space_or_punct(ch: str) -> bool:
    return not ch or ch.isspace() or ch == _BR or _punct(ch)


def _following_char(el: Any, root: Any) -> str:
    """The first character shown after ``el`` inside ``root`` (``" "`` at a block's end;
    ``"x"`` when it cannot be told cheaply, which keeps emphasis delimiters safe)."""
    node = el
    while node is not None and node is not root:
        if node.tail:
            return node.tail[0]
        nxt = node.getnext()
        if nxt is not None:
            tag = _tag(nxt)
            if tag == "br" or tag in BLOCK_TAGS:
                return " "
            shown = nxt.text and tag not in DROP_TAGS and not _hidden(nxt)
            return nxt.text[0] if shown else "x"
        node = node.getparent()
    return " "


def _split_edges(s: str) -> tuple[str, str, str]:
    """``(leading whitespace, core, trailing whitespace)``; delimiters go around the core."""
    core = s.strip()  # Python's whitespace: what the final fold turns into spaces
    while core[:1] == _BR or core[-1:] == _BR:
        core = core.strip(_BR).strip()
    if not core:
        return s, "", ""
    start = s.index(core)
    return s[:start], core, s[start + len(core):]


@dataclass(slots=True)
class Segment:
    """Inline Markdown of a run of an element's content, and the words a reader sees."""

    lines: list[str]
    words: list[str]
    #: the words of each line, and whether the text may be cut after it (no link or
    #: emphasis open across that line break); ``None`` when lines cannot be told apart
    line_words: list[list[str]] | None = None
    breaks: list[bool] | None = None

    def take(self, words: list[str]) -> list[str] | None:
        """The first lines, when they hold exactly ``words`` (the block maker made a block
        of them, e.g. the lines before a line of links); they are then used up."""
        lw, breaks = self.line_words, self.breaks
        if lw is None or breaks is None or self.words[: len(words)] != words:
            return None
        n = 0
        for k, line in enumerate(lw):
            n += len(line)
            if n >= len(words):
                if n > len(words) or k + 1 >= len(lw) or not breaks[k]:
                    return None
                taken = self.lines[: k + 1]
                del self.lines[: k + 1], lw[: k + 1], breaks[: k + 1], self.words[:n]
                return taken
        return None


class _Frame:
    __slots__ = ("kind", "start", "data", "alive")

    def __init__(self, kind: str, start: int, data: str) -> None:
        self.kind, self.start, self.data, self.alive = kind, start, data, True


class _InlineWalk:
    """Renders one element's inline content, split into segments where the block maker
    splits text into blocks: at block-level children and at a ``<br>`` that ends a block."""

    def __init__(self, options: MarkdownOptions, base: str | None) -> None:
        self.options, self.base = options, base
        self.md: list[str] = []
        self.plain: list[str] = []
        self.frames: list[_Frame] = []
        self.code: _Frame | None = None
        self.segments: list[Segment] = []
        self.line_text = self.seg_text = self.seg_links = False
        self.breaks: list[bool] = []  # per line break in the segment: may the text be cut there

    def add(self, text: str) -> None:
        self.plain.append(text)
        self.md.append(text if self.code is not None else escape(text))
        if not text.isspace():
            self.line_text = self.seg_text = True
            if any(f.kind == "a" and f.alive for f in self.frames):
                self.seg_links = True

    def flush(self) -> None:
        if self.code is not None:  # a block inside <code>: what came before is text, not code
            start = self.code.start
            self.md[start:] = [escape(p) for p in self.md[start:]]
            self.code = None
        for f in self.frames:
            f.alive = False
        self.frames.clear()
        plain = "".join(self.plain)
        words = plain.replace(_BR, " ").split()
        if words:
            md = " ".join("".join(self.md).split()).replace(f" {_BR}", _BR).replace(f"{_BR} ", _BR)
            raw = md.split(_BR)
            lines = [_escape_line_start(ln) for ln in raw if ln]
            seg = Segment(lines, words)
            plain_lines = plain.split(_BR)
            if len(lines) == len(raw) == len(plain_lines) == len(self.breaks) + 1:
                seg.line_words, seg.breaks = [ln.split() for ln in plain_lines], self.breaks
            self.segments.append(seg)
        self.md.clear()
        self.plain.clear()
        self.breaks = []
        self.line_text = self.seg_text = self.seg_links = False

    def br(self) -> None:
        # mirrors the block maker: a <br> after links, or a second <br>, ends the block
        if self.seg_links or (not self.line_text and self.seg_text):
            self.flush()
        elif self.line_text:
            self.md.append(_BR)
            self.plain.append(_BR)
            self.breaks.append(not self.frames)
            self.line_text = False

    def open(self, tag: str, el: Any) -> _Frame | None:
        """Start a link, emphasis or code span; the frame to close at the element's end."""
        if self.code is not None or len(self.frames) >= _MAX_FRAMES:
            return None
        opts = self.options
        if tag in _CODE_TAGS:
            frame = self.code = _Frame("code", len(self.md), "")
        elif tag == "a" and opts.links:
            if any(f.kind == "a" for f in self.frames):
                return None
            url = safe_url(el.get("href"), self.base)
            if url is None:
                return None
            frame = _Frame("a", len(self.md), url)
        elif opts.emphasis and tag in _EMPHASIS:
            if any(f.data == _EMPHASIS[tag] for f in self.frames):
                return None  # bold inside bold says nothing more, and stacks delimiters
            frame = _Frame("em", len(self.md), _EMPHASIS[tag])
        else:
            return None
        self.frames.append(frame)
        return frame

    def _flanked(self, core: str, lead: str, trail: str, start: int, after: str) -> bool:
        """Whether ``*`` delimiters around ``core`` are read as emphasis (CommonMark's
        flanking rules: next to punctuation, a delimiter needs space or punctuation outside)."""
        before = self.md[start - 1][-1:] if start and not lead else " "
        if before == "*":  # right after another span's delimiter: the runs would merge
            return False
        if _punct(core[0]) and not _space_or_punct(before):
            return False
        return trail != "" or not _punct(core[-1]) or _space_or_punct(after)

    def close(self, frame: _Frame, after: str = " ") -> None:
        if not frame.alive:
            return
        self.frames.remove(frame)
        inner = "".join(self.md[frame.start:])
        del self.md[frame.start:]
        lead, core, trail = _split_edges(inner)
        if frame.kind == "code":
            self.code = None
            core = " ".join(core.replace(_BR, " ").split())
            self.md.append(f"{lead}{_code_span(core)}{trail}" if core else inner)
        elif frame.kind == "a":
            self.md.append(f"{lead}[{core}]({frame.data}){trail}" if core else lead + trail)
        elif core and self._flanked(core, lead, trail, frame.start, after):
            self.md.append(f"{lead}{frame.data}{core}{frame.data}{trail}")
        else:  # a delimiter next to punctuation or space would not be read as emphasis
            self.md.append(inner)

    def image(self, el: Any) -> None:
        if self.code is not None:
            return
        src = safe_url(el.get("src"), self.base)
        if src is not None:
            alt = " ".join((el.get("alt") or "").split())
            self.md.append(f"![{escape(alt)}]({src})")

    def run(self, root: Any) -> list[Segment]:
        walker = etree.iterwalk(root, events=("start", "end"))
        stack: list[_Frame | None] = []
        for event, el in walker:
            if event == "end":
                frame = stack.pop()
                if frame is not None:
                    self.close(frame, _following_char(el, root) if frame.kind == "em" else " ")
                if stack and el.tail:
                    self.add(el.tail)
                continue
            tag = _tag(el)
            frame = None
            if not stack:
                pass  # the owner itself
            elif not tag or tag in DROP_TAGS or tag in BLOCK_TAGS or tag == "br" or _hidden(el):
                walker.skip_subtree()
                if tag == "br":
                    self.br()
                elif tag == "img" and self.options.images and not _hidden(el):
                    self.image(el)
                elif tag in BLOCK_TAGS and tag:
                    self.flush()
                stack.append(None)
                continue
            else:
                frame = self.open(tag, el)
            stack.append(frame)
            if el.text:
                self.add(el.text)
        self.flush()
        return self.segments


def inline_segments(el: Any, options: MarkdownOptions, base: str | None) -> list[Segment]:
    """The inline Markdown of ``el``'s own text, one segment per block it owns."""
    return _InlineWalk(options, base).run(el)


# ------------------------------------------------------------------ block context

#: elements that end the search for an enclosing list item (an article laid out inside
#: a list must not become one list item)
_SECTIONS = frozenset(
    {"article", "section", "main", "header", "footer", "aside", "nav", "body", "html",
     "table", "td", "th", "figure", "form", "blockquote", "details"}
)
_ITEM_TAGS = frozenset({"li", "dt", "dd"})
_LIST_TAGS = frozenset({"ul", "ol", "menu", "dir"})
_TABLE_PARTS = frozenset({"table", "thead", "tbody", "tfoot"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: an item's text may sit this many elements below the ``<li>`` (``<li><div><p>``)
_ITEM_REACH = 3
#: ancestors looked at per block (a page nested thousands deep stays cheap)
_MAX_ANCESTORS = 200


@dataclass(slots=True)
class _Ctx:
    """Where a kept block sits in the markup."""

    block: Block
    el: Any = None
    #: blockquote depth, and the outermost blockquote (consecutive blocks in it join)
    quote: int = 0
    quote_root: Any = None
    #: the enclosing ``<li>``/``<dt>``/``<dd>``, its list and the number of lists above it
    item: Any = None
    item_tag: str = ""
    list_el: Any = None
    depth: int = 0
    #: the nearest enclosing ``<table>``
    table: Any = None


def _context(block: Block, elements: list[Any]) -> _Ctx:
    ctx = _Ctx(block)
    if not 0 <= block.node < len(elements):
        return ctx
    el = ctx.el = elements[block.node]
    heading = block.kind in _HEADINGS
    steps = 0
    searching = not heading  # headings stay headings, even inside a list item
    anc = el
    while anc is not None and steps < _MAX_ANCESTORS:
        tag = _tag(anc)
        if searching and tag in _ITEM_TAGS and ctx.item is None:
            ctx.item, ctx.item_tag = anc, tag
            searching = False
        elif tag in _LIST_TAGS or tag == "dl":
            if ctx.item is not None:
                if ctx.list_el is None:
                    ctx.list_el = anc
                if tag != "dl":
                    ctx.depth += 1
        elif tag == "blockquote":
            ctx.quote += 1
            ctx.quote_root = anc
        elif tag == "table" and ctx.table is None:
            ctx.table = anc
        if searching and (tag in _SECTIONS or steps >= _ITEM_REACH):
            searching = False
        anc = anc.getparent()
        steps += 1
    return ctx


# ------------------------------------------------------------------------- tables

_CELL_TAGS = frozenset({"td", "th"})
#: cells holding any of these are laid out as blocks: the table is layout, not data
_NOT_IN_CELLS = frozenset(
    {"table", "ul", "ol", "dl", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
     "figure", "section", "article", "form", "aside", "nav"}
)
#: beyond these a table is written from its blocks' text, row by row (bounded work)
_MAX_ROWS = 5000
_MAX_COLS = 64
_MAX_ROWSPAN = 1000
_MAX_CELL_CHARS = 2000


def _rows(table: Any) -> Iterator[Any]:
    """The table's own rows (not those of tables nested in its cells)."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in _TABLE_PARTS:
            for row in child:
                if _tag(row) == "tr":
                    yield row


def _span(cell: Any, name: str, cap: int) -> int:
    raw = cell.get(name)
    if not raw:
        return 1
    digits = re.match(r"\s*(\d{1,6})", raw)
    return min(max(int(digits.group(1)), 1), cap) if digits else 1


def _grid(table: Any, cell_md: Any) -> tuple[list[list[str]], list[str]] | None:
    """The table as rows of Markdown cells (spans padded with empty cells) and the words
    it shows, or ``None`` when it is not a data table (cells laid out as blocks, a
    single column, or too big to be worth the structure)."""
    grid: list[list[str]] = []
    words: list[str] = []
    carry: dict[int, int] = {}  # column -> rows a rowspan still covers
    for n, row in enumerate(_rows(table)):
        if n >= _MAX_ROWS:
            return None
        out: list[str] = []
        for cell in row:
            if _tag(cell) not in _CELL_TAGS or _hidden(cell):
                continue
            if any(_tag(d) in _NOT_IN_CELLS for d in cell.iterdescendants()):
                return None
            while carry.get(len(out), 0) > 0:
                carry[len(out)] -= 1
                out.append("")
            text, cell_words = cell_md(cell)
            if len(text) > _MAX_CELL_CHARS:
                return None
            words.extend(cell_words)
            span = _span(cell, "colspan", _MAX_COLS)
            rows = _span(cell, "rowspan", _MAX_ROWSPAN)
            for k in range(span):
                if rows > 1:
                    carry[len(out)] = rows - 1
                out.append(text if k == 0 else "")
        while any(v > 0 for c, v in carry.items() if c >= len(out)):
            carry[len(out)] = carry.get(len(out), 0) - 1
            out.append("")
        if len(out) > _MAX_COLS:
            return None
        if any(out):
            grid.append(out)
    if not grid or max(len(r) for r in grid) < 2:
        return None
    return grid, words


def _pipe_table(grid: list[list[str]]) -> list[str]:
    """GFM pipe table; the first row is the header row (GFM has no table without one)."""
    width = max(len(r) for r in grid)
    lines = []
    for i, row in enumerate(grid):
        cells = row + [""] * (width - len(row))
        lines.append("| " + " | ".join(c or " " for c in cells) + " |")
        if i == 0:
            lines.append("|" + "|".join(["---"] * width) + "|")
    return lines


def _text_table(text: str) -> list[str] | None:
    """A run of table rows as the block maker wrote them (cells joined by ``' | '``)."""
    rows = [[_cell_text(c) for c in line.split(CELL_SEP)] for line in text.split("\n") if line.strip()]
    if not rows or max(len(r) for r in rows) < 2:
        return None
    return _pipe_table(rows)


def _cell_text(text: str) -> str:
    return escape(text.strip()).replace("|", "\\|")


def _words_no_bars(words: list[str]) -> list[str]:
    return [w for w in words if w != "|"]


# --------------------------------------------------------------------- HTML pages

#: standalone images are looked for among this many siblings before a block's element,
#: each of at most this many elements
_IMAGE_SIBLINGS = 3
_IMAGE_SUBTREE = 30
_LANGUAGE = re.compile(r"(?:^|\s)(?:language|lang)-([\w+#.-]{1,40})")


@dataclass(slots=True)
class _Unit:
    """The Markdown lines of one kept block (or one table), before quote prefixes."""

    lines: list[str]
    ctx: _Ctx
    #: joined to the previous unit by a line break only (items of one list, dt/dd pairs)
    tight: bool = False


class _HtmlRenderer:
    """Renders the kept blocks of one page; caches per-element work (segments, numbering)."""

    def __init__(self, options: MarkdownOptions, base: str | None) -> None:
        self.options, self.base = options, base
        self.segments: dict[Any, list[Segment]] = {}
        self.numbers: dict[Any, dict[Any, int]] = {}
        self.written: set[Any] = set()  # images already written

    def inline(self, block: Block, el: Any) -> list[str]:
        """The block's Markdown lines: its element's inline rendering when that shows
        exactly the block's words, else the block's own text, escaped."""
        if el is not None:
            segs = self.segments.get(el)
            if segs is None:
                segs = self.segments[el] = inline_segments(el, self.options, self.base)
            words = block.text.split()
            for i, seg in enumerate(segs):
                if seg.words == words:
                    del segs[: i + 1]  # a block's text is used once; later blocks come after
                    return seg.lines
                taken = seg.take(words)
                if taken is not None:
                    del segs[:i]
                    return taken
        return escape_lines(block.text)

    def cell(self, cell: Any) -> tuple[str, list[str]]:
        segs = inline_segments(cell, self.options, self.base)
        text = "<br>".join(ln for s in segs for ln in s.lines).replace("|", "\\|")
        return text, [w for s in segs for w in s.words]

    def table(self, table: Any, blocks: list[Block]) -> list[str] | None:
        made = _grid(table, self.cell)
        if made is None:
            return None
        grid, words = made
        shown = _words_no_bars([w for b in blocks for w in b.text.split()])
        if _words_no_bars(words) != shown:
            return None  # part of the table was dropped, or the markup says other words
        return _pipe_table(grid)

    def number(self, item: Any, list_el: Any) -> int:
        """The number an ordered list shows for ``item`` (``start``/``value`` honoured)."""
        numbers = self.numbers.get(list_el)
        if numbers is None:
            numbers = self.numbers[list_el] = {}
            n = _span(list_el, "start", 10**6) if list_el.get("start") else 1
            for child in list_el:
                if _tag(child) == "li":
                    if child.get("value"):
                        n = _span(child, "value", 10**6)
                    numbers[child] = n
                    n += 1
        return numbers.get(item, 1)

    def images_of(self, figure: Any) -> list[str]:
        return self.image_lines([next(figure.iter("img"), None)])

    def image_lines(self, imgs: list[Any]) -> list[str]:
        """``![alt](src)`` for each image not written yet (safe URLs only)."""
        out = []
        for img in imgs:
            if img is None or img in self.written or _hidden(img):
                continue
            self.written.add(img)
            src = safe_url(img.get("src"), self.base)
            if src:
                out.append(f"![{escape(' '.join((img.get('alt') or '').split()))}]({src})")
        return out

    def images_before(self, el: Any) -> list[str]:
        """Images that stand alone just before the block's element (an image-only ``<p>``,
        ``<figure>`` or ``<img>``): they make no block of their own."""
        found: list[Any] = []
        for n, sib in enumerate(el.itersiblings(preceding=True)):
            if n >= _IMAGE_SIBLINGS or (sib.tail and not sib.tail.isspace()):
                break
            inside = []
            figure = _tag(sib) == "figure"  # its caption, if kept, is a block of its own
            for k, d in enumerate(sib.iter()):
                if k > _IMAGE_SUBTREE:
                    return self.image_lines(found)
                if not figure and ((d.text and not d.text.isspace()) or (d is not sib and d.tail and not d.tail.isspace())):
                    return self.image_lines(found)
                inside.append(d)
            found[:0] = [d for d in inside if _tag(d) == "img"]
        return self.image_lines(found)

    def unit(self, ctx: _Ctx, level: int) -> _Unit:
        block, el = ctx.block, ctx.el
        kind = block.kind
        if kind == "pre" or (el is not None and _tag(el) == "pre"):
            return _Unit(self.code_block(block, el), ctx)
        if kind == "td" and el is not None and _tag(el) in _TABLE_PARTS:
            rows = _text_table(block.text)
            if rows is not None:
                return _Unit(rows, ctx)
        lines = self.inline(block, el)
        if kind in _HEADINGS:
            return _Unit(["#" * level + " " + _heading_text(" ".join(lines))], ctx)
        lines = hard_breaks(lines)
        if kind == "caption" and el is not None and self.options.images:
            parent = el.getparent()
            if parent is not None and _tag(parent) == "figure":
                lines = self.images_of(parent) + lines
        return _Unit(lines, ctx)

    def code_block(self, block: Block, el: Any) -> list[str]:
        language = ""
        if el is not None:
            code = el.find("code") if _tag(el) == "pre" else None
            for cand in (el, code):
                if cand is not None:
                    m = _LANGUAGE.search(cand.get("class") or "")
                    if m:
                        language = m.group(1)
                        break
        fence = _fence(block.text)
        return [fence + language, *block.text.split("\n"), fence]


_NEEDLESS_ESCAPE = re.compile(r"^\\(?=[#>+=|:-])|^(\d+)\\(?=[.)])")
_CLOSING_HASHES = re.compile(r" (#+)$")


def _heading_text(line: str) -> str:
    """After ``## `` a line start is no block marker; trailing ``#``s would be dropped."""
    line = _NEEDLESS_ESCAPE.sub(lambda m: m.group(1) or "", line)
    return _CLOSING_HASHES.sub(lambda m: " \\" + m.group(1), line)


def _heading_levels(ctxs: list[_Ctx], top: int) -> dict[int, int]:
    """``h``-level -> Markdown level: the article's highest heading becomes ``top``."""
    levels = sorted({int(c.block.kind[1]) for c in ctxs if c.block.kind in _HEADINGS})
    if not levels:
        return {}
    return {lv: min(6, lv - levels[0] + top) for lv in levels}


def html_markdown(
    blocks: list[Block],
    elements: list[Any],
    *,
    title: str | None,
    root: Any = None,
    url: str | None = None,
    options: MarkdownOptions = MarkdownOptions(),
) -> str:
    """The kept blocks of an HTML page as Markdown (see the module docstring)."""
    ctxs = [_context(b, elements) for b in blocks if b.category is None]
    r = _HtmlRenderer(options, base_url(root, url) if options.links or options.images else None)
    head = [f"# {escape(' '.join(title.split()))}"] if options.title and title and title.strip() else []
    levels = _heading_levels(ctxs, 2 if head else 1)
    units: list[_Unit] = []
    i = 0
    while i < len(ctxs):
        c = ctxs[i]
        if c.table is not None and c.item is None and c.block.kind != "caption":
            j = i + 1  # the table's blocks (its caption is a paragraph of its own, before it)
            while j < len(ctxs) and ctxs[j].table is c.table and ctxs[j].block.kind != "caption":
                j += 1
            rows = r.table(c.table, [x.block for x in ctxs[i:j]])
            if rows is not None:
                units.append(_Unit(rows, c))
                i = j
                continue
        kind = c.block.kind
        if options.images and c.el is not None and c.item is None:
            images = r.images_before(c.el)
            if images:
                units.append(_Unit(hard_breaks(images), _Ctx(c.block, c.el, c.quote, c.quote_root)))
        units.append(r.unit(c, levels.get(int(kind[1]), 1) if kind in _HEADINGS else 1))
        i += 1
    _lay_out_items(units, r)
    return _join(head, units)


def _lay_out_items(units: list[_Unit], r: _HtmlRenderer) -> None:
    """Give list items their markers and indentation, relative to the shallowest item of
    each run of consecutive items; mark items and definition pairs as tight."""
    stack: list[int] = []  # content indent of each open nesting level
    indent_of: dict[Any, tuple[int, int]] = {}  # item -> (level, content indent)
    base = 0
    prev_item: Any = None
    for k, u in enumerate(units):
        c = u.ctx
        if c.item is None or c.block.kind in _HEADINGS:
            stack, prev_item = [], None
            continue
        if c.item_tag != "li":
            _definition(u, units[k - 1] if k else None)
            stack, prev_item = [], None
            continue
        if prev_item is None:  # a new run: its shallowest item is the left margin
            run = [x.ctx.depth for x in units[k:] if x.ctx.item is not None and x.ctx.item_tag == "li"]
            base = min(run[: _run_length(units, k)]) if run else c.depth
            indent_of = {}
        known = indent_of.get(c.item)
        if known is not None:  # more of an item already started (text after a nested list)
            level, pad = known
            del stack[level + 1:]
            u.lines = [" " * pad + ln for ln in u.lines]
            prev_item = c.item
            continue
        level = min(max(c.depth - base, 0), len(stack))
        del stack[level:]
        indent = stack[-1] if stack else 0
        tag = _tag(c.list_el) if c.list_el is not None else "ul"
        marker = f"{r.number(c.item, c.list_el)}." if tag == "ol" else "-"
        pad = indent + len(marker) + 1
        stack.append(pad)
        indent_of[c.item] = (level, pad)
        u.lines = [" " * indent + marker + " " + u.lines[0], *(" " * pad + ln for ln in u.lines[1:])]
        # a nested list that does not start at 1 cannot interrupt its parent's text
        # (CommonMark would read the number as text): a blank line lets it start anywhere
        deeper = prev_item is not None and level > indent_of[prev_item][0]
        u.tight = prev_item is not None and not (deeper and marker not in ("-", "1."))
        prev_item = c.item


def _run_length(units: list[_Unit], k: int) -> int:
    n = 0
    for u in units[k:]:
        c = u.ctx
        if c.item is None or c.item_tag != "li" or c.block.kind in _HEADINGS:
            break
        n += 1
    return n


def _definition(u: _Unit, prev: _Unit | None) -> None:
    """``<dt>`` as a line of its own, ``<dd>`` as ``: definition`` right under it."""
    c = u.ctx
    if c.item_tag == "dd":
        u.lines = [": " + u.lines[0], *("  " + ln for ln in u.lines[1:])]
    # a term starts a new paragraph; its definitions follow it line by line
    u.tight = c.item_tag == "dd" and prev is not None and prev.ctx.item_tag in ("dt", "dd") and prev.ctx.list_el is c.list_el


def _join(head: list[str], units: list[_Unit]) -> str:
    """Units separated by blank lines (inside one blockquote by ``>`` lines), each line
    under its blockquote prefix."""
    out = list(head)
    prev: _Unit | None = None
    for u in units:
        q = u.ctx.quote
        if out:
            if u.tight and prev is not None:
                pass
            elif prev is not None and q and prev.ctx.quote_root is u.ctx.quote_root:
                out.append(("> " * min(q, prev.ctx.quote)).rstrip())
            else:
                out.append("")
        if q:
            prefix = "> " * q
            out.extend(prefix + ln if ln else prefix.rstrip() for ln in u.lines)
        else:
            out.extend(u.lines)
        prev = u
    return "\n".join(out)


# --------------------------------------------------------------------- plain text

_BULLET = re.compile(r"^[-*•·‣◦▪–—+]\s+(?=\S)")
_NUMBERED = re.compile(r"^(\d{1,3})([.)])\s+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?…:;,。！？]['\"”’)»]*$")
_CODE_CHARS = re.compile(r"[{}();=<>$\\]|^\s*(?:#|//)")
#: a heading line: at most this many words
_HEADING_WORDS = 12


def _indents(text: str | None, count: int) -> list[int] | None:
    """Leading-space width of every non-empty line (tabs count 4), or ``None`` when the
    lines do not match the blocks one to one."""
    if text is None:
        return None
    out = []
    for line in text.splitlines():
        if line.strip():
            stripped = line.lstrip()
            lead = line[: len(line) - len(stripped)]
            out.append(lead.count("\t") * 4 + len(lead) - lead.count("\t"))
    return out if len(out) == count else None


def _item(text: str) -> str | int | None:
    """``"-"`` for a bulleted line, the number of a numbered one, else ``None``."""
    m = _NUMBERED.match(text)
    if m is not None:
        return int(m.group(1))
    return "-" if _BULLET.match(text) else None


def _next_line(kept: list[tuple[int, Block]], j: int) -> bool:
    """Whether kept line ``j`` comes right after kept line ``j - 1``, in the same group."""
    return kept[j][0] == kept[j - 1][0] + 1 and kept[j][1].group == kept[j - 1][1].group


def _list_runs(kept: list[tuple[int, Block]]) -> set[int]:
    """Indexes of the blocks in runs of two or more bulleted lines, or of lines numbered
    1, 2, 3... in sequence (one group, no line between): what the text shows is a list."""
    items: set[int] = set()
    k = 0
    while k < len(kept):
        prev = _item(kept[k][1].text)
        j = k + 1
        while prev is not None and j < len(kept) and _next_line(kept, j):
            cur = _item(kept[j][1].text)
            if cur is None or (cur == "-") != (prev == "-") or (isinstance(cur, int) and cur != prev + 1):  # type: ignore[operator]
                break
            prev, j = cur, j + 1
        if j - k >= 2:
            items.update(kept[x][0] for x in range(k, j))
            k = j
        else:
            k += 1
    return items


def _is_heading(block: Block, nxt: Block | None, alone: bool, before_list: bool) -> bool:
    """A short line standing alone in its group, before a line of prose or a list."""
    text = block.text
    if not alone or nxt is None or _SENTENCE_END.search(text) or len(text.split()) > _HEADING_WORDS:
        return False
    if _BULLET.match(text) or _NUMBERED.match(text):
        return False
    return before_list or len(nxt.text.split()) > 2 * len(text.split())


def text_markdown(
    blocks: list[Block], text: str | None, *, title: str | None, options: MarkdownOptions = MarkdownOptions()
) -> str:
    """The kept lines of a plain-text page as Markdown: short lines alone before prose as
    headings, bulleted or numbered runs as lists, indented code as fences; nothing else
    is invented (every other line is a paragraph, as in ``body``)."""
    kept = [(i, b) for i, b in enumerate(blocks) if b.category is None]
    indents = _indents(text, len(blocks))
    markers = _list_runs(kept)
    sizes: dict[int, int] = {}
    for _, b in kept:
        sizes[b.group] = sizes.get(b.group, 0) + 1
    base = min((indents[i] for i, _ in kept), default=0) if indents else 0
    out = [f"# {escape(' '.join(title.split()))}"] if options.title and title and title.strip() else []
    level = "##" if out else "#"
    k = 0
    while k < len(kept):
        i, b = kept[k]
        nxt = kept[k + 1][1] if k + 1 < len(kept) else None
        code = _code_run(kept, k, indents, base) if indents else 0
        if code and indents:
            run = range(k, k + code)
            left = min(indents[kept[x][0]] for x in run)  # the code keeps its own indentation
            body = [" " * (indents[kept[x][0]] - left) + kept[x][1].text for x in run]
            fence = _fence("\n".join(body))
            out += ["", fence, *body, fence] if out else [fence, *body, fence]
            k += code
            continue
        if i in markers:
            line = _list_line(b.text)
            out += [line] if k > 0 and kept[k - 1][0] in markers and kept[k - 1][0] == i - 1 or not out else ["", line]
        elif _is_heading(b, nxt, *_heading_place(blocks, kept, k, markers, sizes)):
            out += ["", f"{level} {escape(b.text)}"] if out else [f"{level} {escape(b.text)}"]
        else:
            lines = hard_breaks(escape_lines(b.text))
            out += ["", *lines] if out else lines
        k += 1
    return "\n".join(out)


def _heading_place(
    blocks: list[Block], kept: list[tuple[int, Block]], k: int, markers: set[int], sizes: dict[int, int]
) -> tuple[bool, bool]:
    """``(alone, before_list)``: the line stands alone in its group, or opens the group of
    the list that follows it; the next kept line starts a list."""
    i, b = kept[k]
    before_list = k + 1 < len(kept) and kept[k + 1][0] in markers
    first = i == 0 or blocks[i - 1].group != b.group
    opens_list = first and before_list and kept[k + 1][0] == i + 1 and kept[k + 1][1].group == b.group
    return sizes[b.group] == 1 or opens_list, before_list


def _list_line(text: str) -> str:
    """A bulleted line as ``- item``, a numbered one with its own number and delimiter."""
    m = _NUMBERED.match(text)
    if m is not None:
        return f"{m.group(1)}{m.group(2)} {_escape_line_start(escape(text[m.end():]))}"
    m = _BULLET.match(text)
    return f"- {_escape_line_start(escape(text[m.end():] if m else text))}"


def _code_run(kept: list[tuple[int, Block]], k: int, indents: list[int], base: int) -> int:
    """How many lines from ``k`` on are indented code: consecutive lines of one group,
    each at least four columns deeper than the page's text, one of them code-like."""
    j = k
    while j < len(kept) and indents[kept[j][0]] >= base + 4 and (
        j == k or (kept[j][1].group == kept[j - 1][1].group and kept[j][0] == kept[j - 1][0] + 1)
    ):
        j += 1
    if j == k or not any(_CODE_CHARS.search(kept[x][1].text) for x in range(k, j)):
        return 0
    return j - k
