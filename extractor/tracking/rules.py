"""When two claims are the same claim: the keys and tolerances ``extractor track`` groups by.

Two claims from different articles are the same claim when all of these hold:

- **kind**: the same (money, percent, quantity, date);
- **subject**: the same key. The key is the subject's canonical name (``subject_canonical``, else
  ``subject_text``) folded to simplified Chinese and half-width forms, in lower case, with spaces and
  punctuation removed and a trailing legal form dropped (``公司``, ``有限公司``, ``股份有限公司``, ``Inc.``,
  ``Ltd`` …): ``星河雲計算公司``, ``星河云计算`` and ``星河云计算股份有限公司`` have one key;
- **value** within a tolerance, field by field (``amount``, ``min``, ``max``: each absent in both or present
  in both and close):
  money — the same currency, each field within ``tolerance`` of the larger (relative, default 1 %:
  143 亿 and 143.2 亿 match, 143 亿 and 145 亿 do not); percent — percentages or percentage points alike,
  each field within ``points`` percentage points (absolute, default 0.1: 18 % and 18.1 % match);
  quantity — the same unit (人, 名 and 位 all count people), each field within ``tolerance``; date — the
  same start, end and grain, for dates of a day or finer (:data:`EVENT_GRAINS`: a listing, a launch, a
  vote). A week, month, quarter or year frames what a sentence says rather than stating a fact, and
  with no predicate to tell two events of one year apart, grouping them would join unrelated news; a
  date that is another claim's time scope (去年 in 去年营收 143 亿元) belongs to that claim;
- **direction**: not opposite (a rise of 18 % is not a fall of 18 %; one side without a direction is no
  conflict);
- **predicate** similar (:func:`predicates_similar`): equal after folding; else, when both are words
  of the predicate lists (``data/claims/predicates.json``, grouped into measures by
  ``data/track/predicates.json``), in the same measure (营收 = 营业收入 = revenue; 净利润 ≠ 利润); else
  Chinese ones with a character-bigram Jaccard index of at least ``threshold`` (default 0.5), English
  ones with a word Jaccard index of at least ``threshold`` (plurals and function words aside). A
  number without a predicate is not tracked (its value and subject alone are too weak a match); dates
  have none, so two dates compare on subject and value alone.

Claims are first put in buckets by kind, subject key and the parts of the value that must be equal
(:func:`bucket_key`), so grouping never compares claims of different buckets.
"""

from __future__ import annotations

import functools
import json
import math
import re
from importlib import resources

DEFAULT_TOLERANCE = 0.01  # relative, for money and quantities
DEFAULT_POINTS = 0.1  # percentage points, for percentages
DEFAULT_THRESHOLD = 0.5  # Jaccard index for predicates outside the word lists
# Date grains precise enough to name an event (see the module): a day and what is finer.
EVENT_GRAINS = frozenset(["day", "night", "hour", "minute", "second"])

VALUE_FIELDS = ("amount", "min", "max")

# Legal forms a company's name may carry or drop from one article to the next. Longest first; only a
# trailing one is dropped, and only when a name remains. 集团 (group) stays: 星河 and 星河集团 may be two
# companies, so 星河集团有限公司 is 星河集团.
_ZH_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "股份公司", "公司")
_EN_LEGAL_FORMS = frozenset(
    ["inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "plc", "ag", "sa", "gmbh"]
)
_WORD = re.compile(r"[^\W_]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Words an English predicate may carry that do not change what it measures (its revenue, the total of).
_EN_FUNCTION_WORDS = frozenset(["the", "a", "an", "of", "its", "their", "his", "her", "in", "for", "on", "to", "and"])
# Units that count the same thing: 人, 名 and 位 are all measure words for people (1200 人 = 1200 名).
_UNIT_SYNONYMS = {"名": "人", "位": "人", "persons": "people", "person": "people"}


def fold(text: str) -> str:
    """``text`` as the extractor reads it: traditional characters in their simplified forms, full-width
    letters and digits half-width (the normaliser of ``extractor.text``), in lower case."""
    from extractor.text.normalize import normalize

    return normalize(text).text.casefold()


@functools.lru_cache(maxsize=65536)
def subject_key(name: str | None) -> str | None:
    """The key two subjects share when they name one thing, or None when there is no name left."""
    if not name:
        return None
    words = _WORD.findall(fold(name))
    while len(words) > 1 and words[-1] in _EN_LEGAL_FORMS:
        words.pop()
    key = "".join(words)
    for form in _ZH_LEGAL_FORMS:
        if key.endswith(form) and len(key) > len(form):
            key = key[: -len(form)]
            break
    return key or None


def unit_key(unit: str | None) -> str | None:
    if unit is None:
        return None
    unit = fold(unit).strip()
    return _UNIT_SYNONYMS.get(unit, unit)


@functools.lru_cache(maxsize=65536)
def predicate_key(predicate: str | None) -> str | None:
    """A predicate folded for comparison: simplified, lower case, Chinese without spaces, English words
    separated by one space."""
    if not predicate:
        return None
    words = _WORD.findall(fold(predicate))
    if not words:
        return None
    if _HAN.search(predicate) or _HAN.search("".join(words)):
        return "".join(words)
    return " ".join(words)


@functools.lru_cache(maxsize=1)
def _measures() -> dict[str, str]:
    """Every predicate the extractor's word lists can give, mapped to the measure it names."""
    data = resources.files("extractor.data")
    listed = json.loads(data.joinpath("claims", "predicates.json").read_text("utf-8"))
    grouped = json.loads(data.joinpath("track", "predicates.json").read_text("utf-8"))
    measures: dict[str, str] = {}
    for group in grouped["groups"]:
        keys = [predicate_key(word) for word in group]
        for key in keys:
            measures[key] = keys[0]
    for word in (*listed["zh"], *listed["en"]):
        key = predicate_key(word)
        measures.setdefault(key, key)
    return measures


def measure(predicate_key_: str | None) -> str | None:
    """The measure a folded predicate names, when it is one of the word lists' (else None)."""
    if predicate_key_ is None:
        return None
    return _measures().get(predicate_key_)


def _bigrams(text: str) -> set[str]:
    if len(text) < 2:
        return {text}
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _singular(word: str) -> str:
    # Enough for comparing predicates: orders/order, shipments/shipment (not ss: loss stays loss).
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _english_words(key: str) -> set[str]:
    return {_singular(word) for word in key.split() if word not in _EN_FUNCTION_WORDS}


def jaccard(a: set, b: set) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def predicates_similar(a: str | None, b: str | None, *, threshold: float = DEFAULT_THRESHOLD) -> bool:
    """Whether two folded predicates (:func:`predicate_key`) say the same measure (see the module)."""
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    measure_a, measure_b = measure(a), measure(b)
    if measure_a is not None and measure_b is not None:
        return measure_a == measure_b
    han_a, han_b = bool(_HAN.search(a)), bool(_HAN.search(b))
    if han_a != han_b:
        return False  # a Chinese and an English word are the same measure only through the lists
    if han_a:
        return jaccard(_bigrams(a), _bigrams(b)) >= threshold
    return jaccard(_english_words(a), _english_words(b)) >= threshold


def _shape(value: dict) -> tuple[bool, ...]:
    return tuple(value.get(name) is not None for name in VALUE_FIELDS)


def bucket_key(kind: str, subject: str, value: dict) -> tuple | None:
    """What two claims must share exactly to be compared at all: kind, subject key, the value's
    currency, unit or percentage-point flag, which of amount/min/max it has (a range is not compared
    with a single amount), and a date's whole value. None when the value says nothing to compare."""
    if kind == "date":
        if not value.get("start") or not value.get("end") or value.get("grain") not in EVENT_GRAINS:
            return None
        return (kind, subject, value["start"], value["end"], value.get("grain"))
    shape = _shape(value)
    if not any(shape):
        return None
    if kind == "money":
        dimension = value.get("currency")
    elif kind == "percent":
        dimension = bool(value.get("points"))
    else:
        dimension = unit_key(value.get("unit"))
    return (kind, subject, dimension, shape)


def as_float(number) -> float:
    """A value's number as a float; an integer too large for one (JSON allows any length) as infinity."""
    try:
        return float(number)
    except OverflowError:
        return math.inf if number > 0 else -math.inf


def primary(value: dict) -> float:
    """The number a bucket's claims are ordered by: the amount, else the lower bound, else the upper."""
    for name in VALUE_FIELDS:
        number = value.get(name)
        if number is not None:
            return as_float(number)
    return 0.0


def numbers_close(kind: str, a: float, b: float, *, tolerance: float, points: float) -> bool:
    """Whether two numbers of one value field match: percentages within ``points`` percentage points,
    other amounts within ``tolerance`` of the larger one's size."""
    if a == b:  # also two infinities, whose difference is not a number
        return True
    if math.isinf(a) or math.isinf(b):  # an infinite tolerance would take every other number
        return False
    # The 1e-9 absorbs binary fractions: 18.1 - 18 is 0.10000000000000142, and 18.1 % is 0.1 points from 18 %.
    if kind == "percent":
        return abs(a - b) <= points + 1e-9
    return abs(a - b) <= tolerance * max(abs(a), abs(b)) + 1e-9


def values_close(kind: str, a: dict, b: dict, *, tolerance: float, points: float) -> bool:
    """Whether two values of one bucket match field by field (dates: the bucket already says so)."""
    if kind == "date":
        return True
    for name in VALUE_FIELDS:
        x, y = a.get(name), b.get(name)
        if (x is None) != (y is None):
            return False
        if x is not None and not numbers_close(kind, as_float(x), as_float(y), tolerance=tolerance, points=points):
            return False
    return True


def beyond_reach(kind: str, low: float, high: float, *, tolerance: float, points: float) -> bool:
    """Whether ``high`` (≥ ``low``) and every larger number are too far from ``low`` to match it: a group
    whose first value is ``low`` can take no claim from here on (the distance only grows)."""
    return high > low and not numbers_close(kind, low, high, tolerance=tolerance, points=points)


def directions_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b
