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

from extractor.batch.deadline import time_limit
from extractor.errors import ExtractorError, InternalError, InvalidRecordError
from extractor.limits import DEFAULT_DOC_TIMEOUT, DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class DocumentOptions:
    """The extraction options shared by every document of a run (hashable: the extractor cache key)."""

    ref_date: str | None = None
    lang: str | None = None
    include_text: bool = True
    include_tokens: bool = False
    entities: bool = True
    max_bytes: int | None = DEFAULT_MAX_BYTES  # an input (file, stdin, JSONL line) larger than this is an error
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT  # seconds per document; None or 0: no limit
    prefer_dates: str | None = None  # news (None) | past | future | nearest: claims/date/resolve.py
    # The user's names (a UserLexicon, read once by the caller): pickled with the options to every worker
    # process and Dask worker, so workers need no access to the file; equal by content, so it keys the cache.
    lexicon: Any = None


_EXTRACTORS: dict[DocumentOptions, Any] = {}
# Per-process counters, read by engines to report memory and to check that the pipeline loads once.
_STATS = {"extractor_loads": 0}


def get_extractor(options: DocumentOptions):
    """This process's Extractor for ``options``, built (and warmed up: jieba loads lazily) on first use."""
    extractor = _EXTRACTORS.get(options)
    if extractor is None:
        from extractor.api import Extractor

        extractor = Extractor(
            include_text=options.include_text,
            include_tokens=options.include_tokens,
            entities=options.entities,
            max_bytes=options.max_bytes,
            prefer_dates=options.prefer_dates,
            lexicon=options.lexicon,
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
    """``process`` plus what engines count: (line, characters of the decoded text, is it an error).

    This is the one place where a failure on one input becomes its error record, whatever failed:
    reading, decoding, the record itself (found bad while reading the inputs), extraction, the time
    limit, serialising the document. Nothing but KeyboardInterrupt and SystemExit gets past it.
    """
    from extractor.schema import dump_line, error_record, escaped_id_warning

    try:
        extractor = get_extractor(options)  # outside the time limit: the first call loads the pipeline
        with time_limit(options.doc_timeout):
            article = _article(record, options)
            settings = dict(
                ref_date=record.get("ref_date") or options.ref_date,
                lang=record.get("lang") or options.lang,
                doc_id=record["id"],
            )
            if article is None:
                text = record["text"]
                document = extractor.extract(text, **settings)
            else:
                text = article.text
                document = extractor.extract_article(article, **settings)
            if record.get("id_escaped"):
                document.warnings.insert(0, escaped_id_warning())
            return dump_line(document), len(text), False
    except ExtractorError as error:
        code, message = error.code, error.message
    except RecursionError:
        code, message = InternalError.code, "RecursionError: the input nests too deeply to process"
    except Exception as exc:  # a bug must cost one document, not the run
        code, message = InternalError.code, f"{type(exc).__name__}: {exc}"
    return dump_line(error_record(str(record.get("id", "")), code, message)), 0, True


def _article(record: dict, options: DocumentOptions):
    """The record's article read from its bytes (a file or raw data) exactly as ``Extractor.extract_file``
    reads it; None for a record that carries its text."""
    from extractor.api import read_input_file

    if "error" in record:
        raise _RecordError(record["error"]["code"], record["error"]["message"])
    if "text" in record:
        return None
    if "data" in record:
        return get_extractor(options).read(record["data"], source=record["id"], name=record.get("name"))
    if "path" in record:
        path = Path(record["path"])
        data = read_input_file(path, max_bytes=options.max_bytes)
        return get_extractor(options).read(data, source=record["id"], name=path.name)
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


def lost_record(record: dict, exc: BaseException) -> dict:
    """A ``process_chunk``-style result for a record whose worker died processing it (killed, out of
    memory, a crash in C code) or whose task could not run: its error record."""
    from extractor.schema import dump_line, error_record

    message = f"the worker process died or failed while processing this input ({type(exc).__name__}: {exc})"
    line = dump_line(error_record(str(record.get("id", "")), InternalError.code, message))
    return {"lines": [line], "errors": 1, "chars": 0, "stats": None}


def combine(results: list[dict]) -> dict:
    """Several ``process_chunk`` results as one (a failed chunk rerun record by record)."""
    stats = [result["stats"] for result in results if result["stats"] is not None]
    return {
        "lines": [line for result in results for line in result["lines"]],
        "errors": sum(result["errors"] for result in results),
        "chars": sum(result["chars"] for result in results),
        "stats": stats[-1] if stats else None,
    }


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
