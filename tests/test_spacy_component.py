"""The spaCy component: nlp.add_pipe("extractor") on blank and loaded pipelines, the same values as the
JSON, displaCy, and the pipeline saved and loaded again."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
import spacy
from spacy import displacy
from spacy.tokens import Doc, DocBin

import extractor
from extractor.errors import UsageError
from extractor.spacy_component import displacy_claims, register_extensions
from tests.conftest import ROOT

REF = "2026-11-20"
ZH = "Meta 首席执行官马克 · 扎克伯格上周表示，明年资本开支为 700 – 720 亿美元。华为今年在中美两地营收增长三成。"
EN = "Kestrel Robotics raised $5m last week, Meta's chief executive Mark Zuckerberg said; sales rose 12%."


def _pipeline(lang: str, **config) -> spacy.Language:
    nlp = spacy.blank(lang, config={"nlp": {"tokenizer": {"segmenter": config.pop("segmenter")}}} if "segmenter" in config else {})
    nlp.add_pipe("extractor", config={"ref_date": REF, **config})
    return nlp


@pytest.fixture(scope="module")
def zh_nlp():
    return _pipeline("zh")


@pytest.fixture(scope="module")
def en_nlp():
    return _pipeline("en")


def _run(code: str) -> subprocess.CompletedProcess:
    """A fresh interpreter that never imports extractor itself: only spaCy's entry point can bring it in."""
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=180,
                          env=os.environ | {"PYTHONPATH": str(ROOT)})


def test_spacy_component_is_found_through_the_entry_point_without_importing_extractor():
    result = _run(
        "import sys, spacy\n"
        "from importlib.metadata import entry_points\n"
        "assert 'extractor' in entry_points(group='spacy_factories').names\n"
        "assert not any(name == 'extractor' or name.startswith('extractor.') for name in sys.modules)\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('extractor')\n"
        "doc = nlp('Revenue at Meta rose 12% to $5m.')\n"
        "print([(ent.text, ent.label_) for ent in doc.ents], [claim.kind for claim in doc._.claims])\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[('Meta', 'ORG')] ['percent', 'money']"


@pytest.mark.parametrize("lang, text", [("zh", ZH), ("en", EN)])
def test_spacy_component_gives_the_values_of_the_json_output(zh_nlp, en_nlp, lang, text):
    doc = (zh_nlp if lang == "zh" else en_nlp)(text)
    expected = extractor.extract(text, ref_date=REF)
    assert doc._.claims == expected.claims and doc._.claims
    assert doc._.extractor == expected
    assert json.loads(doc._.extractor_json) == json.loads(expected.model_dump_json(exclude={"text"}))
    for claim in doc._.claims:
        assert doc.text[claim.start : claim.end] == claim.text
    # every claim is a span of the group, which leads back to it
    assert [span._.claim for span in doc.spans["claims"]] == expected.claims
    assert [span.label_ for span in doc.spans["claims"]] == [claim.kind.upper() for claim in expected.claims]


def test_spacy_component_entities_are_token_spans_with_canonical_names(zh_nlp):
    doc = zh_nlp(ZH)
    assert [(ent.text, ent.label_, ent.kb_id_, ent.id_) for ent in doc.ents][:2] == [
        ("Meta", "ORG", "Meta", "e1"),
        ("马克 · 扎克伯格", "PERSON", "Mark Zuckerberg", "e2"),
    ]
    for ent in doc.ents:
        entity = ent._.entity
        assert entity.id == ent.id_ and entity.label == ent.label_ and doc.text[entity.start : entity.end] == entity.text
    meta = doc.char_span(0, 4)  # a span the component did not make finds its entity by its offsets
    assert meta._.entity.canonical == "Meta" and meta._.claim is None


def test_spacy_component_alignment_modes_on_jieba_tokens():
    # spaCy's jieba segmenter keeps 中美 as one token: the two places inside it have no token boundary.
    text = "华为今年在中美两地营收增长三成。"
    shapes = {}
    for mode in ("expand", "contract", "strict"):
        doc = _pipeline("zh", segmenter="jieba", alignment_mode=mode)(text)
        assert "中美" in [token.text for token in doc]
        assert [entity.text for entity in doc._.extractor.entities] == ["华为", "中", "美"]  # all kept in the model
        shapes[mode] = [(ent.text, ent.label_) for ent in doc.ents]
    assert shapes["expand"] == [("华为", "ORG"), ("中美", "LOC")]  # both widened to the token; the first stays
    assert shapes["contract"] == shapes["strict"] == [("华为", "ORG")]


def test_spacy_component_keeps_or_overwrites_existing_entities_like_entity_ruler():
    def run(**config):
        nlp = spacy.blank("en")
        nlp.add_pipe("entity_ruler").add_patterns([{"label": "GPE", "pattern": "Meta"}])
        nlp.add_pipe("extractor", config=config)
        return [(ent.text, ent.label_) for ent in nlp(EN).ents]

    kept = run()
    assert ("Meta", "GPE") in kept and ("Mark Zuckerberg", "PERSON") in kept
    overwritten = run(overwrite_ents=True)
    assert ("Meta", "ORG") in overwritten and ("Meta", "GPE") not in overwritten
    assert run(set_ents=False) == [("Meta", "GPE")]


def test_spacy_component_on_a_loaded_pipeline_after_its_own_ner():
    import extractor.entities.tagger  # noqa: F401  (the shipped pipeline's own factories)
    import extractor.entities.zh_tokens  # noqa: F401
    from extractor.entities.model import model_path

    nlp = spacy.load(model_path("zh"))  # a copy of our Chinese NER pipeline, not the one the extractor uses
    assert nlp.pipe_names[-1] != "extractor"
    nlp.add_pipe("extractor", config={"ref_date": REF, "overwrite_ents": True})
    doc = nlp(ZH)
    expected = extractor.extract(ZH, ref_date=REF)
    assert doc._.claims == expected.claims
    assert [ent.text for ent in doc.ents] == [entity.text for entity in expected.entities]


def test_spacy_component_per_call_options_and_bad_config():
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor")
    doc = nlp("Sales rose 12% last week.", component_cfg={"extractor": {"ref_date": "2026-11-24"}})
    assert doc._.extractor.reference_date == "2026-11-24"
    nlp.get_pipe("extractor").ref_date = "2026-01-15"
    assert nlp("Sales rose 12% last week.")._.extractor.reference_date == "2026-01-15"
    with pytest.raises(UsageError, match="invalid alignment_mode"):
        spacy.blank("en").add_pipe("extractor", config={"alignment_mode": "sideways"})
    with pytest.raises(UsageError, match="invalid reference date"):
        spacy.blank("en").add_pipe("extractor", config={"ref_date": "2026-13-01"})
    empty = nlp("")
    assert empty._.claims == [] and list(empty.ents) == [] and list(empty.spans["claims"]) == []


def test_spacy_component_displacy_shows_entities_and_claims(zh_nlp):
    doc = zh_nlp(ZH)
    html = displacy.render(doc, style="ent")
    assert "ORG" in html and "PERSON" in html
    manual = displacy_claims(doc)
    assert [mark["label"] for mark in manual["ents"]] == [claim.kind.upper() for claim in doc._.claims]
    assert all(doc.text[m["start"] : m["end"]] == c.text for m, c in zip(manual["ents"], doc._.claims))
    html = displacy.render(manual, style="ent", manual=True)
    assert "MONEY" in html and "700 – 720 亿美元" in html
    both = displacy_claims(doc, entities=True)
    assert {"MONEY", "DATE", "ORG", "PERSON"} <= {mark["label"] for mark in both["ents"]}
    assert "MONEY" in displacy.render(doc, style="span", options={"spans_key": "claims"})


def test_spacy_component_docs_serialise_with_their_annotations(zh_nlp):
    doc = zh_nlp(ZH)
    again = Doc(zh_nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.claims == doc._.claims and [e._.entity for e in again.ents] == [e._.entity for e in doc.ents]
    docs = DocBin(store_user_data=True, docs=[doc])
    (loaded,) = DocBin().from_bytes(docs.to_bytes()).get_docs(zh_nlp.vocab)
    assert loaded._.extractor == doc._.extractor and [s._.claim for s in loaded.spans["claims"]] == doc._.claims


def test_spacy_component_survives_to_disk_and_spacy_load(tmp_path):
    nlp = _pipeline("en", overwrite_ents=True, alignment_mode="contract")
    nlp.get_pipe("extractor").set_lexicon([{"name": "Kestrel Robotics", "label": "ORG", "aliases": ["Kestrel"]}])
    nlp.to_disk(tmp_path / "pipeline")
    expected = nlp(EN)._.extractor_json
    assert "Kestrel Robotics" in [ent.text for ent in nlp(EN).ents]
    result = _run(
        "import json, spacy\n"
        f"nlp = spacy.load({str(tmp_path / 'pipeline')!r})\n"
        "print(json.dumps(dict(nlp.config['components']['extractor'])))\n"
        f"print(nlp({EN!r})._.extractor_json)\n"
    )
    assert result.returncode == 0, result.stderr
    config, line = result.stdout.splitlines()
    assert json.loads(config) == {
        "factory": "extractor", "ref_date": REF, "lang": None, "prefer_dates": None, "entities": True, "claims": True,
        "set_ents": True, "overwrite_ents": True, "spans_key": "claims", "alignment_mode": "contract",
    }
    assert line == expected  # the lexicon came back with the pipeline
    copy = spacy.blank("en")
    copy.add_pipe("extractor", config={"ref_date": REF})
    copy.from_bytes(nlp.to_bytes())
    assert copy(EN)._.extractor_json == expected


def test_spacy_component_takes_the_lexicon_from_the_initialize_config(tmp_path):
    from spacy.util import load_config_from_str, load_model_from_config

    names = tmp_path / "names.tsv"
    names.write_text("Kestrel Robotics\tORG\t\tKestrel\n", encoding="utf-8")
    config = load_config_from_str(
        '[nlp]\nlang = "en"\npipeline = ["extractor"]\n[components]\n[components.extractor]\nfactory = "extractor"\n'
        f'[initialize]\n[initialize.components]\n[initialize.components.extractor]\nlexicon = "{names}"\n'
    )
    nlp = load_model_from_config(config, auto_fill=True)
    assert "Kestrel Robotics" not in [ent.text for ent in nlp(EN).ents]
    nlp.initialize()
    assert ("Kestrel Robotics", "ORG") in [(ent.text, ent.label_) for ent in nlp(EN).ents]


def test_spacy_component_refuses_to_take_over_another_packages_extension():
    Doc.remove_extension("claims")
    try:
        Doc.set_extension("claims", default=[])
        with pytest.raises(ValueError, match="Doc._.claims is already registered by another package"):
            register_extensions()
    finally:
        Doc.remove_extension("claims")
        register_extensions()


def test_spacy_component_readme_example_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Using it inside spaCy", 1)[1].split("\n## ", 1)[0]
    (example,) = re.findall(r"```py\n(.*?)```", section, flags=re.S)
    result = _run(example)
    assert result.returncode == 0, result.stderr
    assert "Mark Zuckerberg" in result.stdout and "MONEY" in result.stdout
