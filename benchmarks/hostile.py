"""Hostile-input benchmark: time and peak memory of odd shapes against ordinary pages.

Every hostile input is compared with an ordinary article of the same kind (text or HTML)
and the same byte size; the ratios say whether a shape costs more than its size. Each run
happens in a fresh subprocess that reads its input from a file, so the peak-RSS numbers
are the cleaner's own (``VmHWM`` minus ``VmRSS`` just before ``clean``).

    PYTHONPATH=src python benchmarks/hostile.py              # full sizes (several minutes)
    PYTHONPATH=src python benchmarks/hostile.py --scale 0.1  # a quick look
    PYTHONPATH=src python benchmarks/hostile.py --only br,links --json out.json

The generators are also used by ``tests/hostile`` at smaller sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_WORDS = (
    "the of and to a in is that for it as was with be by on not he she this are or his her from "
    "at which but have an they you were their has had been one its we who will would there more "
    "if when what so can said about than into after also government minister report city council "
    "people year market water school police hospital court river bridge election budget farmers "
    "study scientists researchers village museum company workers prices energy weather train"
).split()


def _prose(rnd: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = [rnd.choice(_WORDS) for _ in range(rnd.randint(8, 22))]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


# --------------------------------------------------------------------------- generators
# Each takes a scale (1.0 = the size named in issue 5) and returns (kind, bytes).


def ordinary_text(size: int, seed: int = 1) -> bytes:
    """An ordinary article as plain text: a few menu lines, a headline, paragraphs, a footer,
    repeated until ``size`` bytes."""
    rnd = random.Random(seed)
    parts: list[str] = []
    n = 0
    while n < size:
        chunk = "Home\nNews\nSport\nWeather\n\nHeadline about the city council budget\n\n"
        for _ in range(12):
            chunk += _prose(rnd, rnd.randint(2, 6)) + "\n\n"
        chunk += "Share this article\nCopyright 2024 The Daily Example\n\n"
        parts.append(chunk)
        n += len(chunk.encode())
    return "".join(parts).encode()[:size]


def ordinary_html(size: int, seed: int = 1) -> bytes:
    """An ordinary article page: nav, article with headline and paragraphs, aside, footer;
    more paragraphs until ``size`` bytes."""
    rnd = random.Random(seed)
    head = (
        "<!doctype html><html><head><meta charset='utf-8'><title>A story - The Daily Example</title></head><body>"
        "<nav><ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(10)) + "</ul></nav>"
        "<article class='story'><h1>Headline about the city council budget</h1><p class='byline'>By A. Writer</p>"
    )
    tail = "</article><aside><h2>Related</h2><ul><li><a href='/r'>Another story</a></li></ul></aside><footer><p>Copyright 2024</p></footer></body></html>"
    parts = [head]
    n = len(head) + len(tail)
    while n < size:
        p = f"<p>{_prose(rnd, rnd.randint(2, 6))}</p>\n"
        parts.append(p)
        n += len(p)
    parts.append(tail)
    return "".join(parts).encode()


def nested_divs(scale: float) -> tuple[str, bytes]:
    n = max(10, int(100_000 * scale))
    body = "<div>" * n + "<p>" + _prose(random.Random(2), 4) + "</p>" + "</div>" * n
    return "html", f"<html><body>{body}</body></html>".encode()


def many_brs(scale: float) -> tuple[str, bytes]:
    n = max(10, int(200_000 * scale))
    rnd = random.Random(3)
    lines = "".join(f"{rnd.choice(_WORDS)} {rnd.choice(_WORDS)}<br>\n" for _ in range(n))
    return "html", f"<html><body><p>{lines}</p></body></html>".encode()


def big_table(scale: float) -> tuple[str, bytes]:
    n = max(10, int(1_000_000 * scale))
    rows = "".join(f"<tr><td>{i}</td><td>row {i % 97}</td></tr>" for i in range(n))
    return "html", f"<html><body><table>{rows}</table></body></html>".encode()


def single_line(scale: float) -> tuple[str, bytes]:
    size = max(1000, int(20_000_000 * scale))
    data = ordinary_text(size, seed=4).replace(b"\n", b" ")
    return "text", data


def big_text(scale: float) -> tuple[str, bytes]:
    return "text", ordinary_text(max(1000, int(50_000_000 * scale)), seed=5)


def many_links(scale: float) -> tuple[str, bytes]:
    n = max(10, int(100_000 * scale))
    links = "".join(f"<a href='/story/{i}'>Story number {i}</a> " for i in range(n))
    return "html", f"<html><body><div>{links}</div><p>{_prose(random.Random(6), 5)}</p></body></html>".encode()


def regex_bait(scale: float) -> tuple[str, bytes]:
    """Lines made of the words and separators the shipped rule patterns look for: long runs
    of one trigger word (up to the 3,000 characters rules see), and short lines that pass
    every trigger gate, so every pattern runs on material it partly matches."""
    from cleaner._rules import load_rules

    words = sorted({t for r in load_rules() for t in r.triggers} | {"support", "email", "newsletter", "the"})
    rnd = random.Random(7)
    size = max(1000, int(5_000_000 * scale))
    out: list[str] = []
    n = 0
    seps = [" ", "  ", "\t", "-", "", ". ", ": "]
    while n < size:
        w = rnd.choice(words)
        sep = rnd.choice(seps)
        if rnd.random() < 0.3:
            line = (w + sep) * max(1, 2990 // (len(w) + len(sep) or 1)) + rnd.choice(["", "!", ":", "x", "."])
        else:
            line = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 12))) + rnd.choice(["", "!", ":", " →", "?"])
        out.append(line)
        n += len(line.encode()) + 1
    return "text", "\n".join(out).encode()


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    make: Callable[[float], tuple[str, bytes]]


CASES: tuple[Case, ...] = (
    Case("nested-divs", "100,000 nested <div>s", nested_divs),
    Case("brs", "200,000 <br>s", many_brs),
    Case("table", "a 1,000,000-row table", big_table),
    Case("single-line", "20 MB on one line, no newline", single_line),
    Case("big-text", "50 MB of ordinary text (baseline: 1 MB, scaled)", big_text),
    Case("links", "a page of 100,000 links", many_links),
    Case("regex-bait", "5 MB of rule trigger words and runs", regex_bait),
)


def baseline(kind: str, size: int) -> bytes:
    return ordinary_html(size) if kind == "html" else ordinary_text(size)


# --------------------------------------------------------------------------- measuring


def _kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def child(path: str, kind: str) -> None:
    """Run in the subprocess: clean the file once, print time and memory as JSON."""
    import warnings

    from cleaner import clean

    clean("Warm up.\n\nThe rules are loaded and compiled before the clock starts, as in a batch run.")
    data = Path(path).read_bytes()
    before = _kib("VmRSS")
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = clean(data, kind=kind, max_size=None)
        _ = doc.removed, doc.metadata  # computed on first read: the bound covers them too
    seconds = time.perf_counter() - t0
    peak = _kib("VmHWM")
    print(json.dumps({"seconds": seconds, "peak_kib": peak, "growth_kib": max(0, peak - before), "body": len(doc.body), "removed": len(doc.removed)}))


def measure(data: bytes, kind: str, tmp: Path) -> dict[str, float]:
    path = tmp / "input.bin"
    path.write_bytes(data)
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path), kind], capture_output=True, text=True, env=env, check=False
    )
    if out.returncode != 0:
        raise RuntimeError(f"child failed ({out.returncode}): {out.stderr.strip()[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(scale: float, only: set[str] | None) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for case in CASES:
            if only and case.name not in only:
                continue
            kind, data = case.make(scale)
            size = len(data)
            hostile = measure(data, kind, tmp)
            if case.name == "big-text":
                unit = max(1000, size // 50)
                base = measure(baseline(kind, unit), kind, tmp)
                factor = size / unit
                base = {"seconds": base["seconds"] * factor, "growth_kib": base["growth_kib"] * factor}
            else:
                base = measure(baseline(kind, size), kind, tmp)
            del data
            row = {
                "case": case.name,
                "what": case.what,
                "kind": kind,
                "mb": round(size / 1e6, 2),
                "seconds": round(hostile["seconds"], 2),
                "base_seconds": round(base["seconds"], 2),
                "time_ratio": round(hostile["seconds"] / max(base["seconds"], 1e-3), 2),
                "growth_mb": round(hostile["growth_kib"] / 1024, 1),
                "base_growth_mb": round(base["growth_kib"] / 1024, 1),
                "memory_ratio": round((hostile["growth_kib"] + 1024) / (base["growth_kib"] + 1024), 2),
            }
            rows.append(row)
            print(
                f"{row['case']:12s} {row['mb']:8.2f} MB  {row['seconds']:7.2f}s vs {row['base_seconds']:7.2f}s "
                f"(x{row['time_ratio']:.2f})  +{row['growth_mb']:7.1f} MB vs +{row['base_growth_mb']:7.1f} MB "
                f"(x{row['memory_ratio']:.2f})",
                file=sys.stderr,
                flush=True,
            )
    return rows


def markdown(rows: list[dict[str, object]]) -> str:
    lines = [
        "| case | input | size (MB) | time (s) | ordinary (s) | time ratio | memory growth (MB) | ordinary (MB) | memory ratio |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['case']} | {r['what']} | {r['mb']} | {r['seconds']} | {r['base_seconds']} | {r['time_ratio']} "
            f"| {r['growth_mb']} | {r['base_growth_mb']} | {r['memory_ratio']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scale", type=float, default=1.0, help="input sizes relative to issue 5's (default 1.0)")
    p.add_argument("--only", default="", help="comma-separated case names")
    p.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    p.add_argument("--child", nargs=2, metavar=("FILE", "KIND"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    only = {s.strip() for s in args.only.split(",") if s.strip()} or None
    rows = run(args.scale, only)
    print(markdown(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
