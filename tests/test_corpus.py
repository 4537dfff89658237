"""One runner over every claim case in tests/corpus/<kind>/<lang>.jsonl (see tests/corpus/README.md)."""

from __future__ import annotations

import json
import math

import pytest

from extractor import Extractor
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"
DEFAULT_REFERENCE_DATE = "2026-11-24"
# Cases we know we get wrong, one id per line (kind/lang:line). They run as strict xfails: a gap that
# gets fixed fails the suite until its line is removed, so this list only ever shrinks honestly.
KNOWN_GAPS = {
    line.split("#")[0].strip()
    for line in (CORPUS / "known_gaps.txt").read_text(encoding="utf-8").splitlines()
    if line.split("#")[0].strip()
}


def _cases():
    for path in sorted(CORPUS.glob("*/*.jsonl")):
        kind, lang = path.parent.name, path.stem
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                case_id = f"{kind}/{lang}:{number}"
                marks = [pytest.mark.xfail(strict=True, reason="known gap")] if case_id in KNOWN_GAPS else []
                yield pytest.param(kind, lang, json.loads(line), id=case_id, marks=marks)


_extractor = Extractor(include_text=False, entities=False)


def _same(expected, actual) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return isinstance(actual, (int, float)) and math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-9)
    return expected == actual


def _expected_start(case, item) -> int:
    return item["start"] if "start" in item else case["text"].index(item["text"])


@pytest.mark.parametrize("kind, lang, case", list(_cases()))
def test_corpus_case(kind, lang, case):
    language = lang.split("-")[0]  # zh-hant: the Chinese cases in traditional characters
    document = _extractor.extract(case["text"], ref_date=case.get("ref_date", DEFAULT_REFERENCE_DATE), lang=language)
    found = [claim for claim in document.claims if claim.kind == kind]
    expected = case["expected"]
    got_spans = [(claim.start, claim.text) for claim in found]
    want_spans = [(_expected_start(case, item), item["text"]) for item in expected]
    assert got_spans == want_spans, f"spans differ in {case['text']!r}"
    for item, claim in zip(expected, found):
        value = claim.value.model_dump() if claim.value is not None else None
        if "value" in item and item["value"] is None:  # a claim whose value the text leaves unknown
            assert value is None, f"{claim.text!r} should have no value, got {value!r}"
            continue
        for field, want in item.get("value", {}).items():
            assert value is not None, f"{claim.text!r} has no value"
            assert _same(want, value[field]), f"{claim.text!r}.{field}: want {want!r}, got {value[field]!r}"
