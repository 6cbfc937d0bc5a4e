"""The ``cleaner`` command: a thin layer over :class:`cleaner.Cleaner`.

Only content goes to stdout; diagnostics go to stderr as one line each, naming the input.
Exit status: 0 success, 1 an input could not be read or cleaned (the other inputs are still
processed) or a rule file is invalid (nothing is read; every problem is listed), 2 usage
error, 130 interrupted (what was written is kept).

Inputs are read lazily, in a fixed order (arguments in the order given, directories walked
in sorted order), cleaned by ``-j`` processes through :func:`cleaner._batch.clean_tasks`,
and written in that same order, one flushed record at a time. A file on disk is read by the
worker that cleans it (only its path is sent); standard input, JSON Lines and WARC records
are read here.
"""

from __future__ import annotations

import argparse
import fnmatch
import io
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
from ._batch import Failed, OnDisk, Read, Task, _os_message, _Prefixed, clean_tasks, default_workers, iter_warc
from ._batch import read_input
from ._decode import DECOMPRESSION_ERRORS, compression, open_decompressed
from ._errors import DISTRIBUTION, CleanerError, RuleError, a_type
from ._model import Document
from ._rules import STRUCTURAL, UnknownName

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
#: documents per message to a worker: each message costs the parent about 0.3 ms, and the
#: parent shares the CPUs with the workers; 8 pages still keep the last chunks short
CHUNKSIZE = 8


EPILOG = f"""\
examples:
  cleaner page.html > body.txt                    one page
  cat page.html | cleaner --explain               standard input; what was removed, on stderr
  cleaner a.html b.txt.gz                         several files: a header line each, form feeds between
  cleaner --json *.html > docs.jsonl              one JSON Document per line
  cleaner -j 0 --json --glob '*.html' crawl/      a directory, recursively, on every CPU
  cleaner --jsonl pages.jsonl > docs.jsonl        JSON Lines in and out
  cleaner --warc CC-MAIN-*.warc.gz > docs.jsonl   WARC/WET files (pip install '{DISTRIBUTION}[warc]')

Several inputs in plain output: each document starts with a line '==> NAME <==' (unless
--no-header) and documents are separated by a line holding one form feed (\\f), which no
body contains. Exit status: 0 ok, 1 an input could not be read (the others are still
processed) or a rule file is invalid (nothing is read), 2 usage error.

Documentation (batch input, rule files, JSON fields, reliability):
  https://pypi.org/project/{DISTRIBUTION}/ and the docs/ folder of its source archive
  (pip download --no-deps --no-binary :all: {DISTRIBUTION}).
"""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleaner",
        description=(
            "Print the body of web articles (plain text or HTML) without boilerplate.\n"
            "Files may be gzip-, bzip2- or xz-compressed (recognised by content, not by name)."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _input_arguments(p)
    _output_arguments(p)
    _cleaning_arguments(p)
    p.add_argument("--version", action=_Version, nargs=0, help="show the version and whether the compiled modules run, and exit")
    return p


class _Version(argparse.Action):
    """``--version``, saying whether HTML is walked by the compiled module (for bug
    reports); worked out only when asked, so that other runs do not load lxml for it."""

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from ._html_blocks import COMPILED
        from ._scoring import _ctext

        walk = "compiled" if COMPILED else "Python"
        text = "Python" if _ctext is None else "compiled"
        print(f"cleaner {__version__} (HTML walk: {walk}; text measures: {text})")
        parser.exit()


def _input_arguments(p: argparse.ArgumentParser) -> None:
    """What to read and how many processes read it."""
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
        f"(needs: pip install '{DISTRIBUTION}[warc]')",
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


def _output_arguments(p: argparse.ArgumentParser) -> None:
    """What to print: the body, Markdown or the whole Document, and the removed blocks."""
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the whole Document as JSON, one object per line (= --format json)")
    p.add_argument(
        "--no-header",
        action="store_true",
        help="several inputs in plain output: no '==> NAME <==' line before each document (the form feed between them stays)",
    )
    out.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        help="text: the body (default); markdown: the article as Markdown; json: the whole Document",
    )
    md = p.add_argument_group("Markdown output")
    md.add_argument(
        "--markdown", action="store_true", help="print Markdown (= --format markdown); with JSON, add the 'markdown' field"
    )
    md.add_argument("--links", action="store_true", help="Markdown: links as [text](url), resolved against --url or <base href>")
    md.add_argument("--images", action="store_true", help="Markdown: images as ![alt](src)")
    md.add_argument("--emphasis", action="store_true", help="Markdown: *emphasis* and **strong** text")
    md.add_argument("--no-title", dest="md_title", action="store_false", help="Markdown: no '# Title' line at the top")
    p.add_argument("--explain", action="store_true", help="list removed blocks (category, rule, text) on stderr")


def _cleaning_arguments(p: argparse.ArgumentParser) -> None:
    """How to read the input and which rules to clean it with."""
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
        help="switch off a category, a rule id or a structural id (repeatable, or comma-separated; see --list-rules)",
    )
    p.add_argument("--list-rules", action="store_true", help="list the loaded rules and the structural signals, and exit")
    p.add_argument(
        "--max-size",
        type=_size,
        default=DEFAULT_MAX_SIZE,
        metavar="BYTES",
        help=f"cut inputs larger than this (decompressed size for compressed files), say so on stderr "
        f"and flag them truncated (default {DEFAULT_MAX_SIZE}; 0 = no cap)",
    )


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
    """What ``--explain`` says about one document: each removed block, and the reason."""
    lines = []
    for r in doc.removed:
        text = r.text if len(r.text) <= 100 else r.text[:97] + "..."
        lines.append(f"removed [{r.category}] {r.rule}: {text}")
    if doc.reason:
        lines.append(doc.reason)
    return lines


class Rendered(NamedTuple):
    """One document as the CLI prints it, made in the worker process (see :func:`render`)."""

    error: str | None
    #: the JSON object (``--json``), or the body
    output: str
    explain: list[str]
    #: cut at the size cap (said on stderr, always)
    truncated: bool = False


def render(doc: Document, *, as_json: bool, explain: bool, markdown: bool = False) -> Rendered:
    """Serialize in the worker: ``to_dict()`` and ``json.dumps`` cost about as much as cleaning
    a small page, and would make the main process the bottleneck (Markdown is made here too:
    it needs the parsed page, which never leaves the worker)."""
    if as_json:
        output = doc.to_json(markdown=markdown)
    else:
        output = doc.markdown if markdown else doc.body
    return Rendered(doc.error, output, explain_lines(doc) if explain and not doc.error else [], doc.truncated)


def _json_line(head: dict[str, Any], doc_json: str) -> str:
    """``{**head, **document}`` as one JSON line, the head's fields first, without re-encoding the document."""
    if not head:
        return doc_json + "\n"
    return json.dumps(head, ensure_ascii=False)[:-1] + ", " + doc_json[1:] + "\n"


def list_rules(cleaner: Cleaner, stream: IO[str]) -> None:
    """One line per rule, then one per structural signal (marked ``structural`` where a
    rule names its file); tab-separated: id, category, languages, file, why."""
    for rule in cleaner.ruleset:
        print(f"{rule.id}\t{rule.category}\t{','.join(rule.languages)}\t{rule.path}\t{rule.why}", file=stream)
    for signal in STRUCTURAL.values():
        print(f"{signal.id}\t{signal.category or 'boilerplate'}\t*\tstructural\t{signal.why}", file=stream)


# --------------------------------------------------------------------------- reading inputs


@dataclass(slots=True)
class Item:
    """What stays in the main process about one document while a worker cleans it."""

    #: how diagnostics name it: a path, ``path:line`` or ``path#offset``
    label: str
    #: fields put before the Document in a JSON record (``id``, ``warc_record_id``)
    head: dict[str, Any] = field(default_factory=dict)
    #: False for a file that could not be read at all: a diagnostic, but no output record
    emit: bool = True
    #: bytes of the source (for MB/s) and input bytes read so far (for the ETA)
    size: int = 0
    pos: int = 0
    #: what to say about it on stderr before its output (a compressed file cut short...)
    notes: list[str] = field(default_factory=list)


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
    """One page per file (compressed files decompressed, see :func:`read_input`). A file on
    disk is read by the worker that cleans it (:class:`OnDisk`); standard input, here."""
    pos = 0
    sizes = getattr(args, "progress_sizes", True)  # a stat per file, only for the progress line
    for name in paths:
        if isinstance(name, Failed):
            yield Item("", emit=False), Task(name)
            continue
        if name != "-":
            pos += _size_of(name) if sizes else 0
            yield Item(name, pos=pos), Task(OnDisk(name, limit), args.kind, args.url, name=name)
            continue
        try:
            data, problem = read_input(name, limit)
        except OSError as exc:
            yield Item(name, emit=False), Task(Failed(_os_message(name, exc)))
            continue
        pos += len(data)
        if problem and not data:
            yield Item(name, pos=pos), Task(Failed(f"the input is {problem}"), url=args.url, name=name)
            continue
        notes = [f"{problem}; cleaned what it held"] if problem else []
        yield Item(name, size=len(data), pos=pos, notes=notes), Task(data, args.kind, args.url, name=name)


#: an unreadable file, or a corrupt compressed one
_BROKEN: tuple[type[Exception], ...] = (*DECOMPRESSION_ERRORS, ValueError)


def jsonl_items(paths: Iterator[str | Failed], args: argparse.Namespace, limit: int | None) -> Iterator[tuple[Item, Task]]:
    """One page per JSON Lines record; compressed files (gzip, bzip2, xz) are decompressed."""
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
                head = raw.read(16)
                packed = compression(head)
                stream: Any = io.BufferedReader(_Prefixed(head, raw))
                if packed is not None:
                    stream = stack.enter_context(open_decompressed(stream, packed))
                for line in stream:
                    lineno += 1
                    if not line.strip():
                        continue
                    label = f"{name}:{lineno}"
                    pos = done + (raw.tell() if name != "-" else 0)
                    yield _jsonl_record(line, label, fields, args, limit, pos)
        except _BROKEN as exc:  # unreadable, or a broken .gz/.bz2/.xz
            yield Item(f"{name}:{lineno + 1}", emit=False), Task(Failed(f"{name}:{lineno + 1}: {exc}"))
        done += _size_of(name)


def _jsonl_record(
    line: bytes, label: str, fields: list[str], args: argparse.Namespace, limit: int | None, pos: int
) -> tuple[Item, Task]:
    head: dict[str, Any] = {"id": None}
    try:
        record = json.loads(line)
    except ValueError as exc:
        return Item(label, head, pos=pos), Task(Failed(f"not a JSON record ({exc})"), name=label)
    if not isinstance(record, dict):
        return Item(label, head, pos=pos), Task(Failed(f"not a JSON object but {a_type(record)}"), name=label)
    head["id"] = record.get(args.id_field)
    page = next((record[f] for f in fields if f in record), None)
    url = record.get(args.url_field) if isinstance(record.get(args.url_field), str) else args.url
    if not isinstance(page, str):
        missing = f"no field {' or '.join(map(repr, fields))}" if page is None else f"field is {a_type(page)}"
        return Item(label, head, pos=pos), Task(Failed(f"{missing}; choose the page's field with --field"), url=url, name=label)
    if limit is not None and len(page) > limit:
        page = page[:limit]
    return Item(label, head, size=len(page), pos=pos), Task(page, args.kind, url, name=label)


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
                    head = {"id": page.url, "warc_record_id": page.record_id}
                    pos = done + (raw.tell() if name != "-" else 0)
                    item = Item(f"{name}#{page.offset}", head, size=len(page.page), pos=pos)
                    kind = page.kind if args.kind == "auto" else args.kind
                    yield item, Task(page.page, kind, page.url or args.url, name=name)
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
            diag.say(f"--warc needs the warcio package: pip install '{DISTRIBUTION}[warc]'")
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
    except UnknownName as exc:
        diag.say(f"error: {exc}")
        return EXIT_USAGE
    except RuleError as exc:  # fail fast, before any input is read: every problem, one line each
        for problem in exc.problems:
            diag.say(problem)
        return EXIT_INPUT
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
    if "-" in names and _isatty(sys.stdin):
        diag.say("reading a page from standard input (end it with Ctrl-D); see cleaner --help for files and options")
    paths: Iterator[str | Failed] = expand_paths(names, args.glob)
    show = args.progress if args.progress is not None else _isatty(sys.stderr)
    if show:
        listed = list(paths)  # a stat per file, for the ETA; only when someone watches
        diag.progress = Progress(sys.stderr, _total_bytes(listed))
        paths = iter(listed)
    args.progress_sizes = show
    limit = args.max_size + 1 if args.max_size else None  # one byte more, so the cap still flags truncation
    reader = jsonl_items if args.jsonl else warc_items if args.warc else file_items
    as_json = args.json or args.jsonl or args.warc
    several = len(names) > 1 or any(n != "-" and os.path.isdir(n) for n in names)
    writer = _Writer(sys.stdout, as_json=as_json, headers=several and not args.no_header, separate=several)
    workers = args.jobs or default_workers()
    status = EXIT_OK
    convert = partial(render, as_json=as_json, explain=args.explain, markdown=args.markdown)
    results = clean_tasks(
        cleaner, reader(paths, args, limit), workers=workers, chunksize=CHUNKSIZE, convert=convert, notes=True
    )
    try:
        with closing(results):  # type: ignore[type-var]
            for item, (shown, notes, read) in results:
                if read is not None:
                    _was_read(item, read)
                if not _report(diag, item, shown, notes, args.max_size):
                    status = EXIT_INPUT
                if item.emit:
                    writer.write(item, shown)
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
            sys.stdout.flush()
        except (BrokenPipeError, ValueError):
            pass
        return EXIT_INTERRUPTED


def _was_read(item: Item, read: Read) -> None:
    """What the worker found reading an :class:`OnDisk` file."""
    item.size = read.size
    item.emit = read.readable


def _report(diag: _Diagnostics, item: Item, shown: Rendered, notes: list[str], cap: int) -> bool:
    """Say on stderr, one line each, what went wrong or was done to one document; False if
    it could not be cleaned."""
    for note in [*item.notes, *notes]:
        diag.say(f"{item.label}: {note}")
    if shown.error:
        diag.say(shown.error if not item.emit else f"{item.label}: {shown.error}")
    if not item.emit:
        return not shown.error
    if shown.explain:
        diag.explain(item.label, shown.explain)
    if shown.truncated and not shown.error:
        diag.say(f"{item.label}: larger than --max-size {cap} bytes (decompressed, if compressed): only its first {cap} bytes were cleaned")
    return not shown.error


class _Writer:
    """stdout, one record at a time (flushed: an interrupted run keeps everything written).

    JSON: one line per document. Plain: the bodies; with several inputs, documents are
    separated by a line holding one form feed (no body contains one) and, with
    ``headers``, each starts with a ``==> NAME <==`` line, as ``head`` and ``tail`` do.
    """

    def __init__(self, out: IO[str], *, as_json: bool, headers: bool, separate: bool) -> None:
        self.out = out
        self.as_json = as_json
        self.headers = headers
        self.separate = separate
        self.first = True

    def write(self, item: Item, shown: Rendered) -> None:
        if self.as_json:
            self.out.write(_json_line(item.head, shown.output))
        elif not shown.error:
            parts = [] if self.first or not self.separate else ["\f\n"]
            if self.headers:
                parts.append(f"==> {item.label} <==\n")
            if shown.output:
                parts.append(shown.output + "\n")
            elif not self.separate:
                return
            self.out.write("".join(parts))
            self.first = False
        self.out.flush()


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
