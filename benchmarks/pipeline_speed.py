"""Full-pipeline throughput (segmentation, entities, claims, context, the Document) against JioNLP's
extract_money + extract_time, side by side in one run, in CPU seconds.

    .venv/bin/python benchmarks/pipeline_speed.py [--chars 200000] [--rounds 3]

Chinese: People's Daily paragraphs (January 1998) grouped into article-sized documents (news_corpus.py).
English: Re-DocRED sentences (Wikipedia) grouped twenty at a time, the closest thing to English news
in ../shared. JioNLP reads Chinese only: its figure is the yardstick for both, in characters per CPU second.

Each round times, one after the other: our full pipeline on the Chinese text, our claims-only pipeline
on it, our full pipeline on the English text, and JioNLP on the Chinese text (in its own virtualenv, a
fresh process per round; its import is not timed). The figures are the medians over the rounds. A last,
untimed pass gives each stage's share of the full pipeline (``Extractor(timings=...)``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_corpus import CORPUS, MISSING, load_documents  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_JIONLP_PYTHON = ROOT / "benchmarks" / ".venv-jionlp" / "bin" / "python"
ENGLISH = ROOT.parent / "shared" / "data" / "ner" / "redocred" / "train.jsonl"
REFERENCE = "1998-01-15"

JIONLP_PASS = r"""
import json, logging, sys, time
logging.disable(logging.CRITICAL)  # JioNLP logs a traceback for every string it cannot parse
import jionlp
jionlp.ner.extract_money("预热 3 元"); jionlp.ner.extract_time("今天下午三点", time_base=time.time())
docs = json.load(open(sys.argv[1], encoding="utf-8"))
base = time.mktime((1998, 1, 15, 0, 0, 0, 0, 0, -1))
found = 0
started = time.process_time()
for doc in docs:
    found += len(jionlp.ner.extract_money(doc)) + len(jionlp.ner.extract_time(doc, time_base=base))
print(json.dumps({"cpu": time.process_time() - started, "found": found, "version": jionlp.__version__}))
"""


def take(documents: list[str], chars: int) -> list[str]:
    """The first documents holding at least ``chars`` characters."""
    taken, total = [], 0
    for document in documents:
        if total >= chars:
            break
        taken.append(document)
        total += len(document)
    return taken


def english_documents(chars: int) -> list[str]:
    with ENGLISH.open(encoding="utf-8") as lines:
        sentences = [json.loads(line)["text"] for line in lines]
    grouped = [" ".join(sentences[i : i + 20]) for i in range(0, len(sentences), 20)]
    return take(grouped, chars)


def cpu_pass(extractor, documents: list[str]) -> tuple[float, int]:
    found = 0
    started = time.process_time()
    for document in documents:
        found += len(extractor.extract(document, ref_date=REFERENCE).claims)
    return time.process_time() - started, found


def jionlp_pass(path: Path, python: Path) -> dict | None:
    result = subprocess.run([str(python), "-c", JIONLP_PASS, str(path)], capture_output=True, text=True)
    if result.returncode != 0:
        print(f"JioNLP run failed: {result.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def stage_shares(extractor_class, documents: list[str], **options) -> str:
    stages: dict[str, float] = {}
    staged = extractor_class(include_text=False, timings=stages, **options)
    for document in documents:
        staged.extract(document, ref_date=REFERENCE)
    total = sum(stages.values()) or 1.0
    return ", ".join(f"{stage} {seconds / total:.0%}" for stage, seconds in stages.items() if seconds / total >= 0.005)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=200_000, help="characters of text per language (default 200,000)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; medians are reported (default 3)")
    parser.add_argument("--jionlp-python", type=Path, default=DEFAULT_JIONLP_PYTHON, help="python of the JioNLP venv")
    args = parser.parse_args()
    if not CORPUS.exists() or not ENGLISH.exists():
        print(MISSING)
        return 0
    from extractor import Extractor

    chinese = take(load_documents(args.chars * 3 / 1e6 + 0.1), args.chars)
    english = english_documents(args.chars)
    zh_chars, en_chars = sum(map(len, chinese)), sum(map(len, english))
    print(f"Chinese: {len(chinese)} documents, {zh_chars:,} characters (People's Daily, 1998-01)")
    print(f"English: {len(english)} documents, {en_chars:,} characters (Re-DocRED, Wikipedia)")
    full = Extractor(include_text=False)
    claims_only = Extractor(include_text=False, entities=False)
    for extractor, document in ((full, chinese[0]), (full, english[0]), (claims_only, chinese[0])):
        extractor.extract(document, ref_date=REFERENCE)  # models, dictionaries and rules loaded before timing
    jionlp = args.jionlp_python.exists()
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump(chinese, handle, ensure_ascii=False)
    path = Path(handle.name)
    rounds: dict[str, list[float]] = {"full_zh": [], "claims_zh": [], "full_en": [], "jionlp": []}
    version = None
    try:
        for number in range(1, args.rounds + 1):
            rounds["full_zh"].append(cpu_pass(full, chinese)[0])
            rounds["claims_zh"].append(cpu_pass(claims_only, chinese)[0])
            rounds["full_en"].append(cpu_pass(full, english)[0])
            theirs = jionlp_pass(path, args.jionlp_python) if jionlp else None
            if theirs is not None:
                rounds["jionlp"].append(theirs["cpu"])
                version = theirs["version"]
            line = ", ".join(f"{name} {values[-1]:.2f}" for name, values in rounds.items() if values)
            print(f"round {number} (CPU s): {line}")
    finally:
        path.unlink()
    median = {name: statistics.median(values) for name, values in rounds.items() if values}
    rate = {
        "full_zh": zh_chars / median["full_zh"], "claims_zh": zh_chars / median["claims_zh"],
        "full_en": en_chars / median["full_en"],
    }
    print(f"\nmedian of {args.rounds} rounds, characters per CPU second:")
    print(f"  extractor full pipeline, Chinese   {rate['full_zh']:>10,.0f}")
    print(f"  extractor full pipeline, English   {rate['full_en']:>10,.0f}")
    print(f"  extractor claims only, Chinese     {rate['claims_zh']:>10,.0f}")
    if "jionlp" in median:
        theirs_rate = zh_chars / median["jionlp"]
        print(f"  JioNLP {version} money + time, Chinese {theirs_rate:>8,.0f}")
        print("ratios to JioNLP (chars per CPU second):")
        print(f"  full pipeline Chinese {rate['full_zh'] / theirs_rate:.3f}x, English {rate['full_en'] / theirs_rate:.3f}x; "
              f"claims only {rate['claims_zh'] / theirs_rate:.2f}x")  # fmt: skip
    else:
        print(f"  JioNLP: not measured ({args.jionlp_python} missing: run bash benchmarks/setup_jionlp.sh)")
    print("stage shares, full pipeline:")
    print(f"  Chinese: {stage_shares(Extractor, chinese)}")
    print(f"  English: {stage_shares(Extractor, english)}")
    print(f"  Chinese, claims only: {stage_shares(Extractor, chinese, entities=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
