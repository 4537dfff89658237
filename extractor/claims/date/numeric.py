"""All-digit dates shared by every language: 2026-11-20, 2026/11/20, 2026.11.20, US 11/20/2026, 20261120
(file names, report numbers), a year and month (2024.11), and ranges of two full dates (2026/1/10-2026/7/10)."""

from __future__ import annotations

import re

from extractor.claims.base import Candidate, Rule, RuleContext, follows_product_name
from extractor.claims.date import calendar as cal

YEAR = r"(?:19|20)\d\d"
# A dash may stand around it where it is no number's (report-2002-10-09.xlsx, -2020-07-01-), not after a
# digit (1990-2020-07 is no date) nor before one.
ISO_DATE = re.compile(
    rf"(?<![\d/.])(?<!\d-)(?P<y>{YEAR})(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?![\d/]|-\d|\.\d)"
)
# Month first, as US news writes it; a first number above 12 can only be a day (20/11/2026). Two digits of
# year (3/3/15, 10/31/74) take the century that puts them between 1930 and 2029.
SLASH_DATE = re.compile(
    rf"(?<![\d/.-])(?P<a>3[01]|[12]\d|0?[1-9])/(?P<b>3[01]|[12]\d|0?[1-9])/(?P<y>{YEAR}|\d\d)(?![\d/]|\.\d)"
)
PIVOT = 30  # a two-digit year from 30 on is in the 1900s, below it in the 2000s


def full_year(digits: str) -> int:
    value = int(digits)
    return value + (1900 if value >= PIVOT else 2000) if len(digits) == 2 else value
# Eight digits that make a valid date, alone (report-20170302.html, 发布于20231108): not inside a longer
# number, not a decimal, not before a unit or a percent sign (20231108元 is an amount).
COMPACT_DATE = re.compile(
    rf"(?<![\d.,])(?P<y>{YEAR})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?![\d,%]|\.\d|\s?[万亿元美块%])"
)
# A year and a month in digits (2024.11, 2024-11, 2024/11): the month. Not a decimal or an amount (2024.11 点,
# 2024.11 亿元, $2024.11), not the start of a full date or of a longer number, not a year range (2019-20).
YEAR_MONTH = re.compile(
    rf"(?<![\d/.,$€£¥-])(?P<y>{YEAR})(?P<sep>[-/.])(?P<m>1[0-2]|0[1-9]|[1-9])"
    r"(?![\d%]|[-/.]\d|\s?(?:[点亿万元倍个]|美元|港元|percent|points?\b))"
)
# Two full year-first dates with the same separator joined by a dash or tilde: one range claim.
ISO_RANGE = re.compile(
    rf"(?<![\d/.-])(?P<y>{YEAR})(?P<sep>[/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])"
    rf"\s?(?:-|–|~|～)\s?(?P<y2>{YEAR})(?P=sep)(?P<m2>1[0-2]|0?[1-9])(?P=sep)(?P<d2>3[01]|[12]\d|0?[1-9])(?![\d/-]|\.\d)"
)


def build_iso(match: re.Match, ctx: RuleContext) -> Candidate | None:
    period = cal.day(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    return Candidate("date", match.start(), match.end(), period.as_dict(), "date.numeric.iso") if period else None


def build_slash(match: re.Match, ctx: RuleContext) -> Candidate | None:
    first, second, year = int(match.group("a")), int(match.group("b")), full_year(match.group("y"))
    period = cal.day(year, first, second) if first <= 12 else cal.day(year, second, first)
    return Candidate("date", match.start(), match.end(), period.as_dict(), "date.numeric.slash") if period else None


_AN_ID_BEFORE = re.compile(r"(?:编号|编码|号码|账号|帐号|代码|单号|订单号?|证号|批号|工号|学号|序号|ID|No\.?|#)\s?[:：]?\s?$", re.I)


def build_compact(match: re.Match, ctx: RuleContext) -> Candidate | None:
    if _AN_ID_BEFORE.search(ctx.text[max(0, match.start() - 6) : match.start()]):
        return None  # 编号20231108, No. 20231108: an identifier that looks like a date
    period = cal.day(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    return Candidate("date", match.start(), match.end(), period.as_dict(), "date.numeric.compact") if period else None


_VERSION_BEFORE = re.compile(r"(?:版本|版|(?i:version|ver\.?|v|release|build|update))\s?[:：]?\s?$")


def build_year_month(match: re.Match, ctx: RuleContext) -> Candidate | None:
    before = ctx.text[max(0, match.start() - 10) : match.start()]
    if _VERSION_BEFORE.search(before) or follows_product_name(ctx.text, match.start()):
        return None  # 版本 2024.1, Ubuntu 2024.04: a version, not a month
    period = cal.month(int(match.group("y")), int(match.group("m")))
    return Candidate("date", match.start(), match.end(), period.as_dict(), "date.numeric.year_month") if period else None


def build_iso_range(match: re.Match, ctx: RuleContext) -> Candidate | None:
    first = cal.day(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    last = cal.day(int(match.group("y2")), int(match.group("m2")), int(match.group("d2")))
    period = cal.span(first, last) if first and last else None
    return Candidate("date", match.start(), match.end(), period.as_dict(), "date.numeric.iso_range") if period else None


# ISO 8601 with its clock time (logs, filings, feeds): 2025-12-09T10:30, 2025-12-09T10:30:15Z,
# 2025-12-09T10:30:00+08:00. A zone moves the claim to the reference's clock when that has an offset.
ISO_DATETIME = re.compile(
    rf"(?<![\d/.])(?P<y>{YEAR})-(?P<m>1[0-2]|0[1-9])-(?P<d>3[01]|[12]\d|0[1-9])T(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)"
    r"(?::(?P<s>[0-5]\d)(?:[.,]\d{1,9})?)?(?P<z>Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?(?![\d:])"
)


def build_iso_datetime(match: re.Match, ctx: RuleContext) -> Candidate | None:
    import datetime as dt

    from extractor.claims.date import zones

    try:
        start = dt.datetime(int(match.group("y")), int(match.group("m")), int(match.group("d")),
                            int(match.group("h")), int(match.group("mi")), int(match.group("s") or 0))  # fmt: skip
    except ValueError:
        return None
    step = dt.timedelta(seconds=1) if match.group("s") else dt.timedelta(minutes=1)
    value = cal.Period(start, start + step, "second" if match.group("s") else "minute").as_dict()
    zone = match.group("z")
    if zone:
        value = zones.moved(value, "UTC" if zone == "Z" else f"UTC{zone}", getattr(ctx.analysis, "reference_offset", None)) or value
    return Candidate("date", match.start(), match.end(), value, "date.numeric.iso_datetime")


# A year and its quarter or half glued together, as reports and tickers write them: 2025Q3, 2025-Q3, 25H1.
YEAR_PART = re.compile(rf"(?<![A-Za-z0-9_.$¥€£-])(?P<y>{YEAR}|\d\d)-?(?P<p>[Qq][1-4]|H[12])(?![A-Za-z0-9_]|[.,]\d)")


_AFTER_VERSION = re.compile(r"[A-Z][A-Za-z]*\s\d{1,2}(?:\.\d+)?\s$")


def build_year_part(match: re.Match, ctx: RuleContext) -> Candidate | None:
    if follows_product_name(ctx.text, match.start()) or _AFTER_VERSION.search(ctx.text, max(0, match.start() - 24), match.start()):
        return None  # Windows 11 24H2, iOS 18 25H1: a release's name
    year = full_year(match.group("y"))
    number = int(match.group("p")[1])
    period = cal.quarter(year, number) if match.group("p")[0] in "Qq" else cal.half(year, number)
    return Candidate("date", match.start(), match.end(), period.as_dict(), "date.numeric.year_part") if period else None


RULES = [
    Rule("date.numeric.year_part", YEAR_PART, build_year_part),
    Rule("date.numeric.iso_datetime", ISO_DATETIME, build_iso_datetime),
    Rule("date.numeric.iso", ISO_DATE, build_iso),
    Rule("date.numeric.slash", SLASH_DATE, build_slash),
    Rule("date.numeric.iso_range", ISO_RANGE, build_iso_range),
    Rule("date.numeric.compact", COMPACT_DATE, build_compact),
    Rule("date.numeric.year_month", YEAR_MONTH, build_year_month),
]
