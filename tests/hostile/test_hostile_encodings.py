"""Encodings (issue 5): declared and undeclared legacy charsets decode correctly, invalid
bytes never raise, controls are dropped, and mojibake is left as it is."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner._decode import decode, decode_bytes, decode_html, decode_text, detect_encoding

SAMPLES = {
    "ru": "Москва — столица России. Правительство объявило о новых мерах поддержки экономики, и министр сказал, что это поможет людям.",
    "fr": "Le café est très apprécié à Paris, où les habitants se réunissent déjà le matin. « Ça coûte cher », dit-elle – c'est la vie.",
    "de": "Die Bürger in Köln äußerten Unmut über die Straßenbahn, die schon früh überfüllt ist. Größere Fahrzeuge wären nötig.",
    "ja": "東京都は新しい政策を発表しました。市民の生活を改善するために、政府は多くの予算を使う予定です。これは重要なニュースです。",
    "zh": "北京市政府今天宣布了新的交通政策，这将帮助市民更方便地出行。专家认为这项措施非常重要，并且会产生积极影响。",
    "ko": "서울시는 오늘 새로운 교통 정책을 발표했습니다. 전문가들은 이 조치가 매우 중요하다고 말했습니다. 시민들은 환영했습니다.",
}
ENCODINGS = [
    ("utf-8", "ru"), ("utf-8-sig", "ja"), ("utf-16", "fr"), ("cp1251", "ru"), ("cp1252", "fr"),
    ("iso-8859-1", "de"), ("shift_jis", "ja"), ("gb2312", "zh"), ("gbk", "zh"), ("euc-kr", "ko"),
]
IDS = [e for e, _ in ENCODINGS]


def _page(text: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<html><head>{meta}<title>T</title></head><body><article><p>{text}</p><p>{text}</p></article></body></html>"


@pytest.mark.parametrize(("encoding", "lang"), ENCODINGS, ids=IDS)
def test_declared_html(encoding: str, lang: str) -> None:
    text = SAMPLES[lang]
    label = encoding.replace("-sig", "")
    assert decode_html(_page(text, label).encode(encoding)) == _page(text, label)
    assert text in clean(_page(text, label).encode(encoding)).body


@pytest.mark.parametrize(("encoding", "lang"), ENCODINGS, ids=IDS)
def test_undeclared_html_and_text(encoding: str, lang: str) -> None:
    pytest.importorskip("charset_normalizer")
    text = SAMPLES[lang]
    assert decode_html(_page(text, None).encode(encoding)) == _page(text, None)
    body = "\n\n".join([text] * 3)
    assert decode_text(body.encode(encoding)) == body


def test_wrong_declaration_loses_to_valid_utf8_and_bad_labels_are_ignored() -> None:
    text = SAMPLES["ru"]
    assert decode_html(_page(text, "windows-1252").encode()) == _page(text, "windows-1252")
    for label in ("punycode", "unicode_escape", "rot13", "no-such-codec", "base64", "x" * 40):
        assert decode_html(_page(text, label).encode()) == _page(text, label)


def test_legacy_labels_widen_like_browsers() -> None:
    # a page declaring ISO-8859-1 with Windows-1252 quotes; GB2312 with a GBK-only character
    assert decode_bytes("“quoted” — ok".encode("cp1252"), declared="iso-8859-1") == "“quoted” — ok"
    assert decode_bytes("镕".encode("gbk"), declared="gb2312") == "镕"


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe\xfd", b"\xc3\x28", b"\xe2\x82", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"abc\x80\x81\x8d\x8f\x90\x9d", bytes(range(256)) * 4],
)
def test_invalid_bytes_never_raise(data: bytes) -> None:
    assert isinstance(decode_text(data), str)
    assert isinstance(decode_html(data), str)
    for kind in ("auto", "text", "html"):
        clean(data, kind=kind).body.encode("utf-8")


def test_nul_and_control_characters_are_dropped() -> None:
    text = "First\x00 line of\x07 prose\x1b text.\n\nSecond\x7f line."
    doc = clean(text)
    everything = doc.body + "".join(r.text for r in doc.removed)
    assert not any(c in everything for c in "\x00\x07\x1b\x7f")
    assert "First line of prose text." in everything


def test_mojibake_is_left_alone() -> None:
    mojibake = "CafÃ© au lait costs â‚¬3 â€” says the sign, and everybody reads it like that every day."
    assert decode_text(mojibake.encode()) == mojibake
    assert mojibake in clean(mojibake).body
    assert mojibake in clean(mojibake.encode()).body


def test_detection_looks_at_a_sample_only() -> None:
    import time

    data = (SAMPLES["ru"] * 100_000).encode("cp1251")  # 12 MB without a declaration
    start = time.monotonic()
    assert decode_text(data)[:20] == SAMPLES["ru"][:20]
    assert time.monotonic() - start < 10
    assert detect_encoding(b"") is None or isinstance(detect_encoding(b""), str)


def test_truncation_inside_a_character_is_not_replaced() -> None:
    for enc, lang in (("utf-8", "ru"), ("shift_jis", "ja"), ("utf-16", "fr")):
        data = SAMPLES[lang].encode(enc)
        for cut in range(len(data) - 5, len(data)):
            assert "\ufffd" not in decode_bytes(data[:cut], declared=enc)


PROSE_BLOCK = ("The council approved the new budget on Tuesday, after a debate that lasted the evening. " * 3 + "\n\n") * 3


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"\x1f\x8b\x08\x00" + bytes(200), "gzip-compressed"),
        (b"%PDF-1.7\n" + bytes(200), "PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"),
        (bytes(range(256)) * 50, "binary data"),
        (b"\x00" * 5000, "binary data"),
    ],
)
def test_binary_input_is_refused_with_a_reason(data: bytes, says: str) -> None:
    doc = clean(data)
    assert doc.body == "" and doc.error and says in doc.error and doc.reason == doc.error


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_not_mistaken_for_binary(encoding: str) -> None:
    doc = clean(PROSE_BLOCK.encode(encoding))
    assert doc.error is None and "council approved" in doc.body


def test_a_few_stray_control_bytes_are_still_text() -> None:
    data = PROSE_BLOCK.encode("utf-8").replace(b"the evening", b"the\x00 evening\x07", 2)
    doc = clean(data)
    assert doc.error is None and "council approved" in doc.body


def test_control_characters_never_reach_html_output() -> None:
    prose = "The council approved\x07 the new budget on\x00 Tuesday, after a debate\x1b that lasted the evening."
    page = f"<html><head><title>Budget\x07 passes</title></head><body><article><h1>Budget\x01 passes</h1><p>{prose}</p><p>{prose}</p><pre>a\x02\nb</pre></article></body></html>"
    for source in (page, page.encode("utf-8")):
        doc = clean(source)
        text = doc.body + (doc.title or "") + "".join(r.text for r in doc.removed) + str(doc.metadata.to_dict())
        assert "council approved the new budget" in doc.body
        assert not any(c in text for c in "\x00\x01\x02\x07\x1b")


# --------------------------------------------------------------------------- input handling as browsers do (issue 10, 15)


@pytest.mark.parametrize("lang", sorted(SAMPLES))
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_in_any_script_is_text(lang: str, encoding: str) -> None:
    body = "\n\n".join(f"{i}. {SAMPLES[lang]}" for i in range(3))
    doc = clean(body.encode(encoding))
    assert doc.error is None and doc.body == clean(body).body != ""
    assert decode(body.encode(encoding)).text == body


def test_random_bytes_are_still_binary() -> None:
    import random

    rng = random.Random(15)
    for _ in range(200):
        data = bytes(rng.getrandbits(8) for _ in range(3000))
        assert clean(data).error, data[:20]


def test_declared_utf8_with_a_few_invalid_bytes_stays_utf8() -> None:
    text = SAMPLES["de"] + " " + SAMPLES["fr"]
    page = _page(text, "utf-8").encode("utf-8").replace(b"</p>", b"\x92</p>", 1)
    decoded = decode_html(page)
    assert text in decoded and "\ufffd</p>" in decoded  # not cp1252 for the whole page
    undeclared = (text + "\n\n" + text.replace("Köln", "Bonn")).encode() + b" \xff"
    assert decode_text(undeclared).startswith(text)
    # but a page that declares UTF-8 and is all cp1252 is still read as what it is
    assert decode_html(_page(text, "utf-8").encode("cp1252")) == _page(text, "utf-8")


@pytest.mark.parametrize(
    "start",
    [
        "<style>body { color: red }</style>",
        "\ufeff<style>p { margin: 0 }</style>",
        "  \n<!-- generated -->\n<!--[if IE]><p>old</p><![endif]-->\n<style>x{}</style>",
        "<link rel=stylesheet href=/a.css>",
        "<noscript><img src=x></noscript>",
        "<header class=top>",
        "<base href=/>",
    ],
)
def test_pages_starting_with_head_tags_are_html(start: str) -> None:
    # a long style sheet: the first 4 KB hold no other tag to count
    page = start + "<style>" + "p.lead { color: #333 }\n" * 400 + "</style><div><h1>Budget</h1><p>" + PROSE_BLOCK.split("\n")[0] + "</p></div>"
    for source in (page, page.encode("utf-8")):
        doc = clean(source)
        assert doc.kind == "html" and "<" not in doc.body and "council approved" in doc.body


def test_output_is_nfc() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", SAMPLES["fr"] + " " + SAMPLES["de"])
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    for source in (decomposed, decomposed.encode("utf-8"), _page(decomposed, "utf-8"), _page(decomposed, "utf-8").encode()):
        doc = clean(source)
        assert doc.body and unicodedata.is_normalized("NFC", doc.body)
        assert unicodedata.normalize("NFC", SAMPLES["fr"]) in doc.body


def test_nfc_in_slices_equals_nfc_of_the_whole() -> None:
    import random
    import unicodedata

    from cleaner._decode import nfc

    rng = random.Random(10)
    pieces = ["a", "e", "\u0301", "\u0308", "\u0327", "\u0323", "\n", "<", ">", "\u0338", "x" * 700, "\u1100", "\u1161", "\u11a8", " ", "é", "ü"]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 400)))
        assert nfc(text) == unicodedata.normalize("NFC", text)
    long = ("x" * 1023 + "e\u0301") * 5  # a letter and its mark on either side of a slice boundary
    assert nfc(long) == unicodedata.normalize("NFC", long) != long


def test_utf8_declared_as_legacy_with_a_few_bad_bytes_is_utf8() -> None:
    text = SAMPLES["de"] + " " + SAMPLES["ru"]
    page = _page(text, "windows-1252").encode("utf-8").replace(b"</p>", b"\x81</p>", 1)
    assert text in decode_html(page)


@pytest.mark.parametrize(
    "page",
    [
        '<!doctype html><html><body><div id="content">\x08\x00</div></body></html>',  # not UTF-16 either
        "<!doctype html><html><body>0\x1f\x08\x08</body></html>",
        "A short note.\x07\x08\x00 It has prose in it, and a few stray control characters.\x1b",
    ],
)
def test_a_few_controls_in_a_small_page_are_not_binary_and_bytes_agree_with_str(page: str) -> None:
    as_bytes, as_str = clean(page.encode("utf-8")), clean(page)
    assert as_bytes.error is None and as_bytes.body == as_str.body


def test_utf8_with_a_stray_nul_is_not_read_as_utf16() -> None:
    # found by Hypothesis: one NUL among a few non-ASCII characters once passed for UTF-16
    page = "<!doctype html><html><body>0\x00\x80À</body></html>"
    assert clean(page.encode("utf-8"), kind="html").body == clean(page, kind="html").body
    assert decode(page.encode("utf-8")).html.startswith("<!doctype html>")
