"""Dates and periods in English text, resolved against the reference date.

Full and year-less dates (November 20, 2026; 20 November 2026; Nov. 20; 2026-11-20) with times
(9:30 a.m. on Dec. 9, 2026), months (April, December 2025, mid-December), years (2025, fiscal 2025,
FY2026, around 2030), quarters and halves (Q3, Q1 2026, the first quarter of 2026, H2 2025, the second
half of 2025), seasons (summer 2025, last winter), parts (early 2024, the end of 2025, early next year),
relative expressions (last week, next quarter, yesterday, last Friday, Monday, the past two years,
three years ago), ranges (from 2023 to 2025, between March and May 2026, 2023-2025) and decades (the 1990s).
"""

from __future__ import annotations

import datetime as dt
import re

from extractor.claims.base import Candidate, Rule, RuleContext, contains_en_cue, lexicon
from extractor.claims.date import calendar as cal
from extractor.claims.date import numeric
from extractor.claims.date.calendar import Period
from extractor.claims.numbers.en import WORD_NUMBER, parse_number

_FUTURE = lexicon("cues")["future_en"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
SEASON_WORDS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn", "winter": "winter"}
PARTS = {"early": "early", "the beginning of": "early", "the start of": "early", "beginning of": "early",
         "start of": "early", "mid": "mid", "the middle of": "mid", "middle of": "mid", "late": "late",
         "the end of": "late", "end of": "late"}  # fmt: skip
UNITS = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
YEAR = r"(?:19|20)\d\d"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
PART = r"(?:[Ee]arly|[Mm]id|[Ll]ate|(?:[Tt]he )?(?:beginning|start|middle|end) of)"
CLOCK = r"(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s?(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)|(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)"
COUNT = rf"(?:\d+|(?i:{WORD_NUMBER})|a|an)"
UNIT = r"(?:day|week|month|quarter|year)s?"

_TIME_AFTER = rf"(?:,?\s(?:at\s)?(?:{CLOCK}))?"
DAY_DATE = re.compile(
    rf"(?:(?P<th>1[0-2]|0?[1-9])(?::(?P<tmi>[0-5]\d))?\s?(?P<tampm>a\.m\.|p\.m\.|am\b|pm\b)\s(?:on\s)?)?"
    rf"(?:{WEEKDAY},?\s)?"
    rf"(?:(?P<mon>{MONTH})\s(?P<d>{DAY})(?:\s?(?:-|to|through)\s?(?P<d2>{DAY}))?(?:,?\s(?P<y>{YEAR}))?"
    rf"|(?P<d_>{DAY})\s(?:of\s)?(?P<mon_>{MONTH}),?(?:\s(?P<y_>{YEAR}))?)(?!\d)"
    rf"{_TIME_AFTER}"
)
MONTH_PERIOD = re.compile(
    rf"(?:(?P<part>{PART})[\s-])?(?:(?P<rel>last|this|next)\s)?(?P<mon>{MONTH})(?!\s\d{{1,2}}\b)(?:,?\s(?:of\s)?(?P<y>{YEAR}))?(?![\w-])"
)
YEAR_PERIOD = re.compile(
    rf"(?:(?P<approx>[Aa]round|[Aa]bout|[Cc]irca)\s)?(?:(?P<part>{PART})[\s-])?"
    rf"(?:(?P<fiscal>[Ff]iscal(?:\s[Yy]ear)?\s|FY\s?)?(?P<y>{YEAR})(?![\d%$-]|,\d|\.\d|\s?(?:percent|per cent))"
    rf"|(?P<rel>(?:[Tt]his|[Ll]ast|[Nn]ext)\s(?:fiscal\s)?year|[Ee]arlier\sthis\syear|[Ll]ater\sthis\syear))"
)
QUARTER = re.compile(
    rf"(?:(?:[Tt]he\s)?(?:(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter|(?P<hw>first|second)[\s-]half)"
    rf"|(?P<q>Q[1-4])|(?P<h>H[12]))(?![\w])"
    rf"(?:\s(?:of\s)?(?:(?:fiscal\s)?(?P<y>{YEAR})|(?P<rel>this|last|next)\syear)|\s(?P<y2>{YEAR}))?"
)
SEASON = re.compile(
    rf"(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s|(?:[Tt]he\s))?(?P<season>spring|summer|autumn|fall|winter)(?:\s(?:of\s)?(?P<y>{YEAR}))?(?!\w)"
)
RELATIVE = re.compile(
    r"(?P<day>[Tt]oday|[Yy]esterday|[Tt]omorrow)\b"
    r"|(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Tt]he\scoming|[Tt]he\spast|[Tt]he\sprevious)\s(?P<unit>week|weekend|month|quarter)\b"
    rf"|(?P<wrel>[Ll]ast|[Tt]his|[Nn]ext|[Tt]his\spast|[Tt]his\scoming)\s(?P<wd>{WEEKDAY})\b"
    rf"|(?<!\w)(?P<bare>{WEEKDAY})\b"
)
SPAN = re.compile(
    rf"(?:[Tt]he\s)?(?P<dir>past|last|previous|next|coming|following)\s(?P<n>{COUNT})\s(?P<unit>{UNIT})\b"
)
AGO = re.compile(rf"(?P<n>{COUNT})\s(?P<unit>{UNIT})\s(?P<dir>ago|from now|later|earlier)\b")
YEAR_RANGE = re.compile(
    rf"(?:(?P<from>[Ff]rom|[Bb]etween)\s)?(?P<y1>{YEAR})\s?(?:-|–|to|through|and|until)\s?(?P<y2>{YEAR}|\d\d)(?![\d%])"
)
MONTH_RANGE = re.compile(
    rf"(?:(?P<from>[Ff]rom|[Bb]etween)\s)?(?P<m1>{MONTH})(?:\s(?P<y1>{YEAR}))?\s?(?:-|–|to|through|and|until)\s?(?P<m2>{MONTH})(?:,?\s(?P<y>{YEAR}))?(?![\w])"
)
DECADE = re.compile(r"(?:[Tt]he\s)?(?P<dec>(?:19|20)\d0)s\b|(?:[Tt]he\s)?'(?P<short>\d0)s\b")
TIME_ONLY = re.compile(
    rf"(?<![\d:])(?:{CLOCK})(?:\s(?P<day>today|tomorrow|yesterday|tonight))?"
    r"|(?P<part>this\smorning|this\safternoon|this\sevening|tonight|last\snight|tomorrow\smorning|tomorrow\safternoon|tomorrow\sevening|yesterday\smorning|yesterday\safternoon|yesterday\sevening)\b"
)
DAY_PARTS = {"morning": (8, 12), "afternoon": (12, 16), "evening": (16, 20), "night": (20, 24), "tonight": (20, 24)}


def _future(ctx: RuleContext) -> bool:
    return contains_en_cue(ctx.sentence_text, _FUTURE)


def _month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _count(text: str) -> int:
    return 1 if text.lower() in ("a", "an") else int(parse_number(text))


def _candidate(match: re.Match, period: Period | None, rule: str) -> Candidate:
    return Candidate("date", match.start(), match.end(), period.as_dict() if period else None, rule)


def _hour(hour_text: str, ampm: str | None) -> int:
    hour = int(hour_text)
    if ampm and ampm.lower().startswith("p") and hour < 12:
        hour += 12
    if ampm and ampm.lower().startswith("a") and hour == 12:
        hour = 0
    return hour


def _clock(match: re.Match, base: dt.date, *, leading: bool = False) -> Period | None:
    """The clock time of a match on day ``base``: 9:30 a.m. (the leading groups th/tmi/tampm), 3 p.m., 15:30."""
    hour_group, minute_group, ampm_group = ("th", "tmi", "tampm") if leading else ("h", "mi", "ampm")
    if not leading and match.group("hh"):
        return cal.at_time(base, int(match.group("hh")), int(match.group("mm")), grain="minute")
    if not match.group(hour_group):
        return None
    hour = _hour(match.group(hour_group), match.group(ampm_group))
    minute = match.group(minute_group)
    if minute:
        return cal.at_time(base, hour, int(minute), grain="minute")
    return cal.at_time(base, hour)


def build_day(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    month = _month_number(match.group("mon") or match.group("mon_"))
    day_text = match.group("d") or match.group("d_")
    day_of_month = int(re.match(r"\d+", day_text).group())
    year_text = match.group("y") or match.group("y_")
    if year_text:
        period = cal.day(int(year_text), month, day_of_month)
    elif reference is None:
        return _candidate(match, None, "date.en.day")
    else:
        period = cal.pick_year(lambda y: cal.day(y, month, day_of_month), reference, future=_future(ctx))
    if period is None:
        return None
    if match.group("d2"):
        last = cal.day(period.start.year, month, int(re.match(r"\d+", match.group("d2")).group()))
        period = cal.span(period, last) if last else None
        if period is None:
            return None
    elif match.group("th"):
        timed = _clock(match, period.start, leading=True)
        period = timed.with_flags(relative=period.relative) if timed else period
    elif match.group("h") or match.group("hh"):
        timed = _clock(match, period.start)
        period = timed.with_flags(relative=period.relative) if timed else period
    return _candidate(match, period, "date.en.day")


def build_month(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    name = match.group("mon")
    rel, year_text, part_text = match.group("rel"), match.group("y"), match.group("part")
    if name == "May" and not (year_text or rel or part_text):
        before = ctx.before(match.start(), 12).lower().split()
        if not before or before[-1] not in ("in", "since", "until", "by", "from", "through", "during", "of", "early", "late", "mid", "before", "after", "to", "and"):
            return None  # the modal verb: "Regulators may approve"
    month = _month_number(name)
    part = PARTS.get(part_text.lower()) if part_text else None

    def make(y: int) -> Period | None:
        return cal.part_of_month(y, month, part) if part else cal.month(y, month)

    if year_text:
        period = make(int(year_text))
    elif reference is None:
        return _candidate(match, None, "date.en.month")
    elif rel:
        base = {"last": -1, "this": 0, "next": 1}[rel.lower()]
        if base == 0:
            period = make(reference.year)
        else:
            period = cal.pick_year(make, reference, future=base > 0)
            if period and base < 0 and period.start.year == reference.year and period.start.month == reference.month:
                period = make(reference.year - 1)
            elif period and base > 0 and period.start <= reference:
                period = make(reference.year + 1)
        period = period.with_flags(relative=True) if period else None
    else:
        period = cal.pick_year(make, reference, future=_future(ctx))
    return _candidate(match, period, "date.en.month") if period else None


def build_year(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    part = PARTS.get(match.group("part").lower()) if match.group("part") else None
    rel = match.group("rel")
    if rel:
        if reference is None:
            return _candidate(match, None, "date.en.year")
        lower = rel.lower()
        if lower.startswith("earlier"):
            return _candidate(match, Period(dt.date(reference.year, 1, 1), reference, "year", True, True), "date.en.year")
        if lower.startswith("later"):
            return _candidate(match, Period(reference, dt.date(reference.year + 1, 1, 1), "year", True, True), "date.en.year")
        year = reference.year + {"last": -1, "this": 0, "next": 1}[lower.split()[0]]
    else:
        year = int(match.group("y"))
        after = ctx.after(match.end(), 12).lower()
        if re.match(r"\s(?:years?|months?|days?|people|users|units|employees)\b", after):
            return None  # 2000 years of history: a count, not the year 2000
        before = ctx.text[max(0, match.start() - 1) : match.start()]
        if before and (before.isalnum() or before in "$€£¥#"):
            return None
    period = cal.part_of_year(year, part) if part else cal.year(year)
    period = period.with_flags(relative=bool(rel))
    if match.group("approx"):
        period = period.with_flags(approximate=True)
    return _candidate(match, period, "date.en.year")


def build_quarter(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if match.group("qw") or match.group("q"):
        number = ORDINALS[match.group("qw").lower()] if match.group("qw") else int(match.group("q")[1])

        def make(y: int) -> Period | None:
            return cal.quarter(y, number)

    else:
        number = (1 if match.group("hw").lower() == "first" else 2) if match.group("hw") else int(match.group("h")[1])

        def make(y: int) -> Period | None:
            return cal.half(y, number)

    year_text = match.group("y") or match.group("y2")
    if year_text:
        return _candidate(match, make(int(year_text)), "date.en.quarter")
    if reference is None:
        return _candidate(match, None, "date.en.quarter")
    if match.group("rel"):
        year = reference.year + {"last": -1, "this": 0, "next": 1}[match.group("rel")]
        return _candidate(match, make(year).with_flags(relative=True), "date.en.quarter")
    return _candidate(match, cal.pick_year(make, reference, future=_future(ctx)), "date.en.quarter")


def build_season(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    name = SEASON_WORDS[match.group("season")]
    if match.group("y"):
        return _candidate(match, cal.season(int(match.group("y")), name), "date.en.season")
    rel = (match.group("rel") or "").lower()
    if not rel and not match.group(0).lower().startswith("the"):
        return None  # a bare "fall" is usually the verb
    if reference is None:
        return _candidate(match, None, "date.en.season")
    if rel == "this":
        period = cal.season(reference.year, name)
    elif rel == "last":
        endings = [p for p in (cal.season(y, name) for y in (reference.year - 2, reference.year - 1, reference.year)) if p.end <= reference]
        period = endings[-1]
    elif rel == "next":
        period = next(p for p in (cal.season(y, name) for y in (reference.year, reference.year + 1)) if p.start > reference)
    else:
        period = cal.pick_year(lambda y: cal.season(y, name), reference, future=_future(ctx))
    return _candidate(match, period.with_flags(relative=True), "date.en.season")


def build_relative(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.en.relative")
    if match.group("day"):
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[match.group("day").lower()]
        target = reference + dt.timedelta(days=offset)
        return _candidate(match, cal.day(target.year, target.month, target.day).with_flags(relative=True), "date.en.relative")
    if match.group("unit"):
        rel = match.group("rel").lower()
        offset = -1 if rel in ("last", "the past", "the previous") else 1 if rel in ("next", "the coming") else 0
        unit = match.group("unit")
        if unit in ("week", "weekend"):
            monday = cal.week(reference).start + dt.timedelta(weeks=offset)
            period = cal.week(monday) if unit == "week" else Period(monday + dt.timedelta(days=5), monday + dt.timedelta(days=7), "day")
        elif unit == "month":
            start = cal.add_months(dt.date(reference.year, reference.month, 1), offset)
            period = cal.month(start.year, start.month)
        else:
            current = cal.quarter(reference.year, (reference.month - 1) // 3 + 1)
            start = cal.add_months(current.start, 3 * offset)
            period = cal.quarter(start.year, (start.month - 1) // 3 + 1)
        return _candidate(match, period.with_flags(relative=True), "date.en.relative")
    weekday_name = match.group("wd") or match.group("bare")
    weekday = WEEKDAYS[weekday_name.lower()]
    rel = (match.group("wrel") or "").lower()
    if rel in ("last", "next", "this"):
        offset = {"last": -1, "this": 0, "next": 1}[rel]
        target = cal.week(reference).start + dt.timedelta(weeks=offset, days=weekday)
        period = cal.day(target.year, target.month, target.day)
    else:
        period = cal.pick_weekday(reference, weekday, future=rel == "this coming" or (not rel and _future(ctx)))
    return _candidate(match, period.with_flags(relative=True), "date.en.weekday")


def build_span(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.en.span")
    amount = _count(match.group("n"))
    if not 0 < amount <= 1000:
        return None
    unit = UNITS[match.group("unit").lower().rstrip("s")]
    future = match.group("dir").lower() in ("next", "coming", "following")
    return _candidate(match, cal.within(reference, amount, unit, future=future), "date.en.span")


def build_ago(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.en.ago")
    amount = _count(match.group("n"))
    unit = UNITS[match.group("unit").lower().rstrip("s")]
    sign = -1 if match.group("dir").lower() in ("ago", "earlier") else 1
    target = cal.shift(reference, sign * amount, unit)
    period = cal.day(target.year, target.month, target.day)
    return _candidate(match, period.with_flags(relative=True, approximate=unit != "day"), "date.en.ago")


def build_year_range(match: re.Match, ctx: RuleContext) -> Candidate | None:
    if "and" in match.group(0).split() and (match.group("from") or "").lower() != "between":
        return None
    first = int(match.group("y1"))
    last_text = match.group("y2")
    last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
    if not first < last:
        return None
    return _candidate(match, cal.span(cal.year(first), cal.year(last)), "date.en.year_range")


def build_month_range(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if " and " in match.group(0) and (match.group("from") or "").lower() != "between":
        return None
    first_month, last_month = _month_number(match.group("m1")), _month_number(match.group("m2"))
    year_text = match.group("y") or match.group("y1")
    if year_text:
        year = int(year_text)
    elif reference is None:
        return _candidate(match, None, "date.en.month_range")
    else:
        chosen = cal.pick_year(lambda y: cal.month(y, first_month), reference, future=_future(ctx))
        year = chosen.start.year
    last_year = int(match.group("y")) if match.group("y") and match.group("y1") else year + (1 if last_month < first_month else 0)
    period = cal.span(cal.month(year, first_month), cal.month(last_year, last_month))
    if period and not year_text:
        period = period.with_flags(relative=True)
    return _candidate(match, period, "date.en.month_range") if period else None


def build_decade(match: re.Match, ctx: RuleContext) -> Candidate | None:
    if match.group("dec"):
        return _candidate(match, cal.decade(int(match.group("dec"))), "date.en.decade")
    tens = int(match.group("short"))
    return _candidate(match, cal.decade((2000 if tens < 30 else 1900) + tens), "date.en.decade")


def build_time(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.en.time")
    if match.group("part"):
        words = match.group("part").lower().split()
        offset = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(words[0], 0)
        first, last = DAY_PARTS[words[-1]]
        base = dt.datetime.combine(reference + dt.timedelta(days=offset), dt.time())
        period = Period(base + dt.timedelta(hours=first), base + dt.timedelta(hours=last), "hour", relative=True)
        return _candidate(match, period, "date.en.time")
    offset = {"tomorrow": 1, "yesterday": -1}.get((match.group("day") or "").lower(), 0)
    period = _clock(match, reference + dt.timedelta(days=offset))
    return _candidate(match, period.with_flags(relative=True), "date.en.time") if period else None


RULES = [
    Rule("date.en.day", DAY_DATE, build_day),
    *numeric.RULES,
    Rule("date.en.month_range", MONTH_RANGE, build_month_range),
    Rule("date.en.year_range", YEAR_RANGE, build_year_range),
    Rule("date.en.month", MONTH_PERIOD, build_month),
    Rule("date.en.quarter", QUARTER, build_quarter),
    Rule("date.en.season", SEASON, build_season),
    Rule("date.en.year", YEAR_PERIOD, build_year),
    Rule("date.en.relative", RELATIVE, build_relative),
    Rule("date.en.span", SPAN, build_span),
    Rule("date.en.ago", AGO, build_ago),
    Rule("date.en.decade", DECADE, build_decade),
    Rule("date.en.time", TIME_ONLY, build_time),
]
