"""The Dask engine: the same ``process`` function on a Dask cluster (a LocalCluster when no address).

The records (paths or texts) are cut into partitions of ``partition_size`` records. Each partition is
one task running ``process_chunk`` on a worker, whose Extractor is built once per worker process (the
module-level cache in ``extractor.batch.task``). A few partitions per worker are in flight at a time,
so the scheduler never holds the whole input. The client writes each finished partition to
``OUT.parts/part-NNNNN.jsonl`` (atomically: a part file is complete or absent), and at the end merges
them into OUT in partition order and removes them. An interrupted run is completed by ``--resume``,
which folds the finished part files into OUT first.

A partition whose task fails (its worker died: Dask gives up with KilledWorker) is rerun record by
record, so only the record that brings a worker down becomes an error record.

A LocalCluster listens on the loopback interface only and starts no dashboard unless one is asked
for (``dashboard``), which then binds to loopback too unless the address names another host.

With a remote scheduler, the workers must see the input files at the same paths (a shared file
system), or the inputs must be JSONL records, whose texts travel with the tasks.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from pathlib import Path

from extractor.batch.output import merge_parts, parts_dir, write_part
from extractor.batch.task import DocumentOptions, combine, lost_record, process_chunk
from extractor.errors import UsageError

PARTITIONS_PER_WORKER = 4  # partitions in flight per worker
LOOPBACK = "127.0.0.1"


def loopback_address(address: str) -> str:
    """``:8787`` → ``127.0.0.1:8787``; an address that names its host is kept as given."""
    return LOOPBACK + address if address.startswith(":") else address


def run_dask(
    records,
    out: Path,
    options: DocumentOptions,
    *,
    workers: int,
    scheduler: str | None,
    partition_size: int,
    summary,
    progress=None,
    dashboard: str | None = None,
) -> None:
    parts = parts_dir(out)
    partitions = _partitions(records, partition_size)
    first = next(partitions, None)
    if first is not None:
        summary.engine_starting()
        with dask_client(workers=workers, scheduler=scheduler, dashboard=dashboard) as client:
            if parts.is_symlink():
                raise UsageError(f"{parts} is a symbolic link; remove it (the run writes its part files there)")
            parts.mkdir(exist_ok=True)
            in_flight = max(1, workers) * PARTITIONS_PER_WORKER
            _run(client, itertools.chain([first], partitions), parts, options, in_flight, summary, progress)
    if parts.exists():
        merge_parts(parts, out)


@contextlib.contextmanager
def dask_client(*, workers: int, scheduler: str | None, dashboard: str | None = None):
    """A Dask client of the scheduler at ``scheduler``, else of a LocalCluster of ``workers`` processes on
    the loopback interface (no dashboard unless asked for); closed, with its cluster, on leaving.
    ``extractor track --engine dask`` runs on the same clusters."""
    from dask.distributed import Client, LocalCluster

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            import dask

            # Dask's scheduler serves HTTP even without a dashboard (on its host, here loopback):
            # without one asked for, it answers health checks only, not /json/identity.json & co.
            routes = {} if dashboard else {"distributed.scheduler.http.routes": ["distributed.http.health"]}
            with dask.config.set(routes):
                cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host=LOOPBACK,
                    dashboard_address=loopback_address(dashboard) if dashboard else None,
                    silence_logs=logging.ERROR,
                )
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise UsageError(f"cannot connect to the Dask scheduler {scheduler!r} ({exc})") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _partitions(records, size: int):
    """(number, list of records) for consecutive slices of ``size`` records."""
    iterator = iter(records)
    for number in itertools.count():
        chunk = list(itertools.islice(iterator, size))
        if not chunk:
            return
        yield number, chunk


def _run(client, partitions, parts: Path, options, in_flight: int, summary, progress) -> None:
    from dask.distributed import as_completed

    submitted: dict = {}  # future key -> (number, records)
    queue = as_completed(with_results=True, raise_errors=False)

    def submit_next() -> bool:
        item = next(partitions, None)
        if item is None:
            return False
        number, chunk = item
        future = client.submit(process_chunk, chunk, options, pure=False)
        submitted[future.key] = item
        queue.add(future)
        return True

    for _ in range(in_flight):
        if not submit_next():
            break
    for future, result in queue:
        number, chunk = submitted.pop(future.key)
        if future.status != "finished":
            result = _isolate(client, chunk, options)
        write_part(parts / f"part-{number:05d}.jsonl", result["lines"])
        summary.add(result)
        if progress is not None:
            progress(summary)
        submit_next()


def _isolate(client, chunk: list[dict], options) -> dict:
    """A failed partition's records, each in a task of its own; a record whose task fails again is an
    error record (Dask gave up on it after its worker died, or it could not be run)."""
    futures = [client.submit(process_chunk, [record], options, pure=False) for record in chunk]
    results = []
    for record, future in zip(chunk, futures):
        try:
            results.append(future.result())
        except Exception as exc:  # KilledWorker, a lost connection
            results.append(lost_record(record, exc))
    return combine(results)
