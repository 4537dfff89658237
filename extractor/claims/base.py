"""What every claim kind shares: the candidate type, named rules, lexicons, bounds and cues.

A rule is a name, a compiled regex run over the whole normalised text, and a builder that turns a match
into a :class:`Candidate` (or rejects it). Rules are listed explicitly in each language module; the
claim's ``rule`` field names the one that fired, so a fact-checker can ask why.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Callable, Optional

if TYPE_CHECKING:  # pragma: no cover
    from extractor.analysis import Analysis


@dataclass
class Candidate:
    kind: str
    start: int  # normalised offsets
    end: int
    value: Optional[dict]
    rule: str


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    build: Callable[[re.Match, "RuleContext"], Optional[Candidate]]
    # Optional regex source: every match the builder keeps contains a match of it (a currency word for
    # money). It narrows where the scan looks (claims/prefilter.py); tests check it against the builder.
    gate: Optional[str] = None


@dataclass
class RuleContext:
    """What a builder may read besides its match: the text, the sentence and the reference date."""

    analysis: "Analysis"
    sentence: tuple[int, int]
    position: int | None = None  # where the match being built starts (the date policy reads its clause)
    # Scratch space a builder may use during one call (the English date rules pass a year hint down);
    # a builder restores what it changes, since one context serves every rule of a sentence.
    _cache: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.analysis.text

    @property
    def sentence_text(self) -> str:
        return self.analysis.text[self.sentence[0] : self.sentence[1]]

    def before(self, offset: int, chars: int) -> str:
        return self.analysis.text[max(self.sentence[0], offset - chars) : offset]

    def after(self, offset: int, chars: int) -> str:
        return self.analysis.text[offset : min(self.sentence[1], offset + chars)]

    def starts_word(self, offset: int) -> bool:
        """True when a jieba word starts at ``offset`` (so 一 in 单一元素 is not a number)."""
        return offset in self.analysis.word_starts


@functools.lru_cache(maxsize=None)
def lexicon(name: str) -> dict:
    """A JSON lexicon from extractor/data/claims/ (keys starting with '_' are comments)."""
    raw = json.loads(resources.files("extractor.data").joinpath("claims", f"{name}.json").read_text("utf-8"))
    return {key: value for key, value in raw.items() if not key.startswith("_")}


@functools.lru_cache(maxsize=None)
def lexicon_patterns(name: str, *, space: str = r"\s+") -> tuple[re.Pattern, re.Pattern]:
    """(Chinese, English) searches for the ``zh`` and ``en`` word lists of a lexicon: the Chinese words as
    they are, the English ones as whole words in any case, a space in them matching ``space``."""
    data = lexicon(name)
    return (
        re.compile(alternation(data["zh"])),
        re.compile(r"\b(?:" + alternation(data["en"]).replace(r"\ ", space) + r")\b", re.I),
    )


def alternation(words, *, escape: bool = True) -> str:
    """A regex alternation, longest first so that 元人民币 wins over 元 (then in code-point order, so that the
    pattern's source is the same in every process: the artefact cache keys on it)."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "|".join(re.escape(w) if escape else w for w in ordered)


def trie_alternation(words) -> str:
    """A regex alternation of ``words`` shaped as a trie (one branch per first letter, longest rest first):
    the engine follows one branch per character instead of trying every word in turn."""
    words = sorted(set(words), key=lambda word: (-len(word), word))
    if "" in words and len(words) == 1:
        return ""
    groups: dict[str, list[str]] = {}
    for word in words:
        if word:
            groups.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(first) + trie_alternation(rest) for first, rest in sorted(groups.items())]
    body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 else branches[0]
    return f"(?:{body})?" if "" in words else body


def number_out(value: Decimal | None) -> int | float | None:
    """JSON-friendly exact number: integral values as int (14300000000, not 1.43e10)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# Temperatures are the measures that go below zero. A sign before one (零下 5 度, -12℃, minus 10C, −5°F) is
# read with it; before other units a dash is a separator or a list mark.
TEMPERATURE_UNITS = frozenset(["℃", "摄氏度", "度", "°C", "°F", "华氏度", "C", "F", "degrees", "degree", "degrees Celsius",
                               "degrees Fahrenheit", "Celsius", "Fahrenheit"])
BELOW_ZERO_BEFORE = re.compile(r"(?:零下|(?i:\bminus\s)|(?<![0-9A-Za-z.,%)])[-−﹣－])\s?$")


def below_zero_start(text: str, start: int, unit: str | None) -> int | None:
    """Where the sign of a temperature starting at ``start`` begins, or None when it has none."""
    if unit not in TEMPERATURE_UNITS:
        return None
    sign = BELOW_ZERO_BEFORE.search(text, max(0, start - 8), start)
    return sign.start() if sign else None


@dataclass
class Bounds:
    amount: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    approximate: bool = False

    def scaled(self, factor: Decimal) -> "Bounds":
        def mul(x):
            return None if x is None else x * factor

        return Bounds(mul(self.amount), mul(self.min), mul(self.max), self.approximate)

    def below_zero(self) -> "Bounds":
        """The same bounds under zero (零下 5 度, minus 10C): each end negated, the lower end the upper's."""

        def neg(x):
            return None if x is None else -x

        return Bounds(neg(self.amount), neg(self.max), neg(self.min), self.approximate)

    def apply(self, modifier: str | None) -> "Bounds":
        """Apply a modifier meaning (approx | min | max) to a point value."""
        if modifier is None:
            return self
        if modifier == "approx":
            return Bounds(self.amount, self.min, self.max, True)
        if self.amount is None:  # already a range or bound: the modifier only blurs it
            return Bounds(None, self.min, self.max, True)
        if modifier == "min":
            return Bounds(None, self.amount, None, self.approximate)
        if modifier == "max":
            return Bounds(None, None, self.amount, self.approximate)
        return self

    def modified(self, lang: str, before: str | None, after: str | None = None) -> "Bounds":
        """Apply the words glued to the number, from data/claims/modifiers.json: 约/超过/左右 for ``zh``,
        about/more than/or more for ``en`` (case does not matter)."""
        meanings_before, meanings_after = _modifier_meanings(lang)
        return self.apply(meanings_before.get((before or "").lower())).apply(meanings_after.get((after or "").lower()))

    def as_dict(self) -> dict:
        return {
            "amount": number_out(self.amount),
            "min": number_out(self.min),
            "max": number_out(self.max),
            "approximate": self.approximate,
        }


@functools.lru_cache(maxsize=None)
def _modifier_meanings(lang: str) -> tuple[dict, dict]:
    modifiers = lexicon("modifiers")
    return tuple({word.lower(): meaning for word, meaning in modifiers[f"{lang}_{side}"].items()} for side in ("before", "after"))


def contains_cue(text: str, cues) -> bool:
    """Does ``text`` contain one of ``cues`` (as a substring)?"""
    return cue_pattern(cues, english=False).search(text) is not None


def contains_en_cue(text: str, cues) -> bool:
    """Does ``text`` contain one of ``cues`` as whole words, in any case?"""
    return cue_pattern(cues, english=True).search(text) is not None


_CUE_PATTERNS: dict[tuple[tuple[str, ...], bool], re.Pattern] = {}


def cue_pattern(cues, *, english: bool) -> re.Pattern:
    """The search behind contains_en_cue (``english``) or contains_cue for a list of cues."""
    key = (tuple(cues), english)
    pattern = _CUE_PATTERNS.get(key)
    if pattern is None:
        words = key[0]
        if english:
            pattern = re.compile(r"\b(?:" + alternation(words) + r")\b", re.I)
        elif words:
            # One search finds a cue wherever any(cue in text) would (an empty cue matches anywhere).
            pattern = re.compile(alternation(words))
        else:
            pattern = re.compile(r"(?!)")
        _CUE_PATTERNS[key] = pattern
    return pattern


# A number right after a Latin word (Llama 4, GPT-5, iPhone 15, Opus 4.5, Windows 11, Python 3.11) is a
# version or model name, not a quantity, date or amount. Function words and month names are not names.
_NOT_A_NAME = frozenset(
    """a an the in on at by of to for from and or than about over under nearly almost some only since until
    through after before during between within around roughly approximately up more less fewer just all its his
    her their our this that these those last next each every per top was were is are be been rose fell grew
    jumped gained lost dropped declined increased decreased reached hit hits totaled totalled totaling
    q h fy fiscal
    january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
    us usd hk hkd rmb cny eur gbp jpy nt""".split()
)
_NAME_BEFORE = re.compile(r"([A-Za-z][A-Za-z0-9]*(?:[.'][A-Za-z0-9]+)*)[ \-]?$")


def follows_product_name(text: str, start: int) -> bool:
    """True when the number at ``start`` continues a product or model name (Llama 4, GPT-5)."""
    match = _NAME_BEFORE.search(text, max(0, start - 30), start)
    if not match:
        return False
    word = match.group(1)
    if match.group(0).endswith("-") and word.isupper():
        return True  # H-1B visas, F-35 jets, B-52: capitals joined by a hyphen name a model
    if word.lower() in _NOT_A_NAME:
        return False
    # A name is capitalised or mixed-case (iPhone); a plain lowercase word (users 5) is not.
    return word[0].isupper() or any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word)
