"""Chinese durations (claims/engine rules): 三天, 17天, 3年半, 两个半小时, 半个月, 十几年, 两个礼拜, 兩個鐘.

Written in either script. A bare 月 after a number names a month (三月), so a month needs its classifier
(三个月; 两月 and 半月 are durations too); 日 after digits names a day of the month (3日), after a Chinese
numeral it counts days (三日后, 两日) unless a month stands before it (三月三日 is the rules' date).
"""

from __future__ import annotations

import re

from extractor.claims.duration import Duration
from extractor.claims.engine import Regex, Rule
from extractor.claims.numbers.zh import paired_digits, parse_numeral

UNIT_OF = {
    "秒": "second", "秒钟": "second", "秒鐘": "second",
    "分钟": "minute", "分鐘": "minute",
    "小时": "hour", "小時": "hour", "钟头": "hour", "鐘頭": "hour", "钟": "hour", "鐘": "hour",
    "天": "day", "日": "day",
    "周": "week", "週": "week", "星期": "week", "礼拜": "week", "禮拜": "week",
    "月": "month", "季度": "quarter", "年": "year",
    # days the markets or offices are open: weekdays (public holidays are not known here)
    "交易日": "business_day", "工作日": "business_day",
    "刻钟": "quarter_hour", "刻鐘": "quarter_hour",  # 一刻钟: fifteen minutes
}  # fmt: skip
_UNIT = "|".join(sorted(UNIT_OF, key=len, reverse=True))
_COUNT = r"\d{1,3}|[一二两兩三四五六七八九十]{1,4}"
# Months are counted with 个 (3个月, 三个多月, 半个月): a bare 3月 is March (两月 is no month's name: 前两月).
# A day after a month (3月5日) is a date, not five days. Both are the bulk of what would match in news text.
AMOUNT = (
    r"(?=[\d一二两兩三四五六七八九十半几幾数數好])(?<![\d一二两兩三四五六七八九十百千万萬亿億几幾数數第.])"
    rf"(?!(?<=月)(?:{_COUNT})[日号])"
    rf"(?:(?P<rough>[一二两兩三四五六七八九]?十[几幾来來])|(?P<n>{_COUNT})|(?P<half_only>半)|(?P<few>好[几幾]|[几幾数數])(?P<scale>[十百])?)"
    rf"(?P<ge>[个個])?(?P<more>多)?(?P<half>半)?(?!(?<![个個多半两兩])月)(?P<unit>{_UNIT})"
    rf"(?:(?P<half_after>半(?![年月天日]))|(?P<more_after>多)(?![少数]))?"
)
# Where a duration can be: the first character of a unit word (the engine looks for starts near them).
UNIT_CHARS = "".join(sorted({word[0] for word in UNIT_OF}))
_TWO = ("两", "兩")
_WITHIN = re.compile(r"(?:以|之)?内")


def _duration(parts, chart) -> Duration | None:
    match: re.Match = parts[0]
    g = match.groupdict()
    unit_word, count, classifier = g["unit"], g["n"], g["ge"]
    if unit_word == "月" and not (classifier or count in _TWO or g["half_only"]):
        return None  # 三月 is March; 三个月, 两月 and 半月 are durations
    if unit_word == "日" and not (g["half_only"] or classifier or (count and not count.isascii())):
        if not _WITHIN.match(chart.text, match.end()):
            return None  # 3日 is the third; 三日后, 两日, 半日 and 15日内 are days counted
    if unit_word in ("钟", "鐘") and not classifier:
        return None  # 兩個鐘 is two hours; 三钟 is nothing
    if g["half"] and not classifier:
        return None  # 一个半月, not 一半月
    unit = UNIT_OF[unit_word]
    if unit == "quarter_hour":  # 一刻钟, 三刻钟: quarters of an hour
        if g["ge"] or not count or g["more"] or g["half"]:
            return None
        amount = int(count) if count.isascii() else int(parse_numeral(count.replace("兩", "两")))
        return Duration(15 * amount, "minute") if 0 < amount <= 4 else None
    if g["few"]:  # 几天, 数年, 好几个月: a few, two to nine of them; 数十年, 几百年: tens, hundreds of them
        if g["more"] or g["half"] or g["half_after"] or g["more_after"]:
            return None
        scale = {"十": 10, "百": 100}.get(g["scale"] or "", 1)
        return Duration(2 * scale, unit, high=9 * scale, approximate=True)
    if g["rough"]:  # 十几年: eleven to nineteen; 十来天: about ten
        rough = g["rough"]
        tens = 1 if rough[0] == "十" else int(parse_numeral(rough[0]))
        if rough[-1] in "来來":
            return Duration(tens * 10, unit, approximate=True)
        return Duration(tens * 10 + 1, unit, high=tens * 10 + 9, approximate=True)
    if g["half_only"]:
        return Duration(0.5, unit)
    pair = paired_digits(count) if not count.isascii() else None
    if pair:  # 两三天, 七八年, 一两个月: one or the other, roughly
        if g["more"] or g["more_after"] or g["half"] or g["half_after"]:
            return None
        return Duration(pair[0], unit, high=pair[1], approximate=True)
    amount = int(count) if count.isascii() else int(parse_numeral(count.replace("兩", "两")))
    if amount <= 0:
        return None
    if g["more"] or g["more_after"]:  # 两年多, 三个多月: more than the count, less than one more
        if g["half"] or unit == "business_day":
            return None
        return Duration(amount, unit, high=amount + 1, approximate=True)
    half = 0.5 if (g["half"] or g["half_after"]) else 0
    return Duration(amount + half, unit)


GRAMMAR = (Rule("duration.zh.amount", "duration", (Regex(AMOUNT),), _duration),)
