"""The currency lexicon the money rules read: the team's curated words (data/claims/currencies.json) over
the ISO 4217 table (data/claims/currencies_iso4217.json, built by training/build_currencies.py).

From the table come every code (``MYR 20``, ``20 KES``), every English name with its plural
(``Malaysian ringgits``, ``Kenyan shillings``), the last word of a name when it names one currency only
(``ringgit``, ``forint``, ``taka``), and the Chinese names (``阿联酋迪拉姆``). Left out: codes that are also
English words or well-known abbreviations (``TOP 10``, ``COP 29``, ``PHP 8``), last words that are English
words or name several currencies (``dinar`` is Kuwaiti, Iraqi, Jordanian ...: only the curated list may
pick one), and one-character Chinese names. Where the curated list says something, it wins.
"""

from __future__ import annotations

import bisect
import functools
import re

from extractor.claims.base import lexicon

# ISO codes that are also words or common abbreviations in capitals: a number next to them is rarely money.
CODES_THAT_ARE_WORDS = {
    "ALL", "AMD", "BAM", "BOB", "BTN", "COP", "CRC", "CUP", "CVE", "GEL", "IRR", "MAD", "MOP", "NAD", "NIO",
    "NPR", "PEN", "PHP", "RON", "SDG", "SOS", "TOP", "TRY",
}  # fmt: skip
# Last words of currency names that are English words, or not a name at all.
_NOT_SHORT_NAMES = {"mark", "sol", "sum", "dram", "real", "colon", "sterling", "gold", "oro", "omani", "uruguayo",
                    "previsional", "fomento", "mvdol", "bceao", "beac"}  # fmt: skip


def _plural(word: str) -> str:
    return word if word.endswith("s") else word + "s"


@functools.lru_cache(maxsize=1)
def currencies() -> dict:
    curated = lexicon("currencies")
    table = lexicon("currencies_iso4217")["codes"]
    codes = {code: code for code in table if code not in CODES_THAT_ARE_WORDS}
    english: dict[str, str] = {}
    by_last_word: dict[str, set[str]] = {}
    for code, names in table.items():
        name = names["en"]
        if "(" not in name:
            english[name] = english[_plural(name)] = code
        last = name.split()[-1].lower()
        by_last_word.setdefault(last, set()).add(code)
    for word, found in by_last_word.items():
        if len(found) == 1 and word not in _NOT_SHORT_NAMES and re.fullmatch(r"[a-z’']+", word):
            english[word] = english[_plural(word)] = next(iter(found))
    chinese = {}
    for code, names in table.items():
        for key in ("zh", "zh_tw"):
            name = names.get(key)
            if name and len(name) >= 2 and not name.endswith(("語", "语")):
                chinese[name] = code
    return {
        **curated,
        "before": {**codes, **curated["before"]},
        "en_after": {**english, **curated["en_after"]},
        "zh_after": {**chinese, **curated["zh_after"]},
    }


# -- Currency words of several countries (peso, dinar, krone, rupee ...) -----------------------------------


@functools.lru_cache(maxsize=1)
def _families() -> tuple[dict[str, tuple[str, ...]], dict[str, re.Pattern], dict[str, str]]:
    """(family word -> its codes, family word -> a search for its places, place -> code)."""
    curated = lexicon("currencies")
    families = {word: tuple(codes) for word, codes in curated["en_family"].items() if not word.startswith("_")}
    places = {place: code for code, names in curated["en_places"].items() if not code.startswith("_") for place in names}
    searches = {}
    for word, codes in families.items():
        names = sorted((place for place, code in places.items() if code in codes), key=len, reverse=True)
        if names:
            searches[word] = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    return families, searches, places


def family_of(word: str) -> str | None:
    """The family a currency word belongs to (pesos -> peso), or None for a word of one currency."""
    families = _families()[0]
    if word in families:  # a symbol (¥)
        return word
    lower = word.lower()
    for key in (lower, lower[:-1] if lower.endswith("s") else lower):
        if key in families:
            return key
    return None


def currency_in_context(word: str, analysis, position: int, sentence: tuple[int, int]) -> str | None:
    """The currency a family word (500 dinars, 3,000 pesos) means where it stands: the country of that
    family named nearest to it in its sentence, else the last one named before its sentence, else the
    family's first code. None for a word of one currency."""
    family = family_of(word)
    if family is None:
        return None
    families, searches, places = _families()
    search = searches.get(family)
    if search is None:
        return families[family][0]
    memo = analysis.memo.get(("currency-places", family))
    if memo is None:  # once per document and family: where its places are named
        found = [(m.start(), places[m.group(0)]) for m in search.finditer(analysis.text)]
        memo = analysis.memo[("currency-places", family)] = ([start for start, _ in found], [code for _, code in found])
    starts, codes = memo
    # The nearest place inside the sentence on either side (one after the amount counts half as far
    # again: the subject comes first), else the last one before the sentence: found by bisection, so that
    # a document with many amounts costs a logarithm each.
    after = bisect.bisect_left(starts, position)
    near = []
    if after > 0 and starts[after - 1] >= sentence[0]:
        near.append((position - starts[after - 1], codes[after - 1]))
    if after < len(starts) and starts[after] < sentence[1]:
        near.append((1.5 * (starts[after] - position), codes[after]))
    if near:
        return min(near)[1]
    first = bisect.bisect_left(starts, sentence[0])
    if first > 0:
        return codes[first - 1]
    return families[family][0]
