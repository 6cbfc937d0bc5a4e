"""Cleaning a Spark DataFrame of pages: :func:`clean_dataframe`.

::

    from cleaner.spark import clean_dataframe
    pages = spark.read.parquet("s3://bucket/pages/")            # columns: url, html, ...
    cleaned = clean_dataframe(pages, "html", url_column="url", disable=["comments"])
    cleaned.write.parquet("s3://bucket/cleaned/")

The cleaning runs in a vectorized (Arrow) pandas UDF. Only the page column (and the URL
column) travel to Python; every executor's Python worker builds its :class:`~cleaner.Cleaner`
once and reuses it for every batch of every task. Extra rule files are read on the driver
and shipped with the job, so they need not exist on the executors.

``pyspark`` (with ``pandas`` and ``pyarrow``) is imported only when this module is used:
``pip install 'article-cleaner[spark]'``. ``import cleaner`` never needs it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._api import DEFAULT_MAX_SIZE, Cleaner
from ._batch import Task, clean_task, error_document, iter_warc
from ._model import Document
from ._rules import rule_files

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pyspark.sql import DataFrame

__all__ = ["OUTPUT_COLUMNS", "WARC_COLUMNS", "clean_dataframe", "document_row", "warc_dataframe"]

#: The columns :func:`clean_dataframe` adds (each with the chosen ``prefix``), and their Spark SQL types.
OUTPUT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "string"),
    ("body", "string"),
    ("authors", "array<string>"),
    ("date", "string"),
    ("site_name", "string"),
    ("language", "string"),
    ("description", "string"),
    ("tags", "array<string>"),
    ("image", "string"),
    ("removed_categories", "array<string>"),
    ("reason", "string"),
    ("truncated", "boolean"),
    ("error", "string"),
)

# A recipe: everything a worker needs to rebuild the Cleaner, as plain picklable data.
# (extra rule files as (name, bytes) in load order, disable, defaults, kind, max_size)
_Recipe = tuple[tuple[tuple[str, bytes], ...], tuple[str, ...], bool, str, "int | None"]
_CLEANERS: dict[_Recipe, Cleaner] = {}


def document_row(doc: Document) -> dict[str, Any]:
    """The values :func:`clean_dataframe` stores for one Document, keyed by unprefixed column name."""
    meta = doc.metadata
    return {
        "title": doc.title,
        "body": doc.body,
        "authors": list(meta.authors),
        "date": meta.date,
        "site_name": meta.site_name,
        "language": meta.language,
        "description": meta.description,
        "tags": list(meta.tags),
        "image": meta.image,
        "removed_categories": list(dict.fromkeys(r.category for r in doc.removed)),
        "reason": doc.reason,
        "truncated": doc.truncated,
        "error": doc.error,
    }


def _recipe(
    rules: Sequence[str | Path], disable: Iterable[str], defaults: bool, kind: str, max_size: int | None
) -> _Recipe:
    if isinstance(rules, (str, Path)):
        rules = [rules]
    files = tuple((f.name, f.read_bytes()) for p in rules for f in rule_files(p))
    return files, tuple(disable), defaults, kind, max_size


def _cleaner(recipe: _Recipe) -> Cleaner:
    """The Cleaner for ``recipe``, built once per Python process (Spark reuses its workers)."""
    cleaner = _CLEANERS.get(recipe)
    if cleaner is None:
        files, disable, defaults, kind, max_size = recipe
        paths: list[str] = []
        if files:
            where = tempfile.mkdtemp(prefix="cleaner-rules-")
            for i, (name, data) in enumerate(files):
                path = os.path.join(where, f"{i:03d}-{name}")
                with open(path, "wb") as fh:
                    fh.write(data)
                paths.append(path)
        cleaner = _CLEANERS[recipe] = Cleaner(paths, disable=disable, defaults=defaults, kind=kind, max_size=max_size)
    return cleaner


def _clean_series(recipe: _Recipe, pages: pd.Series, urls: pd.Series | None) -> pd.DataFrame:
    import pandas as pd

    cleaner = _cleaner(recipe)
    rows = []
    for i, page in enumerate(pages):
        url = None if urls is None else urls.iat[i]
        url = url if isinstance(url, str) else None
        if page is None or (isinstance(page, float) and page != page):  # null / NaN
            doc = error_document("the page is null", url=url)
        else:
            doc = clean_task(cleaner, Task(page, None, url))
        rows.append(document_row(doc))
    return pd.DataFrame(rows, columns=[name for name, _ in OUTPUT_COLUMNS])


def clean_dataframe(
    df: DataFrame,
    column: str = "html",
    *,
    url_column: str | None = None,
    kind: str = "auto",
    rules: Sequence[str | Path] = (),
    disable: Iterable[str] = (),
    defaults: bool = True,
    max_size: int | None = DEFAULT_MAX_SIZE,
    prefix: str = "",
) -> DataFrame:
    """``df`` with the cleaned page added as the columns in :data:`OUTPUT_COLUMNS`.

    ``column`` holds each page (string or binary; text or HTML, detected unless ``kind``
    says). ``url_column`` (optional) is recorded as each page's URL. ``rules``, ``disable``,
    ``defaults``, ``kind`` and ``max_size`` mean what they mean for :class:`~cleaner.Cleaner`;
    the rules are loaded here first, so a bad rule file fails on the driver, at once.
    Every other column is kept; an existing column with an output name is replaced (choose
    a ``prefix`` such as ``"clean_"`` to keep both). A page that cannot be cleaned gets an
    empty body and ``error`` set; it never fails the job.
    """
    import pandas as pd
    from pyspark.sql import functions as F
    from pyspark.sql.functions import pandas_udf

    disable = tuple(disable)
    Cleaner(rules, disable=disable, defaults=defaults, kind=kind, max_size=max_size)  # fail fast, on the driver
    recipe = _recipe(rules, disable, defaults, kind, max_size)
    schema = ", ".join(f"{name} {sql}" for name, sql in OUTPUT_COLUMNS)

    if url_column is None:

        def run(pages: pd.Series) -> pd.DataFrame:
            return _clean_series(recipe, pages, None)

        args = [F.col(column)]
        run.__annotations__ = {"pages": pd.Series, "return": pd.DataFrame}
    else:

        def run(pages: pd.Series, urls: pd.Series) -> pd.DataFrame:  # type: ignore[misc]
            return _clean_series(recipe, pages, urls)

        args = [F.col(column), F.col(url_column)]
        # pyspark reads the type hints to choose the UDF kind; give it objects, not the
        # strings that ``from __future__ import annotations`` leaves
        run.__annotations__ = {"pages": pd.Series, "urls": pd.Series, "return": pd.DataFrame}

    # Nondeterministic keeps the optimizer from calling the UDF once per extracted field.
    udf = pandas_udf(run, schema).asNondeterministic()  # type: ignore[call-overload]
    tmp = "__cleaner_result__"
    names = {prefix + name for name, _ in OUTPUT_COLUMNS}
    kept = [F.col(f"`{c}`") for c in df.columns if c not in names]
    added = [F.col(f"{tmp}.{name}").alias(prefix + name) for name, _ in OUTPUT_COLUMNS]
    return df.withColumn(tmp, udf(*args)).select(*kept, *added)


#: The columns of :func:`warc_dataframe`.
WARC_COLUMNS = "file string, url string, record_id string, kind string, page string, read_error string"


def warc_dataframe(
    spark: Any, paths: Sequence[str], *, max_size: int | None = DEFAULT_MAX_SIZE, partitions: int | None = None
) -> DataFrame:
    """One row per page of the WARC/WET files at ``paths``, read on the executors.

    Paths are local (or on a mounted file system) or any URL ``fsspec`` opens when it is
    installed (``s3://``, ``hdfs://``, ``https://``...). Each file is read by one task
    (``partitions`` defaults to one per file); pages are those :func:`cleaner._batch.iter_warc`
    keeps. Columns: :data:`WARC_COLUMNS`; ``page`` is the decoded page and ``kind`` is 'html'
    (WARC) or 'text' (WET). A file that cannot be read (or is corrupt part-way) adds one row
    with ``read_error`` set and no page. Needs ``warcio`` on the executors.
    """
    paths = list(paths)
    limit = max_size + 1 if max_size else None
    rdd = spark.sparkContext.parallelize(paths, partitions or max(1, len(paths))).flatMap(lambda p: _warc_rows(p, limit))
    return spark.createDataFrame(rdd, WARC_COLUMNS)


def _warc_rows(path: str, limit: int | None) -> Iterable[tuple[Any, ...]]:
    try:
        with _open_remote(path) as fh:
            for page in iter_warc(fh, limit=limit):
                yield (path, page.url, page.record_id, page.kind, _as_text(page.page, page.kind), None)
    except Exception as exc:  # noqa: BLE001 - reported in the row, the job goes on
        yield (path, None, None, None, None, f"{type(exc).__name__}: {exc}")


def _open_remote(path: str) -> Any:
    try:
        import fsspec
    except ImportError:
        return open(path, "rb")
    return fsspec.open(path, "rb").open()


def _as_text(page: str | bytes, kind: str) -> str:
    """A WARC payload as ``str``: bytes with no declared charset are decoded as cleaner would."""
    if isinstance(page, str):
        return page
    if kind == "html":
        from bs4.dammit import UnicodeDammit

        markup = UnicodeDammit(page, is_html=True).unicode_markup
        return markup if markup is not None else page.decode("utf-8", "replace")
    from ._decode import decode_text

    return decode_text(page)
