"""Golden tests: every seed document comes out exactly as its reviewed expectation."""

from __future__ import annotations

import json

import pytest

from golden import render, render_all, seed_dirs, source_of

SEEDS = seed_dirs()


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name for s in SEEDS])
def test_seed_matches_golden(seed):
    source_of(seed)  # exactly one source file
    assert (seed / "expected.txt").is_file(), f"{seed.name}: no expected.txt (run python tests/golden.py {seed.name})"
    body, summary = render(seed)
    expected = json.loads((seed / "expected.json").read_text(encoding="utf-8"))
    assert body == (seed / "expected.txt").read_text(encoding="utf-8")
    assert summary["title"] == expected["title"]
    assert summary["metadata"] == expected["metadata"]
    assert summary["removed"] == expected["removed"]


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name for s in SEEDS])
def test_seed_markdown_matches_golden(seed):
    assert (seed / "expected.md").is_file(), f"{seed.name}: no expected.md (run python tests/golden.py {seed.name})"
    _, _, markdown = render_all(seed)
    assert markdown == (seed / "expected.md").read_text(encoding="utf-8")


def test_there_are_enough_seeds():
    kinds = {source_of(s).suffix for s in SEEDS}
    assert len(SEEDS) >= 7 and {".txt", ".html"} <= kinds


def test_moscow_times_seed_is_exact():
    """The document the project was created from, checked against the issue's wording."""
    seed = next(s for s in SEEDS if s.name == "moscow-times-syria")
    body, summary = render(seed)
    paragraphs = body.rstrip("\n").split("\n\n")
    assert summary["title"] == "Moscow Accuses Washington of 'Blackmail' and 'Supporting Terrorists' in Syria"
    assert len(paragraphs) == 10
    assert paragraphs[0].startswith("Russia’s Foreign Ministry has called")
    assert paragraphs[-1] == "The Islamic State and Nusra Front are terrorist organizations banned in Russia."
    removed = [(r["category"], r["text"]) for r in summary["removed"]]
    cats = dict((t, c) for c, t in removed)
    assert cats["Support The Moscow Times!"] == "donation"
    assert cats["Sign up for our free weekly newsletter"] == "newsletter"
    assert cats["Subscribers agree to the Privacy Policy"] == "newsletter"
    assert cats["Read more"] == "navigation"
    start = [t for _, t in removed].index("A Message from The Moscow Times:")
    end = [t for _, t in removed].index("Remind me later.")
    assert end - start == 13 and all(c == "donation" for c, _ in removed[start : end + 1])
    assert summary["metadata"]["site_name"] == "The Moscow Times"
