"""Dates and periods in English text, resolved against the reference date.

The rules come in two layers. *Atoms* are single expressions: full and year-less dates (November 20, 2026;
20 November 2026; Nov. 20; the fourth of July; 05-Aug-2016; 11/20), months (April, December 2025,
mid-December), years (2025, fiscal 2025, FY2026, around 2030), quarters and halves (Q3, 2017 q1, the first
quarter of 2026, H2 2025), seasons, weeks (next week, week 31, the last week of July, the week of April 10),
weekdays (Monday, next Friday, Tuesday of next week), holidays (Christmas, Thanksgiving 2025, last Easter),
relative days and spans (yesterday, the past two years, in two weeks, three years ago, 2 weeks before
Christmas), decades and centuries, clock times (3 p.m., 15:30, half past seven) and parts of the day
(this morning, Monday afternoon). *Composites* are built from the atoms: from–to and between–and ranges,
open-ended ranges (before 2018, since March, 2012 or later), a date with a clock time (Monday at 2:30 p.m.)
and a date with a time range (Monday 8-9am). A composite's builder resolves each part by matching the atom
rules on that part only, so every surface form an atom knows is known inside the composites too.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Callable, Optional

from extractor.claims.base import Candidate, Rule, RuleContext, contains_en_cue, lexicon, trie_alternation
from extractor.claims.date import calendar as cal
from extractor.claims.date import resolve
from extractor.claims.date import numeric
from extractor.claims.date import zones
from extractor.claims.date.calendar import Period
from extractor.claims.numbers.en import WORD_NUMBER, parse_number
from extractor.text import compiled

_FUTURE = lexicon("cues")["future_en"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
            "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}  # fmt: skip
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
SEASON_WORDS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn", "winter": "winter"}
PARTS = {"early": "early", "the beginning of": "early", "the start of": "early", "beginning of": "early",
         "start of": "early", "mid": "mid", "the middle of": "mid", "middle of": "mid", "late": "late",
         "the end of": "late", "end of": "late", "the close of": "late", "close of": "late", "end": "late",
         "start": "early", "the latter part of": "late", "the later part of": "late", "the last part of": "late",
         "the early part of": "early", "the earlier part of": "early", "the first part of": "early"}  # fmt: skip
UNITS = {"day": "day", "week": "week", "fortnight": "fortnight", "month": "month", "quarter": "quarter",
         "year": "year", "decade": "decade", "century": "century", "centurie": "century"}  # fmt: skip
_ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                  "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                  "eighteenth", "nineteenth", "twentieth"]  # fmt: skip
ORDINAL_DAY = {word: index + 1 for index, word in enumerate(_ORDINAL_WORDS)}
for _unit_index, _unit in enumerate(_ORDINAL_WORDS[:9]):
    ORDINAL_DAY[f"twenty-{_unit}"] = ORDINAL_DAY[f"twenty {_unit}"] = 21 + _unit_index
ORDINAL_DAY.update({"thirtieth": 30, "thirty-first": 31, "thirty first": 31})

# Parts of the day as [start hour, end hour).
DAY_PARTS = {"morning": (8, 12), "afternoon": (12, 16), "evening": (16, 20), "night": (20, 24), "tonight": (20, 24),
             "tonite": (20, 24), "daytime": (8, 18), "am": (8, 12), "pm": (12, 16)}  # fmt: skip
# Meals and the light, read as the hours they usually mean (approximate): at lunchtime, by dusk, before dawn.
MEAL_AND_LIGHT = {"lunchtime": (12, 14), "lunch time": (12, 14), "dinnertime": (18, 21), "dinner time": (18, 21),
                  "suppertime": (18, 21), "supper time": (18, 21), "breakfast time": (7, 9), "dawn": (5, 7),
                  "daybreak": (5, 7), "sunrise": (5, 7), "first light": (5, 7), "dusk": (17, 19), "sunset": (17, 19),
                  "nightfall": (17, 19)}  # fmt: skip

# --- Pattern pieces (no named groups: they are embedded many times) ---------------------------------------

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
# Any case (05-aug-2016, 14 nov); standalone lower-case months are checked in the builder (may, march).
MONTH_I = (
    r"(?i:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept\.?|sep\.?|oct\.?|nov\.?|dec\.?)"
)
WEEKDAY = r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
WEEKDAY_ABBR = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?"
WEEKDAY_ANY = rf"(?:{WEEKDAY}|{WEEKDAY_ABBR}|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b)"
YEAR = r"(?:19|20)\d\d"
# Any year from 1000 to 2999 where the context makes it one: after a month or a day of the month (February 6,
# 1839; May 1851), after "in", "since" and the like (in 1851, by 2150), after "the year". Alone, only 19xx and
# 20xx (1500 people is a count). Not before a count noun (On March 5, 1500 people ...).
# Nouns a four-digit number counts (2000 years of history, 1500 people): no year before them.
_COUNT_NOUN_WORDS = (
    r"years?|months?|days?|hours?|people|persons|users|units|employees|pieces|items|copies|shares|tons|tonnes|"
    r"barrels|vehicles|cars|jobs|workers|staff|homes|households|cases|deaths|troops|km|miles|meters|metres|feet|"
    r"acres|points|votes|members|students|patients|stores|customers|companies"
)
_COUNT_AFTER = rf"(?!\s(?i:{_COUNT_NOUN_WORDS})\b)"
YEAR_WIDE = rf"(?:1\d\d\d|2\d\d\d)(?!\d){_COUNT_AFTER}"
_YEAR_WORD_BEFORE = "(?:" + "|".join(
    f"(?<={word} )" for word in ("in", "In", "since", "Since", "by", "By", "from", "From", "until", "till", "before",
                                 "Before", "after", "After", "during", "During", "circa", "year", "Year", "of")
) + ")"
DAYN = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
ORDW = "(?i:" + "|".join(sorted((re.escape(w).replace(r"\ ", r"\s") for w in ORDINAL_DAY), key=len, reverse=True)) + ")"
# end-June, start-2026, as wire copy writes them (the hyphen is the separator after the part).
PART = (
    r"(?:[Ee]arly|[Mm]id|[Ll]ate|(?:[Tt]he\s)?(?:beginning|start|middle|end|close)\sof|(?:[Ee]nd|[Ss]tart)(?=-)"
    r"|[Tt]he\s(?:latter|later|last|early|earlier|first)\spart\sof)"  # the latter part of 2024
)
COUNT = rf"(?:\d+|(?i:{WORD_NUMBER})|a|an|a\scouple\sof|a\scouple|couple\sof|couple|a\sfew|few|several)"
UNIT = r"(?i:days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)"
REL = r"(?i:last|this|next|previous|past|coming|following|current|upcoming)"
# Holiday names and how to date each (extractor/data/claims/holidays_en.json says what each rule means).
HOLIDAY_NAMES = {
    name: tuple(rule) for group in lexicon("holidays_en")["groups"] for name, rule in group["names"].items()
}
_WORLD = lexicon("holidays_world")["holidays"]  # two or more words, from training/build_holiday_index.py
HOLIDAY = "(?i:" + "|".join(
    re.escape(name).replace(r"\ ", r"\s").replace("'", "['’]?") for name in sorted(HOLIDAY_NAMES, key=len, reverse=True)
) + r")(?!\w)"

# Clock times. With a meridiem: 3 p.m., 9:30am, 8.30pm, 7:56:30 pm, six pm; on a 24-hour clock: 15:30;
# o'clock forms: 10 o'clock, seven oclock; and noon, midnight, half past seven, ten past 9, 20 min past eight.
HOUR_WORD = r"(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# Minutes spelt after a spelt hour: six forty, seven thirty-five, nine oh five.
_SPELT_MINUTES = (
    r"(?:(?:twenty|thirty|forty|fifty)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[\s-](?:one|two|three|four|five|six|seven|eight|nine))"
)
MINUTE_WORD = r"(?i:(?:twenty|thirty|forty|fifty)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|fifteen|five|quarter|half)"
AMPM = r"(?:[aApP]\s\.\s[mM]\s\.|[aApP]\.\s?[mM]\.|[aApP][mM]\b|[aApP]\s[mM]\b)"  # 3 p . m . as some transcripts space it
CLOCK = (
    rf"(?:(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d(?::[0-5]\d)?)?\s?{AMPM}"
    rf"|(?:1[0-2]|0?[1-9])[:.][0-5]\d[aApP](?!\w|\.\w)"  # 6:10p
    rf"|(?:[01]?\d|2[0-3]):[0-5]\d(?!\d|[.:]\d)"  # not 3:49.04 (a race time)
    rf"|(?<![Ii]n\s)(?:[01]?\d|2[0-3]):[0-5]\d:[0-5]\d(?!\d|\.\d)"  # not won in 2:02:16 (how long)
    rf"|{HOUR_WORD}(?:[\s-](?:thirty|fifteen|forty[\s-]five|o['’]?clock))?\s{AMPM}"
    rf"|(?:1[0-2]|0?[1-9]|{HOUR_WORD})\s?o['’]?clock"
    rf"|(?:(?:{MINUTE_WORD}|\d{{1,2}})(?:\s(?:min|minutes))?\spast\s(?:{HOUR_WORD}|1[0-2]|0?[1-9])(?:\so['’]?clock)?)"
    rf"|(?:(?i:half)\s(?:{HOUR_WORD}|1[0-2]|0?[1-9])(?!\w|[.:]\d|\s(?:percent|per\scent|times|of)\b))"  # half six: half past six, as Britain says it
    rf"|(?:[01]?\d|2[0-3])h[0-5]\d(?!\w)"  # 17h45, as French and Canadian texts write the clock
    rf"|(?<=at\s)(?:[01]?\d|2[0-3])h(?!\w)"  # at 18h (not "24h news", "in 12h": a duration)
    rf"|(?:[01]\d|2[0-3])[0-5]\d\s?(?i:hours|hrs)(?!\w)|(?<=at\s)0\d[0-5]\d(?!\d|[.,]\d)"  # 1600 hours, at 0600
    # 08.15 after at/from/until, as British timetables write the clock (not 3.75 or 12.5: two digits of minutes)
    rf"|(?:(?<=[Aa]t\s)|(?<=[Ff]rom\s)|(?<=until\s)|(?<=till\s)|(?<=before\s)|(?<=after\s))(?:[01]?\d|2[0-3])\.[0-5]\d(?![\d%]|\.\d|\s?(?:percent|per\scent|points?|pts|p|m|bn|million|billion|times|x|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|metres?|meters?|km|kg)\b)"
    rf"|(?:(?i:a\s)?quarter\sto\s(?:{HOUR_WORD}|1[0-2]|0?[1-9])(?:\so['’]?clock)?)"
    # ten to five (4:50) only after at/by/until/till: "voted ten to five" is a tally, "from ten to five" a range
    rf"|(?:(?<=at\s)|(?<=by\s)|(?<=until\s)|(?<=till\s))(?i:twenty[\s-]five|twenty|ten|five)(?:\s(?:min|minutes))?\sto\s{HOUR_WORD}(?!\w)"
    rf"|(?i:noon|midday|midnight|mid\snight)(?!\w)"
    rf"|(?:1[0-2]|0?[1-9]|(?i:noon))ish(?!\w))"  # 11ish, noonish: about that hour
)
# A bare hour (at 5, 2.30, ten) only counts next to a day or inside a time range.
BARE_HOUR = rf"(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?(?![\d%$]|[.,]\d)|{HOUR_WORD}(?:[\s-](?i:{_SPELT_MINUTES}))?)"
DAYPART = r"(?i:morning|afternoon|evening|night)"
TIME_PART_SUFFIX = rf"(?:\s(?:in\sthe\s|this\s)?{DAYPART}|\s?{AMPM})"


def _bare(pattern: str) -> str:
    """The pattern with its named groups made anonymous, to embed it in a composite."""
    pattern = re.sub(r"^\(\?<![^)]*\)", "", pattern)  # the composite sets its own left boundary
    pattern = re.sub(r"\(\?P=\w+\)", "[-/.]", pattern)  # a back-reference to a separator
    return re.sub(r"\(\?P<[A-Za-z_]\w*>", "(?:", pattern)


class _NoReference(Exception):
    """The expression needs a reference date and the document has none: emit the claim without a value."""


def _reference(ctx: RuleContext) -> dt.date:
    reference = ctx.analysis.reference_date
    if reference is None:
        raise _NoReference
    return reference


def _prefer(ctx: RuleContext) -> str:
    """How to read a date without its year, week or month here (claims/date/resolve.py)."""
    return resolve.preference(ctx, lambda clause: contains_en_cue(clause, _FUTURE))


def _future(ctx: RuleContext) -> bool:
    """Does the policy read this date forward (the weekend, "in" spans, a weekday with its day)?"""
    return _prefer(ctx) in ("future", "future-cue")


def _month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _count(text: str) -> int:
    lower = " ".join(text.lower().split())
    if lower in ("a", "an"):
        return 1
    if "couple" in lower:
        return 2
    if "few" in lower or "several" in lower:
        return 3
    return int(parse_number(text))


def _day_number(text: str) -> int:
    lower = " ".join(text.lower().replace("-", " ").split())
    if lower in ORDINAL_DAY:
        return ORDINAL_DAY[lower]
    return int(re.match(r"\d+", lower).group())


def _year_number(text: str) -> int:
    return numeric.full_year(text.lstrip("'"))


def _pick(make: Callable[[int], Optional[Period]], ctx: RuleContext) -> Period | None:
    """A year-less period: the year given by the enclosing composite, else that of a named event earlier in
    its clause (Ramadan 2026 starts in February, World Cup 2026 opens on June 11), else the policy's
    reading."""
    hint = ctx._cache.get("year_hint")
    if hint is not None:
        return make(hint)
    ctx._cache["yearless"] = True
    event_year = _event_year_before(ctx)
    if event_year is not None:
        period = make(event_year)
        if period is not None:
            return period.with_flags(relative=False)
    return resolve.pick_year(make, _reference(ctx), prefer=_prefer(ctx))


# A name and its year (Ramadan 2026, Lunar New Year 2026, Expo 2025) with no other year after it: the event
# a bare month or day later in the same clause belongs to.
_EVENT_YEAR = compiled.compile(r"\b(?!(?:The|In|A|An|By|For|From|Since|On|At|This|That|Its|Their|His|Her|Our|During|Until|Of|And|But)\s)[A-Z][\w'’-]*(?:\s(?:[A-Z][\w'’-]*|al|of|the|de))*\s(?P<y>(?:19|20)\d\d)\b(?![\-–/]\d)")
_ANY_YEAR = compiled.compile(r"\b\d{4}\b")


def _event_year_before(ctx: RuleContext) -> int | None:
    position = getattr(ctx, "position", None)
    if position is None:
        return None
    start, _ = resolve.clause_of(ctx)
    text = ctx.analysis.text
    last = None
    for last in _EVENT_YEAR.finditer(text, start, position):
        pass
    if last is None or _ANY_YEAR.search(text, last.end(), position):
        return None  # no event named with its year, or another year written after it
    return int(last.group("y"))


def _day_period(day: dt.date, *, relative: bool = True) -> Period:
    return Period(day, day + dt.timedelta(days=1), "day", relative=relative)


def _moment(day: dt.date, hour: int, minute: int = 0, second: int = 0, grain: str = "hour") -> Period:
    start = dt.datetime(day.year, day.month, day.day) + dt.timedelta(hours=hour, minutes=minute, seconds=second)
    step = {"hour": dt.timedelta(hours=1), "minute": dt.timedelta(minutes=1)}.get(grain, dt.timedelta(seconds=1))
    return Period(start, start + step, grain)


def _day_of(period: Period) -> dt.date | None:
    """The calendar day of a day-sized period (dates and datetimes alike)."""
    if period.start is None or period.end is None or period.grain not in ("day",):
        return None
    start = period.start
    return start.date() if isinstance(start, dt.datetime) else start


# --- Clock times --------------------------------------------------------------------------------------

_HOURS = {w: i + 1 for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split())}
_MINUTES = {"five": 5, "ten": 10, "fifteen": 15, "quarter": 15, "twenty": 20, "thirty": 30, "half": 30, "forty": 40,
            "fifty": 50}  # fmt: skip
_CLOCK_PARSE = compiled.compile(
    rf"(?P<h>\d{{1,2}}|{HOUR_WORD})(?:[:.](?P<mi>\d\d)(?::(?P<s>\d\d))?|[\s-](?P<mw>{_SPELT_MINUTES}))?"
    rf"\s?(?:(?P<ampm>{AMPM})|o['’]?clock)?"
)
_PAST_PARSE = compiled.compile(
    rf"(?P<m>{MINUTE_WORD}|\d{{1,2}})(?:\s(?:min|minutes))?\s(?P<dir>past|after|to)\s(?P<h>{HOUR_WORD}|\d{{1,2}})(?:\so['’]?clock)?"
)


def _word_minutes(text: str) -> int:
    words = text.lower().replace("-", " ").split()
    return sum(_MINUTES.get(w, _HOURS.get(w, 0)) for w in words)


def _parse_clock(text: str) -> tuple[int, int, int, str | None, str] | None:
    """(hour, minute, second, meridiem a/p or None, grain) of a CLOCK or BARE_HOUR text."""
    lower = " ".join(text.lower().split())
    lower = lower[:-3] if lower.endswith("ish") else lower
    lower = lower[2:] if lower.startswith("a quarter ") else lower  # a quarter to five
    glued = re.fullmatch(r"(\d{1,2})h(\d\d)?|(\d\d)(\d\d)(?: ?(?:hours|hrs))?", lower)
    if glued:  # 17h45, 18h, 1600 hours, 0600: a 24-hour clock
        hour, minute = int(glued.group(1) or glued.group(3)), int(glued.group(2) or glued.group(4) or 0)
        grain = "hour" if glued.group(1) and not glued.group(2) else "minute"  # 18h: the hour
        return (hour, minute, 0, None, grain) if hour < 24 and minute < 60 else None
    half = re.fullmatch(rf"half ({HOUR_WORD.lower()[4:-1]}|\d{{1,2}})", lower)
    if half:  # half six = 6:30
        hour = _HOURS.get(half.group(1)) or int(half.group(1))
        return (hour, 30, 0, None, "minute") if 1 <= hour <= 12 else None
    if re.fullmatch(r"\d{1,2}[:.]\d\d[ap]", lower):  # 6:10p
        lower += "m"
    if lower in ("noon", "midday"):
        return 12, 0, 0, "x", "minute"
    if lower in ("midnight", "mid night"):
        return 0, 0, 0, "x", "minute"
    match = _PAST_PARSE.fullmatch(lower)
    if match:
        hour_text = match.group("h")
        hour = _HOURS[hour_text] if hour_text in _HOURS else int(hour_text)
        minute_text = match.group("m")
        minute = int(minute_text) if minute_text.isdigit() else _word_minutes(minute_text)
        if not 0 < minute < 60 or not 0 < hour <= 12:
            return None
        if match.group("dir") == "to":
            hour, minute = (hour - 1) % 24, 60 - minute
        return hour, minute, 0, None, "minute"
    match = _CLOCK_PARSE.fullmatch(lower)
    if not match:
        return None
    hour_text = match.group("h")
    hour = _HOURS[hour_text] if hour_text in _HOURS else int(hour_text)
    minute = int(match.group("mi")) if match.group("mi") else (_spelt_minutes(match.group("mw")) if match.group("mw") else 0)
    second = int(match.group("s")) if match.group("s") else 0
    grain = "second" if match.group("s") else ("minute" if (match.group("mi") or match.group("mw")) else "hour")
    meridiem = match.group("ampm")[0] if match.group("ampm") else None
    if meridiem and not 1 <= hour <= 12:
        return None
    if hour > 23 or minute > 59 or second > 59:
        return None
    if meridiem == "p" and hour < 12:
        hour += 12
    elif meridiem == "a" and hour == 12:
        hour = 0
    return hour, minute, second, meridiem, grain


def _clock_on(day: dt.date, clock: tuple, *, part: str | None = None) -> Period:
    hour, minute, second, meridiem, grain = clock
    if meridiem is None and part in ("afternoon", "evening", "pm", "tonight", "tonite") and hour < 12:
        hour += 12
    elif meridiem is None and part == "night" and 6 <= hour < 12:
        hour += 12
    return _moment(day, hour, minute, second, grain)


def _part_of_day(day: dt.date, part: str, modifier: str | None = None) -> Period:
    first, last = DAY_PARTS[part]
    if modifier:  # early morning = its first half, late afternoon = its second half
        middle = (first + last) / 2
        first, last = (first, middle) if modifier == "early" else (middle, last)
    base = dt.datetime(day.year, day.month, day.day)
    return Period(base + dt.timedelta(hours=first), base + dt.timedelta(hours=last), "hour")


# --- Atoms: each is a pattern with named groups and a function from its match to a Period ---------------

Resolver = Callable[[re.Match, RuleContext], Optional[Period]]
_ATOMS: list[tuple[str, re.Pattern, Resolver]] = []
_ATOM_TEXT: dict[str, str] = {}
_FULL_PATTERNS: dict[str, str] = {}


def atom(name: str, pattern: str):
    def register(function: Resolver) -> Resolver:
        # Resolution matches a known sub-span, so the left-boundary lookbehind is left out (2020-03-03-2020).
        _ATOMS.append((name, compiled.compile(re.sub(r"^\(\?<![^)]*\)", "", pattern)), function))
        _FULL_PATTERNS[name] = pattern
        _ATOM_TEXT[name] = _bare(pattern)
        return function

    return register


# Full and year-less dates with a month name. Weekday prefix optional (Tuesday, Jan 15).
DAY_DATE = (
    rf"(?:(?P<wd>{WEEKDAY_ANY}),?\s(?:the\s)?)?"
    rf"(?:(?P<mon>{MONTH_I})(?:,?\s|[-/]|(?<=[A-Za-z])(?=\d))(?:the\s)?(?P<d>{DAYN}|{ORDW})(?!\d)"
    rf"(?:(?:\s?,\s?|[-/]|\s)(?:of\s|in\s)?(?P<y>{YEAR_WIDE})|\sof\s(?P<yy>'?\d\d)(?!\d))?"
    rf"|(?:the\s)?(?P<d_>{DAYN}|{ORDW})(?:\sday)?(?:\s|[-/])(?:of\s)?(?P<mon_>{MONTH_I})"
    rf"(?:(?:\s?,\s?|[-/]|\s)(?:of\s|in\s)?(?P<y_>{YEAR_WIDE})|(?:\sof\s|(?<=[A-Za-z.])-)(?P<yy_>'?\d\d)(?!\d))?"  # 31-Jul-09
    rf"|(?P<y2>{YEAR})[-/](?P<mon2>{MONTH_I})[-/](?P<d2>[0-3]?\d)"
    rf"|(?P<y3>{YEAR})/(?P<d3>[0-3]?\d)/(?P<mon3>{MONTH_I})"
    rf"|(?P<d4>[0-3]?\d)-(?P<y4>{YEAR})-(?P<mon4>{MONTH_I})"
    rf"|(?P<mon5>{MONTH_I})-(?P<y5>{YEAR})-(?P<d5>[0-3]?\d))(?![\w/])"
)


@atom("date.en.day", DAY_DATE)
def day_date(match: re.Match, ctx: RuleContext) -> Period | None:
    groups = match.groupdict()
    for suffix in ("", "_", "2", "3", "4", "5"):
        if groups.get("mon" + suffix):
            month = _month_number(groups["mon" + suffix])
            day_text = groups["d" + suffix]
            year_text = groups.get("y" + suffix) or groups.get("yy" + suffix)
            break
    else:
        return None
    if day_text.isalpha() and re.search(r"(?i)(?:^|\W)(?:a|one|every)\s$", ctx.before(match.start(), 6)):
        return None  # a fifth of December's sales, one third of May's rain: a fraction, no day
    day_of_month = _day_number(day_text)
    if year_text:
        period = cal.day(_year_number(year_text), month, day_of_month)
    elif groups.get("wd") and ctx._cache.get("year_hint") is None:
        # Wednesday, December 17: the year whose 17 December is a Wednesday, if one near the reference is
        weekday = _weekday_number(groups["wd"])
        reference = _reference(ctx)
        fitting = [
            p for p in (cal.day(y, month, day_of_month) for y in range(reference.year - 1, reference.year + 2))
            if p and p.start.weekday() == weekday and abs((p.start - reference).days) <= 200  # near: else a slip of the pen
        ]
        if len(fitting) == 1:
            period = fitting[0].with_flags(relative=True)
        else:
            period = _pick(lambda y: cal.day(y, month, day_of_month), ctx)
    else:
        period = _pick(lambda y: cal.day(y, month, day_of_month), ctx)
    return period


NUMERIC_DATE = (
    r"(?<![\d/.\-:])(?:(?P<a>1[0-2]|0?[1-9])(?P<sep>[/-])(?P<b>3[01]|[12]\d|0?[1-9])(?P=sep)(?P<y>(?:19|20)\d\d|\d\d)"
    r"|(?P<da>3[01]|[12]\d|0?[1-9])\.(?P<mb>1[0-2]|0[1-9])\.(?P<yd>(?:19|20)\d\d)"
    r"|(?P<dd>3[01]|[12]\d)/(?P<mm>1[0-2]|0?[1-9])/(?P<y2>(?:19|20)\d\d|\d\d)"
    r"|(?P<cy>(?:19|20)\d\d)(?P<cm>1[0-2]|0[1-9])(?P<cd>3[01]|[12]\d|0[1-9]))(?![\d/]|\.\d|-(?!\d{1,2}[-/.]\d{1,2}[-/.]\d\d))"
)


@atom("date.en.numeric", NUMERIC_DATE)
def numeric_date(match: re.Match, ctx: RuleContext) -> Period | None:
    if match.group("a"):
        return cal.day(_year_number(match.group("y")), int(match.group("a")), int(match.group("b")))
    if match.group("da"):
        return cal.day(int(match.group("yd")), int(match.group("mb")), int(match.group("da")))
    if match.group("dd"):
        return cal.day(_year_number(match.group("y2")), int(match.group("mm")), int(match.group("dd")))
    return cal.day(int(match.group("cy")), int(match.group("cm")), int(match.group("cd")))


# Year-less numeric dates (11/20, 22/04, Oct/2) are taken only where a date is plausible: a day above 12
# on either side, or a date word before (on, from, between, by ...). 24/7 and fractions of are not dates.
SHORT_NUMERIC = (
    r"(?<![\d/.$£€¥\-:])(?:(?P<a>1[0-2]|0?[1-9])/(?P<b>3[01]|[12]\d|0?[1-9])|(?P<c>3[01]|2\d|1[3-9])/(?P<d>1[0-2]|0?[1-9])"
    rf"|(?P<mon>{MONTH_I})/(?P<e>3[01]|[12]\d|0?[1-9]))(?![\d/%]|\.\d|\s(?:of|in)\s)"
)
_DATE_WORD_BEFORE = compiled.compile(
    r"(?:\b(?:on|from|between|since|until|till|to|through|before|after|and|this|next|last|date\??)|"
    + WEEKDAY_ANY + r"|[-–,])\s?$",
    re.I,
)


@atom("date.en.short_numeric", SHORT_NUMERIC)
def short_numeric(match: re.Match, ctx: RuleContext) -> Period | None:
    if match.group("mon"):
        month, day_of_month = _month_number(match.group("mon")), int(match.group("e"))
    elif match.group("c"):
        month, day_of_month = int(match.group("d")), int(match.group("c"))
    else:
        month, day_of_month = int(match.group("a")), int(match.group("b"))
        if day_of_month <= 12 and not _DATE_WORD_BEFORE.search(ctx.before(match.start(), 12)):
            return None
    if match.group("c") and match.group(0) == "24/7":
        return None
    return _pick(lambda y: cal.day(y, month, day_of_month), ctx)


# A numeric date with a weekday or this/next before it: friday 5/12, thursday 29/03, this Friday-Jun-15, next 5/12.
WEEKDAY_NUMERIC = (
    rf"(?:(?P<rel>(?i:this|next|last))\s)?(?:(?P<wd>{WEEKDAY}|{WEEKDAY_ABBR}),?(?:\s|-)\(?)?"
    rf"(?P<x>{_bare(NUMERIC_DATE)}|{_bare(SHORT_NUMERIC)}|{MONTH_I}-(?:3[01]|[12]\d|0?[1-9])(?!\d))\)?"
)


@atom("date.en.weekday_numeric", WEEKDAY_NUMERIC)
def weekday_numeric(match: re.Match, ctx: RuleContext) -> Period | None:
    if not (match.group("rel") or match.group("wd")):
        return None
    year = None
    if match.group("rel") and not match.group("wd"):
        year = _reference(ctx).year + {"this": 0, "next": 1, "last": -1}[match.group("rel").lower()]
        if _explicit_year(ctx, match.start("x"), match.end("x")):
            return None
    start, end = match.start("x"), match.end("x")
    period = _resolve(ctx, start, end, year=year, names=("date.en.numeric", "date.en.short_numeric", "date.en.day"))
    return period.with_flags(relative=True) if period is not None and year is not None else period


MONTH_PERIOD = (
    rf"(?:(?P<part>{PART})[\s-])?(?:(?P<rel>(?i:last|this|next|previous|following|coming))\s)?(?:(?P<ypre>{YEAR})\s)?(?P<mon>{MONTH_I})"
    rf"(?!\s?\d{{1,2}}(?:st|nd|rd|th)?\b|\w|/\d{{1,2}}(?!\d))(?:(?:,?\s(?:of\s|in\s)?|[-/])(?P<y>{YEAR_WIDE})|\sof\s(?P<yy>'?\d\d)(?!\d))?"
)
_TITLE_BEFORE = compiled.compile(r"\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|Sir|Dame|Judge|Justice|Gen|Col|Capt|Sgt|Rev|Sen|Rep)\.?\s$")
_MONTH_PREPOSITIONS = ("in", "since", "until", "from", "through", "during", "of", "early", "late", "mid",
                       "before", "after", "till", "between", "to", "by", "and", "the", "this", "next", "last")  # fmt: skip


@atom("date.en.month", MONTH_PERIOD)
def month_period(match: re.Match, ctx: RuleContext) -> Period | None:
    name = match.group("mon")
    rel, part_text = match.group("rel"), match.group("part")
    year_text = match.group("y") or match.group("ypre") or match.group("yy")
    lower = name.lower().rstrip(".")
    if not (year_text or rel or part_text):
        if name[0].islower() and lower not in ("january", "february", "april", "june", "july", "september",
                                               "october", "november", "december", "may", "march", "dec", "sept"):
            return None  # lower-case jan, mar, sep ... alone are not months
        if _TITLE_BEFORE.search(ctx.text, max(0, match.start() - 8), match.start()):
            return None  # Dr March, Ms June, Judge August: a name
        if lower == "may" or name[0].islower():
            before = ctx.before(match.start(), 12).lower().split()
            # lower case after "to" is the verb (plan to march on parliament)
            allowed = _MONTH_PREPOSITIONS if name[0].isupper() else _MONTH_PREPOSITIONS[:14]
            if not before or before[-1] not in allowed:
                return None  # the verb: "Regulators may approve", "workers march"
    month = _month_number(name)
    part = PARTS.get(" ".join(part_text.lower().split())) if part_text else None

    def make(y: int) -> Period | None:
        return cal.part_of_month(y, month, part) if part else cal.month(y, month)

    if year_text:
        return make(_year_number(year_text))
    if lower == "may" and re.match(r"\s[Dd]ay\b", ctx.after(match.end(), 5)):
        return None  # May Day
    if rel and name == "may":
        return None  # "this may take longer": the verb
    if rel:
        reference = _reference(ctx)
        base = {"last": -1, "previous": -1, "this": 0, "next": 1, "following": 1, "coming": 1}[rel.lower()]
        if base == 0:
            period = make(reference.year)
        else:
            period = resolve.pick_year(make, reference, prefer="future" if base > 0 else "past", alternatives=False)
            if period and base < 0 and period.start.year == reference.year and period.start.month == reference.month:
                period = make(reference.year - 1)
            elif period and base > 0 and period.start <= reference:
                period = make(reference.year + 1)
        return period.with_flags(relative=True) if period else None
    return _pick(make, ctx)


# A year that names a plan or an index, not a time: Saudi Vision 2030, Agenda 2063, Net Zero 2050, the
# Russell 2000 (an event's year, Expo 2025, is its time and stays).
_NAMED_BY_YEAR = "".join(f"(?<!{word}\\s)" for word in ("Vision", "Agenda", "Russell", "Zero", "Strategy", "Horizon", "Roadmap"))
YEAR_PERIOD = (
    rf"(?:(?P<approx>[Aa]round|[Aa]bout|[Cc]irca)\s)?(?:(?P<part>{PART})[\s-])?"
    rf"(?:(?P<fiscal>[Ff]iscal(?:\s[Yy]ear)?\s|FY\s?|(?:[Tt]he\s)?(?:calendar\s)?[Yy]ear\s)?(?<!\d/){_NAMED_BY_YEAR}(?P<y>{YEAR}|{_YEAR_WORD_BEFORE}{YEAR_WIDE})"
    rf"(?![\d%$]|-\d|,\d|\.\d|/\d|\s?(?:percent|per cent)|-[A-Za-z]|\s[qQ][1-4]\b|[-/]H[12]\b|\s?s\b)"
    rf"|(?P<rel>(?:[Tt]his|[Ll]ast|[Nn]ext|[Cc]urrent)\s(?:fiscal\s|calendar\s)?year|[Ee]arlier\sthis\syear|[Ll]ater\sthis\syear|[Ll]ater\sin\sthe\syear)"
    rf"|(?P<far>(?i:the\syear\sbefore\slast|the\syear\safter\snext))"
    rf"|(?P<same>(?i:(?:around\s|about\s|at\s)?(?:this|the\ssame)\stime\s(?:last|next)\syear))"
    # a year cut to two digits after a preposition: in '98, since ’09, the class of '98
    rf"|(?:(?<=[Ii]n\s)|(?<=of\s)|(?<=[Ss]ince\s)|(?<=[Ff]rom\s)|(?<=[Bb]y\s)|(?<=until\s)|(?<=before\s)|(?<=after\s))"
    rf"(?P<yy>['’]\d\d)(?![\w'’%]|[.,]\d))"
)
_COUNT_NOUNS = compiled.compile(rf"\s(?:{_COUNT_NOUN_WORDS})\b", re.I)


@atom("date.en.year", YEAR_PERIOD)
def year_period(match: re.Match, ctx: RuleContext) -> Period | None:
    if match.group("far"):  # the year before last, the year after next
        year = _reference(ctx).year + (-2 if match.group("far").lower().endswith("last") else 2)
        return cal.year(year).with_flags(relative=True)
    if match.group("same"):  # this time last year: the reference day a year before (or after), roughly
        reference = _reference(ctx)
        day = cal.add_months(reference, -12 if "last" in match.group("same").lower() else 12)
        return _day_period(day).with_flags(approximate=True)
    part = PARTS.get(" ".join(match.group("part").lower().split())) if match.group("part") else None
    rel = match.group("rel")
    if rel:
        reference = _reference(ctx)
        lower = rel.lower()
        if lower.startswith("earlier"):
            return Period(dt.date(reference.year, 1, 1), reference, "year", True, True)
        if lower.startswith("later"):
            return Period(reference, dt.date(reference.year + 1, 1, 1), "year", True, True)
        word = lower.split()[-2] if lower.split()[-2] not in ("fiscal", "calendar") else lower.split()[-3]
        year = reference.year + {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "following": 1,
                                 "coming": 1}[word]  # fmt: skip
    elif match.group("yy"):
        year = _year_number(match.group("yy").replace("’", "'"))
    else:
        year = int(match.group("y"))
        if _COUNT_NOUNS.match(ctx.after(match.end(), 14)):
            return None  # 2000 years of history, 2000 pieces: a count, not the year 2000
        before = ctx.text[max(0, match.start() - 1) : match.start()]
        if before and (before.isalnum() or before in "$€£¥#"):
            return None
        if re.search(r"\d\s?[-–]\s?$", ctx.text[max(0, match.start() - 4) : match.start()]):
            return None  # 32-2015, 133-03-03-2020: part of a code
    period = cal.part_of_year(year, part) if part else cal.year(year)
    if (match.group("fiscal") or "")[:2].lower() in ("fi", "fy") and not part and not rel:
        # fiscal 2026, FY2026: whose fiscal year the sentence tells (_fiscal_month), else the calendar year, roughly
        month = _fiscal_month(ctx.text, *ctx.sentence, after=match.end())
        period = Period(dt.date(year - 1, month, 1), dt.date(year, month, 1), "year") if month else period.with_flags(approximate=True)
    period = period.with_flags(relative=bool(rel))
    if match.group("approx"):
        period = period.with_flags(approximate=True)
    return period


QUARTER = (
    rf"(?:(?:[Tt]he\s)?(?:(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter|(?P<hw>first|second|front|back|latter)[\s-]half(?!\sof\s(?:the\s|this\s|next\s|last\s)?(?i:month|week|day|century|decade)\b))"
    rf"|(?P<q>[Qq][1-4])|(?P<h>H[12]))(?![\w])"
    rf"(?:\s(?:of\s)?(?:(?:fiscal\s)?(?P<y>{YEAR})|(?P<rel>this|last|next|the)\syear)|[\s-](?P<y2>{YEAR})|\sof\s(?P<y3>'?\d\d)|\s?(?P<y5>['’]\d\d))?(?!\d)"
    rf"|(?P<y4>{YEAR})[\s-](?P<q4>[Qq][1-4]|H[12])(?!\w)"
    rf"|(?P<rq>(?i:this|last|next|previous|past|current|following|coming|the\sprevious|the\sfollowing|the\spast))\squarter(?!\w)"
)


@atom("date.en.quarter", QUARTER)
def quarter_period(match: re.Match, ctx: RuleContext) -> Period | None:
    if match.group("rq"):
        reference = _reference(ctx)
        word = match.group("rq").lower().split()[-1]
        offset = {"last": -1, "previous": -1, "past": -1, "next": 1, "following": 1, "coming": 1}.get(word, 0)
        current = cal.quarter(reference.year, (reference.month - 1) // 3 + 1)
        start = cal.add_months(current.start, 3 * offset)
        return cal.quarter(start.year, (start.month - 1) // 3 + 1).with_flags(relative=True)
    if match.group("y4"):
        number = int(match.group("q4")[1])
        year = int(match.group("y4"))
        return cal.half(year, number) if match.group("q4")[0] == "H" else cal.quarter(year, number)
    if match.group("q") and match.group("q")[0] == "q" and not (match.group("y") or match.group("y2") or match.group("y3") or match.group("y5")):
        before = ctx.before(match.start(), 10).lower().split()
        if not before or before[-1] not in ("in", "for", "during", "of", "and", "since", "from", "to", "the", "by"):
            if match.start() != ctx.sentence[0]:
                return None
    if match.group("qw") or match.group("q"):
        number = ORDINALS[match.group("qw").lower()] if match.group("qw") else int(match.group("q")[1])

        def make(y: int) -> Period | None:
            return cal.quarter(y, number)

    else:
        number = (1 if match.group("hw").lower() in ("first", "front") else 2) if match.group("hw") else int(match.group("h")[1])

        def make(y: int) -> Period | None:
            return cal.half(y, number)

    year_text = match.group("y") or match.group("y2") or match.group("y3") or (match.group("y5") or "").replace("’", "'") or None
    if match.group("hw") and match.group("hw").lower() in ("front", "back", "latter") and not (year_text or match.group("rel")):
        return None  # the back half of the pitch: a half of a year only with its year
    if year_text:
        return make(_year_number(year_text))
    if match.group("rel"):  # of this year, of the year (the reference's), of last year
        year = _reference(ctx).year + {"last": -1, "this": 0, "next": 1, "the": 0}[match.group("rel")]
        return make(year).with_flags(relative=True)
    return _pick(make, ctx)


SEASON = (
    rf"(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s|(?:[Tt]he\s))?(?P<season>spring|summer|autumn|fall|winter)(?:\s(?:of\s)?(?P<y>{YEAR}|['’]\d\d(?![\w'’])))?(?!\w)"
)


# After "the" + season, words that make it no season: of (no year after it: the year would be in the
# match), in after "fall" (a drop), and the one day of the equinox or solstice.
_NOT_THE_SEASON = compiled.compile(r"\s(?P<word>(?i:equinox|solstice)\b|of\s|in\s)")


@atom("date.en.season", SEASON)
def season_period(match: re.Match, ctx: RuleContext) -> Period | None:
    name = SEASON_WORDS[match.group("season")]
    if match.group("y"):
        return cal.season(_year_number(match.group("y").replace("’", "'")), name)
    rel = (match.group("rel") or "").lower()
    if not rel and not match.group(0).lower().startswith("the"):
        return None  # a bare "fall" is usually the verb
    after = _NOT_THE_SEASON.match(ctx.text, match.end()) if not rel else None
    if after and (after.group("word") != "in" or match.group("season") == "fall"):
        return None  # the fall in sales, the fall of the regime, the winter of discontent, the spring equinox
    reference = _reference(ctx)
    if rel == "this":
        period = cal.season(reference.year, name)
    elif rel == "last":
        endings = [p for p in (cal.season(y, name) for y in (reference.year - 2, reference.year - 1, reference.year)) if p.end <= reference]
        period = endings[-1]
    elif rel == "next":
        period = next(p for p in (cal.season(y, name) for y in (reference.year, reference.year + 1)) if p.start > reference)
    else:
        period = resolve.pick_year(lambda y: cal.season(y, name), reference, prefer=_prefer(ctx))
    return period.with_flags(relative=True)


HOLIDAY_DATE = (
    rf"(?:(?P<eve_of>(?i:the\s)?(?i:eve\sof))\s)?(?:(?P<rel>(?i:last|this|next|previous|following|coming))\s)?(?P<name>{HOLIDAY})(?P<eve>\s(?i:eve)(?!\w))?"
    rf"(?:,?\s(?:of\s)?(?:(?P<y>{YEAR})(?!\d)|(?P<ry>(?i:this|last|next))\syear))?"
)


def holiday_period(name: str, y: int) -> Period | None:
    """Holiday ``name`` in year ``y``: its day, or the days it lasts (Ramadan)."""
    rule = _holiday_rule(name)
    if rule is None:
        return None
    if rule[0] == "hijri":
        return cal.hijri_period(y, *rule[1:])
    if rule[0] == "easter" and isinstance(rule[1], list):  # a season counted from Easter: Lent, Holy Week
        easter = cal.easter(y)
        return Period(easter + dt.timedelta(days=rule[1][0]), easter + dt.timedelta(days=rule[1][1]), "day")
    if rule[0] == "fixed" and len(rule) > 3:  # a festival of several days on fixed dates: Obon
        start = dt.date(y, rule[1], rule[2])
        return Period(start, start + dt.timedelta(days=rule[3]), "day")
    if rule[0] == "oktoberfest":
        end = dt.date(y, 10, 1) + dt.timedelta(days=(6 - dt.date(y, 10, 1).weekday()) % 7)
        end = max(end, dt.date(y, 10, 3))
        start = dt.date(y, 9, 15) + dt.timedelta(days=(5 - dt.date(y, 9, 15).weekday()) % 7 or 7)
        return Period(start, end + dt.timedelta(days=1), "day")
    found = _rule_date(rule, y)
    if found and rule[0] == "world" and len(rule) > 4:  # a festival of several days: Hanukkah, Passover
        return Period(found, found + dt.timedelta(days=rule[4]), "day")
    return _day_period(found, relative=False) if found else None


def holiday_date(name: str, y: int) -> dt.date | None:
    """The (first) day of holiday ``name`` in year ``y``."""
    period = holiday_period(name, y)
    return period.start if period else None


def _holiday_rule(name: str) -> tuple | None:
    key = " ".join(name.lower().replace("’", "'").split())
    rule = HOLIDAY_NAMES.get(key) or HOLIDAY_NAMES.get(key.replace("'", "")) or HOLIDAY_NAMES.get(key.replace("s ", "'s ", 1))
    if rule is None:
        for candidate, value in HOLIDAY_NAMES.items():
            if candidate.replace("'", "") == key.replace("'", ""):
                rule = value
                break
    return rule


def _rule_date(rule: tuple, y: int) -> dt.date | None:
    """The day a one-day rule of HOLIDAY_NAMES gives in year ``y``."""
    if rule[0] == "fixed":
        return dt.date(y, rule[1], rule[2])
    if rule[0] == "easter":
        return cal.easter(y) + dt.timedelta(days=rule[1])
    if rule[0] == "orthodox":
        return cal.orthodox_easter(y) + dt.timedelta(days=rule[1])
    if rule[0] == "term":  # a solar term (Qingming)
        from extractor.claims.date.zh import solar_term

        period = solar_term(y, rule[1])
        return period.start if period else None
    if rule[0] == "before":  # the given weekday strictly before a date (Victoria Day: the Monday before 25 May)
        limit = dt.date(y, rule[1], rule[2])
        return limit - dt.timedelta(days=(limit.weekday() - rule[3] - 1) % 7 + 1)
    if rule[0] == "lunar":  # [month, day] of the Chinese calendar, then the days added (an eve: -1)
        from extractor.claims.date.zh import lunar_to_solar

        period = lunar_to_solar(y, rule[1], rule[2], False)
        return period.start + dt.timedelta(days=rule[3] if len(rule) > 3 else 0) if period else None
    if rule[0] == "world":  # a country's calendar in the holidays package, then the days added
        found = world_holiday(rule[1], rule[2], y)
        return found + dt.timedelta(days=rule[3] if len(rule) > 3 else 0) if found else None
    found = cal.nth_weekday(y, rule[1], rule[2], rule[3])
    if found is not None and rule[0] == "nth+":
        found += dt.timedelta(days=rule[4])
    return found


@functools.lru_cache(maxsize=512)
def _calendar(country: str, year: int) -> dict:
    """``holidays``' calendar of a country for a year, every category it keeps (public, optional ...), in
    English where it has English names (training/build_holiday_index.py reads it the same way)."""
    import warnings

    import holidays

    categories = getattr(holidays.country_holidays(country).__class__, "supported_categories", None)
    for options in ({"language": "en_US"}, {}):
        try:
            with warnings.catch_warnings():  # a year past its tables warns on stderr: that year is simply empty
                warnings.simplefilter("ignore")
                return dict(holidays.country_holidays(country, years=year, categories=categories, **options))
        except Exception:
            continue
    return {}


@functools.lru_cache(maxsize=4096)
def world_holiday(country: str, name: str, year: int) -> dt.date | None:
    """The first day in ``year`` of ``country``'s holiday ``name`` (estimated dates included); a festival of
    several days (Hanukkah) starts where the day before is not it, so the tail of last December's is
    passed over."""

    def named(calendar: dict) -> set:
        return {day_ for day_, names in calendar.items() if any(part.replace(" (estimated)", "") == name for part in names.split("; "))}

    days = named(_calendar(country, year))
    if not days:  # kept on another day that year (Israel's Independence Day in 2013): the day it was kept
        observed = name + " (observed)"
        days = {day_ for day_, names in _calendar(country, year).items() if observed in names.split("; ")}
        return min(days) if days else None
    before = None
    for day_ in sorted(days):
        previous = day_ - dt.timedelta(days=1)
        if previous.year < year:
            before = named(_calendar(country, year - 1)) if before is None else before
            if previous in before:
                continue
        elif previous in days:
            continue
        return day_
    return None


# Holidays of the world's calendars not listed above, by their full English names (Cyprus Independence
# Day, Spring Bank Holiday, Juneteenth National Independence Day, Vaisakhi, Purim), case as written, with
# a year or a last/this/next as the named holidays above take them (Ganesh Chaturthi 2025, next Vaisakhi).
WORLD_HOLIDAY = (
    rf"(?:(?P<rel>(?i:last|this|next|previous|following|coming))\s)?"
    r"(?<![\w'’])(?P<wname>"
    # one-word names too (Vaisakhi, Purim, Onam, Ashura): capitalised as written, they are no English word
    + trie_alternation(name for name in _WORLD if (" " in name or (len(name) >= 4 and name[0].isupper())) and name.lower() not in HOLIDAY_NAMES)
    + r")(?![\w'’])"
    rf"(?:,?\s(?:of\s)?(?:(?P<y>{YEAR})(?!\d)|(?P<ry>(?i:this|last|next))\syear))?"
)


@atom("date.en.world_holiday", WORLD_HOLIDAY)
def world_holiday_date(match: re.Match, ctx: RuleContext) -> Period | None:
    name = match.group("wname")

    country = _WORLD[name]
    if not isinstance(country, str):  # a name inside the calendar's own (Janmashtami in "Janmashtami (Vaishnava)")
        country, name = country

    def make(y: int) -> Period | None:
        found = world_holiday(country, name, y)
        return _day_period(found, relative=False) if found else None

    return _holiday_reading(make, match, ctx)


# A country named in the sentence decides whose holiday a shared name is (Independence Day, National Day,
# Thanksgiving, Labour Day, Republic Day): its calendar in the holidays package, when it keeps one by that name.
# Countries by the names the holidays package gives them, and the adjectives news uses for the larger ones.
_DEMONYMS = {
    "Indian": "IN", "Nigerian": "NG", "Kenyan": "KE", "Ghanaian": "GH", "South African": "ZA", "Pakistani": "PK",
    "Bangladeshi": "BD", "Sri Lankan": "LK", "Canadian": "CA", "Mexican": "MX", "Brazilian": "BR", "Argentine": "AR",
    "Australian": "AU", "Filipino": "PH", "Philippine": "PH", "Indonesian": "ID", "Malaysian": "MY", "Singaporean": "SG",
    "Vietnamese": "VN", "Thai": "TH", "Korean": "KR", "South Korean": "KR", "Japanese": "JP", "Chinese": "CN",
    "Israeli": "IL", "Turkish": "TR", "Egyptian": "EG", "Ukrainian": "UA", "Polish": "PL", "French": "FR",
    "German": "DE", "Irish": "IE", "Scottish": "GB", "British": "GB", "Russian": "RU", "American": "US", "U.S.": "US",
}


@functools.lru_cache(maxsize=1)
def _country_names() -> tuple[re.Pattern, dict]:
    from holidays import registry

    names = {re.sub(r"(?<=[a-z])(?=[A-Z])", " ", entry[0]): entry[1] for entry in registry.COUNTRIES.values()}
    names.update({"UK": "GB", "Britain": "GB", "US": "US", "USA": "US", "America": "US", **_DEMONYMS})
    alternation = "|".join(re.escape(name) for name in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(rf"(?<![\w.])(?:{alternation})(?![\w])"), names


def _country_named(sentence: str) -> str | None:
    pattern, names = _country_names()
    found = pattern.search(sentence)
    return names[found.group(0)] if found else None


def _own_holiday(country: str, name: str, year: int) -> str | None:
    """The name ``country``'s calendar keeps holiday ``name`` by (Thanksgiving → Thanksgiving Day), when the
    general rule for ``name`` is another country's; else None."""
    rule = _holiday_rule(name)
    if rule is None or (rule[0] == "world" and rule[1] == country) or not year:
        return None
    wanted = " ".join(name.lower().replace("’", "'").replace("labour", "labor").split())
    for y in (year, year - 1, year + 1):
        for names in _calendar(country, y).values():
            for part in names.split("; "):
                kept = part.replace(" (estimated)", "")
                if kept.lower().replace("labour", "labor") in (wanted, wanted + " day"):
                    return kept
    return None


_HOLIDAY_THING = compiled.compile(r"(?i:\s(?:eggs?|trees?|cards?|carols?|costumes?|lights?|decorations?|puddings?|crackers?|bunny|jumpers?|markets?|ornaments?)\b)")
# Holiday names that are also English words: read only capitalised (Lent, not "the bank lent"; an epiphany).
_CAPITALISED_ONLY = {"lent", "epiphany"}


@atom("date.en.holiday", HOLIDAY_DATE)
def holiday(match: re.Match, ctx: RuleContext) -> Period | None:
    name = match.group("name")
    if name.lower() in _CAPITALISED_ONLY and not name[0].isupper():
        return None
    if _HOLIDAY_THING.match(ctx.text, match.end()):
        return None  # an Easter egg, a Christmas tree, a Halloween costume: a thing, no day
    if name.lower() == "new year" and not match.group("rel") and not match.group("y"):
        if ctx.before(match.start(), 4).lower().endswith("the "):
            return None  # "in the new year": a period, not New Year's Day

    country = _country_named(ctx.sentence_text)
    if country is not None and not (match.group("eve_of") or match.group("eve")):
        own = _own_holiday(country, name, _reference(ctx).year if ctx.analysis.reference_date else int(match.group("y") or 0))
        if own is not None:  # India celebrates its Independence Day: India's (15 August), not the US one

            def make_own(y: int) -> Period | None:
                found = world_holiday(country, own, y)
                return _day_period(found, relative=False) if found else None

            return _holiday_reading(make_own, match, ctx)
    if match.group("eve_of") or match.group("eve"):  # the eve of Diwali, Diwali eve: the day before

        def make(y: int) -> Period | None:
            period = holiday_period(name, y)
            return Period(period.start - dt.timedelta(days=1), period.start, "day") if period else None

    else:

        def make(y: int) -> Period | None:
            return holiday_period(name, y)

    return _holiday_reading(make, match, ctx)


def _holiday_reading(make: Callable[[int], Optional[Period]], match: re.Match, ctx: RuleContext) -> Period | None:
    """A holiday in the year written after it (Diwali 2025, Easter of next year), the one before or after
    the reference (last Easter, next Diwali), this year's (this Easter), else the policy's reading."""
    if match.group("y"):
        return make(int(match.group("y")))
    reference = _reference(ctx)
    if match.group("ry"):
        period = make(reference.year + {"last": -1, "this": 0, "next": 1}[match.group("ry").lower()])
        return period.with_flags(relative=True) if period else None
    rel = (match.group("rel") or "").lower()
    readings = [p for p in (make(y) for y in range(reference.year - 2, reference.year + 3)) if p]
    if rel in ("last", "previous"):
        period = next(iter([p for p in readings if p.start < reference][-1:]), None)
    elif rel in ("next", "following", "coming"):
        period = next((p for p in readings if p.start > reference), None)
    elif rel == "this":
        period = make(reference.year)
    else:
        period = _pick(make, ctx)
        return period.with_flags(relative=ctx._cache.get("year_hint") is None) if period else None
    return period.with_flags(relative=True) if period else None


RELATIVE_DAY = (
    r"(?P<day>(?i:the\sday\safter\stomorrow|the\sday\sbefore\syesterday|day\safter\stomorrow|day\sbefore\syesterday"
    r"|today|yesterday|tomorrow|tmrw|tonight|tonite))(?!\w)"
)
_DAY_OFFSETS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tmrw": 1, "tonight": 0, "tonite": 0}


def _relative_day_offset(text: str) -> int:
    lower = " ".join(text.lower().split())
    if "after tomorrow" in lower:
        return 2
    if "before yesterday" in lower:
        return -2
    return _DAY_OFFSETS[lower]


@atom("date.en.relative", RELATIVE_DAY)
def relative_day(match: re.Match, ctx: RuleContext) -> Period | None:
    text = match.group("day").lower()
    target = _reference(ctx) + dt.timedelta(days=_relative_day_offset(text))
    if text in ("tonight", "tonite"):
        return _part_of_day(target, "night").with_flags(relative=True)
    return _day_period(target)


# Weekdays: Monday, last Friday, this coming Tuesday, next week Wednesday, Tuesday of next week.
WEEK_REL = r"(?i:last|this|next|previous|past|coming|following|the\sfollowing|the\sprevious|the\scoming|the\spast|the)"
# Abbreviations no English word shares, taken anywhere: Tues, Thurs, and any with its full stop (Fri., Wed.)
# except Sat. and Sun.; Mon, Wed, Sat, Sun and the rest only where a date follows (Sat 5, Sun, 6 May), an
# hour (Tue at 4pm) or another weekday (Mon-Fri), or after one (the Fri of Mon-Fri).
_WEEKDAY_ABBR_SAFE = r"(?:Tues|Thurs?|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri)\.)"
_AFTER_WEEKDAY_DASH = "(?:" + "|".join(  # look-behinds are of fixed width: one for each ending and spacing
    f"(?<={re.escape(end)}{dash})" for end in ("day", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", ".")
    for dash in ("-", "–", " - ", " – ")
) + ")"
WEEKDAY_DATE = (
    # the Friday before last, the Tuesday after next; Tuesday week and a week on Tuesday (the Tuesday after
    # next, as Britain says it); Tuesday last, Tuesday next (tried first: "Tuesday" alone would win)
    rf"(?:(?i:the)\s)?(?P<wd3>{WEEKDAY})\s(?P<far>(?i:before\slast|after\snext))(?!\w)"
    rf"|(?P<wd4>{WEEKDAY})\s(?i:week)(?=\s?[.,;:!?)]|\s?$)|(?i:a\sweek\son)\s(?P<wd5>{WEEKDAY})(?!\w)"
    rf"|(?P<wd6>{WEEKDAY})\s(?P<post>last|next)(?=\s?[.,;:!?)]|\s?$)"
    rf"|(?:(?P<wrel>(?i:last|this|next|previous|following|coming|this\spast|this\scoming|the\sfollowing|the\scoming))\s)?"
    rf"(?P<wd>{WEEKDAY}|{_WEEKDAY_ABBR_SAFE}|{WEEKDAY_ABBR}(?=\s(?:of|at|\d)|,|\s?[-–]\s?{WEEKDAY_ABBR}(?!\w))"
    rf"|(?:Mon|Tue|Wed|Thu|Fri)$"  # read again alone as the first end of a range (Mon-Fri)
    rf"|{_AFTER_WEEKDAY_DASH}{WEEKDAY_ABBR})"
    rf"(?:\s(?:of|in)\s(?P<wkrel>{WEEK_REL})\sweek)?(?!\w)"
    rf"|(?P<wkrel2>{WEEK_REL})\sweek(?:\s?[-,]\s?|\s)(?:on\s)?(?P<wd2>{WEEKDAY}|{WEEKDAY_ABBR})(?!\w)"
)
_WEEK_OFFSETS = {"last": -1, "previous": -1, "past": -1, "this": 0, "the": 0, "next": 1, "coming": 1, "following": 1}


def _weekday_number(text: str) -> int:
    return WEEKDAYS[text.lower().rstrip(".")]


_A_WEEKDAY = compiled.compile(r"(?i)\ban?\s$")


@atom("date.en.weekday", WEEKDAY_DATE)
def weekday_date(match: re.Match, ctx: RuleContext) -> Period | None:
    if _A_WEEKDAY.search(match.string, max(0, match.start() - 4), match.start()):
        return None  # falls on a Saturday, on a Monday in March: any such day, no date
    reference = _reference(ctx)
    weekday = _weekday_number(next(match.group(g) for g in ("wd", "wd2", "wd3", "wd4", "wd5", "wd6") if match.group(g)))
    if match.group("wd3"):  # the Friday before last: of the week before last; the Tuesday after next
        offset = -2 if match.group("far").lower().endswith("last") else 2
        return _day_period(cal.week(reference).start + dt.timedelta(weeks=offset, days=weekday))
    if match.group("wd4") or match.group("wd5"):  # Tuesday week: a week after the coming Tuesday
        return _day_period(reference + dt.timedelta(days=(weekday - reference.weekday() - 1) % 7 + 1 + 7))
    week_rel = match.group("wkrel") or match.group("wkrel2") or match.group("post")
    if week_rel:
        offset = _WEEK_OFFSETS[week_rel.lower().split()[-1]]
        target = cal.week(reference).start + dt.timedelta(weeks=offset, days=weekday)
        return _day_period(target)
    rel = " ".join((match.group("wrel") or "").lower().split())
    if rel in ("last", "next", "this", "previous", "following", "the following"):
        offset = {"last": -1, "previous": -1, "this": 0, "next": 1, "following": 1, "the following": 1}[rel]
        target = cal.week(reference).start + dt.timedelta(weeks=offset, days=weekday)
        return _day_period(target)
    if rel in ("coming", "this coming", "the coming"):
        target = reference + dt.timedelta(days=(weekday - reference.weekday() - 1) % 7 + 1)
        return _day_period(target)
    if rel == "this past":
        target = reference - dt.timedelta(days=(reference.weekday() - weekday - 1) % 7 + 1)
        return _day_period(target)
    return resolve.pick_weekday(reference, weekday, prefer=_prefer(ctx), same_day_is_today=resolve.news_default(ctx))


# A weekday with a day of the month and no month: Sunday the 31st, Fri 14th.
WEEKDAY_DAY = rf"(?P<wd>{WEEKDAY}|{WEEKDAY_ABBR}),?\s(?:the\s)?(?P<d>{DAYN}|{ORDW})(?![\d:/]|\.\d|\s?(?:{AMPM}|-|to\s\d|o['’]?clock))"


@atom("date.en.weekday_day", WEEKDAY_DAY)
def weekday_day(match: re.Match, ctx: RuleContext) -> Period | None:
    reference = _reference(ctx)
    weekday, day_of_month = _weekday_number(match.group("wd")), _day_number(match.group("d"))
    future = _future(ctx)
    first = dt.date(reference.year, reference.month, 1)
    found = []
    for months in range(-28, 29):
        start = cal.add_months(first, months)
        try:
            candidate = dt.date(start.year, start.month, day_of_month)
        except ValueError:
            continue
        if candidate.weekday() == weekday and (candidate >= reference or not future):
            found.append(candidate)
    if not found:
        return None
    return _day_period(min(found, key=lambda d: (abs((d - reference).days), d > reference)))


# Weeks: next week, the week after next, week 31 (ISO), the last week of July, the week of April 10.
RELATIVE_UNIT = (
    rf"(?:(?P<part>{PART})\s)?(?P<rel>{REL}|(?i:the\scoming|the\spast|the\scurrent)"
    r"|(?i:the\sprevious|the\sfollowing)(?=\s(?i:weekend|work)))\s"  # the previous month: the anaphora rule
    r"(?P<unit>(?i:week(?:end)?|work(?:ing)?\s?week|month|fortnight))(?!\w)"
    r"|(?P<after>(?i:the\sweek\safter\snext|the\smonth\safter\snext|the\sweek\sbefore\slast))"
    r"|(?P<bare>(?i:the\sweekend|weekend))(?!\w)"
    r"|(?P<lat>(?i:earlier|later))\s(?i:this|in\sthe)\s(?P<lunit>(?i:week|month))(?!\w)"
)


@atom("date.en.relative_unit", RELATIVE_UNIT)
def relative_unit(match: re.Match, ctx: RuleContext) -> Period | None:
    reference = _reference(ctx)
    if match.group("after"):
        text = match.group("after").lower()
        if "month" in text:
            start = cal.add_months(dt.date(reference.year, reference.month, 1), 2)
            return cal.month(start.year, start.month).with_flags(relative=True)
        offset = 2 if "after" in text else -2
        return cal.week(cal.week(reference).start + dt.timedelta(weeks=offset)).with_flags(relative=True)
    if match.group("lat"):
        whole = cal.week(reference) if match.group("lunit").lower() == "week" else cal.month(reference.year, reference.month)
        start, end = (whole.start, reference) if match.group("lat").lower() == "earlier" else (reference, whole.end)
        return Period(start, end, whole.grain, relative=True, approximate=True) if start < end else None
    if match.group("bare"):  # the weekend: the latest one begun by the reference, or the next one in a future sentence
        saturday = cal.week(reference).start + dt.timedelta(days=5)
        if saturday > reference and not _future(ctx):
            saturday -= dt.timedelta(days=7)
        return Period(saturday, saturday + dt.timedelta(days=2), "day", relative=True)
    rel = match.group("rel").lower().split()[-1]
    offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1, "upcoming": 1}.get(rel, 0)
    unit = " ".join(match.group("unit").lower().split())
    if unit == "fortnight":
        if offset == 0:
            monday = cal.week(reference).start
            return Period(monday, monday + dt.timedelta(days=14), "week", relative=True)
        start = cal.week(reference).start + dt.timedelta(weeks=offset * 2 if offset < 0 else 1)
        return Period(start, start + dt.timedelta(days=14), "week", relative=True)
    if unit == "month":
        start = cal.add_months(dt.date(reference.year, reference.month, 1), offset)
        if match.group("part"):
            part = PARTS[" ".join(match.group("part").lower().split())]
            return cal.part_of_month(start.year, start.month, part).with_flags(relative=True)
        return cal.month(start.year, start.month).with_flags(relative=True)
    monday = cal.week(reference).start + dt.timedelta(weeks=offset)
    if match.group("part"):
        if unit != "week":
            return None
        part = PARTS[" ".join(match.group("part").lower().split())]
        return _part_of_week(monday, part, relative=True)
    if unit == "week":
        return cal.week(monday).with_flags(relative=True)
    if unit == "weekend":
        return Period(monday + dt.timedelta(days=5), monday + dt.timedelta(days=7), "day", relative=True)
    return Period(monday, monday + dt.timedelta(days=5), "week", relative=True)  # work week: Monday to Friday


ISO_WEEK = rf"(?i:(?:the\s)?week\s(?P<n>[1-4]\d|5[0-3]|0?[1-9])(?!\d)(?:\s(?:of|in)\s(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\syear)|(?!\s(?:of|in)\s)))"


@atom("date.en.iso_week", ISO_WEEK)
def iso_week(match: re.Match, ctx: RuleContext) -> Period | None:
    if match.group("y"):
        year = int(match.group("y"))
    else:
        year = _reference(ctx).year + {"last": -1, "this": 0, "next": 1, None: 0}[(match.group("rel") or "").lower() or None]
    period = cal.nth_week(dt.date(year, 1, 1), dt.date(year + 1, 1, 1), int(match.group("n")))
    return period.with_flags(relative=not match.group("y")) if period else None


# Containers a part can be taken of: a month (with or without a year), a year, this/next/last month or year.
CONTAINER = (
    rf"(?:{MONTH_I}(?:,?\s(?:of\s)?{YEAR})?|{YEAR}|(?i:this|next|last|the\sprevious|the\sfollowing|the\scurrent)\s(?:month|year)"
    rf"|(?i:the\smonth|the\syear))(?!\w)"
)
# Also the n-th (or last) weekday of a month or year: the second Tuesday of November, final Fri. in Aug.
SUB_PERIOD = (
    rf"(?:(?i:the)\s)?(?P<which>(?i:first|last|final|second|third|fourth|fifth|\d{{1,3}}(?:st|nd|rd|th)|{ORDW}))"
    rf"(?:\s(?P<n>{COUNT}))?\s(?:(?P<unit>(?i:weekends?|weeks?|months?|(?:business|working|work|trading)\sdays?|days?|quarters?))\s(?i:of)"
    rf"|(?P<wd>{WEEKDAY}|{WEEKDAY_ABBR})\s(?i:of|in))\s(?P<x>{CONTAINER})"
)


def _resolve_container(ctx: RuleContext, start: int, end: int) -> Period | None:
    text = " ".join(ctx.text[start:end].lower().split())
    reference = ctx.analysis.reference_date
    if text in ("the month", "the year"):
        reference = _reference(ctx)
        return cal.month(reference.year, reference.month) if text == "the month" else cal.year(reference.year)
    period = _resolve(ctx, start, end)
    if period is None and reference is None:
        raise _NoReference
    return period


@atom("date.en.sub_period", SUB_PERIOD)
def sub_period(match: re.Match, ctx: RuleContext) -> Period | None:
    container = _resolve_container(ctx, match.start("x"), match.end("x"))
    if container is None or container.start is None or container.end is None:
        return None
    if isinstance(container.start, dt.datetime):
        return None
    which = match.group("which").lower()
    amount = _count(match.group("n")) if match.group("n") else 1
    if not 0 < amount <= 60:
        return None
    last = which in ("last", "final")
    index = 1 if which == "first" or last else (ORDINAL_DAY.get(which) or ORDINALS.get(which) or int(re.match(r"\d+", which).group()))
    start, end = container.start, container.end
    if match.group("wd"):
        if match.group("n"):
            return None  # the first two Mondays of May: several days, not one
        weekday = _weekday_number(match.group("wd"))
        if last:
            day = end - dt.timedelta(days=1)
            day -= dt.timedelta(days=(day.weekday() - weekday) % 7)
        else:
            day = start + dt.timedelta(days=(weekday - start.weekday()) % 7 + 7 * (index - 1))
        return _day_period(day, relative=container.relative) if start <= day < end else None
    unit = match.group("unit").lower().rstrip("s")
    if unit == "weekend":  # the n-th Saturday of the container and the Sunday after it
        if match.group("n"):
            return None
        if last:
            saturday = end - dt.timedelta(days=1)
            saturday -= dt.timedelta(days=(saturday.weekday() - 5) % 7)
        else:
            saturday = start + dt.timedelta(days=(5 - start.weekday()) % 7 + 7 * (index - 1))
        if not start <= saturday < end:
            return None
        return Period(saturday, saturday + dt.timedelta(days=2), "day", relative=container.relative)
    if unit.endswith(" day"):  # business days: Monday to Friday but New Year's Day and Christmas Day, closed
        if match.group("n"):  # almost everywhere (a country's other holidays are not known here)
            return None
        days = [start + dt.timedelta(days=i) for i in range((end - start).days)]
        weekdays = [d for d in days if d.weekday() < 5 and (d.month, d.day) not in ((1, 1), (12, 25))]
        if not weekdays or index > len(weekdays):
            return None
        return _day_period(weekdays[-1] if last else weekdays[index - 1], relative=container.relative)
    if unit == "week":
        if last:
            first_week, last_week = cal.nth_week(start, end, -amount), cal.nth_week(start, end, -1)
        else:
            first_week, last_week = cal.nth_week(start, end, index), cal.nth_week(start, end, index + amount - 1)
        if first_week is None or last_week is None:
            return None
        return Period(first_week.start, last_week.end, "week", relative=container.relative)
    if unit == "day":
        if last:
            return Period(end - dt.timedelta(days=amount), end, "day", relative=container.relative)
        first_day = start + dt.timedelta(days=index - 1)
        period = Period(first_day, first_day + dt.timedelta(days=amount), "day", relative=container.relative)
        return period if period.end <= end else None
    months = 3 if unit == "quarter" else 1
    if last:
        period = Period(cal.add_months(end, -months * amount), end, unit, relative=container.relative)
    else:
        first_month = cal.add_months(start, months * (index - 1))
        period = Period(first_month, cal.add_months(first_month, months * amount), unit, relative=container.relative)
    return period if period.start >= start and period.end <= end else None


# Centuries spelt out: the nineteenth century, the twenty-first century.
_CENTURY_WORDS = {word: index + 1 for index, word in enumerate(_ORDINAL_WORDS)}
_CENTURY_WORDS.update({"twenty first": 21, "twenty second": 22})
# early/mid/late before a decade: its first, middle or last years (the late 1990s); 1800s is the century
# (in the 1800s), as is 1900s; 2000s is the decade of 2000-2009. With an apostrophe only after "the" (the
# 1990's): 2020's sales are the year's.
DECADE = (
    r"(?:[Tt]he\s)?(?:(?P<dpart>[Ee]arly|[Mm]id|[Ll]ate)[\s-])?(?P<dec>1\d\d0|20\d0)(?:\s?s|(?<=[Tt]he\s\d{4})['’]s)\b"
    r"|(?:[Tt]he\s)?(?:(?P<spart>[Ee]arly|[Mm]id|[Ll]ate)[\s-])?'(?P<short>\d0)s\b"
    r"|(?P<rel>(?i:the\snext|the\spast|the\sprevious|the\slast|this|next|last))\sdecade\b"
    # the current decade's parts: mid-decade, the end of the decade, the first half of this decade
    r"|(?P<tpart>(?i:early|mid|late))-decade\b"
    r"|(?i:the\s(?P<dpos>beginning|start|middle|end|close|first\shalf|front\shalf|second\shalf|latter\shalf|back\shalf)\sof\s(?:the|this)\sdecade)\b"
    r"|(?P<turn>(?i:the\sturn\sof\s(?:the|this)\s(?:century|millennium)))\b"
    r"|(?:[Tt]he\s)?(?:(?P<cpart>[Ee]arly|[Mm]id|[Ll]ate)[\s-])?(?:(?P<cent>1\d|2[01]|[1-9])(?:st|nd|rd|th)|(?P<centw>(?i:"
    + "|".join(sorted(_CENTURY_WORDS, key=len, reverse=True)).replace(" ", r"[\s-]")
    + r")))[\s-]+century\b"
)
_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
                 "eighties": 80, "nineties": 90}  # fmt: skip


@atom("date.en.decade", DECADE)
def decade(match: re.Match, ctx: RuleContext) -> Period | None:
    part = (match.group("dpart") or match.group("spart") or "").lower()
    if match.group("dec"):
        first = int(match.group("dec"))
        if first % 100 == 0 and first != 2000:  # the 1800s, the 1900s: the century
            period = Period(dt.date(first, 1, 1), dt.date(first + 100, 1, 1), "century")
            return _part_of_span(period, part, 100) if part else period
        period = cal.decade(first)
        return _part_of_span(period, part, 10) if part else period
    if match.group("cent") or match.group("centw"):
        number = int(match.group("cent")) if match.group("cent") else _CENTURY_WORDS.get(" ".join(match.group("centw").lower().replace("-", " ").split()))
        if not number:
            return None
        first = (number - 1) * 100
        if first < 100:
            return None
        period = Period(dt.date(first, 1, 1), dt.date(first + 100, 1, 1), "century")
        cpart = (match.group("cpart") or "").lower()
        return _part_of_span(period, cpart, 100) if cpart else period
    if match.group("tpart") or match.group("dpos"):
        reference = _reference(ctx)
        current = cal.decade(reference.year // 10 * 10)
        position = (match.group("tpart") or match.group("dpos")).lower().split()[0]
        if position in ("first", "front", "second", "latter", "back"):
            first = current.start.year + (0 if position in ("first", "front") else 5)
            return Period(dt.date(first, 1, 1), dt.date(first + 5, 1, 1), "year", relative=True)
        third = {"beginning": "early", "start": "early", "middle": "mid", "end": "late", "close": "late"}.get(position, position)
        return _part_of_span(current, third, 10).with_flags(relative=True)
    if match.group("turn"):  # the turn of the century: a couple of years either side of 2000, roughly
        turn = (_reference(ctx).year - 1) // 100 * 100 + (100 if _reference(ctx).year % 100 == 0 else 0)
        turn = max(turn, 100)
        return Period(dt.date(turn - 2, 1, 1), dt.date(turn + 3, 1, 1), "year", relative=True, approximate=True)
    if match.group("rel"):
        reference = _reference(ctx)
        word = match.group("rel").lower().split()[-1]
        if word in ("past", "previous", "last"):
            return cal.within(reference, 10, "year", future=False)
        return cal.decade(reference.year // 10 * 10 + (10 if word == "next" else 0)).with_flags(relative=True)
    tens = int(match.group("short"))
    period = cal.decade((2000 if tens < 30 else 1900) + tens)
    return _part_of_span(period, part, 10) if part else period


def _part_of_span(period: Period, part: str, years: int) -> Period:
    """The early, mid or late years of a decade or century: its first, middle and last three tenths."""
    first = period.start.year
    low, high = {"early": (0, 3), "mid": (3, 7), "late": (7, 10)}[part]
    step = years // 10
    return Period(dt.date(first + low * step, 1, 1), dt.date(first + high * step, 1, 1), period.grain, approximate=True)


# the 15th day of next month, the 18th (of this month)
# A bare "the 18th" is a day of the month only after a preposition of time and at the end of a phrase
# (on the 18th. / by the 4th, ...): "the 18th floor", "the 18th century" and "on the 18th Street" are not.
_TIME_PREPOSITION = "".join(rf"(?<=\b{word}\s)|" for word in ("on", "by", "until", "till", "before", "after", "from", "since", "through", "to", "for", "due", "starting", "effective")).rstrip("|")
DAY_OF_MONTH = (
    rf"(?i:the)\s(?P<d>{DAYN}|{ORDW})(?:\sday)?\s(?i:of)\s(?P<x>(?i:this|next|last|the)\smonth)(?!\w)"
    rf"|(?:{_TIME_PREPOSITION})(?i:the)\s(?P<bare>[0-3]?\d(?:st|nd|rd|th))(?=\s?(?:[.,;:!?)]|$)|\s(?:and|or|at|to|through|until)\b)"
)


@atom("date.en.day_of_month", DAY_OF_MONTH)
def day_of_month(match: re.Match, ctx: RuleContext) -> Period | None:
    reference = _reference(ctx)
    day_number = _day_number(match.group("d") or match.group("bare"))
    if match.group("x"):
        offset = {"this": 0, "the": 0, "next": 1, "last": -1}[match.group("x").split()[0].lower()]
        month_start = cal.add_months(dt.date(reference.year, reference.month, 1), offset)
        found = cal.day(month_start.year, month_start.month, day_number)
        return found.with_flags(relative=True) if found else None
    return resolve.pick_day_of_month(reference, day_number, prefer=_prefer(ctx))


# Counted spans: the past two years, the next 3 weeks, 5 upcoming years, within 9 months.
SPAN = (
    rf"(?:[Tt]he\s)?(?P<dir>(?i:past|last|previous|next|coming|following|upcoming))\s(?P<n>{COUNT})\s(?P<unit>{UNIT})(?!\w)"
    rf"|(?<![/\d.,])(?P<n2>{COUNT})\s(?P<dir2>(?i:past|last|previous|next|coming|following|upcoming))\s(?P<unit2>(?i:days|weeks|fortnights|months|quarters|years|decades))(?!\w)"
    rf"|(?P<within>(?i:within))\s(?:the\s(?:next\s)?)?(?P<n3>{COUNT})\s(?P<unit3>{UNIT})(?!\w)"
    rf"|(?P<dir4>(?i:past|last|previous|next|coming|following))\sfortnight(?!\w)"
)


def _shift(day: dt.date, amount: int, unit: str) -> dt.date:
    if unit == "fortnight":
        return day + dt.timedelta(weeks=2 * amount)
    if unit == "decade":
        return cal.add_months(day, 120 * amount)
    if unit == "century":
        return cal.add_months(day, 1200 * amount)
    return cal.shift(day, amount, unit)


_OF_EVENT = compiled.compile(r"\s(?:of|after|from)\s")


@atom("date.en.span", SPAN)
def span_period(match: re.Match, ctx: RuleContext) -> Period | None:
    reference = _reference(ctx)
    if match.group("dir4"):
        amount, unit, direction = 1, "fortnight", match.group("dir4")
    elif match.group("within"):
        if _OF_EVENT.match(ctx.text, match.end()):
            return None  # within two days of launch: counted from the launch, no date of its own
        amount, unit, direction = _count(match.group("n3")), match.group("unit3"), "next"
    elif match.group("n2"):
        amount, unit, direction = _count(match.group("n2")), match.group("unit2"), match.group("dir2")
    else:
        amount, unit, direction = _count(match.group("n")), match.group("unit"), match.group("dir")
    unit = UNITS[unit.lower().rstrip("s")]
    if not 0 < amount <= 1000:
        return None
    future = direction.lower() in ("next", "coming", "following", "upcoming")
    if unit == "decade":
        first = reference.year // 10 * 10
        start, end = (first + 10, first + 10 + 10 * amount) if future else (first - 10 * amount, first)
        return Period(dt.date(start, 1, 1), dt.date(end, 1, 1), "decade", relative=True)
    if unit == "quarter":  # whole quarters, as reports count them
        from extractor.claims.duration import Duration

        return relative.units_next_to_now(ctx.analysis, Duration(amount, "quarter"), future)
    if unit == "fortnight":
        amount, unit = amount * 2, "week"
    return relative.day_window(reference, amount, unit, future=future)


# A point counted from the reference or from another date: three years ago, in two weeks, a fortnight later,
# 3 days from Tuesday, 2 weeks before Christmas, 2 weeks and 2 days ago.
AMOUNT = rf"(?:{COUNT})\s{UNIT}(?:,?\s(?:and\s)?(?:{COUNT})\s{UNIT}){{0,2}}"
AGO = (
    rf"(?:(?P<half>(?i:half))\s)?(?P<amount>{AMOUNT})\s(?P<dir>(?i:ago|from\snow|later|earlier|hence|before|after|from))(?!\w)"
    rf"|(?P<in>(?i:in))\s(?P<amount2>{AMOUNT})(?:['’]s?\stime)?(?!\w)"
)
_NOT_AHEAD = compiled.compile(
    r"\b(?:first|highest|lowest|biggest|largest|most|least|best|worst|fastest|slowest|strongest|weakest|time|ever|"
    r"record|since|down|up|rose|fell|grew|increased|decreased|jumped|gained|dropped|declined|doubled|tripled|"
    r"lost|added|climbed|slid|sank|surged|soared|plunged|tumbled)\b|\d\s?%|percent",
    re.I,
)
_AMOUNT_PARTS = compiled.compile(rf"(?P<n>{COUNT})\s(?P<unit>{UNIT})")


def _amounts(text: str) -> list[tuple[int, str]]:
    return [(_count(m.group("n")), UNITS[m.group("unit").lower().rstrip("s")]) for m in _AMOUNT_PARTS.finditer(text)]


def _apply_amounts(day: dt.date, amounts: list[tuple[int, str]], sign: int) -> dt.date:
    for amount, unit in amounts:
        day = _shift(day, sign * amount, unit)
    return day


_HALF_OF = {"century": (50, "year"), "decade": (5, "year"), "year": (6, "month"), "month": (15, "day"), "week": (3, "day")}


@atom("date.en.ago", AGO)
def ago(match: re.Match, ctx: RuleContext) -> Period | None:
    direction = (match.group("dir") or "in").lower()
    if direction in ("before", "after", "from"):
        return None  # only inside the anchored composite (3 days after January 12th)
    amounts = _amounts(match.group("amount") or match.group("amount2"))
    if not amounts or any(not 0 < a <= 1000 for a, _ in amounts):
        return None
    if match.group("half"):  # half a century ago: fifty years
        if len(amounts) != 1 or amounts[0][0] != 1 or amounts[0][1] not in _HALF_OF:
            return None
        amounts = [_HALF_OF[amounts[0][1]]]
    sign = -1 if direction in ("ago", "earlier") else 1
    if direction in ("later", "hence") and not _future(ctx) and _tells_of_past(ctx, match.start()):
        raise _NoReference  # the embassy reopened 10 days later: after an event, not after the article's date
    if direction == "in" and not _future(ctx) and _NOT_AHEAD.search(ctx.before(match.start(), 50)):
        return None  # the first time in three years, rose 5% in two years: a duration, not a date ahead
    if direction == "in" and not _future(ctx) and _tells_of_past(ctx, match.start()):
        return None  # sold 50,000 tickets in four days, sold out in two hours: how long it took
    target = _apply_amounts(_reference(ctx), amounts, sign)
    return _day_period(target).with_flags(approximate=any(unit != "day" for _, unit in amounts))


# A reporting window that ends with a month or a day: the three months to October, the 12 months to
# November 2025, the nine months ended September 30 (the stretch up to the end of it).
WINDOW_TO = (
    rf"(?i:the\s)(?:(?P<n>{COUNT})\s(?P<unit>(?i:months|weeks|years|quarters))|(?P<one>(?i:year|quarter|half|half-year|month|week)))"
    rf"\s(?i:to|ended|ending|through)\s(?P<x>{MONTH_I}(?:\s(?:[0-3]?\d)(?:st|nd|rd|th)?)?(?:,?\s{YEAR})?)(?![\w])"
    # the June quarter, the March quarter of 2026: the three months that end with that month (Australian and
    # Indian reporting)
    rf"|(?i:the\s)(?P<qx>{MONTH_I}(?:\s{YEAR})?)\s(?i:quarter)(?![\w])"
)


@atom("date.en.window_to", WINDOW_TO)
def window_to(match: re.Match, ctx: RuleContext) -> Period | None:
    where = "qx" if match.group("qx") else "x"
    end_period = _resolve_any(ctx, match.start(where), match.end(where))
    if end_period is None or end_period.end is None or isinstance(end_period.end, dt.datetime):
        return None
    if match.group("qx"):
        amount, unit = 3, "month"
    elif match.group("one"):  # the year to October, the quarter ended June 30, the half to September
        word = match.group("one").lower()
        amount, unit = (6, "month") if word.startswith("half") else (1, word)
    else:
        amount = _count(match.group("n"))
        unit = match.group("unit").lower().rstrip("s")
    if not 0 < amount <= 120:
        return None
    start = _shift(end_period.end, -amount, unit)
    return Period(start, end_period.end, "quarter" if match.group("qx") else unit, relative=end_period.relative)


# A fiscal year written with both its years (FY2026-27, FY 2024/25, fiscal 2025-26): April to March, as India,
# Japan and Britain's tax year count it (approximate: other fiscal years start in other months).
FISCAL_SPAN = rf"(?:FY|[Ff]iscal(?:\s[Yy]ear)?)\s?(?P<y1>{YEAR})\s?[-–/]\s?(?P<y2>\d\d|{YEAR})(?![\d%/])"


@atom("date.en.fiscal_span", FISCAL_SPAN)
def fiscal_span(match: re.Match, ctx: RuleContext) -> Period | None:
    first = int(match.group("y1"))
    last = int(match.group("y2")) if len(match.group("y2")) == 4 else first // 100 * 100 + int(match.group("y2"))
    if last != first + 1:
        return None
    return _fiscal_year(first, ctx, match.end())


# The month a fiscal year starts in when the sentence says so: fiscal year 2026-27, which starts July 1.
_FISCAL_START = compiled.compile(rf"[^.;]{{0,30}}?\b(?i:starts|begins|began|started|starting|beginning|runs\sfrom)\s(?:(?i:on|in)\s)?(?P<mon>{MONTH_I})")


def _fiscal_year(first: int, ctx: RuleContext, end: int) -> Period:
    """The fiscal year from ``first`` into the next: from the month the sentence names, else April (India, the
    UK, Canada, Japan), approximate either way (Australia starts in July, the US government in October)."""
    start = _FISCAL_START.match(ctx.text, end)
    month = _month_number(start.group("mon")) if start else 4
    return Period(dt.date(first, month, 1), dt.date(first + 1, month, 1), "year", approximate=start is None)


_FISCAL_NEAR = compiled.compile(r"(?i:\b(?:budget|financial\syear|fiscal|tax\syear|assessment\syear|FY)\b)")
# Year ranges with a short end (2023-25, FY2023-24) and numeric months (2015-12, 12-2015, 2015/3).
YEAR_RANGE = rf"(?<![\d\-/.])(?P<y1>{YEAR})(?:-|–|/|~)(?P<y2>{YEAR}|\d\d)(?![\d%/]|-\d|\.\d)|(?<![\d\-/.])(?P<m>1[0-2]|0?[1-9])[-/](?P<y3>{YEAR})(?![\d%/]|-\d)"


_SEASON_AFTER = compiled.compile(r"\s(?i:season|campaign|school\syear|academic\syear)\b")


@atom("date.en.year_range", YEAR_RANGE)
def year_range(match: re.Match, ctx: RuleContext) -> Period | None:
    if match.group("m"):
        return cal.month(int(match.group("y3")), int(match.group("m")))
    first, short = int(match.group("y1")), int(match.group("y2"))
    last = short if len(match.group("y2")) == 4 else first // 100 * 100 + short
    season = _SEASON_AFTER.match(ctx.text, match.end())
    if season and last == first + 1:  # the 2023-24 season, the 2025/26 school year: July or September to the next
        month = 9 if season.group(0).strip().lower().endswith("year") else 7
        return Period(dt.date(first, month, 1), dt.date(last, month, 1), "year", approximate=True)
    if len(match.group("y2")) == 4:
        if match.string[match.end("y1")] == "/" and short != first + 1:
            return None  # 2019/2088 is a document number; a season or fiscal year (2019/2020) is two years in a row
        return cal.span(cal.year(first), cal.year(short)) if first < short <= first + 100 else None
    last = first // 100 * 100 + short
    if last == first + 1 and _FISCAL_NEAR.search(ctx.text, max(0, match.start() - 30), min(len(ctx.text), match.end() + 24)):
        # Budget 2026-27, the 2024-25 financial year, tax year 2025-26: one fiscal year
        return _fiscal_year(first, ctx, match.end())
    if last == first + 1 or (first < last <= first + 10 and short > 12):
        return cal.span(cal.year(first), cal.year(last))
    if 1 <= short <= 12:
        return cal.month(first, short)
    return None


# A zone after a clock time (6pm EDT): the zone rule moves it to the reference's clock, and its day with it.
_ZONE_NEXT = compiled.compile(r"\s?(?:[A-Z]{2,5}\b|(?:UTC|GMT)[+\-−]|(?i:eastern|central|mountain|pacific|uk|london|local)\s(?i:time))")
# Clock times on their own: on the reference day.
_MEAL_WORDS = "|".join(name.replace(" ", r"\s") for name in sorted(MEAL_AND_LIGHT, key=len, reverse=True))
TIME_ONLY = (
    rf"(?<![\d:.$£€¥])(?P<clock>{CLOCK})(?P<part>\s(?i:in\sthe\s)(?:{DAYPART}))?"
    rf"|(?P<dp>(?i:in\sthe\s)(?:{DAYPART}))\s(?i:at)\s(?P<clock2>{CLOCK}|{BARE_HOUR})"
    rf"|(?P<pm>(?i:in\sthe\s|this\s|early\sin\sthe\s|late\sin\sthe\s|later\sin\sthe\s|early\sthis\s|late\sthis\s|later\sthis\s|early\s|late\s)(?:morning|afternoon|evening|daytime))(?!\w)"
    rf"|(?P<ln>(?i:last\snight|last\sevening))(?!\w)"
    # after at/by/around/before/after/until/till only: Dawn and Sunrise are also names
    rf"|(?:(?<=at\s)|(?<=by\s)|(?<=around\s)|(?<=before\s)|(?<=after\s)|(?<=until\s)|(?<=till\s))"
    rf"(?P<meal>(?i:{_MEAL_WORDS}))(?![\w-])"
)


@atom("date.en.time", TIME_ONLY)
def time_only(match: re.Match, ctx: RuleContext) -> Period | None:
    reference = _reference(ctx)
    if match.group("ln"):
        return _part_of_day(reference - dt.timedelta(days=1), match.group("ln").split()[-1].lower()).with_flags(relative=True)
    if match.group("meal"):
        first, last = MEAL_AND_LIGHT[" ".join(match.group("meal").lower().split())]
        base = dt.datetime(reference.year, reference.month, reference.day)
        return Period(base + dt.timedelta(hours=first), base + dt.timedelta(hours=last), "hour", True, True)
    if match.group("pm"):
        words = match.group("pm").lower().split()
        modifier = "early" if words[0] == "early" else "late" if words[0] in ("late", "later") else None
        period = _part_of_day(reference, words[-1], modifier)
        if words[0] == "later" and words[1] == "this":
            period = Period(period.start, period.end, "hour")
        return period.with_flags(relative=True)
    clock = _parse_clock(match.group("clock") or match.group("clock2"))
    if clock is None:
        return None
    part_text = match.group("part") or match.group("dp")
    part = part_text.split()[-1].lower() if part_text else None
    hour, minute, second, meridiem, grain = clock
    now = ctx.analysis.reference_time
    clock_text = match.group("clock") or match.group("clock2")
    if (
        now is not None
        and part is None
        and meridiem is None
        and 1 <= hour <= 12
        and not re.match(r"0|\d+h", clock_text)
        and not ctx._cache.get("resolving")  # a part of a longer date (Feb 1st no later than 6:00): its day decides
    ):
        # at seven, 4:30, five o'clock: neither day nor half of the day, said at a known time. The policy
        # picks among the readings around it (seven in the morning or the evening, today or the days either
        # side), as the Chinese rules read 三点. A leading zero (04:30) or 9h00 is a 24-hour clock: as written.
        readings = [
            _moment(now.date() + dt.timedelta(days=offset), h, minute, second, grain)
            for offset in (-1, 0, 1)
            for h in (hour % 12, hour % 12 + 12)
        ]
        return _clock_reading(readings, now, hour, minute, second, _clock_policy(ctx))
    period = _clock_on(reference, clock, part=part).with_flags(relative=True)
    if ctx._cache.get("resolving") or _ZONE_NEXT.match(ctx.text, match.end()):
        return period  # a part of a longer date, or a clock of another zone: its day is decided there
    return resolve.clock_on_its_day(period, now, _prefer(ctx))


def _clock_reading(readings: list[Period], now: dt.datetime, hour: int, minute: int, second: int, policy: str | None) -> Period | None:
    """The policy's reading of a clock time without its half of the day; under the news default without a
    cue (policy None) the hour as written on the reference day, the other half of it as the alternative."""
    if policy is None:  # as written, on the day before when that is still to come (a past clause)
        written = resolve.clock_as_written(readings, dt.datetime(now.year, now.month, now.day, hour % 24, minute, second))
        return resolve.clock_on_its_day(written, now, "past") if written is not None else None
    return resolve.pick_clock(readings, now, prefer=policy)


def _clock_policy(ctx: RuleContext) -> str | None:
    """How a clock time without its half of the day is read at a known reference time: the policy the user
    chose, or under the news default a future cue (the talks will resume at 11:40); None when the news
    default finds no cue, and the hour is read as written on the reference day, the other half of the day
    its alternative (Recognizers' reading too: a reference at midnight would otherwise put every hour on
    the day before)."""
    prefer = _prefer(ctx)
    if prefer in resolve.PAST and (getattr(ctx.analysis, "prefer_dates", None) or resolve.DEFAULT) == resolve.DEFAULT:
        return None
    return prefer


# --- Resolution of a sub-span by the atoms ----------------------------------------------------------------


def _resolve(ctx: RuleContext, start: int, end: int, *, year: int | None = None, names: tuple[str, ...] | None = None) -> Period | None:
    """The period of text[start:end] read as one atom (the first atom that takes the whole of it)."""
    saved, resolving = ctx._cache.get("year_hint"), ctx._cache.get("resolving")
    ctx._cache["year_hint"], ctx._cache["resolving"] = year, True
    try:
        for name, pattern, function in _ATOMS:
            if names is not None and name not in names:
                continue
            match = pattern.fullmatch(ctx.text, start, end)
            if match is None:
                continue
            period = function(match, ctx)
            if period is not None:
                return period
    finally:
        ctx._cache["year_hint"], ctx._cache["resolving"] = saved, resolving
    return None


def _resolve_yearless(ctx: RuleContext, start: int, end: int) -> tuple[Period | None, bool]:
    ctx._cache["yearless"] = False
    period = _resolve(ctx, start, end)
    return period, bool(ctx._cache.get("yearless"))


def _explicit_year(ctx: RuleContext, start: int, end: int) -> int | None:
    found = re.findall(rf"(?<!\d)({YEAR})(?!\d)", ctx.text[start:end])
    return int(found[-1]) if found else None


# --- Composites ------------------------------------------------------------------------------------------

_DAY_ATOMS = ("date.en.weekday_numeric", "date.en.day", "date.en.numeric", "date.en.short_numeric", "date.en.relative", "date.en.weekday",
              "date.en.weekday_day", "date.en.holiday", "date.en.day_of_month")  # fmt: skip
DAY_ATOM = "(?:" + "|".join(_ATOM_TEXT[name] for name in _DAY_ATOMS) + "|" + _bare(numeric.ISO_DATE.pattern).replace("(?P=sep)", "[-/.]") + ")"
DAY_ATOM = DAY_ATOM.replace("(?P=sep)", "[-/.]")
_PERIOD_ATOMS = ("date.en.month", "date.en.year", "date.en.quarter", "date.en.season", "date.en.relative_unit",
                 "date.en.iso_week", "date.en.sub_period", "date.en.decade")  # fmt: skip
NOW = r"(?i:now|today|date|current\sdate|the\spresent|present)"
ANY_ATOM = "(?:" + DAY_ATOM + "|" + "|".join(_ATOM_TEXT[name] for name in _PERIOD_ATOMS) + ")"
DAY_NUMBER = rf"(?:(?i:the)\s)?(?:{DAYN}|{ORDW})"

_ISO_RULE = numeric.ISO_DATE


def _resolve_any(ctx: RuleContext, start: int, end: int, *, year: int | None = None) -> Period | None:
    text = ctx.text[start:end]
    if _ISO_RULE.fullmatch(text):
        match = _ISO_RULE.fullmatch(text)
        return cal.day(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    if re.fullmatch(NOW, text) and text.lower() != "today":
        reference = _reference(ctx)
        return Period(reference, reference, "day", relative=True)
    return _resolve(ctx, start, end, year=year)


# A week around a day: the week of April 10th, w/c Feb 4, the week beginning February 4, the weekend of X.
WEEK_OF = (
    rf"(?P<what>(?i:(?:the\s)?week\sof|w/c|(?:the\s)?week\s(?:beginning|starting|commencing)(?:\son)?|(?:the\s)?weekend\sof))\s(?P<x>{DAY_ATOM}|{DAY_NUMBER}(?![\d.,:]\d|\d))"
    rf"|(?P<x2>{_ATOM_TEXT['date.en.holiday']})\s(?i:long\s)?weekend(?:\s(?P<y>{YEAR}))?"  # the Victoria Day long weekend
)


def week_of(match: re.Match, ctx: RuleContext) -> Period | None:
    if match.group("x2"):
        period = _resolve(ctx, match.start("x2"), match.end("x2"), year=int(match.group("y")) if match.group("y") else None)
        weekend = True
    else:
        start, end = match.start("x"), match.end("x")
        period = _resolve(ctx, start, end)
        if period is None:
            period = _resolve(ctx, start, end, names=("date.en.day_of_month",))
        if period is None:
            text = ctx.text[start:end]
            reference = _reference(ctx)
            day_number = _day_number(re.sub(r"^(?i:the)\s", "", text))
            period = resolve.pick_day_of_month(reference, day_number, prefer=_prefer(ctx))
        weekend = "weekend" in match.group("what").lower()
    day = _day_of(period) if period else None
    if day is None:
        return None
    if weekend:
        if day.weekday() in (0, 3, 4):  # a holiday on Monday, Thursday or Friday makes a long weekend
            start = day - dt.timedelta(days=2) if day.weekday() == 0 else day
            end = cal.week(day).start + dt.timedelta(days=7) if day.weekday() else day + dt.timedelta(days=1)
            return Period(start, end, "day", relative=period.relative)
        saturday = cal.week(day).start + dt.timedelta(days=5)
        return Period(saturday, saturday + dt.timedelta(days=2), "day", relative=period.relative)
    return cal.week(day).with_flags(relative=period.relative)


# From–to ranges: from 2023 to 2025, between March and May 2026, Nov 18-Dec 19, 2015, April 9th through
# 17th, between 3 and 12 of Sept, from 10/1 to 11/7, from March to date.
RANGE_WORD = r"(?:\s?(?:-|–|—|~|to)\s?|\s(?i:to|through|thru|till|until|and|up\sto)\s|\s?-\s?)"
RANGE = (
    rf"(?P<from>(?i:from|between)\s)?(?P<a>{ANY_ATOM}|{DAY_NUMBER}|{NOW})(?P<sep>{RANGE_WORD})(?P<b>(?i:the\s)?(?:{ANY_ATOM}|{DAY_NUMBER}(?:\s(?i:of)\s{MONTH_I})?|{NOW}))"
    rf"(?:(?:,\s?|\s(?:in\s)?)(?P<y>{YEAR})(?!\d))?(?P<rel>\s(?i:in|of)\s(?i:this|next|last)\smonth)?"
)


_UNIT_AFTER = compiled.compile(r"(?i:\s(?:months?|years?|weeks?|days?|hours?|minutes?|per\s?cent|percent|points?)\b|\s?%)")


def range_period(match: re.Match, ctx: RuleContext) -> Period | None:
    separator = match.group("sep").strip().lower()
    opener = (match.group("from") or "").strip().lower()
    if separator == "and" and opener != "between":
        return None
    if separator in ("-", "–", "—", "~") and opener == "" and re.match(r"[\d\s]+$", match.group(0)):
        return None  # bare digit-dash-digit: a score or a code, not a range
    a_start, a_end, b_start, b_end = match.start("a"), match.end("a"), match.start("b"), match.end("b")
    year = int(match.group("y")) if match.group("y") else None
    a_text, b_text = ctx.text[a_start:a_end], ctx.text[b_start:b_end]
    if re.fullmatch(rf"(?:(?i:the)\s)?(?:{DAYN}|{ORDW})", a_text) or re.fullmatch(rf"(?:(?i:the)\s)?(?:{DAYN}|{ORDW})", b_text):
        if _UNIT_AFTER.match(ctx.text, match.end()):
            return None  # sentenced on Friday to 18 months: a length, no day of the month
        return _day_number_range(match, ctx, year)
    first_day, last_day = (WEEKDAYS.get(t.lower().rstrip(".")) for t in (a_text, b_text))
    if first_day is not None and last_day is not None and year is None:
        return _weekday_range(ctx, first_day, last_day)
    b_year = year if year is not None else _explicit_year(ctx, b_start, b_end)
    b = _resolve_any(ctx, b_start, b_end, year=year)
    if b is None:
        return None
    a, a_yearless = _resolve_yearless(ctx, a_start, a_end)
    if a is None:
        a = _resolve_any(ctx, a_start, a_end)
        if a is None:
            return None
    if a_yearless and b_year is not None:
        a = _resolve(ctx, a_start, a_end, year=b_year)
        if a is not None and b.end is not None and a.start is not None and a.start >= b.end:
            a = _resolve(ctx, a_start, a_end, year=b_year - 1)
    elif a_yearless and not _explicit_year(ctx, a_start, a_end):
        b_yearless = _resolve_yearless(ctx, b_start, b_end)[1]
        if b_yearless:
            return _yearless_range(ctx, a_start, a_end, b_start, b_end)
    if a is None or a.start is None or b.end is None:
        return None
    if b.end <= a.start and b.relative and not b_year:
        if b_text.lower().rstrip(".") in WEEKDAYS and b.grain == "day":  # from next Monday to Friday, Tues-Thurs
            days = ((a.start if not isinstance(a.start, dt.datetime) else a.start.date()) - b.start).days // 7 * 7 + 7
            b = Period(b.start + dt.timedelta(days=days), b.end + dt.timedelta(days=days), "day", relative=True)
        else:
            shifted = _resolve(ctx, b_start, b_end, year=(a.start.year + 1))
            if shifted is not None:
                b = shifted
    period = cal.span(a, b)
    if period is None:
        return None
    if isinstance(period.start, dt.datetime) != isinstance(period.end, dt.datetime):
        return None
    return period


def _weekday_range(ctx: RuleContext, first_day: int, last_day: int) -> Period:
    """Mon-Fri, Tuesday to Thursday: one stretch of days read as a whole by the policy (this week's holds
    the reference on a Tuesday and has not ended: the future reading too), not each end apart."""
    reference = _reference(ctx)
    length = (last_day - first_day) % 7 + 1
    monday = cal.week(reference).start
    readings = []
    for weeks in (-1, 0, 1):
        start = monday + dt.timedelta(weeks=weeks, days=first_day)
        readings.append(Period(start, start + dt.timedelta(days=length), "range"))
    return resolve.choose(readings, reference, _prefer(ctx))


def _yearless_range(ctx: RuleContext, a_start: int, a_end: int, b_start: int, b_end: int) -> Period | None:
    def make(y: int) -> Period | None:
        first = _resolve(ctx, a_start, a_end, year=y)
        last = _resolve(ctx, b_start, b_end, year=y)
        if first is None or last is None:
            return None
        if last.end <= first.start:
            last = _resolve(ctx, b_start, b_end, year=y + 1)
        return cal.span(first, last) if last else None

    reference = _reference(ctx)
    period = resolve.pick_year(make, reference, prefer=_prefer(ctx))
    return period.with_flags(relative=True) if period else None


def _day_number_range(match: re.Match, ctx: RuleContext, year: int | None) -> Period | None:
    """April 9th through 17th, between 3 and 12 of Sept, from the twenty-seventh to the third of April."""
    a_text, b_text = ctx.text[match.start("a") : match.end("a")], ctx.text[match.start("b") : match.end("b")]
    number = rf"(?:(?i:the)\s)?(?P<d>{DAYN}|{ORDW})"
    a_bare = re.fullmatch(number, a_text)
    b_bare = re.fullmatch(number + rf"(?:\s(?:(?i:of)\s)?(?P<mon>{MONTH_I})(?:,?\s(?P<by>{YEAR}))?)?", b_text)  # 12-14 November too
    if b_bare and b_bare.group("by") and year is None:
        year = int(b_bare.group("by"))
    relative_month = match.group("rel")
    if a_bare and b_bare and (b_bare.group("mon") or relative_month):
        first_day, last_day = _day_number(a_bare.group("d")), _day_number(b_bare.group("d"))
        if relative_month:
            reference = _reference(ctx)
            offset = {"this": 0, "next": 1, "last": -1}[relative_month.split()[-2].lower()]
            start = cal.add_months(dt.date(reference.year, reference.month, 1), offset)
            first, last = cal.day(start.year, start.month, first_day), cal.day(start.year, start.month, last_day)
            period = cal.span(first, last) if first and last else None
            return period.with_flags(relative=True) if period else None
        month = _month_number(b_bare.group("mon"))

        def make(y: int) -> Period | None:
            last = cal.day(y, month, last_day)
            if last is None:
                return None
            first = cal.day(y, month, first_day) if first_day <= last_day else cal.day(*(cal.add_months(dt.date(y, month, 1), -1).timetuple()[:2]), first_day)
            return cal.span(first, last) if first else None

        if year:
            return make(year)
        return _pick(make, ctx)
    if not a_bare and b_bare and not b_bare.group("mon"):
        first = _resolve(ctx, match.start("a"), match.end("a"), year=year)
        if first is None or _day_of(first) is None:
            return None
        first_date = _day_of(first)
        last_day = _day_number(b_bare.group("d"))
        last_month = first_date if last_day >= first_date.day else cal.add_months(dt.date(first_date.year, first_date.month, 1), 1)
        last = cal.day(last_month.year, last_month.month, last_day)
        period = cal.span(first, last) if last else None
        return period.with_flags(relative=first.relative) if period else None
    return None


# Open-ended ranges: before 2018 → [null, 2018-01-01); after 2016 → [2017-01-01, null); since March →
# [March 1, null); 2012 or later → [2012-01-01, null); until April 27 → [null, April 27).
OPEN_BEFORE_WORDS = r"(?i:before|prior\sto|earlier\sthan|no\slater\sthan|not\slater\sthan|until|till|up\suntil|by|as\slate\sas|ahead\sof)"
OPEN_AFTER_WORDS = (
    r"(?i:no\searlier\sthan|not\searlier\sthan|no\ssooner\sthan|not\sbefore|not\suntil|after|later\sthan|greater\sthan"
    r"|since|starting(?:\son|\sfrom)?|beginning(?:\son)?|as\searly\sas|from|any\stime\sfrom|effective)"
)
OPEN = (
    rf"(?P<pre>{OPEN_BEFORE_WORDS}|{OPEN_AFTER_WORDS})\s(?:(?P<around>(?i:around|about))\s)?(?P<x>{ANY_ATOM}|{CLOCK})(?!['’]s\b)"
    rf"(?:\s(?P<onward>(?i:onwards?|forward|and\sbeyond)(?!\w)|(?i:on)(?=\s?(?:[.,;:!?)]|$))))?"  # from 2020 onwards
    rf"|(?P<x2>{ANY_ATOM}|{CLOCK})\s(?P<post>(?i:or\slater|and\slater|or\safter|and\safter|and\sgreater|or\sgreater|onwards?|and\sbeyond|or\searlier|and\searlier|or\sbefore|and\sbefore))(?!\w)"
    rf"|(?P<op>[<>]\s?=?)\s?(?P<x3>{YEAR})(?!\d)"
)
_ON_OR = compiled.compile(r"(?i:\bon\sor\s)$")
_NEGATED = compiled.compile(r"(?i:\b(?:not|never)|n['’]t)\s(?:[a-z]+\s){0,2}$")
# A bound turned round by its negation is the start: no earlier than March, not before April, not until 2027.
_INCLUSIVE_AFTER = ("since", "starting", "beginning", "as early as", "from", "any time from", "effective", "no earlier than",
                    "not earlier than", "no sooner than", "not before", "not until")  # fmt: skip


def open_period(match: re.Match, ctx: RuleContext) -> Period | None:
    group = "x" if match.group("x") else "x2" if match.group("x2") else "x3"
    start, end = match.start(group), match.end(group)
    period = _resolve_any(ctx, start, end)
    if period is None:
        text = ctx.text[start:end]
        clock = _parse_clock(text)
        if clock is None:
            return None
        period = _clock_on(_reference(ctx), clock).with_flags(relative=True)
    if period.start is None or period.end is None or period.start == period.end:
        return None
    instant = period.grain in ("hour", "minute", "second") and (period.end - period.start) <= dt.timedelta(hours=1)
    late_part = bool(re.match(r"(?i:(?:the\s)?end\sof|late)\b", ctx.text[start:end]))
    early_part = bool(re.match(r"(?i:(?:the\s)?(?:beginning|start)\sof|early)\b", ctx.text[start:end]))
    if match.group("op"):
        op = match.group("op").replace(" ", "")
        if op.startswith(">"):
            result = cal.open_after(period, inclusive="=" in op)
        else:
            result = Period(None, period.end if "=" in op else period.start, period.grain)
    elif match.group("post"):
        post = " ".join(match.group("post").lower().split())
        if post.endswith(("earlier", "before")):
            result = Period(None, period.end, period.grain)
        else:
            result = cal.open_after(period, inclusive=True)
    else:
        pre = " ".join(match.group("pre").lower().split())
        if pre in ("before", "until", "till", "up until", "prior to") and _NEGATED.search(ctx.text, max(ctx.sentence[0], match.start() - 30), match.start()):
            pre = "not before"  # will not happen before April, won't open until 2027: from then on
        if pre == "from" and not instant and not match.group("onward"):
            return None  # "from 2018" alone is the start of a range we do not see
        if pre.startswith(("starting", "beginning")):
            pre = pre.split()[0]
        if pre in _INCLUSIVE_AFTER or (pre.startswith("starting") or pre.startswith("beginning")):
            result = cal.open_after(period, inclusive=True)
        elif pre in ("after", "later than", "greater than"):
            result = cal.open_after(period, inclusive=instant or early_part)
        elif pre == "by" and not (instant or late_part):
            return None  # by itself too often means "by means of" or an amount (down by 2025 levels?)
        elif pre == "before" and _ON_OR.search(ctx.text, max(0, match.start() - 6), match.start()):
            result = Period(None, period.end, period.grain)  # on or before December 24: through the 24th
        elif late_part or pre in ("until", "till", "up until", "no later than", "not later than", "as late as", "by"):
            result = Period(None, period.end, period.grain)  # a deadline includes X: until X = X or earlier
        else:
            result = cal.open_before(period)
    result = Period(result.start, result.end, "range", relative=period.relative, approximate=period.approximate or bool(match.group("around")))
    return result


# A day with a clock time: Monday at 2:30 p.m., tomorrow 8:00am, 9am on Tuesday, Dec. 9, 2026, at 3 p.m.,
# with a part of the day: Monday afternoon, tomorrow evening around 7, Sunday early morning at 8:00.
DAYPART_WORDS = rf"(?:(?i:early|late|later)\s)?(?i:morning|afternoon|evening|night|am|pm)"
DAY_TIME = (
    rf"(?P<d>{DAY_ATOM})(?:,?\s(?:in\sthe\s)?(?P<part>{DAYPART_WORDS}))?(?:,?\s?(?:(?i:at|@|around|about)\s?)?|\s)(?P<t>{CLOCK}|(?<=at\s){BARE_HOUR}|(?<=around\s){BARE_HOUR}|(?<=@\s){BARE_HOUR})"
    rf"(?:\s(?P<part2>(?:in\sthe\s)?{DAYPART_WORDS}))?"
    rf"|(?P<t2>{CLOCK}),?\s(?:(?i:on|of)\s)?(?P<d2>{DAY_ATOM})(?:,?\s(?P<part3>{DAYPART_WORDS}))?"
    rf"|(?P<d3>{DAY_ATOM})(?:,?\s(?:in\sthe\s)?|\s)(?P<part4>{DAYPART_WORDS})(?!\w)"
    rf"|(?P<part5>{DAYPART_WORDS})\s(?i:of)\s(?P<d5>{DAY_ATOM})"
    rf"|(?P<d6>{DAY_ATOM})\s(?P<t6>{BARE_HOUR})(?=\s?$|\s?[.,;!?]|\s(?:or|and)\b)"
)


def _part_word(text: str | None) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    words = text.lower().split()
    modifier = {"early": "early", "late": "late", "later": "late"}.get(words[0])
    return words[-1], modifier


def day_time(match: re.Match, ctx: RuleContext) -> Period | None:
    day_group = next(g for g in ("d", "d2", "d3", "d5", "d6") if match.group(g))
    day_period = _resolve_any(ctx, match.start(day_group), match.end(day_group))
    if day_period is None:
        return None
    relative = day_period.relative
    text_day = ctx.text[match.start(day_group) : match.end(day_group)].lower()
    if text_day in ("tonight", "tonite"):
        day, implied_part = day_period.start.date(), "tonight"
    else:
        day, implied_part = _day_of(day_period), None
    if day is None:
        return None
    part, modifier = _part_word(match.group("part") or match.group("part2") or match.group("part3") or match.group("part4") or match.group("part5"))
    clock_text = match.group("t") or match.group("t2") or match.group("t6")
    if clock_text is None:
        if part is None:
            return None
        return _part_of_day(day, part, modifier).with_flags(relative=relative)
    clock = _parse_clock(clock_text)
    if clock is None:
        return None
    if implied_part == "tonight" and clock_text.lower().replace(" ", "") == "midnight":
        day += dt.timedelta(days=1)  # midnight tonight: the night's midnight, at the end of the day
    return _clock_on(day, clock, part=part or implied_part).with_flags(relative=relative)


# Time ranges: 5 to 6pm, between 3 and 8am, 9-10 am, from 3 in the morning until 5pm, 10am-12pm,
# with a day on either side: Monday 8-9am, between 3 and 8am next Monday, Tuesday from 2:00 to 2:30 pm.
CLOCK_OR_HOUR = rf"(?:{CLOCK}|{BARE_HOUR}|\d{{4}}(?=\s?-|$))"
TIME_RANGE_CORE = (
    rf"(?:(?i:from|between)\s)?(?P<t1>{CLOCK_OR_HOUR})(?P<p1>\s(?i:in\sthe\s)(?:morning|afternoon|evening))?"
    rf"(?:\s?(?:-|–|to)\s?|\s(?i:to|till|until|and)\s)(?P<t2>{CLOCK_OR_HOUR})(?P<p2>\s(?i:in\sthe\s|this\s)?(?:morning|afternoon|evening|night)(?!\w))?"
)
TIME_RANGE = (
    rf"(?:(?:(?P<dpx>(?i:this|last|next|tomorrow|yesterday)\s(?:morning|afternoon|evening|night))|(?P<d>{DAY_ATOM}))(?:,?\s(?P<dpart>{DAYPART_WORDS}))?,?\s(?:(?i:at|from|between|on)\s)?)?{TIME_RANGE_CORE}"
    rf"(?:\s(?:(?i:on|of)\s)?(?:(?P<dpx2>(?i:this|last|next|tomorrow|yesterday)\s(?:morning|afternoon|evening|night))|(?P<d2>{DAY_ATOM})(?:\s(?P<dpart2>{DAYPART_WORDS}))?))?"
)


# A window from a clock time on one day to a clock time on another, as warnings and closures are given: from
# 6pm on Tuesday until 10am on Wednesday, from 9pm on 22 December to 6am on 23 December.
CLOCK_DAY_WINDOW = (
    rf"(?i:from)\s(?P<t1>{CLOCK})\s(?:(?i:on)\s)?(?P<d1>{DAY_ATOM})\s(?i:until|till|to)\s(?P<t2>{CLOCK})\s(?:(?i:on)\s)?(?P<d2>{DAY_ATOM})"
)


def clock_day_window(match: re.Match, ctx: RuleContext) -> Period | None:
    first = _resolve_any(ctx, match.start("d1"), match.end("d1"))
    second = _resolve_any(ctx, match.start("d2"), match.end("d2"))
    day1, day2 = (_day_of(first) if first else None), (_day_of(second) if second else None)
    clock1, clock2 = _parse_clock(match.group("t1")), _parse_clock(match.group("t2"))
    if None in (day1, day2, clock1, clock2):
        return None
    while day2 < day1:  # the second day read alone may fall before the first: the one after it
        if re.fullmatch(rf"(?i:{WEEKDAY})", match.group("d2")):
            day2 += dt.timedelta(days=7)
        else:
            day2 = day2.replace(year=day2.year + 1)
    start, end = _clock_on(day1, clock1).start, _clock_on(day2, clock2).start
    if end <= start:
        return None
    return Period(start, end, "range", relative=first.relative or second.relative)


def _clock_pair(first_text: str, second_text: str, part: str | None) -> tuple[tuple, tuple] | None:
    def parse(text: str):
        if re.fullmatch(r"\d{4}", text):
            hour, minute = int(text[:2]), int(text[2:])
            return (hour, minute, 0, None, "minute") if hour < 24 and minute < 60 else None
        return _parse_clock(text)

    first, second = parse(first_text), parse(second_text)
    if first is None or second is None:
        return None
    h1, m1, s1, mer1, g1 = first
    h2, m2, s2, mer2, g2 = second
    if mer2 is None and part in ("afternoon", "evening", "pm", "night", "tonight") and h2 < 12:
        h2, mer2 = h2 + 12, "p"
    if mer1 is None and part in ("afternoon", "evening", "pm", "night", "tonight") and h1 < 12:
        h1, mer1 = h1 + 12, "p"
    if mer1 is None and mer2 in ("p",) and h1 < 12 and (h1 + 12) * 60 + m1 < h2 * 60 + m2:
        h1 += 12
    if mer1 is None and mer2 == "a" and h1 == 12:
        h1 = 0
    if mer2 is None and (h2, m2) <= (h1, m1) and h2 < 12:
        h2 += 12
    if mer2 == "a" and h2 == 0 and h1 > 0 and mer1 != "p":
        h2 = 12  # 10am-12am means until noon
    if (h2, m2) <= (h1, m1):
        if not (mer1 == "p" and mer2 == "a" or (mer1 is None and mer2 is None and ":" in first_text and ":" in second_text)):
            return None
        h2 += 24  # 10pm to 6am, 22:00-06:00: through the night, into the next day
    return (h1, m1, s1, mer1, g1), (h2, m2, s2, mer2, g2)


_COMPOUND_NUMBER = compiled.compile(r"(?i:\b(?:twenty|thirty|forty|fifty)-(?:one|two|three|four|five|six|seven|eight|nine)\b)")


# A score (won 3-1, drew 1-1, a 2-0 win) or a tally of votes (the court ruled 6-3, the board voted 7-2, a 5-4
# decision): two numbers around a dash after these words are no hours.
_SCORE_WORDS = compiled.compile(
    r"(?i:\b(?:won|win|wins|winning|lost|lose|loses|losing|drew|draw|draws|beat|beats|beaten|defeated|defeat|"
    r"thrashed|edged|led|leads|trailed|trail|victory|score|scored|scoreline|tie|tied|lead|ended|finished|final|"
    r"ruled|rules|ruling|voted|votes|vote|decided|sided|upheld|struck|overturned|approved|rejected|passed|majority)\b[^.;]{0,30}$)"
)


def time_range(match: re.Match, ctx: RuleContext) -> Period | None:
    if _COMPOUND_NUMBER.search(match.group(0)):
        return None  # seven thirty-five: one number of minutes, not a range from seven thirty to five
    first, second = match.group("t1"), match.group("t2")
    if first.isdigit() and second.isdigit() and not (match.group("p1") or match.group("p2")):
        # 3-1, 2-0 with neither minutes nor a half of the day: a score after a verb of winning, and no span
        # of hours when the first is before six or both are one (9-5 and 10-4 are opening hours).
        if _SCORE_WORDS.search(ctx.text, max(ctx.sentence[0], match.start() - 40), match.start("t1")):
            return None
        day_given = match.group("d") or match.group("d2") or match.group("dpx") or match.group("dpx2")
        if not re.match(r"(?i:from|between)", match.group(0)) and (first == second or (int(first) < 6 and not day_given)):
            return None
    part = None
    for group in ("p1", "p2", "dpart", "dpart2"):
        if match.group(group):
            part = _part_word(match.group(group))[0]
    day_group = "d" if match.group("d") else "d2" if match.group("d2") else None
    if match.group("dpx") or match.group("dpx2"):
        word, part = (w.lower() for w in (match.group("dpx") or match.group("dpx2")).split())
        offset = {"this": 0, "last": -1, "yesterday": -1, "next": 1, "tomorrow": 1}[word]
        day, relative = _reference(ctx) + dt.timedelta(days=offset), True
    elif day_group:
        day_period = _resolve_any(ctx, match.start(day_group), match.end(day_group))
        if day_period is None:
            return None
        text_day = ctx.text[match.start(day_group) : match.end(day_group)].lower()
        if text_day in ("tonight", "tonite"):
            day, part = day_period.start.date(), part or "tonight"
        else:
            day = _day_of(day_period)
        relative = day_period.relative
    else:
        if not re.search(r"(?i:[ap]\.?\s?m\b|:|o['’]?clock|morning|afternoon|evening|night|noon)", match.group(0)):
            return None  # 5-6, 3 to 4: counts, not hours
        day, relative = _reference(ctx), True
    if day is None:
        return None
    pair = _clock_pair(match.group("t1"), match.group("t2"), part)
    if pair is None:
        return None
    first, second = pair
    start = _moment(day, first[0], first[1], first[2], "minute").start
    end_day = day + dt.timedelta(days=second[0] // 24)
    end = _moment(end_day, second[0] % 24, second[1], second[2], "minute").start
    return Period(start, end, "range", relative=relative)


# Counted from an anchor: 3 days from Tuesday, 2 weeks before Christmas, two months after next Friday; the
# day after Thanksgiving (that day), the week before Easter (the seven days before it), the month after
# Christmas (the calendar month after its month).
ANCHORED = (
    rf"(?:(?P<amount>{AMOUNT})|(?i:the)\s(?P<unit>(?i:day|weekend|week|month|year)|{WEEKDAY}))"
    rf"\s(?P<dir>(?i:from|after|before|since))\s(?P<x>{DAY_ATOM}|(?:the\s)?(?i:year\s)?{YEAR})"
)


def anchored(match: re.Match, ctx: RuleContext) -> Period | None:
    anchor = _resolve_any(ctx, match.start("x"), match.end("x"))
    if anchor is None or anchor.start is None:
        return None
    base = anchor.start.date() if isinstance(anchor.start, dt.datetime) else anchor.start
    if match.group("unit"):  # the day after X, the week before X: the next or previous one of that unit
        direction = match.group("dir").lower()
        if direction in ("from", "since"):
            return None
        unit, sign = match.group("unit").lower(), -1 if direction == "before" else 1
        if unit == "day":
            return _day_period(base + dt.timedelta(days=sign), relative=anchor.relative)
        if unit in WEEKDAYS:  # the Monday after Easter: the first one after it; the Friday before: the last before
            weekday = WEEKDAYS[unit]
            step = (weekday - base.weekday()) % 7 or 7 if sign > 0 else -((base.weekday() - weekday) % 7 or 7)
            return _day_period(base + dt.timedelta(days=step), relative=anchor.relative)
        if unit == "weekend":  # the weekend before Christmas: the Saturday and Sunday before it (or after it)
            saturday = base + dt.timedelta(days=(5 - base.weekday()) % 7 or 7) if sign > 0 else base - dt.timedelta(days=(base.weekday() - 5) % 7 or 7)
            if sign < 0 and saturday + dt.timedelta(days=1) >= base:
                saturday -= dt.timedelta(days=7)
            return Period(saturday, saturday + dt.timedelta(days=2), "day", relative=anchor.relative)
        if unit == "week":
            start = base - dt.timedelta(days=7) if sign < 0 else base + dt.timedelta(days=1)
            return Period(start, start + dt.timedelta(days=7), "week", relative=anchor.relative)
        shifted = _shift(base, sign, unit)
        period = {"week": cal.week, "month": lambda d: cal.month(d.year, d.month), "year": lambda d: cal.year(d.year)}[unit](shifted)
        return period.with_flags(relative=anchor.relative)
    if match.group("dir").lower() == "since" and not re.search(r"(?i)\bin\s$", ctx.text[max(0, match.start() - 3) : match.start()]):
        return None  # two years since 2021, risen by a quarter since 2021: how long or how much (in two years since 2011 is 2013)
    amounts = _amounts(match.group("amount"))
    if not amounts or any(not 0 < a <= 1000 for a, _ in amounts):
        return None
    sign = -1 if match.group("dir").lower() == "before" else 1
    if sign > 0 and re.search(r"(?i)\bfor\s$", ctx.text[max(0, match.start() - 4) : match.start()]):
        # closed for a fortnight from Monday: that long, starting then (a fortnight from Monday alone is the day)
        return Period(base, _apply_amounts(base, amounts, 1), "range", relative=anchor.relative)
    return _day_period(_apply_amounts(base, amounts, sign), relative=anchor.relative)


# --- Rules ----------------------------------------------------------------------------------------------


def _rule(name: str, pattern: str | re.Pattern, function: Resolver) -> Rule:
    compiled_pattern = pattern if isinstance(pattern, re.Pattern) else compiled.compile(pattern)

    def build(match: re.Match, ctx: RuleContext) -> Candidate | None:
        try:
            period = function(match, ctx)
        except _NoReference:
            return Candidate("date", match.start(), match.end(), None, name)
        except Exception:  # noqa: BLE001 - a builder never raises: an odd match is rejected
            return None
        if period is None:
            return None
        return Candidate("date", match.start(), match.end(), period.as_dict(), name)

    return Rule(name, compiled_pattern, build)


_LEAD_WORDS = (
    "january february march april may june july august september october november december jan feb mar apr jun jul "
    "aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
    "fri sat sun this next last previous past coming following current upcoming the early mid middle late end start "
    "beginning from between around about circa fiscal fy calendar year week weekend work working today tomorrow "
    "yesterday tonight tonite tmrw day noon midday midnight quarter half q h spring summer autumn fall winter before "
    "after since until till by prior earlier later no not greater as up ahead effective starting any in within w/c "
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred a an couple few several first "
    "second third fourth fifth final sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
    "sixteenth seventeenth eighteenth nineteenth twentieth thirtieth christmas xmas new independence halloween "
    "valentine valentine's valentines st st. saint earth juneteenth veterans veterans' boxing international labor "
    "labour memorial thanksgiving black cyber martin mlk presidents presidents' columbus mother's father's easter good "
    "morning afternoon evening night daytime"
).split()
# Every rule starts at a word start and with a digit or one of the words above: a cheap test that skips the
# big alternations everywhere else, so that long texts scan fast.


# Holidays start with their own first words (bastille, eid, diwali, cyprus ...).
_LEAD_WORDS += [name.split()[0].lower() for name in (*HOLIDAY_NAMES, *_WORLD)]
_LEAD_WORDS += [name.split()[0] for name in MEAL_AND_LIGHT]
_LEAD_WORDS += ["front", "back", "latter"]  # the front half of 2025
_WORD_START = r"(?<![\w'’$#@])(?<!\d[.,])(?=\d|['’]\d\d|[<>]|(?i:" + trie_alternation(_LEAD_WORDS) + r")(?![a-z]))"

RULES = [
    _rule(name, compiled.compile(_WORD_START + "(?:" + _FULL_PATTERNS[name] + ")"), function)
    for name, _pattern, function in _ATOMS
] + [
    *numeric.RULES,
    _rule("date.en.week_of", _WORD_START + "(?:" + WEEK_OF + ")", week_of),
    _rule("date.en.range", _WORD_START + "(?:" + RANGE + r")(?![\w/])", range_period),
    _rule("date.en.open", r"(?<![<>])" + _WORD_START + "(?:" + OPEN + ")", open_period),
    _rule("date.en.day_time", _WORD_START + "(?:" + DAY_TIME + ")", day_time),
    _rule("date.en.time_range", _WORD_START + "(?:" + TIME_RANGE + r")(?![\w:])", time_range),
    _rule("date.en.clock_day_window", _WORD_START + "(?:" + CLOCK_DAY_WINDOW + r")(?![\w:])", clock_day_window),
    _rule("date.en.anchored", _WORD_START + "(?:" + ANCHORED + ")", anchored),
]


# -- the grammar (claims/engine): dates from durations (claims/duration) ------------------------------------
# 20 min ago, 2 mos back, 5 biz days out, in 20 min, an hour and a half from now (a point that far from the
# reference); the last 90 minutes, the next 3 hrs, within 2 wks (a window ending or starting at it);
# right now. The older rules above read the same wordings with whole unit names (three weeks ago, in two
# weeks); these add the abbreviations, the clock units and business days, read the same way: a day that
# far off, approximate beyond days; seconds to hours against the reference's clock time.

from extractor.claims import engine  # noqa: E402
from extractor.claims.date import relative  # noqa: E402
from extractor.claims.duration import CLOCK_UNITS, Duration  # noqa: E402
from extractor.claims.duration import en as duration_en  # noqa: E402
from extractor.claims.duration import shift as shift_by  # noqa: E402

_BACK = r"(?i:ago|back|earlier|before\snow)(?![\w-])"
_AHEAD = r"(?i:from\snow|later|hence|out(?!\s+of))(?![\w-])"
_IN = r"(?i:(?<![\w-])(?:in|within|inside\sof|inside))(?=\s)"
# "last" after a modal, to or and is the verb (the strike will begin on Monday and last 48 hours).
_LAST_VERB_BEFORE = "".join(rf"(?<!\b{word}\s)" for word in ("will", "would", "could", "can", "may", "might", "should", "must", "to", "and", "not", "did", "does", "'ll"))
_WINDOW = rf"(?i:(?<![\w-])(?:the\s)?(?:past|{_LAST_VERB_BEFORE}last|previous|next|coming|following|upcoming))(?=\s)"
# Now, said as a time: right now, at the moment, at present. A bare "now" is left alone: in news it is
# mostly an adverb of the present tense (Windows 11 now runs on ...), no date anyone would check.
NOW_WORDS = (
    r"(?i:(?<![\w-])(?:right\snow|just\snow|straight\saway|right\saway|at\sthe\smoment|at\s(?:the\s)?present(?:\stime)?"
    r"|at\sthis\stime|at\sthe\sminute))(?![\w-])"
)
# The start or close of the current day, week, month, quarter or year, spelt out or abbreviated: end of
# day, EOD, end of the week, EOM, start of next month, the beginning of this quarter, EOY. A day's end is
# its last second (a deadline); a week's start is Monday to Wednesday and its close Thursday to Sunday;
# months and years split as everywhere else (claims/date/calendar.py).
_PART_WORD = r"(?P<part>(?:the\s)?(?:beginning|start|middle|end|close)\sof)"
_PERIOD_WORD = r"(?P<rel>(?:the|this|next|last|the\snext|the\slast|the\scurrent)\s)?(?P<unit>day|today|week|month|quarter|year)"
# Also the end written after its unit (year-end, month end, the quarter's end, year's end), mid-year, midweek
# and mid-month.
_END_AFTER = r"(?:the\s)?(?P<eunit>year|month|quarter)(?:-|\s|['’]s\s)end|mid-?(?P<mid>year|month|week)"
PART_OF_CURRENT = rf"(?i:(?<![\w-])(?:{_PART_WORD}\s{_PERIOD_WORD}|{_END_AFTER}|(?P<abbr>EO[DWMQY]|BO[WMQY]))(?![\w-]))"
_ABBREVIATED = {"d": "day", "w": "week", "m": "month", "q": "quarter", "y": "year"}


def _part_of_week(monday: dt.date, part: str, *, relative: bool) -> Period:
    """A week's start is Monday to Wednesday, its middle Wednesday to Friday, its close Thursday to Sunday."""
    first, last = {"early": (0, 3), "mid": (2, 5), "late": (3, 7)}[part]
    return Period(monday + dt.timedelta(days=first), monday + dt.timedelta(days=last), "week", relative, True)


def _point(analysis, duration: Duration, sign: int) -> Period | None:
    if duration.unit in CLOCK_UNITS:
        return relative.ago_period(analysis, duration, sign)
    duration = relative.in_whole_units(duration)
    if duration.unit in CLOCK_UNITS:  # a day and a half: 36 hours
        return relative.ago_period(analysis, duration, sign)
    low, high = duration.low, duration.high or duration.low
    first, last = sorted((shift_by(analysis.reference_date, sign * low, duration.unit), shift_by(analysis.reference_date, sign * high, duration.unit)))
    approximate = duration.approximate or duration.unit not in ("day", "business_day")
    return Period(first, last + dt.timedelta(days=1), "day", relative=True, approximate=approximate)


def _back(parts, chart) -> dict | None:
    duration = parts[0].value
    return relative.resolved(chart, lambda analysis: _point(analysis, duration, -1))


def _ahead(parts, chart) -> dict | None:
    duration = parts[0].value
    if parts[1].group(0).lower() == "later":
        chart.context.position = parts[0].start
        if not _future(chart.context) and _tells_of_past(chart.context, parts[0].start):
            return relative.UNRESOLVED  # the aftershock hit 10 minutes later: after the quake, not the article
    return relative.resolved(chart, lambda analysis: _point(analysis, duration, 1))


def _in(parts, chart) -> dict | None:
    duration, word = parts[1].value, parts[0].group(0).lower()
    start = parts[0].start()
    window = chart.text[max(0, start - 50) : start]
    if _NOT_AHEAD.search(window) and not contains_en_cue(window, _FUTURE):
        return None  # the first time in three years, rose 5% in two hours: a duration, not a date ahead
    chart.context.position = start
    if not _future(chart.context) and _tells_of_past(chart.context, start):
        return None  # sold out in two hours, shrunk by half in a decade: how long it took
    if word == "in":
        return relative.resolved(chart, lambda analysis: _point(analysis, duration, 1))
    if _OF_EVENT.match(chart.text, parts[1].end):
        return None  # within 30 days of delivery: counted from the delivery
    return relative.resolved(chart, lambda analysis: relative.window(analysis, duration, future=True))


# The count before the direction (5 coming minutes, 13 last minutes), or no count at all (the next hour, the
# last minute): windows as above.
_ONE_WINDOW = r"(?i:(?<![\w-])(?:the\s)?(?P<dir>next|last|past|previous|coming|following|upcoming)\s(?P<unit>second|minute|hour)(?![\w-]))"
_COUNT_FIRST = (
    rf"(?i:(?<![\w.,-])(?P<n>\d{{1,3}}|{WORD_NUMBER})\s(?P<dir>next|last|past|previous|coming|following|upcoming)"
    r"\s(?P<unit>seconds|minutes|hours|days|weeks|months|years)(?![\w-]))"
)


def _window_words(parts, chart) -> dict | None:
    match = parts[0]
    unit = match.group("unit").lower().rstrip("s")
    amount = _count(match.group("n")) if match.groupdict().get("n") else 1
    if not 0 < amount <= 1000:
        return None
    future = match.group("dir").lower() in ("next", "coming", "following", "upcoming")
    return relative.resolved(chart, lambda analysis: relative.window(analysis, Duration(amount, unit), future=future))


def _window_rule(parts, chart) -> dict | None:
    duration, word = parts[1].value, parts[0].group(0).lower().split()[-1]
    future = word in ("next", "coming", "following", "upcoming")
    return relative.resolved(chart, lambda analysis: relative.window(analysis, duration, future=future))


# An hour after "at" with no meridiem: read only where nothing else can be meant. A spelt hour before the end of
# the clause or a part of the day (call at ten., at eight tonight); digits only before a part of the day or
# o'clock words (at 3 this afternoon, at 7 sharp): "closed at 10." and "held at 5" are prices and rates. The
# part of the day decides the half (3 this afternoon is 15:00) and belongs to the claim; without one the hour
# is read as written, on the reference day, as "ten o'clock" is; a day after it sets the day (at nine
# tomorrow, at ten on Friday).
_AT_PART = r"(?:this\s(?:morning|afternoon|evening)|tonight|in\sthe\s(?:morning|afternoon|evening)|at\snight)"
_AT_FOLLOW = rf"(?:{_AT_PART}|tomorrow|today|on\s{WEEKDAY})\b"
AT_HOUR = (
    rf"(?<![\w-])(?i:(?<=at\s))(?:(?P<hw>{HOUR_WORD})(?:[\s-](?P<mw>(?i:{_SPELT_MINUTES})))?(?=\s?(?:[.,;!?]|$)|\s(?i:{_AT_FOLLOW}))"
    rf"|(?P<hd>1[0-2]|0?[1-9])(?=\s(?i:{_AT_FOLLOW}|sharp\b)|(?P<end>\s?(?:[.,;!?](?!\d)|$))))"
    rf"(?:\s(?P<day>(?i:tomorrow|today)))?(?:\s(?P<part>(?i:{_AT_PART}|morning|afternoon|evening|night)))?"
    rf"(?:\son\s(?P<wd>{WEEKDAY}))?(?:\s(?i:sharp))?(?![\w-])"
)


# Digits alone before the end of the clause are an hour only after a verb of a timetable (the meeting starts
# at 3., flights depart at 6): after "closed", "rose" or "stood" they are a price or a level.
_SCHEDULED = compiled.compile(
    r"(?i:\b(?:starts?|started|begins?|began|kicks?\soff|kicked\soff|meets?|met|arrives?|arrived|lands?|landed"
    r"|departs?|departed|leaves?|left|resumes?|resumed|convenes?|convened|airs?|aired|gathers?|gathered"
    r"|(?:is|are|was|were)\s(?:due|scheduled|set|slated|expected)(?:\sto\s(?:start|begin|open|arrive|land))?)"
    r"(?:\s(?:again|today|tomorrow|tonight))?\sat\s$)"
)


def _at_hour(parts, chart) -> dict | None:
    match = parts[0]
    context = chart.context
    reference = context.analysis.reference_date
    if match.group("end") is not None and not _SCHEDULED.search(chart.text, max(0, match.start() - 48), match.start()):
        return None
    if reference is None:
        return relative.UNRESOLVED
    hour = _HOURS[match.group("hw").lower()] if match.group("hw") else int(match.group("hd"))
    minute = _spelt_minutes(match.group("mw")) if match.group("mw") else 0
    if not 0 <= minute < 60:
        return None
    part = (match.group("part") or "").lower().split()
    now = context.analysis.reference_time
    context.position = match.start()
    if now is not None and not part and not match.group("day") and not match.group("wd"):
        # at seven, at 3 (after a timetable verb), said at a known time: the policy picks among the readings
        # around it (seven in the morning or the evening, today or the days either side), as time_only does.
        grain = "minute" if match.group("mw") else "hour"
        readings = [
            _moment(now.date() + dt.timedelta(days=offset), h, minute, 0, grain)
            for offset in (-1, 0, 1)
            for h in (hour % 12, hour % 12 + 12)
        ]
        return _clock_reading(readings, now, hour, minute, 0, _clock_policy(context)).as_dict()
    if match.group("wd"):  # the policy reads the tense of this clause
        day = _day_of(resolve.pick_weekday(
            reference, _weekday_number(match.group("wd")), prefer=_prefer(context), same_day_is_today=resolve.news_default(context)
        ))
    else:
        day = reference + dt.timedelta(days=1 if (match.group("day") or "").lower() == "tomorrow" else 0)
    clock = _clock_on(day, (hour, minute, 0, None, "minute" if match.group("mw") else "hour"), part=part[-1] if part else None)
    if not (match.group("day") or match.group("wd")):  # at eight tonight: its day is the reference's
        clock = resolve.clock_on_its_day(clock, now, _prefer(context)) if not part or part[-1] not in ("tonight", "tonite") else clock
    return clock.with_flags(relative=True).as_dict()


_TEEN_MINUTES = {"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                 "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip


def _spelt_minutes(text: str) -> int:
    """forty = 40, thirty-five = 35, oh five = 5, thirteen = 13."""
    words = text.lower().replace("-", " ").split()
    if words[0] == "oh":
        return _HOURS.get(words[1], 60)
    if words[0] in _TEEN_MINUTES:
        return _TEEN_MINUTES[words[0]]
    return sum(_MINUTES.get(w, _HOURS.get(w, 0)) for w in words)


# A clock time with its zone: 6pm EDT, 09:00 UTC, 09:00Z, noon AEST, 3pm ET, 10 a.m. Eastern time, 8pm GMT+1
# (claims/date/zones.py moves it to the reference's clock when the reference carries a UTC offset).
_ZONE_NAMES = "|".join(sorted((*zones.FIXED, *(k for k in zones.PLACES if " " not in k)), key=len, reverse=True))
ZONE_AFTER = (
    r"(?:\s?(?P<zone>(?:UTC|GMT)\s?[+\-−]\s?\d{1,2}(?::?\d\d)?(?![\d:])"
    rf"|(?:{_ZONE_NAMES.replace('|Z|', '|')})(?![\w])"
    r"|(?i:eastern|central|mountain|pacific|uk|london)\s(?i:time)(?![\w]))|(?<=\d)(?P<z>Z)(?![\w]))"
)
_HAS_CLOCK = engine.Dim("date", lambda value: bool(value) and "T" in (value.get("start") or ""))


def _with_zone(parts, chart) -> dict | None:
    match = parts[-1]
    name = match.group("zone") or match.group("z")
    return zones.moved(parts[0].value, name, chart.context.analysis.reference_offset)


# So far this year: from the start of the year (month, quarter) to the reference date. YTD, year to date.
TO_DATE = (
    r"(?i:(?<![\w-])(?:(?P<unit>year|month|quarter)[-\s]to[-\s]date|(?P<abbr>[YMQ]TD)"
    r"|so\sfar\sthis\s(?P<unit2>year|month|quarter)|this\s(?P<unit3>year|month|quarter)\sso\sfar)(?![\w-]))"
)


def _to_date(parts, chart) -> dict | None:
    match = parts[0]
    unit = (match.group("unit") or match.group("unit2") or match.group("unit3") or "").lower()
    if not unit:
        unit = _ABBREVIATED[match.group("abbr")[0].lower()]
    return relative.resolved(chart, lambda analysis: _from_start_of(analysis.reference_date, unit))


def _from_start_of(reference: dt.date, unit: str) -> Period:
    if unit == "year":
        start = dt.date(reference.year, 1, 1)
    elif unit == "quarter":
        start = dt.date(reference.year, (reference.month - 1) // 3 * 3 + 1, 1)
    else:
        start = dt.date(reference.year, reference.month, 1)
    return Period(start, reference + dt.timedelta(days=1), "day", relative=True)  # the reference day included


def _part_of_current(parts, chart) -> dict | None:
    match = parts[0]
    analysis = chart.context.analysis
    if analysis.reference_date is None:
        return relative.UNRESOLVED
    if match.group("abbr"):
        abbr = match.group("abbr").lower()
        part, unit, offset = ("late" if abbr[0] == "e" else "early"), _ABBREVIATED[abbr[-1]], 0
    elif match.group("eunit"):
        part, unit, offset = "late", match.group("eunit").lower(), 0
    elif match.group("mid"):  # mid-year, midweek, mid-month
        part, unit, offset = "mid", match.group("mid").lower(), 0
    else:
        word = match.group("part").lower().split()[-2]
        part = {"beginning": "early", "start": "early", "middle": "mid", "end": "late", "close": "late"}[word]
        unit = match.group("unit").lower()
        rel = (match.group("rel") or "").lower().split()
        offset = {"next": 1, "last": -1}.get(rel[-1] if rel else "", 0)
        if unit == "today":
            unit, offset = "day", 0
    reference = analysis.reference_date
    if unit == "day" and part == "late" and re.match(r"\s*,", chart.text[match.end() : match.end() + 2]) and \
            chart.text[max(0, match.start() - 3) : match.start()].lower() == "at ":
        return None  # "at the end of the day, ..." is ultimately, not a time
    if unit == "day":
        day = reference + dt.timedelta(days=offset)
        midnight = dt.datetime(day.year, day.month, day.day)
        if part == "late":
            last = midnight + dt.timedelta(days=1)
            return Period(last - dt.timedelta(seconds=1), last, "second", relative=True).as_dict()
        if part == "early":
            return Period(midnight, midnight + dt.timedelta(hours=12), "hour", relative=True, approximate=True).as_dict()
        return Period(midnight + dt.timedelta(hours=10), midnight + dt.timedelta(hours=14), "hour", relative=True, approximate=True).as_dict()
    if unit == "week":
        return _part_of_week(cal.week(reference).start + dt.timedelta(weeks=offset), part, relative=True).as_dict()
    if unit == "month":
        start = cal.add_months(dt.date(reference.year, reference.month, 1), offset)
        return cal.part_of_month(start.year, start.month, part).with_flags(relative=True).as_dict()
    if unit == "quarter":
        first_month = cal.add_months(dt.date(reference.year, (reference.month - 1) // 3 * 3 + 1, 1), 3 * offset)
        month = cal.add_months(first_month, {"early": 0, "mid": 1, "late": 2}[part])
        return cal.month(month.year, month.month).with_flags(relative=True, approximate=True).as_dict()
    return cal.part_of_year(reference.year + offset, part).with_flags(relative=True).as_dict()


_IS_DURATION = engine.Dim("duration")
GRAMMAR = duration_en.GRAMMAR + (
    engine.Rule("date.en.ago", "date", (_IS_DURATION, engine.Regex(_BACK)), _back, spaced=True),
    engine.Rule("date.en.ahead", "date", (_IS_DURATION, engine.Regex(_AHEAD)), _ahead, spaced=True),
    engine.Rule("date.en.in", "date", (engine.Regex(_IN, reach=10), _IS_DURATION), _in, spaced=True),
    engine.Rule("date.en.span", "date", (engine.Regex(_WINDOW, reach=14), _IS_DURATION), _window_rule, spaced=True),
    engine.Rule("date.en.now", "date", (engine.Regex(NOW_WORDS),), relative.now),
    engine.Rule("date.en.part_of_current", "date", (engine.Regex(PART_OF_CURRENT),), _part_of_current),
    engine.Rule("date.en.to_date", "date", (engine.Regex(TO_DATE),), _to_date),
    engine.Rule("date.en.at_hour", "date", (engine.Regex(AT_HOUR),), _at_hour),
    engine.Rule("date.en.zone", "date", (_HAS_CLOCK, engine.Regex(ZONE_AFTER)), _with_zone),
    engine.Rule("date.en.span", "date", (engine.Regex(_ONE_WINDOW),), _window_words),
    engine.Rule("date.en.span", "date", (engine.Regex(_COUNT_FIRST),), _window_words),
)


_AMOUNT_PLAIN = engine.anonymous(duration_en.AMOUNT)
GRAMMAR_GROUPS = (
    (compiled.compile(_AMOUNT_PLAIN), frozenset(rule.name for rule in GRAMMAR if rule.name not in ("date.en.now", "date.en.part_of_current", "date.en.to_date", "date.en.at_hour", "date.en.zone"))),
    (compiled.compile(NOW_WORDS), frozenset({"date.en.now"})),
    (compiled.compile(PART_OF_CURRENT), frozenset({"date.en.part_of_current"})),
    (compiled.compile(TO_DATE), frozenset({"date.en.to_date"})),
    (compiled.compile(r"(?i:\bat\s)"), frozenset({"date.en.at_hour"})),
    (compiled.compile(ZONE_AFTER), frozenset({"date.en.zone"})),
    (compiled.compile(engine.anonymous(_ONE_WINDOW) + "|" + engine.anonymous(_COUNT_FIRST)), frozenset({"date.en.span"})),
)


def grammar_rules(text: str, dates_joined) -> tuple:
    """The grammar rules ``text`` needs (claims/engine.rules_needed over GRAMMAR_GROUPS)."""
    return engine.rules_needed(GRAMMAR, GRAMMAR_GROUPS, text, dates_joined)


# -- a time and how long from it: from 9 for 2.5 hrs, 14th Feb from 9:30am for 7 hours, for 3 hours from 10 am
def _with_length(time_token, duration: Duration) -> dict | None:
    value = time_token.value
    if not value or not value.get("start") or "T" not in value["start"] or duration.high is not None:
        return None
    if duration.unit not in CLOCK_UNITS and not (duration.unit == "day" and duration.whole):
        return None
    start = dt.datetime.fromisoformat(value["start"])
    end = shift_by(start, duration.low, duration.unit)
    return {"start": start.isoformat(), "end": end.isoformat(), "grain": "range",
            "relative": bool(value.get("relative")), "approximate": bool(value.get("approximate"))}


_FOR = r"(?i:for)(?=\s)"
GRAMMAR = GRAMMAR + (
    engine.Rule("date.en.for_length", "date", (engine.Dim("date"), engine.Regex(_FOR), _IS_DURATION),
                lambda parts, chart: _with_length(parts[0], parts[2].value), spaced=True),
    engine.Rule("date.en.for_length", "date", (engine.Regex(_FOR, reach=4), _IS_DURATION, engine.Dim("date")),
                lambda parts, chart: _with_length(parts[2], parts[1].value)
                if chart.text[parts[2].start : parts[2].start + 5].lower().startswith(("from", "start")) else None, spaced=True),
)
GRAMMAR_GROUPS = (
    (GRAMMAR_GROUPS[0][0], GRAMMAR_GROUPS[0][1] | {"date.en.for_length"}),
    *GRAMMAR_GROUPS[1:],
)


# -- dates with their numbers spelt out: May twenty nine, January twenty five nineteen eighty six, 13 Sept
# nineteen seventy two, fifteen August nineteen hundred ninety three, in two thousand and fifteen ---------
_ONES = {w: i for i, w in enumerate("zero one two three four five six seven eight nine".split())}
_TEENS = {w: 10 + i for i, w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_ONE = "(?:one|two|three|four|five|six|seven|eight|nine)"
_UNDER_100 = rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]{_ONE})?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{_ONE})"
_CENTURY = r"(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
SPELLED_YEAR = (
    rf"(?:two\sthousand(?:\s(?:and\s)?{_UNDER_100})?"
    rf"|{_CENTURY}\shundred(?:\s(?:and\s)?{_UNDER_100})?"
    rf"|{_CENTURY}\s(?:oh\s{_ONE}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]{_ONE})?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))"
)
_DAY_WORDS = rf"(?:thirty(?:[\s-]one)?|twenty(?:[\s-]{_ONE})?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{_ONE})"
SPELLED_DATE = (
    rf"(?i:(?<![\w-])(?:(?P<m1>{MONTH_I[4:-1]})\s(?:(?P<y2>{SPELLED_YEAR})|(?P<d1>{_DAY_WORDS}|{ORDW[4:-1]}|\d{{1,2}}(?:st|nd|rd|th)?)(?:,?\s(?P<y1>{SPELLED_YEAR}))?)"
    rf"|(?P<d3>{_DAY_WORDS}|\d{{1,2}})\s(?P<m3>{MONTH_I[4:-1]})\s(?P<y3>{SPELLED_YEAR})"
    rf"|(?<=\bin\s)(?P<y4>{SPELLED_YEAR}))(?![\w-]))"
)


def _under_100(words: list[str]) -> int | None:
    if not words:
        return 0
    if len(words) == 1:
        word = words[0]
        return _ONES.get(word, _TEENS.get(word, _TENS.get(word)))
    if len(words) == 2 and words[0] in _TENS and words[1] in _ONES:
        return _TENS[words[0]] + _ONES[words[1]]
    return None


def spelled_year(text: str) -> int | None:
    """nineteen eighty six → 1986, two thousand and fifteen → 2015, seventeen hundred thirty three → 1733."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if words[:2] == ["two", "thousand"]:
        rest = _under_100(words[2:])
        return None if rest is None else 2000 + rest
    century = _TEENS.get(words[0]) or (20 if words[0] == "twenty" else None)
    if century is None:
        return None
    rest = words[1:]
    if rest and rest[0] == "hundred":
        rest = rest[1:]
    elif rest and rest[0] == "oh":
        rest = rest[1:]
    value = _under_100(rest)
    return None if value is None else century * 100 + value


def _spelled_day(text: str) -> int | None:
    lower = " ".join(text.lower().replace("-", " ").split())
    if lower[:1].isdigit():
        return int(re.match(r"\d+", lower).group())
    if lower in ORDINAL_DAY:
        return ORDINAL_DAY[lower]
    return _under_100(lower.split())


def _spelled_date(parts, chart) -> dict | None:
    match = parts[0]
    g = match.groupdict()
    year_text = g["y1"] or g["y2"] or g["y3"] or g["y4"]
    day_text = g["d1"] or g["d3"]
    month_text = g["m1"] or g["m3"]
    if not year_text and (not day_text or day_text[:1].isdigit() or day_text.lower() in ORDINAL_DAY):
        return None  # nothing spelt out: the rules above read it
    year = spelled_year(year_text) if year_text else None
    if year_text and (year is None or not 1000 <= year <= 2999):
        return None
    month = _month_number(month_text) if month_text else None
    if month is None:
        return cal.year(year).as_dict()
    if day_text is None:
        return cal.month(year, month).as_dict()
    day_number = _spelled_day(day_text)
    if day_number is None:
        return None
    if year is not None:
        period = cal.day(year, month, day_number)
        return period.as_dict() if period else None
    context = chart.context
    if context.analysis.reference_date is None:
        return relative.UNRESOLVED
    context.position = match.start()  # the policy reads the tense of this clause
    period = resolve.pick_year(lambda y: cal.day(y, month, day_number), context.analysis.reference_date, prefer=_prefer(context))
    return period.as_dict() if period else None


GRAMMAR = GRAMMAR + (engine.Rule("date.en.spelled", "date", (engine.Regex(SPELLED_DATE),), _spelled_date),)
GRAMMAR_GROUPS = (
    *GRAMMAR_GROUPS,
    (compiled.compile(rf"(?i:\b(?:{_CENTURY}|two\sthousand)\b|\b{MONTH_I[4:-1]}\s(?:{_DAY_WORDS})\b)"), frozenset({"date.en.spelled"})),
)


# -- a day and a time of it written after it: Thursday before 5pm, tomorrow after 2:00, 1/1/2015 after 2:00,
# Feb 1st no later than 6:00. The time's rule read it on the reference day; it moves to the day written.
_OWN_DAY_WORDS = r"(?i)\b(?:today|tomorrow|yesterday|tonight|mon|tues?|wed|thu|thurs|fri|sat|sun|\w+day)\b|\d+/\d+"
_OWN_DAY = compiled.compile(_OWN_DAY_WORDS + r"|\d{4}")


def _time_on_day(parts, chart) -> dict | None:
    day_token, time_token = parts[0], parts[-1]
    day, time = day_token.value, time_token.value
    if not (day and time) or day.get("grain") != "day" or not day.get("start") or "T" in day["start"]:
        return None
    if time_token.rule not in ("date.en.open", "date.en.time") or _OWN_DAY.search(chart.text, time_token.start, time_token.end):
        return None
    analysis = chart.context.analysis
    reference = analysis.reference_date
    target = dt.date.fromisoformat(day["start"])
    moved = {}
    for key in ("start", "end"):
        moment = time.get(key)
        if moment is None:
            moved[key] = None
            continue
        if "T" not in moment:
            return None
        when = dt.datetime.fromisoformat(moment)
        if reference is None or when.date() not in (reference, reference + dt.timedelta(days=1)):
            return None
        moved[key] = (when + (dt.datetime.combine(target, dt.time()) - dt.datetime.combine(reference, dt.time()))).isoformat()
    return {**time, **moved, "relative": bool(day.get("relative") or time.get("relative")), "alternatives": None}


# A zoned clock time and the day after it: 09:00 UTC on Saturday, 3 p.m. ET Thursday, 0300 GMT on Dec. 14.
# The clock as written goes onto the day written, and only then to the reference's clock (which may move it
# across midnight).
_ON_DAY = r"(?:,\s?|\s)(?i:on\s)?"
_OWN_DAY_OF_CLOCK = compiled.compile(_OWN_DAY_WORDS)  # 0300 GMT: four digits there are a clock, not a year


def _zoned_time_on_day(parts, chart) -> dict | None:
    time_token, zone, day_token = parts[0], parts[1], parts[-1]
    time, day = time_token.value, day_token.value
    if not (time and day) or day.get("grain") != "day" or not day.get("start") or "T" in day["start"]:
        return None
    if time_token.rule not in ("date.en.open", "date.en.time", "date.en.at_hour"):
        return None
    if _OWN_DAY_OF_CLOCK.search(chart.text, time_token.start, time_token.end):
        return None  # Thursday 5pm GMT on …: the time has its day already
    name = zone.group("zone") or zone.group("z")
    offset = chart.context.analysis.reference_offset
    start = dt.datetime.fromisoformat(time["start"])
    length = dt.datetime.fromisoformat(time["end"]) - start if time.get("end") else None

    def on(day_start: str) -> dict | None:  # the clock on that day, then moved to the reference's clock
        target = dt.datetime.combine(dt.date.fromisoformat(day_start[:10]), start.time())
        placed = {**time, "start": target.isoformat(), "end": (target + length).isoformat() if length else time.get("end")}
        return zones.moved(placed, name, offset)

    value = on(day["start"])
    if value is None:
        return None
    others = [on(other["start"]) for other in day.get("alternatives") or ()]
    # (an open stretch, after 3 p.m. ET on Friday, has no end: its other days are no readings the schema can hold)
    alternatives = [{key: other[key] for key in ("start", "end")} | {"grain": value["grain"]} for other in others if other and other.get("start") and other.get("end")]
    return {**value, "alternatives": alternatives or None, "relative": bool(day.get("relative") or time.get("relative"))}


GRAMMAR = GRAMMAR + (
    engine.Rule("date.en.day_time", "date", (_HAS_CLOCK, engine.Regex(ZONE_AFTER), engine.Regex(_ON_DAY), engine.Dim("date")),
                _zoned_time_on_day),
    engine.Rule("date.en.day_time", "date", (engine.Dim("date"), engine.Dim("date")), _time_on_day, spaced=True),
    engine.Rule("date.en.day_time", "date", (engine.Dim("date"), engine.Regex(r"(?i:at|on)(?=\s)"), engine.Dim("date")), _time_on_day, spaced=True),
)
GRAMMAR_GROUPS = (
    *GRAMMAR_GROUPS,
    (None, frozenset({"date.en.day_time"})),
    (compiled.compile(ZONE_AFTER), frozenset({"date.en.day_time"})),
)


# -- parts of a quarter or season, fiscal abbreviations: late spring 2026, early Q3, the end of Q2, Q3's end,
# FY25, FY2026, 1H26, 2H25 ------------------------------------------------------------------------------
_THIRDS = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1, "late": 2, "end": 2, "close": 2}
_PART_BEFORE = r"(?i:(?<![\w-])(?:(?P<w>early|mid|late)[\s-]|the\s(?P<w2>beginning|start|middle|end|close)\sof\s))"
_PART_AFTER = r"(?i:['’]s\s(?P<w>start|beginning|end|close))(?![\w-])"
_SEASON_BARE = r"(?i:(?<![\w-])(?P<s>spring|summer|autumn|fall|winter))(?![\w-])"


def _third_of(value: dict, word: str) -> dict | None:
    """The first, middle or last third of a quarter or season: its first, second or third month."""
    if not value or value.get("grain") not in ("quarter", "season") or not value.get("start") or "T" in value["start"]:
        return None
    return relative.month_of(value, _THIRDS[word])


def _part_before(parts, chart) -> dict | None:
    match = parts[0]
    return _third_of(parts[1].value, (match.group("w") or match.group("w2")).lower())


def _part_after(parts, chart) -> dict | None:
    return _third_of(parts[0].value, parts[1].group("w").lower())


def _bare_season_part(parts, chart) -> dict | None:  # late spring: this year's, by the date policy
    match, season_match = parts[0], parts[1]
    context = chart.context
    if context.analysis.reference_date is None:
        return relative.UNRESOLVED
    name = SEASON_WORDS[season_match.group("s").lower()]
    context.position = match.start()
    period = resolve.pick_year(lambda y: cal.season(y, name), context.analysis.reference_date, prefer=_prefer(context))
    return _third_of(period.as_dict(), (match.group("w") or match.group("w2")).lower()) if period else None


FISCAL = (
    r"(?<![\w-])(?:FY\s?['’]?(?P<fy>\d{4}|\d{2})|(?P<h>[12])H\s?(?P<hy>\d{2}|\d{4})|(?P<q>[1-4])Q\s?(?P<qy>\d{2}|\d{4}))(?![\w-])"
)  # FY'24, 3Q24: a quarter written number first, as brokers write it


# Whose fiscal year an FY label names, told by the sentence: India's runs April to March, Australia's July to
# June, the US federal government's October to September; each is named by the year it ends in (India's FY27
# is April 2026 to March 2027). With none of these, FY25 is read as the calendar year, approximate.
_FISCAL_CONVENTIONS = (
    (compiled.compile(r"₹|\bRs\.?\s?\d|(?i:\b(?:crore|lakh|India|Indian|Union\sBudget|Sensex|Nifty)\b)"), 4),
    (compiled.compile(r"\bA\$|(?i:\b(?:Australia|Australian|ASX)\b)"), 7),
    (compiled.compile(r"\b(?:Pentagon|Congress|White\sHouse|federal\s(?:budget|government|spending|deficit))\b"), 10),
)


def _fiscal(parts, chart) -> dict | None:  # FY25 (a company's fiscal year; read as the calendar year, approximate), 1H26
    match = parts[0]
    year_text = match.group("fy") or match.group("hy") or match.group("qy")
    year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
    if match.group("q"):
        return cal.quarter(year, int(match.group("q"))).as_dict()
    if match.group("h"):
        return cal.half(year, int(match.group("h"))).as_dict()
    analysis = chart.context.analysis
    index = analysis.sentence_at(match.start())
    month = _fiscal_month(chart.text, *analysis.sentences[index], after=match.end()) if index is not None else None
    if month:
        return Period(dt.date(year - 1, month, 1), dt.date(year, month, 1), "year").as_dict()
    return {**cal.year(year).as_dict(), "approximate": True}


def _fiscal_month(text: str, start: int, end: int, *, after: int) -> int | None:
    """The month the fiscal year named just before ``after`` starts in, when its sentence ``text[start:end]``
    tells (in words right after it: Microsoft's fiscal 2026 began in July; or by its country), else None."""
    named = _FISCAL_START.match(text, after, end)
    if named:
        return _month_number(named.group("mon"))
    for cue, month in _FISCAL_CONVENTIONS:
        if cue.search(text, start, end):
            return month
    return None


# earlier today, later today: the part of the reference day before or after its clock time (the whole day,
# roughly, when the reference has no clock time).
_EARLIER_LATER_TODAY = r"(?i:(?<![\w-])(?P<w>earlier|later)\s(?:today|this\sday))(?![\w-])"


def _earlier_later_today(parts, chart) -> dict | None:
    analysis = chart.context.analysis
    if analysis.reference_date is None:
        return relative.UNRESOLVED
    day = dt.datetime.combine(analysis.reference_date, dt.time())
    now = analysis.reference_time
    if now is None or now.time() == dt.time(0):
        return Period(day.date(), day.date() + dt.timedelta(days=1), "day", relative=True, approximate=True).as_dict()
    if parts[0].group("w").lower() == "earlier":
        return Period(day, now, "minute", relative=True).as_dict()
    return Period(now, day + dt.timedelta(days=1), "minute", relative=True).as_dict()


# within the hour, within the week: the next one of that unit from the reference (the hour needs its clock).
_WITHIN_THE = r"(?i:(?<![\w-])within\sthe\s(?P<unit>hour|day|week|month|year)(?![\w-]))"


def _within_the(parts, chart) -> dict | None:
    unit = parts[0].group("unit").lower()
    return relative.resolved(chart, lambda analysis: relative.window(analysis, Duration(1, unit), future=True))


GRAMMAR = GRAMMAR + (
    engine.Rule("date.en.within_the", "date", (engine.Regex(_WITHIN_THE),), _within_the),
    engine.Rule("date.en.earlier_later_today", "date", (engine.Regex(_EARLIER_LATER_TODAY),), _earlier_later_today),
    engine.Rule("date.en.part_of_period", "date", (engine.Regex(_PART_BEFORE, reach=16), engine.Dim("date")), _part_before),
    engine.Rule("date.en.part_of_period", "date", (engine.Dim("date"), engine.Regex(_PART_AFTER)), _part_after),
    engine.Rule("date.en.part_of_period", "date", (engine.Regex(_PART_BEFORE), engine.Regex(_SEASON_BARE)), _bare_season_part),
    engine.Rule("date.en.fiscal", "date", (engine.Regex(FISCAL),), _fiscal),
)
GRAMMAR_GROUPS = (
    *GRAMMAR_GROUPS,
    (compiled.compile(r"(?i:\b(?:early|mid|late|beginning|start|middle|end|close)\b[\s\S]{0,20}(?:spring|summer|autumn|fall|winter|Q[1-4]|quarter)|Q[1-4]['’]s\s)"),
     frozenset({"date.en.part_of_period"})),
    (compiled.compile(r"\b(?:FY\s?['’]?\d|[12]H\s?\d|[1-4]Q\s?\d)"), frozenset({"date.en.fiscal"})),
    (compiled.compile(_EARLIER_LATER_TODAY), frozenset({"date.en.earlier_later_today"})),
    (compiled.compile(_WITHIN_THE), frozenset({"date.en.within_the"})),
)


# -- decades by name after in/the: in the nineties, the eighties (the latest such decade begun by the
# reference: in 2026 the twenties are the 2020s) ------------------------------------------------------------
DECADE_WORD = rf"(?:(?<=\bin\s)|(?<=\bIn\s)|(?<=\bthe\s)|(?<=\bThe\s))(?P<word>(?i:{'|'.join(_DECADE_WORDS)}))(?![\w-])"


def _decade_word(parts, chart) -> dict | None:
    analysis = chart.context.analysis
    if analysis.reference_date is None:
        return relative.UNRESOLVED
    before = chart.text[max(0, parts[0].start() - 12) : parts[0].start()].lower()
    if re.search(r"\b(?:his|her|their|my|your|our|its|early|mid|late)\s+(?:the\s+)?$", before):
        return None  # in her thirties, their early forties: an age
    tens = _DECADE_WORDS[parts[0].group("word").lower()]
    first = 2000 + tens if 2000 + tens <= analysis.reference_date.year else 1900 + tens
    return cal.decade(first).as_dict()


GRAMMAR = GRAMMAR + (engine.Rule("date.en.decade_word", "date", (engine.Regex(DECADE_WORD),), _decade_word),)
GRAMMAR_GROUPS = (*GRAMMAR_GROUPS, (compiled.compile(rf"(?i:{'|'.join(_DECADE_WORDS)})"), frozenset({"date.en.decade_word"})))


# -- dates counted from the date written before them: the next day, the day before, the following year, the
# same week, that year (with no date before: the days count from the reference, the same/that forms stay
# unread) ----------------------------------------------------------------------------------------------------
_ANAPHORA = {
    "the next day": ("day", 1), "the following day": ("day", 1), "the day after": ("day", 1),
    "the day before": ("day", -1), "the previous day": ("day", -1), "the prior day": ("day", -1),
    "the year before": ("year", -1), "the year prior": ("year", -1), "the year after": ("year", 1),
    "the previous year": ("year", -1), "the prior year": ("year", -1), "the following year": ("year", 1),
    "the month before": ("month", -1), "the previous month": ("month", -1), "the prior month": ("month", -1),
    "the month after": ("month", 1), "the following month": ("month", 1),
    "the week before": ("week", -1), "the previous week": ("week", -1), "the prior week": ("week", -1),
    "the week after": ("week", 1), "the following week": ("week", 1),
    "the same day": ("day", 0), "that day": ("day", 0), "the same week": ("week", 0), "that week": ("week", 0),
    "the same month": ("month", 0), "that month": ("month", 0), "the same year": ("year", 0), "that year": ("year", 0),
}  # fmt: skip
# "before"/"after" that lead on to a date of their own are prepositions: the year before 2015, the day after
# Christmas, the week before the vote.
def _phrases(keys) -> str:
    return "|".join(re.escape(k).replace(r"\ ", r"\s") for k in sorted(keys, key=len, reverse=True))


_PREPOSITION_LAST = [k for k in _ANAPHORA if k.endswith(("before", "after"))]
_DATE_FOLLOWS = r"\s(?:\d|[A-Z]|(?i:the|this|last|next|my|our|his|her|their|its|a|an)\b)"
ANAPHORA = (
    rf"(?i:(?<![\w-])(?:{_phrases(k for k in _ANAPHORA if k not in _PREPOSITION_LAST)}))(?![\w-])"
    rf"|(?i:(?<![\w-])(?:{_phrases(_PREPOSITION_LAST)}))(?![\w-])(?!{_DATE_FOLLOWS})"
)


# A verb in the past before a date counted from an event (was arrested, collapsed, went, said): the event is
# past, so "the next day", "10 days later" cannot count from the article's date.
_PAST_VERB = compiled.compile(
    r"(?i:\b(?:was|were|had|did|put|set|hit|shrunk|sunk|risen|fallen|grown|" + "|".join(resolve.IRREGULAR_PAST_EN)
    + r"|[a-z]{3,}ed)\b)"
)


def _tells_of_past(context: RuleContext, position: int) -> bool:
    start, _end = resolve.clause_of(context)
    return _PAST_VERB.search(context.analysis.text, max(start, position - 80), position) is not None


def _anaphora(parts, chart) -> dict | None:
    match = parts[0]
    unit, offset = _ANAPHORA[" ".join(match.group(0).lower().split())]
    anchor = relative.anchor_before(chart, match.start(), unit)
    if anchor is not None:
        moment, is_relative = dt.date.fromisoformat(anchor.value["start"][:10]), bool(anchor.value.get("relative"))
    elif offset != 0:  # no date before it: counted from the article's date (sales fell the previous year)
        analysis = chart.context.analysis
        if analysis.reference_date is None:
            return relative.UNRESOLVED
        chart.context.position = match.start()
        if offset > 0 and not _future(chart.context) and _tells_of_past(chart.context, match.start()):
            # he was arrested the next day: a day after some event the text tells of, which is past; counted
            # from the article's date it would be tomorrow. The span stays a claim, without a value.
            return relative.UNRESOLVED
        moment, is_relative = analysis.reference_date, True
    else:
        return None
    target = shift_by(moment, offset, unit) if offset else moment
    return {**relative.unit_period(target, unit).as_dict(), "relative": is_relative}


GRAMMAR = GRAMMAR + (engine.Rule("date.en.anaphora", "date", (engine.Regex(ANAPHORA),), _anaphora),)
GRAMMAR_GROUPS = (*GRAMMAR_GROUPS, (compiled.compile(ANAPHORA), frozenset({"date.en.anaphora"})))
