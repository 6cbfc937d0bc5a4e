"""Plain-text benchmark: cleaner and the baselines on both text development sets, one run.

- **ScrapingHub** (181 English news pages, ``text/<id>.txt``): shingle metric against
  ``ground-truth.json`` (``metric.score_document``), precision and recall averaged over pages.
- **trafeval-dev** (516 open-web pages, ~70% German, ``text/<file>.txt``): snippet metric
  (``metric.score_snippets``), counts summed over pages; also per language.

Every system gets the same page text: ``Cleaner().clean(text, kind="text").body`` (and, as
"cleaner, all", the same with ``removed`` and ``metadata`` read too), and the baselines of
``benchmarks/baselines.py`` (keep-everything, the C4 line filter, jusText). Each system is
timed on extraction only (pages in memory, scoring excluded), over both sets, several repeats,
median reported; speed is UTF-8 megabytes per second and the time as a multiple of the C4
filter's in the same run.

A page's language is its annotated one when the truth has a ``language`` field; trafeval-dev
has none, so it is cleaner's guess (``cleaner._lang.guess_language``) from the page's own
main-content snippets, then from its whole text; ``?`` when there is no clear guess.

Usage::

    python benchmarks/text_bench.py
    ... text_bench.py --worst 20          # the 20 worst pages of each set for cleaner
    ... text_bench.py --show <id>         # one page, line by line: verdict vs truth
    ... text_bench.py --repeats 1 --no-baselines
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # run from a checkout without installing

from baselines import baselines
from caches import forget
from metric import (
    DATA,
    TRAFEVAL,
    CorpusScore,
    DocScore,
    SnippetScore,
    TrafevalPage,
    fold,
    load_ground_truth,
    load_text_pages,
    load_trafeval,
    score_corpus,
    score_document,
    score_snippets,
    sum_snippets,
    tokens,
)

import cleaner
from cleaner._lang import guess_language


@dataclass
class Sets:
    """Both text sets, in memory: ScrapingHub pages and truth, trafeval pages and languages."""

    sh_pages: dict[str, str]
    sh_truth: dict[str, str]
    tv_pages: dict[str, str]
    tv_meta: dict[str, TrafevalPage]
    tv_lang: dict[str, str]
    annotated: int  # how many trafeval languages come from the annotation

    @property
    def megabytes(self) -> float:
        texts = list(self.sh_pages.values()) + list(self.tv_pages.values())
        return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def page_language(page: TrafevalPage, text: str) -> tuple[str, bool]:
    """The page's language and whether it is annotated (else guessed by cleaner)."""
    for key in ("language", "lang"):
        value = page.meta.get(key)
        if isinstance(value, str) and value:
            return value.lower()[:2], True
    guess = guess_language(" ".join(page.with_)) or guess_language(text)
    return guess or "?", False


def load_sets(sh_dir: Path, tv_dir: Path) -> Sets:
    truth = load_ground_truth(sh_dir)
    sh_pages = {pid: text for pid, text in load_text_pages(sh_dir).items() if pid in truth}
    tv_pages: dict[str, str] = {}
    tv_meta: dict[str, TrafevalPage] = {}
    tv_lang: dict[str, str] = {}
    annotated = 0
    for page in load_trafeval(tv_dir):
        text = page.text(tv_dir)
        tv_pages[page.file] = text
        tv_meta[page.file] = page
        tv_lang[page.file], known = page_language(page, text)
        annotated += known
    return Sets(sh_pages, truth, tv_pages, tv_meta, tv_lang, annotated)


def timed(fn: Callable[[str], str], pages: dict[str, str], repeats: int) -> tuple[dict[str, str], list[float]]:
    """Run ``fn`` over every page ``repeats`` times; the outputs and every run's wall time.
    What the extractors remember between documents is emptied before each run (``caches.py``)."""
    times: list[float] = []
    out: dict[str, str] = {}
    for _ in range(max(1, repeats)):
        forget(("cleaner", "justext"))
        t0 = time.perf_counter()
        out = {pid: fn(text) for pid, text in pages.items()}
        times.append(time.perf_counter() - t0)
    return out, times


@dataclass
class Result:
    """One system on both sets: corpus scores, per-page scores and the median time."""

    sh: CorpusScore
    sh_pages: dict[str, DocScore]
    tv: SnippetScore
    tv_pages: dict[str, SnippetScore]
    seconds: float


def run_system(fn: Callable[[str], str], sets: Sets, repeats: int) -> Result:
    sh_out, sh_times = timed(fn, sets.sh_pages, repeats)
    tv_out, tv_times = timed(fn, sets.tv_pages, repeats)
    sh_pages = {pid: score_document(body, sets.sh_truth.get(pid, "")) for pid, body in sh_out.items()}
    tv_pages = {f: score_snippets(body, sets.tv_meta[f]) for f, body in tv_out.items()}
    seconds = statistics.median(a + b for a, b in zip(sh_times, tv_times))
    return Result(score_corpus(list(sh_pages.values())), sh_pages, sum_snippets(tv_pages.values()), tv_pages, seconds)


def print_table(results: dict[str, Result], sets: Sets, repeats: int) -> None:
    size = sets.megabytes
    c4 = results["c4-filter"].seconds if "c4-filter" in results else None
    print(
        f"{len(sets.sh_pages)} ScrapingHub + {len(sets.tv_pages)} trafeval-dev pages, {size:.2f} MB of text (UTF-8), "
        f"median of {repeats} runs over both sets\n"
    )
    print(f"{'':16s} {'ScrapingHub (shingles)':>22s}   {'trafeval-dev (snippets)':>23s}")
    print(f"{'system':16s} {'F1':>6s} {'P':>6s} {'R':>6s}   {'F1':>6s} {'P':>6s} {'R':>6s}   {'time s':>7s} {'MB/s':>6s} {'x C4':>5s}")
    for name, r in results.items():
        ratio = f"{r.seconds / c4:5.1f}" if c4 else "    -"
        print(
            f"{name:16s} {r.sh.f1:6.3f} {r.sh.precision:6.3f} {r.sh.recall:6.3f}   "
            f"{r.tv.f1:6.3f} {r.tv.precision:6.3f} {r.tv.recall:6.3f}   {r.seconds:7.3f} {size / r.seconds:6.1f} {ratio}"
        )


def print_languages(results: dict[str, Result], sets: Sets) -> None:
    """trafeval-dev F1 (and cleaner's P/R) per language, most pages first."""
    counts = Counter(sets.tv_lang.values())
    source = "annotated" if sets.annotated == len(sets.tv_lang) else (
        f"guessed by cleaner from each page's main-content snippets ({len(sets.tv_lang) - sets.annotated} pages)"
        + (f", annotated ({sets.annotated} pages)" if sets.annotated else "")
    )
    print(f"\ntrafeval-dev per language (language: {source}; F1, and P/R for cleaner)")
    names = list(results)
    print(f"{'lang':5s} {'pages':>5s} {'snips':>5s}   {'P':>6s} {'R':>6s}  " + " ".join(f"{n[:14]:>14s}" for n in names))
    for lang, n in counts.most_common():
        files = [f for f, lg in sets.tv_lang.items() if lg == lang]
        per = {name: sum_snippets(results[name].tv_pages[f] for f in files) for name in names}
        c = per[names[0]]
        snips = c.tp + c.fn + c.fp + c.tn
        print(f"{lang:5s} {n:5d} {snips:5d}   {c.precision:6.3f} {c.recall:6.3f}  " + " ".join(f"{per[m].f1:14.3f}" for m in names))


def print_worst(result: Result, n: int) -> None:
    """The worst pages of each set for cleaner, worst first."""
    worst_sh = sorted(result.sh_pages.items(), key=lambda kv: (kv[1].f1, kv[0]))[:n]
    print(f"\nScrapingHub: worst {len(worst_sh)} pages for cleaner")
    print(f"{'id':28s} {'F1':>6s} {'P':>6s} {'R':>6s}")
    for pid, s in worst_sh:
        p = "-" if s.precision is None else f"{s.precision:.3f}"
        r = "-" if s.recall is None else f"{s.recall:.3f}"
        print(f"{pid:28s} {s.f1:6.3f} {p:>6s} {r:>6s}")
    worst_tv = sorted(result.tv_pages.items(), key=lambda kv: (-(kv[1].fn + kv[1].fp), -kv[1].fn, kv[0]))[:n]
    print(f"\ntrafeval-dev: worst {len(worst_tv)} pages for cleaner (missed + leaked snippets)")
    print(f"{'missed':>6s} {'leaked':>6s} {'found':>6s}  file")
    for f, s in worst_tv:
        print(f"{s.fn:6d} {s.fp:6d} {s.tp:6d}  {f}")


def show_page(
    lines_of: list[str], verdicts: dict[int, str], in_truth: Callable[[str], str], title: str | None, full: bool
) -> None:
    """Every line: K(ept)/-(dropped), the truth's mark, the rule; ``!!`` where they disagree
    (with a ``full`` truth an unmarked line is boilerplate; with snippets it is unknown)."""
    print(f"# title={title!r}")
    for i, line in enumerate(lines_of):
        mark = in_truth(line)
        verdict = "-" if i in verdicts else "K"
        why = verdicts.get(i, "")
        wrong = (verdict == "K" and (mark == "X" or full and mark == " ")) or (verdict == "-" and mark == "T")
        flag = "!!" if wrong else "  "
        print(f"{flag}{verdict}{mark} {i:4d} {why[:28]:28s} {line[:150]}")


def show(pid: str, sets: Sets, clean: cleaner.Cleaner) -> int:
    full = pid in sets.sh_pages or any(p.startswith(pid) for p in sets.sh_pages)
    if full:
        pid = next(p for p in sets.sh_pages if p.startswith(pid))
        text = sets.sh_pages[pid]
        truth_tokens = set(tokens(sets.sh_truth[pid]))

        def mark(line: str) -> str:
            toks = tokens(line)
            return "T" if toks and sum(t in truth_tokens for t in toks) / len(toks) > 0.8 else " "
    else:
        stem = next((f for f in sets.tv_pages if f.startswith(pid)), None)
        if stem is None:
            print(f"no page {pid!r} in either set", file=sys.stderr)
            return 2
        text, page = sets.tv_pages[stem], sets.tv_meta[stem]
        good = [fold(s) for s in page.with_]
        bad = [fold(s) for s in page.without + page.comments]

        def mark(line: str) -> str:  # T: holds a snippet of the content, X: of boilerplate
            hit = lambda snips: any(s in line or (len(line) > 15 and line in s) for s in snips)  # noqa: E731
            return "T" if hit(good) else "X" if hit(bad) else " "
        print(f"# {page.key}  language {sets.tv_lang[stem]}")
    doc = clean.clean(text, kind="text")
    verdicts = {r.index: r.rule for r in doc.removed}
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    show_page(lines, verdicts, mark, doc.title, full)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA, help="the scrapinghub directory (default: %(default)s)")
    ap.add_argument("--trafeval", type=Path, default=TRAFEVAL, help="the trafeval-dev directory (default: %(default)s)")
    ap.add_argument("--worst", type=int, default=10, metavar="N", help="list the N worst pages of each set (default 10)")
    ap.add_argument("--repeats", type=int, default=5, help="timing repeats per system (default 5)")
    ap.add_argument("--no-baselines", action="store_true", help="run cleaner only")
    ap.add_argument("--show", metavar="ID", help="print one page (ScrapingHub id or trafeval file stem) line by line and exit")
    args = ap.parse_args(argv)

    for path, what in ((args.data / "ground-truth.json", "ScrapingHub"), (args.trafeval / "truth.json", "trafeval-dev")):
        if not path.is_file():
            print(f"no {what} data at {path.parent}", file=sys.stderr)
            return 1
    sets = load_sets(args.data, args.trafeval)
    clean = cleaner.Cleaner()
    if args.show:
        return show(args.show, sets, clean)

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
    results = {name: run_system(fn, sets, args.repeats) for name, fn in systems.items()}
    print_table(results, sets, args.repeats)
    print_languages(results, sets)
    if args.worst > 0:
        print_worst(results["cleaner"], args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
