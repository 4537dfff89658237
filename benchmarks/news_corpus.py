"""The news-like text both speed benchmarks read: People's Daily (January 1998) paragraphs from
../shared/data/ner/pd1998_jan/train.jsonl, grouped twenty at a time into article-sized documents."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "ner" / "pd1998_jan" / "train.jsonl"
MISSING = f"skipped: {CORPUS} not found (the benchmark needs ../shared beside the repository)"
GROUP = 20


def load_documents(megabytes: float) -> list[str]:
    with CORPUS.open(encoding="utf-8") as lines:
        paragraphs = [json.loads(line)["text"] for line in lines]
    documents, size, shift = [], 0, 0
    while size < megabytes * 1_000_000:
        for start in range(shift, len(paragraphs) - GROUP + 1, GROUP):
            document = "\n".join(paragraphs[start : start + GROUP])
            documents.append(document)
            size += len(document.encode("utf-8"))
            if size >= megabytes * 1_000_000:
                break
        shift += 7  # the next pass groups the paragraphs differently
    return documents


def describe(documents: list[str]) -> str:
    """One line naming the text a benchmark ran on."""
    chars = sum(map(len, documents))
    size = sum(len(document.encode("utf-8")) for document in documents)
    return f"{len(documents)} documents, {chars:,} characters, {size / 1e6:.2f} MB UTF-8 (People's Daily, 1998-01)"
