"""Claims: money, percent, quantity and date, one folder per kind and one module per language.

``extract_claims(analysis)`` runs every rule of the document's language(s) over the normalised text,
keeps matches inside non-boilerplate sentences, and resolves overlaps: the longer span wins, and on
equal spans the kind listed first in ``KIND_PRIORITY`` (money before percent before date before quantity).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from extractor.claims.anchor import anchored
from extractor.claims.base import Candidate, Rule, RuleContext, contains_cue, contains_en_cue, lexicon

if TYPE_CHECKING:  # pragma: no cover
    from extractor.analysis import Analysis

KIND_PRIORITY = ("money", "percent", "date", "quantity")
KINDS = KIND_PRIORITY


@functools.lru_cache(maxsize=None)
def rules_for(lang: str) -> tuple[Rule, ...]:
    """The rules of one language, listed explicitly (no registration by import side effect)."""
    from extractor.claims.date import en as date_en
    from extractor.claims.date import zh as date_zh
    from extractor.claims.money import en as money_en
    from extractor.claims.money import zh as money_zh
    from extractor.claims.percent import en as percent_en
    from extractor.claims.percent import zh as percent_zh
    from extractor.claims.quantity import en as quantity_en
    from extractor.claims.quantity import zh as quantity_zh

    by_language = {
        "zh": (*money_zh.RULES, *percent_zh.RULES, *date_zh.RULES, *quantity_zh.RULES),
        "en": (*money_en.RULES, *percent_en.RULES, *date_en.RULES, *quantity_en.RULES),
    }
    rules = by_language["zh"] + by_language["en"] if lang == "mixed" else by_language[lang]
    return tuple(Rule(rule.name, anchored(rule.pattern), rule.build) for rule in rules)


def extract_claims(analysis: "Analysis", *, kinds: tuple[str, ...] = KINDS) -> list[Candidate]:
    content = [(index, span) for index, span in analysis.content_sentences()]
    if not content:
        return []
    candidates: list[tuple[Candidate, int]] = []
    contexts: dict[int, RuleContext] = {}  # one per sentence: built once, shared by every rule
    text = analysis.text
    for rule in rules_for(analysis.lang):
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if end == start:
                continue
            index = analysis.sentence_at(start)
            if index is None:
                continue
            context = contexts.get(index)
            if context is None:
                if analysis.is_boilerplate(index):
                    continue
                context = contexts[index] = RuleContext(analysis, analysis.sentences[index])
            if end > context.sentence[1]:
                continue
            try:
                candidate = rule.build(match, context)
            except (ValueError, OverflowError):
                # Calendar arithmetic past year 1 or 9999 (a reference date at the edge of the calendar):
                # that reading does not exist, so the match is no claim.
                continue
            if candidate is not None and candidate.kind in kinds and candidate.end > candidate.start:
                candidates.append((candidate, index))
    return _resolve_overlaps(candidates)


def _resolve_overlaps(candidates: list[tuple[Candidate, int]]) -> list[Candidate]:
    ranked = sorted(
        candidates,
        key=lambda pair: (-(pair[0].end - pair[0].start), KIND_PRIORITY.index(pair[0].kind), pair[0].start),
    )
    taken: list[Candidate] = []
    end_of_text = max((candidate.end for candidate, _ in candidates), default=0)
    occupied = bytearray(end_of_text)  # one byte per character: linear, whatever the number of claims
    for candidate, _ in ranked:
        if occupied.find(1, candidate.start, candidate.end) != -1:
            continue
        taken.append(candidate)
        occupied[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
    return sorted(taken, key=lambda c: (c.start, c.end))


_CLAUSE_BREAK = re.compile(r"[,，;；:：。!?！？]")


CLAUSE_REACH = 200  # a forecast word further back than this is not read as hedging the claim


def is_hedged(analysis: "Analysis", candidate: Candidate, sentence: tuple[int, int], *, rumour: bool) -> bool:
    """A claim is hedged by a rumour anywhere in its sentence (``rumour``: 据知情人士透露, reportedly) or by a
    forecast word before it in its own clause (预计为 700 亿美元, is expected to reach $5bn)."""
    if rumour:
        return True
    cues = lexicon("cues")
    window_start = max(sentence[0], candidate.start - CLAUSE_REACH)
    window = analysis.text[window_start : candidate.start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    clause = window[breaks[-1].end() :] if breaks else window
    if contains_en_cue(clause, cues["hedge_modal_en"]):
        return True
    return analysis.lang != "en" and contains_cue(clause, cues["hedge_modal_zh"])


def sentence_has_rumour(analysis: "Analysis", sentence: tuple[int, int]) -> bool:
    cues = lexicon("cues")
    text = analysis.text[sentence[0] : sentence[1]]
    if contains_en_cue(text, cues["hedge_source_en"]):
        return True
    return analysis.lang != "en" and contains_cue(text, cues["hedge_source_zh"])
