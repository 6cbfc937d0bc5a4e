"""Plain-text benchmark: cleaner and the baselines on the 181 pages of the development corpus.

Runs ``Cleaner().clean(text, kind="text").body`` over every ``text/<id>.txt`` page (and,
as "cleaner, all", the same with ``removed`` and ``metadata`` read too), scores
it against ``ground-truth.json`` with the benchmark's metric (benchmarks/metric.py), and
does the same in the same process for the baselines of benchmarks/baselines.py. Each
system is timed on extraction only (pages already in memory, scoring excluded), several
repeats, median reported.

Usage::

    python benchmarks/text_bench.py
    ... text_bench.py --worst 20          # the 20 worst pages for cleaner
    ... text_bench.py --show <id>         # one page, line by line: verdict vs truth
    ... text_bench.py --repeats 1 --no-baselines
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # run from a checkout without installing

from baselines import baselines
from metric import DATA, CorpusScore, DocScore, load_ground_truth, load_text_pages, score_corpus, score_document, tokens

import cleaner


def timed(fn: Callable[[str], str], pages: dict[str, str], repeats: int) -> tuple[dict[str, str], float]:
    """Run ``fn`` over every page ``repeats`` times; the outputs and the median wall time."""
    times: list[float] = []
    out: dict[str, str] = {}
    for _ in range(max(1, repeats)):
        t0 = time.perf_counter()
        out = {pid: fn(text) for pid, text in pages.items()}
        times.append(time.perf_counter() - t0)
    return out, statistics.median(times)


def score(outputs: dict[str, str], truth: dict[str, str]) -> tuple[CorpusScore, dict[str, DocScore]]:
    per_page = {pid: score_document(body, truth.get(pid, "")) for pid, body in outputs.items()}
    return score_corpus(list(per_page.values())), per_page


def show_page(pid: str, text: str, truth: str, clean: cleaner.Cleaner) -> None:
    """Every line of one page: K(ept)/-(dropped), whether its words are in the truth, the rule."""
    doc = clean.clean(text, kind="text")
    removed = {r.index: r for r in doc.removed}
    truth_tokens = set(tokens(truth))
    lines = [line for line in text.splitlines() if line.strip()]
    print(f"# {pid}  title={doc.title!r}")
    for i, line in enumerate(lines):
        toks = tokens(line)
        in_truth = bool(toks) and sum(t in truth_tokens for t in toks) / len(toks) > 0.8
        verdict = "-" if i in removed else "K"
        mark = "T" if in_truth else " "
        why = removed[i].rule if i in removed else ""
        flag = "!!" if (verdict == "K") != in_truth else "  "
        print(f"{flag}{verdict}{mark} {i:4d} {why[:28]:28s} {line[:150]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help="the scrapinghub directory (default: %(default)s)")
    ap.add_argument("--worst", type=int, default=10, metavar="N", help="list the N worst pages (default 10)")
    ap.add_argument("--repeats", type=int, default=5, help="timing repeats per system (default 5)")
    ap.add_argument("--no-baselines", action="store_true", help="run cleaner only")
    ap.add_argument("--show", metavar="ID", help="print one page line by line with verdicts and exit")
    args = ap.parse_args(argv)

    if not (args.data / "ground-truth.json").is_file():
        print(f"no benchmark data at {args.data}", file=sys.stderr)
        return 1
    truth = load_ground_truth(args.data)
    pages = {pid: text for pid, text in load_text_pages(args.data).items() if pid in truth}
    clean = cleaner.Cleaner()
    if args.show:
        if args.show not in pages:
            print(f"no page {args.show!r}", file=sys.stderr)
            return 2
        show_page(args.show, pages[args.show], truth[args.show], clean)
        return 0

    size_mb = sum(len(t.encode("utf-8")) for t in pages.values()) / 1e6
    def every_field(text: str) -> str:
        doc = clean.clean(text, kind="text")
        _ = doc.removed, doc.metadata  # computed on first read: here they are read too
        return doc.body

    systems: dict[str, Callable[[str], str]] = {
        "cleaner": lambda t: clean.clean(t, kind="text").body,
        "cleaner, all": every_field,
    }
    if not args.no_baselines:
        systems.update(baselines())
        if "justext" not in systems:
            print("justext is not installed: skipping the jusText baseline", file=sys.stderr)

    results: dict[str, tuple[CorpusScore, dict[str, DocScore], float]] = {}
    for name, fn in systems.items():
        outputs, seconds = timed(fn, pages, args.repeats)
        corpus, per_page = score(outputs, truth)
        results[name] = (corpus, per_page, seconds)

    c4_time = results["c4-filter"][2] if "c4-filter" in results else None
    print(f"{len(pages)} pages, {size_mb:.2f} MB of text, median of {args.repeats} runs\n")
    print(f"{'system':16s} {'F1':>6s} {'P':>6s} {'R':>6s} {'acc':>6s} {'time s':>8s} {'MB/s':>8s} {'x C4':>7s}")
    for name, (c, _, seconds) in results.items():
        ratio = f"{seconds / c4_time:7.1f}" if c4_time else "      -"
        print(
            f"{name:16s} {c.f1:6.3f} {c.precision:6.3f} {c.recall:6.3f} {c.accuracy:6.3f} "
            f"{seconds:8.3f} {size_mb / seconds:8.1f} {ratio}"
        )

    if args.worst > 0:
        per_page = results["cleaner"][1]
        worst = sorted(per_page.items(), key=lambda kv: (kv[1].f1, kv[0]))[: args.worst]
        print(f"\nworst {len(worst)} pages for cleaner:")
        print(f"{'id':28s} {'F1':>6s} {'P':>6s} {'R':>6s}")
        for pid, s in worst:
            p = "-" if s.precision is None else f"{s.precision:.3f}"
            r = "-" if s.recall is None else f"{s.recall:.3f}"
            print(f"{pid:28s} {s.f1:6.3f} {p:>6s} {r:>6s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
