"""The per-document working state that every stage reads: normalised text, sentences, boilerplate.

Stages (claims, entities, context) work in *normalised* offsets on ``Analysis.text``, where injected
spam is blanked out; ``Analysis.to_original`` maps their spans back to the input.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass, field

from extractor.text.boilerplate import BoilerplateFindings, find_boilerplate
from extractor.text.language import detect_language
from extractor.text.normalize import NormalizedText, normalize
from extractor.text.segment import segment
from extractor.text.sentences import split_sentences


@dataclass
class Analysis:
    normalized: NormalizedText
    text: str  # normalised, with injected spam replaced by spaces (same length as normalized.text)
    lang: str
    reference_date: dt.date | None
    sentences: list[tuple[int, int]]
    boilerplate: BoilerplateFindings
    _sentence_starts: list[int] = field(repr=False, default_factory=list)

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
    def word_starts(self) -> frozenset[int]:
        return frozenset(start for start, _ in self.tokens)

    @functools.cached_property
    def word_ends(self) -> dict[int, int]:
        """End offset of the jieba word starting at each offset."""
        return dict(self.tokens)


def analyse(original: str, *, lang: str | None = None, reference_date: dt.date | None = None) -> Analysis:
    normalized = normalize(original)
    sentences = split_sentences(normalized.text)
    findings = find_boilerplate(normalized.text, sentences)
    text = normalized.text
    if findings.injections:
        chars = list(text)
        for start, end, _ in findings.injections:
            chars[start:end] = " " * (end - start)
        text = "".join(chars)
    content = "".join(normalized.text[s:e] for i, (s, e) in enumerate(sentences) if i not in findings.sentence_rules)
    return Analysis(
        normalized=normalized,
        text=text,
        lang=lang or detect_language(content or normalized.text),
        reference_date=reference_date,
        sentences=sentences,
        boilerplate=findings,
        _sentence_starts=[start for start, _ in sentences],
    )
