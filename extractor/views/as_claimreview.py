"""schema.org ``Claim`` items in JSON-LD: what a fact-checking organisation needs to start a ClaimReview
(whose ``itemReviewed`` is a Claim), one item per extracted claim.

Only schema.org terms are used, so a JSON-LD processor keeps every field:

- ``text``: the sentence the claim stands in (the statement to be checked); ``name``: the number as written.
- ``appearance``: the article as a ``CreativeWork`` (``name`` its title, else its id; ``url`` when the id is
  a web address; ``datePublished`` when the page gave one).
- ``author``: the attributed source as a ``Person`` or ``Organization`` when it is a recognised name;
  a source the entity model did not name (知情人士, analysts) is kept as ``creditText`` instead.
- ``datePublished``: the page's publication date, else the document's reference date.
- ``about``: the subject as a ``Person``/``Organization``/``Place``/``Product``, and the normalised value as
  a ``MonetaryAmount``, a ``QuantitativeValue`` (percentages with unitCode P1, the UN/CEFACT code for
  percent), or for a date a ``StructuredValue`` named by its ISO 8601 interval.
- ``temporalCoverage``: the period the number belongs to (a date claim's own, or its time scope's), as
  an ISO 8601 interval ``start/end`` with the end exclusive, as schema.org writes "2011/2012" for 2011.
- ``identifier``: ``DOC_ID#CLAIM_ID``, our own id, to find the claim in the JSON again.
"""

from __future__ import annotations

import json
from typing import Any, Optional

from extractor.schema import Document
from extractor.views.common import Lookup, value_text

SCHEMA_CONTEXT = "https://schema.org"
# The entity labels as schema.org types; a place that speaks (中国表示) is its government, an Organization.
_SUBJECT_TYPES = {"PERSON": "Person", "ORG": "Organization", "LOC": "Place", "PRODUCT": "Product"}
_AUTHOR_TYPES = {"PERSON": "Person", "ORG": "Organization", "LOC": "Organization"}


def _drop_empty(item: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items() if value not in (None, "", [], {})}


def _interval(value) -> Optional[str]:
    """A date value as an ISO 8601 interval; an open end is '..' (schema.org's convention)."""
    if value is None or (value.start is None and value.end is None):
        return None
    return f"{value.start or '..'}/{value.end or '..'}"


def _value_thing(claim) -> Optional[dict[str, Any]]:
    value = claim.value
    if value is None:
        return None
    if claim.kind == "date":
        interval = _interval(value)
        return _drop_empty({"@type": "StructuredValue", "name": interval, "description": value_text(claim)}) if interval else None
    if claim.kind == "money":
        thing: dict[str, Any] = {"@type": "MonetaryAmount", "currency": value.currency}
    elif claim.kind == "percent" and value.points:
        thing = {"@type": "QuantitativeValue", "unitText": "percentage points"}
    elif claim.kind == "percent":
        thing = {"@type": "QuantitativeValue", "unitCode": "P1", "unitText": "%"}
    else:
        thing = {"@type": "QuantitativeValue", "unitText": value.unit}
    thing.update({"value": value.amount, "minValue": value.min, "maxValue": value.max})
    thing["description"] = value_text(claim)
    return _drop_empty(thing)


def _subject_thing(claim, lookup: Lookup) -> Optional[dict[str, Any]]:
    name = claim.subject_canonical or claim.subject_text
    if not name:
        return None
    entity = lookup.subject_entity(claim)
    kind = _SUBJECT_TYPES.get(entity.label, "Thing") if entity else "Thing"
    written = claim.subject_text if claim.subject_text != name else None
    return _drop_empty({"@type": kind, "name": name, "alternateName": written})


def _author(claim, lookup: Lookup) -> tuple[Optional[dict[str, Any]], Optional[str]]:
    """(author, creditText): a recognised speaker is the author; any other source is credited as written."""
    attribution = claim.attribution
    if attribution is None or not attribution.text:
        return None, None
    speaker = lookup.speaker_entity(claim)
    kind = _AUTHOR_TYPES.get(speaker.label) if speaker else None
    if kind is None:
        return None, attribution.text
    name = speaker.canonical or speaker.text
    written = attribution.text if attribution.text != name else None
    return _drop_empty({"@type": kind, "name": name, "alternateName": written}), None


def _appearance(document: Document) -> dict[str, Any]:
    source = document.source
    url = document.id if document.id.startswith(("http://", "https://")) else None
    return _drop_empty({
        "@type": "CreativeWork",
        "name": (source.title if source else None) or document.id,
        "url": url,
        "identifier": document.id,
        "datePublished": source.published if source else None,
    })


def claim_item(document: Document, claim, lookup: Lookup) -> dict[str, Any]:
    """One claim as a schema.org Claim (see the module's description for each field)."""
    author, credit = _author(claim, lookup)
    published = (document.source.published if document.source else None) or document.reference_date
    scope = claim if claim.kind == "date" else lookup.time_scope(claim)
    about = [thing for thing in (_subject_thing(claim, lookup), _value_thing(claim)) if thing]
    return _drop_empty({
        "@context": SCHEMA_CONTEXT,
        "@type": "Claim",
        "identifier": f"{document.id}#{claim.id}",
        "text": lookup.sentence_text(claim) or claim.text,
        "name": claim.text,
        "inLanguage": document.lang if document.lang in ("zh", "en") else None,
        "appearance": _appearance(document),
        "author": author,
        "creditText": credit,
        "datePublished": published,
        "about": about,
        "temporalCoverage": _interval(scope.value) if scope is not None else None,
    })


def items(documents: list[Document]) -> list[dict[str, Any]]:
    """Every claim of every document as a Claim item, documents in the order given, claims in text order."""
    result = []
    for document in documents:
        lookup = Lookup(document)
        result.extend(claim_item(document, claim, lookup) for claim in document.claims)
    return result


def render(documents: list[Document], *, pretty: bool = False) -> str:
    """A JSON array of Claim items (each with its own @context, so any one can be copied out alone)."""
    return json.dumps(items(documents), ensure_ascii=False, indent=2 if pretty else None) + "\n"
