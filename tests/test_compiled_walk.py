"""The compiled walk (``_cwalk.pyx``) gives what the Python walk gives, on every page we have.

The Python walk (``_html_blocks._walk_python``) is the reference; the compiled one must
make the same blocks, node arrays and gathered elements, in the same order, whatever the
markup. Without the compiled module these tests are skipped, except that CI
(``CLEANER_REQUIRE_COMPILED=1``) fails when it was not built.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import cleaner._html_blocks as hb
from cleaner import Cleaner
from strategies import html_fragment

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"

compiled = pytest.mark.skipif(not hb.COMPILED, reason="the compiled walk is not built")


def test_ci_builds_the_compiled_walk() -> None:
    if os.environ.get("CLEANER_REQUIRE_COMPILED", "") in ("", "0"):
        pytest.skip("only where the build is required (CI)")
    assert hb.COMPILED, "the compiled walk (_cwalk) was not built or does not load"


def test_switched_off_by_the_environment() -> None:
    code = "import cleaner._html_blocks as h; print(h.COMPILED)"
    out = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "CLEANER_PURE_PYTHON": "1"},
        capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == "False"


@compiled
def test_compiled_constants_agree() -> None:
    assert hb._cwalk.constants() == {
        "F_BLOCK": hb._F_BLOCK, "F_LINK": hb._F_LINK, "F_PRE": hb._F_PRE, "F_QUOTE": hb._F_QUOTE,
        "SKIPPED": hb._SKIPPED, "PARTS_COMPACT": hb._PARTS_COMPACT,
    }


def _signature(w: hb._Walk) -> tuple[Any, ...]:
    """Everything a walk hands on: blocks (with their hints), node arrays, what it gathered
    (elements compared by identity: both walks see the same tree)."""
    n, g = w.nodes, w.gathered
    raws = [
        (r.block.text, r.block.kind, r.block.group, r.block.link_density, r.block.hints, r.block.preset,
         r.owner, r.chars, r.link_chars, r.lines)
        for r in w.raws
    ]
    return (
        raws, n.tag, n.parent, n.own, n.cls, n.preset, n.semantic, n.named, n.depth, w.ld_scripts, w.titles,
        [id(e) for e in w.elements], [id(e) for e in g.tagged], [(a, id(b), c) for a, b, c in g.marked],
        [(a, id(b)) for a, b in g.skipped],
    )


def _same_walk(root: Any) -> None:
    python = hb._walk_python(root)
    fast = hb._walk_compiled(root)  # while the first walk's elements are alive: the same proxies
    assert _signature(fast) == _signature(python)
    private = hb._walk_compiled(root, private=True)  # elements kept as nodes (_cwalk.Elements)
    assert isinstance(private.elements, hb._cwalk.Elements) and private.gathered.elements is private.elements
    assert _signature(private) == _signature(python)
    for _, top in [(0, root), *python.gathered.skipped]:
        _same_marked(top)
    _same_page_facts(root, python.gathered)
    _same_pieces_after(python.elements)
    _same_node_passes(python.nodes.parent, python.nodes.tag, python.nodes.preset, [len(o) for o in python.nodes.own])


def _same_node_passes(parent: list[int], tags: list[str], presets: list[Any], values: list[int]) -> None:
    """The main-content stage's passes over the node arrays (``sum_up``, ``nearest_up``,
    ``children_and_ends``) give what their Python twins give."""
    from cleaner import _main_content as mc

    cw = hb._cwalk
    assert cw.nearest_up(parent, tags, presets, mc._NOT_CONTAINER) == mc._nearest_up_python(_nodes(parent, tags, presets))
    if -1 in parent[1:]:  # a second root (a walk has one): C leaves it to Python
        with pytest.raises(IndexError):
            cw.children_and_ends(parent, values)
        assert mc._children_and_ends(parent, values) == mc._children_and_ends_python(parent, values)
    else:
        assert cw.children_and_ends(parent, values) == mc._children_and_ends_python(parent, values)
    sums_c = [list(values), [v * 3 - 7 for v in values], [v % 2 for v in values]]
    sums_py = [list(col) for col in sums_c]
    for gate in range(3):
        cw.sum_up(parent, sums_c[gate], *sums_c)
        mc._sum_up_python(parent, sums_py[gate], *sums_py)
        assert sums_c == sums_py


def _nodes(parent: list[int], tags: list[str], presets: list[Any]) -> Any:
    nodes = hb._Nodes()
    nodes.parent, nodes.tag, nodes.preset = parent, tags, presets
    return nodes


def _same_pieces_after(elements: list[Any]) -> None:
    """The metadata stage's text pieces after an element: in C as in Python (the first 60)."""
    from cleaner._metadata import _pieces_after_python

    for el in elements[:400]:
        expected = list(itertools.islice(_pieces_after_python(el), 60))  # kept: the same proxies
        found = list(itertools.islice(hb._cwalk.pieces_after(el), 60))
        assert [(id(o), t) for o, t in found] == [(id(o), t) for o, t in expected]


def _same_page_facts(root: Any, gathered: hb.Gathered) -> None:
    """The metadata stage's reading of the page's meta, script, link, title and heading
    elements: in C (``read_tagged``) as in its own loop."""
    from cleaner._metadata import _Page

    def facts(page: _Page) -> tuple[Any, ...]:
        return (page.meta, page.jsonld, page.title, *([id(e) for e in els] for els in (page.links, page.h1, page.h2, page.times)))

    fast = _Page(root, gathered)
    saved, hb._cwalk = hb._cwalk, None
    try:
        python = _Page(root, gathered)
    finally:
        hb._cwalk = saved
    assert facts(fast) == facts(python)


def _same_marked(top: Any) -> None:
    """``marked_elements`` finds what ``_marked`` passes among ``iter(etree.Element)``."""
    every = list(top.iter(etree.Element))  # alive while compared: the same proxies
    for bits in (hb.MARK_AUTHOR, hb.MARK_AUTHOR | hb.MARK_DATE):
        expected = [id(el) for el in every if hb._marked(el, bits)]
        assert [id(el) for el in hb._cwalk.marked_elements(top, bits)] == expected


def _html_files() -> list[Path]:
    return sorted(p for p in [*ROOT.glob("seeds/*/source.html"), *ROOT.glob("tests/**/*.html")])


@compiled
@pytest.mark.parametrize("path", _html_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_same_walk_on_the_pages_in_the_repository(path: Path) -> None:
    root = hb.parse_html(path.read_bytes())
    assert root is not None
    _same_walk(root)


_ODD = [
    "<!-- before --><html><body><p>a<!-- in -->b<?pi x?>c</p><!--x-->tail</body></html>",
    "<p>one<br>two<br><br>three</p><pre>  kept\n   as is  </pre><blockquote><p>q</p></blockquote>",
    "<table><tr><td>a</td><td><a href='#'>b</a></td></tr><tr class='x'><td>c</td></tr></table>",
    "<div hidden>gone</div><div aria-hidden='true'>x</div><span style='display:none'>y</span>z",
    "<head><title>T</title><script type='application/ld+json'>{\"a\": 1}</script></head><body>b</body>",
    "<div itemprop='articleBody' class='c' id='i' role='main'><a rel='author' href='/a'>Me</a></div>",
    "<dialog>d</dialog><select><option>o</option></select><textarea>t</textarea><svg><text>s</text></svg>",
    "<fb:like class='share'>like</fb:like><o:p>office</o:p>text",
    "<p>" + "<a href='#'>x</a> " * 3000 + "</p>",
    "<ul>" + "<li>item</li>" * 50 + "</ul>" + "<br>" * 40,
    "<head><link rel='author' href='/me'><meta itemprop='datePublished' content='2020-01-01'></head><body>"
    "<div hidden><span class='byline author'>By X</span><time class='entry-date' datetime='2020'>x</time></div>"
    "<svg class='date'><g itemprop='author'><text rel='author'>t</text></g></svg><p class='post-author'>b</p></body>",
    "<head><title></title><title>Second</title><meta name=' OG:Title ' property='og:title' content='A'>"
    "<meta http-equiv='x' content=''><meta itemprop='author' content='B'><link rel='canonical' href=''>"
    "<link rel='canonical' href='/c'><script type='application/ld+json'>{}</script><script type='x+json'></script>"
    "</head><body><svg><title>icon</title></svg><h1>H</h1>" + "<h2>s</h2>" * 12 + "<time datetime=''>t</time>"
    "<time datetime='2020-01-02'>u</time></body>",
    "<h1>T</h1>\x0b<p>\xa0</p>\x1c <span> \u2003 </span>\t<b>\x0c</b>x<!-- c -->y<script>s</script>tail"
    "<noscript><img alt='a'>n</noscript><time datetime='2020-01-01'></time>",
]


@compiled
@pytest.mark.parametrize("html", _ODD)
def test_same_walk_on_odd_markup(html: str) -> None:
    root = hb.parse_html(html)
    assert root is not None
    _same_walk(root)


@compiled
def test_same_walk_on_a_subtree_and_on_xml_with_entities() -> None:
    page = hb.parse_html("<html><body><div id='a'><p>x <b>y</b></p>tail</div><p>after</p></body></html>")
    _same_walk(page.find(".//div"))  # a subtree: its tail is not walked
    xml = (
        b"<!DOCTYPE r [<!ENTITY e 'entity text'>]>"
        b"<r xmlns:x='urn:x'><p>a &e; b</p><x:p x:class='c'>ns</x:p><?pi data?></r>"
    )
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False))
    assert any(not isinstance(el.tag, str) for el in root.iter())  # the entity reference is there
    _same_walk(root)


_COMMENT = st.sampled_from(["<!-- c -->", "<?pi p?>", "<br>", "<br><br>", " ", "\n\t", "&nbsp;", "&amp;"])
_PAGE = st.lists(st.one_of(html_fragment, _COMMENT), max_size=12).map("".join)


@compiled
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_PAGE)
def test_same_walk_on_generated_markup(html: str) -> None:
    root = hb.parse_html(html)
    if root is not None:
        _same_walk(root)


@compiled
def test_elements_kept_as_nodes_behave_as_the_list_of_their_proxies() -> None:
    """``_cwalk.Elements``: the same length, items (by identity while a proxy is held),
    negative indices and iteration as the list of proxies; out of range is an IndexError,
    and an element of another document is refused."""
    root = hb.parse_html(b"<html><body><div id=a><p>one <b>two</b></p><p>three</p></div></body></html>")
    listed = hb._walk_compiled(root).elements
    kept = hb._walk_compiled(root, private=True).elements
    assert isinstance(listed, list) and len(kept) == len(listed) == 6
    assert [kept[i] for i in range(len(kept))] == listed
    assert all(a is b for a, b in zip(kept, listed))
    assert kept[-1] is listed[-1] and kept[-len(listed)] is listed[0]
    for bad in (len(listed), -len(listed) - 1):
        with pytest.raises(IndexError):
            kept[bad]
    kept.append(root)
    assert len(kept) == 7 and kept[6] is root
    with pytest.raises(ValueError):
        kept.append(hb.parse_html(b"<p>another page</p>"))
    with pytest.raises(TypeError):
        hb._cwalk.Elements(None)
    with pytest.raises(TypeError):
        kept.append(None)
    del listed
    first = kept[2]
    assert kept[2] is first and first.tag == "div" and first.get("id") == "a"  # a proxy made when asked for


def test_a_tree_the_caller_passes_keeps_its_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """A caller's lxml tree is theirs to edit after ``clean()``: its elements are held as
    proxies (an edit cannot free a node the document still points to), and reading the
    deferred fields after an edit works; a tree parsed from markup is private."""
    html = "<html><body><article><h1>Title here</h1><p>" + "A sentence of the article, long enough. " * 8 + "</p>"
    html += "<p>" + "More of the article text follows here. " * 8 + "</p></article><footer>Footer</footer></body></html>"
    seen: list[bool] = []
    walk = hb._walk

    def spy(root: Any, *, private: bool = False) -> hb._Walk:
        seen.append(private)
        return walk(root, private=private)

    monkeypatch.setattr(hb, "_walk", spy)
    tree = etree.fromstring(html, etree.HTMLParser())
    doc = Cleaner().clean(tree)
    for p in list(tree.iter("p")):
        p.getparent().remove(p)
    del p
    assert "A sentence of the article" in doc.to_dict(markdown=True)["markdown"]
    Cleaner().clean(html)
    assert seen == [False, True]


def _tree(draw: Any) -> list[int]:
    n = draw(st.integers(1, 60))
    least = draw(st.sampled_from([0, 0, 0, -1]))  # mostly one root, as a walk makes
    return [-1] + [draw(st.integers(least, i - 1)) for i in range(1, n)]


_TREES = st.composite(lambda draw: (p := _tree(draw), draw(st.lists(st.integers(-(2**40), 2**40), min_size=len(p), max_size=len(p)))))()


@compiled
@settings(max_examples=300, deadline=None)
@given(_TREES, st.lists(st.sampled_from(["div", "p", "span", "a", "li", "ul", "section"]), min_size=60, max_size=60))
def test_same_node_passes_on_generated_trees(tree: tuple[list[int], list[int]], tags: list[str]) -> None:
    """Trees of any shape (a parent id before its child, or none), values of either sign."""
    parent, values = tree
    presets = [("navigation", "html.nav") if t == "ul" and v % 3 == 0 else None for t, v in zip(tags, values)]
    _same_node_passes(parent, tags[: len(parent)], presets, values)


@compiled
def test_sum_up_refuses_what_c_cannot_hold_and_python_sums_it() -> None:
    """A value past C's integers, or not an int: the compiled pass raises before changing
    a list, and ``_sum_up`` then sums in Python."""
    from cleaner import _main_content as mc

    parent = [-1, 0, 1, 0]
    for odd in (2**70, 2**61, 1.5):
        gate = [1, 1, 1, 1]
        other = [0, odd, 3, 4]
        before = (list(gate), list(other))
        with pytest.raises((OverflowError, TypeError)):
            hb._cwalk.sum_up(parent, gate, gate, other, [2**61] * 4 if odd == 2**61 else [0] * 4)
        assert (gate, other) == before
        mc._sum_up(parent, gate, gate, other)
        expected_gate, expected_other = [1, 1, 1, 1], [0, odd, 3, 4]
        mc._sum_up_python(parent, expected_gate, expected_gate, expected_other)
        assert (gate, other) == (expected_gate, expected_other)
    counts = [1, 1]
    with pytest.raises(IndexError):
        hb._cwalk.sum_up([-1, 5], counts, counts)
    with pytest.raises(TypeError):
        hb._cwalk.sum_up([-1, 0], counts, [1, 1])  # the gate is not one of the sums


@compiled
@pytest.mark.slow
def test_same_documents_on_the_development_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole pipeline, every field, compiled and pure, on both HTML development sets."""
    import gzip

    pages = sorted([*DATA.glob("scrapinghub/html/*.html.gz"), *DATA.glob("trafeval-dev/html/*.html.gz")])
    if not pages:
        pytest.skip("the development sets are not next to the checkout")
    c = Cleaner()
    for path in pages:
        html = gzip.decompress(path.read_bytes())
        compiled_doc = c.clean(html, kind="html").to_dict(markdown=True)
        monkeypatch.setattr(hb, "_cwalk", None)
        pure_doc = c.clean(html, kind="html").to_dict(markdown=True)
        monkeypatch.undo()
        assert compiled_doc == pure_doc, path.name
