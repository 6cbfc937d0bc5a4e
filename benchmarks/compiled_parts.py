"""What each compiled part gains, in one process, by turns: the HTML body (or every field)
of the dev pages with the compiled module in full use; with every walked element kept as
an lxml proxy (as a tree the caller passes in is, instead of ``_cwalk.Elements``); with
the main-content stage's node passes in Python (``_main_content._compiled`` off); and with
no compiled code at all (``_html_blocks._cwalk`` off). See ``docs/compiled.md``::

    python benchmarks/compiled_parts.py                 # the body, fastest of 3 runs per page
    python benchmarks/compiled_parts.py --what all --passes 2

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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from caches import forget  # noqa: E402
from speed import html_pages  # noqa: E402


def configurations() -> dict[str, Callable[[], None]]:
    """Name -> what switches the process to that configuration."""
    import cleaner._html_blocks as hb
    import cleaner._main_content as mc

    walk, passes, walker = hb._cwalk, mc._compiled, hb._walk

    def as_proxies(root: object, *, private: bool = False) -> object:
        return walker(root, private=False)

    def use(compiled_walk: object, node_passes: Callable[[], object], proxies: bool = False) -> Callable[[], None]:
        def switch() -> None:
            hb._cwalk = compiled_walk
            mc._compiled = node_passes  # type: ignore[assignment]
            hb._walk = as_proxies if proxies else walker  # type: ignore[assignment]

        return switch

    return {
        "compiled": use(walk, passes),
        "elements kept as proxies": use(walk, passes, proxies=True),
        "node passes in Python": use(walk, lambda: None),
        "all Python": use(None, lambda: None),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--what", choices=("body", "all"), default="body")
    ap.add_argument("--passes", type=int, default=3)
    args = ap.parse_args()

    import cleaner._html_blocks as hb
    from cleaner import Cleaner

    if hb._cwalk is None:
        sys.exit("the compiled module is not built here (pip install -e . builds it): nothing to compare")
    c = Cleaner()
    run: Callable[[bytes], object]
    if args.what == "body":
        run = lambda h: c.clean(h, kind="html").body  # noqa: E731
    else:
        run = lambda h: (lambda d: (d.removed, d.metadata))(c.clean(h, kind="html"))  # noqa: E731
    pages = html_pages()
    configs = configurations()
    names = list(configs)
    best = {name: [float("inf")] * len(pages) for name in names}
    for h in pages[:50]:
        run(h)  # the rule patterns compile on first use
    for p in range(args.passes):
        forget(("cleaner",))
        for i, h in enumerate(pages):
            k = (i + p) % len(names)
            for name in names[k:] + names[:k]:
                configs[name]()
                t0 = time.perf_counter()
                run(h)
                best[name][i] = min(best[name][i], time.perf_counter() - t0)
    configs["compiled"]()
    ref = sum(best["compiled"])
    print(f"HTML {args.what}: {len(pages)} pages, each page's fastest of {args.passes} runs, configurations by turns\n")
    print("| configuration | total s | median ms/page | total ÷ compiled |\n|---|---|---|---|")
    for name in names:
        total = sum(best[name])
        print(f"| {name} | {total:.3f} | {statistics.median(best[name]) * 1000:.2f} | {total / ref:.3f} |")


if __name__ == "__main__":
    main()
