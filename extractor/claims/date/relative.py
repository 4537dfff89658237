"""Dates counted from the reference by a duration, for every language's rules (claims/duration).

- ``ago_period``: 三天前, two hours later — the unit that far from the reference;
- ``units_next_to_now``: 上两个月, the next three weeks counted whole — the units before or after the current one;
- ``window``: 过去三年, the past 90 minutes — the stretch that long ending or starting at the reference (in
  days: the reference day belongs to neither side, so the next three days begin tomorrow; quarters are
  whole quarters, as reports count them).

Seconds, minutes and hours read the reference's clock time (``analysis.reference_time``); with a date
alone they cover every moment that day allows and are marked approximate.
"""

from __future__ import annotations

import datetime as dt

from extractor.claims.date import calendar as cal
from extractor.claims.date.calendar import Period
from extractor.claims.duration import CLOCK_UNITS, Duration, clock_step, floor, shift

UNRESOLVED: dict = {}  # a date with no reference to resolve against: a claim without a value


def unit_period(moment: dt.date, unit: str) -> Period:
    """The whole calendar unit (day, week, month, quarter, year) holding ``moment``."""
    if isinstance(moment, dt.datetime):
        moment = moment.date()
    if unit == "year":
        return cal.year(moment.year)
    if unit == "quarter":
        return cal.quarter(moment.year, (moment.month - 1) // 3 + 1)
    if unit == "month":
        return cal.month(moment.year, moment.month)
    if unit == "week":
        return cal.week(moment)
    return cal.day(moment.year, moment.month, moment.day)


# A fraction of a unit counted in the next finer one (a month as 30 days in this reckoning only).
FINER = {"year": ("month", 12), "quarter": ("month", 3), "month": ("day", 30), "week": ("day", 7), "day": ("hour", 24),
         "business_day": ("hour", 24), "hour": ("minute", 60), "minute": ("second", 60)}  # fmt: skip


def grain(unit: str) -> str:
    return "day" if unit == "business_day" else unit


def in_whole_units(duration: Duration) -> Duration:
    """三年半 as 42 months, 一个半月 as 45 days: a fraction is counted in the next finer unit."""
    if float(duration.low).is_integer() or duration.unit not in FINER:
        return duration
    finer, times = FINER[duration.unit]
    return Duration(round(duration.low * times), finer, approximate=duration.approximate)


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


def clock_span(analysis, duration: Duration, make) -> Period | None:
    """A period built from the reference's clock time by ``make(now)``; with a date alone, the smallest
    period holding every reading the day allows (approximate)."""
    now = analysis.reference_time
    if now is not None:
        period = make(now)
        return period.with_flags(relative=True, approximate=duration.approximate) if period else None
    day = day_start(analysis.reference_date)
    first, last = make(day), make(day + dt.timedelta(days=1) - clock_step(duration.unit))
    if first is None or last is None:
        return None
    return Period(min(first.start, last.start), max(first.end, last.end), duration.unit, True, True)


def ago_period(analysis, duration: Duration, sign: int) -> Period | None:
    """三天前 / 两小时后: the unit that far from the reference (a rough amount: every unit it may be)."""
    duration = in_whole_units(duration)
    low, high, unit = duration.low, duration.high or duration.low, duration.unit
    if unit in CLOCK_UNITS:
        def make(now):
            first, last = sorted((floor(shift(now, sign * low, unit), unit), floor(shift(now, sign * high, unit), unit)))
            return Period(first, last + clock_step(unit), unit)

        return clock_span(analysis, duration, make)
    reference = analysis.reference_date
    first = unit_period(shift(reference, sign * low, unit), unit)
    last = unit_period(shift(reference, sign * high, unit), unit)
    start, end = min(first.start, last.start), max(first.end, last.end)
    approximate = duration.approximate or unit not in ("day", "business_day")
    return Period(start, end, grain(unit), True, approximate)


def units_next_to_now(analysis, duration: Duration, future: bool) -> Period | None:
    """上两个月 / 下三周: the ``duration.low`` whole units before the current one, or after it."""
    count, unit = int(duration.low), duration.unit
    if unit in CLOCK_UNITS:
        step = clock_step(unit)

        def make(now):
            current = floor(now, unit)
            return Period(current + step, current + step * (count + 1), unit) if future else Period(current - step * count, current, unit)

        return clock_span(analysis, duration, make)
    current = unit_period(analysis.reference_date, unit).start
    if future:
        start = shift(current, 1, unit)
        return Period(start, shift(start, count, unit), grain(unit), relative=True)
    return Period(shift(current, -count, unit), current, grain(unit), relative=True)


def window(analysis, duration: Duration, future: bool) -> Period | None:
    """过去三年 / 未来两周: the stretch of that length ending (or starting) at the reference."""
    amount, unit = duration.high or duration.low, duration.unit
    if unit in CLOCK_UNITS:
        def make(now):
            other = shift(now, amount if future else -amount, unit)
            return Period(now, other, unit) if future else Period(other, now, unit)

        return clock_span(analysis, duration, make)
    if unit == "quarter" and duration.whole:  # quarters are reporting periods: whole ones
        return units_next_to_now(analysis, duration, future)
    return day_window(analysis.reference_date, amount, unit, future=future, approximate=duration.approximate)


def day_window(reference: dt.date, amount: float, unit: str, *, future: bool, approximate: bool = False) -> Period:
    """The days of a window next to the reference day, which belongs to neither side: the past three
    days end with yesterday, the next three begin tomorrow."""
    if future:
        start = reference + dt.timedelta(days=1)
        return Period(start, shift(start, amount, unit), grain(unit), True, approximate)
    return Period(shift(reference, -amount, unit), reference, grain(unit), True, approximate)


def resolved(chart, build) -> dict | None:
    analysis = chart.context.analysis
    if analysis.reference_date is None:
        return UNRESOLVED
    try:
        period = build(analysis)
    except (ValueError, OverflowError):  # past year 1 or 9999
        return None
    return period.as_dict() if period is not None else None




def now(parts, chart) -> dict | None:
    """现在, right now: the reference's second when it has a clock time, else its day."""
    analysis = chart.context.analysis
    if analysis.reference_time is not None:
        moment = analysis.reference_time
        return Period(moment, moment + dt.timedelta(seconds=1), "second", relative=True).as_dict()
    if analysis.reference_date is None:
        return UNRESOLVED
    day = analysis.reference_date
    return cal.day(day.year, day.month, day.day).with_flags(relative=True).as_dict()


# What a word counted from an earlier date needs that date to be: 次日 and the next day a day (or a time
# of one), 当月 a day or a month, 翌年 any date within a year.
_FINER_THAN = {"day": ("day", "hour", "minute", "second"), "week": ("day", "hour", "minute", "second", "week"),
               "month": ("day", "hour", "minute", "second", "month")}
ANCHOR_REACH = 200  # characters back to look for that date


def anchor_before(chart, start: int, unit: str):
    """The date token an anaphoric word at ``start`` counts from (翌年, 当天, the next day): the last closed
    date ending before it within ANCHOR_REACH characters, fine enough for ``unit``; None if there is none."""
    allowed = _FINER_THAN.get(unit)
    found = None
    for token in chart.tokens:
        if token.dim != "date" or token.end > start or start - token.end > ANCHOR_REACH:
            continue
        value = token.value
        if not value or value.get("start") is None or value.get("end") is None or value.get("grain") == "range":
            continue
        if allowed is not None and value.get("grain") not in allowed:
            continue
        if found is None or (token.end, token.end - token.start) > (found.end, found.end - found.start):
            found = token
    return found


def month_of(value: dict, index: int) -> dict:
    """The ``index``-th month (from 0) of a quarter or season: its start, middle or end (三季度末, late
    spring), approximate."""
    month = cal.add_months(dt.date.fromisoformat(value["start"][:10]), index)
    return {**cal.month(month.year, month.month).as_dict(), "relative": bool(value.get("relative")), "approximate": True}
