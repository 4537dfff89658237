"""The per-document function every engine runs: ``process(record, options) -> str`` (one JSONL line).

It is pure apart from a per-process cache of one :class:`Extractor` per option set, so that a worker
(a multiprocessing worker, a Dask worker, later a Spark or Ray task) loads the pipeline once and not
once per document. A record is a plain dict, picklable and JSON-able:

- ``{"id", "path"}``: an article file, read and decoded in the worker (the id is the path);
- ``{"id", "text", "ref_date"?, "lang"?}``: a JSONL record; its ``ref_date``/``lang`` override the options;
- ``{"id", "data"}``: raw bytes (stdin), decoded like a file;
- ``{"id", "error": {"code", "message"}}``: an input found unusable while reading (a bad JSONL line).

Whatever happens, the result is one line: the Document as ``model_dump_json()`` (the bytes
``extractor extract --jsonl`` prints for the same input) or an error record ``{"id", "error"}``.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.errors import ExtractorError, InternalError, InvalidRecordError


@dataclass(frozen=True)
class DocumentOptions:
    """The extraction options shared by every document of a run (hashable: the extractor cache key)."""

    ref_date: str | None = None
    lang: str | None = None
    include_text: bool = True
    include_tokens: bool = False
    entities: bool = True


_EXTRACTORS: dict[DocumentOptions, Any] = {}
# Per-process counters, read by engines to report memory and to check that the pipeline loads once.
_STATS = {"extractor_loads": 0}


def get_extractor(options: DocumentOptions):
    """This process's Extractor for ``options``, built (and warmed up: jieba loads lazily) on first use."""
    extractor = _EXTRACTORS.get(options)
    if extractor is None:
        from extractor.api import Extractor

        extractor = Extractor(
            include_text=options.include_text, include_tokens=options.include_tokens, entities=options.entities
        )
        _warm_up(extractor)
        _EXTRACTORS[options] = extractor
        _STATS["extractor_loads"] += 1
    return extractor


def warm_up() -> None:
    """Load what every Extractor shares (imports, jieba's dictionary, compiled rules) without caching one."""
    from extractor.api import Extractor

    _warm_up(Extractor())


def _warm_up(extractor) -> None:
    extractor.extract("预热：营收一千二百万元，上周。Revenue rose 5% to $3m last week.", ref_date="2026-01-01")


def init_worker(options: DocumentOptions) -> None:
    """Pool initializer: build the extractor before the first document arrives.

    A failure here must not break the pool: ``process`` meets it again and reports it per document.
    """
    try:
        get_extractor(options)
    except Exception:
        pass


def process(record: dict, options: DocumentOptions) -> str:
    """One input record → one JSONL line (a Document or an error record). Never raises."""
    return process_counted(record, options)[0]


def process_counted(record: dict, options: DocumentOptions) -> tuple[str, int, bool]:
    """``process`` plus what engines count: (line, characters of the decoded text, is it an error)."""
    from extractor.schema import ErrorInfo, ErrorRecord

    try:
        text = _text(record)
        document = get_extractor(options).extract(
            text,
            ref_date=record.get("ref_date") or options.ref_date,
            lang=record.get("lang") or options.lang,
            doc_id=record["id"],
        )
        return document.model_dump_json(), len(text), False
    except ExtractorError as error:
        code, message = error.code, error.message
    except Exception as exc:  # a bug must cost one document, not the run
        code, message = InternalError.code, f"{type(exc).__name__}: {exc}"
    line = ErrorRecord(id=str(record.get("id", "")), error=ErrorInfo(code=code, message=message)).model_dump_json()
    return line, 0, True


def _text(record: dict) -> str:
    """The record's text; files and raw bytes are read and decoded exactly as ``Extractor.extract_file`` does."""
    from extractor.api import read_input_file
    from extractor.text.decode import decode_bytes

    if "error" in record:
        raise _RecordError(record["error"]["code"], record["error"]["message"])
    if "text" in record:
        return record["text"]
    if "data" in record:
        return decode_bytes(record["data"], source=record["id"])[0]
    if "path" in record:
        path = Path(record["path"])
        return decode_bytes(read_input_file(path), source=str(path))[0]
    raise InvalidRecordError("record has neither text nor path")


class _RecordError(ExtractorError):
    """Replays an error found while reading the inputs, with its original code."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def process_chunk(records: list[dict], options: DocumentOptions) -> dict:
    """Several records in one task (less inter-process traffic), with this worker's statistics.

    Returns ``{"lines": [...], "errors": n, "chars": n, "stats": worker_stats()}``.
    """
    lines, errors, chars = [], 0, 0
    for record in records:
        line, length, failed = process_counted(record, options)
        lines.append(line)
        errors += failed
        chars += length
    return {"lines": lines, "errors": errors, "chars": chars, "stats": worker_stats()}


def worker_stats() -> dict:
    """This process's id, peak resident memory (bytes) and how many times it built an extractor."""
    try:
        import resource
    except ImportError:  # Windows
        peak = 0
    else:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if sys.platform != "darwin":  # Linux reports kilobytes, macOS bytes
            peak *= 1024
    return {"pid": os.getpid(), "peak_rss": peak, "extractor_loads": _STATS["extractor_loads"], "time": time.time()}
