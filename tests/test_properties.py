"""Properties that hold for every input (issue 5): cleaning never raises, invents nothing,
loses nothing, is deterministic, and is idempotent on its own body."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import any_bytes, any_text, article_text, html_pages

from cleaner import Document, clean
from cleaner._decode import clean_controls, decode
from cleaner._html_blocks import html_blocks
from cleaner._text_blocks import text_blocks

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

pytestmark = pytest.mark.timeout(300)


def _fold(line: str) -> str:
    return " ".join(line.split())


def _accounts(doc: Document, blocks: list[str]) -> None:
    """Body and ``removed`` together are exactly the input blocks, in order."""
    removed = {r.index: r for r in doc.removed}
    assert all(0 <= i < len(blocks) for i in removed)
    for i, r in removed.items():
        assert r.text == blocks[i]
    kept = [b for i, b in enumerate(blocks) if i not in removed]
    assert doc.body == "\n\n".join(kept)


def _clean(source: str | bytes, **kw: object) -> Document:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return clean(source, **kw)  # type: ignore[arg-type]


@SETTINGS
@given(any_text)
def test_any_text_never_raises_and_is_accounted_for(text: str) -> None:
    doc = _clean(text, kind="text")
    assert isinstance(doc, Document)
    blocks = [b.text for b in text_blocks(clean_controls(text))]
    _accounts(doc, blocks)


@SETTINGS
@given(article_text)
def test_every_nonempty_line_is_body_or_removed(text: str) -> None:
    doc = _clean(text, kind="text")
    lines = [_fold(x) for x in clean_controls(text).splitlines() if _fold(x)]
    paragraphs = doc.paragraphs
    removed = [r.text for r in sorted(doc.removed, key=lambda r: r.index)]
    assert sorted(paragraphs + removed) == sorted(lines)
    # body paragraphs are input lines, in input order
    it = iter(lines)
    assert all(any(p == x for x in it) for p in paragraphs)


@SETTINGS
@given(article_text)
def test_text_is_idempotent_on_its_body(text: str) -> None:
    doc = _clean(text, kind="text")
    assert _clean(doc.body, kind="text").body == doc.body


@SETTINGS
@given(any_bytes)
def test_any_bytes_never_raise(data: bytes) -> None:
    for kind in ("auto", "text", "html"):
        doc = _clean(data, kind=kind)
        assert isinstance(doc.body, str)
        doc.to_dict()


@SETTINGS
@given(html_pages())
def test_generated_html_never_raises_and_is_accounted_for(page: str) -> None:
    doc = _clean(page, kind="html")
    src = decode(page, kind="html")
    blocks = [b.text for b in html_blocks(src.html).blocks]
    _accounts(doc, blocks)


@SETTINGS
@given(html_pages())
def test_html_bytes_and_str_agree(page: str) -> None:
    assert _clean(page.encode("utf-8"), kind="html").body == _clean(page, kind="html").body


@SETTINGS
@given(st.one_of(article_text, html_pages()))
def test_deterministic_within_a_process(source: str) -> None:
    first = _clean(source).to_dict()
    assert _clean(source).to_dict() == first
