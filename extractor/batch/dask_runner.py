"""The Dask engine: the same ``process`` function on a Dask cluster (a LocalCluster when no address).

The records (paths or texts) become a ``dask.bag`` of ``partition_size`` records per partition. Each
partition runs ``process_chunk`` on a worker, whose Extractor is built once per worker process (the
module-level cache in ``extractor.batch.task``). The client writes each finished partition to
``OUT.parts/part-NNNNN.jsonl`` (atomically: a part file is complete or absent), and at the end merges
them into OUT in partition order and removes them. An interrupted run is completed by ``--resume``,
which folds the finished part files into OUT first.

With a remote scheduler, the workers must see the input files at the same paths (a shared file
system), or the inputs must be JSONL records, whose texts travel with the tasks.
"""

from __future__ import annotations

import logging
from pathlib import Path

from extractor.batch.output import merge_parts, parts_dir, write_part
from extractor.batch.task import DocumentOptions, process_chunk
from extractor.errors import UsageError


def _partition(records, options: DocumentOptions) -> list[dict]:
    """One bag partition → a one-element partition: its lines and the worker's statistics."""
    return [process_chunk(list(records), options)]


def run_dask(
    records: list[dict],
    out: Path,
    options: DocumentOptions,
    *,
    workers: int,
    scheduler: str | None,
    partition_size: int,
    summary,
    progress=None,
) -> None:
    parts = parts_dir(out)
    if records:
        import dask.bag as db
        from dask.distributed import Client, LocalCluster, as_completed

        summary.engine_starting()
        cluster = None
        try:
            if scheduler:
                client = Client(scheduler, timeout="20s")
            else:
                cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # an HTTP server starts anyway: a free port, no clash with 8787
                    scheduler_kwargs={"dashboard": False},
                    silence_logs=logging.ERROR,
                )
                client = Client(cluster)
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"cannot connect to the Dask scheduler {scheduler!r} ({exc})") from None
        try:
            parts.mkdir(exist_ok=True)
            bag = db.from_sequence(records, partition_size=partition_size)
            futures = client.compute(bag.map_partitions(_partition, options).to_delayed())
            number = {future.key: index for index, future in enumerate(futures)}
            for future, result in as_completed(futures, with_results=True):
                (chunk,) = result
                write_part(parts / f"part-{number[future.key]:05d}.jsonl", chunk["lines"])
                summary.add(chunk)
                if progress is not None:
                    progress(summary)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    if parts.exists():
        merge_parts(parts, out)
