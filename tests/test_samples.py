"""Golden tests: every article in samples/ against its expected JSON, through the real CLI.

After an intended change of output, regenerate with
    EXTRACTOR_UPDATE_SAMPLES=1 python -m pytest tests/test_samples.py
and review the diff of samples/*.expected.json like code.
"""

import json
import os

import jsonschema
import pytest

from tests.conftest import ROOT, SAMPLES

ARTICLES = sorted([*SAMPLES.glob("*.txt"), *SAMPLES.glob("*.html")])
SCHEMA = json.loads((ROOT / "schema" / "document.schema.json").read_text(encoding="utf-8"))
# Reference dates the samples are read against (their datelines); the English and the traditional-Chinese
# ones are left to inference, the HTML page to its publication date.
REFERENCE_DATES = {"zh_tech_finance": "2026-11-20", "zh_scraper_spam": "2026-11-13"}


def test_samples_exist():
    assert len(ARTICLES) >= 5
    assert {article.suffix for article in ARTICLES} == {".txt", ".html"}


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_sample_matches_expected_json(article, run_cli):
    args = ["extract", str(article.relative_to(ROOT)), "--pretty"]
    if article.stem in REFERENCE_DATES:
        args += ["--ref-date", REFERENCE_DATES[article.stem]]
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr.decode()
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    # An HTML page's offsets are into its extracted text, which the document carries.
    text = document["text"] if article.suffix == ".html" else article.read_text(encoding="utf-8")
    for key in ("sentences", "entities", "claims", "boilerplate"):
        for span in document[key]:
            assert text[span["start"] : span["end"]] == span["text"]
    expected_file = article.with_suffix(".expected.json")
    if os.environ.get("EXTRACTOR_UPDATE_SAMPLES"):
        expected_file.write_bytes(result.stdout)
    assert document == json.loads(expected_file.read_text(encoding="utf-8"))
