"""Entity-level F1 of the shipped entity layer (model + rules) per corpus, on dev splits.

    .venv/bin/python benchmarks/ner_accuracy.py [--limit N] [--corpora msra_ner,btc,...]

Each corpus's labels are mapped onto PERSON / ORG / LOC / PRODUCT as ``training/corpora.py`` says,
and a prediction counts only if its span and label match exactly. Only the labels a corpus annotates
are scored on it (a PRODUCT found in MSRA, which has no products, is neither right nor wrong).
The team's mixed-script set (``benchmarks/data/mixed_script_zh.jsonl``) runs through the full
``Extractor`` (normalisation, boilerplate, offsets back to the original), as a user's article would.
Skips cleanly when ../shared is absent (except the mixed-script set, which is in the repo).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

import corpora  # noqa: E402

from extractor.entities.recognize import mentions_in  # noqa: E402

TARGETS = {
    "msra_ner": 0.88,
    "resume_ner": 0.92,
    "weibo_ner": 0.55,
    "cluener2020": 0.70,
    "wikigold": 0.75,
    "btc": 0.65,
    "mixed_script_zh": 0.85,
}
LANG = {name: "zh" for name in corpora.ZH_CORPORA} | {name: "en" for name in corpora.EN_CORPORA}
MIXED = ROOT / "benchmarks" / "data" / "mixed_script_zh.jsonl"


def score(gold: list[set], predicted: list[set], labels: set[str]) -> dict:
    counts = {label: Counter() for label in labels}
    for g, p in zip(gold, predicted):
        p = {x for x in p if x[2] in labels}
        for label in labels:
            gl = {x for x in g if x[2] == label}
            pl = {x for x in p if x[2] == label}
            counts[label]["tp"] += len(gl & pl)
            counts[label]["fp"] += len(pl - gl)
            counts[label]["fn"] += len(gl - pl)
    total = sum(counts.values(), Counter())

    def f1(c):
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    return {"all": f1(total), **{label: f1(c) for label, c in counts.items()}}


def corpus_predictions(records: list[dict], lang: str) -> list[set]:
    predicted = []
    for record in records:
        text = record["text"]
        predicted.append({(m.start, m.end, m.label) for m in mentions_in(text, [(0, len(text))], lang)})
    return predicted


def mixed_predictions(records: list[dict]) -> list[set]:
    from extractor import Extractor

    extractor = Extractor(claims=False, include_text=False)
    return [
        {(e.start, e.end, e.label) for e in extractor.extract(r["text"], ref_date="2026-11-24").entities}
        for r in records
    ]


def traditional(records: list[dict]) -> list[dict]:
    from opencc import OpenCC

    convert = OpenCC("s2t").convert
    converted = [{**r, "text": convert(r["text"])} for r in records]
    return [c for c, r in zip(converted, records) if len(c["text"]) == len(r["text"])]


def report(name: str, result: dict, seconds: float, chars: int) -> None:
    p, r, f = result["all"]
    target = TARGETS.get(name)
    mark = "" if target is None else (" ✓" if f >= target else " ✗") + f" (target {target:.2f})"
    per = "  ".join(f"{label} {v[2]:.3f}" for label, v in sorted(result.items()) if label != "all")
    print(f"{name:16s} F1 {f:.3f}  P {p:.3f}  R {r:.3f}{mark}   [{per}]  {chars / seconds:,.0f} chars/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=",".join([*corpora.ZH_CORPORA, *corpora.EN_CORPORA, "mixed_script_zh"]))
    parser.add_argument("--limit", type=int, default=0, help="at most N dev records per corpus (0 = all)")
    parser.add_argument("--zh-model", type=Path, help="score this Chinese pipeline instead of the shipped one")
    parser.add_argument("--en-model", type=Path, help="score this English pipeline instead of the shipped one")
    parser.add_argument(
        "--traditional", action="store_true",
        help="read the Chinese sets in traditional characters (OpenCC s2t; pip install opencc-python-reimplemented): "
        "the gold offsets hold, a record whose conversion changes its length is left out",
    )
    args = parser.parse_args()
    if args.zh_model or args.en_model:
        from extractor.entities import model

        shipped = model.model_path
        chosen = {"zh": args.zh_model, "en": args.en_model}
        model.model_path = lambda lang: chosen[lang] or shipped(lang)
    shared = corpora.shared_root() / "data" / "ner"
    for name in args.corpora.split(","):
        if name == "mixed_script_zh":
            records = [json.loads(line) for line in MIXED.read_text(encoding="utf-8").splitlines() if line.strip()]
            labels = {"PERSON", "ORG", "LOC", "PRODUCT"}
        else:
            if not shared.is_dir():
                print(f"{name:16s} skipped: {shared} not found")
                continue
            records = corpora.read(name, "dev")
            labels = set(corpora.LABEL_MAPS[name].values())
        if args.limit:
            records = records[: args.limit]
        if args.traditional:
            if name in corpora.EN_CORPORA:
                continue
            records = traditional(records)
        gold = [{tuple(e) for e in r["entities"]} for r in records]
        started = time.perf_counter()
        if name == "mixed_script_zh":
            predicted = mixed_predictions(records)
        else:
            predicted = corpus_predictions(records, LANG[name])
        seconds = time.perf_counter() - started
        report(name, score(gold, predicted, labels), seconds, sum(len(r["text"]) for r in records))


if __name__ == "__main__":
    main()
