"""Every speed figure of the project in one run, each as a ratio to a reference measured in
the same run (absolute times on a shared machine swing by 2× from hour to hour).

1. Plain text, body: cleaner against the efficient C4 line filter (``baselines.c4_filter``)
   and against the floor "read and split into lines", on the text dumps of both dev sets.
2. HTML, body and every field: cleaner's median per-page time against trafilatura's, and
   against the floor "lxml parse alone", on the pages of both dev sets.
3. Cold start: one page through the CLI in a fresh process, against
   ``python -c 'import cleaner'``.
4. Batch: ``cleaner --json -j 2`` against ``-j 1`` on every dev-set file (HTML and text of
   both sets), output checked identical.

    python benchmarks/speed.py                     # everything
    python benchmarks/speed.py --skip batch --repeat 5
    python benchmarks/speed.py --skip html --skip cold --skip batch --cpu   # text, by CPU time

Times are best-of-``--repeat`` passes over the pages (per page for HTML, per pass for
text). What the extractors remember between documents is emptied before each pass
(``caches.py``): otherwise a page's second run would find its own strings remembered,
which a batch of distinct pages does not.
"""

from __future__ import annotations

import argparse
import atexit
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(SRC))

from caches import forget  # noqa: E402
from metric import DATA, TRAFEVAL, load_html_pages, load_text_pages, load_trafeval  # noqa: E402


#: bytecode for the fresh processes, as an installed package has it (pip compiles on install);
#: without it a machine that sets PYTHONDONTWRITEBYTECODE times Python's source compiler
_PYCACHE = tempfile.mkdtemp(prefix="cleaner-speed-pycache-")
atexit.register(shutil.rmtree, _PYCACHE, ignore_errors=True)


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = _PYCACHE
    return env


def text_pages() -> list[str]:
    return list(load_text_pages().values()) + [p.text() for p in load_trafeval()]


def html_pages() -> list[bytes]:
    return list(load_html_pages().values()) + [p.html() for p in load_trafeval()]


#: what in-process runs are timed with: wall time, or with ``--cpu`` this process's CPU
#: time (steadier on a shared machine: time spent waiting for a core is not counted)
CLOCK: Callable[[], float] = time.perf_counter


#: the packages whose between-document caches are emptied before each timing pass (see caches.py)
FORGET = ("cleaner", "trafilatura", "htmldate", "courlan", "justext")


def best_passes(
    fns: dict[str, Callable[[str], object]], pages: list[str], repeat: int
) -> dict[str, float]:
    """Each function's best pass over ``pages``; the passes take turns, so that a swing in
    the machine's load falls on all of them alike. What the extractors remember between
    documents is emptied before each pass (see ``caches.py``)."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(repeat):
        for name, fn in fns.items():
            forget(FORGET)
            t0 = CLOCK()
            for page in pages:
                fn(page)
            best[name] = min(best[name], CLOCK() - t0)
    return best


def text_speed(repeat: int) -> None:
    from baselines import c4_filter

    from cleaner import Cleaner

    c = Cleaner()
    pages = text_pages()
    mb = sum(len(p.encode("utf-8")) for p in pages) / 1e6

    def every_field(t: str) -> object:
        doc = c.clean(t, kind="text")
        return doc.removed, doc.metadata

    c.clean(pages[0], kind="text").removed  # the rule patterns a pass needs compile on first use
    rows = best_passes(
        {
            "read + split lines (floor)": lambda t: [ln.strip() for ln in t.splitlines()],
            "C4 line filter (reference)": c4_filter,
            "cleaner, body": lambda t: c.clean(t, kind="text").body,
            "cleaner, every field": every_field,
        },
        pages,
        repeat,
    )
    ref = rows["C4 line filter (reference)"]
    print(f"\n## Plain text: {len(pages)} pages, {mb:.1f} MB (UTF-8), best of {repeat} passes\n")
    print("| system | seconds | MB/s | time ÷ C4 |\n|---|---|---|---|")
    for name, s in rows.items():
        print(f"| {name} | {s:.3f} | {mb / s:.1f} | {s / ref:.2f}× |")


def html_speed(repeat: int) -> None:
    from lxml import etree

    from cleaner import Cleaner

    c = Cleaner()
    pages = html_pages()
    parser = etree.HTMLParser(remove_comments=True, recover=True, encoding="utf-8")

    def every_field(h: bytes) -> object:
        doc = c.clean(h, kind="html")
        return doc.removed, doc.metadata

    systems: dict[str, Callable[[bytes], object]] = {
        "lxml parse alone (floor)": lambda h: etree.fromstring(h, parser) if h.strip() else None,
        "cleaner, body": lambda h: c.clean(h, kind="html").body,
        "cleaner, every field": every_field,
    }
    try:
        import trafilatura

        systems["trafilatura (reference)"] = lambda h: trafilatura.extract(h, include_comments=False)
    except ImportError:
        print("trafilatura is not installed: no HTML reference (pip install -e '.[bench]')", file=sys.stderr)
    times = {name: [float("inf")] * len(pages) for name in systems}
    names = list(systems)
    for turn in range(repeat):
        # passes over the pages, no page run twice in a row by one system, its caches from
        # the pass before emptied; every system on a page before the next page, in an order
        # that turns from page to page (the first run on a page finds the host's caches cold)
        forget(FORGET)
        for i, h in enumerate(pages):
            k = (i + turn) % len(names)
            for name in names[k:] + names[:k]:
                t0 = CLOCK()
                systems[name](h)
                times[name][i] = min(times[name][i], CLOCK() - t0)
    medians = {name: statistics.median(ts) for name, ts in times.items()}
    ref = medians.get("trafilatura (reference)")
    print(f"\n## HTML: {len(pages)} pages, median of each page's best of {repeat} passes, systems by turns on each page\n")
    print("| system | median ms/page | time ÷ trafilatura |\n|---|---|---|")
    for name, m in medians.items():
        ratio = f"{m / ref:.2f}×" if ref else "–"
        print(f"| {name} | {m * 1000:.2f} | {ratio} |")


def _wall(cmd: list[str], repeat: int, **kw: object) -> float:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=_env(), **kw)  # type: ignore[call-overload]  # writes the bytecode
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=_env(), **kw)  # type: ignore[call-overload]
        best = min(best, time.perf_counter() - t0)
    return best


def cold_start(repeat: int) -> None:
    page = DATA / "html" / sorted(os.listdir(DATA / "html"))[0]
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "page.html"
        html.write_bytes(gzip.decompress(page.read_bytes()))
        imp = _wall([sys.executable, "-c", "import cleaner"], repeat)
        one = _wall([sys.executable, "-m", "cleaner", str(html)], repeat)
    print(f"\n## Cold start: best of {repeat} fresh processes\n")
    print("| command | wall s | ÷ import |\n|---|---|---|")
    print(f"| python -c 'import cleaner' | {imp:.3f} | 1.00× |")
    print(f"| python -m cleaner page.html | {one:.3f} | {one / imp:.2f}× |")


def batch(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "pages"  # outputs go beside it, never into the folder being cleaned
        root.mkdir()
        n = 0
        for i, t in enumerate(text_pages()):
            (root / f"{i:04d}.txt").write_text(t, encoding="utf-8")
            n += 1
        for i, h in enumerate(html_pages()):
            (root / f"{i:04d}.html").write_bytes(h)
            n += 1
        outs = {}
        walls = {}
        for jobs in (1, 2):
            out = root.parent / f"out-{jobs}.jsonl"
            best = float("inf")
            for _ in range(repeat):
                t0 = time.perf_counter()
                with open(out, "wb") as fh:
                    subprocess.run(
                        [sys.executable, "-m", "cleaner", "--json", "--no-progress", "-j", str(jobs), str(root)],
                        check=True, stdout=fh, env=_env(),
                    )
                best = min(best, time.perf_counter() - t0)
            walls[jobs] = best
            outs[jobs] = out.read_bytes()
    same = "identical" if outs[1] == outs[2] else "DIFFERENT"
    print(f"\n## Batch: `cleaner --json -j N` on {n} files, best of {repeat}; outputs {same}\n")
    print("| -j | wall s | files/s | speed-up |\n|---|---|---|---|")
    for jobs, w in walls.items():
        print(f"| {jobs} | {w:.2f} | {n / w:.1f} | {walls[1] / w:.2f}× |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip", action="append", default=[], choices=("text", "html", "cold", "batch"))
    ap.add_argument("--cpu", action="store_true", help="time in-process passes by this process's CPU time, not wall time")
    args = ap.parse_args()
    if args.cpu:
        global CLOCK
        CLOCK = time.process_time
    if not (DATA / "ground-truth.json").is_file() or not (TRAFEVAL / "truth.json").is_file():
        print(f"development sets not found next to the repository ({DATA.parent})", file=sys.stderr)
        return 1
    import cleaner._html_blocks as hb

    import cleaner._scoring as sc

    walk = "compiled" if hb.COMPILED else "Python"
    text = "compiled" if sc._ctext is not None else "Python"
    print(
        f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; python {sys.version.split()[0]}; "
        f"HTML walk: {walk}; text measures: {text}"
    )
    for name, fn in (("text", text_speed), ("html", html_speed), ("cold", cold_start), ("batch", batch)):
        if name not in args.skip:
            fn(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
