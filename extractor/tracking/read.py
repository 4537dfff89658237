"""Reading ``extractor batch`` / ``extract --jsonl`` output into the claims ``track`` compares.

Every line must be a Document or an ErrorRecord of ``extractor.schema`` (blank lines are passed over);
anything else stops the run with :class:`NotExtractorOutputError` naming ``FILE:LINE``. Error records
are counted and skipped. From each document, :func:`appearances` keeps the claims that can be compared
(a value, a subject, a predicate for numbers) with what a reader needs to judge them: the sentence, the
source, the time scope.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

from extractor.errors import (
    InputIsDirectoryError,
    InputNotFoundError,
    InputUnreadableError,
    NotExtractorOutputError,
)
from extractor.tracking import rules

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Appearance:
    """One claim of one document, as ``track`` compares and reports it."""

    order: int  # the document's place in the input, across all files (ties of first appearance)
    position: int  # the claim's place in its document
    doc_id: str
    doc_date: str | None  # publication date, else reference date (ISO); what "first" is judged by
    claim_id: str
    kind: str
    value: dict
    text: str
    subject: str  # as written: the canonical name, else the subject's text
    predicate: str | None
    time_scope: dict | None  # {"text", "start", "end", "grain"} of the claim's date, when it has one
    source: str | None
    cue: str | None
    hedge: str | None
    direction: str | None
    sentence: str
    bucket: tuple
    predicate_key: str | None


@dataclass
class ReadStats:
    """What was read: lines, documents, error records and why claims were left out."""

    lines: int = 0  # non-blank lines: documents and error records
    documents: int = 0
    error_records: int = 0
    claims: int = 0
    tracked: int = 0
    untracked: Counter = field(default_factory=Counter)  # reason -> claims

    def add(self, other: "ReadStats") -> "ReadStats":
        self.lines += other.lines
        self.documents += other.documents
        self.error_records += other.error_records
        self.claims += other.claims
        self.tracked += other.tracked
        self.untracked.update(other.untracked)
        return self


def open_input(path: str):
    """A binary stream of a track input (a file, or ``-`` for stdin); file errors as ExtractorErrors."""
    if path == STDIN:
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputNotFoundError("no such file", source=path) from None
    except IsADirectoryError:
        raise InputIsDirectoryError("is a directory; give the JSONL file extractor batch wrote", source=path) from None
    except OSError as exc:
        raise InputUnreadableError(f"cannot read ({exc.strerror or exc})", source=path) from None


def lines(stream, path: str, *, first_line: int = 1, limit: int | None = None) -> Iterator[tuple[int, bytes, bool]]:
    """(line number, line without its line end, whether it had one) from ``stream``'s position, for at
    most ``limit`` bytes; read errors as InputUnreadableError."""
    number = first_line
    read = 0
    if limit == 0:
        return
    try:
        for raw in stream:
            read += len(raw)
            ended = raw.endswith(b"\n")
            yield number, raw.rstrip(b"\r\n"), ended
            number += 1
            if limit is not None and read >= limit:
                return
    except OSError as exc:
        raise InputUnreadableError(f"cannot read ({exc.strerror or exc})", source=f"{path}:{number}") from None


def parse(raw: bytes, location: str, *, last: bool = False):
    """The Document or ErrorRecord on one line; NotExtractorOutputError naming ``location`` otherwise."""
    import json

    from pydantic import ValidationError

    from extractor.schema import OutputLine

    try:
        return OutputLine.model_validate_json(raw).root
    except ValidationError as exc:
        error = exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise NotExtractorOutputError("not UTF-8 text", source=location) from None
    except (ValueError, RecursionError):
        hint = " (a torn last line: 'extractor batch --resume' completes an interrupted run)" if last else ""
        raise NotExtractorOutputError(f"not JSON{hint}; track reads the JSONL that extractor batch writes", source=location) from None
    if not isinstance(data, dict):
        raise NotExtractorOutputError("not a JSON object; track reads the JSONL that extractor batch writes", source=location)
    branch = "ErrorRecord" if "error" in data else "Document"
    problems = [e for e in error.errors() if e["loc"][:1] == (branch,)] or error.errors()
    first = problems[0]
    where = ".".join(str(part) for part in first["loc"][1:]) or "line"
    raise NotExtractorOutputError(
        f"not an extractor document or error record ({where}: {first['msg']}; {len(problems)} problem(s))",
        source=location,
    )


def document_date(document) -> str | None:
    """The date a document's claims were made public: its publication date, else its reference date."""
    if document.source is not None and document.source.published:
        return document.source.published[:10]
    return document.reference_date[:10] if document.reference_date else None


def _scope(claim) -> dict | None:
    value = claim.value.model_dump() if claim.value is not None else {}
    return {"text": claim.text, "start": value.get("start"), "end": value.get("end"), "grain": value.get("grain")}


def appearances(document, order: int, stats: ReadStats) -> list[Appearance]:
    """The claims of ``document`` that track can compare; the others are counted in ``stats.untracked``."""
    stats.documents += 1
    claims = document.claims
    stats.claims += len(claims)
    by_id = {claim.id: claim for claim in claims}
    scopes = {claim.time_scope for claim in claims if claim.time_scope}
    date = document_date(document)
    found = []
    for position, claim in enumerate(claims):
        if claim.kind == "date" and claim.id in scopes:
            # The date another claim of its document belongs to (去年 in 去年营收 143 亿元) is part of that
            # claim; tracked on its own it would group every article that reports one year's figures.
            stats.untracked["time scope of another claim"] += 1
            continue
        value = claim.value.model_dump(exclude_none=True) if claim.value is not None else {}
        subject = claim.subject_canonical or claim.subject_text
        subject = subject.strip() if subject else None
        key = rules.subject_key(subject)
        if key is None:
            stats.untracked["no subject"] += 1
            continue
        predicate = claim.predicate.text if claim.predicate is not None else None
        predicate_key = rules.predicate_key(predicate)
        if claim.kind != "date" and predicate_key is None:
            stats.untracked["no predicate"] += 1
            continue
        bucket = rules.bucket_key(claim.kind, key, value)
        if bucket is None:
            coarse = claim.kind == "date" and value.get("start") and value.get("grain") not in rules.EVENT_GRAINS
            stats.untracked["date coarser than a day" if coarse else "no value"] += 1
            continue
        sentence = document.sentences[claim.sentence].text if claim.sentence < len(document.sentences) else ""
        scope = by_id.get(claim.time_scope) if claim.time_scope else None
        attribution = claim.attribution
        found.append(
            Appearance(
                order=order,
                position=position,
                doc_id=document.id,
                doc_date=date,
                claim_id=claim.id,
                kind=claim.kind,
                value=value,
                text=claim.text,
                subject=subject,
                predicate=predicate,
                time_scope=_scope(scope) if scope is not None else None,
                source=attribution.text if attribution is not None else None,
                cue=attribution.cue if attribution is not None else None,
                hedge=claim.hedge,
                direction=claim.direction,
                sentence=sentence,
                bucket=bucket,
                predicate_key=predicate_key,
            )
        )
    stats.tracked += len(found)
    return found


def read_lines(path: str, numbered_lines, first_order: int, stats: ReadStats) -> Iterator[Appearance]:
    """The appearances of the documents on ``numbered_lines`` (from :func:`lines`) of ``path``. Every
    non-blank line takes the next input order from ``first_order`` on, error records too, so that the
    order does not depend on how the input was cut into partitions."""
    order = first_order
    for number, raw, ended in numbered_lines:
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a byte-order mark an editor may have added
        if not raw.strip():
            continue
        record = parse(raw, f"{path}:{number}", last=not ended)
        stats.lines += 1
        if hasattr(record, "error"):
            stats.error_records += 1
        else:
            yield from appearances(record, order, stats)
        order += 1


def line_slices(path: str, every: int) -> tuple[list[tuple[int, int, int, int]], int]:
    """The partitions the Dask engine reads on its workers, and the number of non-blank lines of ``path``.
    A partition is (first byte, end byte, first line number, non-blank lines before it), holding
    ``every`` non-blank lines. Only line ends are looked at here; the JSON is parsed on the workers."""
    slices = []
    start = position = 0
    first_line = number = 1
    before = count = 0
    with open_input(path) as stream:
        try:
            for raw in stream:
                position += len(raw)
                number += 1
                if raw.strip():
                    count += 1
                if count == every:
                    slices.append((start, position, first_line, before))
                    start, first_line, before, count = position, number, before + count, 0
        except OSError as exc:
            raise InputUnreadableError(f"cannot read ({exc.strerror or exc})", source=f"{path}:{number}") from None
    if count:
        slices.append((start, position, first_line, before))
    return slices, before + count
