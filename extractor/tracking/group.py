"""Claims of one bucket → groups of the same claim, and a group → the record ``track`` reports.

Within a bucket (one kind, subject key, currency or unit, value shape: ``rules.bucket_key``) the
claims are taken in order of value, and each joins the first open group whose first claim — its
leader, the smallest value — matches it (value within tolerance, same direction, similar predicate),
else it opens a group of its own. Comparing with the leader, not with any member, keeps a chain of
near values (143, 144.4, 145.8 …) from drifting into one group: a group spans at most one tolerance.
A group is closed once the values have moved beyond its leader's reach, so a bucket costs its sort
plus the few groups open at a time.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from extractor.tracking import rules
from extractor.tracking.read import Appearance


@dataclass(frozen=True)
class TrackOptions:
    """How close two claims must be to be one claim, and how widely one must be seen to be reported."""

    tolerance: float = rules.DEFAULT_TOLERANCE  # relative, money and quantities
    points: float = rules.DEFAULT_POINTS  # percentage points, percentages
    threshold: float = rules.DEFAULT_THRESHOLD  # Jaccard index, predicates outside the word lists
    min_docs: int = 2  # documents a group must be seen in


def _matches(leader: Appearance, claim: Appearance, options: TrackOptions) -> bool:
    return (
        rules.values_close(leader.kind, leader.value, claim.value, tolerance=options.tolerance, points=options.points)
        and rules.directions_agree(leader.direction, claim.direction)
        and rules.predicates_similar(leader.predicate_key, claim.predicate_key, threshold=options.threshold)
    )


def cluster(bucket: list[Appearance], options: TrackOptions) -> list[list[Appearance]]:
    """The groups of one bucket's claims (every claim in exactly one group)."""
    # The same document given twice (two batch outputs of one input) is one document: its claims count once.
    seen: dict[tuple[str, str], Appearance] = {}
    for claim in bucket:
        key = (claim.doc_id, claim.claim_id)
        if key not in seen or claim.order < seen[key].order:
            seen[key] = claim
    claims = sorted(seen.values(), key=lambda c: (rules.primary(c.value), c.order, c.position))
    kind = claims[0].kind if claims else None
    closed: list[list[Appearance]] = []
    open_groups: list[list[Appearance]] = []
    for claim in claims:
        number = rules.primary(claim.value)
        still_open = []
        for group in open_groups:
            low = rules.primary(group[0].value)
            if kind != "date" and rules.beyond_reach(kind, low, number, tolerance=options.tolerance, points=options.points):
                closed.append(group)
            else:
                still_open.append(group)
        open_groups = still_open
        for group in open_groups:
            if _matches(group[0], claim, options):
                group.append(claim)
                break
        else:
            open_groups.append([claim])
    return closed + open_groups


def reported_groups(bucket: list[Appearance], options: TrackOptions) -> list[dict]:
    """The groups of one bucket seen in at least ``min_docs`` documents, as report records (no ids yet)."""
    return [
        summarize(group)
        for group in cluster(bucket, options)
        if len({claim.doc_id for claim in group}) >= options.min_docs
    ]


def appearance_order(claim: Appearance) -> tuple:
    """Earliest first: by the document's date (undated documents last), then input order, then place."""
    return (claim.doc_date is None, claim.doc_date or "", claim.order, claim.position)


def _most_common(values: list, key=lambda value: value):
    """The most frequent value (by ``key``); a tie goes to the one seen first."""
    counts = Counter(key(value) for value in values)
    best = max(counts.values())
    return next(value for value in values if counts[key(value)] == best)


def appearance_record(claim: Appearance) -> dict:
    return {
        "doc_id": claim.doc_id,
        "doc_date": claim.doc_date,
        "claim_id": claim.claim_id,
        "text": claim.text,
        "value": claim.value,
        "subject": claim.subject,
        "predicate": claim.predicate,
        "time_scope": claim.time_scope,
        "source": claim.source,
        "cue": claim.cue,
        "hedge": claim.hedge,
        "direction": claim.direction,
        "sentence": claim.sentence,
    }


def summarize(group: list[Appearance]) -> dict:
    """A group's report record: its canonical value, subject and predicate (the most frequent, a tie to
    the earliest), counts, first appearance, distinct sources and every appearance, earliest first."""
    claims = sorted(group, key=appearance_order)
    documents = list(dict.fromkeys(claim.doc_id for claim in claims))
    sources: dict[str, dict] = {}
    for claim in claims:
        if claim.source:
            key = rules.subject_key(claim.source) or claim.source
            entry = sources.setdefault(key, {"source": claim.source, "articles": set(), "mentions": 0})
            entry["articles"].add(claim.doc_id)
            entry["mentions"] += 1
    predicates = [claim.predicate for claim in claims if claim.predicate]
    return {
        "kind": claims[0].kind,
        "value": _most_common([claim.value for claim in claims], key=lambda value: json.dumps(value, sort_keys=True)),
        "subject": _most_common([claim.subject for claim in claims]),
        "predicate": _most_common(predicates, key=rules.predicate_key) if predicates else None,
        "articles": len(documents),
        "mentions": len(claims),
        "first": appearance_record(claims[0]),
        "sources": [
            {"source": entry["source"], "articles": len(entry["articles"]), "mentions": entry["mentions"]}
            for entry in sources.values()
        ],
        "documents": documents,
        "appearances": [appearance_record(claim) for claim in claims],
        "_first_order": appearance_order(claims[0]),
    }


def finish(groups: list[dict]) -> list[dict]:
    """The groups in report order — the most widely seen first, then the earliest — numbered g1, g2 …"""
    groups = sorted(groups, key=lambda group: (-group["articles"], -group["mentions"], group["_first_order"]))
    finished = []
    for number, group in enumerate(groups, 1):
        record = {"group": f"g{number}"}
        record.update((key, value) for key, value in group.items() if key != "_first_order")
        finished.append(record)
    return finished
