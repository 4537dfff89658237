"""Percentages in Chinese text: 62%, 62 %, 百分之六十二, 六成, 三成五, 3 个百分点, 3%-5%, with the direction of change."""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.claims.base import Bounds, Candidate, Rule, RuleContext, alternation, lexicon
from extractor.claims.numbers import zh as numbers

_MODIFIERS = lexicon("modifiers")
_CUES = lexicon("cues")
MOD_BEFORE = alternation(_MODIFIERS["zh_before"])
MOD_AFTER = alternation(_MODIFIERS["zh_after"])
NUM = numbers.NUMBER
ZH_NUM = rf"(?:{numbers.ARABIC}|{numbers.ZH_NUMERAL})"
SEP = r"(?:-|~|至|到)"
_DIGIT = r"[一二三四五六七八九两]"

PATTERN = re.compile(
    rf"(?:(?P<mod>{MOD_BEFORE}) ?)?(?:"
    rf"(?P<n1>{NUM}) ?%?(?:{SEP}(?P<n2>{NUM}))? ?(?P<unit>%|个百分点|百分点|个基点|基点)"
    rf"|百分之(?P<p1>{ZH_NUM})(?:{SEP}(?:百分之)?(?P<p2>{ZH_NUM}))?"
    rf"|千分之(?P<m1>{ZH_NUM})"
    rf"|(?P<c1>十|{_DIGIT}|\d) ?成(?P<c2>{_DIGIT}(?!成))?"
    rf")(?: ?(?P<after>{MOD_AFTER}))?"
)
_CHANGE_CUES = sorted(
    [(cue, "increase") for cue in _CUES["change_increase_zh"]] + [(cue, "decrease") for cue in _CUES["change_decrease_zh"]],
    key=lambda pair: -len(pair[0]),
)
_CLAUSE_BREAK = re.compile(r"[,，。;；:：、!?！？]")
# 成 starting another word: 一成不变, 八成是, 完成, 成为, 成本 …
_NOT_PERCENT_AFTER_CHENG = set("不为本立交员果绩熟长就功型品都是")


def change_direction(ctx: RuleContext, start: int) -> str | None:
    """Direction stated right before the number, within its clause: 同比增长 62% → increase."""
    window = ctx.before(start, 8)
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    stripped = window.rstrip("约近超逾 ")
    if stripped.endswith(("到", "至", "从", "由")):
        return None  # 提高到 85%, 从 38% 提升至 41%: a level, not the size of a change
    best: tuple[int, str] | None = None
    tail = window.rstrip("了约近超逾达至到为 ")
    for cue, direction in _CHANGE_CUES:
        if len(cue) == 1:  # 增, 跌 … count only right before the number: 新增支出中约六成 is no increase
            if tail.endswith(cue) and (best is None or len(tail) > best[0]):
                best = (len(tail), direction)
            continue
        position = window.rfind(cue)
        if position >= 0 and (best is None or position + len(cue) > best[0]):
            best = (position + len(cue), direction)
    return best[1] if best else None


def build(match: re.Match, ctx: RuleContext) -> Candidate | None:
    points = False
    if match.group("n1"):
        if not numbers.starts_number_word(ctx, match.start("n1"), match.start()):
            return None
        value = numbers.bounds(match.group("n1"), match.group("n2"))
        unit = match.group("unit")
        points = "百分点" in unit or "基点" in unit
        if "基点" in unit:  # a basis point is a hundredth of a percentage point
            value = value.scaled(Decimal("0.01"))
    elif match.group("p1"):
        value = numbers.bounds(match.group("p1"), match.group("p2"))
    elif match.group("m1"):
        value = numbers.bounds(match.group("m1")).scaled(Decimal("0.1"))
    else:
        cheng_end = match.end("c2") if match.group("c2") else ctx.text.index("成", match.end("c1")) + 1
        if ctx.text[cheng_end : cheng_end + 1] in _NOT_PERCENT_AFTER_CHENG or not ctx.starts_word(match.start("c1")):
            return None
        tens = numbers.parse_numeral(match.group("c1")) * 10
        units = numbers.parse_numeral(match.group("c2")) if match.group("c2") else Decimal(0)
        value = Bounds(amount=tens + units)
    value = value.apply(_MODIFIERS["zh_before"].get(match.group("mod")))
    value = value.apply(_MODIFIERS["zh_after"].get(match.group("after")))
    result = {**value.as_dict(), "points": points, "change": change_direction(ctx, match.start())}
    return Candidate("percent", match.start(), match.end(), result, "percent.zh.amount")


RULES = [Rule("percent.zh.amount", PATTERN, build)]
