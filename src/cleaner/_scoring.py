"""Stage 3: decide which blocks are the article. Shared by text and HTML input.

The order matters and reads as the function :func:`classify`:

1. verdicts the block maker is sure of (HTML: ``<nav>``, hidden-by-structure);
2. rules: phrases that are boilerplate wherever they appear, single blocks or regions;
3. the article run: the contiguous run of blocks with the largest prose weight
   (a maximum-sum segment: prose adds its word count, labels and link lists subtract);
4. inside the run, drop clusters of short label lines; outside it, drop everything;
5. the headline: the heading-like block just before the run (it is metadata, not body).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from ._lang import ALL_STOPWORDS
from ._model import Block
from ._rules import RuleSet, Timeouts

#: blocks longer than this are never matched by rules: no boilerplate phrase is this long,
#: and it bounds the cost of a pathological single-line input.
MAX_RULE_CHARS = 3000

_WORD = regex.compile(r"\w+")
_TERMINAL = regex.compile(r"[.!?…:;。！？]['\"’”»)\]]*\s*$")
_SENTENCE_END = regex.compile(r"[.!?…。！？]['\"’”»)\]]*(?:\s|$)")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_LIST_MARK = regex.compile(r"^(?:[-–—•*·▪►✓]|\d{1,2}[.)])\s")


@dataclass(slots=True)
class Shape:
    """Measurements of one block that the structural signals use."""

    words: int
    terminal: bool
    sentences: int
    stop_ratio: float
    prose: bool
    repeated: bool


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def measure(block: Block, repeats: Counter[str]) -> Shape:
    text = block.text
    toks = words_of(text.lower())
    n = len(toks)
    cjk = len(_CJK.findall(text)) if n < 40 else 0
    if cjk:
        n = max(n, cjk // 2)
    terminal = bool(_TERMINAL.search(text))
    sentences = len(_SENTENCE_END.findall(text))
    stop = sum(t in ALL_STOPWORDS for t in toks) / len(toks) if toks else 0.0
    prose = (n >= 8 and (terminal or sentences > 0) and (stop >= 0.12 or cjk > 0)) or n >= 30
    if block.link_density > 0.5:
        prose = False
    repeated = repeats[text] > 1 and n < 30
    return Shape(n, terminal, sentences, stop, prose, repeated)


def value(block: Block, shape: Shape) -> float:
    """How much a block pulls the article run toward itself (positive) or away (negative)."""
    if block.dropped:
        return -5.0
    if shape.prose and not shape.repeated:
        v = float(shape.words)
        if block.dom_score is not None:
            v *= 0.25 + block.dom_score
        return v
    penalty = 1.0 + min(shape.words, 10) / 5
    if shape.repeated:
        penalty += 2.0
    if block.link_density > 0.3:
        penalty += 3.0 * block.link_density
    return -penalty


def apply_rules(blocks: list[Block], rules: RuleSet) -> None:
    """Drop blocks (and regions) that a rule recognises."""
    i, n = 0, len(blocks)
    spent = Timeouts()  # bounds what pathological patterns cost this document
    # per region rule: blocks before this index are known not to close it (keeps scans linear)
    open_until: dict[str, int] = {}
    while i < n:
        block = blocks[i]
        if block.dropped or len(block.text) > MAX_RULE_CHARS:
            i += 1
            continue
        rule = rules.match(block.text, block.hints, spent=spent)
        if rule is None:
            i += 1
            continue
        block.drop(rule.category, rule.id)
        if rule.scope != "region":
            i += 1
            continue
        end = None
        limit = min(n, i + rule.max_blocks)
        for j in range(max(i + 1, open_until.get(rule.id, 0)), limit):
            if rule.closes(blocks[j].text, spent):
                end = j
                break
        if end is None:
            open_until[rule.id] = limit
        if end is None:  # no closing block: the region is what sits with its opener
            end = i
            while end + 1 < n and blocks[end + 1].group == block.group:
                end += 1
        for j in range(i + 1, end + 1):
            blocks[j].drop(rule.category, rule.id)
        i = end + 1


def best_run(values: list[float]) -> tuple[int, int, float]:
    """The maximum-sum contiguous run ``[start, end]`` and its sum (Kadane)."""
    best = (0, -1, 0.0)
    start, total = 0, 0.0
    for i, v in enumerate(values):
        if total <= 0:
            start, total = i, v
        else:
            total += v
        if total > best[2]:
            best = (start, i, total)
    return best


def is_heading_like(block: Block, shape: Shape) -> bool:
    text = block.text
    return (
        1 <= shape.words <= 25
        and not text.endswith((".", ",", ";"))
        and block.link_density < 0.5
        and len(text) < 250
    )


def _short_clusters(blocks: list[Block], shapes: list[Shape], start: int, end: int) -> None:
    """Inside the run, drop runs of three or more short non-prose lines (menus, widgets,
    tag lists); single short lines between paragraphs are kept (subheadings, datelines)."""
    i = start
    while i <= end:
        if blocks[i].dropped or shapes[i].prose or _LIST_MARK.match(blocks[i].text):
            i += 1
            continue
        j = i
        while j + 1 <= end and not shapes[j + 1].prose and not blocks[j + 1].dropped:
            j += 1
        if j - i + 1 >= 3 and not all(_LIST_MARK.match(b.text) for b in blocks[i : j + 1]):
            for k in range(i, j + 1):
                blocks[k].drop("boilerplate", "structure.short-cluster")
        elif j - i + 1 <= 2:
            for k in range(i, j + 1):
                if shapes[k].repeated or blocks[k].link_density > 0.5:
                    blocks[k].drop("boilerplate", "structure.link-label")
        i = j + 1


def find_title(blocks: list[Block], shapes: list[Shape], start: int) -> int | None:
    """The headline: the last heading-like block shortly before the article run, preferring
    an explicit ``h1`` from HTML, else one that repeats words of the page's first line."""
    h1 = [i for i in range(min(start, len(blocks))) if blocks[i].kind == "h1"]
    if h1:
        return h1[-1]
    # a page's first line is often its <title>, which the headline repeats
    first_words = set(words_of(blocks[0].text.lower())) if blocks else set()
    best, best_score = None, 0.0
    for i in range(start - 1, max(-1, start - 16), -1):
        b, s = blocks[i], shapes[i]
        if b.dropped or not is_heading_like(b, s) or s.words < 3:
            continue
        overlap = len(first_words & set(words_of(b.text.lower()))) / max(1, s.words) if i else 0.0
        score = overlap + (0.5 if i == start - 1 else 0.0) + min(s.words, 12) / 24
        if score > best_score:
            best, best_score = i, score
    return best


def classify(blocks: list[Block], rules: RuleSet) -> int | None:
    """Fill every block's verdict; return the index of the headline block (or ``None``)."""
    for b in blocks:
        if b.preset is not None:
            b.drop(*b.preset)
    apply_rules(blocks, rules)
    repeats = Counter(b.text for b in blocks)
    shapes = [measure(b, repeats) for b in blocks]
    start, end, total = best_run([value(b, s) for b, s in zip(blocks, shapes)])
    title = find_title(blocks, shapes, start if end >= start else len(blocks))
    if title is not None:
        blocks[title].drop("title", "structure.title")
    for i, b in enumerate(blocks):
        if i < start or i > end:
            b.drop("boilerplate", "structure.outside-article")
    if end >= start:
        _short_clusters(blocks, shapes, start, end)
    return title
