"""HTML benchmark: cleaner against trafilatura, readability-lxml and jusText, in one process,
on both development sets.

- ScrapingHub (``../shared/data/scrapinghub``, 181 English news pages): the shingle metric
  (see ``metric.py``); its truth leaves standfirsts out.
- trafeval-dev (``../shared/data/trafeval-dev``, 516 pages of the open web, ~70% German):
  the snippet metric; its truth wants the whole article. Also broken down by language and
  by page kind (guessed from the URL and the markup, see :func:`page_kind`).

Every extractor runs over the same pages in the same process, in ``--repeat`` passes over
them; each page's best time is kept (what the extractors remember between documents is
emptied before each pass: ``caches.py``), so cleaner's time is a ratio to trafilatura's
from the same run::

    python benchmarks/html_bench.py                       # both sets, every extractor
    python benchmarks/html_bench.py --only cleaner --only trafilatura --worst 20
    python benchmarks/html_bench.py --sets trafeval --breakdown
    python benchmarks/html_bench.py --plot docs/html-benchmark.png

Competitors are optional (``pip install -e '.[bench]'``); a missing one is skipped.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from caches import forget  # noqa: E402
from metric import (  # noqa: E402
    TrafevalPage,
    load_ground_truth,
    load_html_pages,
    load_trafeval,
    score_corpus,
    score_document,
    score_snippets,
    sum_snippets,
)

Extractor = Callable[[bytes], str]


def cleaner_extractor(every_field: bool = False) -> Extractor:
    """cleaner's body; with ``every_field``, ``removed`` and ``metadata`` are read too."""
    from cleaner import Cleaner

    c = Cleaner()
    if not every_field:
        return lambda html: c.clean(html, kind="html").body

    def run(html: bytes) -> str:
        doc = c.clean(html, kind="html")
        _ = doc.removed, doc.metadata  # made on first read: reading them is the cost measured
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
        try:
            summary = Document(html).summary(html_partial=True)
            return " ".join(lxml.html.fromstring(summary).itertext())
        except Exception:  # readability raises on some empty or odd pages: score it as empty
            return ""

    return run


def justext_extractor() -> Extractor | None:
    try:
        import justext
    except ImportError:
        return None
    stop = frozenset().union(*(justext.get_stoplist(name) for name in justext.get_stoplists()))

    def run(html: bytes) -> str:
        try:
            return "\n\n".join(p.text for p in justext.justext(html, stop) if not p.is_boilerplate)
        except Exception:  # jusText raises on some unparsable pages: score it as empty
            return ""

    return run


def full_text_extractor() -> Extractor:
    import lxml.html

    def run(html: bytes) -> str:
        try:
            root = lxml.html.fromstring(html)
        except Exception:  # an empty document
            return ""
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


# ------------------------------------------------------------------ page kinds, languages

_KIND_URL: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("legal", r"impressum|datenschutz|privacy|agb|terms|disclaimer|legal|nutzungsbedingungen"),
        ("forum/Q&A", r"forum|thread|viewtopic|showthread|/questions?/|/t/|community|board"),
        ("recipe", r"rezept|recipe|receta|recette|ricetta|kochen|backen"),
        ("shop/product", r"shop|produkt|product|/p/|artikel-?nr|/dp/|store|kaufen"),
        ("blog", r"blog|wordpress|/\d{4}/\d{2}/"),
        ("news", r"news|nachrichten|artikel|article|story|zeitung|/politik/|/sport/|noticia"),
    )
)
_KIND_MARKUP: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("recipe", r'"@type"\s*:\s*"Recipe"|itemtype="https?://schema\.org/Recipe"'),
        ("shop/product", r'"@type"\s*:\s*"Product"|itemtype="https?://schema\.org/Product"|og:type"\s+content="product'),
        ("forum/Q&A", r'"@type"\s*:\s*"(?:QAPage|DiscussionForumPosting)"|phpbb|vbulletin|xenforo|discourse'),
        ("news", r'"@type"\s*:\s*"(?:NewsArticle|ReportageNewsArticle)"'),
        ("blog", r'"@type"\s*:\s*"BlogPosting"|generator"\s+content="(?:WordPress|Blogger)'),
    )
)
_LANG_ATTR = re.compile(rb"<html[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3})(?![A-Za-z])", re.I)


def page_kind(url: str, html: bytes) -> str:
    """A rough page kind from the markup (structured data, generator), else the URL."""
    head = html[:300_000].decode("utf-8", "replace")
    for kind, pattern in _KIND_MARKUP:
        if pattern.search(head):
            return kind
    for kind, pattern in _KIND_URL:
        if pattern.search(url):
            return kind
    return "other"


def page_language(html: bytes) -> str:
    """The declared ``<html lang>``, else cleaner's guess, else "?"."""
    m = _LANG_ATTR.search(html[:20_000])
    if m:
        return m.group(1).decode().lower()
    from cleaner import clean

    guess = clean(html, kind="html").metadata.language
    return guess.split("-")[0].lower() if guess else "?"


# ------------------------------------------------------------------------- the run


@dataclass
class SetResult:
    """One extractor on one set: its corpus score line, per-page scores and times."""

    summary: str
    f1: float
    times: list[float] = field(default_factory=list)
    per_page: dict[str, tuple[float, str]] = field(default_factory=dict)


#: the packages whose between-document caches are emptied before each timing pass
FORGET = ("cleaner", "trafilatura", "htmldate", "courlan", "justext", "readability")


def timed(ex: Extractor, htmls: list[bytes], repeat: int) -> list[tuple[str, float]]:
    """Each page's output and fastest time over ``repeat`` passes over the pages, with what
    the extractors remember between documents emptied before each pass (see ``caches.py``):
    no page is run twice in a row, nor finds its own strings from the pass before."""
    best = [float("inf")] * len(htmls)
    outs = [""] * len(htmls)
    for _ in range(repeat):
        forget(FORGET)
        for i, html in enumerate(htmls):
            t0 = time.perf_counter()
            outs[i] = ex(html)
            best[i] = min(best[i], time.perf_counter() - t0)
    return list(zip(outs, best))


def run_scrapinghub(ex: Extractor, repeat: int) -> SetResult:
    truth = load_ground_truth()
    pages = load_html_pages()
    result = SetResult("", 0.0)
    scores = []
    ids = sorted(truth)
    for pid, (out, t) in zip(ids, timed(ex, [pages[pid] for pid in ids], repeat)):
        s = score_document(out, truth[pid])
        scores.append(s)
        result.times.append(t)
        result.per_page[pid] = (s.f1, f"P {s.precision or 0:.3f} R {s.recall or 0:.3f}")
    c = score_corpus(scores)
    result.f1 = c.f1
    result.summary = f"| {c.f1:.3f} | {c.precision:.3f} | {c.recall:.3f} |"
    return result


def run_trafeval(ex: Extractor, repeat: int, pages: list[TrafevalPage], html: dict[str, bytes]) -> tuple[SetResult, dict]:
    result = SetResult("", 0.0)
    scores = {}
    empty = 0
    for p, (out, t) in zip(pages, timed(ex, [html[p.file] for p in pages], repeat)):
        s = scores[p.file] = score_snippets(out, p)
        result.times.append(t)
        bad = s.fn + s.fp
        result.per_page[p.file] = (-bad, f"fn {s.fn} fp {s.fp}")
        empty += bool(p.with_) and not out.strip()
    total = sum_snippets(scores.values())
    result.f1 = total.f1
    result.summary = f"| {total.f1:.3f} | {total.precision:.3f} | {total.recall:.3f} | {empty} |"
    return result, scores


def breakdown(name_scores: dict[str, dict], groups: dict[str, str], title: str, names: list[str]) -> None:
    """F1 per group (language or page kind) for each extractor, largest groups first."""
    members: dict[str, list[str]] = defaultdict(list)
    for f, g in groups.items():
        members[g].append(f)
    order = sorted(members, key=lambda g: (-len(members[g]), g))
    print(f"\ntrafeval-dev by {title} (F1 of the snippet metric):\n")
    print(f"| {title} | pages | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for g in order:
        cells = [f"{sum_snippets(name_scores[n][f] for f in members[g]).f1:.3f}" for n in names]
        print(f"| {g} | {len(members[g])} | " + " | ".join(cells) + " |")


def report(label: str, rows: dict[str, SetResult], header: str, worst: int) -> None:
    ref = rows.get("trafilatura")
    ref_med = statistics.median(ref.times) if ref else None
    print(f"\n{label}\n\n{header}\n" + "|---" * (header.count("|") - 1) + "|")
    for name, r in rows.items():
        med = statistics.median(r.times) * 1000
        ratio = f"{med / (ref_med * 1000):.2f}×" if ref_med else "–"
        print(f"| {name} {r.summary} {med:.2f} | {ratio} |")
    if worst and "cleaner" in rows:
        print(f"\nworst {worst} pages for cleaner:")
        for key, (score, detail) in sorted(rows["cleaner"].per_page.items(), key=lambda kv: (kv[1][0], kv[0]))[:worst]:
            print(f"  {detail:24s} {key}")


def run(args: argparse.Namespace) -> dict[str, dict[str, SetResult]]:
    chosen = {k: v for k, v in extractors().items() if not args.only or k in args.only}
    results: dict[str, dict[str, SetResult]] = {"scrapinghub": {}, "trafeval": {}}
    if "scrapinghub" in args.sets:
        for name, ex in chosen.items():
            results["scrapinghub"][name] = run_scrapinghub(ex, args.repeat)
        report(
            "ScrapingHub: 181 English news pages, shingle metric; median of each page's best of "
            f"{args.repeat} passes",
            results["scrapinghub"],
            "| extractor | F1 | precision | recall | median ms/page | time vs trafilatura |",
            args.worst,
        )
    if "trafeval" in args.sets:
        pages = load_trafeval()
        html = {p.file: p.html() for p in pages}
        snippet_scores = {}
        for name, ex in chosen.items():
            results["trafeval"][name], snippet_scores[name] = run_trafeval(ex, args.repeat, pages, html)
        report(
            f"trafeval-dev: {len(pages)} open-web pages, snippet metric; median of each page's best of "
            f"{args.repeat} passes",
            results["trafeval"],
            "| extractor | F1 | precision | recall | empty bodies | median ms/page | time vs trafilatura |",
            args.worst,
        )
        if args.breakdown:
            names = [n for n in chosen if n != "cleaner, all fields"]
            by_url = {p.file: p.key for p in pages}
            breakdown(snippet_scores, {f: page_language(h) for f, h in html.items()}, "language", names)
            breakdown(snippet_scores, {f: page_kind(by_url[f], h) for f, h in html.items()}, "page kind", names)
    return results


def plot(results: dict[str, dict[str, SetResult]], path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sets = [s for s in ("scrapinghub", "trafeval") if results[s]]
    fig, axes = plt.subplots(1, len(sets), figsize=(6.5 * len(sets), 4.5), squeeze=False)
    for ax, s in zip(axes[0], sets):
        for n, (name, r) in enumerate(results[s].items()):
            if name == "cleaner, all fields":
                continue  # next to "cleaner" on this scale: the table has it
            med = statistics.median(r.times) * 1000
            ax.scatter(med, r.f1, s=60, color="tab:red" if name == "cleaner" else "tab:blue")
            ax.annotate(name, (med, r.f1), textcoords="offset points", xytext=(6, 6 if n % 2 == 0 else -14), fontsize=9)
        ax.set_xscale("log")
        ax.set_xlabel("median ms per page (log scale, same run)")
        ax.set_ylabel("F1")
        ax.set_title({"scrapinghub": "ScrapingHub (181 pages, shingles)", "trafeval": "trafeval-dev (516 pages, snippets)"}[s])
        ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    print(f"\nwrote {path}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", help="run only this extractor (repeatable)")
    ap.add_argument("--sets", nargs="+", choices=("scrapinghub", "trafeval"), default=["scrapinghub", "trafeval"])
    ap.add_argument("--worst", type=int, default=10, help="list cleaner's N worst pages per set")
    ap.add_argument("--breakdown", action="store_true", help="trafeval-dev F1 by language and by page kind")
    ap.add_argument("--plot", help="write an F1-vs-time PNG here")
    ap.add_argument("--repeat", type=int, default=3, help="time each page this many times, keep the best")
    args = ap.parse_args()
    import cleaner._html_blocks as hb

    print(f"cleaner's HTML walk: {'compiled' if hb.COMPILED else 'Python'} (docs/compiled.md)\n")
    results = run(args)
    if args.plot:
        plot(results, args.plot)


if __name__ == "__main__":
    main()
