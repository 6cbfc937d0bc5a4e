"""Instructions of one warm pass over the text dumps, counted by callgrind.

Timings on these shared machines swing by a fifth from run to run; instruction counts do
not. The script runs itself twice under ``valgrind --tool=callgrind``: both runs load the
697 text dumps of the two dev sets and clean them once (every rule pattern a pass needs is
compiled then), and one of them empties the caches and cleans them all again. The
difference is that pass, start-up and loading left out.

    python benchmarks/instructions.py                     # this checkout
    python benchmarks/instructions.py --root ../old-tree  # another checkout's src/, built in place
    CLEANER_PURE_PYTHON=1 python benchmarks/instructions.py

Needs valgrind. An instruction is not a nanosecond (a cache miss costs more than an
addition), so this says which of two builds does less work, not by how much it is faster.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _child(root: str, measured: bool) -> None:
    sys.path.insert(0, str(Path(root) / "src"))
    import cleaner  # from ``root``: imported before the benchmark helpers put this checkout first

    sys.path.insert(0, str(HERE))
    from caches import forget
    from speed import text_pages

    if not cleaner.__file__.startswith(str(Path(root).resolve())):
        raise SystemExit(f"cleaner came from {cleaner.__file__}, not from {root}")
    pages = text_pages()
    c = cleaner.Cleaner()
    for page in pages:
        c.clean(page, kind="text").body
    forget(("cleaner",))
    if measured:
        for page in pages:
            c.clean(page, kind="text").body


def _count(root: str, measured: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__,
               "--child", "pass" if measured else "start", "--root", root]
        run = subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy())
        found = re.search(r"Collected : (\d+)", run.stderr)
        if run.returncode != 0 or found is None:
            raise SystemExit(f"callgrind run failed:\n{run.stderr[-2000:]}")
        return int(found.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=str(HERE.parent), help="the checkout whose src/ is measured")
    ap.add_argument("--child", choices=("pass", "start"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.root, args.child == "pass")
        return
    total = _count(args.root, True) - _count(args.root, False)
    pure = " (CLEANER_PURE_PYTHON=1)" if os.environ.get("CLEANER_PURE_PYTHON") else ""
    print(f"{args.root}{pure}: {total / 1e6:,.0f} M instructions for one warm pass over the text dumps")


if __name__ == "__main__":
    main()
