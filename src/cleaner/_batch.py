"""Cleaning many documents: in order, streaming, over several processes, never stopping on one bad page.

The engine is :func:`clean_tasks`: it takes ``(tag, task)`` pairs, keeps the tags in this
process, sends the tasks to worker processes in small chunks, and yields ``(tag, Document)``
in input order. At most ``window`` chunks are in flight, so memory stays constant however
many documents pass through. Each worker rebuilds the :class:`~cleaner.Cleaner` from its
recipe once (pool initializer), then cleans every chunk it is given.

:func:`clean_many` (also :meth:`Cleaner.clean_many`) is the public face of the engine; the
CLI uses :func:`clean_tasks` directly because it also passes a URL and a kind per document.
:func:`iter_warc` reads the pages of a WARC/WET file, for the CLI and for ``cleaner.spark``.
"""

from __future__ import annotations

import io
import os
import signal
import sys
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from itertools import islice
from typing import IO, TYPE_CHECKING, Any, Literal, NamedTuple, TypeVar, overload

from ._decode import _codec, compression, decode_bytes, read_decompressed
from ._errors import DISTRIBUTION, InputError, a_type
from ._model import Document, Metadata, Removed
from ._rules import RuleWarning

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

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
    #: recorded as the Document's ``source`` (where the page came from)
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Failed:
    """A stand-in source for an item that could not even be read; it comes back as an error Document."""

    message: str


@dataclass(frozen=True, slots=True)
class OnDisk:
    """A file the worker reads itself: only its path crosses the pipe, not its bytes (the
    parent would otherwise read and send every page, serially, while the workers wait)."""

    path: str
    #: read at most this many (decompressed) bytes, as :func:`read_input`
    limit: int | None = None


class Read(NamedTuple):
    """What the worker tells the parent about an :class:`OnDisk` source it read."""

    #: bytes read (decompressed), for the progress line
    size: int
    #: False when the file could not be read at all (no output record, as for a bad path)
    readable: bool


def error_document(message: str, *, url: str | None = None, source: str | None = None) -> Document:
    """The ``Document`` that stands for a page that could not be cleaned."""
    return Document(title=None, body="", metadata=Metadata(url=url), reason=None, error=message, source=source)


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
        return error_document(task.source.message, url=task.url, source=task.name)
    try:
        return cleaner.clean(task.source, kind=task.kind, url=task.url, source=task.name)
    except Exception as exc:  # noqa: BLE001 - reported in the result, not swallowed
        return error_document(f"{type(exc).__name__}: {exc}", url=task.url, source=task.name)


def _load(task: Task) -> tuple[Task, list[str], Read]:
    """Read an :class:`OnDisk` task's file: the task with its bytes (or a ``Failed``), the
    note to make about it (a compressed file cut short...) and what the parent must know."""
    assert isinstance(task.source, OnDisk)
    name = task.source.path
    try:
        data, problem = read_input(name, task.source.limit)
    except OSError as exc:
        return Task(Failed(_os_message(name, exc))), [], Read(0, False)
    if problem and not data:
        return Task(Failed(f"the input is {problem}"), url=task.url, name=task.name), [], Read(0, True)
    notes = [f"{problem}; cleaned what it held"] if problem else []
    return Task(data, task.kind, task.url, task.name), notes, Read(len(data), True)


def _process(cleaner: Cleaner, task: Task, convert: Callable[[Document], Any] | None, notes: bool) -> Any:
    """One task, cleaned and converted (the Document itself when there is no ``convert``). With ``notes``,
    the warnings raised meanwhile (a rule that timed out...) come back beside the result, as
    ``(result, [message, ...], read)``, so that the caller can say which document they are about;
    ``read`` is a :class:`Read` for an :class:`OnDisk` source, else None."""
    read: Read | None = None
    said: list[str] = []
    if isinstance(task.source, OnDisk):
        task, said, read = _load(task)
    if not notes:
        doc = clean_task(cleaner, task)
        return doc if convert is None else convert(doc)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuleWarning)  # every timeout; other warnings as filtered
        doc = clean_task(cleaner, task)
        result = doc if convert is None else convert(doc)  # converting may read deferred fields
    return result, said + [" ".join(str(w.message).split()) for w in caught], read


def _clean_chunk(tasks: list[Task], convert: Callable[[Document], Any] | None, notes: bool = False) -> list[Any]:
    assert _WORKER_CLEANER is not None, "worker started without _init_worker"
    return [_process(_WORKER_CLEANER, t, convert or _pack, notes) for t in tasks]


# A Document travels back as plain tuples: a page has a hundred or more ``Removed`` entries,
# and pickling them as frozen dataclasses costs more than a third of the cleaning itself.
_DOC_FIELDS = tuple(f.name for f in fields(Document))
_REMOVED_FIELDS = tuple(f.name for f in fields(Removed))


def _pack(doc: Document) -> tuple[Any, ...]:
    removed = tuple(tuple(getattr(r, n) for n in _REMOVED_FIELDS) for r in doc.removed)
    return tuple(removed if n == "removed" else getattr(doc, n) for n in _DOC_FIELDS)


def _unpack(packed: tuple[Any, ...]) -> Document:
    values = dict(zip(_DOC_FIELDS, packed))
    values["removed"] = tuple(Removed(*r) for r in values["removed"])
    return Document(**values)


# --------------------------------------------------------------------------- parent side


def clean_tasks(
    cleaner: Cleaner,
    items: Iterable[tuple[T, Task]],
    *,
    workers: int | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
    window: int | None = None,
    convert: Callable[[Document], Any] | None = None,
    notes: bool = False,
) -> Iterator[tuple[T, Any]]:
    """Clean ``(tag, Task)`` pairs; yield ``(tag, Document)`` in input order.

    ``workers=None`` uses every CPU; ``workers=1`` cleans in this process with no pool.
    ``window`` is the number of chunks in flight (default ``WINDOW_PER_WORKER`` per worker).
    ``convert`` (a picklable function) turns each Document into what is yielded instead, in
    the worker: the CLI renders its output lines there, in parallel. With ``notes``, each
    result is a triple ``(result, notes, read)``: what to say about that document (the
    warnings raised while it was cleaned and converted, a damaged compressed file...), so
    that the caller can say which document they concern, and a :class:`Read` when the task's
    source was :class:`OnDisk` (read in the worker), else None.
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
        return ((tag, _process(cleaner, task, convert, notes)) for tag, task in items)
    return _pooled(cleaner, iter(items), n, chunksize, window or n * WINDOW_PER_WORKER, convert, notes)


def _pooled(
    cleaner: Cleaner,
    items: Iterator[tuple[T, Task]],
    workers: int,
    chunksize: int,
    window: int,
    convert: Callable[[Document], Any] | None,
    notes: bool,
) -> Iterator[tuple[T, Any]]:
    from concurrent.futures.process import BrokenProcessPool  # here: a one-process run never needs it

    # Each entry: (future, tags, tasks). The tasks are kept until the result is in, so that a
    # chunk lost to a dead worker can be run again.
    inflight: deque[tuple[Future[list[Any]], list[T], list[Task]]] = deque()
    unpack = _unpack if convert is None else _identity

    def finish(packed: Any) -> Any:
        return (unpack(packed[0]), *packed[1:]) if notes else unpack(packed)

    pool = _new_pool(cleaner, workers)

    def fill() -> None:
        while len(inflight) < window:
            chunk = list(islice(items, chunksize))
            if not chunk:
                return
            tasks = [task for _, task in chunk]
            inflight.append((pool.submit(_clean_chunk, tasks, convert, notes), [tag for tag, _ in chunk], tasks))

    try:
        fill()
        while inflight:
            future, tags, tasks = inflight.popleft()
            try:
                packed = future.result()
            except BrokenProcessPool:
                # A worker died (killed for memory, crashed in a C extension...) and took every
                # chunk in flight with it: those documents run again one at a time.
                suspects = list(zip(tags, tasks)) + [(tg, ts) for _, tgs, tss in inflight for tg, ts in zip(tgs, tss)]
                inflight.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                yield from _one_at_a_time(cleaner, workers, suspects, convert, notes, finish)
                pool = _new_pool(cleaner, workers)
                fill()
                continue
            fill()  # first, so the workers are busy while the results are unpacked
            for tag, one in zip(tags, packed):
                yield tag, finish(one)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _one_at_a_time(
    cleaner: Cleaner,
    workers: int,
    suspects: list[tuple[T, Task]],
    convert: Callable[[Document], Any] | None,
    notes: bool,
    finish: Callable[[Any], Any],
) -> Iterator[tuple[T, Any]]:
    """Clean the documents a dead worker took with it, one per chunk in a new pool, so that
    a document that kills a worker on its own is known: it comes back as an error, and the
    batch goes on."""
    from concurrent.futures.process import BrokenProcessPool

    pool = _new_pool(cleaner, workers)
    try:
        for tag, task in suspects:
            try:
                (packed,) = pool.submit(_clean_chunk, [task], convert, notes).result()
                result = finish(packed)
            except BrokenProcessPool:
                result = error_document("the worker process died while cleaning this document", url=task.url, source=task.name)
                if convert is not None:
                    result = convert(result)
                if notes:
                    result = (result, [], None)
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _new_pool(cleaner, workers)
            yield tag, result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _identity(x: Any) -> Any:
    return x


def _new_pool(cleaner: Cleaner, workers: int) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor

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
    convert: None = ...,
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
    convert: None = ...,
) -> Iterator[tuple[T, Document]]: ...


@overload
def clean_many(
    cleaner: Cleaner,
    sources: Iterable[Any],
    *,
    workers: int | None = ...,
    keyed: bool = ...,
    kind: str | None = ...,
    chunksize: int = ...,
    window: int | None = ...,
    convert: Callable[[Document], Any],
) -> Iterator[Any]: ...


def clean_many(
    cleaner: Cleaner,
    sources: Iterable[Any],
    *,
    workers: int | None = None,
    keyed: bool = False,
    kind: str | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
    window: int | None = None,
    convert: Callable[[Document], Any] | None = None,
) -> Iterator[Any]:
    """Clean many documents with ``cleaner``, yielding results in input order.

    ``sources`` is any iterable (read lazily, so a generator over a huge crawl is fine) of
    what :meth:`Cleaner.clean` accepts. With ``keyed=True`` each item is an ``(id, source)``
    pair and each result is an ``(id, Document)`` pair, the id passed through untouched (it
    never leaves this process). A failure in one item (wrong type, a malformed pair, a bug)
    gives a ``Document`` with ``error`` set and an empty body; the batch goes on.

    ``convert`` (a picklable function, such as ``operator.attrgetter("body")``) is applied
    to each Document in the worker and its result is yielded instead. Workers otherwise
    send Documents back whole, ``removed`` and ``metadata`` included; a job that keeps
    only bodies skips computing them this way (on plain text, about half the work).
    """
    if convert is not None:
        if not callable(convert):
            raise InputError(f"convert must be a function of a Document, not {a_type(convert)}")
        n = default_workers() if workers is None else workers
        if isinstance(n, int) and n > 1:
            import pickle

            try:
                pickle.dumps(convert)
            except Exception as exc:  # any failure to pickle: lambdas, closures, bound objects
                raise InputError(
                    f"convert must be picklable to reach the worker processes (a module-level function "
                    f"or operator.attrgetter, not a lambda): {exc}"
                ) from None
    if keyed:
        return clean_tasks(
            cleaner, _keyed_tasks(sources, kind), workers=workers, chunksize=chunksize, window=window, convert=convert
        )
    return (
        doc
        for _, doc in clean_tasks(
            cleaner,
            ((None, Task(s, kind)) for s in sources),
            workers=workers,
            chunksize=chunksize,
            window=window,
            convert=convert,
        )
    )


def _keyed_tasks(items: Iterable[Any], kind: str | None) -> Iterator[tuple[Any, Task]]:
    for item in items:
        if isinstance(item, tuple) and len(item) == 2:
            yield item[0], Task(item[1], kind)
        else:
            got = f"a tuple of {len(item)}" if isinstance(item, tuple) else a_type(item)
            yield None, Task(Failed(f"InputError: with keyed=True each item must be an (id, source) pair, not {got}"))


# --------------------------------------------------------------------------- reading files


def _os_message(name: str, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return f"{name}: {reason}" if not str(exc).startswith(name) else str(exc)


def read_input(name: str, limit: int | None = None) -> tuple[bytes, str | None]:
    """The bytes of one input (at most ``limit``, decompressed when the content is gzip,
    bzip2 or xz, so that a compression bomb stops at the cap), and a problem to report if
    a compressed stream is corrupt or cut short (the bytes before it are kept). Raises
    ``OSError`` with a readable message when the input cannot be read at all."""
    if name == "-":
        return read_stream(sys.stdin.buffer, limit)
    if os.path.isdir(name):
        raise IsADirectoryError(f"{name}: is a directory")
    with open(name, "rb") as fh:
        return read_stream(fh, limit)


def read_stream(stream: IO[bytes], limit: int | None) -> tuple[bytes, str | None]:
    """See :func:`read_input`; ``stream`` is a file or a pipe."""
    head = stream.read(16)
    packed = compression(head)
    if packed is None:
        return head + (stream.read() if limit is None else stream.read(max(limit - len(head), 0))), None
    return read_decompressed(_Prefixed(head, stream), packed, limit)


class _Prefixed(io.RawIOBase):
    """``head`` and then the rest of ``stream``: a pipe cannot be rewound after its first
    bytes were read to recognise its format."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self.head = head
        self.stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.head[: len(buffer)] if self.head else self.stream.read(len(buffer))
        self.head = self.head[len(data) :] if self.head else b""
        buffer[: len(data)] = data
        return len(data)



# --------------------------------------------------------------------------- WARC / WET input

#: WARC record types that carry a page: HTTP responses (WARC), text conversions (WET),
#: and archived resources.
WARC_PAGE_TYPES = ("response", "conversion", "resource")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One page read from a WARC or WET file."""

    #: the record's ``WARC-Target-URI``
    url: str | None
    #: the record's ``WARC-Record-ID``
    record_id: str | None
    #: 'html' (a WARC response or resource) or 'text' (a WET conversion, or text/plain)
    kind: str
    #: the payload: ``str`` when the HTTP header declared a charset that decodes it, else bytes
    page: str | bytes
    #: where the record starts in the (compressed) file
    offset: int


def iter_warc(stream: Any, *, limit: int | None = None) -> Iterator[WarcPage]:
    """The pages in a WARC/WET stream (gzip or not), in file order; needs ``warcio``.

    Kept: ``response`` and ``resource`` records that are HTML (or text/plain) with status 200,
    and WET ``conversion`` records. Everything else (requests, metadata, images...) is skipped.
    ``limit`` reads at most that many bytes of each payload. Raises ``InputError`` if the
    stream is not WARC, or (after its last page) if records had a wrong Content-Length.
    """
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise InputError(f"reading WARC files needs the warcio package: pip install '{DISTRIBUTION}[warc]'") from None
    records = ArchiveIterator(stream)
    records.INC_RECORD = ""  # warcio's own multi-line warning; counted and reported below
    for record in records:
        if record.format != "warc":  # warcio falls back to ARC, and reads any text as ARC
            raise InputError("not a WARC file (or an old ARC file, which is not supported)")
        if record.rec_type not in WARC_PAGE_TYPES:
            continue
        page = _warc_payload(record, limit)
        offset = records.get_record_offset()  # after the payload: this reads the record to its end
        if page is not None:
            uri = record.rec_headers.get_header("WARC-Target-URI")
            rid = record.rec_headers.get_header("WARC-Record-ID")
            yield WarcPage(uri, rid, page[0], page[1], offset)
    if records.err_count:
        raise InputError(f"{records.err_count} record(s) with a wrong Content-Length; their pages may be cut")


def _warc_payload(record: Any, limit: int | None) -> tuple[str, str | bytes] | None:
    if record.rec_type == "conversion":  # WET: the page's text
        return "text", _read_up_to(record.content_stream(), limit)
    if record.http_headers is not None:
        if record.http_headers.get_statuscode() not in (None, "200"):
            return None
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    mime, _, params = ctype.partition(";")
    mime = mime.strip().lower()
    if mime and mime not in _HTML_TYPES and mime != "text/plain":
        return None  # images, scripts, robots.txt...
    kind = "text" if mime == "text/plain" else "html"
    data = _read_up_to(record.content_stream(), limit)
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return kind, _decode_declared(data, value.strip().strip("\"'"))
    return kind, data


def _read_up_to(stream: Any, limit: int | None) -> bytes:
    """All of ``stream``, or its first ``limit`` bytes; warcio's readers return short reads."""
    parts: list[bytes] = []
    got = 0
    while limit is None or got < limit:
        part = stream.read(65536 if limit is None else min(65536, limit - got))
        if not part:
            break
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def _decode_declared(data: bytes, charset: str) -> str | bytes:
    """Bytes decoded with the HTTP header's charset when it names a text encoding (the same
    checks as for a page's own declaration: valid UTF-8 wins, ``punycode`` and the like are
    refused); else the bytes, left to cleaner's own detection (which reads ``<meta charset>``)."""
    if _codec(charset) is None:
        return data
    return decode_bytes(data, declared=charset)
