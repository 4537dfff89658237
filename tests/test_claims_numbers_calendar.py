"""Unit tests for the pieces the claim rules share: the Chinese numeral parser, durations, the calendar
arithmetic (Easter in both churches) and the English spoken-year parser."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from extractor.claims import engine
from extractor.claims.date import calendar as cal
from extractor.claims.date.en import spelled_year
from extractor.claims.duration import Duration, shift
from extractor.claims.duration import en as duration_en
from extractor.claims.duration import zh as duration_zh
from extractor.claims.numbers.zh import parse_numeral


@pytest.mark.parametrize(
    "text, value",
    [
        ("一千二百", 1200), ("两百五", 250), ("廿三", 23), ("卅一", 31), ("壹万贰仟", 12000), ("三亿五千万", 350000000),
        ("一万五", 15000), ("十五", 15), ("1.2万", 12000), ("四十九兆九千億", 49_000_000_000_000 + 900_000_000_000),
    ],
)  # fmt: skip
def test_chinese_numerals(text, value):
    assert parse_numeral(text) == Decimal(value)


def _durations(text, grammar):
    return [(text[t.start : t.end], t.value) for t in engine.parse(text, grammar).tokens if t.dim == "duration"]


@pytest.mark.parametrize(
    "text, written, duration",
    [
        ("三天", "三天", Duration(3, "day")), ("3年半", "3年半", Duration(3.5, "year")),
        ("两个半小时", "两个半小时", Duration(2.5, "hour")), ("十几年", "十几年", Duration(11, "year", high=19, approximate=True)),
        ("两年多", "两年多", Duration(2, "year", high=3, approximate=True)), ("兩個鐘", "兩個鐘", Duration(2, "hour")),
        ("三个交易日", "三个交易日", Duration(3, "business_day")),
    ],
)  # fmt: skip
def test_chinese_durations(text, written, duration):
    assert _durations(text, duration_zh.GRAMMAR) == [(written, duration)]


@pytest.mark.parametrize("text", ["三月", "3日", "第三天", "三钟"])
def test_chinese_words_that_are_no_durations(text):
    assert _durations(text, duration_zh.GRAMMAR) == []


@pytest.mark.parametrize(
    "text, duration",
    [
        ("20 min", Duration(20, "minute")), ("2 hrs", Duration(2, "hour")), ("3 wks", Duration(3, "week")),
        ("2 mos", Duration(2, "month")), ("5 biz days", Duration(5, "business_day")), ("2h", Duration(2, "hour")),
        ("half an hour", Duration(0.5, "hour")), ("an hour and a half", Duration(1.5, "hour")),
        ("a fortnight", Duration(2, "week")),
    ],
)  # fmt: skip
def test_english_durations(text, duration):
    assert _durations(text, duration_en.GRAMMAR) == [(text, duration)]


def test_business_days_skip_the_weekend():
    friday = dt.date(2026, 11, 27)
    assert shift(friday, 1, "business_day") == dt.date(2026, 11, 30)
    assert shift(friday, -5, "business_day") == dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    "year, western, orthodox",
    [(2013, "2013-03-31", "2013-05-05"), (2024, "2024-03-31", "2024-05-05"), (2025, "2025-04-20", "2025-04-20"),
     (2026, "2026-04-05", "2026-04-12"), (2100, "2100-03-28", "2100-05-02")],
)  # fmt: skip
def test_easter_in_both_churches(year, western, orthodox):
    assert cal.easter(year).isoformat() == western
    assert cal.orthodox_easter(year).isoformat() == orthodox


@pytest.mark.parametrize(
    "text, year",
    [("nineteen eighty six", 1986), ("two thousand and fifteen", 2015), ("two thousand", 2000),
     ("seventeen hundred thirty three", 1733), ("nineteen oh five", 1905), ("twenty twenty", 2020),
     ("nineteen people", None)],
)  # fmt: skip
def test_spoken_years(text, year):
    assert spelled_year(text) == year


@pytest.mark.parametrize(
    ("year", "month", "day", "length", "start", "end"),
    [
        (2025, 12, 10, 1, "2025-06-06", "2025-06-07"),  # Eid al-Adha 1446 (a Friday)
        (2026, 10, 1, 1, "2026-03-20", "2026-03-21"),  # Eid al-Fitr 1447
        (2026, 9, 1, "month", "2026-02-18", "2026-03-20"),  # Ramadan 1447: 30 days
        (2030, 9, 1, "month", "2030-01-05", "2030-02-04"),  # 2030 holds two Ramadans: the first is taken
        (2031, 9, 1, "month", "2031-12-15", "2032-01-14"),  # ... and 2031 none that starts in January
    ],
)
def test_islamic_feasts_follow_umm_al_qura(year, month, day, length, start, end):
    period = cal.hijri_period(year, month, day, length)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)


def test_islamic_dates_outside_the_table_have_no_reading():
    assert cal.hijri_period(1900, 10, 1) is None


def test_zone_offsets_follow_the_season_where_the_name_does_not_fix_it():
    from extractor.claims.date import zones

    winter, summer = dt.datetime(2026, 1, 15, 12), dt.datetime(2026, 7, 15, 12)
    assert zones.offset_of("ET", winter) == dt.timedelta(hours=-5)
    assert zones.offset_of("ET", summer) == dt.timedelta(hours=-4)
    assert zones.offset_of("EDT", winter) == dt.timedelta(hours=-4)  # the name fixes it
    assert zones.offset_of("GMT+5:30", winter) == dt.timedelta(hours=5, minutes=30)
    assert zones.offset_of("北京时间", summer) == dt.timedelta(hours=8)
    assert zones.offset_of("Atlantis time", winter) is None


def test_a_zoned_clock_moves_to_the_reference_clock_only_when_that_has_an_offset():
    from extractor.claims.date import zones

    value = {"start": "2026-11-24T18:00:00", "end": "2026-11-24T19:00:00", "grain": "hour"}
    kept = zones.moved(value, "EDT", None)
    assert (kept["start"], kept["timezone"]) == ("2026-11-24T18:00:00", "EDT (UTC-04:00)")
    moved = zones.moved(value, "EDT", dt.timedelta(hours=8))
    assert (moved["start"], moved["end"]) == ("2026-11-25T06:00:00", "2026-11-25T07:00:00")
    assert zones.moved({"start": "2026-11-24", "end": "2026-11-25"}, "EDT", None) is None  # no clock time
