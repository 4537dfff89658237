#!/usr/bin/env python3
"""Build extractor/data/claims/holidays_world.json: holiday names → the country whose calendar dates them.

    .venv/bin/pip install holidays && .venv/bin/python training/build_holiday_index.py

The `holidays` package (MIT) knows the public holidays of some 200 countries, including the Islamic,
Hebrew, Hindu and Buddhist ones (Eid al-Fitr, Rosh Hashanah, Diwali, Vesak) that no fixed rule dates.
This script lists every English holiday name it gives and keeps the names that mean one day wherever
they appear: every country that has the name puts it on the same date in each of the sample years.
"Independence Day" or "National Day", which each country dates differently, are left out. A name that
countries date differently by a day or two (a moon sighted on different evenings: Eid al-Fitr, Diwali)
is kept when a country of REFERENCE has it, and dated by that country's calendar. At run time
the date rules ask `holidays` for the one country recorded here (claims/date/en.py, date.en.world_holiday).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "extractor" / "data" / "claims" / "holidays_world.json"
YEARS = (2024, 2026, 2027)
# Whose calendar dates a holiday that countries date differently: India for the Hindu, Sikh and Jain days,
# Israel for the Hebrew ones, Saudi Arabia and the UAE for the Islamic ones, then a few English-speaking
# countries. The first of them that has the name is recorded.
REFERENCE = ("IN", "IL", "SA", "AE", "ID", "US", "GB", "AU", "CA")
# Names that are no single day someone would cite: substitutes, bridges, observed days, weekends.
SKIP_WORDS = r"observed|bridge|day off|substitute|holiday for|sunday|saturday|\bin lieu\b|alternative"
SKIP = re.compile(SKIP_WORDS + r"|\(|\)", re.I)
# A calendar's name that holds other names: "Ganesh Chaturthi / Vinayak Chaturthi", "Janmashtami (Vaishnava)",
# "Karaka Chaturthi (Karwa Chouth)", "Pratihar Shashthi or Surya Shashthi (Chhath Puja)". Each part is a name
# of that day too (a derived name: used only where no calendar has it as a name of its own, so "Dussehra
# (Saptami)" does not redate Dussehra). A part in brackets must be a name of two or more words that is no
# count of days ("Second Day"): one word there qualifies the name before it (Vaishnava, Terai).
SKIP_DERIVED = re.compile(SKIP_WORDS, re.I)
BRACKETED = re.compile(r"(?P<name>.+?)\s\((?P<alias>[^()]+)\)")
# Derived names that name no one day: a day of a longer festival (Ekadashi comes twice a month; the calendar
# means Dashain's), or a description rather than a name.
DROP_DERIVED = {"Ekadashi", "Duwadashi", "Day of the Republic", "Three Kings' Day and Orthodox Christmas"}
ORDINAL_DAY = re.compile(r"\b(?:First|Second|Third|Fourth|Fifth|Last)\b|^Day$", re.I)


def derived_names(raw: str) -> list[str]:
    """The names inside one calendar name (see BRACKETED above); [] for a plain name."""
    if SKIP_DERIVED.search(raw) or not any(mark in raw for mark in (" / ", "(", " or ")):
        return []
    parts = []
    found = BRACKETED.fullmatch(raw)
    if found:
        alias = found.group("alias")
        if len(alias.split()) >= 2 and not ORDINAL_DAY.search(alias):
            parts.append(alias)
        raw = found.group("name")
    if "(" in raw or ")" in raw:
        return []
    for part in re.split(r"\s/\s|\sor\s", raw):
        parts.append(part.strip())
    return [part for part in parts if NAME.fullmatch(part) and len(part) >= 4 and part not in DROP_DERIVED]
ESTIMATED = re.compile(r"\s*\(estimated\)")
# A name must look like a holiday's name: capitalised words, a few small words between them.
NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s(?:[A-Z][\w'’.-]*|of|the|al|and|de|del|la|le|du|da|for|to|an|el))*")


def _spread(by_country: dict, year: int) -> int:
    """Days between the earliest and the latest date the countries give the name in ``year``."""
    import datetime as dt

    days = [dt.date.fromisoformat(day) for found in by_country.values() for y, day in found if y == year]
    return (max(days) - min(days)).days


def _country_calendar(holidays, code: str, year: int):
    """Every category the package keeps for the country (public, optional, school ...: Israel's optional
    days hold Hanukkah and Purim), in English where it has English names; None outside its tables."""
    import warnings

    categories = getattr(holidays.country_holidays(code).__class__, "supported_categories", None)
    for options in ({"language": "en_US"}, {}):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return holidays.country_holidays(code, years=year, categories=categories, **options)
        except Exception:
            continue
    return None


def main() -> None:
    import holidays

    dates: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    derived: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    raw_names: dict[tuple[str, str], str] = {}  # (derived name, country) -> the calendar's own name
    for code in sorted(holidays.list_supported_countries()):
        if len(code) != 2:
            continue
        for year in YEARS:
            calendar = _country_calendar(holidays, code, year)
            if calendar is None:
                continue
            for day, names in calendar.items():
                for name in names.split("; "):
                    name = ESTIMATED.sub("", name).strip()
                    for part in derived_names(name):
                        derived[part][code].add((year, day.isoformat()))
                        raw_names[part, code] = name
                    if SKIP.search(name) or not NAME.fullmatch(name) or len(name) < 4:
                        continue
                    dates[name][code].add((year, day.isoformat()))
    index = _consistent(dates)
    for name, code in _consistent({name: found for name, found in derived.items() if name not in dates}).items():
        index[name] = [code, raw_names[name, code]]
    payload = {
        "_comment": "English holiday names -> a country whose calendar in the holidays package (MIT) dates them "
        "(or [country, the calendar's own name] for a name found inside another: Janmashtami in 'Janmashtami "
        "(Vaishnava)'); only names that fall on the same day in every country that has them. Built by "
        "training/build_holiday_index.py; do not edit by hand.",
        "holidays": dict(sorted(index.items())),
    }
    OUT.write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(index)} names -> {OUT}")


def _consistent(dates: dict) -> dict:
    """The names that mean one day wherever they appear, each with the country whose calendar dates it."""
    index = {}
    for name, by_country in sorted(dates.items()):
        # A festival of several days (Hanukkah's eight) is dated by its first day each year.
        by_country = {code: {min(f for f in found if f[0] == year) for year in {y for y, _ in found}} for code, found in by_country.items()}
        complete = {code: found for code, found in by_country.items() if len(found) == len(YEARS)}  # one date a year
        if not complete:
            continue
        if len({frozenset(found) for found in complete.values()}) == 1:  # the same everywhere
            index[name] = sorted(complete)[0]
        else:  # dated differently: kept if every country keeps it within days (the moon sighted on other
            # evenings) and a reference country has it; "National Day" spreads over the year: other holidays
            references = {code: found for code, found in complete.items() if code in REFERENCE}
            if references and all(_spread(complete, year) <= 3 for year in YEARS):
                index[name] = next(code for code in REFERENCE if code in references)
    return index


if __name__ == "__main__":
    main()
