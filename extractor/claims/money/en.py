"""Money in English text: $14.3bn, US$5m, 3.5 billion dollars, $5 to $6 billion, between … and …, more than $500 million."""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.claims.base import Candidate, Rule, RuleContext, alternation, lexicon
from extractor.claims.numbers import en as numbers

_CURRENCIES = lexicon("currencies")
_MODIFIERS = lexicon("modifiers")
CUR_BEFORE = alternation(_CURRENCIES["before"])
CUR_AFTER = alternation(_CURRENCIES["en_after"])
MOD_BEFORE = alternation(_MODIFIERS["en_before"])
MOD_AFTER = alternation(_MODIFIERS["en_after"])
NUM = numbers.NUMBER

PATTERN = re.compile(
    rf"(?:(?P<mod>(?i:{MOD_BEFORE}))\s+)?(?:"
    # tens of billions of dollars
    rf"(?P<vague>{numbers.VAGUE})(?=\s+(?i:{CUR_AFTER})\b)|"
    # between $5 billion and $6 billion
    rf"(?i:between)\s+(?:(?P<bcur>{CUR_BEFORE})\s?)?(?P<bn1>{NUM})\s+(?i:and)\s+(?:{CUR_BEFORE})?\s?(?P<bn2>{NUM})"
    # $14.3bn, $5 to $6 billion, $5-6 billion
    rf"|(?:(?P<cur1>{CUR_BEFORE})\s?)?(?P<n1>{NUM})(?:\s?(?:-|~|(?i:to|through))\s?(?:{CUR_BEFORE})?\s?(?P<n2>{NUM}))?"
    rf")(?:\s+(?P<cur2>(?i:{CUR_AFTER}))\b)?(?:\s+(?P<after>(?i:{MOD_AFTER}))\b)?"
)
_WORD_CURRENCY = {k.lower(): v for k, v in _CURRENCIES["en_after"].items()}
_BEFORE_MODIFIER = {k.lower(): v for k, v in _MODIFIERS["en_before"].items()}


def build(match: re.Match, ctx: RuleContext) -> Candidate | None:
    symbol, word = match.group("cur1") or match.group("bcur"), match.group("cur2")
    if not (symbol or word):
        return None
    start = match.start()
    if start > 0 and (ctx.text[start - 1].isalnum() or ctx.text[start - 1] == "_"):
        return None  # inside a word or code: ABC$5
    if match.group("vague"):
        value = numbers.vague_bounds(match.group("vague"))
    elif match.group("bn1"):
        value = numbers.bounds(match.group("bn1"), match.group("bn2"))
    else:
        value = numbers.bounds(match.group("n1"), match.group("n2"))
    currency = _CURRENCIES["before"].get(symbol) if symbol else None
    if word:
        by_word = _WORD_CURRENCY[word.lower()]
        currency = currency if symbol and by_word == "USD" else by_word  # HK$5 dollars stays HKD
    if currency == "USD-cent":
        value, currency = value.scaled(Decimal("0.01")), "USD"
    value = value.apply(_BEFORE_MODIFIER.get((match.group("mod") or "").lower()))
    value = value.apply(_MODIFIERS["en_after"].get((match.group("after") or "").lower()))
    return Candidate("money", start, match.end(), {**value.as_dict(), "currency": currency}, "money.en.amount")


RULES = [Rule("money.en.amount", PATTERN, build)]
