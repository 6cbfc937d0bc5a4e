"""The ``cleaner`` command: a thin layer over :class:`cleaner.Cleaner`.

Only content goes to stdout; diagnostics go to stderr as one line each. Exit status:
0 success, 1 an input could not be read or a rule file is invalid (other inputs are still
processed), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import IO, Any

from . import __version__
from ._api import DEFAULT_MAX_SIZE, Cleaner
from ._errors import CleanerError
from ._model import Document

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleaner",
        description="Print the body of web articles (plain text or HTML) without boilerplate.",
        epilog="Examples: cleaner page.txt | cat page.html | cleaner --explain - | cleaner --json *.html",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="input files; '-' or nothing reads standard input")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the whole Document as JSON, one object per line")
    p.add_argument("--explain", action="store_true", help="list removed blocks (category, rule, text) on stderr")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--html", dest="kind", action="store_const", const="html", help="treat input as HTML")
    kind.add_argument("--text", dest="kind", action="store_const", const="text", help="treat input as plain text")
    p.set_defaults(kind="auto")
    p.add_argument("--url", help="the page's URL (recorded in metadata)")
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


def _size(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of bytes: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (no cap) or a positive number of bytes")
    return n


def _say(message: str) -> None:
    print(f"cleaner: {message}", file=sys.stderr)


def read_input(name: str) -> bytes:
    """The bytes of one input; raises ``OSError`` with a readable message."""
    if name == "-":
        return sys.stdin.buffer.read()
    if os.path.isdir(name):
        raise IsADirectoryError(f"{name}: is a directory")
    with open(name, "rb") as fh:
        return fh.read()


def _os_message(name: str, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return f"{name}: {reason}" if not str(exc).startswith(name) else str(exc)


def iter_documents(cleaner: Cleaner, names: Sequence[str], *, kind: str, url: str | None) -> Iterator[tuple[str, Document | None]]:
    """Clean each named input; unreadable ones yield ``None`` after a one-line diagnostic."""
    for name in names:
        try:
            data = read_input(name)
        except OSError as exc:
            _say(_os_message(name, exc))
            yield name, None
            continue
        try:
            doc = cleaner.clean(data, kind=kind, url=url)
        except CleanerError as exc:
            _say(f"{name}: {exc}")
            yield name, None
            continue
        yield name, doc


def _explain(name: str, doc: Document, stream: IO[str]) -> None:
    for r in doc.removed:
        text = r.text if len(r.text) <= 100 else r.text[:97] + "..."
        print(f"{name}: removed [{r.category}] {r.rule}: {text}", file=stream)
    if doc.reason:
        print(f"{name}: {doc.reason}", file=stream)
    if doc.truncated:
        print(f"{name}: input was larger than the size cap and was cut", file=stream)


def list_rules(cleaner: Cleaner, stream: IO[str]) -> None:
    for rule in cleaner.ruleset:
        print(f"{rule.id}\t{rule.category}\t{','.join(rule.languages)}\t{rule.path}\t{rule.why}", file=stream)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(exc.code or 0)
    disabled = [d.strip() for item in args.disable for d in item.split(",") if d.strip()]
    try:
        cleaner = Cleaner(
            args.rules,
            disable=disabled,
            defaults=not args.no_default_rules,
            max_size=args.max_size or None,
        )
    except CleanerError as exc:
        _say(str(exc))
        return EXIT_INPUT
    try:
        if args.list_rules:
            list_rules(cleaner, sys.stdout)
            sys.stdout.flush()
            return EXIT_OK
        status = EXIT_OK
        names = args.files or ["-"]
        first = True
        for name, doc in iter_documents(cleaner, names, kind=args.kind, url=args.url):
            if doc is None:
                status = EXIT_INPUT
                continue
            if args.explain:
                _explain(name, doc, sys.stderr)
            if args.json:
                record: dict[str, Any] = {"source": name, **doc.to_dict()}
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif doc.body:
                if not first:
                    sys.stdout.write("\n")
                sys.stdout.write(doc.body + "\n")
                first = False
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        # the reader went away (`cleaner big.txt | head -1`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
