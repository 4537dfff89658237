"""Money in Chinese text: 143 亿美元, 1.2万元, 一千二百万元, 壹万元, 700–720 亿美元, 人民币 300 亿元, 上千亿元, 3 块 5,
五元三毛, 50元6角3分, 两美元又三美分, 四十九兆九千億元 (兆 = 10^12 in amounts), traditional 港幣/新臺幣."""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.claims.base import Candidate, Rule, RuleContext, alternation, lexicon
from extractor.claims.numbers import zh as numbers

_CURRENCIES = lexicon("currencies")
_MODIFIERS = lexicon("modifiers")
_BEFORE = {**_CURRENCIES["before"], **_CURRENCIES["zh_before"]}
# Coins are counted with a measure word: 20个比特币, 3 枚比特币.
_AFTER = {**_CURRENCIES["zh_after"], **{m + w: c for w, c in _CURRENCIES["zh_after"].items() if c == "BTC" for m in "个個枚"}}
CUR_AFTER = alternation(_AFTER)
CUR_BEFORE = alternation(_BEFORE)
MOD_BEFORE = alternation(_MODIFIERS["zh_before"])
MOD_AFTER = alternation(_MODIFIERS["zh_after"])
NUM = numbers.MONEY_NUMBER
SEP = numbers.RANGE_SEP

PATTERN = re.compile(
    rf"(?:(?P<mod>{MOD_BEFORE}) ?)?(?:(?P<cur1>{CUR_BEFORE}) ?)?(?P<n1>{NUM})"
    rf"(?:(?P<mid>{CUR_AFTER})?{SEP}(?:{CUR_BEFORE})?(?P<n2>{NUM}))?"
    rf" ?(?P<cur2>{CUR_AFTER})?(?: ?(?P<after>{MOD_AFTER}))?"
)
# 元 and 块 start other words: 元素, 元旦, 元宇宙; 一块屏幕 is a piece, not a yuan.
_NOT_YUAN_NEXT = set("素旦宇件气老首帅器")
_SUB_DIGIT = r"[1-9一二三四五六七八九两兩]"
# Tenths and hundredths after a yuan amount: 五元三毛, 50元6角3分, 5元零5分, 3块5 (a bare digit after 块 only).
_YUAN_JIAO = re.compile(
    rf"(?:又|零)?(?:(?P<fen_only>{_SUB_DIGIT})分(?![之钟鐘])钱?"
    rf"|(?P<jiao>{_SUB_DIGIT})(?:(?P<jiao_unit>毛钱|毛錢|[毛角])(?:(?P<fen>{_SUB_DIGIT})分(?![之钟鐘])钱?)?)?)"
)
_YUAN_WORDS = {"元", "块", "塊", "块钱", "塊錢"}
# Cents after a dollar or euro amount: 两美元又三美分, 5欧元20欧分.
_CENTS = re.compile(rf"(?:又|零)?(?P<cents>{numbers.NUMBER})(?P<unit>美分|欧分|歐分)")
_CENT_WORD = {"USD": ("美分",), "EUR": ("欧分", "歐分")}


def build(match: re.Match, ctx: RuleContext) -> Candidate | None:
    if match.group("n1") and numbers.is_bare_unit(match.group("n1")) and not (match.group("n2") or match.group("mod")):
        return None  # 单位：亿元 names a unit; it states no amount (近千名 with its modifier does)
    symbol_before, word_after = match.group("cur1"), match.group("cur2") or match.group("mid")
    if not (symbol_before or word_after):
        return None
    n1_start = match.start("n1")
    if not numbers.starts_number_word(ctx, n1_start, match.start()) or not numbers.word_fits(ctx, n1_start, match.end()):
        return None
    end = match.end()
    next_char = ctx.text[end : end + 1]
    amount_bounds = numbers.bounds(match.group("n1"), match.group("n2"))
    # A point amount with its currency word after it may go on in smaller units: 五元三毛, 两美元又三美分.
    plain = amount_bounds.amount is not None and not match.group("after") and match.group("cur2") is not None
    jiao = _YUAN_JIAO.match(ctx.text, end) if plain and word_after in _YUAN_WORDS else None
    if jiao and not (jiao.group("fen_only") or jiao.group("jiao_unit")):
        if word_after not in ("块", "塊") or jiao.group(0)[0] in "又零" or ctx.text[jiao.end() : jiao.end() + 1] == "分":
            jiao = None  # 5元3 is not 5.3 yuan; only the colloquial 3块5 leaves the unit out (三块五分钟 is time)
    if jiao:  # 3块5 = 3.5 yuan, 五元三毛 = 5.3, 50元6角3分 = 50.63
        tenths = numbers.parse_numeral(jiao.group("jiao") or "0")
        hundredths = numbers.parse_numeral(jiao.group("fen") or jiao.group("fen_only") or "0")
        amount_bounds.amount += tenths / 10 + hundredths / 100
        end = jiao.end()
        next_char = ctx.text[end : end + 1]
    elif word_after in ("块", "塊") and next_char and next_char not in "钱錢,，。;；、!！?？)）涨跌降升增减到至" and not match.group("after"):
        return None  # 8 块 GPU: a measure word
    if word_after in ("元", "元人民币", "元人民幣") and next_char in _NOT_YUAN_NEXT and not match.group("after"):
        return None
    currency = _AFTER.get(word_after) if word_after else _BEFORE[symbol_before]
    if symbol_before and word_after in ("元", "元人民币", "元人民幣", None):
        currency = _BEFORE[symbol_before]  # 新台币 3252 亿元 is TWD, ¥120 元 is CNY
    cents = _CENTS.match(ctx.text, end) if plain and currency in _CENT_WORD else None
    if cents and cents.group("unit") in _CENT_WORD[currency]:  # 两美元又三美分 = 2.03
        parsed = numbers.parse_number(cents.group("cents"))
        if parsed.value is not None and parsed.value < 100:
            amount_bounds.amount += parsed.value / 100
            end = cents.end()
    if symbol_before == "¥" and word_after == "日元":
        currency = "JPY"
    if currency == "CNY-jiao":  # 五毛钱: 毛 and 角 are tenths of a yuan
        amount_bounds, currency = amount_bounds.scaled(Decimal("0.1")), "CNY"
    elif currency.endswith("-cent"):  # 30美分: a hundredth of a dollar
        amount_bounds, currency = amount_bounds.scaled(Decimal("0.01")), currency[:-5]
    value = amount_bounds.modified("zh", match.group("mod"), match.group("after"))
    return Candidate("money", match.start(), end, {**value.as_dict(), "currency": currency}, "money.zh.amount")


# build() keeps a match only with a currency word before or after the number: the scan need only look
# where one is (claims/prefilter.py).
RULES = [Rule("money.zh.amount", PATTERN, build, gate=f"{CUR_BEFORE}|{CUR_AFTER}")]
