"""The ``cleaner`` command: a thin layer over :class:`cleaner.Cleaner`.

Only content goes to stdout; diagnostics go to stderr as one line each. Exit status:
0 success, 1 an input could not be read or cleaned, or a rule file is invalid (other inputs
are still processed), 2 usage error, 130 interrupted (what was written is kept).

Inputs are read lazily, in a fixed order (arguments in the order given, directories walked
in sorted order), cleaned by ``-j`` processes through :func:`cleaner._batch.clean_tasks`,
and written in that same order, one flushed record at a time.
"""

from __future__ import annotations

import argparse
import fnmatch
import gzip
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from functools import partial
from typing import IO, Any, NamedTuple

from . import __version__
from ._api import DEFAULT_MAX_SIZE, Cleaner
from ._batch import Failed, Task, clean_tasks, default_workers, iter_warc
from ._errors import CleanerError
from ._model import Document

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleaner",
        description="Print the body of web articles (plain text or HTML) without boilerplate.",
        epilog=(
            "Examples: cleaner page.txt | cat page.html | cleaner --explain - | cleaner --json *.html | "
            "cleaner -j 0 --json --glob '*.html' crawl/ > out.jsonl | cleaner --jsonl pages.jsonl | "
            "cleaner --warc CC-MAIN-*.warc.gz > out.jsonl. See docs/batch.md."
        ),
    )
    p.add_argument(
        "files",
        nargs="*",
        metavar="PATH",
        help="input files or directories (walked recursively, sorted); '-' or nothing reads standard input",
    )
    fmt = p.add_argument_group("batch input")
    how = fmt.add_mutually_exclusive_group()
    how.add_argument(
        "--jsonl",
        action="store_true",
        help="inputs are JSON Lines, one page per record; output is JSON Lines with the id carried over",
    )
    how.add_argument(
        "--warc",
        action="store_true",
        help="inputs are WARC/WET files (.gz too); output is JSON Lines with the target URI as id and url "
        "(needs: pip install 'cleaner[warc]')",
    )
    fmt.add_argument(
        "--field",
        metavar="NAME",
        help="--jsonl: the record field holding the page (default: 'html', else 'text')",
    )
    fmt.add_argument("--id-field", default="id", metavar="NAME", help="--jsonl: the record field holding its id (default 'id')")
    fmt.add_argument(
        "--url-field", default="url", metavar="NAME", help="--jsonl: the record field holding its URL, if any (default 'url')"
    )
    fmt.add_argument(
        "--glob",
        default="*",
        metavar="PATTERN",
        help="only files whose name matches PATTERN inside directories (default '*'; named files are always read)",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="clean with N processes (default 1; 0 = one per CPU)",
    )
    prog = p.add_mutually_exclusive_group()
    prog.add_argument("--progress", dest="progress", action="store_true", default=None, help="always show a progress line on stderr")
    prog.add_argument("--no-progress", dest="progress", action="store_false", help="never show it (default: only when stderr is a terminal)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the whole Document as JSON, one object per line (= --format json)")
    out.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        help="text: the body (default); markdown: the article as Markdown; json: the whole Document",
    )
    md = p.add_argument_group("Markdown (see docs/markdown.md)")
    md.add_argument(
        "--markdown", action="store_true", help="print Markdown (= --format markdown); with JSON, add the 'markdown' field"
    )
    md.add_argument("--links", action="store_true", help="Markdown: links as [text](url), resolved against --url or <base href>")
    md.add_argument("--images", action="store_true", help="Markdown: images as ![alt](src)")
    md.add_argument("--emphasis", action="store_true", help="Markdown: *emphasis* and **strong** text")
    md.add_argument("--no-title", dest="md_title", action="store_false", help="Markdown: no '# Title' line at the top")
    p.add_argument("--explain", action="store_true", help="list removed blocks (category, rule, text) on stderr")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--html", dest="kind", action="store_const", const="html", help="treat input as HTML")
    kind.add_argument("--text", dest="kind", action="store_const", const="text", help="treat input as plain text")
    p.set_defaults(kind="auto")
    p.add_argument("--url", help="the page's URL (recorded in metadata; records' own URLs come first)")
    p.add_argument("--rules", action="append", default=[], metavar="PATH", help="extra rule file or directory (repeatable)")
    p.add_argument("--no-default-rules", action="store_true", help="do not load the shipped rule files")
    p.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="NAME",
        help="switch off a rule category or a rule id (repeatable, or comma-separated)",
    )
    p.add_argument("--list-rules", action="store_true", help="list the loaded rules and exit")
    p.add_argument(
        "--max-size",
        type=_size,
        default=DEFAULT_MAX_SIZE,
        metavar="BYTES",
        help=f"cut inputs larger than this and flag them truncated (default {DEFAULT_MAX_SIZE}; 0 = no cap)",
    )
    p.add_argument("--version", action="version", version=f"cleaner {__version__}")
    return p


def _count(unit: str, zero: str) -> Callable[[str], int]:
    """An argparse type for a whole number >= 0, where 0 means ``zero``."""

    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number of {unit}: {value!r}") from None
        if n < 0:
            raise argparse.ArgumentTypeError(f"must be 0 ({zero}) or a positive number of {unit}")
        return n

    return parse


_size = _count("bytes", "no cap")
_jobs = _count("processes", "one per CPU")


# --------------------------------------------------------------------------- diagnostics


class Progress:
    """One self-overwriting line on stderr: documents, docs/s, MB/s and, when the total
    input size is known, percent done and ETA. Redrawn at most a few times a second."""

    def __init__(self, stream: IO[str], total_bytes: int | None, *, interval: float = 0.25) -> None:
        self.stream = stream
        self.total = total_bytes or None
        self.interval = interval
        self.start = self.last = time.monotonic()
        self.docs = 0
        self.bytes = 0
        self.pos = 0
        self.shown = False
        self.drawn = False

    def update(self, size: int, pos: int) -> None:
        self.docs += 1
        self.bytes += size
        self.pos = max(self.pos, pos)
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            self._draw(now)

    def line(self, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        text = f"{self.docs} docs  {self.docs / elapsed:.1f} docs/s  {self.bytes / elapsed / 1e6:.2f} MB/s"
        if self.total and self.pos:
            done = min(self.pos / self.total, 1.0)
            eta = elapsed * (1 - done) / done if done else 0.0
            text += f"  {done:4.0%}  ETA {_clock(eta)}"
        return text

    def _draw(self, now: float) -> None:
        self.stream.write(f"\r\x1b[Kcleaner: {self.line(now)}")
        self.stream.flush()
        self.shown = self.drawn = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

    def finish(self) -> None:
        """The final figures on a line of their own (if the line was ever drawn)."""
        if self.drawn:
            self.stream.write(f"\r\x1b[Kcleaner: {self.line(time.monotonic())}\n")
            self.stream.flush()
            self.shown = False


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


class _Diagnostics:
    """stderr, one line per message, keeping out of the progress line's way."""

    def __init__(self) -> None:
        self.progress: Progress | None = None

    def say(self, message: str) -> None:
        if self.progress:
            self.progress.clear()
        print(f"cleaner: {message}", file=sys.stderr)

    def explain(self, label: str, lines: Sequence[str]) -> None:
        if self.progress:
            self.progress.clear()
        for line in lines:
            print(f"{label}: {line}", file=sys.stderr)


def explain_lines(doc: Document) -> list[str]:
    """What ``--explain`` says about one document: each removed block, the reason, truncation."""
    lines = []
    for r in doc.removed:
        text = r.text if len(r.text) <= 100 else r.text[:97] + "..."
        lines.append(f"removed [{r.category}] {r.rule}: {text}")
    if doc.reason:
        lines.append(doc.reason)
    if doc.truncated:
        lines.append("input was larger than the size cap and was cut")
    return lines


class Rendered(NamedTuple):
    """One document as the CLI prints it, made in the worker process (see :func:`render`)."""

    error: str | None
    #: the JSON object (``--json``), or the body
    output: str
    explain: list[str]


def render(doc: Document, *, as_json: bool, explain: bool, markdown: bool = False) -> Rendered:
    """Serialize in the worker: ``to_dict()`` and ``json.dumps`` cost about as much as cleaning
    a small page, and would make the main process the bottleneck (Markdown is made here too:
    it needs the parsed page, which never leaves the worker)."""
    if as_json:
        output = json.dumps(doc.to_dict(markdown=markdown), ensure_ascii=False)
    else:
        output = doc.markdown if markdown else doc.body
    return Rendered(doc.error, output, explain_lines(doc) if explain and not doc.error else [])


def _json_line(head: dict[str, Any], doc_json: str) -> str:
    """``{**head, **document}`` as one JSON line, the head's fields first, without re-encoding the document."""
    if not head:
        return doc_json + "\n"
    return json.dumps(head, ensure_ascii=False)[:-1] + ", " + doc_json[1:] + "\n"


def list_rules(cleaner: Cleaner, stream: IO[str]) -> None:
    for rule in cleaner.ruleset:
        print(f"{rule.id}\t{rule.category}\t{','.join(rule.languages)}\t{rule.path}\t{rule.why}", file=stream)


# --------------------------------------------------------------------------- reading inputs


@dataclass(slots=True)
class Item:
    """What stays in the main process about one document while a worker cleans it."""

    #: how diagnostics name it: a path, ``path:line`` or ``path#offset``
    label: str
    #: fields put before the Document in a JSON record (``source``, ``id``...)
    head: dict[str, Any] = field(default_factory=dict)
    #: False for a file that could not be read at all: a diagnostic, but no output record
    emit: bool = True
    #: bytes of the source (for MB/s) and input bytes read so far (for the ETA)
    size: int = 0
    pos: int = 0


def _os_message(name: str, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return f"{name}: {reason}" if not str(exc).startswith(name) else str(exc)


def read_input(name: str, limit: int | None = None) -> bytes:
    """The bytes of one input (at most ``limit``); raises ``OSError`` with a readable message."""
    if name == "-":
        return sys.stdin.buffer.read() if limit is None else sys.stdin.buffer.read(limit)
    if os.path.isdir(name):
        raise IsADirectoryError(f"{name}: is a directory")
    with open(name, "rb") as fh:
        return fh.read() if limit is None else fh.read(limit)


def expand_paths(names: Sequence[str], pattern: str) -> Iterator[str | Failed]:
    """Named files as given; directories walked recursively in sorted order, keeping the
    files whose name matches ``pattern``. Symlinked directories are not followed."""
    for name in names:
        if name != "-" and os.path.isdir(name):
            yield from _walk(name, pattern)
        else:
            yield name


def _walk(top: str, pattern: str) -> Iterator[str | Failed]:
    try:
        with os.scandir(top) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Failed(_os_message(top, exc))
        return
    for entry in entries:
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(entry.path, pattern)
        elif fnmatch.fnmatchcase(entry.name, pattern):
            yield entry.path


def _total_bytes(paths: Sequence[str | Failed]) -> int | None:
    total = 0
    for p in paths:
        if isinstance(p, Failed):
            continue
        if p == "-":
            return None
        try:
            total += os.path.getsize(p)
        except OSError:
            pass
    return total


def _open_binary(name: str) -> IO[bytes]:
    if name == "-":
        return sys.stdin.buffer
    if os.path.isdir(name):
        raise IsADirectoryError(f"{name}: is a directory")
    return open(name, "rb")


def _opened(paths: Iterator[str | Failed]) -> Iterator[tuple[str, IO[bytes] | None, tuple[Item, Task] | None]]:
    """Each input opened for reading: ``(name, stream, None)``, or ``(name, None, failure)``
    where ``failure`` is the item to report when the path cannot be listed or opened."""
    for name in paths:
        if isinstance(name, Failed):
            yield "", None, (Item("", emit=False), Task(name))
            continue
        try:
            yield name, _open_binary(name), None
        except OSError as exc:
            yield name, None, (Item(name, emit=False), Task(Failed(_os_message(name, exc))))


def _size_of(name: str) -> int:
    return os.path.getsize(name) if name != "-" and os.path.exists(name) else 0


def file_items(paths: Iterator[str | Failed], args: argparse.Namespace, limit: int | None) -> Iterator[tuple[Item, Task]]:
    """One page per file."""
    pos = 0
    for name in paths:
        if isinstance(name, Failed):
            yield Item("", emit=False), Task(name)
            continue
        try:
            data = read_input(name, limit)
        except OSError as exc:
            yield Item(name, emit=False), Task(Failed(_os_message(name, exc)))
            continue
        pos += len(data)
        yield Item(name, {"source": name}, size=len(data), pos=pos), Task(data, args.kind, args.url)


def jsonl_items(paths: Iterator[str | Failed], args: argparse.Namespace, limit: int | None) -> Iterator[tuple[Item, Task]]:
    """One page per JSON Lines record; ``.gz`` files are decompressed."""
    done = 0
    fields = [args.field] if args.field else ["html", "text"]
    for name, raw, failure in _opened(paths):
        if raw is None:
            yield failure  # type: ignore[misc]
            continue
        lineno = 0
        try:
            with ExitStack() as stack:
                if name != "-":
                    stack.enter_context(raw)
                stream: IO[bytes] = stack.enter_context(gzip.open(raw)) if name.endswith(".gz") else raw  # type: ignore[assignment,arg-type]
                for line in stream:
                    lineno += 1
                    if not line.strip():
                        continue
                    label = f"{name}:{lineno}"
                    pos = done + (raw.tell() if name != "-" else 0)
                    yield _jsonl_record(line, label, fields, args, limit, pos)
        except (OSError, EOFError, ValueError) as exc:  # unreadable or a broken .gz
            yield Item(f"{name}:{lineno + 1}", emit=False), Task(Failed(f"{name}:{lineno + 1}: {exc}"))
        done += _size_of(name)


def _jsonl_record(
    line: bytes, label: str, fields: list[str], args: argparse.Namespace, limit: int | None, pos: int
) -> tuple[Item, Task]:
    head: dict[str, Any] = {"id": None, "source": label}
    try:
        record = json.loads(line)
    except ValueError as exc:
        return Item(label, head, pos=pos), Task(Failed(f"not a JSON record ({exc})"))
    if not isinstance(record, dict):
        return Item(label, head, pos=pos), Task(Failed(f"not a JSON object but a {type(record).__name__}"))
    head["id"] = record.get(args.id_field)
    page = next((record[f] for f in fields if f in record), None)
    url = record.get(args.url_field) if isinstance(record.get(args.url_field), str) else args.url
    if not isinstance(page, str):
        missing = f"no field {' or '.join(map(repr, fields))}" if page is None else f"field is a {type(page).__name__}"
        return Item(label, head, pos=pos), Task(Failed(f"{missing}; choose the page's field with --field"), url=url)
    if limit is not None and len(page) > limit:
        page = page[:limit]
    return Item(label, head, size=len(page), pos=pos), Task(page, args.kind, url)


def warc_items(paths: Iterator[str | Failed], args: argparse.Namespace, limit: int | None) -> Iterator[tuple[Item, Task]]:
    """One page per WARC response/resource record (HTML) or WET conversion record (text)."""
    done = 0
    for name, raw, failure in _opened(paths):
        if raw is None:
            yield failure  # type: ignore[misc]
            continue
        offset = 0
        try:
            with raw if name != "-" else ExitStack():
                for page in iter_warc(raw, limit=limit):
                    offset = page.offset
                    head = {"id": page.url, "source": name, "warc_record_id": page.record_id}
                    pos = done + (raw.tell() if name != "-" else 0)
                    item = Item(f"{name}#{page.offset}", head, size=len(page.page), pos=pos)
                    yield item, Task(page.page, page.kind if args.kind == "auto" else args.kind, page.url or args.url)
        except CleanerError as exc:
            yield Item(name, emit=False), Task(Failed(f"{name}: {exc}"))
        except Exception as exc:  # noqa: BLE001 - warcio raises several kinds on a corrupt file
            yield Item(name, emit=False), Task(Failed(f"{name}: not a readable WARC after offset {offset} ({exc})"))
        done += _size_of(name)


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(exc.code or 0)
    if (args.field or args.id_field != "id" or args.url_field != "url") and not args.jsonl:
        parser.print_usage(sys.stderr)
        print("cleaner: error: --field, --id-field and --url-field need --jsonl", file=sys.stderr)
        return EXIT_USAGE
    diag = _Diagnostics()
    if args.warc:
        try:
            import warcio  # noqa: F401
        except ImportError:
            diag.say("--warc needs the warcio package: pip install 'cleaner[warc]'")
            return EXIT_INPUT
    if args.format == "markdown":
        args.markdown = True
    elif args.format == "json":
        args.json = True
    if (args.links or args.images or args.emphasis or not args.md_title) and not args.markdown:
        parser.print_usage(sys.stderr)
        print("cleaner: error: --links, --images, --emphasis and --no-title shape the Markdown: add --format markdown (or --markdown)", file=sys.stderr)
        return EXIT_USAGE
    disabled = [d.strip() for item in args.disable for d in item.split(",") if d.strip()]
    try:
        cleaner = Cleaner(
            args.rules,
            disable=disabled,
            defaults=not args.no_default_rules,
            max_size=args.max_size or None,
            links=args.links,
            images=args.images,
            emphasis=args.emphasis,
            markdown_title=args.md_title,
        )
    except CleanerError as exc:
        diag.say(str(exc))
        return EXIT_INPUT
    if args.list_rules:
        try:
            list_rules(cleaner, sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
        return EXIT_OK
    return _run(cleaner, args, diag)


def _run(cleaner: Cleaner, args: argparse.Namespace, diag: _Diagnostics) -> int:
    names = args.files or ["-"]
    paths: Iterator[str | Failed] = expand_paths(names, args.glob)
    show = args.progress if args.progress is not None else _isatty(sys.stderr)
    if show:
        listed = list(paths)  # a stat per file, for the ETA; only when someone watches
        diag.progress = Progress(sys.stderr, _total_bytes(listed))
        paths = iter(listed)
    limit = args.max_size + 1 if args.max_size else None  # one byte more, so the cap still flags truncation
    reader = jsonl_items if args.jsonl else warc_items if args.warc else file_items
    as_json = args.json or args.jsonl or args.warc
    workers = args.jobs or default_workers()
    status = EXIT_OK
    first = True
    out = sys.stdout
    convert = partial(render, as_json=as_json, explain=args.explain, markdown=args.markdown)
    results = clean_tasks(cleaner, reader(paths, args, limit), workers=workers, convert=convert)
    try:
        with closing(results):  # type: ignore[type-var]
            for item, shown in results:
                if shown.error:
                    status = EXIT_INPUT
                    diag.say(shown.error if not item.emit else f"{item.label}: {shown.error}")
                if not item.emit:
                    continue
                if shown.explain:
                    diag.explain(item.label, shown.explain)
                if as_json:
                    out.write(_json_line(item.head, shown.output))
                elif shown.output:
                    out.write(("" if first else "\n") + shown.output + "\n")
                    first = False
                out.flush()  # a record at a time: an interrupted run keeps everything written
                if diag.progress:
                    diag.progress.update(item.size, item.pos)
        if diag.progress:
            diag.progress.finish()
        return status
    except BrokenPipeError:
        # the reader went away (`cleaner big.txt | head -1`): stop quietly
        _silence_stdout()
        return status
    except KeyboardInterrupt:
        if diag.progress:
            diag.progress.finish()
        diag.say("interrupted; the records written so far are complete")
        try:
            out.flush()
        except (BrokenPipeError, ValueError):
            pass
        return EXIT_INTERRUPTED


def _silence_stdout() -> None:
    """After a closed pipe: point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (tests)
        pass


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
