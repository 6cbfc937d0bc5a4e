"""Stage 1: turn whatever the caller gave into text (or HTML) and decide which it is.

Bytes are decoded without ever losing data silently: BOM, then UTF-8, then the charset the
document declares or bs4's detector. Invalid sequences become U+FFFD, never an exception.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Any

import regex

from ._errors import InputError

KINDS = ("auto", "text", "html")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_START = regex.compile(
    r"\A\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.*?-->\s*){0,5}"
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|script|div|article|section|main|p|table|span|h[1-6])\b",
    regex.IGNORECASE | regex.DOTALL,
)
_TAG = regex.compile(rb"</?(?:html|head|body|div|p|span|a|br|table|tr|td|li|ul|meta|script|h[1-6])\b[^<>]{0,300}>", regex.IGNORECASE)
_TAG_STR = regex.compile(_TAG.pattern.decode(), regex.IGNORECASE)
# C0 controls other than tab and the line breaks, and DEL: never part of text.
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Source:
    """Decoded input: ``text`` for plain text; for HTML the original object is passed on so
    the HTML stage can use the page's own charset declaration."""

    kind: str
    text: str | None = None
    html: Any = None
    truncated: bool = False


def sniff_kind(sample: str | bytes) -> str:
    """'html' if the start of the input looks like markup, else 'text'."""
    head = sample[:4096]
    if isinstance(head, bytes):
        for bom, enc in _BOMS:
            if head.startswith(bom):
                head = head.decode(enc, errors="replace")
                break
    if isinstance(head, bytes):
        if _HTML_START.match(head.decode("latin-1")):
            return "html"
        return "html" if len(_TAG.findall(head)) >= 4 else "text"
    if _HTML_START.match(head):
        return "html"
    return "html" if len(_TAG_STR.findall(head)) >= 4 else "text"


def decode_text(data: bytes) -> str:
    """Bytes of a plain-text document to ``str``: BOM, UTF-8, then detection."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return data[: exc.start].decode("utf-8")  # a multi-byte character cut by truncation
    from bs4.dammit import UnicodeDammit

    dammit = UnicodeDammit(data, is_html=False)
    if dammit.unicode_markup is not None:
        return dammit.unicode_markup
    return data.decode("utf-8", errors="replace")


def clean_controls(text: str) -> str:
    """Drop NULs and other control characters that no page shows."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def _is_soup_or_tree(obj: Any) -> bool:
    mod = type(obj).__module__ or ""
    return mod.startswith("bs4") or mod.startswith("lxml")


def decode(source: Any, *, kind: str = "auto", max_size: int | None = None) -> Source:
    """Decide the kind of ``source`` and decode it.

    Input longer than ``max_size`` (bytes for ``bytes``, characters for ``str``) is cut there
    and the result is flagged ``truncated``.
    """
    if kind not in KINDS:
        raise InputError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if _is_soup_or_tree(source):
        if kind == "text":
            raise InputError("a parsed HTML tree was given with kind='text'; pass the text instead")
        return Source("html", html=source)
    if isinstance(source, (bytearray, memoryview)):
        source = bytes(source)
    if not isinstance(source, (str, bytes)):
        raise InputError(
            f"cannot clean a {type(source).__name__}; pass str, bytes or a BeautifulSoup/lxml tree"
        )
    truncated = False
    if max_size is not None and len(source) > max_size:
        source, truncated = source[:max_size], True
    if kind == "auto":
        kind = sniff_kind(source)
    if kind == "html":
        return Source("html", html=source, truncated=truncated)
    text = decode_text(source) if isinstance(source, bytes) else source
    return Source("text", text=clean_controls(text), truncated=truncated)
