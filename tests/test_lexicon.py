"""The user lexicon (--lexicon FILE, Extractor(lexicon=...)): its formats, its errors, and what it does."""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from extractor import Extractor
from extractor.batch import BatchConfig, DocumentOptions, process, run_batch
from extractor.entities import user_lexicon
from extractor.entities.user_lexicon import UserEntry, UserLexicon
from extractor.errors import EXIT_CODES, LexiconError
from tests.conftest import ROOT

TSV = """# name\tlabel\tcanonical\taliases
星河云计算\tORG\tGalaxy Cloud\t星河云
Kestrel Robotics\torg\t\tKestrel
Harlow Foods\tPRODUCT
Apple Pie\tNONE
"""

ZH = "星河云计算今年营收增长 30%，星河云的创始人王小明表示，Galaxy Cloud 将在美国上市。"
EN = "Kestrel Robotics raised $5m last week. Kestrel said revenue rose 12%. Apple Pie sales at Harlow Foods fell 3%."


@pytest.fixture(scope="module")
def lexicon_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("lexicon") / "names.tsv"
    path.write_text(TSV, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def with_lexicon(lexicon_file) -> Extractor:
    return Extractor(lexicon=lexicon_file)


def _entities(document) -> list[tuple[str, str, str]]:
    return [(e.text, e.label, e.canonical) for e in document.entities]


def _spans_hold(document, text: str) -> None:
    for span in [*document.entities, *document.claims]:
        assert text[span.start : span.end] == span.text


# --- the formats ------------------------------------------------------------------------------------


def test_lexicon_tsv_reads_names_labels_canonicals_and_aliases(lexicon_file):
    lexicon = UserLexicon.read(lexicon_file)
    assert lexicon.entries == (
        UserEntry("星河云计算", "ORG", "Galaxy Cloud", ("星河云",), 2),
        UserEntry("Kestrel Robotics", "ORG", None, ("Kestrel",), 3),
        UserEntry("Harlow Foods", "PRODUCT", None, (), 4),
        UserEntry("Apple Pie", "NONE", None, (), 5),
    )
    assert lexicon.get("星河云").canonical == "Galaxy Cloud" and lexicon.get("KESTREL ROBOTICS").label == "ORG"


def test_lexicon_tsv_header_row_gpe_and_several_aliases(tmp_path):
    path = tmp_path / "places.tsv"
    path.write_text("name\tlabel\tcanonical\taliases\r\n雾港市\tGPE\tMistport\t雾港|Mist Port\r\n", encoding="utf-8-sig")
    (entry,) = UserLexicon.read(path).entries
    assert entry == UserEntry("雾港市", "LOC", "Mistport", ("雾港", "Mist Port"), 2)


def test_lexicon_json_list_and_object_forms_give_the_same_lexicon(tmp_path, lexicon_file):
    entries = [
        {"name": "星河云计算", "label": "ORG", "canonical": "Galaxy Cloud", "aliases": ["星河云"]},
        {"name": "Kestrel Robotics", "label": "org", "aliases": ["Kestrel"]},
        {"name": "Harlow Foods", "label": "PRODUCT", "canonical": None},
        {"name": "Apple Pie", "label": "NONE"},
    ]
    listed = tmp_path / "names.json"
    listed.write_text(json.dumps(entries, ensure_ascii=False, indent=2), encoding="utf-8")
    wrapped = tmp_path / "wrapped.lexicon"  # no .json suffix: told by its first character
    wrapped.write_text(json.dumps({"_about": "test names", "entries": entries}, ensure_ascii=False), encoding="utf-8")
    assert UserLexicon.read(listed) == UserLexicon.read(wrapped) == UserLexicon.read(lexicon_file)
    assert UserLexicon.from_entries(entries) == UserLexicon.read(listed)
    opening_lines = [n for n, line in enumerate(listed.read_text(encoding="utf-8").split("\n"), 1) if line.strip() == "{"]
    assert [entry.line for entry in UserLexicon.read(listed).entries] == opening_lines and len(opening_lines) == 4


def test_lexicon_pickles_by_content_and_keys_the_worker_cache(lexicon_file, monkeypatch):
    lexicon = UserLexicon.read(lexicon_file)
    again = pickle.loads(pickle.dumps(lexicon))
    assert again == lexicon and hash(again) == hash(lexicon)
    # In this process unpickling finds the lexicon it already has (again is lexicon); a worker that has none
    # rebuilds it from the pickled rows, which must give the same entries.
    monkeypatch.setattr(user_lexicon, "_BUILT", weakref.WeakValueDictionary())
    rebuilt = pickle.loads(pickle.dumps(lexicon))
    assert rebuilt is not lexicon and rebuilt.entries == lexicon.entries and rebuilt == lexicon
    assert rebuilt.get("星河云") == lexicon.get("星河云") and rebuilt.get("星河云") is not None
    options = DocumentOptions(lexicon=lexicon)
    assert pickle.loads(pickle.dumps(options)) == options and hash(pickle.loads(pickle.dumps(options))) == hash(options)


# --- errors: each one names the file and the line ----------------------------------------------------

TSV_ERRORS = [
    ("星河云计算 ORG\n", 1, "expected 2–4 tab-separated fields, got 1 (separate the fields with tabs, not spaces)"),
    ("# ok\n\na\tORG\nb\tORG\tB\tb2\textra\n", 4, "expected 2–4 tab-separated fields, got 5"),
    ("\tORG\n", 1, "the name (field 1) is empty"),
    ("星河\t\n", 1, "the label (field 2) is empty"),
    ("星河\tCOMPANY\n", 1, "unknown label 'COMPANY'"),
    ("小米粥\tNONE\t小米\n", 1, "a NONE entry suppresses a name; it takes no canonical name or aliases"),
    ("星河云\tORG\nKestrel\tORG\t\t星河云\n", 2, "'星河云' is already listed on line 1 for 星河云 (ORG)"),
    ("Mistport\tLOC\nMist Port\tORG\tMistport\n", 2, "'Mistport' is ORG here but LOC on line 1"),
    ("星\tORG\n", 1, "is one Chinese character"),
    ("星河\u0007\tORG\n", 1, "contains a control or unassigned character"),
    ("·\tPERSON\n", 1, "has no letters or digits"),
]

JSON_ERRORS = [
    ('[\n  {"name": "a", "label": "ORG"},\n  {"name": "b" "label": "ORG"}\n]', 3, "invalid JSON: Expecting ',' delimiter"),
    ('[\n  {"name": "Kestrel", "label": "ORG"},\n  {"name": "Kestrel Robotics",\n   "alias": ["K"], "label": "ORG"}\n]', 3,
     "unknown key 'alias' (an entry has name, label, canonical, aliases)"),
    ('{"_about": "x",\n "entries": [\n   "Kestrel"\n ]}', 3, "an entry must be an object"),
    ('[{"name": "Kestrel"}]', 1, "the entry has no 'label'"),
    ('[{"name": "Kestrel", "label": "ORG", "aliases": "K"}]', 1, "'aliases' must be a list of strings, not a string"),
    ('[{"name": 7, "label": "ORG"}]', 1, "'name' must be a string, not a number"),
    ('{"names": []}', 1, "expected a list of entries"),
    ('"Kestrel"', 1, "expected a list of entries"),
]

ERRORS = [("tsv", *case) for case in TSV_ERRORS] + [("json", *case) for case in JSON_ERRORS]


@pytest.mark.parametrize("suffix, content, line, message", ERRORS, ids=[f"{s}-{m.split(':')[0][:30]}" for s, _, _, m in ERRORS])
def test_lexicon_error_names_file_and_line(tmp_path, suffix, content, line, message):
    path = tmp_path / f"lexicon.{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        UserLexicon.read(path)
    assert caught.value.one_line().startswith(f"{path}:{line}: ")
    assert message in caught.value.one_line()
    assert "\n" not in caught.value.one_line() and caught.value.exit_code == 11


def test_lexicon_file_that_cannot_be_read_is_a_lexicon_error(tmp_path):
    bad = tmp_path / "latin1.tsv"
    bad.write_bytes("a\tORG\nCaf\u00e9\tORG\n".encode("latin-1"))
    for path, expected in [
        (tmp_path / "missing.tsv", f"{tmp_path / 'missing.tsv'}: cannot read the lexicon: no such file"),
        (tmp_path, f"{tmp_path}: is a directory, not a lexicon file"),
        (bad, f"{bad}:2: not valid UTF-8 (save the lexicon as UTF-8)"),
    ]:
        with pytest.raises(LexiconError) as caught:
            UserLexicon.read(path)
        assert caught.value.one_line() == expected
    with pytest.raises(LexiconError, match="lexicon must be a file path"):
        Extractor(lexicon=42)


def test_lexicon_exit_code_is_documented():
    assert LexiconError.exit_code == 11 and 11 in EXIT_CODES
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^\| 11 \| .*lexicon", readme, flags=re.M)


# --- what it does -------------------------------------------------------------------------------------


def test_lexicon_finds_names_the_model_misses_with_their_labels(extractor_instance, with_lexicon):
    assert not any(e.text.startswith(("星河", "Kestrel", "Harlow")) for e in extractor_instance.extract(ZH).entities)
    assert not any(e.text.startswith(("Kestrel", "Harlow")) for e in extractor_instance.extract(EN).entities)
    zh = with_lexicon.extract(ZH, ref_date="2026-11-20")
    assert ("星河云计算", "ORG", "Galaxy Cloud") in _entities(zh)
    en = with_lexicon.extract(EN, ref_date="2026-11-20")
    assert ("Kestrel Robotics", "ORG", "Kestrel Robotics") in _entities(en)
    assert ("Harlow Foods", "PRODUCT", "Harlow Foods") in _entities(en)
    assert {e.rule for e in en.entities if e.text.startswith(("Kestrel", "Harlow"))} == {"ner.user_lexicon"}
    _spans_hold(zh, ZH)
    _spans_hold(en, EN)


def test_lexicon_aliases_cluster_with_their_canonical_name(with_lexicon):
    zh = with_lexicon.extract(ZH, ref_date="2026-11-20")
    (cluster,) = [c for c in zh.entity_clusters if c.canonical == "Galaxy Cloud"]
    assert cluster.aliases == ["星河云计算", "星河云", "Galaxy Cloud"] and cluster.count == 3
    assert cluster.label == "ORG" and cluster.canonical_source == "lexicon"
    en = with_lexicon.extract(EN, ref_date="2026-11-20")
    (cluster,) = [c for c in en.entity_clusters if c.canonical == "Kestrel Robotics"]
    assert cluster.aliases == ["Kestrel Robotics", "Kestrel"]
    # the claims' subjects name the entity the user listed
    assert en.claims[0].subject_canonical == "Kestrel Robotics"


def test_lexicon_label_overrides_the_model(extractor_instance, with_lexicon):
    # The model reads "Galaxy Cloud" in Chinese text as a person; the user says it is the company.
    assert ("Galaxy Cloud", "PERSON") in [(e.text, e.label) for e in extractor_instance.extract(ZH).entities]
    assert ("Galaxy Cloud", "ORG", "Galaxy Cloud") in _entities(with_lexicon.extract(ZH))


def test_lexicon_wins_over_the_shipped_lexicon(extractor_instance):
    text = "苹果公司首席执行官库克表示，公司营收增长 5%。"
    assert ("库克", "PERSON", "Tim Cook") in _entities(extractor_instance.extract(text))
    mine = Extractor(lexicon=[{"name": "库克", "label": "PERSON", "canonical": "James Cook"},
                              {"name": "苹果公司", "label": "PRODUCT", "canonical": "Apple Orchards"}])
    found = _entities(mine.extract(text))
    assert ("库克", "PERSON", "James Cook") in found and ("苹果公司", "PRODUCT", "Apple Orchards") in found


def test_lexicon_none_suppresses_the_mentions_inside_a_phrase(extractor_instance, with_lexicon):
    assert "Apple" in [e.text for e in extractor_instance.extract(EN).entities]
    assert "Apple" not in [e.text for e in with_lexicon.extract(EN).entities]
    text = "美国今年 GDP 增长 2%。"
    assert [e.text for e in Extractor(lexicon=[{"name": "美国", "label": "NONE"}]).extract(text).entities] == []
    # a longer name around a suppressed one stands
    assert "苹果公司" in [e.text for e in Extractor(lexicon=[{"name": "苹果", "label": "NONE"}]).extract("苹果公司营收增长 5%。").entities]


def test_lexicon_reads_traditional_and_full_width_text_with_offsets_into_the_original(with_lexicon):
    text = "據報導，星河雲計算（ＫＥＳＴＲＥＬ）與 Ｋｅｓｔｒｅｌ  Ｒｏｂｏｔｉｃｓ 合作，營收增長 30%。"
    document = with_lexicon.extract(text, ref_date="2026-11-20")
    found = _entities(document)
    assert ("星河雲計算", "ORG", "Galaxy Cloud") in found
    assert ("Ｋｅｓｔｒｅｌ  Ｒｏｂｏｔｉｃｓ", "ORG", "Kestrel Robotics") in found  # two spaces match the one listed
    _spans_hold(document, text)


def test_lexicon_latin_names_need_word_boundaries(with_lexicon):
    text = "Kestrels and KestrelRobotics are not the company; Kestrel is."
    document = with_lexicon.extract(text)
    assert [(e.text, e.start) for e in document.entities if e.label == "ORG"] == [("Kestrel", text.index("Kestrel is"))]


def test_lexicon_empty_leaves_the_output_unchanged(tmp_path, extractor_instance):
    path = tmp_path / "empty.tsv"
    path.write_text("# nothing yet\n", encoding="utf-8")
    text = (ROOT / "samples" / "zh_tech_finance.txt").read_text(encoding="utf-8")
    expected = extractor_instance.extract(text, ref_date="2026-11-20")
    assert Extractor(lexicon=path).extract(text, ref_date="2026-11-20") == expected


# --- command line and batch -----------------------------------------------------------------------------


def test_lexicon_cli_extract_uses_it_and_a_bad_line_is_one_line_exit_11(run_cli, tmp_path, lexicon_file):
    article = tmp_path / "a.txt"
    article.write_text(EN, encoding="utf-8")
    result = run_cli("extract", str(article), "--lexicon", str(lexicon_file), "--ref-date", "2026-11-20")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert ("Kestrel Robotics", "ORG") in [(e["text"], e["label"]) for e in document["entities"]]
    bad = tmp_path / "lexicon.tsv"
    bad.write_text("星河云计算\tORG\n\n# fine so far\nKestrel\tORG\n\n\n星河云\n", encoding="utf-8")
    for command in (["extract", str(article)], ["batch", str(article), "-o", str(tmp_path / "out.jsonl")], ["render", str(article)]):
        result = run_cli(*command, "--lexicon", str(bad))
        assert result.returncode == 11 and result.stdout == b""
        assert result.stderr.decode() == f"extractor: error: {bad}:7: expected 2–4 tab-separated fields, got 1\n"
    assert not (tmp_path / "out.jsonl").exists()


def test_lexicon_cli_render_uses_it_like_extract(run_cli, tmp_path, lexicon_file):
    article = tmp_path / "a.txt"
    article.write_text(EN, encoding="utf-8")
    options = ["--lexicon", str(lexicon_file), "--ref-date", "2026-11-20"]
    with_names = run_cli("render", str(article), *options)
    assert with_names.returncode == 0, with_names.stderr
    # The report of the article is the report of what extract --lexicon prints (its JSON read back).
    extracted = tmp_path / "a.json"
    extracted.write_bytes(run_cli("extract", str(article), *options).stdout)
    assert run_cli("render", str(extracted)).stdout == with_names.stdout
    # Kestrel, an alias in the lexicon, is a mention of Kestrel Robotics only with it
    kestrel = b'data-label="ORG" data-entity-id="E1" title="ORG: Kestrel Robotics">Kestrel</span>'
    assert kestrel in with_names.stdout
    assert kestrel not in run_cli("render", str(article), "--ref-date", "2026-11-20").stdout


def test_lexicon_reaches_batch_worker_processes(tmp_path, lexicon_file):
    records = tmp_path / "records.jsonl"
    records.write_text(
        "\n".join(json.dumps({"id": f"r{i}", "text": EN if i % 2 else ZH}, ensure_ascii=False) for i in range(6)) + "\n",
        encoding="utf-8",
    )
    options = DocumentOptions(ref_date="2026-11-20", lexicon=UserLexicon.read(lexicon_file))
    summary = run_batch(BatchConfig(inputs=[str(records)], output=tmp_path / "out.jsonl", workers=2, options=options))
    assert summary.documents == 6 and summary.errors == 0
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    for line in lines:
        canonicals = {e["canonical"] for e in line["entities"]}
        assert ("Kestrel Robotics" if line["text"] == EN else "Galaxy Cloud") in canonicals
    # the line a worker writes is the one the API gives
    assert process({"id": "x", "text": EN}, options) == process({"id": "x", "text": EN}, pickle.loads(pickle.dumps(options)))


def test_lexicon_reaches_dask_workers(tmp_path, lexicon_file, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    for i in range(4):
        Path("in", f"{i}.txt").write_text(EN if i % 2 else ZH, encoding="utf-8")
    options = DocumentOptions(ref_date="2026-11-20", lexicon=UserLexicon.read(lexicon_file))
    summary = run_batch(
        BatchConfig(inputs=["in"], output=Path("out.jsonl"), engine="dask", workers=2, partition_size=1, options=options)
    )
    assert summary.documents == 4 and summary.errors == 0
    assert all(info["extractor_loads"] == 1 for info in summary.workers.values())  # the lexicon keys the cache
    for line in Path("out.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert {"Kestrel Robotics", "Galaxy Cloud"} & {e["canonical"] for e in record["entities"]}


def test_lexicon_readme_example_runs(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Your own names (lexicon)", 1)[1].split("\n## ", 1)[0]
    (tsv,) = re.findall(r"```tsv\n(.*?)```", section, flags=re.S)
    (tmp_path / "names.tsv").write_text(tsv, encoding="utf-8")
    (example,) = re.findall(r"```py\n(.*?)```", section, flags=re.S)
    result = subprocess.run([sys.executable, "-c", example], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                            env=os.environ | {"PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert "Galaxy Cloud" in result.stdout
