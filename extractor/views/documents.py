"""Reading our own output back: the JSON or JSONL that ``extract`` and ``batch`` write, as Documents for a
view (``extractor render out.jsonl``). Anything else is refused with one line that says what is wrong.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from extractor.errors import UsageError
from extractor.schema import Document

# Files taken as extract/batch output rather than as articles.
OUTPUT_SUFFIXES = (".json", ".jsonl", ".ndjson")


class DocumentInputError(UsageError):
    """A JSON input that is not an extractor document (or lacks what the view needs): exit 2 like any
    input the command cannot use, with the file, line and reason in the message."""

    code = "input.invalid_document"


def is_output_file(path: str) -> bool:
    return Path(path).suffix.lower() in OUTPUT_SUFFIXES


def looks_like_json(data: bytes) -> bool:
    """Whether stdin holds JSON output rather than an article: its first visible character opens JSON."""
    head = data[:4096].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    return head[:1] in ("{", "[")


def _check_spans(document: Document, where: str) -> None:
    """The offsets must point into the text as the schema promises, or the report would mark wrong words."""
    text = document.text
    if text is None:
        raise DocumentInputError(
            f"document {document.id!r} has no text, which the report shows (run extract without --no-text)", source=where
        )
    for key in ("sentences", "entities", "claims", "boilerplate"):
        for span in getattr(document, key):
            if text[span.start : span.end] != span.text:
                name = getattr(span, "id", None) or f"{key} {span.start}-{span.end}"
                raise DocumentInputError(
                    f"document {document.id!r}: the offsets of {name} do not match its text", source=where
                )


def _document(value, where: str, *, needs_text: bool) -> Optional[Document]:
    """One JSON value as a Document; None for an error record (an input that failed: nothing to show)."""
    from pydantic import ValidationError

    if isinstance(value, dict) and "error" in value and "text" not in value and "sentences" not in value:
        return None
    if not isinstance(value, dict):
        raise DocumentInputError("is not an extractor document (expected a JSON object)", source=where)
    try:
        document = Document.model_validate(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(part) for part in first.get("loc", ())) or "document"
        raise DocumentInputError(
            f"is not an extractor document ({place}: {first.get('msg', 'invalid')})", source=where
        ) from None
    if needs_text:
        _check_spans(document, where)
    return document


def parse_documents(data: bytes, *, source: str, needs_text: bool = True) -> tuple[list[Document], list[str]]:
    """The documents in a JSON document, a JSON array of them or JSONL, and the ids of the error records
    among them (inputs that failed, which have nothing to show)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentInputError("is not UTF-8 JSON", source=source) from None
    values: list[tuple[object, str]]
    try:
        whole = json.loads(text)
        values = [(item, source) for item in whole] if isinstance(whole, list) else [(whole, source)]
    except (json.JSONDecodeError, RecursionError):
        values = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            where = f"{source}:{number}"
            try:
                values.append((json.loads(line), where))
            except (json.JSONDecodeError, RecursionError) as exc:
                raise DocumentInputError(f"is not valid JSON ({getattr(exc, 'msg', 'nested too deeply')})", source=where) from None
    documents, failed = [], []
    for value, where in values:
        document = _document(value, where, needs_text=needs_text)
        if document is None:
            failed.append(str(value.get("id")))
        else:
            documents.append(document)
    return documents, failed
