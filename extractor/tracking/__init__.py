"""Claims across articles: the same figure about the same subject, seen in several documents.

``track(paths)`` reads the JSONL that ``extractor batch`` (or ``extract --jsonl``) wrote and returns the
groups of claims that are one claim (``rules``: same kind, subject and measure, value within a
tolerance) seen in at least ``min_docs`` documents, each with its first appearance, sources and every
appearance. ``export`` writes them as HTML, CSV or JSONL.

The work is linear in the input: each claim is put in a bucket by its exact keys (kind, subject,
currency or unit, value shape), and only claims of one bucket are compared (``group``). The local
engine reads the input in this process; the Dask engine (``engine="dask"``) reads slices of the input
files on the workers of a cluster (``extractor.batch.dask_runner``'s, or a local Dask scheduler) and
folds the claims into their buckets there, so the client holds only the reported groups.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial

from extractor.errors import NotExtractorOutputError, UsageError
from extractor.tracking.group import TrackOptions, finish, reported_groups
from extractor.tracking.read import STDIN, ReadStats, lines, open_input, read_lines

ENGINES = ("local", "dask")
# Dask's own schedulers, for a run without a cluster (tests, debugging): --scheduler synchronous.
LOCAL_SCHEDULERS = ("synchronous", "threads", "processes")
DEFAULT_PARTITION_LINES = 500

__all__ = ["NotExtractorOutputError", "TrackOptions", "TrackResult", "track"]


@dataclass
class TrackResult:
    groups: list[dict]
    stats: ReadStats = field(default_factory=ReadStats)
    engine: str = "local"
    seconds: float = 0.0


def check_options(options: TrackOptions) -> None:
    if not 0 <= options.tolerance < 1:
        raise UsageError(f"--tolerance must be at least 0 and below 1, not {options.tolerance:g}")
    if options.points < 0:
        raise UsageError(f"--points must not be negative, not {options.points:g}")
    if not 0 < options.threshold <= 1:
        raise UsageError(f"--predicate-threshold must be above 0 and at most 1, not {options.threshold:g}")
    if options.min_docs < 1:
        raise UsageError(f"--min-docs must be at least 1, not {options.min_docs}")


def track(
    paths: list[str],
    *,
    options: TrackOptions = TrackOptions(),
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    partition_lines: int = DEFAULT_PARTITION_LINES,
) -> TrackResult:
    """The groups of the same claim seen in several documents of ``paths`` (JSONL of extractor output).

    Raises UsageError for bad options, NotExtractorOutputError for a line that is not a document or
    error record (naming FILE:LINE), and the input errors of ``extractor.errors`` for unreadable files.
    """
    import os

    check_options(options)
    if not paths:
        raise UsageError("no input: give the JSONL files extractor batch wrote")
    if engine not in ENGINES:
        raise UsageError(f"invalid engine {engine!r}: expected one of {', '.join(ENGINES)}")
    if paths.count(STDIN) > 1:
        raise UsageError("stdin (-) can be read only once")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if workers is not None and engine != "dask":
        raise UsageError("--workers needs --engine dask (the local engine reads in this process)")
    if partition_lines < 1:
        raise UsageError(f"--partition-size must be at least 1, not {partition_lines}")
    started = time.perf_counter()
    if engine == "dask":
        if STDIN in paths:
            raise UsageError("--engine dask reads files on its workers; stdin (-) needs the local engine")
        import importlib.util

        if importlib.util.find_spec("dask") is None or (
            scheduler not in LOCAL_SCHEDULERS and importlib.util.find_spec("distributed") is None
        ):
            raise UsageError("--engine dask needs Dask: pip install 'extractor[dask]'")
        workers = workers if workers is not None else (os.cpu_count() or 1)
        if workers < 1:
            raise UsageError(f"--workers must be at least 1, not {workers}")
        groups, stats = _track_dask(paths, options, workers, scheduler, partition_lines)
    else:
        groups, stats = _track_local(paths, options)
    return TrackResult(groups=finish(groups), stats=stats, engine=engine, seconds=time.perf_counter() - started)


def _track_local(paths: list[str], options: TrackOptions) -> tuple[list[dict], ReadStats]:
    stats = ReadStats()
    buckets: dict[tuple, list] = defaultdict(list)
    for path in paths:
        stream = open_input(path)
        try:
            for claim in read_lines(path, lines(stream, path), stats.lines, stats):
                buckets[claim.bucket].append(claim)
        finally:
            if path != STDIN:
                stream.close()
    groups = []
    for bucket in buckets.values():
        groups.extend(reported_groups(bucket, options))
    return groups, stats


# --- Dask -----------------------------------------------------------------------------------------


def read_slice(piece: tuple[str, int, int, int, int]) -> dict:
    """On a worker: the claims of one slice of an input file (path, first byte, end byte, first line
    number, input order of its first line), its counts, and the first line that is not extractor
    output (as data: the client reports the input's earliest one, as the local engine would)."""
    from extractor.errors import ExtractorError

    path, start, end, first_line, first_order = piece
    stats = ReadStats()
    claims = []
    try:
        with open_input(path) as stream:
            stream.seek(start)
            claims = list(read_lines(path, lines(stream, path, first_line=first_line, limit=end - start), first_order, stats))
    except ExtractorError as error:
        return {"claims": [], "stats": stats, "error": (first_order + stats.lines, type(error), error.message, error.source)}
    return {"claims": claims, "stats": stats, "error": None}


def _append(bucket: list, claim) -> list:
    bucket.append(claim)
    return bucket


def _concatenate(first: list, second: list) -> list:
    first.extend(second)
    return first


def _bucket_of(claim) -> tuple:
    return claim.bucket


def _bucket_groups(item: tuple, *, options: TrackOptions) -> list[dict]:
    return reported_groups(item[1], options)


def _is_none(value) -> bool:
    return value is None


def _sum_stats(first: ReadStats, second: ReadStats) -> ReadStats:
    return ReadStats().add(first).add(second)


def _track_dask(
    paths: list[str], options: TrackOptions, workers: int, scheduler: str | None, partition_lines: int
) -> tuple[list[dict], ReadStats]:
    import dask
    import dask.bag as db

    from extractor.tracking.read import line_slices

    pieces = []
    order = 0
    for path in paths:  # only line ends are read here, on the client; the JSON is parsed on the workers
        slices, count = line_slices(path, partition_lines)
        pieces.extend((path, start, end, first_line, order + before) for start, end, first_line, before in slices)
        order += count
    if not pieces:
        return [], ReadStats()
    read = db.from_sequence(pieces, npartitions=len(pieces)).map(read_slice)
    # One bucket per key, its claims gathered where Dask folds them; then each bucket grouped on a worker.
    buckets = read.pluck("claims").flatten().foldby(
        _bucket_of, _append, list, _concatenate, list
    )
    groups = buckets.map(partial(_bucket_groups, options=options)).flatten()
    stats = read.pluck("stats").fold(_sum_stats, _sum_stats, initial=ReadStats())
    errors = read.pluck("error").remove(_is_none)
    collections = (groups, stats, errors)
    if scheduler in LOCAL_SCHEDULERS:
        found, total, failures = dask.compute(*collections, scheduler=scheduler)
    else:
        from extractor.batch.dask_runner import dask_client

        with dask_client(workers=workers, scheduler=scheduler) as client:
            found, total, failures = dask.compute(*collections, scheduler=client)
    if failures:
        _, kind, message, source = min(failures, key=lambda failure: failure[0])
        raise kind(message, source=source)
    return list(found), total
