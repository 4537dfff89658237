"""Check-worthiness: how much a sentence states something a fact-checker can verify, 0..1.

A logistic score over features a reader would name, with weights set by hand (not fitted: the labelled
set in ``benchmarks/data/checkworthiness.jsonl`` measures them, see benchmarks/context_accuracy.py):

- for: numbers (money, percentages, counts; up to three), a date, named actors (entity mentions, up to
  three), a reporting cue or source (表示, 据…, said, according to), a comparison or a cause (比, 较, 高于,
  由于, 导致, than, because, due to);
- against: a question, first-person opinion or exhortation (我觉得, 应该, I think, should), a heading or
  section number (``01.``, ``二、市场展望``, a short line without a final stop), a very short sentence;
- boilerplate (spam, bylines, disclaimers) scores 0.

A claim's score is its sentence's, lowered for a hedged claim (a forecast is less checkable than a fact).
Word lists are data (``data/claims/checkworthiness.json``).
"""

from __future__ import annotations

import functools
import math
import re

from extractor.claims.base import alternation, lexicon

WEIGHTS = {
    "bias": -1.6, "numbers": 1.2, "date": 0.5, "actors": 0.55, "source": 0.6, "comparison": 0.5,
    "question": -2.2, "opinion": -1.8, "heading": -3.0, "short": -1.2,
}  # fmt: skip
HEDGED = 0.75  # a hedged claim's share of its sentence's score
SHORT = 8  # characters (Chinese) or 4 words (English): a sentence this short states little


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    data = lexicon("checkworthiness")
    return {
        "source": re.compile(alternation(data["source_zh"]) + r"|\b(?:" + alternation(data["source_en"]) + r")\b", re.I),
        "comparison": re.compile(
            alternation(data["comparison_zh"]) + r"|\b(?:" + alternation(data["comparison_en"]) + r")\b", re.I
        ),
        "opinion": re.compile(alternation(data["opinion_zh"]) + r"|\b(?:" + alternation(data["opinion_en"]) + r")\b", re.I),
        "heading": re.compile(
            r"^\s*(?:\d{1,2}[.、．)]?|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|"
            r"(?:Chapter|Part|Section)\s+\w+)\s*\S{0,16}\s*$"
        ),
    }


def sentence_score(text: str, *, numbers: int, dates: int, actors: int, boilerplate: bool) -> float:
    """The score of one sentence (its text as normalised, and what was found in it)."""
    if boilerplate:
        return 0.0
    stripped = text.strip()
    if not stripped:
        return 0.0
    patterns = _patterns()
    han = sum(1 for c in stripped if "\u4e00" <= c <= "\u9fff")
    short = (han < SHORT) if han * 3 >= len(stripped) else (len(stripped.split()) <= 4)
    ends_open = stripped[-1] not in "。.!！?？”\"」)）"
    heading = bool(patterns["heading"].match(stripped)) or (ends_open and len(stripped) <= 20 and not numbers)
    features = {
        "numbers": min(numbers, 3),
        "date": 1.0 if dates else 0.0,
        "actors": min(actors, 3),
        "source": 1.0 if patterns["source"].search(stripped) else 0.0,
        "comparison": 1.0 if patterns["comparison"].search(stripped) else 0.0,
        "question": 1.0 if stripped.rstrip("”\"」)） ").endswith(("?", "？", "吗", "呢")) else 0.0,
        "opinion": 1.0 if patterns["opinion"].search(stripped) else 0.0,
        "heading": 1.0 if heading else 0.0,
        "short": 1.0 if short else 0.0,
    }
    z = WEIGHTS["bias"] + sum(WEIGHTS[name] * value for name, value in features.items())
    return round(1.0 / (1.0 + math.exp(-z)), 3)
