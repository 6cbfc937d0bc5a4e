"""Helpers for the hostile-input suite: run one case in a subprocess and read its time and
peak memory (the measuring child of ``benchmarks/hostile.py``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks" / "hostile.py"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


@pytest.fixture
def measured(tmp_path: Path):  # type: ignore[no-untyped-def]
    """``measured(data, kind) -> {"seconds", "growth_kib", "body", "removed"}`` in a fresh process."""

    def run(data: bytes, kind: str) -> dict[str, float]:
        path = tmp_path / "input.bin"
        path.write_bytes(data)
        out = subprocess.run(
            [sys.executable, str(BENCH), "--child", str(path), kind],
            capture_output=True, text=True, env=_env(), check=False, timeout=600,
        )
        assert out.returncode == 0, out.stderr[-3000:]
        assert "Traceback" not in out.stderr
        return json.loads(out.stdout.strip().splitlines()[-1])

    return run


@pytest.fixture
def run_cli(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run ``python -m cleaner ARGS`` as a real process; returns the CompletedProcess."""

    def run(*args: str, stdin: bytes = b"", timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "cleaner", *args],
            input=stdin, capture_output=True, env=_env(), cwd=tmp_path, check=False, timeout=timeout,
        )

    return run
