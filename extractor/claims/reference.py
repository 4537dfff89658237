"""Inferring the reference date from the document when none is given.

A dateline wins: a fully specified date (year, month and day) standing in one of the first three
sentences as a short line of its own, or opening its sentence. Failing that, the latest fully specified
date in the document: news reports on or after the last date it names in full.

An inferred date can be wrong in ways a reader should hear about (``reference_warnings``): an
encyclopaedia page names a date from decades ago, a dateline belongs to a quoted older report. Such a
date still resolves the relative dates (it is the best reading the text gives) but the document carries
a warning: ``reference_date.old`` when it lies more than ``OLD_YEARS`` before today, and
``reference_date.outlier`` when the document's own dates (those written with their year) mostly lie more
than ``OUTLIER_YEARS`` away from it.
"""

from __future__ import annotations

import datetime as dt
import re
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


# A guess at what infer_reference_date will find, from the common ways of writing a whole date, so that a
# document without a reference date is read once instead of twice: the claims are extracted against the
# guess, and kept when the dates they hold infer the same day (the dates that decide it, written with
# their year, month and day, read the same whatever the reference). Otherwise they are read again as before.
_MONTHS_EN = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_WHOLE_DATES = (
    (re.compile(r"(?<!\d)(\d{4})\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?[日号]"), (1, 2, 3)),
    (re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])"), (1, 2, 3)),
    (re.compile(rf"(?i:\b({_MONTHS_EN})[a-z]*\.?\s(\d{{1,2}}),?\s(\d{{4}})\b)"), (3, 1, 2)),
    (re.compile(rf"(?i:\b(\d{{1,2}})\s({_MONTHS_EN})[a-z]*\.?,?\s(\d{{4}})\b)"), (3, 2, 1)),
)


def guess_reference_date(analysis: "Analysis") -> dt.date | None:
    """The day ``infer_reference_date`` is likely to infer, from whole dates found by a quick scan (the same
    choice: a dateline, else the latest date outside a forward-looking sentence); None when none is found."""
    text = analysis.text
    found: list[tuple[int, dt.date]] = []
    for pattern, (year, month, day) in _WHOLE_DATES:
        for match in pattern.finditer(text):
            month_text = match.group(month)
            number = int(month_text) if month_text.isdigit() else _month_number(month_text)
            try:
                found.append((match.start(), dt.date(int(match.group(year)), number, int(match.group(day)))))
            except ValueError:
                continue
    if not found:
        return None
    found.sort()
    for start, day in found:
        index = analysis.sentence_at(start)
        if index is not None and index < DATELINE_SENTENCES:
            sentence_start, sentence_end = analysis.sentences[index]
            if sentence_end - sentence_start <= DATELINE_MAX_CHARS or start == sentence_start:
                return day
    cues = lexicon("cues")
    reported = []
    for start, day in found:
        index = analysis.sentence_at(start)
        sentence = text[analysis.sentences[index][0] : analysis.sentences[index][1]] if index is not None else ""
        if not (contains_cue(sentence, cues["future_zh"]) or contains_en_cue(sentence, cues["future_en"])):
            reported.append(day)
    return max(reported) if reported else None


def _month_number(name: str) -> int:
    return ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec").index(name[:3].lower()) + 1


OLD_YEARS = 2
OUTLIER_YEARS = 5


def reference_warnings(analysis: "Analysis", candidates: list["Candidate"], *, today: dt.date) -> list[tuple[str, str]]:
    """(code, message) warnings about an inferred reference date (see the module docstring)."""
    reference = analysis.reference_date
    if reference is None:
        return []
    warnings = []
    if (today - reference).days > OLD_YEARS * 365.25:
        warnings.append((
            "reference_date.old",
            f"the reference date {reference.isoformat()} was inferred from the text and lies "
            f"{(today - reference).days // 365} years before today; relative dates (上周, last week) resolve "
            "against it: pass --ref-date if the article is recent",
        ))
    years = sorted(
        dt.date.fromisoformat(value["start"][:10]).year
        for candidate in candidates
        if candidate.kind == "date" and (value := candidate.value) and not value.get("relative") and value.get("start")
    )
    if len(years) >= 3:
        middle = years[len(years) // 2]
        if abs(middle - reference.year) > OUTLIER_YEARS:
            warnings.append((
                "reference_date.outlier",
                f"the reference date {reference.isoformat()} was inferred from the text, but most dates the "
                f"document writes with their year lie around {middle}: check it, or pass --ref-date",
            ))
    return warnings
