"""Accuracy gate for plain-text input: fails when F1, precision or recall on the 181
development pages drops below the floors pinned in ``accuracy_floors.json`` (raise them as
scores rise; never lower them silently). Also checks, on the same real pages, that
cleaning a body again keeps all of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from metric import DATA, load_ground_truth, load_text_pages, score_corpus, score_document

FLOORS = json.loads((Path(__file__).with_name("accuracy_floors.json")).read_text(encoding="utf-8"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (DATA / "ground-truth.json").is_file(),
        reason=f"development corpus not found at {DATA} (it sits next to the repository as ../shared/data/scrapinghub)",
    ),
]


@pytest.fixture(scope="module")
def bodies() -> dict[str, str]:
    from cleaner import Cleaner

    cleaner = Cleaner()
    pages = load_text_pages()
    return {pid: cleaner.clean(text, kind="text").body for pid, text in pages.items()}


@pytest.mark.timeout(600)
def test_text_accuracy_does_not_drop(bodies: dict[str, str]) -> None:
    truth = load_ground_truth()
    assert set(truth) <= set(bodies), "a ground-truth page has no text dump"
    result = score_corpus([score_document(bodies[pid], truth[pid]) for pid in sorted(truth)])
    floor = FLOORS["text"]
    summary = f"F1 {result.f1:.4f}, P {result.precision:.4f}, R {result.recall:.4f} (floors {floor})"
    assert result.f1 >= floor["f1"], summary
    assert result.precision >= floor["precision"], summary
    assert result.recall >= floor["recall"], summary


@pytest.mark.timeout(600)
def test_real_bodies_are_idempotent(bodies: dict[str, str]) -> None:
    from cleaner import Cleaner

    cleaner = Cleaner()
    changed = [pid for pid, body in sorted(bodies.items()) if cleaner.clean(body, kind="text").body != body]
    assert not changed, f"cleaning the body again changed it on {len(changed)} pages, e.g. {changed[:3]}"
