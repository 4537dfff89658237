"""`extractor batch` throughput on one machine: 1 vs 2 workers, memory per worker, start-up, stage shares.

    .venv/bin/python benchmarks/batch_speed.py [--megabytes 20] [--workers 1,2] [--dask] [--json OUT]

The text is People's Daily news (January 1998) from ../shared/data/ner/pd1998_jan/train.jsonl, its
paragraphs grouped twenty at a time into article-sized documents until the total reaches
``--megabytes`` of UTF-8 (the paragraphs are reused with a shifted grouping when one pass is not
enough, so no two documents are the same). The documents go into a JSONL file of records, and each
worker count runs the real thing, ``run_batch`` (what ``extractor batch`` calls), into a fresh output
with the default options plus ``ref_date``. Reported:

- throughput per worker count: wall-clock (start-up included) and steady state (from the first
  finished chunk on), and the 2-worker/1-worker ratio of both;
- peak RSS per worker (``ru_maxrss`` of each worker process);
- start-up: building one Extractor in a fresh interpreter (imports, jieba, rule compilation), and for
  each run the time from starting the engine to the first finished document;
- the share of time per pipeline stage, from one in-process pass with ``Extractor(timings={})``:
  text (normalisation, sentences, boilerplate, language), claims, document (the pydantic model), and
  serialisation (``model_dump_json``).

If ../shared is missing, the script prints one line and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from news_corpus import CORPUS, MISSING, describe, load_documents

ROOT = Path(__file__).resolve().parents[1]
REF_DATE = "1998-01-15"


def cold_start() -> float:
    """Seconds for a fresh interpreter to import the package and build a warmed-up Extractor."""
    code = (
        "import time; t = time.perf_counter()\n"
        "from extractor.batch.task import DocumentOptions, get_extractor\n"
        "get_extractor(DocumentOptions(ref_date='1998-01-15'))\n"
        "print(time.perf_counter() - t)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(result.stdout.strip())


def run(records: Path, workers: int, engine: str = "local") -> dict:
    from extractor.batch import BatchConfig, DocumentOptions, run_batch

    with tempfile.TemporaryDirectory() as folder:
        config = BatchConfig(
            inputs=[str(records)],
            output=Path(folder) / "out.jsonl",
            workers=workers,
            engine=engine,
            partition_size=100,
            options=DocumentOptions(ref_date=REF_DATE),
        )
        started = time.perf_counter()
        summary = run_batch(config)
        seconds = time.perf_counter() - started
    steady = seconds - (summary.startup or 0.0)
    return {
        "engine": engine,
        "workers": workers,
        "documents": summary.documents,
        "errors": summary.errors,
        "characters": summary.characters,
        "seconds": seconds,
        "startup": summary.startup,
        "chars_per_second": summary.characters / seconds,
        # Work after the first finished chunk, over the time after it (the first chunk's own work is
        # small beside the whole and is left out of both sides).
        "steady_chars_per_second": summary.characters / steady if steady > 0 else None,
        "peak_rss_mb": sorted(round(info["peak_rss"] / 2**20) for info in summary.workers.values()),
        "extractor_loads": sorted(info["extractor_loads"] for info in summary.workers.values()),
    }


def stage_shares(documents: list[str]) -> dict:
    from extractor.api import Extractor

    timings: dict[str, float] = {}
    extractor = Extractor(timings=timings)
    extractor.extract("预热：一千二百万元，上周。", ref_date=REF_DATE)
    timings.clear()
    for document in documents:
        doc = extractor.extract(document, ref_date=REF_DATE)
        started = time.perf_counter()
        doc.model_dump_json()
        timings["serialise"] = timings.get("serialise", 0.0) + time.perf_counter() - started
    total = sum(timings.values())
    return {stage: {"seconds": seconds, "share": seconds / total} for stage, seconds in timings.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=20.0, help="UTF-8 size of the text (default 20)")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare (default 1,2)")
    parser.add_argument("--dask", action="store_true", help="also run the Dask engine (LocalCluster) with the largest count")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(MISSING)
        return 0
    documents = load_documents(args.megabytes)
    chars = sum(map(len, documents))
    size = sum(len(d.encode("utf-8")) for d in documents)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"text: {describe(documents)}; {os.cpu_count()} cores, load average {load:.1f} at start")
    results: dict = {"documents": len(documents), "characters": chars, "bytes": size, "runs": []}
    results["cold_start_seconds"] = cold_start()
    print(f"start-up: a fresh interpreter imports and builds a warmed-up Extractor in {results['cold_start_seconds']:.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        records = Path(folder) / "records.jsonl"
        with records.open("w", encoding="utf-8") as handle:
            for number, document in enumerate(documents):
                handle.write(json.dumps({"id": f"pd-{number:05d}", "text": document}, ensure_ascii=False) + "\n")
        counts = [int(part) for part in args.workers.split(",")]
        plans = [("local", count) for count in counts] + ([("dask", max(counts))] if args.dask else [])
        for engine, count in plans:
            result = run(records, count, engine)
            results["runs"].append(result)
            print(f"{engine} {count} worker(s): {result['seconds']:.1f} s, {result['chars_per_second']:,.0f} chars/s "
                  f"wall ({result['steady_chars_per_second']:,.0f} steady), first result after {result['startup']:.2f} s, "
                  f"peak RSS per worker {result['peak_rss_mb']} MB, extractor loads per worker {result['extractor_loads']}, "
                  f"{result['errors']} errors")  # fmt: skip
    local = {run["workers"]: run for run in results["runs"] if run["engine"] == "local"}
    if 1 in local and len(local) > 1:
        most = max(local)
        wall = local[most]["chars_per_second"] / local[1]["chars_per_second"]
        steady = local[most]["steady_chars_per_second"] / local[1]["steady_chars_per_second"]
        results["speedup"] = {"workers": most, "wall": wall, "steady": steady}
        print(f"speed-up {most} vs 1 worker(s): {wall:.2f}x wall-clock, {steady:.2f}x steady state")
    results["stages"] = stage_shares(documents)
    print("time per stage (one worker, in process): " + ", ".join(
        f"{stage} {info['share']:.0%} ({info['seconds']:.1f} s)" for stage, info in results["stages"].items()))  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
