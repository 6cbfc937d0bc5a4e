"""HTML benchmark: cleaner against trafilatura, readability-lxml and jusText, in one process.

Runs every extractor over the 181 pages of the development corpus
(``../shared/data/scrapinghub/html``), scores them with the corpus metric (see
``metric.py``) and times each one page by page, so cleaner's time is reported as a ratio to
trafilatura's from the same run on the same machine::

    python benchmarks/html_bench.py                 # table
    python benchmarks/html_bench.py --plot docs/html-benchmark.png --worst 15

Competitors are optional (``pip install -e '.[bench]'``); a missing one is skipped.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from metric import load_ground_truth, load_html_pages, score_corpus, score_document  # noqa: E402

Extractor = Callable[[bytes], str]


def cleaner_extractor(every_field: bool = False) -> Extractor:
    """cleaner's body; with ``every_field``, ``removed`` (made on first read) is read too."""
    from cleaner import Cleaner

    c = Cleaner()
    if not every_field:
        return lambda html: c.clean(html, kind="html").body

    def run(html: bytes) -> str:
        doc = c.clean(html, kind="html")
        _ = doc.removed, doc.metadata
        return doc.body

    return run


def trafilatura_extractor(fast: bool = False) -> Extractor | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def run(html: bytes) -> str:
        return trafilatura.extract(html, fast=fast, include_comments=False) or ""

    return run


def readability_extractor() -> Extractor | None:
    try:
        import lxml.html
        from readability import Document
    except ImportError:
        return None

    def run(html: bytes) -> str:
        summary = Document(html).summary(html_partial=True)
        return " ".join(lxml.html.fromstring(summary).itertext())

    return run


def justext_extractor() -> Extractor | None:
    try:
        import justext
    except ImportError:
        return None
    stop = frozenset().union(*(justext.get_stoplist(name) for name in justext.get_stoplists()))

    def run(html: bytes) -> str:
        return "\n\n".join(p.text for p in justext.justext(html, stop) if not p.is_boilerplate)

    return run


def full_text_extractor() -> Extractor:
    import lxml.html

    def run(html: bytes) -> str:
        root = lxml.html.fromstring(html)
        for bad in root.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        return root.text_content()

    return run


def extractors() -> dict[str, Extractor]:
    found: dict[str, Extractor | None] = {
        "cleaner": cleaner_extractor(),
        "cleaner, all fields": cleaner_extractor(every_field=True),
        "trafilatura": trafilatura_extractor(),
        "trafilatura (fast)": trafilatura_extractor(fast=True),
        "readability-lxml": readability_extractor(),
        "jusText": justext_extractor(),
        "full page text": full_text_extractor(),
    }
    for name, ex in found.items():
        if ex is None:
            print(f"skipping {name}: not installed (pip install -e '.[bench]')", file=sys.stderr)
    return {k: v for k, v in found.items() if v is not None}


def run(names: list[str] | None, worst: int, plot: str | None, repeat: int) -> None:
    truth = load_ground_truth()
    pages = load_html_pages()
    ids = sorted(truth)
    table = []
    per_page: dict[str, list[tuple[float, str]]] = {}
    for name, ex in extractors().items():
        if names and name not in names:
            continue
        times: list[float] = []
        scores = []
        for pid in ids:
            best = float("inf")
            for _ in range(repeat):
                t0 = time.perf_counter()
                out = ex(pages[pid])
                best = min(best, time.perf_counter() - t0)
            times.append(best)
            s = score_document(out, truth[pid])
            scores.append(s)
            per_page.setdefault(name, []).append((s.f1, pid))
        c = score_corpus(scores)
        table.append((name, c, statistics.median(times) * 1000, sum(times) * 1000 / len(times)))
    ref = next((row for row in table if row[0] == "trafilatura"), None)
    print(f"{len(ids)} pages; median of per-page times (best of {repeat})\n")
    print("| extractor | F1 | precision | recall | accuracy | median ms/page | mean ms/page | time vs trafilatura |")
    print("|---|---|---|---|---|---|---|---|")
    for name, c, med, mean in table:
        ratio = f"{med / ref[2]:.2f}×" if ref else "–"
        print(f"| {name} | {c.f1:.3f} | {c.precision:.3f} | {c.recall:.3f} | {c.accuracy:.3f} | {med:.2f} | {mean:.2f} | {ratio} |")
    if worst and "cleaner" in per_page:
        print(f"\nworst {worst} pages for cleaner (F1, id):")
        for f1, pid in sorted(per_page["cleaner"])[:worst]:
            print(f"  {f1:.3f}  {pid}")
    if plot:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(7, 4.5))
        for n, (name, c, med, _) in enumerate(table):
            if name == "cleaner, all fields":
                continue  # next to "cleaner" on this scale: the table has it
            ax.scatter(med, c.f1, s=60, color="tab:red" if name == "cleaner" else "tab:blue")
            # alternate label sides so neighbouring points stay readable
            ax.annotate(name, (med, c.f1), textcoords="offset points", xytext=(6, 6 if n % 2 == 0 else -14), fontsize=9)
        ax.set_xscale("log")
        ax.set_xlabel("median ms per page (log scale, same run)")
        ax.set_ylabel("F1 (4-gram shingles)")
        ax.set_title(f"Article body from HTML: {len(ids)} development pages")
        ax.grid(True, alpha=0.3)
        fig.tight_layout()
        fig.savefig(plot, dpi=120)
        print(f"\nwrote {plot}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", help="run only this extractor (repeatable)")
    ap.add_argument("--worst", type=int, default=0, help="list cleaner's N worst pages")
    ap.add_argument("--plot", help="write an F1-vs-time PNG here")
    ap.add_argument("--repeat", type=int, default=3, help="time each page this many times, keep the best")
    args = ap.parse_args()
    run(args.only, args.worst, args.plot, args.repeat)


if __name__ == "__main__":
    main()
