"""Fuzzing the whole pipeline on arbitrary bytes (a fixed budget here; benchmarks/fuzz.py runs 10,000+
cases): every input is either refused cleanly or gives a valid, deterministic document (tests/fuzzcheck.py).
The CLI gets random bytes on stdin and must answer with JSON or one line and a documented exit code."""

from __future__ import annotations

import codecs
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import Extractor
from extractor.errors import EXIT_CODES
from tests.fuzzcheck import check_bytes

_NEWS = "英伟达营收 350 亿美元，同比增长 94%。週四 12 月 9 日 600 多名 Meta 首席执行官 1万元 -–~ ．，（）<>/&;\n"
TEXTLIKE = st.text(st.one_of(st.sampled_from(list(_NEWS)), st.characters(exclude_categories=("Cs",))), max_size=200)
ENCODED = st.tuples(TEXTLIKE, st.sampled_from(["utf-8", "utf-16", "gb18030", "big5", "utf-8-sig"])).map(
    lambda pair: pair[0].encode(pair[1], errors="ignore")
)
PAGES = TEXTLIKE.map(lambda body: f"<!DOCTYPE html><html><head><title>标题</title></head><body><p>{body}</p></body></html>".encode())
BYTES = st.one_of(st.binary(max_size=300), ENCODED, PAGES, st.binary(max_size=40).map(lambda b: codecs.BOM_UTF8 + b))

_extractor = Extractor(include_tokens=True)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BYTES)
def test_any_bytes_are_refused_cleanly_or_give_a_valid_document(data):
    assert check_bytes(_extractor, data) in ("refused", "document")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=200), ENCODED))
def test_cli_on_random_bytes_answers_json_or_one_line(run_cli, data):
    result = run_cli("extract", "-", "--ref-date", "2026-11-24", stdin=data)
    assert result.returncode in EXIT_CODES and result.returncode != 1, result.stderr
    if result.returncode == 0:
        document = json.loads(result.stdout)
        assert document["id"] == "-"
    else:
        assert result.stdout == b"" and result.stderr.decode().count("\n") == 1
