import pytest

from extractor.text.normalize import _TABLE, normalize


def _fold(text):
    return "".join(text.translate(_TABLE).split()).replace("\u200b", "")


@pytest.mark.parametrize(
    "original, expected",
    [
        ("700 – 720 亿美元", "700-720亿美元"),
        ("700-720亿美元", "700-720亿美元"),
        ("12 月 9 日", "12月9日"),
        ("2025 年底", "2025年底"),
        ("600 多名", "600多名"),
        ("同比增长 62 %", "同比增长62%"),
        ("１２０亿元（约）", "120亿元(约)"),
        ("3 ～ 5 年", "3~5年"),
        ("马克 · 扎克伯格", "马克·扎克伯格"),
        ("彭博 · 社", "彭博·社"),
        ("Meta 首席执行官", "Meta 首席执行官"),  # a space between Latin and Han is a word boundary: kept
        ("Llama 4", "Llama 4"),
        ("Q1 2026", "Q1 2026"),
        ("US$ 5m", "US$5m"),
        ("a\u200bb", "ab"),
        ("第一行\n\n2026 年", "第一行\n\n2026年"),  # newlines are never removed
    ],
)
def test_normalize_folds_and_joins(original, expected):
    assert normalize(original).text == expected


@pytest.mark.parametrize("original", ["700 – 720 亿美元，12 月 9 日", "Scale AI 创始人汪滔 ( Alexandr Wang )", "abc", ""])
def test_normalize_maps_every_span_back(original):
    norm = normalize(original)
    for start in range(len(norm.text)):
        for end in range(start + 1, len(norm.text) + 1):
            o_start, o_end = norm.to_original(start, end)
            # Same characters once folded and stripped of the spaces the normaliser may delete.
            assert _fold(original[o_start:o_end]) == _fold(norm.text[start:end])
            assert o_start < o_end


def test_normalize_span_covers_removed_spaces():
    original = "营收 700 – 720 亿美元"
    norm = normalize(original)
    start = norm.text.index("700")
    end = norm.text.index("美元") + 2
    o_start, o_end = norm.to_original(start, end)
    assert original[o_start:o_end] == "700 – 720 亿美元"
