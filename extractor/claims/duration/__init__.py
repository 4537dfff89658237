"""Durations: 3年半, 17天, 两分钟, 两个礼拜, three weeks — a type of its own, no claim on its own.

A duration is an amount of one calendar unit. The date rules compose with it (claims/date): 三天前 and
3 weeks ago are a day or week that far from the reference, 上两个月 and 未来三年 are periods that long
next to it. Rough amounts keep their spread (十几年 is 11 to 19 years) and say they are approximate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from extractor.claims.date import calendar as cal

# Finest first: the order the units nest in.
UNITS = ("second", "minute", "hour", "day", "business_day", "week", "month", "quarter", "year")
CLOCK_UNITS = ("second", "minute", "hour")  # read against the reference's clock time
_SECONDS = {"second": 1, "minute": 60, "hour": 3600}


@dataclass(frozen=True)
class Duration:
    low: float  # the amount in ``unit``; a rough amount (十几年) runs from low to high
    unit: str
    high: float | None = None
    approximate: bool = False

    @property
    def whole(self) -> bool:
        """One exact, whole amount (三天, not 三天半, 十几天 or 十来天)."""
        return self.high is None and not self.approximate and float(self.low).is_integer()


def shift(moment: dt.date, amount: float, unit: str) -> dt.date:
    """``moment`` moved by ``amount`` units (a fraction of a day, week, month or year in days)."""
    if unit == "business_day":  # Monday to Friday; public holidays are not counted out
        step = 1 if amount >= 0 else -1
        for _ in range(int(abs(amount))):
            moment += dt.timedelta(days=step)
            while moment.weekday() >= 5:
                moment += dt.timedelta(days=step)
        return moment
    if unit in _SECONDS:
        if not isinstance(moment, dt.datetime):
            moment = dt.datetime(moment.year, moment.month, moment.day)
        return moment + dt.timedelta(seconds=amount * _SECONDS[unit])
    whole = int(amount)
    moved = cal.shift(moment, whole, unit)
    rest = amount - whole
    if rest:
        days = {"day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365}[unit]
        moved = moved + dt.timedelta(days=round(rest * days))
    return moved


def floor(moment: dt.datetime, unit: str) -> dt.datetime:
    """The start of the clock unit (second, minute, hour) holding ``moment``."""
    if unit == "hour":
        return moment.replace(minute=0, second=0, microsecond=0)
    if unit == "minute":
        return moment.replace(second=0, microsecond=0)
    return moment.replace(microsecond=0)


def clock_step(unit: str) -> dt.timedelta:
    return dt.timedelta(seconds=_SECONDS[unit])
