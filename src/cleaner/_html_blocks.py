"""HTML block maker: one lxml parse, one iterative walk, one main-content pass.

Stage contract: ``html_blocks(source) -> HtmlPage``. Every visible paragraph-level
element becomes a :class:`~cleaner._model.Block` in document order. The DOM stage gives
each block an opinion (``dom_score``: >= 0.5 means "inside the article") and, for blocks
it is certain about (inside ``<nav>``, outside the detected article container, ...), a
``preset`` verdict ``(category, rule_id)``. The stage never raises on bad input: garbage
or empty input gives a page with no blocks.

How the article container is found (see :func:`_find_container`):

1. every block gets a weight: long, link-poor, sentence-like text is positive; link
   lists, short fragments and text inside nav/aside/footer/forms/comments negative;
2. an element's score is the sum of its blocks' weights, nudged by whole-word class/id
   hints and by semantic markup (``<article>``, ``<main>``, ``itemprop=articleBody``);
3. when the page carries a JSON-LD ``articleBody`` whose sentences really are on the
   page, the blocks it matches score high instead, so the container is the element
   that holds the published body;
4. the best-scoring element is the container; its own boilerplate (share bars, link
   lists, related-story lists, captions of credits...) is then marked block by block.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ._model import Block

__all__ = ["HtmlPage", "html_blocks", "parse_html"]


@dataclass(slots=True)
class HtmlPage:
    """What the HTML block maker hands on: the blocks, and the tree for reuse."""

    blocks: list[Block] = field(default_factory=list)
    #: the parsed lxml root (``<html>``), or ``None`` when nothing could be parsed
    tree: Any = None
    #: text of the heading judged to be the article headline (also a block with a
    #: ``("title", "html.title")`` preset), or ``None``
    title_text: str | None = None


# --------------------------------------------------------------------------- tags

#: never visible text: skipped with their subtree (their tail is still read)
DROP_TAGS: frozenset[str] = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "iframe", "head", "title",
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
        "option", "button", "label", "dir", "listing", "plaintext", "xmp",
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
_OUTSIDE_PRESET = ("boilerplate", "html.outside-main")
_TITLE_PRESET = ("title", "html.title")

# ------------------------------------------------------------------------ regexes

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_TOKEN = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’)»]*(?:\s|$)")

#: whole words in class/id names that say "this is the article" (weight, not veto)
_POSITIVE_WORDS: frozenset[str] = frozenset(
    {
        "article", "articlebody", "content", "story", "storybody", "entry", "post",
        "body", "text", "main", "blog", "prose", "richtext", "paywall", "news",
    }
)
#: whole words in class/id names that say "not the article" (weight, not veto)
_NEGATIVE_WORDS: frozenset[str] = frozenset(
    {
        "comment", "comments", "sidebar", "footer", "related", "recommended",
        "nav", "navigation", "menu", "share", "sharing", "social", "promo", "ad",
        "ads", "advert", "advertisement", "sponsored", "newsletter", "subscribe",
        "signup", "popular", "trending", "breadcrumb", "breadcrumbs", "masthead",
        "outbrain", "taboola", "disqus", "cookie", "consent", "modal", "popup",
        "toolbar", "pagination", "pager", "tags", "tag", "topics", "byline",
        "author", "newsletters", "more", "recirc", "rail",
    }
)
#: words that, in a class/id *inside* the container, mark a non-body sub-block
_INNER_BAD_WORDS: frozenset[str] = frozenset(
    {
        "share", "sharing", "social", "related", "recommended", "newsletter",
        "subscribe", "signup", "promo", "ad", "ads", "advert", "advertisement",
        "sponsored", "byline", "author", "authors", "tags", "tag", "topics",
        "breadcrumb", "breadcrumbs", "comment", "comments", "outbrain", "taboola",
        "disqus", "toolbar", "meta", "dateline", "timestamp", "date", "published",
        "updated", "credit", "credits", "copyright", "recirc", "rail", "more",
        "readmore", "popular", "trending", "nav", "navigation", "menu",
    }
)
_COMMENT_WORDS: frozenset[str] = frozenset({"comment", "comments", "disqus", "discussion"})


# ---------------------------------------------------------------------- decoding


def _to_text(source: Any) -> tuple[str | None, Any]:
    """Return ``(markup, element)``: markup to parse, or an lxml element to use as is."""
    if source is None:
        return "", None
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if not data.strip():
            return "", None
        from bs4 import UnicodeDammit  # imported lazily: only bytes need it

        try:
            dammit = UnicodeDammit(data, is_html=True)
            text = dammit.unicode_markup
        except Exception:  # noqa: BLE001 - detection libraries may raise on odd input
            text = None
        if text is None:
            text = data.decode("utf-8", errors="replace")
        return text, None
    if isinstance(source, str):
        return source, None
    if hasattr(source, "tag") and hasattr(source, "iter"):  # an lxml element or tree
        root = source.getroot() if hasattr(source, "getroot") else source
        return None, root
    # a BeautifulSoup object (or any Tag): serialise and reparse with lxml
    return str(source), None


_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, recover=True, encoding="utf-8", no_network=True
)


def parse_html(source: Any) -> Any:
    """Parse ``source`` (str, bytes, soup or lxml element) to an lxml root, or ``None``."""
    text, element = _to_text(source)
    if element is not None:
        return element
    if not text or not text.strip():
        return None
    # lxml refuses str with an encoding declaration; utf-8 bytes sidestep that
    data = text.replace("\x00", "").encode("utf-8", errors="replace")
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return root


# -------------------------------------------------------------------------- walk


@dataclass(slots=True)
class _Nodes:
    """Flat arrays about every visited element (index = node id)."""

    parent: list[int] = field(default_factory=list)
    tag: list[str] = field(default_factory=list)
    words: list[frozenset[str]] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    preset: list[tuple[str, str] | None] = field(default_factory=list)
    semantic: list[bool] = field(default_factory=list)


@dataclass(slots=True)
class _Raw:
    """A block before the content pass, with its owner node."""

    block: Block
    owner: int
    chars: int
    link_chars: int


_EMPTY: frozenset[str] = frozenset()


def _words(tokens: str) -> frozenset[str]:
    """Whole words of class/id names: ``"storyBody share-bar"`` -> story, body, share, bar…"""
    if not tokens:
        return _EMPTY
    out: set[str] = set()
    for name in tokens.split():
        low = name.lower()
        out.add(_WORD_SPLIT.sub("", low))
        out.update(w for w in _WORD_SPLIT.split(_CAMEL.sub(" ", name).lower()) if w)
    out.discard("")
    return frozenset(out)


def _walk(root: Any) -> tuple[list[_Raw], _Nodes, list[str]]:
    """Turn the tree into raw blocks in one iterative pass (no recursion limit).

    Returns the blocks, the node arrays and the JSON-LD script texts met on the way.
    """
    nodes = _Nodes()
    raws: list[_Raw] = []
    ld_scripts: list[str] = []

    parts: list[str] = []
    link_chars = 0
    link_depth = 0
    pre_depth = 0
    quote_depth = 0
    # stack of block-level node ids (the owner of text is the top)
    owners: list[int] = []
    group_of: dict[int, int] = {}

    def flush() -> None:
        nonlocal parts, link_chars
        if not parts:
            return
        raw = "".join(parts)
        lc = link_chars
        parts = []
        link_chars = 0
        if pre_depth:
            lines = [ln.rstrip() for ln in raw.replace("\r", "").split("\n")]
            text = "\n".join(lines).strip("\n")
            if not text.strip():
                return
        else:
            text = " ".join(raw.split())
            if not text:
                return
        owner = owners[-1] if owners else 0
        otag = nodes.tag[owner]
        kind = LEAF_KIND.get(otag, "p")
        if pre_depth:
            kind = "pre"
        elif quote_depth and kind in ("p", "li"):
            kind = "quote"
        # leaf elements share the group of their container; generic owners are one
        gnode = owner
        if otag in LEAF_KIND and owner:
            gnode = nodes.parent[owner]
            while gnode > 0 and nodes.tag[gnode] in ("tr", "tbody", "thead", "tfoot"):
                gnode = nodes.parent[gnode]
        group = group_of.get(gnode)
        if group is None:
            group = group_of[gnode] = len(group_of) + 1
        chars = len(text) - text.count(" ") - text.count("\n")
        lc = min(lc, chars)
        block = Block(
            text=text,
            kind=kind,
            group=group,
            link_density=round(lc / chars, 3) if chars else 0.0,
            hints=nodes.hints[owner],
        )
        raws.append(_Raw(block, owner, chars, lc))

    # stack items: (element, parent node id) to enter, or (None, node id) to leave
    stack: list[tuple[Any, int]] = [(root, -1)]
    # per node: (is_block, is_link, is_pre, is_quote, element)
    leave_info: dict[int, tuple[bool, bool, bool, bool, Any]] = {}
    while stack:
        el, pid = stack.pop()
        if el is None:
            nid = pid
            is_block, is_link, is_pre, is_quote, elem = leave_info.pop(nid)
            if is_block:
                flush()
                owners.pop()
            if is_link:
                link_depth -= 1
            if is_pre:
                pre_depth -= 1
            if is_quote:
                quote_depth -= 1
            tail = elem.tail
            if tail:
                parts.append(tail)
                if link_depth:
                    link_chars += len(tail) - tail.count(" ") - tail.count("\n")
            continue
        tag = el.tag
        if not isinstance(tag, str):  # comment, PI, entity
            tail = el.tail
            if tail:
                parts.append(tail)
                if link_depth:
                    link_chars += len(tail) - tail.count(" ") - tail.count("\n")
            continue
        if "}" in tag:  # namespaced (xhtml served as xml, inline svg children...)
            tag = tag.rsplit("}", 1)[1]
        tag = tag.lower()
        attrib = el.attrib
        hidden = False
        if attrib:
            if "hidden" in attrib or attrib.get("aria-hidden") == "true":
                hidden = True
            else:
                style = attrib.get("style")
                if style and _HIDDEN_STYLE.search(style):
                    hidden = True
        if tag in DROP_TAGS or hidden:
            if tag == "script" and attrib.get("type", "").lower() == "application/ld+json":
                if el.text:
                    ld_scripts.append(el.text)
            elif tag == "head":
                for s in el.iter("script"):
                    if s.get("type", "").lower() == "application/ld+json" and s.text:
                        ld_scripts.append(s.text)
            tail = el.tail
            if tail:
                parts.append(tail)
                if link_depth:
                    link_chars += len(tail) - tail.count(" ") - tail.count("\n")
            continue
        if tag == "br":
            if pre_depth:
                parts.append("\n")
            else:
                flush()
            tail = el.tail
            if tail:
                parts.append(tail)
                if link_depth:
                    link_chars += len(tail) - tail.count(" ") - tail.count("\n")
            continue

        # register the node
        nid = len(nodes.tag)
        own = ""
        preset: tuple[str, str] | None = None
        semantic = tag in ("article", "main")
        if attrib:
            cls = attrib.get("class")
            ident = attrib.get("id")
            if cls or ident:
                own = f"{cls or ''} {ident or ''}".strip()
            role = attrib.get("role")
            if role:
                role = role.lower()
                if role == "main" or role == "article":
                    semantic = True
                elif preset is None and role in _ROLE_PRESET:
                    preset = _ROLE_PRESET[role]
            prop = attrib.get("itemprop")
            if prop and "articlebody" in prop.lower():
                semantic = True
        if preset is None and tag in _TAG_PRESET:
            preset = _TAG_PRESET[tag]
        words = _words(own) if own else _EMPTY
        if preset is None and words and not semantic and _COMMENT_WORDS & words:
            if not (words & {"article", "story", "body", "content"}) or tag in ("section", "aside", "ol", "ul"):
                preset = _COMMENTS_PRESET
        if pid >= 0:
            phints = nodes.hints[pid]
            if own:
                low = own.lower()
                hints = f"{low} {phints}" if phints else low
                if hints.count(" ") > 10:
                    hints = " ".join(hints.split()[:10])
            else:
                hints = phints
        else:
            hints = own.lower()
        nodes.parent.append(pid)
        nodes.tag.append(tag)
        nodes.words.append(words)
        nodes.hints.append(hints)
        nodes.preset.append(preset)
        nodes.semantic.append(semantic)

        is_block = tag in BLOCK_TAGS
        if is_block:
            flush()
            owners.append(nid)
        is_link = tag == "a"
        if is_link:
            link_depth += 1
        is_pre = tag in ("pre", "listing", "xmp", "plaintext")
        if is_pre:
            pre_depth += 1
        is_quote = tag in ("blockquote", "q") and tag == "blockquote"
        if is_quote:
            quote_depth += 1
        if pid < 0 and not is_block:
            owners.append(nid)
        text = el.text
        if text:
            parts.append(text)
            if link_depth:
                link_chars += len(text) - text.count(" ") - text.count("\n")
        leave_info[nid] = (is_block, is_link, is_pre, is_quote, el)
        stack.append((None, nid))
        children = list(el)
        if children:
            for child in reversed(children):
                stack.append((child, nid))
    flush()
    return raws, nodes, ld_scripts


# ------------------------------------------------------------------- JSON-LD body


def _ld_bodies(scripts: list[str]) -> list[str]:
    """``articleBody`` strings from JSON-LD scripts (nested ``@graph`` included)."""
    out: list[str] = []
    for s in scripts:
        if "articleBody" not in s:
            continue
        try:
            data = json.loads(s)
        except ValueError:
            try:
                data = json.loads(s.strip().rstrip(";"), strict=False)
            except ValueError:
                continue
        todo: list[Any] = [data]
        while todo:
            item = todo.pop()
            if isinstance(item, dict):
                body = item.get("articleBody")
                if isinstance(body, str) and len(body) > 200:
                    out.append(body)
                todo.extend(v for v in item.values() if isinstance(v, (dict, list)))
            elif isinstance(item, list):
                todo.extend(item)
    return out


def _ld_matches(raws: list[_Raw], bodies: list[str]) -> list[bool] | None:
    """Which blocks' text occurs in the JSON-LD body; ``None`` if it does not fit the page."""
    if not bodies:
        return None
    norm = " ".join(" ".join(_TOKEN.findall(b.lower())) for b in bodies)
    body_tokens = norm.count(" ") + 1
    # JSON-LD bodies are often HTML: strip tags crudely before matching
    if "<" in bodies[0] and ">" in bodies[0]:
        norm = " ".join(
            " ".join(_TOKEN.findall(re.sub(r"<[^>]+>", " ", b).lower())) for b in bodies
        )
    hits: list[bool] = []
    matched_tokens = 0
    for r in raws:
        toks = _TOKEN.findall(r.block.text.lower())
        if len(toks) >= 6 and " ".join(toks) in norm:
            hits.append(True)
            matched_tokens += len(toks)
        else:
            hits.append(False)
    # trust the structured body only if the page really shows most of it
    if matched_tokens < 0.5 * body_tokens:
        return None
    return hits


# --------------------------------------------------------------- content finding


def _block_weight(r: _Raw) -> float:
    """How much a block says "the article is here" (negative: "boilerplate is here")."""
    b = r.block
    n = r.chars
    ld = r.link_chars / n if n else 0.0
    if ld > 0.5:
        return -0.5 * n
    plain = n - r.link_chars
    if b.kind.startswith("h"):
        return 0.0
    if n >= 120:
        w = plain
    elif n >= 50:
        w = plain * (0.8 if _SENTENCE_END.search(b.text) else 0.3)
    else:
        w = -0.25 * min(n, 30)
    return w - r.link_chars


def _ancestors(nid: int, parent: list[int]) -> list[int]:
    out = []
    while nid >= 0:
        out.append(nid)
        nid = parent[nid]
    return out


@dataclass(slots=True)
class _Agg:
    """Per-node sums over the blocks below it, for container choice and inner checks."""

    #: sum of block weights (negative for boilerplate-like blocks)
    score: list[float]
    chars: list[int]
    link_chars: list[int]
    #: sum of the positive block weights ("body-like" characters)
    good: list[float]
    #: body-like characters credited to near ancestors only (parent 1, grandparent 1/2...)
    core: list[float]


#: credit of a paragraph to its 1st, 2nd... container (Readability's decay)
_DECAY: tuple[float, ...] = (1.0, 0.5, 0.2, 0.1, 0.05)


def _aggregate(
    raws: list[_Raw], nodes: _Nodes, ld_hits: list[bool] | None
) -> tuple[_Agg, list[list[int]]]:
    """Sum block weights up the tree; also return each block's ancestor chain.

    Structural presets (``<form>``, ``<aside>``...) are settled here: an element that
    holds most of the page's body-like text (an ASP.NET ``<form>`` around the whole
    page, an ``<aside>`` misused as the article) does not mark its blocks.
    """
    parent = nodes.parent
    tags = nodes.tag
    n = len(parent)
    agg = _Agg([0.0] * n, [0] * n, [0] * n, [0.0] * n, [0.0] * n)
    score, chars, link_chars, good, core = agg.score, agg.chars, agg.link_chars, agg.good, agg.core
    chains: list[list[int]] = []
    weights: list[float] = []
    for r in raws:
        w0 = _block_weight(r)
        weights.append(w0)
        g = w0 if w0 > 0 else 0.0
        chain = _ancestors(r.owner, parent)
        chains.append(chain)
        for nid in chain:
            good[nid] += g
    presets = nodes.preset
    page_good = good[0] if n else 0.0
    for nid, pr in enumerate(presets):
        if pr is not None and pr[1] not in _FIRM_RULES:
            # it holds most of the page's body-like text: it is not boilerplate
            if good[nid] >= 400 and good[nid] >= 0.5 * page_good:
                presets[nid] = None
    for nid in range(n):
        good[nid] = 0.0
    for i, r in enumerate(raws):
        chain = chains[i]
        for nid in chain:
            if presets[nid] is not None:
                r.block.preset = presets[nid]
                break
        w = weights[i]
        if r.block.preset is not None:
            w = -0.5 * r.chars
        elif ld_hits is not None:
            w = float(r.chars) if ld_hits[i] else min(w, 0.0) - 0.25 * r.chars
        g = w if w > 0 else 0.0
        c, lc = r.chars, r.link_chars
        level = 0
        for nid in chain:
            score[nid] += w
            chars[nid] += c
            link_chars[nid] += lc
            good[nid] += g
            if g and level < len(_DECAY):
                if tags[nid] not in _NOT_CONTAINER:
                    core[nid] += g * _DECAY[level]
                    level += 1
    return agg, chains


#: structural verdicts that hold whatever the element contains
_FIRM_RULES: frozenset[str] = frozenset({"html.nav", "html.comments"})


_NOT_CONTAINER: frozenset[str] = frozenset(
    {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "a", "tr", "dt", "dd",
     "figcaption", "caption", "pre", "blockquote", "button", "label", "option", "legend",
     "span", "strong", "em", "b", "i", "font", "small", "u", "sup", "sub", "time", "abbr",
     "cite", "q", "code", "mark", "s", "del", "ins", "br", "hr"}
)

#: growing the container: an ancestor is taken when its extra body-like text is
#: at least this many times its extra other text
GROW_RATIO = 2.0
BONUS = 0.25


def _node_bonus(nid: int, nodes: _Nodes) -> float:
    """Multiplier from semantic markup and whole-word class/id names (a weight, never a veto)."""
    f = 1.0
    if nodes.semantic[nid]:
        f += BONUS
    words = nodes.words[nid]
    if words:
        if words & _POSITIVE_WORDS:
            f += BONUS
        if words & _NEGATIVE_WORDS:
            f -= 2 * BONUS
    if nodes.preset[nid] is not None:
        f *= 0.5
    return max(f, 0.1)


def _find_container(agg: _Agg, nodes: _Nodes) -> int:
    """The node id of the article container (0 = whole page when nothing stands out).

    First the *core*: the element whose own paragraphs (children, less so grandchildren)
    hold the most body-like, link-poor text. Then the core grows to an ancestor while
    what the ancestor adds is mostly body-like too (an article split in several
    sibling blocks), and stops before it takes in boilerplate.
    """
    core, chars, link_chars, good, parent = agg.core, agg.chars, agg.link_chars, agg.good, nodes.parent
    best, best_score = 0, 0.0
    for nid, c in enumerate(core):
        if c <= 0:
            continue
        ld = link_chars[nid] / chars[nid] if chars[nid] else 0.0
        s = c * (1.0 - ld) * _node_bonus(nid, nodes)
        if s > best_score:
            best, best_score = nid, s
    if best_score <= 0:
        return 0
    cur = best
    while parent[cur] >= 0:
        p = parent[cur]
        extra_good = good[p] - good[cur]
        extra_bad = (chars[p] - good[p]) - (chars[cur] - good[cur])
        if extra_good < GROW_RATIO * extra_bad:
            break
        cur = p
    return cur


def _inner_score(r: _Raw, chain: list[int], container: int, nodes: _Nodes, agg: _Agg) -> float:
    """Score of a block inside the container: structure below the container decides.

    A class/id word like "share" or "related" only counts when the element it names
    does not itself look like body text (mostly long, link-poor paragraphs).
    """
    b = r.block
    n = r.chars
    ld = r.link_chars / n if n else 0.0
    score = 0.8
    for nid in chain:
        if nid == container:
            break
        words = nodes.words[nid]
        if words and words & _INNER_BAD_WORDS:
            # context: a share bar or byline is small next to the article, and is
            # not itself made of body-like paragraphs
            nc = agg.chars[nid]
            body_like = nc >= 200 and agg.good[nid] >= 0.6 * nc
            if not body_like and nc < 0.35 * agg.chars[container]:
                score = min(score, 0.3)
    if ld > 0.5:
        score = min(score, 0.25)
    elif b.kind == "li" and ld > 0.3:
        score = min(score, 0.35)
    return score


def _pick_title(raws: list[_Raw], container_first: int) -> int | None:
    """Index of the h1 block that is the headline: the last h1 before the body, else the first."""
    h1s = [i for i, r in enumerate(raws) if r.block.kind == "h1"]
    if not h1s:
        return None
    before = [i for i in h1s if i <= container_first]
    if before:
        return before[-1]
    return h1s[0]


def html_blocks(source: Any) -> HtmlPage:
    """Make blocks from HTML (str, bytes, BeautifulSoup or lxml element); never raises on bad markup."""
    root = parse_html(source)
    if root is None:
        return HtmlPage([], None, None)
    return _page_from_root(root)


def _page_from_root(root: Any, choose: Any = None) -> HtmlPage:
    """The stages after parsing; ``choose(agg, nodes)`` may replace the container finder."""
    raws, nodes, ld_scripts = _walk(root)
    if not raws:
        return HtmlPage([], root, None)
    ld_hits = _ld_matches(raws, _ld_bodies(ld_scripts))
    agg, chains = _aggregate(raws, nodes, ld_hits)
    container = (choose or _find_container)(agg, nodes)
    first_inside = len(raws)
    for i, r in enumerate(raws):
        chain = chains[i]
        b = r.block
        if container in chain:
            if first_inside == len(raws):
                first_inside = i
            b.dom_score = _inner_score(r, chain, container, nodes, agg)
        else:
            b.dom_score = 0.1
            if b.preset is None:
                b.preset = _OUTSIDE_PRESET
    title_i = _pick_title(raws, first_inside)
    title = None
    if title_i is not None:
        tb = raws[title_i].block
        title = tb.text
        tb.preset = _TITLE_PRESET
    return HtmlPage([r.block for r in raws], root, title)
