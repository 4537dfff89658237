"""Time zones named after a clock time (6pm EDT, 09:00 UTC, noon AEST, 3pm ET, 北京时间晚上8点).

A zone is a fixed UTC offset (EDT, CET, UTC+8) or, where the name does not say whether summer time is
on (ET, Eastern time, PT), a place in the IANA database (America/New_York) read with ``zoneinfo`` for the
day in question. The clock time in the text is the zone's own; when the reference carries a UTC offset
(``--ref-date 2026-11-24T09:30+08:00``, as a publication time does) the claim is moved to that clock,
the article's, like every other time of the document; without one it stays as written. Either way the
value names the zone it was written in (``DateValue.timezone``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

_HOURS = dt.timedelta(hours=1)

# Abbreviations that fix the offset (summer names included), in hours east of UTC.
FIXED = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "WEST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
    "IST": 5.5, "PKT": 5, "ICT": 7, "WIB": 7, "HKT": 8, "SGT": 8, "AWST": 8, "PHT": 8, "JST": 9, "KST": 9,
    "ACST": 9.5, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10, "AST": -4, "ADT": -3,
}  # fmt: skip
# Names that leave the season to the calendar: the offset of the day, from the IANA database.
PLACES = {
    "ET": "America/New_York", "EASTERN TIME": "America/New_York", "CT": "America/Chicago",
    "CENTRAL TIME": "America/Chicago", "MT": "America/Denver", "MOUNTAIN TIME": "America/Denver",
    "PT": "America/Los_Angeles", "PACIFIC TIME": "America/Los_Angeles", "UK TIME": "Europe/London",
    "LONDON TIME": "Europe/London",
}  # fmt: skip
# Chinese names of clocks (北京时间 is UTC+8 all year).
CHINESE = {
    "北京时间": 8, "北京時間": 8, "香港时间": 8, "台北时间": 8, "东京时间": 9, "首尔时间": 9, "新加坡时间": 8,
    "格林尼治时间": 0, "格林威治时间": 0, "世界标准时间": 0, "协调世界时": 0, "伦敦时间": "Europe/London",
    "纽约时间": "America/New_York", "美东时间": "America/New_York", "美東時間": "America/New_York",
    "美国东部时间": "America/New_York", "美西时间": "America/Los_Angeles", "美国西部时间": "America/Los_Angeles",
    "巴黎时间": "Europe/Paris", "莫斯科时间": 3,
}  # fmt: skip

_NUMERIC = re.compile(r"(?:UTC|GMT)\s?([+-−])\s?(\d{1,2})(?::?(\d\d))?$")


def offset_of(name: str, moment: dt.datetime) -> dt.timedelta | None:
    """The UTC offset the zone ``name`` has at the wall-clock ``moment`` (naive, in that zone)."""
    key = " ".join(name.upper().split())
    if name in CHINESE:
        value = CHINESE[name]
        return _place_offset(value, moment) if isinstance(value, str) else value * _HOURS
    if key in FIXED:
        return FIXED[key] * _HOURS
    if key in PLACES:
        return _place_offset(PLACES[key], moment)
    numeric = _NUMERIC.match(key)
    if numeric:
        sign = -1 if numeric.group(1) in "-−" else 1
        hours, minutes = int(numeric.group(2)), int(numeric.group(3) or 0)
        if hours > 14 or minutes > 59:
            return None
        return sign * dt.timedelta(hours=hours, minutes=minutes)
    return None


@functools.lru_cache(maxsize=64)
def _zone(place: str):
    from zoneinfo import ZoneInfo

    return ZoneInfo(place)


def _place_offset(place: str, moment: dt.datetime) -> dt.timedelta | None:
    try:
        return moment.replace(tzinfo=_zone(place)).utcoffset()
    except Exception:  # no time-zone database on this machine (the tzdata package provides one)
        return None


def label(offset: dt.timedelta) -> str:
    """UTC+08:00, UTC-04:00, UTC+05:30."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def moved(value: dict, name: str, reference_offset: dt.timedelta | None) -> dict | None:
    """A clock-time value written in zone ``name``: moved to the reference's clock when its offset is known,
    with the zone it was written in; None for an unknown zone or a value without a clock time."""
    start, end = value.get("start"), value.get("end")
    if not start or "T" not in start:
        return None
    moment = dt.datetime.fromisoformat(start)
    offset = offset_of(name, moment)
    if offset is None:
        return None
    result = {**value, "timezone": f"{name} ({label(offset)})"}
    if reference_offset is not None and reference_offset != offset:
        shift = reference_offset - offset
        result["start"] = (moment + shift).isoformat()
        if end and "T" in end:
            result["end"] = (dt.datetime.fromisoformat(end) + shift).isoformat()
    return result
