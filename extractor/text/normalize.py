"""Normalisation with an offset map back to the original text.

Extractors see one tidy form of the text: full-width ASCII folded to half-width, every dash and tilde
unified, stray spaces inside numbers, dates and names removed (``700 – 720 亿`` → ``700-720亿``,
``12 月 9 日`` → ``12月9日``, ``马克 · 扎克伯格`` → ``马克·扎克伯格``) and zero-width characters dropped.
Every character of the normalised text comes from exactly one character of the original, so any span
found in the normalised text maps back to a span of the original (``NormalizedText.to_original``).
Normalising first also matters for jieba, which splits full-width digits into single characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from extractor.text.variants import simplified_table

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


_TRADITIONAL = "週周後后個个這这禮礼來来從从開开時时點点鐘钟號号兩两間间農农當当將将於于過过約约為为內内幾几數数曆历屆届億亿萬万圓元"


def _translation_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Full-width ASCII variants U+FF01..U+FF5E are U+0021..U+007E shifted by 0xFEE0.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    # Except the full-width comma: in Chinese text it is a clause break, never a thousands separator, and
    # folding it to ',' would make "增长 5，123 家" read as 5,123.
    del table[0xFF0C]
    for code in (0x3000, 0x00A0, 0x202F, 0x205F, *range(0x2000, 0x200B)):  # ideographic and other spaces
        table[code] = " "
    # Hyphens, en/em dashes, minus signs, small and full-width hyphen-minus: one '-' so ranges parse alike.
    for code in (*range(0x2010, 0x2016), 0x2212, 0xFE58, 0xFE63, 0xFF0D):
        table[code] = "-"
    for code in (0x301C, 0x223C, 0xFF5E, 0x02DC):  # wave dash, tilde operator, full-width tilde
        table[code] = "~"
    # Middle-dot look-alikes used between the parts of transliterated names (马克·扎克伯格).
    for code in (0x2027, 0x30FB, 0xFF65, 0x2219, 0x22C5, 0x2E31):
        table[code] = "\u00b7"
    # Traditional characters, folded one for one to the simplified forms every rule, cue list and lexicon
    # is written in (週三, 兩億, 萬輛, 財年, 上世紀, 農曆): a Hong Kong or Taiwan article is read like a mainland
    # one, and the output keeps its own characters (spans are cut from the original). First the characters
    # dates and numbers are written with, including a few the full table leaves alone because simplified
    # text writes them too (於), then OpenCC's character table (text/variants.py).
    for traditional, simplified in zip(_TRADITIONAL[0::2], _TRADITIONAL[1::2]):
        table[ord(traditional)] = simplified
    for traditional, simplified in simplified_table().items():
        table.setdefault(traditional, chr(simplified))
    table[0xFFE5] = "\u00a5"  # full-width yen/yuan sign
    table[0xFFE0] = "\u00a2"
    table[0xFFE1] = "\u00a3"
    return table


_TABLE = _translation_table()
def _char_class(codes) -> str:
    """A regex class for a set of code points, consecutive ones as ranges."""
    codes = sorted(codes)
    pieces, low = [], 0
    for i, code in enumerate(codes):
        if i == 0 or code != codes[i - 1] + 1:
            low = code
        if i + 1 == len(codes) or codes[i + 1] != code + 1:
            pieces.append(re.escape(chr(low)) if low == code else f"{re.escape(chr(low))}-{re.escape(chr(code))}")
    return f"[{''.join(pieces)}]"


# The traditional characters the table folds (Han to Han): what NormalizedText.as_written puts back.
# (The Basic Multilingual Plane's only: see _TRANSLATED; a folded character beyond it keeps its fold.)
_FOLDED_HAN = re.compile(
    _char_class(
        code for code, to in sorted(_TABLE.items())
        if code <= 0xFFFF and re.match(f"[{HAN}]", chr(code)) and re.match(f"[{HAN}]", to)
    )
)
_TABLE_CHARS = {chr(code): replacement for code, replacement in _TABLE.items()}


def folded_han_count(text: str) -> int:
    """How many Han characters of ``text`` are written in a traditional form the normaliser folds."""
    return sum(1 for _ in _FOLDED_HAN.finditer(text))


# str.translate looks every character up in the table; news text needs a few per cent of them changed, so
# finding those with one regex scan and replacing them one by one is four times faster (same result).
# The scan is a split on the class (captured): the pieces in between stay, every captured character is
# looked up, all in C with no Python call per character (same result as a substitution).
# The class holds the table's characters of the Basic Multilingual Plane only: one character beyond it
# (a few hundred rare traditional characters are) makes the regex engine test the class entry by entry at
# every character, fifty times slower. Those are translated apart, in the rare text that has any.
_TRANSLATED = re.compile(f"({_char_class(code for code in _TABLE if code <= 0xFFFF)})")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_ASTRAL_TABLE = {code: replacement for code, replacement in _TABLE.items() if code > 0xFFFF}


def _translate(original: str) -> str:
    parts = _TRANSLATED.split(original)
    if len(parts) > 1:
        parts[1::2] = map(_TABLE_CHARS.__getitem__, parts[1::2])
        original = "".join(parts)
    if _ASTRAL.search(original) is not None:
        original = original.translate(_ASTRAL_TABLE)
    return original


# What the normaliser deletes: runs of spaces/tabs (never newlines) that only split one token, and
# zero-width characters. Lookarounds read the translated text, so each run is judged by its neighbours.
# Every deletion starts at a space, a tab or a zero-width character: the leading lookahead lets the engine
# skip every other position at once (without it, each position tried five lookbehinds).
_DELETION_START = r"[ \t\u200b-\u200d\u2060\ufeff]"
_DELETABLE = re.compile(
    rf"""
    (?={_DELETION_START})(?:
      [\u200b-\u200d\u2060\ufeff]+                      # zero-width characters
    | (?<=[{HAN}])[ \t]+(?=[\d{HAN}])                   # 2025 年 / 年 12 / 彭博 社
    | (?<=\d)[ \t]+(?=[{HAN}%])                         # 700 亿 / 62 %
    | (?<=[{HAN}])[ \t]+(?=\u00b7)                      # 马克 · 扎克伯格 (before the dot)
    | (?<=\u00b7)[ \t]+(?=[{HAN}])                      # 马克 · 扎克伯格 (after the dot)
    | (?<=[$\u00a5\u20ac\u00a3])[ \t]+(?=\d)            # $ 5
    )""",
    re.VERBOSE,
)
# Spaces around the dash or tilde of a numeric range (700 – 720, 3 ~ 5): both sides go.
_RANGE_SPACES = re.compile(r"(?<=\d)(?=[ \t~-])([ \t]*)[-~]([ \t]*)(?=\d)")


_ANY_DELETION_START = re.compile(_DELETION_START)


def _deletions(translated: str) -> list[tuple[int, int]]:
    first = _ANY_DELETION_START.search(translated)
    if first is None:
        return []  # no space, tab or zero-width character: nothing to delete (_RANGE_SPACES needs spaces too)
    spans = [m.span() for m in _DELETABLE.finditer(translated, first.start())]
    for match in _RANGE_SPACES.finditer(translated):
        spans.extend(match.span(group) for group in (1, 2) if match.end(group) > match.start(group))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True)
class NormalizedText:
    original: str
    text: str
    # _index[i] is the original offset of normalised character i; None when nothing was deleted.
    _index: np.ndarray | None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to the original text."""
        if self._index is None:
            return start, end
        if start >= end:
            point = int(self._index[start]) if start < len(self.text) else len(self.original)
            return point, point
        return int(self._index[start]), int(self._index[end - 1]) + 1

    def as_written(self) -> str:
        """The normalised text with the document's own Chinese characters back in place of their simplified
        folds (晶創科技, not 晶创科技): same length and offsets as ``text``, for names shown to a reader."""
        if _FOLDED_HAN.search(self.original) is None:
            return self.text
        characters = list(self.text)
        for found in _FOLDED_HAN.finditer(self.original):
            position = found.start() if self._index is None else int(np.searchsorted(self._index, found.start()))
            if position < len(characters) and (self._index is None or self._index[position] == found.start()):
                characters[position] = found.group()
        return "".join(characters)


def normalize(original: str) -> NormalizedText:
    translated = _translate(original)  # one character for one: offsets unchanged so far
    deleted = _deletions(translated)
    if not deleted:
        return NormalizedText(original, translated, None)
    keep = np.ones(len(translated), dtype=bool)
    pieces = []
    previous_end = 0
    for start, end in deleted:
        keep[start:end] = False
        pieces.append(translated[previous_end:start])
        previous_end = end
    pieces.append(translated[previous_end:])
    return NormalizedText(original, "".join(pieces), np.flatnonzero(keep))
