"""``entity_tagger``: named entities as one BILUO tag per token, predicted by a softmax layer.

spaCy's transition-based ``ner`` spends about as long in its state machine as in the whole
tok2vec layer on character tokens. A per-token softmax over BILUO tags costs a fraction of that and
is the classic character-tagger design (minus the CRF), so the Chinese pipeline uses it to stay at
twice the speed of a default character CNN NER. Illegal tag sequences are repaired on decoding.
"""

from __future__ import annotations

from itertools import islice

import numpy
from spacy.language import Language
from spacy.pipeline.tagger import Tagger
from spacy.tokens import Span
from spacy.training import validate_get_examples
from thinc.api import Config, SequenceCategoricalCrossentropy

_DEFAULT_MODEL = Config().from_str(
    """
[model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = 64
upstream = "*"
"""
)["model"]


@Language.factory(
    "entity_tagger",
    assigns=["doc.ents"],
    default_config={
        "model": _DEFAULT_MODEL,
        "scorer": {"@scorers": "spacy.ner_scorer.v1"},
        "label_smoothing": 0.0,
    },
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_entity_tagger(nlp, name, model, scorer, label_smoothing):
    return EntityTagger(nlp.vocab, model, name, scorer=scorer, label_smoothing=label_smoothing)


class EntityTagger(Tagger):
    """A Tagger whose gold tags are the example's entities in BILUO form and whose output is doc.ents."""

    def __init__(self, vocab, model, name="entity_tagger", *, scorer=None, label_smoothing=0.0):
        super().__init__(vocab, model, name, overwrite=True, scorer=scorer, label_smoothing=label_smoothing)

    @staticmethod
    def _gold(example) -> list:
        # "-" and None (token not aligned, or annotation missing) carry no gradient.
        return [None if tag in (None, "", "-") else tag for tag in example.get_aligned_ner()]

    def get_loss(self, examples, scores):
        loss_func = SequenceCategoricalCrossentropy(
            names=self.labels, normalize=False, label_smoothing=self.cfg["label_smoothing"]
        )
        d_scores, loss = loss_func(scores, [self._gold(eg) for eg in examples])
        if self.model.ops.xp.isnan(loss):
            raise ValueError(f"NaN loss in {self.name}")
        return float(loss), d_scores

    def initialize(self, get_examples, *, nlp=None, labels=None):
        validate_get_examples(get_examples, "EntityTagger.initialize")
        if labels is None:
            found = {"O"}
            for example in get_examples():
                found.update(tag for tag in self._gold(example) if tag)
            labels = sorted(found)
        for label in labels:
            self.add_label(label)
        docs, gold = [], []
        for example in islice(get_examples(), 10):
            docs.append(example.x)
            tags = self._gold(example)
            gold.append(
                self.model.ops.asarray(
                    [[1.0 if tag == label else 0.0 for label in self.labels] for tag in tags], dtype="float32"
                )
            )
        self.model.initialize(X=docs, Y=gold)

    def predict(self, docs):
        # The scores, not only their argmax: decoding picks each entity's type from them.
        if not any(len(doc) for doc in docs):
            return [self.model.ops.alloc2f(0, len(self.labels)) for _ in docs]
        return [self.model.ops.to_numpy(scores) for scores in self.model.predict(docs)]

    def set_annotations(self, docs, batch_scores):
        decoder = _decoder_for(tuple(self.labels))
        for doc, scores in zip(docs, batch_scores):
            spans = [
                Span(doc, start, end, label=label)
                for start, end, label in decoder(numpy.asarray(scores))
                if not doc[start].is_space and not doc[end - 1].is_space
            ]
            doc.set_ents(spans, default="outside")


class BILUODecoder:
    """Entities from per-token BILUO scores, tolerant of the mistakes a softmax tagger makes.

    A softmax tagger decides each token alone, so a name can come out as ``B-LOC I-ORG L-ORG``
    (甘 / 肃省畜产公司: 甘肃 starts many places, but here it starts a company). Boundaries are
    read from the moves (B, I, L, U) alone; the type of the whole entity is the one with the most
    probability mass over its tokens. Only the non-O positions are visited — entities are sparse
    and this runs on every token of every document.
    """

    def __init__(self, labels: tuple[str, ...]):
        self.labels = labels
        self.outside = labels.index("O")
        self.moves = [label.partition("-")[0] for label in labels]
        self.types = sorted({label.partition("-")[2] for label in labels if label != "O"})
        # (labels x types) 0/1 matrix: which labels speak for which type.
        self.type_matrix = numpy.zeros((len(labels), len(self.types)), dtype="float32")
        for i, label in enumerate(labels):
            if label != "O":
                self.type_matrix[i, self.types.index(label.partition("-")[2])] = 1.0

    def __call__(self, scores) -> list[tuple[int, int, str]]:
        if not len(scores):
            return []
        tag_ids = scores.argmax(axis=1)
        bounds = []
        start = None
        previous = -2
        for i in numpy.flatnonzero(tag_ids != self.outside).tolist():
            move = self.moves[tag_ids[i]]
            if start is not None and (i != previous + 1 or move in ("B", "U")):
                bounds.append((start, previous + 1))
                start = None
            if move == "U":
                bounds.append((i, i + 1))
            elif move == "L":
                bounds.append((start if start is not None else i, i + 1))
                start = None
            elif start is None:  # B, or an I that opens an entity the model forgot to begin
                start = i
            previous = i
        if start is not None:
            bounds.append((start, previous + 1))
        spans = []
        for begin, end in bounds:
            mass = scores[begin:end].sum(axis=0) @ self.type_matrix
            spans.append((begin, end, self.types[int(mass.argmax())]))
        return spans


_DECODERS: dict[tuple[str, ...], BILUODecoder] = {}


def _decoder_for(labels: tuple[str, ...]) -> BILUODecoder:
    decoder = _DECODERS.get(labels)
    if decoder is None:
        decoder = _DECODERS[labels] = BILUODecoder(labels)
    return decoder


def decode_biluo(scores, labels) -> list[tuple[int, int, str]]:
    """Entities (token start, token end, type) from a (tokens x labels) score array."""
    return _decoder_for(tuple(labels))(numpy.asarray(scores))
