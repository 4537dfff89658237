"""Percentages in Chinese text: 62%, 62 %, 百分之六十二, 六成, 三成五, 3 个百分点, 3%-5%, with the direction of change.

Also 千分之/万分之/百万分之 (0.1 %, 0.01 % …), tenths with decimals or a half (2.5成, 三成半 = 35, 半成 = 5), prices
in 折 (九折 = 90, 75折 = 75, 9.9折 = 99, 打对折 = 50), signed values (-12.5%, 负3.9%), 12k个百分点 (12000), digits
grouped with a full-width comma right before the unit (1，250个百分点), traditional 個百分點. URL-encoded
bytes (%20, q=30%25) are not percentages.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.claims.base import Bounds, Candidate, Rule, RuleContext, alternation, lexicon
from extractor.claims.numbers import zh as numbers
from extractor.text import compiled
from extractor.context.direction import zh_direction

_MODIFIERS = lexicon("modifiers")
MOD_BEFORE = alternation(_MODIFIERS["zh_before"])
MOD_AFTER = alternation(_MODIFIERS["zh_after"])
NUM = numbers.NUMBER
SEP = numbers.RANGE_SEP
_DIGIT = r"[一二三四五六七八九两兩陆陸]"
_ZH_DIGITS = numbers.ZH_DIGIT_CHARS
_ZH_ALL = numbers.ZH_DIGIT_CHARS + numbers.ZH_UNIT_CHARS
# Thousands: 1,123 (ASCII) or 1，123 (the full-width comma is a clause break elsewhere, so it groups digits
# only right before the percent unit: 111，111个百分点, or at the end of 百分之9，999 with no word after it).
_KILO = r"(?: ?[kK](?![A-Za-z线線]))"  # 百分之3.2k, 12k个百分点 = 3200, 12000
_UNIT = r"(?:%|[个個]?百分[点點]|[个個]?基[点點])"
_N_BEFORE_UNIT = rf"(?:(?<!\d)\d{{1,3}}(?:，\d{{3}}){{1,10}}(?:\.\d{{1,20}})?(?= ?{_UNIT})|(?:{numbers.ARABIC})[kK](?= ?{_UNIT})|{NUM})"
# After 百分之: a Chinese numeral never swallows the 百 of a following 百分 (百分之七十百分位 is 70).
_PCT_ZH = rf"(?:(?![百佰千仟万萬亿億]分)[{_ZH_ALL}]|[点點](?=[{_ZH_DIGITS}])){{1,{numbers.ZH_RUN + 1}}}"
_PCT_NUM = (
    rf"(?:(?<!\d)\d{{1,3}}(?:，\d{{3}}){{1,10}}(?:\.\d{{1,20}})?(?![\d，\u4e00-\u9fff])|(?:{numbers.ARABIC}){_KILO}?|{_PCT_ZH})"
)
# 千分之, 万分之, 百万分之 …: the denominator; a numeral right before it (五百分之一 = 1/500) is no percent.
_DENOMINATOR = rf"(?<![\d{_ZH_ALL}])(?P<den>[百佰千仟万萬]{{1,4}})分之"
# 成 (tenths) and 折 (a price as tenths of the full price): 三成, 2.5成, 十成, 三成半, 九折, 75折, 9.9折, 三点一折.
_CHENG_NUM = rf"(?:(?<![\d.])(?:10|\d(?:\.\d)?)|十|{_DIGIT}(?:[点點]{_DIGIT})?|半)"
_ZHE_NUM = rf"(?:(?<![\d.])(?:[1-9] ?[1-9](?![.\d])|[1-9](?:\.[1-9])?)|{_DIGIT}{{1,2}}|{_DIGIT}[点點]{_DIGIT}|半)"

PATTERN = compiled.compile(
    rf"(?:(?P<mod>{MOD_BEFORE}) ?)?(?:"
    rf"(?:(?<![0-9A-Za-z.%\-])(?P<minus>-)|(?P<fu>负|負))?"
    # 50% 至 51%: normalisation drops the spaces between digits and Han (text/normalize.py), not those after %.
    rf"(?P<n1>{_N_BEFORE_UNIT}) ?%?(?:(?:(?<=%) ?{SEP} ?|{SEP})(?P<n2>{_N_BEFORE_UNIT}))? ?(?P<unit>{_UNIT})"
    rf"|{_DENOMINATOR}(?P<p1>{_PCT_NUM})(?:{SEP}(?:(?P=den)分之)?(?P<p2>{_PCT_NUM}))?"
    rf"|(?P<c1>{_CHENG_NUM}) ?成(?P<c2>{_DIGIT}(?!成)|半)?"
    rf"|(?P<z1>{_ZHE_NUM})折|(?<=打)(?P<dui>[对對])折"
    rf")(?: ?(?P<after>{MOD_AFTER}))?"
)
# 成 starting another word: 一成不变, 八成是, 完成, 成为, 成本 …
_NOT_PERCENT_AFTER_CHENG = set("不为本立交员果绩熟长就功型品都是")


def change_direction(ctx: RuleContext, start: int) -> str | None:
    """Direction stated right before the number, within its clause: 同比增长 62% → increase; 提高到 85% is a
    level (extractor/context/direction.py)."""
    return zh_direction(ctx.text, start, ctx.sentence[0], levels=False)


# 折 starting another word: 三折叠 (tri-fold), 折旧, 折合, 折算.
_NOT_PERCENT_AFTER_ZHE = set("叠疊旧舊算合价價射线線断斷服返腾騰")
# A number glued to URL syntax is part of an address: q=30%25, %2820%29.
_URL_BEFORE = set("%=&?/#")
_HEX = compiled.compile(r"[0-9A-Fa-f]{2}")


def _number(text: str) -> str:
    """A matched number ready for the numeral parser: 1，123 → 1123, 12k → 12000 (digits only)."""
    text = text.replace("，", "").replace(" ", "")
    if text[-1:] in "kK":
        return str(Decimal(text[:-1].replace(",", "")) * 1000)
    return text


def _tenths(text: str) -> Decimal:
    """The value of a 成/折 numeral in tenths: 三 → 3, 2.5 → 2.5, 三点一 → 3.1, 半 → 0.5 (半成 = 5 %)."""
    return Decimal("0.5") if text == "半" else numbers.parse_numeral(text)


def _zh_word_ok(ctx: RuleContext, start: int, end: int) -> bool:
    """A Chinese numeral starts a word that ends inside the claim (一波三折, 七折八扣 are idioms)."""
    if ctx.text[start] not in numbers.ZH_DIGIT_CHARS + "十半":
        return True
    starts = ctx.starts_word(start) or ctx.text[start - 1 : start] == "打"
    return starts and numbers.word_fits(ctx, start, end)


_VAGUE_NEIGHBOURS = compiled.compile(r"[一二三四五六七八][二三四五六七八九][十百]")


def build(match: re.Match, ctx: RuleContext) -> Candidate | None:
    if _VAGUE_NEIGHBOURS.search(match.group()):
        return None  # 百分之二三十, 二三十个百分点: "twenty or thirty per cent" is too vague to check
    points = False
    if match.group("n1"):
        n1_start = match.start("n1")
        if not numbers.starts_number_word(ctx, n1_start, match.start()):
            return None
        if ctx.text[n1_start - 1 : n1_start] in _URL_BEFORE or (
            ctx.text[n1_start - 1 : n1_start].isascii() and ctx.text[n1_start - 1 : n1_start].isalnum()
            and _HEX.match(ctx.text, match.end("unit"))
        ):  # fmt: skip
            return None
        value = numbers.bounds(_number(match.group("n1")), match.group("n2") and _number(match.group("n2")))
        unit = match.group("unit")
        points = "百分" in unit or "基" in unit
        if "基" in unit:  # a basis point is a hundredth of a percentage point
            value = value.scaled(Decimal("0.01"))
        if match.group("minus") or match.group("fu"):  # -22.2%, 负3.9%: the sign applies to the first number
            if value.amount is not None:
                value = Bounds(-value.amount, None, None, value.approximate)
            elif value.min is not None:
                value = Bounds(None, -value.min, value.max, value.approximate)
    elif match.group("p1"):
        scale = Decimal(100) / numbers.parse_numeral("一" + match.group("den"))  # 百分之 1, 千分之 0.1 …
        value = numbers.bounds(_number(match.group("p1")), match.group("p2") and _number(match.group("p2")))
        value = value.scaled(scale)
    elif match.group("c1"):
        cheng = match.end("c2") if match.group("c2") else ctx.text.index("成", match.end("c1")) + 1
        if ctx.text[cheng : cheng + 1] in _NOT_PERCENT_AFTER_CHENG or not _zh_word_ok(ctx, match.start("c1"), cheng):
            return None
        tens = _tenths(match.group("c1"))
        if tens > 10:
            return None
        c2 = match.group("c2")
        units = Decimal(5) if c2 == "半" else numbers.parse_numeral(c2) if c2 else Decimal(0)  # 三成半 = 35
        value = Bounds(amount=tens * 10 + units)
    else:
        zhe = match.end("z1") + 1 if match.group("z1") else match.end("dui") + 1
        if ctx.text[zhe : zhe + 1] in _NOT_PERCENT_AFTER_ZHE:
            return None
        if match.group("dui"):
            value = Bounds(amount=Decimal(50))  # 打对折: half price
        else:
            z1 = match.group("z1")
            if not _zh_word_ok(ctx, match.start("z1"), zhe):
                return None
            digits = z1.replace(" ", "")
            if digits == "半":
                value = Bounds(amount=Decimal(50))  # 半折: half price
            elif len(digits) == 2 and not re.search(r"[.点點]", digits):
                value = Bounds(amount=numbers.parse_numeral(digits))  # 75折, 九五折 = 75 %, 95 %
            else:
                value = Bounds(amount=_tenths(digits) * 10)  # 九折 = 90 %, 9.9折 = 99 %, 三点一折 = 31 %
    value = value.modified("zh", match.group("mod"), match.group("after"))
    result = {**value.as_dict(), "points": points, "change": change_direction(ctx, match.start())}
    return Candidate("percent", match.start(), match.end(), result, "percent.zh.amount")


RULES = [Rule("percent.zh.amount", PATTERN, build)]
