"""Cleaning many documents: in order, streaming, over several processes, never stopping on one bad page.

The engine is :func:`clean_tasks`: it takes ``(tag, task)`` pairs, keeps the tags in this
process, sends the tasks to worker processes in small chunks, and yields ``(tag, Document)``
in input order. At most ``window`` chunks are in flight, so memory stays constant however
many documents pass through. Each worker rebuilds the :class:`~cleaner.Cleaner` from its
recipe once (pool initializer), then cleans every chunk it is given.

:func:`clean_many` (also :meth:`Cleaner.clean_many`) is the public face of the engine; the
CLI uses :func:`clean_tasks` directly because it also passes a URL and a kind per document.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from ._errors import InputError
from ._model import Document

if TYPE_CHECKING:
    from ._api import Cleaner

T = TypeVar("T")

#: Documents per message sent to a worker. Pages take milliseconds each, so small chunks
#: cost little and keep the in-order output flowing.
DEFAULT_CHUNKSIZE = 4
#: Chunks in flight per worker; bounds memory (``workers * WINDOW_PER_WORKER * chunksize`` sources).
WINDOW_PER_WORKER = 4


@dataclass(frozen=True, slots=True)
class Task:
    """One document for a worker: the source and what ``Cleaner.clean`` needs besides it."""

    source: Any
    kind: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Failed:
    """A stand-in source for an item that could not even be read; it comes back as an error Document."""

    message: str


def error_document(message: str, *, url: str | None = None) -> Document:
    """The ``Document`` that stands for a page that could not be cleaned."""
    from ._model import Metadata

    return Document(title=None, body="", metadata=Metadata(url=url), reason=None, error=message)


def default_workers() -> int:
    """The number of CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


# --------------------------------------------------------------------------- worker side

_WORKER_CLEANER: Cleaner | None = None


def _init_worker(cleaner: Cleaner) -> None:
    """Pool initializer: ``cleaner`` arrives pickled as its recipe and is rebuilt here, once."""
    global _WORKER_CLEANER
    # Ctrl-C goes to the whole process group; the parent decides what to do, workers just
    # finish their chunk instead of printing a KeyboardInterrupt traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_CLEANER = cleaner


def clean_task(cleaner: Cleaner, task: Task) -> Document:
    """Clean one task; any failure becomes a Document with ``error`` set, naming the exception."""
    if isinstance(task.source, Failed):
        return error_document(task.source.message, url=task.url)
    try:
        return cleaner.clean(task.source, kind=task.kind, url=task.url)
    except Exception as exc:  # noqa: BLE001 - reported in the result, not swallowed
        return error_document(f"{type(exc).__name__}: {exc}", url=task.url)


def _clean_chunk(tasks: list[Task]) -> list[Document]:
    assert _WORKER_CLEANER is not None, "worker started without _init_worker"
    return [clean_task(_WORKER_CLEANER, t) for t in tasks]


# --------------------------------------------------------------------------- parent side


def clean_tasks(
    cleaner: Cleaner,
    items: Iterable[tuple[T, Task]],
    *,
    workers: int | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
    window: int | None = None,
) -> Iterator[tuple[T, Document]]:
    """Clean ``(tag, Task)`` pairs; yield ``(tag, Document)`` in input order.

    ``workers=None`` uses every CPU; ``workers=1`` cleans in this process with no pool.
    ``window`` is the number of chunks in flight (default ``WINDOW_PER_WORKER`` per worker).
    Closing the iterator early (or Ctrl-C) shuts the workers down. Bad arguments raise
    ``InputError`` here, before anything is read.
    """
    n = default_workers() if workers is None else workers
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError(f"workers must be a positive whole number (or None for all CPUs), not {workers!r}")
    if isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1:
        raise InputError(f"chunksize must be a positive whole number, not {chunksize!r}")
    if window is not None and (not isinstance(window, int) or window < 1):
        raise InputError(f"window must be a positive whole number of chunks, not {window!r}")
    if n == 1:
        return ((tag, clean_task(cleaner, task)) for tag, task in items)
    return _pooled(cleaner, iter(items), n, chunksize, window or n * WINDOW_PER_WORKER)


def _pooled(
    cleaner: Cleaner, items: Iterator[tuple[T, Task]], workers: int, chunksize: int, window: int
) -> Iterator[tuple[T, Document]]:
    # Each entry: (future, tags, tasks, retry). ``tasks`` are kept until the result is in so
    # that a chunk lost to a dead worker can be run again.
    inflight: deque[tuple[Future[list[Document]], list[T], list[Task], bool]] = deque()
    pool = _new_pool(cleaner, workers)

    def submit(tags: list[T], tasks: list[Task], retry: bool = False) -> None:
        inflight.append((pool.submit(_clean_chunk, tasks), tags, tasks, retry))

    def fill() -> None:
        while len(inflight) < window:
            chunk = list(islice(items, chunksize))
            if not chunk:
                return
            submit([tag for tag, _ in chunk], [task for _, task in chunk])

    try:
        fill()
        while inflight:
            future, tags, tasks, retry = inflight.popleft()
            try:
                docs = future.result()
            except BrokenProcessPool:
                # A worker died (killed for memory, crashed in a C extension...). Every chunk in
                # flight is lost with it; start a new pool and run them again. The chunk at the
                # head is retried one document at a time, and a document that kills a worker
                # on its own comes back as an error instead of stopping the batch.
                pending = [(tags, tasks, retry)] + [(tg, ts, r) for _, tg, ts, r in inflight]
                inflight.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _new_pool(cleaner, workers)
                if retry:
                    yield tags[0], error_document("the worker process died while cleaning this document")
                    pending.pop(0)
                else:
                    head_tags, head_tasks, _ = pending.pop(0)
                    for tg, ts in zip(head_tags, head_tasks):
                        submit([tg], [ts], retry=True)
                for tg_, ts_, r_ in pending:
                    submit(tg_, ts_, r_)
                continue
            yield from zip(tags, docs)
            fill()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _new_pool(cleaner: Cleaner, workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(cleaner,))


# --------------------------------------------------------------------------- public API


@overload
def clean_many(
    cleaner: Cleaner,
    sources: Iterable[Any],
    *,
    workers: int | None = ...,
    keyed: Literal[False] = ...,
    kind: str | None = ...,
    chunksize: int = ...,
    window: int | None = ...,
) -> Iterator[Document]: ...


@overload
def clean_many(
    cleaner: Cleaner,
    sources: Iterable[tuple[T, Any]],
    *,
    workers: int | None = ...,
    keyed: Literal[True],
    kind: str | None = ...,
    chunksize: int = ...,
    window: int | None = ...,
) -> Iterator[tuple[T, Document]]: ...


def clean_many(
    cleaner: Cleaner,
    sources: Iterable[Any],
    *,
    workers: int | None = None,
    keyed: bool = False,
    kind: str | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
    window: int | None = None,
) -> Iterator[Any]:
    """Clean many documents with ``cleaner``, yielding results in input order.

    ``sources`` is any iterable (read lazily, so a generator over a huge crawl is fine) of
    what :meth:`Cleaner.clean` accepts. With ``keyed=True`` each item is an ``(id, source)``
    pair and each result is an ``(id, Document)`` pair, the id passed through untouched (it
    never leaves this process). A failure in one item (wrong type, a malformed pair, a bug)
    gives a ``Document`` with ``error`` set and an empty body; the batch goes on.
    """
    if keyed:
        return clean_tasks(cleaner, _keyed_tasks(sources, kind), workers=workers, chunksize=chunksize, window=window)
    return (
        doc
        for _, doc in clean_tasks(
            cleaner, ((None, Task(s, kind)) for s in sources), workers=workers, chunksize=chunksize, window=window
        )
    )


def _keyed_tasks(items: Iterable[Any], kind: str | None) -> Iterator[tuple[Any, Task]]:
    for item in items:
        if isinstance(item, tuple) and len(item) == 2:
            yield item[0], Task(item[1], kind)
        else:
            got = f"a tuple of {len(item)}" if isinstance(item, tuple) else f"a {type(item).__name__}"
            yield None, Task(Failed(f"InputError: with keyed=True each item must be an (id, source) pair, not {got}"))
