"""Claims-only throughput against JioNLP's extract_money + extract_time, side by side in one run.

    bash benchmarks/setup_jionlp.sh          # once: JioNLP in its own venv, never a project dependency
    .venv/bin/python benchmarks/claims_speed.py [--jionlp-python PATH] [--megabytes 1.0]

The text is People's Daily news (January 1998) from ../shared/data/ner/pd1998_jan/train.jsonl, its
paragraphs grouped twenty at a time into article-sized documents until the total reaches
``--megabytes`` of UTF-8. Both sides get exactly the same documents, one call per document; each side
is warmed up first (start-up is reported apart) and timed alone, so they never share the two cores;
each times its whole pass three times and reports the fastest. Ours runs the whole pipeline except
entities (decoding aside): normalisation, sentences, boilerplate, claims, their subject and
attribution, the Document model. JioNLP runs ``extract_money(doc)`` and ``extract_time(doc, time_base)``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from news_corpus import CORPUS, MISSING, describe, load_documents

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_JIONLP_PYTHON = ROOT / "benchmarks" / ".venv-jionlp" / "bin" / "python"

JIONLP_TIMER = r"""
import json, logging, sys, time
logging.disable(logging.CRITICAL)  # JioNLP logs a traceback for every string it cannot parse
started = time.perf_counter()
import jionlp
jionlp.ner.extract_money("预热 3 元"); jionlp.ner.extract_time("今天下午三点", time_base=time.time())
startup = time.perf_counter() - started
docs = json.load(open(sys.argv[1], encoding="utf-8"))
base = time.mktime((1998, 1, 15, 0, 0, 0, 0, 0, -1))
best = float("inf")
for _ in range(int(sys.argv[2])):
    found = 0
    started = time.perf_counter()
    for doc in docs:
        found += len(jionlp.ner.extract_money(doc)) + len(jionlp.ner.extract_time(doc, time_base=base))
    best = min(best, time.perf_counter() - started)
print(json.dumps({"seconds": best, "startup": startup, "found": found, "version": jionlp.__version__}))
"""


# Each side times its whole pass this many times and keeps the fastest: on a shared machine one slow
# pass (another process waking up) would otherwise decide the ratio.
REPEATS = 3


def time_ours(documents: list[str]) -> dict:
    started = time.perf_counter()
    from extractor import Extractor

    extractor = Extractor(include_text=False, entities=False)  # claims only: no NER
    extractor.extract("预热：一千二百万元，单一元素，上周。", ref_date="1998-01-15")  # loads jieba too
    startup = time.perf_counter() - started
    seconds = float("inf")
    for _ in range(REPEATS):
        found = 0
        started = time.perf_counter()
        for document in documents:
            found += len(extractor.extract(document, ref_date="1998-01-15").claims)
        seconds = min(seconds, time.perf_counter() - started)
    # A second pass, untimed as a whole, for the share of each pipeline stage.
    stages: dict[str, float] = {}
    staged = Extractor(include_text=False, entities=False, timings=stages)
    for document in documents:
        staged.extract(document, ref_date="1998-01-15")
    return {"seconds": seconds, "startup": startup, "found": found, "stages": stages}


def time_jionlp(documents: list[str], python: Path) -> dict | None:
    if not python.exists():
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump(documents, handle, ensure_ascii=False)
    result = subprocess.run(
        [str(python), "-c", JIONLP_TIMER, handle.name, str(REPEATS)], capture_output=True, text=True
    )
    Path(handle.name).unlink()
    if result.returncode != 0:
        print(f"JioNLP run failed: {result.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=1.0, help="UTF-8 size of the text (default 1.0)")
    parser.add_argument("--jionlp-python", type=Path, default=DEFAULT_JIONLP_PYTHON, help="python of the JioNLP venv")
    parser.add_argument(
        "--without-date-grammar", action="store_true",
        help="switch the date grammar off (claims/engine): what it costs, for speed work; the claims differ",
    )
    args = parser.parse_args()
    if args.without_date_grammar:
        import extractor.claims as claims

        money_only = {lang: (claims.grammar_for(lang)[0], None) for lang in ("zh", "en", "mixed")}
        claims.grammar_for = lambda lang: money_only[lang]
    if not CORPUS.exists():
        print(MISSING)
        return 0
    documents = load_documents(args.megabytes)
    chars = sum(map(len, documents))
    print(f"text: {describe(documents)}")
    ours = time_ours(documents)
    print(f"extractor claims-only: {ours['seconds']:.2f} s, {chars / ours['seconds']:,.0f} chars/s, "
          f"{ours['found']} claims, start-up {ours['startup']:.2f} s")  # fmt: skip
    total = sum(ours["stages"].values()) or 1.0
    print("  stages: " + ", ".join(f"{stage} {share / total:.0%}" for stage, share in ours["stages"].items() if share / total >= 0.005))
    theirs = time_jionlp(documents, args.jionlp_python)
    if theirs is None:
        print(f"JioNLP: not measured ({args.jionlp_python} missing: run bash benchmarks/setup_jionlp.sh)")
        return 0
    print(f"JioNLP {theirs['version']} extract_money + extract_time: {theirs['seconds']:.2f} s, "
          f"{chars / theirs['seconds']:,.0f} chars/s, {theirs['found']} mentions, start-up {theirs['startup']:.2f} s")  # fmt: skip
    print(f"throughput ratio (extractor / JioNLP): {theirs['seconds'] / ours['seconds']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
