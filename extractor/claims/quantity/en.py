"""Counts and measures in English text: 1.5 million users, about 600 employees, 12,000 GPUs, 10 GW."""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.claims.money.currencies import currencies
from extractor.claims.base import Bounds, Candidate, Rule, RuleContext, alternation, below_zero_start, follows_product_name, lexicon
from extractor.claims.numbers import en as numbers
from extractor.text import compiled

_UNITS = lexicon("units")
_MODIFIERS = lexicon("modifiers")
MOD_BEFORE = alternation(_MODIFIERS["en_before"])
UNIT = alternation(_UNITS["en_units"])
NUM = numbers.NUMBER

IRREGULAR = alternation(_UNITS["en_irregular_plurals"])
PATTERN = compiled.compile(
    rf"(?:(?P<change>{numbers.CHANGE_BEFORE}))?+(?:\b(?P<mod>(?i:{MOD_BEFORE}))\s+)?(?:"
    rf"(?P<vague>{numbers.VAGUE})"
    rf"|(?i:between)\s+(?P<bn1>{NUM})\s+and\s+(?P<bn2>{NUM})"
    rf"|(?P<n1>{NUM})(?:(?(change)(?!))\s?(?:-|~|to)\s?(?P<n2>{NUM}))?)"
    rf"(?:\s?(?P<unit>{UNIT})\b|\s+(?:(?P<adjective>[a-z]+(?:-[a-z]+)?)\s+)??(?P<noun>{IRREGULAR}|[a-z]{{1,}}[a-rt-z]s|[A-Z]{{2,}}s)\b)"  # not discuss, business: no plural ends in ss
)
_TIME_AND_NON_COUNTS = frozenset(
    [w.lower() for w in _UNITS["en_time"]]
    + "percent points dollars euros pounds yuan yen cents shares basis bps others times ones".split()
    # words ending in s that are not plural nouns
    + "across this its has was is as us plus less unless thus always perhaps towards afterwards besides whereas various previous famous serious".split()
)
_YEAR = compiled.compile(r"(?:19|20)\d\d")
# Nine out of 10 doctors, one in five companies: a share, no count of ten doctors.
_RATIO_BEFORE = compiled.compile(r"(?i:\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s(?:out\sof|in)\s)$")
_MANY = compiled.compile(r"(?i)\d,\d{3}|million|billion|\d(?:m|bn|k)\b")
_NOT_ADJECTIVES = frozenset("to of and or the a an in on at for by with from than as".split())
_CURRENCY_CODE_BEFORE = compiled.compile(r"\b(?:" + alternation(k for k in currencies()["before"] if k.isalpha() and k.isupper()) + r")\s?$")


_FRACTION_BEFORE = compiled.compile(r"(?<![\d/])(?:(?P<whole>\d{1,3})\s)?(?P<num>\d{1,2})/$")
_SCREEN_WORDS = compiled.compile(r"(?i:[\s-]?(?:ultra\s)?(?:hd\s)?(?:tvs?|televisions?|video|videos|displays?|screens?|monitors?|resolution|cameras?|streaming|content|gaming|hdr|projectors?)\b)")


def build(match: re.Match, ctx: RuleContext) -> Candidate | None:
    noun = match.group("noun")
    adjective = (match.group("adjective") or "").lower()
    if noun and (noun.lower() in _TIME_AND_NON_COUNTS or adjective in _TIME_AND_NON_COUNTS):
        if not (noun.lower() == "shares" and not adjective and _MANY.search(match.group("n1") or "")):
            return None  # 5 million shares, 1,200 shares are counted; "10 shares" is left alone
    if adjective in _NOT_ADJECTIVES:
        return None  # a call at ten to discuss …, seven of the companies: no count of that noun
    if match.group("vague"):
        value = numbers.vague_bounds(match.group("vague"))
    else:
        n1 = match.group("n1") or match.group("bn1")
        start_n1 = match.start("n1") if match.group("n1") else match.start("bn1")
        if start_n1 > 0 and (ctx.text[start_n1 - 1].isalnum() or ctx.text[start_n1 - 1] in "$€£¥#'’"):
            return None
        if _RATIO_BEFORE.search(ctx.text, max(0, start_n1 - 16), start_n1):
            return None
        if _CURRENCY_CODE_BEFORE.search(ctx.text, max(0, start_n1 - 5), start_n1):
            return None  # GBP 350 million of notes is money
        if follows_product_name(ctx.text, start_n1):
            return None
        if start_n1 >= 2 and ctx.text[start_n1 - 1] == "/" and ctx.text[start_n1 - 2].isdigit():
            fraction = _FRACTION_BEFORE.search(ctx.text, max(0, start_n1 - 12), start_n1)
            if fraction is None or not match.group("unit") or match.group("n2") or not re.fullmatch(r"2|3|4|8|16", n1):
                return None  # 9/11 attacks, 24/7 coverage: a date or a name, no count
            # 1/4 mile, 10 1/2 miles: a fraction of a unit
            whole = Decimal(fraction.group("whole") or 0)
            value = Bounds(amount=whole + Decimal(fraction.group("num")) / Decimal(n1))
            start = fraction.start("whole") if fraction.group("whole") else fraction.start("num")
            unit = match.group("unit")
            return Candidate("quantity", start, match.end(), {**value.as_dict(), "unit": unit}, "quantity.en.count")
        if n1[-1:] in "kK" and _SCREEN_WORDS.match(ctx.text, match.end("n1")):
            return None  # 4K TVs, 8K video: a resolution
        if noun and (_YEAR.fullmatch(n1) or re.fullmatch(r"(?i)an?|one|two", n1)):
            return None  # 2025 results: a year; one or two people: not a count worth checking
        value = numbers.bounds(n1, match.group("n2") or match.group("bn2"))
    value = value.modified("en", match.group("mod"))
    unit = match.group("unit") or noun
    if unit in ("C", "F") and not ctx.text[match.start("unit") - 1].isdigit():
        return None  # 40C, 104F written glued are temperatures; "grade 5 C" is not
    start = match.start()
    sign = below_zero_start(ctx.text, start, unit) if not (match.group("mod") or match.group("change")) else None
    if sign is not None:  # minus 10C, -5 degrees
        value, start = value.below_zero(), sign
    return Candidate("quantity", start, match.end(), {**value.as_dict(), "unit": unit}, "quantity.en.count")


# A count whose noun stands before it (Visitor numbers fell to 8.7 million last year from 8.9 million.): digits
# with million/billion and after them only punctuation or a word that cannot be their noun. Money written so
# ($8.7 million) is the money rules'; the checks of build() turn away a currency before the digits.
MAGNITUDE_PATTERN = compiled.compile(r"(?P<n1>\d{1,3}(?:,\d{3})*(?:\.\d+)?\s?(?:million|billion|trillion))\b")
# A modifier before the digits (about 8.7 million), read backwards by the builder: the pattern opens on the digit.
_MOD_BEFORE_END = compiled.compile(rf"(?i:\b(?:{MOD_BEFORE}))\s+$")
# What may follow: punctuation, the end, or a word that cannot be the number's noun (checked in the builder, so
# that the pattern keeps its prefilter: a look-ahead with alternatives hides the trigger letters from it).
_NO_NOUN_AFTER = compiled.compile(
    r"\s*(?:[,.;:)]|$)|\s+(?:in|from|to|last|this|a|per|on|at|by|as|and|or|after|since|over|than|versus|"
    r"compared|each|every|during|before|between|across|worldwide|globally|nationwide)\b"
)


def build_magnitude(match: re.Match, ctx: RuleContext) -> Candidate | None:
    if not _NO_NOUN_AFTER.match(ctx.text, match.end()):
        return None
    start_n1 = match.start("n1")
    if start_n1 > 0 and (ctx.text[start_n1 - 1].isalnum() or ctx.text[start_n1 - 1] in "$€£¥#"):
        return None
    if _CURRENCY_CODE_BEFORE.search(ctx.text, max(0, start_n1 - 5), start_n1) or follows_product_name(ctx.text, start_n1):
        return None
    mod = _MOD_BEFORE_END.search(ctx.text, max(0, start_n1 - 24), start_n1)
    value = numbers.bounds(match.group("n1")).modified("en", mod.group().strip() if mod else None)
    start = mod.start() if mod else start_n1
    return Candidate("quantity", start, match.end(), {**value.as_dict(), "unit": None}, "quantity.en.magnitude")


# A sentence's length (sentenced to 12 years in prison, a 30-month prison term, jailed for six months): a checkable
# number that is no date. The claim is the length; the sentencing words only say what kind of number it is.
TERM_PATTERN = compiled.compile(  # two rules, each opening on a literal word so that each keeps a prefilter
    rf"\b(?:sentenced|jailed|imprisoned|locked\s+up)\s+(?:to|for)\s+(?:up\s+to\s+)?(?P<n1>{NUM})\s+"
    r"(?P<unit>years?|months?|days?|weeks?)\b"
)
TERM_NOUN_PATTERN = compiled.compile(
    rf"(?P<n2>{NUM})[- ](?P<unit2>year|month|day|week)\s+(?:(?:prison|jail)\s+(?:sentence|term)|sentence)\b"
)


def build_term(match: re.Match, ctx: RuleContext) -> Candidate | None:
    verb_first = "n1" in match.re.groupindex  # sentenced to 12 years, or a 30-month prison term
    number_group, unit_group = ("n1", "unit") if verb_first else ("n2", "unit2")
    number, start, end = match.group(number_group), match.start(number_group), match.end(unit_group)
    if re.fullmatch(r"(?i)an?|one", number):
        number = "1"
    value = numbers.bounds(number).as_dict()
    unit = match.group(unit_group).lower()
    unit = unit if unit.endswith("s") or value.get("amount") == 1 else unit + "s"
    return Candidate("quantity", start, end, {**value, "unit": unit}, "quantity.en.sentence_length")


# A part counted out of a whole (including 42 of its 737 MAX jets, 7 of the 10 largest banks): the number alone,
# digits only (one of the, two of them are ordinary words), never a year.
PART_PATTERN = compiled.compile(r"(?<![\w$€£¥.,])(?P<n1>\d{1,3}(?:,\d{3})*)\s+of\s+(?:its|their|the|his|her|our|them|those|these)\b")


def build_part(match: re.Match, ctx: RuleContext) -> Candidate | None:
    number = match.group("n1")
    if number in ("1", "2") or _YEAR.fullmatch(number) or follows_product_name(ctx.text, match.start("n1")):
        return None
    value = numbers.bounds(number).as_dict()
    return Candidate("quantity", match.start("n1"), match.end("n1"), {**value, "unit": None}, "quantity.en.part")


# A count whose noun is a tally named before the verb (The death toll rose to 1,203; the number of people killed
# in the floods has risen to 41, police said): the number after "to" / "at", digits only. The pattern opens on
# the digits (it keeps its prefilter); the builder reads the tally and the verb before them.
TALLY_PATTERN = compiled.compile(
    r"(?<=to |at |om )(?P<n1>\d{1,3}(?:,\d{3})*)\b(?![.,]\d|\s*(?:%|percent|per\s+cent|points?\b))"
)
# The level it came from, after the one it reached: the death toll rose to 212 from 180.
_TALLY_FROM = compiled.compile(r"(?<=\s)(?:to|at)\s(?P<level>\d{1,3}(?:,\d{3})*)\sfrom\s$")
_TALLY_BEFORE = compiled.compile(
    r"(?i:\b(?:toll|tally|number\s+of\s+[a-z]+(?:[\s-]+[a-z]+){0,6}|count\s+of\s+[a-z]+)\s+(?:has\s+|had\s+|now\s+)?"
    r"(?:rose|risen|climbed|jumped|increased|reached|hit|fell|dropped|declined|stands|stood)\s+(?:to|at)\s)$"
)


def build_tally(match: re.Match, ctx: RuleContext) -> Candidate | None:
    cue_end = match.start()
    if ctx.text.endswith("from ", 0, cue_end):
        level = _TALLY_FROM.search(ctx.text, max(0, cue_end - 24), cue_end)
        if level is None:
            return None
        cue_end = level.start("level")
    if not _TALLY_BEFORE.search(ctx.text, max(0, cue_end - 90), cue_end) or _YEAR.fullmatch(match.group("n1")):
        return None
    value = numbers.bounds(match.group("n1")).as_dict()
    return Candidate("quantity", match.start("n1"), match.end("n1"), {**value, "unit": None}, "quantity.en.tally")


RULES = [
    Rule("quantity.en.count", PATTERN, build),
    Rule("quantity.en.part", PART_PATTERN, build_part),
    Rule("quantity.en.tally", TALLY_PATTERN, build_tally),
    Rule("quantity.en.magnitude", MAGNITUDE_PATTERN, build_magnitude),
    Rule("quantity.en.sentence_length", TERM_PATTERN, build_term),
    Rule("quantity.en.sentence_length", TERM_NOUN_PATTERN, build_term),
]
