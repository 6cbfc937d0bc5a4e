"""Deterministic across processes (issue 5): the same input gives the same Document in two
interpreters with different hash seeds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import json, sys
sys.path.insert(0, {bench!r})
import hostile
from cleaner import clean
pages = [hostile.ordinary_html(20_000), hostile.ordinary_text(20_000), hostile.many_links(0.01)[1],
         hostile.regex_bait(0.01)[1], hostile.big_table(0.001)[1]]
print(json.dumps([clean(p).to_dict() for p in pages], sort_keys=True))
"""


@pytest.mark.timeout(180)
def test_same_output_with_different_hash_seeds() -> None:
    outputs = []
    for seed in ("1", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
        out = subprocess.run(
            [sys.executable, "-c", SCRIPT.format(bench=str(ROOT / "benchmarks"))],
            capture_output=True, text=True, env=env, timeout=170, check=True,
        )
        outputs.append(out.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 1000
