"""Odd shapes finish, in bounded time and memory, without RecursionError (issue 5).

Sizes are scaled down where the full size takes long; ``benchmarks/hostile.py`` measures the
full sizes against ordinary pages (see docs/reliability.md). Each case runs in a fresh
subprocess so memory growth is the cleaner's own; bounds are generous: they catch hangs and
blow-ups (quadratic time, a copy per block), not small regressions.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import hostile as bench  # noqa: E402

from cleaner import clean  # noqa: E402

# (case, scale, max seconds, max MB of memory growth per MB of input)
SHAPES = [
    ("nested-divs", 1.0, 60, 100),
    ("brs", 0.25, 60, 100),
    ("table", 0.03, 90, 150),
    ("single-line", 0.25, 60, 60),
    ("big-text", 0.1, 90, 30),
    ("links", 1.0, 60, 100),
    ("regex-bait", 0.2, 60, 60),
]
_CASES = {c.name: c for c in bench.CASES}


@pytest.mark.timeout(240)
@pytest.mark.parametrize(("name", "scale", "seconds", "mb_per_mb"), SHAPES, ids=[s[0] for s in SHAPES])
def test_shape_is_bounded(measured, name: str, scale: float, seconds: float, mb_per_mb: float) -> None:  # type: ignore[no-untyped-def]
    kind, data = _CASES[name].make(scale)
    result = measured(data, kind)
    mb = len(data) / 2**20
    assert result["seconds"] < seconds
    assert result["growth_kib"] / 1024 < 64 + mb_per_mb * mb


@pytest.mark.timeout(120)
def test_deep_nesting_keeps_the_text_after_it() -> None:
    prose = "The council said on Monday that a new bridge would be built over the river next year."
    n = 100_000
    page = f"<html><body><p>{prose}</p>{'<div>' * n}<p>Deep: {prose}</p>{'</div>' * n}<p>After: {prose}</p></body></html>"
    doc = clean(page)
    everything = doc.body + " ".join(r.text for r in doc.removed)
    assert "Deep: " in everything and "After: " in everything


@pytest.mark.timeout(120)
def test_deep_inline_nesting_as_text_and_bytes() -> None:
    page = "<b>" * 50_000 + "x " * 10 + "</b>" * 50_000
    for source in (page, page.encode()):
        clean(source)
        clean(source, kind="text")


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "source",
    [
        "",
        b"",
        "\x00" * 10_000,
        b"\x00" * 10_000,
        "\n" * 100_000,
        "\r" * 100_000,
        " " * 1_000_000,
        "\u2028\u2029\x85\x0b\x0c" * 10_000,
        "<" * 100_000,
        "<a" * 100_000,
        "<!--" * 50_000,
        "<![CDATA[" * 10_000,
        "&" * 100_000 + "&#99999999999;" * 100,
        "<p>" + "\u0301" * 100_000 + "</p>",
        "\ufeff" * 1000 + "text",
        bytes(range(256)) * 1000,
        b"\xff\xfe" + b"\x00\xd8" * 1000,  # UTF-16 BOM then lone surrogates
        "a\ud800b\udfffc",  # lone surrogates in a str
    ],
    ids=lambda s: repr(s[:12]),
)
def test_degenerate_inputs_never_raise(source: str | bytes) -> None:
    for kind in ("auto", "text", "html"):
        doc = clean(source, kind=kind)
        assert isinstance(doc.body, str)
        doc.to_dict()
        doc.body.encode("utf-8")  # always encodable: no lone surrogates come out


def test_max_size_truncates_and_flags() -> None:
    text = ("A long line of ordinary prose that goes on and on for the test, it says. " * 20 + "\n\n") * 50
    doc = clean(text, max_size=1000)
    assert doc.truncated
    assert len(doc.body) <= 1000
    assert not clean(text).truncated
    # bytes are cut in bytes, even inside a multi-byte character, without U+FFFD
    data = ("Москва — столица России, и это длинное предложение о городе. " * 40).encode()
    doc = clean(data, max_size=1001, kind="text")
    assert doc.truncated and "\ufffd" not in doc.body + "".join(r.text for r in doc.removed)
    doc = clean("<p>" + "x " * 10_000 + "</p>", max_size=500)
    assert doc.truncated


def test_max_size_must_be_positive() -> None:
    from cleaner import Cleaner, InputError

    for bad in (0, -1):
        with pytest.raises(InputError):
            Cleaner(max_size=bad)
    assert not Cleaner(max_size=None).clean("x" * 100).truncated


def test_wrong_types_are_input_errors() -> None:
    from cleaner import InputError

    for bad in (None, 42, 3.5, ["a"], {"a": 1}, object()):
        with pytest.raises(InputError):
            clean(bad)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        clean("x", kind="pdf")
