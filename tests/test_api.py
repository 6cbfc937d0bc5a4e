"""The public API: one call, a reusable Cleaner, a frozen Document."""

from __future__ import annotations

import dataclasses
import json
import pickle

import pytest

import cleaner
from cleaner import Cleaner, Document, InputError, clean

PROSE = "The council approved the new budget on Tuesday, after a debate that lasted most of the evening."


def test_public_names_are_few_and_exported():
    assert set(cleaner.__all__) >= {"clean", "Cleaner", "Document", "Removed", "Metadata", "CleanerError", "InputError", "RuleError"}
    for name in cleaner.__all__:
        assert hasattr(cleaner, name)


def test_document_is_frozen_and_serialisable():
    doc = clean("Menu\nHome\nNews\n\n" + PROSE + "\n\n" + PROSE.replace("Tuesday", "Friday"))
    assert isinstance(doc, Document)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.body = "x"  # type: ignore[misc]
    d = doc.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert set(d) >= {"title", "body", "metadata", "removed", "reason"}
    assert set(d["metadata"]) >= {"title", "author", "date", "site_name", "language", "url", "description"}


def test_body_paragraphs_are_separated_by_one_blank_line():
    doc = clean(PROSE + "\n\n" + PROSE.replace("Tuesday", "Friday"))
    assert doc.paragraphs == [PROSE, PROSE.replace("Tuesday", "Friday")]
    assert doc.body == "\n\n".join(doc.paragraphs)


@pytest.mark.parametrize("source", ["", "   \n\n \t", b"", "\x00\x00"])
def test_empty_input_gives_empty_body_with_reason(source):
    doc = clean(source)
    assert doc.body == "" and doc.reason and doc.removed == ()


def test_no_article_gives_reason_not_none():
    doc = clean("Home\nNews\nSport\nWeather\nContact")
    assert doc.body == ""
    assert "no article" in doc.reason
    assert len(doc.removed) == 5


def test_every_input_line_is_in_body_or_removed():
    text = "Home\nNews\n\nBig Headline Here\n\n" + PROSE + "\n\nShare on Facebook\n\n" + PROSE[::-1]
    doc = clean(text)
    lines = [line for line in text.splitlines() if line.strip()]
    assert sorted(doc.paragraphs + [r.text for r in doc.removed]) == sorted(lines)
    assert [r.index for r in doc.removed] == sorted(r.index for r in doc.removed)


def test_bytes_and_str_give_the_same_document():
    text = "Überschrift\n\n" + PROSE + " Straße, café."
    assert clean(text.encode("utf-8")) == clean(text)


def test_cleaner_is_reusable_and_equivalent_to_clean():
    c = Cleaner()
    texts = [PROSE, "Menu\n\n" + PROSE, "Read more\n\n" + PROSE]
    assert [c.clean(t) for t in texts] == [clean(t) for t in texts]


def test_cleaner_pickles_by_recipe():
    c = Cleaner(disable=["ads"])
    c2 = pickle.loads(pickle.dumps(c))
    assert [r.id for r in c2.ruleset] == [r.id for r in c.ruleset]
    assert not any(r.category == "ads" for r in c2.ruleset)


def test_bad_arguments_raise_input_error():
    for value, said in ((42, "an int"), ([1], "a list"), (None, "None"), (object(), "an object"), (1.5, "a float")):
        with pytest.raises(InputError, match=f"^cannot clean {said}; pass str, bytes"):
            clean(value)
    with pytest.raises(InputError, match="kind must be one of"):
        clean("x", kind="pdf")
    assert isinstance(InputError("x"), ValueError)


def test_size_cap_truncates_and_flags():
    doc = clean(PROSE * 100, max_size=500)
    assert doc.truncated
    assert len(doc.body) <= 500


def test_kind_detection():
    assert clean("<html><body><p>" + PROSE + "</p></body></html>").kind == "html"
    assert clean(PROSE + " Compare a < b and <b> tags.").kind == "text"
    assert clean("<p>" + PROSE + "</p>", kind="text").kind == "text"


def test_url_is_recorded():
    assert clean(PROSE, url="https://example.org/a").metadata.url == "https://example.org/a"


HTML_PAGE = (
    "<html lang='en'><head><title>Budget passes - Example Times</title>"
    "<meta property='og:site_name' content='Example Times'></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<article><h1>Budget passes</h1>"
    f"<p>{PROSE}</p><p>{PROSE.replace('Tuesday', 'Friday')}</p>"
    "<p>Share on Facebook</p></article><footer>© 2024 Example Times. All rights reserved.</footer>"
    "</body></html>"
)


def test_html_str_bytes_soup_and_lxml_tree_agree():
    import lxml.html
    from bs4 import BeautifulSoup

    from_str = clean(HTML_PAGE)
    assert from_str.kind == "html"
    assert from_str.paragraphs == [PROSE, PROSE.replace("Tuesday", "Friday")]
    assert from_str.title == "Budget passes"
    assert from_str.metadata.site_name == "Example Times"
    assert from_str.metadata.language == "en"
    assert clean(HTML_PAGE.encode("utf-8")).body == from_str.body
    assert clean(BeautifulSoup(HTML_PAGE, "html.parser")).body == from_str.body
    assert clean(lxml.html.document_fromstring(HTML_PAGE)).body == from_str.body
    cats = {r.text: r.category for r in from_str.removed}
    assert cats["Share on Facebook"] == "share"
    assert "navigation" in {cats.get("Home"), cats.get("Home News")}


def test_to_dict_covers_every_field():
    from cleaner import Metadata, Removed

    doc = clean("Home\n\n" + PROSE)
    assert set(doc.metadata.to_dict()) == {f.name for f in dataclasses.fields(Metadata)} | {"author"}
    assert set(doc.removed[0].to_dict()) == {f.name for f in dataclasses.fields(Removed)}
    # markdown is made on demand: in the dict only when asked for
    assert set(doc.to_dict(markdown=True)) == {f.name for f in dataclasses.fields(Document)}
    assert set(doc.to_dict()) == {f.name for f in dataclasses.fields(Document)} - {"markdown"}


PAGE = (
    "Facebook\nTwitter\nEmail\n\n"
    "Council approves the new budget\n\n"
    + PROSE
    + "\n\n"
    + PROSE.replace("Tuesday", "Friday")
    + "\n\nSubscribe to our newsletter\n"
)


def test_removed_and_metadata_read_as_plain_values():
    """Both are computed on first read (body-only callers skip them); they must still read,
    compare, hash, pickle and print as ordinary values."""
    doc, again = clean(PAGE), clean(PAGE)
    assert type(doc.removed) is tuple and doc.removed is doc.removed
    assert isinstance(doc.metadata, cleaner.Metadata)
    assert doc == again and hash(doc) == hash(again)
    assert pickle.loads(pickle.dumps(clean(PAGE))) == doc
    assert "removed=(Removed(" in repr(clean(PAGE))
    assert dataclasses.asdict(clean(PAGE))["removed"][0]["text"] == "Facebook"
    assert dataclasses.replace(clean(PAGE), title="x").removed == doc.removed


def test_blocks_outside_the_article_are_named_by_the_rules():
    doc = clean(PAGE)
    why = {r.text: (r.category, r.rule) for r in doc.removed}
    assert why["Facebook"] == ("share", "share.networks-only")
    assert why["Subscribe to our newsletter"][0] == "newsletter"
    assert doc.body == PROSE + "\n\n" + PROSE.replace("Tuesday", "Friday")


def test_concurrent_first_reads_agree():
    import threading

    docs = [clean(PAGE) for _ in range(20)]
    results: list[tuple[object, ...]] = []

    def read(doc: Document) -> None:
        results.append(doc.removed)

    for doc in docs:
        threads = [threading.Thread(target=read, args=(doc,)) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert len(results) == 80 and all(r == docs[0].removed for r in results)


def test_source_is_the_path_or_the_option_and_to_json_agrees_with_to_dict(tmp_path):
    import gzip
    from pathlib import Path

    text = "Menu\n\n" + PROSE + "\n\n" + PROSE.replace("Tuesday", "Friday")
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    assert clean(text).source is None
    assert clean(text, source="crawl/42").source == "crawl/42"
    doc = clean(path)
    assert doc.source == str(path) and doc.body == clean(text).body
    assert Cleaner().clean(path, source="other").source == "other"
    assert json.loads(doc.to_json()) == doc.to_dict() and doc.to_dict()["source"] == str(path)
    assert "\n" not in doc.to_json() and "\n" in doc.to_json(indent=2)
    assert clean("Café " + PROSE).to_json().count("Café") == 1  # UTF-8 as it is, not \\u escapes
    packed = tmp_path / "page.bin"
    packed.write_bytes(gzip.compress(text.encode()))
    assert clean(packed).body == clean(text).body
    with pytest.raises(InputError, match="cannot read .*missing.txt"):
        clean(Path(tmp_path / "missing.txt"))


def test_a_path_is_read_only_up_to_the_cap(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("".join(f"Paragraph {i}. {PROSE}\n\n" for i in range(1000)))
    doc = clean(path, max_size=500)
    assert doc.truncated and doc.body and len(doc.body) <= 500


def test_compressed_bytes_are_cleaned_and_capped_after_decompression():
    import bz2
    import gzip
    import lzma

    text = ("Menu\n\n" + PROSE + "\n\n" + PROSE.replace("Tuesday", "Friday")).encode()
    for pack in (gzip.compress, bz2.compress, lzma.compress):
        doc = clean(pack(text))
        assert doc.error is None and doc.body == clean(text).body
    bomb = gzip.compress("".join(f"Paragraph {i}. {PROSE}\n\n" for i in range(100_000)).encode())  # 11 MB
    doc = clean(bomb, max_size=10_000)
    assert doc.truncated and doc.error is None and 0 < len(doc.body) <= 10_000
    broken = clean(gzip.compress(text)[:20])
    assert broken.body == "" and "gzip-compressed data that is corrupt or cut short" in (broken.error or "")
