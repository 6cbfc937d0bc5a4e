"""Accuracy gate for HTML input: fails when F1, precision or recall on the 181 development
pages drops below the floors pinned in ``accuracy_floors.json`` (raise them as scores rise;
never lower them silently)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from metric import DATA, load_ground_truth, load_html_pages, score_corpus, score_document

FLOORS = json.loads((Path(__file__).with_name("accuracy_floors.json")).read_text(encoding="utf-8"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (DATA / "ground-truth.json").is_file(), reason=f"development corpus not found at {DATA}"),
]


@pytest.mark.timeout(600)
def test_html_accuracy_does_not_drop():
    from cleaner import Cleaner

    cleaner = Cleaner()
    truth = load_ground_truth()
    pages = load_html_pages()
    scores = [score_document(cleaner.clean(pages[pid], kind="html").body, truth[pid]) for pid in sorted(truth)]
    result = score_corpus(scores)
    floor = FLOORS["html"]
    summary = f"F1 {result.f1:.4f}, P {result.precision:.4f}, R {result.recall:.4f}"
    assert result.f1 >= floor["f1"], summary
    assert result.precision >= floor["precision"], summary
    assert result.recall >= floor["recall"], summary
