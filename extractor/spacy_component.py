"""The extractor as a spaCy pipeline component: ``nlp.add_pipe("extractor")`` on any ``Language``.

Registered through the ``spacy_factories`` entry point (pyproject.toml), so spaCy finds the factory
without this package being imported first: every ``Language`` imports the modules its entry points
name, which is why this module imports nothing heavy at the top. What the component sets on a Doc:

* ``doc.ents``: the entities, aligned to the doc's tokens (``alignment_mode``), label PERSON / ORG /
  LOC / PRODUCT, ``kb_id_`` the canonical name, ``id_`` the mention id (``e3``); entities already there
  (from an ``ner`` component) are kept or overwritten as EntityRuler's ``overwrite_ents`` does it;
* ``doc.spans[spans_key]``: the claims as a SpanGroup, label the kind in capitals (MONEY, DATE,
  PERCENT, QUANTITY), ``id_`` the claim id (``c2``);
* ``doc._.extractor``: the whole Document; ``doc._.claims``: its claims, the same models
  ``extractor.extract(text).claims`` returns; ``span._.claim`` and ``span._.entity`` for the spans above;
* ``doc._.extractor_json``: the Document as JSON text (without the text itself). It is what the
  extensions above are read from, and a string keeps ``doc.to_bytes``, DocBin and ``nlp.pipe(n_process=…)``
  working (they serialise ``user_data`` with msgpack, which takes no pydantic model).

Offsets in the models are exact (``doc.text[c.start:c.end] == c.text``); a span aligned to tokens may
be wider (``expand``) or missing (``contract``, ``strict``) where a token runs across a name's end.
"""

import functools
from typing import Any, Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

FACTORY = "extractor"
ALIGNMENT_MODES = ("expand", "contract", "strict")
DEFAULT_CONFIG = {
    "ref_date": None,
    "lang": None,
    "prefer_dates": None,
    "entities": True,
    "claims": True,
    "set_ents": True,
    "overwrite_ents": False,
    "spans_key": "claims",
    "alignment_mode": "expand",
}
_LEXICON_FILE = "lexicon.json"


@Language.factory(
    FACTORY,
    default_config=DEFAULT_CONFIG,
    assigns=["doc.ents", "doc.spans", "doc._.extractor", "doc._.claims", "doc._.extractor_json", "span._.claim", "span._.entity"],
)
def make_extractor(
    nlp: Language,
    name: str,
    ref_date: Optional[str],
    lang: Optional[str],
    prefer_dates: Optional[str],
    entities: bool,
    claims: bool,
    set_ents: bool,
    overwrite_ents: bool,
    spans_key: Optional[str],
    alignment_mode: str,
) -> "ExtractorComponent":
    return ExtractorComponent(
        nlp, name, ref_date=ref_date, lang=lang, prefer_dates=prefer_dates, entities=entities, claims=claims,
        set_ents=set_ents, overwrite_ents=overwrite_ents, spans_key=spans_key, alignment_mode=alignment_mode,
    )


class ExtractorComponent:
    """Runs :class:`extractor.Extractor` on each doc's text and writes what it found onto the doc.

    ``ref_date`` and ``lang`` may be changed on the component between docs, or given for one call
    (``nlp(text, component_cfg={"extractor": {"ref_date": "2026-11-24"}})``).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = FACTORY,
        *,
        ref_date: Optional[str] = None,
        lang: Optional[str] = None,
        prefer_dates: Optional[str] = None,
        entities: bool = True,
        claims: bool = True,
        set_ents: bool = True,
        overwrite_ents: bool = False,
        spans_key: Optional[str] = "claims",
        alignment_mode: str = "expand",
    ):
        from extractor.api import parse_language, parse_reference
        from extractor.errors import UsageError

        if alignment_mode not in ALIGNMENT_MODES:
            raise UsageError(f"invalid alignment_mode {alignment_mode!r}: expected one of {', '.join(ALIGNMENT_MODES)}")
        parse_reference(ref_date)  # a bad date or language fails when the pipeline is built, not on the first doc
        parse_language(lang)
        register_extensions()
        self.name = name
        self.ref_date = ref_date
        self.lang = lang
        self.prefer_dates = prefer_dates
        self.entities = entities
        self.claims = claims
        self.set_ents = set_ents
        self.overwrite_ents = overwrite_ents
        self.spans_key = spans_key
        self.alignment_mode = alignment_mode
        self.lexicon = None
        self.extractor = self._build()

    def _build(self):
        from extractor.api import Extractor

        # The text is left out of the stored JSON: the doc carries it, and the getters put it back.
        return Extractor(
            include_text=False, entities=self.entities, claims=self.claims, prefer_dates=self.prefer_dates,
            lexicon=self.lexicon,
        )

    # --- running ------------------------------------------------------------------------------------

    def __call__(self, doc: Doc, ref_date: Optional[str] = None, lang: Optional[str] = None) -> Doc:
        document = self.extractor.extract(doc.text, ref_date=ref_date or self.ref_date, lang=lang or self.lang)
        self.set_annotations(doc, document)
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128, **options) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc, **options)

    def set_annotations(self, doc: Doc, document) -> None:
        doc._.extractor_json = document.model_dump_json(exclude={"text"})
        if self.set_ents and self.entities:
            from spacy.pipeline.span_ruler import prioritize_existing_ents_filter, prioritize_new_ents_filter

            spans = [
                span
                for entity in document.entities
                if (span := self._span(doc, entity.start, entity.end, entity.label, entity.id, entity.canonical)) is not None
            ]
            merge = prioritize_new_ents_filter if self.overwrite_ents else prioritize_existing_ents_filter
            # Both filters drop the new spans that overlap one another (expanded to whole tokens, two names
            # can meet in one token), the longest first, as EntityRuler does.
            doc.ents = sorted(merge(doc.ents, spans), key=lambda span: span.start)
        if self.spans_key and self.claims:
            doc.spans[self.spans_key] = [
                span
                for claim in document.claims
                if (span := self._span(doc, claim.start, claim.end, claim.kind.upper(), claim.id)) is not None
            ]

    def _span(self, doc: Doc, start: int, end: int, label: str, span_id: str, kb_id: Optional[str] = None) -> Optional[Span]:
        """The tokens of doc.text[start:end] as ``alignment_mode`` reads a name that does not fall on token
        boundaries (expand: every token it touches; contract: the tokens wholly inside it; strict: none),
        or None when no token is left (whitespace only, or a name inside one token under contract)."""
        span = doc.char_span(start, end, label=label, kb_id=kb_id or "", span_id=span_id, alignment_mode=self.alignment_mode)
        return span if span is not None and len(span) else None

    # --- the user's lexicon, kept with the pipeline -------------------------------------------------

    def set_lexicon(self, lexicon) -> None:
        """Use the user's names (a TSV or JSON file, a UserLexicon, a list of entry dicts, or None to drop them);
        ``nlp.to_disk`` saves them with the pipeline."""
        from extractor.entities.user_lexicon import as_user_lexicon

        self.lexicon = as_user_lexicon(lexicon)
        self.extractor = self._build()

    def initialize(self, get_examples=None, *, nlp: Optional[Language] = None, lexicon: Optional[str] = None) -> None:
        """spaCy's ``nlp.initialize()``: ``[initialize.components.extractor] lexicon = "names.tsv"`` in a config."""
        if lexicon is not None:
            self.set_lexicon(lexicon)

    def _lexicon_entries(self) -> Optional[list[dict[str, Any]]]:
        if self.lexicon is None:
            return None
        return [
            {"name": e.name, "label": e.label, "canonical": e.canonical, "aliases": list(e.aliases)}
            for e in self.lexicon.entries
        ]

    def _restore_lexicon(self, entries: Optional[list], source: str) -> None:
        from extractor.entities.user_lexicon import UserLexicon

        self.lexicon = UserLexicon.from_entries(entries, source=source) if entries is not None else None
        self.extractor = self._build()

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        import srsly

        return srsly.msgpack_dumps({"lexicon": self._lexicon_entries()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "ExtractorComponent":
        import srsly

        self._restore_lexicon(srsly.msgpack_loads(data).get("lexicon"), f"<{self.name} bytes>")
        return self

    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        import srsly
        from spacy.util import ensure_path

        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        entries = self._lexicon_entries()
        lexicon_path = path / _LEXICON_FILE
        if entries is not None:
            srsly.write_json(lexicon_path, entries)
        elif lexicon_path.exists():  # saved over an earlier copy that had a lexicon
            lexicon_path.unlink()

    def from_disk(self, path, *, exclude: Iterable[str] = ()) -> "ExtractorComponent":
        from spacy.util import ensure_path

        from extractor.entities.user_lexicon import UserLexicon

        lexicon_path = ensure_path(path) / _LEXICON_FILE
        self.lexicon = UserLexicon.read(lexicon_path) if lexicon_path.exists() else None
        self.extractor = self._build()
        return self


# --- extensions -------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=32)
def _parse(json_text: str):
    """The Document a doc carries, without its text, parsed once for the docs in use (the string hashes once
    and is compared by identity first, so a hit is cheap); shared between calls, so never changed here."""
    from extractor.schema import Document

    return Document.model_validate_json(json_text)


def _document(doc: Doc):
    """The doc's Document with the doc's text (a shallow copy: its claims and entities are the parsed ones)."""
    json_text = doc._.extractor_json
    return _parse(json_text).model_copy(update={"text": doc.text}) if json_text is not None else None


def _claims(doc: Doc) -> list:
    json_text = doc._.extractor_json
    return _parse(json_text).claims if json_text is not None else []


@functools.lru_cache(maxsize=32)
def _index(json_text: str, kind: str) -> tuple[dict, dict]:
    """The claims or entities of a doc's Document by id and by offsets (the first one of each), built once.
    Neither this nor the parse reads doc.text, which spaCy joins from the tokens on every access: reading
    span._.claim for every claim span of a 35,000-character doc took 0.84 s that way (quadratic)."""
    by_id: dict = {}
    by_offsets: dict = {}
    for item in getattr(_parse(json_text), kind):
        by_id.setdefault(item.id, item)
        by_offsets.setdefault((item.start, item.end), item)
    return by_id, by_offsets


def _behind(span: Span, kind: str):
    """The claim or entity model behind a span: a span the component made carries its id; any other span
    finds it by exact offsets."""
    json_text = span.doc._.extractor_json
    if json_text is None:
        return None
    by_id, by_offsets = _index(json_text, kind)
    if span.id_:
        return by_id.get(span.id_)
    return by_offsets.get((span.start_char, span.end_char))


def _span_claim(span: Span):
    return _behind(span, "claims")


def _span_entity(span: Span):
    return _behind(span, "entities")


_EXTENSIONS = {
    Doc: {"extractor_json": {"default": None}, "extractor": {"getter": _document}, "claims": {"getter": _claims}},
    Span: {"claim": {"getter": _span_claim}, "entity": {"getter": _span_entity}},
}


def register_extensions() -> None:
    """Register ``doc._.extractor``, ``doc._.claims``, ``doc._.extractor_json``, ``span._.claim`` and
    ``span._.entity`` once (the component does it; call it to read docs saved with them, e.g. from a DocBin).
    An extension of the same name that another package registered is an error, not silently replaced."""
    for cls, extensions in _EXTENSIONS.items():
        for name, spec in extensions.items():
            if cls.has_extension(name):
                default, method, getter, setter = cls.get_extension(name)
                ours = getter.__module__ == __name__ if getter is not None else "default" in spec and default is None
                if not ours:
                    raise ValueError(
                        f"{cls.__name__}._.{name} is already registered by another package; extractor's spaCy "
                        f"component needs it (remove it with {cls.__name__}.remove_extension({name!r}))"
                    )
                continue
            cls.set_extension(name, **spec)


# --- displaCy -----------------------------------------------------------------------------------------


def displacy_claims(doc: Doc, *, entities: bool = False, title: Optional[str] = None) -> dict[str, Any]:
    """The doc's claims for displaCy's manual mode, at their exact offsets, the kind in capitals as label:
    ``displacy.render(displacy_claims(doc), style="ent", manual=True)``. With ``entities=True`` the
    entities that overlap no claim are shown too."""
    document = _document(doc)
    if document is None:
        return {"text": doc.text, "ents": [], "title": title}
    marks = [(claim.start, claim.end, claim.kind.upper()) for claim in document.claims]
    if entities:
        claimed = sorted((start, end) for start, end, _ in marks)
        for entity in document.entities:
            if not any(start < entity.end and entity.start < end for start, end in claimed):
                marks.append((entity.start, entity.end, entity.label))
    marks.sort()
    return {"text": doc.text, "ents": [{"start": s, "end": e, "label": label} for s, e, label in marks], "title": title}
