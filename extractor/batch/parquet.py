"""``--format parquet``: the run writes its usual JSONL checkpoint, then converts it to Parquet.

The checkpoint is ``OUT.jsonl.partial`` beside OUT; it makes ``--resume`` work exactly as for JSONL
and is removed once OUT is written. Columns: ``id``, ``error_code`` and ``error_message`` (null for a
document), and ``json``, the whole JSONL line (a Document or an error record), so nothing is lost and
``json_extract``-style queries reach every field. Needs pyarrow (imported only here).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from extractor.batch.output import exclusive_temporary, new_file_mode, open_helper
from extractor.errors import OutputError, UsageError

BATCH_LINES = 10_000


def working_jsonl(out: Path, *, resume: bool, overwrite: bool) -> Path:
    """The JSONL checkpoint for ``out``; on resume of a finished run it is rebuilt from ``out``."""
    partial = out.with_name(out.name + ".jsonl.partial")
    if out.exists() and not (resume or overwrite):
        raise UsageError(f"{out} already exists: pass --resume to complete it or --overwrite to replace it")
    if resume and out.exists() and not partial.exists():
        import pyarrow.parquet as pq

        table = pq.read_table(out, columns=["json"])
        with open_helper(partial, "wb") as handle:
            for line in table.column("json").to_pylist():
                handle.write(line.encode("utf-8") + b"\n")
    return partial


def jsonl_to_parquet(partial: Path, out: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [("id", pa.string()), ("error_code", pa.string()), ("error_message", pa.string()), ("json", pa.string())]
    )
    try:
        handle, temporary = exclusive_temporary(out.parent, out.name)
        handle.close()  # pyarrow writes it by name; created exclusively, so the name is ours
        with pq.ParquetWriter(temporary, schema) as writer, partial.open("rb") as lines:
            rows: list[tuple] = []
            for raw in lines:
                line = raw.decode("utf-8").rstrip("\n")
                value = json.loads(line)
                error = value.get("error") or {}
                rows.append((value["id"], error.get("code"), error.get("message"), line))
                if len(rows) >= BATCH_LINES:
                    writer.write_table(pa.Table.from_arrays([list(c) for c in zip(*rows)], schema=schema))
                    rows = []
            if rows:
                writer.write_table(pa.Table.from_arrays([list(c) for c in zip(*rows)], schema=schema))
        os.chmod(temporary, new_file_mode())
        os.replace(temporary, out)
        partial.unlink()
    except OSError as exc:
        if "temporary" in locals():
            Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write output ({exc.strerror or exc})", source=str(out)) from None
