"""Turn the shared NER corpora into spaCy DocBins for one language, with our label mapping.

    python training/prepare.py zh [--open-only] [--out training/corpus]

Chinese training data gets three kinds of augmentation, because no corpus has Latin-script names
inside Chinese text or product names (see training/README.md):

* a share of entity mentions is swapped for a Latin-script name of the same type, with the
  spacing news sites use (``Meta 首席执行官``);
* a share of person and organisation mentions get a parenthetical Latin alias (``汪滔 ( Alexandr Wang )``);
* sentences from the team's templates (``training/data/augment.json``) put products and Latin names
  in context.

The random generator is seeded, so a run is reproducible.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402

HERE = Path(__file__).resolve().parent
_HAN = re.compile(r"[\u3400-\u9fff]")

# How much of each corpus one epoch sees: the small in-domain sets are repeated so that the
# 42k MSRA sentences do not drown them.
ZH_REPEATS = {"msra_ner": 1, "cluener2020": 1, "resume_ner": 2, "weibo_ner": 3}
OPEN_ZH = ("weibo_ner",)  # the only Chinese corpus under an open licence
EN_REPEATS = {"wikigold": 6, "btc": 1, "redocred": 1, "uner_en": 1, "wnut17": 1, "sec_filings": 1}
ZH_DEV_LIMIT = {"msra_ner": 1000}


def load_pools() -> dict:
    pools = json.loads((HERE / "data" / "augment.json").read_text(encoding="utf-8"))
    orgs = set(pools["ORG"])
    pools["PRODUCT"] = [name for name in pools["PRODUCT"] if name not in orgs]
    return pools


def latin_name(kind: str, pools: dict, rng: random.Random) -> str:
    if kind == "PERSON" and rng.random() < 0.5:
        return f"{rng.choice(pools['PERSON_GIVEN'])} {rng.choice(pools['PERSON_FAMILY'])}"
    return rng.choice(pools[kind])


def _pad(text: str, start: int, end: int, rng: random.Random) -> tuple[str, str]:
    """Surround a Latin name with the spaces Chinese news sites put between scripts (usually)."""
    left = " " if start > 0 and _HAN.match(text[start - 1]) and rng.random() < 0.8 else ""
    right = " " if end < len(text) and _HAN.match(text[end]) and rng.random() < 0.8 else ""
    return left, right


def swap_latin(record: dict, pools: dict, rng: random.Random) -> dict | None:
    """A copy of ``record`` with some mentions replaced by Latin names (or given Latin aliases)."""
    text, entities = record["text"], sorted(record["entities"])
    if not entities:
        return None
    pieces, new_entities, cursor, changed = [], [], 0, False
    length = 0
    for start, end, label in entities:
        pieces.append(text[cursor:start])
        length += start - cursor
        mention = text[start:end]
        roll = rng.random()
        if label in ("PERSON", "ORG", "LOC") and roll < 0.5:
            name = latin_name(label, pools, rng)
            left, right = _pad(text, start, end, rng)
            pieces.append(left + name + right)
            new_entities.append((length + len(left), length + len(left) + len(name), label))
            length += len(left) + len(name) + len(right)
            changed = True
        elif label in ("PERSON", "ORG") and roll < 0.65 and _HAN.match(mention):
            name = latin_name(label, pools, rng)
            open_, close = rng.choice([(" ( ", " )"), ("(", ")"), ("（", "）"), (" (", ")")])
            pieces.append(mention + open_ + name + close)
            new_entities.append((length, length + len(mention), label))
            alias_start = length + len(mention) + len(open_)
            new_entities.append((alias_start, alias_start + len(name), label))
            length += len(mention) + len(open_) + len(name) + len(close)
            changed = True
        else:
            pieces.append(mention)
            new_entities.append((length, length + len(mention), label))
            length += len(mention)
        cursor = end
    pieces.append(text[cursor:])
    if not changed:
        return None
    return {"text": "".join(pieces), "entities": new_entities, "source": record["source"] + "+latin"}


def from_template(pools: dict, rng: random.Random) -> dict:
    template = rng.choice(pools["TEMPLATES"])
    compact = rng.random() < 0.3  # some sites write no space between scripts
    text, entities, cursor = "", [], 0
    for match in re.finditer(r"\{(\w+?)(\d?)\}", template):
        slot = match.group(1)
        literal = template[cursor : match.start()]
        if compact:
            literal = re.sub(r"^ | $", "", literal) if literal.strip() else literal
        text += literal
        label = {"PERSON_ZH": "PERSON", "ORG_ZH": "ORG"}.get(slot, slot)
        name = rng.choice(pools[slot]) if slot.endswith("_ZH") else latin_name(slot, pools, rng)
        entities.append((len(text), len(text) + len(name), label))
        text += name
        cursor = match.end()
    tail = template[cursor:]
    text += tail.lstrip(" ") if compact else tail
    return {"text": text, "entities": entities, "source": "template"}


def to_doc(nlp, record: dict, stats: dict):
    doc = nlp.make_doc(record["text"])
    spans = []
    for start, end, label in record["entities"]:
        span = doc.char_span(start, end, label=label, alignment_mode="contract")
        if span is None or span.text != record["text"][start:end]:
            stats["misaligned"] += 1
            span = span or doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    # The reference doc keeps words and entities only: the tokenizer's feature hashes are not in
    # the StringStore (on purpose) and DocBin would try to look them up.
    plain = Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    try:
        plain.set_ents([Span(plain, s.start, s.end, label=s.label_) for s in spacy.util.filter_spans(spans)])
    except ValueError:
        stats["dropped"] += 1
    return plain


def blank(lang: str):
    if lang == "zh":
        import extractor.entities.zh_tokens  # noqa: F401  (registers the tokenizer)

        return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "extractor.zh_ner_tokenizer.v1"}}})
    import extractor.entities.en_tokens  # noqa: F401  (registers the tokenizer)

    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "extractor.en_ner_tokenizer.v1"}}})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lang", choices=["zh", "en"])
    parser.add_argument("--out", type=Path, default=HERE / "corpus")
    parser.add_argument("--open-only", action="store_true", help="only the openly licensed corpora")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--extra", type=Path, action="append", default=[], help="more JSONL with our labels")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    nlp = blank(args.lang)
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "-open" if args.open_only else ""
    names = corpora.ZH_CORPORA if args.lang == "zh" else corpora.EN_CORPORA
    if args.open_only and args.lang == "zh":
        names = OPEN_ZH
    repeats = ZH_REPEATS if args.lang == "zh" else EN_REPEATS
    stats = {"misaligned": 0, "dropped": 0}

    train = []
    for name in names:
        records = corpora.read(name, "train")
        train.extend(records * repeats[name])
        print(f"{name}: {len(records)} train records x{repeats[name]}", file=sys.stderr)
    for path in args.extra:
        with open(path, encoding="utf-8") as handle:
            extra_records = [json.loads(line) for line in handle if line.strip()]
        for number, record in enumerate(extra_records, start=1):
            entities = sorted(tuple(e) for e in record["entities"])
            bad = [e for e in entities if e[2] not in corpora.LABELS or not 0 <= e[0] < e[1] <= len(record["text"])]
            overlapping = [b for a, b in zip(entities, entities[1:]) if b[0] < a[1]]
            if bad or overlapping:
                sys.exit(f"{path}:{number}: entities must be non-overlapping [start, end, label] spans with "
                         f"labels {', '.join(corpora.LABELS)}; found {(bad or overlapping)[0]}")
            train.append({"text": record["text"], "entities": entities, "source": str(path)})
        print(f"{path}: {len(extra_records)} extra train records", file=sys.stderr)
    if args.lang == "zh":
        pools = load_pools()
        originals = [r for r in train if r["entities"]]
        extra = [swap_latin(r, pools, rng) for r in rng.sample(originals, min(len(originals), 12000))]
        extra = [r for r in extra if r]
        templates = [from_template(pools, rng) for _ in range(4000)]
        print(f"augmented: {len(extra)} Latin-name copies, {len(templates)} template sentences", file=sys.stderr)
        train += extra + templates
    rng.shuffle(train)
    bin_ = DocBin(attrs=["ENT_IOB", "ENT_TYPE"])
    for record in train:
        bin_.add(to_doc(nlp, record, stats))
    bin_.to_disk(args.out / f"{args.lang}{suffix}-train.spacy")

    dev_bin = DocBin(attrs=["ENT_IOB", "ENT_TYPE"])
    for name in names:
        records = corpora.read(name, "dev")[: ZH_DEV_LIMIT.get(name)]
        for record in records:
            dev_bin.add(to_doc(nlp, record, stats))
    dev_bin.to_disk(args.out / f"{args.lang}{suffix}-dev.spacy")
    print(f"{len(train)} train docs, {len(dev_bin)} dev docs; {stats}", file=sys.stderr)


if __name__ == "__main__":
    main()
