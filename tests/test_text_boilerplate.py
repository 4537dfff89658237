from extractor import extract

SPAM_ARTICLE = (
    "某某配资平台\n"
    "公司第三季度营收达到某某配资平台 143 亿美元，同比增长 31 %。\n"
    "监管部门表示将继续打击场外配资。\n"
    "某某配资提示:文章来自网络,不代表本站观点。\n"
    "责任编辑：张三\n"
    "免责声明：本文仅代表作者个人观点。股市有风险，投资需谨慎。\n"
    "版权所有 © 2026 某某财经网\n"
)


def test_boilerplate_flags_spam_lines_and_furniture():
    doc = extract(SPAM_ARTICLE)
    flags = {s.text: s.boilerplate for s in doc.sentences}
    assert flags["某某配资平台"] is True
    assert flags["某某配资提示:文章来自网络,不代表本站观点。"] is True
    assert flags["责任编辑：张三"] is True
    assert flags["免责声明：本文仅代表作者个人观点。"] is True
    assert flags["股市有风险，投资需谨慎。"] is True  # the rest of the disclaimer paragraph
    assert flags["版权所有 © 2026 某某财经网"] is True
    assert flags["公司第三季度营收达到某某配资平台 143 亿美元，同比增长 31 %。"] is False
    # Reporting about 配资 is news, not spam.
    assert flags["监管部门表示将继续打击场外配资。"] is False


def test_boilerplate_reports_mid_sentence_injection():
    doc = extract(SPAM_ARTICLE)
    injected = [span for span in doc.boilerplate if span.reason == "boilerplate.zh.injected_spam"]
    assert len(injected) == 1
    span = injected[0]
    assert SPAM_ARTICLE[span.start : span.end] == span.text == "某某配资平台"
    assert doc.sentences[span.sentence].text.startswith("公司第三季度营收达到某某配资平台")


def test_boilerplate_english_footer():
    text = "Shares rose 12% on Monday.\nReporting by Jane Doe; Editing by John Roe\n© 2026 Newswire. All rights reserved.\n"
    doc = extract(text)
    assert doc.sentences[0].boilerplate is False
    assert len(doc.sentences) > 1 and all(s.boilerplate for s in doc.sentences[1:])


def test_boilerplate_spam_advert_sentence():
    doc = extract("公司营收增长。\n鑫融配资，低息高杠杆，欢迎咨询！\n")
    assert [s.boilerplate for s in doc.sentences] == [False, True]


def test_boilerplate_clean_article_has_none():
    doc = extract("英伟达上周公布财报。营收同比增长 62 %。")
    assert doc.boilerplate == [] and not any(s.boilerplate for s in doc.sentences)


def test_boilerplate_disclaimer_paragraph_ends_at_a_lone_carriage_return():
    # Old Mac files end lines with \r alone: the disclaimer must not swallow the next line.
    doc = extract("免责声明：本文仅供参考。\r公司营收143亿美元，同比增长31%。\r", ref_date="2026-11-20")
    assert [s.boilerplate for s in doc.sentences] == [True, False]
    assert [c.kind for c in doc.claims] == ["money", "percent"]


def test_boilerplate_headline_about_margin_lending_is_news():
    doc = extract("证监会：场外配资规模较去年下降50%\n某某配资平台\n", ref_date="2026-11-20")
    assert [s.boilerplate for s in doc.sentences] == [False, True]
    assert [c.text for c in doc.claims if c.kind == "percent"] == ["50%"]
