"""Main-content selection (``cleaner._main_content``) on small hand-written pages: one
test per mechanism that used to lose the article or keep boilerplate."""

from __future__ import annotations

from cleaner import clean
from cleaner._html_blocks import html_blocks
from cleaner._main_content import RELEASE_CHARS

#: sentences long enough to weigh as prose, distinct so that each can be looked for
SENTENCES = [
    f"Sentence number {i} of the article tells the reader something new about the harbour, "
    f"the ferries and the council that has argued about them for more than {i + 2} years."
    for i in range(30)
]


def paras(first: int, n: int) -> str:
    return "".join(f"<p>{s}</p>" for s in SENTENCES[first : first + n])


def body(html: str) -> str:
    return clean(html, kind="html").body


def sidebar(n: int = 6) -> str:
    """A link list that must never be the article."""
    items = "".join(f'<li><a href="/s/{i}">Another story number {i} you may like</a></li>' for i in range(n))
    return f'<div class="widget"><h3>Popular</h3><ul>{items}</ul></div>'


def test_sectioned_article_is_taken_whole() -> None:
    # each section: its heading and two paragraphs, in wrappers two levels below the
    # article; growth one level at a time stopped at one section
    sections = "".join(
        f'<section class="s"><div class="s-head"><h2>Part {k}</h2></div>'
        f'<div class="s-body"><div class="text">{paras(3 * k, 3)}</div></div></section>'
        for k in range(4)
    )
    html = f"<html><body><main><article><h1>Harbour ferries</h1>{sections}</article></main>{sidebar()}</body></html>"
    out = body(html)
    for k in range(12):
        assert SENTENCES[k] in out
    for k in range(4):
        assert f"Part {k}" in out
    assert "Another story number" not in out


def test_lead_in_the_article_header_is_kept_but_not_its_byline() -> None:
    html = (
        "<html><body><article><header><h1>Harbour ferries</h1>"
        f'<div class="intro"><p>{SENTENCES[20]}</p></div><p>Von Anna Weber</p></header>'
        f'<div class="body">{paras(0, 5)}</div></article>{sidebar()}</body></html>'
    )
    out = body(html)
    assert SENTENCES[20] in out
    assert all(SENTENCES[k] in out for k in range(5))
    assert "Von Anna Weber" not in out


def test_unclosed_nav_around_the_article_does_not_empty_the_body() -> None:
    # the parser's recovery puts everything after an unclosed <nav> inside it
    html = (
        '<html><body><nav class="navbar"><div><a href="/">Home</a> <a href="/news">News</a>'
        f"<main><article><h1>Harbour ferries</h1>{paras(0, 6)}</article></main></body></html>"
    )
    out = body(html)
    assert all(SENTENCES[k] in out for k in range(6))


def test_nav_around_the_article_stays_navigation_when_there_is_an_article_elsewhere() -> None:
    html = (
        f'<html><body><nav><ul><li>{SENTENCES[25]}</li></ul>{paras(20, 3)}</nav>'
        f"<article><h1>Harbour ferries</h1>{paras(0, 6)}</article></body></html>"
    )
    out = body(html)
    assert all(SENTENCES[k] in out for k in range(6))
    assert SENTENCES[20] not in out


def test_forum_posts_named_comment_are_the_content_when_nothing_else_is() -> None:
    posts = "".join(f'<div class="comment-text">{paras(2 * k, 2)}</div>' for k in range(4))
    html = f"<html><body><h1>Which ferry to take?</h1><div class='thread'>{posts}</div></body></html>"
    out = body(html)
    assert all(SENTENCES[k] in out for k in range(8))


def test_comment_section_after_an_article_is_still_dropped() -> None:
    html = (
        f"<html><body><article><h1>Harbour ferries</h1>{paras(0, 5)}</article>"
        f'<section class="comments">{paras(10, 8)}</section></body></html>'
    )
    out = body(html)
    assert SENTENCES[0] in out
    assert SENTENCES[10] not in out


def test_comment_words_on_body_or_article_do_not_drop_the_page() -> None:
    html = (
        '<html><body class="single-post showing-comments">'
        f'<article class="post comments-open">{paras(0, 6)}</article></body></html>'
    )
    page = html_blocks(html)
    assert all(b.preset is None or b.preset[1] != "html.comments" for b in page.blocks)
    assert all(SENTENCES[k] in body(html) for k in range(6))


def test_generated_camel_case_class_names_are_not_words() -> None:
    # "tagStyle_x1a" is not a "tag" list, "shareable" text is not a share bar
    html = (
        '<html><body><div class="Layout_main"><div class="tagStyle_x1a">'
        f'{paras(0, 2)}</div><div class="bodyText_q2">{paras(2, 4)}</div></div>{sidebar()}</body></html>'
    )
    out = body(html)
    assert all(SENTENCES[k] in out for k in range(6))


def test_taxonomy_and_state_class_names_do_not_mark_the_post() -> None:
    html = (
        '<html><body><div class="content"><article class="post type-post format-gallery '
        'tag-ads tag-share category-related">'
        f"<h1>Harbour ferries</h1><div class='entry'>{paras(0, 2)}</div>"
        f"<div class='more-text'>{paras(2, 4)}</div></article></div>{sidebar()}</body></html>"
    )
    out = body(html)
    assert all(SENTENCES[k] in out for k in range(6))


def test_content_only_in_noscript_is_found() -> None:
    html = (
        "<html><body><div id='app'></div>"
        f"<noscript><article><h1>Harbour ferries</h1>{paras(0, 6)}</article></noscript></body></html>"
    )
    assert sum(len(s) for s in SENTENCES[:6]) >= RELEASE_CHARS
    out = body(html)
    assert all(SENTENCES[k] in out for k in range(6))


def test_noscript_fallback_beside_an_article_is_dropped_and_reported() -> None:
    html = (
        f"<html><body><article><h1>Harbour ferries</h1>{paras(0, 6)}</article>"
        "<noscript><p>Please enable JavaScript to view the comments.</p></noscript></body></html>"
    )
    doc = clean(html, kind="html")
    assert "enable JavaScript" not in doc.body
    # reported: by a rule when one knows the phrase, else by the structural id
    assert any("enable JavaScript" in r.text and r.rule for r in doc.removed)
    assert any(b.preset == ("boilerplate", "html.noscript") for b in html_blocks(html).blocks)


def test_headline_prior_prefers_the_text_under_the_headline() -> None:
    # a long teaser box before the headline outweighs the short article on its own
    teaser = "".join(f'<div class="box"><p>{s}</p></div>' for s in SENTENCES[10:18])
    html = (
        "<html><head><title>Harbour ferries delayed | The Paper</title></head><body>"
        f'<div class="slider">{teaser}</div>'
        f"<div class='page'><h1>Harbour ferries delayed</h1><div class='text'>{paras(0, 4)}</div></div>"
        "</body></html>"
    )
    out = body(html)
    assert all(SENTENCES[k] in out for k in range(4))
    assert SENTENCES[10] not in out


def test_ingredient_list_beside_the_steps_is_kept() -> None:
    ingredients = "".join(f"<li>{n} g flour</li>" for n in (100, 200, 300, 400))
    html = (
        "<html><body><div class='recipe'><h1>Bread</h1>"
        f"<div class='ingredients'><h2>Ingredients</h2><ul>{ingredients}</ul></div>"
        f"<div class='steps'><h2>Steps</h2>{paras(0, 5)}</div></div>{sidebar()}</body></html>"
    )
    out = body(html)
    assert "200 g flour" in out
    assert SENTENCES[0] in out


def test_slideshow_captions_that_tell_the_story_are_kept_but_not_short_credits() -> None:
    # a photo story: each slide's text is its caption, one or two sentences long
    slides = "".join(
        f'<figure><img src="/{k}.jpg"><figcaption>Slide {k} shows the new ferry at the pier, '
        f"with the council's plans for the harbour and its old quay.</figcaption></figure>"
        for k in range(4)
    )
    credit = '<figure><img src="/x.jpg"><figcaption>Photo: Anna Weber</figcaption></figure>'
    html = f"<html><body><article><h1>Harbour ferries</h1>{paras(0, 3)}{slides}{credit}</article>{sidebar()}</body></html>"
    out = body(html)
    assert all(f"Slide {k} shows the new ferry" in out for k in range(4))
    assert "Photo: Anna Weber" not in out


def test_prose_sibling_sections_are_merged_but_not_a_footer_beside_them() -> None:
    # the article's paragraphs are split over sibling sections; their parent also holds
    # a long link list, so growing to the parent would take in boilerplate
    links = "".join(f'<li><a href="/t/{i}">Topic page number {i} of the site</a></li>' for i in range(40))
    html = (
        '<html><body><div class="col"><h1>Harbour ferries</h1>'
        f'<section class="part first">{paras(0, 6)}</section><div class="ad">Anzeige</div>'
        f'<section class="part second">{paras(6, 2)}</section>'
        f'<div class="footer-container">{paras(10, 2)}</div>'
        f"<ul>{links}</ul></div></body></html>"
    )
    out = body(html)
    assert all(SENTENCES[k] in out for k in range(8))
    assert SENTENCES[10] not in out
    assert "Topic page number" not in out


def test_filed_as_class_names_second_in_a_name_do_not_mark_the_post() -> None:
    # "post-format-gallery" says how the post is shown, not that it is a photo gallery:
    # a post made only of short lines (no prose core) kept its lines only if it is not
    # taken for a gallery inside the page
    lines = "".join(f"<h3>Step {k}</h3><p>Camera {k}: model X-{k}.</p>" for k in range(5))
    html = (
        "<html><head><title>Film swap, April</title></head><body>"
        '<article class="post post-format-gallery"><h1>Film swap, April</h1>'
        f'<div class="entry-content">{lines}</div></article>{sidebar(30)}</body></html>'
    )
    out = body(html)
    assert all(f"Camera {k}: model X-{k}." in out for k in range(5))
    # while a real gallery inside an article is still not body
    html = (
        f"<html><body><article><h1>Harbour ferries</h1>{paras(0, 5)}"
        '<div class="photo-gallery"><p>Foto: Anna Weber</p></div></article></body></html>'
    )
    assert "Foto: Anna Weber" not in body(html)


def test_headline_prior_reaches_the_paragraph_right_under_a_wrapped_headline() -> None:
    # the headline sits in a page header; the text right after it is deep inside a
    # wrapper, and a longer cookie dialog at the end of the page must not win
    dialog = (
        '<div class="cookie-modal"><div class="modal-right"><div class="tab"><div class="tab-main">'
        f'<div class="tab-text">{paras(10, 3)}</div></div></div></div></div>'
    )
    html = (
        "<html><head><title>Harbour ferries delayed</title></head><body>"
        "<header><div class='row'><h1>Harbour ferries delayed</h1></div></header>"
        f"<div class='main'><div class='wrap'><article class='entry'>{paras(0, 2)}</article></div></div>"
        f"{sidebar(12)}{dialog}</body></html>"
    )
    out = body(html)
    assert SENTENCES[0] in out and SENTENCES[1] in out
    assert SENTENCES[10] not in out


def test_growth_adds_no_part_named_as_author_box_related_or_cta() -> None:
    # growth takes the article's wrapper, which also holds an author box, a call to
    # action and related posts written as prose: they are not added, however prose-like
    bio = f"<p>{SENTENCES[20]}</p><p>{SENTENCES[21]}</p><p>{SENTENCES[22]}</p>"
    html = (
        "<html><head><title>Harbour ferries</title></head><body><div class='page'>"
        f"<h1>Harbour ferries</h1><div class='a'>{paras(0, 9)}</div>"
        f"<div class='author-card'>{bio}</div><div class='cta-global'><p>{SENTENCES[23]}</p></div>"
        f"<div class='related'><ul class='related-posts'><li><p>{SENTENCES[24]}</p></li>"
        f"<li><p>{SENTENCES[25]}</p></li></ul></div></div>{sidebar(20)}</body></html>"
    )
    out = body(html)
    assert all(SENTENCES[k] in out for k in range(9))
    assert not any(SENTENCES[k] in out for k in range(20, 26))


def test_a_post_filed_under_an_author_is_not_an_author_box() -> None:
    # "author-jules" beside "category-living tag-berlin" says how the post is filed
    html = (
        "<html><head><title>Harbour ferries</title></head><body><div class='page'>"
        f"<h1>Harbour ferries</h1><div class='a'>{paras(0, 5)}</div>"
        f"<div class='hentry category-living tag-berlin author-jules'>{paras(5, 4)}</div>"
        f"</div>{sidebar(20)}</body></html>"
    )
    out = body(html)
    assert all(SENTENCES[k] in out for k in range(9))


def test_a_page_without_prose_is_read_around_its_headline() -> None:
    # a product sheet: label and value lines in tabs under the headline, and the only
    # prose a short note at the foot of the block; the note alone is not the article
    rows = "".join(
        f"<div class='row'><div class='label'>Feld {k}</div><div class='value'><p>Wert {k} laut Hersteller</p></div></div>"
        for k in range(8)
    )
    note = "Diese Angaben stammen vom Hersteller und wurden zuletzt im Herbst geprüft, ohne Gewähr."
    html = (
        "<html><head><title>Tabletten D4 | Liste</title></head><body>"
        f"<nav>{sidebar(20)}</nav><div class='content'><div class='top'><h1>Tabletten D4</h1></div>"
        f"<ul class='tabs'><li>Präparat</li><li>Preise</li></ul><div class='tab-content'>{rows}</div>"
        f"<div class='source'><div class='inner'><p>{note}</p></div></div></div>"
        f"{sidebar(20)}</body></html>"
    )
    out = body(html)
    assert note in out
    assert all(f"Wert {k} laut Hersteller" in out for k in range(8))
    assert "Another story number" not in out


def test_an_h1_that_growth_adds_is_not_kept_but_its_prose_is() -> None:
    # a second h1 beside the article heads a promotion, not a section of the article
    html = (
        "<html><head><title>Harbour ferries</title></head><body><div class='page'>"
        f"<h1>Harbour ferries</h1><div class='a'>{paras(0, 9)}</div>"
        f"<div class='b'><h1>Support our harbour newsroom today</h1><p>{SENTENCES[20]}</p></div>"
        f"<div class='c'><h2>What the council says now</h2><p>{SENTENCES[21]}</p></div>"
        f"</div>{sidebar(20)}</body></html>"
    )
    out = body(html)
    assert all(SENTENCES[k] in out for k in (0, 8, 20, 21))
    assert "What the council says now" in out
    assert "Support our harbour newsroom" not in out


def test_a_logo_heading_that_repeats_the_site_name_is_not_the_headline() -> None:
    # "Headline | Site": the h1 of the logo repeats the site name; a ticker of teasers
    # with summaries sits between it and the article, whose headline is an h2
    ticker = "".join(
        f'<li><a href="/n/{k}">Ticker story {k} headline</a> {SENTENCES[10 + k]}</li>' for k in range(8)
    )
    html = (
        "<html><head><title>Harbour ferries delayed again | Harbour Post</title></head><body>"
        "<div class='header'><h1>Harbour Post</h1></div>"
        f"<div class='main'><div class='breaking'><ul>{ticker}</ul></div>"
        f"<div class='story'><h2>Harbour ferries delayed again</h2><div class='text'>{paras(0, 6)}</div></div>"
        f"</div>{sidebar(10)}</body></html>"
    )
    out = body(html)
    assert all(SENTENCES[k] in out for k in range(6))
    assert SENTENCES[10] not in out


def test_an_endless_page_is_read_as_its_first_article_not_a_longer_later_one() -> None:
    # the page the title names comes first; the site appends the next articles below it,
    # each with its own h1, the last one much longer than the first
    def story(k: int, first: int, n: int) -> str:
        return (
            f"<div class='scroll'><article><header><h1>Story {k} of the day</h1></header>"
            f"<div class='text'>{paras(first, n)}</div></article></div>"
        )

    html = (
        "<html><head><title>Story 0 of the day | The Paper</title></head><body><main>"
        f"{story(0, 0, 3)}{story(1, 5, 4)}{story(2, 10, 12)}</main>{sidebar()}</body></html>"
    )
    out = body(html)
    assert all(SENTENCES[k] in out for k in range(3))
    assert SENTENCES[5] not in out and SENTENCES[10] not in out
    assert "Story 2 of the day" not in out


def test_steps_wrapped_deep_are_one_text_not_outweighed_by_one_long_paragraph() -> None:
    # each step of the recipe sits three levels below the list; one long paragraph of
    # search-engine text at the foot of the page is longer than any step, not than all
    steps = "".join(
        f"<div class='step'><h3>Step {k}</h3><div class='info'><p>{SENTENCES[k]}</p></div></div>" for k in range(5)
    )
    seo = " ".join(SENTENCES[20:23])
    html = (
        "<html><head><title>Pumpkin pierogi | Recipes</title></head><body>"
        f"<div class='recipe'><h1>Pumpkin pierogi</h1><div class='steps-wrapper'><div class='steps'>{steps}</div></div></div>"
        f"<div class='bottom'>{sidebar(20)}<div class='seo'><div><p>{seo}</p></div></div></div></body></html>"
    )
    out = body(html)
    assert all(SENTENCES[k] in out for k in range(5))
    assert SENTENCES[20] not in out


def test_a_picture_legend_inside_the_article_is_not_body() -> None:
    # the legend under a picture is a caption written as a div, a sentence long
    legend = "Der Aktionsplan umfasst auch die lichten Wälder am Hang, die eine besondere Pflege brauchen."
    html = (
        "<html><body><article><h1>Harbour ferries</h1>"
        f"{paras(0, 3)}<div class='image'><img src='/a.jpg'><div class='legend'><div class='content'>{legend}</div></div></div>"
        f"{paras(3, 3)}</article>{sidebar()}</body></html>"
    )
    out = body(html)
    assert all(SENTENCES[k] in out for k in range(6))
    assert legend not in out


def test_class_word_sets_hold_only_words_a_class_name_yields() -> None:
    """The word sets are composed from groups (``_COMMENTS | _SHARE | ...``): a group word
    with a capital, a separator or a typo could never meet ``Nodes.words`` and would be
    dead weight. They stay frozensets, so each lookup costs what it did."""
    from cleaner import _main_content as mc
    from cleaner._html_blocks import _words

    sets = [mc._POSITIVE_WORDS, mc._NEGATIVE_WORDS, mc._INNER_BAD_WORDS, mc._ADDED_BAD_WORDS, mc._REGION_WORDS]
    for words in sets:
        assert type(words) is frozenset
        assert [w for w in words if w not in _words(w)] == []
