"""The block walk gathers what the metadata stage would otherwise search the whole tree for
(``Gathered``): it must find exactly what those searches find, skipped subtrees included."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner._html_blocks import html_blocks, mark_bits
from cleaner._metadata import _AUTHOR_CANDIDATES, _MARKED_CANDIDATES, _Page
from cleaner._model import PAGE_TAGS

_TAGS = ["div", "p", "span", "a", "table", "tr", "td", "ul", "li", "svg", "picture", "h1", "h2", "time",
         "meta", "link", "script", "title", "img", "noscript", "select", "dialog", "header", "nav"]
_ATTR = st.one_of(
    st.tuples(st.just("class"), st.sampled_from(["byline", "post-author", "date", "pubDate", "published",
                                                  "timestamp", "Author", "para", "byline date", "  x  uthor "])),
    st.tuples(st.just("itemprop"), st.sampled_from(["author", "creator", "datePublished", "dateCreated", "name", " author"])),
    st.tuples(st.just("rel"), st.sampled_from(["author", "nofollow", "Author"])),
    st.tuples(st.just("hidden"), st.just("")),
    st.tuples(st.just("style"), st.just("display:none")),
    st.tuples(st.just("datetime"), st.just("2020-01-02")),
    st.tuples(st.just("id"), st.sampled_from(["author", "main"])),
)
_TEXT = st.sampled_from(["", "By Ann Lee", "12 March 2021", "Some words of the article here.",
                         '<script type="application/ld+json">{"author": "Ann"}</script>', "<script>var x;</script>"])


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(_TAGS), st.lists(_ATTR, max_size=3), st.lists(children, max_size=4)).map(
        lambda t: f"<{t[0]}{''.join(f' {k}={v!r}' if v else f' {k}' for k, v in t[1])}>{''.join(t[2])}</{t[0]}>"
    )


_fragment = st.recursive(_TEXT, _element, max_leaves=30)


def _both(html: str) -> tuple[Any, Any]:
    page = html_blocks(html)
    assert page.tree is not None and page.gathered is not None
    return page.tree, page.gathered


_FACTS = ("meta", "jsonld", "links", "title", "h1", "h2", "times")


def _same(html: str) -> None:
    root, gathered = _both(html)
    assert set(gathered.tagged) <= set(root.iter(*PAGE_TAGS))
    walked, searched = _Page(root, gathered), _Page(root)
    assert [getattr(walked, f) for f in _FACTS] == [getattr(searched, f) for f in _FACTS]
    assert gathered.candidates(dates=True) == _MARKED_CANDIDATES(root)
    assert gathered.candidates(dates=False) == _AUTHOR_CANDIDATES(root)


@settings(max_examples=300, deadline=None)
@given(st.lists(_fragment, max_size=5), st.sampled_from(["", '<meta itemprop="author" content="A"><link rel="author" href="/a">']))
def test_gathered_is_what_the_tree_searches_find(body: list[str], head: str) -> None:
    _same(f"<html><head><title>T</title>{head}</head><body>{''.join(body)}</body></html>")


def test_skipped_subtrees_are_searched_in_document_order() -> None:
    html = """<html><head><meta itemprop="author" content="Ann"><link rel="author" href="/ann"></head><body>
      <p class="byline">By Ann</p>
      <div hidden><span class="author">Hidden Bob</span><h1>Hidden heading</h1></div>
      <table><tr><td class="date">1 May 2020</td><td>x</td></tr></table>
      <svg><title>icon</title></svg>
      <span itemprop="creator">Cy</span><a rel="author" href="/d">Dee</a>
      <time datetime="2020-05-01">May 1</time><h1>Heading</h1><h2>Sub</h2>
      <meta itemprop="datePublished" content="2020-05-01">
    </body></html>"""
    root, gathered = _both(html)
    found = gathered.candidates(dates=True)
    assert [e.get("class") or e.get("itemprop") or e.get("rel") for e in found] == [
        "author", "author", "byline", "author", "date", "creator", "author", "datePublished"
    ]
    assert found == _MARKED_CANDIDATES(root)
    assert "date" not in [e.get("class") for e in gathered.candidates(dates=False)]
    _same(html)


def test_xhtml_page() -> None:
    xhtml = ('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><meta name="a" content="b"/>'
             '</head><body><h1 class="byline">By X</h1></body></html>')
    root, gathered = _both(xhtml)
    assert [e.tag for e in gathered.tagged] == ["meta", "h1"]
    assert len(gathered.candidates(dates=False)) == 1
    _same(xhtml)


def test_mark_bits() -> None:
    assert mark_bits("post-byline", None, None) == 1
    assert mark_bits("entry-date", None, None) == 2
    assert mark_bits("author-date", None, None) == 3
    assert mark_bits(None, "datePublished", "author") == 3
    assert mark_bits(None, " author", "Author") == 0  # exact values, as the XPath compares them
    assert mark_bits("para", "name", "nofollow") == 0


def test_bare_table_rows_cost_nothing_to_gather() -> None:
    """A data table's rows are folded one per line; a row of bare text cells holds nothing
    the metadata reads, so the walk notes none of them (a million-row table stays cheap)."""
    rows = "".join(f"<tr><td>{i}</td><td>row {i}</td></tr>" for i in range(500))
    _, gathered = _both(f"<html><body><table>{rows}</table></body></html>")
    assert gathered.skipped == []
    html = f'<html><body><table>{rows}<tr><td class="byline">By Ann</td><td>x</td></tr></table></body></html>'
    root, gathered = _both(html)
    assert len(gathered.skipped) == 1
    assert [e.get("class") for e in gathered.candidates(dates=False)] == ["byline"]
    _same(html)
