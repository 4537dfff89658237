"""The HTML report: one self-contained file a fact-checker opens in any browser, offline.

Each article is shown with its entities highlighted by type and its claims marked; a claim's details
(value, subject, predicate, time scope, source, hedging, check-worthiness) appear on hover and on
keyboard focus through CSS alone; beside the text a table lists the claims, most check-worthy first;
boilerplate is greyed out; an index lists the entities with their canonical names and mention counts.

Safety: the page makes no request (inline CSS, system fonts, no script, and a Content-Security-Policy
that forbids anything else), and every piece of input text reaches it through Jinja2's autoescaping.

Nesting, since spans may overlap: claims never overlap each other and are the outer elements, never
split (each claim is exactly one ``<mark class="claim">``); entity mentions and boilerplate stretches
are cut at claim edges and nested inside or beside them. A mention cut in two is two fragments with the
same ``data-mention-id``, its type label after the last one.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from typing import Any, Optional

from extractor import __version__
from extractor.errors import UsageError
from extractor.schema import Document
from extractor.views.common import Lookup, by_checkworthiness, checkworthiness_level, name_with_text, value_text
from extractor.views.templates import get_template

_KNOWN_LABELS = ("PERSON", "ORG", "LOC", "PRODUCT")


@dataclass
class MentionView:
    id: str
    label: str
    css: str  # a class name made only of [a-z] (the label is input data and may be anything)
    canonical: Optional[str]
    entity_id: Optional[str]
    start: int
    end: int


@dataclass
class Run:
    """A stretch of text inside one mention (or none) and one boilerplate stretch (or none)."""

    text: str
    mention: Optional[MentionView] = None
    boilerplate: Optional[str] = None  # the rule that flagged it
    tag: bool = False  # the mention ends here: its type label follows


@dataclass
class ClaimView:
    id: str
    anchor: str
    kind: str
    text: str
    value_json: str
    value_text: str
    details: list[tuple[str, str]]
    score: Optional[float]
    level: str
    subject: str


@dataclass
class Piece:
    """A claim with the runs inside it, or (claim None) the text between two claims."""

    runs: list[Run]
    claim: Optional[ClaimView] = None


@dataclass
class DocumentView:
    anchor: str
    id: str
    title: Optional[str]
    lang: str  # of the article's text: picks the right CJK glyphs and voices
    facts: list[tuple[str, str]]
    warnings: list[str]
    pieces: list[Piece]
    claims: list[ClaimView]  # most check-worthy first
    clusters: list[dict[str, Any]]
    labels: list[str] = field(default_factory=list)


def _css_name(label: str) -> str:
    return label.lower() if label in _KNOWN_LABELS else "other"


def _claim_view(claim, anchor: str, lookup: Lookup) -> ClaimView:
    attribution = claim.attribution
    source = lookup.source_text(claim)
    if source and attribution and attribution.cue:
        source += f" — {attribution.cue}"
    direction = claim.direction or ""
    if claim.comparison:
        direction = f"{direction} ({claim.comparison})".strip()
    score = claim.checkworthiness
    details = [
        ("Value", value_text(claim)),
        ("Subject", lookup.subject(claim) or "—"),
        ("Predicate", claim.predicate.text if claim.predicate else "—"),
        ("Time scope", lookup.time_scope_text(claim) or "—"),
        ("Source", source or "—"),
        ("Hedging", claim.hedge or ("hedged" if claim.hedged else "none")),
        ("Direction", direction or "—"),
        ("Check-worthiness", f"{score:.2f}" if score is not None else "—"),
        ("Kind · rule", f"{claim.kind} · {claim.rule or '—'}"),
    ]
    if claim.quoted:
        details.insert(5, ("Quoted", "inside a direct quotation"))
    value = claim.value.model_dump(mode="json") if claim.value is not None else None
    return ClaimView(
        id=claim.id,
        anchor=anchor,
        kind=claim.kind,
        text=claim.text,
        value_json=json.dumps(value, ensure_ascii=False, separators=(",", ":")),
        value_text=value_text(claim),
        details=details,
        score=score,
        level=checkworthiness_level(score),
        subject=lookup.subject(claim) or "",
    )


def _boilerplate_stretches(document: Document) -> list[tuple[int, int, str]]:
    """Boilerplate spans and boilerplate sentences as disjoint sorted stretches (overlaps merged)."""
    found = [(span.start, span.end, span.reason) for span in document.boilerplate]
    found += [(s.start, s.end, "boilerplate sentence") for s in document.sentences if s.boilerplate]
    merged: list[tuple[int, int, str]] = []
    for start, end, reason in sorted(found):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, reason))
    return merged


class _Layout:
    """Cuts the text into pieces (claims and the gaps between them) made of runs (see the module doc)."""

    def __init__(self, document: Document, text: str):
        self.text = text
        mentions = []
        for entity in sorted(document.entities, key=lambda entity: (entity.start, entity.end)):
            if entity.start < entity.end and (not mentions or entity.start >= mentions[-1].end):
                mentions.append(MentionView(
                    id=entity.id, label=entity.label, css=_css_name(entity.label),
                    canonical=entity.canonical, entity_id=entity.entity_id, start=entity.start, end=entity.end,
                ))
        self.mentions = mentions
        self.mention_ends = [mention.end for mention in mentions]
        self.stretches = _boilerplate_stretches(document)
        self.stretch_ends = [end for _, end, _ in self.stretches]

    def runs(self, start: int, end: int) -> list[Run]:
        if start >= end:
            return []
        first_mention = bisect.bisect_right(self.mention_ends, start)
        mentions = []
        for mention in self.mentions[first_mention:]:
            if mention.start >= end:
                break
            mentions.append(mention)
        first_stretch = bisect.bisect_right(self.stretch_ends, start)
        stretches = []
        for stretch in self.stretches[first_stretch:]:
            if stretch[0] >= end:
                break
            stretches.append(stretch)
        cuts = {start, end}
        for mention in mentions:
            cuts.update((mention.start, mention.end))
        for stretch_start, stretch_end, _ in stretches:
            cuts.update((stretch_start, stretch_end))
        points = sorted(cut for cut in cuts if start <= cut <= end)
        runs: list[Run] = []
        for left, right in zip(points, points[1:]):
            mention = next((m for m in mentions if m.start <= left < m.end), None)
            reason = next((s[2] for s in stretches if s[0] <= left < s[1]), None)
            if runs and runs[-1].mention is mention and runs[-1].boilerplate == reason:
                runs[-1].text += self.text[left:right]
            else:
                runs.append(Run(self.text[left:right], mention, reason))
            runs[-1].tag = mention is not None and right == mention.end
        return runs

    def pieces(self, claims: list[tuple[Any, ClaimView]]) -> list[Piece]:
        pieces: list[Piece] = []
        cursor = 0
        for claim, view in claims:
            # Claims never overlap; if a hand-edited document says otherwise, the later one starts where the
            # earlier ended (possibly empty), so that each claim still has its one element.
            start = min(max(claim.start, cursor), len(self.text))
            end = min(max(claim.end, start), len(self.text))
            if cursor < start:
                pieces.append(Piece(self.runs(cursor, start)))
            pieces.append(Piece(self.runs(start, end), view))
            cursor = end
        if cursor < len(self.text):
            pieces.append(Piece(self.runs(cursor, len(self.text))))
        return pieces


def document_view(document: Document, index: int) -> DocumentView:
    """Everything the template shows of one document, with every id made unique within the report."""
    if document.text is None:
        raise UsageError(f"document {document.id!r} has no text, which the HTML report shows (extract it without --no-text)")
    anchor = f"d{index}"
    lookup = Lookup(document)
    ordered = sorted(document.claims, key=lambda claim: (claim.start, claim.end))
    views = {id(claim): _claim_view(claim, f"{anchor}-c{number}", lookup) for number, claim in enumerate(ordered, 1)}
    layout = _Layout(document, document.text)
    pieces = layout.pieces([(claim, views[id(claim)]) for claim in ordered])
    source = document.source
    reference = document.reference_date
    if reference and document.reference_date_source:
        reference += f" ({document.reference_date_source})"
    facts = [
        ("Language", document.lang),
        ("Reference date", reference or "none"),
        ("Published", source.published if source and source.published else ""),
        ("Claims", str(len(document.claims))),
        ("Entities", f"{len(document.entity_clusters)} ({len(document.entities)} mentions)"),
    ]
    clusters = sorted(document.entity_clusters, key=lambda cluster: (-cluster.count, cluster.canonical))
    return DocumentView(
        anchor=anchor,
        id=document.id,
        title=source.title if source else None,
        lang="en" if document.lang == "en" else "zh",
        facts=[(name, value) for name, value in facts if value],
        warnings=[f"{warning.code}: {warning.message}" for warning in document.warnings],
        pieces=pieces,
        claims=[views[id(claim)] for claim in by_checkworthiness(document.claims)],
        clusters=[
            {
                "canonical": cluster.canonical,
                "label": cluster.label,
                "css": _css_name(cluster.label),
                "names": [alias for alias in cluster.aliases if alias != cluster.canonical],
                "count": cluster.count,
                "written": name_with_text(cluster.canonical, cluster.name),
            }
            for cluster in clusters
        ],
        labels=sorted({mention.label for mention in layout.mentions}),
    )


def render(documents: list[Document], *, title: Optional[str] = None) -> str:
    """The report for ``documents`` (each must carry its text) as one HTML page."""
    views = [document_view(document, index) for index, document in enumerate(documents, 1)]
    if title is None:
        title = views[0].title or views[0].id if len(views) == 1 else f"{len(views)} articles"
    template = get_template("report.html.j2")
    return template.render(
        title=title,
        documents=views,
        version=__version__,
        known_labels=_KNOWN_LABELS,
        kinds=("money", "percent", "quantity", "date"),
    )
