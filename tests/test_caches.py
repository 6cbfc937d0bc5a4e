"""The caches kept between documents (a trigger word's rules, naming's verdicts on short
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
