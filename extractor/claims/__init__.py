"""Claims: money, percent, quantity and date, one folder per kind and one module per language.

``extract_claims(analysis)`` runs every rule of the document's language(s) over the normalised text and
keeps matches inside non-boilerplate sentences. What they find goes into a chart (claims/engine), where
each language's grammar composes larger claims from them (两毛五, 五块六到五块七毛八, 至少三块零四), and
the engine's selection keeps the best non-overlapping claims: the longer span wins, then the one built
from fewer rules, then the kind listed first in ``KIND_PRIORITY`` (money before percent before date
before quantity). A claim whose range runs backwards (min > max) is a misreading and is dropped.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from extractor.claims import engine
from extractor.claims.anchor import anchored_all
from extractor.claims.base import Candidate, Rule, RuleContext
from extractor.claims.numbers import zh as numbers_zh
from extractor.claims.prefilter import Gate, Scan, gates_for, share_runs
from extractor.text import compiled

if TYPE_CHECKING:  # pragma: no cover
    from extractor.analysis import Analysis

KIND_PRIORITY = ("money", "percent", "date", "quantity")
KINDS = KIND_PRIORITY


def _source_rules(lang: str) -> tuple[Rule, ...]:
    """The rules of one language, listed explicitly (no registration by import side effect). Only that
    language's modules are imported: compiling the English patterns costs half a second that a Chinese
    article's one-off run need not pay."""
    if lang == "mixed":
        return _source_rules("zh") + _source_rules("en")
    if lang == "zh":
        from extractor.claims.date import zh as date
        from extractor.claims.money import zh as money
        from extractor.claims.percent import zh as percent
        from extractor.claims.quantity import zh as quantity
    else:
        from extractor.claims.date import en as date
        from extractor.claims.money import en as money
        from extractor.claims.percent import en as percent
        from extractor.claims.quantity import en as quantity
    return (*money.RULES, *percent.RULES, *date.RULES, *quantity.RULES)


@functools.lru_cache(maxsize=None)
def rules_for(lang: str) -> tuple[Rule, ...]:
    """The rules of one language, each pattern with its first-character anchor (claims/anchor.py)."""
    rules = _source_rules(lang)
    patterns = anchored_all(f"claims-anchors-{lang}", [rule.pattern for rule in rules])
    return tuple(Rule(rule.name, pattern, rule.build, rule.gate) for rule, pattern in zip(rules, patterns))


@functools.lru_cache(maxsize=None)
def gated_rules(lang: str) -> tuple[tuple[Rule, Gate | None], ...]:
    """Each rule with its prefilter (claims/prefilter.py), derived from the rule's own pattern."""
    sources = [(source.pattern, source.gate) for source in _source_rules(lang)]
    gates = share_runs(gates_for(f"claims-gates-{lang}", sources))
    rules = tuple(zip(rules_for(lang), gates))
    compiled.save()  # the language's patterns, for the next start (extractor/text/compiled.py)
    return rules


# False runs every rule over the whole text (the reference the prefilter is tested against).
PREFILTER = True


def extract_claims(analysis: "Analysis", *, kinds: tuple[str, ...] = KINDS) -> list[Candidate]:
    if not analysis.content_sentences():
        return []
    candidates: list[Candidate] = []
    contexts: dict[int, RuleContext] = {}  # one per sentence: built once, shared by every rule
    text = analysis.text
    sentences, starts = analysis.sentences, analysis._sentence_starts
    boilerplate = analysis.boilerplate.sentence_rules
    scan = Scan(text)
    for rule, gate in gated_rules(analysis.lang):
        if gate is not None and PREFILTER:
            if not scan.runs(gate):
                continue  # no run with a trigger: nothing to scan
            matches = scan.matches(rule.pattern, gate)
        else:
            matches = rule.pattern.finditer(text)
        build = rule.build
        for match in matches:
            start, end = match.span()
            if end == start:
                continue
            index = bisect.bisect_right(starts, start) - 1  # analysis.sentence_at(start), inlined
            if index < 0 or start >= sentences[index][1] or end > sentences[index][1]:
                continue  # between sentences, or running past the sentence's end
            context = contexts.get(index)
            if context is None:
                if index in boilerplate:
                    continue
                context = contexts[index] = RuleContext(analysis, sentences[index])
            context.position = start
            try:
                candidate = build(match, context)
            except (ValueError, OverflowError):
                # Calendar arithmetic past year 1 or 9999 (a reference date at the edge of the calendar):
                # that reading does not exist, so the match is no claim.
                continue
            if candidate is not None and candidate.kind in kinds and candidate.end > candidate.start:
                candidates.append(candidate)
    candidates = _bounded_pairs(_change_ranges(_change_splits(_without_rates(candidates, text), text), text), text)
    candidates = _copula_dates(_date_then_year(candidates, text), text)
    tokens = [engine.Token(c.kind, c, c.start, c.end, c.rule) for c in candidates]
    money_grammar, date_grammar = grammar_for(analysis.lang)
    # Each grammar runs only where it has work: sub-units or spoken amounts, a backwards money range, two
    # dates at a connector. Most documents need neither (the chart costs a sixth of the claims stage).
    grammar = ()
    if money_grammar and (
        _money_grammar_needed(text) or any(c.kind == "money" and _backwards(c.value) for c in candidates)
    ):
        grammar += money_grammar
    if date_grammar:
        grammar += date_grammar(text, lambda: _dates_joined(text, candidates))
    if grammar:
        tokens += _compose(analysis, candidates, grammar)
    rank = _KIND_RANK
    chosen = engine.select(
        [t for t in tokens if not _backwards(t.value.value)], kinds, priority=lambda t: -rank[t.dim]
    )
    from extractor.claims.date.anaphora import reanchor

    return reanchor(_without_repeating([token.value for token in chosen], text), text, analysis)


# A time that comes round again (每周二, 每年春节, every Tuesday, each March) names no one date: the rules'
# single reading of it would be a claim the text never makes. So is the next item of a list that such a
# word opens (每周二、周四上午九点).
_REPEATING_BEFORE = compiled.compile(
    r"(?:每(?:[年月周天日晚]|星期|礼拜|禮拜|个(?:月|星期|礼拜)|個(?:月|星期|禮拜)|逢)?的?"
    r"|(?i:\b(?:every|each)\s(?:other\s)?(?:(?:year|month|week)\s(?:on|in)\s)?))$"
)
# …or a word after it that makes it one of many: the last week of each quarter, 每月的第一个周一 is above.
_REPEATING_AFTER = compiled.compile(r"(?i:\s(?:of|in)\s(?:each|every)\b)")
_LIST_JOIN = compiled.compile(r"\s?(?:、|和|及|与|與|或|,|，|and|or)\s?$")


def _without_repeating(candidates: list[Candidate], text: str) -> list[Candidate]:
    kept: list[Candidate] = []
    repeating_end = -1
    for candidate in sorted(candidates, key=lambda c: c.start):
        if candidate.kind == "date":
            window = max(0, candidate.start - 24)
            if _REPEATING_BEFORE.search(text, window, candidate.start) or _REPEATING_AFTER.match(text, candidate.end) or (
                repeating_end >= 0 and _LIST_JOIN.fullmatch(text, repeating_end, candidate.start)
            ):
                repeating_end = candidate.end
                continue
        repeating_end = -1
        kept.append(candidate)
    return kept


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
    if not merged:
        return candidates
    return [merged.get(id(c), c) for c in candidates if id(c) not in absorbed]


# The other way round: a verb of change right before "$X to $Y", each end with its own currency sign, and Y
# more than twice X, is the change and the level it reached (shares rose $1.20 to $48.35), which the money
# rule read as one range. Only with a sign on both ends and no magnitude word that only the second end
# has ("$5 to $7 billion" spreads the billion to both; "increase 2 to 10 percent" is a range).
_SPLIT_RANGE = compiled.compile(
    r"(?P<first>(?P<sign>[$£€¥₹₦]|[A-Z]{1,3}\$|[A-Z]{3}\s?)[\d.,]+)(?P<join>\s(?:to)\s)(?P<second>(?P=sign)[\d.,]+(?P<scale>\s?[a-zA-Z]+)?)"
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
        value = candidate.value or {}
        low, high = value.get("min"), value.get("max")
        split = None
        if candidate.kind == "money" and low is not None and high is not None and value.get("amount") is None and high > 2 * low:
            split = _SPLIT_RANGE.fullmatch(text, candidate.start, candidate.end)
        spread = split is not None and split.group("scale") and low != _literal(split.group("first"))
        if split is None or spread or not _bare_change_verb().search(text, max(0, candidate.start - 16), candidate.start):
            result.append(candidate)  # (fell C$4,100 to C$1.07 million: the million stays on its own end)
            continue
        rest = {key: item for key, item in value.items() if key not in ("min", "max")}
        result.append(Candidate("money", candidate.start, split.end("first"), {**rest, "amount": low}, candidate.rule))
        result.append(Candidate("money", split.start("second"), candidate.end, {**rest, "amount": high}, candidate.rule))
    return result


# Two amounts in different currencies joined by a word of exchange are a rate, no sum of money: 1美元兑155日元,
# 一美元可以换7.1元人民币, 1 euro = 1.08 dollars.
_EXCHANGED_FOR = compiled.compile(r"\s?(?:兑|兌|兑换|兌換|换|換|可兑换|可以兑换|可兌換|可以换|可以換|可换|可換|=|＝)\s?")


# A price quoted to four decimals after a currency's name is that currency's rate (sterling fell 0.4% to
# $1.2463, the euro at $1.0850, 英镑兑美元报1.2463美元).
_QUOTED_RATE = compiled.compile(r"\d\.\d{4,}")
_CURRENCY_NAMED = compiled.compile(
    r"(?i:\b(?:sterling|pound|euro|dollar|yen|yuan|renminbi|rupee|franc|loonie|aussie|kiwi|rand|real|peso|won|ringgit|baht|lira|rouble|ruble)s?\b)"
    r"|英镑|欧元|美元|日元|人民币|港元|澳元|加元|瑞郎|卢布|韩元"
)


def _without_rates(candidates: list[Candidate], text: str) -> list[Candidate]:
    money = {c.start: c for c in candidates if c.kind == "money" and c.value}
    rates: set[int] = {
        id(c) for c in money.values()
        if _QUOTED_RATE.search(text, c.start, c.end) and _CURRENCY_NAMED.search(text, max(0, c.start - 40), c.start)
    }
    for first in money.values():
        join = _EXCHANGED_FOR.match(text, first.end)
        second = money.get(join.end()) if join else None
        if second is not None and second.value.get("currency") != first.value.get("currency"):
            rates.update((id(first), id(second)))
    return [c for c in candidates if id(c) not in rates] if rates else candidates


# Two dates said to be one (9月17日是中秋节, 今年春节是2月10日, Good Friday falls on April 3 this year): each was
# read alone, so a bare date and a holiday could land in different years. Among their readings (the one
# taken and its alternatives) the first pair that overlaps is taken for both.
_SAME_DATE_JOIN = compiled.compile(
    r"\s?(?:是|为|為|即|就是|正值|恰逢|適逢|适逢)\s?(?:第\s?[\d一二三四五六七八九十百零〇]+\s?[个個届屆]\s?)?|\s(?i:is|was|will\sbe|falls\son|fell\son|will\sfall\son|is\son|was\son)\s"
)


def _readings(value: dict) -> list[dict]:
    return [value, *(value.get("alternatives") or [])]


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
        pair = next(((a, b) for a in _readings(first.value) for b in _readings(second.value) if _overlap(a, b)), None)
        if pair is None:
            continue
        for candidate, reading in zip((first, second), pair):
            others = [r for r in _readings(candidate.value) if r is not reading]
            others = [{key: r[key] for key in ("start", "end", "grain") if key in r} for r in others]
            value = {**candidate.value, **{key: reading[key] for key in ("start", "end", "grain") if key in reading}}
            value["alternatives"] = others or None
            replaced[id(candidate)] = Candidate(candidate.kind, candidate.start, candidate.end, value, candidate.rule)
    return [replaced.get(id(c), c) for c in candidates] if replaced else candidates


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
    return [merged.get(id(c), c) for c in candidates if id(c) not in absorbed] if merged else candidates


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
    return [paired.get(id(c), c) for c in candidates if id(c) not in absorbed] if paired else candidates


def _backwards(value: dict | None) -> bool:
    """A range whose min is above its max (六角-五元 read as 6 to 5): never a claim."""
    if not value:
        return False
    low = value.get("min")
    if low is None:
        return False
    high = value.get("max")
    return high is not None and isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high


# Where the grammar may find what the rules above do not: a numeral before a Chinese sub-unit or a unit
# word they do not know (两毛, 五分, 七蚊), the spoken dollar with its tail (個半, 三個一), a unit word
# followed by 零 or 又 (三块零四), English pence and cents written short (99p, $4 and 15c). Elsewhere it
# would only find their own amounts again. Each is searched apart and opens on its rarer character (the
# unit word, then a look back at the numeral): a pattern that opens on a numeral or a look-behind is
# tried at every digit or every character, which cost more than the grammar it saved.
_NUMERAL_CLASS = "0-9" + "".join(numbers_zh.DIGITS) + "".join(numbers_zh.SMALL_UNITS) + "".join(numbers_zh.BIG_UNITS)
_SUB_UNIT = "角毛毫分仙蚊圆圓"
_GRAMMAR_TRIGGERS = (  # the unit word ends the amount or more of it follows (not 十分重要, 五分钟)
    re.compile(
        rf"[{_SUB_UNIT}](?:(?<=[{_NUMERAL_CLASS}].)|(?<=[{_NUMERAL_CLASS}] .))"
        rf"(?:[钱錢{_NUMERAL_CLASS}]|(?![\u3400-\u9fff]))"
    ),
    re.compile(rf"个(?:半|[0-9{''.join(numbers_zh.DIGITS)}](?![{_NUMERAL_CLASS}]))"),
    re.compile(r"[元块塊][零又]"),
)
_PENCE = re.compile(r"[pc](?<=\d[pc])\b")  # 99p, 15c: found at the letter, then the whole amount checked
_PENCE_AMOUNT = re.compile(r"(?<![\d.])\d{1,4}(?:\.\d{1,2})?[pc]\b")


def _money_grammar_needed(text: str) -> bool:
    if any(trigger.search(text) for trigger in _GRAMMAR_TRIGGERS):
        return True
    for letter in _PENCE.finditer(text):
        at = letter.start()
        if any(at >= back and _PENCE_AMOUNT.match(text, at - back) for back in (1, 2, 3, 4, 5, 6, 7)):
            return True
    return False


# A range, or a day and its weekday; the second date may open with a word that places it after the first
# (12月20日至次年1月5日, 今晚10点至次日凌晨2点), which the grammar reads as part of it.
_DATE_JOIN = re.compile(r"\s?(?:到|至|-|~|[,，（(])?\s?(?:次年|翌年|次日|翌日|隔日|同年|当年|當年)?")


def _dates_joined(text: str, candidates: list[Candidate]) -> bool:
    """Two date claims with only a connector between them (上周四到本周二, 12月9日（周二）): the date grammar
    has work."""
    dates = [c for c in candidates if c.kind == "date"]
    starts = {c.start for c in dates}
    for first in dates:
        for start in range(first.end, min(first.end + 5, len(text)) + 1):
            if start in starts and _DATE_JOIN.fullmatch(text, first.end, start):
                return True
    return False


@functools.lru_cache(maxsize=None)
def grammar_for(lang: str) -> tuple[tuple, Callable | None]:
    """The grammar of a language: (money rules, date rules) — the date rules as a function of the text and
    of a check that two dates meet at a connector, returning the rules that text needs."""
    if lang == "en":
        from extractor.claims.date import en as date_en
        from extractor.claims.money import en as money_en

        return money_en.GRAMMAR, date_en.grammar_rules
    from extractor.claims.date import zh as date_zh
    from extractor.claims.money import zh as money_zh

    if lang == "mixed":
        (money_en, date_en) = grammar_for("en")

        def both(text: str, dates_joined: Callable[[], bool]) -> tuple:
            return (*date_zh.grammar_rules(text, dates_joined), *date_en(text, dates_joined))

        return (*money_zh.GRAMMAR, *money_en), both
    return money_zh.GRAMMAR, date_zh.grammar_rules


def _compose(analysis: "Analysis", candidates: list[Candidate], grammar) -> list:
    """The amounts the grammar composes (claims/engine) from the money the rules above found and from
    its own smaller units: tokens whose value is their Candidate and whose children are their parts (the
    selection counts the rules that built each)."""
    from extractor.claims.money.zh import MoneyValue

    text = analysis.text
    chart = engine.Chart(text, RuleContext(analysis, (0, len(text))))
    dims = {rule.dim for rule in grammar}
    for candidate in candidates:
        if candidate.kind not in dims:
            continue
        if candidate.kind == "money" and candidate.value is not None:
            value = MoneyValue.from_claim(candidate.value, text[candidate.start : candidate.end])
            chart.add(engine.Token("money", value, candidate.start, candidate.end, candidate.rule))
        elif candidate.kind == "date":
            chart.add(engine.Token("date", candidate.value, candidate.start, candidate.end, candidate.rule))
    known = len(chart.tokens)
    engine.parse(text, grammar, chart=chart)
    sentences, starts = analysis.sentences, analysis._sentence_starts
    boilerplate = analysis.boilerplate.sentence_rules
    # A stretch the rules above read as a range that runs backwards (六角-五元) is two amounts: the
    # grammar's parts there are claims of their own.
    backwards = [(c.start, c.end) for c in candidates if c.kind == "money" and _backwards(c.value)]
    composed = []
    for token in chart.tokens[known:]:
        if token.dim not in _KIND_RANK:
            continue  # a building block (a duration), no claim on its own
        index = bisect.bisect_right(starts, token.start) - 1
        if index < 0 or token.end > sentences[index][1] or index in boilerplate:
            continue
        if isinstance(token.value, MoneyValue):
            if token.value.partial and not any(start <= token.start and token.end <= end for start, end in backwards):
                continue
            value = token.value.as_dict()
        else:
            value = token.value or None  # {}: a date with no reference date to resolve against
        candidate = Candidate(token.dim, token.start, token.end, value, token.rule)
        composed.append(engine.Token(token.dim, candidate, token.start, token.end, token.rule, token.children))
    return composed


_KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_PRIORITY)}
