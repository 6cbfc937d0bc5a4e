"""Accuracy gate on the open-web development set (trafeval-dev, 516 pages, mostly German):
fails when the snippet metric's F1, precision or recall, with HTML or plain text as input,
drops below the floors pinned in ``accuracy_floors.json`` (raise them as scores rise; never
lower them silently), or when more pages than allowed come out empty although their truth
has content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from metric import TRAFEVAL, load_trafeval, score_snippets, sum_snippets

FLOORS = json.loads((Path(__file__).with_name("accuracy_floors.json")).read_text(encoding="utf-8"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (TRAFEVAL / "truth.json").is_file(), reason=f"open-web development set not found at {TRAFEVAL}"),
]


@pytest.mark.timeout(600)
@pytest.mark.parametrize("kind", ["html", "text"])
def test_trafeval_accuracy_does_not_drop(kind: str) -> None:
    from cleaner import Cleaner

    cleaner = Cleaner()
    scores = []
    empty = []
    for page in load_trafeval():
        body = cleaner.clean(page.html() if kind == "html" else page.text(), kind=kind).body
        scores.append(score_snippets(body, page))
        if page.with_ and not body.strip():
            empty.append(page.file)
    total = sum_snippets(scores)
    floor = FLOORS[f"trafeval-{kind}"]
    summary = f"F1 {total.f1:.4f}, P {total.precision:.4f}, R {total.recall:.4f}, empty {len(empty)} (floors {floor})"
    assert total.f1 >= floor["f1"], summary
    assert total.precision >= floor["precision"], summary
    assert total.recall >= floor["recall"], summary
    assert len(empty) <= floor.get("max_empty", len(empty)), f"{summary}: {empty[:5]}"
