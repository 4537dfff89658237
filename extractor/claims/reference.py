"""Inferring the reference date from the document when none is given.

A dateline wins: a fully specified date (year, month and day) standing in one of the first three
sentences as a short line of its own, or opening its sentence. Failing that, the latest fully specified
date in the document: news reports on or after the last date it names in full.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from extractor.analysis import Analysis
    from extractor.claims.base import Candidate

from extractor.claims.base import contains_cue, contains_en_cue, lexicon

DATELINE_SENTENCES = 3
DATELINE_MAX_CHARS = 40


def _full_day(candidate: "Candidate") -> dt.date | None:
    value = candidate.value
    if candidate.kind != "date" or not value or value.get("relative") or not value.get("start") or not value.get("end"):
        return None
    if value.get("grain") not in ("day", "hour", "minute", "second"):
        return None
    return dt.date.fromisoformat(value["start"][:10])


def infer_reference_date(analysis: "Analysis", candidates: list["Candidate"]) -> dt.date | None:
    full_days = [(candidate, day) for candidate in candidates if (day := _full_day(candidate))]
    if not full_days:
        return None
    for candidate, day in full_days:
        index = analysis.sentence_at(candidate.start)
        if index is None or index >= DATELINE_SENTENCES:
            continue
        start, end = analysis.sentences[index]
        if end - start <= DATELINE_MAX_CHARS or candidate.start == start:
            return day
    # A date the document looks forward to (将于, will list on) says nothing about when it was written.
    cues = lexicon("cues")
    reported = []
    for candidate, day in full_days:
        index = analysis.sentence_at(candidate.start)
        sentence = analysis.text[analysis.sentences[index][0] : analysis.sentences[index][1]] if index is not None else ""
        if not (contains_cue(sentence, cues["future_zh"]) or contains_en_cue(sentence, cues["future_en"])):
            reported.append(day)
    return max(reported) if reported else None
