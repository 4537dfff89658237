"""Percentages in English text: 12%, 3.5 percent, 3 percentage points, 25 basis points, 3%-5%, rose 12%, a 5% drop."""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.claims.base import Candidate, Rule, RuleContext, alternation, lexicon
from extractor.claims.numbers import en as numbers

_MODIFIERS = lexicon("modifiers")
_CUES = lexicon("cues")
MOD_BEFORE = alternation(_MODIFIERS["en_before"])
NUM = numbers.NUMBER
UNIT = r"%|(?i:percent|per cent|pct)\b|(?i:percentage points?|basis points?|bps|pp)\b"

PATTERN = re.compile(
    rf"(?:(?P<mod>(?i:{MOD_BEFORE}))\s+)?(?:(?P<between>(?i:between))\s+)?"
    rf"(?P<n1>{NUM})\s?%?(?:\s?(?:-|~|(?i:to|and))\s?(?P<n2>{NUM}))?\s?(?P<unit>{UNIT})"
)
_INCREASE = {w.lower() for w in _CUES["change_increase_en"]}
_DECREASE = {w.lower() for w in _CUES["change_decrease_en"]}
_BEFORE_MODIFIER = {k.lower(): v for k, v in _MODIFIERS["en_before"].items()}
_WORDS = re.compile(r"[A-Za-z]+|[,;:]")


def change_direction(ctx: RuleContext, start: int, end: int) -> str | None:
    """rose 12% / fell by 3 points → the verb before; a 12% rise → the noun after; to 41% is a level."""
    before = _WORDS.findall(ctx.before(start, 40))
    skipped = 0
    for word in reversed(before):
        lower = word.lower()
        if lower in _INCREASE:
            return "increase"
        if lower in _DECREASE:
            return "decrease"
        if lower in ("to", "at", "of", ",", ";", ":") or skipped >= 3:
            break
        skipped += 1
    after = _WORDS.findall(ctx.after(end, 20))[:2]
    for word in after:
        if word.lower() in _INCREASE or word.lower() in ("increase", "rise", "jump"):
            return "increase"
        if word.lower() in _DECREASE or word.lower() in ("drop", "decline", "fall"):
            return "decrease"
    return None


def build(match: re.Match, ctx: RuleContext) -> Candidate | None:
    start = match.start()
    if start > 0 and ctx.text[start - 1].isalnum() and not match.group("mod"):
        return None
    n2 = match.group("n2")
    if n2 and re.search(r"(?i)\band\b", ctx.text[match.end("n1") : match.start("n2")]) and not match.group("between"):
        return None
    value = numbers.bounds(match.group("n1"), n2)
    unit = match.group("unit").lower()
    points = "point" in unit or unit in ("bps", "pp")
    if "basis" in unit or unit == "bps":
        value = value.scaled(Decimal("0.01"))
    value = value.apply(_BEFORE_MODIFIER.get((match.group("mod") or "").lower()))
    result = {**value.as_dict(), "points": points, "change": change_direction(ctx, start, match.end())}
    return Candidate("percent", start, match.end(), result, "percent.en.amount")


RULES = [Rule("percent.en.amount", PATTERN, build)]
