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

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from extractor.errors import (
    ExtractorError,
    InputNotFoundError,
    InputUnreadableError,
    InvalidRecordError,
    UsageError,
)

INPUT_FORMATS = ("auto", "text", "jsonl")
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
        self.skipped = 0
        self.warnings: list[str] = []
        self._seen: set[str] = set()
        self._seen_files: set[str] = set()  # file paths already emitted (a path named twice runs once)

    # -- discovery ---------------------------------------------------------------------------------

    def _sources(self) -> Iterator[tuple[str, Path | None]]:
        """("file" | "records" | "stdin", path) for every input, directories expanded."""
        for item in self.inputs:
            if item == STDIN:
                yield ("stdin", None)
                continue
            path = Path(item)
            if path.is_dir():
                found = False
                for child in sorted(path.rglob(self.glob), key=str):
                    if child.is_file():
                        found = True
                        yield ("records" if is_record_file(child, self.input_format) else "file", child)
                if not found:
                    self.warnings.append(f"{path}: no file matches {self.glob!r}")
            else:  # a missing file is still an input: it becomes an error record
                yield ("records" if is_record_file(path, self.input_format) else "file", path)

    def __iter__(self) -> Iterator[dict]:
        for kind, path in self._sources():
            if kind == "file":
                record_id = str(path)
                if record_id in self._seen_files:  # the same file named twice (or inside a named directory)
                    continue
                self._seen_files.add(record_id)
                if record_id in self._seen:  # a JSONL record took this path as its id: say so, drop nothing
                    yield from self._emit(
                        f"{record_id}#file", _error(f"{record_id}#file", f"duplicate id {record_id!r} (an earlier input has it)")
                    )
                    continue
                yield from self._emit(record_id, {"id": record_id, "path": record_id})
            elif kind == "records":
                yield from self._jsonl(str(path), _open_lines(path))
            elif self.input_format == "jsonl":
                yield from self._jsonl("<stdin>", _stdin_lines(self.stdin))
            else:
                yield from self._emit(STDIN, {"id": STDIN, "data": _read_stdin(self.stdin)})

    def _emit(self, record_id: str, record: dict) -> Iterator[dict]:
        self._seen.add(record_id)
        if record_id in self.skip_ids:
            self.skipped += 1
        else:
            yield record

    def _jsonl(self, source: str, lines: Iterator[tuple[int, bytes]]) -> Iterator[dict]:
        try:
            for number, raw in lines:
                if not raw.strip():
                    continue
                location = f"{source}:{number}"
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
        for kind, path in self._sources():
            if kind == "stdin":
                return None
            if kind == "file":
                total += 1
                continue
            try:
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1
        return total


def parse_record(raw: bytes, *, location: str, first: bool = False) -> dict:
    """One JSONL line → a record for ``process``, or an error record naming what is wrong."""
    try:
        line = raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as exc:
        return _error(location, f"line is not valid UTF-8 (bad byte at offset {exc.start})")
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(location, f"line is not valid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(value, dict):
        return _error(location, f"a record must be a JSON object, not {type(value).__name__}")
    record_id = value.get("id")
    if isinstance(record_id, bool) or not isinstance(record_id, (str, int)):
        reason = "has no \"id\"" if record_id is None else f"has an \"id\" of type {type(record_id).__name__}"
        return _error(location, f"record {reason}; expected a non-empty string")
    record_id = str(record_id)
    if not record_id.strip():
        return _error(location, "record has an empty \"id\"")
    text = value.get("text")
    if not isinstance(text, str):
        reason = "has no \"text\"" if text is None else f"has a \"text\" of type {type(text).__name__}"
        return _error(record_id, f"record {reason} (at {location})")
    record = {"id": record_id, "text": text}
    for key in ("ref_date", "lang"):
        option = value.get(key)
        if option is not None and not isinstance(option, str):
            return _error(record_id, f"record's {key!r} must be a string (at {location})")
        if option:
            record[key] = option
    return record


def _error(record_id: str, message: str, *, code: str = InvalidRecordError.code) -> dict:
    return {"id": record_id, "error": {"code": code, "message": message}}


def _open_lines(path: Path) -> Iterator[tuple[int, bytes]]:
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
            yield from enumerate(handle, start=1)
        except OSError as exc:
            raise InputUnreadableError(f"cannot be read ({exc.strerror or exc})", source=str(path)) from None


def _stdin_lines(stdin: BinaryIO | None) -> Iterator[tuple[int, bytes]]:
    return enumerate(stdin or sys.stdin.buffer, start=1)


def _read_stdin(stdin: BinaryIO | None) -> bytes:
    return (stdin or sys.stdin.buffer).read()
