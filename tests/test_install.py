"""The installed wheel, not the source tree: rules ship inside it and the command works anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "moscow-times-syria" / "source.txt"


@pytest.mark.install
@pytest.mark.timeout(600)
def test_wheel_ships_rules_and_runs_from_any_directory(tmp_path):
    pytest.importorskip("build")
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("article_cleaner-*.whl"))  # the distribution's name; the package is cleaner
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("cleaner/rules/") and n.endswith(".toml") for n in names), names
    assert "cleaner/py.typed" in names

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import cleaner, cleaner._rules as r; print(cleaner.__file__); print(r.default_rules_dir())"],
        cwd=elsewhere, env=env, check=True, capture_output=True, text=True,
    ).stdout.split("\n")
    assert where[0].startswith(str(target)) and where[1].startswith(str(target))
    cli = target / "bin" / "cleaner"
    out = subprocess.run([str(cli), str(SEED)], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Russia’s Foreign Ministry")
    listed = subprocess.run([str(cli), "--list-rules"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert "donation" in listed.stdout
