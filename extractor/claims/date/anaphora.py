"""Dates counted from a date the text names before them, not from the article's date.

The rules read 两天后, 此前一天, 当天下午4时, three days later and a year earlier against the reference date,
as if the text told of them from today. In news they count from the event the sentence has just dated:
张女士于3月8日被骗，两天后才发现 is 10 March; 11月16日凌晨发生抢劫，警方于当天下午4时抓获 is 16 November;
lawmakers return on Jan. 3 and certify the result three days later is 6 January; sales in October were lower
than a year earlier is October of the year before; 今年上半年…较去年同期 is last year's first half.
``reanchor`` moves such claims, once the claims are chosen,
to the last date claim before them: in the same sentence for an offset (两天后, a year earlier), or within
ANCHOR_REACH characters of the same paragraph for 当天 / 此前一天, which always look back.
"""

from __future__ import annotations

import datetime as dt

from extractor.claims.base import Candidate
from extractor.claims.date import calendar as cal
from extractor.claims.date import resolve
from extractor.claims.date.relative import ANCHOR_REACH  # the same reach as the grammar's anaphora
from extractor.claims.numbers import en as numbers_en
from extractor.claims.numbers import zh as numbers_zh
from extractor.text import compiled

_UNITS = {"天": "day", "日": "day", "周": "week", "星期": "week", "个月": "month", "月": "month", "年": "year",
          "day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}  # fmt: skip

# 当天, 当日, 当晚 (+ a time of that day): the day of the date before.
_THAT_DAY = compiled.compile(r"(?:当天|当日|当晚|当夜)")
# A clock time with no day of its own: 10am, 4.30pm, 19:35, 下午3点, 晚上7点半.
# Or two of them as a stretch of that day: 下午14:30—16:30, 9:30-11:00 a.m. (12月29日上午9:00—11:00考语文，下午14:30—16:30考数学).
_EN_CLOCK = r"\d{1,2}(?:[:.]\d\d)?\s?(?:a\.?m\.?|p\.?m\.?)?"
_ZH_CLOCK = r"(?:上午|下午|晚上|凌晨|中午|早上|傍晚|晚)?\d{1,2}(?:[:：]\d\d|[点时](?:\d{1,2}分?|半|一刻)?)"
_CLOCK_ONLY = compiled.compile(
    rf"(?i:(?:(?:at|about|around|approximately|roughly|from)\s)?{_EN_CLOCK}(?:\s?(?:-|–|to|until)\s?{_EN_CLOCK})?"
    r"(?:\s(?:[A-Z]{2,4}|local\stime))?|noon|midday)"
    rf"|{_ZH_CLOCK}(?:\s?(?:—|–|-|~|～|至|到)\s?{_ZH_CLOCK})?"
    r"|上午|下午|晚上|中午|凌晨|早上|傍晚|晚间"  # 6月14日举行，上午考四级、下午考六级
)
# 去年同期, 上年同期: the period the sentence has named, a year back (2024年一季度…比上年同期: 2023's first quarter).
_SAME_PERIOD = compiled.compile(r"(?:去年|上年|上一年|前一年)同期")
# 两天后, 三天前, 一周后, 此前一天, 前一天: so many units from the date before.
_ZH_OFFSET = compiled.compile(
    r"(?P<n>\d{1,2}|[一两二三四五六七八九十])\s?个?(?P<u>天|日|周|星期|个月|年)(?:之|以)?(?P<d>后|前)"
    r"|(?P<lead>此前|之前|其前|前)(?P<n2>一|两|三)(?P<u2>天|日)"
)
_EN_OFFSET = compiled.compile(
    r"(?i:(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s(?P<u>day|week|month|quarter|year)s?"
    r"\s(?P<d>later|earlier|after|before))"
)


def reanchor(claims: list[Candidate], text: str, analysis) -> list[Candidate]:
    """``claims`` (in text order) with the anaphoric dates counted from the date claim before them."""
    reference = analysis.reference_date
    if reference is None or len(claims) < 2:
        return claims
    result: list[Candidate] = []
    year_named: tuple[int, int] | None = None  # (sentence, year) of the last 2026年 written, this year or later
    last_date: Candidate | None = None  # the last closed date (a day, a month …)
    last_dated: Candidate | None = None  # the last date with a start, ranges included (its month)
    last_period: Candidate | None = None  # the last reporting period (a month, quarter, half, a stretch of days)
    last_shift: tuple[Candidate, int] | None = None  # the date before, when moved here, and by how many days
    for claim in claims:
        if claim.kind != "date" or not claim.value:
            result.append(claim)
            continue
        if last_shift is not None and claim.rule in _COUNTED_FROM_THE_DATE_BEFORE and claim.value.get("grain") == "day":
            # two days later, … the previous day: the grammar counted it from the date before as first read;
            # that date was moved here, so it moves with it
            anchor, days = last_shift
            if claim.start - anchor.end <= ANCHOR_REACH and analysis.sentence_at(claim.start) == analysis.sentence_at(anchor.start):
                claim = _shifted(claim, days) or claim
        last_shift = None
        moved = None
        if last_period is not None and _SAME_PERIOD.fullmatch(text, claim.start, claim.end):
            moved = _same_period(claim, last_period, text)
        elif last_period is not None and text[claim.start : claim.end] in ("去年", "上年") and text.startswith("同月", claim.end):
            if last_period.value.get("grain") == "month":  # 2025年5月…較去年同月: May a year back, 同月 in the span
                widened = Candidate("date", claim.start, claim.end + 2, claim.value, claim.rule)
                moved = _same_period(widened, last_period, text)
        if moved is None and last_dated is not None:
            moved = _in_month_before(claim, last_dated, text, analysis)
        if moved is None and last_date is not None:
            moved = _moved(claim, last_date, text, analysis, reference)
        if moved is None and year_named is not None:
            moved = _in_year_named(claim, year_named, analysis)
        current = moved or claim
        result.append(current)
        if moved is not None and moved.value.get("start") and claim.value.get("start") and "T" not in claim.value["start"]:
            days = (_day(moved.value["start"]) - _day(claim.value["start"])).days
            last_shift = (current, days) if days else None
        written = _YEAR_WRITTEN.match(text, claim.start)  # the claim opens with it (its look-ahead reads past it)
        if written and written.end() <= claim.end:  # the last year written rules; a past one leaves the policy's reading
            year = int(written.group(1))
            year_named = (analysis.sentence_at(claim.start), year) if year >= reference.year else None
        elif _THIS_YEAR.fullmatch(text, claim.start, claim.end) and current.value.get("start"):
            year_named = (analysis.sentence_at(claim.start), _day(current.value["start"]).year)  # 今年高考于6月7日举行
        if _closed(current.value) or (current.value.get("start") and _within_a_day(current.value)):
            last_date = current
        if current.value.get("start"):
            last_dated = current
        if _is_period(current.value) and not _SAME_PERIOD.fullmatch(text, claim.start, claim.end):
            last_period = current
    return result


def _is_period(value: dict) -> bool:
    """A period a figure is reported for: a month, quarter, half, week or a stretch of a week or more, given
    exactly (not 年初, not a deadline)."""
    if not value.get("start") or not value.get("end") or value.get("approximate"):
        return False
    if value.get("grain") in ("month", "quarter", "half", "week"):
        return True
    return value.get("grain") in ("range", "day") and (_day(value["end"]) - _day(value["start"])).days >= 7


def _same_period(claim: Candidate, period: Candidate, text: str) -> Candidate | None:
    """去年同期 after the period a figure was given for (今年上半年…。去年同期…; 国庆档（10月1日至8日）…较去年同期):
    that period a year back, within the paragraph."""
    if claim.start - period.end > 2 * ANCHOR_REACH or "\n" in text[period.end : claim.start]:
        return None
    value = {key: _shift_months(period.value[key], -12) for key in ("start", "end")}
    value.update(grain=period.value.get("grain"), relative=bool(period.value.get("relative")), approximate=False)
    return Candidate("date", claim.start, claim.end, {**claim.value, **value, "alternatives": None}, claim.rule)


# 2026年春运将于2月2日开始，3月13日结束: a date without its year after a year written in its sentence is in that
# year, when that year is the reference's or a later one (a past year named first is as often the year a
# report covers, published the next: 2024年营收增长10%，3月12日发布年报).
_YEAR_WRITTEN = compiled.compile(r"((?:19|20)\d\d)\s?年(?!度)")  # not 2026年度: the name of an exam or a budget


# …and so is a date after 今年 or 明年 standing alone in its sentence: 今年高考于6月7日举行 (on 20 May) is this
# June, not last June (去年 is not among them: a past year, as above).
_THIS_YEAR = compiled.compile(r"今年|本年|明年|(?i:this\s+year|next\s+year)")


def _in_year_named(claim: Candidate, year_named: tuple[int, int], analysis) -> Candidate | None:
    sentence, year = year_named
    value = claim.value
    if not value.get("start") or analysis.sentence_at(claim.start) != sentence:
        return None  # only a date in the same sentence
    if _day(value["start"]).year == year:
        return None
    if not value.get("alternatives"):
        # A stretch of days the policy put in the year next to it (6月7日至6月10日): moved by whole years.
        if not (value.get("relative") and value.get("end") and value.get("grain") == "range"):
            return None
        if "年" in analysis.text[claim.start : claim.end] or abs(_day(value["start"]).year - year) != 1:
            return None
        months = 12 * (year - _day(value["start"]).year)
        moved = {key: _shift_months(value[key], months) for key in ("start", "end")}
        return Candidate("date", claim.start, claim.end, {**value, **moved}, claim.rule)
    # the reading in that year among those the policy weighed (a holiday's day differs from year to year)
    reading = next((r for r in value["alternatives"] if r.get("start") and _day(r["start"]).year == year), None)
    if reading is None:
        return None
    return Candidate("date", claim.start, claim.end, resolve.with_reading(value, reading), claim.rule)


# A day of the month alone (6日8时起, 7日下午至8日晚间, 3日): in news it continues the month the sentence has
# named (9月5日下午…自6日8时起 is 6 September, however the policy would read a bare 6日).
_BARE_DAY = compiled.compile(r"(?P<d>[0-3]?\d)\s?[日号]")


def _in_month_before(claim: Candidate, anchor: Candidate, text: str, analysis) -> Candidate | None:
    day_match = _BARE_DAY.match(text, claim.start)
    if day_match is None or not claim.value.get("relative") or not claim.value.get("start"):
        return None
    if claim.start - anchor.end > ANCHOR_REACH or analysis.sentence_at(claim.start) != analysis.sentence_at(anchor.start):
        return None
    if "月" in text[anchor.end : claim.start] or "年" in text[anchor.end : claim.start]:
        return None  # a month or year named in between is not a date the rules read: leave the day alone
    own, base = _day(claim.value["start"]), _day(anchor.value["start"])
    number = int(day_match.group("d"))
    if own.day != number:
        return None
    month = base.replace(day=1) if number >= base.day - 7 else cal.add_months(base.replace(day=1), 1)
    try:
        target = month.replace(day=number)
    except ValueError:
        return None  # 31日 in a month of 30 days
    return _shifted(claim, (target - own).days)


# The grammar's dates counted from the date before them (the previous day, the following day, 次日, 翌日).
_COUNTED_FROM_THE_DATE_BEFORE = frozenset(["date.en.anaphora", "date.zh.after_that"])


def _within_a_day(value: dict) -> bool:
    """A day, an hour or minute, or a stretch of hours of one day (上午9:00—11:00)."""
    if value.get("grain") in ("day", "hour", "minute"):
        return True
    return value.get("grain") == "range" and "T" in value["start"] and value["start"][:10] == (value.get("end") or "")[:10]


def _moved(claim: Candidate, anchor: Candidate, text: str, analysis, reference: dt.date) -> Candidate | None:
    span = text[claim.start : claim.end]
    if claim.start - anchor.end > ANCHOR_REACH or "\n" in text[anchor.end : claim.start]:
        return None
    same_sentence = analysis.sentence_at(claim.start) == analysis.sentence_at(anchor.start)
    # 7月31日，…。两天后，… / On Jan. 3 … . Three days later, …: an offset opening its sentence counts from the
    # date of the sentence before
    opens_next = _opens_sentence(claim, analysis) and analysis.sentence_at(claim.start) == analysis.sentence_at(anchor.start) + 1
    same_sentence = same_sentence or opens_next
    anchor_day = _day(anchor.value["start"])
    own_day = _day(claim.value["start"]) if claim.value.get("start") else None
    if _SAME_PERIOD.fullmatch(span):
        return None  # read against the last period before it (_same_period) or left as the year
    if _CLOCK_ONLY.fullmatch(span) and same_sentence and own_day is not None and _within_a_day(anchor.value):
        # on July 3 in Lagos at 10am, 10月24日晚开幕…比赛时间为19:35, starts at 5.40pm today with fireworks at 8pm:
        # a bare clock time after a day or time the sentence names is on that day (it was read on the article's
        # day, or the day before when later than the article's clock)
        return _shifted(claim, (anchor_day - own_day).days)
    if _THAT_DAY.match(span):
        if own_day != reference:
            return None  # read from the date before already (the grammar's 当天 after a date)
        return _shifted(claim, (anchor_day - reference).days)
    offset = _ZH_OFFSET.fullmatch(span)
    if offset and offset.group("lead"):  # 此前一天: always back from the date before
        amount, unit = -int(numbers_zh.parse_numeral(offset.group("n2"))), "day"
    elif offset and same_sentence:
        number = offset.group("n")
        amount = int(numbers_zh.parse_numeral(number))
        amount, unit = (amount if offset.group("d") == "后" else -amount), _UNITS[offset.group("u")]
    else:
        english = _EN_OFFSET.fullmatch(span)
        if english is None or not same_sentence:
            return None
        number = english.group("n").lower()
        amount = 1 if number in ("a", "an") else int(numbers_en.parse_number(number))
        amount = amount if english.group("d").lower() in ("later", "after") else -amount
        unit = _UNITS[english.group("u").lower()]
    from_reference = cal.shift(reference, amount, unit)
    if unit in ("day", "week") and claim.value.get("end") and not own_day <= from_reference < _day(claim.value["end"]):
        return None  # not read from the reference: counted from something else already
    if unit in ("day", "week"):  # the day that far from the date before (its day, for a time of day)
        day = cal.shift(anchor_day, amount, unit)
        value = {"start": day.isoformat(), "end": (day + dt.timedelta(days=1)).isoformat(), "grain": "day"}
    else:  # a month, quarter or year from a period: the same period that far off (October a year earlier)
        months = amount * {"month": 1, "quarter": 3, "year": 12}[unit]
        value = {key: _shift_months(anchor.value[key], months) for key in ("start", "end")}
        value["grain"] = anchor.value.get("grain")
    value.update(relative=bool(anchor.value.get("relative")), approximate=bool(anchor.value.get("approximate")))
    return Candidate("date", claim.start, claim.end, {**claim.value, **value, "alternatives": None}, claim.rule)


def _opens_sentence(claim: Candidate, analysis) -> bool:
    index = analysis.sentence_at(claim.start)
    if index is None:
        return False
    start = analysis.sentences[index][0]
    return not analysis.text[start : claim.start].strip(" \t\u3000“\"「")


def _shifted(claim: Candidate, days: int) -> Candidate | None:
    """The claim moved by whole days (当天下午4时 read on the reference day, moved to the date before's)."""
    if days == 0:
        return None
    step = dt.timedelta(days=days)
    value = dict(claim.value)
    for key in ("start", "end"):
        if value.get(key):
            moment = dt.datetime.fromisoformat(value[key]) if "T" in value[key] else dt.date.fromisoformat(value[key])
            value[key] = (moment + step).isoformat()
    value["alternatives"] = None
    return Candidate("date", claim.start, claim.end, value, claim.rule)


def _closed(value: dict | None) -> bool:
    return bool(value) and bool(value.get("start")) and bool(value.get("end")) and value.get("grain") != "range"


def _day(moment: str) -> dt.date:
    return dt.date.fromisoformat(moment[:10])


def _shift_months(moment: str, months: int) -> str:
    if "T" in moment:
        stamp = dt.datetime.fromisoformat(moment)
        return dt.datetime.combine(cal.add_months(stamp.date(), months), stamp.time()).isoformat()
    return cal.add_months(dt.date.fromisoformat(moment), months).isoformat()
