"""Money in English text: $14.3bn, US$5m, 3.5 billion dollars, $5 to $6 billion, between … and …, more than $500 million.

Also: ISO codes on either side (USD 200, 115USD, 20 usd, 75 USD million), codes with a scale letter
(30 MUSD = 30 million, 500 kEUR), spaced dollar prefixes (c $ 16.4 million, hk $ 3, us $ 5), symbols after
the number (10 €, 100元), sub-units (470 pence, 12-cent, one penny) and dollars-plus-cents compounds
(3 dollars 50 cents, thirteen dollars and forty-five cents, 15 dollars 50, 17 USD 25).
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from extractor.claims.base import Bounds, Candidate, Rule, RuleContext, alternation, lexicon
from extractor.claims.money.currencies import currencies, currency_in_context
from extractor.claims.numbers import en as numbers
from extractor.text import compiled

_CURRENCIES = currencies()
_MODIFIERS = lexicon("modifiers")
_BEFORE = _CURRENCIES["before"]
MOD_BEFORE = alternation(_MODIFIERS["en_before"])
MOD_AFTER = alternation(_MODIFIERS["en_after"])
NUM = numbers.NUMBER

# The 'before' lexicon, split by shape. ISO codes (USD, EUR …) are matched as codes (below); letters glued
# to a dollar sign (US$, HK$, Mex$, usd$) may be written in any case and, from two letters on, with a space
# before the $ (hk $ 3, us $ 5); a single letter only glued (C$, A$, S$), since "a $5 fee" and "company's
# $5" must stay US dollars. The one spaced single letter is c $ (Canadian), which is not a word.
_CODE_SHAPE = compiled.compile(r"[A-Z]{3}")
_DOLLAR_SHAPE = compiled.compile(r"([A-Za-z.]+)\$")
_CODES = sorted(k for k in _BEFORE if _CODE_SHAPE.fullmatch(k))
# Codes that may also be written in lower case (20 usd, rmb 10): never English words (all, try, mad, gel, cad
# are, so they need capitals).
# After a number, CAD is more often computer-aided design (3 CAD models) than Canadian dollars (C$ is usual).
_NOT_AFTER = {"CAD"}
_LOWERCASE_CODES = {"USD", "EUR", "GBP", "JPY", "CNY", "RMB", "HKD", "AUD", "CHF", "INR", "SGD", "NZD", "MXN", "KRW", "TWD"}
_SPACED_SINGLE_LETTER = {"C"}


def _dollar_prefix(key: str) -> str:
    letters = _DOLLAR_SHAPE.fullmatch(key).group(1)
    if len(letters.replace(".", "")) >= 2:
        return rf"(?i:{re.escape(letters)})\s?\$"
    if letters.upper() in _SPACED_SINGLE_LETTER:
        return rf"{re.escape(letters)}\$|(?i:{re.escape(letters)})\s\$"
    return re.escape(key)


_DOLLAR_PREFIXES = sorted((k for k in _BEFORE if _DOLLAR_SHAPE.fullmatch(k)), key=len, reverse=True)
_OTHER_BEFORE = [k for k in _BEFORE if k not in _CODES and k not in _DOLLAR_PREFIXES]
# A symbol may also follow the number (10 €, 100元, 100,000 ₭): symbols are whatever has no Latin letter.
_SYMBOLS_AFTER = [k for k in [*_OTHER_BEFORE, *_CURRENCIES["en_after"]] if not re.search(r"[A-Za-z]", k)]
_WORDS_AFTER = [k for k in _CURRENCIES["en_after"] if re.search(r"[A-Za-z]", k)]


def _code_pattern(excluded=frozenset()) -> str:
    """ISO codes, in capitals or (for _LOWERCASE_CODES) any case, with an optional k/M scale glued before."""
    return (
        r"(?:[kM](?=[A-Z]{3}\b))?(?:"  # 30 MUSD = 30 million USD; 500 kEUR = 500 thousand EUR
        + alternation(c for c in _CODES if c not in _LOWERCASE_CODES and c not in excluded)
        + r"|(?i:"
        + alternation(c for c in _CODES if c in _LOWERCASE_CODES)
        + r"))(?![A-Za-z])"
    )


CODE = _code_pattern()
CODE_AFTER = _code_pattern(_NOT_AFTER)
# Letter prefixes may not start inside a word (thus $5 is $5, not "us $5").
# The single letters Nigerian and South African papers write before amounts (N54.99 trillion, R23.36 a
# litre): a letter before digits is as often a road, a mask or a model (N95, R2), so only before an amount
# with a magnitude word, with two decimals, or priced per unit.
_LETTER_PREFIX = {"N": "NGN", "R": "ZAR", "P": "PHP", "Sh": "KES"}  # Kenyan papers write Sh, Philippine ones P
_LETTER_PREFIXED = (
    r"(?<![A-Za-z0-9_\-])(?:Sh|[NRP])(?=\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s?(?:bn|billion|trillion|tn|million|mn|m)\b"
    r"|\.\d\d(?![\d.])|\s(?:per|a)\s(?:litre|liter|kg|kilogram|share|barrel|month|year|day|unit|tonne|ton|kWh)\b)"
    r"|\d+(?:\.\d+)?\s?(?:bn|billion|trillion|tn|million|mn|m)\b|\d{1,3}(?:,\d{3})+(?!\d|[,.]\d))"  # N1,030: grouped thousands too
)
CUR_BEFORE = (
    r"(?<![A-Za-z0-9_])(?:" + "|".join([*(_dollar_prefix(k) for k in _DOLLAR_PREFIXES), CODE]) + ")|"
    + _LETTER_PREFIXED + "|" + alternation(_OTHER_BEFORE)
)
CUR_AFTER = alternation(_WORDS_AFTER)
SYM_AFTER = alternation(_SYMBOLS_AFTER)
# The cents of a compound: digits below 100 or a number word below 100 (forty-five, forty five).
CENTS = rf"\d{{1,2}}(?![\d.,]\d)|(?i:{numbers.WORD_BELOW_100})"
# Bare cents (15 dollars 50) only where nothing else can claim the number: before the end of the sentence,
# a punctuation mark or a few function words.
_BARE_CENTS_FOLLOW = r"(?=\s*(?:[.,;:!?)]|$)|\s+(?i:and|or|more|less|only|each)\b)"
_SUBUNIT = r"(?i:cents?|pence|pennies|penny)"
_SCALE_AFTER_CODE = r"(?i:thousand|million|billion|trillion|mn|bn)"

PATTERN = compiled.compile(
    rf"(?:(?P<change>{numbers.CHANGE_BEFORE}))?+(?:\b(?P<mod>(?i:{MOD_BEFORE}))\s+)?(?:"
    # tens of billions of dollars
    rf"(?P<vague>{numbers.VAGUE})(?=\s+(?i:{CUR_AFTER})\b)|"
    # between $5 billion and $6 billion
    rf"(?i:between)\s+(?:(?P<bcur>{CUR_BEFORE})\s?)?(?P<bn1>{NUM})\s+(?i:and)\s+(?:{CUR_BEFORE})?\s?(?P<bn2>{NUM})"
    # $14.3bn, $5 to $6 billion, $5-6 billion
    rf"|(?:(?P<cur1>{CUR_BEFORE})\s?)?(?P<n1>{NUM})(?:(?(change)(?!))\s?(?:-|~|(?i:to|through))\s?(?:{CUR_BEFORE})?\s?(?P<n2>{NUM}))?"
    rf")(?:"
    # 3.5 billion dollars, 470 pence, 12-cent, one-yen
    rf"(?:\s+|-)(?P<cur2>(?i:{CUR_AFTER}))\b"
    # 115USD, 20 usd, 30 MUSD, 75 USD million (not after a prefix: rmb 10 usd 20 is two amounts; 3 USD50 is USD50)
    rf"|(?(cur1)(?!)|\s?(?P<code2>{CODE_AFTER})(?!\d)(?:\s+(?P<scale2>{_SCALE_AFTER_CODE})\b)?)"
    # 10 €, 100元 (not before another number: 10 $30 is $30, unless it is 10 $ 30 cents)
    rf"|(?(cur1)(?!)|\s?(?P<sym2>{SYM_AFTER})(?:(?!\d)|(?=\d{{1,2}}\s?{_SUBUNIT}\b)))"
    rf")?"
    # 3 dollars 50 cents, thirteen dollars and forty-five cents, 15 dollars 50, c $ 100 and fifty
    rf"(?:(?P<cjoin>\s+(?i:and)\s+|\s?)(?P<cents>{CENTS})(?:\s?(?P<cword>{_SUBUNIT})\b|{_BARE_CENTS_FOLLOW}))?"
    rf"(?:\s+(?P<after>(?i:{MOD_AFTER}))\b)?"
)
_WORD_CURRENCY = {k.lower(): v for k, v in _CURRENCIES["en_after"].items()}
_BEFORE_FOLDED = {re.sub(r"\s+", "", k).lower(): v for k, v in _BEFORE.items()}
_CODE_MULTIPLIER = {"k": Decimal(1000), "M": Decimal(10**6)}
_SUB_UNIT = compiled.compile(r"([A-Z]{3})-(?:cent|penny)")


def _currency_before(symbol: str) -> tuple[str | None, Decimal]:
    """ISO code and multiplier of a prefix as written: 'US$', 'hk $', 'usd', 'MUSD' (1e6)."""
    if symbol in _BEFORE:
        return _BEFORE[symbol], Decimal(1)
    if symbol in _LETTER_PREFIX:
        return _LETTER_PREFIX[symbol], Decimal(1)
    folded = re.sub(r"\s+", "", symbol).lower()
    if folded in _BEFORE_FOLDED:
        return _BEFORE_FOLDED[folded], Decimal(1)
    if symbol[0] in _CODE_MULTIPLIER and symbol[1:] in _BEFORE:  # MUSD, kEUR
        return _BEFORE[symbol[1:]], _CODE_MULTIPLIER[symbol[0]]
    return None, Decimal(1)


@functools.lru_cache(maxsize=1)
def _dollar_places() -> tuple[re.Pattern, dict[str, str]]:
    places = {place: code for code, names in lexicon("currencies")["en_dollar_places"].items() if not code.startswith("_")
              for place in names}
    names = sorted(places, key=lambda name: (-len(name), name))
    return re.compile(r"(?<![\w.-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])"), places


def _local_dollar(analysis) -> str | None:
    """The dollar a document means by a bare $: another country's when it names that country at least twice
    and more than twice as often as the United States (once per document)."""
    found = analysis.memo.get("local-dollar", "")
    if found != "":
        return found
    pattern, places = _dollar_places()
    counts: dict[str, int] = {}
    for place in pattern.findall(analysis.text):
        counts[places[place]] = counts.get(places[place], 0) + 1
    american = counts.pop("USD", 0)
    found = None
    if counts:
        code, count = max(counts.items(), key=lambda item: item[1])
        found = code if count >= 2 and count > 2 * american else None
    analysis.memo["local-dollar"] = found
    return found


# Currencies whose amounts are written without cents (their minor unit is out of use or there is none): a
# dot before exactly three digits sets off thousands there, never decimals.
_DOT_GROUPED = frozenset("IDR VND KRW JPY CLP COP ISK PYG UGX IRR IQD LAK KHR MMK UZS LBP TZS".split())
_ONE_DOT_GROUP = compiled.compile(r"\d{1,3}\.\d{3}")


# Two capital letters that are also initials (SR, BD, QR, KD, RO, RM): an amount after them needs a scale,
# thousands, a decimal or a number of at least 10, and no capitalised word right after it (BD 2 Group).
_LETTER_PAIRS = frozenset(("SR", "BD", "QR", "KD", "RO"))
_NAME_AFTER = compiled.compile(r"\s[A-Z][a-z]")


def _looks_like_amount(match: re.Match) -> bool:
    number = (match.group("n1") or match.group("bn1") or "").strip()
    if not number:
        return True
    if re.search(r"[,.]\d|[a-z]", number, re.I):
        return True
    return number.isdigit() and int(number) >= 10


def _is_integral_plain(number: str | None) -> bool:
    return bool(number) and re.fullmatch(r"\d+|[A-Za-z -]+", number.strip()) is not None


def build(match: re.Match, ctx: RuleContext) -> Candidate | None:
    symbol = match.group("cur1") or match.group("bcur")
    word, code, sym_after = match.group("cur2"), match.group("code2"), match.group("sym2")
    if not (symbol or word or code or sym_after):
        return None
    start, end = match.start(), match.end()
    if start > 0 and (ctx.text[start - 1].isalnum() or ctx.text[start - 1] == "_"):
        return None  # inside a word or code: ABC$5
    if match.group("vague"):
        value = numbers.vague_bounds(match.group("vague"))
    elif match.group("bn1"):
        value = numbers.bounds(match.group("bn1"), match.group("bn2"))
    else:
        value = numbers.bounds(match.group("n1"), match.group("n2"))
    currency, multiplier = _currency_before(symbol) if symbol else (None, Decimal(1))
    initials = symbol and symbol.strip() in _LETTER_PAIRS and not word
    if initials and (_NAME_AFTER.match(ctx.text, end) or not _looks_like_amount(match)):
        return None  # SR 2 final, BD 2 Group: letters and a small number naming a thing, not riyals or dinars
    if symbol and symbol[:2] == "us" and symbol[2:3].isspace() and match.group("cur1") and not match.group("mod"):
        start = match.start("cur1") + len(symbol) - 1  # told us $5 million: "us" is the pronoun, not US$
    if code or sym_after:
        currency, multiplier = _currency_before(code or sym_after)
        if currency is None:
            currency = _WORD_CURRENCY.get(sym_after.lower())
        if match.group("scale2") and not numbers.scale_word(match.group("n1") or ""):
            multiplier *= numbers.SCALES[match.group("scale2").lower()]
    if word and not symbol and word.lower() in ("pound", "pounds") and _is_weight(ctx, start, end):
        return None  # the bag weighs 20 pounds, 5 pounds of beef: a weight (claims/quantity)
    if word:
        by_word = _WORD_CURRENCY[word.lower()]
        currency = currency if symbol and by_word == "USD" else by_word  # HK$5 dollars stays HKD
        if not symbol:  # 500 dinars: which dinar, from the places the text names
            currency = currency_in_context(word, ctx.analysis, start, ctx.sentence) or currency
    elif symbol == "¥" and ctx.analysis.lang == "en":  # in English text the yen, unless it names China
        currency = currency_in_context("¥", ctx.analysis, start, ctx.sentence) or currency
    if currency == "USD" and (symbol or "").strip() == "$" or (word and not symbol and word.lower() in ("dollar", "dollars")):
        currency = _local_dollar(ctx.analysis) or currency  # a $600,000 mortgage in a story about Australia
    if currency in _DOT_GROUPED and not match.group("bn1") and _ONE_DOT_GROUP.fullmatch(match.group("n1") or ""):
        # Rp 15.000, VND 25.000: these currencies have no cents in use, so the dot sets off thousands
        second = match.group("n2")
        value = numbers.bounds(match.group("n1").replace(".", ""), second.replace(".", "") if second else None)
    value = value.scaled(multiplier) if multiplier != 1 else value
    sub_unit = _SUB_UNIT.fullmatch(currency or "")
    if sub_unit:
        value, currency = value.scaled(Decimal("0.01")), sub_unit.group(1)
    if match.group("cents") is not None:
        # A compound needs a whole main amount with a unit of its own; after a prefix alone (c $ 100 and
        # fifty) only with "and" or a sub-unit word. Otherwise the claim stops before the cents.
        main_ok = value.amount is not None and _is_integral_plain(match.group("n1")) and not sub_unit
        if main_ok and (word or code or sym_after or match.group("cword") or "and" in match.group("cjoin").lower()):
            cents = numbers.parse_number(match.group("cents"))
            value = Bounds(value.amount + cents / 100, value.min, value.max, value.approximate)
        else:
            end = match.start("cjoin")
            return _finish(match, ctx, start, end, value, currency, with_after=False)
    return _finish(match, ctx, start, end, value, currency, with_after=True)


# Pounds as a weight: a verb or noun of weight before them in the clause, or "of" and a thing after them.
_WEIGHT_BEFORE = compiled.compile(r"(?i:\b(?:weigh|weighs|weighed|weighing|weight|weights|heavy|heavier|lighter|overweight)\b)[^,;.]*$")
_WEIGHT_AFTER = compiled.compile(r"\s+of\s+(?!(?i:sterling|the\b|their\b|its\b|his\b|her\b|our\b|public\b|taxpayers))[a-z]")


def _is_weight(ctx: RuleContext, start: int, end: int) -> bool:
    if _WEIGHT_AFTER.match(ctx.text, end):
        return True
    return _WEIGHT_BEFORE.search(ctx.text, max(ctx.sentence[0], start - 60), start) is not None


_PLUS_AFTER = compiled.compile(r"(?:\+|-plus\b)(?![\d$€£¥])")


def _finish(match, ctx, start, end, value, currency, *, with_after: bool) -> Candidate:
    value = value.modified("en", match.group("mod"), match.group("after") if with_after else None)
    plus = _PLUS_AFTER.match(ctx.text, end) if with_after and not match.group("after") else None
    if plus and value.amount is not None:  # £100m+, a $50,000-plus salary: at least that much
        value, end = value.apply("min"), plus.end()
    return Candidate("money", start, end, {**value.as_dict(), "currency": currency}, "money.en.amount")


RULES = [Rule("money.en.amount", PATTERN, build)]


# -- the grammar (claims/engine): sub-units written short ------------------------------------------------
# 99p (pence), and a main amount joined to its cents written short ($4 and 15c). A lone "15c" is left
# alone: written after a number, C is as often a temperature.

from extractor.claims import engine  # noqa: E402
from extractor.claims.engine import Dim, Regex  # noqa: E402
from extractor.claims.money.zh import MoneyValue  # noqa: E402

# Up to four digits of pence, tenths too (245p, 145.9p, as share and fuel prices are quoted); 480p to 4320p
# are video resolutions.
_PENCE = r"(?<![\w.,£$€])(?!(?:240|360|480|576|720|1080|1440|2160|4320)p)(?P<n>(?:[1-9]\d{0,3}|0)(?:\.\d{1,2})?)p(?![\w'’])"  # 2.5p, 145.9p
_CENTS_SHORT = r"(?P<n>[1-9]\d?)c(?![\w'’°])"


# After these, "4p" is a label (section 4p, page 12p), not pence.
_LABEL_BEFORE = compiled.compile(r"(?i:section|sections|article|paragraph|clause|page|pages|chapter|figure|table|rule|part|item|no\.?|number|version|v)\s$")


def _pence(parts, chart) -> MoneyValue | None:
    match = parts[0]
    if _LABEL_BEFORE.search(chart.text, max(0, match.start() - 12), match.start()):
        return None
    return MoneyValue(Bounds(Decimal(match.group("n")) / 100), "GBP", "hundredth")


def _with_cents(parts, chart) -> MoneyValue | None:
    main, cents = parts[0].value, parts[-1]
    if main.point is None or main.point != main.point.to_integral_value():
        return None
    return MoneyValue(Bounds(main.point + Decimal(cents.group("n")) / 100), main.currency, "hundredth")


def _whole(value) -> bool:
    return isinstance(value, MoneyValue) and value.point is not None and value.grain == "main"


GRAMMAR = (
    engine.Rule("money.en.subunit", "money", (Regex(_PENCE, gate="p"),), _pence),
    engine.Rule("money.en.compound", "money", (Dim("money", _whole), Regex(r"\sand\s|\s"), Regex(_CENTS_SHORT)), _with_cents),
)
