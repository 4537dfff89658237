"""Counts and measures in Chinese text: 600 人, 600 多名, 数百名, 十余名, 3 万台, 10 GW, 3 亿用户."""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.claims.base import Bounds, Candidate, Rule, RuleContext, alternation, below_zero_start, follows_product_name, lexicon
from extractor.claims.numbers import zh as numbers
from extractor.text import compiled

_UNITS = lexicon("units")
_MODIFIERS = lexicon("modifiers")
MOD_BEFORE = alternation(_MODIFIERS["zh_before"])
MOD_AFTER = alternation(_MODIFIERS["zh_after"])
MEASURE = alternation(_UNITS["zh_measure"] + _UNITS["zh_units"])
COUNT_NOUN = alternation(_UNITS["zh_count_nouns"])
NUM = numbers.NUMBER
SEP = numbers.RANGE_SEP

PATTERN = compiled.compile(
    rf"(?:(?P<mod>{MOD_BEFORE}) ?)?(?P<n1>{NUM})(?:{SEP}(?P<n2>{NUM}))? ?"
    rf"(?:(?P<unit>{MEASURE})|(?P<noun>{COUNT_NOUN}))(?: ?(?P<after>{MOD_AFTER}))?"
)
# 个 before these is part of a duration or a percentage, not a count: 3 个月, 5 个百分点.
_AFTER_GE = compiled.compile(r"(?:月|季度|小时|星期|礼拜|工作日|交易日|百分点|基点|年头|多?[亿億])")  # 十个亿: an amount
_ONE_OR_TWO = compiled.compile(r"[一二两兩壹贰]")
_ONE = compiled.compile(r"[一壹]")
# A Han character after 多 other than 的 or 了 makes a word with it (多次, 多家, 多年): no "more than".
_HAN_WORD_AFTER = compiled.compile(r"[\u3400-\u9fff](?<![的了])")
# After 两, the words that make "the two" or "twice" rather than a count: 两人 (the pair of them), 两个, 两位,
# 两次, 两种, 两点 (two o'clock), 两方, 两边. Before the other classifiers and units 两 counts: 两名, 两家, 两斤.
_PRONOUN_UNITS = frozenset(["人", "个", "個", "位", "次", "种", "種", "点", "點", "方", "边", "邊", "面", "者", "样", "樣"])
_DIGIT = compiled.compile(r"\d")
_YEAR_MONTH = compiled.compile(r"(?:19|20)\d\d\.(?:1[0-2]|0?[1-9])")
_AVERAGE_BEFORE = compiled.compile(r"(?:平均|人均|户均|场均|日均|每|均)[^，,。；;]{0,6}$")
# Classifiers of whole things (人, 家, 起 …), which a year and month in digits cannot count; the measure words of
# quantities that may be fractional (吨, 米, 岁, 级, 倍, 摄氏度 …) are not among them.
_COUNT_WORDS = frozenset(_UNITS["zh_measure"]) - frozenset(["岁", "级", "倍", "吨", "桶", "箱", "瓶", "度"])
_ORDINAL_LIST = compiled.compile(r"第[\d一二三四五六七八九十百零〇两]+[、和及至到—-]$")
_BODY_AFTER_TERM = compiled.compile(r"[全人中政国省市党团委]")


def build(match: re.Match, ctx: RuleContext) -> Candidate | None:
    if match.group("n1") and numbers.is_bare_unit(match.group("n1")) and not (match.group("n2") or match.group("mod")):
        return None  # 单位：亿元 names a unit; it states no amount (近千名 with its modifier does)
    # Cheap rejections first: the word-boundary checks below segment text with jieba.
    n1 = match.group("n1")
    start_n1 = match.start("n1")
    unit = match.group("unit") or match.group("noun")
    if _ONE_OR_TWO.fullmatch(n1) and not match.group("n2") and unit != "倍" and (_ONE.fullmatch(n1) or unit in _PRONOUN_UNITS):
        return None  # 一位 (an article), 两人, 两次 (the pair, twice): plain words; 两名嫌疑人, 两斤, 一倍 are counts
    if unit in _COUNT_WORDS and _YEAR_MONTH.fullmatch(n1) and not _AVERAGE_BEFORE.search(
        ctx.text, max(0, match.start() - 8), match.start()
    ):
        return None  # 自 2023.6 起: a year and month, not 2023.6 cases (5.5 枚金牌, shared medals, stay)
    if unit == "个" and _AFTER_GE.match(ctx.text, match.end("unit")):
        return None
    if start_n1 > 0 and ctx.text[start_n1 - 1].isascii() and ctx.text[start_n1 - 1].isalpha():
        return None  # H100 单卡, A17 芯片: a model number, no count
    if unit == "期" and ctx.text[match.end("unit") : match.end("unit") + 1] == "间":
        return None  # 10.1期间: a word (during), no count of issues
    if match.group("noun") and not numbers.parse_number(n1).has_magnitude:
        return None  # 3 亿用户 is a count; 3 用户 is not news
    if unit == "度" and ctx.text[match.end() : match.end() + 1] in "的":
        return None
    if follows_product_name(ctx.text, start_n1):
        return None
    if _ORDINAL_LIST.search(ctx.text, max(0, match.start() - 8), match.start()):
        return None  # 第六、七届: the 第 before the list makes each number an ordinal
    if unit == "级" and not _DIGIT.search(n1):
        return None  # 两级政府, 九五级本科班: tiers and class years; 5.6 级 (a magnitude) is written in digits
    if unit == "届" and _BODY_AFTER_TERM.match(ctx.text, match.end()):
        return None  # 八届人大, 七届全国政协: the eighth congress, not eight of them
    if not numbers.starts_number_word(ctx, start_n1, match.start()) or not numbers.word_fits(ctx, start_n1, match.end()):
        return None
    after, end = match.group("after"), match.end()
    if after == "多" and _HAN_WORD_AFTER.match(ctx.text, end):
        after, end = None, match.start("after")  # 1000人多次到访: 多次 is a word of its own, no "more than"
    value = numbers.bounds(n1, match.group("n2"))
    if unit == "倍" and value.amount is not None and not after and ctx.text.startswith("半", end):
        value, end = Bounds(amount=value.amount + Decimal("0.5")), end + 1  # 一倍半: one and a half times
    value = value.modified("zh", match.group("mod"), after)
    start = match.start()
    sign = below_zero_start(ctx.text, start, unit) if not match.group("mod") else None
    if sign is not None:  # 零下 5 度, -12℃
        value, start = value.below_zero(), sign
    return Candidate("quantity", start, end, {**value.as_dict(), "unit": unit}, "quantity.zh.count")


# A count whose noun stands before it (日均活跃用户达到 1.17 亿，; 月活跃用户已突破 3,000 万。): digits with 万 or
# 亿 and nothing after them but a modifier and the clause's end. A unit or currency after the number makes it
# a count or money of the rules above (3 亿用户, 2 亿元), which win as the longer claims.
MAGNITUDE_PATTERN = compiled.compile(
    rf"(?:(?P<mod>{MOD_BEFORE}) ?)?(?P<n1>{numbers.ARABIC} ?[万亿萬億]{{1,2}})(?: ?(?P<after>{MOD_AFTER}))?"
    r"(?![^\s，。；;,！？!?、）)」”])"
)


def build_magnitude(match: re.Match, ctx: RuleContext) -> Candidate | None:
    start_n1 = match.start("n1")
    if follows_product_name(ctx.text, start_n1) or not numbers.starts_number_word(ctx, start_n1, match.start()):
        return None
    value = numbers.bounds(match.group("n1")).modified("zh", match.group("mod"), match.group("after"))
    return Candidate("quantity", match.start(), match.end(), {**value.as_dict(), "unit": None}, "quantity.zh.magnitude")


# A sentence's length (判处有期徒刑 3 年, 拘役 6 个月, 缓刑 2 年): a checkable number that is no date. The claim is the
# length itself; the sentencing word before it only says what kind of number it is.
TERM_PATTERN = compiled.compile(
    rf"(?:有期徒刑|无期徒刑减为|拘役|监禁|徒刑|缓刑|刑期|判处|判刑|服刑)\s*(?P<n1>{NUM})\s*(?P<unit>年|个月|月|天|日)"
    r"(?:\s*(?:零|又)?\s*(?P<n2>\d{1,2}|[一二两三四五六七八九十]{1,3})\s*个?月)?"  # 十年零六个月 (NUMBER would not start after 零)
)


def build_term(match: re.Match, ctx: RuleContext) -> Candidate | None:
    months = numbers.parse_number(match.group("n2")).value if match.group("n2") else None
    value = numbers.bounds(match.group("n1")).as_dict()
    if months is not None and value.get("amount") is not None:  # 3 年零 6 个月: in years
        value["amount"] = round(float(value["amount"]) + float(months) / 12, 4)
    return Candidate(
        "quantity", match.start("n1"), match.end(), {**value, "unit": match.group("unit")}, "quantity.zh.sentence_length"
    )


RULES = [
    Rule("quantity.zh.count", PATTERN, build),
    Rule("quantity.zh.magnitude", MAGNITUDE_PATTERN, build_magnitude),
    Rule("quantity.zh.sentence_length", TERM_PATTERN, build_term),
]
