"""Which reading an underspecified date takes, in one place for both languages.

A date without its year (三月一日, March 1), a weekday without its week (周三, Wednesday) or a day without
its month (29日, the 21st) has several readings around the reference date. The policy chooses one:

- ``past``: the latest reading that has begun by the reference date;
- ``future``: the earliest reading that has not ended by it;
- ``nearest``: whichever of those two lies nearer (a reading that holds the reference date is nearest);
- ``news`` (the default): ``future`` when the clause that holds the date speaks of the future (预计,
  将于, will, expected ...), else ``past``; and a future cue does not win against a past reading at least
  ``OVERRULE`` times nearer (``11 月 3 日，公司宣布推迟至 2027 年`` read on 11-05 is two days ago, not next
  November).

The chosen reading carries the others the policy passed over (``alternatives``), so a reader who
disagrees with it can pick theirs. Explicit words (上周三, next May) leave nothing to choose and carry none.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from extractor.claims.date.calendar import Period, add_months, day

PREFERENCES = ("past", "future", "nearest")
DEFAULT = "news"
OVERRULE = 8
# Without a cue of either tense a date's past reading gives way only to a future one many times nearer: a
# date days ahead is news, the same date almost a year back is not (activities until 30 June said on 20 June;
# a year in review written in December keeps January's dates in the past: the ratio is under twenty there).
NEAR_AHEAD = 20
# The past readings: the policy's, a governing past verb's, and the news default's without a cue of either
# tense ("past-news", which NEAR_AHEAD may overrule).
PAST = ("past", "past-news")
# A future cue right before the date it governs: 将于 / 预计于 / 计划在 …, will (ship) (on|in|by) …
_GOVERNING = re.compile(
    r"(?:将于|将在|將於|將在|预计于|预计在|预计将于|預計於|计划于|计划在|計劃於|定于|定於|拟于|擬於|有望于|有望在|将|將|预计|預計)\s?$"
    r"|(?i:\bwill\s(?:[a-z]+\s){0,3}(?:(?:on|in|by|from|at|until|before|after)\s)?$|\b(?:due|scheduled|set|slated)\s(?:to\s[a-z]+\s)?(?:on|in|by|for)\s$)"
)
# A timetable in the simple present right before the date: ships Sept 9, goes on sale Dec 12, kicks off
# Saturday, runs from 4 to 18 January, is open until 31 January, the vote is Tuesday. It points ahead as a
# future cue does, and like one it yields to a past reading many times nearer (the summit runs 12-14
# November, read a week after). Only forms that are no noun before a date (not "housing starts in March",
# "tax returns in April", "a return in May").
_TIMETABLE = re.compile(
    r"(?i:(?<!housing\s)\b(?:ships|launches|opens|reopens|starts|begins|resumes|kicks\soff|kick\soff|runs|closes|shuts"
    r"|starting|beginning|effective|commencing|meets(?:\sagain)?|convenes|(?:go|goes)\s(?:forward|back)|(?:comes|come)\sinto\s(?:effect|force)"
    r"|(?:remains?|stays?|keeps?(?:\s[\w-]+){0,3}?)\s(?:open|shut|closed|in\sforce|in\splace|valid|suspended|on\ssale)"
    # the plural verbs after a plural noun (the sales start, talks resume; not its start, was run on)
    r"|(?:(?<=[a-z]s\s)(?<!\bwas\s)(?<!\bhas\s)(?<!\bits\s)(?<!\bthis\s)(?<!\bis\s)(?<!\bas\s)|(?<=\band\s))(?:start|begin|open|close|end|resume|meet|run)"
    r"|ends|expires|lands|arrives|departs|sails|docks|airs|premieres|debuts|(?:goes|go)\son\ssale|(?:comes|come)\sout|hits\s(?:shelves|stores)"
    r"|(?<!tax\s)(?<!sales\s)(?<!total\s)(?<!annual\s)(?<!fund\s)returns"
    r"|(?:doors|polls|gates|shops|stores|markets|schools|borders)\s(?:open|close|reopen)"
    r"|(?:takes|take)\s(?:place|effect)|heads?\sto\sthe\spolls|(?:is|are)(?:\s(?:closed|open|shut|in\sforce|in\seffect|in\splace|valid))?)"
    # a clock time with its zone may stand between the verb and the day (opens at 9:30 a.m. ET on Monday)
    r"(?:\sat\s\d{1,2}(?:[:.]\d\d)?\s?(?:a\.?m\.?|p\.?m\.?)?(?:\s[A-Z]{2,4})?)?"
    r"\s(?:(?:on|in|at|from|until|till|through|by|over)\s)?$)"
)
# English simple pasts that do not end in -ed (shared with the date rules' test for a past event).
IRREGULAR_PAST_EN = (
    "said", "went", "came", "left", "began", "took", "made", "got", "fell", "rose", "won", "lost", "saw", "met", "told",
    "gave", "found", "held", "sold", "bought", "paid", "ran", "broke", "chose", "drove", "flew", "grew", "knew", "led",
    "shut", "spent", "stood", "struck", "sent", "sat", "spoke", "stole", "swore", "threw", "understood", "woke",
    "wrote", "brought", "caught", "fought", "fled", "kept", "felt", "built", "blew", "drew", "forgot", "hid", "slid",
    "shot", "withdrew", "shrank", "sank", "overtook", "beat", "became", "upheld", "overthrew", "unveiled",
)
_PRESENT_TOO = {"shut", "beat"}  # the same in the present (markets remain shut on Jan. 1)
# A past verb right before the date governs it, whatever else the clause says: "Nvidia said on Wednesday it
# expects …", "the strike began on Monday and is expected to last …", "was passed in January and takes
# effect in June". Not after an auxiliary that makes it future or present (will be held on, is closed on,
# to be announced in), and not the -ed words of plans (scheduled on, expected in).
_GOVERNED_PAST = re.compile(
    r"(?i:(?:\b(?P<aux>[a-z']+)\s)?\b(?:" + "|".join(v for v in IRREGULAR_PAST_EN if v not in _PRESENT_TOO) + r"|(?!(?:scheduled|expected|planned|slated|timed"
    r"|billed|earmarked|intended|projected|forecasted|anticipated|targeted|tipped|poised|proposed|required|needed"
    r"|due|set|closed|opened|based|dated|aged)\b)[a-z]{3,}ed)(?:\s(?:effect|place|office|power|talks|landfall|hands|charge|part|action))?"
    r"\s(?:(?:on|in|at|during|last)\s)?$)"  # took effect on, made landfall on, held talks on
)
_NOT_PAST_AUX = frozenset(
    "will would 'll shall should could can may might must to be is are am been being not never don't won't "
    "remain remains stay stays keep keeps get gets".split()  # remain closed on: a state, no past event
)
# A verb that moves a thing to a later date governs the date after it as future: adjourned the case to
# Nov. 12, postponed until January, pushed back to 2027.
_MOVED_TO = re.compile(
    r"(?i:\b(?:(?:adjourned|postponed|deferred|delayed|rescheduled|pushed\sback|put\soff|remanded)(?:\s[\w.,$£€-]+){0,5}?"
    r"(?:\s(?P<to>to|until|till))?|(?:set|fixed)(?:\s[\w-]+){0,3}?\s(?P<for>for))\s$)"
)
_MOVED_TO_WORD = re.compile(r"(?i:to|until|till)\s")  # the date's own first word, when the window does not end in one
# Other wordings that point the date right after them ahead: a dividend to be paid on May 21, investors can
# bid on December 1, the council had until 12 April (a deadline given).
_AHEAD_BEFORE = re.compile(
    r"(?i:\bto\sbe\s[a-z]+\s(?:on|in|by|from|at)\s$|(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)\bdue\s(?:out\s)?(?:on|in|by)\s$"
    r"|\b(?:can|may|must|should|could)\s(?:not\s)?[a-z]+\s(?:on|from|until|by|before)\s$|\b(?:have|has|had|given)\s(?:until|till)\s$)"
)
_GIVEN = re.compile(r"(?i:\b(?:have|has|had|given)\s$)")  # had | until 12 April: the date's own first word is until
# A clause that opens with one of these shares the tense of the clause before it (the match will close early
# on Tuesday, and remain shut on Jan. 1; will face Liverpool on Wednesday, with the second leg on February 6).
_JOINED_CLAUSE = re.compile(r"\s*(?i:and|or|with|while|then|but)\b")
# A modal of possibility or duty before the date in its clause points ahead, unless it looks back (could have)
# or speaks of a thing done to someone (may be blamed for the crash in March).
_MODAL_AHEAD = re.compile(r"(?i:\b(?:could|can|may|might|should)\s(?!have\b|not\shave\b|n['’]t\shave\b|be\s[a-z]+(?:ed|en)\b))")
# The clauses after a word of forecasting and its comma or colon are the forecast (预计，…，周二起气温回升).
_FORECAST_BEFORE = re.compile(r"(?:预计|预测|预报|预期|估计|預計|預測|預報|预料|預料)[，,：:]")
# A clause that tells of something done (发布了, 已, 曾, made up, was): its bare dates are past, however near
# a future reading would be (NEAR_AHEAD is for clauses with no tense either way).
_PAST_MARK = re.compile(
    r"(?<![为為除])了(?![解不])|已经|已經|(?<![而])已(?![知])|曾经|曾經|(?<![不])曾|"
    r"(?i:\b(?:was|were|had|did|" + "|".join(IRREGULAR_PAST_EN) + r"|[a-z]{3,}ed)\b)"
)
# Where a clause ends inside a sentence: the tense of one clause says nothing of the next one's dates.
_CLAUSE_BREAK = re.compile(r"[,:](?!\d)|[，;；：]")  # not the colon of 09:00 nor the comma of 1,000


def check_preference(value: str | None) -> str:
    """``news`` for None; a UsageError for anything that is no policy."""
    from extractor.errors import UsageError

    if value is None or value == DEFAULT:
        return DEFAULT
    if value not in PREFERENCES:
        raise UsageError(f"invalid date preference {value!r}: expected one of {', '.join((DEFAULT, *PREFERENCES))}")
    return value


def preference(ctx, future_cue: Callable[[str], bool], fronted_cue: Callable[[str], bool] | None = None) -> str:
    """The direction for the match the rule is building (``ctx.position``): the document's policy, or
    under ``news`` the tense of the match's clause ("future-cue" or "past"). A time phrase fronted as a
    clause of its own (3月5日，公司将召开股东大会; On Tuesday, the board will vote) takes the tense of the
    clause after it, read by ``fronted_cue`` (default ``future_cue``)."""
    policy = getattr(ctx.analysis, "prefer_dates", DEFAULT) or DEFAULT
    if policy != DEFAULT:
        return policy
    start, end = _clause(ctx)
    position = getattr(ctx, "position", None)
    if position is not None:
        governing = _governing_words(ctx.analysis.text, max(start, position - 60), position)
        if governing is not None:
            return governing
    key = ("future-cue", start, end)
    found = ctx._cache.get(key)
    if found is None:
        found = ctx._cache[key] = future_cue(ctx.analysis.text[start:end])
    found = found or _looks_ahead(ctx, start, end, position, future_cue)
    if not found:
        if position is not None and _TIMETABLE.search(ctx.analysis.text, max(start, position - 40), position):
            return "future-cue"
        following = _clause_after_fronted(ctx, start, end, position)
        if following is not None and (fronted_cue or future_cue)(ctx.analysis.text[following[0] : following[1]]):
            return "future-cue"
        key = ("past-mark", start, end)
        marked = ctx._cache.get(key)
        if marked is None:
            marked = ctx._cache[key] = _PAST_MARK.search(ctx.analysis.text, start, end) is not None
        return "past" if marked else "past-news"
    if position is not None and _GOVERNING.search(ctx.analysis.text, max(start, position - 40), position):
        return "future"  # 将于11月交付, will ship in March: the cue governs this very date, nothing overrules it
    return "future-cue"


def _governing_words(text: str, start: int, position: int) -> str | None:
    """"future" or "past" when the words right before the date at ``position`` decide its tense (adjourned
    the case to, to be paid on, had until; said on, began on, took effect on), else None."""
    window = text[start:position]
    moved = _MOVED_TO.search(window)
    if moved and (moved.group("to") or moved.group("for") or _MOVED_TO_WORD.match(text, position)):
        return "future"
    if _AHEAD_BEFORE.search(window) or (_GIVEN.search(window) and _MOVED_TO_WORD.match(text, position)):
        return "future"
    governed = _GOVERNED_PAST.search(window)
    if governed and (governed.group("aux") or "").lower() not in _NOT_PAST_AUX:
        return "past"
    return None


def _looks_ahead(ctx, start: int, end: int, position: int | None, future_cue: Callable[[str], bool]) -> bool:
    """A clause with no future cue of its own that still looks ahead: it continues a clause that has one
    (and remain shut on Jan. 1), a modal stands before the date (could keep operating through October 6), or
    it follows a word of forecasting (气象部门预计，…，周二起气温回升). Each is read once per clause, not once
    per date in it: a clause of thousands of dates stays linear."""
    text, sentence_start = ctx.analysis.text, ctx.sentence[0]
    key = ("ahead-clause", start)
    clause_ahead = ctx._cache.get(key)
    if clause_ahead is None:
        clause_ahead = ctx._cache[key] = start > sentence_start and bool(
            (_JOINED_CLAUSE.match(text, start) and future_cue(text[sentence_start:start]))
            or _FORECAST_BEFORE.search(text, sentence_start, start)
        )
    if clause_ahead or position is None:
        return clause_ahead
    key = ("modal-end", start, end)
    first = ctx._cache.get(key)
    if first is None:  # where the clause's first modal ends: one stands before the date when it ends by then
        found = _MODAL_AHEAD.search(text, start, end)
        first = ctx._cache[key] = found.end() if found else -1
    return 0 <= first <= position


FRONTED_LENGTH = 16  # the most characters a clause that is only a time phrase takes (本月最后一个交易日, On Tuesday morning)
FRONTED_LEAD = 4  # characters before the date in it (在, 自, On, By the; and From)


_FROM_LEAD = re.compile(r"\s*(?i:from)\s")


def _clause_after_fronted(ctx, start: int, end: int, position: int | None) -> tuple[int, int] | None:
    """The clause after the date's, when the date's clause is a fronted time phrase (it opens with the date
    and is short), else None."""
    sentence_end = ctx.sentence[1]
    text = ctx.analysis.text
    if position is None or end >= sentence_end:
        return None
    if position - start > FRONTED_LEAD and not _FROM_LEAD.fullmatch(text, start, position):
        return None
    if len(text[start:end].strip()) > FRONTED_LENGTH:
        return None
    following = _CLAUSE_BREAK.search(text, end + 1, sentence_end)
    return end + 1, following.start() if following else sentence_end


def clause_of(ctx) -> tuple[int, int]:
    """(start, end) of the clause that holds the match the rule is building."""
    return _clause(ctx)


def _clause(ctx) -> tuple[int, int]:
    breaks = ctx._cache.get("clause-breaks")
    if breaks is None:  # once per sentence: the positions of its clause breaks
        sentence_start, sentence_end = ctx.sentence
        text = ctx.analysis.text
        breaks = ctx._cache["clause-breaks"] = [m.start() for m in _CLAUSE_BREAK.finditer(text, sentence_start, sentence_end)]
    position = getattr(ctx, "position", None)
    if position is None:
        return ctx.sentence
    index = bisect.bisect_right(breaks, position)
    start = breaks[index - 1] + 1 if index > 0 else ctx.sentence[0]
    end = breaks[index] if index < len(breaks) else ctx.sentence[1]
    return start, end


def _distance(period: Period, reference: dt.date) -> float:
    """Days between the reference and the period: 0 when it holds the reference; a period that ended the
    day before (yesterday, its exclusive end on the reference) is one day away, not none."""
    start, end = _as_date(period.start), _as_date(period.end)
    if start <= reference < end:
        return 0
    if end <= reference:
        return (reference - end).days + 1
    return (start - reference).days


def _as_date(moment) -> dt.date:
    return moment.date() if isinstance(moment, dt.datetime) else moment


def choose(readings: list[Period | None], reference: dt.date, prefer: str, *, alternatives: bool = True) -> Period | None:
    """The reading ``prefer`` takes among ``readings`` (see the module), marked relative, with the
    latest past and earliest future readings it did not take as its alternatives."""
    readings = [p for p in readings if p is not None]
    if not readings:
        return None
    past = [p for p in readings if _as_date(p.start) <= reference]
    ahead = [p for p in readings if _as_date(p.end) > reference]
    latest_past = max(past, key=lambda p: p.start) if past else None
    first_ahead = min(ahead, key=lambda p: p.start) if ahead else None
    if prefer in PAST:
        chosen = latest_past or min(readings, key=lambda p: p.start)
        if (
            prefer == "past-news"
            and first_ahead is not None
            and chosen is latest_past
            and _distance(first_ahead, reference) * NEAR_AHEAD < _distance(latest_past, reference)
        ):
            chosen = first_ahead  # 活动截至6月30日 said on 20 June, a meeting on 15 December said on the 10th
    elif prefer in ("future", "future-cue"):
        chosen = first_ahead or max(readings, key=lambda p: p.start)
        if (
            prefer == "future-cue"
            and latest_past is not None
            and latest_past is not chosen
            and _distance(latest_past, reference) * OVERRULE < _distance(chosen, reference)
        ):
            chosen = latest_past
    else:  # nearest
        near = [p for p in (latest_past, first_ahead) if p is not None]
        chosen = min(near, key=lambda p: (_distance(p, reference), p.start > _as_date(reference)))
    others = ()
    if alternatives:
        others = tuple(p for p in dict.fromkeys((latest_past, first_ahead)) if p is not None and p != chosen)
    return chosen.with_flags(relative=True, alternatives=others)


def pick_clock(readings: list[Period | None], now: dt.datetime, *, prefer: str) -> Period | None:
    """A clock time without its day or half of the day (三点, 3:15), read at the reference's clock time
    ``now``: the policy as for days, with moments — ``past`` the latest reading begun by now, ``future``
    the earliest not yet ended, ``nearest`` the nearer of those two."""
    readings = [p for p in readings if p is not None]
    if not readings:
        return None
    begun = [p for p in readings if p.start <= now]
    ahead = [p for p in readings if p.end > now]
    latest_begun = max(begun, key=lambda p: p.start) if begun else None
    first_ahead = min(ahead, key=lambda p: p.start) if ahead else None
    if prefer in ("future", "future-cue"):
        chosen = first_ahead or latest_begun
    elif prefer == "nearest":
        near = [p for p in (latest_begun, first_ahead) if p is not None]
        chosen = min(near, key=lambda p: 0 if p.start <= now < p.end else min(abs((p.start - now).total_seconds()), abs((p.end - now).total_seconds())))
    else:
        chosen = latest_begun or first_ahead
    others = tuple(p for p in dict.fromkeys((latest_begun, first_ahead)) if p is not None and p != chosen)
    return chosen.with_flags(relative=True, alternatives=others)


def clock_on_its_day(period: Period, now: dt.datetime | None, prefer: str) -> Period:
    """A clock time written without a day (left at 17h45, opens at 9am), read at the reference's clock time
    ``now``: a past reading (the news default without a cue, or ``past``) that lies after now is the day
    before's; a ``future`` reading already over is the next day's. A reference at midnight says no clock
    time (a date given as a datetime): the day stays."""
    if now is None or now.time() == dt.time(0) or not isinstance(period.start, dt.datetime):
        return period
    step = dt.timedelta(days=1)
    if prefer in PAST and period.start > now:
        return replace(period, start=period.start - step, end=period.end - step)
    if prefer in ("future", "future-cue") and period.end <= now:
        return replace(period, start=period.start + step, end=period.end + step)
    return period


def clock_as_written(readings: list[Period | None], written: dt.datetime) -> Period | None:
    """The news default's reading of a clock time without its half of the day when the clause has no future
    cue: the hour as written on the reference day (3:15 is 03:15, as Recognizers reads it), with the other
    half of that day as its alternative."""
    readings = [p for p in readings if p is not None]
    chosen = next((p for p in readings if p.start == written), None)
    if chosen is None:
        return None
    others = tuple(p for p in readings if p.start.date() == written.date() and abs((p.start - written).total_seconds()) == 12 * 3600)
    return chosen.with_flags(relative=True, alternatives=others)


def pick_year(make: Callable[[int], Period | None], reference: dt.date, *, prefer: str, alternatives: bool = True) -> Period | None:
    """A period without its year, built by ``make(year)``: the policy's choice among three years."""
    years = (reference.year - 1, reference.year, reference.year + 1)
    return choose([make(y) for y in years], reference, prefer, alternatives=alternatives)


def readings(value: dict) -> list[dict]:
    """The reading a date claim took and the ones it did not (its ``alternatives``)."""
    return [value, *(value.get("alternatives") or [])]


def with_reading(value: dict, reading: dict) -> dict:
    """A date claim's value moved to another of its readings, the one it held among the alternatives."""
    others = [{key: r[key] for key in ("start", "end", "grain") if key in r} for r in readings(value) if r is not reading]
    return {**value, **{key: reading[key] for key in ("start", "end", "grain") if key in reading}, "alternatives": others or None}


def news_default(ctx) -> bool:
    """The document reads dates by the news default (no ``prefer_dates`` set)."""
    return (getattr(ctx.analysis, "prefer_dates", DEFAULT) or DEFAULT) == DEFAULT


def pick_weekday(reference: dt.date, weekday: int, *, prefer: str, same_day_is_today: bool = False) -> Period:
    """周三 / Wednesday without its week: the policy's choice between the last one (the reference day
    itself when it is that weekday) and the next one. Looking ahead, the reference's own weekday is next
    week's under an explicit ``future`` policy (Duckling's convention), but today under the news default
    (``same_day_is_today``): wire copy names the day of the week for today too ("will be announced on
    Monday" in a Monday story; AP style uses the weekday, not "today")."""
    last = reference - dt.timedelta(days=(reference.weekday() - weekday) % 7)
    following = reference + dt.timedelta(days=(weekday - reference.weekday()) % 7 or 7)
    readings = [Period(d, d + dt.timedelta(days=1), "day") for d in (last, following)]
    if prefer in ("future", "future-cue") and last == reference and same_day_is_today:
        chosen = readings[0]
    elif prefer in ("future", "future-cue") and last == reference:  # ahead means after today
        chosen = readings[1]
    else:
        chosen = choose(readings, reference, prefer)
    other = readings[0] if chosen.start == following else readings[1]
    return chosen.with_flags(relative=True, alternatives=(other,))


def pick_day_of_month(reference: dt.date, day_of_month: int, *, prefer: str) -> Period | None:
    """29日 / the 21st without its month: the policy's choice among the months around the reference that
    have that day (a 31st may skip a month or two; twelve each way is always enough)."""
    first = dt.date(reference.year, reference.month, 1)
    past = ahead = None
    for step in range(13):  # outward from the reference's month until each side has its reading
        if past is None:
            start = add_months(first, -step)
            found = day(start.year, start.month, day_of_month)
            past = found if found is not None and found.start <= reference else None
        if ahead is None:
            start = add_months(first, step)
            found = day(start.year, start.month, day_of_month)
            ahead = found if found is not None and found.end > reference else None
        if past is not None and ahead is not None:
            break
    return choose([past, ahead], reference, prefer)
