"""The caches kept between documents (a trigger word's rules, the rules' verdicts on short
texts, metadata's cleaned strings) never make a document's result depend on what was
cleaned before it in the same process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from golden import seed_dirs, source_of

_SCRIPT = """
import json, sys
from cleaner import Cleaner
cleaner = Cleaner()
out = {}
for path in sys.argv[1:]:
    out[path] = cleaner.clean(open(path, 'rb').read(), url='https://example.org/a').to_dict(markdown=True)
print(json.dumps(out, sort_keys=True))
"""


def _clean_in_order(paths: list[str]) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", _SCRIPT, *paths], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_results_do_not_depend_on_the_order_documents_are_cleaned_in() -> None:
    paths = [str(source_of(seed)) for seed in seed_dirs()]
    assert len(paths) >= 10
    forward = _clean_in_order(paths)
    backward = _clean_in_order(paths[::-1])
    twice = _clean_in_order(paths + paths)  # the second time round every cache is warm
    assert forward == backward
    assert twice == forward
    assert all(Path(p).is_file() for p in forward)


def test_the_verdict_memo_stays_bounded(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A long batch of distinct menus does not grow the rule set's memo past its bound: a
    full memo starts over, and the verdicts stay those of matching."""
    from cleaner import Cleaner, _scoring

    monkeypatch.setattr(_scoring, "MEMO_TEXTS", 50)
    cleaner = Cleaner()
    memo = cleaner.ruleset.memo
    assert memo is not None
    memo.clear()
    sizes, named = [], []
    for n in range(40):
        page = "\n".join(f"Menu item {n} {k}" for k in range(10)) + "\n\nDonate now\n\n" + "A sentence of the article. " * 20
        removed = cleaner.clean(page, kind="text").removed
        named.append({r.rule for r in removed if r.text == "Donate now"})
        sizes.append(len(memo))
    assert max(sizes) <= 50
    assert min(sizes[5:]) < max(sizes)  # it did start over
    assert all(rules == {"donation.donate-now"} for rules in named)
