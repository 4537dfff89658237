"""Read the shared NER corpora and map their labels onto ours: PERSON, ORG, LOC, PRODUCT.

Every mapping decision is written here and in ``training/README.md``; the benchmark uses the same
functions, so a model is always scored on the labels it was taught.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

LABELS = ("PERSON", "ORG", "LOC", "PRODUCT")

# Label maps per corpus. A label that is absent is dropped (the span becomes plain text).
LABEL_MAPS: dict[str, dict[str, str]] = {
    "msra_ner": {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"},
    # CONT is a nationality (``中国国籍``), kept as the country with ``国籍`` trimmed. EDU is a degree
    # (``本科学历``, ``硕士``; schools are ORG already), TITLE a job title, PRO a field of study and
    # RACE an ethnicity: none of them is a name.
    "resume_ner": {"NAME": "PERSON", "ORG": "ORG", "LOC": "LOC", "CONT": "LOC"},
    # Only named mentions (NAM); nominal mentions (NOM, "那个女人") are not names. GPE is a place.
    "weibo_ner": {"PER.NAM": "PERSON", "ORG.NAM": "ORG", "LOC.NAM": "LOC", "GPE.NAM": "LOC"},
    # Companies, organisations and government bodies are ORG; addresses and scenic spots are places;
    # games are products. Books, films and positions have no label of ours.
    "cluener2020": {
        "name": "PERSON",
        "company": "ORG",
        "organization": "ORG",
        "government": "ORG",
        "address": "LOC",
        "scene": "LOC",
        "game": "PRODUCT",
    },
    "pd1998_jan": {"nr": "PERSON", "nt": "ORG", "ns": "LOC"},
    "wikigold": {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"},
    "btc": {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"},
    "sec_filings": {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"},
    "uner_en": {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"},
    # DocRED marks nationality adjectives ("German") as LOC; CoNLL-style corpora call them MISC.
    # Those are dropped in ``_fix_span`` so the two conventions do not fight.
    "redocred": {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"},
    # Groups (bands, teams) are organisations in the CoNLL sense; creative works have no label.
    "wnut17": {"person": "PERSON", "location": "LOC", "corporation": "ORG", "group": "ORG", "product": "PRODUCT"},
}

ZH_CORPORA = ("msra_ner", "resume_ner", "weibo_ner", "cluener2020")
EN_CORPORA = ("wikigold", "btc", "redocred", "uner_en", "wnut17", "sec_filings")

_DEMONYM_ENDINGS = ("ian", "ese", "ish", "ean")
_DEMONYMS = frozenset(
    "American German French Dutch Mexican Korean African Cuban Greek Swiss Thai Israeli Pakistani "
    "Iraqi Saudi Kenyan Chilean Ugandan Tibetan Roman Moroccan Tanzanian Nepali Bangladeshi Welsh "
    "Irish Scottish Scots Filipino Argentine Puerto Rican Dominican Jamaican Haitian Venezuelan "
    "Angolan Ghanaian Somali Kuwaiti Qatari Omani Yemeni Afghan Uzbek Kazakh Czech Slovak Polish "
    "Danish Swedish Finnish Turkish Spanish British English Catalan Basque Flemish Hungarian".split()
)


def shared_root() -> Path:
    """``../shared`` beside the project, or ``$EXTRACTOR_SHARED``."""
    env = os.environ.get("EXTRACTOR_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared"


def _fix_span(corpus: str, text: str, start: int, end: int, label: str):
    surface = text[start:end]
    if corpus == "resume_ner" and label == "CONT" and surface.endswith("国籍"):
        end -= 2
    if (
        corpus == "redocred"
        and label == "LOC"
        and " " not in surface
        and surface[:1].isupper()
        and (surface in _DEMONYMS or surface.endswith(_DEMONYM_ENDINGS))
    ):
        return None
    return (start, end) if end > start else None


def read(corpus: str, split: str, root: Path | None = None) -> list[dict]:
    """Records ``{"text", "entities": [(start, end, LABEL)], "source"}`` with mapped labels."""
    path = (root or shared_root()) / "data" / "ner" / corpus / f"{split}.jsonl"
    mapping = LABEL_MAPS[corpus]
    records = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = record["text"]
            entities = []
            for start, end, label in record["entities"]:
                if label not in mapping:
                    continue
                span = _fix_span(corpus, text, start, end, label)
                if span:
                    entities.append((span[0], span[1], mapping[label]))
            records.append({"text": text, "entities": entities, "source": corpus})
    return records
