"""Test configuration: make ``tests/`` importable (for golden.py and strategies.py) and locate the corpus."""

from __future__ import annotations

import os
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(TESTS.parent / "benchmarks"))

# CI must be reproducible: a run that lands is judged on one result, so there Hypothesis
# replays the same examples every time (derandomize). Locally it explores new ones.
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
