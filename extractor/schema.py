"""The output contract: one pydantic v2 model per JSON object that `extractor` emits.

Field names here are a published interface (see ``schema/document.schema.json``): add fields freely,
rename none. Offsets everywhere are half-open code-point indices into the *original* decoded input,
so that ``text[start:end] == span.text`` holds for every span.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"

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
        default=None, ge=0.0, le=1.0, description="How worth checking the sentence is; null until scored."
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

    speaker: Optional[str] = Field(default=None, description="Mention id (Entity.id) of the speaker, if it is an entity.")
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


class DateValue(_Model):
    start: Optional[str] = Field(default=None, description="ISO 8601 date or datetime (inclusive).")
    end: Optional[str] = Field(default=None, description="ISO 8601 date or datetime (exclusive).")
    grain: Optional[str] = Field(
        default=None, description="day | week | month | quarter | half | season | year | decade | ..."
    )
    relative: bool = Field(default=False, description="Resolved against the reference date.")
    approximate: bool = False


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
    attribution: Optional[Attribution] = None
    hedged: bool = Field(default=False, description="Stated as expectation, estimate or rumour.")
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


class Document(_Model):
    schema_version: str = SCHEMA_VERSION
    id: str
    lang: Language
    reference_date: Optional[str] = Field(default=None, description="ISO date the relative dates resolve against.")
    reference_date_source: Optional[Literal["given", "inferred"]] = None
    text: Optional[str] = Field(default=None, description="The decoded input, when included.")
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
    code: str
    message: str


class ErrorRecord(_Model):
    """Stands in the output for an input that could not be processed, so no input is silently dropped."""

    id: str
    error: ErrorInfo


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a Document, as published in schema/document.schema.json."""
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"urn:extractor:schema:document:{SCHEMA_VERSION}"
    return schema
