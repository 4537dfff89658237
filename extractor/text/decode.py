"""Bytes → str for article files: UTF-8 (with or without BOM), UTF-16/32 with BOM, and the legacy Chinese
encodings: GB18030 (a superset of GBK and GB2312), Big5 and Big5-HKSCS.

A file that is not UTF-8 is told apart by charset-normalizer among the Chinese encodings and the Japanese
and Korean ones, whose bytes the Chinese decoders would also accept: a Shift-JIS or EUC-KR file is refused
with its name instead of being read as gibberish.

Offsets in the output are indices into the string returned here (the BOM is not part of it; line
endings are kept as they are), so a consumer decoding the file the same way can check every span.
"""

from __future__ import annotations

import codecs
import re

from extractor.errors import BinaryInputError, DecodingError

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls other than tab, newline, vertical tab, form feed and carriage return: text files don't have them.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Characters a GB18030 decoding of non-GB bytes tends to produce: private-use code points and the
# four-byte area outside the BMP's common scripts.
_IMPLAUSIBLE_GB = re.compile(r"[\ue000-\uf8ff\U00010000-\U0010ffff]")


def decode_bytes(data: bytes, *, source: str | None = None) -> tuple[str, str]:
    """Decode an article file; returns (text, encoding name). Raises BinaryInputError / DecodingError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding + "-bom"
            except UnicodeDecodeError as exc:
                raise DecodingError(f"invalid {encoding} after a byte-order mark at byte {exc.start}", source=source)
    if b"\x00" in data:
        raise BinaryInputError("looks binary (contains NUL bytes), not a text article", source=source)
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        text, encoding = _legacy(data, utf8_error, source=source)
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise BinaryInputError("looks binary (many control characters), not a text article", source=source)
    return text, encoding


# What charset-normalizer chooses among: the encodings we read, and the ones whose files would otherwise be
# misread as Chinese (a Shift-JIS or EUC-KR byte sequence is very often valid GB18030 too).
CHINESE_ENCODINGS = ("gb18030", "big5", "big5hkscs")
_REFUSED = {
    "cp932": "Japanese (Shift-JIS)", "shift_jis": "Japanese (Shift-JIS)", "shift_jis_2004": "Japanese (Shift-JIS)",
    "shift_jisx0213": "Japanese (Shift-JIS)", "euc_jp": "Japanese (EUC-JP)", "euc_jis_2004": "Japanese (EUC-JP)",
    "iso2022_jp": "Japanese (ISO-2022-JP)", "cp949": "Korean (EUC-KR)", "euc_kr": "Korean (EUC-KR)",
}  # fmt: skip
_CANDIDATES = [*CHINESE_ENCODINGS, "cp932", "euc_jp", "iso2022_jp", "cp949"]


def _legacy(data: bytes, utf8_error: UnicodeDecodeError, *, source: str | None) -> tuple[str, str]:
    """A file that is not UTF-8: the Chinese encoding charset-normalizer finds most plausible."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is not None and best.encoding in _REFUSED:
        raise DecodingError(
            f"looks like {_REFUSED[best.encoding]} text; extractor reads Chinese and English: re-save it as UTF-8 "
            "if it is Chinese",
            source=source,
        )
    encoding = best.encoding if best is not None and best.encoding in CHINESE_ENCODINGS else "gb18030"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        # Name where UTF-8 broke first: that is what a user re-saving the file as UTF-8 needs to find.
        raise DecodingError(
            f"not valid UTF-8 (bad byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}) "
            f"nor {encoding.upper()} (at offset {error.start}); re-save it as UTF-8",
            source=source,
        ) from None
    if len(_IMPLAUSIBLE_GB.findall(text)) > max(2, len(text) // 50):
        raise DecodingError(f"not valid UTF-8, and decoding it as {encoding.upper()} gives gibberish", source=source)
    return text, encoding
