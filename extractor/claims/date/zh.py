"""Dates and periods in Chinese text, resolved against the reference date.

Full and year-less dates (2026年11月20日, 12月9日, 12月9日下午3点), months (11月, 今年10月, 11月底),
years and their parts (2025年, 2025财年, 2026年第一季度, 上半年, 2025年底, 2025年夏天), relative days,
weeks, months, quarters and years (昨天, 上周, 上个月, 下季度, 去年), spans (过去两年, 未来三年内, 近三个月),
ranges (2023年至2025年, 12月9日至11日) and decades (上世纪90年代).
"""

from __future__ import annotations

import datetime as dt
import re

from extractor.claims.base import Candidate, Rule, RuleContext, contains_cue, lexicon
from extractor.claims.date import calendar as cal
from extractor.claims.date import numeric
from extractor.claims.date.calendar import Period
from extractor.claims.numbers.zh import ZH_DIGIT_CHARS, parse_numeral

_FUTURE = lexicon("cues")["future_zh"]

YEAR_NUM = rf"(?:\d{{4}}|[{ZH_DIGIT_CHARS}]{{4}})"
MONTH_NUM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY_NUM = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
HOUR_NUM = r"(?:2[0-4]|[01]?\d|二十[一二三四]?|十[一二三四五六七八九]?|[一二三四五六七八九十两])"
REL_YEAR = r"今年|去年|明年|前年|后年|本年|本财年|上财年|下财年|上一财年|下一财年"
REL_YEAR_OFFSET = {"今年": 0, "本年": 0, "去年": -1, "明年": 1, "前年": -2, "后年": 2, "本财年": 0, "上财年": -1,
                   "下财年": 1, "上一财年": -1, "下一财年": 1}  # fmt: skip
DAY_PART = r"上午|下午|晚上|凌晨|早上|中午|傍晚|晚间|早晨|夜间|清晨|今晚|今早|夜里"
PM_PARTS = {"下午", "晚上", "傍晚", "晚间", "夜间", "今晚", "夜里"}
SEASONS = {"春": "spring", "夏": "summer", "秋": "autumn", "冬": "winter"}
YEAR_PART = {"初": "early", "中": "mid", "底": "late", "末": "late"}
MONTH_PART = {"初": "early", "上旬": "early", "中旬": "mid", "中": "mid", "下旬": "late", "底": "late", "末": "late"}
APPROX_SUFFIX = r"(?:前后|左右)"

_YEAR = rf"(?:(?P<y>{YEAR_NUM})年|(?P<ry>{REL_YEAR}))"
_TIME = rf"(?:(?P<dp>{DAY_PART})?(?P<h>{HOUR_NUM})[点时](?:(?P<mi>[0-5]?\d|半|一刻|三刻)分?)?|(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d))"

FULL = re.compile(
    rf"{_YEAR}?(?P<m>{MONTH_NUM})月(?P<d>{DAY_NUM})[日号]"
    rf"(?:(?:至|到|-|~)(?:(?P<y2>{YEAR_NUM})年)?(?:(?P<m2>{MONTH_NUM})月)?(?P<d2>{DAY_NUM})[日号])?"
    rf"(?:{_TIME})?(?P<approx>{APPROX_SUFFIX})?"
)
MONTH = re.compile(
    rf"{_YEAR}?(?P<m>{MONTH_NUM})(?:月份|月)(?!\d|[{ZH_DIGIT_CHARS}十]+[日号])(?P<part>上旬|中旬|下旬|初|中|底|末)?"
    rf"(?:(?:至|到|-|~)(?P<m2>{MONTH_NUM})月)?(?P<approx>{APPROX_SUFFIX})?"
)
YEAR_PERIOD = re.compile(
    rf"(?:(?P<y>{YEAR_NUM})(?:年|财年|年度|财政年度)|(?P<ry>{REL_YEAR})(?:年度)?)"
    rf"(?:(?P<q>第?[一二三四1-4]季度| ?Q[1-4])|(?P<first3>前三季度)|(?P<half>上半年|下半年)|年?(?P<part>初|中|底|末)"
    rf"|(?P<season>[春夏秋冬])(?:天|季)|(?P<recent>以来)|(?P<same>同期))?(?P<approx>{APPROX_SUFFIX})?"
)
YEAR_RANGE = re.compile(rf"(?P<y1>\d{{4}})年?(?:至|到|-|~)(?P<y2>\d{{4}})年(?:间)?")
BARE_PERIOD = re.compile(
    r"(?<![\d年])(?P<q>第?[一二三四]季度|Q[1-4](?![\d]))|(?<![年])(?P<first3>前三季度)|(?<![年])(?P<half>上半年|下半年)"
)
RELATIVE = re.compile(
    r"(?P<word>上周末|本周末|这周末|下周末|上周|本周|这周|下周|上个月|上月|本月|这个月|下个月|下月|昨天|今天|明天|前天|后天"
    r"|昨日|今日|明日|上季度|上一季度|本季度|下季度|下一季度|月初|月中|月底|月末|年初|年中|年底|年末)"
    r"(?![\d一二三四五六七八九十])"
)
REL_MONTH_PART = re.compile(r"(?P<rm>上个?月|本月|这个月|下个?月)(?P<part>上旬|中旬|下旬|初|中|底|末)")
WEEKDAY = re.compile(r"(?P<which>上|下|本|这)?(?:个)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])")
SPAN = re.compile(
    r"(?P<dir>过去|未来|近|最近|此前|今后|接下来的?)(?P<n>\d+|[一二两三四五六七八九十]+)(?:个)?"
    r"(?P<unit>年|月|周|星期|天|季度)"
)
AGO = re.compile(r"(?<!\d)(?P<n>\d{1,3}|[一二两三四五六七八九十]+)(?:个)?(?P<unit>年|月|周|星期|天)(?P<dir>前|后|以前|以后)(?![\w])")
DECADE = re.compile(r"(?P<century>上世纪|上个世纪|20世纪|二十世纪)?(?P<dec>\d0|[一二三四五六七八九]十)年代")
TIME = re.compile(rf"(?P<day>今天|明天|昨天|当天|今晚|今早)?{_TIME}")

UNIT_NAMES = {"年": "year", "月": "month", "周": "week", "星期": "week", "天": "day", "季度": "quarter"}


def _number(text: str) -> int:
    return int(parse_numeral(text))


def _future(ctx: RuleContext) -> bool:
    return contains_cue(ctx.sentence_text, _FUTURE)


def _year_of(match: re.Match, reference: dt.date | None) -> tuple[int | None, bool]:
    """(year, relative) from a 2026年 / 今年 prefix; (None, False) without one."""
    if match.group("y"):
        return _number(match.group("y")), False
    if match.group("ry"):
        if reference is None:
            return None, True
        return reference.year + REL_YEAR_OFFSET[match.group("ry")], True
    return None, False


def _candidate(match: re.Match, period: Period | None, rule: str, *, start: int | None = None) -> Candidate:
    value = period.as_dict() if period else None
    return Candidate("date", match.start() if start is None else start, match.end(), value, rule)


def _time_of(match: re.Match, base: dt.date) -> Period | None:
    if match.group("hh"):
        return cal.at_time(base, int(match.group("hh")), int(match.group("mm")), grain="minute")
    if not match.group("h"):
        return None
    hour = _number(match.group("h"))
    if match.group("dp") in PM_PARTS and hour < 12:
        hour += 12
    minute_text = match.group("mi")
    if not minute_text:
        return cal.at_time(base, hour)
    minute = {"半": 30, "一刻": 15, "三刻": 45}.get(minute_text)
    return cal.at_time(base, hour, minute if minute is not None else _number(minute_text), grain="minute")


def build_full(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if ctx.text[match.start() - 1 : match.start()] == "第":
        return None
    month, day_of_month = _number(match.group("m")), _number(match.group("d"))
    year, relative = _year_of(match, reference)
    if year is None and not relative:
        if reference is None:
            return _candidate(match, None, "date.zh.day")
        period = cal.pick_year(lambda y: cal.day(y, month, day_of_month), reference, future=_future(ctx))
    elif year is None:
        return _candidate(match, None, "date.zh.day")
    else:
        period = cal.day(year, month, day_of_month)
        period = period.with_flags(relative=relative) if period else None
    if period is None:
        return None
    if match.group("d2"):
        last_month = _number(match.group("m2")) if match.group("m2") else period.start.month
        last_year = _number(match.group("y2")) if match.group("y2") else period.start.year
        last = cal.day(last_year, last_month, _number(match.group("d2")))
        period = cal.span(period, last) if last else None
        if period is None:
            return None
    elif match.group("h") or match.group("hh"):
        timed = _time_of(match, period.start)
        period = timed.with_flags(relative=period.relative) if timed else period
    if match.group("approx"):
        period = period.with_flags(approximate=True)
    return _candidate(match, period, "date.zh.day")


def build_month(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if ctx.text[match.start() - 1 : match.start()] in ("第", "个") or re.match(r"\d", ctx.text[match.start() - 1 : match.start()]):
        return None
    month = _number(match.group("m"))
    year, relative = _year_of(match, reference)
    part = MONTH_PART.get(match.group("part") or "")

    def make(y: int) -> Period | None:
        whole = cal.month(y, month)
        if whole is None:
            return None
        if not part:
            return whole
        return cal.part_of_month(y, month, part, approximate="旬" not in match.group("part"))

    if year is None and (relative or reference is None):
        return _candidate(match, None, "date.zh.month")
    period = make(year) if year is not None else cal.pick_year(make, reference, future=_future(ctx))
    if period is None:
        return None
    period = period.with_flags(relative=relative or period.relative)
    if match.group("m2"):
        last = cal.month(period.start.year, _number(match.group("m2")))
        period = cal.span(period, last) if last else None
        if period is None:
            return None
    if match.group("approx"):
        period = period.with_flags(approximate=True)
    return _candidate(match, period, "date.zh.month")


def _year_period(year: int, match: re.Match) -> Period | None:
    if match.group("q"):
        return cal.quarter(year, _number(match.group("q")[-3] if match.group("q").endswith("季度") else match.group("q")[-1]))
    if match.group("first3"):
        return cal.Period(dt.date(year, 1, 1), dt.date(year, 10, 1), "range")
    if match.group("half"):
        return cal.half(year, 1 if match.group("half") == "上半年" else 2)
    if match.group("part"):
        return cal.part_of_year(year, YEAR_PART[match.group("part")])
    if match.group("season"):
        return cal.season(year, SEASONS[match.group("season")])
    return cal.year(year)


def build_year_period(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    year, relative = _year_of(match, reference)
    if year is None:
        return _candidate(match, None, "date.zh.year")
    if not 1000 <= year <= 2999:
        return None
    after = ctx.text[match.end() : match.end() + 2]
    if match.group("y") and not any(match.group(g) for g in ("q", "first3", "half", "part", "season")):
        if after[:1] in "工" or after.startswith("历史") or after.startswith("的历史"):
            return None  # 20年工龄 is never matched (four digits needed); 2000年历史 is a duration
    period = _year_period(year, match)
    if period is None:
        return None
    if match.group("recent") and reference is not None:
        period = Period(period.start, reference, "range", approximate=False)
    period = period.with_flags(relative=relative)
    if match.group("approx") or match.group("same"):  # 去年同期: the same stretch of last year, roughly
        period = period.with_flags(approximate=True)
    return _candidate(match, period, "date.zh.year")


def build_year_range(match: re.Match, ctx: RuleContext) -> Candidate | None:
    first, last = int(match.group("y1")), int(match.group("y2"))
    if not (1000 <= first < last <= 2999):
        return None
    return _candidate(match, cal.span(cal.year(first), cal.year(last)), "date.zh.year_range")


def build_bare_period(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.zh.period")
    if match.group("q"):
        q = match.group("q")
        number = _number(q[-3]) if q.endswith("季度") else int(q[-1])
        period = cal.pick_year(lambda y: cal.quarter(y, number), reference, future=_future(ctx))
    elif match.group("first3"):
        period = Period(dt.date(reference.year, 1, 1), dt.date(reference.year, 10, 1), "range", relative=True)
    else:
        h = 1 if match.group("half") == "上半年" else 2
        period = cal.pick_year(lambda y: cal.half(y, h), reference, future=_future(ctx))
    return _candidate(match, period, "date.zh.period")


def build_relative(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.zh.relative")
    word = match.group("word")
    days = {"昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "明天": 1, "明日": 1, "前天": -2, "后天": 2}
    if word in days:
        target = reference + dt.timedelta(days=days[word])
        period = cal.day(target.year, target.month, target.day)
    elif word.endswith("周末"):
        offset = {"上": -1, "本": 0, "这": 0, "下": 1}[word[0]]
        monday = cal.week(reference).start + dt.timedelta(weeks=offset)
        period = Period(monday + dt.timedelta(days=5), monday + dt.timedelta(days=7), "day")
    elif word.endswith("周"):
        offset = {"上": -1, "本": 0, "这": 0, "下": 1}[word[0]]
        period = cal.week(reference + dt.timedelta(weeks=offset))
    elif "季度" in word:
        offset = -1 if word.startswith("上") else 1 if word.startswith("下") else 0
        this_quarter = cal.quarter(reference.year, (reference.month - 1) // 3 + 1)
        start = cal.add_months(this_quarter.start, 3 * offset)
        period = cal.quarter(start.year, (start.month - 1) // 3 + 1)
    elif word[:2] in ("月初", "月中", "月底", "月末"):
        period = cal.part_of_month(reference.year, reference.month, MONTH_PART[word[1]])
    elif word[:2] in ("年初", "年中", "年底", "年末"):
        period = cal.part_of_year(reference.year, YEAR_PART[word[1]])
    else:
        offset = -1 if word.startswith("上") else 1 if word.startswith("下") else 0
        start = cal.add_months(dt.date(reference.year, reference.month, 1), offset)
        period = cal.month(start.year, start.month)
    return _candidate(match, period.with_flags(relative=True), "date.zh.relative")


def build_month_part(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.zh.relative")
    offset = -1 if match.group("rm").startswith("上") else 1 if match.group("rm").startswith("下") else 0
    start = cal.add_months(dt.date(reference.year, reference.month, 1), offset)
    part = match.group("part")
    period = cal.part_of_month(start.year, start.month, MONTH_PART[part], approximate="旬" not in part)
    return _candidate(match, period.with_flags(relative=True), "date.zh.relative")


def build_weekday(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.zh.weekday")
    weekday = "一二三四五六日天".index(match.group("wd"))
    weekday = min(weekday, 6)
    which = match.group("which")
    if which:
        offset = {"上": -1, "本": 0, "这": 0, "下": 1}[which]
        target = cal.week(reference).start + dt.timedelta(weeks=offset, days=weekday)
        period = cal.day(target.year, target.month, target.day)
    else:
        period = cal.pick_weekday(reference, weekday, future=_future(ctx))
    return _candidate(match, period.with_flags(relative=True), "date.zh.weekday")


def build_span(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.zh.span")
    amount = _number(match.group("n"))
    if amount <= 0 or amount > 1000:
        return None
    future = match.group("dir") in ("未来", "今后", "接下来", "接下来的")
    return _candidate(match, cal.within(reference, amount, UNIT_NAMES[match.group("unit")], future=future), "date.zh.span")


def build_ago(match: re.Match, ctx: RuleContext) -> Candidate | None:
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.zh.ago")
    amount = _number(match.group("n"))
    unit = UNIT_NAMES[match.group("unit")]
    target = cal.shift(reference, amount if match.group("dir").endswith("后") else -amount, unit)
    if unit == "year":
        period = cal.year(target.year)
    elif unit == "month":
        period = cal.month(target.year, target.month)
    elif unit == "week":
        period = cal.week(target)
    else:
        period = cal.day(target.year, target.month, target.day)
    return _candidate(match, period.with_flags(relative=True, approximate=unit != "day"), "date.zh.ago")


def build_decade(match: re.Match, ctx: RuleContext) -> Candidate | None:
    tens = _number(match.group("dec"))
    century = 1900
    if not match.group("century") and tens < 30 and ctx.analysis.reference_date is not None:
        century = 2000 if 2000 + tens <= ctx.analysis.reference_date.year else 1900
    # 上世纪 names the century through the reference date: relative, as 去年 is.
    relative = (match.group("century") or "").startswith("上")
    return _candidate(match, cal.decade(century + tens).with_flags(relative=relative), "date.zh.decade")


def build_time(match: re.Match, ctx: RuleContext) -> Candidate | None:
    if not (match.group("dp") or match.group("day") or match.group("mi") or match.group("hh")):
        return None  # 3点 alone is too often a point (有一点, 三点意见)
    reference = ctx.analysis.reference_date
    if reference is None:
        return _candidate(match, None, "date.zh.time")
    offset = {"明天": 1, "昨天": -1}.get(match.group("day") or "", 0)
    period = _time_of(match, reference + dt.timedelta(days=offset))
    return _candidate(match, period.with_flags(relative=True), "date.zh.time") if period else None


RULES = [
    *numeric.RULES,
    Rule("date.zh.day", FULL, build_full),
    Rule("date.zh.year_range", YEAR_RANGE, build_year_range),
    Rule("date.zh.month", MONTH, build_month),
    Rule("date.zh.year", YEAR_PERIOD, build_year_period),
    Rule("date.zh.period", BARE_PERIOD, build_bare_period),
    Rule("date.zh.relative", RELATIVE, build_relative),
    Rule("date.zh.relative_month_part", REL_MONTH_PART, build_month_part),
    Rule("date.zh.weekday", WEEKDAY, build_weekday),
    Rule("date.zh.span", SPAN, build_span),
    Rule("date.zh.ago", AGO, build_ago),
    Rule("date.zh.decade", DECADE, build_decade),
    Rule("date.zh.time", TIME, build_time),
]
