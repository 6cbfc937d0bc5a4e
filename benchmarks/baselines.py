"""Baselines for the plain-text benchmark: what cleaner has to beat.

Each baseline is a function ``text -> body`` over the same page text cleaner gets:

- :func:`keep_everything` -- the whole page (the floor: every boilerplate line kept);
- :func:`c4_filter` -- the line filter used to build the C4 corpus (Raffel et al. 2020):
  keep lines that end in terminal punctuation and have at least three words, drop lines
  that mention javascript, cookies, a privacy policy or terms of use;
- :func:`make_justext` -- jusText's classifier over the page's lines (each line one
  paragraph), with the stoplist of the page's language. Optional: ``None`` when the
  ``justext`` package is not installed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

Baseline = Callable[[str], str]

_C4_TERMINAL = ('.', '!', '?', '"', "'", "”", "’", "»", "…")
_C4_BAD = re.compile(r"javascript|cookies?\b|privacy policy|terms of use", re.IGNORECASE)


def keep_everything(text: str) -> str:
    """Every non-empty line of the page."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def c4_filter(text: str) -> str:
    """C4's line heuristics: terminal punctuation, at least three words, no boilerplate words."""
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if (
            line.endswith(_C4_TERMINAL)
            and len(line.split()) >= 3
            and not _C4_BAD.search(line)
        ):
            kept.append(line)
    return "\n\n".join(kept)


#: cleaner's language codes -> jusText stoplist names
_JUSTEXT_LANG = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "ru": "Russian",
}


def make_justext() -> Baseline | None:
    """jusText over the lines of the page, or ``None`` if jusText is not installed."""
    try:
        import justext
    except ImportError:
        return None
    from cleaner._lang import guess_language

    stoplists = {code: justext.get_stoplist(name) for code, name in _JUSTEXT_LANG.items()}

    def run(text: str) -> str:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if not lines:
            return ""
        lang = guess_language(text) or "en"
        page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
        paragraphs = justext.justext(page.encode("utf-8"), stoplists[lang], encoding="utf-8")
        return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def baselines() -> dict[str, Baseline]:
    """The baselines that can run here, by name, in report order."""
    found: dict[str, Baseline] = {"keep-everything": keep_everything, "c4-filter": c4_filter}
    jt = make_justext()
    if jt is not None:
        found["justext"] = jt
    return found
