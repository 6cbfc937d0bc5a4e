"""CLI manners on hostile files (issue 5): one clear stderr line and exit 1 for each file that
cannot be read, the other files still processed; no traceback ever; a closed pipe is quiet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.cli import main

PROSE = "The council said on Monday that a new bridge would be built over the river next year, and people cheered.\n"


def article(n: int = 3) -> str:
    """``n`` distinct prose paragraphs (identical lines would be dropped as repeated boilerplate)."""
    return "\n".join(f"Paragraph {i}: {PROSE}" for i in range(n))


def _lines(stderr: bytes) -> list[str]:
    return [x for x in stderr.decode("utf-8", "replace").splitlines() if x.strip()]


@pytest.mark.timeout(120)
def test_missing_file_is_one_line_and_others_still_run(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.txt"
    good.write_text(article())
    out = run_cli(str(tmp_path / "missing.txt"), str(good))
    assert out.returncode == 1
    assert b"Traceback" not in out.stderr
    lines = _lines(out.stderr)
    assert len(lines) == 1 and "missing.txt" in lines[0]
    assert b"council" in out.stdout


@pytest.mark.timeout(120)
def test_empty_binary_and_directory_inputs(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 200 + b"\x00" * 5000)
    (tmp_path / "dir").mkdir()
    good = tmp_path / "good.txt"
    good.write_text(article())
    for name in ("empty.txt", "binary.bin", "dir"):
        out = run_cli(str(tmp_path / name), str(good))
        assert b"Traceback" not in out.stderr, name
        assert out.returncode in (0, 1), name
        assert len(_lines(out.stderr)) <= 1, (name, out.stderr)
        assert b"council" in out.stdout, name


@pytest.mark.timeout(120)
def test_unreadable_file(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    bad = tmp_path / "secret.txt"
    bad.write_text(PROSE)
    bad.chmod(0)
    good = tmp_path / "good.txt"
    good.write_text(article())
    out = run_cli(str(bad), str(good))
    assert out.returncode == 1 and len(_lines(out.stderr)) == 1 and b"council" in out.stdout


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import builtins

    bad = tmp_path / "secret.txt"
    bad.write_text(PROSE)
    good = tmp_path / "good.txt"
    good.write_text(article())
    real_open = builtins.open

    def fake_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == str(bad):
            raise PermissionError(13, "Permission denied", str(bad))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    code = main([str(bad), str(good), "--jobs", "1"])
    captured = capsys.readouterr()
    assert code == 1
    lines = [x for x in captured.err.splitlines() if x.strip()]
    assert len(lines) == 1 and "secret.txt" in lines[0] and "ermission" in lines[0]
    assert "council" in captured.out


@pytest.mark.timeout(120)
def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(article(50_000))
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2] / "src") + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run(
        f"{sys.executable} -m cleaner {big} {big} | head -1",
        shell=True, capture_output=True, env=env, timeout=120, check=False,
    )
    assert b"Traceback" not in proc.stderr and b"Broken pipe" not in proc.stderr, proc.stderr
    assert proc.stdout.count(b"\n") == 1


@pytest.mark.timeout(120)
def test_bad_rule_file_is_one_line_exit_1(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    rules = tmp_path / "bad.toml"
    rules.write_text('category = "ads"\n[[rules]]\nid = "x.bad"\nwhy = "w"\nlanguages = ["*"]\npattern = "(unclosed"\nexamples = ["a"]\n')
    out = run_cli("--rules", str(rules), "-", stdin=PROSE.encode())
    assert out.returncode == 1 and b"Traceback" not in out.stderr
    lines = _lines(out.stderr)
    assert len(lines) == 1 and "bad.toml" in lines[0] and "x.bad" in lines[0]


@pytest.mark.timeout(120)
def test_stdin_garbage(run_cli) -> None:  # type: ignore[no-untyped-def]
    for data in (b"", b"<" * 10_000, b"\xff\xfe" + b"\x00\xd8" * 100):
        out = run_cli("-", stdin=data)
        assert out.returncode == 0 and b"Traceback" not in out.stderr, out.stderr
        out = run_cli("--json", "-", stdin=data)
        assert out.returncode == 0 and out.stdout.strip().startswith(b"{")
    # binary data is refused with one line and exit 1; --json still writes its record
    for data, says in (
        (b"\x00" * 1000, b"not text or HTML"),
        (bytes(range(256)) * 100, b"not text or HTML"),
        (b"\x1f\x8b\x08\x00" + bytes(100), b"gzip-compressed data that is corrupt"),
    ):
        out = run_cli("-", stdin=data)
        assert out.returncode == 1 and out.stdout == b"", out.stderr
        assert len(_lines(out.stderr)) == 1 and says in out.stderr
        out = run_cli("--json", "-", stdin=data)
        assert out.returncode == 1 and b'"error": "the input is' in out.stdout
