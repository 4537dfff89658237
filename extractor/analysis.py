"""The per-document working state that every stage reads: normalised text, sentences, boilerplate.

Stages (claims, entities, context) work in *normalised* offsets on ``Analysis.text``, where injected
spam is blanked out; ``Analysis.to_original`` maps their spans back to the input.
"""

from __future__ import annotations

import bisect
import re
import datetime as dt
import functools
from dataclasses import dataclass, field

from extractor.text.boilerplate import BoilerplateFindings, find_boilerplate
from extractor.text.language import detect_language
from extractor.text.normalize import NormalizedText, normalize
from extractor.text.segment import segment
from extractor.text.sentences import split_sentences_by_line


@dataclass
class Analysis:
    normalized: NormalizedText
    text: str  # normalised, with injected spam replaced by spaces (same length as normalized.text)
    lang: str
    reference_date: dt.date | None
    sentences: list[tuple[int, int]]
    boilerplate: BoilerplateFindings
    _sentence_starts: list[int] = field(repr=False, default_factory=list)
    # How dates without their year, week or month are read: news | past | future | nearest (claims/date/resolve.py).
    prefer_dates: str = "news"
    # The clock time of the reference when one was given (2026-11-24T09:30): now, 三点, 两分钟前 read it.
    reference_time: dt.datetime | None = None
    reference_offset: dt.timedelta | None = None  # the reference's UTC offset, when it carries one
    # What a rule computes once per document and reuses (claims/money/currencies.py: where places are named).
    memo: dict = field(repr=False, default_factory=dict)

    @property
    def original(self) -> str:
        return self.normalized.original

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.normalized.to_original(start, end)

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing normalised ``offset``, or None between sentences."""
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index][1]:
            return index
        return None

    def is_boilerplate(self, sentence_index: int) -> bool:
        return sentence_index in self.boilerplate.sentence_rules

    def content_sentences(self) -> list[tuple[int, tuple[int, int]]]:
        """(index, span) of the sentences that are not boilerplate: what the extractors read."""
        return [(i, span) for i, span in enumerate(self.sentences) if not self.is_boilerplate(i)]

    @functools.cached_property
    def tokens(self) -> list[tuple[int, int]]:
        """jieba segmentation of the normalised text (computed on first use)."""
        return segment(self.text)

    @functools.cached_property
    def _local_words(self) -> "LocalWords":
        return LocalWords(self.text)

    @property
    def word_starts(self) -> "LocalWords":
        """Supports ``offset in analysis.word_starts``: does a jieba word start there?"""
        return self._local_words

    @property
    def word_ends(self) -> "LocalWords":
        """Supports ``analysis.word_ends.get(offset)``: end of the jieba word starting there."""
        return self._local_words


class LocalWords:
    """jieba words around an offset, segmenting only the clause that holds it.

    The claim rules ask about a handful of places per document (does 一 in 单一元素 start a word?);
    segmenting the whole document for that cost more than all the rules together. jieba cuts its input
    into blocks at punctuation and spaces anyway, so a clause bounded by them segments exactly as it
    does inside the whole text.
    """

    _BOUNDARY = re.compile(r"[\s,，。;；:：!?！？、()（）“”\"'「」《》【】\[\]]")
    REACH = 24

    def __init__(self, text: str):
        self.text = text
        self._words: dict[int, dict[int, int]] = {}  # clause start -> {word start: word end}

    def _clause_words(self, offset: int) -> dict[int, int]:
        left = max(0, offset - self.REACH)
        boundaries = [m.end() for m in self._BOUNDARY.finditer(self.text, left, offset)]
        start = boundaries[-1] if boundaries else left
        words = self._words.get(start)
        if words is None:
            end_match = self._BOUNDARY.search(self.text, offset, offset + self.REACH)
            end = end_match.start() if end_match else min(len(self.text), offset + self.REACH)
            words = {start + a: start + b for a, b in segment(self.text[start:end])}
            self._words[start] = words
        return words

    def __contains__(self, offset: int) -> bool:
        return offset in self._clause_words(offset)

    def get(self, offset: int, default: int | None = None) -> int | None:
        return self._clause_words(offset).get(offset, default)


def analyse(original: str, *, lang: str | None = None, reference_date: dt.date | None = None) -> Analysis:
    normalized = normalize(original)
    sentences, line_ids = split_sentences_by_line(normalized.text)
    findings = find_boilerplate(normalized.text, sentences, line_ids)
    text = normalized.text
    if findings.injections:
        chars = list(text)
        for start, end, _ in findings.injections:
            chars[start:end] = " " * (end - start)
        text = "".join(chars)
    if not lang:
        if findings.sentence_rules:
            content = "".join(normalized.text[s:e] for i, (s, e) in enumerate(sentences) if i not in findings.sentence_rules)
        else:
            # Every sentence is content: outside the sentences there is only whitespace, which counts
            # neither as Han nor as Latin, so the whole text reads the same.
            content = normalized.text
        lang = detect_language(content or normalized.text)
    return Analysis(
        normalized=normalized,
        text=text,
        lang=lang,
        reference_date=reference_date,
        sentences=sentences,
        boilerplate=findings,
        _sentence_starts=[start for start, _ in sentences],
    )
