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
    import cleaner._html_blocks as hb

    if hb.COMPILED:  # this environment can build them: the wheel carries the compiled modules
        for module in ("_cwalk", "_ctext"):
            assert any(n.startswith(f"cleaner/{module}.") and n.endswith((".so", ".pyd")) for n in names), names
        assert "-none-any" not in wheel.name

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
    version = subprocess.run([str(cli), "--version"], cwd=elsewhere, env=env, capture_output=True, text=True)
    state = "compiled" if hb.COMPILED else "Python"
    assert version.stdout.strip().endswith(f"(HTML walk: {state}; text measures: {state})")


def _source_copy(into: Path) -> Path:
    """The files a wheel is built from, without anything built in place."""
    import shutil

    into.mkdir()
    for name in ("pyproject.toml", "hatch_build.py", "README.md"):
        shutil.copy(ROOT / name, into / name)
    shutil.copytree(ROOT / "rules", into / "rules")
    shutil.copytree(ROOT / "src", into / "src", ignore=shutil.ignore_patterns("*.so", "*.pyd", "*.c", "__pycache__"))
    return into


@pytest.mark.install
@pytest.mark.timeout(600)
@pytest.mark.parametrize("why", ["asked", "no compiler"])
def test_pure_python_wheel_when_asked_or_unable(tmp_path, why):
    """``CLEANER_PURE_PYTHON_BUILD=1``, or a machine that cannot compile, gives a pure
    wheel that works: the compiled walk is only a speed-up."""
    pytest.importorskip("build")
    dist = tmp_path / "dist"
    if why == "asked":
        source, env = ROOT, {**os.environ, "CLEANER_PURE_PYTHON_BUILD": "1"}
    else:  # a C compiler that is not there
        source, env = _source_copy(tmp_path / "src-copy"), {**os.environ, "CC": str(tmp_path / "no-such-cc")}
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(source)],
        check=True, capture_output=True, env=env, text=True,
    )
    if why == "no compiler":
        assert "the compiled modules were not built" in built.stdout + built.stderr
    wheel = next(dist.glob("article_cleaner-*.whl"))
    assert wheel.name.endswith("-py3-none-any.whl")
    import zipfile

    assert not [n for n in zipfile.ZipFile(wheel).namelist() if n.endswith((".so", ".pyd"))]
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )
    page = "<html><body><nav><a href='/'>Home</a></nav><p>" + "A sentence of the article. " * 20 + "</p></body></html>"
    code = "import sys, cleaner; print(cleaner.clean(sys.stdin.read(), kind='html').body[:10])"
    out = subprocess.run(
        [sys.executable, "-c", code], input=page, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(target)},
        capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == "A sentence"
