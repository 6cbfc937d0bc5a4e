"""Baselines for the plain-text benchmark: what cleaner has to beat.

Each baseline is a function ``text -> body`` over the same page text cleaner gets:

- :func:`keep_everything` -- the whole page (the floor: every boilerplate line kept);
- :func:`c4_filter` -- the line filter used to build the C4 corpus (Raffel et al. 2020):
  keep lines that end in terminal punctuation and have at least three words, drop lines
  that mention javascript, cookies, a privacy policy or terms of use, lorem ipsum, or hold
  a curly brace (C4 drops such whole pages; a line filter drops the line). Written to be
  as fast as such a filter can be in Python (the line lower-cased once, plain substring
  tests), so that timing cleaner against it is fair;
- :func:`make_justext` -- jusText's classifier over the page's lines (each line one
  paragraph), with the stoplist of the page's language. Optional: ``None`` when the
  ``justext`` package is not installed.
"""

from __future__ import annotations

import html
from collections.abc import Callable

Baseline = Callable[[str], str]

_C4_TERMINAL = (".", "!", "?", '"', "'", "”", "’", "»", "…")


def keep_everything(text: str) -> str:
    """Every non-empty line of the page."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def c4_filter(text: str) -> str:
    """C4's line heuristics: terminal punctuation, at least three words, no boilerplate words."""
    kept = []
    append = kept.append
    for line in text.splitlines():
        line = line.strip()
        # cheapest tests first: most lines of a page fail the punctuation test
        if not line.endswith(_C4_TERMINAL) or "{" in line or "}" in line:
            continue
        if (line.count(" ") < 2 or "  " in line) and len(line.split()) < 3:  # split() only when it can matter
            continue
        low = line.lower()
        if (
            "javascript" in low
            or "cookie" in low
            or "privacy policy" in low
            or "terms of use" in low
            or "lorem ipsum" in low
        ):
            continue
        append(line)
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
    "pl": "Polish",
    "cs": "Czech",
    "sv": "Swedish",
    "da": "Danish",
    "fi": "Finnish",
    "hu": "Hungarian",
    "ro": "Romanian",
    "tr": "Turkish",
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
        if lang not in stoplists:  # a language jusText has no stoplist for here
            lang = "en"
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
