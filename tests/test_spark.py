"""``cleaner.spark.clean_dataframe`` in local Spark: every row equals ``clean()`` on its page."""

from __future__ import annotations

import gzip
import os
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs a Java runtime (java on PATH or JAVA_HOME)", allow_module_level=True)
pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

from cleaner import clean  # noqa: E402
from cleaner.spark import OUTPUT_COLUMNS, clean_dataframe, document_row, warc_dataframe  # noqa: E402
from pages import text_page as _text_page  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "scrapinghub"

RULE_FILE = """\
category = "share"
description = "A test rule shipped from the driver."

[[rules]]
id = "test.spark-footer"
why = "The test pages end with this line."
languages = ["en"]
pattern = '''^Filed under: '''
examples = ["Filed under: rivers, bridges"]
counter_examples = ["The bridge was filed under a new name."]
"""


def text_page(i: int) -> str:
    return _text_page(i, extra="Filed under: rivers, bridges")


def pages() -> list[tuple[str, str | None, str | None]]:
    """(id, page, url): corpus pages when the corpus is there, generated ones always."""
    rows: list[tuple[str, str | None, str | None]] = []
    texts = sorted((CORPUS / "text").glob("*.txt"))[:20]
    rows += [(p.name, p.read_text(encoding="utf-8"), None) for p in texts]
    htmls = sorted((CORPUS / "html").glob("*.html.gz"))[:3]
    rows += [(p.name, gzip.decompress(p.read_bytes()).decode("utf-8", "replace"), f"https://example.org/{p.name}") for p in htmls]
    rows += [(f"gen-{i}", text_page(i), f"https://example.org/gen/{i}") for i in range(max(8, 32 - len(rows)))]
    rows.append(("null", None, None))
    return rows


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    src = str(Path(__file__).resolve().parents[1] / "src")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))  # for the workers
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("cleaner-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "512m")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "8")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_rows_equal_clean(spark, tmp_path):
    rules = tmp_path / "extra.toml"
    rules.write_text(RULE_FILE, encoding="utf-8")
    rows = pages()
    df = spark.createDataFrame(rows, "id string, html string, url string")

    def expected():
        return {i: document_row(clean(p, rules=[rules], disable=["comments"], url=u)) for i, p, u in rows if p is not None}

    # other work may change the shipped rules while Spark runs: a row may match clean() before or after
    before = expected()
    out = clean_dataframe(df, "html", url_column="url", rules=[rules], disable=["comments"]).collect()
    after = expected()

    names = [name for name, _ in OUTPUT_COLUMNS]
    assert len(out) == len(rows)
    assert list(out[0].asDict()) == ["id", "html", "url", *names]
    by_id = {r["id"]: r for r in out}
    for id_, page, url in rows:
        got = by_id[id_].asDict()
        if page is None:
            assert got["error"] and got["body"] == ""
            continue
        assert {k: got[k] for k in names} in (before[id_], after[id_]), id_
    generated = by_id["gen-7"]
    assert "share" in generated["removed_categories"]  # the shipped rule file was used
    assert "Filed under" not in generated["body"]


def test_binary_column_prefix_and_no_url(spark):
    rows = [(i, text_page(i).encode()) for i in range(6)]
    df = spark.createDataFrame(rows, "n int, page binary")
    out = clean_dataframe(df, "page", prefix="clean_").orderBy("n").collect()
    assert [r["n"] for r in out] == list(range(6))
    for r, (_, page) in zip(out, rows):
        doc = clean(page)
        assert r["clean_body"] == doc.body and r["clean_title"] == doc.title
        assert r["clean_error"] is None


def test_bad_rules_fail_on_the_driver(spark, tmp_path):
    from cleaner import RuleError

    bad = tmp_path / "bad.toml"
    bad.write_text("[[rules]]\nid = 'x'\n", encoding="utf-8")
    df = spark.createDataFrame([("a",)], "html string")
    with pytest.raises(RuleError):
        clean_dataframe(df, rules=[bad])


def test_warc_files_to_cleaned_rows(spark, tmp_path):
    """The cluster recipe of docs/batch.md, in local mode: WARC/WET files -> pages -> cleaned rows."""
    warcio = pytest.importorskip("warcio")
    import io

    from warcio.statusandheaders import StatusAndHeaders

    html = [(f"https://example.org/{i}", f"<html><body><article><h1>Story {i}</h1><p>{text_page(i).split(chr(10) * 2)[3]}</p>"
             "</article></body></html>") for i in range(3)]
    warc = tmp_path / "a.warc.gz"
    with open(warc, "wb") as fh:
        writer = warcio.WARCWriter(fh, gzip=True)
        for uri, page in html:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(page.encode()), http_headers=headers))
    wet = tmp_path / "b.warc.wet.gz"
    with open(wet, "wb") as fh:
        writer = warcio.WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warc_record("https://example.org/t", "conversion", payload=io.BytesIO(text_page(5).encode())))
    missing = str(tmp_path / "missing.warc.gz")

    pages = warc_dataframe(spark, [str(warc), str(wet), missing])
    out = clean_dataframe(pages, "page", url_column="url").drop("page").collect()
    rows = {r["url"]: r for r in out if r["url"]}
    assert set(rows) == {uri for uri, _ in html} | {"https://example.org/t"}
    for uri, page in html:
        assert rows[uri]["kind"] == "html" and rows[uri]["body"] == clean(page, url=uri).body
    assert rows["https://example.org/t"]["body"] == clean(text_page(5)).body
    (failed,) = [r for r in out if r["read_error"]]
    assert failed["file"] == missing and failed["error"]
