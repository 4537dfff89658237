"""The output file: lock, create / overwrite / resume, torn-line repair, line-by-line appends, part merges.

The JSONL output is its own checkpoint. Every line is written whole and flushed, so a run killed at
any point leaves complete lines plus at most one torn last line. ``--resume`` cuts that torn line off,
folds in the part files an interrupted Dask run left behind, and returns the ids already present:
those inputs are skipped, the rest appended, and every input ends up in the file exactly once.

A run holds an exclusive lock on its output (``OutputLock``) from start to end, so a second run on the
same file is refused instead of interleaving with it. Helper files (the repair copy, part files, the
Parquet checkpoint) are created exclusively or opened without following symbolic links: a link
planted in their place is an error, never a way to overwrite the file it points to.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from extractor.errors import OutputError, UsageError


def parts_dir(out: Path) -> Path:
    """Where the Dask engine writes one part file per partition before merging them into ``out``."""
    return out.with_name(out.name + ".parts")


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def open_helper(path: Path, mode: str):
    """Open a helper file for binary writing ("wb" or "ab") without following a symbolic link."""
    flags = os.O_WRONLY | os.O_CREAT | _NOFOLLOW | _CLOEXEC | (os.O_APPEND if mode == "ab" else os.O_TRUNC)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        if path.is_symlink():
            raise OutputError(f"{path.name} is a symbolic link; remove it (the run writes a file of its own there)", source=str(path)) from None
        raise
    return os.fdopen(fd, mode)


def exclusive_temporary(folder: Path, name: str):
    """A new file beside ``name`` in ``folder`` (unpredictable name, created exclusively): (handle, path)."""
    fd, path = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    return os.fdopen(fd, "wb"), Path(path)


def new_file_mode() -> int:
    """The permissions ``open()`` gives a new file (0o666 less the umask), for a temporary file that
    replaces the output: mkstemp creates it 0o600."""
    try:  # Linux says it without changing it (os.umask would, for a moment, for every thread)
        with open("/proc/self/status", encoding="ascii") as status:
            mask = next(int(line.split()[1], 8) for line in status if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError, IndexError):
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


class OutputLock:
    """An exclusive lock on a run's output, held for the whole run (``OUT.lock`` beside it).

    ``flock`` locks are released by the kernel when the process ends, however it ends, so a killed run
    never leaves a stale lock; the lock file is removed at a normal end. A second run on the same
    output fails at once with a UsageError (exit 2), whatever its flags.
    """

    def __init__(self, out: Path):
        self.path = out.with_name(out.name + ".lock")
        self.out = out
        self.fd: int | None = None

    def acquire(self) -> "OutputLock":
        try:
            import fcntl
        except ImportError:  # not a POSIX system: no lock, as before
            return self
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _CLOEXEC, 0o644)
            except OSError as exc:
                if self.path.is_symlink():
                    raise OutputError(f"{self.path.name} is a symbolic link; remove it", source=str(self.path)) from None
                raise OutputError(f"cannot create the lock file ({exc.strerror or exc})", source=str(self.path)) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                raise UsageError(f"{self.out} is being written by another run (locked by {self.path}); wait for it to end") from None
            try:  # the file we locked may have been removed by a run that just ended: lock the new one
                same = os.stat(self.path, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            self.path.unlink()
        except OSError:
            pass
        os.close(self.fd)
        self.fd = None

    def __enter__(self) -> "OutputLock":
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()


def prepare_output(out: Path, *, resume: bool, overwrite: bool, helper: bool = False) -> tuple[set[str], dict]:
    """Get ``out`` ready to append to; returns (ids already in it, notes about repairs).

    Without ``resume`` or ``overwrite`` an existing output is a usage error: a rerun must not
    silently mix two runs' documents or throw finished work away. ``helper``: ``out`` is a file of the
    run's own (the Parquet checkpoint), never opened through a symbolic link.
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
            (open_helper(out, "wb") if helper else out.open("wb")).close()
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
        target, temporary = exclusive_temporary(out.parent, out.name)
        try:
            with out.open("rb") as source, target:
                for raw in source:
                    if raw.endswith(b"\n") and line_id(raw) is not None:
                        target.write(raw)
            os.chmod(temporary, os.stat(out).st_mode & 0o777)
            os.replace(temporary, out)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    elif good_end < size:
        os.truncate(out, good_end)
    return ids, size - good_end, bad


def line_id(raw: bytes) -> str | None:
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):  # a damaged line (this program writes none of those)
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
    handle, temporary = exclusive_temporary(path.parent, path.name)
    with handle:
        handle.write("".join(line + "\n" for line in lines).encode("utf-8"))
    os.replace(temporary, path)


class JsonlWriter:
    """Appends lines to the output and flushes after each batch, so a kill loses at most a torn line."""

    def __init__(self, out: Path, *, helper: bool = False):
        self.out = out
        try:
            self.handle = open_helper(out, "ab") if helper else out.open("ab")
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
