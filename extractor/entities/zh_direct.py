"""The Chinese entity network run on feature arrays, without building spaCy Docs.

``nlp.pipe`` makes a Doc per text (a Lexeme per new token, the feature columns written into the Doc and
read back out by the network's first layer) only for the network to turn it into one integer array per
text. Here the tokenizer's features (``zh_tokens.token_features``) and the two lexeme attributes the
network reads (ORTH, the token's hash, and SHAPE, its word shape's) go straight into the network; the
hash embeddings are computed once per distinct id of a batch, with thinc's arithmetic in thinc's order,
and the rest runs through the pipeline's own layers. The same scores to the last bit, so the same
entities (tests compare them with ``nlp.pipe`` on corpus, sample and fuzz text); a fifth of the entity
stage's time saved.
"""

from __future__ import annotations

import functools

import numpy
from spacy.attrs import IDS
from spacy.strings import get_string_id

from extractor.entities.zh_tokens import token_features

# The lexeme attributes, as hashes, of tokens seen before: the words of Chinese text are few (characters,
# Latin words, numbers). Emptied when full, so memory stays flat over millions of documents.
_LEXEME_LIMIT = 200_000


class DirectTagger:
    """Entities of many texts at once from the pipeline's own layers (see the module docstring)."""

    def __init__(self, nlp):
        tok2vec = nlp.get_pipe("tok2vec").model
        tagger = nlp.get_pipe("ner")
        embed, self._encode = tok2vec.layers
        extract, _, hash_embeds, mix, _ = embed.layers  # features, list2ragged, the tables, maxout, ragged2list
        self._columns = [IDS[name] for name in extract.attrs["columns"]]
        self._tables = []  # (column, table, seed) of each hash embedding, in the order they are joined
        for getitem, table in (part.layers for part in hash_embeds.layers[0].layers):
            self._tables.append((getitem.attrs["index"][1], table.get_param("E"), table.attrs["seed"]))
        self._mix = mix.layers[0]
        self._ops = tok2vec.ops
        self._scores = tagger.model.layers[-1]  # the softmax over tags, after the tok2vec listener
        self._tagger = tagger
        self._shape = nlp.vocab.lex_attr_getters[IDS["SHAPE"]]
        self._lexemes: dict[str, tuple[int, int]] = {}

    def entities(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        """(start, end, label) character spans of the entities of each text."""
        from extractor.entities.tagger import _decoder_for

        prepared = [self._features(text) for text in texts]
        arrays = [features for _, _, features in prepared if len(features)]
        found: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        if not arrays:
            return found
        lengths = [len(array) for array in arrays]
        mixed = self._mix.predict(self._embedded(numpy.concatenate(arrays)))
        vectors = numpy.split(mixed, numpy.cumsum(lengths)[:-1])
        scores = self._scores.predict(self._encode.predict(vectors))
        decoded = iter(_decoder_for(tuple(self._tagger.labels)).decode_docs([self._tagger.model.ops.to_numpy(s) for s in scores]))
        for spans, (words, starts, features) in zip(found, prepared):
            if not len(features):
                continue
            for start, end, label in next(decoded):
                if words[start].isspace() or words[end - 1].isspace():
                    continue
                spans.append((starts[start], starts[end - 1] + len(words[end - 1]), label))
        return found

    def _embedded(self, features: numpy.ndarray) -> numpy.ndarray:
        """The hash embeddings of every token, joined: thinc's HashEmbed (a row per id is the sum of four
        hashed rows of the table, added in order) computed once per distinct id of the batch — a batch
        holds a few hundred distinct characters for thousands of tokens — then spread to the tokens."""
        width = sum(table.shape[1] for _, table, _ in self._tables)
        joined = numpy.empty((len(features), width), dtype=self._tables[0][1].dtype)
        at = 0
        for column, table, seed in self._tables:
            distinct, where = numpy.unique(features[:, column], return_inverse=True)
            keys = (self._ops.hash(distinct, seed) % table.shape[0]).astype(numpy.intp)
            rows = table[keys[:, 0]] + table[keys[:, 1]]
            rows += table[keys[:, 2]]
            rows += table[keys[:, 3]]
            joined[:, at : at + table.shape[1]] = rows[where.reshape(-1)]
            at += table.shape[1]
        return joined

    def _features(self, text: str):
        words, _, starts, columns, own = token_features(text)
        features = numpy.empty((len(words), len(self._columns)), dtype="uint64")
        if not words:
            return words, starts, features
        lexemes = self._lexemes
        if len(lexemes) > _LEXEME_LIMIT:
            lexemes.clear()
        orth, shape = zip(*(lexemes.get(word) or self._lexeme(word) for word in words))
        by_column = {IDS["ORTH"]: orth, IDS["SHAPE"]: shape}
        for index, column in enumerate(columns):
            by_column[column] = own[:, index]
        for index, column in enumerate(self._columns):
            features[:, index] = by_column[column]
        return words, starts, features

    def _lexeme(self, word: str) -> tuple[int, int]:
        found = self._lexemes[word] = (get_string_id(word), get_string_id(self._shape(word)))
        return found


@functools.lru_cache(maxsize=None)
def direct_tagger(nlp) -> DirectTagger:
    return DirectTagger(nlp)
