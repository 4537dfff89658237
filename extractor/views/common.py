"""What every view needs from a Document: claims' values as a reader would say them, flat value fields,
and the look-ups that turn the ids inside a claim (subject, time scope, speaker) into names.

Pure functions over the schema models; no view-specific markup here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any, Optional

from extractor.schema import Document, Entity

def number_text(number: Any) -> str:
    """A number written out in full with thousands separators: 72000000000 -> 72,000,000,000, 5.78 -> 5.78.

    Never scientific notation: a fact-checker compares digits with the article's, and 7.2e+10 hides them.
    """
    if number is None:
        return "?"
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if isinstance(number, int):
        return f"{number:,}"
    try:
        return format(Decimal(repr(number)), ",f")
    except (InvalidOperation, ValueError):
        return str(number)


def bounds_text(amount: Any, minimum: Any, maximum: Any) -> str:
    """The point, range or bound of a value: 62, 700 – 720, ≥ 600, ≤ 10."""
    if amount is not None:
        return number_text(amount)
    if minimum is not None and maximum is not None:
        return f"{number_text(minimum)} – {number_text(maximum)}"
    if minimum is not None:
        return f"≥ {number_text(minimum)}"
    if maximum is not None:
        return f"≤ {number_text(maximum)}"
    return "?"


def _last_day(end: str) -> Optional[str]:
    """The inclusive last day of a [start, end) period given by dates: readers expect 2027-12-31, not 2028-01-01."""
    try:
        return (dt.date.fromisoformat(end) - dt.timedelta(days=1)).isoformat()
    except ValueError:
        return None


def date_text(value) -> str:
    """A date value for reading: 2026-11-20; 2027-01-01 – 2027-12-31 (year); before 2028-01-01 (range)."""
    start, end = value.start, value.end
    if start is None and end is None:
        return "unresolved"
    pure_dates = all(part is None or len(part) == 10 for part in (start, end))
    if start is not None and end is not None:
        if pure_dates:
            last = _last_day(end) or end
            text = start if last == start else f"{start} – {last}"
        else:
            text = f"{start} – {end}"
    elif start is not None:
        text = f"from {start}"
    else:
        text = f"before {end}"
    if value.grain and value.grain not in ("day", "range"):
        text += f" ({value.grain})"
    if value.timezone:
        text += f" {value.timezone}"
    return text


def value_text(claim) -> str:
    """A claim's normalised value as one short line: 'USD 72,000,000,000', '≈ 62 %', '≥ 600 名'."""
    value = claim.value
    if value is None:
        return "unresolved"
    approximate = "≈ " if getattr(value, "approximate", False) else ""
    if claim.kind == "date":
        return approximate + date_text(value)
    bounds = bounds_text(value.amount, value.min, value.max)
    if claim.kind == "money":
        return f"{approximate}{value.currency or ''} {bounds}".strip()
    if claim.kind == "percent":
        unit = "percentage points" if value.points else "%"
        arrow = {"increase": "↑ ", "decrease": "↓ "}.get(value.change or "", "")
        return f"{approximate}{arrow}{bounds} {unit}"
    return f"{approximate}{bounds} {value.unit or ''}".strip()


def flat_value(claim) -> dict[str, Any]:
    """A claim's value as flat fields (the CSV's value columns); fields the kind does not have are None."""
    fields: dict[str, Any] = dict.fromkeys(VALUE_FIELDS)
    value = claim.value
    if value is None:
        return fields
    fields["approximate"] = value.approximate
    if claim.kind == "date":
        fields.update(
            date_start=value.start, date_end=value.end, date_grain=value.grain,
            date_relative=value.relative, date_timezone=value.timezone,
        )
        return fields
    fields.update(amount=value.amount, min=value.min, max=value.max)
    if claim.kind == "money":
        fields["currency"] = value.currency
    elif claim.kind == "percent":
        fields.update(percent_points=value.points, percent_change=value.change)
    else:
        fields["unit"] = value.unit
    return fields


# The value fields flat_value fills, in the CSV's column order.
VALUE_FIELDS = (
    "amount", "min", "max", "approximate", "currency", "unit", "percent_points", "percent_change",
    "date_start", "date_end", "date_grain", "date_relative", "date_timezone",
)


# A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one) as a formula,
# and article text is untrusted: such a text cell gets a leading apostrophe (the OWASP advice for CSV
# exports), which spreadsheets take as "this is text" and do not show. Number columns are left alone.
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any, *, text: bool = False) -> str:
    """One CSV cell (``render``'s claims and ``track``'s appearances): empty for None, booleans as
    true/false, floats in full (1e-05 -> 0.00001), and a ``text`` cell that a spreadsheet would run as a
    formula with a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # repr is the shortest exact form; Decimal keeps it out of scientific notation (1e-05 -> 0.00001).
        return format(Decimal(repr(value)), "f") if "e" in repr(value) else repr(value)
    cell = str(value)
    if text and cell.startswith(_FORMULA_LEADS):
        return "'" + cell
    return cell


class Lookup:
    """The ids a claim points at, resolved within its document (mention ids, claim ids)."""

    def __init__(self, document: Document):
        self.document = document
        self.entities = {entity.id: entity for entity in document.entities}
        self.claims = {claim.id: claim for claim in document.claims}

    def subject(self, claim) -> Optional[str]:
        """The subject's canonical name, with the words as written when they differ: 'Meta', 'NVIDIA (英伟达)'."""
        return name_with_text(claim.subject_canonical, claim.subject_text)

    def subject_entity(self, claim) -> Optional[Entity]:
        return self.entities.get(claim.subject) if claim.subject else None

    def speaker_entity(self, claim) -> Optional[Entity]:
        speaker = claim.attribution.speaker if claim.attribution else None
        return self.entities.get(speaker) if speaker else None

    def time_scope(self, claim):
        """The date claim the number belongs to, or None (also when the id names no date claim, as JSON
        edited by hand or by another tool may: the views read a date's value from it)."""
        scope = self.claims.get(claim.time_scope) if claim.time_scope else None
        return scope if scope is not None and scope.kind == "date" else None

    def time_scope_text(self, claim) -> Optional[str]:
        """The date claim the number belongs to with its value, else the period it covers as written."""
        scope = self.time_scope(claim)
        if scope is None:
            return claim.period.text if getattr(claim, "period", None) else None
        return f"{scope.text} ({value_text(scope)})"

    def source_text(self, claim) -> Optional[str]:
        """Who said it, as written, with the canonical name of a speaker the entity model knows."""
        attribution = claim.attribution
        if attribution is None or not (attribution.text or attribution.speaker):
            return None
        speaker = self.speaker_entity(claim)
        return name_with_text(speaker.canonical if speaker else None, attribution.text)

    def sentence_text(self, claim) -> Optional[str]:
        sentences = self.document.sentences
        return sentences[claim.sentence].text if 0 <= claim.sentence < len(sentences) else None


def name_with_text(canonical: Optional[str], written: Optional[str]) -> Optional[str]:
    if canonical and written and canonical != written:
        return f"{canonical} ({written})"
    return canonical or written or None


# Scores at or above these read as high and medium check-worthiness (the report's badge, the table's colour).
_HIGH, _MEDIUM = 0.6, 0.3


def checkworthiness_level(score: Optional[float]) -> str:
    """high, medium, low, or none for a claim without a score."""
    if score is None:
        return "none"
    return "high" if score >= _HIGH else "medium" if score >= _MEDIUM else "low"


def by_checkworthiness(claims: list) -> list:
    """Claims, most check-worthy first; those without a score last, each group in text order."""
    return sorted(claims, key=lambda claim: (claim.checkworthiness is None, -(claim.checkworthiness or 0.0), claim.start))
