"""The Chinese NER tokenizer: one token per Han character, one per Latin or digit run.

spaCy's own Chinese "char" segmenter splits ``Meta`` into M/e/t/a, which makes the boundaries of
Latin-script names hard to learn; jieba words as tokens lose every entity that jieba glues to a
neighbour (``中国人`` hides ``中国``). Characters for Han text and whole runs for Latin text avoid both.

Each token also carries three context features that the model embeds alongside the token itself,
because a character alone says little in Chinese (published character taggers gain several F1 points
from bigrams and word information):

* ``norm``  – the left bigram (previous token + this one); lower-cased word for Latin runs,
* ``lemma`` – the right bigram (this token + the next one),
* ``tag``   – the jieba word the character sits in, with its position (B/M/E/S), e.g. ``B:北京``.

The second version of the tokenizer (``extractor.zh_ner_tokenizer.v2``) adds a fourth, in
``ent_kb_id``, which the model reads before any entity is set:

* the word's class with the character's position, e.g. ``B:ns``: the bundled name lexicon's label
  for a known name (``B:LOC``), else jieba's dictionary part of speech (``nr``, ``ns``, ``nt``, ...),
  else ``new`` for a Han word jieba's dictionary does not know. Word identities only help for words
  seen in training; their classes carry over to names the labelled corpora never show (``窦店`` is
  unknown to jieba, ``登巴萨`` is a CC-CEDICT place).

The segmentation is the same jieba cut the rest of the pipeline uses (``extractor/text/segment.py``).
"""

from __future__ import annotations

import functools
import itertools
import re
import sys

import numpy
from spacy.attrs import ENT_KB_ID, LEMMA, NORM, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import registry

from extractor.entities.stateless import StatelessTokenizer

# A Latin-script or digit run is one token: ``OpenAI``, ``GPT``, ``4.5``, ``LeCun``, ``O'Brien``.
_TOKEN = re.compile(
    r"[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)*"  # Latin word (with apostrophe parts)
    r"|[0-9]+(?:\.[0-9]+)?"  # digits, with one decimal part
    r"|[ \t]+|\r\n|[\r\n]"  # whitespace runs become tokens unless a single trailing space
    r"|.",
    re.S,
)
_LATIN = re.compile(r"[A-Za-z0-9\u00C0-\u024F]")


def _tokens(text: str) -> tuple[list[str], list[bool], list[int]]:
    """Words, trailing-space flags such that ``"".join(w + " " * s) == text``, and each word's start."""
    if " " not in text:  # no single space to fold into the word before: every piece is a token
        words = _TOKEN.findall(text)
        return words, [False] * len(words), [0, *itertools.accumulate(map(len, words))][:-1]
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[int] = []
    for match in _TOKEN.finditer(text):
        piece = match.group()
        if piece == " " and words and not spaces[-1] and not words[-1].isspace():
            spaces[-1] = True
            continue
        words.append(piece)
        spaces.append(False)
        starts.append(match.start())
    return words, spaces, starts


def _word_positions(text: str, with_classes: bool = False) -> tuple[numpy.ndarray, numpy.ndarray | None]:
    """For every character of ``text``, the hash of ``P:word`` with P the character's place in its jieba
    word, and (``with_classes``) the hash of ``P:class`` with the word's class (see the module docstring)."""
    from extractor.text.segment import _cut  # jieba's own cut, faster (tested equal to Tokenizer.tokenize)

    words = _cut(text)
    if not words:
        empty = numpy.empty(0, dtype="uint64")
        return empty, (empty if with_classes else None)
    # Per word, the hashes for each place (S, B, M, E) of the word and of its class; spread over its
    # characters: the middle everywhere, then the first, the last, and a one-character word's own.
    ids = numpy.array([_WORD_IDS[word] for word in words], dtype="uint64")
    lengths = numpy.fromiter(map(len, words), dtype="intp", count=len(words))
    ends = numpy.cumsum(lengths)
    starts = ends - lengths
    alone = lengths == 1
    spread = []
    for offset in (0, 4) if with_classes else (0,):
        values = numpy.repeat(ids[:, offset + 2], lengths)
        values[starts] = ids[:, offset + 1]
        values[ends - 1] = ids[:, offset + 3]
        values[starts[alone]] = ids[alone, offset]
        spread.append(values)
    return spread[0], (spread[1] if with_classes else None)


class _WordIds(dict):
    """Word -> the hashes of ``S:word``, ``B:word``, ``M:word``, ``E:word`` and of the same places of the
    word's class; "_" throughout for whitespace. Made once per word; emptied when it grows past ``LIMIT``
    words, so memory stays flat over millions of documents."""

    LIMIT = 400_000

    def __missing__(self, word: str) -> tuple[int, ...]:
        if len(self) >= self.LIMIT:
            self.clear()
        if word.isspace():
            ids = (_SPACE_ID,) * 8
        else:
            kind = word_classes().get(word) or ("new" if _HAN.match(word) else "x")
            ids = tuple(get_string_id(f"{place}:{word}") for place in "SBME") + _CLASS_IDS[kind]
        self[word] = ids
        return ids


_WORD_IDS = _WordIds()


class _ClassIds(dict):
    """Class -> the hashes of ``S:class``, ``B:class``, ``M:class``, ``E:class``, made once each."""

    def __missing__(self, kind: str) -> tuple[int, int, int, int]:
        ids = tuple(get_string_id(f"{position}:{kind}") for position in "SBME")
        self[kind] = ids
        return ids


_CLASS_IDS = _ClassIds()


_HAN = re.compile(r"[\u3400-\u9fff]")
_SPACE_ID = get_string_id("_")


@functools.lru_cache(maxsize=1)
def word_classes() -> dict[str, str]:
    """Word -> class: the name lexicon's label for Han names of 2+ characters, else jieba's POS tag.

    Built from jieba's dictionary and the lexicon's files, and kept between runs in the artefact cache
    (extractor/cache.py), keyed by those files' bytes and this module's code: building it took a quarter of
    a one-article run."""
    import jieba

    from extractor import cache
    from extractor.entities import lexicon

    with jieba.get_dict_file() as file:
        dictionary = file.read()
    key = cache.digest(dictionary, lexicon.source_bytes(), cache.source_of(sys.modules[__name__], lexicon))
    return cache.cached("zh-word-classes", key, lambda: _build_word_classes(dictionary))


def _build_word_classes(dictionary: bytes) -> dict[str, str]:
    from extractor.entities.lexicon import load_lexicon

    classes: dict[str, str] = {}
    for line in dictionary.decode("utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            classes[parts[0]] = parts[2]
    for key, entry in load_lexicon().forms():
        if len(key) >= 2 and _HAN.match(key):
            classes[key] = entry.label
    return classes


class ChineseNERTokenizer(StatelessTokenizer):
    """Callable tokenizer for the zh pipeline; serialises to nothing (it has no state to save)."""

    def __init__(self, vocab, word_classes: bool = False):
        self.vocab = vocab
        self.word_classes = word_classes

    def __call__(self, text: str) -> Doc:
        words, spaces, _, columns, features = token_features(text, self.word_classes)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if words:
            doc.from_array(columns, features)
        return doc


def token_features(text: str, with_classes: bool = True):
    """What the tokenizer makes of ``text``: its words, their trailing-space flags and start offsets, and
    the feature columns it sets on them with their values (an uint64 array, tokens x columns)."""
    words, spaces, starts = _tokens(text)
    columns = [NORM, LEMMA, TAG] + ([ENT_KB_ID] if with_classes else [])
    n = len(words)
    if n == 0:
        return words, spaces, starts, columns, numpy.empty((0, len(columns)), dtype="uint64")
    positions, classes = _word_positions(text, with_classes)
    keys = [word.lower() if _LATIN.match(word) else word for word in words]
    # bigrams[i] joins token i-1 and token i: token i's left bigram, and token i-1's right one.
    bigrams = [a + "|" + b for a, b in zip(["^", *keys], [*keys, "$"])]
    bigram_ids = numpy.fromiter(map(get_string_id, bigrams), dtype="uint64", count=n + 1)
    # Features go in as hashes, never through the StringStore: over millions of documents the
    # bigrams and jieba words would otherwise grow the vocabulary without bound.
    features = numpy.empty((n, len(columns)), dtype="uint64")
    features[:, 0] = bigram_ids[:-1]
    features[:, 1] = bigram_ids[1:]
    at = numpy.array(starts, dtype="intp")
    features[:, 2] = positions[at]  # a token's word features are its first character's
    if classes is not None:
        features[:, 3] = classes[at]
    return words, spaces, starts, columns, features


@registry.tokenizers("extractor.zh_ner_tokenizer.v1")
def create_zh_ner_tokenizer():
    def make(nlp):
        return ChineseNERTokenizer(nlp.vocab)

    return make


@registry.tokenizers("extractor.zh_ner_tokenizer.v2")
def create_zh_ner_tokenizer_v2():
    """v1 plus each word's class (lexicon label or jieba part of speech) in ``ent_kb_id``."""

    def make(nlp):
        return ChineseNERTokenizer(nlp.vocab, word_classes=True)

    return make
