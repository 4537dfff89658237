"""The Python API: ``extract(text)`` and the reusable ``Extractor``. The library never prints."""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
import os
import re
import time
from pathlib import Path

from extractor.analysis import Analysis, analyse
from extractor.errors import (
    ExtractorError,
    InputIsDirectoryError,
    InputNotFoundError,
    InputTooLargeError,
    InputUnreadableError,
    UsageError,
)
from extractor.schema import (
    CLAIM_CLASSES,
    Attribution,
    BoilerplateSpan,
    Document,
    Entity,
    EntityCluster,
    Sentence,
    Source,
    Span,
    Token,
    Warning,
    escape_id,
    escaped_id_warning,
)
from extractor.limits import DEFAULT_MAX_BYTES
from extractor.text.article import Article, read_article

LANGUAGES = ("zh", "en", "mixed")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


TODAY_ENV = "EXTRACTOR_TODAY"


def today() -> dt.date:
    """The machine's date, or ``$EXTRACTOR_TODAY`` (YYYY-MM-DD) when set: what ``--ref-date today`` means
    and what an inferred reference date is judged old against. Set it to make a run's output independent
    of the day it runs (tests do)."""
    fixed = os.environ.get(TODAY_ENV)
    if fixed:
        try:
            return dt.date.fromisoformat(fixed.strip())
        except ValueError:
            raise UsageError(f"invalid {TODAY_ENV}={fixed!r}: expected YYYY-MM-DD") from None
    return dt.date.today()


def parse_reference(value: str | dt.date | dt.datetime | None) -> tuple[dt.date | None, dt.datetime | None]:
    """(date, moment) of a reference: ``YYYY-MM-DD`` gives the date alone; ``YYYY-MM-DDTHH:MM[:SS]`` (or
    a datetime) also the moment that now, 三点 and 两分钟前 resolve against. A UTC offset does not change
    the moment: the clock time is the article's own (``reference_offset`` reads the offset). Anything else is
    a UsageError."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value, None
    if isinstance(value, str):
        text = value.strip()
        if text.lower() == "today":  # for articles read as they come out
            return today(), None
        try:
            if len(text) <= 10:
                return dt.date.fromisoformat(text), None
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            value = None
    if isinstance(value, dt.datetime):
        moment = value.replace(tzinfo=None, microsecond=0)
        return moment.date(), moment
    raise UsageError(
        f"invalid reference date {value!r}: expected YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] or today, e.g. 2026-11-24 or 2026-11-24T09:30"
    )


def reference_offset(value: str | dt.date | dt.datetime | None) -> dt.timedelta | None:
    """The UTC offset a reference date-time carries (2026-11-24T09:30+08:00), or None. Clock times the text
    places in another zone (6pm EDT, 北京时间晚上8点) are moved to this clock (claims/date/zones.py)."""
    if isinstance(value, str) and len(value.strip()) > 10:
        try:
            value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    return value.utcoffset() if isinstance(value, dt.datetime) else None


def parse_reference_date(value: str | dt.date | dt.datetime | None) -> dt.date | None:
    """The date of a reference (see ``parse_reference``)."""
    return parse_reference(value)[0]


def parse_language(value: str | None) -> str | None:
    if value is None or value in LANGUAGES:
        return value
    raise UsageError(f"invalid language {value!r}: expected one of {', '.join(LANGUAGES)} (or leave it out)")


def document_id(text: str) -> str:
    """A content hash, so the same text gets the same id in every run."""
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class Extractor:
    """Loads its resources once and extracts many documents.

    ``Extractor().extract(text, ref_date="2026-11-24")`` returns a validated :class:`Document`.
    """

    def __init__(
        self,
        *,
        include_text: bool = True,
        include_tokens: bool = False,
        claims: bool = True,
        entities: bool = True,
        timings: dict[str, float] | None = None,
        max_bytes: int | None = DEFAULT_MAX_BYTES,
        prefer_dates: str | None = None,
        lexicon=None,
    ):
        from extractor.claims.date.resolve import check_preference
        from extractor.entities.user_lexicon import as_user_lexicon

        self.include_text = include_text
        # How a date without its year, week or month is read: "news" (the default: the tense of its
        # clause, else the past), "past", "future" or "nearest" (claims/date/resolve.py).
        self.prefer_dates = check_preference(prefer_dates)
        # Files and byte inputs larger than this are refused (InputTooLargeError); None: no limit.
        self.max_bytes = max_bytes
        self.include_tokens = include_tokens
        self.claims = claims
        self.entities = entities
        # The user's own names (a TSV or JSON file, a UserLexicon, or a list of entry dicts), which win over
        # the shipped lexicon; read and checked here, so a bad line fails before any document is read.
        self.lexicon = as_user_lexicon(lexicon)
        # Optional accumulator of seconds per pipeline stage ("text", "claims", "entities", "document"), for
        # benchmarks; None (the default) costs one comparison per document.
        self.timings = timings

    def extract(
        self,
        text: str,
        *,
        ref_date: str | dt.date | None = None,
        lang: str | None = None,
        doc_id: str | None = None,
    ) -> Document:
        if not isinstance(text, str):
            raise UsageError(f"text must be str, not {type(text).__name__}; use extract_bytes() for raw bytes")
        if _SURROGATE.search(text):
            raise UsageError("text contains lone surrogate code points, which no encoding can carry")
        with _collector_paused():
            return self._extract(text, ref_date=ref_date, lang=lang, doc_id=doc_id)

    def _extract(self, text: str, *, ref_date, lang, doc_id, article: Article | None = None) -> Document:
        timings = self.timings
        if timings is not None:
            started = time.perf_counter()
        reference_date, reference_time = parse_reference(ref_date)
        document_date = article.published if article is not None and reference_date is None else None
        analysis = analyse(text, lang=parse_language(lang), reference_date=reference_date)
        analysis.reference_time = reference_time
        analysis.reference_offset = reference_offset(ref_date)
        analysis.prefer_dates = self.prefer_dates
        if timings is not None:
            started = _lap(timings, "text", started)
        candidates = []
        reference_source = "given" if reference_date is not None else None
        if document_date is not None:  # an HTML page's publication date
            analysis.reference_date, reference_source = document_date, "document"
        if self.claims:
            from extractor.claims import extract_claims
            from extractor.claims.reference import guess_reference_date, infer_reference_date

            if analysis.reference_date is not None:
                candidates = extract_claims(analysis)
            else:
                # Read once against a guess of the date the claims will infer; read again only when they
                # infer another (claims/reference.py).
                guess = analysis.reference_date = guess_reference_date(analysis)
                candidates = extract_claims(analysis)
                inferred = infer_reference_date(analysis, candidates)
                if inferred != guess:
                    analysis.reference_date = None
                    if guess is not None:
                        candidates = extract_claims(analysis)
                        inferred = infer_reference_date(analysis, candidates)
                    if inferred is not None:
                        analysis.reference_date = inferred
                        candidates = extract_claims(analysis)
                if inferred is not None:
                    reference_source = "inferred"
        if timings is not None:
            started = _lap(timings, "claims", started)
        mentions, clusters = [], []
        if self.entities:
            from extractor.entities import build_clusters, find_mentions

            mentions = _outside_dates(find_mentions(analysis, analysis.lang, self.lexicon), candidates)
            # names as the document writes them
            clusters = build_clusters(analysis.normalized.as_written(), mentions, self.lexicon)
        if timings is not None:
            started = _lap(timings, "entities", started)
        contexts = scores = None
        if self.claims:
            from extractor.context import claim_contexts

            contexts, scores = claim_contexts(analysis, candidates, _labelled(mentions, clusters), names=self.entities)
        if timings is not None:
            started = _lap(timings, "context", started)
        document = self._document(
            analysis, candidates, doc_id=doc_id or document_id(text), reference_source=reference_source,
            contexts=contexts, scores=scores,
        )
        if reference_source == "inferred":
            from extractor.claims.reference import reference_warnings

            for code, message in reference_warnings(analysis, candidates, today=today()):
                document.warnings.append(Warning(code=code, message=message))
        if article is not None:
            document.source = Source(**article.source_info())
            if article.format == "html":
                document.text = text  # offsets are into the page's extracted text: the output carries it
        document.entities, document.entity_clusters = self._entities(analysis, mentions, clusters)
        if document.entities:  # each claim names its subject inline: a reader needs no join
            by_id = {entity.id: entity for entity in document.entities}
            for claim in document.claims:
                if claim.subject is not None:
                    claim.subject_text = by_id[claim.subject].text
                    claim.subject_canonical = by_id[claim.subject].canonical
        if timings is not None:
            _lap(timings, "document", started)
        return document

    def extract_bytes(self, data: bytes, *, source: str | None = None, name: str | None = None, **options) -> Document:
        """Read an article file's bytes (plain text in UTF-8/16/32, GB18030 or Big5, or an HTML page, told by
        ``name``'s suffix or by the bytes) and extract; ``Document.source`` says how they were read."""
        return self.extract_article(self.read(data, source=source, name=name), **options)

    def read(self, data: bytes, *, source: str | None = None, name: str | None = None) -> Article:
        """An article file's bytes as an Article, within this extractor's size limit."""
        if self.max_bytes is not None and len(data) > self.max_bytes:
            raise InputTooLargeError(
                f"is larger than the limit of {self.max_bytes:,} bytes (raise it with --max-bytes)", source=source
            )
        return read_article(data, source=source, name=name)

    def extract_article(
        self, article: Article, *, ref_date=None, lang: str | None = None, doc_id: str | None = None
    ) -> Document:
        """Extract from an Article (see :meth:`read`): its publication date is the reference date when none is
        given, and the output says how it was read."""
        if _SURROGATE.search(article.text):
            raise UsageError("text contains lone surrogate code points, which no encoding can carry")
        with _collector_paused():
            return self._extract(article.text, ref_date=ref_date, lang=lang, doc_id=doc_id, article=article)

    def decode(self, data: bytes, *, source: str | None = None) -> str:
        """An article file's bytes as the text extraction reads (see :meth:`read`)."""
        return self.read(data, source=source).text

    def extract_file(self, path: str | Path, **options) -> Document:
        path = Path(path)
        options.setdefault("doc_id", str(path))
        data = read_input_file(path, max_bytes=self.max_bytes)
        return self.extract_bytes(data, source=str(path), name=path.name, **options)

    def _document(
        self, analysis: Analysis, candidates, *, doc_id: str, reference_source: str | None, contexts=None, scores=None
    ) -> Document:
        original = analysis.original
        rules = analysis.boilerplate.sentence_rules
        to_original = analysis.to_original
        boilerplate = []
        if analysis.normalized._index is None and not rules:
            # Offsets unchanged by normalisation and no boilerplate sentence: the common case, built directly.
            sentences = [
                {"start": start, "end": end, "text": original[start:end], "boilerplate": False}
                for start, end in analysis.sentences
            ]
            if scores is not None:
                for sentence, score in zip(sentences, scores):
                    sentence["checkworthiness"] = score
        else:
            sentences = []
            for index, (start, end) in enumerate(analysis.sentences):
                o_start, o_end = to_original(start, end)
                text = original[o_start:o_end]
                rule = rules.get(index)
                sentences.append({"start": o_start, "end": o_end, "text": text, "boilerplate": index in rules,
                                  "checkworthiness": scores[index] if scores is not None else None})
                if rule:
                    boilerplate.append({"start": o_start, "end": o_end, "text": text, "reason": rule})
        for start, end, index in analysis.boilerplate.injections:
            o_start, o_end = to_original(start, end)
            boilerplate.append({"start": o_start, "end": o_end, "text": original[o_start:o_end],
                                "reason": "boilerplate.zh.injected_spam", "sentence": index})
        boilerplate.sort(key=lambda span: (span["start"], span["end"]))
        tokens = None
        if self.include_tokens:
            tokens = []
            for start, end in analysis.tokens:
                o_start, o_end = to_original(start, end)
                tokens.append({"start": o_start, "end": o_end, "text": original[o_start:o_end]})
        claims, warnings = self._claims(analysis, candidates, contexts)
        doc_id, escaped = escape_id(doc_id)
        if escaped:  # a file name that is not valid UTF-8, or an id with a lone surrogate
            warnings.insert(0, escaped_id_warning())
        return Document.model_validate(dict(
            id=doc_id,
            lang=analysis.lang,
            reference_date=analysis.reference_date.isoformat() if analysis.reference_date else None,
            reference_date_source=reference_source,
            reference_time=analysis.reference_time.time().isoformat() if analysis.reference_time else None,
            claims=claims,
            warnings=warnings,
            text=original if self.include_text else None,
            sentences=sentences,
            boilerplate=boilerplate,
            tokens=tokens,
        ))

    @staticmethod
    def _entities(analysis: Analysis, mentions, clusters) -> tuple[list[Entity], list[EntityCluster]]:
        original = analysis.original
        entity_of = {}
        for number, cluster in enumerate(clusters, start=1):
            for index in cluster.members:
                entity_of[index] = (f"E{number}", cluster)
        entities = []
        for number, mention in enumerate(mentions, start=1):
            o_start, o_end = analysis.to_original(mention.start, mention.end)
            entity_id, cluster = entity_of[number - 1]
            entities.append(
                Entity(
                    id=f"e{number}",
                    start=o_start,
                    end=o_end,
                    text=original[o_start:o_end],
                    label=cluster.label,
                    canonical=cluster.canonical,
                    entity_id=entity_id,
                    sentence=analysis.sentence_at(mention.start),
                    rule=mention.rule,
                )
            )
        groups = []
        for number, cluster in enumerate(clusters, start=1):
            members = [entities[i] for i in cluster.members]
            aliases = list(dict.fromkeys(member.text for member in members))
            groups.append(
                EntityCluster(
                    id=f"E{number}",
                    label=cluster.label,
                    canonical=cluster.canonical,
                    canonical_source=cluster.canonical_source,
                    name=max(aliases, key=len),
                    aliases=aliases,
                    mentions=[member.id for member in members],
                    count=len(members),
                )
            )
        return entities, groups

    @staticmethod
    def _claims(analysis: Analysis, candidates, contexts=None) -> tuple[list, list[Warning]]:
        original = analysis.original
        claims, warnings = [], []
        unresolved = []
        sentence_at = analysis.sentence_at
        to_original = analysis.to_original if analysis.normalized._index is not None else lambda a, b: (a, b)
        for number, candidate in enumerate(candidates, start=1):
            sentence = sentence_at(candidate.start)
            o_start, o_end = to_original(candidate.start, candidate.end)
            claim = {
                "kind": candidate.kind,
                "id": f"c{number}",
                "text": original[o_start:o_end],
                "start": o_start,
                "end": o_end,
                "sentence": sentence,
                "value": candidate.value,
                "rule": candidate.rule,
            }
            if contexts:
                claim.update(_context(analysis, contexts[number - 1], to_original))
            claims.append(claim)
            if candidate.kind == "date" and candidate.value is None:
                unresolved.append((o_start, o_end))
        if unresolved and analysis.reference_date is None:
            warnings.append(
                Warning(
                    code="reference_date.missing",
                    message=f"{len(unresolved)} relative date(s) left unresolved: no reference date was given "
                    "and none could be inferred from the document (pass --ref-date / ref_date=)",
                    start=unresolved[0][0],
                    end=unresolved[0][1],
                )
            )
        return claims, warnings


def _labelled(mentions: list, clusters) -> list:
    """The mentions with their entity's label, as the output shows them: the model labels each mention alone
    (Lumora as a place in one sentence), the entity's label is the vote of all its mentions and the lexicons."""
    if not clusters:
        return mentions
    relabelled = list(mentions)
    for cluster in clusters:
        for index in cluster.members:
            if mentions[index].label != cluster.label:
                relabelled[index] = dataclasses.replace(mentions[index], label=cluster.label)
    return relabelled


def _outside_dates(mentions: list, candidates) -> list:
    """The mentions that are not mostly inside a date claim: a name's parenthetical dates (Eduard Hitzig
    ( February 6 , 1839 - August 20 , 1907 )) are a claim, never a person or an alias of one."""
    dates = sorted((c.start, c.end) for c in candidates if c.kind == "date")
    if not dates:
        return mentions
    # Claims never overlap one another, so the dates ending after a mention's start begin at one place of
    # the sorted list (bisect), and only those up to its end can overlap it: linear in the document.
    ends = [end for _, end in dates]
    new_index: dict[int, int] = {}
    for index, mention in enumerate(mentions):
        inside = 0
        for position in range(bisect.bisect_right(ends, mention.start), len(dates)):
            start, end = dates[position]
            if start >= mention.end:
                break
            inside += min(end, mention.end) - max(start, mention.start)
        if inside * 2 <= mention.end - mention.start:
            new_index[index] = len(new_index)
    if len(new_index) == len(mentions):
        return mentions
    # aliases name other mentions by their index: renumber them, and drop the links to the removed ones
    return [
        dataclasses.replace(mentions[old], aliases={new_index[a] for a in mentions[old].aliases if a in new_index})
        for old in new_index
    ]


def _context(analysis: Analysis, context, to_original) -> dict:
    """A claim's context fields from its ClaimContext (extractor/context). Mention indices become mention
    ids (``e3``), numbered as ``_entities`` numbers them; candidate indices become claim ids (``c2``)."""
    fields: dict = {
        "subject": f"e{context.subject + 1}" if context.subject is not None else None,
        # a name the entity model missed: the subject as written, with no mention to point to
        "subject_text": analysis.original.__getitem__(slice(*to_original(*context.named))) if context.named else None,
        "hedged": context.hedge is not None,
        "hedge": context.hedge,
        "direction": context.direction,
        "comparison": context.comparison,
        "quoted": context.quoted,
        "checkworthiness": context.checkworthiness,
        "time_scope": f"c{context.time_scope + 1}" if context.time_scope is not None else None,
    }
    if context.predicate is not None:
        o_start, o_end = to_original(*context.predicate)
        fields["predicate"] = Span(start=o_start, end=o_end, text=analysis.original[o_start:o_end])
    if context.period is not None:
        o_start, o_end = to_original(*context.period)
        fields["period"] = Span(start=o_start, end=o_end, text=analysis.original[o_start:o_end])
    attribution = context.attribution
    if attribution is not None:
        o_start, o_end = to_original(attribution.start, attribution.end)
        fields["attribution"] = Attribution(
            speaker=f"e{attribution.speaker + 1}" if attribution.speaker is not None else None,
            text=analysis.original[o_start:o_end],
            start=o_start,
            end=o_end,
            cue=attribution.cue,
        )
    return fields


@contextlib.contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector for one document.

    A long document allocates hundreds of thousands of small, acyclic objects (matches, candidates,
    value dicts) that stay alive until the Document is built; each generation-2 collection walks all
    of them again, which made time grow faster than the input (13x for 10x on ``'1万元' * n``; 10.6x
    paused, benchmarks/claims_scaling.py). Reference counting still frees everything as usual; any
    cycles are collected once the collector runs again. It is restored only if it was on, so nesting
    and threads never leave it off.
    """
    was_enabled = gc.isenabled()
    if was_enabled:
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _lap(timings: dict[str, float], stage: str, started: float) -> float:
    now = time.perf_counter()
    timings[stage] = timings.get(stage, 0.0) + (now - started)
    return now


_READ_CHUNK = 1 << 20


def read_input_file(path: Path, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """Read an article file, turning every OS failure into an ExtractorError with a clear reason.

    The file is read in bounded chunks and abandoned as soon as it passes ``max_bytes`` (None: no
    limit), so ``/dev/zero`` or a runaway log ends in an error within a second instead of filling
    memory. Named pipes and character devices are read like files (``extractor extract <(zcat a.gz)``).
    """
    source = str(path)
    try:
        if path.is_dir():
            raise InputIsDirectoryError("is a directory, not an article file", source=source)
        with path.open("rb") as handle:
            return read_bounded(handle, max_bytes, source=source)
    except ExtractorError:
        raise
    except FileNotFoundError:
        raise InputNotFoundError("no such file", source=source) from None
    except IsADirectoryError:
        raise InputIsDirectoryError("is a directory, not an article file", source=source) from None
    except PermissionError:
        raise InputUnreadableError("permission denied", source=source) from None
    except OSError as exc:
        raise InputUnreadableError(f"cannot be read ({exc.strerror or exc})", source=source) from None


def read_bounded(handle, max_bytes: int | None, *, source: str | None = None) -> bytes:
    """All of a binary stream, or InputTooLargeError once it passes ``max_bytes``."""
    if max_bytes is None:
        return handle.read()
    chunks, size = [], 0
    while True:
        chunk = handle.read(min(_READ_CHUNK, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise InputTooLargeError(
                f"is larger than the limit of {max_bytes:,} bytes (raise it with --max-bytes)", source=source
            )


_default_extractor: Extractor | None = None


_policy_extractors: dict[str, Extractor] = {}


def extract(
    text: str, *, ref_date: str | dt.date | None = None, lang: str | None = None, prefer_dates: str | None = None
) -> Document:
    """Extract from one text with a shared default :class:`Extractor` (one per date policy)."""
    global _default_extractor
    if prefer_dates is not None:
        from extractor.claims.date.resolve import check_preference

        policy = check_preference(prefer_dates)
        extractor = _policy_extractors.get(policy)
        if extractor is None:
            extractor = _policy_extractors[policy] = Extractor(prefer_dates=policy)
        return extractor.extract(text, ref_date=ref_date, lang=lang)
    if _default_extractor is None:
        _default_extractor = Extractor()
    return _default_extractor.extract(text, ref_date=ref_date, lang=lang)
