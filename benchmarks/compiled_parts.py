"""What each compiled part gains, in one process, by turns. HTML: the body (or every field)
of the dev pages with the compiled modules in full use; with every walked element kept as
an lxml proxy (as a tree the caller passes in is, instead of ``_cwalk.Elements``); with
the main-content stage's node passes in Python (``_main_content._compiled`` off); with the
rules' trigger words found in Python (``_rules._ctext`` off); and with no compiled code at
all. Text: the body of the dev sets' text dumps, compiled; with the shapes measured in
Python (``_scoring._ctext`` off); with the trigger words in Python; with the page's scans
in Python (splitting into lines, control characters, NFC: ``_text_blocks._ctext`` and
``_decode._ctext`` off); and all Python. See
``docs/compiled.md``::

    python benchmarks/compiled_parts.py                 # the HTML body, fastest of 3 runs per page
    python benchmarks/compiled_parts.py --what all --passes 2
    python benchmarks/compiled_parts.py --what text

Each page runs in every configuration in turn, the order rotating from page to page (the
first to run a page finds it colder); the caches kept between documents are emptied before
each pass. Figures: the sum over pages of each page's fastest run, and the median page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from caches import forget  # noqa: E402
from speed import html_pages, text_pages  # noqa: E402


def configurations(what: str) -> dict[str, Callable[[], None]]:
    """Name -> what switches the process to that configuration."""
    import cleaner._decode as decode
    import cleaner._html_blocks as hb
    import cleaner._main_content as mc
    import cleaner._rules as rules
    import cleaner._scoring as scoring
    import cleaner._text_blocks as lines

    walk, passes, walker, text = hb._cwalk, mc._compiled, hb._walk, scoring._ctext

    def as_proxies(root: object, *, private: bool = False) -> object:
        return walker(root, private=False)

    def use(
        compiled_walk: object,
        node_passes: Callable[[], object],
        proxies: bool = False,
        shapes: bool = True,
        triggers: bool = True,
        scans: bool = True,
    ) -> Callable[[], None]:
        def switch() -> None:
            hb._cwalk = compiled_walk
            mc._compiled = node_passes  # type: ignore[assignment]
            hb._walk = as_proxies if proxies else walker  # type: ignore[assignment]
            scoring._ctext = text if shapes else None
            rules._ctext = text if triggers else None
            lines._ctext = decode._ctext = text if scans else None

        return switch

    if what == "text":
        return {
            "compiled": use(walk, passes),
            "shapes in Python": use(walk, passes, shapes=False),
            "trigger words in Python": use(walk, passes, triggers=False),
            "page scans in Python": use(walk, passes, scans=False),
            "all Python": use(walk, passes, shapes=False, triggers=False, scans=False),
        }
    return {
        "compiled": use(walk, passes),
        "elements kept as proxies": use(walk, passes, proxies=True),
        "node passes in Python": use(walk, lambda: None),
        "trigger words in Python": use(walk, passes, triggers=False),
        "all Python": use(None, lambda: None, shapes=False, triggers=False, scans=False),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--what", choices=("body", "all", "text"), default="body")
    ap.add_argument("--passes", type=int, default=3)
    args = ap.parse_args()

    import cleaner._html_blocks as hb
    import cleaner._scoring as scoring
    from cleaner import Cleaner

    if hb._cwalk is None or scoring._ctext is None:
        sys.exit("the compiled modules are not built here (pip install -e . builds them): nothing to compare")
    c = Cleaner()
    run: Callable[[Any], object]
    if args.what == "body":
        run = lambda h: c.clean(h, kind="html").body  # noqa: E731
    elif args.what == "text":
        run = lambda t: c.clean(t, kind="text").body  # noqa: E731
    else:
        run = lambda h: (lambda d: (d.removed, d.metadata))(c.clean(h, kind="html"))  # noqa: E731
    pages: list[Any] = text_pages() if args.what == "text" else html_pages()
    configs = configurations(args.what)
    for h in pages[:50]:
        run(h)  # the rule patterns compile on first use
    if args.what == "text":
        report_passes(configs, pages, run, args.passes)
    else:
        report_pages(configs, pages, run, args.passes, f"HTML {args.what}")
    configs["compiled"]()


def report_pages(configs: dict[str, Callable[[], None]], pages: list[Any], run: Callable[[Any], object], passes: int, title: str) -> None:
    """Each page in every configuration in turn; the sum and median of its fastest runs."""
    names = list(configs)
    best = {name: [float("inf")] * len(pages) for name in names}
    for p in range(passes):
        forget(("cleaner",))
        for i, h in enumerate(pages):
            k = (i + p) % len(names)
            for name in names[k:] + names[:k]:
                configs[name]()
                t0 = time.perf_counter()
                run(h)
                best[name][i] = min(best[name][i], time.perf_counter() - t0)
    ref = sum(best["compiled"])
    print(f"{title}: {len(pages)} pages, each page's fastest of {passes} runs, configurations by turns\n")
    print("| configuration | total s | median ms/page | total ÷ compiled |\n|---|---|---|---|")
    for name in names:
        total = sum(best[name])
        print(f"| {name} | {total:.3f} | {statistics.median(best[name]) * 1000:.2f} | {total / ref:.3f} |")


def report_passes(configs: dict[str, Callable[[], None]], pages: list[Any], run: Callable[[Any], object], passes: int) -> None:
    """Whole passes over the pages, the configurations by turns (a text page takes about a
    millisecond: run on its own four times in a row, its second run would find its lines'
    verdicts remembered, which a batch of distinct pages does not); the fastest pass each,
    by CPU time (a pass is short, and the host's load swings wall time)."""
    names = list(configs)
    best = dict.fromkeys(names, float("inf"))
    for p in range(passes):
        k = p % len(names)
        for name in names[k:] + names[:k]:
            configs[name]()
            forget(("cleaner",))
            t0 = time.process_time()
            for page in pages:
                run(page)
            best[name] = min(best[name], time.process_time() - t0)
    print(f"text body: {len(pages)} pages, the fastest of {passes} passes over all of them (CPU time), configurations by turns\n")
    print("| configuration | pass s | pass ÷ compiled |\n|---|---|---|")
    for name in names:
        print(f"| {name} | {best[name]:.3f} | {best[name] / best['compiled']:.3f} |")

if __name__ == "__main__":
    main()
