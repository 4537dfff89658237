"""Money in Chinese text: 143 亿美元, 1.2万元, 一千二百万元, 壹万元, 700–720 亿美元, 人民币 300 亿元, 上千亿元, 3 块 5,
五元三毛, 50元6角3分, 两美元又三美分, 四十九兆九千億元 (兆 = 10^12 in amounts), traditional 港幣/新臺幣."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extractor.claims.base import Candidate, Rule, RuleContext, alternation, lexicon, trie_alternation
from extractor.claims.money.currencies import currencies
from extractor.claims.numbers import zh as numbers
from extractor.text import compiled

_CURRENCIES = currencies()
_MODIFIERS = lexicon("modifiers")
# Every Chinese name of a currency may also stand before the amount (澳門幣100元, 港币100元): a specific name
# there wins over the generic 元 after it. Counting words (元, 块钱) and subunits (毛, 美分) only follow.
_NAMES_BEFORE = {
    name: code for name, code in _CURRENCIES["zh_after"].items()
    if len(name) >= 2 and name[0] not in "元块塊毛" and "-" not in code
}
_BEFORE = {**_NAMES_BEFORE, **_CURRENCIES["before"], **_CURRENCIES["zh_before"]}
# Coins are counted with a measure word: 20个比特币, 3 枚比特币.
_AFTER = {**_CURRENCIES["zh_after"], **{m + w: c for w, c in _CURRENCIES["zh_after"].items() if c == "BTC" for m in "个個枚"}}
CUR_AFTER = trie_alternation(_AFTER)  # a trie: 300 currency names cost one branch per character
CUR_BEFORE = trie_alternation(_BEFORE)
_CURRENCY_NAME = compiled.compile(CUR_AFTER)
MOD_BEFORE = alternation(_MODIFIERS["zh_before"])
MOD_AFTER = alternation(_MODIFIERS["zh_after"])
NUM = numbers.MONEY_NUMBER
SEP = numbers.RANGE_SEP

# An end of a range may say whether it is in it: 1万(含)-5万元, 5万元（不含）.
_INCLUSION = r"[(（](?:含|不含|包含|不包含)[)）]"
# After a word of change (减少 120 亿美元至 3.2 万亿美元, 票价下调 20 元至 180 元) 至/到 joins the change and the
# level it reached: two amounts, never a range from one to the other.
_CHANGE_VERBS = ("增加", "减少", "增长", "下降", "上升", "下调", "上调", "下跌", "上涨", "提高", "降低", "缩减", "扩大", "增持",
                 "减持", "回落", "反弹", "增", "减", "涨", "跌", "降", "升")
# Guarded by one look-behind at the verbs' last characters: the group is tried at every position, where
# forty-six look-behinds cost more than the rest of the rule.
_VERB_ENDS = "".join(sorted({verb[-1] for verb in _CHANGE_VERBS}))
_CHANGE_BEFORE = rf"(?:(?<=[{_VERB_ENDS}])|(?<=[{_VERB_ENDS}] ))(?:" + "|".join(
    f"(?<={verb}{space})" for verb in _CHANGE_VERBS for space in ("", " ")
) + ")"
PATTERN = compiled.compile(
    rf"(?:(?P<change>{_CHANGE_BEFORE}))?+(?:(?P<mod>{MOD_BEFORE}) ?)?(?:(?P<cur1>{CUR_BEFORE}) ?)?(?P<n1>{NUM})"
    rf"(?:(?(change)(?!(?:{CUR_AFTER})? ?[至到]))(?P<mid>{CUR_AFTER})?(?:{_INCLUSION})?{SEP}(?:{CUR_BEFORE})?(?P<n2>{NUM}))?"
    rf" ?(?P<cur2>{CUR_AFTER})?(?:(?<=[^\s])(?:{_INCLUSION}))?(?: ?(?P<after>{MOD_AFTER}))?"
)
# 元 and 块 start other words: 元素, 元旦, 元宇宙; 一块屏幕 is a piece, not a yuan.
_NOT_YUAN_NEXT = set("素旦宇件气老首帅器")
_SUB_DIGIT = r"[1-9一二三四五六七八九两兩]"
# Tenths and hundredths after a yuan amount: 五元三毛, 50元6角3分, 5元零5分, 3块5 (a bare digit after 块 only).
_YUAN_JIAO = compiled.compile(
    rf"(?:又|零)?(?:(?P<fen_only>{_SUB_DIGIT})分(?![之钟鐘])钱?"
    rf"|(?P<jiao>{_SUB_DIGIT})(?:(?P<jiao_unit>毛钱|毛錢|[毛角])(?:(?P<fen>{_SUB_DIGIT})分(?![之钟鐘])钱?)?)?)"
)
_YUAN_WORDS = {"元", "块", "塊", "块钱", "塊錢"}
# Cents after a dollar or euro amount: 两美元又三美分, 5欧元20欧分.
_CENTS = compiled.compile(rf"(?:又|零)?(?P<cents>{numbers.NUMBER})(?P<unit>美分|欧分|歐分)")
_CENT_WORD = {"USD": ("美分",), "EUR": ("欧分", "歐分")}


# An exchange rate quoted before a bare 元: one currency against another, or the words for a rate.
_EXCHANGE_RATE = compiled.compile(
    rf"(?:[兑兌对對换換]\s?(?:{CUR_AFTER})[^，。；;,\d]{{0,8}}?(?:汇率|匯率|中间价|中間價|报|報|收在|收于|收於|收报|为|為|跌至|升至|贬至|达|在)"
    r"|汇率|匯率|中间价|中間價)[^，。；;,\d]{0,6}$"
)


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
    elif (
        word_after in ("块", "塊") and next_char and next_char not in "钱錢,，。;；、!！?？)）涨跌降升增减到至"
        and not match.group("after") and not _foreign_name_at(ctx.text, end)
    ):
        return None  # 8 块 GPU: a measure word (一千八百块港币 is money: the currency follows)
    if word_after in ("元", "元人民币", "元人民幣") and next_char in _NOT_YUAN_NEXT and not match.group("after"):
        return None
    if word_after in ("元", "块", "塊") and not symbol_before and _EXCHANGE_RATE.search(ctx.text, max(ctx.sentence[0], match.start() - 24), match.start()):
        return None  # 人民币兑美元中间价报7.05元, 新台币对美元收在30.5元: a rate, not a sum of money
    currency = _AFTER.get(word_after) if word_after else _BEFORE[symbol_before]
    if word_after in ("元", "块", "塊") and not symbol_before:
        named = _yuan_named_before(ctx, match.start())
        currency = named if _foreign(named) else currency if named else _local_yuan(ctx.analysis) or currency
    if symbol_before and word_after in ("元", "元人民币", "元人民幣", None):
        currency = _BEFORE[symbol_before]  # 新台币 3252 亿元 is TWD, ¥120 元 is CNY
    cents = _CENTS.match(ctx.text, end) if plain and currency in _CENT_WORD else None
    if cents and cents.group("unit") in _CENT_WORD[currency]:  # 两美元又三美分 = 2.03
        parsed = numbers.parse_number(cents.group("cents"))
        if parsed.value is not None and parsed.value < 100:
            amount_bounds.amount += parsed.value / 100
            end = cents.end()
    if word_after in ("元", "块", "塊") and not symbol_before:
        # 3万元港币, 9000元日币, 三万元欧元: 元 as the counting word, the currency named after it
        named = _foreign_name_at(ctx.text, end)
        if named:
            currency, end = _AFTER[named.group(0)], named.end()
    if symbol_before == "¥" and word_after == "日元":
        currency = "JPY"
    if currency == "CNY-jiao":  # 五毛钱: 毛 and 角 are tenths of a yuan
        amount_bounds, currency = amount_bounds.scaled(Decimal("0.1")), "CNY"
    elif currency.endswith("-cent"):  # 30美分: a hundredth of a dollar
        amount_bounds, currency = amount_bounds.scaled(Decimal("0.01")), currency[:-5]
    value = amount_bounds.modified("zh", match.group("mod"), match.group("after"))
    if not match.group("after") and _FROM_PRICE.match(ctx.text, end):  # ¥299起, 19.98万元起: prices start there
        value, end = value.apply("min"), _FROM_PRICE.match(ctx.text, end).end()
    result, start = {**value.as_dict(), "currency": currency}, match.start()
    if _MINUS_BEFORE.search(ctx.text, max(0, start - 2), start) and result.get("amount") is not None and not match.group("mod"):
        result["amount"], start = -result["amount"], start - 1  # 净利润为-3.2亿元: a loss
    return Candidate("money", start, end, result, "money.zh.amount")


# A minus sign glued to an amount, after a word or a colon and not after a number (1-3亿元 is a range).
_MINUS_BEFORE = compiled.compile(r"(?<![\d\w.,%％)）])[-−－]$|(?<=[为為是：:至到])[-−－]$")


# A dollar named earlier in the sentence (港元, 新台币 …) is what a bare 元 after it counts in: 平均呎价 2.1 万港元，
# 最平单位售 498 万元 is Hong Kong dollars. 人民币 named between them, or none named, leaves the yuan.
_YUAN_FAMILY = compiled.compile(r"港元|港币|港幣|新台币|新臺幣|台币|臺幣|澳门元|澳門元|澳门币|澳門幣|新加坡元|新元|人民币|人民幣")


def _yuan_named_before(ctx: RuleContext, start: int) -> str | None:
    last = None
    for last in _YUAN_FAMILY.finditer(ctx.text, ctx.sentence[0], start):
        pass
    if last is None:
        return None
    return _AFTER.get(last.group(0)) or _BEFORE.get(last.group(0))


# A document written in traditional characters about Hong Kong or Taiwan counts a bare 元 in its own dollar
# (恒指…全日成交額1,020億元; 鴻海4月營收約5,400億元): papers there write 元 for their currency, and mainland
# papers, which mean the yuan by it, write simplified characters.
_HONG_KONG = compiled.compile(r"香港|港股|恒指|恒生|港交所|港府|特区政府|立法会|港铁|呎价|九龙|新界|港岛|金管局|财政预算案|强积金|公屋|居屋|港人")
_TAIWAN = compiled.compile(r"台湾|台股|台北|新北|高雄|台中|台积电|鸿海|立法院|行政院|加权指数|金管会|新台币")
_TRADITIONAL_SHARE = 0.05  # of the Han characters written in a traditional form that folds
_HAN = compiled.compile(r"[\u4e00-\u9fff]")


def _local_yuan(analysis) -> str | None:
    found = analysis.memo.get("local-yuan", "")
    if found != "":
        return found
    from extractor.text.normalize import folded_han_count

    found = None
    folded = folded_han_count(analysis.original)  # simplified text: none, and the look ends here
    if folded >= 3 and folded >= _TRADITIONAL_SHARE * len(_HAN.findall(analysis.text)):
        hong_kong, taiwan = len(_HONG_KONG.findall(analysis.text)), len(_TAIWAN.findall(analysis.text))
        if hong_kong > taiwan:
            found = "HKD"
        elif taiwan > hong_kong:
            found = "TWD"
    analysis.memo["local-yuan"] = found
    return found


def _foreign(code: str | None) -> bool:
    """A currency other than the yuan and its parts (CNY, 毛/角, the cents of any dollar)."""
    return code is not None and code not in ("CNY", "CNY-jiao") and not code.endswith("-cent")


def _foreign_name_at(text: str, position: int) -> re.Match | None:
    """The name of a currency other than the yuan at ``position`` (块港币, 元日币)."""
    named = _CURRENCY_NAME.match(text, position)
    return named if named is not None and _foreign(_AFTER[named.group(0)]) else None


# 起 or 起步 after a price: the lowest one (售价19.98万元起); not 起诉, 起飞, 起草 and the other words 起 begins.
_FROM_PRICE = compiled.compile(r"起(?:步|价|售)?(?![诉訴草飞飛跑身床来來见見义義火家])")  # not 起家 (started out with)


# Pay and prices are yuan even when no currency word follows: 年薪45万, 月薪2.5w, 售价999, 房价3万/平方米. The
# word is read, the claim is the amount after it (with 约, 超过 ... before it).
_PRICE_WORDS = (
    "年薪|月薪|底薪|日薪|时薪|薪资|薪水|薪酬|工资|年终奖|奖金|身价|售价|起售价|起价|票价|房价|均价|单价|月租|租金|房租"
)
PRICE = compiled.compile(
    rf"(?:{_PRICE_WORDS})(?:每个?月|每年|一个月)?(?:为|达|仅|在|是|要)?(?:(?P<mod>{MOD_BEFORE}) ?为?)?(?P<n1>{NUM})(?:{SEP}(?P<n2>{NUM}))?"
    rf"(?![\d.,·・%％倍人名家个個次位多余A-Za-z]|[百千万亿萬億兆]| ?(?:{CUR_AFTER}))"
)


def build_price(match: re.Match, ctx: RuleContext) -> Candidate | None:
    n1_start = match.start("n1")
    if not numbers.starts_number_word(ctx, n1_start) or not numbers.word_fits(ctx, n1_start, match.end()):
        return None
    value = numbers.bounds(match.group("n1"), match.group("n2")).modified("zh", match.group("mod"), None)
    start = match.start("mod") if match.group("mod") else n1_start
    return Candidate("money", start, match.end(), {**value.as_dict(), "currency": _local_yuan(ctx.analysis) or "CNY"}, "money.zh.price")


# Finance words state an amount of money even where the currency goes unsaid: 市值近百亿, 公司亏了两个亿, 融资
# 3000万. Read only with a magnitude (万, 亿, 两个亿: no count of things is that large and unnamed), and only
# where nothing follows that counts something else (市值 3 亿股 is shares; 投资 5000万吨 is tonnes): yuan, as
# Chinese news means when it leaves the currency out.
_FINANCE_WORDS = (
    "市值|估值|营收|营业收入|营业额|销售额|成交额|交易额|收入|年收入|月收入|利润|净利润|净利|毛利|亏损|亏了|赚了|融资|募资|"
    "募集资金|总投资|投资额|投资了|投资|耗资|斥资|造价|成本|金额|资金|身家|财富|总额|预算|罚款|罚金|罚没|补贴|负债|债务|净资产|"
    "总资产|收益|分红|税收|支出|开支|花费|花了|损失|赔偿金|赔偿|欠款|贷款|存款|票房|总票房|赚|挣|赚到|挣到|亏掉|"
    "卖了|卖出了|卖出|售出|拍出|拍出了|便宜了|贵了|省了|省下|发了"  # 一套房卖了500万, 比老款便宜了2万, 年终奖发了十万
)
FINANCE = compiled.compile(
    rf"(?:{_FINANCE_WORDS})(?:规模|总额|金额)?(?:为|达到|达|了|在|是|已达|已)?(?P<po>破)?(?:(?P<mod>{MOD_BEFORE}) ?为?)?(?P<n1>{NUM})"
    rf"(?:{SEP}(?P<n2>{NUM}))?(?! ?(?:{CUR_AFTER}))(?: ?(?P<after>{MOD_AFTER}))?"
)
_MAGNITUDE = compiled.compile(r"[万亿萬億兆]|[kKwW]$")
_SPOKEN_HUNDRED_MILLION = compiled.compile(r"[个個]多?[亿億]")
# What may follow an unnamed amount: the end, punctuation, a space, 的, or a word that is no measure of things.
_AFTER_UNNAMED = compiled.compile(r"(?:$|[^\u3400-\u9fff]|[的，。、；：！？）」』”和或与及并但而])")


def build_finance(match: re.Match, ctx: RuleContext) -> Candidate | None:
    n1_start = match.start("n1")
    numbers_text = match.group("n1") + (match.group("n2") or "")
    if not _MAGNITUDE.search(numbers_text):
        return None
    if numbers.is_bare_unit(match.group("n1")) and not (match.group("n2") or match.group("mod") or match.group("po")):
        return None  # 单位：亿 names a unit (近百亿 with its modifier is an amount)
    if not numbers.starts_number_word(ctx, n1_start) or not numbers.word_fits(ctx, n1_start, match.end()):
        return None
    if not _AFTER_UNNAMED.match(ctx.text, match.end()) and not _SPOKEN_HUNDRED_MILLION.search(numbers_text):
        return None  # 市值 3 亿股, 投资 5000万吨: a count of something else (两个亿 has its measure word: 个)
    value = numbers.bounds(match.group("n1"), match.group("n2")).modified("zh", match.group("mod"), match.group("after"))
    if match.group("po"):  # 票房破亿: past a hundred million
        value = value.apply("min")
    start = match.start("po") if match.group("po") else match.start("mod") if match.group("mod") else n1_start
    return Candidate("money", start, match.end(), {**value.as_dict(), "currency": _local_yuan(ctx.analysis) or "CNY"}, "money.zh.unnamed")


# build() keeps a match only with a currency word before or after the number: the scan need only look
# where one is (claims/prefilter.py).
RULES = [
    Rule("money.zh.amount", PATTERN, build, gate=f"{CUR_BEFORE}|{CUR_AFTER}"),
    Rule("money.zh.price", PRICE, build_price),
    Rule("money.zh.unnamed", FINANCE, build_finance, gate=_FINANCE_WORDS),
]


# -- the grammar (claims/engine): amounts composed from amounts ------------------------------------------
#
# The rule above finds a number with its currency word. The grammar below composes what it finds (and
# what it finds itself) into the amounts spoken Chinese builds from parts, bottom-up:
#   两毛 / 五分 / 五仙           a number of tenths or hundredths           money.zh.subunit
#   五块六 / 三块零四 / 两毛五    a whole or tenth unit and a bare digit      money.zh.spoken
#   五元六角 / 两角五分 / 三個一毫四  a unit and the smaller units after it     money.zh.compound
#   個半 / 五個半                 the Cantonese spoken dollar and a half       money.zh.spoken
#   五块六到五块七毛八            two amounts and a connector                  money.zh.range
#   至少三块零四 / 1.2元以下       a bound word and an amount                   money.zh.bound

from extractor.claims import engine  # noqa: E402
from extractor.claims.base import Bounds  # noqa: E402
from extractor.claims.engine import Dim, Regex  # noqa: E402

_UNITS = lexicon("money_units")
_DIGIT_VALUES = {**{str(d): d for d in range(10)}, **numbers.DIGITS}
_ONE_DIGIT = "[0-9" + "".join(numbers.DIGITS) + "]"
# After an amount's last part: an amount written in parts is over when none of these follows.
_NUMERAL_CHARS = "0-9" + "".join(numbers.DIGITS) + "".join(numbers.SMALL_UNITS) + "".join(numbers.BIG_UNITS)
_MORE_UNITS = "".join({c for word in (*_UNITS["zh_tenth"], *_UNITS["zh_hundredth"], *_UNITS["zh_main"]) for c in word[0]})
# Words a sub-unit character starts that are no money: 分钟 (minutes), 五分之一, 三分析, 毛利 ...
_NOT_SUBUNIT_NEXT = "钟鐘之析别別布配享成数數类類批期段组組区區局队隊公米贝貝子为為开開散化工裂泌号號支店行会會校院所红紅利病巾衣笔筆发發"
# A bare 分 after these is a score or a grade, not a hundredth of a yuan: 得5分, 扣两分, 满分.
_SCORE_BEFORE = "得拿考扣加减減满滿获獲打比第差总總均出占佔"  # 绝不出九分, 占三分: shares and points
# Where an amount may end: the end of the text, a space, punctuation, 钱, a connector, a bound word.
_CLOSING = compiled.compile(rf"(?:$|[\s,，.。;；:：!！?？、)）」』”\"'钱錢整]|{SEP}|{MOD_AFTER}|[一每](?![{_NUMERAL_CHARS}]))")
# (一 or 每 and a measure word after an amount is a price per unit: 三块五一斤, 两毛五一把, 八毛每个.)


@dataclass(frozen=True)
class MoneyValue:
    """An amount in the chart: its bounds, currency and the size of its smallest unit (for sums)."""

    bounds: Bounds
    currency: str
    grain: str = "main"  # main | tenth | hundredth: the unit the amount was last counted in
    partial: bool = False  # only a part for larger amounts (三块 in 三块零四), never a claim of its own

    @property
    def point(self) -> Decimal | None:
        return self.bounds.amount

    def as_dict(self) -> dict:
        return {**self.bounds.as_dict(), "currency": self.currency}

    @classmethod
    def from_claim(cls, value: dict, text: str) -> "MoneyValue":
        """A money claim of the rule above (``text`` its span), as the grammar reads it."""

        def dec(x):
            return None if x is None else Decimal(str(x))

        bounds = Bounds(dec(value.get("amount")), dec(value.get("min")), dec(value.get("max")), bool(value.get("approximate")))
        grain = "tenth" if text[-1:] in "角毛毫" else "hundredth" if text[-1:] in "分仙" else "main"
        return cls(bounds, value["currency"], grain)


def _closed(text: str, end: int) -> bool:
    return _CLOSING.match(text, end) is not None


# What an amount written in Chinese units is made of: numerals, the unit words, 零 and 又, 半, the point.
_AMOUNT_CHARS = set(_NUMERAL_CHARS.replace("0-9", "0123456789") + "".join(
    {c for lexicon_words in _UNITS.values() for w in lexicon_words for c in w}
) + "零又半.点")


def _reads_as_amount(chart, start: int, end: int) -> bool:
    """The number at ``start`` is a number here: not an ordinal (第5分), not the start of a longer word
    (一毛不拔), unless what the word goes on with is more of the amount (jieba reads 两毛五 as one word)."""
    text, ctx = chart.text, chart.context
    if start > 0 and text[start - 1] == "第":
        return False
    if ctx is None or text[start] not in numbers.ZH_DIGIT_CHARS + numbers.ZH_UNIT_CHARS:
        return True
    if start > 0 and text[start - 1] in _AMOUNT_CHARS:
        return True  # the smaller units of an amount: 两角|五分, 五元|六角
    if not ctx.starts_word(start):
        return False
    word_end = ctx.analysis.word_ends.get(start)
    return word_end is None or word_end <= end or all(c in _AMOUNT_CHARS for c in text[end:word_end])


def _after_score_verb(text: str, start: int) -> bool:
    """得5分, 拿了两分, 扣三分, 拿下 35 分: a bare 分 there is a point, not a hundredth of a yuan."""
    before = text[max(0, start - 4) : start].rstrip(" ")
    if before.endswith(_SCORE_WORDS):
        return True
    before = before[-2:]
    return bool(before) and (before[-1] in _SCORE_BEFORE or before[-1] == "了" and before[:1] in _SCORE_BEFORE)


_SCORE_WORDS = ("拿下", "砍下", "轰下", "贡献", "得到", "获得", "攻下", "狂砍", "拿到", "得了", "拿了", "得分", "考了", "打了")


def _main_unit(parts, chart) -> MoneyValue | None:
    """七蚊, 三圓: whole units the rule above does not know (the Cantonese 蚊, the formal 圆). 三块, 五元 and
    the other units it knows are made too, as parts only (``partial``): the rule above already reads them
    where they stand alone, and here they start longer amounts (三块零四, 五元七毛八分)."""
    match = parts[0]
    if numbers.is_bare_unit(match.group("n")) or not _reads_as_amount(chart, match.start(), match.end()):
        return None
    bounds = numbers.bounds(match.group("n"))
    # The rule above reads 三块 and 五元 where they are amounts; here they are parts of longer ones.
    return MoneyValue(bounds, _UNITS["zh_main"][match.group("unit")], "main", partial=match.group("unit") in _AFTER)


def _digit(match: re.Match, group: str = "d") -> Decimal:
    return Decimal(_DIGIT_VALUES[numbers.fold(match.group(group))])


def _subunit(parts, chart) -> MoneyValue | None:
    match = parts[0]
    text = chart.text
    start, number_text = match.start(), match.group("n")
    if numbers.is_bare_unit(number_text):
        return None
    if not _reads_as_amount(chart, start, match.end()):
        return None  # 第5分, 一毛不拔
    amount = numbers.bounds(number_text).amount
    if amount is None or amount != amount.to_integral_value() or not 0 < amount < 100:
        return None
    word = match.group("unit")
    next_char = text[match.end() : match.end() + 1]
    if next_char and next_char in _NOT_SUBUNIT_NEXT:
        return None
    # The amount is over (两毛。 一分钱都), goes on (两毛五), or this is the tail of a larger amount
    # (四角|六分也): elsewhere a lone 分 or 毛 after a number is too often something else.
    tail_of_amount = start > 0 and text[start - 1] in _AMOUNT_CHARS
    if not (word[-1] in "钱錢" or _closed(text, match.end()) or match.group("more") is not None or tail_of_amount):
        return None
    if word[0] == "分" and _after_score_verb(text, start):
        return None
    if word in _UNITS["zh_tenth"]:
        return MoneyValue(Bounds(amount / 10), _UNITS["zh_tenth"][word], "tenth")
    return MoneyValue(Bounds(amount / 100), _UNITS["zh_hundredth"][word], "hundredth")


_SUBUNIT_WORD = rf"(?P<unit>{alternation([*_UNITS['zh_tenth'], *_UNITS['zh_hundredth']])})(?P<more>(?=[{_MORE_UNITS}]|{_ONE_DIGIT}))?"


def _is_point(grains: tuple[str, ...]):
    return lambda value: isinstance(value, MoneyValue) and value.point is not None and value.grain in grains


def _spoken_digit(parts, chart) -> MoneyValue | None:
    """五块六 = 5.6, 三块零四 = 3.04, 两毛五 = 0.25: a unit word, then one digit counted in the unit below."""
    money, tail = parts[0], parts[1]
    value = money.value
    unit_word = chart.text[money.end - 1]
    if value.grain == "main" and unit_word not in "块塊蚊":
        return None  # 5元3 is not 5.3 yuan: only the spoken 块 and 蚊 leave the smaller unit out
    following = chart.text[tail.end() : tail.end() + 1]
    if value.grain == "main" and not _closed(chart.text, tail.end()) or following and following in "分钟鐘":
        return None  # 三块五分钟: the digit begins something else (after a tenth, 两毛五不等 is still 0.25)
    step = {"main": Decimal("0.1"), "tenth": Decimal("0.01")}.get(value.grain)
    if step is None:
        return None
    if tail.group("zero"):
        if value.grain != "main":
            return None
        step = Decimal("0.01")  # 三块零四: 零 skips the tenths
    return MoneyValue(Bounds(value.point + _digit(tail) * step), value.currency, "hundredth")


def _spoken_dollar(parts, chart) -> MoneyValue | None:
    """個半 = 1.5, 五個半 = 5.5, 個九 = 1.9 (Cantonese): only as a whole amount, closed after it."""
    match = parts[0]
    if not _closed(chart.text, match.end()):
        return None
    whole = numbers.parse_numeral(match.group("n")) if match.group("n") else Decimal(1)
    tail = Decimal("0.5") if match.group("half") else _digit(match) / 10
    return MoneyValue(Bounds(whole + tail), _UNITS["zh_spoken_dollar"][match.group("unit")], "tenth")


def _compound(parts, chart) -> MoneyValue | None:
    """五元六角 = 5.6, 两角五分 = 0.25, 50元6角3分: a larger unit, then smaller ones (又/零 may join them)."""
    first, second = parts[0], parts[-1]
    big, small = first.value, second.value
    order = ("main", "tenth", "hundredth")
    if order.index(small.grain) <= order.index(big.grain) or big.currency != small.currency and small.currency != "CNY":
        return None
    return MoneyValue(Bounds(big.point + small.point), big.currency, small.grain)


def _spoken_compound(parts, chart) -> MoneyValue | None:
    """港幣三個一毫四: the spoken dollar 個 with a tenth after it."""
    whole = numbers.parse_numeral(parts[0].group("n"))
    small = parts[1].value
    if small.grain == "main":
        return None
    return MoneyValue(Bounds(whole + small.point), "HKD", small.grain)


def _range(parts, chart) -> MoneyValue | None:
    low, high = parts[0].value, parts[-1].value
    if low.currency != high.currency or low.point is None or high.point is None or low.point > high.point:
        return None  # a range never runs backwards (六角-五元 is no range)
    return MoneyValue(Bounds(None, low.point, high.point, low.bounds.approximate or high.bounds.approximate), low.currency)


def _bound_before(parts, chart) -> MoneyValue | None:
    value = parts[-1].value
    return MoneyValue(value.bounds.modified("zh", parts[0].group(), None), value.currency, value.grain)


def _bound_after(parts, chart) -> MoneyValue | None:
    value = parts[0].value
    return MoneyValue(value.bounds.modified("zh", None, parts[-1].group()), value.currency, value.grain)


def _with_currency_before(parts, chart) -> MoneyValue | None:
    """港幣 + an amount in spoken units: the named currency wins (港幣三個一毫四 is HKD). An amount that
    names its own currency keeps it (人民币 5美元 is two amounts)."""
    token = parts[-1]
    if not all(c in _AMOUNT_CHARS for c in chart.text[token.start : token.end]):
        return None
    value = token.value
    return MoneyValue(value.bounds, _BEFORE[parts[0].group()], value.grain)


_ANY_POINT = _is_point(("main", "tenth", "hundredth"))

def _first_chars(*lexicons) -> str:
    """The characters the words of ``lexicons`` start with: a gate for the rules that read them."""
    return "".join(sorted({word[0] for words_of in lexicons for word in words_of}))


_SPOKEN = alternation(_UNITS["zh_spoken_dollar"])

GRAMMAR = (
    engine.Rule("money.zh.amount", "money", (Regex(rf"(?P<n>{NUM})(?P<unit>{alternation(_UNITS['zh_main'])})",
                                                  gate=_first_chars(_UNITS["zh_main"])),), _main_unit),
    engine.Rule("money.zh.subunit", "money", (Regex(rf"(?P<n>{NUM}){_SUBUNIT_WORD}",
                                                    gate=_first_chars(_UNITS["zh_tenth"], _UNITS["zh_hundredth"])),), _subunit),
    engine.Rule("money.zh.spoken", "money", (Regex(
        rf"(?P<n>{numbers.ZH_NUMERAL}|\d{{1,3}})?(?P<unit>{_SPOKEN})(?:(?P<half>半)|(?P<d>{_ONE_DIGIT})(?![{_NUMERAL_CHARS}{_MORE_UNITS}]))",
        gate=_first_chars(_UNITS["zh_spoken_dollar"])),), _spoken_dollar),
    engine.Rule("money.zh.spoken", "money", (Dim("money", _is_point(("main", "tenth"))), Regex(
        rf"(?P<zero>零)?(?P<d>{_ONE_DIGIT})(?!一[{_NUMERAL_CHARS}]|(?!一)[{_NUMERAL_CHARS}{_MORE_UNITS}])")), _spoken_digit),
    engine.Rule("money.zh.compound", "money", (Dim("money", _ANY_POINT), Dim("money", _ANY_POINT)), _compound),
    engine.Rule("money.zh.compound", "money", (Dim("money", _ANY_POINT), Regex("[又零]"), Dim("money", _ANY_POINT)), _compound),
    engine.Rule("money.zh.compound", "money", (Regex(rf"(?P<n>{numbers.ZH_NUMERAL}|\d{{1,3}})(?:{_SPOKEN})",
                                                    gate=_first_chars(_UNITS["zh_spoken_dollar"])), Dim("money", _ANY_POINT)), _spoken_compound),
    engine.Rule("money.zh.range", "money", (Dim("money", _ANY_POINT), Regex(SEP), Dim("money", _ANY_POINT)), _range, spaced=True),
    engine.Rule("money.zh.currency", "money", (Regex(CUR_BEFORE, gate=_first_chars(_BEFORE)), Dim("money", _ANY_POINT)),
                _with_currency_before, spaced=True),
    engine.Rule("money.zh.bound", "money", (Regex(MOD_BEFORE, gate=_first_chars(_MODIFIERS["zh_before"])), Dim("money")),
                _bound_before, spaced=True),
    engine.Rule("money.zh.bound", "money", (Dim("money"), Regex(MOD_AFTER)), _bound_after, spaced=True),
)
