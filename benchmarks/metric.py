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
