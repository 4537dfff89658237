"""The output contract: one pydantic v2 model per JSON object that `extractor` emits.

Field names here are a published interface (see ``schema/document.schema.json``): add fields freely,
rename none. Offsets everywhere are half-open code-point indices into the *original* decoded input,
so that ``text[start:end] == span.text`` holds for every span.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, RootModel

SCHEMA_VERSION = "1.7"

Language = Literal["zh", "en", "mixed"]
# Exact numbers: integral values stay integers in JSON (14300000000, not 1.43e10).
Number = Union[int, float]


class _Model(BaseModel):
    # Unknown fields are rejected so that a typo in a consumer's fixture or in our own code fails loudly.
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    start: int = Field(ge=0, description="Offset of the first code point in the original input.")
    end: int = Field(ge=0, description="Offset one past the last code point (exclusive).")
    text: str = Field(description="Exactly original_input[start:end].")


class Sentence(Span):
    boilerplate: bool = Field(
        default=False,
        description="True for scraper spam and site furniture (bylines, disclaimers, copyright lines).",
    )
    checkworthiness: Optional[float] = Field(
        default=None, ge=0.0, le=1.0,
        description="How worth checking the sentence is (0..1): checkable facts high, opinion, questions, headings "
        "and boilerplate low; null when claims are off.",
    )


class BoilerplateSpan(Span):
    """A stretch of spam or site furniture; nothing inside it is extracted."""

    reason: str = Field(description="Rule that flagged it, e.g. 'boilerplate.zh.spam_line'.")
    sentence: Optional[int] = Field(
        default=None, description="Index of the sentence it was injected into, for a mid-sentence injection."
    )


class Token(Span):
    """A jieba / whitespace token; emitted only when asked for (``include_tokens``)."""


class Entity(Span):
    """One mention of a named entity. Mentions of the same entity share ``entity_id``."""

    id: str = Field(description="Mention id, unique within the document, e.g. 'e3'.")
    label: str = Field(description="PERSON | ORG | LOC | PRODUCT (more labels may be added).")
    canonical: Optional[str] = Field(default=None, description="One name for the entity across languages.")
    entity_id: Optional[str] = Field(default=None, description="Id of the entity (EntityCluster.id), e.g. 'E2'.")
    sentence: Optional[int] = Field(default=None, ge=0, description="Index into Document.sentences.")
    rule: Optional[str] = Field(
        default=None, description="What found it: 'ner.zh.model', 'ner.zh.lexicon', 'ner.alias.parenthesis', ..."
    )


class EntityCluster(_Model):
    """One entity of the document with every name it goes by there."""

    id: str = Field(description="Entity id, e.g. 'E2'; Entity.entity_id points here.")
    label: str
    canonical: str = Field(description="One name across languages: the document's alias, the lexicon's, or the fullest mention.")
    canonical_source: Literal["alias", "lexicon", "mention"]
    name: str = Field(description="The fullest mention as written.")
    aliases: list[str] = Field(default_factory=list, description="Distinct surface forms, in order of appearance.")
    mentions: list[str] = Field(default_factory=list, description="Mention ids (Entity.id).")
    count: int = Field(ge=1, description="Number of mentions.")


class Attribution(_Model):
    """Who said a claim, and the words that say so."""

    speaker: Optional[str] = Field(default=None, description=(
        "Mention id (Entity.id) of the speaker, if it is an entity; also when the text names it by a common noun "
        "(the automaker said, 公司公告称: text is that phrase, speaker the organisation named earlier in the sentence)."
    ))
    text: Optional[str] = Field(default=None, description="The speaker as written.")
    start: Optional[int] = Field(default=None, ge=0)
    end: Optional[int] = Field(default=None, ge=0)
    cue: Optional[str] = Field(default=None, description="The reporting cue, e.g. 表示, 据…报道, said.")


class MoneyValue(_Model):
    amount: Optional[Number] = Field(default=None, description="Exact amount in the currency's own units.")
    min: Optional[Number] = None
    max: Optional[Number] = None
    currency: Optional[str] = Field(default=None, description="ISO 4217 code, e.g. CNY, USD.")
    approximate: bool = False


class DateReading(_Model):
    """Another reading of a date written without its year, week or month."""

    start: str = Field(description="ISO 8601 date or datetime (inclusive).")
    end: str = Field(description="ISO 8601 date or datetime (exclusive).")
    grain: str


class DateValue(_Model):
    start: Optional[str] = Field(default=None, description="ISO 8601 date or datetime (inclusive).")
    end: Optional[str] = Field(default=None, description="ISO 8601 date or datetime (exclusive).")
    grain: Optional[str] = Field(
        default=None, description="day | week | month | quarter | half | season | year | decade | ..."
    )
    relative: bool = Field(default=False, description="Resolved against the reference date.")
    approximate: bool = False
    alternatives: Optional[list[DateReading]] = Field(
        default=None,
        description="For a date without its year, week or month (三月一日, Wednesday, the 21st): the latest "
        "past and earliest future readings the date policy (prefer_dates) did not take; null otherwise.",
    )
    timezone: Optional[str] = Field(
        default=None,
        description="The time zone the text names for this clock time, with its UTC offset that day "
        "(\"EDT (UTC-04:00)\", \"北京时间 (UTC+08:00)\"). start/end are on the reference's clock when the "
        "reference date-time carries a UTC offset, else as written; null when the text names no zone.",
    )


class PercentValue(_Model):
    amount: Optional[Number] = Field(default=None, description="62 means 62 %.")
    min: Optional[Number] = None
    max: Optional[Number] = None
    approximate: bool = False
    points: bool = Field(default=False, description="Percentage points (个百分点), not a percentage.")
    change: Optional[Literal["increase", "decrease"]] = None


class QuantityValue(_Model):
    amount: Optional[Number] = None
    min: Optional[Number] = None
    max: Optional[Number] = None
    unit: Optional[str] = Field(default=None, description="Unit or measure word: 人, 名, 台, users, GW ...")
    approximate: bool = False


class _ClaimBase(Span):
    id: str = Field(description="Claim id, unique within the document, e.g. 'c2'.")
    sentence: int = Field(ge=0, description="Index into Document.sentences.")
    subject: Optional[str] = Field(
        default=None, description="Mention id (Entity.id) of what the claim is about; its entity_id names the entity."
    )
    subject_text: Optional[str] = Field(
        default=None,
        description="The subject as written: its Entity.text, or a capitalised English name the entity model did "
        "not recognise (then subject is null).",
    )
    subject_canonical: Optional[str] = Field(default=None, description="The subject's canonical name (Entity.canonical).")
    predicate: Optional[Span] = Field(
        default=None, description="What the number measures, as written: 营收, 资本支出, 裁员, revenue, layoffs."
    )
    time_scope: Optional[str] = Field(
        default=None, description="Claim id of the date or period the number belongs to (2025 年 for a 2025 figure)."
    )
    period: Optional[Span] = Field(
        default=None,
        description="When no date claim is its time scope: the period the number covers as written, which is no date "
        "of its own (目前, 上市首日, 本赛季, 全年, a year, quarterly, in the quarter).",
    )
    attribution: Optional[Attribution] = None
    hedged: bool = Field(default=False, description="Stated as expectation, estimate or rumour.")
    hedge: Optional[str] = Field(default=None, description="The words that hedge it, as written: 预计, 据说, may, reportedly.")
    direction: Optional[Literal["increase", "decrease"]] = Field(
        default=None, description="The number states a rise or a fall (同比增长 62%, 上调至, plunged 14.5%)."
    )
    comparison: Optional[str] = Field(
        default=None, description="The base a change is measured against, as written: 同比, 环比, year on year."
    )
    quoted: bool = Field(default=False, description="The claim stands inside a direct quotation.")
    checkworthiness: Optional[float] = Field(
        default=None, ge=0.0, le=1.0, description="How worth checking the claim is: its sentence's score, lowered when hedged."
    )
    rule: Optional[str] = Field(default=None, description="Name of the rule that produced the claim.")


class MoneyClaim(_ClaimBase):
    kind: Literal["money"] = "money"
    value: Optional[MoneyValue] = None


class DateClaim(_ClaimBase):
    kind: Literal["date"] = "date"
    value: Optional[DateValue] = Field(default=None, description="Null when it cannot be resolved.")


class PercentClaim(_ClaimBase):
    kind: Literal["percent"] = "percent"
    value: Optional[PercentValue] = None


class QuantityClaim(_ClaimBase):
    kind: Literal["quantity"] = "quantity"
    value: Optional[QuantityValue] = None


Claim = Annotated[Union[MoneyClaim, DateClaim, PercentClaim, QuantityClaim], Field(discriminator="kind")]
CLAIM_CLASSES = {"money": MoneyClaim, "date": DateClaim, "percent": PercentClaim, "quantity": QuantityClaim}


class Warning(_Model):  # noqa: A001 - the JSON object is called a warning; it never shadows the builtin in use
    code: str = Field(description="Stable code, e.g. 'reference_date.missing'.")
    message: str
    start: Optional[int] = Field(default=None, ge=0)
    end: Optional[int] = Field(default=None, ge=0)


class Source(_Model):
    """How the input's bytes were read: present when the document came from a file or raw bytes."""

    format: Literal["text", "html"] = Field(
        description="text, or html: the main text of a web page (navigation, scripts and footers left out); "
        "offsets are then into that text, which Document.text carries."
    )
    encoding: str = Field(description="The encoding the bytes were decoded with: utf-8, gb18030, big5, utf-16-le-bom ...")
    title: Optional[str] = Field(default=None, description="The page's title (HTML).")
    published: Optional[str] = Field(
        default=None, description="ISO date of publication from the page's metadata (HTML); the reference date when none is given."
    )


class Document(_Model):
    schema_version: str = SCHEMA_VERSION
    id: str
    lang: Language
    reference_date: Optional[str] = Field(default=None, description="ISO date the relative dates resolve against.")
    reference_date_source: Optional[Literal["given", "document", "inferred"]] = Field(
        default=None,
        description="given (by the caller), document (the page's publication date), or inferred (from a dateline or "
        "the latest full date in the text).",
    )
    reference_time: Optional[str] = Field(
        default=None,
        description="Clock time (HH:MM:SS) of the reference when one was given: now, 三点 and 两分钟前 resolve against it.",
    )
    text: Optional[str] = Field(
        default=None, description="The decoded input, when included; always for an HTML page (the extracted text)."
    )
    source: Optional[Source] = Field(default=None, description="How the input's bytes were read, when it came as bytes.")
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    entity_clusters: list[EntityCluster] = Field(
        default_factory=list, description="The document's entities: mentions grouped, with canonical names."
    )
    claims: list[Claim] = Field(default_factory=list)
    boilerplate: list[BoilerplateSpan] = Field(
        default_factory=list, description="Spam and furniture spans, including mid-sentence injections."
    )
    tokens: Optional[list[Token]] = Field(default=None, description="Segmentation, when asked for.")
    warnings: list[Warning] = Field(default_factory=list)


class ErrorInfo(_Model):
    code: str = Field(description="Stable code, e.g. 'input.not_found', 'input.too_large', 'timeout', 'internal'.")
    message: str


class ErrorRecord(_Model):
    """Stands in the output for an input that could not be processed, so no input is silently dropped."""

    id: str = Field(description="The input's id (its path, its JSONL id, or FILE:LINE when it had none).")
    error: ErrorInfo
    warnings: list[Warning] = Field(
        default_factory=list, description="Notes on the record itself, e.g. 'id.escaped'; left out when empty."
    )


# Characters JSON allows raw inside strings but that line-splitters (str.splitlines, some JSONL
# readers) take for line ends; written escaped, a JSONL line is always one line.
_LINE_BREAKERS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}
_LINE_BREAKER_CLASS = re.compile("[\u2028\u2029\x85]")


def escape_line_breakers(json_text: str) -> str:
    """JSON text with U+2028, U+2029 and U+0085 written as escapes (still the same JSON value)."""
    if _LINE_BREAKER_CLASS.search(json_text) is None:
        return json_text
    return _LINE_BREAKER_CLASS.sub(lambda match: _LINE_BREAKERS[match.group()], json_text)


def dump_line(model: BaseModel) -> str:
    """One output line for a Document or an ErrorRecord (compact JSON, line breakers escaped)."""
    exclude = {"warnings"} if isinstance(model, ErrorRecord) and not model.warnings else None
    return escape_line_breakers(model.model_dump_json(exclude=exclude))


def escape_id(value: str) -> tuple[str, bool]:
    """An id that UTF-8 can carry: (the id, was it escaped).

    Ids come from file names and JSONL records. A file name that is not valid UTF-8 (legal on Linux:
    ``b\\xff.txt``) reaches Python as lone surrogates (PEP 383), and a JSON string may hold a lone
    surrogate (``"\\udc00"``); neither can be written. Such an id is written with backslash escapes:
    the file name's own bytes as ``\\xff``, any other lone surrogate as ``\\udc00``.
    """
    try:
        value.encode("utf-8")
        return value, False
    except UnicodeEncodeError:
        pass
    try:
        raw = value.encode("utf-8", "surrogateescape")  # a file name's undecodable bytes, given back
    except UnicodeEncodeError:
        return value.encode("utf-8", "backslashreplace").decode("utf-8"), True
    return raw.decode("utf-8", "backslashreplace"), True


def escaped_id_warning(original_kind: str = "id") -> Warning:
    return Warning(
        code="id.escaped",
        message=f"the input's {original_kind} is not valid Unicode text; it is written with backslash escapes",
    )


def error_record(record_id: str, code: str, message: str) -> ErrorRecord:
    """The error record for an input; an id that cannot be written is escaped, and the record says so."""
    safe, escaped = escape_id(str(record_id))
    message = escape_id(message)[0]
    return ErrorRecord(
        id=safe, error=ErrorInfo(code=code, message=message), warnings=[escaped_id_warning()] if escaped else []
    )


class OutputLine(RootModel[Union[Document, ErrorRecord]]):
    """One line of ``extractor batch`` / ``extract --jsonl`` output: a Document or an ErrorRecord."""


def json_schema() -> dict[str, Any]:
    """The published JSON Schema (schema/document.schema.json): one output line, a Document or an ErrorRecord.

    ``extractor extract`` on one input prints a Document; JSONL output (several inputs, ``--jsonl``,
    ``extractor batch``) has a Document or an ErrorRecord on each line.
    """
    schema = OutputLine.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"urn:extractor:schema:document:{SCHEMA_VERSION}"
    schema["title"] = "extractor output: a Document, or an ErrorRecord standing in for an input that failed"
    return schema
