"""No regex blow-up: extraction time grows linearly with input length, even on adversarial single lines.

Sizes are small enough for CI; benchmarks/claims_scaling.py measures a full 1 MB line. A quadratic
pattern shows up here as a time ratio near 16 for 4x the input, far above the bound checked.
"""

import time

import pytest

from extractor import Extractor

_extractor = Extractor(include_text=False, entities=False)

ADVERSARIAL_UNITS = {
    "digits": "1234567890",
    "spaced digits": "1 2 3 4 5 ",
    "chinese numerals": "一二三四五六七八九十百千万亿",
    "dashed numbers": "1-1-1-1-",
    "dotted numbers": "1.1.1.1.",
    "commas": "1,000,000,",
    "modifiers": "约超过不到近逾",
    "currency symbols": "$$¥¥€5",
    "years": "2026年2026年",
    "months": "12月12月",
    "english words": "more than about nearly between ",
    "spaced zh dates": "12 月 9 日 ",
    "wan yuan": "1万元",
    "dash runs": "-–—~～--——",
    "spoken money": "两毛五三块零四五蚊六毫至個半",
    "mixed news": "营收 700 – 720 亿美元，同比增长 62 %，Llama 4 于 12 月 9 日发布。",
    # one sentence with many claims and names: the subject search and the currency's country stay local
    "names and dinars": "Harlow Foods paid 4 dinars in Amman ",
    "yen or yuan": "¥5bn Beijing Japan ",
    "done clock times": "事故发生在晚上十点",
}


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        _extractor.extract(text, ref_date="2026-11-24")
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("unit", ADVERSARIAL_UNITS.values(), ids=ADVERSARIAL_UNITS.keys())
def test_scaling_single_line_is_linear(unit):
    small = (unit * (8_000 // len(unit) + 1))[:8_000]
    large = (unit * (32_000 // len(unit) + 1))[:32_000]
    _extractor.extract(small[:100])  # warm up lazy resources
    ratio = _seconds(large) / max(_seconds(small), 1e-3)
    assert ratio < 9, f"4x the input took {ratio:.1f}x the time (quadratic would be about 16x)"


def test_future_cue_scan_reads_each_sentence_once(monkeypatch):
    """The Chinese date rules ask whether a sentence speaks of the future; a sentence of n dates must be
    read once, not n times (it was: ``'12 月 9 日 ' * 10000`` took 23x longer for 10x the input)."""
    from extractor.claims.date import zh as date_zh

    scanned = []
    real = date_zh.contains_cue
    monkeypatch.setattr(date_zh, "contains_cue", lambda text, cues: scanned.append(len(text)) or real(text, cues))
    text = "12 月 9 日 " * 2_000
    document = _extractor.extract(text, ref_date="2026-11-24")
    assert len(document.claims) == 2_000
    assert sum(scanned) <= 2 * len(text)


def test_dropping_mentions_inside_dates_is_linear():
    """The mentions that lie inside date claims are dropped before clustering (api._outside_dates); it
    compared every mention with every date, so a 100k-character line of news took 18x the time of 10k
    through the whole pipeline (benchmarks/claims_scaling.py --entities)."""
    from extractor.api import _outside_dates
    from extractor.claims.base import Candidate
    from extractor.entities.recognize import Mention

    def inputs(n):
        mentions = [Mention(10 * i, 10 * i + 4, "ORG", "ner.zh.model") for i in range(n)]
        dates = [Candidate("date", 10 * i + 5, 10 * i + 9, None, "date.zh.year") for i in range(n)]
        return mentions, dates

    def seconds(n):
        mentions, dates = inputs(n)
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            kept = _outside_dates(mentions, dates)
            best = min(best, time.perf_counter() - started)
        assert len(kept) == n
        return best

    ratio = seconds(8_000) / max(seconds(2_000), 1e-4)
    assert ratio < 9, f"4x the mentions and dates took {ratio:.1f}x the time (quadratic would be about 16x)"
