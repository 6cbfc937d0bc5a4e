"""Main-content selection for HTML: which blocks of a walked page are the article.

Stage contract: ``select_main(raws, nodes, ld_scripts, titles) -> headline text``
(what the walk of :mod:`cleaner._html_blocks` made). It fills every
block's ``dom_score`` (>= 0.5: "inside the article"), settles the structural presets
the walk proposed, presets every block outside the article
``("boilerplate", "html.outside-main")`` and the headline ``("title", "html.title")``.

How the article is found:

1. *Weights.* Each block weighs its link-poor characters: full for long, sentence-like
   text (a paragraph of ``<br>`` lines, a heading used as a paragraph included), less
   for medium text, negative for short fragments and link lists. Hidden text
   (``html.hidden``, ``html.dialog``, ``html.control``) is left out of every sum.
2. *Structural verdicts settled.* ``<form>``, ``<aside>``, ``<noscript>``... holding most
   of the page's body-like text are not boilerplate; ``<nav>`` and comment sections
   only when the page has no article outside them (an unclosed ``<nav>``, forum posts).
3. *Core.* Paragraph weight is credited to the nearest containers with decay (parent 1,
   grandparent 1/2, ... as in Readability; three or more look-alike items of prose, the
   steps of a recipe or the posts of a thread, count as paragraphs of their parent
   where the decay hid most of them); the best element, scaled by its link
   density, semantic markup and whole-word class/id hints (weights, never vetoes), by
   the region it sits in (sidebar, footer, cookie dialog: half) and by the *headline prior* (under the
   heading that repeats ``<title>``/``og:title``: double; before it: half; under another
   ``h1`` after it, the next article of an endless page: a tenth), is the core.
4. *Growth.* The core grows to the farthest of its next three ancestors (wrappers that
   add no text do not count) whose extra text is mostly body-like, headings and short
   link-free lines counting for neither side, prose before the headline against, and
   which adds no list of teaser cards and no other article (a block headed by another
   ``h1``, with paragraphs). From what growth adds (and, in a list of items, from what
   lies between them) only prose, link-poor list
   items and table rows, and the headings above them are kept; nothing named as an
   author box, related posts, a call to action, comments or a sidebar. Up to three prose
   paragraphs between the headline and the container are its lead. A page with next to
   no prose (a product sheet, a link list, a photo story) is read around its headline:
   the element holding headline and container is the article, short lines included.
5. *Structured data.* When JSON-LD ``articleBody`` is present, the page shows most of
   it and it is not a teaser, matching blocks weigh in full and the others not at all.
6. *Inside the container* share bars, captions, bylines, author boxes, datelines, link
   lists and teaser cards get a low ``dom_score`` — by class/id words only when that
   element is small next to the article, not itself made of paragraphs and not holding
   the core; a label or heading whose link list was dropped goes with it. Outside it,
   every block is preset ``("boilerplate", "html.outside-main")``.
"""

from __future__ import annotations

import html
import json
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ._model import Block

if TYPE_CHECKING:
    from ._html_blocks import _Nodes, _Raw

__all__ = ["select_main"]

_OUTSIDE_PRESET = ("boilerplate", "html.outside-main")
_TITLE_PRESET = ("title", "html.title")

_TOKEN = re.compile(r"\w+")
_TAG_RE = re.compile(r"<[^>]+>")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’)»]*(?:\s|$)")

#: whole words in class/id names that say "this is the article" (weight, not veto)
_POSITIVE_WORDS: frozenset[str] = frozenset(
    {
        "article", "articlebody", "content", "story", "storybody", "entry", "post",
        "body", "text", "main", "blog", "prose", "richtext", "paywall", "news",
    }
)
# Class/id words, by the part of a page they name. The sets below are unions of these
# groups: they differ in where they look, and so in how much they can afford to name.
_COMMENTS: frozenset[str] = frozenset({"comment", "comments"})
#: links to other pages of the site
_RECIRCULATION: frozenset[str] = frozenset({"related", "recommended", "popular", "trending", "rail"})
#: third-party recirculation and comment widgets, by their vendor's name
_WIDGET_VENDORS: frozenset[str] = frozenset({"outbrain", "taboola", "disqus"})
_PAGE_FRAME: frozenset[str] = frozenset({"sidebar", "footer"})
#: cookie banners and dialogs laid over the page
_OVERLAYS: frozenset[str] = frozenset({"cookie", "consent", "modal"})
_SHARE: frozenset[str] = frozenset({"share", "sharing", "social"})
_SIGN_UP: frozenset[str] = frozenset({"newsletter", "subscribe", "signup"})
_NAVIGATION: frozenset[str] = frozenset({"nav", "navigation", "menu", "breadcrumb", "breadcrumbs"})
_ADVERTS: frozenset[str] = frozenset({"promo", "ad", "ads", "advert", "advertisement", "sponsored"})
#: the terms a post is filed under
_TAXONOMY: frozenset[str] = frozenset({"tags", "tag", "topics"})
_AUTHOR_BOX: frozenset[str] = frozenset({"author", "authors", "bio", "biography"})
_DATELINE: frozenset[str] = frozenset({"dateline", "timestamp", "date", "published", "updated"})
_CREDITS: frozenset[str] = frozenset({"credit", "credits", "copyright"})
#: what goes with a picture
_MEDIA: frozenset[str] = frozenset({"caption", "captions", "legend", "photo", "gallery"})

#: whole words in class/id names that say "not the article" (weight, not veto): the
#: page around an article, but not the parts an article holds (author box, dateline)
_NEGATIVE_WORDS: frozenset[str] = (
    _COMMENTS | _RECIRCULATION | _WIDGET_VENDORS | _PAGE_FRAME | _OVERLAYS | _SHARE | _SIGN_UP
    | _NAVIGATION | _ADVERTS | _TAXONOMY
    | {"recirc", "more", "author", "byline", "newsletters", "toolbar", "pagination", "pager", "masthead", "popup"}
)
#: words that, in a class/id *inside* the container, mark a non-body sub-block: the
#: parts an article holds besides its prose; no page frame or overlay is that deep
_INNER_BAD_WORDS: frozenset[str] = (
    _COMMENTS | _RECIRCULATION | _WIDGET_VENDORS | _SHARE | _SIGN_UP | _NAVIGATION | _ADVERTS
    | _TAXONOMY | _AUTHOR_BOX | _DATELINE | _CREDITS | _MEDIA
    | {"recirc", "more", "readmore", "byline", "toolbar", "paywall"}
)
#: class/id words of a part that growth must not add (see :func:`_added_named`): it is
#: about the author, the site or other pages, not this article's body. Adverts, tags and
#: datelines are not here: growth may take in the article's own
_ADDED_BAD_WORDS: frozenset[str] = (
    _COMMENTS | _RECIRCULATION | _WIDGET_VENDORS | _PAGE_FRAME | _SHARE | _SIGN_UP | _NAVIGATION
    | _AUTHOR_BOX | {"recirc", "readmore", "cta"}
)
#: class/id words of a page region that is not the article (sidebar, footer, comments),
#: a few levels above a container candidate (see :func:`_region_factor`): only the big regions
_REGION_WORDS: frozenset[str] = _COMMENTS | _RECIRCULATION | _PAGE_FRAME | _OVERLAYS | {"cookies", "gdpr"}
#: unambiguous stems that also count at either end of a glued name ("relatedposts")
_INNER_BAD_PREFIXES: tuple[str, ...] = (
    "share", "sharing", "social", "related", "caption", "comment", "byline",
    "newsletter", "promo", "advert", "sponsor", "subscribe", "breadcrumb", "recommend",
)

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


#: a JSON-LD body is a teaser when the page shows this many times more prose besides it
LD_TEASER = 2.0


def _ld_matches(raws: list[_Raw], bodies: list[str]) -> list[bool] | None:
    """Which blocks' text occurs in the JSON-LD body; ``None`` if it does not fit the page."""
    if not bodies:
        return None
    # JSON-LD bodies are often HTML or entity-escaped: strip tags crudely, unescape
    norm = " ".join(
        " ".join(_TOKEN.findall(html.unescape(_TAG_RE.sub(" ", b)).lower())) for b in bodies
    )
    body_tokens = norm.count(" ") + 1
    hits: list[bool] = []
    matched_tokens = 0
    for r in raws:
        if _unseen(r.block):  # the page must show the body, not hide it
            hits.append(False)
            continue
        toks = _TOKEN.findall(r.block.text.lower())
        if len(toks) >= 6 and " ".join(toks) in norm:
            hits.append(True)
            matched_tokens += len(toks)
        else:
            hits.append(False)
    # trust the structured body only if the page really shows most of it, and if it is
    # not a teaser: the page's other prose is not much longer than it
    if matched_tokens < 0.5 * body_tokens:
        return None
    other = sum(len(r.block.text) for r, hit in zip(raws, hits) if not hit and r.chars >= 120 and not r.link_chars)
    if other > LD_TEASER * len(norm):
        return None
    return hits


# --------------------------------------------------------------- content finding


#: block weights and the sums over them are counted in these units of a character, so
#: that every sum is an exact integer, whatever order it is added in
_UNIT = 20


#: a paragraph of at least this many ``<br>`` lines without links is text, not a list of labels
VERSE_LINES = 4
#: a heading this long that ends a sentence is used as a paragraph
HEADING_PROSE = 100


def _block_weight(r: _Raw) -> int:
    """How much a block says "the article is here" (negative: "boilerplate is here"),
    in ``1/_UNIT`` characters.

    Long, link-poor, sentence-like text counts in full; short fragments and link
    text count against. Chinese and Japanese text says as much in about a third of
    the characters, so its length is scaled before the thresholds.
    """
    if r.lines > 1:
        # table rows, or lines broken by <br>, weigh what they would weigh as blocks of
        # their own (as long, as linked): a list of short lines is not a long paragraph
        k = r.lines
        if k >= VERSE_LINES and not r.link_chars and r.block.kind == "p":
            # many link-free lines in one paragraph: a poem, lyrics, an address, a recipe
            return 8 * r.chars  # 0.4 per character
        return k * _text_weight(r.block, r.chars // k, r.link_chars // k)
    return _text_weight(r.block, r.chars, r.link_chars)


def _text_weight(b: Block, n: int, lc: int) -> int:
    """:func:`_block_weight` of ``n`` visible characters, ``lc`` of them in links."""
    if n and lc / n > 0.5:
        return -10 * n  # -0.5 per character
    if b.kind[0] == "h" and (n < HEADING_PROSE or not _SENTENCE_END.search(b.text)):
        return 0
    plain = n - lc
    if _CJK.search(b.text, 0, 40):
        n *= 3
        plain *= 3
    if n >= 120:
        w = 20 * plain
    elif n >= 50:
        w = plain * (16 if _SENTENCE_END.search(b.text) else 6)  # 0.8 or 0.3 per character
    else:
        w = -5 * min(n, 30)  # -0.25 per character
    return w - 20 * lc


@dataclass(slots=True)
class _Agg:
    """Per-node sums over the blocks below it, for container choice and inner checks."""

    chars: list[int]
    link_chars: list[int]
    #: sum of the positive block weights ("body-like" characters)
    good: list[float]
    #: body-like characters credited to near ancestors only (parent 1, grandparent 1/2...)
    core: list[float]
    #: number of blocks
    blocks: list[int]
    #: number of short link-dense blocks (headline links of teasers, menus)
    linky: list[int]
    #: characters of headings and short link-free lines: neither body nor boilerplate
    #: when the container grows (a section heading, a dateline between sections)
    neutral: list[int]
    #: every block's weight (see :func:`_block_weight`), by block index
    weights: list[int]
    #: the container before growth (set by :func:`_find_container`)
    core_node: int = 0
    #: owner node of the heading that repeats the page's title (-1: none)
    headline: int = -1
    #: per node, the body-like characters of its blocks before the headline (or empty)
    early: list[float] = field(default_factory=list)
    #: elements whose structural verdict was released (they hold the article)
    released: list[int] = field(default_factory=list)
    #: owner nodes of the visible, link-poor ``h1`` headings outside structural presets,
    #: in document order: each heads an article (see :func:`_other_article`)
    h1s: list[int] = field(default_factory=list)
    #: per node, one past the last node id of its subtree (set by :func:`_find_container`)
    end: list[int] = field(default_factory=list)
    #: elements credited with the prose of their look-alike items, and those items
    items: dict[int, list[int]] = field(default_factory=dict)


#: credit of a paragraph to its 1st, 2nd... container (Readability's decay), in 1/20
_DECAY: tuple[int, ...] = (20, 10, 4, 2, 1)  # 1.0, 0.5, 0.2, 0.1, 0.05


def _sum_up(parent: list[int], gate: list[int], *sums: list[int]) -> None:
    """Add every node's sums into its parent's, bottom up: afterwards each node holds the
    total over its subtree. Node ids are in document order, so parents come first.
    Nodes whose ``gate`` is 0 have nothing to add (``gate`` is one of ``sums``). In C when
    the compiled module is there (``_cwalk.sum_up``), unless a sum is too large for it."""
    compiled = _compiled()
    if compiled is not None:
        try:
            compiled.sum_up(parent, gate, *sums)
            return
        except _NOT_FOR_C:
            pass  # the lists are as they were
    _sum_up_python(parent, gate, *sums)


def _sum_up_python(parent: list[int], gate: list[int], *sums: list[int]) -> None:
    """:func:`_sum_up` in Python (the reference)."""
    for nid in range(len(parent) - 1, 0, -1):
        if gate[nid]:
            p = parent[nid]
            if p >= 0:
                for s in sums:
                    s[p] += s[nid]


#: what the compiled passes raise, before changing anything, on arrays they do not take (a
#: sum too large for a C integer, a parent id outside the nodes): Python then does the pass
_NOT_FOR_C = (OverflowError, TypeError, IndexError)


def _compiled() -> Any:
    """The compiled module ``_html_blocks`` loaded (``_cwalk``), or ``None``: looked up at
    each call, as tests and benchmarks switch it off there."""
    from . import _html_blocks

    return _html_blocks._cwalk


def _aggregate(raws: list[_Raw], nodes: _Nodes, ld_hits: list[bool] | None) -> _Agg:
    """Sum block weights up the tree (in O(nodes + blocks), not per ancestor chain).

    Structural presets (``<form>``, ``<aside>``...) are settled here: an element that
    holds most of the page's body-like text (an ASP.NET ``<form>`` around the whole
    page, an ``<aside>`` misused as the article) does not mark its blocks.
    """
    weights = [_block_weight(r) for r in raws]
    released: list[int] = []
    if any(pr is not None for pr in nodes.preset):
        released = _settle_presets(raws, weights, nodes)
    near, box = _nearest_up(nodes)
    chars, link_chars, good, core, blocks, linky, neutral = _credit_owners(raws, weights, near, box, nodes.parent, ld_hits)
    _sum_up(nodes.parent, blocks, blocks, chars, link_chars, good, linky, neutral)
    return _Agg(
        chars, link_chars, [g / _UNIT for g in good], [c / (_UNIT * 20) for c in core], blocks, linky,
        neutral, weights, released=released,
    )


def _nearest_up(nodes: _Nodes) -> tuple[list[tuple[str, str] | None], list[int]]:
    """Per element, the nearest preset up the tree (itself included) and the nearest
    element that can be a container: one pass in document order, as a parent comes first,
    so that no block walks its ancestor chain for either (in C when the compiled module
    is there: ``_cwalk.nearest_up``)."""
    compiled = _compiled()
    if compiled is not None:
        try:
            return compiled.nearest_up(nodes.parent, nodes.tag, nodes.preset, _NOT_CONTAINER)  # type: ignore[no-any-return]
        except _NOT_FOR_C:
            pass
    return _nearest_up_python(nodes)


def _nearest_up_python(nodes: _Nodes) -> tuple[list[tuple[str, str] | None], list[int]]:
    """:func:`_nearest_up` in Python (the reference)."""
    parent, tags = nodes.parent, nodes.tag
    n = len(parent)
    near = list(nodes.preset)
    box = [-1] * n
    for nid in range(n):
        p = parent[nid]
        if near[nid] is None and p >= 0:
            near[nid] = near[p]
        box[nid] = nid if tags[nid] not in _NOT_CONTAINER else (box[p] if p >= 0 else -1)
    return near, box


def _credit_owners(
    raws: list[_Raw], weights: list[int], near: list[tuple[str, str] | None], box: list[int],
    parent: list[int], ld_hits: list[bool] | None,
) -> tuple[list[int], list[int], list[int], list[int], list[int], list[int], list[int]]:
    """Each block's sizes and weight, credited to the element that owns it (``chars``,
    ``link_chars``, ``good``, ``blocks``, ``linky``, ``neutral``; summed up the tree
    later), and its body-like weight to the nearest containers above it, decaying
    (``core``): the core is where prose sits, not every ancestor of it. Returns
    ``(chars, link_chars, good, core, blocks, linky, neutral)``."""
    n = len(parent)
    chars, link_chars, good = [0] * n, [0] * n, [0] * n
    core, blocks, linky, neutral = [0] * n, [0] * n, [0] * n, [0] * n
    for i, r in enumerate(raws):
        owner = r.owner
        pr = near[owner]
        c, lc = r.chars, r.link_chars
        if pr is not None:
            r.block.preset = pr
            if pr[1] in UNSEEN_RULES:
                continue  # not shown: neither article nor boilerplate on the page
            g = 0
        elif ld_hits is not None:
            g = _UNIT * c if ld_hits[i] else 0
        else:
            g = weights[i] if weights[i] > 0 else 0
        chars[owner] += c
        link_chars[owner] += lc
        blocks[owner] += 1
        if c and lc > 0.5 * c and c < 200:
            linky[owner] += 1
        elif not g and pr is None and not lc and (c < NEUTRAL_CHARS or r.block.kind[0] == "h"):
            neutral[owner] += c
        if g:
            good[owner] += g
            nid = box[owner]
            for credit in _DECAY:
                if nid < 0:
                    break
                core[nid] += g * credit
                p = parent[nid]
                nid = box[p] if p >= 0 else -1
    return chars, link_chars, good, core, blocks, linky, neutral


#: structural verdicts that hold unless the page has no article outside them
_FIRM_RULES: frozenset[str] = frozenset({"html.nav", "html.comments"})
#: verdicts on text a reader does not see as page text (hidden elements, dialogs, the
#: options of form controls): final, and left out of every sum
UNSEEN_RULES: frozenset[str] = frozenset({"html.hidden", "html.dialog", "html.control"})
def _unseen(b: Block) -> bool:
    return b.preset is not None and b.preset[1] in UNSEEN_RULES


#: a structural element holding at least this many body-like characters, and most of
#: the page's, may be the article itself (see :func:`_settle_presets`)
RELEASE_CHARS = 400


def _settle_presets(raws: list[_Raw], weights: list[int], nodes: _Nodes) -> list[int]:
    """Release the structural verdicts of elements that hold the article.

    An ASP.NET ``<form>`` or an ``<aside>`` around the whole page holds most of its
    body-like text: not boilerplate. ``<nav>`` and comment sections hold whatever they
    contain, except when the page has next to no body-like text outside them: an
    unclosed ``<nav>`` that the parser's recovery wrapped around the article, a forum
    whose posts are named "comment".
    """
    parent, presets = nodes.parent, nodes.preset
    n = len(parent)
    good0 = [0] * n
    for r, w in zip(raws, weights):
        if w > 0 and not _unseen(r.block):
            good0[r.owner] += w
    _sum_up(parent, good0, good0)
    page_good = good0[0] if n else 0
    firm_good = 0
    in_firm = [False] * n  # under a firm element (parents come before children)
    for nid, pr in enumerate(presets):
        above = in_firm[parent[nid]] if nid else False
        if pr is not None and pr[1] in _FIRM_RULES:
            if not above:  # outermost firm element
                firm_good += good0[nid]
            above = True
        in_firm[nid] = above
    firm_release = page_good - firm_good < RELEASE_CHARS * _UNIT
    # forum and Q&A posts are many "comment" elements, none holding most of the text
    posts = firm_release and firm_good >= RELEASE_CHARS * _UNIT
    released: list[int] = []
    for nid, pr in enumerate(presets):
        if pr is None or pr[1] in UNSEEN_RULES or (pr[1] in _FIRM_RULES and not firm_release):
            continue
        if (posts and pr[1] == "html.comments") or (good0[nid] >= RELEASE_CHARS * _UNIT and 2 * good0[nid] >= page_good):
            presets[nid] = None
            released.append(nid)
    return released




_NOT_CONTAINER: frozenset[str] = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "tr", "dt", "dd",
     "figcaption", "caption", "pre", "blockquote", "button", "label", "option", "legend",
     "span", "strong", "em", "b", "i", "font", "small", "u", "sup", "sub", "time", "abbr",
     "cite", "q", "code", "mark", "s", "del", "ins", "br", "hr"}
)

#: growing the container: an ancestor is taken when its extra body-like text is
#: at least this many times its extra other text
GROW_RATIO = 2.0
_TITLE_SEP = re.compile(r"\s+[|\-–—»«·:/]+\s+")
#: the headline covers at least this share of the page's title
HEADLINE_COVER = 0.3
#: a container candidate that ends before the headline counts this much
BEFORE_HEADLINE = 0.5
#: a candidate that holds the headline or starts with the text right under it: this much
UNDER_HEADLINE = 2.0
#: how many ancestors up growth looks at once (see :func:`_grow`)
GROW_LEVELS = 3
#: link-free lines shorter than this (and headings) are neutral when the container grows
NEUTRAL_CHARS = 50
BONUS = 0.25


def _node_bonus(nid: int, nodes: _Nodes) -> float:
    """Multiplier from semantic markup and whole-word class/id names (a weight, never a veto)."""
    f = 1.0
    if nodes.semantic[nid]:
        f += BONUS
    words = nodes.words(nid)
    if words:
        if words & _POSITIVE_WORDS:
            f += BONUS
        if words & _NEGATIVE_WORDS:
            f -= 2 * BONUS
    if nodes.preset[nid] is not None:
        f *= 0.5
    return max(f, 0.1)


#: how many of the best-scored container candidates the region and headline factors weigh
CANDIDATES = 40
#: how many elements up :func:`_region_factor` looks
REGION_STEPS = 4


def _region_factor(nid: int, nodes: _Nodes) -> float:
    """0.5 for a candidate inside a region named as not the article ("sidebar", "footer"
    a few levels up): a widget's text is not the article, however long."""
    parent, own = nodes.parent, nodes.own
    p = parent[nid]
    for _ in range(REGION_STEPS):
        if p < 0:
            break
        if own[p] and nodes.words(p) & _REGION_WORDS:
            return 0.5
        p = parent[p]
    return 1.0


def _find_container(agg: _Agg, nodes: _Nodes) -> int:
    """The node id of the article container (0 = whole page when nothing stands out).

    First the *core*: the element whose own paragraphs (children, less so grandchildren)
    hold the most body-like, link-poor text. Then the core grows to an ancestor while
    what the ancestor adds is mostly body-like too (an article split in several
    sibling blocks), and stops before it takes in boilerplate.
    """
    core, chars, link_chars = agg.core, agg.chars, agg.link_chars
    children, agg.end = _children_and_ends(nodes.parent, chars)
    _credit_items(agg, nodes, children)
    ranked: list[tuple[float, int]] = []
    for nid, c in enumerate(core):
        if c <= 0:
            continue
        ld = link_chars[nid] / chars[nid] if chars[nid] else 0.0
        ranked.append((c * (1.0 - ld) * _node_bonus(nid, nodes), nid))
    if not ranked:
        return 0
    # the region and headline factors change a score by a factor of 4 at most: only the
    # leading candidates can win
    ranked.sort(key=lambda t: (-t[0], t[1]))
    ranked = [(sc * _region_factor(nid, nodes), nid) for sc, nid in ranked[:CANDIDATES]]
    prose = _pick_core(ranked, children, nodes, agg)
    best = prose
    if agg.headline > 0:
        best = _pick_core(_headline_prior(ranked, agg, nodes), children, nodes, agg)
    # what the headline prior or growth adds around the prose core is filtered
    agg.core_node = prose if best <= prose < _subtree_end(best, nodes) else best
    container = _grow(best, agg, children, nodes)
    if agg.good[container] < THIN_GOOD and agg.headline > 0:
        article = _headline_block(agg, container, nodes)
        if article > 0:  # what it holds is read as the article, short lines included
            agg.core_node = container = article
    return container


def _children_and_ends(parent: list[int], chars: list[int]) -> tuple[dict[int, list[int]], list[int]]:
    """Per element with text (``chars``), its place among its parent's children (document
    order), and per element the id after its subtree's last one (a subtree is a run of
    ids). In C when the compiled module is there (``_cwalk.children_and_ends``)."""
    compiled = _compiled()
    if compiled is not None:
        try:
            return compiled.children_and_ends(parent, chars)  # type: ignore[no-any-return]
        except _NOT_FOR_C:
            pass
    return _children_and_ends_python(parent, chars)


def _children_and_ends_python(parent: list[int], chars: list[int]) -> tuple[dict[int, list[int]], list[int]]:
    """:func:`_children_and_ends` in Python (the reference)."""
    children: dict[int, list[int]] = {}
    end = list(range(1, len(parent) + 1))
    for nid in range(len(parent) - 1, 0, -1):
        par = parent[nid]
        if chars[nid]:
            children.setdefault(par, []).append(nid)
        if end[nid] > end[par]:
            end[par] = end[nid]
    for kids in children.values():
        kids.reverse()
    return children, end


#: this many look-alike items of prose make a list whose parent holds them as paragraphs
ITEMS = 3
#: ...and are credited so only where the decay hid most of their prose from their parent
ITEMS_GAIN = 2.0


def _credit_items(agg: _Agg, nodes: _Nodes, children: dict[int, list[int]]) -> None:
    """Credit an element with the prose of its look-alike items (same tag and class,
    each with body-like text and no headline link) as if they were its paragraphs: the
    steps of a recipe, the answers of a Q&A page, each wrapped a few levels deep, are one
    text, not many small ones that a single paragraph elsewhere outweighs."""
    good, linky, cls, core = agg.good, agg.linky, nodes.cls, agg.core
    for par, kids in children.items():
        if len(kids) < ITEMS:
            continue
        by_sig: dict[str, list[int]] = {}
        for k in kids:
            if cls[k] and not linky[k]:
                by_sig.setdefault(nodes.signature(k), []).append(k)
        for same in by_sig.values():
            total = sum(good[k] for k in same)
            if sum(1 for k in same if good[k]) >= ITEMS and total > ITEMS_GAIN * core[par]:
                if not any(_heads_h1(k, agg) for k in same):  # articles of their own
                    core[par] = total
                    agg.items[par] = same


#: a container with less body-like text than this is no better a guess than the headline's block
THIN_GOOD = 150
#: the headline's block holds at least this many characters besides the headline
HEADLINE_BLOCK_CHARS = 200


def _headline_block(agg: _Agg, container: int, nodes: _Nodes) -> int:
    """For a page with next to no prose (a product sheet, a list of links, a photo
    story): the element that holds both the headline and the container, else the lowest
    one around the headline that holds some text besides it; 0 when that is the page."""
    head, parent, chars = agg.headline, nodes.parent, agg.chars
    a = _common_ancestor(head, container, nodes)
    if nodes.tag[a] in ("body", "html"):
        a = parent[head]
        while a > 0 and chars[a] - chars[head] < HEADLINE_BLOCK_CHARS:
            a = parent[a]
    return a if a > 0 and nodes.tag[a] not in ("body", "html") else 0


def _pick_core(
    ranked: list[tuple[float, int]], children: dict[int, list[int]], nodes: _Nodes, agg: _Agg
) -> int:
    """The best-ranked candidate that is not a wrapper of look-alike teaser cards."""
    ranked = sorted(ranked, key=lambda t: (-t[0], t[1]))
    for _, nid in ranked[:5]:
        if not _teaser_group(children.get(nid, []), nodes, agg):
            return nid
    return ranked[0][1]


def _headline_prior(ranked: list[tuple[float, int]], agg: _Agg, nodes: _Nodes) -> list[tuple[float, int]]:
    """Weigh candidates by where they lie from the headline: the article is the text that
    starts under it; what ends before it is a teaser, a slider or a menu.

    Favoured: candidates below the lowest common ancestor of the headline and the text
    right after it that hold either. Ancestors above that keep their score.
    """
    head, parent, end = agg.headline, nodes.parent, agg.end
    n = len(parent)
    after = _first_text(end[head], n, end, agg, nodes)
    top = _common_ancestor(head, after, nodes) if after >= 0 else head
    out = []
    for sc, nid in ranked:
        if end[nid] <= head:
            sc *= BEFORE_HEADLINE
        elif top <= nid and (nid <= head < end[nid] or nid <= after < end[nid]):
            sc *= UNDER_HEADLINE
        elif _other_article(nid, agg):
            sc *= OTHER_ARTICLE
        out.append((sc, nid))
    return out


#: a candidate that another ``h1`` after the headline heads counts this much
OTHER_ARTICLE = 0.1


def _other_article(nid: int, agg: _Agg) -> bool:
    """Whether an ``h1`` other than the headline comes between the headline and ``nid``:
    the next article of an endless page, a widget headed as one; not this article."""
    k = bisect_left(agg.h1s, nid) - 1
    return k >= 0 and agg.h1s[k] > agg.headline


def _first_text(k: int, stop: int, end: list[int], agg: _Agg, nodes: _Nodes) -> int:
    """The deepest element holding the first body-like text from node ``k`` on (before
    ``stop``), structural presets skipped; -1 if none. ``end[k]``: one past ``k``'s
    subtree. Bylines, dates and share buttons under the headline are passed over."""
    preset = nodes.preset
    found = -1
    while k < stop:
        if not agg.good[k] or preset[k] is not None:
            k = end[k]  # nothing here to read: skip the subtree
            continue
        found, stop = k, end[k]  # text is in here: look for it among the children
        k += 1
    return found


def _common_ancestor(a: int, b: int, nodes: _Nodes) -> int:
    """The lowest element that holds both nodes."""
    parent, depth = nodes.parent, nodes.depth
    while depth[a] > depth[b]:
        a = parent[a]
    while depth[b] > depth[a]:
        b = parent[b]
    while a != b:
        a, b = parent[a], parent[b]
    return a


def _good_before(raws: list[_Raw], agg: _Agg, nodes: _Nodes, head: int) -> list[float]:
    """Per node, the body-like characters of its blocks that come before ``head``."""
    early = [0] * len(nodes.parent)
    weights = agg.weights
    for i, r in enumerate(raws):
        if r.owner >= head:
            break
        if weights[i] > 0 and r.block.preset is None:
            early[r.owner] += weights[i]
    _sum_up(nodes.parent, early, early)
    return [e / _UNIT for e in early]


def _grow(cur: int, agg: _Agg, children: dict[int, list[int]], nodes: _Nodes) -> int:
    """Grow the container to the farthest of its next ``GROW_LEVELS`` ancestors whose
    extra text, counted from ``cur``, is mostly body-like (headings and short link-free
    lines count for neither side), and which adds no list of teaser cards.

    Looking several levels up at once: an article split into sections (each with its
    heading) or with its lead in a header beside the body adds body text only two or
    three levels above the paragraphs' own container.
    """
    good, chars, neutral, parent = agg.good, agg.chars, agg.neutral, nodes.parent
    early = agg.early if agg.headline > 0 and cur > agg.headline else None
    while True:
        other = chars[cur] - good[cur] - neutral[cur]
        step = -1
        a, below, levels = cur, cur, 0
        while levels < GROW_LEVELS:
            a = parent[a]
            if a < 0:
                break
            if chars[a] > chars[below]:
                levels += 1  # a wrapper that adds no text is not a level
            extra_good = good[a] - good[cur]
            extra_bad = chars[a] - good[a] - neutral[a] - other
            if early:  # prose before the headline is a teaser or a slider: not the article's
                extra_early = early[a] - early[cur]
                extra_good -= extra_early
                extra_bad += extra_early
            if extra_good > 0:
                sibs = [k for k in children.get(a, []) if k != below]
                if any(good[k] > 0 for k in _teaser_group(sibs, nodes, agg)):
                    break
            if agg.h1s and _holds_other_article(a, cur, agg, nodes):
                break
            if extra_good >= GROW_RATIO * extra_bad:
                step = a
            below = a
        if step < 0:
            return cur
        cur = step


#: an ``h1`` whose block holds this many body-like characters heads an article of its own
ARTICLE_GOOD = 400


def _holds_other_article(a: int, cur: int, agg: _Agg, nodes: _Nodes) -> bool:
    """Whether ``a`` holds, beside ``cur``, another article: a block of ``a`` headed by an
    ``h1`` after the headline and holding some paragraphs (the next article of an
    endless page). A promotion headed by an ``h1`` is no article of its own."""
    h1s, end, parent = agg.h1s, agg.end, nodes.parent
    for k in range(bisect_left(h1s, max(a, agg.headline + 1)), len(h1s)):
        h = h1s[k]
        if h >= end[a]:
            break
        if cur <= h < end[cur]:
            continue
        block = h
        while block > a and parent[block] != a:
            block = parent[block]
        if agg.good[block] >= ARTICLE_GOOD:
            return True
    return False


def _teaser_group(kids: list[int], nodes: _Nodes, agg: _Agg) -> list[int]:
    """The look-alike teaser cards among ``kids`` (3+ same tag and class, each short
    and carrying a headline link), or ``[]``."""
    if len(kids) < 3:
        return []
    by_sig: dict[str, list[int]] = {}
    for k in kids:
        if nodes.cls[k]:
            by_sig.setdefault(nodes.signature(k), []).append(k)
    chars, linky = agg.chars, agg.linky
    out: list[int] = []
    for same in by_sig.values():
        if len(same) >= 3 and sum(1 for m in same if linky[m]) >= 0.8 * len(same):
            if all(chars[m] < 600 for m in same):
                out.extend(same)
    return out


def _is_inner_bad(words: frozenset[str]) -> bool:
    """True when class/id words name a non-body part (share bar, caption, related list...)."""
    if not words:
        return False
    if words & _INNER_BAD_WORDS:
        return True
    return any(w.startswith(_INNER_BAD_PREFIXES) or w.endswith(_INNER_BAD_PREFIXES) for w in words)


#: a date: 11.04.2020, 2020-04-11, 2016.12.01, 4/11/2020
_DATE = re.compile(r"(?<!\d)(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d{2}|(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_CLOCK = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])")
#: a dateline is shorter than this
DATELINE_CHARS = 80


def _is_dateline(text: str, n: int) -> bool:
    """A short line with a date (numeric, or a year and a clock time) and no sentence:
    a dateline or a "posted by ... on ..." line, in any language."""
    if n >= DATELINE_CHARS or _SENTENCE_END.search(text):
        return False
    if n < LABEL_CHARS and _DATE.search(text):
        return True
    return _YEAR.search(text) is not None and _CLOCK.search(text) is not None


_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


def _inner_score(
    r: _Raw, container: int, nodes: _Nodes, agg: _Agg, bad_cache: dict[int, bool]
) -> float:
    """Score of a block inside the container: structure below the container decides.

    A class/id word like "share" or "related" only counts when the element it names
    is small next to the article and does not itself look like body text.
    """
    b = r.block
    n = r.chars
    ld = r.link_chars / n if n else 0.0
    score = 0.8
    # quotes and embedded posts are content whatever their wrapper is called
    parent = nodes.parent
    nid = r.owner if b.kind != "quote" else container
    while nid != container:
        bad = bad_cache.get(nid)
        if bad is None:
            # an article's own <header> holds headline, standfirst, byline: not body
            bad = nodes.tag[nid] == "header" or (bool(nodes.own[nid]) and _is_inner_bad(nodes.words(nid)))
            bad_cache[nid] = bad
        if bad:
            nc = agg.chars[nid]
            body_like = agg.blocks[nid] >= 3 and agg.good[nid] >= 0.6 * nc
            if not body_like and nc < 0.35 * agg.chars[container]:
                score = min(score, 0.3)
                break
        nid = parent[nid]
    if b.kind == "caption" and (n < CAPTION_PROSE or not _SENTENCE_END.search(b.text)):
        score = min(score, 0.4)
    elif b.kind == "p" and _is_dateline(b.text, n):
        score = min(score, 0.3)  # "Aktualisiert: 11.04.2020, 10:27", "Posted by X on May 3, 2019, 6:21 AM"
    if ld > 0.5:
        if _URL_ONLY.match(b.text):
            pass  # a bare address printed in the text (a source, a shop link)
        elif n >= 150 and ld < 0.75:
            score = min(score, 0.55)  # a long sentence made mostly of links: weak keep
        else:
            score = min(score, 0.25)
    elif b.kind == "li" and ld > 0.3 and n < 80:
        score = min(score, 0.35)
    return score


def _subtree_end(nid: int, nodes: _Nodes) -> int:
    """One past the last node id of ``nid``'s subtree (ids are in document order, so a
    subtree is the run of deeper nodes after its root)."""
    depth = nodes.depth
    top, end, n = depth[nid], nid + 1, len(depth)
    while end < n and depth[end] > top:
        end += 1
    return end


def _teaser_items(container: int, nodes: _Nodes, agg: _Agg) -> set[int]:
    """Elements inside the container that are items of a teaser list.

    Three or more look-alike siblings (same tag and class) that each carry a short
    headline link are cards pointing elsewhere ("most popular", "more stories"),
    not paragraphs of the article.
    """
    parent, chars, cls = nodes.parent, agg.chars, nodes.cls
    kids: dict[int, list[int]] = {}
    # only named elements can be cards (see _teaser_group)
    for nid in range(container + 1, _subtree_end(container, nodes)):
        if chars[nid] and cls[nid]:
            kids.setdefault(parent[nid], []).append(nid)
    found: set[int] = set()
    for par, members in kids.items():
        cards = _teaser_group(members, nodes, agg)
        if cards:
            found.update(cards)
            # the list's own heading goes with it when the cards are most of it
            if par != container and sum(chars[m] for m in cards) >= 0.7 * chars[par]:
                found.add(par)
    return found


def _norm_title(text: str) -> str:
    return " ".join(text.casefold().split())


def _headline_node(raws: list[_Raw], titles: Sequence[str]) -> int:
    """Owner node of the ``h1``/``h2`` that best repeats the page's ``<title>`` or
    ``og:title`` ("Headline | Site" holds "Headline"), or -1.

    Best: the heading that covers most of a title, so that a site name in an ``h1``
    ("Site", inside "Site » Headline") loses to the headline; ``h1`` wins ties.
    """
    wanted = [t for t in map(_norm_title, titles) if len(t) >= 8]
    if not wanted:
        return -1
    # "Headline - Section - Site": the longest part is the headline (a site or section
    # name is shorter), so that a logo heading that repeats the site name is not taken
    parts = [max(_TITLE_SEP.split(w), key=len) for w in wanted]
    wanted += [part for part, w in zip(parts, wanted) if len(part) >= 8 and part != w]
    best, best_cover = -1, HEADLINE_COVER
    for r in raws:
        b = r.block
        if (b.kind == "h1" or b.kind == "h2") and b.preset is None and len(b.text) >= 8:
            t = _norm_title(b.text)
            cover = max((min(len(t), len(w)) / max(len(t), len(w)) for w in wanted if t in w or w in t), default=0.0)
            if b.kind == "h2":
                cover -= 0.05
            if cover > best_cover:
                best, best_cover = r.owner, cover
    return best


def _other_h1s(raws: list[_Raw], head: int) -> list[int]:
    """Owner nodes of the visible, link-poor ``h1`` headings outside structural presets
    that do not repeat the headline (a sticky header's copy of it heads nothing new)."""
    title = next((_norm_title(r.block.text) for r in raws if r.owner == head), "")
    return [
        r.owner for r in raws
        if r.block.kind == "h1" and r.block.preset is None and 2 * r.link_chars < r.chars
        and _norm_title(r.block.text) != title
    ]


def _pick_title(raws: list[_Raw], container_first: int) -> int | None:
    """Index of the h1 block that is the headline: the last h1 before the body, else the first.

    Link-heavy h1s (a site logo linking home) and h1s in navigation are passed over
    when another h1 exists.
    """
    h1s = [i for i, r in enumerate(raws) if r.block.kind == "h1" and not _unseen(r.block)]
    if not h1s:
        return None
    plain = [
        i for i in h1s
        if raws[i].block.link_density < 0.5
        and ((preset := raws[i].block.preset) is None or preset[0] != "navigation")
    ]
    h1s = plain or h1s
    before = [i for i in h1s if i <= container_first]
    if before:
        return before[-1]
    return h1s[0]



def select_main(
    raws: list[_Raw], nodes: _Nodes, ld_scripts: list[str], titles: Sequence[str] = (),
    choose: Callable[[_Agg, _Nodes], int] | None = None,
) -> str | None:
    """Score every block (see the module docstring); return the headline's text, if any.
    ``titles`` are the page's ``<title>``/``og:title``; ``choose(agg, nodes)`` may
    replace the container finder (experiments)."""
    ld_hits = _ld_matches(raws, _ld_bodies(ld_scripts))
    agg = _aggregate(raws, nodes, ld_hits)
    agg.headline = _headline_node(raws, titles)
    if agg.headline > 0:
        agg.early = _good_before(raws, agg, nodes, agg.headline)
        agg.h1s = _other_h1s(raws, agg.headline)
    container = (choose or _find_container)(agg, nodes)
    tops = [container] + _prose_siblings(container, agg, nodes)
    first_inside = _score_blocks(raws, tops, nodes, agg)
    if agg.headline > 0 and agg.headline < container:
        _keep_lead(raws, agg, nodes, container, first_inside)
    title_i = _pick_title(raws, first_inside)
    if title_i is None:
        return None
    tb = raws[title_i].block
    tb.preset = _TITLE_PRESET
    return tb.text


#: at most this many paragraphs between the headline and the container are its lead
LEAD_BLOCKS = 3
#: the score of a plain block inside the container
INNER_SCORE = 0.8
#: score of a block that growth added to the container and that is not prose
ADDED_SCORE = 0.3
#: a line shorter than this that ends no sentence may be a label (see :func:`_drop_orphan_labels`)
LABEL_CHARS = 60
#: a caption this long (two lines under a photo) that ends a sentence is prose (a
#: slideshow's text, a photo essay); a credit or a label is shorter
CAPTION_PROSE = 80


def _added_keeps(raws: list[_Raw], i: int, weights: list[int]) -> bool:
    """Whether a block that growth or the headline prior added to the container stays:
    prose, link-poor list items and table rows (ingredients, specifications), and a
    heading (not an ``h1``) directly above one of those. Short lines, link lists and
    labels do not."""
    if _keeps(raws[i], weights[i]):
        return True
    if raws[i].block.kind[0] != "h" or raws[i].block.kind == "h1":
        return False  # an h1 beside the article heads another one (a promotion, a widget)
    i += 1
    while i < len(raws) and _unseen(raws[i].block):
        i += 1
    return i < len(raws) and _keeps(raws[i], weights[i])


def _keeps(r: _Raw, weight: int) -> bool:
    return weight > 0 or (r.block.kind in ("li", "td") and 3 * r.link_chars <= r.chars)


#: a sibling of the container is merged when it holds this many body-like characters...
SIBLING_GOOD = 150
#: ...and they are at least this share of its text that is not headings or short lines
SIBLING_SHARE = 0.7


def _prose_siblings(container: int, agg: _Agg, nodes: _Nodes) -> list[int]:
    """Siblings of the container that are prose through and through (Readability's
    sibling merging): an article whose paragraphs the CMS puts in several sibling
    sections beside others that are not the article, which growth cannot take whole.
    Nothing before the headline, nothing named as not the article, no teaser cards,
    nothing headed by an ``h1`` of its own."""
    p = nodes.parent[container]
    if container == 0 or p < 0:
        return []
    good, chars, neutral, parent = agg.good, agg.chars, agg.neutral, nodes.parent
    end = _subtree_end(p, nodes)
    head = agg.headline
    out: list[int] = []
    for k in range(p + 1, end):
        if parent[k] != p or k == container or not chars[k] or nodes.preset[k] is not None:
            continue
        if good[k] < SIBLING_GOOD or good[k] < SIBLING_SHARE * (chars[k] - neutral[k]):
            continue
        if k < container and not 0 < head < k:
            continue  # before the body: only what follows the headline (a lead)
        if _node_bonus(k, nodes) < 1.0 or _region_named(k, nodes) or _heads_h1(k, agg):
            continue
        out.append(k)
    return out


def _heads_h1(nid: int, agg: _Agg) -> bool:
    """Whether ``nid`` holds an ``h1`` after the headline (see :attr:`_Agg.h1s`): a block
    headed so is another article or a promotion, not more of this one."""
    if not agg.h1s:
        return False
    k = bisect_left(agg.h1s, max(nid, agg.headline + 1))
    return k < len(agg.h1s) and agg.h1s[k] < agg.end[nid]


def _region_named(nid: int, nodes: _Nodes) -> bool:
    """Whether a class/id word of ``nid`` begins with a region word ("footercontainer")."""
    return bool(nodes.own[nid]) and any(w.startswith(_REGION_PREFIXES) for w in nodes.words(nid))


#: class/id words that begin so name a page region that is not the article
_REGION_PREFIXES = ("footer", "sidebar", "comment", "related", "widget")


def _score_blocks(raws: list[_Raw], tops: list[int], nodes: _Nodes, agg: _Agg) -> int:
    """Give every block its ``dom_score``; return the index of the first block inside.
    ``tops[0]`` is the container, the others siblings merged with it."""
    container = tops[0]
    parent = nodes.parent
    spans = [(t, _subtree_end(t, nodes)) for t in tops]
    teasers: set[int] = set()
    for t in tops:
        teasers |= _teaser_items(t, nodes, agg)
    first_inside = len(raws)
    bad_cache: dict[int, bool] = {}
    named_cache: dict[int, bool] = {}
    core = agg.core_node
    # a list of look-alike items is its items, not what lies between them
    cores = [(k, _subtree_end(k, nodes)) for k in agg.items.get(core, [core])]
    starts = [k for k, _ in cores]
    for nid, _ in cores:
        while nid > container:  # what holds the prose core is the article, whatever its names
            bad_cache[nid] = False
            nid = parent[nid]
    for nid in agg.released:  # posts named "comment" that are the content
        bad_cache[nid] = False
    weights = agg.weights
    for i, r in enumerate(raws):
        b = r.block
        owner, top = r.owner, -1
        for t, e in spans:  # a loop, not next() over a generator: this runs per block
            if t <= owner < e:
                top = t
                break
        if top >= 0:
            if first_inside == len(raws):
                first_inside = i
            score = _inner_score(r, top, nodes, agg, bad_cache)
            if not _within(r.owner, cores, starts) and (
                not _added_keeps(raws, i, weights) or _added_named(r.owner, top, nodes, named_cache)
            ):
                score = min(score, ADDED_SCORE)
            if teasers and score > 0.3:
                nid = r.owner
                while nid != top:
                    if nid in teasers:
                        score = 0.3
                        break
                    nid = parent[nid]
            b.dom_score = score if b.preset is None else min(score, 0.1)
        else:
            b.dom_score = 0.1
            if b.preset is None:
                b.preset = _OUTSIDE_PRESET
    _drop_orphan_labels(raws)
    return first_inside


def _within(nid: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether ``nid`` lies in one of the subtrees ``spans`` (``(root, end)``, in document
    order; ``starts``: their roots)."""
    k = bisect_right(starts, nid) - 1
    return k >= 0 and nid < spans[k][1]


def _keep_lead(raws: list[_Raw], agg: _Agg, nodes: _Nodes, container: int, first_inside: int) -> None:
    """The prose between the headline and the container is the article's lead (a
    standfirst in the header, a first paragraph in a block of its own): kept. At most
    ``LEAD_BLOCKS`` paragraphs, none inside a region named as not the article or in a
    part named as not body (caption, dateline...), none repeated elsewhere on the page
    (a description shown twice)."""
    head = agg.headline
    start = next((i for i, r in enumerate(raws) if r.owner >= head), first_inside)
    lead = [
        i for i in range(start + 1, first_inside)
        if raws[i].block.preset is _OUTSIDE_PRESET and raws[i].block.kind == "p"
        and agg.weights[i] > 0 and not raws[i].link_chars
    ][:LEAD_BLOCKS]
    if not lead:
        return
    seen = Counter(r.block.text for r in raws)
    top = _common_ancestor(head, container, nodes)
    for i in lead:
        b = raws[i].block
        if (
            seen[b.text] == 1 and _region_factor(raws[i].owner, nodes) == 1.0
            and not _named_part(raws[i].owner, top, nodes) and not _is_dateline(b.text, raws[i].chars)
        ):
            b.preset = None
            b.dom_score = INNER_SCORE


def _added_named(nid: int, top: int, nodes: _Nodes, cache: dict[int, bool]) -> bool:
    """Whether an element between ``nid`` and ``top`` is named as a part that is not the
    article ("author-card", "related", "sidebar", "cta", "comments"): what growth added
    around the prose core keeps no such part, however prose-like it is."""
    path: list[int] = []
    found = False
    while nid > top:
        hit = cache.get(nid)
        if hit is not None:
            found = hit
            break
        path.append(nid)
        if nodes.own[nid] and not _FILED_ITEM.search(nodes.own[nid]):
            words = nodes.words(nid)
            if words & _ADDED_BAD_WORDS or any(w.startswith(_ADDED_BAD_PREFIXES) for w in words):
                found = True
                break
        nid = nodes.parent[nid]
    for k in path:
        cache[k] = found
    return found


#: a post item filed under terms ("category-news tag-berlin author-jules"): its names
#: say how it is filed, not that it is an author box
_FILED_ITEM = re.compile(r"(?:^|\s)(?:category|tag)-\S")
_ADDED_BAD_PREFIXES: tuple[str, ...] = (
    "author", "footer", "sidebar", "comment", "related", "share", "social", "newsletter", "subscribe",
)


def _named_part(nid: int, top: int, nodes: _Nodes) -> bool:
    """Whether an element between ``nid`` and ``top`` is named as a non-body part
    (a caption, a dateline, a byline, a share bar: see :func:`_is_inner_bad`)."""
    while nid > top:
        if nodes.own[nid] and _is_inner_bad(nodes.words(nid)):
            return True
        nid = nodes.parent[nid]
    return False


def _kept(b: Block) -> bool:
    return b.preset is None and b.dom_score is not None and b.dom_score >= 0.5


def _drop_orphan_labels(raws: list[_Raw]) -> None:
    """A label ("More on this:", "Weitere Informationen", a section heading) whose link
    list was dropped goes with it: a kept heading or short link-free line followed by
    dropped blocks, links among them, and then by another heading or nothing kept heads
    nothing that stays."""
    n = len(raws)
    for i, r in enumerate(raws):
        b = r.block
        if not _kept(b) or r.link_chars or r.chars >= LABEL_CHARS or not (
            b.kind[0] == "h" or (b.kind == "p" and not _SENTENCE_END.search(b.text))
        ):
            continue
        j = i + 1
        links = False
        while j < n and not _kept(raws[j].block):
            links = links or 2 * raws[j].link_chars > raws[j].chars
            j += 1
        if links and (j == n or raws[j].block.kind[0] == "h"):
            b.dom_score = ADDED_SCORE
