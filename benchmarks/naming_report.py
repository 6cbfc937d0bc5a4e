"""What cleaner says it removed, on the four development sets: the share of removed
characters per category and per rule id (structural ids included).

    python benchmarks/naming_report.py                 # all four sets
    python benchmarks/naming_report.py --only text --top 15

The issue's targets: generic ``boilerplate`` at most 20% of removed characters on the
HTML sets and 30% on the text sets.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from metric import load_html_pages, load_text_pages, load_trafeval  # noqa: E402

from cleaner import Cleaner  # noqa: E402

SETS = ("scrapinghub-html", "trafeval-html", "scrapinghub-text", "trafeval-text")


def sources(name: str) -> Iterator[str | bytes]:
    """The inputs of one development set."""
    source, kind = name.split("-")
    if source == "scrapinghub":
        yield from (load_html_pages() if kind == "html" else load_text_pages()).values()
    else:
        for p in load_trafeval():
            yield p.html() if kind == "html" else p.text()


def shares(c: Cleaner, name: str) -> tuple[Counter[str], Counter[str]]:
    """Removed characters by category and by rule id over one set."""
    by_category: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    kind = name.split("-")[1]
    for src in sources(name):
        for r in c.clean(src, kind=kind).removed:
            by_category[r.category] += len(r.text)
            by_rule[r.rule] += len(r.text)
    return by_category, by_rule


def report(name: str, by_category: Counter[str], by_rule: Counter[str], top: int) -> None:
    total = sum(by_category.values()) or 1
    print(f"{name}: {total} removed characters; boilerplate {by_category['boilerplate'] / total:.1%}")
    print("  by category: " + ", ".join(f"{k} {v / total:.1%}" for k, v in by_category.most_common()))
    print("  by rule:     " + ", ".join(f"{k} {v / total:.1%}" for k, v in by_rule.most_common(top)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", help="html, text, or one of: " + ", ".join(SETS))
    ap.add_argument("--top", type=int, default=12, help="rule ids to show per set")
    args = ap.parse_args()
    c = Cleaner()
    for name in SETS:
        if not args.only or any(o in name for o in args.only):
            report(name, *shares(c, name), args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
