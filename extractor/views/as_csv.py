"""CSV: one row per claim, its value spread over flat columns so that a spreadsheet can sort and filter
by amount, currency or date without parsing JSON. Every column is described in docs/formats.md.

Cells: empty for a value the claim does not have; booleans as ``true``/``false``; numbers in full
(``72000000000``, never ``7.2e+10``); text that a spreadsheet would run as a formula starts with ``'``.
Rows end with CRLF (RFC 4180); the text is UTF-8 without a BOM.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from extractor.schema import Document
from extractor.views.common import VALUE_FIELDS, Lookup, csv_cell, flat_value

# The header, in order; docs/formats.md describes each column (tests/test_views.py keeps the two in step).
HEADER: tuple[str, ...] = (
    "doc_id", "claim_id", "kind", "text", "start", "end", "sentence", "sentence_text",
    *VALUE_FIELDS,
    "subject_text", "subject_canonical", "predicate", "time_scope", "time_scope_text", "period", "source", "source_cue",
    "hedged", "hedge", "direction", "comparison", "quoted", "checkworthiness", "rule",
)


# Columns of text from the article (or its id): a cell that a spreadsheet would run as a formula gets a
# leading apostrophe (common.csv_cell). Number columns are left alone.
_TEXT_COLUMNS = frozenset((
    "doc_id", "text", "sentence_text", "subject_text", "subject_canonical", "predicate", "time_scope_text", "period",
    "source", "source_cue", "hedge", "comparison",
))


def claim_row(document: Document, claim, lookup: Lookup) -> dict[str, Any]:
    attribution = claim.attribution
    scope = lookup.time_scope(claim)
    row = {
        "doc_id": document.id,
        "claim_id": claim.id,
        "kind": claim.kind,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "sentence": claim.sentence,
        "sentence_text": lookup.sentence_text(claim),
        "subject_text": claim.subject_text,
        "subject_canonical": claim.subject_canonical,
        "predicate": claim.predicate.text if claim.predicate else None,
        "time_scope": claim.time_scope,
        "time_scope_text": scope.text if scope else None,
        "period": claim.period.text if claim.period else None,
        "source": attribution.text if attribution else None,
        "source_cue": attribution.cue if attribution else None,
        "hedged": claim.hedged,
        "hedge": claim.hedge,
        "direction": claim.direction,
        "comparison": claim.comparison,
        "quoted": claim.quoted,
        "checkworthiness": claim.checkworthiness,
        "rule": claim.rule,
    }
    row.update(flat_value(claim))
    return row


def render(documents: list[Document]) -> str:
    """The header and one row per claim, documents in the order given, claims in text order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for document in documents:
        lookup = Lookup(document)
        for claim in document.claims:
            row = claim_row(document, claim, lookup)
            writer.writerow([csv_cell(row[name], text=name in _TEXT_COLUMNS) for name in HEADER])
    return buffer.getvalue()
