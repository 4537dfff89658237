"""Chinese and mixed numerals → exact Decimal values.

Handles Arabic digits with Chinese magnitudes (``1.2万``, ``143亿``, ``1.5万亿``, ``3千万``), Chinese
numerals (``一千二百万``, ``两百五``, ``三点五亿``, ``二〇二六``), financial capitals (``壹万``, ``贰佰``)
and the vague forms news uses (``数十亿``, ``几百``, ``上千亿``, ``十余``, ``600多``). Traditional characters
(``億``, ``萬``, ``兩``, ``點``, ``陸``) are folded to simplified ones before parsing. ``兆`` (10^12, as in Taiwanese
and Japanese amounts) is read only where a caller asks for it (:data:`MONEY_NUMBER`): in mainland text 兆 is
also the prefix mega (兆瓦), so counts and measures leave it out.
"""

from __future__ import annotations

from extractor.text import compiled
from dataclasses import dataclass
from decimal import Decimal

DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "兩": 2, "三": 3, "叁": 3, "四": 4,
    "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}  # 万 = 10^4, 亿 = 10^8
TRILLION = "兆"  # 10^12 in amounts only (四十九兆九千億元); see MONEY_NUMBER
# Traditional → simplified, one character for one (offsets never change: only parsed strings are folded).
# ， only reaches here inside an amount (MONEY_NUMBER), and so do k and w: 45k = 45千, 2.5w = 2.5万.
_FOLD = str.maketrans("點萬億兩陸貳，kKwW", "点万亿两陆贰,千千万万")


_TWENTY_THIRTY = compiled.compile("[廿卅]")


def fold(text: str) -> str:
    """Traditional numeral characters folded to simplified (四點五億 → 四点五亿), and the old tens 廿 and 卅
    spelled out (廿三 → 二十三, 卅一 → 三十一)."""
    text = text.translate(_FOLD)
    if "亿" in text and ("个" in text or "個" in text):  # 两个亿, 三个多亿, 5.5个亿: the spoken hundred million
        text = text.replace("个多亿", "多亿").replace("個多亿", "多亿").replace("个亿", "亿").replace("個亿", "亿")
    if "廿" in text or "卅" in text:
        text = _TWENTY_THIRTY.sub(lambda m: "二十" if m.group(0) == "廿" else "三十", text)
    return text


ZH_DIGIT_CHARS = "".join(DIGITS)
ZH_UNIT_CHARS = "".join(SMALL_UNITS) + "".join(BIG_UNITS)
# Runs are bounded and a number never starts inside a run of digits (or a Chinese numeral inside a run of
# numeral characters), so a regex that fails after a number (no unit follows) costs a constant per
# position: a 1 MB line of digits or numerals stays linear.
ARABIC = r"(?<!\d)(?:\d{1,3}(?:,\d{3}){1,10}(?:\.\d{1,20})?|\d{1,40}(?:\.\d{1,20})?)"
ZH_RUN = 23  # characters after the first of a Chinese numeral (拾萬零五十六點叁叁 is 9)
# A Chinese numeral: digits and units, with 点 only between digits (三点五), so 有一点 is not 1.
ZH_NUMERAL = rf"(?<![{ZH_DIGIT_CHARS}{ZH_UNIT_CHARS}])[{ZH_DIGIT_CHARS}{ZH_UNIT_CHARS}](?:[{ZH_DIGIT_CHARS}{ZH_UNIT_CHARS}]|[点點](?=[{ZH_DIGIT_CHARS}])){{0,{ZH_RUN}}}"
# Arabic digits optionally followed by magnitudes: 1.2万, 143亿, 3千万, 1.5万亿.
ARABIC_WITH_MAGNITUDE = rf"(?:{ARABIC})(?:[十百千]?[万亿萬億]{{1,2}}|[百千])?"
# Arabic hundreds of millions and then the ten thousands: 1亿2千万, 1亿5000万, 3亿零500万 (one number, not 1亿
# and a second amount).
ARABIC_YI_WAN = (
    rf"(?:{ARABIC})[亿億]零?\d{{1,4}}(?:\.\d{{1,4}})?[千百]?[万萬](?![万亿萬億])"
    rf"|(?<![\d.])\d{{1,4}}[万萬]\d{{4}}(?![\d.,，%万亿萬億])"  # 2万8590 (元): ten thousands, then four digits
)
# Vague magnitudes: 数十亿, 几百万, 上千亿, 好几千, 成千上万 is left out (no magnitude to anchor it).
VAGUE = r"(?:数|几|好几|上)(?:十|百|千|万|亿)(?:[百千]?[万亿])?"
# Rough tens: 十几 (11 to 19), 二十几 (21 to 29), 十来 (about 10), with a magnitude after them (十几万).
ROUGH_TENS = rf"(?<![{ZH_DIGIT_CHARS}{ZH_UNIT_CHARS}])[一二两三四五六七八九]?十[几来](?:[百千]?[万亿萬億]{{1,2}}|[百千])?"
# 多/余 may sit before the magnitude (600多万 = over six million) or after it (十余).
# 多/余 may also follow the magnitude (3万多人, 1.2万余名: more than that many).
NUMBER = rf"(?:{VAGUE}|{ROUGH_TENS}|{ARABIC_YI_WAN}|(?:{ARABIC}|{ZH_NUMERAL})(?:[多余])?(?:[十百千]?[万亿萬億]{{1,2}}(?:[多余](?![万亿萬億]))?|[百千])?)"
# Amounts may also count in 兆 (10^12) after the first character: 四十九兆九千五百億元, 1.5兆日元.
_ZH_MONEY_NUMERAL = (
    rf"(?<![{ZH_DIGIT_CHARS}{ZH_UNIT_CHARS}])[{ZH_DIGIT_CHARS}{ZH_UNIT_CHARS}](?:[{ZH_DIGIT_CHARS}{ZH_UNIT_CHARS}{TRILLION}]|[点點](?=[{ZH_DIGIT_CHARS}])){{0,{ZH_RUN}}}"
)
# In amounts a full-width comma may group thousands before a magnitude (3，500万元): three digits after
# each comma, 万 or 亿 right after, a currency word after that (the money rule's business). Elsewhere the
# comma separates (增长 5，123 家; $20，300美圆 is two prices).
_FULLWIDTH_GROUPED = r"(?<![\d.,，])\d{1,3}(?:，\d{3})+(?=[万亿萬億])"
# Amounts also take the magnitudes Chinese writes in Latin letters after digits (年薪45k, 月薪2.5w: thousand,
# ten thousand) and the spoken 两个亿 (two hundred million).
_LATIN_MAGNITUDE = r"(?<=\d)[kKwW](?![A-Za-z]|[.·・][A-Za-z])"  # not K.D. (the Kuwaiti dinar)
_SPOKEN_YI = (
    r"(?:(?<![\d.])\d{1,3}(?:\.\d{1,2})?|(?<![一二两兩三四五六七八九十几幾])[一二两兩三四五六七八九十几幾]{1,3})"
    r"[个個](?:多(?=[亿億]))?(?=[多]?[亿億])"
)
# Trillions and then hundreds of millions, in amounts: 6兆2,014億 (6.2014 × 10^12), 1萬2千億 (1.2 × 10^12).
_TRILLION_YI = (
    rf"(?<![\d.])\d{{1,4}}(?:\.\d+)?{TRILLION}零?\d{{1,4}}(?:,\d{{3}})?(?:\.\d+)?[亿億]"
    r"|(?<![\d.])\d{1,4}[万萬]\d[千]?[亿億]"
)
MONEY_NUMBER = (
    rf"(?:{VAGUE}|{ROUGH_TENS}|{_TRILLION_YI}|{ARABIC_YI_WAN}|{_SPOKEN_YI}[亿億]|(?:{_FULLWIDTH_GROUPED}|{ARABIC}|{_ZH_MONEY_NUMERAL})"
    r"(?:[多余]|来(?=[十百千万亿萬億块塊元]))?"  # 200来万, 一百来块: about
    rf"(?:[十百千]?[万亿萬億{TRILLION}]{{1,2}}(?:[多余](?![万亿萬億兆]))?|[百千]|{_LATIN_MAGNITUDE})?)"
)


# Compiled once (the helpers below run for every number a rule reads).
_PLAIN_DIGITS = compiled.compile(r"[\d.,]+")
_SMALL_TOKENS = compiled.compile(rf"\d+(?:\.\d+)?|[{ZH_DIGIT_CHARS}]|[{''.join(SMALL_UNITS)}]")
_GROUPED = compiled.compile(r"\d,\d")
_MAGNITUDE = compiled.compile(r"[十百千万亿拾佰仟兆]")
_DIGIT = compiled.compile(r"\d")
_ARABIC_SUFFIX = compiled.compile(r"[多余来]?([十百千]?[万亿萬億]{1,2}|[百千])$")
_ZH_SUFFIX = compiled.compile(r"[多余来]?([千百]?[万亿萬億]{1,2})$")
_BIG_UNIT = compiled.compile(r"[万亿萬億]")


@dataclass(frozen=True)
class ParsedNumber:
    value: Decimal | None  # None for a vague magnitude (数十亿): see low/high
    low: Decimal | None = None  # bounds of a vague magnitude, low inclusive
    high: Decimal | None = None
    approximate: bool = False
    lower_bound_only: bool = False  # 上千亿: at least
    has_magnitude: bool = False  # carries 万/亿/千/百 (a bare 5 in 5-10万 borrows the magnitude)


def _parse_small(text: str) -> Decimal:
    """A numeral below 万: Arabic (12.5), Chinese (一千二百, 十五, 两百五, 三点五) or mixed (3千)."""
    if not text:
        return Decimal(0)
    if _PLAIN_DIGITS.fullmatch(text):
        return Decimal(text.replace(",", ""))
    if "点" in text:
        whole, _, fraction = text.partition("点")
        digits = "".join(str(DIGITS[c]) for c in fraction if c in DIGITS)
        return _parse_small(whole) + (Decimal("0." + digits) if digits else Decimal(0))
    if all(c in DIGITS for c in text):
        return Decimal("".join(str(DIGITS[c]) for c in text))  # 二〇二六, 五六
    total = Decimal(0)
    number: Decimal | None = None
    last_unit = None
    zero_seen = False
    for match in _SMALL_TOKENS.finditer(text):
        token = match.group()
        if token in SMALL_UNITS:
            unit = SMALL_UNITS[token]
            total += (number if number is not None else Decimal(1)) * unit
            number, last_unit, zero_seen = None, unit, False
        elif token in DIGITS:
            if DIGITS[token] == 0:
                zero_seen = True
            else:
                number = Decimal(DIGITS[token])
        else:
            number = Decimal(token)
    if number is not None:
        # 两百五 = 250: a trailing digit right after a unit counts in the next unit down.
        if last_unit and last_unit >= 100 and not zero_seen:
            number *= last_unit // 10
        total += number
    return total


def parse_numeral(text: str) -> Decimal:
    """Exact value of a (possibly mixed) Chinese numeral: 1.2万 → 12000, 三亿五千万 → 350000000."""
    text = fold(text)
    text = text.replace(",", "") if _GROUPED.search(text) else text
    position = text.rfind(TRILLION)
    if position >= 0:  # 四十九兆九千五百九十二亿: 兆 outranks 亿, so it splits first
        left, right = text[:position], text[position + 1 :]
        return (parse_numeral(left) if left else Decimal(1)) * 10**12 + (parse_numeral(right) if right else Decimal(0))
    for big_char in ("亿", "万"):
        position = text.rfind(big_char)
        if position >= 0:
            left, right = text[:position], text[position + 1 :]
            multiplier = parse_numeral(left) if left else Decimal(1)
            if len(right) == 1 and right in DIGITS and DIGITS[right]:
                # 一万五 = 15000, 一亿五 = 150000000: a lone digit after a big unit counts in the unit below
                return (multiplier * 10 + DIGITS[right]) * BIG_UNITS[big_char] // 10
            return multiplier * BIG_UNITS[big_char] + (parse_numeral(right) if right else Decimal(0))
    return _parse_small(text)


# Between the two ends of a range: 700-720亿, 3~5万, 150亿至155亿, 3到5个百分点.
RANGE_SEP = r"(?:-|~|至|到)"
_NEIGHBOURING_DIGITS = compiled.compile(r"([一二两三四五六七八])([二两三四五六七八九])([十百千万亿]+)")
# Two neighbouring digits without a unit after them (两三, 七八, 一两, 三五; 十一二 is 11 or 12): a rough count.
_PAIRED_DIGITS = compiled.compile(r"(十)?([一二两三四五六七八])([二两三四五六七八九])")


def paired_digits(text: str) -> tuple[int, int] | None:
    """(low, high) of 两三 (2, 3), 七八 (7, 8), 一两 (1, 2), 三五 (3, 5), 十一二 (11, 12); None otherwise."""
    found = _PAIRED_DIGITS.fullmatch(fold(text))
    if found is None:
        return None
    low, high = DIGITS[found.group(2)], DIGITS[found.group(3)]
    if not (high == low + 1 or (low, high) == (3, 5)):
        return None
    tens = 10 if found.group(1) else 0
    return tens + low, tens + high
# 十几, 二十几万, 十来: rough tens (the tens digit, 几 or 来, the magnitude after them).
_ROUGH_TENS = compiled.compile(r"([一二两三四五六七八九]?)十([几来])(.*)")
_VAGUE_PARTS = compiled.compile(r"(数|几|好几|上)([十百千万亿])(.*)")


def parse_number(text: str) -> ParsedNumber:
    """Parse a NUMBER match: 1.2万, 一千二百万, 数十亿, 上千亿, 600多万 (at least 6 million), 十余."""
    if text.isascii() and text.isdigit():
        return ParsedNumber(Decimal(text))  # 600: what the steps below give for plain digits, sooner
    text = fold(text)
    pair = paired_digits(text)
    if pair:  # 两三个, 七八名: one or the other, roughly (not 23 or 78)
        return ParsedNumber(None, low=Decimal(pair[0]), high=Decimal(pair[1]), approximate=True)
    vague = _VAGUE_PARTS.fullmatch(text)
    if vague:
        prefix, head, tail = vague.groups()
        scale = parse_numeral("一" + head + tail)  # 数十亿 spans 一十亿 (10^9) up to 10^10
        if prefix == "上":
            return ParsedNumber(None, low=scale, approximate=True, lower_bound_only=True, has_magnitude=True)
        return ParsedNumber(None, low=scale, high=scale * 10, approximate=True, has_magnitude=True)
    rough = _ROUGH_TENS.fullmatch(text)
    if rough:
        tens = DIGITS[rough.group(1)] if rough.group(1) else 1
        scale = parse_numeral("一" + rough.group(3)) if rough.group(3) else Decimal(1)
        if rough.group(2) == "来":  # 十来天: about ten
            return ParsedNumber(tens * 10 * scale, approximate=True, has_magnitude=bool(rough.group(3)))
        return ParsedNumber(None, low=(tens * 10 + 1) * scale, high=(tens * 10 + 9) * scale, approximate=True,
                            has_magnitude=bool(rough.group(3)))  # fmt: skip
    neighbours = _NEIGHBOURING_DIGITS.fullmatch(text)
    pair = (DIGITS[neighbours.group(1)], DIGITS[neighbours.group(2)]) if neighbours else None
    if pair and (pair[1] == pair[0] + 1 or pair == (3, 5)):
        # 六七百 = six or seven hundred, 三五百 = three to five hundred: two digits over one unit
        unit = parse_numeral("一" + neighbours.group(3))
        return ParsedNumber(None, low=DIGITS[neighbours.group(1)] * unit, high=DIGITS[neighbours.group(2)] * unit,
                            approximate=True, has_magnitude=True)  # fmt: skip
    if "来" in text[1:]:  # 200来万, 一百来块: about that much
        return ParsedNumber(parse_numeral(text.replace("来", "")), approximate=True, has_magnitude=bool(_MAGNITUDE.search(text)))
    approx_suffix = "多" in text or "余" in text
    value = parse_numeral(text.replace("多", "").replace("余", ""))
    has_magnitude = bool(_MAGNITUDE.search(text))
    if approx_suffix:
        return ParsedNumber(None, low=value, approximate=True, lower_bound_only=True, has_magnitude=has_magnitude)
    return ParsedNumber(value, has_magnitude=has_magnitude)


def magnitude_suffix(text: str) -> str:
    """The trailing magnitude of an Arabic number (720亿 → 亿), to lend to a bare range start (700-720亿)."""
    text = fold(text)
    if _DIGIT.match(text):
        match = _ARABIC_SUFFIX.search(text)
    else:  # 五至六亿: only the big units carry over between Chinese numerals
        match = _ZH_SUFFIX.search(text)
    return match.group(1) if match else ""


def bounds(first: str, second: str | None = None):
    """Bounds of a number or a range of two: 700-720亿 → min 7e10, max 7.2e10; 600多 → min 600."""
    from extractor.claims.base import Bounds

    first, second = fold(first), (fold(second) if second is not None else None)
    if second is None:
        parsed = parse_number(first)
        if parsed.value is not None:
            return Bounds(amount=parsed.value, approximate=parsed.approximate)
        return Bounds(min=parsed.low, max=None if parsed.lower_bound_only else parsed.high, approximate=True)
    low, high = parse_number(first), parse_number(second)
    if not _BIG_UNIT.search(first) and magnitude_suffix(second) and (
        not low.has_magnitude or not _DIGIT.match(first)
    ):
        low = parse_number(first + magnitude_suffix(second))
    low_value = low.value if low.value is not None else low.low
    high_value = high.value if high.value is not None else (high.high or high.low)
    return Bounds(min=low_value, max=high_value, approximate=low.approximate or high.approximate)


_ONLY_UNITS = compiled.compile(r"[百千万亿兆]+")


def is_bare_unit(number: str) -> bool:
    """亿, 万, 千万 with no digit before them: 单位：亿元 names a unit, it states no amount."""
    return _ONLY_UNITS.fullmatch(number) is not None


def starts_number_word(ctx, start: int, claim_start: int | None = None) -> bool:
    """A number found at ``start`` reads as a number: not an ordinal (第3), not inside a word (单一元素).

    A modifier glued to it may start the word instead (jieba reads 近千名 as 近千 + 名): ``claim_start``.
    """
    if start > 0 and ctx.text[start - 1] == "第":
        return False
    if ctx.text[start] == "数" and ctx.text[start + 1 : start + 2] in ("十", "百", "千", "万", "亿", "萬", "億"):
        return True  # 金额为数亿元: jieba reads 为数 (as in 为数不多) as a word, but 数 before a magnitude is vague
    if ctx.text[start] in ZH_DIGIT_CHARS + ZH_UNIT_CHARS + "数几上好":
        return ctx.starts_word(start) or (claim_start is not None and claim_start < start and ctx.starts_word(claim_start))
    return True


def word_fits(ctx, start: int, end: int) -> bool:
    """The jieba word starting at a Chinese numeral ends inside the claim: 一元复始 is an idiom, not 1 yuan."""
    if ctx.text[start] not in ZH_DIGIT_CHARS + ZH_UNIT_CHARS:
        return True
    word_end = ctx.analysis.word_ends.get(start)
    return word_end is None or word_end <= end
