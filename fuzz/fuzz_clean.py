"""Fuzzing entry point for cleaner (atheris, the ``fuzz`` extra).

    pip install -e '.[fuzz]'
    python fuzz/fuzz_clean.py -max_total_time=300 -rss_limit_mb=4096 fuzz/corpus

Each input is cleaned as bytes (auto, text, html) and as decoded text. Anything but a
``Document`` (or a ``CleanerError`` for what the caller must fix) is a crash: atheris saves
the input as ``crash-*``; turn it into a regression test under ``tests/hostile/``.
"""

from __future__ import annotations

import sys
import warnings

import atheris

with atheris.instrument_imports():
    from cleaner import CleanerError, Document, clean

warnings.simplefilter("ignore")  # rule timeouts warn; that is not a crash


def TestOneInput(data: bytes) -> None:  # noqa: N802 - the name atheris expects
    fdp = atheris.FuzzedDataProvider(data)
    choice = fdp.ConsumeIntInRange(0, 3)
    rest = fdp.ConsumeBytes(fdp.remaining_bytes())
    try:
        if choice == 3:
            doc = clean(rest.decode("utf-8", errors="surrogateescape"), kind="auto")
        else:
            doc = clean(rest, kind=("auto", "text", "html")[choice])
    except CleanerError:
        return
    assert isinstance(doc, Document)
    doc.body.encode("utf-8")
    doc.to_dict()


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
