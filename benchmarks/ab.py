"""Same-process A/B: the code of a git revision against the working tree, on the dev pages.

A change of a few percent is below the swing between two runs of ``speed.py`` on this host,
so such changes are measured here: both versions in one process, on the same pages, by
turns, each page's fastest of ``--passes`` runs of each kept::

    python benchmarks/ab.py HEAD~1 --what body          # HTML body, the revision vs the tree
    python benchmarks/ab.py HEAD --what text-all --control

The revision's ``src/cleaner`` is unpacked (``git archive``) into a temporary directory as
the package ``cleaner_base``, beside the shipped rules of the tree. Whichever version runs
first on a page is slower (the second finds the page's bytes and the host's caches warm):
with the old version always first, an A/A test read 0.971 on the HTML body and 0.982 on
text with every field. So the order alternates from page to page and from pass to pass.
The caches both versions keep between documents (verdicts, shapes and cleaned strings of
short texts) are emptied before each pass, so that no pass finds the pages of the one before
it remembered: a batch of distinct pages does not. ``--control`` compares the revision with
itself (the method's own bias: it should read 1.00).

The revision runs in pure Python: its archive holds the compiled walk's source, not the
built module (``docs/compiled.md``). The working tree runs whatever is built in it, so a
revision from before the compiled walk against the tree measures that walk's gain; to
compare two later revisions' Python code alone, pass ``--pure`` (the tree's walk in Python
too).
"""

from __future__ import annotations

import argparse
import functools
import importlib
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from caches import forget  # noqa: E402
from speed import html_pages, text_pages  # noqa: E402

WHAT = ("body", "body-metadata", "all", "text-body", "text-all")


def unpack(rev: str, name: str, into: Path) -> None:
    """``src/cleaner`` of ``rev`` as the package ``name`` in ``into`` (its rules: the tree's)."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src/cleaner"], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for member in tar.getmembers():
            member.name = member.name.replace("src/cleaner", f"src/{name}", 1)
        tar.extractall(into, filter="data")
    rules = into / "rules"
    if not rules.exists():
        rules.symlink_to(ROOT / "rules")  # a source tree's rules sit two levels above the package


def job(package: str, what: str) -> tuple[Callable[[Any], object], Callable[[], None]]:
    """What one version does to a page, and how to empty its caches."""
    c = importlib.import_module(package).Cleaner()
    kind = "text" if what.startswith("text") else "html"
    reads = {
        "body": ("body",),
        "body-metadata": ("body", "metadata"),
        "all": ("body", "removed", "metadata"),
        "text-body": ("body",),
        "text-all": ("body", "removed", "metadata"),
    }[what]

    def run(page: Any) -> object:
        doc = c.clean(page, kind=kind)
        return [getattr(doc, field) for field in reads]

    return run, functools.partial(forget, [package])


def compare(a: str, b: str, what: str, passes: int) -> tuple[float, float]:
    """Sum over the pages of each version's fastest run (CPU seconds), ``a`` then ``b``."""
    pages: list[Any] = list(text_pages() if what.startswith("text") else html_pages())
    run_a, forget_a = job(a, what)
    run_b, forget_b = job(b, what)
    for page in pages:  # the patterns each needs compile on first use: not timed
        run_a(page)
        run_b(page)
    best_a = [float("inf")] * len(pages)
    best_b = [float("inf")] * len(pages)
    clock = time.process_time
    for turn in range(passes):
        forget_a()
        forget_b()
        for i, page in enumerate(pages):
            if (i + turn) % 2:
                start = clock()
                run_a(page)
                middle = clock()
                run_b(page)
                ta, tb = middle - start, clock() - middle
            else:
                start = clock()
                run_b(page)
                middle = clock()
                run_a(page)
                tb, ta = middle - start, clock() - middle
            best_a[i] = min(best_a[i], ta)
            best_b[i] = min(best_b[i], tb)
    return sum(best_a), sum(best_b)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("rev", help="the git revision to compare the working tree with (HEAD, HEAD~1, a commit)")
    ap.add_argument("--what", choices=WHAT, default="body")
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--control", action="store_true", help="compare the revision with itself (A/A)")
    ap.add_argument("--pure", action="store_true", help="the working tree's HTML walk in Python too")
    args = ap.parse_args(argv)
    if args.pure:
        os.environ["CLEANER_PURE_PYTHON"] = "1"  # read when the tree's _html_blocks is imported
        loaded = sys.modules.get("cleaner._html_blocks")
        if loaded is not None:
            loaded._cwalk = None  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory(prefix="cleaner-ab-") as tmp:
        try:
            unpack(args.rev, "cleaner_base", Path(tmp))
            if args.control:
                unpack(args.rev, "cleaner_same", Path(tmp))
        except subprocess.CalledProcessError as exc:
            reason = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
            print(f"ab.py: cannot read src/cleaner of {args.rev!r}: {reason[0] if reason else exc}", file=sys.stderr)
            return 2
        sys.path.insert(0, str(Path(tmp) / "src"))
        other = "cleaner_same" if args.control else "cleaner"
        a, b = compare("cleaner_base", other, args.what, args.passes)
    walk = "Python" if args.pure or not _tree_compiled() else "compiled"
    label = f"{args.rev} again" if args.control else f"working tree (HTML walk: {walk})"
    print(f"{args.what}: {args.rev} {a:.3f} s, {label} {b:.3f} s, ratio {b / a:.3f} (fastest of {args.passes} passes, by turns)")
    return 0


def _tree_compiled() -> bool:
    import cleaner._html_blocks as hb

    return hb._cwalk is not None


if __name__ == "__main__":
    raise SystemExit(main())
