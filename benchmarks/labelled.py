"""The hand-labelled sample of removed blocks (``tests/data/labelled/``): how many of them
cleaner names with their true category.

    python benchmarks/labelled.py              # accuracy for HTML and text
    python benchmarks/labelled.py --wrong      # and every block it names wrongly

Each record names its development set, file, kind, the block's text and the category a
person gave it after reading it in its page ("body" marks article text that should not have
been removed: those are left out of the accuracy and counted apart).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from metric import DATA, TRAFEVAL, load_trafeval  # noqa: E402

from cleaner import Cleaner, Document  # noqa: E402

LABELLED = HERE.parent / "tests" / "data" / "labelled"


@dataclass
class Outcome:
    """One labelled block and what cleaner says of it (``None``: no longer removed)."""

    record: dict[str, Any]
    said: str | None
    rule: str | None


def _source(record: dict[str, Any]) -> str | bytes:
    import gzip

    source, kind = record["set"].split("-")
    if source == "scrapinghub":
        if kind == "html":
            return gzip.decompress((DATA / "html" / f"{record['file']}.html.gz").read_bytes())
        return (DATA / "text" / f"{record['file']}.txt").read_text(encoding="utf-8")
    page = _trafeval()[record["file"]]
    return page.html() if kind == "html" else page.text()


_PAGES: dict[str, Any] = {}


def _trafeval() -> dict[str, Any]:
    if not _PAGES:
        _PAGES.update({p.file: p for p in load_trafeval()})
    return _PAGES


#: appeals (donation, newsletter, paywall) found in the dev sets, removed or not, each
#: labelled by hand: the measure of appeals left in the body
APPEALS = LABELLED / "appeals.json"
#: blocks from pages no other file samples, labelled before the naming stage's second round
#: changed: an estimate of accuracy on unseen pages, kept out of the tuned sample
HELD_OUT = LABELLED / "held-out.json"


def records(path: Path | None = None) -> list[dict[str, Any]]:
    """The labelled sample of removed blocks (every file but the appeals and the held-out
    batch), or one file."""
    if path is not None:
        return list(json.loads(path.read_text(encoding="utf-8")))
    out: list[dict[str, Any]] = []
    for f in sorted(LABELLED.glob("*.json")):
        if f not in (APPEALS, HELD_OUT):
            out += json.loads(f.read_text(encoding="utf-8"))
    return out


def available() -> bool:
    return (DATA / "ground-truth.json").is_file() and (TRAFEVAL / "truth.json").is_file()


def outcomes(cleaner: Cleaner | None = None, path: Path | None = None) -> list[Outcome]:
    """What cleaner says of every labelled block, each page cleaned once."""
    cleaner = cleaner or Cleaner()
    docs: dict[tuple[str, str], Document] = {}
    out = []
    for rec in records(path):
        key = (rec["set"], rec["file"])
        if key not in docs:
            docs[key] = cleaner.clean(_source(rec), kind=rec["kind"])
        same = [r for r in docs[key].removed if r.text == rec["text"]]
        if not same:
            # kept (in the body), or no longer a block of its own
            out.append(Outcome(rec, None, "body" if rec["text"] in docs[key].body else None))
            continue
        best = min(same, key=lambda r: abs(r.index - rec.get("index", 0)))
        out.append(Outcome(rec, best.category, best.rule))
    return out


def accuracy(results: list[Outcome], kind: str) -> tuple[int, int]:
    """(right, counted) over the labelled boilerplate of one kind still removed."""
    counted = [o for o in results if o.record["kind"] == kind and o.record["category"] != "body" and o.said is not None]
    return sum(o.said == o.record["category"] for o in counted), len(counted)


def appeals_left(results: list[Outcome]) -> tuple[int, int]:
    """(left in the body, found) over the labelled appeals."""
    found = [o for o in results if o.said is not None or o.rule == "body"]
    return sum(o.rule == "body" for o in found), len(found)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wrong", action="store_true", help="list the blocks named wrongly")
    ap.add_argument("--file", type=Path, help="one labelled file only (e.g. the held-out batch)")
    args = ap.parse_args()
    results = outcomes(path=args.file)
    for kind in ("html", "text"):
        right, n = accuracy(results, kind)
        gone = [o for o in results if o.said is None and o.record["kind"] == kind and o.record["category"] != "body"]
        kept = sum(o.rule == "body" for o in gone)
        print(
            f"{kind}: {right}/{n} named right ({right / max(n, 1):.1%}); of the labelled boilerplate, "
            f"{kept} blocks are now kept in the body and {len(gone) - kept} are no longer a block of their own"
        )
    appeals = outcomes(path=APPEALS)
    left, found = appeals_left(appeals)
    print(f"appeals: {left}/{found} left in the body ({left / max(found, 1):.1%})")
    if args.wrong:
        for o in appeals:
            if o.rule == "body":
                print(f"  left {o.record['kind']:4s} {o.record['category']:10s} {o.record['text'][:100]!r}")
        confusion: Counter[tuple[str, str]] = Counter()
        for o in results:
            true = o.record["category"]
            if o.said is not None and true != "body" and o.said != true:
                confusion[true, o.said] += 1
                print(f"  {o.record['kind']:4s} true {true:11s} said {o.said:11s} [{o.rule}] {o.record['text'][:90]!r}")
        for (true, said), n in confusion.most_common(12):
            print(f"  {n:3d} × true {true}, said {said}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
