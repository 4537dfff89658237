"""The local engine: a pool of worker processes on this machine, or the current process for one worker.

Each worker builds its Extractor once (the pool initializer) and runs ``process_chunk`` on small
chunks of records. Submission is bounded (a few chunks per worker in flight), so memory stays flat
however many records the inputs hold, and ``ordered`` output needs only a small reorder buffer.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

from extractor.batch.output import JsonlWriter
from extractor.batch.task import DocumentOptions, init_worker, process_chunk

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
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["extractor.batch._preload"])
    else:
        context = multiprocessing.get_context("spawn")
    chunks = enumerate(chunked(records))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(options,))
    try:
        _feed(pool, chunks, writer, options, workers=workers, ordered=ordered, summary=summary, progress=progress)
    except BaseException:  # Ctrl-C, a full disk: drop the queued work instead of finishing it first
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _feed(pool, chunks, writer, options, *, workers, ordered, summary, progress) -> None:
    """Keep a few chunks per worker in flight; write results as they come (or in turn, ``ordered``)."""
    pending: dict = {}  # future -> chunk number
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
            pending[pool.submit(process_chunk, chunk, options)] = number
        if not pending:
            break
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in sorted(done, key=pending.get):
            number = pending.pop(future)
            result = future.result()
            if not ordered:
                _emit(result, writer, summary, progress)
                continue
            finished[number] = result
            while next_to_write in finished:
                _emit(finished.pop(next_to_write), writer, summary, progress)
                next_to_write += 1


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
