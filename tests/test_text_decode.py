import codecs

import pytest

from extractor.errors import BinaryInputError, DecodingError
from extractor.text.decode import decode_bytes

ARTICLE = "英伟达 ( NVIDIA ) 上周宣布，营收 143 亿美元。"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8-bom"),
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "utf-16-le-bom"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16-be-bom"),
        (ARTICLE.encode("gb18030"), "gb18030"),
        (ARTICLE.encode("gbk"), "gb18030"),
    ],
)
def test_decode_bytes_encodings(data, encoding):
    assert decode_bytes(data) == (ARTICLE, encoding)


def test_decode_bytes_empty_is_empty_text():
    assert decode_bytes(b"") == ("", "utf-8")


def test_decode_bytes_keeps_line_endings():
    assert decode_bytes("a\r\nb".encode())[0] == "a\r\nb"


def test_decode_bytes_rejects_binary():
    with pytest.raises(BinaryInputError):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_decode_bytes_rejects_gibberish():
    with pytest.raises((DecodingError, BinaryInputError)):
        decode_bytes(bytes(range(0x80, 0x100)) * 20)
