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

from extractor.claims.anchor import anchored
from extractor.claims.base import alternation, lexicon, trie_alternation

WEIGHTS = {
    "bias": -1.6, "numbers": 1.2, "date": 0.5, "actors": 0.55, "source": 0.6, "comparison": 0.5,
    "question": -2.2, "opinion": -1.8, "heading": -3.0, "short": -1.2,
}  # fmt: skip
HEDGED = 0.75  # a hedged claim's share of its sentence's score
_HAN = re.compile(r"[\u4e00-\u9fff]")
LONG = 40  # characters: no sentence this long is short or a heading
SHORT = 8  # characters (Chinese) or 4 words (English): a sentence this short states little


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    data = lexicon("checkworthiness")

    def words(name: str) -> tuple[re.Pattern, re.Pattern]:
        # Apart: the Chinese as a trie (one branch per first character), the English with a lead letter class
        # (claims/anchor.py): each search then skips to where a word can start.
        return (
            re.compile(trie_alternation(data[f"{name}_zh"])),
            anchored(re.compile(r"\b(?:" + alternation(data[f"{name}_en"]) + r")\b", re.I)),
        )

    return {
        "source": words("source"),
        "comparison": words("comparison"),
        "opinion": words("opinion"),
        "heading": re.compile(
            r"^\s*(?:\d{1,2}[.、．)]?|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|"
            r"(?:Chapter|Part|Section)\s+\w+)\s*\S{0,16}\s*$"
        ),
    }


def cue_sentences(text: str, starts: list[int]) -> dict[str, set[int]]:
    """For each cue kind (source, comparison, opinion), the sentences (indices; ``starts`` are theirs) that
    hold one: one scan of the text per kind instead of one search per sentence."""
    import bisect

    found: dict[str, set[int]] = {}
    for kind in ("source", "comparison", "opinion"):
        found[kind] = {
            bisect.bisect_right(starts, match.start()) - 1 for pattern in _patterns()[kind] for match in pattern.finditer(text)
        }
    return found


def sentence_score(text: str, *, numbers: int, dates: int, actors: int, boilerplate: bool, cues: set[str] | None = None) -> float:
    """The score of one sentence (its text as normalised, and what was found in it). ``cues``: the cue kinds
    it holds (``cue_sentences``); searched in ``text`` when not given."""
    if boilerplate:
        return 0.0
    stripped = text.strip()
    if not stripped:
        return 0.0
    patterns = _patterns()
    if cues is None:
        cues = {kind for kind in ("source", "comparison", "opinion") if any(p.search(stripped) for p in patterns[kind])}
    if len(stripped) >= LONG:
        short = heading = False  # a long sentence is neither (and its Han characters need no counting)
    else:
        han = len(_HAN.findall(stripped))
        short = (han < SHORT) if han * 3 >= len(stripped) else (len(stripped.split()) <= 4)
        ends_open = stripped[-1] not in "。.!！?？”\"」)）"
        heading = bool(patterns["heading"].match(stripped)) or (ends_open and len(stripped) <= 20 and not numbers)
    question = stripped.rstrip("”\"」)） ").endswith(("?", "？", "吗", "呢"))
    w = WEIGHTS
    z = (
        w["bias"] + w["numbers"] * min(numbers, 3) + w["date"] * bool(dates) + w["actors"] * min(actors, 3)
        + w["source"] * ("source" in cues) + w["comparison"] * ("comparison" in cues) + w["question"] * question
        + w["opinion"] * ("opinion" in cues) + w["heading"] * heading + w["short"] * short
    )
    return round(1.0 / (1.0 + math.exp(-z)), 3)
