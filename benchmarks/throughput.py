"""Batch throughput and memory: ``Cleaner.clean_many`` with 1..N workers, and the CLI's peak
memory on a large JSON Lines batch against a small one.

Pages are the development corpus (``../shared/data/scrapinghub``: its 181 plain-text dumps
and 181 HTML pages), repeated to ``--pages`` documents and interleaved. ``--repeat`` rounds
run every worker count in turn, and each count keeps its best run (the machine is shared)::

    PYTHONPATH=src python benchmarks/throughput.py                   # throughput + memory
    PYTHONPATH=src python benchmarks/throughput.py --pages 500 --no-memory
    PYTHONPATH=src python benchmarks/throughput.py --no-throughput --memory-docs 100,10000

Memory: for each size a JSON Lines file of text pages is written to a temporary directory
and cleaned by the CLI (``cleaner --jsonl FILE -j N > /dev/null``) in a fresh Python
process, which then reports the peak RSS of itself (the CLI's main process: VmHWM) and of
its children (the largest worker: ``getrusage(RUSAGE_CHILDREN).ru_maxrss``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(SRC))

DATA = HERE.parents[1] / "shared" / "data" / "scrapinghub"

# Runs the CLI in a fresh process and reports peak RSS in KiB. Linux keeps a process's
# ru_maxrss across exec, so RUSAGE_SELF would show the benchmark's own size (it forked this
# process); the high-water mark of the process's own memory is /proc/self/status VmHWM.
_MEASURE = """
import os, re, resource, sys
from cleaner.cli import main
sys.stdout = open(os.devnull, "w")
rc = main(sys.argv[1:])
try:
    me = int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
except (OSError, AttributeError):
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(rc, me, kids, file=sys.stderr)
"""


def corpus(data: Path = DATA) -> list[bytes]:
    texts = [p.read_bytes() for p in sorted((data / "text").glob("*.txt"))]
    htmls = [gzip.decompress(p.read_bytes()) for p in sorted((data / "html").glob("*.html.gz"))]
    if not texts and not htmls:
        sys.exit(f"no corpus at {data}")
    mixed: list[bytes] = []
    for i in range(max(len(texts), len(htmls))):
        mixed += [t[i] for t in (texts, htmls) if i < len(t)]
    return mixed


def _ok(doc: Any) -> bool:
    return doc.error is None


def throughput(pages: list[bytes], workers: int, body_only: bool = False) -> float:
    """Seconds for one ``clean_many`` run over ``pages`` (pool start-up included).

    Every field is read: with workers, documents come back whole, while in one process
    ``removed`` and ``metadata`` would otherwise never be computed (they are made on first
    read), and 1 worker would do less work than N. With ``body_only`` the workers keep only
    what a corpus job keeps (``convert``), in one process as in many.
    """
    from cleaner import Cleaner

    cleaner = Cleaner()
    start = time.perf_counter()
    n = 0
    if body_only:
        n = sum(cleaner.clean_many(pages, workers=workers, convert=_ok))
    else:
        for doc in cleaner.clean_many(pages, workers=workers):
            _ = doc.removed, doc.metadata
            n += doc.error is None
    took = time.perf_counter() - start
    assert n == len(pages), f"{len(pages) - n} pages failed"
    return took


def peak_memory(docs: int, jobs: int, tmp: Path) -> tuple[int, int, float]:
    """(main process KiB, largest worker KiB, seconds) for the CLI on ``docs`` JSON Lines records."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "text").glob("*.txt"))]
    path = tmp / f"batch-{docs}.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i, text in enumerate(islice(cycle(texts), docs)):
            fh.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, "--jsonl", "--no-progress", "-j", str(jobs), str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    took = time.perf_counter() - start
    rc, me, kids = proc.stderr.split()[-3:]
    if rc != "0":
        raise SystemExit(f"the CLI failed on {path}: {proc.stderr}")
    return int(me), int(kids), took


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=3000, help="documents per throughput run (default 3000)")
    ap.add_argument("--workers", default=None, help="comma-separated worker counts (default 1..CPUs)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds; each worker count keeps its best (default 3)")
    ap.add_argument("--memory-docs", default="100,10000", help="JSON Lines batch sizes for the memory run")
    ap.add_argument("--jobs", type=int, default=0, help="-j for the memory run (default: one per CPU)")
    ap.add_argument("--no-throughput", action="store_true")
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument("--body-only", action="store_true", help="workers keep only the body (clean_many's convert)")
    args = ap.parse_args(argv)

    from cleaner._batch import default_workers

    cpus = default_workers()
    print(f"machine: {cpus} CPUs, load average {os.getloadavg()[0]:.2f}; python {sys.version.split()[0]}")
    if not args.no_throughput:
        base = corpus()
        pages = list(islice(cycle(base), args.pages))
        mb = sum(map(len, pages)) / 1e6
        counts = [int(w) for w in args.workers.split(",")] if args.workers else list(range(1, cpus + 1))
        print(f"\nthroughput: {len(pages)} pages ({mb:.1f} MB; corpus of {len(base)} repeated), best of {args.repeat}")
        # rounds alternate the worker counts, so that each count meets the same background load
        best = {w: float("inf") for w in counts}
        for r in range(args.repeat):
            for w in counts:
                took = throughput(pages, w, args.body_only)
                best[w] = min(best[w], took)
                print(f"  round {r + 1}: {w} worker(s) {len(pages) / took:.1f} pages/s", file=sys.stderr, flush=True)
        print("| workers | pages/s | MB/s | speed-up |\n|---|---|---|---|")
        for w in counts:
            rate = len(pages) / best[w]
            print(f"| {w} | {rate:.1f} | {mb / best[w]:.2f} | {best[counts[0]] / best[w]:.2f}× |", flush=True)
    if not args.no_memory:
        jobs = args.jobs or cpus
        sizes = [int(n) for n in args.memory_docs.split(",")]
        print(f"\npeak memory of `cleaner --jsonl FILE -j {jobs}` (text pages, getrusage max RSS)")
        print("| documents | main process | largest worker | time |\n|---|---|---|---|")
        results = {}
        with tempfile.TemporaryDirectory() as tmp:
            for n in sizes:
                me, kids, took = peak_memory(n, jobs, Path(tmp))
                results[n] = max(me, kids)
                print(f"| {n} | {me / 1024:.1f} MiB | {kids / 1024:.1f} MiB | {took:.0f} s |", flush=True)
        if len(sizes) >= 2:
            small, large = min(sizes), max(sizes)
            print(f"\n{large} docs / {small} docs peak: {results[large] / results[small]:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
