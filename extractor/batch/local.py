"""The local engine: a pool of worker processes on this machine, or the current process for one worker.

Each worker builds its Extractor once (the pool initializer) and runs ``process_chunk`` on small
chunks of records. Submission is bounded (a few chunks per worker in flight), so memory stays flat
however many records the inputs hold, and ``ordered`` output needs only a small reorder buffer.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from extractor.batch.output import JsonlWriter
from extractor.batch.task import DocumentOptions, combine, init_worker, lost_record, process_chunk

CHUNK_RECORDS = 8  # records per task: small enough to flush steadily, large enough to amortise the IPC
CHUNK_CHARACTERS = 200_000
CHUNKS_PER_WORKER = 4  # tasks in flight per worker


def run_local(
    records: Iterable[dict],
    out: Path,
    options: DocumentOptions,
    *,
    workers: int,
    ordered: bool,
    summary,
    progress=None,
) -> None:
    writer = JsonlWriter(out)
    try:
        summary.engine_starting()
        if workers == 1:
            _run_in_process(records, writer, options, summary, progress)
        else:
            _run_pool(records, writer, options, workers=workers, ordered=ordered, summary=summary, progress=progress)
    finally:
        writer.close()


def _run_in_process(records, writer, options, summary, progress) -> None:
    init_worker(options)
    for record in records:
        _emit(process_chunk([record], options), writer, summary, progress)


def _run_pool(records, writer, options, *, workers, ordered, summary, progress) -> None:
    pools = _Pools(workers, options)
    try:
        _feed(pools, enumerate(chunked(records)), writer, workers=workers, ordered=ordered, summary=summary, progress=progress)
    except BaseException:  # Ctrl-C, a full disk: drop the queued work instead of finishing it first
        pools.close(wait=False)
        raise
    pools.close()


class _Pools:
    """The worker pool, and a fresh one when a worker process dies (killed, out of memory, a crash in C
    code): ProcessPoolExecutor cannot be used again once one of its workers is gone."""

    def __init__(self, workers: int, options: DocumentOptions, task=process_chunk):
        methods = multiprocessing.get_all_start_methods()
        if "forkserver" in methods:
            self.context = multiprocessing.get_context("forkserver")
            self.context.set_forkserver_preload(["extractor.batch._preload"])
        else:
            self.context = multiprocessing.get_context("spawn")
        self.workers = workers
        self.options = options
        self.task = task  # process_chunk; tests give a task that kills its worker
        self.pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers, mp_context=self.context, initializer=_init_worker, initargs=(self.options,)
        )

    def submit(self, chunk: list[dict]):
        return self.pool.submit(self.task, chunk, self.options)

    def renew(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new()

    def close(self, *, wait: bool = True) -> None:
        if wait:
            self.pool.shutdown()
        else:
            self.pool.shutdown(wait=False, cancel_futures=True)

    def isolate(self, chunk: list[dict]) -> dict:
        """Run a failed chunk's records one at a time, alone in the pool, so that the record that brings
        a worker down is found and becomes an error record while the others are extracted."""
        results = []
        for record in chunk:
            try:
                results.append(self.submit([record]).result())
            except Exception as exc:  # the worker died on this record (or could not take it)
                self.renew()
                results.append(lost_record(record, exc))
        return combine(results)


def _feed(pools: _Pools, chunks, writer, *, workers, ordered, summary, progress) -> None:
    """Keep a few chunks per worker in flight; write results as they come (or in turn, ``ordered``).

    When a worker dies, every chunk in flight fails with it; the pool is replaced and those chunks are
    rerun record by record (``_Pools.isolate``), so only the record that killed it is lost, as an error.
    """
    pending: dict = {}  # future -> (chunk number, chunk)
    finished: dict[int, dict] = {}  # chunk number -> result, waiting for its turn (ordered)
    next_to_write = 0
    exhausted = False
    while True:
        while not exhausted and len(pending) + len(finished) < workers * CHUNKS_PER_WORKER:
            try:
                number, chunk = next(chunks)
            except StopIteration:
                exhausted = True
                break
            pending[pools.submit(chunk)] = (number, chunk)
        if not pending:
            break
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        failed, broken = [], False
        for future in sorted(done, key=lambda f: pending[f][0]):
            number, chunk = pending.pop(future)
            try:
                finished[number] = future.result()
            except Exception as exc:
                failed.append((number, chunk))
                broken |= isinstance(exc, BrokenProcessPool)
        if broken:  # a dead worker breaks the whole pool: what is still in flight is lost with it
            failed += pending.values()
            pending.clear()
            pools.renew()
        for number, chunk in sorted(failed, key=lambda item: item[0]):
            finished[number] = pools.isolate(chunk)
        for number in sorted(finished):
            if ordered and number != next_to_write:
                break
            _emit(finished.pop(number), writer, summary, progress)
            next_to_write = number + 1


def _init_worker(options: DocumentOptions) -> None:
    _exit_with_parent()
    init_worker(options)


def _exit_with_parent() -> None:
    """Leave when the main process dies, even by SIGKILL (the pool cannot tell its workers then).

    An orphaned worker would otherwise wait for tasks forever, holding the terminal or the pipes
    of whoever started the batch.
    """
    import os
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _emit(result: dict, writer: JsonlWriter, summary, progress) -> None:
    writer.write(result["lines"])
    summary.add(result)
    if progress is not None:
        progress(summary)


def chunked(records: Iterable[dict]) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    size = 0
    for record in records:
        chunk.append(record)
        text = record.get("text")
        size += len(text) if isinstance(text, str) else 0
        if len(chunk) >= CHUNK_RECORDS or size >= CHUNK_CHARACTERS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk
