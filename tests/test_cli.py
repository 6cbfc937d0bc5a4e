"""The ``cleaner`` command, mostly in-process through ``main(argv)``; a few real subprocesses."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cleaner.cli as cli
from cleaner import clean
from cleaner.cli import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, Progress, main
from pages import html_page, text_page

SRC = Path(__file__).resolve().parents[1] / "src"


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def set_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


@pytest.fixture
def files(tmp_path):
    paths = []
    for i in range(3):
        p = tmp_path / f"page{i}.txt"
        p.write_text(text_page(i), encoding="utf-8")
        paths.append(p)
    return paths


# --------------------------------------------------------------------------- one page, several pages


def test_stdin(monkeypatch, capsys):
    set_stdin(monkeypatch, text_page(1).encode())
    assert main([]) == EXIT_OK
    out, err = capsys.readouterr()
    assert out == clean(text_page(1)).body + "\n"
    assert err == ""


def test_dash_is_stdin(monkeypatch, capsys):
    set_stdin(monkeypatch, html_page(2))
    assert main(["--json", "-"]) == EXIT_OK
    (record,) = lines(capsys.readouterr().out)
    assert record["source"] == "-"
    assert record["body"] == clean(html_page(2)).body


def test_several_files_are_separated_by_form_feeds_with_a_header_each(files, capsys):
    assert main([str(p) for p in files]) == EXIT_OK
    out, err = capsys.readouterr()
    assert out == "\f\n".join(f"==> {p} <==\n" + clean(p.read_bytes()).body + "\n" for p in files)
    assert err == ""
    assert main(["--no-header", *map(str, files)]) == EXIT_OK
    documents = capsys.readouterr().out.split("\n\f\n")
    assert documents == [clean(p.read_bytes()).body + ("\n" if p == files[-1] else "") for p in files]


def test_several_files_keep_their_place_when_one_has_no_body(files, tmp_path, capsys):
    empty = tmp_path / "menu.txt"
    empty.write_text("Home\nNews\nContact\n")
    assert clean(empty).body == ""
    assert main(["--no-header", str(files[0]), str(empty), str(files[1])]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.count("\f") == 2 and out.split("\f\n")[1] == ""
    assert main([str(files[0])]) == EXIT_OK  # one input: the body alone, as before
    assert capsys.readouterr().out == clean(files[0]).body + "\n"


def test_no_body_holds_a_form_feed():
    for page in ("First line of prose here.\fSecond line of prose there.", "<pre>a long line of text\fanother line</pre>"):
        doc = clean(page)
        assert "\f" not in doc.body + "".join(r.text for r in doc.removed)


def test_json_one_object_per_input_with_source(files, capsys):
    assert main(["--json", *map(str, files)]) == EXIT_OK
    out = capsys.readouterr().out
    records = lines(out)
    assert [r["source"] for r in records] == [str(p) for p in files]
    for r, p in zip(records, files):
        assert r == clean(p).to_dict()  # a path: the Document's source is that path
    assert out.splitlines()[0] == clean(files[0]).to_json()


def test_missing_file_is_reported_and_the_others_are_processed(files, tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert main(["--json", str(files[0]), str(missing), str(files[1])]) == EXIT_INPUT
    out, err = capsys.readouterr()
    assert [r["source"] for r in lines(out)] == [str(files[0]), str(files[1])]
    assert err.count("\n") == 1 and str(missing) in err and err.startswith("cleaner: ")


def test_directory_recursion_with_glob_is_sorted(tmp_path, capsys):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(text_page(1))
    (tmp_path / "b" / "deep" / "c.txt").write_text(text_page(2))
    (tmp_path / "b" / "a.html").write_bytes(html_page(3))
    (tmp_path / "b" / "z.txt").write_text(text_page(4))
    (tmp_path / "notes.md").write_text(text_page(5))
    assert main(["--json", "--glob", "*.txt", str(tmp_path)]) == EXIT_OK
    got = [Path(r["source"]).relative_to(tmp_path).as_posix() for r in lines(capsys.readouterr().out)]
    assert got == ["a.txt", "b/deep/c.txt", "b/z.txt"]
    assert main(["--json", str(tmp_path)]) == EXIT_OK  # default glob: every file
    got = [Path(r["source"]).relative_to(tmp_path).as_posix() for r in lines(capsys.readouterr().out)]
    assert got == ["a.txt", "b/a.html", "b/deep/c.txt", "b/z.txt", "notes.md"]


def test_explain_goes_to_stderr(files, capsys):
    assert main(["--explain", str(files[0])]) == EXIT_OK
    out, err = capsys.readouterr()
    doc = clean(files[0].read_bytes())
    assert out == doc.body + "\n"
    assert err.count("removed [") == len(doc.removed) > 0
    assert all(line.startswith(f"{files[0]}: ") for line in err.splitlines())


def test_options_still_work(files, tmp_path, capsys):
    assert main(["--disable", "navigation,newsletter", "--text", "--max-size", "100000", "--json", str(files[0])]) == EXIT_OK
    (record,) = lines(capsys.readouterr().out)
    assert record["body"] == clean(files[0].read_bytes(), disable=["navigation", "newsletter"], kind="text").body
    assert main(["--list-rules"]) == EXIT_OK
    assert capsys.readouterr().out.count("\t") > 10
    bad = tmp_path / "bad.toml"
    bad.write_text("[[rules]]\nid = 'x'\n")
    assert main(["--rules", str(bad), str(files[0])]) == EXIT_INPUT
    assert capsys.readouterr().err.startswith("cleaner: ")


@pytest.mark.parametrize(
    "argv",
    [["--no-such-flag"], ["-j", "-1"], ["-j", "many"], ["--field", "body", "x.txt"], ["--jsonl", "--warc"], ["--max-size", "-3"]],
)
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == "" and "usage:" in err


def test_jobs_two_equals_one(files, capsys):
    argv = ["--json", *map(str, files * 3)]
    assert main(["-j", "1", *argv]) == EXIT_OK
    one = capsys.readouterr().out
    assert main(["-j", "2", *argv]) == EXIT_OK
    assert capsys.readouterr().out == one


# --------------------------------------------------------------------------- JSON Lines


def test_jsonl_round_trip_with_ids(tmp_path, capsys):
    src = tmp_path / "pages.jsonl"
    records = [
        {"id": 7, "html": html_page(1).decode(), "url": "https://example.org/1"},
        {"id": "b", "text": text_page(2)},
        {"id": "c", "html": text_page(3), "text": "ignored"},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in records) + "\n", encoding="utf-8")
    assert main(["--jsonl", "-j", "2", str(src)]) == EXIT_OK
    out = lines(capsys.readouterr().out)
    assert [r["id"] for r in out] == [7, "b", "c"]
    assert [r["source"] for r in out] == [f"{src}:1", f"{src}:2", f"{src}:3"]
    assert out[0]["body"] == clean(records[0]["html"], url="https://example.org/1").body
    assert out[0]["metadata"]["url"] == "https://example.org/1"
    assert out[1]["body"] == clean(records[1]["text"]).body
    assert out[2]["body"] == clean(records[2]["html"]).body


def test_jsonl_custom_fields_and_bad_records(tmp_path, capsys):
    src = tmp_path / "pages.jsonl"
    src.write_text(
        json.dumps({"key": "k1", "page": text_page(1)}) + "\n"
        + "{not json\n"
        + json.dumps({"key": "k3", "other": 1}) + "\n"
        + json.dumps(["a list"]) + "\n"
        + json.dumps({"key": "k5", "page": text_page(5)}) + "\n",
        encoding="utf-8",
    )
    assert main(["--jsonl", "--field", "page", "--id-field", "key", str(src)]) == EXIT_INPUT
    out, err = capsys.readouterr()
    records = lines(out)
    assert [r["id"] for r in records] == ["k1", None, "k3", None, "k5"]  # one output line per input record
    assert [bool(r["error"]) for r in records] == [False, True, True, True, False]
    assert records[4]["body"] == clean(text_page(5)).body
    assert len(err.splitlines()) == 3 and f"{src}:2: " in err and "--field" in err


def test_jsonl_from_stdin_and_gzip(tmp_path, monkeypatch, capsys):
    import gzip

    data = json.dumps({"id": 1, "text": text_page(1)}) + "\n"
    set_stdin(monkeypatch, data.encode())
    assert main(["--jsonl"]) == EXIT_OK
    assert lines(capsys.readouterr().out)[0]["body"] == clean(text_page(1)).body
    gz = tmp_path / "p.jsonl.gz"
    gz.write_bytes(gzip.compress(data.encode()))
    assert main(["--jsonl", str(gz)]) == EXIT_OK
    assert lines(capsys.readouterr().out)[0]["id"] == 1


# --------------------------------------------------------------------------- WARC


def write_warc(path: Path) -> list[tuple[str, bytes]]:
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders

    pages = [(f"https://example.org/{i}", html_page(i)) for i in range(3)]
    with open(path, "wb") as fh:
        writer = warcio.WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record("test.warc.gz", {"software": "tests"}))
        for uri, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(html), http_headers=headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/i.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=image))
        wet = text_page(9).encode()
        writer.write_record(writer.create_warc_record("https://example.org/9", "conversion", payload=io.BytesIO(wet)))
    return pages + [("https://example.org/9", wet)]


def test_warc_to_jsonl(tmp_path, capsys):
    path = tmp_path / "crawl.warc.gz"
    pages = write_warc(path)
    assert main(["--warc", "-j", "2", str(path)]) == EXIT_OK
    records = lines(capsys.readouterr().out)
    assert [r["id"] for r in records] == [uri for uri, _ in pages]  # warcinfo and the image are skipped
    assert [r["metadata"]["url"] for r in records] == [uri for uri, _ in pages]
    for r, (uri, data) in zip(records[:3], pages):
        assert r["body"] == clean(data.decode("utf-8"), kind="html", url=uri).body
        assert r["kind"] == "html" and r["source"] == str(path) and r["warc_record_id"]
    assert records[3]["kind"] == "text" and records[3]["body"] == clean(text_page(9), url=pages[3][0]).body


def test_warc_garbage_is_one_line_and_exit_1(tmp_path, capsys):
    pytest.importorskip("warcio")
    bad = tmp_path / "bad.warc"
    bad.write_text("this is not a WARC file\n")
    assert main(["--warc", str(bad)]) == EXIT_INPUT
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and str(bad) in err


def test_warc_without_warcio_says_how_to_install(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "warcio", None)  # import warcio now raises ImportError
    assert main(["--warc", str(tmp_path / "x.warc.gz")]) == EXIT_INPUT
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and "article-cleaner[warc]" in err


# --------------------------------------------------------------------------- progress, interrupts


def test_no_progress_when_stderr_is_not_a_terminal(files, capsys):
    assert main(["--json", *map(str, files)]) == EXIT_OK
    assert capsys.readouterr().err == ""


def test_forced_progress_line(files, capsys, monkeypatch):
    monkeypatch.setattr(Progress, "__init__", _fast_progress_init)
    assert main(["--progress", "--json", *map(str, files)]) == EXIT_OK
    out, err = capsys.readouterr()
    assert len(lines(out)) == 3  # stdout unaffected
    assert "docs/s" in err and "MB/s" in err and "ETA" in err


_original_init = Progress.__init__


def _fast_progress_init(self, stream, total_bytes, *, interval=0.25):
    _original_init(self, stream, total_bytes, interval=0.0)


def test_progress_line_figures():
    p = Progress(io.StringIO(), 1000)
    p.start -= 10
    p.docs, p.bytes, p.pos = 50, 2_000_000, 250
    assert p.line(p.start + 10) == "50 docs  5.0 docs/s  0.20 MB/s   25%  ETA 0:00:30"
    assert "ETA" not in Progress(io.StringIO(), None).line(time.monotonic())


def test_interrupt_keeps_what_was_written(files, monkeypatch, capsys):
    real = cli.clean_tasks

    def interrupted_after_two(*args, **kwargs):
        for n, result in enumerate(real(*args, **kwargs)):
            if n == 2:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(cli, "clean_tasks", interrupted_after_two)
    assert main(["--json", *map(str, files)]) == EXIT_INTERRUPTED
    out, err = capsys.readouterr()
    assert [r["source"] for r in lines(out)] == [str(files[0]), str(files[1])]
    assert "interrupted" in err and "Traceback" not in err


# --------------------------------------------------------------------------- real processes


def run_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def test_subprocess_stdin_and_files(files):
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "-j", "2", "--json", "-", str(files[0]), "missing.txt"],
        input=text_page(8).encode(),
        capture_output=True,
        env=run_env(),
        timeout=120,
    )
    assert proc.returncode == EXIT_INPUT
    records = lines(proc.stdout.decode())
    assert [r["source"] for r in records] == ["-", str(files[0])]
    assert records[0]["body"] == clean(text_page(8)).body
    assert proc.stderr.decode().splitlines() == ["cleaner: missing.txt: No such file or directory"]


def test_subprocess_closed_pipe_is_quiet(tmp_path):
    """`cleaner --jsonl big.jsonl | head -1`: the reader goes away; no traceback, workers stop."""
    big = tmp_path / "big.jsonl"
    big.write_text("".join(json.dumps({"id": i, "text": text_page(i) * 3}) + "\n" for i in range(400)))
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "--jsonl", "-j", "2", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=run_env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == EXIT_OK
    assert json.loads(first)["id"] == 0
    assert "Traceback" not in err and "Error" not in err


def test_subprocess_ctrl_c_stops_cleanly(tmp_path):
    big = tmp_path / "big.jsonl"
    big.write_text("".join(json.dumps({"id": i, "text": text_page(i)}) + "\n" for i in range(3000)))
    out = tmp_path / "out.jsonl"
    with open(out, "wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cleaner", "--jsonl", "-j", "2", str(big)],
            stdout=sink,
            stderr=subprocess.PIPE,
            env=run_env(),
            start_new_session=True,  # the whole group gets the signal, as from a terminal
        )
        deadline = time.monotonic() + 60
        while out.stat().st_size == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == EXIT_INTERRUPTED
    assert "Traceback" not in err.decode()
    written = lines(out.read_text())
    assert 0 < len(written) < 3000
    assert [r["id"] for r in written] == list(range(len(written)))  # complete records, in order


# --------------------------------------------------------------------------- what a new user trips over (issue 15)

SLOW_RULE = """category = "ads"
[[rules]]
id = "user.slow"
why = "Backtracks."
languages = ["*"]
pattern = '(a|aa)+$'
examples = ["aaa"]
"""


def compressed(data: bytes) -> dict[str, bytes]:
    import bz2
    import gzip
    import lzma

    return {"gzip": gzip.compress(data), "bzip2": bz2.compress(data), "xz": lzma.compress(data)}


@pytest.mark.parametrize("packed", ["gzip", "bzip2", "xz"])
def test_compressed_files_are_read_by_content(packed, tmp_path, capsys):
    data = compressed(text_page(4).encode())[packed]
    named = tmp_path / "page.txt.gz"
    unnamed = tmp_path / "page.dat"  # the content decides, not the name
    named.write_bytes(data)
    unnamed.write_bytes(data)
    assert main(["--no-header", str(named), str(unnamed)]) == EXIT_OK
    out, err = capsys.readouterr()
    assert out == "\f\n".join([clean(text_page(4)).body + "\n"] * 2) and err == ""
    jsonl = tmp_path / "pages.jsonl.anything"
    jsonl.write_bytes(compressed((json.dumps({"id": 1, "text": text_page(4)}) + "\n").encode())[packed])
    assert main(["--jsonl", str(jsonl)]) == EXIT_OK
    assert lines(capsys.readouterr().out)[0]["body"] == clean(text_page(4)).body


def bomb(tmp_path: Path) -> Path:
    """A few hundred KB of gzip that would decompress to 60 MB of text."""
    import zlib

    chunk = (text_page(1) * 20).encode()
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    path = tmp_path / "bomb.gz"
    with open(path, "wb") as fh:
        for _ in range(60_000_000 // len(chunk)):
            fh.write(packer.compress(chunk))
        fh.write(packer.flush())
    assert path.stat().st_size < 1_000_000
    return path


def test_a_compression_bomb_stops_at_the_cap_with_one_line(tmp_path, capsys):
    path = bomb(tmp_path)
    assert main(["--max-size", "100000", "--json", str(path)]) == EXIT_OK
    out, err = capsys.readouterr()
    (record,) = lines(out)
    assert record["truncated"] is True and record["error"] is None and "river rose" in record["body"]
    assert err.splitlines() == [f"cleaner: {path}: larger than --max-size 100000 bytes (decompressed, if compressed): only its first 100000 bytes were cleaned"]


def test_truncation_is_said_on_stderr_without_json(files, capsys):
    assert main(["--max-size", "300", str(files[0])]) == EXIT_OK
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"cleaner: {files[0]}: larger than --max-size 300 bytes (decompressed, if compressed): only its first 300 bytes were cleaned"]
    assert out == clean(files[0].read_bytes()[:300]).body + "\n"
    assert main([str(files[0])]) == EXIT_OK and capsys.readouterr().err == ""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rule_that_times_out_is_one_line_naming_input_and_rule(jobs, tmp_path, capsys):
    rules = tmp_path / "slow.toml"
    rules.write_text(SLOW_RULE)
    page = tmp_path / "aaa.txt"
    page.write_text("a" * 40 + "!\n\nThe council met on Monday and talked about the old bridge over the river for hours.\n")
    assert main(["-j", jobs, "--rules", str(rules), str(page)]) == EXIT_OK
    out, err = capsys.readouterr()
    said = err.splitlines()
    assert said and all(s.startswith(f"cleaner: {page}: rule 'user.slow' ({rules}) timed out") for s in said), said
    assert all("the block was kept" in s for s in said) and "Warning" not in err
    assert "council met" in out


def test_a_bad_rule_file_lists_every_problem_and_reads_no_input(files, tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'category = "ads"\ncolour = "red"\n'
        '[[rules]]\nid = "a.one"\nwhy = "w"\nlanguages = ["*"]\npattern = "(unclosed"\nexamples = ["x"]\n'
        '[[rules]]\nid = "a.two"\nlanguages = ["*"]\npattern = "two"\nexamples = ["two"]\nscope = "page"\n'
        '[[rules]]\nid = "a.three"\nwhy = "w"\nlanguages = ["*"]\npattern = "three"\nexamples = ["four"]\n'
    )
    assert main(["--rules", str(bad), str(files[0])]) == EXIT_INPUT
    out, err = capsys.readouterr()
    said = err.splitlines()
    assert out == ""  # failing fast: no input is cleaned without the rules asked for
    assert all(s.startswith(f"cleaner: {bad}: ") for s in said)
    assert any("'colour'" in s for s in said)
    assert any("rule 'a.one'" in s and "does not compile" in s for s in said)
    assert any("rule 'a.two'" in s and "'why' is required" in s for s in said)
    assert any("rule 'a.two'" in s and "'scope'" in s for s in said)
    assert any("rule 'a.three'" in s and "example 'four' is not matched" in s for s in said)
    assert len(said) == 5


class _Terminal(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def test_stdin_at_a_terminal_gets_a_one_line_hint(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", _Terminal(io.BytesIO(text_page(1).encode())))
    assert main([]) == EXIT_OK
    out, err = capsys.readouterr()
    assert out == clean(text_page(1)).body + "\n"
    assert len(err.splitlines()) == 1 and "standard input" in err and "Ctrl-D" in err
    set_stdin(monkeypatch, text_page(1).encode())  # a pipe: no hint
    assert main([]) == EXIT_OK and capsys.readouterr().err == ""


def test_help_examples_are_one_per_line_and_point_to_real_documentation(capsys):
    assert main(["--help"]) == EXIT_OK
    out = capsys.readouterr().out
    examples = [ln for ln in out.splitlines() if ln.startswith("  cleaner ")]
    assert len(examples) >= 6
    assert all(ln.count("cleaner ") == 1 for ln in examples)  # not reflowed into one paragraph
    assert "docs/batch.md" not in out
    assert "https://pypi.org/project/article-cleaner/" in out and "'article-cleaner[warc]'" in out
    assert "--no-header" in out and "form feed" in out


def test_error_hints_name_the_distribution():
    from cleaner._errors import DISTRIBUTION

    assert DISTRIBUTION == "article-cleaner"
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    assert f'name = "{DISTRIBUTION}"' in pyproject
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for text in (readme, *(p.read_text() for p in (Path(__file__).resolve().parents[1] / "docs").glob("*.md"))):
        assert "'cleaner[" not in text and "pip install cleaner" not in text


def test_subprocess_new_user_manners(tmp_path):
    """The same, through real processes: help, a compressed pipe, a bomb, a bad rule file."""
    env = run_env()
    run = partial_run(env)
    help_out = run(["--help"]).stdout.decode()
    assert [ln for ln in help_out.splitlines() if ln.startswith("  cleaner --json *.html")]
    assert "pypi.org/project/article-cleaner" in help_out
    piped = run(["-"], stdin=compressed(text_page(2).encode())["gzip"])
    assert piped.returncode == 0 and piped.stdout.decode() == clean(text_page(2)).body + "\n"
    path = bomb(tmp_path)
    capped = run(["-j", "2", "--max-size", "100000", str(path), str(path)])
    assert capped.returncode == 0
    assert capped.stderr.decode().count("larger than --max-size 100000 bytes") == 2
    assert len(capped.stderr.decode().splitlines()) == 2 and capped.stdout.count(b"\f") == 1
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rules]]\nid = "x.a"\n[[rules]]\nid = "x.b"\npattern = "("\n')
    failed = run(["--rules", str(bad), "-"], stdin=b"text")
    said = failed.stderr.decode().splitlines()
    assert failed.returncode == 1 and failed.stdout == b"" and len(said) >= 4 and "Traceback" not in failed.stderr.decode()
    assert any("'x.a'" in s for s in said) and any("'x.b'" in s and "does not compile" in s for s in said)


def partial_run(env):
    def run(argv, stdin=b""):
        return subprocess.run([sys.executable, "-m", "cleaner", *argv], input=stdin, capture_output=True, env=env, timeout=120)

    return run


def test_subprocess_rule_timeout_is_one_line(tmp_path):
    rules = tmp_path / "slow.toml"
    rules.write_text(SLOW_RULE)
    page = tmp_path / "aaa.txt"
    page.write_text("a" * 40 + "!\n")
    proc = partial_run(run_env())(["-j", "2", "--rules", str(rules), str(page)])
    said = proc.stderr.decode().splitlines()
    assert proc.returncode == 0 and said
    assert all(s.startswith(f"cleaner: {page}: rule 'user.slow'") for s in said), said


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_subprocess_terminal_stdin_gets_the_hint_and_still_reads():
    import termios

    master, slave = os.openpty()
    attrs = termios.tcgetattr(slave)
    attrs[3] &= ~termios.ECHO
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner"], stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=run_env()
    )
    os.close(slave)
    try:
        assert proc.stderr is not None
        hint = proc.stderr.readline().decode()  # said before anything is typed
        assert "standard input" in hint and "Ctrl-D" in hint
        os.write(master, text_page(3).encode() + b"\x04")
        out, err = proc.communicate(timeout=120)
    finally:
        os.close(master)
    assert proc.returncode == 0 and err == b""
    assert out.decode() == clean(text_page(3)).body + "\n"


def test_workers_read_the_files_with_the_same_diagnostics_as_one_process(tmp_path, capsys):
    """With -j 2 each file is read by the worker that cleans it: a missing file, a cut-short
    gzip and an empty broken one still give the same records and one-line notes."""
    good = tmp_path / "a.txt"
    good.write_text(text_page(2))
    cut = tmp_path / "cut.gz"
    whole = compressed((text_page(1) * 6000).encode())["gzip"]  # more than one 1 MB read
    cut.write_bytes(whole[: len(whole) // 2])
    empty = tmp_path / "empty.gz"
    empty.write_bytes(compressed(text_page(3).encode())["gzip"][:12])
    names = [str(good), str(tmp_path / "nope.txt"), str(cut), str(empty), str(good)]
    runs = []
    for jobs in ("1", "2"):
        assert main(["--json", "-j", jobs, *names]) == EXIT_INPUT
        runs.append(capsys.readouterr())
    assert runs[0] == runs[1]
    out, err = runs[1]
    assert [r["source"] for r in lines(out)] == [names[0], *names[2:]]
    said = err.splitlines()
    assert said[0] == f"cleaner: {names[1]}: No such file or directory"
    assert said[1].startswith(f"cleaner: {cut}: gzip-compressed data that is corrupt or cut short") and said[1].endswith(
        "; cleaned what it held"
    )
    assert said[2].startswith(f"cleaner: {empty}: the input is gzip-compressed data that is corrupt")
    assert len(said) == 3
