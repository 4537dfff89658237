"""Whole Chinese pipeline (segmentation + NER + claims) against a default spaCy character CNN NER.

    .venv/bin/python benchmarks/ner_speed.py [--megabytes 1]

The baseline is the configuration the issue names: ``spacy init config -l zh -p ner -o efficiency``
(character segmenter, MultiHashEmbed + MaxoutWindowEncoder width 96 depth 4, transition-based NER),
initialised on a few labelled sentences. Its weights are untrained: the computation per character
is the same as a trained model's, and speed is all this measures.

Both sides run one after the other in this process, on the same People's Daily text, twice each
in alternation; the best of the two runs of each is reported.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_corpus import CORPUS, MISSING, describe, load_documents  # noqa: E402

# The team's own sentences, only to give the baseline its labels.
_SEED = [
    ("张伟在北京会见了华为公司的代表。", [(0, 2, "PER"), (3, 5, "LOC"), (8, 12, "ORG")]),
    ("李娜随后前往上海。", [(0, 2, "PER"), (6, 8, "LOC")]),
]


def baseline_pipeline():
    import spacy
    from spacy.cli.init_config import init_config
    from spacy.training import Example

    config = init_config(lang="zh", pipeline=["ner"], optimize="efficiency")
    nlp = spacy.util.load_model_from_config(config, auto_fill=True)
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in _SEED]
    nlp.initialize(lambda: examples)
    return nlp


def time_baseline(nlp, documents: list[str]) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(documents, batch_size=8):
        pass
    return time.perf_counter() - started


def time_ours(extractor, documents: list[str]) -> float:
    started = time.perf_counter()
    for document in documents:
        extractor.extract(document, ref_date="1998-01-31", lang="zh")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(MISSING)
        return
    from extractor import Extractor

    documents = load_documents(args.megabytes)
    chars = sum(map(len, documents))
    print(describe(documents))
    timings: dict[str, float] = {}
    ours = Extractor(include_text=False, timings=timings)
    ours.extract(documents[0], lang="zh")  # load models and lexicons before timing
    baseline = baseline_pipeline()
    baseline(documents[0])
    best_ours, best_base = float("inf"), float("inf")
    for _ in range(2):
        best_base = min(best_base, time_baseline(baseline, documents))
        timings.clear()
        best_ours = min(best_ours, time_ours(ours, documents))
    print(f"baseline char CNN NER alone: {chars / best_base:10,.0f} chars/s")
    print(f"extractor zh pipeline:       {chars / best_ours:10,.0f} chars/s  (segmentation + NER + claims + JSON model)")
    share = {k: v / sum(timings.values()) for k, v in timings.items()}
    print("  stage shares (last run): " + ", ".join(f"{k} {v:.0%}" for k, v in share.items()))
    print(f"ratio: {best_base / best_ours:.2f}x (target >= 2x)")


if __name__ == "__main__":
    main()
