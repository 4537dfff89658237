"""JSON, as ``extractor extract`` has always printed it: one compact line a document, or one indented
document with ``pretty`` (a single document only; several are always one line each)."""

from __future__ import annotations

import json

from extractor.schema import Document, dump_line, escape_line_breakers


def document_json(document: Document, *, pretty: bool = False) -> str:
    """One document: a compact line, or indented JSON (line breakers escaped either way)."""
    if not pretty:
        return dump_line(document)
    return escape_line_breakers(json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=2))


def render(documents: list[Document], *, pretty: bool = False, lines: bool = False) -> str:
    """The documents as ``extract`` prints them: JSONL for several (or ``lines``), else one document."""
    as_lines = lines or len(documents) != 1
    return "".join(document_json(document, pretty=pretty and not as_lines) + "\n" for document in documents)
