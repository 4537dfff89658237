"""Calendar arithmetic for date claims: periods as half-open [start, end), and the year-less policy.

Conventions (documented in tests/corpus/README.md): weeks start on Monday; early/mid/late of a year are
[Jan, May), [May, Sep), [Sep, Jan) with grain year; of a month days 1–10, 11–20, 21–end with grain month; seasons by northern-hemisphere
months (winter = Dec–Feb, so 2025 年冬天 runs into 2026). Which reading a year-less date takes is
claims/date/resolve.py's business.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

Moment = dt.date  # dt.datetime is a subclass: times are datetimes


@dataclass(frozen=True)
class Period:
    start: Moment | None  # None: open towards the past ("before 2018")
    end: Moment | None  # None: open towards the future ("since 2018", "after 2016")
    grain: str
    relative: bool = False
    approximate: bool = False
    # The readings a year-, week- or month-less date did not take (claims/date/resolve.py).
    alternatives: tuple = ()

    def as_dict(self) -> dict:
        value = {
            "start": self.start.isoformat() if self.start is not None else None,
            "end": self.end.isoformat() if self.end is not None else None,
            "grain": self.grain,
            "relative": self.relative,
            "approximate": self.approximate,
        }
        if self.alternatives:
            value["alternatives"] = [
                {"start": p.start.isoformat(), "end": p.end.isoformat(), "grain": p.grain} for p in self.alternatives
            ]
        return value

    def with_flags(
        self, *, relative: bool | None = None, approximate: bool | None = None, alternatives: tuple | None = None
    ) -> "Period":
        # Built directly: dataclasses.replace gives the same Period, three times slower.
        return Period(
            self.start,
            self.end,
            self.grain,
            self.relative if relative is None else relative,
            self.approximate if approximate is None else approximate,
            self.alternatives if alternatives is None else alternatives,
        )


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = (dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - dt.timedelta(days=1)).day
    return day.replace(year=year, month=month + 1, day=min(day.day, last))


def year(y: int) -> Period:
    return Period(dt.date(y, 1, 1), dt.date(y + 1, 1, 1), "year")


def month(y: int, m: int) -> Period | None:
    if not 1 <= m <= 12:
        return None
    start = dt.date(y, m, 1)
    return Period(start, add_months(start, 1), "month")


def day(y: int, m: int, d: int) -> Period | None:
    try:
        start = dt.date(y, m, d)
    except ValueError:
        return None
    return Period(start, start + dt.timedelta(days=1), "day")


def quarter(y: int, q: int) -> Period | None:
    if not 1 <= q <= 4:
        return None
    start = dt.date(y, 3 * (q - 1) + 1, 1)
    return Period(start, add_months(start, 3), "quarter")


def half(y: int, h: int) -> Period:
    start = dt.date(y, 1 if h == 1 else 7, 1)
    return Period(start, add_months(start, 6), "half")


SEASON_START_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


def season(y: int, name: str) -> Period:
    start = dt.date(y, SEASON_START_MONTH[name], 1)
    return Period(start, add_months(start, 3), "season")


def week(containing: dt.date) -> Period:
    monday = containing - dt.timedelta(days=containing.weekday())
    return Period(monday, monday + dt.timedelta(days=7), "week")


def decade(first_year: int) -> Period:
    return Period(dt.date(first_year, 1, 1), dt.date(first_year + 10, 1, 1), "decade")


YEAR_PARTS = {"early": (1, 5), "mid": (5, 9), "late": (9, 13)}  # [start month, end month)
MONTH_PARTS = {"early": (1, 11), "mid": (11, 21), "late": (21, None)}  # [start day, end day)


def part_of_year(y: int, part: str) -> Period:
    first, last = YEAR_PARTS[part]
    end = dt.date(y + 1, 1, 1) if last == 13 else dt.date(y, last, 1)
    return Period(dt.date(y, first, 1), end, "year", approximate=True)


def part_of_month(y: int, m: int, part: str, *, approximate: bool = True) -> Period:
    """A part keeps the grain of its month; 上旬/中旬/下旬 are exact ten-day divisions (approximate=False)."""
    first, last = MONTH_PARTS[part]
    start = dt.date(y, m, first)
    end = add_months(dt.date(y, m, 1), 1) if last is None else dt.date(y, m, last)
    return Period(start, end, "month", approximate=approximate)


def span(first: Period, last: Period) -> Period | None:
    """A from–to range: from the start of the first to the end of the last."""
    if last.end <= first.start:
        return None
    return Period(first.start, last.end, "range", first.relative or last.relative, first.approximate or last.approximate)


def shift(reference: dt.date, amount: int, unit: str) -> dt.date:
    if unit == "year":
        return add_months(reference, 12 * amount)
    if unit == "quarter":
        return add_months(reference, 3 * amount)
    if unit == "month":
        return add_months(reference, amount)
    if unit == "week":
        return reference + dt.timedelta(weeks=amount)
    return reference + dt.timedelta(days=amount)


def within(reference: dt.date, amount: int, unit: str, *, future: bool) -> Period:
    """过去两年 / the past two years → [ref − 2y, ref); 未来两年 → [ref, ref + 2y)."""
    other = shift(reference, amount if future else -amount, unit)
    start, end = (reference, other) if future else (other, reference)
    return Period(start, end, unit, relative=True)


def at_time(base: dt.date, hour: int, minute: int = 0, *, grain: str = "hour") -> Period | None:
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    start = dt.datetime(base.year, base.month, base.day) + dt.timedelta(hours=hour, minutes=minute)
    return Period(start, start + (dt.timedelta(hours=1) if grain == "hour" else dt.timedelta(minutes=1)), grain)


def open_before(period: Period) -> Period:
    """before X / X以前: everything up to the start of X."""
    return replace(period, start=None, end=period.start)


def open_after(period: Period, *, inclusive: bool) -> Period:
    """since X / X以来 (inclusive: from the start of X) or after X / X以后 (from the end of X)."""
    return replace(period, start=period.start if inclusive else period.end, end=None)


# --- Weeks inside a month or year, holidays (used by the English rules) ---------------------------------


def nth_week(start: dt.date, end: dt.date, n: int) -> Period | None:
    """The n-th week (Monday start) of [start, end), counting the weeks whose Thursday falls inside it, as
    ISO 8601 does for years (week 1 of 2015 starts on 2014-12-29); n = -1 is the last such week."""
    if n > 0:
        thursday = start + dt.timedelta(days=(3 - start.weekday()) % 7 + 7 * (n - 1))
    elif n < 0:
        last_day = end - dt.timedelta(days=1)
        thursday = last_day - dt.timedelta(days=(last_day.weekday() - 3) % 7 + 7 * (-n - 1))
    else:
        return None
    if not start <= thursday < end:
        return None
    return week(thursday)


def nth_weekday(y: int, m: int, weekday: int, n: int) -> dt.date | None:
    """The n-th given weekday (0 = Monday) of a month; n = -1 is the last one."""
    if n > 0:
        first = dt.date(y, m, 1)
        day_ = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    else:
        last = add_months(dt.date(y, m, 1), 1) - dt.timedelta(days=1)
        day_ = last - dt.timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-n - 1))
    return day_ if day_.month == m else None


def easter(y: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month_, day_ = divmod(h + l - 7 * m + 114, 31)
    return dt.date(y, month_, day_ + 1)


def orthodox_easter(y: int) -> dt.date:
    """Orthodox Easter Sunday: the Julian computus (Meeus), as a Gregorian date."""
    a, b, c = y % 4, y % 7, y % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month_, day_ = divmod(d + e + 114, 31)
    julian = dt.date(y, month_, day_ + 1)
    return julian + dt.timedelta(days=y // 100 - y // 400 - 2)  # Julian to Gregorian (13 days in 1900-2099)


# --- The Islamic calendar ------------------------------------------------------------------------------------
# Islamic feasts (Eid al-Fitr: 1 Shawwal; Eid al-Adha: 10 Dhu al-Hijjah; the month of Ramadan) are dated by
# the Umm al-Qura calendar through hijridate (MIT): the calendar Saudi Arabia publishes, which most Muslim
# countries and the Islamic Association of China follow for the feasts (2013's 开斋节 on 8 August, 古尔邦节
# on 15 October). Countries that wait for the new moon to be seen may keep a feast a day later; the claim
# says the published day. The table covers AH 1343-1500 (1924-2077 CE): outside it there is no reading.
def hijri_period(y: int, month_: int, day_: int, length: int | str = 1) -> Period | None:
    """The first occurrence in Gregorian year ``y`` of Hijri ``month_``/``day_`` and ``length`` days from it
    ("month": to the first of the next Hijri month), or None outside the Umm al-Qura table."""
    from hijridate import Hijri

    near = (y - 622) * 33 // 32  # a Hijri year is 11 days shorter than a Gregorian one; the year y starts in
    for hijri_year in range(near - 1, near + 2):  # one of these, and y may hold a day of two of them
        try:
            gregorian = Hijri(hijri_year, month_, day_).to_gregorian()
            start = dt.date(gregorian.year, gregorian.month, gregorian.day)
            if length == "month":
                following = Hijri(hijri_year + month_ // 12, month_ % 12 + 1, 1).to_gregorian()
                end = dt.date(following.year, following.month, following.day)
            else:
                end = start + dt.timedelta(days=int(length))
        except (ValueError, OverflowError):
            continue
        if start.year == y:
            return Period(start, end, "day")
    return None
