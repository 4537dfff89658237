import datetime as dt

import pytest

from extractor import Document, Extractor, ExtractorError, extract
from extractor.errors import UsageError


def test_extract_returns_document_with_given_reference_date():
    doc = extract("公司营收达到 143 亿美元。", ref_date="2026-11-24")
    assert isinstance(doc, Document)
    assert doc.reference_date == "2026-11-24" and doc.reference_date_source == "given"
    assert doc.lang == "zh"
    assert doc.sentences[0].text == "公司营收达到 143 亿美元。"


def test_extract_accepts_date_objects():
    assert extract("x", ref_date=dt.date(2026, 1, 2)).reference_date == "2026-01-02"
    assert extract("x", ref_date=dt.datetime(2026, 1, 2, 9, 30)).reference_date == "2026-01-02"


def test_extract_without_reference_date():
    doc = extract("Shares rose.")
    assert doc.reference_date is None and doc.reference_date_source is None
    assert doc.lang == "en"


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "24/11/2026", 20261124, "2026-11-24T25:00", "2026-11-24 noon"])
def test_extract_rejects_bad_reference_date(bad):
    with pytest.raises(UsageError, match="invalid reference date"):
        extract("x", ref_date=bad)


@pytest.mark.parametrize(
    "ref", ["2026-11-24T09:30", "2026-11-24T09:30:00", "2026-11-24 09:30", "2026-11-24T09:30:00+08:00", dt.datetime(2026, 11, 24, 9, 30)]
)
def test_a_reference_with_a_clock_time_resolves_now_and_minutes_against_it(ref):
    document = extract("发言人称，现在系统已经恢复，预计20分钟后开放交易。", ref_date=ref, lang="zh")
    assert document.reference_date == "2026-11-24" and document.reference_time == "09:30:00"
    values = {claim.text: (claim.value.start, claim.value.grain) for claim in document.claims}
    assert values == {"现在": ("2026-11-24T09:30:00", "second"), "20分钟后": ("2026-11-24T09:50:00", "minute")}


def test_a_reference_date_alone_leaves_the_clock_time_out():
    document = extract("预计20分钟后开放交易。", ref_date="2026-11-24", lang="zh")
    assert document.reference_time is None
    (claim,) = document.claims
    assert (claim.value.start, claim.value.end, claim.value.approximate) == ("2026-11-24T00:20:00", "2026-11-25T00:20:00", True)


def test_extract_language_override_and_validation():
    assert extract("Shares rose.", lang="zh").lang == "zh"
    with pytest.raises(UsageError, match="invalid language"):
        extract("x", lang="fr")


def test_extract_rejects_non_text():
    with pytest.raises(ExtractorError, match="must be str"):
        extract(b"bytes")


def test_extract_empty_text_is_valid_empty_document():
    doc = extract("")
    assert doc.sentences == [] and doc.entities == [] and doc.claims == [] and doc.warnings == []
    Document.model_validate_json(doc.model_dump_json())


def test_extractor_is_reusable_and_deterministic():
    extractor = Extractor(include_tokens=True)
    text = "Meta 首席执行官马克 · 扎克伯格表示，700 – 720 亿美元。"
    first, second = extractor.extract(text), extractor.extract(text)
    assert first == second
    assert first.id == second.id and first.id.startswith("sha1:")
    assert any(token.text == "700" for token in first.tokens)
    for token in first.tokens:
        assert text[token.start : token.end] == token.text


def test_extract_bytes_decodes_gbk():
    doc = Extractor().extract_bytes("上周营收 143 亿美元。".encode("gbk"))
    assert doc.sentences[0].text == "上周营收 143 亿美元。"


@pytest.mark.parametrize("reference", ["0001-01-02", "9999-12-30"])
def test_extract_reference_date_at_the_edge_of_the_calendar(reference):
    # Readings a year before or after would fall off the calendar: they are dropped, nothing raises.
    text = "Q3 revenue rose last week; 上周公布第三季度财报，12 月 9 日前后签署。Deliveries resume next year."
    for lang in ("zh", "en", "mixed"):
        document = extract(text, ref_date=reference, lang=lang)
        for claim in document.claims:
            assert text[claim.start : claim.end] == claim.text


def test_extract_infers_reference_date_from_a_reported_date_not_a_future_one():
    doc = extract("Shares jumped on March 1, 2026. The company said last week it would list on May 4, 2027.")
    assert doc.reference_date == "2026-03-01" and doc.reference_date_source == "inferred"
    last_week = next(c for c in doc.claims if c.text == "last week")
    assert (last_week.value.start, last_week.value.end) == ("2026-02-16", "2026-02-23")


def test_an_old_inferred_reference_date_is_warned_about(monkeypatch):
    from extractor import Extractor

    monkeypatch.setenv("EXTRACTOR_TODAY", "2026-12-07")
    extractor = Extractor(entities=False)
    old = extractor.extract("1984 年 3 月 15 日\n该厂上周宣布扩产。2019 年、2020 年和 2021 年营收分别增长。")
    assert (old.reference_date, old.reference_date_source) == ("1984-03-15", "inferred")
    assert [w.code for w in old.warnings] == ["reference_date.old", "reference_date.outlier"]
    recent = extractor.extract("2026 年 11 月 20 日\n公司上周宣布扩产。")
    assert recent.reference_date_source == "inferred" and recent.warnings == []
    given = extractor.extract("该厂上周宣布扩产。", ref_date="1984-03-15")
    assert given.warnings == []  # a date the caller gives is the caller's call


def test_ref_date_today_is_the_machine_date_or_extractor_today(monkeypatch):
    from extractor import Extractor
    from extractor.errors import UsageError

    monkeypatch.setenv("EXTRACTOR_TODAY", "2026-03-02")
    document = Extractor(entities=False).extract("公司上周宣布扩产。", ref_date="Today")
    assert document.reference_date == "2026-03-02"
    assert document.claims[0].value.start == "2026-02-23"
    monkeypatch.setenv("EXTRACTOR_TODAY", "someday")
    with pytest.raises(UsageError):
        Extractor(entities=False).extract("上周", ref_date="today")


def test_a_dated_article_is_read_once_and_a_wrong_guess_changes_nothing(monkeypatch):
    """A document without a reference date is read against a guess of the date its claims infer
    (claims/reference.py); it is read again only when they infer another day, with the same result."""
    import extractor.claims as claims
    import extractor.claims.reference as reference

    calls = []
    real = claims.extract_claims
    monkeypatch.setattr(claims, "extract_claims", lambda analysis, **kw: calls.append(analysis.reference_date) or real(analysis, **kw))
    dated = "2025年12月9日\n公司上周宣布，今年营收增长 12%，明年 3 月将发布新品。"
    document = extract(dated)
    assert calls == [dt.date(2025, 12, 9)]
    assert document.reference_date == "2025-12-09" and document.reference_date_source == "inferred"
    # a guess the claims do not confirm: read as before (None, then the inferred day), same output
    calls.clear()
    monkeypatch.setattr(reference, "guess_reference_date", lambda analysis: dt.date(2020, 1, 1))
    assert extract(dated).model_dump() == document.model_dump()
    assert calls == [dt.date(2020, 1, 1), None, dt.date(2025, 12, 9)]
