"""Input discovery: command-line inputs → a stream of records with unique ids (see ``process``).

- a file is one record ``{"id": path, "path": path}``, read in the worker;
- a directory is walked recursively for files matching ``glob`` (sorted, so runs are repeatable);
- a ``.jsonl``/``.ndjson`` file (or any file with ``input_format="jsonl"``) holds one record per line,
  ``{"id", "text", "ref_date"?, "lang"?}``; other keys are ignored;
- ``-`` is stdin: JSONL records with ``input_format="jsonl"``, otherwise one text document with id ``-``.

Nothing is dropped silently: a line that is not a usable record becomes an error record. Its id is the
record's id when it has a usable one, otherwise ``FILE:LINE``, which is stable from run to run so
that ``--resume`` recognises it.
"""

from __future__ import annotations

import fnmatch
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from extractor.errors import (
    ExtractorError,
    InputNotFoundError,
    InputTooLargeError,
    InputUnreadableError,
    InvalidRecordError,
    UsageError,
)
from extractor.limits import DEFAULT_MAX_BYTES
from extractor.schema import escape_id

INPUT_FORMATS = ("auto", "text", "jsonl")
SKIP_FACTOR = 16  # an over-long JSONL line is skipped up to this many times --max-bytes, then the input is given up
RECORD_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"


def is_record_file(path: Path, input_format: str) -> bool:
    if input_format == "auto":
        return path.suffix.lower() in RECORD_SUFFIXES
    return input_format == "jsonl"


class RecordReader:
    """Iterates over the records of ``inputs``, leaving out the ids in ``skip_ids`` (already done).

    After iteration, ``skipped`` counts the records left out and ``warnings`` holds one-line notes
    (a directory with no matching file).
    """

    def __init__(
        self,
        inputs: Iterable[str],
        *,
        input_format: str = "auto",
        glob: str = "*.txt",
        skip_ids: frozenset[str] | set[str] = frozenset(),
        stdin: BinaryIO | None = None,
        max_bytes: int | None = DEFAULT_MAX_BYTES,
    ):
        if input_format not in INPUT_FORMATS:
            raise UsageError(f"invalid input format {input_format!r}: expected one of {', '.join(INPUT_FORMATS)}")
        if not glob:
            raise UsageError("--glob must not be empty (use '*' for every file)")
        self.inputs = list(inputs)
        if self.inputs.count(STDIN) > 1:
            raise UsageError("stdin (-) can be read only once")
        self.input_format = input_format
        self.glob = glob
        self.skip_ids = skip_ids
        self.stdin = stdin
        self.max_bytes = max_bytes
        self.skipped = 0
        self.warnings: list[str] = []
        self._seen: set[str] = set()
        self._seen_files: set[str] = set()  # file paths already emitted (a path named twice runs once)

    # -- discovery ---------------------------------------------------------------------------------

    def _sources(self) -> Iterator[tuple[str, Path | None, str]]:
        """("file" | "records" | "stdin" | "unreadable", path, reason) for every input, directories expanded.

        An "unreadable" source is a directory entry that matches but cannot be read as a file (a named
        pipe, a socket, a device, a symbolic link loop, a folder that cannot be listed): it becomes an
        error record instead of being passed over.
        """
        for item in self.inputs:
            if item == STDIN:
                yield ("stdin", None, "")
                continue
            path = Path(item)
            if path.is_dir():
                found = False
                for kind, child, reason in walk(path, self.glob):
                    found = True
                    if kind == "file" and is_record_file(child, self.input_format):
                        kind = "records"
                    yield (kind, child, reason)
                if not found:
                    self.warnings.append(f"{path}: no file matches {self.glob!r}")
            else:  # a missing file is still an input: it becomes an error record
                yield ("records" if is_record_file(path, self.input_format) else "file", path, "")

    def __iter__(self) -> Iterator[dict]:
        for kind, path, reason in self._sources():
            if kind in ("file", "unreadable"):
                record_id, escaped = escape_id(str(path))
                if record_id in self._seen_files:  # the same file named twice (or inside a named directory)
                    continue
                self._seen_files.add(record_id)
                if record_id in self._seen:  # a JSONL record took this path as its id: say so, drop nothing
                    yield from self._emit(
                        f"{record_id}#file", _error(f"{record_id}#file", f"duplicate id {record_id!r} (an earlier input has it)")
                    )
                    continue
                if kind == "unreadable":
                    record = _error(record_id, reason, code=InputUnreadableError.code)
                else:
                    record = {"id": record_id, "path": str(path)}
                if escaped:
                    record["id_escaped"] = True
                yield from self._emit(record_id, record)
            elif kind == "records":
                yield from self._jsonl(escape_id(str(path))[0], _open_lines(path, self.max_bytes))
            elif self.input_format == "jsonl":
                yield from self._jsonl("<stdin>", _stdin_lines(self.stdin, self.max_bytes))
            else:
                yield from self._emit(STDIN, _stdin_record(self.stdin, self.max_bytes))

    def _emit(self, record_id: str, record: dict) -> Iterator[dict]:
        self._seen.add(record_id)
        if record_id in self.skip_ids:
            self.skipped += 1
        else:
            yield record

    def _jsonl(self, source: str, lines: Iterator[tuple[int, bytes | ExtractorError]]) -> Iterator[dict]:
        try:
            for number, raw in lines:
                location = f"{source}:{number}"
                if isinstance(raw, ExtractorError):  # a line over the size limit, already skipped
                    record = _error(location, raw.message, code=raw.code)
                elif not raw.strip():
                    continue
                else:
                    record = parse_record(raw, location=location, first=number == 1)
                if record["id"] in self._seen and "error" not in record:
                    record = _error(location, f"duplicate id {record['id']!r} (an earlier input has it)")
                elif record["id"] in self._seen:  # an error record whose id is taken: name it by place
                    record = {"id": location, "error": record["error"]}
                yield from self._emit(record["id"], record)
        except ExtractorError as error:  # the file itself cannot be opened or read
            if source not in self._seen:
                yield from self._emit(source, _error(source, error.message, code=error.code))

    # -- for the progress line -----------------------------------------------------------------------

    def estimate_total(self) -> int | None:
        """How many records the inputs hold (a cheap pass: files are listed, JSONL lines counted)."""
        total = 0
        for kind, path, _ in self._sources():
            if kind == "stdin":
                return None
            if kind != "records":
                total += 1
                continue
            try:
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1
        return total


def parse_record(raw: bytes, *, location: str, first: bool = False) -> dict:
    """One JSONL line → a record for ``process``, or an error record naming what is wrong. Never raises."""
    try:
        return _parse_record(raw, location=location, first=first)
    except Exception as exc:  # noqa: BLE001 - whatever a hostile line does, it costs that line only
        return _error(location, f"line cannot be read as a record ({type(exc).__name__}: {exc})")


def _parse_record(raw: bytes, *, location: str, first: bool) -> dict:
    try:
        line = raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as exc:
        return _error(location, f"line is not valid UTF-8 (bad byte at offset {exc.start})")
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(location, f"line is not valid JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return _error(location, "line is not a usable record (JSON nested too deeply to read)")
    except ValueError as exc:  # an integer of more than 4300 digits (Python's guard against slow parsing)
        reason = "a number in it has too many digits" if "digits" in str(exc) else str(exc)
        return _error(location, f"line is not a usable record ({reason})")
    if not isinstance(value, dict):
        return _error(location, f"a record must be a JSON object, not {type(value).__name__}")
    record_id = value.get("id")
    if isinstance(record_id, bool) or not isinstance(record_id, (str, int)):
        reason = "has no \"id\"" if record_id is None else f"has an \"id\" of type {type(record_id).__name__}"
        return _error(location, f"record {reason}; expected a non-empty string")
    try:
        record_id = str(record_id)
    except ValueError:  # an integer id too long to print: no usable id
        return _error(location, "record has an \"id\" that is too large a number; expected a non-empty string")
    if not record_id.strip():
        return _error(location, "record has an empty \"id\"")
    record_id, escaped = escape_id(record_id)
    text = value.get("text")
    if not isinstance(text, str):
        reason = "has no \"text\"" if text is None else f"has a \"text\" of type {type(text).__name__}"
        record = _error(record_id, f"record {reason} (at {location})")
    else:
        record = {"id": record_id, "text": text}
        for key in ("ref_date", "lang"):
            option = value.get(key)
            if option is not None and not isinstance(option, str):
                record = _error(record_id, f"record's {key!r} must be a string (at {location})")
                break
            if option:
                record[key] = option
    if escaped:
        record["id_escaped"] = True
    return record


def _error(record_id: str, message: str, *, code: str = InvalidRecordError.code) -> dict:
    return {"id": record_id, "error": {"code": code, "message": message}}


def _open_lines(path: Path, max_bytes: int | None) -> Iterator[tuple[int, bytes | ExtractorError]]:
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputNotFoundError("no such file", source=str(path)) from None
    except IsADirectoryError:
        raise InputUnreadableError("is a directory, not a JSONL file", source=str(path)) from None
    except OSError as exc:
        raise InputUnreadableError(f"cannot be read ({exc.strerror or exc})", source=str(path)) from None
    with handle:
        try:
            yield from bounded_lines(handle, max_bytes)
        except OSError as exc:
            raise InputUnreadableError(f"cannot be read ({exc.strerror or exc})", source=str(path)) from None


def bounded_lines(handle: BinaryIO, max_bytes: int | None) -> Iterator[tuple[int, bytes | ExtractorError]]:
    """(line number, line) for each line; a line longer than ``max_bytes`` is read past in bounded
    pieces, never held whole, and stands as an InputTooLargeError."""
    limit = -1 if max_bytes is None else max_bytes + 1
    number = 0
    while True:
        raw = handle.readline(limit)
        if not raw:
            return
        number += 1
        if max_bytes is None or raw.endswith(b"\n") or len(raw) <= max_bytes:
            yield number, raw
            continue
        message = f"line is larger than the limit of {max_bytes:,} bytes (raise it with --max-bytes)"
        skipped = len(raw)
        while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
            if skipped > SKIP_FACTOR * max_bytes:  # no line end in sight (/dev/zero): give the input up
                yield number, InputTooLargeError(f"{message}; no line end within {skipped:,} bytes, the rest is not read")
                return
            raw = handle.readline(1 << 20)
            skipped += len(raw)
        yield number, InputTooLargeError(message)


def _stdin_lines(stdin: BinaryIO | None, max_bytes: int | None) -> Iterator[tuple[int, bytes | ExtractorError]]:
    return bounded_lines(stdin or sys.stdin.buffer, max_bytes)


def _stdin_record(stdin: BinaryIO | None, max_bytes: int | None) -> dict:
    from extractor.api import read_bounded

    try:
        return {"id": STDIN, "data": read_bounded(stdin or sys.stdin.buffer, max_bytes, source="<stdin>")}
    except ExtractorError as error:
        return _error(STDIN, error.message, code=error.code)
    except OSError as exc:
        return _error(STDIN, f"cannot be read ({exc.strerror or exc})", code=InputUnreadableError.code)


# -- directory walks ---------------------------------------------------------------------------------


def walk(root: Path, pattern: str) -> Iterator[tuple[str, Path, str]]:
    """("file" | "unreadable", path, reason) for every entry below ``root`` whose name matches
    ``pattern`` (or one of its comma-separated patterns: ``*.txt,*.html``), in sorted order, plus every folder that cannot be listed ("unreadable": what it holds
    is unknown; the reason says why).

    Symbolic links to folders are followed, but a link back to a folder on the way down (a loop) is
    reported, not entered again. A matching entry that is not a regular file (a named pipe, socket or
    device, a dangling link or a link loop) is "unreadable": opening a pipe would block.
    """
    yield from _walk(root, pattern, ancestors=frozenset())


def _walk(folder: Path, pattern: str, ancestors: frozenset) -> Iterator[tuple[str, Path, str]]:
    try:
        info = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield ("unreadable", folder, f"is a folder that cannot be listed ({exc.strerror or exc})")
        return
    key = (info.st_dev, info.st_ino)
    if key in ancestors:
        yield ("unreadable", folder, "is a link back to a folder above it (a loop); not followed")
        return
    ancestors = ancestors | {key}
    for entry in entries:
        path = folder / entry.name
        try:
            is_folder = entry.is_dir()  # follows links
        except OSError:
            is_folder = False
        if is_folder:
            yield from _walk(path, pattern, ancestors)
        elif any(fnmatch.fnmatchcase(entry.name, one) for one in pattern.split(",")):
            reason = _not_a_file(path)
            yield ("file", path, "") if reason is None else ("unreadable", path, reason)


def _not_a_file(path: Path) -> str | None:
    """Why a directory entry cannot be read as an article, in a few words; None for a regular file."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:  # a dangling link, a link loop
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    kinds = {stat.S_ISFIFO: "a named pipe", stat.S_ISSOCK: "a socket", stat.S_ISCHR: "a device", stat.S_ISBLK: "a device"}
    for test, name in kinds.items():
        if test(mode):
            return f"is {name}, not a regular file"
    return "is not a regular file"
