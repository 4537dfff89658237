"""Article files as they come: legacy Chinese encodings, Japanese and Korean files refused by name, HTML
pages read for their main text, title and publication date."""

from __future__ import annotations

import json

import pytest

from extractor import Extractor
from extractor.errors import DecodingError, HtmlInputError
from extractor.text.article import looks_like_html, read_article
from extractor.text.decode import decode_bytes

SIMPLIFIED = "英伟达周三表示，第三季度营收达到 350 亿美元，比去年同期增长 94%。分析师此前预计为 332 亿美元。"
TRADITIONAL = "輝達公司週三表示，第三季營收達到 350 億美元，比去年同期成長 94%。分析師此前預期為 332 億美元。"
HONG_KONG = "港鐵公司表示，屯門至元朗一帶的服務於週五恢復，涉及 12 個車站。"

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}">
<title>星衡智算前三季度营收增长 62% - 某某财经网</title>
<meta property="article:published_time" content="2026-10-30T09:00:00+08:00">
<script>var price = "999 亿元";</script></head>
<body><div class="nav"><a href="/">首页</a> | <a href="/stock">股票</a></div>
<article><h1>星衡智算前三季度营收增长 62%</h1>
<p>星衡智算周四公布，公司前三季度营收 48.6 亿元，同比增长 62%，算力租赁业务毛利率提升 4 个百分点。</p>
<p>董事长周启明表示，公司计划明年再投入约 30 亿元建设智算中心，预计上架加速卡数量将翻一番。</p>
</article><div class="footer">某某配资提示：文章来自网络，不代表本站观点。</div></body></html>
"""


@pytest.mark.parametrize(
    "text, codec, reported",
    [
        (SIMPLIFIED, "gbk", "gb18030"),
        (SIMPLIFIED, "gb18030", "gb18030"),
        (TRADITIONAL, "big5", "big5"),
        (HONG_KONG, "big5hkscs", ("big5", "big5hkscs")),
    ],
)
def test_legacy_chinese_encodings_are_detected(text, codec, reported):
    decoded, encoding = decode_bytes(text.encode(codec))
    assert decoded == text
    assert encoding in (reported if isinstance(reported, tuple) else (reported,))


@pytest.mark.parametrize(
    "text, codec, language",
    [
        ("エヌビディアは水曜日、第3四半期の売上高が350億ドルに達したと発表した。", "shift_jis", "Japanese"),
        ("エヌビディアは水曜日、第3四半期の売上高が350億ドルに達したと発表した。", "euc_jp", "Japanese"),
        ("엔비디아는 수요일 3분기 매출이 350억 달러에 달했다고 밝혔다.", "euc_kr", "Korean"),
    ],
)
def test_japanese_and_korean_files_are_refused_by_name(text, codec, language):
    with pytest.raises(DecodingError, match=language):
        decode_bytes(text.encode(codec))


def test_a_big5_file_through_the_api_says_its_encoding():
    document = Extractor(entities=False).extract_bytes(TRADITIONAL.encode("big5"), ref_date="2026-11-06")
    assert document.source.encoding == "big5" and document.source.format == "text"
    assert [claim.text for claim in document.claims if claim.kind == "money"] == ["350 億美元", "332 億美元"]


@pytest.mark.parametrize(
    "data, name, expected",
    [
        (b"<!DOCTYPE html><html>", None, True),
        (b"\xef\xbb\xbf  <!-- saved page -->\n<HTML lang=zh>", None, True),
        (b"<meta charset=utf-8><title>x</title>", None, True),
        ("营收 <b>350</b> 亿美元".encode(), None, False),
        (b"plain words", "page.HTM", True),
        (b"<html>", "notes.txt", True),
    ],
)
def test_html_is_told_by_name_or_by_how_the_bytes_open(data, name, expected):
    assert looks_like_html(data, name) is expected


def test_html_page_main_text_title_and_date():
    article = read_article(PAGE.format(charset="utf-8").encode(), name="page.html")
    assert article.format == "html" and article.encoding == "utf-8"
    assert article.title.startswith("星衡智算前三季度营收增长 62%")
    assert article.published.isoformat() == "2026-10-30"
    assert "48.6 亿元" in article.text and "30 亿元" in article.text
    for left_out in ("999 亿元", "首页", "配资"):  # script, navigation, footer spam
        assert left_out not in article.text


def test_html_page_in_its_declared_gbk_charset():
    article = read_article(PAGE.format(charset="gbk").encode("gbk"))
    assert article.encoding == "gb18030" and "周启明" in article.text


def test_html_publication_date_is_the_reference_unless_one_is_given():
    extractor = Extractor(entities=False, include_text=False)
    data = PAGE.format(charset="utf-8").encode()
    document = extractor.extract_bytes(data, name="page.html")
    assert (document.reference_date, document.reference_date_source) == ("2026-10-30", "document")
    assert document.text is not None  # offsets are into the extracted text: always carried
    for claim in document.claims:
        assert document.text[claim.start : claim.end] == claim.text
    tomorrow = [c for c in document.claims if c.text == "明年"]
    assert tomorrow and tomorrow[0].value.start == "2027-01-01"
    given = extractor.extract_bytes(data, name="page.html", ref_date="2025-01-01")
    assert (given.reference_date, given.reference_date_source) == ("2025-01-01", "given")


def test_html_page_without_article_text_is_a_clear_error(run_cli, tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title></title><script>var a = 1;</script></head><body><img src='x.png'></body></html>")
    result = run_cli("extract", str(page))
    assert result.returncode == 10
    assert result.stderr.decode().count("\n") == 1 and "no article text" in result.stderr.decode()
    with pytest.raises(HtmlInputError):
        read_article(page.read_bytes())


def test_batch_reads_text_and_html_files_with_a_comma_separated_glob(run_cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_bytes(TRADITIONAL.encode("big5"))
    (folder / "c.md").write_text("not taken")
    out = tmp_path / "out.jsonl"
    result = run_cli("batch", str(folder), "-o", str(out), "--glob", "*.txt,*.html", "--ref-date", "2026-11-06")
    assert result.returncode == 0, result.stderr.decode()
    documents = {json.loads(line)["id"].rsplit("/", 1)[-1]: json.loads(line) for line in out.read_text().splitlines()}
    assert set(documents) == {"a.html", "b.txt"}
    assert documents["a.html"]["source"]["format"] == "html"
    assert documents["a.html"]["reference_date_source"] == "given"
    assert documents["b.txt"]["source"] == {"format": "text", "encoding": "big5", "title": None, "published": None}


def test_html_without_the_html_extra_is_a_clear_error(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if `pip install 'extractor[html]'` had not run
    with pytest.raises(HtmlInputError, match=r"pip install 'extractor\[html\]'"):
        read_article(PAGE.format(charset="utf-8").encode())
    assert read_article("营收 350 亿美元。".encode()).format == "text"  # plain text needs no extra
