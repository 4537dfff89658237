"""The output file: create / overwrite / resume, torn-line repair, line-by-line appends, part-file merges.

The JSONL output is its own checkpoint. Every line is written whole and flushed, so a run killed at
any point leaves complete lines plus at most one torn last line. ``--resume`` cuts that torn line off,
folds in the part files an interrupted Dask run left behind, and returns the ids already present:
those inputs are skipped, the rest appended, and every input ends up in the file exactly once.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from extractor.errors import OutputError, UsageError


def parts_dir(out: Path) -> Path:
    """Where the Dask engine writes one part file per partition before merging them into ``out``."""
    return out.with_name(out.name + ".parts")


def prepare_output(out: Path, *, resume: bool, overwrite: bool) -> tuple[set[str], dict]:
    """Get ``out`` ready to append to; returns (ids already in it, notes about repairs).

    Without ``resume`` or ``overwrite`` an existing output is a usage error: a rerun must not
    silently mix two runs' documents or throw finished work away.
    """
    if resume and overwrite:
        raise UsageError("--resume and --overwrite exclude each other")
    parts = parts_dir(out)
    if out.is_dir():
        raise OutputError("is a directory, not an output file", source=str(out))
    exists = out.exists() or parts.exists()
    if exists and not (resume or overwrite):
        raise UsageError(f"{out} already exists: pass --resume to complete it or --overwrite to replace it")
    notes = {"truncated_bytes": 0, "dropped_lines": 0, "merged_parts": 0}
    try:
        if overwrite or not out.exists():
            out.open("wb").close()
        if overwrite and parts.exists():
            shutil.rmtree(parts)
        if not resume:
            return set(), notes
        done, notes["truncated_bytes"], notes["dropped_lines"] = repair(out)
        if parts.exists():
            notes["merged_parts"] = merge_parts(parts, out, seen=done)
        return done, notes
    except OSError as exc:
        raise OutputError(f"cannot write output ({exc.strerror or exc})", source=str(out)) from None


def repair(out: Path) -> tuple[set[str], int, int]:
    """Cut a torn last line, drop unreadable lines; returns (ids, bytes cut, lines dropped)."""
    ids: set[str] = set()
    good_end = 0  # byte offset just past the last complete line
    bad = 0
    with out.open("rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break  # the torn last line of a killed run: it is redone
            record_id = line_id(raw)
            if record_id is None:
                bad += 1
            else:
                ids.add(record_id)
            good_end += len(raw)
    size = out.stat().st_size
    if bad:  # a damaged line in the middle (not something this program writes): rewrite without it
        temporary = out.with_name(out.name + ".repair")
        with out.open("rb") as source, temporary.open("wb") as target:
            for raw in source:
                if raw.endswith(b"\n") and line_id(raw) is not None:
                    target.write(raw)
        os.replace(temporary, out)
    elif good_end < size:
        os.truncate(out, good_end)
    return ids, size - good_end, bad


def line_id(raw: bytes) -> str | None:
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    record_id = value.get("id") if isinstance(value, dict) else None
    return record_id if isinstance(record_id, str) else None


def merge_parts(parts: Path, out: Path, *, seen: set[str] | None = None) -> int:
    """Append the complete part files to ``out`` in partition order, then remove them.

    With ``seen`` (on resume) a line whose id is already in the output is left out, so a merge that
    was itself interrupted can be redone; without it the parts are copied byte for byte.
    """
    files = sorted(parts.glob("part-*.jsonl"))
    with out.open("ab") as target:
        for part in files:
            with part.open("rb") as source:
                if seen is None:
                    shutil.copyfileobj(source, target)
                    continue
                for raw in source:
                    record_id = line_id(raw) if raw.endswith(b"\n") else None
                    if record_id is not None and record_id not in seen:
                        seen.add(record_id)
                        target.write(raw)
        target.flush()
        os.fsync(target.fileno())
    shutil.rmtree(parts)
    return len(files)


def write_part(path: Path, lines: list[str]) -> None:
    """Write one partition's lines atomically: a part file is either complete or absent."""
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as handle:
        handle.write("".join(line + "\n" for line in lines).encode("utf-8"))
    os.replace(temporary, path)


class JsonlWriter:
    """Appends lines to the output and flushes after each batch, so a kill loses at most a torn line."""

    def __init__(self, out: Path):
        self.out = out
        try:
            self.handle = out.open("ab")
        except OSError as exc:
            raise OutputError(f"cannot write output ({exc.strerror or exc})", source=str(out)) from None

    def write(self, lines: list[str]) -> None:
        try:
            for line in lines:
                self.handle.write(line.encode("utf-8") + b"\n")
                self.handle.flush()
        except OSError as exc:
            raise OutputError(f"cannot write output ({exc.strerror or exc})", source=str(self.out)) from None

    def close(self) -> None:
        try:
            self.handle.close()
        except OSError as exc:
            raise OutputError(f"cannot write output ({exc.strerror or exc})", source=str(self.out)) from None
