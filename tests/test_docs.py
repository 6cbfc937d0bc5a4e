"""Examples in the README, the docs and the docstrings run as tests."""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest

import cleaner
from cleaner import load_rules

ROOT = Path(__file__).resolve().parents[1]
TOML_BLOCK = re.compile(r"```toml\n(.*?)```", re.S)
MODULES = ["cleaner._api", "cleaner._lang", "cleaner._rules", "cleaner._scoring", "cleaner"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def _toml_examples():
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for i, block in enumerate(TOML_BLOCK.findall(doc.read_text(encoding="utf-8"))):
            if "[[rules]]" in block:
                yield pytest.param(block, id=f"{doc.name}-{i}")


@pytest.mark.parametrize("block", list(_toml_examples()))
def test_rule_file_examples_in_docs_are_valid(tmp_path, block):
    """Every rule file shown in the docs loads, and its examples pass (user files are checked on load)."""
    path = tmp_path / "example.toml"
    path.write_text(block, encoding="utf-8")
    # doc examples may reuse ids of shipped rules: load them on their own
    rules = load_rules([path], defaults=False)
    assert len(rules) >= 1


def test_readme_commands_name_real_options():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    from cleaner.cli import build_parser

    known = {opt for action in build_parser()._actions for opt in action.option_strings}
    used = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", readme.split("## Command line")[1].split("##")[0]))
    assert used <= known, used - known


def test_version_is_exposed():
    assert re.fullmatch(r"\d+\.\d+\.\d+", cleaner.__version__)


def test_readme_explain_example_is_real(capsys, monkeypatch):
    """The README's first example shows a real line of `cleaner --explain` on the seed."""
    from cleaner.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"\(stderr\) (.+)", readme).group(1)
    monkeypatch.chdir(ROOT)
    assert main(["--explain", "seeds/moscow-times-syria/source.txt"]) == 0
    out, err = capsys.readouterr()
    assert shown in err.splitlines()
    assert out.startswith("Russia’s Foreign Ministry has called")
