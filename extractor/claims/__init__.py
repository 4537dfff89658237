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
import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from extractor.claims import engine, neighbours
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
    candidates = neighbours.read_together(candidates, text)
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

    chosen_claims = neighbours.day_ranges(_without_repeating([token.value for token in chosen], text), text)
    return _whole_alternatives(reanchor(chosen_claims, text, analysis))


def _whole_alternatives(candidates: list[Candidate]) -> list[Candidate]:
    """Every reading in ``alternatives`` has its start and end (the schema's {start, end, grain}): a rule that
    would list an open one leaves it out, as a document must never fail to build for one reading."""
    for candidate in candidates:
        others = (candidate.value or {}).get("alternatives") if candidate.kind == "date" else None
        if others and not all(other.get("start") and other.get("end") for other in others):
            kept = [other for other in others if other.get("start") and other.get("end")]
            candidate.value = {**candidate.value, "alternatives": kept or None}
    return candidates


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


# Opening hours and timetables say when something happens every week, not on one day: 周一至周五8:00—11:30,
# 工作日上午9点至下午5点, from 8 a.m. to 5 p.m. on weekdays, Monday to Friday 9am-5pm. A weekday range with no
# week named and the days of work, next to a clock time, make the dates around them a schedule.
_SCHEDULE = compiled.compile(  # opens on a class of rare first characters: scanned far faster than an alternation
    r"[周工每平](?:(?<=周)(?<![本下上这這今该該当當]周)[一二三四五六日天]\s?(?:至|到|-|—|~|～)\s?周[一二三四五六日天]|(?<=工)作日|(?<=每)[天日]|(?<=平)日)"
    r"|[wdeMW](?:(?<=w)eekdays\b|(?<=d)aily\b|(?<=e)very\sday\b|(?<=M)on(?:day)?\.?\s?(?:to|-|–|through|thru)\s?(?:Friday|Fri|Saturday|Sat|Sunday|Sun)\b|(?<=W)eekdays\b)"
)
_GAP = compiled.compile(r"[,，]?\s?")
_WEEKDAY_WORD = compiled.compile(r"周|星期|礼拜|禮拜|週|(?i:mon|tue|wed|thu|fri|sat|sun)")
_SCHEDULE_JOIN = compiled.compile(r"\s?[、,，;；]?\s?|\s?(?:-|–|to|and)\s?")
_CLOCK_NEAR = compiled.compile(r"\d{1,2}\s?(?:[:：.]\d\d|[点时點時]|(?i:a\.?m\b|p\.?m\b))|上午|下午|晚上")


def _in_schedule(candidate: Candidate, schedules: list[tuple[int, int]], text: str) -> bool:
    value = candidate.value or {}
    if "T" not in (value.get("start") or value.get("end") or "") and not _WEEKDAY_WORD.search(text, candidate.start, candidate.end):
        return False  # a date with its month (5月1日至5日每天7时至20时) is when the schedule holds, no part of it
    for start, end in schedules:
        if candidate.start < end + 4 and start < candidate.end + 6:  # in it, or right before or after it
            if _CLOCK_NEAR.match(text, _GAP.match(text, end).end()):
                return True  # 周一至周五8:00, 工作日上午9点, Monday to Friday 9am
            # from 8 a.m. to 5 p.m. on weekdays: the clock before an English schedule word
            return text[start:end].isascii() and _CLOCK_NEAR.search(text, max(0, start - 24), start) is not None
    return False


def _without_repeating(candidates: list[Candidate], text: str) -> list[Candidate]:
    kept: list[Candidate] = []
    repeating_end = -1
    # Only clock times and weekdays can be part of a schedule: the text is searched for one only when it has them.
    timed = any(c.kind == "date" and "T" in ((c.value or {}).get("start") or (c.value or {}).get("end") or "") for c in candidates)
    schedules = [m.span() for m in _SCHEDULE.finditer(text)] if timed else []
    schedule_end = -1
    for candidate in sorted(candidates, key=lambda c: c.start):
        if candidate.kind == "date" and schedules and (
            _in_schedule(candidate, schedules, text)
            or (schedule_end >= 0 and _SCHEDULE_JOIN.fullmatch(text, schedule_end, candidate.start)
                and "T" in ((candidate.value or {}).get("start") or (candidate.value or {}).get("end") or ""))
        ):
            schedule_end = candidate.end  # and the next times of the list (8:00—11:30、13:30—16:30)
            continue
        schedule_end = -1
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
            if _TIME_BEFORE.search(text, max(0, token.start - 3), token.start) or _SECONDS_AFTER.match(text, token.end):
                continue  # 2小时07分32秒: minutes of a time, no fen
            if _POINTS_BEFORE.search(text, max(0, token.start - 3), token.start):
                continue  # 记6分, 扣12分: points of a licence or a score, no fen
            value = token.value.as_dict()
        else:
            value = token.value or None  # {}: a date with no reference date to resolve against
        candidate = Candidate(token.dim, token.start, token.end, value, token.rule)
        composed.append(engine.Token(token.dim, candidate, token.start, token.end, token.rule, token.children))
    return composed


_KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_PRIORITY)}
_TIME_BEFORE = compiled.compile(r"(?:小时|小時|[时時])\s?$")
_POINTS_BEFORE = compiled.compile(r"(?:[记記扣得积積拿获獲罚罰]|满|滿)\s?$")
_SECONDS_AFTER = compiled.compile(r"\s?\d{1,2}(?:\.\d+)?\s?秒")
