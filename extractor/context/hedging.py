"""Hedging: the words that mark a claim as expected, possible or rumoured, named.

A claim is hedged by a rumour anywhere in its sentence (``据知情人士透露``, ``据说``, ``reportedly``) or by a
forecast or modal word before it in its own clause (``预计为 700 亿美元``, ``或将``, ``is expected to reach
$5bn``, ``could``). The cue is returned as written, so a reader sees why. Cue lists are data
(``data/claims/cues.json``: ``hedge_source_*``, ``hedge_modal_*``).

English cues are matched case-sensitively in lower case (and capitalised at a sentence start): ``May`` the
month or the surname is no hedge, ``may`` the modal is.
"""

from __future__ import annotations

import functools
import re

from extractor.claims.base import alternation, lexicon

CLAUSE_REACH = 200  # a forecast word further back than this is not read as hedging the claim

_CLAUSE_END = re.compile(r"[,，;；:：。!?！？]")
# Everything up to the last clause break of a window (the forecast cue must follow it).
_UP_TO_LAST_BREAK = re.compile(r".*[,，;；:：。!?！？]", re.S)


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    cues = lexicon("cues")

    def english(words):
        # lower case anywhere; capitalised only where a sentence or clause starts (May at the start of a
        # sentence is still more often the month than the modal, so it is left out there too)
        capitalised = [w[:1].upper() + w[1:] for w in words if w.lower() != "may"]
        return re.compile(
            rf"\b(?:{alternation(words)})\b|(?:^|(?<=[.!?\"“]\s))(?:{alternation(capitalised)})\b" if capitalised
            else rf"\b(?:{alternation(words)})\b"
        )

    return (
        english(cues["hedge_modal_en"]),
        re.compile(alternation(cues["hedge_modal_zh"])),
        english(cues["hedge_source_en"]),
        re.compile(alternation(cues["hedge_source_zh"])),
    )


def sentence_rumour_at(text: str, lang: str, sentence: tuple[int, int]) -> tuple[str, int] | None:
    """The rumour cue of a sentence and where it ends, or None."""
    _, _, source_en, source_zh = _patterns()
    found = source_en.search(text, *sentence)
    if found is None and lang != "en":
        found = source_zh.search(text, *sentence)
    return (found.group(), found.end()) if found else None


def hedge_cue(
    text: str, lang: str, claim: tuple[int, int], sentence: tuple[int, int], rumour: tuple[str, int] | None,
    forecast: tuple[int, int] | None = None,
) -> tuple[int, int] | None:
    """Where the cue hedging a claim stands (offsets into ``text``), or None when the claim is stated as fact.
    ``rumour``: the sentence's rumour cue and its end (it hedges the claims after it, and those of its own
    clause); ``forecast``: where the forecast verb the claim is attributed with stands (瑞银预计，…)."""
    modal_en, modal_zh, _, _ = _patterns()
    claim_start, claim_end = claim
    window_start = max(sentence[0], claim_start - CLAUSE_REACH)
    head = _UP_TO_LAST_BREAK.match(text, window_start, claim_start)
    clause_start = head.end() if head else window_start
    found = None
    for found in modal_en.finditer(text, clause_start, claim_start):
        pass
    if found is None and lang != "en":
        for found in modal_zh.finditer(text, clause_start, claim_start):
            pass
    if found is None:  # an estimated 10.7 million: the modifier is part of the claim's span
        found = modal_en.search(text, claim_start, claim_end)
    if found is not None:
        return found.span()
    if forecast is not None:
        return forecast
    if rumour is not None:
        cue, end = rumour
        if end <= claim_start:  # 据传，… / reportedly …: said before the claim, it covers it
            return (end - len(cue), end)
        clause_end = _CLAUSE_END.search(text, claim_end, sentence[1])
        if clause_start <= end - len(cue) and end <= (clause_end.start() if clause_end else sentence[1]):
            return (end - len(cue), end)  # in the claim's own clause (… is reportedly worth $5bn)
    return None
