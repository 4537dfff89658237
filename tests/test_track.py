"""`extractor track`: the same claim across articles — the rules one by one, the reading of batch output,
the exports, and the acceptance test over 56 articles with planted repeated figures."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.errors import InputIsDirectoryError, InputNotFoundError, NotExtractorOutputError, UsageError
from extractor.schema import Document, Sentence, dump_line, error_record
from extractor.tracking import TrackOptions, rules, track
from extractor.tracking.export import CSV_COLUMNS, csv_text, format_for, html_text, render, value_text
from extractor.tracking.group import cluster
from extractor.tracking.read import ReadStats, appearances
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "track"


# --- documents made by hand (no pipeline): what batch output looks like, claim by claim -----------------


def _document(doc_id: str, sentence: str, *claims: dict, ref_date: str | None = "2026-03-01") -> Document:
    """A one-sentence document with ``claims``: each {kind, text, value, subject?, predicate?, ...}; the
    claim's and predicate's spans are found in the sentence."""
    built = []
    for number, spec in enumerate(claims, 1):
        start = sentence.index(spec["text"])
        predicate = spec.get("predicate")
        built.append(
            {
                "id": spec.get("id", f"c{number}"),
                "kind": spec["kind"],
                "text": spec["text"],
                "start": start,
                "end": start + len(spec["text"]),
                "sentence": 0,
                "value": spec["value"],
                "subject_text": spec.get("subject"),
                "subject_canonical": spec.get("subject"),
                "predicate": (
                    {"text": predicate, "start": sentence.index(predicate), "end": sentence.index(predicate) + len(predicate)}
                    if predicate else None
                ),
                "time_scope": spec.get("time_scope"),
                "attribution": {"text": spec["source"], "cue": "表示"} if spec.get("source") else None,
                "direction": spec.get("direction"),
                "hedge": spec.get("hedge"),
                "hedged": bool(spec.get("hedge")),
            }
        )
    return Document.model_validate(
        {
            "id": doc_id, "lang": "zh", "reference_date": ref_date, "text": sentence,
            "sentences": [Sentence(start=0, end=len(sentence), text=sentence).model_dump()], "claims": built,
        }
    )


def _revenue(doc_id: str, amount=14300000000, *, subject="星河云计算公司", predicate="营收", ref_date="2026-03-01", **extra):
    sentence = f"{subject}去年{predicate} {amount} 元。"
    claim = {"kind": "money", "text": f"{amount} 元", "value": {"amount": amount, "currency": "CNY"},
             "subject": subject, "predicate": predicate, **extra}
    return _document(doc_id, sentence, claim, ref_date=ref_date)


def _write(path: Path, *records) -> Path:
    path.write_text("".join(dump_line(record) + "\n" for record in records), encoding="utf-8")
    return path


def _claims(*documents: Document):
    stats = ReadStats()
    return [claim for order, document in enumerate(documents) for claim in appearances(document, order, stats)]


# --- the rules ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("星河云计算公司", "星河雲計算公司"),  # traditional characters fold to simplified
        ("星河云计算", "星河云计算股份有限公司"),  # a trailing legal form is dropped
        ("青禾乳业公司", "青禾乳业有限公司"),
        ("Nimbus Robotics", "nimbus  robotics, Inc."),  # case, spaces, punctuation, Inc.
        ("Nimbus Robotics", "Nimbus Robotics 公司"),
        ("ＡＣＭＥ Ltd", "Acme"),  # full-width letters
    ],
)
def test_track_subject_key_same_subject(a, b):
    assert rules.subject_key(a) == rules.subject_key(b)


@pytest.mark.parametrize(
    "a, b",
    [("星河云计算公司", "星河科技公司"), ("星河集团", "星河"), ("北辰软件", "北辰软件科技")],
)
def test_track_subject_key_other_subject(a, b):
    assert rules.subject_key(a) != rules.subject_key(b)


def test_track_subject_key_keeps_a_name_that_is_only_a_legal_form():
    assert rules.subject_key("公司") == "公司" and rules.subject_key("  ") is None and rules.subject_key(None) is None


@pytest.mark.parametrize(
    "a, b",
    [
        ("营收", "營收"),  # equal once folded
        ("营收", "营业收入"),  # one measure in data/track/predicates.json
        ("营收", "revenue"),  # across languages
        ("Revenues", "revenue"),
        ("投资", "总投资"),
        ("市场份额", "份额"),
        ("裁员", "layoffs"),
        ("工程师", "软件工程师"),  # outside the lists: bigrams {工程, 程师} of {软件, 件工, 工程, 程师}: 0.5
        ("new teachers", "teachers"),  # outside the lists: words {new, teacher} and {teacher}: 0.5
    ],
)
def test_track_predicates_similar(a, b):
    assert rules.predicates_similar(rules.predicate_key(a), rules.predicate_key(b))


@pytest.mark.parametrize(
    "a, b",
    [
        ("净利润", "利润"),  # both listed, different measures: no bigram overlap can join them
        ("营业利润", "利润"),
        ("营收", "净利润"),
        ("资本开支", "净利润"),
        ("revenue", "net income"),
        ("工程师", "程序员"),  # outside the lists, no shared bigram
        ("工程师", "engineers"),  # outside the lists, two scripts
        ("senior engineers hired", "teachers"),
    ],
)
def test_track_predicates_not_similar(a, b):
    assert not rules.predicates_similar(rules.predicate_key(a), rules.predicate_key(b))


def test_track_predicate_threshold_and_absent_predicates():
    one, two = rules.predicate_key("工程师"), rules.predicate_key("软件工程师")  # Jaccard 0.5
    assert rules.predicates_similar(one, two, threshold=0.5) and not rules.predicates_similar(one, two, threshold=0.6)
    assert rules.predicates_similar(None, None)  # two dates
    assert not rules.predicates_similar(None, rules.predicate_key("营收"))


def test_track_predicate_groups_file_is_consistent():
    data = json.loads((ROOT / "extractor" / "data" / "track" / "predicates.json").read_text("utf-8"))
    keys = [rules.predicate_key(word) for group in data["groups"] for word in group]
    assert len(keys) == len(set(keys)), "a word in two measures"
    assert all(len(group) >= 2 for group in data["groups"])


def test_track_money_relative_tolerance():
    close = lambda a, b, tolerance=0.01: rules.values_close(  # noqa: E731
        "money", {"amount": a}, {"amount": b}, tolerance=tolerance, points=0.1
    )
    assert close(143e8, 143.2e8)  # 0.14 %
    assert close(100, 101) and not close(100, 101.1)  # 1 % of the larger value, inclusive
    assert not close(143e8, 145e8)  # 1.4 %
    assert close(143e8, 145e8, tolerance=0.02)


def test_track_percent_absolute_points():
    close = lambda a, b: rules.values_close("percent", {"amount": a}, {"amount": b}, tolerance=0.01, points=0.1)  # noqa: E731
    assert close(18, 18.1) and close(23.5, 23.5)
    assert not close(18, 18.2) and not close(23.5, 23.8)


def test_track_ranges_and_bounds_compare_field_by_field():
    options = {"tolerance": 0.01, "points": 0.1}
    assert rules.values_close("money", {"min": 700, "max": 720}, {"min": 700, "max": 721}, **options)
    assert not rules.values_close("money", {"min": 700, "max": 720}, {"min": 700, "max": 740}, **options)
    # a range and a single amount never share a bucket
    assert rules.bucket_key("money", "x", {"amount": 700, "currency": "CNY"}) != rules.bucket_key(
        "money", "x", {"min": 700, "max": 720, "currency": "CNY"}
    )


def test_track_buckets_keep_currencies_units_and_points_apart():
    key = rules.bucket_key
    assert key("money", "s", {"amount": 8, "currency": "CNY"}) != key("money", "s", {"amount": 8, "currency": "USD"})
    assert key("quantity", "s", {"amount": 1200, "unit": "人"}) == key("quantity", "s", {"amount": 1200, "unit": "名"})
    assert key("quantity", "s", {"amount": 1200, "unit": "人"}) != key("quantity", "s", {"amount": 1200, "unit": "吨"})
    assert key("percent", "s", {"amount": 3}) != key("percent", "s", {"amount": 3, "points": True})
    assert key("money", "s", {"currency": "CNY"}) is None  # nothing to compare


def test_track_dates_need_the_same_day():
    day = {"start": "2026-06-18", "end": "2026-06-19", "grain": "day"}
    assert rules.bucket_key("date", "s", day) == rules.bucket_key("date", "s", dict(day))
    assert rules.bucket_key("date", "s", day) != rules.bucket_key("date", "s", {**day, "start": "2026-06-17"})
    # a year or a month frames a sentence: not tracked (see rules.EVENT_GRAINS)
    assert rules.bucket_key("date", "s", {"start": "2025-01-01", "end": "2026-01-01", "grain": "year"}) is None


def test_track_directions_only_conflict_when_opposite():
    assert rules.directions_agree("increase", "increase") and rules.directions_agree(None, "decrease")
    assert not rules.directions_agree("increase", "decrease")


def test_track_cluster_compares_with_the_leader_so_near_values_do_not_chain():
    documents = [_revenue(f"d{i}", amount) for i, amount in enumerate((100000, 100900, 101800, 102700))]
    groups = cluster(_claims(*documents), TrackOptions())
    assert sorted(sorted(claim.doc_id for claim in group) for group in groups) == [["d0", "d1"], ["d2", "d3"]]


def test_track_cluster_keeps_opposite_directions_and_other_measures_apart():
    documents = [
        _revenue("up1", 18, direction="increase"), _revenue("up2", 18, direction="increase"),
        _revenue("down", 18, direction="decrease"), _revenue("profit", 18, predicate="净利润"),
    ]
    groups = cluster(_claims(*documents), TrackOptions())
    assert sorted(sorted(claim.doc_id for claim in group) for group in groups) == [["down"], ["profit"], ["up1", "up2"]]


# --- reading batch output -------------------------------------------------------------------------------


def test_track_skips_error_records_and_blank_lines_and_counts_what_it_left_out(tmp_path):
    no_subject = _document("x", "去年营收 5 元。", {"kind": "money", "text": "5 元", "value": {"amount": 5, "currency": "CNY"}, "predicate": "营收"})
    path = _write(tmp_path / "out.jsonl", _revenue("a"), error_record("broken.txt", "input.binary", "binary"), no_subject, _revenue("b"))
    path.write_text(path.read_text("utf-8") + "\n\n", encoding="utf-8")
    result = track([str(path)])
    assert result.stats.documents == 3 and result.stats.error_records == 1
    assert result.stats.untracked == {"no subject": 1}
    assert [group["documents"] for group in result.groups] == [["a", "b"]]


def test_track_first_appearance_is_the_earliest_date_then_input_order(tmp_path):
    path = _write(
        tmp_path / "out.jsonl",
        _revenue("late", ref_date="2026-03-05"), _revenue("undated", ref_date=None),
        _revenue("early-2", ref_date="2026-03-01"), _revenue("early-1", ref_date="2026-03-01"),
    )
    (group,) = track([str(path)]).groups
    assert group["first"]["doc_id"] == "early-2"  # same day as early-1, earlier in the input
    assert [a["doc_id"] for a in group["appearances"]] == ["early-2", "early-1", "late", "undated"]


def test_track_the_same_batch_output_given_twice_counts_each_document_once(tmp_path):
    path = _write(tmp_path / "out.jsonl", _revenue("a"), _revenue("b"))
    (group,) = track([str(path), str(path)]).groups
    assert group["articles"] == 2 and group["mentions"] == 2


def test_track_min_docs(tmp_path):
    path = _write(tmp_path / "out.jsonl", _revenue("a"), _revenue("b"), _revenue("c", 50))
    assert len(track([str(path)], options=TrackOptions(min_docs=1)).groups) == 2
    assert len(track([str(path)], options=TrackOptions(min_docs=3)).groups) == 0


@pytest.mark.parametrize(
    "content, needle",
    [
        (b"not json at all\n", "not JSON"),
        (b"[1, 2]\n", "not a JSON object"),
        (b'{"id": "x", "lang": "zh", "claims": 5}\n', "not an extractor document or error record (claims"),
        (b'{"hello": "world"}\n', "not an extractor document or error record"),
        (b'{"id": "x", "lang": "\xff"}\n', "not UTF-8"),
        (b'{"id": "x", "lang": "zh", "cla', "torn last line"),
    ],
)
def test_track_a_line_that_is_not_extractor_output_names_its_file_and_line(tmp_path, content, needle):
    path = _write(tmp_path / "out.jsonl", _revenue("a"))
    path.write_bytes(path.read_bytes() + b"\n" + content)
    with pytest.raises(NotExtractorOutputError) as caught:
        track([str(path)])
    assert caught.value.source == f"{path}:3" and needle in caught.value.message
    assert caught.value.exit_code == 12


def test_track_input_errors(tmp_path):
    with pytest.raises(InputNotFoundError):
        track([str(tmp_path / "missing.jsonl")])
    with pytest.raises(InputIsDirectoryError):
        track([str(tmp_path)])
    with pytest.raises(UsageError):
        track([])
    for options in (TrackOptions(min_docs=0), TrackOptions(tolerance=1.5), TrackOptions(points=-1), TrackOptions(threshold=0)):
        with pytest.raises(UsageError):
            track([str(tmp_path / "x")], options=options)
    with pytest.raises(UsageError, match="stdin"):
        track(["-"], engine="dask", scheduler="synchronous")


# --- exports --------------------------------------------------------------------------------------------


def test_track_output_format_from_the_file_name():
    assert format_for("claims.html", None) == "html" and format_for("a.CSV", None) == "csv"
    assert format_for("a.jsonl", None) == "jsonl" and format_for(None, None) == "jsonl"
    assert format_for("report.txt", "csv") == "csv"
    with pytest.raises(UsageError):
        format_for("report.txt", None)
    with pytest.raises(UsageError):
        format_for(None, "xml")


def test_track_value_text():
    assert value_text("money", {"amount": 14300000000, "currency": "CNY"}) == "CNY 14,300,000,000"
    assert value_text("money", {"min": 700, "max": 720, "currency": "USD", "approximate": True}) == "≈ USD 700 – 720"
    assert value_text("percent", {"amount": 23.5}) == "23.5%" and value_text("percent", {"amount": 3, "points": True}) == "3 pp"
    assert value_text("quantity", {"min": 600, "unit": "名"}) == "≥ 600 名"
    assert value_text("date", {"start": "2026-06-18", "end": "2026-06-19", "grain": "day"}) == "2026-06-18"


def _hostile_groups(tmp_path) -> list[dict]:
    sentence = '<script>alert("x")</script>=HYPERLINK("http://evil") 星河云计算公司营收 5 元。'
    documents = [
        _document(doc_id, sentence, {"kind": "money", "text": "5 元", "value": {"amount": 5, "currency": "CNY"},
                                     "subject": "星河云计算公司<b>", "predicate": "营收", "source": "<img src=x>"})
        for doc_id in ("<i>a</i>", "=cmd|' /C calc'!A0")
    ]
    return track([str(_write(tmp_path / "out.jsonl", *documents))]).groups


def test_track_html_escapes_every_input_string_and_requests_nothing(tmp_path):
    page = html_text(_hostile_groups(tmp_path), summary={"groups": 1, "min_docs": 2, "documents": 2, "error_records": 0, "tolerance": "0.01", "points": "0.1"})
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "<img" not in page and "<i>a</i>" not in page and "&lt;i&gt;a&lt;/i&gt;" in page
    assert "<b>" not in page and "<mark>5 元</mark>" in page
    for request in ("src=", "href=\"http", "@import", "url("):
        assert request not in page.replace("&lt;img src=x&gt;", "")


def test_track_csv_has_the_documented_columns_and_defuses_formulas(tmp_path):
    groups = _hostile_groups(tmp_path)
    rows = list(csv.DictReader(io.StringIO(csv_text(groups))))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 2
    assert {row["doc_id"] for row in rows} == {"<i>a</i>", "'=cmd|' /C calc'!A0"}
    assert all(row["sentence"].startswith("<script>") and row["amount"] == "5" for row in rows)
    assert [row["first"] for row in rows].count("yes") == 1


def test_track_jsonl_is_one_group_per_line(tmp_path):
    groups = _hostile_groups(tmp_path)
    lines = render(groups, "jsonl", summary={}).splitlines()
    assert [json.loads(line)["group"] for line in lines] == ["g1"]
    assert render([], "jsonl", summary={}) == ""


# --- acceptance: 56 articles with planted repeated figures ---------------------------------------------


@pytest.fixture(scope="session")
def fixture_batch(tmp_path_factory) -> Path:
    """The fixture's articles through the real `extractor batch` (once per session), with one bad record
    appended so that the output holds an error record too."""
    from extractor.batch import BatchConfig, run_batch

    folder = tmp_path_factory.mktemp("track")
    records = folder / "articles.jsonl"
    records.write_text((FIXTURE / "articles.jsonl").read_text("utf-8") + '{"id": "no-text", "ref_date": "2026-04-03"}\n', encoding="utf-8")
    out = folder / "batch.jsonl"
    summary = run_batch(BatchConfig(inputs=[str(records)], output=out, workers=1, ordered=True))
    assert summary.documents == 57 and summary.errors == 1
    return out


def _found(groups: list[dict]) -> dict:
    return {(group["kind"], tuple(sorted(group["documents"]))): group for group in groups}


def test_track_finds_every_planted_group_and_no_other(fixture_batch):
    expected = json.loads((FIXTURE / "expected.json").read_text("utf-8"))["groups"]
    result = track([str(fixture_batch)])
    assert result.stats.documents == 56 and result.stats.error_records == 1
    found = _found(result.groups)
    wanted = {(group["kind"], tuple(sorted(group["documents"]))): group for group in expected}
    assert set(found) == set(wanted)  # every planted group, exactly its documents, no false group
    for key, planted in wanted.items():
        group = found[key]
        assert rules.subject_key(group["subject"]) == rules.subject_key(planted["subject"]), planted["note"]
        assert rules.predicates_similar(rules.predicate_key(group["predicate"]), rules.predicate_key(planted["predicate"]))
        assert {name: group["value"].get(name) for name in planted["value"]} == planted["value"]
        assert group["first"]["doc_id"] == planted["first"] and group["mentions"] == planted["mentions"]
        assert group["articles"] == len(planted["documents"])


def test_track_dask_engine_gives_the_same_groups(fixture_batch):
    pytest.importorskip("dask")
    local = track([str(fixture_batch)])
    # small partitions: the input order and the buckets are put together from many pieces
    dask = track([str(fixture_batch)], engine="dask", scheduler="synchronous", partition_lines=7)
    assert dask.groups == local.groups and dask.stats == local.stats


def test_track_dask_engine_on_a_local_cluster(fixture_batch, tmp_path):
    pytest.importorskip("distributed")
    broken = tmp_path / "broken.jsonl"
    broken.write_bytes(fixture_batch.read_bytes() + b"{oops\n")
    local = track([str(fixture_batch)])
    on_cluster = track([str(fixture_batch)], engine="dask", workers=1, partition_lines=20)
    assert on_cluster.groups == local.groups
    # a bad line found on a worker is reported as the local engine reports it
    with pytest.raises(NotExtractorOutputError) as caught:
        track([str(broken)], engine="dask", scheduler="threads", partition_lines=20)
    assert caught.value.source == f"{broken}:58"


def test_track_cli_writes_html_csv_and_jsonl(fixture_batch, tmp_path):
    html, table = tmp_path / "claims.html", tmp_path / "claims.csv"
    for out in (html, table):
        result = subprocess.run(
            [sys.executable, "-m", "extractor", "track", str(fixture_batch), "-o", str(out)],
            capture_output=True, cwd=ROOT, timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert b"track done: 56 documents, 1 error records skipped" in result.stderr and b"9 groups" in result.stderr
    page = html.read_text("utf-8")
    assert page.count('<section class="group"') == 9 and "星河雲計算公司 2025 年營收達到 <mark>143 億元人民幣</mark>" in page
    rows = list(csv.DictReader(table.open(encoding="utf-8", newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == sum(len(group["documents"]) for group in json.loads((FIXTURE / "expected.json").read_text("utf-8"))["groups"]) + 1
    result = subprocess.run(
        [sys.executable, "-m", "extractor", "track", "-", "--min-docs", "5"],
        input=fixture_batch.read_bytes(), capture_output=True, cwd=ROOT, timeout=120,
    )
    (line,) = result.stdout.decode("utf-8").splitlines()
    assert json.loads(line)["documents"] == ["n08", "n13", "n20", "n26", "n40"]


@pytest.mark.parametrize(
    "args, code, needle",
    [
        (["MISSING.jsonl"], 3, "no such file"),
        (["README.md"], 12, "README.md:1: not JSON"),
        (["samples/zh_tech_finance.expected.json", "-o", "x.pdf"], 2, "cannot tell the format"),
        (["samples/zh_tech_finance.expected.json", "--min-docs", "0"], 2, "--min-docs"),
        (["samples/zh_tech_finance.expected.json", "--engine", "spark"], 2, "invalid engine"),
    ],
)
def test_track_cli_errors_are_one_line(run_cli, args, code, needle):
    result = run_cli("track", *args)
    assert result.returncode == code
    err = result.stderr.decode("utf-8")
    assert err.count("\n") == 1 and needle in err and "Traceback" not in err


def test_track_cli_refuses_to_overwrite_its_input_and_has_help(run_cli, tmp_path):
    path = _write(tmp_path / "out.jsonl", _revenue("a"), _revenue("b"))
    result = run_cli("track", str(path), "-o", str(path))
    assert result.returncode == 2 and path.read_text("utf-8").count("\n") == 2
    help_text = run_cli("track", "--help").stdout
    assert b"Example: extractor track" in help_text


def test_track_reads_a_byte_order_mark_and_numbers_too_large_for_a_float(tmp_path):
    huge = 10**400
    path = _write(tmp_path / "out.jsonl", _revenue("a", huge), _revenue("b", huge), _revenue("c", 5))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    (group,) = track([str(path)]).groups
    assert group["documents"] == ["a", "b"] and group["value"]["amount"] == huge
