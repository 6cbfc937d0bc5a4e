"""cleaner alone on all four development sets, fast: the loop to run while changing code.

    python benchmarks/dev_eval.py                    # HTML and text, ScrapingHub and trafeval-dev
    python benchmarks/dev_eval.py --only html --worst 20
    python benchmarks/dev_eval.py --only trafeval-text --show FILE-STEM

ScrapingHub is scored with the shingle metric, trafeval-dev with the snippet metric (see
``metric.py``). ``--show`` prints one trafeval page's body and the snippets it misses or
leaks. The published figures come from ``html_bench.py`` and ``text_bench.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from metric import (  # noqa: E402
    fold,
    load_ground_truth,
    load_html_pages,
    load_text_pages,
    load_trafeval,
    score_corpus,
    score_document,
    score_snippets,
    sum_snippets,
)

from cleaner import Cleaner  # noqa: E402

SETS = ("scrapinghub-html", "trafeval-html", "scrapinghub-text", "trafeval-text")


def run_scrapinghub(c: Cleaner, kind: str, worst: int) -> None:
    truth = load_ground_truth()
    pages = load_html_pages() if kind == "html" else load_text_pages()
    scores = {pid: score_document(c.clean(pages[pid], kind=kind).body, truth[pid]) for pid in sorted(truth)}
    s = score_corpus(list(scores.values()))
    print(f"scrapinghub-{kind:4s}  F1 {s.f1:.4f}  P {s.precision:.4f}  R {s.recall:.4f}  n {s.n}")
    for pid, d in sorted(scores.items(), key=lambda kv: kv[1].f1)[:worst]:
        print(f"    {d.f1:.3f}  P {d.precision or 0:.3f}  R {d.recall or 0:.3f}  {pid}")


def run_trafeval(c: Cleaner, kind: str, worst: int) -> None:
    pages = load_trafeval()
    per = {}
    empty = 0
    for p in pages:
        body = c.clean(p.html() if kind == "html" else p.text(), kind=kind).body
        per[p.file] = score_snippets(body, p)
        empty += not body.strip() and bool(p.with_)
    s = sum_snippets(per.values())
    print(
        f"trafeval-{kind:4s}     F1 {s.f1:.4f}  P {s.precision:.4f}  R {s.recall:.4f}  "
        f"(tp {s.tp} fn {s.fn} fp {s.fp})  empty {empty}"
    )
    for f, d in sorted(per.items(), key=lambda kv: (-(kv[1].fn + kv[1].fp), kv[0]))[:worst]:
        print(f"    fn {d.fn} fp {d.fp}  {f}")


def show(c: Cleaner, kind: str, stem: str) -> None:
    page = next(p for p in load_trafeval() if p.file.startswith(stem))
    doc = c.clean(page.html() if kind == "html" else page.text(), kind=kind)
    out = fold(doc.body)
    print(f"# {page.key}\n# title: {doc.title!r}  reason: {doc.reason!r}\n")
    print(doc.body[:6000])
    print("\n# missed:")
    for s in page.with_:
        if fold(s) not in out:
            print("  -", s[:200])
    print("# leaked:")
    for s in page.without + page.comments:
        if fold(s) in out:
            print("  +", s[:200])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", help="html, text, or one of: " + ", ".join(SETS))
    ap.add_argument("--worst", type=int, default=0)
    ap.add_argument("--show", metavar="STEM", help="one trafeval page (with --only trafeval-html/-text)")
    args = ap.parse_args()
    chosen = [s for s in SETS if not args.only or any(o in s for o in args.only)]
    c = Cleaner()
    if args.show:
        show(c, "text" if chosen[0].endswith("text") else "html", args.show)
        return 0
    for name in chosen:
        source, kind = name.split("-")
        (run_scrapinghub if source == "scrapinghub" else run_trafeval)(c, kind, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
