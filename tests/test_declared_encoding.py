"""The declared-charset finder answers as bs4's ``EncodingDetector`` does (issue 14: the
one-page CLI run no longer imports bs4 for it)."""

from __future__ import annotations

import gzip

import pytest

from cleaner._decode import DECLARATION_BYTES, _codec, declared_encoding
from metric import DATA, TRAFEVAL

EncodingDetector = pytest.importorskip("bs4.dammit").EncodingDetector


def _bs4(data: bytes) -> str | None:
    head = data[:DECLARATION_BYTES]
    return _codec(EncodingDetector.find_declared_encoding(head, is_html=True, search_entire_document=True))


CASES = [
    b'<meta charset="windows-1251"><p>x',
    b"<META CHARSET=ISO-8859-2>",
    b"<meta charset='koi8-r'/>",
    b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
    b'<meta http-equiv="content-type" content="text/html;charset=euc-kr" />',
    b"< meta\ncharset = 'gbk' >",
    b'<meta name="x" content="charset=">',
    b'<meta charset="">',
    b'<?xml version="1.0" encoding="ISO-8859-1"?><html><meta charset="utf-8">',
    b'  \n<?xml version="1.0" encoding=\'windows-1252\' standalone="yes"?>',
    b'<?xml version="1.0" encoding=""?><meta charset="koi8-r">',
    b'<?xml version="1.0"\nencoding="latin-1"?><meta charset="cp1250">',
    b'<p>before</p><?xml version="1.0" encoding="latin-1"?>',
    b'<meta charset="punycode">',
    b'<meta charset="no-such-codec">',
    b"<meta charset=utf-8",
    b"<html><head><title>none declared</title></head></html>",
    b"",
    b"\xff\xfe<\x00m\x00e\x00t\x00a\x00",
    b"x" * (DECLARATION_BYTES - 5) + b'<meta charset="koi8-r">',
]


@pytest.mark.parametrize("data", CASES)
def test_same_answer_as_bs4(data: bytes) -> None:
    assert declared_encoding(data) == _bs4(data)


@pytest.mark.skipif(not (DATA / "html").is_dir() or not (TRAFEVAL / "html").is_dir(), reason="dev sets not found")
def test_same_answer_as_bs4_on_every_dev_page() -> None:
    pages = sorted((DATA / "html").glob("*.html.gz")) + sorted((TRAFEVAL / "html").glob("*.html.gz"))
    assert len(pages) > 600
    found = 0
    for path in pages:
        data = gzip.decompress(path.read_bytes())
        got = declared_encoding(data)
        assert got == _bs4(data), path.name
        found += got is not None
    assert found > len(pages) // 2  # most pages declare one: the comparison is not all None
