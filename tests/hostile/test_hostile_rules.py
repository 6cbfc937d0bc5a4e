"""User rule files are untrusted data (issue 5): no code runs, no includes, pathological
patterns cannot hang a run, and invalid files fail fast naming file, rule and reason."""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import pytest

from cleaner import Cleaner, RuleError, clean

GOOD = '''category = "ads"
[[rules]]
id = "user.{id}"
why = "test rule"
languages = ["*"]
pattern = '{pattern}'
examples = ["{example}"]
'''


def write(tmp_path: Path, text: str | bytes, name: str = "user.toml") -> Path:
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode())
    return p


@pytest.mark.timeout(120)
def test_pathological_pattern_cannot_hang_and_warning_names_the_rule(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.format(id="evil", pattern="(a|a)+b", example="ab"))
    cleaner = Cleaner([path])
    text = "\n\n".join(["a" * 40 + "!"] * 2000)  # every block makes the pattern backtrack
    start = time.monotonic()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = cleaner.clean(text)
    assert time.monotonic() - start < 30  # without a per-document budget: 2000 x 0.25 s
    messages = [str(w.message) for w in caught]
    assert messages and all("user.evil" in m and str(path) in m for m in messages)
    assert len(messages) <= 3
    assert len(doc.removed) + len(doc.paragraphs) == 2000  # timed-out blocks are kept, not lost
    # the next document gets a fresh budget
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cleaner.clean("a" * 40 + "!")
    assert caught


@pytest.mark.timeout(120)
def test_many_pathological_rules_are_bounded_per_document(tmp_path: Path) -> None:
    rules = "".join(
        GOOD.format(id=f"evil{i}", pattern=f"(a|a)+b{i}", example=f"ab{i}").split("\n", 1)[1] for i in range(40)
    )
    path = write(tmp_path, 'category = "ads"\n' + rules)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cleaner = Cleaner([path])
        start = time.monotonic()
        cleaner.clean("\n".join(["a" * 40 + "!"] * 200))
    assert time.monotonic() - start < 30


@pytest.mark.timeout(120)
def test_region_rule_scans_stay_linear(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '''category = "ads"
[[rules]]
id = "user.region"
why = "a region that never closes"
languages = ["*"]
pattern = '^open\\d+$'
examples = ["open1"]
scope = "region"
until = '^never-closes$'
max_blocks = 1000000000
''',
    )
    cleaner = Cleaner([path])
    start = time.monotonic()
    cleaner.clean("\n\n".join(f"open{i}" for i in range(20_000)))
    assert time.monotonic() - start < 60


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('category = "ads"\n[[rules]]\nid = "x.one"\nwhy = "w"\nlanguages = ["*"]\npattern = "a"\nexamples = ["a"]\nexec = "import os"\n', "unknown key 'exec'"),
        ('category = "ads"\ninclude = "other.toml"\n', "unknown top-level key 'include'"),
        ('category = "ads"\n[[rules]]\nid = "x.bad"\nwhy = "w"\nlanguages = ["*"]\npattern = "(unclosed"\nexamples = ["a"]\n', "does not compile"),
        ('category = "ads"\n[[rules]]\nid = "x.cat"\ncategory = "nonsense"\nwhy = "w"\nlanguages = ["*"]\npattern = "a"\nexamples = ["a"]\n', "unknown category 'nonsense'"),
        ('this is = not toml [', "not valid TOML"),
        (b'category = "ads"\n# \xff\xfe latin-1 bytes\n', "not UTF-8"),
        ('category = "ads"\n[[rules]]\nid = "x.big"\nwhy = "w"\nlanguages = ["*"]\npattern = "' + "a" * 20_000 + '"\nexamples = ["a"]\n', "longer than"),
    ],
    ids=["unknown-key", "include", "bad-pattern", "unknown-category", "not-toml", "not-utf8", "huge-pattern"],
)
def test_invalid_files_fail_fast_with_file_rule_and_reason(tmp_path: Path, text: str | bytes, needle: str) -> None:
    path = write(tmp_path, text)
    start = time.monotonic()
    with pytest.raises(RuleError) as info:
        Cleaner([path])
    assert time.monotonic() - start < 5
    message = str(info.value)
    assert str(path) in message and needle in message
    assert info.value.path == str(path)
    if needle in ("unknown key 'exec'", "does not compile", "unknown category 'nonsense'", "longer than"):
        assert info.value.rule is not None and info.value.rule in message


def test_duplicate_id_names_both_files(tmp_path: Path) -> None:
    rule = GOOD.format(id="dup", pattern="^x$", example="x")
    a, b = write(tmp_path, rule, "a.toml"), write(tmp_path, rule, "b.toml")
    with pytest.raises(RuleError) as info:
        Cleaner([a, b])
    assert "user.dup" in str(info.value) and str(a) in str(info.value) and str(b) in str(info.value)
    with pytest.raises(RuleError, match="duplicate"):
        Cleaner([tmp_path])


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = write(tmp_path, "# " + "x" * 3_000_000 + "\n")
    start = time.monotonic()
    with pytest.raises(RuleError, match="larger than"):
        Cleaner([path])
    assert time.monotonic() - start < 5


def test_rule_files_cannot_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payloads = [
        f'category = "ads"\n[[rules]]\nid = "x.py"\nwhy = "__import__(\'os\').system(\'touch {marker}\')"\nlanguages = ["*"]\npattern = "(?e)x"\nexamples = ["x"]\n',
        f'category = "ads"\n[[rules]]\nid = "x.py2"\nwhy = "w"\nlanguages = ["*"]\npattern = "\\\\N{{{marker}}}"\nexamples = ["x"]\n',
    ]
    for i, text in enumerate(payloads):
        path = write(tmp_path, text, f"p{i}.toml")
        try:
            Cleaner([path]).clean("x")
        except RuleError:
            pass
    assert not marker.exists()


def test_missing_rule_path_is_a_rule_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="no such rule file"):
        clean("x", rules=[tmp_path / "missing.toml"])
