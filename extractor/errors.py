"""Errors with stable codes. The library raises these; the CLI maps each to one line and an exit code."""

from __future__ import annotations


class ExtractorError(Exception):
    """Base class. ``code`` is stable (used in batch error records); ``exit_code`` is the CLI's."""

    code = "error"
    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source

    def one_line(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.message}".replace("\n", " ")


class UsageError(ExtractorError):
    """A bad option value (reference date, language)."""

    code = "usage"
    exit_code = 2


class InputNotFoundError(ExtractorError):
    code = "input.not_found"
    exit_code = 3


class InputIsDirectoryError(ExtractorError):
    code = "input.is_directory"
    exit_code = 4


class InputUnreadableError(ExtractorError):
    """Permission denied or another OS-level read failure."""

    code = "input.unreadable"
    exit_code = 5


class BinaryInputError(ExtractorError):
    code = "input.binary"
    exit_code = 6


class DecodingError(ExtractorError):
    code = "input.undecodable"
    exit_code = 7


class OutputError(ExtractorError):
    code = "output.unwritable"
    exit_code = 8


class InputTooLargeError(ExtractorError):
    """An input over the size limit (``--max-bytes``), found while reading it in bounded chunks."""

    code = "input.too_large"
    exit_code = 9


class HtmlInputError(ExtractorError):
    """An HTML page that gives no article text, or HTML input without the ``html`` extra installed."""

    code = "input.html"
    exit_code = 10


class LexiconError(ExtractorError):
    """A user lexicon (``--lexicon FILE``, ``Extractor(lexicon=...)``) that cannot be read or has a bad entry.

    ``source`` is ``FILE:LINE`` when a line is at fault, so the one-line message says where to look.
    """

    code = "lexicon.invalid"
    exit_code = 11


class NotExtractorOutputError(ExtractorError):
    """A line of an ``extractor track`` input that is not a document or error record extractor wrote.

    ``source`` is ``FILE:LINE``, so the one-line message says where to look.
    """

    code = "input.not_extractor_output"
    exit_code = 12


class InvalidRecordError(ExtractorError):
    """A JSONL input line that is not a usable record (bad JSON, no text, empty or duplicate id).

    Only ever reported as a batch error record, never as an exit code.
    """

    code = "input.invalid_record"


class DocumentTimeoutError(ExtractorError):
    """One document took longer than the batch's per-document limit (``--doc-timeout``): an error record."""

    code = "timeout"


class InternalError(ExtractorError):
    """An unexpected exception while processing one document (a bug), reported as a batch error record."""

    code = "internal"
    exit_code = 1


# Documented in the README and in `extractor --help`; keep the three in step.
EXIT_CODES = {
    0: "success",
    1: "internal error (a bug: please report it)",
    2: "usage error (bad option or option value)",
    3: "input file not found",
    4: "input is a directory",
    5: "input file cannot be read (permissions, I/O error)",
    6: "input looks binary (NUL bytes or control characters)",
    7: "input cannot be decoded (not UTF-8, UTF-16/32 with BOM, GB18030/GBK or Big5; Japanese and Korean are refused)",
    8: "output cannot be written",
    9: "input is larger than the size limit (--max-bytes)",
    10: "input is an HTML page with no article text, or HTML support is not installed",
    11: "the --lexicon file cannot be read or has an error (the message names its line)",
    12: "a track input has a line that is not extractor output (the message names the file and line)",
}
