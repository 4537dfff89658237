"""English durations (claims/engine rules): 20 min, 90 minutes, 2 hrs, three wks, 2 mos, 5 biz days,
a couple of years, half an hour, a quarter of an hour, an hour and a half, 1.5 hours.

Abbreviations are read as the words they stand for; a few, several and a couple are rough (3, 3, 2) as
the older English rules read them. Where a unit could be something else (m, h) it is left out.
"""

from __future__ import annotations

import re

from extractor.claims.duration import Duration
from extractor.claims.engine import Regex, Rule
from extractor.claims.numbers.en import WORD_NUMBER, parse_number

UNIT_OF = {
    "second": "second", "seconds": "second", "sec": "second", "secs": "second",
    "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour",
    "day": "day", "days": "day",
    "business day": "business_day", "business days": "business_day", "biz day": "business_day",
    "biz days": "business_day", "working day": "business_day", "working days": "business_day",
    "trading day": "business_day", "trading days": "business_day",
    "week": "week", "weeks": "week", "wk": "week", "wks": "week",
    "fortnight": "fortnight", "fortnights": "fortnight",
    "month": "month", "months": "month", "mo": "month", "mos": "month", "mth": "month", "mths": "month",
    "quarter": "quarter", "quarters": "quarter", "qtr": "quarter", "qtrs": "quarter",
    "year": "year", "years": "year", "yr": "year", "yrs": "year",
}  # fmt: skip
_UNIT = "|".join(re.escape(word).replace(r"\ ", r"\s") for word in sorted(UNIT_OF, key=len, reverse=True))
_COUNT = rf"\d+(?:\.\d+)?|{WORD_NUMBER}|an?|a\scouple\sof|a\sfew|several"
AMOUNT = (
    rf"(?i:(?<![\w.,$€£¥])(?:(?P<half>half\san?)\s(?P<half_unit>hour|day|year|minute)"
    r"|(?P<quarters>a|one|three)\squarters?\sof\san?\shour"  # a quarter of an hour: not a quarter (of a year)
    rf"|(?P<n>{_COUNT})(?:\s|-)?(?P<unit>{_UNIT})(?P<and_half>\sand\sa\shalf)?"
    rf"|(?P<hn>\d{{1,3}})(?P<h>h)))(?![\w])"  # 2h, 24h: an hour written h only glued to its digits
)
_ROUGH = {"a few": 3, "several": 3, "a couple of": 2}


def _duration(parts, chart) -> Duration | None:
    match: re.Match = parts[0]
    if match.group("half"):
        return Duration(0.5, UNIT_OF[match.group("half_unit").lower()])
    if match.group("quarters"):
        return Duration(45 if match.group("quarters").lower() == "three" else 15, "minute")
    if match.group("h"):
        hours = int(match.group("hn"))
        return Duration(hours, "hour") if 0 < hours <= 72 else None
    count, unit_word = " ".join(match.group("n").lower().split()), " ".join(match.group("unit").lower().split())
    unit = UNIT_OF[unit_word]
    if unit == "fortnight":
        unit, scale = "week", 2
    else:
        scale = 1
    if count in _ROUGH:
        amount = _ROUGH[count]
        return Duration(amount * scale, unit, approximate=count != "a couple of")
    try:
        amount = 1 if count in ("a", "an") else float(parse_number(count))
    except Exception:
        return None
    if amount <= 0:
        return None
    if match.group("and_half"):
        amount += 0.5
    amount *= scale
    return Duration(int(amount) if float(amount).is_integer() else amount, unit)


GRAMMAR = (Rule("duration.en.amount", "duration", (Regex(AMOUNT),), _duration),)
