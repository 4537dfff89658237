"""The first-character anchors must never change what a rule matches (extractor/claims/anchor.py)."""

import json

import pytest

from extractor.claims.anchor import anchored
from extractor.claims.date import en as date_en
from extractor.claims.date import zh as date_zh
from extractor.claims.money import en as money_en
from extractor.claims.money import zh as money_zh
from extractor.claims.percent import en as percent_en
from extractor.claims.percent import zh as percent_zh
from extractor.claims.quantity import en as quantity_en
from extractor.claims.quantity import zh as quantity_zh
from extractor.text.normalize import normalize
from tests.conftest import ROOT, SAMPLES

TEXTS = [json.loads(line)["text"] for path in sorted((ROOT / "tests" / "corpus").glob("*/*.jsonl"))
         for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]  # fmt: skip
TEXTS += [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
# Case folding beyond ASCII: the engine folds ſ to s and the Kelvin sign to k under (?i).
TEXTS += ["Google pays ſome $20 billion", "\u212a12 spending of 5 KM", "MORE THAN $5M", "Ｑ３ ２０２６年"]
CORPUS = "\n".join(normalize(text).text for text in TEXTS)
MODULES = [money_zh, money_en, percent_zh, percent_en, quantity_zh, quantity_en, date_zh, date_en]


@pytest.mark.parametrize("rule", [rule for module in MODULES for rule in module.RULES], ids=lambda rule: rule.name)
def test_anchor_keeps_every_match(rule):
    raw = [match.span() for match in rule.pattern.finditer(CORPUS)]
    assert [match.span() for match in anchored(rule.pattern).finditer(CORPUS)] == raw
