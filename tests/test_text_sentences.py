import pytest

from extractor.text.sentences import split_sentences


def sentences(text):
    return [text[start:end] for start, end in split_sentences(text)]


def test_sentences_chinese_terminators_and_closing_quotes():
    text = "他说：“营收增长。我们很满意。”随后离开。第二句！第三句？"
    assert sentences(text) == ["他说：“营收增长。我们很满意。”", "随后离开。", "第二句！", "第三句？"]


def test_sentences_quote_without_final_stop_stays_in_sentence():
    assert sentences("他说：“营收增长。我们很满意”，随后离开。") == ["他说：“营收增长。我们很满意”，随后离开。"]


def test_sentences_corner_brackets_stay_with_their_sentence():
    assert sentences("她表示「明年再议。」会议结束。") == ["她表示「明年再议。」", "会议结束。"]


def test_sentences_english_abbreviations_do_not_split():
    text = 'Mr. Wang said the U.S. economy grew 3.5% in Jan. last year. "It is good," he said. Shares of Acme Inc. rose.'
    assert sentences(text) == [
        "Mr. Wang said the U.S. economy grew 3.5% in Jan. last year.",
        '"It is good," he said.',
        "Shares of Acme Inc. rose.",
    ]


def test_sentences_lines_are_units_and_whitespace_is_trimmed():
    assert sentences("01.\n  标题  \n\n正文第一句。正文第二句。\r\n") == ["01.", "标题", "正文第一句。", "正文第二句。"]


def test_sentences_unbalanced_quote_still_splits():
    assert sentences("他说：“第一句。第二句。") == ["他说：“第一句。", "第二句。"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_sentences_empty(text):
    assert sentences(text) == []


def test_sentences_straight_quotes_keep_a_quoted_statement_whole():
    text = '"We grew. We will grow more," she said. Then she left.'
    assert sentences(text) == ['"We grew. We will grow more," she said.', "Then she left."]
    assert sentences('"We grew." Then she left.') == ['"We grew."', "Then she left."]
