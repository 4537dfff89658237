"""The date policy (extractor/claims/date/resolve.py): one choice of reading for both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor import Extractor, extract
from extractor.claims.date import calendar as cal
from extractor.claims.date import resolve
from extractor.errors import UsageError

REFERENCE = dt.date(2026, 11, 24)  # a Tuesday


def _start(period) -> str:
    return period.start.isoformat()


@pytest.mark.parametrize(
    "prefer, march_first, wednesday, the_29th",
    [
        ("past", "2026-03-01", "2026-11-18", "2026-10-29"),
        ("future", "2027-03-01", "2026-11-25", "2026-11-29"),
        ("nearest", "2027-03-01", "2026-11-25", "2026-11-29"),
    ],
)
def test_resolve_policies_choose_among_the_readings_around_the_reference(prefer, march_first, wednesday, the_29th):
    march = resolve.pick_year(lambda y: cal.day(y, 3, 1), REFERENCE, prefer=prefer)
    assert _start(march) == march_first and march.relative
    assert _start(resolve.pick_weekday(REFERENCE, 2, prefer=prefer)) == wednesday
    assert _start(resolve.pick_day_of_month(REFERENCE, 29, prefer=prefer)) == the_29th


def test_resolve_lists_the_reading_not_taken_as_the_alternative():
    march = resolve.pick_year(lambda y: cal.day(y, 3, 1), REFERENCE, prefer="past")
    assert [_start(p) for p in march.alternatives] == ["2027-03-01"]
    assert march.as_dict()["alternatives"] == [{"start": "2027-03-01", "end": "2027-03-02", "grain": "day"}]
    explicit = resolve.pick_year(lambda y: cal.month(y, 5), REFERENCE, prefer="future", alternatives=False)
    assert explicit.alternatives == () and "alternatives" not in explicit.as_dict()


def test_resolve_a_reading_that_holds_the_reference_is_the_nearest_and_the_past_one():
    november = resolve.pick_year(lambda y: cal.month(y, 11), REFERENCE, prefer="nearest")
    assert _start(november) == "2026-11-01"
    assert _start(resolve.pick_weekday(REFERENCE, 1, prefer="past")) == "2026-11-24"  # Tuesday is today


def test_resolve_a_31st_skips_the_months_without_one():
    assert _start(resolve.pick_day_of_month(dt.date(2026, 3, 5), 31, prefer="past")) == "2026-01-31"
    assert _start(resolve.pick_day_of_month(dt.date(2026, 3, 5), 31, prefer="future")) == "2026-03-31"


def test_resolve_news_default_reads_the_tense_of_the_dates_own_clause():
    document = extract("公司表示，将于三月一日发布新品；周三的发布会上，高管回顾了营收。", ref_date="2026-11-24")
    readings = {claim.text: claim.value.start for claim in document.claims}
    assert readings["三月一日"] == "2027-03-01"  # its clause says 将于
    assert readings["周三"] == "2026-11-18"  # another clause: no future cue reaches it


def test_resolve_news_future_cue_does_not_beat_a_much_nearer_past_reading():
    document = extract("11 月 3 日，公司宣布新工厂投产将推迟至 2027 年。", ref_date="2025-11-05")
    assert document.claims[0].value.start == "2025-11-03"
    document = extract("11 月 3 日公司将宣布新工厂投产推迟。", ref_date="2025-11-05")
    assert document.claims[0].value.start == "2025-11-03"  # two days ago beats a year ahead, cue or not
    english = extract("The company will report results on March 3.", ref_date="2026-11-24")
    assert english.claims[0].value.start == "2027-03-03"


def test_resolve_policy_is_one_option_for_both_languages_and_the_cli(run_cli, tmp_path):
    for text in ("周三开会。", "The meeting is on Wednesday."):
        assert Extractor(prefer_dates="future").extract(text, ref_date="2026-11-24").claims[0].value.start == "2026-11-25"
        assert Extractor(prefer_dates="past").extract(text, ref_date="2026-11-24").claims[0].value.start == "2026-11-18"
    with pytest.raises(UsageError):
        Extractor(prefer_dates="sometimes")
    article = tmp_path / "a.txt"
    article.write_text("周三开会。", encoding="utf-8")
    result = run_cli("extract", str(article), "--ref-date", "2026-11-24", "--prefer-dates", "future")
    assert result.returncode == 0
    import json

    value = json.loads(result.stdout)["claims"][0]["value"]
    assert value["start"] == "2026-11-25" and value["alternatives"][0]["start"] == "2026-11-18"
    bad = run_cli("extract", str(article), "--prefer-dates", "sometimes")
    assert bad.returncode == 2 and b"invalid date preference" in bad.stderr


@pytest.mark.parametrize(
    "policy, expected, other",
    [
        ("past", "2013-02-12T03:15:00", "2013-02-12T15:15:00"),
        ("news", "2013-02-12T03:15:00", "2013-02-12T15:15:00"),
        ("future", "2013-02-12T15:15:00", "2013-02-12T03:15:00"),
        ("nearest", "2013-02-12T03:15:00", "2013-02-12T15:15:00"),
    ],
)
def test_a_clock_time_without_half_of_day_follows_the_policy_at_the_reference_time(policy, expected, other):
    document = Extractor(prefer_dates=policy).extract("会议定在3:15。", ref_date="2013-02-12T04:30", lang="zh")
    (claim,) = document.claims
    assert claim.value.start == expected
    assert [reading.start for reading in claim.value.alternatives] == [other]


def test_a_clock_time_with_its_half_of_day_or_a_date_alone_has_no_alternatives():
    for text, ref in (("会议定在下午3:15。", "2013-02-12T04:30"), ("会议定在3:15。", "2013-02-12")):
        (claim,) = Extractor().extract(text, ref_date=ref, lang="zh").claims
        assert claim.value.alternatives is None
