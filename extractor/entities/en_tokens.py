"""The English NER tokenizer: spaCy's English tokenizer, plus word-cluster features.

With about 25,000 labelled English sentences and no pretrained vectors, the model cannot learn from
its own data that "Potomac" or "Lancashire" is a place. Brown clusters induced from a large English
text carry that kind of knowledge cheaply, and are a classic NER feature. Each token gets:

* ``lemma`` – its cluster (one of 1,000), or ``-`` for a word the table does not cluster,
* ``tag``   – the first 6 bits of the cluster's path (a coarser cluster) and the word's frequency band
  (rare words are more often names).

Lookups try the word as written, then in lower case, then title case. The table is
``extractor/data/entities/en_word_clusters.tsv.gz`` (``training/build_en_clusters.py``).
Like the Chinese tokenizer, features go in as hashes and never grow the StringStore.
"""

from __future__ import annotations

import functools
import gzip
import sys
from importlib import resources

import numpy
from spacy.attrs import LEMMA, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry

from extractor.entities.stateless import StatelessTokenizer

_UNKNOWN = (get_string_id("cluster:-"), get_string_id("coarse:-|band:-"))


@functools.lru_cache(maxsize=1)
def _features() -> dict[str, tuple[int, int]]:
    """word -> (cluster feature hash, coarse cluster + frequency band hash), kept between runs in the
    artefact cache (extractor/cache.py): reading the table took a third of an English one-article run."""
    from extractor import cache

    data = (resources.files("extractor") / "data" / "entities" / "en_word_clusters.tsv.gz").read_bytes()
    key = cache.digest(data, cache.source_of(sys.modules[__name__]))
    return cache.cached("en-word-clusters", key, lambda: _read_features(data))


def _read_features(data: bytes) -> dict[str, tuple[int, int]]:
    table = {}
    known: dict[tuple[int, int], tuple[int, int]] = {}
    for line in gzip.decompress(data).decode("utf-8").split("\n"):
        if not line:
            continue
        word, cluster, band = line.split("\t")
        key = (int(cluster), min(int(band), 25))
        if key not in known:
            coarse = bin(key[0])[2:8] if key[0] else "-"
            known[key] = (get_string_id(f"cluster:{key[0] or '-'}"), get_string_id(f"coarse:{coarse}|band:{key[1]}"))
        table[word] = known[key]
    return table


COMMON_BAND = 14  # frequency bands 0..14 of the table: words common enough to be ordinary words (police, gold)


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset:
    """Lower-case words of the cluster table in its common frequency bands: a capitalised word opening a
    sentence is an ordinary word when its lower-case form is one of these (Police, Gold, Retail), a name when
    not (Rivian, Qualcomm, Brent). Kept in the artefact cache like the features."""
    from extractor import cache

    data = (resources.files("extractor") / "data" / "entities" / "en_word_clusters.tsv.gz").read_bytes()
    key = cache.digest(data, cache.source_of(sys.modules[__name__]))
    return frozenset(cache.cached("en-common-words", key, lambda: _read_common(data)))


def _read_common(data: bytes) -> list[str]:
    found = []
    for line in gzip.decompress(data).decode("utf-8").split("\n"):
        fields = line.split("\t")  # word, cluster, frequency band
        if len(fields) == 3 and fields[0].islower() and fields[0].isalpha() and int(fields[2]) <= COMMON_BAND:
            found.append(fields[0])
    return found


def word_features(word: str) -> tuple[int, int]:
    table = _features()
    found = table.get(word) or table.get(word.lower()) or table.get(word.title())
    return found or _UNKNOWN


class EnglishNERTokenizer(StatelessTokenizer):
    """spaCy's English tokenizer with cluster features; serialises to nothing (the rules are spaCy's)."""

    def __init__(self, vocab):
        from spacy.lang.en import English

        self.vocab = vocab
        self.inner = English(vocab=vocab).tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.inner(text)
        if len(doc):
            features = numpy.array([word_features(token.text) for token in doc], dtype="uint64")
            doc.from_array([LEMMA, TAG], features)
        return doc


@registry.tokenizers("extractor.en_ner_tokenizer.v1")
def create_en_ner_tokenizer():
    def make(nlp):
        return EnglishNERTokenizer(nlp.vocab)

    return make
