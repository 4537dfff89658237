"""Bytes → str for article files: UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030 (a superset of GBK).

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
        try:
            text, encoding = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as gb_error:
            # Name where UTF-8 broke first: that is what a user re-saving the file as UTF-8 needs to find.
            raise DecodingError(
                f"not valid UTF-8 (bad byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}) "
                f"nor GB18030 (at offset {gb_error.start}); re-save it as UTF-8",
                source=source,
            ) from None
        if len(_IMPLAUSIBLE_GB.findall(text)) > max(2, len(text) // 50):
            raise DecodingError("not valid UTF-8, and decoding it as GB18030 gives gibberish", source=source)
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise BinaryInputError("looks binary (many control characters), not a text article", source=source)
    return text, encoding
