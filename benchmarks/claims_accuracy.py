#!/usr/bin/env python3
"""Value accuracy of the claim extractors on the converted Recognizers-Text specs.

    .venv/bin/python benchmarks/claims_accuracy.py                     # table on stdout
    .venv/bin/python benchmarks/claims_accuracy.py --json out.json     # + machine-readable results
    .venv/bin/python benchmarks/claims_accuracy.py --show-errors 10 --files zh__datetime
    .venv/bin/python benchmarks/claims_accuracy.py --files duckling --prefer-dates future   # the suite's convention

Data: ``../shared/data/claims/*.jsonl`` next to the repository (see that folder's README.md), or
``--data DIR``. When the folder is absent the benchmark prints one line and exits 0.

Every file is scored on its own (the files follow Recognizers' conventions, not ours, so figures are
never pooled across files):

- items: gold mentions of the file's kind that carry a value; span recall = share of them overlapped
  by one of our claims of the matching kind; value accuracy = share for which an overlapping claim has
  a matching value (see README.md in this folder for the exact rules per kind);
- negative cases: cases whose ``expected`` is ``[]``; neg-FP = share of them where we emit at least
  one claim of that kind;
- number / numberrange files have no claim kind of ours: they are scored against claims of any kind
  (``amount`` vs value, ``min``/``max`` vs the range) and are informational only.

The datetime files also get a breakdown of the gold date items by subtype, modifier and flags (the
``flags`` field marks cases that other Recognizers ports fail).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Optional

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "claims"

# suite (last part of the file name) -> (our claim kind or None for "any kind", the gold kind scored)
SUITES = {
    "currency": ("money", "money"),
    "percent": ("percent", "percent"),
    "dimension": ("quantity", "quantity"),
    "datetime": ("date", "date"),
    "number": (None, "number"),
    "numberrange": (None, "number_range"),
    # Duckling's Chinese corpora (task "parse": the whole text is one expression)
    "time": ("date", "date"),
    "money": ("money", "money"),
    "quantity": ("quantity", "quantity"),
}
REL_TOL = 1e-6
SUB_UNITS = {"Cent", "Pence", "Penny"}  # gold amount is in hundredths; we may say 0.5 USD for "50 cents"
ISO_CODE = re.compile(r"^[A-Z]{3}$")
REF_ANCHORS = ("PRESENT_REF", "FUTURE_REF", "PAST_REF")

# ---------------------------------------------------------------------------------------------------
# Temporal values: ISO dates, datetimes and bare times ("17:00:00", used by Recognizers for time items)

_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?)?)?)?")
_TIME_RE = re.compile(r"^\s*T?(\d{2}):(\d{2})(?::(\d{2}))?\s*$")


def parse_temporal(value: Any) -> Optional[tuple[str, Any]]:
    """``("date", date)``, ``("datetime", datetime)``, ``("time", time)`` or None if unparseable."""
    if not isinstance(value, str):
        return None
    m = _DATE_RE.match(value)
    if m:
        y, mo, d, hh, mi, ss = m.groups()
        # Duckling's month and year grains came through the conversion as day or month 00
        # ("2012-12-00", "2011-00-00"): the first day of that month or year.
        mo, d = mo if mo != "00" else "01", d if d != "00" else "01"
        try:
            if hh is None:
                return "date", dt.date(int(y), int(mo), int(d))
            return "datetime", dt.datetime(int(y), int(mo), int(d), int(hh), int(mi or 0), int(ss or 0))
        except ValueError:
            return None
    m = _TIME_RE.match(value)
    if m:
        try:
            return "time", dt.time(int(m.group(1)) % 24, int(m.group(2)), int(m.group(3) or 0))
        except ValueError:
            return None
    return None


def _as_datetime(parsed: tuple[str, Any]) -> Optional[dt.datetime]:
    kind, v = parsed
    if kind == "datetime":
        return v
    if kind == "date":
        return dt.datetime(v.year, v.month, v.day)
    return None


def _seconds_of_day(t: dt.time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def same_instant(gold: Optional[str], ours: Optional[str]) -> bool:
    """One side of an interval: None matches None; a gold date compares on the date (ISO prefix), a gold
    datetime to the second (±1 s, so Recognizers' 23:59:59 ends equal our next-day 00:00), a gold time of
    day against the time part of our datetime."""
    if gold is None or ours is None:
        return gold is None and ours is None
    g, o = parse_temporal(gold), parse_temporal(ours)
    if g is None or o is None:
        return False
    if g[0] == "date":
        return o[0] in ("date", "datetime") and _as_datetime(o).date() == g[1]
    if g[0] == "datetime":
        od = _as_datetime(o)
        return od is not None and abs((od - g[1]).total_seconds()) <= 1
    # a time of day: our value must carry a time
    if o[0] == "time":
        ot = o[1]
    elif o[0] == "datetime":
        ot = o[1].time()
    else:
        return False
    diff = abs(_seconds_of_day(ot) - _seconds_of_day(g[1]))
    return min(diff, 86400 - diff) <= 1


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _is_day_sized(value: Any) -> bool:
    if value.grain == "day":
        return True
    s, e = parse_temporal(value.start), parse_temporal(value.end)
    if s and e and s[0] != "time" and e[0] != "time":
        return _as_datetime(e) - _as_datetime(s) == dt.timedelta(days=1)
    return value.end is None and value.grain is None


_RANGE_WORDS = re.compile(
    r"到|至|~|～|-|–|—|－|之间|之間|\b(?:to|through|thru|till|until|between)\b", re.IGNORECASE
)


def _inclusive_end_variants(item: dict, end: Optional[str]) -> list[str]:
    """Recognizers ends an explicit from–to range at the *start* of the last named unit ("1995-1997年" →
    [1995-01-01, 1997-01-01)); the natural reading includes it ([1995-01-01, 1998-01-01)). For explicit
    date ranges we also accept the end moved by one day, month, quarter or year; such matches are counted
    separately (``matched_incl_end``)."""
    timex = item.get("timex") or ""
    if not (end and timex.startswith("(") and _RANGE_WORDS.search(item["text"])):
        return []
    duration = timex.rstrip(")").rsplit(",", 1)[-1]
    parsed = parse_temporal(end)
    if "T" in duration or not parsed or parsed[0] != "date":
        return []
    d = parsed[1]
    try:
        cands = [d + dt.timedelta(days=1), _add_months(d, 1), _add_months(d, 3), _add_months(d, 12)]
    except (ValueError, OverflowError):
        return []
    return [c.isoformat() for c in cands]


def _gold_readings(item: dict) -> list[tuple[str, Optional[str], Optional[str]]]:
    """Every acceptable reading of a gold date item: ("point", value, None) or ("range", start, end)."""
    readings = []
    sources = [{"value": item.get("value"), "start": item.get("min"), "end": item.get("max")}]
    sources += item.get("alternatives") or []
    for src in sources:
        value = src.get("value")
        if src.get("start") is not None or src.get("end") is not None:
            reading = ("range", src.get("start"), src.get("end"))
        elif isinstance(value, str) and parse_temporal(value):
            reading = ("point", value, None)
        else:
            continue
        if reading not in readings:
            readings.append(reading)
    return readings


def date_match(item: dict, value: Any) -> Optional[str]:
    """'exact', 'incl_end' (matched only with the inclusive-end reading of a from–to range) or None."""
    if value is None:
        return None
    for kind, a, b in _gold_readings(item):
        if kind == "point":
            g = parse_temporal(a)
            if g[0] == "date" and not _is_day_sized(value):
                continue
            if same_instant(a, value.start):
                return "exact"
        else:
            if same_instant(a, value.start) and same_instant(b, value.end):
                return "exact"
    for kind, a, b in _gold_readings(item):
        if kind == "range" and same_instant(a, value.start):
            if any(same_instant(v, value.end) for v in _inclusive_end_variants(item, b)):
                return "incl_end"
        # Open ends: "X或之前 / on or before X" — Recognizers ends at the start of X, we end after X
        # (it is included); "X之后 / after X" — Recognizers starts at X, we start where X ends. The same
        # one-unit allowance as for from–to ranges, counted with them.
        if kind == "range" and a is None and value.start is None and b and value.end:
            if any(same_instant(v, value.end) for v in _unit_later(b)):
                return "incl_end"
        if kind == "range" and b is None and value.end is None and a and value.start:
            if any(same_instant(v, value.start) for v in _unit_later(a)):
                return "incl_end"
    return None


def _unit_later(moment: str) -> list[str]:
    parsed = parse_temporal(moment)
    if not parsed or parsed[0] != "date":
        return []
    d = parsed[1]
    try:
        return [c.isoformat() for c in (d + dt.timedelta(days=1), _add_months(d, 1), _add_months(d, 3), _add_months(d, 12))]
    except (ValueError, OverflowError):
        return []


def with_offset(reference: Optional[str], hours: Optional[float]) -> Optional[str]:
    """The case's reference date-time with the UTC offset its suite states (Duckling's: UTC-2), so that a
    clock time the text places in a zone (4pm CET) is read on the reference's clock, as the gold is."""
    if not reference or hours is None or len(reference) <= 10:
        return reference
    minutes = int(round(hours * 60))
    sign = "+" if minutes >= 0 else "-"
    return f"{reference}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def date_resolvable(item: dict) -> bool:
    return bool(_gold_readings(item))


def needs_ref_clock(case: dict, item: dict) -> bool:
    """The gold value depends on the reference *time* (now, 5 minutes ago, last hour); our API only takes
    a reference date, so such items cannot match unless the reference time is midnight. Recognizers marks
    them with a *_REF anchor, a date-only timex with a datetime value, or a to-the-second datetime in the
    timex whose clock time is not written in the text (heuristic)."""
    ref = case.get("reference_datetime") or ""
    if not ref or ref.endswith("T00:00:00"):
        return False
    timex = item.get("timex") or ""
    if any(a in timex for a in REF_ANCHORS):
        return True
    values = (item.get("value"), item.get("min"), item.get("max"))
    if "T" not in timex and any(isinstance(v, str) and "T" in v for v in values):
        return True
    text = unicodedata.normalize("NFKC", item["text"])
    for m in re.finditer(r"\d{4}-\d\d-\d\dT(\d\d):(\d\d):\d\d", timex):
        hh, mm = m.groups()
        if f"{hh}:{mm}" != "23:59" and f"{hh}:{mm}" not in text and f"{int(hh)}:{mm}" not in text:
            return True
    return False


# ---------------------------------------------------------------------------------------------------
# Numbers


def num_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return False
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b)) or a == b


def gold_number_fields(item: dict) -> dict[str, float]:
    fields = {}
    for gold_key, our_key in (("value", "amount"), ("min", "min"), ("max", "max")):
        v = item.get(gold_key)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            fields[our_key] = float(v)
    return fields


def numbers_match(fields: dict[str, float], value: Any, scale: float = 1.0) -> Optional[str]:
    """'exact' when every gold field equals ours; 'bound' when the gold point value equals our ``min`` or
    ``max`` and we have no ``amount``: Recognizers leaves "more than"/超过 out of its span and gives the
    bare number, where we read a bound."""
    if not fields or value is None:
        return None
    if all(num_eq(getattr(value, k, None), v * scale) for k, v in fields.items()):
        return "exact"
    if set(fields) == {"amount"} and getattr(value, "amount", None) is None:
        point = fields["amount"] * scale
        if num_eq(getattr(value, "min", None), point) or num_eq(getattr(value, "max", None), point):
            return "bound"
    return None


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s)).lower()


def unit_loosely_ok(item: dict, value: Any) -> bool:
    """Our unit is 'as written' (README): it should occur in the gold span (NFKC, case-insensitive)."""
    unit = getattr(value, "unit", None)
    return bool(unit) and _norm(unit) in _norm(item["text"])


def value_match(gold_kind: str, item: dict, value: Any) -> Optional[str]:
    """None, or how ``value`` (one of our claim values) fits the item: 'exact', 'incl_end' (dates: the
    inclusive end of a from–to range) or 'bound' (numbers: our min/max equals the gold point value)."""
    if value is None:
        return None
    if gold_kind == "date":
        return date_match(item, value)
    fields = gold_number_fields(item)
    if gold_kind == "money":
        unit = item.get("unit") or ""
        if ISO_CODE.match(unit) and getattr(value, "currency", None) != unit:
            return None
        match = numbers_match(fields, value)
        if match is None and unit in SUB_UNITS:
            match = numbers_match(fields, value, scale=0.01)
        return match
    return numbers_match(fields, value)


def item_scored(gold_kind: str, item: dict) -> bool:
    """A gold item of the file's kind that carries a value we can compare with."""
    if item.get("kind") != gold_kind:
        return False
    if gold_kind == "date":
        return date_resolvable(item)
    return bool(gold_number_fields(item))


# ---------------------------------------------------------------------------------------------------
# Running


def suite_of(path: Path, cases: list[dict]) -> Optional[str]:
    name = path.stem.split("__")[-1]
    if name in SUITES:
        return name
    if cases:
        name = str(cases[0].get("suite", "")).rsplit("/", 1)[-1]
        if name in SUITES:
            return name
    return None


def load_cases(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def oracle_claims(case: dict, gold_kind: str) -> list[Any]:
    """Scorer self-check (``--oracle``): the gold items turned into claims in our conventions."""
    from extractor.schema import (
        DateClaim,
        DateValue,
        MoneyClaim,
        MoneyValue,
        PercentClaim,
        PercentValue,
        QuantityClaim,
        QuantityValue,
    )

    ref = (case.get("reference_datetime") or "2000-01-01T00:00:00")[:10]
    claims = []
    for i, item in enumerate(case["expected"]):
        if not item_scored(gold_kind, item):
            continue
        common = dict(id=f"c{i}", sentence=0, start=item["start"], end=item["end"], text=item["text"])
        fields = gold_number_fields(item)
        if gold_kind == "money":
            unit = item.get("unit") or ""
            currency = unit if ISO_CODE.match(unit) else None
            claims.append(MoneyClaim(**common, value=MoneyValue(currency=currency, **fields)))
        elif gold_kind == "percent":
            claims.append(PercentClaim(**common, value=PercentValue(**fields)))
        elif gold_kind == "date":
            kind, a, b = _gold_readings(item)[0]

            def with_ref(s: Optional[str]) -> Optional[str]:
                p = parse_temporal(s) if s else None
                return f"{ref}T{s}" if p and p[0] == "time" else s

            if kind == "point" and parse_temporal(a)[0] == "date":
                end = (parse_temporal(a)[1] + dt.timedelta(days=1)).isoformat()
                value = DateValue(start=a, end=end, grain="day")
            elif kind == "point":
                value = DateValue(start=with_ref(a), grain="minute")
            else:
                value = DateValue(start=with_ref(a), end=with_ref(b), grain="range")
            claims.append(DateClaim(**common, value=value))
        else:
            claims.append(QuantityClaim(**common, value=QuantityValue(unit=item["text"], **fields)))
    return claims


def _ratio(num: int, den: int) -> Optional[float]:
    return round(num / den, 4) if den else None


def _fmt_value(value: Any) -> str:
    if value is None:
        return "value=null"
    data = value.model_dump(exclude_defaults=True) if hasattr(value, "model_dump") else dict(value)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _fmt_gold(item: dict) -> str:
    parts = [f"{item['text']!r} [{item['start']},{item['end']})", f"kind={item.get('kind')}"]
    if item.get("subtype"):
        parts.append(f"subtype={item['subtype']}")
    if item.get("value") is not None:
        parts.append(f"value={item['value']}")
    if item.get("min") is not None or item.get("max") is not None:
        parts.append(f"range=[{item.get('min')}, {item.get('max')})")
    if item.get("unit"):
        parts.append(f"unit={item['unit']}")
    if item.get("modifier"):
        parts.append(f"mod={item['modifier']}")
    alts = item.get("alternatives") or []
    if len(alts) > 1:
        shown = [a.get("value") or f"[{a.get('start')}, {a.get('end')})" for a in alts]
        parts.append("alts=" + " | ".join(str(s) for s in shown))
    return " ".join(parts)


def _fmt_claims(claims: list[Any]) -> str:
    if not claims:
        return "(none)"
    return "; ".join(f"{c.kind} {c.text!r} [{c.start},{c.end}) {_fmt_value(c.value)}" for c in claims)


class Bucket:
    """Counts for one group of gold items."""

    def __init__(self) -> None:
        self.items = self.span = self.exact_span = self.value = self.unit_ok = 0
        self.variants: Counter = Counter()  # matches other than 'exact': incl_end, bound

    def add(self, overlapped: bool, exact_span: bool, match: Optional[str], unit_ok: bool = False) -> None:
        self.items += 1
        self.span += overlapped
        self.exact_span += exact_span
        self.value += match is not None
        if match and match != "exact":
            self.variants[match] += 1
        self.unit_ok += unit_ok

    def to_json(self, with_unit: bool = False) -> dict:
        out = {
            "items": self.items,
            "span_recall": _ratio(self.span, self.items),
            "exact_span": _ratio(self.exact_span, self.items),
            "value_accuracy": _ratio(self.value, self.items),
            "matched": self.value,
        }
        for variant, n in sorted(self.variants.items()):
            out[f"matched_{variant}"] = n
        if with_unit:
            out["value_and_unit_accuracy"] = _ratio(self.unit_ok, self.items)
        return out


def score_file(path: Path, extractor: Any, show_errors: int, oracle: bool) -> Optional[dict]:
    cases = load_cases(path)
    suite = suite_of(path, cases)
    if suite is None:
        return None
    our_kind, gold_kind = SUITES[suite]
    started = time.perf_counter()
    total = Bucket()
    unflagged = Bucket()
    by_subtype: dict[str, Bucket] = defaultdict(Bucket)
    by_subtype_unflagged: dict[str, Bucket] = defaultdict(Bucket)
    by_modifier: dict[str, Bucket] = defaultdict(Bucket)
    clock = Bucket()
    no_value: Counter = Counter()  # gold items of the kind without a comparable value, by subtype
    no_value_overlapped = 0
    other: Counter = Counter()  # gold items of other kinds (duration, set, currency_unit_only ...)
    other_overlapped: Counter = Counter()
    negatives = neg_fp = spurious = errors = 0
    first_error: Optional[str] = None
    mismatches: list[dict] = []

    for case in cases:
        raw = case.get("reference_raw")
        ref = with_offset(case.get("reference_datetime"), raw.get("tz_offset_hours") if isinstance(raw, dict) else None)
        try:
            if oracle:
                claims = oracle_claims(case, gold_kind)
            else:
                doc = extractor.extract(case["text"], ref_date=ref, lang=case.get("lang"))
                claims = list(doc.claims)
        except Exception as exc:  # a crash must not stop the benchmark; it counts as "no claims"
            errors += 1
            first_error = first_error or f"{case['id']}: {exc!r}"
            claims = []
            if len(mismatches) < show_errors:
                mismatches.append({"id": case["id"], "text": case["text"], "error": repr(exc)})
        ours = [c for c in claims if our_kind is None or c.kind == our_kind]
        flagged = bool(case.get("flags"))
        expected = case.get("expected") or []

        if not expected:
            negatives += 1
            if ours:
                neg_fp += 1
                if len(mismatches) < show_errors:
                    mismatches.append({"id": case["id"], "text": case["text"], "gold": "[] (negative case)",
                                       "ours": _fmt_claims(ours)})
            continue

        for c in ours:
            if not any(overlaps(c.start, c.end, g["start"], g["end"]) for g in expected):
                spurious += 1

        for item in expected:
            hits = [c for c in ours if overlaps(c.start, c.end, item["start"], item["end"])]
            if item.get("kind") != gold_kind:
                other[item.get("kind")] += 1
                other_overlapped[item.get("kind")] += bool(hits)
                continue
            subtype = (item.get("subtype") or "").replace("datetimeV2.", "")
            if not item_scored(gold_kind, item):
                no_value[subtype if gold_kind == "date" else "unit-only"] += 1
                no_value_overlapped += bool(hits)
                continue
            exact_span = any(c.start == item["start"] and c.end == item["end"] for c in hits)
            # the best of our overlapping claims: an exact match beats a variant
            matches = [value_match(gold_kind, item, c.value) for c in hits]
            match = "exact" if "exact" in matches else next((m for m in matches if m), None)
            unit_ok = gold_kind == "quantity" and any(
                value_match(gold_kind, item, c.value) and unit_loosely_ok(item, c.value) for c in hits
            )
            args = (bool(hits), exact_span, match, unit_ok)
            total.add(*args)
            if not flagged:
                unflagged.add(*args)
            if gold_kind == "date":
                by_subtype[subtype].add(*args)
                if not flagged:
                    by_subtype_unflagged[subtype].add(*args)
                by_modifier[item.get("modifier") or "(none)"].add(*args)
                if needs_ref_clock(case, item):
                    clock.add(*args)
            if match is None and len(mismatches) < show_errors:
                mismatches.append({"id": case["id"], "text": case["text"], "flags": case.get("flags") or None,
                                   "ref": ref, "gold": _fmt_gold(item), "ours": _fmt_claims(hits)})

    lang = cases[0].get("lang") if cases else None
    result: dict[str, Any] = {
        "file": path.name,
        "suite": suite,
        "lang": lang,
        "our_kind": our_kind or "any",
        "gold_kind": gold_kind,
        "informational": our_kind is None,
        "cases": len(cases),
        **total.to_json(with_unit=gold_kind == "quantity"),
        "unflagged": unflagged.to_json(with_unit=gold_kind == "quantity"),
        "negative_cases": negatives,
        "negative_fp": neg_fp,
        "negative_fp_rate": _ratio(neg_fp, negatives),
        "spurious_claims": spurious,
        "gold_without_value": dict(no_value),
        "gold_without_value_overlapped": no_value_overlapped,
        "other_gold": {k: {"items": v, "overlapped": other_overlapped[k]} for k, v in other.items()},
        "extract_errors": errors,
        "first_error": first_error,
        "seconds": round(time.perf_counter() - started, 2),
    }
    if gold_kind == "date":
        result["date_breakdown"] = {
            "by_subtype": {k: {**b.to_json(), "unflagged": by_subtype_unflagged[k].to_json()}
                           for k, b in sorted(by_subtype.items(), key=lambda kv: -kv[1].items)},
            "by_modifier": {k: b.to_json() for k, b in sorted(by_modifier.items(), key=lambda kv: -kv[1].items)},
            "needs_reference_time": clock.to_json(),
            "flags": date_flag_counts(cases, gold_kind),
        }
    if show_errors:
        result["mismatches"] = mismatches
    return result


def date_flag_counts(cases: list[dict], gold_kind: str) -> dict[str, int]:
    """Gold date items per port named in the case's NotSupported flags (the ports that fail it)."""
    counts: Counter = Counter()
    for case in cases:
        n = sum(1 for it in case.get("expected") or [] if item_scored(gold_kind, it))
        if not n:
            continue
        flags = case.get("flags") or {}
        if not flags:
            counts["(no flag)"] += n
        for key, ports in flags.items():
            for port in re.split(r"[,\s]+", str(ports)):
                if port:
                    counts[f"{key}:{port.lower()}"] += n
    return dict(counts.most_common())


# ---------------------------------------------------------------------------------------------------
# Output


def _pct(x: Optional[float]) -> str:
    return "-" if x is None else f"{100 * x:5.1f}%"


def print_table(results: list[dict]) -> None:
    head = (f"{'file':<16} {'kind':<9} {'cases':>5} {'items':>5} {'span':>7} {'exact':>7} {'value':>7} "
            f"{'v.unfl':>7} {'neg':>4} {'neg-FP':>7} {'spur':>5}")
    print(head)
    print("-" * len(head))
    for r in results:
        label = r["file"].replace("recognizers__", "").replace(".jsonl", "").replace("__", "/")
        kind = r["our_kind"] + ("*" if r["informational"] else "")
        print(f"{label:<16} {kind:<9} {r['cases']:>5} {r['items']:>5} {_pct(r['span_recall']):>7} "
              f"{_pct(r['exact_span']):>7} {_pct(r['value_accuracy']):>7} "
              f"{_pct(r['unflagged']['value_accuracy']):>7} {r['negative_cases']:>4} "
              f"{_pct(r['negative_fp_rate']):>7} {r['spurious_claims']:>5}")
        notes = []
        if r.get("value_and_unit_accuracy") is not None:
            notes.append(f"value+unit {_pct(r['value_and_unit_accuracy']).strip()}")
        if r.get("matched_incl_end"):
            notes.append(f"{r['matched_incl_end']} matched only with an inclusive boundary (range end, or-before, after)")
        if r.get("matched_bound"):
            notes.append(f"{r['matched_bound']} matched as a bound (our min/max = the gold point value)")
        if r["gold_without_value"]:
            nv = ", ".join(f"{v} {k}" for k, v in r["gold_without_value"].items())
            notes.append(f"not scored (gold has no value): {nv}")
        if r["other_gold"]:
            og = ", ".join(f"{v['items']} {k}" for k, v in r["other_gold"].items())
            notes.append(f"other gold kinds, not scored: {og}")
        if r["extract_errors"]:
            notes.append(f"{r['extract_errors']} extraction errors, first: {r['first_error']}")
        for note in notes:
            print(f"{'':<16}   {note}")
    print()
    print("items = gold mentions of the kind with a value; span = overlapped by our claim of that kind; "
          "exact = same offsets;\nvalue = value accuracy (the acceptance figure; for datetime: gold date "
          "items); v.unfl = value accuracy on\ncases without NotSupported flags; neg-FP = share of negative "
          "cases where we emit that kind; spur = our\nclaims overlapping no gold item. * = no claim kind of "
          "ours: scored against any claim, informational.")


def print_date_breakdown(r: dict) -> None:
    b = r["date_breakdown"]
    label = r["file"].replace("recognizers__", "").replace(".jsonl", "").replace("__", "/")
    print()
    print(f"{label}: gold date items by subtype")
    head = f"  {'subtype':<16} {'items':>5} {'unfl.':>5} {'span':>7} {'value':>7} {'v.unfl':>7} {'no-value':>8}"
    print(head)
    nv = r["gold_without_value"]
    for sub, s in b["by_subtype"].items():
        print(f"  {sub:<16} {s['items']:>5} {s['unflagged']['items']:>5} {_pct(s['span_recall']):>7} "
              f"{_pct(s['value_accuracy']):>7} {_pct(s['unflagged']['value_accuracy']):>7} {nv.get(sub, 0):>8}")
    for sub, n in nv.items():
        if sub not in b["by_subtype"]:
            print(f"  {sub:<16} {0:>5} {'':>5} {'':>7} {'':>7} {'':>7} {n:>8}")
    print(f"  {'all date items':<16} {r['items']:>5} {r['unflagged']['items']:>5} {_pct(r['span_recall']):>7} "
          f"{_pct(r['value_accuracy']):>7} {_pct(r['unflagged']['value_accuracy']):>7} {sum(nv.values()):>8}")
    mods = ", ".join(f"{k} {v['items']} ({_pct(v['value_accuracy']).strip()})"
                     for k, v in b["by_modifier"].items() if k != "(none)")
    if mods:
        print(f"  by modifier (items, value acc): {mods}")
    clock = b["needs_reference_time"]
    if clock["items"]:
        print(f"  {clock['items']} items depend on the reference *time* (now, in 5 minutes, last hour); our API "
              f"takes a date: value acc {_pct(clock['value_accuracy']).strip()}")
    flags = ", ".join(f"{k} {v}" for k, v in b["flags"].items())
    print(f"  date items by flag: {flags}")
    if r["other_gold"]:
        og = ", ".join(f"{k} {v['items']} (overlapped by our date claims: {v['overlapped']})"
                       for k, v in r["other_gold"].items())
        print(f"  not scored: {og}")


def print_mismatches(r: dict) -> None:
    if not r.get("mismatches"):
        return
    print()
    print(f"== {r['file']}: first {len(r['mismatches'])} mismatches")
    for m in r["mismatches"]:
        text = m["text"] if len(m["text"]) <= 160 else m["text"][:157] + "..."
        extra = f" ref={m['ref']}" if m.get("ref") else ""
        extra += f" flags={m['flags']}" if m.get("flags") else ""
        print(f"- {m['id']}{extra}\n    text: {text!r}")
        if "error" in m:
            print(f"    error: {m['error']}")
            continue
        print(f"    gold: {m['gold']}\n    ours: {m['ours']}")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"data folder (default: {DEFAULT_DATA})")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the results as JSON to OUT")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="print up to N mismatches per file (text, gold, our claims)")
    parser.add_argument("--files", action="append", default=[], metavar="SUBSTR",
                        help="only files whose name contains SUBSTR (repeatable), e.g. zh__datetime")
    parser.add_argument("--oracle", action="store_true",
                        help="scorer self-check: feed the gold items back as claims (expect ~100%%)")
    parser.add_argument("--prefer-dates", default=None, metavar="POLICY",
                        help="date policy for every file (news, past, future, nearest); Duckling's suites "
                             "resolve to the next occurrence: compare with --prefer-dates future")
    args = parser.parse_args(argv)

    if not args.data.is_dir():
        print(f"claims_accuracy: data folder {args.data} not found; skipping.")
        return 0
    paths = sorted(p for p in args.data.glob("*.jsonl") if not args.files or any(s in p.name for s in args.files))
    if not paths:
        print(f"claims_accuracy: no matching *.jsonl in {args.data}; skipping.")
        return 0

    extractor = None
    if not args.oracle:
        from extractor import Extractor

        extractor = Extractor(include_text=False, entities=False, prefer_dates=args.prefer_dates)
    started = time.perf_counter()
    results = [r for p in paths if (r := score_file(p, extractor, max(args.show_errors, 0), args.oracle))]
    # zh before en within a suite, suites in the order of SUITES
    order = {s: i for i, s in enumerate(SUITES)}
    results.sort(key=lambda r: (order[r["suite"]], r["lang"] != "zh", r["file"]))

    if args.json:
        from importlib.metadata import PackageNotFoundError, version

        try:
            ext_version = version("extractor")
        except PackageNotFoundError:
            ext_version = None
        payload = {
            "benchmark": "claims_accuracy",
            "data": str(args.data),
            "extractor_version": ext_version,
            "oracle": args.oracle,
            "seconds": round(time.perf_counter() - started, 2),
            "files": {r["file"]: r for r in results},
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    print_table(results)
    for r in results:
        if r["gold_kind"] == "date":
            print_date_breakdown(r)
    for r in results:
        print_mismatches(r)
    elapsed = time.perf_counter() - started
    suffix = " (oracle self-check)" if args.oracle else ""
    print(f"\n{sum(r['cases'] for r in results)} cases in {elapsed:.1f} s{suffix}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
