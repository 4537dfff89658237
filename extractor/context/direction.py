"""Change direction and comparison base: is the number a rise or a fall, and against what?

``同比增长 62%``, ``上调至 700 亿美元``, ``下浮 29%``, ``较上年减少 3 万台``, ``sales plunged 14.5%``, ``a 12%
rise``: a direction for every kind of claim, read from the words right before the number in its clause
(or a noun right after it in English). ``提高到 85%`` and ``rose to 41%`` state a level reached after a rise:
their direction is the rise. A percentage's ``value.change`` (the percent rules) reads the same words, but
keeps a level reached as no change (``change`` says what the number itself is: a change or a level).

The comparison base, when written: ``同比`` (year on year), ``环比``, ``较上年``, ``较去年同期``,
``year on year``, ``from a year earlier``, ``quarter on quarter`` … as written. Word lists are data
(``data/claims/cues.json``: ``change_*``; ``data/claims/comparisons.json``).
"""

from __future__ import annotations

import functools
import re

from extractor.claims.base import alternation, lexicon, lexicon_patterns

_ZH_CLAUSE_BREAK = re.compile(r"[,，。;；:：、!?！？]")
_EN_WORDS = re.compile(r"[A-Za-z]+|[,;:]")
ZH_WINDOW = 8  # characters before a Chinese number where its direction is written
EN_WINDOW = 40
EN_UP_FROM_REACH = 80  # characters after a number where ", up from M" may still describe it
_EN_UP_FROM = re.compile(r",\s*(up|down)\s+(?:from|on)\b", re.I)
_DIGIT = re.compile(r"\d")
_RAISED = frozenset(["raise", "raises", "raised", "raising"])
_CURRENCY_START = frozenset("$€£¥") | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # $90 million, US$2 billion, HK$


@functools.lru_cache(maxsize=None)
def _cues(counts: bool = False):
    """(Chinese cues longest first, English increase words, English decrease words); ``counts`` adds the verbs
    of a change in amounts and counts (裁员, 新增, lay off) that a percentage does not take as its change."""
    cues = lexicon("cues")

    def words(kind, lang):
        found = list(cues[f"change_{kind}_{lang}"])
        if counts:
            found += cues[f"count_{kind}_{lang}"]
        return found

    zh = sorted(
        [(cue, "increase") for cue in words("increase", "zh")] + [(cue, "decrease") for cue in words("decrease", "zh")],
        key=lambda pair: -len(pair[0]),
    )
    increase = {w.lower() for w in words("increase", "en")}
    decrease = {w.lower() for w in words("decrease", "en")}
    return zh, increase, decrease


@functools.lru_cache(maxsize=None)
def _zh_search(counts: bool):
    """(one-character cues → direction, a search for the longer cues, longer cue → direction)."""
    zh, _, _ = _cues(counts)
    singles = {cue: direction for cue, direction in reversed(zh) if len(cue) == 1}
    longer = {cue: direction for cue, direction in zh if len(cue) > 1}
    return singles, re.compile(alternation(longer)), longer


def zh_direction(text: str, start: int, floor: int, *, levels: bool, counts: bool = False) -> str | None:
    """Direction written right before a Chinese number at ``start`` (not before ``floor``, its sentence's
    start). ``levels``: a level reached (提高到 85%) counts as its rise; else it is no change. ``counts``: the
    number is an amount or a count (裁员 1,600 人 is a fall)."""
    window = text[max(floor, start - ZH_WINDOW) : start]
    breaks = list(_ZH_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    stripped = window.rstrip("约近超逾 ")
    reached = _ZH_REACHED.search(stripped) is not None
    if reached and not levels:
        return None  # 提高到 85%, 从 38% 提升至 41%: a level, not the size of a change
    best: tuple[int, str] | None = None
    tail = window.rstrip("了约近超逾达至到为 ")
    singles, words, which = _zh_search(counts)
    # The cue ending last wins, the longer at the same end (ZH_WINDOW characters: every start is tried).
    for at in range(len(window)):
        found = words.match(window, at)
        if found is not None and (best is None or found.end() > best[0]):
            best = (found.end(), which[found.group()])
    if tail and tail[-1] in singles and (best is None or len(tail) > best[0]):
        best = (len(tail), singles[tail[-1]])  # 增, 跌 … only right before the number: 新增支出中约六成 is no increase
    if best is None and levels:
        return _zh_further_back(text, start, floor, reached, counts)
    return best[1] if best else None


# What may stand between a change and the level it reached (下调 25 个基点，至 3.50 %; 跌 4 % 至每桶 61.2 美元):
# the size of the change, a comma, then 至 / 到.
_ZH_CHANGE_THEN_LEVEL = re.compile(r"了?\s*[约近超逾]?\s*[\d.,，]+\s*[^\d，,。;；:：、!?！？]{0,5}?\s*[，,]?\s*(?:至|到)\s*(?:每[\u4e00-\u9fff]{1,2})?$")
# What may stand between a change verb and its number: the changed thing (下调存款准备金率 0.5 个百分点, 削减了其
# 云部门约 10 % 的岗位), a short noun phrase with no number or clause break in it.
_ZH_VERB_THEN_OBJECT = re.compile(r"了?\s*[其该]?[\u3400-\u9fffA-Za-z\s]{1,14}?[约近超逾]?\s*$")
_ZH_REACHED = re.compile(r"[到至从由](?:每[\u4e00-\u9fff]{1,2})?$")  # 至 41%, 至每桶 61.2 美元
ZH_FURTHER = 30  # characters looked back past the window for those two shapes


def _zh_further_back(text: str, start: int, floor: int, reached: bool, counts: bool) -> str | None:
    """A change written further back than the window: the level after its size (``reached``), or the number
    after the thing changed. Only cues of two characters or more: a lone 增 or 跌 that far back is a word's part."""
    lo = max(floor, start - ZH_FURTHER)
    _, words, which = _zh_search(counts)
    shape = _ZH_CHANGE_THEN_LEVEL if reached else _ZH_VERB_THEN_OBJECT
    best = None
    for found in words.finditer(text, lo, start):
        if shape.fullmatch(text, found.end(), start):
            best = which[found.group()]
    if best is None and reached:  # 跌 4 % 至每桶 61.2 美元: a one-character cue right before the change's size
        singles = _zh_search(counts)[0]
        for at in range(lo, start):
            if text[at] in singles and text[at + 1 : at + 2].isdigit() and shape.fullmatch(text, at + 1, start):
                best = singles[text[at]]
    return best


def en_direction(
    text: str, start: int, end: int, floor: int, ceiling: int, *, levels: bool, counts: bool = False,
    after_words: bool = True,
) -> str | None:
    """rose 12% / fell by 3 points → the verb before; a 12% rise → the noun after; ``to 41%`` is a level
    (its rise when ``levels``: raised its policy rate to 0.75%); ``up from $1.4 billion`` is the base."""
    _, increase, decrease = _cues(counts)
    before = _EN_WORDS.findall(text[max(floor, start - (2 * EN_WINDOW if levels else EN_WINDOW)) : start])
    if counts:  # lay off 2,500 workers: two-word verbs, read as one
        before = [" ".join(pair) if " ".join(pair).lower() in decrease | increase else pair[1]
                  for pair in zip([""] + before[:-1], before)]
    skipped = 0
    reached = by_size = False
    if levels and [word.lower() for word in before[-2:]] == [",", "or"]:
        before = before[:-2]  # settled down $1.12, or 1.8%: the same change written twice
    if levels and [word.lower() for word in before[-3:]] in (["a", "range", "of"], ["a", "record", "of"]):
        before = before[:-3]  # to a range of 3.75% to 4%: the level reached, as "to" alone says
    raised = before[-1:] if before[-1:] and before[-1].lower() not in ("a", "an") else before[-2:-1]
    if levels and raised and raised[0].lower() in _RAISED and counts and text[start:start + 1] in _CURRENCY_START:
        return None  # raised $90 million: money taken in, not a rise of anything
    if levels and before and before[-1].lower() == "by":
        # cut the risk of heart attack by 23%: the verb stands further back, before its object
        for word in reversed(before[-9:-1]):
            if word.lower() in increase:
                return "increase"
            if word.lower() in decrease:
                return "decrease"
            if word in (",", ";", ":"):
                break
    for word in reversed(before):
        lower = word.lower()
        if lower in increase:
            return "increase"
        if lower in decrease:
            return "decrease"
        if lower == "from" and skipped == 0:
            return None  # up from $1.4 billion: the number a change starts from
        if lower in ("to", "at") and levels and not reached:
            reached = True
            continue
        if lower in ("to", "at", "of", ",", ";", ":") or skipped >= (8 if reached and by_size else 4 if reached else 3):
            break  # cut its benchmark rate by 25 basis points to …: past the change's size, further back for its verb
        by_size = by_size or (reached and lower == "by")
        skipped += 1
    if levels:  # $1.9 billion (for loan losses in the quarter), up from $1.4 billion: the level a change reached
        later = _EN_UP_FROM.search(text, end, min(ceiling, end + EN_UP_FROM_REACH))
        if later is not None and not _DIGIT.search(text, end, later.start()):
            return "increase" if later.group(1).lower() == "up" else "decrease"
    if not after_words:  # 1.3 million people lost power: a count of those affected, not a change
        return None
    after = _EN_WORDS.findall(text[end : min(ceiling, end + 20)])[:1 if levels else 2]
    for word in after:
        if word.lower() in increase or word.lower() in ("increase", "rise", "jump"):
            return "increase"
        if word.lower() in decrease or word.lower() in ("drop", "decline", "fall"):
            return "decrease"
    return None


def _comparisons() -> tuple[re.Pattern, re.Pattern]:
    return lexicon_patterns("comparisons", space=r"[\s-]+")  # year on year, year-on-year


def comparison(text: str, clause: tuple[int, int], lang: str) -> str | None:
    """The comparison base written in the claim's clause (同比, year on year), as written."""
    zh, en = _comparisons()
    found = en.search(text, *clause)
    if found is None and lang != "en":
        found = zh.search(text, *clause)
    return found.group() if found else None
