"""Percentages in English text: 12%, 3.5 percent, 3 percentage points, 25 basis points, 3%-5%, rose 12%, a 5% drop.

Also: 100 percentage / one hundred percents, minus five percent (-5), and the reversed form that opens a
sentence (percent of 10). A % inside a URL (%20, %2D: percent-encoding) is not a percentage.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.claims.base import Bounds, Candidate, Rule, RuleContext, alternation, lexicon
from extractor.claims.numbers import en as numbers
from extractor.context.direction import en_direction
from extractor.text import compiled

_MODIFIERS = lexicon("modifiers")
MOD_BEFORE = alternation(_MODIFIERS["en_before"])
NUM = numbers.NUMBER
# pc: per cent as British papers abbreviate it (fell 20pc), lower case only (20 PCs are computers).
UNIT = r"%|(?i:percentage points?|basis points?|bps|pp)\b|(?i:percents?|per cent|pct|percentage)\b|pc\b"
_END = r"(?=\s*(?:[.,;:!?)]|$))"

PATTERN = compiled.compile(
    rf"(?:(?P<change>{numbers.CHANGE_BEFORE}))?+(?:\b(?P<mod>(?i:{MOD_BEFORE}))\s+)?(?:(?P<between>(?i:between))\s+)?(?:(?P<minus>(?i:minus|negative))\s+)?"
    rf"(?P<n1>{NUM})\s?%?(?:(?(change)(?!))\s?(?:-|~|(?i:to|and))\s?(?P<n2>{NUM}))?\s?(?P<unit>{UNIT})"
    # percent of 10 (only where a sentence opens with it, and the number closes the clause)
    rf"|(?P<rev>(?i:percents?|per cent))\s+(?i:of)\s+(?P<rn>{NUM}){_END}"
)
_PERCENT_ENCODED = compiled.compile(r"%[0-9A-Fa-f]{2}")


def change_direction(ctx: RuleContext, start: int, end: int) -> str | None:
    """rose 12% / fell by 3 points → the verb before; a 12% rise → the noun after; to 41% is a level
    (extractor/context/direction.py)."""
    return en_direction(ctx.text, start, end, ctx.sentence[0], ctx.sentence[1], levels=False)


def _in_url(ctx: RuleContext, start: int, end: int) -> bool:
    """The match sits in a URL or in percent-encoded text (q=30%25%2020%, issn%280024%2D9114%29)."""
    if start > 0 and ctx.text[start - 1] == "%":
        return True
    if end < len(ctx.text) and ctx.text[end - 1] == "%" and ctx.text[end : end + 1].isalnum():
        return True
    # The whitespace-free token around the match, read in the whole text: a sentence split may fall
    # inside a URL (example.com). The window is bounded, so a long line stays linear.
    before = ctx.text[max(0, start - 200) : start]
    before = re.split(r"\s", before)[-1]
    after = re.split(r"\s", ctx.text[end : end + 200], maxsplit=1)[0]
    token = before + ctx.text[start:end] + after
    return "://" in token or "www." in token or _PERCENT_ENCODED.search(token) is not None


def _reversed(match: re.Match, ctx: RuleContext) -> Candidate | None:
    """percent of 10: only at the start of a sentence (a small percent of 10 is not 10%)."""
    start = match.start()
    if ctx.text[ctx.sentence[0] : start].strip(" \t\n\"'(-"):
        return None
    value = numbers.bounds(match.group("rn"))
    result = {**value.as_dict(), "points": False, "change": None}
    return Candidate("percent", start, match.end(), result, "percent.en.amount")


def build(match: re.Match, ctx: RuleContext) -> Candidate | None:
    start = match.start()
    if start > 0 and ctx.text[start - 1].isalnum() and not match.group("mod"):
        return None
    if _in_url(ctx, start, match.end()):
        return None
    if match.group("rev"):
        return _reversed(match, ctx)
    n2 = match.group("n2")
    if n2 and re.search(r"(?i)\band\b", ctx.text[match.end("n1") : match.start("n2")]) and not match.group("between"):
        return None
    value = numbers.bounds(match.group("n1"), n2)
    if match.group("minus"):
        if re.search(r"(?i)\bplus\s+or\s*$", ctx.before(match.start("minus"), 12)):
            start = match.start("n1")  # plus or minus 3 percent: a margin, not -3
        elif value.amount is not None:
            value = Bounds(-value.amount, None, None, value.approximate)
        else:
            value = Bounds(None, -value.min, value.max, value.approximate)
    unit = match.group("unit").lower()
    points = "point" in unit or unit in ("bps", "pp")
    if "basis" in unit or unit == "bps":
        value = value.scaled(Decimal("0.01"))
    value = value.modified("en", match.group("mod"))
    result = {**value.as_dict(), "points": points, "change": change_direction(ctx, start, match.end())}
    return Candidate("percent", start, match.end(), result, "percent.en.amount")


# A share written as a ratio: nine out of 10 doctors, one in five companies, 1 in 5 adults → 90 %, 20 %. "in"
# only before a noun that is no unit of time (rose 2 in 10 years is no share).
_SMALL = r"\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|a\shundred|a\sthousand|hundred|thousand"
RATIO = compiled.compile(
    rf"(?:\b(?P<mod>(?i:{MOD_BEFORE}))\s+)?"  # about one in five, nearly one in three
    rf"(?i:(?<![\w.,])(?P<a>{_SMALL})\s(?:(?P<of>out\sof)|in)\s(?P<b>{_SMALL}|\d{{1,3}}(?:,\d{{3}})+))"
    r"(?![\w.,]\d)"
)
_TIME_NOUN = compiled.compile(r"\s(?i:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|seconds?|games?|matches)\b")


def build_ratio(match: re.Match, ctx: RuleContext) -> Candidate | None:
    if not match.group("of") and (not re.match(r"\s[a-z]{3,}", ctx.text[match.end() : match.end() + 4]) or _TIME_NOUN.match(ctx.text, match.end())):
        return None  # one in five alone, 3 in 2025, rose 2 in 10 years: a share needs its noun after "in"
    try:
        part, whole = numbers.parse_number(match.group("a")), numbers.parse_number(match.group("b"))
    except Exception:  # noqa: BLE001 - not a number after all
        return None
    if not 0 < part < whole or whole > 100000:
        return None
    share = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01")).normalize()
    result = {**Bounds(amount=share).modified("en", match.group("mod")).as_dict(), "points": False, "change": None}
    return Candidate("percent", match.start(), match.end(), result, "percent.en.ratio")


# A rate moved by a fraction of a point, as central-bank news says it: cut by a quarter point, half a
# percentage point, a quarter-point rise, three-quarters of a point (percentage points).
FRACTION_POINT = compiled.compile(
    r"(?i:\b(?:(?P<mod>about|nearly|roughly|around)\s)?(?:an?\s)?(?P<frac>quarter|half|three[\s-]quarters)(?:\sof)?(?:[\s-]an?)?[\s-]"
    r"(?:percentage[\s-])?points?)(?![\w-])"
)
_FRACTIONS = {"quarter": Decimal("0.25"), "half": Decimal("0.5"), "three quarters": Decimal("0.75"), "three-quarters": Decimal("0.75")}


# …where the sentence speaks of a rate or a share (a chess player scored half a point: no percentage).
_RATE_WORDS = compiled.compile(r"(?i:%|\b(?:rates?|yields?|interest|percent|per\scent|inflation|unemployment|jobless|mortgages?|borrowing|bonds?|polls?|support|share|approval)\b)")


def build_fraction_point(match: re.Match, ctx: RuleContext) -> Candidate | None:
    if not _RATE_WORDS.search(ctx.text, ctx.sentence[0], ctx.sentence[1]):
        return None
    amount = _FRACTIONS[match.group("frac").lower()]
    value = Bounds(amount=amount).modified("en", match.group("mod"))
    result = {**value.as_dict(), "points": True, "change": change_direction(ctx, match.start(), match.end())}
    return Candidate("percent", match.start(), match.end(), result, "percent.en.fraction_point")


RULES = [
    Rule("percent.en.amount", PATTERN, build),
    Rule("percent.en.ratio", RATIO, build_ratio),
    Rule("percent.en.fraction_point", FRACTION_POINT, build_fraction_point),
]
