import pytest

from extractor.text.language import detect_language


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Meta 首席执行官马克 · 扎克伯格表示，公司将在明年投入 700 亿美元。", "zh"),
        ("Shares of Acme rose 12% after the company beat estimates.", "en"),
        ("公司创始人汪滔表示交易将于下月完成 and the deal closes in December", "mixed"),
        ("12345 !!!", "zh"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang
