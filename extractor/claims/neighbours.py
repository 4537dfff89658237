"""Claims read together with the claim next to them.

Each rule reads its match alone; some wordings only make sense with the claim beside them, and these passes
run over every rule's candidates before the grammar and the selection (claims/__init__.py):

- a change and the level it reached, or a range of the change (_change_ranges, _change_splits);
- a lower and an upper bound side by side, one range (_bounded_pairs);
- an exchange rate, which is no sum of money (_without_rates), nor is a weight in pounds (_without_weights);
- a bound under a negation, the other bound (_negated_bounds);
- a date and the year written right after it (_date_then_year) or after the date joined to it (_shared_year),
  two dates said to be one (_copula_dates); and, once the claims are chosen, two days joined by through
  (day_ranges).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from extractor.claims.base import Candidate
from extractor.claims.date.resolve import readings, with_reading
from extractor.text import compiled


def read_together(candidates: list[Candidate], text: str) -> list[Candidate]:
    candidates = _without_weights(_negated_bounds(_without_rates(candidates, text), text), text)
    candidates = _bounded_pairs(_change_ranges(_change_splits(_score_pairs(candidates, text), text), text), text)
    return _copula_dates(_shared_year(_date_then_year(candidates, text), text), text)


# Two days joined by through / to / until, each written with its weekday or its own commas, are one stretch:
# from Saturday, Oct. 17, through Friday, Oct. 30 (the range rule reads only plain days).
_THROUGH = compiled.compile(r",?\s(?i:through|thru|to|until|till)\s|\s?[-–]\s?")
_FROM_BEFORE = compiled.compile(r"(?i:\bfrom\s)$")


def day_ranges(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Run on the chosen claims: the days a grammar composes (a weekday and its date) are only there."""
    days = {c.start: c for c in candidates if c.kind == "date" and c.value and c.value.get("grain") == "day"
            and c.value.get("start") and c.value.get("end") and "T" not in c.value["start"]}
    merged: dict[int, Candidate] = {}
    absorbed: set[int] = set()
    for first in sorted(days.values(), key=lambda c: c.start):
        join = _THROUGH.match(text, first.end)
        second = days.get(join.end()) if join else None
        if second is None or id(first) in absorbed or not text[first.start : first.end].isascii():
            continue
        low, high = dt.date.fromisoformat(first.value["start"]), dt.date.fromisoformat(second.value["end"])
        if not 1 < (high - low).days <= 62:
            continue
        opener = _FROM_BEFORE.search(text, max(0, first.start - 5), first.start)
        start = opener.start() if opener else first.start
        value = {"start": low.isoformat(), "end": high.isoformat(), "grain": "range",
                 "relative": bool(first.value.get("relative") or second.value.get("relative")), "approximate": False}
        merged[id(first)] = Candidate("date", start, second.end, value, first.rule)
        absorbed.add(id(second))
    return _replaced(candidates, merged, absorbed)


# A date without its year joined to one with its year written takes that year: in April and May 2024,
# 3月和5月份（2024年）… (each was read alone: April of this year).
_AND_JOIN = compiled.compile(r"\s(?i:and|or|to|through)\s|\s?[、和或与及]\s?")
_YEAR_IN = compiled.compile(r"(?:19|20)\d\d")


def _in_year(value: dict, year: int) -> dict | None:
    try:
        start = dt.date.fromisoformat(value["start"][:10]).replace(year=year)
        end = dt.date.fromisoformat(value["end"][:10])
        end = end.replace(year=year + (end.year - int(value["start"][:4])))
    except (ValueError, KeyError, TypeError):
        return None  # 29 February, or a reading with a time
    return {"start": start.isoformat(), "end": end.isoformat(), "grain": value["grain"]}


def _shared_year(candidates: list[Candidate], text: str) -> list[Candidate]:
    dates = {c.start: c for c in candidates if c.kind == "date" and c.value and c.value.get("start")}
    replaced: dict[int, Candidate] = {}
    for first in dates.values():
        join = _AND_JOIN.match(text, first.end)
        second = dates.get(join.end()) if join else None
        if second is None or not first.value.get("relative") or second.value.get("relative"):
            continue
        if _YEAR_IN.search(text, first.start, first.end):
            continue  # the first has its own year
        written = _YEAR_IN.search(text, second.start, second.end)
        if written is None:
            continue
        year = int(written.group(0))
        reading = next((r for r in readings(first.value) if r.get("start") and int(r["start"][:4]) == year), None)
        if reading is None and first.value.get("grain") in ("month", "day") and "holiday" not in first.rule:
            reading = _in_year(first.value, year)  # a month or a day of the Gregorian calendar: the same in any year
        if reading is not None and reading is not first.value:
            replaced[id(first)] = Candidate("date", first.start, first.end, with_reading(first.value, reading), first.rule)
    return _replaced(candidates, replaced, set())


# A bound under a negation is the other bound: not allowed to charge more than KSh 53,554 (at most that), did
# not exceed $5 million, never fell below 3%.
_NEGATION_BEFORE = compiled.compile(r"(?i:\b(?:not|never)\b|n['’]t\b)[^.;,，。；]{0,40}$")
_BOUND_WORD = compiled.compile(r"(?i:more\sthan|over|above|exceed(?:s|ed|ing)?|in\sexcess\sof|less\sthan|fewer\sthan|under|below)\b")


def _negated_bounds(candidates: list[Candidate], text: str) -> list[Candidate]:
    flipped: dict[int, Candidate] = {}
    for candidate in candidates:
        value = candidate.value or {}
        one_side = (value.get("min") is None) != (value.get("max") is None) and value.get("amount") is None
        if not one_side or not _BOUND_WORD.match(text, candidate.start):
            continue
        if not _NEGATION_BEFORE.search(text, max(0, candidate.start - 48), candidate.start):
            continue
        turned = {**value, "min": value.get("max"), "max": value.get("min")}
        flipped[id(candidate)] = Candidate(candidate.kind, candidate.start, candidate.end, turned, candidate.rule)
    return _replaced(candidates, flipped, set())


# A weight in pounds written as a compound adjective before what is weighed is no money: a 16-pound turkey,
# a 300-pound lineman (a 50-pound note, a five-pound fine are money).
_POUND_WEIGHT = compiled.compile(r"[\d.,]+-pounds?")
_MONEY_NOUN = compiled.compile(r"\s(?:note|coin|fine|fee|bill|charge|prize|ticket|voucher|bet|levy|tax|surcharge|payment|deal)s?\b")


def _without_weights(candidates: list[Candidate], text: str) -> list[Candidate]:
    weights = {
        id(c) for c in candidates
        if c.kind == "money" and _POUND_WEIGHT.fullmatch(text, c.start, c.end) and not _MONEY_NOUN.match(text, c.end)
    }
    return _replaced(candidates, {}, weights)


def _replaced(candidates: list[Candidate], merged: dict[int, Candidate], absorbed: set[int]) -> list[Candidate]:
    """``candidates`` with each id in ``merged`` replaced by its merge and each id in ``absorbed`` left out."""
    if not merged and not absorbed:
        return candidates
    return [merged.get(id(c), c) for c in candidates if id(c) not in absorbed]


# After a word of change the rules read "X 至 Y" / "by X to Y" as the change and the level it reached, two
# claims (票价下调 20 元至 180 元, fell by £129 to £1,720). When Y is no more than twice X the pair is a range of
# the change instead (净利润同比增加 1.2 亿元至 1.5 亿元, expected to rise by 3% to 5%): a level reached by a
# change at least as large as half of it would be a jump that the sentence would say otherwise.
_CHANGE_WORD_BEFORE = compiled.compile(
    r"(?:(?:增加|减少|增长|下降|上升|下调|上调|下跌|上涨|提高|降低|缩减|扩大|增持|减持|回落|反弹|[增减涨跌降升])\s?|(?i:\bby\s))$"
)
_CHANGE_JOIN = compiled.compile(r"\s?(?:至|到|~|～|-|–|—)\s?|\s(?i:to)\s")
_SAME_IN_RANGE = {"money": "currency", "percent": "points", "quantity": "unit"}


def _change_ranges(candidates: list[Candidate], text: str) -> list[Candidate]:
    by_start = {c.start: c for c in candidates if c.kind in _SAME_IN_RANGE and c.value and c.value.get("amount") is not None}
    if len(by_start) < 2:
        return candidates
    merged: dict[int, Candidate] = {}  # id of the first claim -> the range that replaces both
    absorbed: set[int] = set()  # ids of the second claims
    for first in sorted(by_start.values(), key=lambda c: c.start):
        if id(first) in absorbed:
            continue  # by 1 to 1.5 to 2: the range is the first two
        join = _CHANGE_JOIN.match(text, first.end)
        second = by_start.get(join.end()) if join else None
        if second is None or second.kind != first.kind or not _CHANGE_WORD_BEFORE.search(text, max(0, first.start - 4), first.start):
            continue
        low, high, same = first.value["amount"], second.value["amount"], _SAME_IN_RANGE[first.kind]
        if not 0 < low < high <= 2 * low or first.value.get(same) not in (None, second.value.get(same)):
            continue
        value = {key: item for key, item in second.value.items() if key != "amount"}
        value.update(first.value.get("change") and {"change": first.value["change"]} or {})
        value.update(min=low, max=high, approximate=bool(first.value.get("approximate") or second.value.get("approximate")))
        merged[id(first)] = Candidate(first.kind, first.start, second.end, value, first.rule)
        absorbed.add(id(second))
    return _replaced(candidates, merged, absorbed)


# The other way round: a verb of change right before "$X to $Y", each end with its own currency sign, and Y
# more than twice X, is the change and the level it reached (shares rose $1.20 to $48.35), which the money
# rule read as one range. Only with a sign on both ends and no magnitude word that only the second end
# has ("$5 to $7 billion" spreads the billion to both; "increase 2 to 10 percent" is a range).
_SPLIT_RANGE = compiled.compile(
    r"(?P<first>(?P<sign>[$£€¥₹₦]|[A-Z]{1,3}\$|[A-Z]{3}\s?)[\d.,]+)(?P<join>\s(?:to)\s)(?P<second>(?P=sign)[\d.,]+(?P<scale>\s?[a-zA-Z]+)?)"
)


# A verb of change, its object and "from" before the range: the levels before and after, however close
# (increased fares from ₦1,000 to ₦1,500; cut the price from $999 to $899).
_CHANGED_FROM = compiled.compile(
    r"(?i:\b(?:rais|increas|hik|cut|lower|reduc|slash|lift|boost|trimm?|chang|adjust|mov)(?:ed|es|e|ing)?\s(?:[\w'’-]+\s){1,4}from\s$)"
)


@functools.lru_cache(maxsize=1)
def _bare_change_verb() -> re.Pattern:
    from extractor.claims.numbers import en as numbers_en

    return re.compile(rf"\b(?:{'|'.join(verb.replace(' ', chr(92) + 's') for verb in numbers_en.CHANGE_VERBS)})\s$")


def _literal(amount: str) -> float | None:
    digits = re.sub(r"^[^\d]+", "", amount).replace(",", "")
    try:
        return float(digits)
    except ValueError:
        return None


def _change_splits(candidates: list[Candidate], text: str) -> list[Candidate]:
    result = []
    for candidate in candidates:
        ends = _closed_range(candidate, "money")
        split = None
        if ends is not None:
            low, high = ends
            split = _SPLIT_RANGE.fullmatch(text, candidate.start, candidate.end)
            if split is not None and high <= 2 * low and not _CHANGED_FROM.search(text, max(0, candidate.start - 40), candidate.start):
                split = None  # rose $5 to $7: a range of the change; increased fares from ₦1,000 to ₦1,500: levels
        spread = split is not None and split.group("scale") and low != _literal(split.group("first"))
        changed = split is not None and (
            _bare_change_verb().search(text, max(0, candidate.start - 16), candidate.start)
            or _CHANGED_FROM.search(text, max(0, candidate.start - 40), candidate.start)
        )
        if split is None or spread or not changed:
            result.append(candidate)  # (fell C$4,100 to C$1.07 million: the million stays on its own end)
            continue
        result += _two_amounts(candidate, split)
    return result


def _closed_range(candidate: Candidate, kind: str) -> tuple | None:
    """(low, high) of a claim of ``kind`` read as a range with both ends, else None."""
    value = candidate.value or {}
    if candidate.kind != kind or value.get("amount") is not None or value.get("min") is None or value.get("max") is None:
        return None
    return value["min"], value["max"]


def _two_amounts(candidate: Candidate, pair: re.Match) -> list[Candidate]:
    """A range read as its two ends (``pair``'s groups first and second), each an amount of its own."""
    value = candidate.value
    rest = {key: item for key, item in value.items() if key not in ("min", "max")}
    return [
        Candidate(candidate.kind, candidate.start, pair.end("first"), {**rest, "amount": value["min"]}, candidate.rule),
        Candidate(candidate.kind, pair.start("second"), candidate.end, {**rest, "amount": value["max"]}, candidate.rule),
    ]


# Two percentages each with its own sign joined by "to" are two shares, no range, when they run downwards (the
# Republican led 51.2% to 46.7%: a range never runs from high to low, and the pair was dropped as one) or follow
# a verb of a contest or a vote (passed 55% to 45%, led 46.7% to 51.2%, won by 62% to 38%).
_PERCENT_PAIR = compiled.compile(r"(?P<first>\d[\d.,]*\s?%)\sto\s(?P<second>\d[\d.,]*\s?%)")
_CONTEST_BEFORE = compiled.compile(
    r"(?i:\b(?:led|leads?|leading|won|wins?|winning|beat|beats|defeated|trailed|trails?|trailing|passed|approved|"
    r"rejected|carried|voted)(?:\s(?:by|with))?\s$)"
)


def _score_pairs(candidates: list[Candidate], text: str) -> list[Candidate]:
    result = []
    for candidate in candidates:
        ends = _closed_range(candidate, "percent")
        pair = _PERCENT_PAIR.fullmatch(text, candidate.start, candidate.end) if ends is not None else None
        if pair is None or not (ends[0] > ends[1] or _CONTEST_BEFORE.search(text, max(0, candidate.start - 24), candidate.start)):
            result.append(candidate)
            continue
        result += _two_amounts(candidate, pair)
    return result


# Two amounts in different currencies joined by a word of exchange are a rate, no sum of money: 1美元兑155日元,
# 一美元可以换7.1元人民币, 1 euro = 1.08 dollars.
_EXCHANGED_FOR = compiled.compile(r"\s?(?:兑|兌|兑换|兌換|换|換|可兑换|可以兑换|可兌換|可以换|可以換|可换|可換|=|＝)\s?")


# A price quoted to four decimals after a currency's name is that currency's rate (sterling fell 0.4% to
# $1.2463, the euro at $1.0850, 英镑兑美元报1.2463美元).
_QUOTED_RATE = compiled.compile(r"\d\.\d{4,}")
_CENTS_QUOTE = compiled.compile(r"\d\.\d\d\s(?i:U\.?S\.?\s)?cents")  # the Canadian dollar fell to 70.18 U.S. cents
_CURRENCY_NAMED = compiled.compile(
    r"(?i:\b(?:sterling|pound|euro|dollar|yen|yuan|renminbi|rupee|franc|loonie|aussie|kiwi|rand|real|peso|won|ringgit|baht|lira|rouble|ruble)s?\b)"
    r"|英镑|欧元|美元|日元|人民币|港元|澳元|加元|瑞郎|卢布|韩元"
)


def _without_rates(candidates: list[Candidate], text: str) -> list[Candidate]:
    money = {c.start: c for c in candidates if c.kind == "money" and c.value}
    rates: set[int] = {
        id(c) for c in money.values()
        if (_QUOTED_RATE.search(text, c.start, c.end) or _CENTS_QUOTE.search(text, c.start, c.end))
        and _CURRENCY_NAMED.search(text, max(0, c.start - 40), c.start)
    }
    for first in money.values():
        join = _EXCHANGED_FOR.match(text, first.end)
        second = money.get(join.end()) if join else None
        if second is not None and second.value.get("currency") != first.value.get("currency"):
            rates.update((id(first), id(second)))
    return _replaced(candidates, {}, rates)


# Two dates said to be one (9月17日是中秋节, 除夕（2月16日）, Good Friday falls on April 3 this year): each was
# read alone, so a bare date and a holiday could land in different years. Among their readings (the one
# taken and its alternatives) the first pair that overlaps is taken for both.
_SAME_DATE_JOIN = compiled.compile(
    r"\s?[（(]\s?|\s?(?:是|为|為|即|就是|正值|恰逢|適逢|适逢)\s?(?:第\s?[\d一二三四五六七八九十百零〇]+\s?[个個届屆]\s?)?|\s(?i:is|was|will\sbe|falls\son|fell\son|will\sfall\son|is\son|was\son)\s"
)


def _overlap(a: dict, b: dict) -> bool:
    moment = dt.datetime.fromisoformat
    return moment(a["start"]) < moment(b["end"]) and moment(b["start"]) < moment(a["end"])


def _copula_dates(candidates: list[Candidate], text: str) -> list[Candidate]:
    dates = {c.start: c for c in candidates if c.kind == "date" and c.value and c.value.get("start") and c.value.get("end")}
    if len(dates) < 2:
        return candidates
    replaced: dict[int, Candidate] = {}
    for first in list(dates.values()):
        join = _SAME_DATE_JOIN.match(text, first.end)
        second = dates.get(join.end()) if join else None
        if second is None or not (first.value.get("alternatives") or second.value.get("alternatives")) or _overlap(first.value, second.value):
            continue
        pair = next(((a, b) for a in readings(first.value) for b in readings(second.value) if _overlap(a, b)), None)
        if pair is None:
            continue
        for candidate, reading in zip((first, second), pair):
            value = with_reading(candidate.value, reading)
            replaced[id(candidate)] = Candidate(candidate.kind, candidate.start, candidate.end, value, candidate.rule)
    return _replaced(candidates, replaced, set())


# A date read without its year and a year right after it are one date: June last year, May 27 next year,
# since December last year, the first half of the previous year (each was read alone: June of this year).
_OF_YEAR = compiled.compile(r"(?:\s|,\s)(?:of\s)?(?=(?i:last|next|this|the\sprevious|the\sfollowing|the\sprior)\syear\b)")


def _date_then_year(candidates: list[Candidate], text: str) -> list[Candidate]:
    dates = {c.start: c for c in candidates if c.kind == "date" and c.value}
    merged: dict[int, Candidate] = {}
    absorbed: set[int] = set()
    for first in dates.values():
        join = _OF_YEAR.match(text, first.end)
        year = dates.get(join.end()) if join else None
        if year is None or year.value.get("grain") != "year" or not first.value.get("relative"):
            continue
        bounds = [first.value.get(key) for key in ("start", "end")]
        years = {int(value[:4]) for value in bounds if value}
        if len(years) != 1 and not (len(years) == 2 and first.value.get("end", "")[5:10] == "01-01"):
            continue  # a date of one year (its end may be the next 1 January)
        shift = int(year.value["start"][:4]) - int(next(value for value in bounds if value)[:4])
        value = {**first.value, "alternatives": None}
        for key in ("start", "end"):
            if value.get(key):
                value[key] = f"{int(value[key][:4]) + shift:04d}{value[key][4:]}"
        merged[id(first)] = Candidate("date", first.start, year.end, value, first.rule)
        absorbed.add(id(year))
    return _replaced(candidates, merged, absorbed)


# A lower bound and an upper bound side by side are one range: 处1万元以上5万元以下罚款, 3000元以上、5000元以下
# (the wording of fines and of brackets in Chinese law and regulation).
_BOUND_JOIN = compiled.compile(r"\s?[、，,]?\s?")


def _bounded_pairs(candidates: list[Candidate], text: str) -> list[Candidate]:
    uppers = {c.start: c for c in candidates if c.value and c.value.get("max") is not None and c.value.get("min") is None}
    if not uppers:
        return candidates
    paired: dict[int, Candidate] = {}
    absorbed: set[int] = set()
    for lower in candidates:
        value = lower.value or {}
        if value.get("min") is None or value.get("max") is not None:
            continue
        upper = uppers.get(_BOUND_JOIN.match(text, lower.end).end())
        if upper is None or upper.kind != lower.kind or id(upper) in absorbed:
            continue
        same = _SAME_IN_RANGE.get(lower.kind)
        if same and value.get(same) != upper.value.get(same) or not value["min"] < upper.value["max"]:
            continue
        merged = {**value, "max": upper.value["max"], "approximate": bool(value.get("approximate") or upper.value.get("approximate"))}
        paired[id(lower)] = Candidate(lower.kind, lower.start, upper.end, merged, lower.rule)
        absorbed.add(id(upper))
    return _replaced(candidates, paired, absorbed)
