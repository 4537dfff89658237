"""Counts and measures in English text: 1.5 million users, about 600 employees, 12,000 GPUs, 10 GW."""

from __future__ import annotations

import re

from extractor.claims.base import Candidate, Rule, RuleContext, alternation, follows_product_name, lexicon
from extractor.claims.numbers import en as numbers

_UNITS = lexicon("units")
_MODIFIERS = lexicon("modifiers")
MOD_BEFORE = alternation(_MODIFIERS["en_before"])
UNIT = alternation(_UNITS["en_units"])
NUM = numbers.NUMBER

PATTERN = re.compile(
    rf"(?:(?P<mod>(?i:{MOD_BEFORE}))\s+)?(?P<n1>{NUM})(?:\s?(?:-|~|to)\s?(?P<n2>{NUM}))?"
    rf"(?:\s?(?P<unit>{UNIT})\b|\s+(?P<adjective>[a-z]+(?:-[a-z]+)?\s+)?(?P<noun>[a-z]{{2,}}s)\b)"
)
_TIME_AND_NON_COUNTS = frozenset(
    [w.lower() for w in _UNITS["en_time"]]
    + "percent points dollars euros pounds yuan yen cents shares basis bps others times ones".split()
)
_BEFORE_MODIFIER = {k.lower(): v for k, v in _MODIFIERS["en_before"].items()}
_YEAR = re.compile(r"(?:19|20)\d\d")


def build(match: re.Match, ctx: RuleContext) -> Candidate | None:
    start_n1 = match.start("n1")
    if start_n1 > 0 and (ctx.text[start_n1 - 1].isalnum() or ctx.text[start_n1 - 1] in "$€£¥#"):
        return None
    if follows_product_name(ctx.text, start_n1):
        return None
    n1 = match.group("n1")
    noun = match.group("noun")
    if noun:
        if noun.lower() in _TIME_AND_NON_COUNTS or (match.group("adjective") or "").strip().lower() in _TIME_AND_NON_COUNTS:
            return None
        if _YEAR.fullmatch(n1):
            return None  # 2025 results: a year, not a count
        if n1.lower() in ("a", "an", "one") or re.fullmatch(r"(?i)an?|one", n1):
            return None
    value = numbers.bounds(n1, match.group("n2"))
    value = value.apply(_BEFORE_MODIFIER.get((match.group("mod") or "").lower()))
    unit = match.group("unit") or noun
    return Candidate("quantity", match.start(), match.end(), {**value.as_dict(), "unit": unit}, "quantity.en.count")


RULES = [Rule("quantity.en.count", PATTERN, build)]
