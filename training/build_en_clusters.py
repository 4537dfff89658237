"""Build extractor/data/entities/en_word_clusters.tsv.gz: Brown clusters and frequencies of English words.

Usage (from the repository root; needs ``pip install spacy-lookups-data`` at build time only):

    python training/build_en_clusters.py [LOOKUPS_DATA_DIR] [OUTPUT]

The source is the English ``lexeme_cluster`` (1,000 Brown clusters over about 190,000 words) and
``lexeme_prob`` (unigram log-probabilities) tables of spacy-lookups-data 1.0.5 (MIT licence; the package
does not say which corpus the clusters were induced from). The English entity model embeds a word's
cluster and its frequency band next to its spelling: "Potomac" shares a cluster with other rivers and
places, and a rare capitalised word is more likely a name, which the ~25k sentences of labelled English
cannot teach on their own. Kept: every word with a cluster, and the 300,000 most frequent words (for
their frequency band). Columns: word, cluster (0 = none), frequency band (-log p, rounded down).
Standard library only; rows are sorted, so the same input gives the same file.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import sources

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "extractor" / "data" / "entities" / "en_word_clusters.tsv.gz"
TOP_WORDS = 300_000


def default_source() -> Path:
    missing = "spacy-lookups-data is not installed; pass the folder holding en_lexeme_cluster.json.gz"
    return sources.package_folder("spacy_lookups_data", missing) / "data"


def rows(source: Path) -> list[tuple[str, int, int]]:
    clusters = json.loads(gzip.open(source / "en_lexeme_cluster.json.gz").read())
    probs = json.loads(gzip.open(source / "en_lexeme_prob.json.gz").read())
    frequent = set(sorted(probs, key=lambda w: (-probs[w], w))[:TOP_WORDS])
    kept = []
    for word in frequent | {w for w, c in clusters.items() if c}:
        if not word or any(c.isspace() for c in word) or len(word.splitlines()) != 1:  # one line, one field
            continue
        band = int(-probs[word]) if word in probs else 99
        kept.append((word, int(clusters.get(word, 0)), band))
    return sorted(kept)


def main() -> None:
    source, output = sources.source_and_output(__doc__.splitlines()[0], DEFAULT_OUTPUT)
    kept = rows(source or default_source())
    with gzip.GzipFile(output, "wb", mtime=0) as handle:
        handle.write("".join(f"{w}\t{c}\t{b}\n" for w, c, b in kept).encode("utf-8"))
    print(f"{len(kept)} words -> {output}")


if __name__ == "__main__":
    main()
