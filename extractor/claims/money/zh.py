"""Money in Chinese text: 143 亿美元, 1.2万元, 一千二百万元, 壹万元, 700–720 亿美元, 人民币 300 亿元, 上千亿元, 3 块 5."""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.claims.base import Candidate, Rule, RuleContext, alternation, lexicon
from extractor.claims.numbers import zh as numbers

_CURRENCIES = lexicon("currencies")
_MODIFIERS = lexicon("modifiers")
CUR_AFTER = alternation(_CURRENCIES["zh_after"])
CUR_BEFORE = alternation(_CURRENCIES["before"])
MOD_BEFORE = alternation(_MODIFIERS["zh_before"])
MOD_AFTER = alternation(_MODIFIERS["zh_after"])
NUM = numbers.NUMBER
SEP = r"(?:-|~|至|到)"

PATTERN = re.compile(
    rf"(?:(?P<mod>{MOD_BEFORE}) ?)?(?:(?P<cur1>{CUR_BEFORE}) ?)?(?P<n1>{NUM})"
    rf"(?:(?P<mid>{CUR_AFTER})?{SEP}(?:{CUR_BEFORE})?(?P<n2>{NUM}))?"
    rf" ?(?P<cur2>{CUR_AFTER})?(?: ?(?P<after>{MOD_AFTER}))?"
)
# 元 and 块 start other words: 元素, 元旦, 元宇宙; 一块屏幕 is a piece, not a yuan.
_NOT_YUAN_NEXT = set("素旦宇件气老首帅器")
_YUAN_JIAO = re.compile(r"(?P<jiao>[1-9一二三四五六七八九两])(?:毛|角)?")


def build(match: re.Match, ctx: RuleContext) -> Candidate | None:
    symbol_before, word_after = match.group("cur1"), match.group("cur2") or match.group("mid")
    if not (symbol_before or word_after):
        return None
    n1_start = match.start("n1")
    if not numbers.starts_number_word(ctx, n1_start, match.start()) or not numbers.word_fits(ctx, n1_start, match.end()):
        return None
    end = match.end()
    next_char = ctx.text[end : end + 1]
    amount_bounds = numbers.bounds(match.group("n1"), match.group("n2"))
    if word_after == "块":
        jiao = _YUAN_JIAO.match(ctx.text, end) if not match.group("after") else None
        if jiao:  # 3块5 = 3.5 yuan (colloquial): the digit after 块 counts tenths
            tenths = numbers.parse_numeral(jiao.group("jiao"))
            amount_bounds.amount = (amount_bounds.amount or Decimal(0)) + tenths / 10
            end = jiao.end()
        elif next_char and next_char not in "钱,，。;；、!！?？)）涨跌降升增减到至" and not match.group("after"):
            return None
    if word_after in ("元", "元人民币") and next_char in _NOT_YUAN_NEXT and not match.group("after"):
        return None
    currency = _CURRENCIES["zh_after"].get(word_after) if word_after else _CURRENCIES["before"][symbol_before]
    if symbol_before and word_after in ("元", "元人民币", None):
        currency = _CURRENCIES["before"][symbol_before]  # 新台币 3252 亿元 is TWD, ¥120 元 is CNY
    if symbol_before == "¥" and word_after == "日元":
        currency = "JPY"
    if currency == "CNY-jiao":  # 五毛钱: 毛 and 角 are tenths of a yuan
        amount_bounds, currency = amount_bounds.scaled(Decimal("0.1")), "CNY"
    value = amount_bounds.apply(_MODIFIERS["zh_before"].get(match.group("mod")))
    value = value.apply(_MODIFIERS["zh_after"].get(match.group("after")))
    return Candidate("money", match.start(), end, {**value.as_dict(), "currency": currency}, "money.zh.amount")


RULES = [Rule("money.zh.amount", PATTERN, build)]
