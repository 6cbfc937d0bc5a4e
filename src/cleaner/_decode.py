"""Stage 1: turn whatever the caller gave into text (or HTML) and decide which it is.

gzip, bzip2 and xz data are decompressed first (recognised by content; the size cap
counts decompressed bytes). Bytes become ``str`` here, for plain text and HTML alike, in
this order:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides; so does UTF-16 without one, when a
   sample reads as UTF-16 text (:func:`_utf16_without_bom`);
2. a ``<meta charset>`` / XML declaration near the start of an HTML page, if it names a
   real text encoding (``punycode`` and friends are ignored) and fits the bytes, except
   that valid UTF-8 wins over a declared legacy charset (mis-declared pages are common,
   while legacy text that happens to be valid UTF-8 is not);
3. strict UTF-8, or UTF-8 with U+FFFD when the invalid bytes are few beside valid
   multi-byte characters (:func:`_mostly_utf8`), as browsers read a UTF-8 page;
4. detection (``charset-normalizer`` or ``chardet`` when installed) on a sample of the
   first :data:`SAMPLE_BYTES`, so the cost does not grow with the page;
5. Windows-1252, then UTF-8 with U+FFFD for what does not decode.

Invalid sequences become U+FFFD, never an exception. Text that already is mojibake is left
as it is: nothing here "repairs" text; but text and markup come out in Unicode NFC.
Declared legacy names are widened the way browsers do when the narrow codec fails
(ISO-8859-1 → Windows-1252, GB2312 → GBK → GB18030, EUC-KR → CP949, Shift_JIS → CP932).
"""

from __future__ import annotations

import codecs
import io
import lzma
import os
import re
import unicodedata
import zlib
from dataclasses import dataclass
from typing import Any

import regex

from ._errors import InputError, a_type
from ._rules import load_compiled

KINDS = ("auto", "text", "html")

#: how many bytes an encoding detector sees (detection on a whole 50 MB page takes minutes)
SAMPLE_BYTES = 64 * 1024
#: how far into an HTML page a charset declaration is looked for
DECLARATION_BYTES = 16 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: a page starts (after a BOM, whitespace, an XML declaration, comments) with a tag that
#: only markup starts with: the document's own, or what CMSs put first (a style sheet, a
#: script, a link, a noscript, a template...)
_HTML_START = regex.compile(
    r"\A\ufeff?\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.*?-->\s*){0,20}"
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|base|style|script|noscript|template|"
    r"header|nav|footer|aside|form|iframe|svg|center|font|img|br|hr|ul|ol|dl|blockquote|figure|"
    r"div|article|section|main|p|table|span|h[1-6])(?=[\s/>])",
    regex.IGNORECASE | regex.DOTALL,
)
_TAG = regex.compile(rb"</?(?:html|head|body|div|p|span|a|br|table|tr|td|li|ul|meta|script|h[1-6])\b[^<>]{0,300}>", regex.IGNORECASE)
_TAG_STR = regex.compile(_TAG.pattern.decode(), regex.IGNORECASE)
# C0 controls other than tab and the line breaks, and DEL: never part of text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # stdlib re: 3x faster on a whole page
# lone surrogates (only a ``str`` built in Python can hold them): they cannot be encoded
_SURROGATE = re.compile("[\ud800-\udfff]")
# either: one scan of the page tells whether it holds any (most pages hold neither)
_CONTROL_OR_SURROGATE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]")
#: the text encodings a page may declare (Python codec names, as ``codecs.lookup`` spells
#: them); anything else (``punycode``, ``unicode_escape``, ``uu``...) is ignored
_TEXT_CODECS = frozenset(
    codecs.lookup(name).name
    for name in (
        "utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be",
        "ascii", "latin-1", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255",
        "cp1256", "cp1257", "cp1258", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5",
        "iso8859-6", "iso8859-7", "iso8859-8", "iso8859-9", "iso8859-10", "iso8859-11",
        "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16", "koi8-r", "koi8-u",
        "mac-roman", "mac-cyrillic", "cp866", "cp874", "tis-620", "shift_jis", "cp932",
        "euc_jp", "iso2022_jp", "gb2312", "gbk", "gb18030", "big5", "big5hkscs",
        "euc_kr", "cp949", "iso2022_kr",
    )
)
#: what browsers really use for a declared legacy name, tried when the narrow codec fails
_WIDER: dict[str, tuple[str, ...]] = {
    "cp1252": ("iso8859-1",),
    "gb2312": ("gbk", "gb18030"),
    "gbk": ("gb18030",),
    "euc_kr": ("cp949",),
    "shift_jis": ("cp932",),
    "euc_jp": ("cp932",),
    "big5": ("big5hkscs",),
}


#: single-byte Latin codecs that detectors confuse with each other on Western text
_LATIN_SINGLE = frozenset(
    codecs.lookup(name).name
    for name in (
        "latin-1", "cp1250", "cp1252", "cp1254", "cp1257", "iso8859-2", "iso8859-3", "iso8859-4",
        "iso8859-9", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16", "mac-roman",
    )
)
_PUNCTUATION = frozenset("“”‘’„‚–—…«»‹›€£°§©®™·•¡¿×")


@dataclass(frozen=True, slots=True)
class Source:
    """Decoded input: ``text`` for plain text; for HTML, ``html`` is the markup as ``str``
    (or the caller's parsed tree, passed on as is)."""

    kind: str
    text: str | None = None
    html: Any = None
    truncated: bool = False
    #: why the input cannot be cleaned at all (binary data), else ``None``
    error: str | None = None


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


def _codec(name: str | bytes | None) -> str | None:
    """The Python codec for an encoding label, or ``None`` if it is no text encoding."""
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", errors="replace")
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except (LookupError, ValueError):
        return None
    return codec if codec in _TEXT_CODECS else None


def _strict(data: bytes, encoding: str) -> str | None:
    """``data`` decoded strictly, forgiving only a multi-byte character cut at the very end
    (what a size cap does); ``None`` if the bytes are not in this encoding."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.end >= len(data) and exc.start >= len(data) - 4:
            try:
                return data[: exc.start].decode(encoding)
            except UnicodeDecodeError:
                return None
        return None
    except (LookupError, ValueError):  # pragma: no cover - only listed codecs get here
        return None


#: An XML declaration at the very start (after blanks) naming an encoding, on its first line.
_XML_ENCODING = re.compile(rb"""\s* <\? .* encoding=["'] (.*?) ["'] .* \?>""", re.I | re.X)
#: ``charset=`` inside a ``<meta>`` tag: ``<meta charset>`` or an ``http-equiv`` content type.
_META_CHARSET = re.compile(rb"""< \s* meta [^>]+ charset \s* = \s* ["']? ([^>]*?) [ /;'">]""", re.I | re.X)


def declared_encoding(data: bytes) -> str | None:
    """The text encoding an HTML page declares in its first bytes (``<meta charset>``,
    ``http-equiv`` content type, or an XML declaration), as a Python codec name.

    The same answer as bs4's ``EncodingDetector.find_declared_encoding`` (a test checks it
    on every dev-set page), without importing bs4, which costs more than the rest of a
    one-page run's imports.
    """
    head = data[:DECLARATION_BYTES]
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if found is None or not found.group(1):
        return None
    return _codec(found.group(1).decode("ascii", "replace").lower())


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' if ``sample`` reads as UTF-16 text without a BOM, else ``None``.

    Latin-script UTF-16 shows as NULs on every other byte. Other scripts (Cyrillic, CJK...)
    have NULs only in their spaces, line breaks, digits and ASCII punctuation, so the test
    is on the code units: the sample is not 90 % printable ASCII (that is ASCII text or
    markup with a few stray controls), the high byte of at least 1 % of the units is NUL,
    and in the byte order whose high bytes (each character's Unicode block) take fewer
    values, it decodes strictly to characters that text is made of.
    """
    if len(sample) < 16 or sample.find(0, 0, 4096) < 0:
        return None  # text in any 8-bit encoding has no NUL in its start
    sample = sample[: len(sample) & ~1]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    if len(sample) - len(sample.translate(None, _PRINTABLE_ASCII)) >= 0.9 * len(sample):
        return None
    # the high byte of each code unit: odd positions for little-endian, even for big-endian
    enc, high = min((("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])), key=lambda pair: len(set(pair[1])))
    if high.count(0) < 0.01 * half:
        return None
    utf8 = _strict(sample, "utf-8")
    if utf8 is not None and len(_CONTROL.findall(utf8)) < 0.2 * len(utf8):
        return None  # UTF-8 with a stray NUL; non-Latin UTF-16 read as UTF-8 is half controls
    text = _strict(sample, enc)
    return enc if text is not None and _reads_as_text(text) else None


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\n\r"


def _reads_as_text(text: str) -> bool:
    """Whether a decoded sample is made of characters that text is made of."""
    bad = 0
    for ch in text:
        if ch in "\t\n\r":
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Co", "Cn", "Cs"):
            bad += 1
    return bad <= len(text) // 200


def _sample(data: bytes) -> bytes:
    """The first :data:`SAMPLE_BYTES`, cut after an ASCII byte so no character is split."""
    if len(data) <= SAMPLE_BYTES:
        return data
    cut = SAMPLE_BYTES
    for i in range(SAMPLE_BYTES - 1, SAMPLE_BYTES - 64, -1):
        if data[i] < 0x80:
            cut = i + 1
            break
    return data[:cut]


def detect_encoding(data: bytes) -> str | None:
    """Guess the encoding of undeclared legacy bytes from a sample, with
    ``charset-normalizer`` (or ``chardet``) when installed; ``None`` when unsure."""
    sample = _sample(data)
    guess = _utf16_without_bom(sample)
    if guess:
        return guess
    name: str | None = None
    try:
        import charset_normalizer
    except ImportError:
        charset_normalizer = None  # type: ignore[assignment]
    try:
        if charset_normalizer is not None:
            best = charset_normalizer.from_bytes(sample).best()
            name = best.encoding if best is not None else None
        else:
            import chardet  # type: ignore[import-not-found]

            name = chardet.detect(sample).get("encoding")
    except ImportError:
        return None
    except Exception:  # noqa: BLE001 - a detector's own bug must not stop cleaning
        return None
    codec = _codec(name)
    if codec in _LATIN_SINGLE and codec != "cp1252" and _plausible(sample, "cp1252") >= _plausible(sample, codec):
        # detectors pick among Latin code pages almost at random on short Western text;
        # Windows-1252, the web's default, wins unless the other one reads better
        return "cp1252"
    return codec


def _plausible(sample: bytes, encoding: str) -> int:
    """How many non-ASCII characters of ``sample`` read as letters or common punctuation."""
    n = 0
    for ch in sample.decode(encoding, errors="replace"):
        if ch > "\x7f":
            cat = unicodedata.category(ch)
            if (cat[0] == "L" and cat != "Lm") or ch in _PUNCTUATION:
                n += 1
    return n


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Bytes of a page to ``str``; never raises. ``declared`` is a charset the page (or its
    HTTP header) names; see the module docstring for the order of the attempts."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _strict(data, enc) or data.decode(enc, errors="replace")
    declared = _codec(declared)
    if declared in ("ascii", "iso8859-1"):
        declared = "cp1252"  # what browsers use for these labels; Latin-1 is its fallback
    candidates: list[str] = []
    if declared and declared.startswith(("utf-16", "utf-32")):
        candidates.append(declared)  # these bytes (ASCII with NULs) are valid UTF-8 too
    candidates.append("utf-8")
    if declared:
        candidates += [declared, *_WIDER.get(declared, ())]
    tried = set()
    for enc in candidates:
        if enc in tried:
            continue
        tried.add(enc)
        text = _strict(data, enc)
        if text is not None:
            return text
        if enc == "utf-8" and _mostly_utf8(data, 1 if declared == "utf-8" else 4):
            # a page in UTF-8 with a few invalid bytes (a bad copy and paste, a cut): UTF-8
            # with U+FFFD for them, as browsers do, not a legacy code page for the whole page
            return data.decode("utf-8", errors="replace")
    detected = detect_encoding(data)
    for guess in (detected, *_WIDER.get(detected or "", ()), "cp1252"):
        if guess and guess not in tried:
            tried.add(guess)
            text = _strict(data, guess)
            if text is not None:
                return text
    return data.decode(detected or declared or "utf-8", errors="replace")


def _mostly_utf8(data: bytes, ratio: int) -> bool:
    """Whether the non-ASCII characters of ``data`` are mostly valid UTF-8: at least
    ``ratio`` valid multi-byte characters per invalid byte (legacy text has next to none)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    valid = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    return valid > 0 and valid >= ratio * bad


def decode_text(data: bytes) -> str:
    """Bytes of a plain-text document to ``str``: BOM, UTF-8, then detection."""
    return decode_bytes(data)


def decode_html(data: bytes) -> str:
    """Bytes of an HTML page to ``str``: BOM, the page's declared charset, UTF-8, detection."""
    return decode_bytes(data, declared=declared_encoding(data))


def clean_controls(text: str) -> str:
    """Text as a reader sees it: NULs and other control characters that no page shows are
    dropped, a form feed is a line break, lone surrogates (which no encoder accepts) become
    U+FFFD, and the result is NFC (a decomposed "é" and a composed one are the same letter
    to every reader, and should be to whoever searches or deduplicates the output)."""
    if _has_controls(text):
        text = _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))
    if "\f" in text:  # a page break is a line break (the CLI separates documents with form feeds)
        text = text.replace("\f", "\n")
    return text if text.isascii() else nfc(text)


#: the bytes that are not a character ``_CONTROL`` drops (see :func:`_has_controls`)
_NOT_CONTROL = bytes(b for b in range(256) if not _CONTROL.match(chr(b)))
#: texts longer than this are scanned by ``_CONTROL_OR_SURROGATE``: their UTF-8 copy would
#: cost as much memory again
_ENCODE_SCAN = 1 << 22


def _has_controls(text: str) -> bool:
    """Whether ``text`` holds a character ``_CONTROL`` drops or a lone surrogate (C twin:
    ``_ctext.has_controls``). In UTF-8 each such control character is its own single byte,
    which no other character's bytes use, and a surrogate does not encode at all: deleting
    every other byte from the UTF-8 form runs several times faster than a character-class
    scan."""
    if _ctext is not None and type(text) is str:  # the C functions take no subclass (lxml's strings)
        return _ctext.has_controls(text)  # type: ignore[no-any-return]
    if len(text) > _ENCODE_SCAN:
        return _CONTROL_OR_SURROGATE.search(text) is not None
    try:
        return len(text.encode("utf-8").translate(None, _NOT_CONTROL)) > 0
    except UnicodeEncodeError:
        return True


def nfc(text: str) -> str:
    """``text`` in Unicode normalization form C.

    Most text already is, and checking a whole page at once costs a tenth of cleaning it;
    checked in slices instead, the ASCII ones (markup, scripts, style sheets) are known at
    once to be normal. Slices overlap, so that a letter and its combining marks are seen
    together, and only the stretch around a slice that is not normal is normalized: from
    an ASCII character before it to one after it. No ASCII character combines with what
    precedes it (none is a combining mark or the second half of a composition), so text
    normalizes on its own on either side of one. A minified page is one long line: cut at
    line breaks, one accent would have it all normalized.
    """
    if text.isascii() or _ctext is not None and type(text) is str and _ctext.surely_nfc(text):
        return text
    if len(text) <= _NFC_SLICE:
        return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
    parts: list[str] = []
    done = pos = 0
    while pos < len(text):
        part = text[max(0, pos - _NFC_OVERLAP) : pos + _NFC_SLICE]
        if part.isascii() or unicodedata.is_normalized("NFC", part):
            pos += _NFC_SLICE
            continue
        start = _ascii_before(text, done, max(0, pos - _NFC_OVERLAP))
        found = _ASCII.search(text, pos + _NFC_SLICE)
        end = len(text) if found is None else found.start()
        parts += [text[done:start], unicodedata.normalize("NFC", text[start:end])]
        done = pos = end
    return "".join([*parts, text[done:]]) if parts else text


_ASCII = re.compile("[\x00-\x7f]")

#: the compiled text module (``_ctext.pyx``), or ``None`` (see ``_rules.load_compiled``)
_ctext = load_compiled("_ctext")


def _ascii_before(text: str, done: int, at: int) -> int:
    """Where to start normalizing a stretch that must hold ``text[at]``: the last ASCII
    character at or before ``at`` (looked for in the ``_NFC_SLICE`` characters before it,
    else a line break, at worst ``done``), never before ``done``, where normal text ends."""
    lo = max(done, at - _NFC_SLICE)
    found = _ASCII.search(text[lo : at + 1][::-1])
    if found is not None:
        return at - found.start()
    return max(done, text.rfind("\n", done, lo) + 1)


#: characters per slice checked by :func:`nfc`, and how far each reaches back (a letter
#: with more combining marks than this is not "stream-safe" text in Unicode's sense)
_NFC_SLICE = 1024
_NFC_OVERLAP = 32


def _is_soup_or_tree(obj: Any) -> bool:
    mod = type(obj).__module__ or ""
    return mod.startswith("bs4") or mod.startswith("lxml")


#: file signatures of formats people pipe in by mistake, and what to tell them
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (or an office document), not text or HTML: extract the text first"),
    (b"%PDF-", "a PDF document, not text or HTML: extract its text first"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not text or HTML"),
    (b"\xff\xd8\xff", "a JPEG image, not text or HTML"),
    (b"GIF8", "a GIF image, not text or HTML"),
    (b"\x7fELF", "an executable, not text or HTML"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data, not text or HTML: decompress it first"),
)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
BINARY_SAMPLE = 8192


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text or HTML at all (a known file signature, or a start dense in
    NUL and control bytes that is neither an HTML page's start nor UTF-8 text with a few
    controls in it), else ``None``. Text in UTF-16/32 (with a BOM, or UTF-16 without
    one, see :func:`_utf16_without_bom`) is text. Compressed data is read by :func:`decode`."""
    for bom, _ in _BOMS:
        if data.startswith(bom):
            return None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"the input is {what}"
    sample = data[:BINARY_SAMPLE]
    controls = len(_CONTROL_BYTES.findall(sample))
    if not sample or controls < 0.05 * len(sample):  # text has next to none; random bytes ~10 %
        return None
    if _utf16_without_bom(sample) is not None or _HTML_START.match(sample[:4096].decode("latin-1")):
        return None  # no binary format starts like an HTML page
    text = _strict(sample, "utf-8")
    if text is not None and len(_CONTROL.findall(text)) < 0.2 * len(text):
        return None  # UTF-8 text with stray controls (they are dropped), not a binary format
    return "the input is binary data (control bytes), not text or HTML"


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
        raise InputError(f"cannot clean {a_type(source)}; pass str, bytes, a path or a BeautifulSoup/lxml tree")
    truncated = False
    if isinstance(source, bytes) and (packed := compression(source[:16])):
        data, problem = read_decompressed(io.BytesIO(source), packed, None if max_size is None else max_size + 1)
        if problem and not data:
            return Source(kind if kind != "auto" else "text", text="", error=f"the input is {problem}")
        source, truncated = data, problem is not None  # a stream cut short: what it held is kept
    if max_size is not None and len(source) > max_size:
        source, truncated = source[:max_size], True
    if isinstance(source, bytes):
        utf16 = _utf16_without_bom(_sample(source))
        if utf16 is not None:
            source = _strict(source, utf16) or source.decode(utf16, errors="replace")
        else:
            reason = binary_reason(source)
            if reason is not None:
                return Source(kind if kind != "auto" else "text", text="", truncated=truncated, error=reason)
    if kind == "auto":
        kind = sniff_kind(source)
    if kind == "html":
        markup = decode_html(source) if isinstance(source, bytes) else source
        # control characters are dropped per block by the HTML stage: scanning the whole
        # markup for them here would cost more than the rest of decoding (NFC is checked
        # in slices, most of which are ASCII)
        return Source("html", html=nfc(markup), truncated=truncated)
    text = decode_text(source) if isinstance(source, bytes) else source
    return Source("text", text=clean_controls(text), truncated=truncated)


# --------------------------------------------------------------------------- compressed input

_BZIP2 = re.compile(rb"BZh[1-9](?:\x31\x41\x59\x26\x53\x59|\x17\x72\x45\x38\x50\x90)")
#: what a corrupt or cut-short compressed stream raises while it is read
DECOMPRESSION_ERRORS: tuple[type[Exception], ...] = (OSError, EOFError, lzma.LZMAError, zlib.error)
#: decompressed bytes read at a time: memory stays bounded by the size cap, bomb or not
_CHUNK = 1 << 20


def compression(head: bytes) -> str | None:
    """'gzip', 'bzip2' or 'xz' when ``head`` (a file's first 16 bytes) is such a file's
    signature, else ``None``: compressed pages are recognised by content, not by name."""
    if head.startswith(b"\x1f\x8b\x08"):
        return "gzip"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    return "bzip2" if _BZIP2.match(head) else None


def read_path(path: str | os.PathLike[str], max_size: int | None) -> bytes:
    """The bytes of a file for :func:`decode`: the first ``max_size + 1`` (one more, so the
    cap still flags truncation), or all of a compressed file (its decompressed size is
    what the cap applies to). Raises :class:`InputError` naming the file if it cannot be read."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
            if max_size is None or compression(head):
                return head + fh.read()
            return head + fh.read(max(max_size + 1 - len(head), 0))
    except OSError as exc:
        raise InputError(f"cannot read {os.fspath(path)}: {exc.strerror or exc}") from None


def open_decompressed(stream: Any, packed: str) -> io.BufferedIOBase:
    """A reader of the decompressed bytes of ``stream`` (format ``packed``, see :func:`compression`)."""
    import bz2
    import gzip

    if packed == "gzip":
        return gzip.GzipFile(fileobj=stream, mode="rb")
    if packed == "bzip2":
        return bz2.BZ2File(stream)
    return lzma.LZMAFile(stream)


def read_decompressed(stream: Any, packed: str, limit: int | None) -> tuple[bytes, str | None]:
    """The first ``limit`` decompressed bytes of ``stream`` (in format ``packed``, see
    :func:`compression`; all of them when ``limit`` is ``None``), and what went wrong if the
    data is corrupt or cut short (what was decompressed before the damage is returned)."""
    reader = open_decompressed(stream, packed)
    parts: list[bytes] = []
    got = 0
    try:
        while limit is None or got < limit:
            part = reader.read(_CHUNK if limit is None else min(_CHUNK, limit - got))
            if not part:
                break
            parts.append(part)
            got += len(part)
    except DECOMPRESSION_ERRORS as exc:
        return b"".join(parts), f"{packed}-compressed data that is corrupt or cut short ({exc})"
    return b"".join(parts), None
