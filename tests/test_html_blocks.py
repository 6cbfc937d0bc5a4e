"""Tests of the HTML block maker (``cleaner._html_blocks``) on small hand-written pages."""

from __future__ import annotations

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner._html_blocks import HtmlPage, _fold, html_blocks
from cleaner._model import CATEGORIES, Block

PARA = (
    "The council voted on Tuesday to extend the tram line to the harbour, a project "
    "that has been debated for more than a decade and will cost about 40 million."
)


def article_page(extra_body: str = "", outside: str = "", n: int = 5) -> str:
    """A small news page: nav, an article of ``n`` paragraphs, an aside and a footer."""
    paras = "".join(f"<p>{PARA} Paragraph {i}.</p>" for i in range(n))
    return f"""<!doctype html><html><head><title>Tram line</title>
    <script>var x = "script text";</script><style>p {{color: red}}</style></head>
    <body>
      <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
      {outside}
      <main><article>
        <h1>Council extends the tram line</h1>
        <div class="article-body">{paras}{extra_body}</div>
      </article></main>
      <aside><h2>Most read</h2><ul><li><a href="/a">Another story about trams</a></li></ul></aside>
      <footer><p>Copyright 2024 The Paper. All rights reserved.</p></footer>
    </body></html>"""


def body_of(page: HtmlPage) -> list[str]:
    return [
        b.text for b in page.blocks if b.preset is None and (b.dom_score or 0.0) >= 0.5
    ]


def find(page: HtmlPage, fragment: str) -> Block:
    return next(b for b in page.blocks if fragment in b.text)


def test_article_body_kept_and_structure_preset() -> None:
    page = html_blocks(article_page())
    body = body_of(page)
    assert len(body) == 5 and all(t.startswith("The council voted") for t in body)
    assert find(page, "Home").preset == ("navigation", "html.nav")
    assert find(page, "Another story").preset == ("related", "html.aside")
    assert find(page, "Copyright").preset == ("boilerplate", "html.footer")
    assert page.title_text == "Council extends the tram line"
    title = find(page, "Council extends")
    assert title.kind == "h1" and title.preset == ("title", "html.title")
    for b in page.blocks:
        assert b.preset is None or b.preset[0] in CATEGORIES
        assert b.dom_score is not None and 0.0 <= b.dom_score <= 1.0


def test_blocks_in_document_order_with_groups() -> None:
    page = html_blocks(article_page())
    texts = [b.text for b in page.blocks]
    assert texts.index("Home") < texts.index("Council extends the tram line")
    assert texts.index("Council extends the tram line") < texts.index("Most read")
    paras = [b for b in page.blocks if b.text.startswith("The council voted")]
    assert len({b.group for b in paras}) == 1  # same container, same group
    groups = [b.group for b in page.blocks]
    first_seen = list(dict.fromkeys(groups))
    assert first_seen == sorted(first_seen)  # group ids increase along the document


def test_tree_is_returned_for_reuse() -> None:
    page = html_blocks(article_page())
    assert page.tree is not None
    assert page.tree.findtext(".//title") == "Tram line"


def test_script_style_produce_no_block_and_hidden_text_is_a_dropped_block() -> None:
    hidden = (
        '<p hidden>hidden attribute text</p>'
        '<p aria-hidden="true">aria hidden text</p>'
        '<p style="color: red; display: none">display none text</p>'
        '<div style="visibility:hidden">visibility hidden text<script>var y = "inner script";</script></div>'
        "<template>template text</template>"
        "<svg><text>svg text</text></svg><iframe>iframe text</iframe>"
        "<p>visible <span hidden>secret</span>tail</p>"
        "<dialog>dialog text</dialog><select><option>option text</option></select>"
    )
    page = html_blocks(article_page(extra_body=hidden))
    all_text = " ".join(b.text for b in page.blocks)
    for gone in ("template text", "iframe text", "script text", "inner script",
                 "color: red", "Tram line"):
        assert gone not in all_text
    assert "visible tail" in all_text  # the tail after a hidden element stays
    body = " ".join(body_of(page))
    by_text = {b.text: b for b in page.blocks}
    for text, rule in (("hidden attribute text", "html.hidden"), ("aria hidden text", "html.hidden"),
                       ("display none text", "html.hidden"), ("visibility hidden text", "html.hidden"),
                       ("secret", "html.hidden"), ("dialog text", "html.dialog"),
                       ("option text", "html.control"), ("svg text", "html.graphic")):
        assert by_text[text].preset == ("boilerplate", rule)  # reported, never in the body
        assert text not in body
        assert page.elements[by_text[text].node] is not None


def test_br_breaks_lines_and_two_brs_end_the_block_but_not_in_pre() -> None:
    html = (
        "<html><body><div class='content'>First line of the address<br>Second line"
        "<br/> <br/>Third line</div><pre>code line 1\n  code line 2<br>code line 3</pre>"
        "</body></html>"
    )
    page = html_blocks(html)
    texts = [b.text for b in page.blocks]
    assert texts[:2] == ["First line of the address\nSecond line", "Third line"]
    assert len({b.group for b in page.blocks[:2]}) == 1
    pre = next(b for b in page.blocks if b.kind == "pre")
    assert pre.text == "code line 1\n  code line 2\ncode line 3"


def test_whitespace_normalised_and_inline_joined() -> None:
    page = html_blocks("<p>  Hello,\n\t <b>big</b>\u00a0 <i>wide</i>   world </p>")
    assert [b.text for b in page.blocks] == ["Hello, big wide world"]


def test_link_density() -> None:
    page = html_blocks(
        "<div><p>Read <a href='/x'>this story</a></p>"
        "<p><a href='/a'>all link</a></p><p>no link at all</p></div>"
    )
    by_text = {b.text: b for b in page.blocks}
    # "Read this story": 13 visible non-space characters, 9 of them in the link
    assert by_text["Read this story"].link_density == pytest.approx(9 / 13, abs=0.01)
    assert by_text["all link"].link_density == 1.0
    assert by_text["no link at all"].link_density == 0.0


def test_kinds() -> None:
    html = (
        "<body><h2>Sub</h2><ul><li>item</li></ul><blockquote><p>quoted</p></blockquote>"
        "<table><tr><th>head</th><td>cell</td></tr></table>"
        "<figure><figcaption>a caption</figcaption></figure><dl><dt>term</dt><dd>def</dd></dl>"
        "<pre>x = 1</pre></body>"
    )
    kinds = {b.text: b.kind for b in html_blocks(html).blocks}
    assert kinds == {
        "Sub": "h2", "item": "li", "quoted": "quote", "head | cell": "td",
        "a caption": "caption", "term": "li", "def": "li", "x = 1": "pre",
    }


def test_hints_are_lowercase_class_and_id_of_ancestors() -> None:
    page = html_blocks(
        "<div id='Main'><section class='Story-Body wide'><p class='Lead'>text</p></section></div>"
    )
    hints = page.blocks[0].hints.split()
    assert hints[:4] == ["lead", "story-body", "wide", "main"]


def test_forms_are_boilerplate_not_dropped() -> None:
    form = (
        "<form action='/subscribe'><label>Your email address</label>"
        "<input type='email' value='typed value'><button>Subscribe</button></form>"
    )
    page = html_blocks(article_page(outside=form))
    label = find(page, "Your email address")
    assert label.preset == ("boilerplate", "html.form")
    assert "typed value" not in " ".join(b.text for b in page.blocks)


def test_whole_page_form_does_not_mark_the_article() -> None:
    # ASP.NET pages wrap everything in one <form>: that form is not boilerplate
    page = html_blocks(f"<html><body><form id='aspnetForm'>{article_page()}</form></body></html>")
    assert len(body_of(page)) == 5


def test_comments_section_preset() -> None:
    comments = "<section id='comments'>" + "".join(
        f"<div class='comment'><p>{PARA} Comment {i}.</p></div>" for i in range(3)
    ) + "</section>"
    page = html_blocks(article_page() .replace("</main>", comments + "</main>"))
    c = find(page, "Comment 1.")
    assert c.preset == ("comments", "html.comments")


def test_outside_container_preset_and_share_bar_inside() -> None:
    share = "<div class='share-bar'><a href='#'>Facebook</a> <a href='#'>Twitter</a></div>"
    promo = "<div class='promo-box'><p>Listen to our daily podcast.</p></div>"
    page = html_blocks(article_page(extra_body=share, outside=promo))
    assert find(page, "Facebook").dom_score < 0.5
    assert find(page, "daily podcast").preset == ("boilerplate", "html.outside-main")


def test_hint_word_alone_does_not_delete_body_text() -> None:
    # a "widget"/"banner"/"hidden" word in a wrapper around the body must not drop it
    html = article_page().replace(
        "class=\"article-body\"", "class=\"article-body widget field-label-hidden banner\""
    )
    assert len(body_of(html_blocks(html))) == 5


def test_windows_1251_bytes_with_meta_charset() -> None:
    text = "Городской совет проголосовал за продление трамвайной линии до гавани."
    html = (
        "<html><head><meta charset='windows-1251'></head><body><p>"
        + text + "</p></body></html>"
    ).encode("windows-1251")
    page = html_blocks(html)
    assert [b.text for b in page.blocks] == [text]


def test_utf8_bytes_without_declaration_and_bom() -> None:
    text = "Café über naïve façade"
    assert html_blocks(f"<p>{text}</p>".encode()).blocks[0].text == text
    assert html_blocks(b"\xef\xbb\xbf" + f"<p>{text}</p>".encode()).blocks[0].text == text


def test_str_with_encoding_declaration() -> None:
    page = html_blocks('<?xml version="1.0" encoding="utf-8"?><html><body><p>ok</p></body></html>')
    assert [b.text for b in page.blocks] == ["ok"]


def test_beautifulsoup_input() -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(article_page(), "html.parser")
    assert body_of(html_blocks(soup)) == body_of(html_blocks(article_page()))


def test_lxml_element_input_is_not_modified() -> None:
    import lxml.html

    root = lxml.html.document_fromstring(article_page())
    before = lxml.html.tostring(root)
    page = html_blocks(root)
    assert len(body_of(page)) == 5
    assert lxml.html.tostring(root) == before
    assert page.tree is root


@pytest.mark.parametrize(
    "source",
    ["", "   ", b"", b"\x00\x00\x00", b"\xff\xfe\xfa\x00garbage\x81", "<<<>>>", "<html></html>",
     "<!-- only a comment -->", None, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"],
)
def test_empty_or_garbage_input_gives_no_blocks(source: object) -> None:
    page = html_blocks(source)
    assert isinstance(page, HtmlPage)
    assert all(isinstance(b, Block) for b in page.blocks)
    assert all(b.text.strip() for b in page.blocks)


def test_plain_text_input_is_one_block() -> None:
    page = html_blocks("just some words")
    assert [b.text for b in page.blocks] == ["just some words"]


def test_deeply_nested_document_does_not_recurse() -> None:
    html = "<div>" * 1500 + "<p>deep text</p>" + "</div>" * 1500
    assert [b.text for b in html_blocks(html).blocks] == ["deep text"]
    # beyond libxml2's depth limit (2048) the text is lost, but nothing raises
    html = "<div>" * 5000 + "<p>deeper text</p>" + "</div>" * 5000
    assert isinstance(html_blocks(html), HtmlPage)


def test_deeply_nested_lxml_tree() -> None:
    from lxml import etree

    root = etree.Element("html")
    node = etree.SubElement(root, "body")
    for _ in range(20000):
        node = etree.SubElement(node, "div")
    node.text = "bottom"
    page = html_blocks(root)
    assert [b.text for b in page.blocks] == ["bottom"]
    assert page.blocks[0].hints == ""


def test_json_ld_body_guides_the_container() -> None:
    import json

    body = " ".join(f"{PARA} Paragraph {i}." for i in range(3))
    ld = json.dumps({"@type": "NewsArticle", "articleBody": body})
    teasers = "".join(f"<div class='teaser'><p>{PARA} Teaser {i}.</p></div>" for i in range(6))
    html = (
        f"<html><head><script type='application/ld+json'>{ld}</script></head><body>"
        f"<div class='x'>" + "".join(f"<p>{PARA} Paragraph {i}.</p>" for i in range(3))
        + f"</div><div class='y'>{teasers}</div></body></html>"
    )
    body_texts = body_of(html_blocks(html))
    assert body_texts == [f"{PARA} Paragraph {i}." for i in range(3)]


def test_table_layout_page_keeps_only_the_text_cell() -> None:
    nav = "".join(f"<a href='/s{i}'>Section {i}</a><br>" for i in range(8))
    ads = "<b>Sponsored</b><br><a href='/ad'>Buy cheap widgets today</a>"
    text = "<br><br>".join(f"{PARA} Part {i}." for i in range(4))
    html = (
        "<html><body><table><tr><td class='left'>" + nav + "</td>"
        "<td class='middle'>" + text + "</td><td class='right'>" + ads + "</td></tr>"
        "</table></body></html>"
    )
    page = html_blocks(html)
    assert body_of(page) == [f"{PARA} Part {i}." for i in range(4)]
    assert all(b.kind == "td" for b in page.blocks)


def test_teaser_cards_inside_the_article_are_not_body() -> None:
    cards = "<div class='x-list'><h2>Elsewhere</h2>" + "".join(
        f"<div class='card'><a href='/s{i}'>Headline number {i}</a>"
        f"<p>A short teaser sentence for story {i}, pointing elsewhere.</p></div>"
        for i in range(4)
    ) + "</div>"
    page = html_blocks(article_page(extra_body=cards))
    assert len(body_of(page)) == 5
    assert find(page, "teaser sentence for story 2").dom_score < 0.5


def test_undecodable_bytes_decode_quietly(caplog: pytest.LogCaptureFixture) -> None:
    data = b"<p>caf\xe9 and \x81\x8d\x8f\x90\x9d bytes no codec maps</p>"
    with caplog.at_level("DEBUG"):
        page = html_blocks(data)
    assert page.blocks and "bytes no codec maps" in page.blocks[0].text
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]


def test_hints_reach_at_most_forty_elements_up() -> None:
    # hints are shared between blocks under one named element; a deep block must still
    # see only the names within its own reach (HINT_STEPS elements, itself included)
    html = (
        "<div class='far'>" + "<div>" * 37 + "<div class='near'>"
        "<p>shallow text</p><div><div><p>deep text</p></div></div></div>" + "</div>" * 38
    )
    page = html_blocks(html)
    assert find(page, "shallow text").hints == "near far"
    assert find(page, "deep text").hints == "near"


def test_hints_keep_six_nearest_names() -> None:
    html = "".join(f"<div class='n{i}'>" for i in range(8)) + "<p>text</p>" + "</div>" * 8
    assert html_blocks(html).blocks[0].hints == "n7 n6 n5 n4 n3 n2"


def test_lines_with_links_between_brs_stay_blocks_of_their_own() -> None:
    # a label and the bare address under it are judged apart (the address is kept as
    # a source, a menu of links is judged as links), plain lines are one block
    html = (
        "<body><p>1) Lego set<br><a href='http://x.example/1'>http://x.example/1</a><br>"
        "Plain line one<br>plain line two<br><a href='/a'>Menu</a> and text<br>last</p></body>"
    )
    blocks = html_blocks(html).blocks
    assert [b.text for b in blocks] == [
        "1) Lego set", "http://x.example/1", "Plain line one\nplain line two", "Menu and text", "last",
    ]
    assert [b.link_density for b in blocks][:3] == [0.0, 1.0, 0.0]


def test_table_rows_of_inline_cells_are_one_block() -> None:
    rows = "".join(
        f"<tr class='row'><td>{i}</td><td><a href='/p{i}'>Player {i}</a></td><td>{i * 7} <b>pts</b></td></tr>"
        for i in range(3)
    )
    html = (
        "<body><table class='standings'><tr><th>Pos</th><th>Name</th><th style='display:none'>secret</th>"
        f"<th>Points</th></tr>{rows}"
        "<tr><td><p>A cell with a paragraph</p></td><td>next cell</td></tr>"
        "<tr><td>after</td><td>the break</td></tr></table></body>"
    )
    blocks = html_blocks(html).blocks
    assert [b.text for b in blocks] == [
        "Pos | Name | Points\n0 | Player 0 | 0 pts\n1 | Player 1 | 7 pts\n2 | Player 2 | 14 pts",
        "A cell with a paragraph",  # block content in a cell: that row is laid out cell by cell
        "next cell",
        "after | the break",
    ]
    assert all(b.kind == "td" for b in blocks[:1] + blocks[2:])
    assert "standings" in blocks[0].hints
    # 24 of the first block's 72 visible non-space characters are link text
    assert 0.2 < blocks[0].link_density < 0.4
    assert len({b.group for b in blocks[:1] + blocks[2:]}) == 1  # the table's group


def test_a_big_table_is_one_block() -> None:
    rows = "".join(f"<tr><td>{i}</td><td>row {i % 97}</td></tr>" for i in range(5000))
    blocks = html_blocks(f"<html><body><table>{rows}</table></body></html>").blocks
    assert len(blocks) == 1
    lines = blocks[0].text.split("\n")
    assert len(lines) == 5000 and lines[0] == "0 | row 0" and lines[-1] == "4999 | row 52"
    assert blocks[0].dom_score is not None and blocks[0].dom_score >= 0.5


def test_a_table_of_short_rows_does_not_outweigh_the_article_around_it() -> None:
    # one block of many short rows weighs what its rows weigh, not what a long paragraph
    # of the same length would: the article is still the element with the prose, and the
    # short lines around the table (date, share links, credit) do not cut it off
    rows = "".join(f"<tr><td>{i}</td><td>Driver number {i}</td><td>{5000 - i}</td></tr>" for i in range(100))
    short = "".join(f"<p>{t}</p>" for t in ("22 Oct 2010", "Share this", "Tweet this", "Photo: A. Person", "Updated 21:00", "Print", "Email"))
    paras = [f"Here you will always find the current standings, updated after race {i}." for i in range(3)]
    html = (
        "<html><body><div class='page'><div class='story'><h1>Standings of the season</h1>" + short
        + "".join(f"<p>{t}</p>" for t in paras)
        + f"<table>{rows}</table></div>"
        "<div class='rail'><p>Short note one</p><p>Short note two</p></div></div></body></html>"
    )
    body = body_of(html_blocks(html))
    assert all(t in body for t in paras)
    assert body[-1].startswith("0 | Driver number 0 | 5000\n1 | Driver number 1 | 4999\n")
    assert "Short note one" not in body


@settings(max_examples=200)
@given(st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\xa0", "\u2003", "\u3000", "\x85", "word", "é", "x"]), max_size=60).map("".join))
def test_long_runs_fold_like_short_ones(raw: str) -> None:
    """Runs of 4096 characters or more are folded in place (a page of 100,000 links would
    otherwise become a list of all its words first); the result must be split-and-join's."""
    long = raw * (4096 // max(len(raw), 1) + 1)
    assert _fold(long) == " ".join(long.split())
    assert _fold(raw) == " ".join(raw.split())


def test_same_attributes_read_per_tag() -> None:
    # the walk analyses each distinct (tag, class, id, role, itemprop) once per page: what
    # an attribute means depends on the tag, so equal attributes on other tags must not
    # share an answer (a heading's id is an anchor; <body> never takes a role's preset)
    html = (
        "<body role='navigation'><div role='navigation'><p>menu entry</p></div>"
        "<h2 id='related'>Section heading text</h2><div id='related'><p>side text</p></div>"
        f"<article><p>{PARA}</p></article></body>"
    )
    page = html_blocks(html)
    assert find(page, "menu entry").preset == ("navigation", "html.nav")
    assert find(page, PARA[:20]).preset is None  # not under <body>'s role
    assert find(page, "Section heading").hints == ""
    assert find(page, "side text").hints == "related"


def test_hints_of_named_chains_with_long_names() -> None:
    # hints follow the chain of named ancestors for each block; a kilobyte of utility
    # classes gives only its start, cut at a name boundary
    soup = " ".join(f"u{i:03d}" for i in range(60))
    html = f"<div id='outer'><div class='{soup}'><span><p>inner text</p></span></div><p>outer text</p></div>"
    page = html_blocks(html)
    inner = find(page, "inner text").hints.split()
    assert inner[-1] == "outer" and inner[0] == "u000" and len(" ".join(inner[:-1])) <= 120
    assert find(page, "outer text").hints == "outer"
