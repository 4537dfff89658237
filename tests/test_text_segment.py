from extractor.text.normalize import normalize
from extractor.text.segment import segment


def test_segment_offsets_cover_words_and_skip_spaces():
    text = normalize("Meta 首席执行官表示，营收 700 – 720 亿美元").text
    words = [text[start:end] for start, end in segment(text)]
    assert "Meta" in words and ("首席" in words or "首席执行官" in words)
    assert "700" in words and "720" in words
    assert all(not word.isspace() for word in words)
    assert "".join(words) == text.replace(" ", "")


def test_segment_full_width_digits_stay_whole_after_normalising():
    text = normalize("营收１２０亿元").text
    words = [text[start:end] for start, end in segment(text)]
    assert "120" in words
