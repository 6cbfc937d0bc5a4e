"""``Document.markdown`` (issue 13): structure from the markup, words from the body.

Every check reads the Markdown through a real CommonMark + GFM parser (``mdtext``), so
"renders as a heading / list / table" and "shows exactly the article's words" are judged
the way a reader's renderer would judge them.
"""

from __future__ import annotations

import time
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mdtext import markdown_words, shown, words
from strategies import article_text, html_pages, structured_pages

from cleaner import Cleaner, Document, clean
from cleaner._markdown import escape_lines, safe_url

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

pytestmark = pytest.mark.timeout(300)


def md(html: str, **options: bool) -> str:
    return clean(html, kind="html", **options).markdown


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


PROSE = (
    "The council approved the new budget on Tuesday evening after a long debate, and the "
    "mayor said the money would go to schools, roads and the public library next year."
)


def _clean(source: str, **kw: object) -> Document:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return clean(source, **kw)  # type: ignore[arg-type]


def _expected_words(doc: Document) -> list[str]:
    return words(f"{doc.title or ''}\n{doc.body}")


def _chars(text: str) -> str:
    """Visible characters, without table bars (the body joins cells with " | ") and the
    colon that introduces a definition (``: text``, under its term)."""
    return "".join(text.split()).replace("|", "").replace(":", "")


def _same_text(doc: Document, markdown_text: str) -> None:
    assert _chars(markdown_text) == _chars(f"{doc.title or ''}{doc.body}"), doc.markdown


# ------------------------------------------------------------------- properties

_TRICKY = [
    "# not a heading", "- not an item", "1. not a list", "2019) a year", "*not emphasis*", "_nor this_",
    "snake_case and __dunder__", "[not](a link)", "![not](an image)", "`not code`", "<b>not html</b>",
    "&amp; stays &amp;", "> not a quote", "---", "===", "+ plus", "a | b | c", "~~not struck~~",
    "back\\slash \\*", "    indented", "1\\. escaped", "***", "<https://example.org>",
]


@SETTINGS
@given(html_pages(), st.booleans(), st.booleans(), st.booleans())
def test_html_markdown_shows_exactly_the_title_and_body(source: str, links: bool, images: bool, emphasis: bool) -> None:
    doc = _clean(source, kind="html", links=links, images=images, emphasis=emphasis, url="https://example.org/news/")
    s = shown(doc.markdown)
    assert words(s.text) == _expected_words(doc)
    _same_text(doc, s.text)
    assert not s.links or links
    assert not s.images or images
    for url in s.links + [src for _, src in s.images]:
        assert url.startswith(("https://", "http://", "ftp://", "mailto:")), url


@SETTINGS
@given(article_text)
def test_text_markdown_shows_exactly_the_title_and_body(source: str) -> None:
    doc = _clean(source, kind="text")
    assert markdown_words(doc.markdown, numbers=True) == _expected_words(doc)


@SETTINGS
@given(st.one_of(article_text, html_pages()), st.booleans())
def test_markdown_is_deterministic(source: str, links: bool) -> None:
    first = _clean(source, links=links).markdown
    assert _clean(source, links=links).markdown == first


@SETTINGS
@given(article_text)
def test_cleaning_the_rendered_markdown_again_keeps_it(source: str) -> None:
    """The text a Markdown renderer shows, cleaned again, keeps every body word."""
    doc = _clean(source, kind="text", markdown_title=False)
    again = _clean(shown(doc.markdown, numbers=True).text, kind="text")
    assert words(f"{again.title or ''}\n{again.body}") == words(doc.body)


@SETTINGS
@given(st.lists(st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=30) | st.sampled_from(_TRICKY), min_size=1, max_size=4))
def test_escaped_text_renders_as_itself(texts: list[str]) -> None:
    """Body text never holds control characters (they are dropped when blocks are made)."""
    for text in texts:
        line = " ".join(text.split())
        if line:
            assert " ".join(shown("\n".join(escape_lines(line))).text.split()) == line


@SETTINGS
@given(structured_pages(), st.booleans(), st.booleans(), st.booleans())
def test_structured_markdown_shows_exactly_the_title_and_body(source: str, links: bool, images: bool, emphasis: bool) -> None:
    doc = _clean(source, kind="html", links=links, images=images, emphasis=emphasis, url="https://example.org/news/")
    s = shown(doc.markdown)
    assert words(s.text) == _expected_words(doc), doc.markdown
    _same_text(doc, s.text)
    for url in s.links + [src for _, src in s.images]:
        assert url.startswith(("https://", "http://", "mailto:")), url
