"""Sentence splitting for Chinese and English news text (on the normalised text).

Rules, in order of precedence:
- a line break always ends a sentence (news paragraphs, titles, section numbers such as ``01.`` and
  scraper lines are each their own unit);
- 。！？!? end a sentence, together with any closing quotes or brackets right after them, so that
  ``他说：“营收增长。”`` keeps its closing quote;
- a full stop ends an English sentence when whitespace and a capital, digit, quote or Han character
  follow and the word before it is not an abbreviation (Mr., U.S., Inc., Jan.) or an initial;
- no split inside a balanced quotation “…” / 「…」 shorter than ``MAX_QUOTE`` characters, so a quoted
  statement stays in one sentence with its speaker; a stop right before the closing quote (``。”``)
  still ends the sentence, as Chinese punctuation intends.
"""

from __future__ import annotations

import bisect
import re

MAX_QUOTE = 300

_OPEN_QUOTES = "“「『‘"
_CLOSE_QUOTES = "”」』’"
_CLOSERS = "”’」』)）]】》\"'"

_CANDIDATE = re.compile(r'[。！？!?.“”「」『』‘’"]')
_TERMINATOR_RUN = re.compile(r'[。！？!?.…]*[' + re.escape(_CLOSERS) + r']*')
_ENGLISH_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft inc ltd co corp plc llc no nos vs etc approx dept est gen gov
    sen rep rev hon jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    e.g i.e u.s u.k u.n e.u u.s.a a.m p.m fig op vol pp ca rs tk""".split()  # Rs. 499, Tk. 500: currencies
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_AFTER_STOP = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9\u3400-\u9fff]")


def _is_english_stop(line: str, dot: int) -> bool:
    after = dot + 1
    while after < len(line) and line[after] in _CLOSERS:
        after += 1  # grew." Then
    if after >= len(line):
        return True
    if not line[after].isspace():
        return False  # 3.5, U.S, example.com
    if not _AFTER_STOP.match(line, after):
        return False
    word = _WORD_BEFORE.search(line[max(0, dot - 40) : dot])  # a window: slicing the whole line per stop is quadratic
    if word:
        token = word.group(1).lower().rstrip(".")
        if token in _ENGLISH_ABBREVIATIONS or (len(token) == 1 and word.group(1).isupper()):
            return False
    return True


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _split_line(line: str) -> list[int]:
    """Offsets (within the line) where a sentence ends."""
    candidates = list(_CANDIDATE.finditer(line))
    quote_starts: list[int] = []
    inside: list[tuple[int, int]] = []  # balanced, short quotations: no split inside
    # Straight quotes open and close alike; pair them only when the line has an even number of them.
    straight_pairs = line.count('"') % 2 == 0
    straight_open: int | None = None
    for match in candidates:
        char, pos = match.group(), match.start()
        if char == '"' and straight_pairs:
            if straight_open is None:
                straight_open = pos
            else:
                if pos - straight_open <= MAX_QUOTE:
                    inside.append((straight_open, pos))
                straight_open = None
        elif char in _OPEN_QUOTES:
            quote_starts.append(pos)
        elif char in _CLOSE_QUOTES and quote_starts:
            start = quote_starts.pop()
            if pos - start <= MAX_QUOTE:
                inside.append((start, pos))
    protected = _merge(inside)
    protected_starts = [start for start, _ in protected]
    boundaries: list[int] = []
    for match in candidates:
        char, pos = match.group(), match.start()
        if char not in "。！？!?.":
            continue
        if char == "." and not _is_english_stop(line, pos):
            continue
        end = _TERMINATOR_RUN.match(line, pos + 1).end()
        i = bisect.bisect_left(protected_starts, pos) - 1
        if i >= 0 and pos < protected[i][1] and end <= protected[i][1]:
            continue  # inside a quotation, unless the stop closes it: “……。”
        if not boundaries or end > boundaries[-1]:
            boundaries.append(end)
    return boundaries


_LINE = re.compile(r"[^\n\r]+")
# A line without quotes and without full stops (most Chinese lines) needs no quotation or abbreviation
# logic: a sentence ends after each run of 。！？!? with the closers right after it, or at the line's end.
# _SIMPLE_PIECE finds such a piece from its first non-space character (trailing spaces before the line's
# end are cut off after): what _split_line and strip() give.
_QUOTE_OR_DOT = re.compile(r'[.“”「」『』‘’"]')
_SIMPLE_PIECE = re.compile(r"(?=\S)[^\n\r。！？!?]*+(?:[。！？!?]" + _TERMINATOR_RUN.pattern + ")?")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open (start, end) offsets of the sentences of ``text``, without surrounding whitespace."""
    return split_sentences_by_line(text)[0]


def split_sentences_by_line(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """The sentences, as :func:`split_sentences` finds them, and for each the number of its line (the
    lines that hold a sentence, counted from 0): two sentences share a number when no line break parts them."""
    spans: list[tuple[int, int]] = []
    lines: list[int] = []
    for number, line_match in enumerate(_LINE.finditer(text)):
        line_start, line_end = line_match.span()
        if _QUOTE_OR_DOT.search(text, line_start, line_end) is None:
            for match in _SIMPLE_PIECE.finditer(text, line_start, line_end):
                start, end = match.span()
                if text[end - 1].isspace():
                    end = start + len(match.group().rstrip())
                spans.append((start, end))
        else:
            line = line_match.group()
            previous = 0
            for boundary in [*_split_line(line), len(line)]:
                piece = line[previous:boundary]
                stripped = piece.strip()
                if stripped:
                    lead = len(piece) - len(piece.lstrip())
                    start = line_start + previous + lead
                    spans.append((start, start + len(stripped)))
                previous = boundary
        lines.extend([number] * (len(spans) - len(lines)))
    return spans, lines
