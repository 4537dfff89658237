"""``run_batch(config)``: inputs → records → an engine → the output file; returns a summary.

The library never prints: progress goes to an optional callback, which the CLI turns into a line on
stderr, and the summary is returned.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from extractor.batch.task import DocumentOptions
from extractor.errors import UsageError

ENGINES = ("local", "dask")
FORMATS = ("jsonl", "parquet")


@dataclass
class BatchConfig:
    inputs: list[str]
    output: Path
    input_format: str = "auto"
    glob: str = "*.txt"
    ordered: bool = False
    resume: bool = False
    overwrite: bool = False
    workers: int | None = None  # None: os.cpu_count()
    engine: str = "local"
    scheduler: str | None = None
    partition_size: int = 200
    format: str = "jsonl"
    options: DocumentOptions = field(default_factory=DocumentOptions)
    stdin: BinaryIO | None = None
    dashboard: str | None = None  # --engine dask: serve Dask's dashboard at this address (loopback by default)


@dataclass
class BatchSummary:
    """What a run did. ``workers`` maps a worker's process id to its peak RSS (bytes) and loads."""

    documents: int = 0
    errors: int = 0
    characters: int = 0
    skipped: int = 0  # already in the output (--resume)
    total: int | None = None  # estimated, for the progress line
    seconds: float = 0.0
    startup: float | None = None  # from the start of the engine to the first finished document
    engine: str = "local"
    worker_count: int = 1
    workers: dict[int, dict] = field(default_factory=dict)
    repairs: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter, repr=False)
    _engine_started: float | None = field(default=None, repr=False)

    def engine_starting(self) -> None:
        self._engine_started = time.perf_counter()

    def add(self, result: dict) -> None:
        """Fold in one finished chunk (the dict ``process_chunk`` returns)."""
        if self.startup is None and self._engine_started is not None:
            self.startup = time.perf_counter() - self._engine_started
        self.documents += len(result["lines"])
        self.errors += result["errors"]
        self.characters += result["chars"]
        stats = result.get("stats")
        if stats is None:  # only error records from a worker that died: nothing to report about it
            self.seconds = time.perf_counter() - self.started
            return
        known = self.workers.setdefault(stats["pid"], {"peak_rss": 0, "extractor_loads": 0, "documents": 0})
        known["peak_rss"] = max(known["peak_rss"], stats["peak_rss"])
        known["extractor_loads"] = max(known["extractor_loads"], stats["extractor_loads"])
        known["documents"] += len(result["lines"])
        self.seconds = time.perf_counter() - self.started

    @property
    def chars_per_second(self) -> float:
        return self.characters / self.seconds if self.seconds > 0 else 0.0

    @property
    def eta(self) -> float | None:
        if self.total is None or self.documents == 0:
            return None
        remaining = max(0, self.total - self.skipped - self.documents)
        return remaining * self.seconds / self.documents


Progress = Callable[[BatchSummary], None]


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGINT) during a run; carries the summary of what was written before it."""

    def __init__(self, summary: BatchSummary):
        super().__init__()
        self.summary = summary


def run_batch(config: BatchConfig, *, progress: Progress | None = None) -> BatchSummary:
    """Run a batch to completion. Raises UsageError (bad options, existing output) or OutputError."""
    from extractor.api import parse_language, parse_reference_date
    from extractor.batch.output import prepare_output
    from extractor.batch.records import RecordReader

    from extractor.claims.date.resolve import check_preference

    parse_reference_date(config.options.ref_date)
    parse_language(config.options.lang)
    check_preference(config.options.prefer_dates)
    workers = config.workers if config.workers is not None else (os.cpu_count() or 1)
    if workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    if config.partition_size < 1:
        raise UsageError(f"--partition-size must be at least 1, not {config.partition_size}")
    if config.engine not in ENGINES:
        raise UsageError(f"invalid engine {config.engine!r}: expected one of {', '.join(ENGINES)}")
    if config.scheduler and config.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if config.format not in FORMATS:
        raise UsageError(f"invalid format {config.format!r}: expected one of {', '.join(FORMATS)}")
    if config.engine == "dask":
        _require("distributed", "--engine dask needs Dask: pip install 'extractor[dask]'")
    jsonl_out = config.output
    if config.format == "parquet":
        _require("pyarrow", "--format parquet needs pyarrow: pip install pyarrow")

    if config.options.max_bytes is not None and config.options.max_bytes < 1:
        raise UsageError(f"--max-bytes must be at least 1, not {config.options.max_bytes}")
    if config.options.doc_timeout is not None and config.options.doc_timeout < 0:
        raise UsageError(f"--doc-timeout must not be negative, not {config.options.doc_timeout:g}")
    if config.dashboard and config.engine != "dask":
        raise UsageError("--dashboard needs --engine dask")

    from extractor.batch.output import OutputLock

    reader = RecordReader(
        config.inputs, input_format=config.input_format, glob=config.glob, stdin=config.stdin,
        max_bytes=config.options.max_bytes,
    )
    with OutputLock(config.output):
        if config.format == "parquet":
            from extractor.batch.parquet import working_jsonl

            jsonl_out = working_jsonl(config.output, resume=config.resume, overwrite=config.overwrite)
        done, repairs = prepare_output(
            jsonl_out, resume=config.resume, overwrite=config.overwrite, helper=config.format == "parquet"
        )
        reader.skip_ids = done
        summary = BatchSummary(engine=config.engine, worker_count=workers, repairs=repairs)
        if progress is not None:
            summary.total = reader.estimate_total()
        try:
            _run_engine(config, reader, jsonl_out, workers, summary, progress)
        except KeyboardInterrupt:
            summary.skipped = reader.skipped
            summary.seconds = time.perf_counter() - summary.started
            raise BatchInterrupted(summary) from None
        summary.skipped = reader.skipped
        summary.warnings.extend(reader.warnings)
        if config.format == "parquet":
            from extractor.batch.parquet import jsonl_to_parquet

            jsonl_to_parquet(jsonl_out, config.output)
    summary.seconds = time.perf_counter() - summary.started
    return summary


def _run_engine(config: BatchConfig, reader, jsonl_out: Path, workers: int, summary: BatchSummary, progress) -> None:
    if config.engine == "dask":
        from extractor.batch.dask_runner import run_dask

        run_dask(
            reader,
            jsonl_out,
            config.options,
            workers=workers,
            scheduler=config.scheduler,
            partition_size=config.partition_size,
            summary=summary,
            progress=progress,
            dashboard=config.dashboard,
        )
    else:
        from extractor.batch.local import run_local

        run_local(reader, jsonl_out, config.options, workers=workers, ordered=config.ordered, summary=summary, progress=progress)


def _require(module: str, message: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise UsageError(message)
