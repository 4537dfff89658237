"""The command line: parse options, call the API, print. Errors become one line and an exit code.

Exit codes (also in the README and ``extractor --help``): see ``extractor.errors.EXIT_CODES``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from extractor import __version__
from extractor.errors import EXIT_CODES, ExtractorError, InputIsDirectoryError, OutputError, UsageError
from extractor.limits import DEFAULT_DOC_TIMEOUT, DEFAULT_MAX_BYTES
from extractor.views import FORMATS

# "\b" keeps click from rewrapping the block: one exit code per line.
_EXIT_HELP = "\b\nExit codes:\n" + "\n".join(f"  {code} {meaning}" for code, meaning in EXIT_CODES.items())

app = typer.Typer(
    name="extractor",
    help="Find named entities and checkable claims (money, dates, percentages, quantities) in Chinese "
    "and English news, with offsets into the original text.\n\n" + _EXIT_HELP,
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


_LEXICON_HELP = (
    "Your own names, which win over the shipped lexicon: a TSV (name, label, canonical, aliases) or JSON file "
    "(README: Your own names). An error in it names the line (exit 11)."
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
        False, "-V", "--version", callback=_version_callback, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Global options."""


class _Output:
    """Where documents go: stdout, or ``-o FILE``, always UTF-8.

    A file is written to a temporary file beside it and renamed into place by ``commit`` only when the
    run has something to write: ``-o`` never empties or tears an existing file (``extract a.txt -o a.txt``
    reads the article before it is replaced; a missing input or a full disk leaves FILE as it was).
    """

    def __init__(self, path: Optional[Path]):
        self.path = path
        self.stream = None
        self.temporary: Optional[Path] = None
        self.target = path  # the file that is replaced: a link's target, not the link

    def _open(self) -> None:
        from extractor.batch.output import exclusive_temporary

        try:
            if self.path.exists() and not self.path.is_file():
                # A device, a pipe, /dev/stdout: written directly (replacing it would destroy it).
                self.stream = open(self.path, "w", encoding="utf-8", newline="\n")
                return
            self.target = Path(os.path.realpath(self.path))
            handle, self.temporary = exclusive_temporary(self.target.parent, self.target.name)
        except OSError as exc:
            raise OutputError(f"cannot write output ({exc.strerror or exc})", source=str(self.path)) from None
        self.stream = io.TextIOWrapper(handle, encoding="utf-8", newline="\n")

    def write(self, line: str, end: str = "\n") -> None:
        try:
            if self.path is None:
                sys.stdout.buffer.write((line + end).encode("utf-8"))
                sys.stdout.buffer.flush()
                return
            if self.stream is None:
                self._open()
            self.stream.write(line + end)
        except BrokenPipeError:
            raise
        except OSError as exc:  # a full disk, a closed device: exit 8, as documented
            self.discard()
            raise OutputError(f"cannot write output ({exc.strerror or exc})", source=str(self.path or "<stdout>")) from None

    def commit(self) -> None:
        """Put the written file in place (nothing written: FILE is left as it was)."""
        if self.stream is None:
            return
        from extractor.batch.output import new_file_mode

        try:
            self.stream.flush()
            if self.temporary is None:  # written directly
                self.stream.close()
                self.stream = None
                return
            os.fsync(self.stream.fileno())
            self.stream.close()
            try:
                mode = os.stat(self.target).st_mode & 0o7777  # replacing a file keeps its permissions
            except OSError:
                mode = new_file_mode()
            os.chmod(self.temporary, mode)
            os.replace(self.temporary, self.target)
            self.temporary = None
        except OSError as exc:
            self.discard()
            raise OutputError(f"cannot write output ({exc.strerror or exc})", source=str(self.path)) from None
        self.stream = None

    def discard(self) -> None:
        if self.stream is not None:
            try:
                self.stream.close()
            except OSError:
                pass
            self.stream = None
        if self.temporary is not None:
            self.temporary.unlink(missing_ok=True)
            self.temporary = None


def _refuse_output_among_inputs(output: Path, paths: List[str]) -> None:
    """``extract a.txt -o a.txt`` would replace the article with its own JSON: refuse it (exit 2)."""
    try:
        if not output.exists():
            return
        for path in paths:
            if path != "-" and os.path.exists(path) and os.path.samefile(path, output):
                raise UsageError(f"the output {output} is also an input; write the JSON to another file")
    except OSError:
        return


@app.command("extract")
def extract_command(
    paths: List[str] = typer.Argument(..., metavar="PATH...", help="Article files (UTF-8, UTF-16, GB18030), or - for stdin."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to FILE instead of stdout."),
    ref_date: Optional[str] = typer.Option(
        None, "--ref-date", metavar="YYYY-MM-DD[THH:MM[+HH:MM]]",
        help="Reference date that relative dates (上周, last week) resolve against; with a clock time, also now, 三点 and "
        "两小时前; with a UTC offset, zoned times (6pm EDT, 北京时间8点) move to that clock; 'today' for the machine's date."
    ),
    lang: Optional[str] = typer.Option(None, "--lang", metavar="zh|en|mixed", help="Document language; detected when left out."),
    jsonl: bool = typer.Option(False, "--jsonl", help="One JSON document per line (the default for several inputs)."),
    pretty: bool = typer.Option(False, "--pretty", help="Indented JSON, for one input (not with --jsonl)."),
    include_text: bool = typer.Option(True, "--text/--no-text", help="Include the decoded input text in each document."),
    tokens: bool = typer.Option(False, "--tokens", help="Include the word segmentation (jieba) in each document."),
    entities: bool = typer.Option(
        True, "--entities/--no-entities", help="Find named entities (the slowest stage; off = claims only)."
    ),
    claims: bool = typer.Option(
        True, "--claims/--no-claims", help="Find claims and their context (off = entities only)."
    ),
    max_bytes: int = typer.Option(
        DEFAULT_MAX_BYTES, "--max-bytes", metavar="N", help="Refuse an input larger than N bytes (exit 9)."
    ),
    prefer_dates: Optional[str] = typer.Option(
        None, "--prefer-dates", metavar="news|past|future|nearest",
        help="How to read a date without its year, week or month (default news: the tense of its clause, else the past).",
    ),
    lexicon: Optional[Path] = typer.Option(None, "--lexicon", metavar="FILE", help=_LEXICON_HELP),
    output_format: str = typer.Option(
        "json", "--format", metavar="|".join(FORMATS),
        help="json (default); html: a self-contained report; table: claims as a terminal table; csv: one row per "
        "claim; claimreview: schema.org Claim JSON-LD items. Inputs that fail are reported on stderr only.",
    ),
) -> None:
    """Extract entities and claims from article files and print JSON (or --format html|table|csv|claimreview).

    One input prints one JSON document; several inputs (or --jsonl) print one per line, with an error
    record {"id", "error": {"code", "message"}} standing in for an input that failed.

    Example: extractor extract samples/zh_tech_finance.txt --ref-date 2026-11-20 --pretty
    """
    from extractor.api import Extractor, parse_language, parse_reference_date, read_bounded
    from extractor.schema import dump_line, error_record
    from extractor.views.as_json import document_json

    exit_code = 0
    documents = []
    try:
        parse_reference_date(ref_date)
        parse_language(lang)
        if max_bytes < 1:
            raise UsageError(f"--max-bytes must be at least 1, not {max_bytes}")
        view = _checked_view(output_format, jsonl=jsonl, include_text=include_text)
        if pretty and view.name == "json" and (jsonl or len(paths) > 1):
            raise UsageError(
                "--pretty indents one JSON document; --jsonl (and several inputs) write one document per line"
            )
        for path in paths:
            if path != "-" and os.path.isdir(path):
                raise InputIsDirectoryError(
                    f"is a directory, not an article file; for every article in it: extractor batch {path} -o out.jsonl",
                    source=path,
                )
        if output is not None:
            _refuse_output_among_inputs(output, paths)
        as_lines = jsonl or len(paths) > 1
        out = _Output(output)
    except ExtractorError as error:
        _fail(error)
        raise typer.Exit(error.exit_code)
    try:
        extractor = Extractor(
            include_text=include_text, include_tokens=tokens, entities=entities, claims=claims, max_bytes=max_bytes,
            prefer_dates=prefer_dates, lexicon=lexicon,
        )
    except ExtractorError as error:
        _fail(error)
        raise typer.Exit(error.exit_code)
    status = _Status("loading models…" if entities else "loading rules…")
    with _committing(out):
        for path in paths:
            try:
                if path == "-":
                    status.clear()  # stdin may be a terminal the user types into
                    data = read_bounded(sys.stdin.buffer, max_bytes, source="<stdin>")
                    document = extractor.extract_bytes(data, source="<stdin>", ref_date=ref_date, lang=lang, doc_id="-")
                else:
                    document = extractor.extract_file(path, ref_date=ref_date, lang=lang)
            except ExtractorError as error:
                status.clear()
                error.source = error.source or path
                _fail(error)
                exit_code = exit_code or error.exit_code
                if as_lines and view.name == "json":
                    out.write(dump_line(error_record(path, error.code, error.message)))
                continue
            status.clear()
            if view.name == "json":
                out.write(document_json(document, pretty=pretty and not as_lines))
            else:
                documents.append(document)
        if documents:  # the other formats are written whole, once every input is read
            out.write(_render_view(view.name, documents, pretty=pretty, output=output), end="")
    _exit_after_writing(exit_code)


@contextlib.contextmanager
def _committing(out: _Output):
    """Put ``-o FILE`` in place when the block completes; a write that fails is one line and exit 8, and
    whatever was half written is removed."""
    try:
        yield out
        out.commit()
    except OutputError as error:
        _fail(error)
        raise typer.Exit(error.exit_code)
    finally:
        out.discard()


def _exit_after_writing(exit_code: int) -> None:
    global _EXIT_AT_ONCE
    _EXIT_AT_ONCE = True
    raise typer.Exit(exit_code)


# Set when ``extract`` (or ``render``) has written and committed its output: main() then ends the process without tearing
# the interpreter down. Freeing the loaded dictionaries and models object by object took a fifth of a
# one-article run (0.2 s of 1.9 s); the operating system reclaims the memory at once. ``batch`` leaves the
# normal way, so that its worker pools and a Dask client shut down through their exit handlers.
_EXIT_AT_ONCE = False


def _exit_at_once(code: int) -> None:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        return  # let the normal exit report it
    os._exit(code)


def _checked_view(name: str, *, jsonl: bool = False, include_text: bool = True):
    """The view --format names, refusing the option combinations it cannot honour (exit 2)."""
    from extractor.views import get_view

    view = get_view(name)
    if jsonl and view.name != "json":
        raise UsageError(f"--jsonl is for --format json, not {view.name}")
    if view.needs_text and not include_text:
        raise UsageError(f"--format {view.name} shows the article text; leave out --no-text")
    return view


def _render_view(name: str, documents: list, *, pretty: bool, output: Optional[Path]) -> str:
    """The documents in a view's format, with the options that format takes from the command line."""
    import shutil

    from extractor.views import render

    options = {}
    if name == "claimreview":
        options["pretty"] = pretty
    elif name == "table":
        # Colour and the terminal's width only on a terminal; a file gets plain text, wide enough to read.
        terminal = output is None and sys.stdout.isatty()
        options.update(color=terminal, width=shutil.get_terminal_size((120, 24)).columns if terminal else 160)
    return render(name, documents, **options)


@app.command("render")
def render_command(
    paths: List[str] = typer.Argument(
        ..., metavar="PATH...",
        help="Article files (read like extract reads them), extract/batch output (.json, .jsonl, .ndjson), or - for "
        "stdin (JSON output when it starts with { or [, else an article).",
    ),
    output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="REPORT.html", help="Write to FILE instead of stdout."),
    ref_date: Optional[str] = typer.Option(
        None, "--ref-date", metavar="YYYY-MM-DD[THH:MM[+HH:MM]]", help="Reference date for relative dates in articles (as for extract)."
    ),
    lang: Optional[str] = typer.Option(None, "--lang", metavar="zh|en|mixed", help="Language of the articles; detected when left out."),
    entities: bool = typer.Option(True, "--entities/--no-entities", help="Find named entities in articles."),
    max_bytes: int = typer.Option(
        DEFAULT_MAX_BYTES, "--max-bytes", metavar="N", help="Refuse an input (article or JSON file) larger than N bytes (exit 9)."
    ),
    prefer_dates: Optional[str] = typer.Option(
        None, "--prefer-dates", metavar="news|past|future|nearest", help="How to read a date without its year (as for extract)."
    ),
    lexicon: Optional[Path] = typer.Option(None, "--lexicon", metavar="FILE", help=_LEXICON_HELP),
) -> None:
    """Make one self-contained HTML report of articles, or of extract/batch output, to read in a browser.

    Articles are extracted first, with the same options as extract. JSON output must carry the text
    (not extracted with --no-text); its error records are left out with a warning. An input that
    fails is reported on stderr and the report shows the others.

    Example: extractor render samples/zh_tech_finance.txt --ref-date 2026-11-20 -o report.html
    """
    from extractor.api import Extractor, parse_language, parse_reference_date, read_bounded, read_input_file
    from extractor.claims.date.resolve import check_preference
    from extractor.views.documents import is_output_file, looks_like_json, parse_documents

    try:
        parse_reference_date(ref_date)
        parse_language(lang)
        check_preference(prefer_dates)
        if max_bytes < 1:
            raise UsageError(f"--max-bytes must be at least 1, not {max_bytes}")
        if output is not None:
            _refuse_output_among_inputs(output, paths)
        out = _Output(output)
        user_lexicon = None
        if lexicon is not None:  # read before any input, so that a bad line fails the run once (exit 11)
            from extractor.entities.user_lexicon import UserLexicon

            user_lexicon = UserLexicon.read(lexicon)
    except ExtractorError as error:
        _fail(error)
        raise typer.Exit(error.exit_code)
    extractor = None  # loaded for the first article only: a report of JSON output needs no models
    documents, exit_code = [], 0
    with _committing(out):
        for path in paths:
            try:
                data = read_bounded(sys.stdin.buffer, max_bytes, source="<stdin>") if path == "-" else None
                if (data is not None and looks_like_json(data)) or (data is None and is_output_file(path)):
                    if data is None:
                        data = read_input_file(Path(path), max_bytes=max_bytes)
                    found, failed = parse_documents(data, source=path)
                    for failed_id in failed:
                        print(f"extractor: warning: {path}: {failed_id} is an error record; left out of the report", file=sys.stderr)
                    documents.extend(found)
                    continue
                if extractor is None:
                    extractor = Extractor(
                        include_text=True, entities=entities, max_bytes=max_bytes, prefer_dates=prefer_dates, lexicon=user_lexicon
                    )
                if data is not None:
                    documents.append(extractor.extract_bytes(data, source="<stdin>", ref_date=ref_date, lang=lang, doc_id="-"))
                else:
                    documents.append(extractor.extract_file(path, ref_date=ref_date, lang=lang))
            except ExtractorError as error:
                error.source = error.source or path
                _fail(error)
                exit_code = exit_code or error.exit_code
        if documents or not exit_code:
            out.write(_render_view("html", documents, pretty=False, output=output), end="")
    _exit_after_writing(exit_code)


@app.command("batch")
def batch_command(
    inputs: List[str] = typer.Argument(
        ...,
        metavar="INPUT...",
        help="Article files, directories (searched recursively with --glob), JSONL files of "
        '{"id", "text", "ref_date"?, "lang"?} records, or - for stdin.',
    ),
    output: Path = typer.Option(..., "-o", "--output", metavar="OUT.jsonl", help="The JSONL output file (required)."),
    glob: str = typer.Option("*.txt", "--glob", metavar="PATTERN", help="Which files to take from a directory; several patterns separated by commas (*.txt,*.html)."),
    input_format: str = typer.Option(
        "auto",
        "--input-format",
        metavar="auto|text|jsonl",
        help="How to read inputs: auto takes .jsonl/.ndjson files as records and anything else as one "
        "article; with jsonl, stdin is read as records too.",
    ),
    ordered: bool = typer.Option(False, "--ordered", help="Write in input order (default: in completion order)."),
    resume: bool = typer.Option(
        False, "--resume", help="Complete an interrupted run: repair OUT's torn last line, skip the ids in it, append the rest."
    ),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing OUT (without it or --resume, an existing OUT is an error)."),
    workers: Optional[int] = typer.Option(
        None, "--workers", metavar="N", help="Worker processes, each loading the pipeline once (default: all cores; 1 runs in this process)."
    ),
    engine: str = typer.Option("local", "--engine", metavar="local|dask", help="local: processes on this machine; dask: a Dask cluster."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster of --workers processes)."
    ),
    partition_size: int = typer.Option(200, "--partition-size", metavar="N", help="Records per Dask partition (one part file each)."),
    output_format: str = typer.Option(
        "jsonl",
        "--format",
        metavar="jsonl|parquet",
        help="Output format. parquet (needs pyarrow): columns id, error_code, error_message, json (the whole line).",
    ),
    ref_date: Optional[str] = typer.Option(
        None, "--ref-date", metavar="YYYY-MM-DD[THH:MM[+HH:MM]]",
        help="Reference date (clock time, UTC offset) for relative dates (a record's ref_date wins)."
    ),
    lang: Optional[str] = typer.Option(None, "--lang", metavar="zh|en|mixed", help="Document language (a record's lang wins); detected when left out."),
    include_text: bool = typer.Option(True, "--text/--no-text", help="Include the decoded input text in each document."),
    tokens: bool = typer.Option(False, "--tokens", help="Include the word segmentation (jieba) in each document."),
    entities: bool = typer.Option(
        True, "--entities/--no-entities", help="Find named entities (the slowest stage; off = claims only)."
    ),
    max_bytes: int = typer.Option(
        DEFAULT_MAX_BYTES, "--max-bytes", metavar="N", help="An input (file, or JSONL line) larger than N bytes is an error record."
    ),
    doc_timeout: float = typer.Option(
        DEFAULT_DOC_TIMEOUT, "--doc-timeout", metavar="SECONDS", help="A document still running after this is an error record (0: no limit)."
    ),
    dashboard: Optional[str] = typer.Option(
        None, "--dashboard", metavar="[HOST]:PORT", help="--engine dask: serve Dask's dashboard here (':8787' binds to 127.0.0.1). Off by default."
    ),
    prefer_dates: Optional[str] = typer.Option(
        None, "--prefer-dates", metavar="news|past|future|nearest",
        help="How to read a date without its year, week or month (default news: the tense of its clause, else the past).",
    ),
    lexicon: Optional[Path] = typer.Option(None, "--lexicon", metavar="FILE", help=_LEXICON_HELP),
) -> None:
    """Extract from many inputs into one JSONL file, in parallel, resumably.

    Every input gives exactly one line: its document, or an error record {"id", "error": {"code",
    "message"}} (an unreadable file, a bad JSONL line). The run exits 0 when it completes, even with
    error records; 2 for a usage error (such as an existing OUT without --resume or --overwrite);
    8 when OUT cannot be written. A progress line is shown when stderr is a terminal, and a summary
    line always ends the run.

    Example: extractor batch articles/ more.jsonl -o out.jsonl --workers 4 --ref-date 2026-11-24
    """
    from extractor.batch.task import DocumentOptions
    from extractor.batch.runner import BatchConfig, BatchInterrupted, run_batch

    user_lexicon = None
    if lexicon is not None:  # read here, once: the workers get its entries, not the path
        from extractor.entities.user_lexicon import UserLexicon

        try:
            user_lexicon = UserLexicon.read(lexicon)
        except ExtractorError as error:
            _fail(error)
            raise typer.Exit(error.exit_code)
    config = BatchConfig(
        inputs=inputs,
        output=output,
        input_format=input_format,
        glob=glob,
        ordered=ordered,
        resume=resume,
        overwrite=overwrite,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        partition_size=partition_size,
        format=output_format,
        options=DocumentOptions(
            ref_date=ref_date,
            lang=lang,
            include_text=include_text,
            include_tokens=tokens,
            entities=entities,
            max_bytes=max_bytes,
            doc_timeout=doc_timeout or None,
            prefer_dates=prefer_dates,
            lexicon=user_lexicon,
        ),
        dashboard=dashboard,
    )
    progress = _ProgressLine() if sys.stderr.isatty() else None
    if progress is not None:  # the first documents come after every worker has loaded its models
        progress.show("starting workers and loading models…")
    try:
        summary = run_batch(config, progress=progress)
    except ExtractorError as error:
        if progress is not None:
            progress.clear()
        _fail(error)
        raise typer.Exit(error.exit_code)
    except BatchInterrupted as interrupted:
        if progress is not None:
            progress.clear()
        print(f"extractor: interrupted: {_summary_line(interrupted.summary, True)}; --resume completes the run", file=sys.stderr)
        raise typer.Exit(130)
    if progress is not None:
        progress.clear()
    for warning in summary.warnings:
        print(f"extractor: warning: {warning}", file=sys.stderr)
    print(f"extractor: {_summary_line(summary)}", file=sys.stderr)


class _Status:
    """A line on stderr while models load (a second or more), shown only on a terminal and cleared before
    anything else is written: a pipe or a log file never sees it."""

    def __init__(self, text: str) -> None:
        self.width = 0
        if sys.stderr.isatty():
            self.width = len(text) + 11
            sys.stderr.write(f"extractor: {text}")
            sys.stderr.flush()

    def clear(self) -> None:
        if self.width:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()
            self.width = 0


class _ProgressLine:
    """A one-line progress display on stderr, redrawn at most a few times a second."""

    def __init__(self) -> None:
        self.last = 0.0
        self.width = 0

    def __call__(self, summary) -> None:
        import time

        now = time.monotonic()
        if now - self.last < 0.2:
            return
        self.last = now
        total = f"/{summary.total - summary.skipped}" if summary.total is not None and summary.total >= summary.skipped else ""
        eta = summary.eta
        text = (
            f"{summary.documents}{total} documents, {summary.chars_per_second:,.0f} chars/s, "
            f"{summary.errors} errors" + (f", ETA {_duration(eta)}" if eta is not None else "")
        )
        self.show(text)

    def show(self, text: str) -> None:
        self.width = max(self.width, len(text))
        sys.stderr.write("\r" + text.ljust(self.width))
        sys.stderr.flush()

    def clear(self) -> None:
        if self.width:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _summary_line(summary, interrupted: bool = False) -> str:
    memory = ", ".join(f"{info['peak_rss'] / 2**20:.0f}" for _, info in sorted(summary.workers.items()))
    parts = [
        f"{'batch done: ' if not interrupted else ''}{summary.documents} documents",
        f"{summary.errors} errors",
        f"{summary.seconds:.1f} s",
        f"{summary.chars_per_second:,.0f} chars/s",
        f"{summary.worker_count} workers ({summary.engine})",
        f"peak RSS per worker {memory or '-'} MB",
    ]
    if summary.startup is not None:
        parts.append(f"first result after {summary.startup:.1f} s")
    if summary.skipped:
        parts.append(f"{summary.skipped} already in the output")
    if summary.repairs.get("truncated_bytes"):
        parts.append(f"torn last line removed ({summary.repairs['truncated_bytes']} bytes)")
    if summary.repairs.get("dropped_lines"):
        parts.append(f"{summary.repairs['dropped_lines']} unreadable lines dropped")
    return ", ".join(parts)


@app.command("track")
def track_command(
    inputs: List[str] = typer.Argument(
        ..., metavar="BATCH_OUTPUT.jsonl...", help="JSONL written by extractor batch or extract --jsonl (- for stdin)."
    ),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", metavar="FILE", help="Write to FILE (.html, .csv or .jsonl) instead of stdout (JSONL)."
    ),
    output_format: Optional[str] = typer.Option(
        None, "--format", metavar="html|csv|jsonl", help="Output format (default: from FILE's extension, else jsonl)."
    ),
    min_docs: int = typer.Option(2, "--min-docs", metavar="N", help="Report a claim seen in at least N documents."),
    tolerance: float = typer.Option(
        0.01, "--tolerance", metavar="FRACTION", help="Money and quantities match within this fraction of the larger value."
    ),
    points: float = typer.Option(0.1, "--points", metavar="PP", help="Percentages match within this many percentage points."),
    threshold: float = typer.Option(
        0.5, "--predicate-threshold", metavar="J",
        help="Predicates outside the word lists match at this Jaccard index (character bigrams; English words).",
    ),
    engine: str = typer.Option("local", "--engine", metavar="local|dask", help="local: this process; dask: a Dask cluster."),
    workers: Optional[int] = typer.Option(
        None, "--workers", metavar="N", help="--engine dask: LocalCluster processes (default: all cores)."
    ),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", metavar="ADDRESS",
        help="--engine dask: a scheduler (tcp://HOST:8786) or synchronous|threads (default: a LocalCluster).",
    ),
    partition_size: int = typer.Option(500, "--partition-size", metavar="N", help="--engine dask: input lines per partition."),
) -> None:
    """Follow a figure across articles: group the same claim seen in several documents.

    The same claim: same kind, same subject (folded: case, traditional characters, legal forms), value
    within the tolerance, no opposite direction, similar predicate (营收 = 营业收入 = revenue). Each group
    has its value, subject, predicate, counts, first appearance (by publication or reference date) and
    every appearance with its sentence and source. Error records in the input are skipped and counted;
    a line that is not extractor output stops the run with FILE:LINE (exit 12).

    Example: extractor track out.jsonl -o claims.html
    """
    from extractor.tracking import TrackOptions, track
    from extractor.tracking.export import format_for, render

    try:
        chosen = format_for(str(output) if output is not None else None, output_format)
        if output is not None:
            _refuse_output_among_inputs(output, inputs)
        options = TrackOptions(tolerance=tolerance, points=points, threshold=threshold, min_docs=min_docs)
        result = track(
            inputs, options=options, engine=engine, workers=workers, scheduler=scheduler, partition_lines=partition_size
        )
        stats = result.stats
        summary = {
            "groups": len(result.groups), "min_docs": min_docs, "documents": stats.documents,
            "error_records": stats.error_records, "tolerance": f"{tolerance:.4g}", "points": f"{points:.4g}",
        }
        text = render(result.groups, chosen, summary=summary)
    except ExtractorError as error:
        _fail(error)
        raise typer.Exit(error.exit_code)
    with _committing(_Output(output)) as out:
        out.write(text, end="")  # text ends with its line end; no group: an empty file, not a missing one
    untracked = ", ".join(f"{count} {reason}" for reason, count in sorted(stats.untracked.items()))
    print(
        f"extractor: track done: {stats.documents} documents, {stats.error_records} error records skipped, "
        f"{stats.claims} claims ({stats.tracked} compared; not compared: {untracked or 'none'}), "
        f"{len(result.groups)} groups in at least {min_docs} documents, {result.seconds:.1f} s ({result.engine})",
        file=sys.stderr,
    )


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the output document (JSON Schema draft 2020-12).

    Example: extractor schema > document.schema.json
    """
    from extractor.schema import json_schema

    sys.stdout.buffer.write((json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def console() -> None:
    """The ``extractor`` command (and ``python -m extractor``): :func:`main`, ending the process at once
    after ``extract`` has written its output."""
    main(exit_at_once=True)


def main(*, exit_at_once: bool = False) -> None:
    """Run the CLI: no traceback ever reaches the user unless EXTRACTOR_DEBUG is set. In-process callers
    (tests) keep the default: the interpreter goes on."""
    global _EXIT_AT_ONCE
    _EXIT_AT_ONCE = False
    try:
        app()
    except KeyboardInterrupt:
        print("extractor: interrupted", file=sys.stderr)
        sys.exit(130)
    except SystemExit as exit:
        if exit_at_once and _EXIT_AT_ONCE and (exit.code is None or isinstance(exit.code, int)):
            _exit_at_once(exit.code or 0)
        raise
    except BrokenPipeError:  # `extractor extract ... | head`: the reader left; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except BaseException as exc:  # the last line of defence: a bug must still be one line
        if os.environ.get("EXTRACTOR_DEBUG"):
            raise
        print(f"extractor: internal error: {type(exc).__name__}: {exc} (set EXTRACTOR_DEBUG=1 for a traceback)", file=sys.stderr)
        sys.exit(1)
