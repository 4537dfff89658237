"""Document language from its script mix: ``zh``, ``en`` or ``mixed``."""

from __future__ import annotations

import re

from extractor.text.normalize import HAN

_HAN = re.compile(f"[{HAN}]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

# An English word averages about 5 letters and a Chinese word about 1.5 characters, so one Latin letter
# carries roughly a third of what one Han character does. Weighting by that, a Chinese article full of
# English company names still reads as Chinese, and only a real mix of the two is "mixed".
LATIN_LETTER_WEIGHT = 1 / 3
CHINESE_ABOVE = 0.7
ENGLISH_BELOW = 0.3


def detect_language(text: str, *, default: str = "zh") -> str:
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text)) * LATIN_LETTER_WEIGHT
    if han + latin == 0:
        return default
    share = han / (han + latin)
    if share >= CHINESE_ABOVE:
        return "zh"
    if share <= ENGLISH_BELOW:
        return "en"
    return "mixed"
