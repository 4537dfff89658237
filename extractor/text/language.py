"""Document language from its script mix: ``zh``, ``en`` or ``mixed``."""

from __future__ import annotations

import numpy as np

from extractor.text.normalize import HAN

# The counted ranges, as the code points where a range starts or stops: Latin letters [A-Za-z\u00c0-\u024f]
# and Han characters (normalize.HAN). Counting the code points in each interval with numpy is twice as fast
# as collecting the matches of a regex, and the counts are the same.
_EDGES = np.array(
    [0x41, 0x5B, 0x61, 0x7B, 0xC0, 0x250, 0x3400, 0x4DC0, 0x4E00, 0xA000, 0xF900, 0xFB00], dtype=np.uint32
)
_LATIN_BUCKETS = [1, 3, 5]  # [A-Z], [a-z], [\u00c0-\u024f]: between edges 0-1, 2-3, 4-5
_HAN_BUCKETS = [7, 9, 11]  # [\u3400-\u4dbf], [\u4e00-\u9fff], [\uf900-\ufaff]
assert HAN == "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff"  # keep _EDGES in step with normalize.HAN

# An English word averages about 5 letters and a Chinese word about 1.5 characters, so one Latin letter
# carries roughly a third of what one Han character does. Weighting by that, a Chinese article full of
# English company names still reads as Chinese, and only a real mix of the two is "mixed".
LATIN_LETTER_WEIGHT = 1 / 3
CHINESE_ABOVE = 0.7
ENGLISH_BELOW = 0.3


def detect_language(text: str, *, default: str = "zh") -> str:
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    counts = np.bincount(np.searchsorted(_EDGES, codes, side="right"), minlength=len(_EDGES) + 1)
    han = int(counts[_HAN_BUCKETS].sum())
    latin = int(counts[_LATIN_BUCKETS].sum()) * LATIN_LETTER_WEIGHT
    if han + latin == 0:
        return default
    share = han / (han + latin)
    if share >= CHINESE_ABOVE:
        return "zh"
    if share <= ENGLISH_BELOW:
        return "en"
    return "mixed"
