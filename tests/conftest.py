"""Test configuration: make ``tests/`` importable (for golden.py and strategies.py) and locate the corpus."""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(TESTS.parent / "benchmarks"))
