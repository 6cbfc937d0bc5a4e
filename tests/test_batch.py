"""``Cleaner.clean_many``: input order, error documents, workers, streaming."""

from __future__ import annotations

import os

import pytest

from cleaner import Cleaner, Document, InputError, clean
from cleaner._batch import DEFAULT_CHUNKSIZE, Task, clean_tasks
from pages import html_page, text_page


def pages(n: int) -> list[str | bytes]:
    return [html_page(i) if i % 5 == 0 else text_page(i) for i in range(n)]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def test_in_process_results_equal_clean_in_order(cleaner):
    sources = pages(12)
    docs = list(cleaner.clean_many(sources, workers=1))
    assert docs == [clean(s) for s in sources]
    assert all(d.body and d.error is None for d in docs)


def test_two_workers_equal_one(cleaner):
    sources = pages(40)
    assert list(cleaner.clean_many(sources, workers=2)) == list(cleaner.clean_many(sources, workers=1))


def test_workers_use_the_cleaners_own_rules():
    custom = Cleaner(disable=["newsletter", "navigation"])
    sources = pages(10)
    assert list(custom.clean_many(sources, workers=2)) == [custom.clean(s) for s in sources]
    assert list(custom.clean_many(sources, workers=2)) != [clean(s) for s in sources]


@pytest.mark.parametrize("workers", [1, 2])
def test_bad_items_become_error_documents_and_the_batch_goes_on(cleaner, workers):
    sources = [text_page(1), 42, None, text_page(2), b"", html_page(3)]
    docs = list(cleaner.clean_many(sources, workers=workers))
    assert len(docs) == len(sources)
    assert all(isinstance(d, Document) for d in docs)
    assert docs[1].error and "cannot clean an int;" in docs[1].error and docs[1].body == ""
    assert docs[2].error and "cannot clean None;" in docs[2].error
    for i in (0, 3, 4, 5):
        assert docs[i].error is None
        assert docs[i] == clean(sources[i])


@pytest.mark.parametrize("workers", [1, 2])
def test_keyed_items_carry_their_ids(cleaner, workers):
    items = [(f"id-{i}", s) for i, s in enumerate(pages(9))]
    out = list(cleaner.clean_many(items, workers=workers, keyed=True))
    assert [k for k, _ in out] == [k for k, _ in items]
    assert [d for _, d in out] == [clean(s) for _, s in items]


def test_keyed_malformed_item_is_an_error_pair(cleaner):
    out = list(cleaner.clean_many([("a", text_page(1)), text_page(2), ("b", "x", "y"), ("c", text_page(3))], keyed=True, workers=2))
    assert [k for k, _ in out] == ["a", None, None, "c"]
    assert "pair" in (out[1][1].error or "") and "pair" in (out[2][1].error or "")
    assert out[3][1] == clean(text_page(3))


def test_kind_option_applies_to_every_item(cleaner):
    html = html_page(1)
    (doc,) = cleaner.clean_many([html], kind="text", workers=1)
    assert doc == clean(html, kind="text")


def test_bad_arguments_raise_at_once(cleaner):
    with pytest.raises(InputError):
        cleaner.clean_many([], workers=0)
    with pytest.raises(InputError):
        cleaner.clean_many([], workers=2, chunksize=0)


def test_default_uses_every_cpu(cleaner, monkeypatch):
    seen = {}
    import cleaner._batch as batch

    def fake_pooled(cleaner, items, workers, chunksize, window, convert, notes):
        seen["workers"] = workers
        return iter(())

    monkeypatch.setattr(batch, "_pooled", fake_pooled)
    list(cleaner.clean_many(["x"]))
    assert seen["workers"] == batch.default_workers() or batch.default_workers() == 1


def test_input_is_read_lazily_with_a_bounded_window(cleaner):
    """Constant memory: a huge (here endless) input is pulled only a window ahead of the output."""
    pulled = 0

    def endless():
        nonlocal pulled
        while True:
            pulled += 1
            yield text_page(pulled)

    window = 3
    results = cleaner.clean_many(endless(), workers=2, chunksize=2, window=window)
    first = [next(results) for _ in range(5)]
    assert all(d.body for d in first)
    assert pulled <= 5 + (window + 1) * 2
    results.close()  # shuts the pool down


def test_empty_input(cleaner):
    assert list(cleaner.clean_many([], workers=2)) == []


class _KillsTheWorker:
    """Unpickling this in a worker ends that process at once, as an OOM kill would."""

    def __reduce__(self):
        return (os._exit, (3,))


def test_a_dead_worker_costs_only_its_document(cleaner):
    sources = [text_page(i) for i in range(10)]
    tasks = [(i, Task(s)) for i, s in enumerate(sources)]
    tasks.insert(4, ("bomb", Task(_KillsTheWorker())))
    out = list(clean_tasks(cleaner, tasks, workers=2, chunksize=DEFAULT_CHUNKSIZE))
    assert [tag for tag, _ in out] == [tag for tag, _ in tasks]
    by_tag = dict(out)
    assert "died" in (by_tag["bomb"].error or "")
    assert [by_tag[i] for i in range(10)] == [clean(s) for s in sources]


@pytest.mark.parametrize("workers", [1, 2])
def test_convert_maps_each_document_in_the_worker(cleaner, workers):
    import operator

    sources = pages(16)
    bodies = list(cleaner.clean_many(sources, workers=workers, convert=operator.attrgetter("body")))
    assert bodies == [clean(s).body for s in sources]
    keyed = list(cleaner.clean_many(enumerate(sources), workers=workers, keyed=True, convert=operator.attrgetter("title")))
    assert keyed == [(i, clean(s).title) for i, s in enumerate(sources)]


def test_convert_must_reach_the_workers(cleaner):
    with pytest.raises(InputError, match="picklable"):
        cleaner.clean_many(pages(2), workers=2, convert=lambda d: d.body)
    with pytest.raises(InputError, match="function"):
        cleaner.clean_many(pages(2), workers=1, convert="body")
    # in one process nothing is pickled: a lambda is fine
    assert list(cleaner.clean_many(pages(2), workers=1, convert=lambda d: len(d.body))) == [len(clean(s).body) for s in pages(2)]


def test_a_file_on_disk_is_read_in_the_worker(cleaner, tmp_path):
    """Only the path crosses to the worker; what it read comes back beside the result."""
    from cleaner._batch import OnDisk, Read

    page = tmp_path / "p.txt"
    page.write_text(text_page(3), encoding="utf-8")
    tasks = [(i, Task(OnDisk(str(p), None), name=str(p))) for i, p in enumerate([page, tmp_path / "gone.txt", page] * 4)]
    one = list(clean_tasks(cleaner, tasks, workers=1, notes=True))
    assert list(clean_tasks(cleaner, tasks, workers=2, notes=True)) == one
    doc, notes, read = one[0][1]
    assert doc == cleaner.clean(text_page(3), source=str(page)) and notes == []
    assert read == Read(len(page.read_bytes()), True)
    gone, notes, read = one[1][1]
    assert read == Read(0, False) and "gone.txt: No such file or directory" in gone.error and not gone.body
