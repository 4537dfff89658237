"""Batch processing: many inputs → one JSONL line each, resumable, on local processes or Dask.

- ``process(record, options) -> str`` (``extractor.batch.task``): the pure per-document function
  every engine runs; a Spark or Ray adapter only has to map it over records.
- ``records``: inputs (files, directories, JSONL, stdin) → records with unique ids.
- ``output``: create / overwrite / resume the output, repair a torn line, merge part files.
- ``local``: worker processes on this machine; ``dask_runner``: a Dask cluster.
- ``run_batch(BatchConfig(...))`` (``runner``): the whole run, as ``extractor batch`` does it.

Heavy modules (Dask, the pipeline) are imported only when a run needs them.
"""

from __future__ import annotations

from extractor.batch.task import DocumentOptions, process
from extractor.batch.runner import BatchConfig, BatchSummary, run_batch

__all__ = ["BatchConfig", "BatchSummary", "DocumentOptions", "process", "run_batch"]
