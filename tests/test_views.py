"""The views (extractor/views/): CSV, ClaimReview JSON-LD, the HTML report and the terminal table, on the
samples' expected documents (no extraction needed), on hand-made documents whose spans overlap, and
through the CLI (extract --format, render)."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest

from extractor.errors import UsageError
from extractor.schema import Document
from extractor.views import FORMATS, render
from extractor.views.as_csv import HEADER
from tests.conftest import ROOT, SAMPLES

EXPECTED = sorted(SAMPLES.glob("*.expected.json"))


def _sample(path) -> Document:
    return Document.model_validate(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def samples() -> list[Document]:
    return [_sample(path) for path in EXPECTED]


# ---------------------------------------------------------------------------------------------------- HTML tree


class _Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, _Node):
                yield from child.walk()

    def text(self, skip=lambda node: False):
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not skip(child):
                parts.append(child.text(skip))
        return "".join(parts)


class _TreeBuilder(HTMLParser):
    """A minimal DOM from the standard library's tokenizer (the report is well-formed: every element closed)."""

    VOID = {"meta", "link", "br", "img", "input", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = _Node("#root", {})

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in self.VOID:
            self.current = node

    def handle_endtag(self, tag):
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        self.current = self.current.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(page: str) -> _Node:
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.current is builder.root, "unclosed elements"
    return builder.root


def _not_shown_text(node) -> bool:
    """The parts of the article's element that are not the article: claim details and entity type labels."""
    return bool({"tip", "etag"} & set(node.classes()))


def article_texts(root: _Node) -> list[str]:
    return [node.text(_not_shown_text) for node in root.walk() if "text" in node.classes() and node.tag == "div"]


def claim_marks(root: _Node) -> list[_Node]:
    return [node for node in root.walk() if node.tag == "mark" and "claim" in node.classes()]


# ---------------------------------------------------------------------------------------------------- CSV


def test_formats_are_registered():
    assert FORMATS == ("json", "html", "table", "csv", "claimreview")
    with pytest.raises(UsageError, match="unknown format 'xml'"):
        render("xml", [])


def test_csv_columns_are_the_documented_ones():
    formats = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    section = formats.split("## CSV", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)
    assert tuple(documented) == HEADER


def test_csv_one_row_per_claim_with_flat_values(samples):
    rows = list(csv.DictReader(io.StringIO(render("csv", samples), newline="")))
    assert len(rows) == sum(len(document.claims) for document in samples)
    assert tuple(rows[0]) == HEADER
    by_key = {(row["doc_id"], row["claim_id"]): row for row in rows}
    for document in samples:
        for claim in document.claims:
            row = by_key[(document.id, claim.id)]
            assert row["kind"] == claim.kind and row["text"] == claim.text
            assert (int(row["start"]), int(row["end"])) == (claim.start, claim.end)
            assert row["sentence_text"] == document.sentences[claim.sentence].text
            assert row["checkworthiness"] == ("" if claim.checkworthiness is None else repr(claim.checkworthiness))
    finance = "samples/zh_tech_finance.txt"
    capex = by_key[(finance, "c9")]  # 700 – 720 亿美元
    assert (capex["min"], capex["max"], capex["currency"], capex["amount"]) == ("70000000000", "72000000000", "USD", "")
    assert capex["hedge"] == "预计" and capex["predicate"] == "资本开支" and capex["source"]
    points = by_key[(finance, "c17")]  # 3 个百分点
    assert (points["amount"], points["percent_points"], points["direction"]) == ("3", "true", "decrease")
    year = by_key[(finance, "c1")]  # 明年
    assert (year["date_start"], year["date_end"], year["date_grain"], year["date_relative"]) == (
        "2027-01-01", "2028-01-01", "year", "true"
    )
    assert by_key[(finance, "c2")]["time_scope"] == "c1" and by_key[(finance, "c2")]["time_scope_text"] == "明年"


def test_csv_text_that_a_spreadsheet_would_run_is_quoted_as_text():
    text = "=HYPERLINK(1) 营收 5 亿元。"
    start = text.index("5 亿元")
    document = Document.model_validate({
        "id": "@doc", "lang": "zh", "text": text,
        "sentences": [{"start": 0, "end": len(text), "text": text}],
        "claims": [{"id": "c1", "kind": "money", "start": start, "end": start + 4, "text": "5 亿元", "sentence": 0,
                    "subject_text": "-x", "value": {"amount": -500000000, "currency": "CNY"}}],
    })
    (row,) = csv.DictReader(io.StringIO(render("csv", [document]), newline=""))
    assert row["doc_id"] == "'@doc" and row["sentence_text"] == "'" + text and row["subject_text"] == "'-x"
    assert row["text"] == "5 亿元" and row["amount"] == "-500000000"  # numbers stay numbers


def test_csv_of_no_claims_is_the_header():
    document = Document(id="empty", lang="zh", text="")
    assert list(csv.reader(io.StringIO(render("csv", [document])))) == [list(HEADER)]


# ---------------------------------------------------------------------------------------------------- ClaimReview


def test_claimreview_items_have_the_claim_fields(samples):
    items = json.loads(render("claimreview", samples))
    assert len(items) == sum(len(document.claims) for document in samples)
    by_id = {item["identifier"]: item for item in items}
    for document in samples:
        for claim in document.claims:
            item = by_id[f"{document.id}#{claim.id}"]
            assert item["@context"] == "https://schema.org" and item["@type"] == "Claim"
            assert item["text"] == document.sentences[claim.sentence].text and item["name"] == claim.text
            appearance = item["appearance"]
            assert appearance["@type"] == "CreativeWork" and appearance["identifier"] == document.id
            assert appearance["name"] == ((document.source.title if document.source else None) or document.id)
            published = (document.source.published if document.source else None) or document.reference_date
            assert item.get("datePublished") == published
            about = item.get("about", [])
            assert all(thing["@type"] for thing in about)
            if claim.value is not None and (claim.kind != "date" or claim.value.start or claim.value.end):
                assert any(thing["@type"] in ("MonetaryAmount", "QuantitativeValue", "StructuredValue") for thing in about)
            if claim.subject_canonical or claim.subject_text:
                assert about[0]["name"] == (claim.subject_canonical or claim.subject_text)
            if claim.attribution and claim.attribution.text:
                assert ("author" in item) != ("creditText" in item)
            assert "author" in item or not claim.attribution or not claim.attribution.speaker or "creditText" in item


def test_claimreview_values_authors_and_periods(samples):
    items = {item["identifier"]: item for item in json.loads(render("claimreview", samples))}
    bloomberg = items["samples/zh_tech_finance.txt#c4"]  # 据彭博 · 社报道 … 超过 300 亿美元
    assert bloomberg["author"] == {"@type": "Organization", "name": "Bloomberg", "alternateName": "彭博 · 社"}
    money = next(thing for thing in bloomberg["about"] if thing["@type"] == "MonetaryAmount")
    assert money["currency"] == "USD" and money["minValue"] == 30000000000 and "value" not in money
    insiders = items["samples/zh_tech_finance.txt#c5"]  # 据知情人士透露: no name, so credited as written
    assert insiders["creditText"] == "知情人士" and "author" not in insiders
    capex = items["samples/zh_tech_finance.txt#c2"]  # 明年资本开支或达 720 亿美元: its time scope is 明年
    assert capex["temporalCoverage"] == "2027-01-01/2028-01-01"
    assert capex["about"][0] == {"@type": "Organization", "name": "Meta"}
    growth = items["samples/zh_tech_finance.txt#c15"]  # 19 %
    percent = next(thing for thing in growth["about"] if thing["@type"] == "QuantitativeValue")
    assert percent["value"] == 19 and percent["unitCode"] == "P1"
    page = items["samples/zh_html_page.html#c1"]
    assert page["appearance"]["datePublished"] == "2026-11-12" and page["datePublished"] == "2026-11-12"
    assert page["appearance"]["name"].startswith("星河云计算")


def test_views_take_a_time_scope_that_names_no_date_claim_as_none(samples):
    """A hand-edited document whose time scope points at a money claim (or at no claim) is shown without
    a time scope in every view, not a traceback (claimreview read a date's start from the money value)."""
    document = samples[0].model_copy(deep=True)
    money = next(claim for claim in document.claims if claim.kind == "money")
    numbers = [claim for claim in document.claims if claim.kind != "date" and claim is not money]
    numbers[0].time_scope, numbers[1].time_scope = money.id, "c999"
    for name in ("html", "csv", "table", "claimreview"):
        render(name, [document])
    items = {item["identifier"]: item for item in json.loads(render("claimreview", [document]))}
    assert "temporalCoverage" not in items[f"{document.id}#{numbers[0].id}"]
    rows = {row["claim_id"]: row for row in csv.DictReader(io.StringIO(render("csv", [document])))}
    assert rows[numbers[0].id]["time_scope"] == money.id and rows[numbers[0].id]["time_scope_text"] == ""


def test_claimreview_url_only_for_web_ids():
    document = Document(id="https://example.org/a", lang="en", text="x")
    from extractor.views.as_claimreview import _appearance

    assert _appearance(document)["url"] == "https://example.org/a"
    assert "url" not in _appearance(Document(id="a.txt", lang="en", text="x"))


# ---------------------------------------------------------------------------------------------------- HTML


def test_html_marks_every_claim_with_its_value_and_keeps_the_text(samples):
    root = parse_html(render("html", samples))
    assert not [node for node in root.walk() if node.tag in ("script", "link", "img", "iframe", "object")]
    texts = article_texts(root)
    assert texts == [document.text for document in samples]
    marks = claim_marks(root)
    assert len(marks) == sum(len(document.claims) for document in samples)
    for document, article in zip(samples, [node for node in root.walk() if node.tag == "article"]):
        found = {mark.attrs["data-claim-id"]: mark for mark in claim_marks(article)}
        assert set(found) == {claim.id for claim in document.claims}
        for claim in document.claims:
            mark = found[claim.id]
            assert mark.attrs["data-kind"] == claim.kind and mark.attrs["tabindex"] == "0"
            expected = claim.value.model_dump(mode="json") if claim.value is not None else None
            assert json.loads(mark.attrs["data-value"]) == expected
            assert mark.text(_not_shown_text) == claim.text
            tip = next(node for node in mark.walk() if "tip" in node.classes())
            assert mark.attrs["aria-describedby"] == tip.attrs["id"]
            assert "Check-worthiness" in tip.text() and "Source" in tip.text() and "Time scope" in tip.text()


def test_html_side_table_is_ordered_by_checkworthiness(samples):
    root = parse_html(render("html", samples[:1]))
    table = next(node for node in root.walk() if "claims" in node.classes() and node.tag == "table")
    scores = [float(node.text()) for node in table.walk() if "score" in node.classes()]
    assert scores == sorted(scores, reverse=True) and len(scores) == len(samples[0].claims)
    links = [node.attrs["href"] for node in table.walk() if node.tag == "a"]
    anchors = {node.attrs.get("id") for node in claim_marks(root)}
    assert all(link[1:] in anchors for link in links)


def test_html_entity_index_and_boilerplate(samples):
    spam = next(document for document in samples if document.id.endswith("zh_scraper_spam.txt"))
    root = parse_html(render("html", [spam]))
    grey = "".join(node.text() for node in root.walk() if "bp" in node.classes() and node.tag == "span")
    assert "鑫融配资平台" in grey and "免责声明" in grey
    finance = next(document for document in samples if document.id.endswith("zh_tech_finance.txt"))
    root = parse_html(render("html", [finance]))
    index = next(node for node in root.walk() if "entities" in node.classes() and node.tag == "table")
    rows = [[cell.text() for cell in row.children if isinstance(cell, _Node)] for row in index.walk() if row.tag == "tr"][1:]
    assert len(rows) == len(finance.entity_clusters)
    meta = next(row for row in rows if row[0] == "Meta")
    assert meta[1] == "ORG" and meta[3] == "11"
    counts = [int(row[3]) for row in rows]
    assert counts == sorted(counts, reverse=True)
    labels = {node.attrs["data-mention-id"]: node.attrs["data-label"] for node in root.walk() if "ent" in node.classes() and "data-mention-id" in node.attrs}
    assert labels == {entity.id: entity.label for entity in finance.entities}


HOSTILE = 'Title <script>alert(1)</script>\n公司称 a < b & c > d，<b>bold</b> 营收 5 亿元。\n"><img src=x onerror=alert(2)>'


def _hostile_document() -> Document:
    """Markup-like text with spans over it, and an entity that crosses a claim's edge: 'bold</b> 营收' over '收 5 亿元'."""
    text = HOSTILE
    def span(needle, **fields):
        start = text.index(needle)
        return {"start": start, "end": start + len(needle), "text": needle, **fields}
    return Document.model_validate({
        "id": "<i>hostile</i>.txt",
        "lang": "zh",
        "text": text,
        "source": {"format": "text", "encoding": "utf-8", "title": "<script>alert(3)</script>"},
        "sentences": [span(line, boilerplate=False) for line in text.split("\n")],
        "entities": [
            span("<script>alert(1)</script>", id="e1", label="ORG", canonical="<b>x</b>"),
            span("bold</b> 营收", id="e2", label="<PRODUCT onclick=x>"),
        ],
        "entity_clusters": [{
            "id": "E1", "label": "ORG", "canonical": "<b>x</b>", "canonical_source": "mention", "name": "<script>",
            "aliases": ["<script>alert(1)</script>"], "mentions": ["e1"], "count": 1,
        }],
        "claims": [
            span("收 5 亿元", id="c1", sentence=1, kind="money", subject_text="<b>bold</b>",
                 value={"amount": 500000000, "currency": "CNY"}, hedge="<i>may</i>", checkworthiness=0.5),
            span("a < b", id='c2"><script>', sentence=1, kind="quantity", value=None),
        ],
        "boilerplate": [span('"><img src=x onerror=alert(2)>', reason="<u>spam</u>")],
    })


def test_html_input_that_looks_like_markup_is_text():
    document = _hostile_document()
    page = render("html", [document])
    root = parse_html(page)
    assert not [node for node in root.walk() if node.tag in ("script", "img", "b", "i", "u")]
    assert article_texts(root) == [document.text]
    assert "alert(3)" in "".join(node.text() for node in root.walk() if node.tag == "title")
    marks = {mark.attrs["data-claim-id"]: mark for mark in claim_marks(root)}
    assert set(marks) == {"c1", 'c2"><script>'}
    assert json.loads(marks["c1"].attrs["data-value"]) == document.claims[0].value.model_dump(mode="json")
    assert marks['c2"><script>'].attrs["data-value"] == "null"
    # The entity crossing the claim's start is cut there: two fragments, one outside and one inside the mark,
    # and its label (not a known type) becomes the neutral class, written once after its last fragment.
    fragments = [node for node in root.walk() if node.attrs.get("data-mention-id") == "e2"]
    assert [fragment.text() for fragment in fragments] == ["bold</b> 营", "收"]
    assert fragments[1].parent is marks["c1"] and fragments[0].parent is not marks["c1"]
    assert all(fragment.classes() == ["ent", "ent-other"] for fragment in fragments)
    tags = [node.text() for node in root.walk() if "etag" in node.classes() and node.parent is not None and "text" not in node.classes()]
    assert tags.count("<PRODUCT onclick=x>") == 1
    grey = [node for node in root.walk() if "bp" in node.classes() and node.tag == "span" and node.parent.tag != "p"]
    assert "".join(node.text() for node in grey) == '"><img src=x onerror=alert(2)>'


def test_html_claims_are_never_split_and_nested_spans_stay_whole():
    text = "甲公司营收增长 20%，乙集团亏损 3 亿元。"
    claim_start = text.index("20%")
    document = Document.model_validate({
        "id": "nest", "lang": "zh", "text": text,
        "entities": [
            {"id": "e1", "start": 0, "end": 3, "text": "甲公司", "label": "ORG"},
            # An entity inside a claim (made up to test the nesting): it stays inside the mark.
            {"id": "e2", "start": claim_start, "end": claim_start + 2, "text": "20", "label": "PERSON"},
        ],
        "claims": [
            {"id": "c1", "kind": "percent", "start": claim_start, "end": claim_start + 3, "text": "20%", "sentence": 0},
            {"id": "c2", "kind": "money", "start": text.index("3 亿元"), "end": text.index("3 亿元") + 4, "text": "3 亿元",
             "sentence": 0, "value": {"amount": 300000000, "currency": "CNY"}},
            # An empty claim still gets its element.
            {"id": "c3", "kind": "date", "start": 1, "end": 1, "text": "", "sentence": 0},
        ],
        # Boilerplate over the whole second claim and beyond: the claim stays one element inside the grey.
        "boilerplate": [{"start": text.index("乙"), "end": len(text), "text": text[text.index("乙"):], "reason": "test"}],
    })
    root = parse_html(render("html", [document]))
    assert article_texts(root) == [text]
    marks = {mark.attrs["data-claim-id"]: mark for mark in claim_marks(root)}
    assert set(marks) == {"c1", "c2", "c3"}
    assert marks["c1"].text(_not_shown_text) == "20%" and marks["c3"].text(_not_shown_text) == ""
    inner = [node for node in marks["c1"].walk() if node.attrs.get("data-mention-id") == "e2"]
    assert len(inner) == 1 and inner[0].text() == "20"
    whole = [node for node in root.walk() if node.attrs.get("data-mention-id") == "e1"]
    assert len(whole) == 2 and whole[0].text() == "甲" and whole[1].text() == "公司"  # cut by the empty claim
    assert all("bp" in node.classes() for node in marks["c2"].walk() if node.tag == "span" and not _in_tip(node))


def _in_tip(node) -> bool:
    while node is not None:
        if "tip" in node.classes():
            return True
        node = node.parent
    return False


def test_html_needs_text():
    with pytest.raises(UsageError, match="has no text"):
        render("html", [Document(id="a", lang="zh")])


def test_html_is_styled_for_phones_and_print_without_any_request():
    page = render("html", [Document(id="a", lang="zh", text="x")])
    assert "@media (max-width: 40rem)" in page and "@media print" in page
    assert "default-src 'none'" in page
    assert not re.search(r"(?:src|href)=\"(?!#)", page)  # only in-page links
    assert "url(" not in page and "@import" not in page


# ---------------------------------------------------------------------------------------------------- table


def test_table_lists_every_claim(samples):
    finance = next(document for document in samples if document.id.endswith("zh_tech_finance.txt"))
    text = render("table", [finance], width=200)
    assert "USD 70,000,000,000 – 72,000,000,000" in text and "资本开支" in text
    assert f"{len(finance.claims)} claims in 1 document" in text
    assert "\x1b[" not in text  # no colour unless asked
    assert "\x1b[" in render("table", [finance], width=200, color=True)


def test_value_text_reads_like_the_article():
    from extractor.views.common import number_text

    assert number_text(72000000000) == "72,000,000,000" and number_text(1e-05) == "0.00001"
    assert number_text(5.78) == "5.78" and number_text(3.0) == "3"


# ---------------------------------------------------------------------------------------------------- CLI


def _one_error_line(result, needle):
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in lines[0], result.stderr.decode()


def test_cli_extract_formats(run_cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("据新华社报道，华为公司 2025 年营收同比增长 22%，达到 8600 亿元。", encoding="utf-8")

    def extract(*args):
        # Claims only: the formats do not depend on the entity model, and it takes a second to load.
        result = run_cli("extract", str(article), "--ref-date", "2026-11-20", "--no-entities", *args)
        assert result.returncode == 0, result.stderr.decode()
        return result.stdout

    default = extract()
    assert extract("--format", "json") == default and extract("--format", "json", "--pretty") == extract("--pretty")
    document = Document.model_validate_json(default)
    assert len(document.claims) == 3
    rows = list(csv.DictReader(io.StringIO(extract("--format", "csv").decode(), newline="")))
    assert [row["claim_id"] for row in rows] == [claim.id for claim in document.claims]
    items = json.loads(extract("--format", "claimreview", "--pretty"))
    assert [item["identifier"] for item in items] == [f"{article}#{claim.id}" for claim in document.claims]
    assert "CNY 860,000,000,000" in extract("--format", "table").decode()
    report = tmp_path / "r.html"
    assert extract("--format", "html", "-o", str(report)) == b""
    root = parse_html(report.read_text(encoding="utf-8"))
    assert {mark.attrs["data-claim-id"] for mark in claim_marks(root)} == {claim.id for claim in document.claims}


def test_cli_extract_format_errors(run_cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("营收 5 亿元。", encoding="utf-8")
    for args, needle in (
        (["--format", "xml"], "unknown format 'xml'"),
        (["--format", "csv", "--jsonl"], "--jsonl is for --format json"),
        (["--format", "html", "--no-text"], "leave out --no-text"),
    ):
        result = run_cli("extract", str(article), *args)
        assert result.returncode == 2 and result.stdout == b""
        _one_error_line(result, needle)
    missing = run_cli("extract", str(article), str(tmp_path / "missing.txt"), "--format", "csv", "--no-entities")
    assert missing.returncode == 3
    _one_error_line(missing, "missing.txt: no such file")
    assert len(list(csv.reader(io.StringIO(missing.stdout.decode())))) == 2  # the header and the one claim


def test_cli_render_articles_and_json_output_alike(run_cli, tmp_path):
    json_report, article_report = tmp_path / "from_json.html", tmp_path / "from_article.html"
    expected = SAMPLES / "zh_tech_finance.expected.json"
    assert run_cli("render", str(expected), "-o", str(json_report)).returncode == 0
    result = run_cli("render", "samples/zh_tech_finance.txt", "--ref-date", "2026-11-20", "-o", str(article_report))
    assert result.returncode == 0, result.stderr.decode()
    assert json_report.read_bytes() == article_report.read_bytes()
    # JSONL output with an error record: the record is left out with a warning, the documents are shown.
    batch = tmp_path / "out.jsonl"
    lines = [json.dumps({"id": "gone.txt", "error": {"code": "input.not_found", "message": "no such file"}})]
    lines += [json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False) for path in EXPECTED]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("render", str(batch))
    assert result.returncode == 0 and b"gone.txt is an error record" in result.stderr
    root = parse_html(result.stdout.decode())
    assert len(article_texts(root)) == len(EXPECTED)
    # Extract output piped in.
    piped = run_cli("render", "-", stdin=(SAMPLES / "en_news.expected.json").read_bytes())
    assert piped.returncode == 0 and len(claim_marks(parse_html(piped.stdout.decode()))) == len(_sample(SAMPLES / "en_news.expected.json").claims)


@pytest.mark.parametrize(
    "content, name, needle",
    [
        ('{"id": "a", "lang": "zh", "sentences": []}', "a.json", "document 'a' has no text"),
        ("not json\n", "b.jsonl", "b.jsonl:1: is not valid JSON"),
        ('[1, 2]', "c.json", "is not an extractor document"),
        ('{"id": "d", "lang": "xx", "text": ""}', "d.json", "is not an extractor document (lang:"),
        ('{"id": "e", "lang": "zh", "text": "abc", "claims": [{"id": "c1", "kind": "money", "start": 0, "end": 2, '
         '"text": "xy", "sentence": 0}]}', "e.json", "the offsets of c1 do not match its text"),
    ],
)
def test_cli_render_refuses_bad_json_in_one_line(run_cli, tmp_path, content, name, needle):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    output = tmp_path / "r.html"
    result = run_cli("render", str(path), "-o", str(output))
    assert result.returncode == 2 and not output.exists()
    _one_error_line(result, needle)


def test_cli_render_missing_input_and_output_among_inputs(run_cli, tmp_path):
    result = run_cli("render", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "r.html"))
    assert result.returncode == 3 and not (tmp_path / "r.html").exists()
    _one_error_line(result, "no such file")
    existing = tmp_path / "x.json"
    existing.write_text("{}", encoding="utf-8")
    result = run_cli("render", str(existing), "-o", str(existing))
    assert result.returncode == 2
    _one_error_line(result, "is also an input")
    assert run_cli("render", "--help").stdout.count(b"Example: extractor render") == 1
