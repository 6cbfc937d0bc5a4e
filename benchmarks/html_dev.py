"""Scratch evaluation of the HTML block maker on the development benchmark.

Run:  python benchmarks/html_dev.py [--no-baseline] [--show ID]

Prints F1/P/R/accuracy and median ms/page for ``html_blocks`` and (unless
``--no-baseline``) for trafilatura ``extract()`` on the same pages, then the worst pages.
The body is every block without a preset, with ``dom_score >= 0.5``, minus the title block.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # run from a checkout without installing

from metric import TOKEN, DocScore, load_ground_truth, load_html_pages, score_corpus, score_document

from cleaner._html_blocks import html_blocks


def body_of(source: bytes) -> str:
    page = html_blocks(source)
    return "\n\n".join(
        b.text for b in page.blocks if b.preset is None and (b.dom_score or 0) >= 0.5
    )


def report(name: str, scores: dict[str, DocScore], times: list[float]) -> None:
    c = score_corpus(list(scores.values()))
    print(
        f"{name:12s} F1 {c.f1:.4f}  P {c.precision:.4f}  R {c.recall:.4f}  "
        f"acc {c.accuracy:.3f}  n {c.n}  median {statistics.median(times) * 1000:.2f} ms/page  "
        f"mean {statistics.mean(times) * 1000:.2f} ms/page"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-baseline", action="store_true", help="skip trafilatura")
    ap.add_argument("--show", help="print blocks of one page id (prefix)")
    ap.add_argument("--worst", type=int, default=15)
    ap.add_argument("--diff", action="store_true", help="with --show: only wrong blocks")
    args = ap.parse_args(argv)
    pages = load_html_pages()
    truth = load_ground_truth()

    if args.show:
        key = next(k for k in pages if k.startswith(args.show))
        page = html_blocks(pages[key])
        print("TITLE:", page.title_text)
        norm = " ".join(TOKEN.findall(truth[key]))
        for b in page.blocks:
            keep = b.preset is None and (b.dom_score or 0) >= 0.5
            inside = " ".join(TOKEN.findall(b.text)) in norm
            mark = {(True, True): "  ", (False, False): "  ", (True, False): "FP", (False, True): "FN"}
            if args.diff and mark[keep, inside] == "  ":
                continue
            print(
                f"{mark[keep, inside]}{'+' if keep else '-'} {b.kind:7s} g{b.group:<4d} ld{b.link_density:.2f} "
                f"s{b.dom_score} {b.preset} [{b.hints[:60]}] {b.text[:150]!r}"
            )
        print("\nTRUTH:\n", truth[key][:3000])
        print(score_document(body_of(pages[key]), truth[key]))
        return 0

    ours: dict[str, DocScore] = {}
    ours_t: list[float] = []
    for key, html in pages.items():
        t0 = time.perf_counter()
        body = body_of(html)
        ours_t.append(time.perf_counter() - t0)
        ours[key] = score_document(body, truth.get(key, ""))
    report("cleaner", ours, ours_t)

    if not args.no_baseline:
        import trafilatura

        base: dict[str, DocScore] = {}
        base_t: list[float] = []
        for key, html in pages.items():
            t0 = time.perf_counter()
            out = trafilatura.extract(html) or ""
            base_t.append(time.perf_counter() - t0)
            base[key] = score_document(out, truth.get(key, ""))
        report("trafilatura", base, base_t)
        ratio = statistics.median(ours_t) / statistics.median(base_t)
        print(f"speed ratio (median ours / trafilatura): {ratio:.2f}")

    print(f"\nworst {args.worst}:")
    worst = sorted(ours.items(), key=lambda kv: kv[1].f1)[: args.worst]
    for key, s in worst:
        print(
            f"  {key[:12]}  F1 {s.f1:.3f}  P {s.precision or 0:.3f}  R {s.recall or 0:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
