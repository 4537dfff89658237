"""The groups ``track`` found, written out: an HTML report, CSV (one row per appearance) or JSONL (one
group per line).

The HTML is one self-contained file (styles inline, no scripts, nothing fetched) made from the Jinja2
template ``data/templates/track.html.j2`` with autoescaping on: every piece of article text is escaped.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Iterator

from extractor.views.common import bounds_text, csv_cell

FORMATS = ("html", "csv", "jsonl")

# The CSV's columns, documented in the README (Following a figure across articles).
CSV_COLUMNS = (
    "group", "kind", "group_value", "group_subject", "group_predicate", "group_articles", "group_mentions",
    "first", "doc_id", "doc_date", "claim_id", "claim_text", "value", "amount", "min", "max",
    "currency_or_unit", "start", "end", "grain", "subject", "predicate", "time_scope", "source", "hedge",
    "direction", "sentence",
)
# Cells of article text that a spreadsheet would read as a formula get an apostrophe in front
# (``views.common.csv_cell``, as in ``render``'s CSV): the text comes from the web.
_TEXT_COLUMNS = frozenset(
    ["group_subject", "group_predicate", "doc_id", "claim_text", "subject", "predicate", "time_scope", "source", "hedge", "sentence"]
)


def format_for(path: str | None, explicit: str | None) -> str:
    """The output format: as given, else from the output file's extension, else JSONL."""
    from extractor.errors import UsageError

    if explicit is not None:
        if explicit not in FORMATS:
            raise UsageError(f"invalid format {explicit!r}: expected one of {', '.join(FORMATS)}")
        return explicit
    if path is None:
        return "jsonl"
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if suffix in ("html", "htm"):
        return "html"
    if suffix in FORMATS:
        return suffix
    if suffix in ("ndjson", "json"):
        return "jsonl"
    raise UsageError(f"cannot tell the format from {path!r}: name it .html, .csv or .jsonl, or give --format")


def _bounds(value: dict, unit: str = "") -> str:
    """In full with thousands separators, never in scientific notation: the digits are compared with
    the article's (``render``'s own formatting)."""
    return bounds_text(value.get("amount"), value.get("min"), value.get("max")) + unit


def value_text(kind: str, value: dict) -> str:
    """A value for a reader: CNY 14,300,000,000 · ≈ USD 700 – 720 · 18% · 3 pp · ≥ 600 名 · 2026-06-18."""
    approximate = "≈ " if value.get("approximate") else ""
    if kind == "money":
        currency = value.get("currency")
        return approximate + (f"{currency} {_bounds(value)}" if currency else _bounds(value))
    if kind == "percent":
        return approximate + _bounds(value, " pp" if value.get("points") else "%")
    if kind == "quantity":
        unit = value.get("unit")
        return approximate + (f"{_bounds(value)} {unit}" if unit else _bounds(value))
    return date_text(value)


def date_text(value: dict | None) -> str:
    if not value or not value.get("start"):
        return "?"
    start, end, grain = value["start"], value.get("end"), value.get("grain")
    if grain == "year":
        return start[:4]
    if grain == "month":
        return start[:7]
    if grain == "day":
        return start[:10]
    if grain == "quarter":
        return f"{start[:4]} Q{(int(start[5:7]) - 1) // 3 + 1}"
    return f"{start} – {end}" if end else start


def scope_text(scope: dict | None) -> str:
    if not scope:
        return ""
    if scope.get("start"):
        return f"{scope['text']} ({date_text(scope)})"
    return scope["text"]


def jsonl_lines(groups: list[dict]) -> Iterator[str]:
    from extractor.schema import escape_line_breakers

    for group in groups:
        yield escape_line_breakers(json.dumps(group, ensure_ascii=False))


def csv_rows(groups: list[dict]) -> Iterator[dict]:
    """One row per appearance (CSV_COLUMNS)."""
    for group in groups:
        first = group["first"]
        for appearance in group["appearances"]:
            value = appearance["value"]
            yield {
                "group": group["group"],
                "kind": group["kind"],
                "group_value": value_text(group["kind"], group["value"]),
                "group_subject": group["subject"],
                "group_predicate": group["predicate"],
                "group_articles": group["articles"],
                "group_mentions": group["mentions"],
                "first": "yes" if (appearance["doc_id"], appearance["claim_id"]) == (first["doc_id"], first["claim_id"]) else "no",
                "doc_id": appearance["doc_id"],
                "doc_date": appearance["doc_date"],
                "claim_id": appearance["claim_id"],
                "claim_text": appearance["text"],
                "value": value_text(group["kind"], value),
                "amount": value.get("amount"),
                "min": value.get("min"),
                "max": value.get("max"),
                "currency_or_unit": value.get("currency") or value.get("unit") or ("pp" if value.get("points") else None),
                "start": value.get("start"),
                "end": value.get("end"),
                "grain": value.get("grain"),
                "subject": appearance["subject"],
                "predicate": appearance["predicate"],
                "time_scope": scope_text(appearance["time_scope"]),
                "source": appearance["source"],
                "hedge": appearance["hedge"],
                "direction": appearance["direction"],
                "sentence": appearance["sentence"],
            }


def csv_text(groups: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in csv_rows(groups):
        writer.writerow({column: csv_cell(value, text=column in _TEXT_COLUMNS) for column, value in row.items()})
    return buffer.getvalue()


def _marked(sentence: str, claim: str) -> list[tuple[str, bool]]:
    """The sentence in pieces, the claim's text marked (its first occurrence), for the template."""
    at = sentence.find(claim) if claim else -1
    if at < 0:
        return [(sentence, False)]
    return [(sentence[:at], False), (claim, True), (sentence[at + len(claim) :], False)]


def html_text(groups: list[dict], *, summary: dict) -> str:
    from extractor.views.templates import get_template

    template = get_template("track.html.j2")
    view = []
    for group in groups:
        view.append(
            {
                **group,
                "value_text": value_text(group["kind"], group["value"]),
                "rows": [
                    {
                        **appearance,
                        "value_text": value_text(group["kind"], appearance["value"]),
                        "scope_text": scope_text(appearance["time_scope"]),
                        "pieces": _marked(appearance["sentence"], appearance["text"]),
                        "first": appearance is group["appearances"][0],
                    }
                    for appearance in group["appearances"]
                ],
            }
        )
    return template.render(groups=view, summary=summary)


def render(groups: list[dict], output_format: str, *, summary: dict) -> str:
    """The whole output in ``output_format`` (html, csv, jsonl), ending with a line end (or empty)."""
    if output_format == "html":
        return html_text(groups, summary=summary)
    if output_format == "csv":
        return csv_text(groups)
    text = "\n".join(jsonl_lines(groups))
    return text + "\n" if text else ""
