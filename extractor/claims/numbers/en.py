"""English numbers → exact Decimal values: 1,200; 3.5; 14.3bn; 5m; 1.5 million; twenty-five; a dozen;
half a million; three quarters billion; 35 lakh; 12,34,567 (Indian grouping)."""

from __future__ import annotations

import re
from decimal import Decimal

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}  # fmt: skip
SCALES = {
    "hundred": 10**2, "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "m": 10**6, "mln": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "bln": 10**9, "trillion": 10**12, "tn": 10**12, "trn": 10**12,
    "dozen": 12, "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7, "cr": 10**7,
}  # fmt: skip

# Longest first: every part after a number is optional, so "nine" would win over "ninety" (ninety euros).
_WORD = r"(?:seventeen|thirteen|fourteen|eighteen|nineteen|fifteen|sixteen|seventy|twenty|thirty|eleven|twelve|ninety|eighty|forty|fifty|sixty|seven|three|eight|zero|four|five|nine|one|two|six|ten)"
# A number word below 100: forty-five, forty five, twelve.
WORD_BELOW_100 = rf"{_WORD}(?:[- ]{_WORD})?"
WORD_NUMBER = rf"{_WORD}(?:[- ]{_WORD})?(?:\s+(?:hundred|thousand|million|billion|trillion)(?:\s+(?:and\s+)?{_WORD}(?:[- ]{_WORD})?)?)*"
# A number starts only at the head of a run of digits and commas: a match tried at every position of
# "123,123,123,…" (1 MB of it) would rescan the run each time, which is quadratic.
# Indian grouping (12,34,567.89: pairs after the first group) is tried first; it needs at least one pair.
# Groups of three set off by dots (1.250.000, as in Indonesian, Vietnamese and much European writing) need
# two dots at least: one dot is a decimal point (see money/en.py for 15.000 rupiah).
DIGITS = (
    r"(?<![\d,])(?:\d{1,2},(?:\d\d,)+\d{3}(?![\d,])(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:\.\d{3}){2,}(?![\d.])|\d+(?:\.\d+)?)"
)
# Written scales after digits: 1.5 million, 14.3bn, 5m, 300k, 35 lakh. Single letters only glued to the digits.
# A hyphen may join them (the $1.5-billion deal); the short forms may be capitals in headlines ($5.5M, $3B).
SCALE = (
    r"(?:(?:\s*|-)lakhs?(?:\s+|-)crores?\b"  # 1.5 lakh crore = 1.5 × 10^12 (a lakh of crores); the ₹1.2-lakh-crore plan
    r"|(?:\s*|-)(?:hundred|thousand|million|billion|trillion|lakhs?|crores?)\b"
    r"|(?:bn|mn|mln|bln|tn|trn|cr|k|m|b|BN|Bn|MN|Mn|K|M|B)\b"
    # after a space only the abbreviations no unit shares (12.4 mn, 5 mln, 3 bn, Rs 2.5 cr; not 5 m, 3 b)
    r"|\s(?:bn|mn|mln|bln|tn|trn|cr)\b)"
)
# A whole number and a half of a scale: two and a half million, 1 and a half billion.
AND_A_HALF = rf"(?i:(?:{_WORD}|\d{{1,3}})\s+and\s+a\s+half\s+(?:thousand|million|billion|trillion)\b)"
# A fraction of a scale: half a million, a quarter million, three quarters billion.
FRACTION = r"(?i:(?:(?:a|one|three)\s+)?(?:half|quarters?)\s+(?:(?:a|an)\s+)?(?:thousand|million|billion|trillion)\b)"
NUMBER = rf"(?:{AND_A_HALF}|(?:{DIGITS})(?:{SCALE})?|{FRACTION}|(?i:{WORD_NUMBER})(?:\s+(?:hundred|thousand|million|billion|trillion)\b)?|(?:a|an)\s+(?:dozen|hundred|thousand|million|billion)\b)"


_FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25"), "quarters": Decimal("0.25")}


def parse_number(text: str) -> Decimal:
    """Exact value of an English NUMBER match."""
    text = text.strip().lower()
    half = re.fullmatch(r"(.+?)\s+and\s+a\s+half\s+(thousand|million|billion|trillion)", text)
    if half:  # two and a half million = 2.5 million
        return (parse_number(half.group(1)) + Decimal("0.5")) * SCALES[half.group(2)]
    if text.count(".") >= 2 and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return Decimal(text.replace(".", ""))  # 1.250.000
    lakh_crore = re.fullmatch(r"([\d,]+(?:\.\d+)?)(?:\s*|-)lakhs?(?:\s+|-)crores?", text)
    if lakh_crore:
        return Decimal(lakh_crore.group(1).replace(",", "")) * SCALES["lakh"] * SCALES["crore"]
    match = re.fullmatch(r"([\d,]+(?:\.\d+)?)[\s-]*([a-z]*)", text)
    if match:
        value = Decimal(match.group(1).replace(",", ""))
        return value * SCALES.get(match.group(2), 1) if match.group(2) else value
    total = Decimal(0)
    current = Decimal(0)
    previous = ""
    for word in re.findall(r"[a-z]+", text):
        if word == "and" or (word in ("a", "an") and previous in _FRACTIONS):
            previous = word
            continue
        previous = word
        if word in _FRACTIONS:
            current = (current or 1) * _FRACTIONS[word]
        elif word in SMALL:
            current += SMALL[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = Decimal(0)
    return total + current


def scale_word(text: str) -> str:
    """The written scale at the end of a number (6 billion → billion, 6bn → bn), or ''."""
    match = re.search(r"(hundred|thousand|million|billion|trillion|lakhs?|crores?|bn|mn|mln|bln|tn|trn|cr|k|m|b)$", text.strip().lower())
    return match.group(1) if match and re.match(r"[\d.,]+[\s-]*[a-z]+$", text.strip().lower()) else ""


def bounds(first: str, second: str | None = None):
    """Bounds of a number or a range: '5' and '6 billion' → min 5e9, max 6e9 (the scale is shared)."""
    from extractor.claims.base import Bounds

    if second is None:
        return Bounds(amount=parse_number(first))
    low, high = parse_number(first), parse_number(second)
    scale = scale_word(second)
    if scale and not scale_word(first) and re.fullmatch(r"[\d.]+", first.strip()) and low < 1000:
        low = low * SCALES[scale]  # 5 to 6 billion; not $500,000 to $1 million
    return Bounds(min=low, max=high)


# Where "X to Y" is a change and the level it reached, never a range: after "by" (fell by £129 to £1,720) or a
# verb of change and "from" (rose from $5bn to $6bn, fell from 3.8% to 3.6%). Each a fixed-width look-behind,
# for a rule to open with as an empty group and test before it reads a range.
_CHANGE_VERBS = (
    "rose", "fell", "rise", "fall", "rises", "falls", "risen", "fallen", "increased", "decreased", "climbed", "dropped",
    "declined", "jumped", "slipped", "grew", "shrank", "raised", "cut", "lowered", "lifted", "reduced", "slashed",
    "hiked", "soared", "plunged", "surged", "tumbled", "increase", "decrease", "increases", "decreases", "edged up",
    "edged down", "went up", "went down", "narrowed", "widened", "improved", "deteriorated", "eased", "recovered",
)
# (The verb alone before the amount is left to claims._change_ranges: "increase 2 to 10 percent" is a range.)
# The look-behinds are grouped by width (a look-behind takes one width; phrases of one length share one),
# and the whole is guarded by one look-behind at the last letters these phrases end in: the regex engine
# tries the group at every position, where ninety look-behinds would cost more than the rest of the rule.
def _by_width(phrases: list[str]) -> list[str]:
    widths: dict[int, list[str]] = {}
    for phrase in phrases:
        widths.setdefault(len(phrase), []).append(phrase.replace(" ", r"\s"))
    return [rf"(?<=\b(?:{'|'.join(group)})\s)" for _, group in sorted(widths.items())]


CHANGE_PHRASES = ["by", "By", *(f"{verb} from" for verb in _CHANGE_VERBS)]
CHANGE_VERBS = _CHANGE_VERBS
CHANGE_BEFORE = (
    rf"(?<=[{''.join(sorted({phrase[-1] for phrase in CHANGE_PHRASES}))}]\s)(?:" + "|".join(_by_width(CHANGE_PHRASES)) + ")"
)
# Vague magnitudes: "tens of billions of", "hundreds of", "thousands of" (no named groups: used twice per rule).
VAGUE = r"(?i:(?:tens|hundreds|thousands|millions|billions|dozens)(?:\s+of\s+(?:thousands|millions|billions))?\s+of)"
_VAGUE_LOW = {"tens": 10, "dozens": 12, "hundreds": 100, "thousands": 10**3, "millions": 10**6, "billions": 10**9}


def vague_bounds(text: str):
    """tens of billions of → [1e10, 1e11); hundreds of → [100, 1000): one order of magnitude, approximate."""
    from extractor.claims.base import Bounds

    words = [w for w in re.findall(r"[a-z]+", text.lower()) if w != "of"]
    low = Decimal(1)
    for word in words:
        low *= _VAGUE_LOW[word]
    high = low * (12 if words[0] == "dozens" else 10)
    return Bounds(min=low, max=high, approximate=True)
