"""The article-extraction metric of the development benchmark (see its README).

Tokens are ``\\w+`` matches; each text becomes a multiset of 4-token shingles; per
document tp/fp/fn are normalised by their sum; corpus precision and recall are means
over documents, F1 their harmonic mean; accuracy is the share of exact token matches.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

TOKEN = re.compile(r"\w+", re.UNICODE)
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "scrapinghub"


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text or "")


def shingles(toks: list[str], n: int = 4) -> Counter[tuple[str, ...]]:
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


@dataclass(frozen=True)
class DocScore:
    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float | None:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp + self.fp == 0:
            return None
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp + self.fn == 0:
            return None
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def score_document(predicted: str, truth: str) -> DocScore:
    pt, tt = tokens(predicted), tokens(truth)
    ps, ts = shingles(pt), shingles(tt)
    tp = sum((ps & ts).values())
    fp = sum((ps - ts).values())
    fn = sum((ts - ps).values())
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return DocScore(tp, fp, fn, pt == tt)


@dataclass(frozen=True)
class CorpusScore:
    precision: float
    recall: float
    f1: float
    accuracy: float
    n: int


def score_corpus(scores: list[DocScore]) -> CorpusScore:
    ps = [s.precision for s in scores if s.tp + s.fp > 0 and s.precision is not None]
    rs = [s.recall for s in scores if s.tp + s.fn > 0 and s.recall is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(s.exact for s in scores) / len(scores) if scores else 0.0
    return CorpusScore(p, r, f1, acc, len(scores))


def load_ground_truth(data: Path = DATA) -> dict[str, str]:
    with open(data / "ground-truth.json", encoding="utf-8") as fh:
        raw = json.load(fh)
    return {k: v.get("articleBody") or "" for k, v in raw.items()}


def load_text_pages(data: Path = DATA) -> dict[str, str]:
    """``{id: whole visible page text}`` for the plain-text benchmark."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((data / "text").glob("*.txt"))}


def load_html_pages(data: Path = DATA) -> dict[str, bytes]:
    """``{id: raw HTML bytes}`` for the HTML benchmark."""
    return {
        p.name.split(".")[0]: gzip.decompress(p.read_bytes())
        for p in sorted((data / "html").glob("*.html.gz"))
    }


# --- the second development set: trafeval-dev (snippet metric, see its README) -------------

TRAFEVAL = DATA.parent / "trafeval-dev"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class TrafevalPage:
    """One page of trafeval-dev: its key (usually the URL), file stem and annotations."""

    key: str
    file: str
    with_: tuple[str, ...]
    without: tuple[str, ...]
    comments: tuple[str, ...]
    meta: dict

    def html(self, data: Path = TRAFEVAL) -> bytes:
        return gzip.decompress((data / "html" / (self.file + ".gz")).read_bytes())

    def text(self, data: Path = TRAFEVAL) -> str:
        return (data / "text" / (self.file + ".txt")).read_text(encoding="utf-8")


def fold(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip()


def load_trafeval(data: Path = TRAFEVAL) -> list[TrafevalPage]:
    """Every annotated page, in file order."""
    with open(data / "truth.json", encoding="utf-8") as fh:
        raw = json.load(fh)
    pages = [
        TrafevalPage(
            key,
            v["file"],
            tuple(v.get("with") or ()),
            tuple(v.get("without") or ()),
            tuple(v.get("comments") or ()),
            {k: v[k] for k in v if k not in ("file", "with", "without", "comments")},
        )
        for key, v in raw.items()
    ]
    return sorted(pages, key=lambda p: p.file)


@dataclass(frozen=True)
class SnippetScore:
    """Counts of the snippet metric for one page (or summed over many)."""

    tp: int
    fn: int
    fp: int
    tn: int

    def __add__(self, other: "SnippetScore") -> "SnippetScore":
        return SnippetScore(self.tp + other.tp, self.fn + other.fn, self.fp + other.fp, self.tn + other.tn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        d = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / d if d else 0.0


def score_snippets(output: str, page: TrafevalPage, comments_are_boilerplate: bool = True) -> SnippetScore:
    """tp/fn over the page's ``with`` snippets, fp/tn over its ``without`` snippets (and its
    reader comments, which are not main content unless comments were asked for)."""
    out = fold(output)
    found = [fold(s) in out for s in page.with_]
    bad = page.without + (page.comments if comments_are_boilerplate else ())
    leaked = [fold(s) in out for s in bad]
    tp = sum(found)
    fp = sum(leaked)
    return SnippetScore(tp, len(found) - tp, fp, len(leaked) - fp)


def sum_snippets(scores) -> SnippetScore:
    total = SnippetScore(0, 0, 0, 0)
    for s in scores:
        total = total + s
    return total
