"""The command line: parse options, call the API, print. Errors become one line and an exit code.

Exit codes (also in the README and ``extractor --help``): see ``extractor.errors.EXIT_CODES``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from extractor import __version__
from extractor.errors import EXIT_CODES, ExtractorError, OutputError

_EXIT_HELP = "Exit codes: " + "; ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items()) + "."

app = typer.Typer(
    name="extractor",
    help="Find named entities and checkable claims (money, dates, percentages, quantities) in Chinese "
    "and English news, with offsets into the original text.\n\n" + _EXIT_HELP,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _fail(error: ExtractorError) -> None:
    print(f"extractor: error: {error.one_line()}", file=sys.stderr)


def _version_callback(value: bool) -> None:
    if value:
        print(f"extractor {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version_callback, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Global options."""


class _Output:
    """Where documents go: stdout or ``-o FILE``, always UTF-8."""

    def __init__(self, path: Optional[Path]):
        self.path = path
        try:
            self.stream = open(path, "w", encoding="utf-8", newline="\n") if path else None
        except OSError as exc:
            raise OutputError(f"cannot write output ({exc.strerror or exc})", source=str(path)) from None

    def write(self, line: str) -> None:
        if self.stream is not None:
            self.stream.write(line + "\n")
        else:
            sys.stdout.buffer.write((line + "\n").encode("utf-8"))
            sys.stdout.buffer.flush()

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()


@app.command("extract")
def extract_command(
    paths: List[str] = typer.Argument(..., metavar="PATH...", help="Article files (UTF-8, UTF-16, GB18030), or - for stdin."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to FILE instead of stdout."),
    ref_date: Optional[str] = typer.Option(
        None, "--ref-date", metavar="YYYY-MM-DD", help="Reference date that relative dates (上周, last week) resolve against."
    ),
    lang: Optional[str] = typer.Option(None, "--lang", metavar="zh|en|mixed", help="Document language; detected when left out."),
    jsonl: bool = typer.Option(False, "--jsonl", help="One JSON document per line (the default for several inputs)."),
    pretty: bool = typer.Option(False, "--pretty", help="Indented JSON (ignored with --jsonl)."),
    include_text: bool = typer.Option(True, "--text/--no-text", help="Include the decoded input text in each document."),
    tokens: bool = typer.Option(False, "--tokens", help="Include the word segmentation (jieba) in each document."),
) -> None:
    """Extract entities and claims from article files and print JSON.

    One input prints one JSON document; several inputs (or --jsonl) print one per line, with an error
    record {"id", "error": {"code", "message"}} standing in for an input that failed.

    Example: extractor extract samples/zh_tech_finance.txt --ref-date 2026-11-20 --pretty
    """
    from extractor.api import Extractor, parse_language, parse_reference_date
    from extractor.schema import ErrorInfo, ErrorRecord

    exit_code = 0
    try:
        parse_reference_date(ref_date)
        parse_language(lang)
        as_lines = jsonl or len(paths) > 1
        out = _Output(output)
    except ExtractorError as error:
        _fail(error)
        raise typer.Exit(error.exit_code)
    extractor = Extractor(include_text=include_text, include_tokens=tokens)
    try:
        for path in paths:
            try:
                if path == "-":
                    document = extractor.extract_bytes(sys.stdin.buffer.read(), source="<stdin>", ref_date=ref_date, lang=lang, doc_id="-")
                else:
                    document = extractor.extract_file(path, ref_date=ref_date, lang=lang)
            except ExtractorError as error:
                error.source = error.source or path
                _fail(error)
                exit_code = exit_code or error.exit_code
                if as_lines:
                    record = ErrorRecord(id=path, error=ErrorInfo(code=error.code, message=error.message))
                    out.write(record.model_dump_json())
                continue
            if as_lines or not pretty:
                out.write(document.model_dump_json())
            else:
                out.write(json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=2))
    finally:
        out.close()
    raise typer.Exit(exit_code)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the output document (JSON Schema draft 2020-12).

    Example: extractor schema > document.schema.json
    """
    from extractor.schema import json_schema

    sys.stdout.buffer.write((json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def main() -> None:
    """Console-script entry point: no traceback ever reaches the user unless EXTRACTOR_DEBUG is set."""
    try:
        app()
    except KeyboardInterrupt:
        print("extractor: interrupted", file=sys.stderr)
        sys.exit(130)
    except SystemExit:
        raise
    except BrokenPipeError:  # `extractor extract ... | head`: the reader left; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except BaseException as exc:  # the last line of defence: a bug must still be one line
        if os.environ.get("EXTRACTOR_DEBUG"):
            raise
        print(f"extractor: internal error: {type(exc).__name__}: {exc} (set EXTRACTOR_DEBUG=1 for a traceback)", file=sys.stderr)
        sys.exit(1)
