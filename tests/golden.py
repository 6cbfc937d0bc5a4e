"""Golden seed documents: render what cleaner makes of each seed, and regenerate goldens.

Each ``seeds/<slug>/`` holds ``source.txt`` or ``source.html``, the expected body
(``expected.txt``), ``expected.json`` (title, metadata, and every removed block with its
category) and ``expected.md`` (``Document.markdown`` with default options). Regenerate after an intended change and review the diff::

    python tests/golden.py            # rewrite every golden from the current code
    python tests/golden.py SLUG ...   # only these
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
#: metadata fields a golden pins (the rest may legitimately improve without churn)
PINNED_METADATA = ("title", "authors", "date", "date_time", "site_name", "language", "url", "canonical_url")


def seed_dirs() -> list[Path]:
    return sorted(p for p in SEEDS.iterdir() if p.is_dir() and any(p.glob("source.*")))


def source_of(seed: Path) -> Path:
    sources = sorted(seed.glob("source.*"))
    if len(sources) != 1:
        raise ValueError(f"{seed}: expected exactly one source.* file, found {len(sources)}")
    return sources[0]


def render(seed: Path) -> tuple[str, dict[str, Any]]:
    """The body and the JSON summary cleaner produces for one seed."""
    body, summary, _ = render_all(seed)
    return body, summary


def render_all(seed: Path) -> tuple[str, dict[str, Any], str]:
    """The body, the JSON summary and the Markdown cleaner produces for one seed."""
    from cleaner import clean

    src = source_of(seed)
    kind = "html" if src.suffix in (".html", ".htm") else "text"
    doc = clean(src.read_bytes(), kind=kind)
    meta = doc.metadata.to_dict()
    summary = {
        "title": doc.title,
        "metadata": {k: meta[k] for k in PINNED_METADATA},
        "removed": [{"category": r.category, "text": r.text} for r in doc.removed],
    }
    body = doc.body + "\n" if doc.body else ""
    markdown = doc.markdown + "\n" if doc.markdown else ""
    return body, summary, markdown


def dump(summary: dict[str, Any]) -> str:
    return json.dumps(summary, ensure_ascii=False, indent=2) + "\n"


def regenerate(slugs: list[str]) -> None:
    for seed in seed_dirs():
        if slugs and seed.name not in slugs:
            continue
        body, summary, markdown = render_all(seed)
        (seed / "expected.txt").write_text(body, encoding="utf-8")
        (seed / "expected.json").write_text(dump(summary), encoding="utf-8")
        (seed / "expected.md").write_text(markdown, encoding="utf-8")
        print(f"wrote {seed.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    regenerate(sys.argv[1:])
