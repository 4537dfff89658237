"""Grouping mentions into entities and naming each entity once.

Two mentions are one entity when

* a parenthesis links them (``汪滔 ( Alexandr Wang )``);
* they are the same name once spaces, dots and (for long Latin names) case are ignored;
* one is the short form of the other: a person's family name or last part (``扎克伯格`` after
  ``马克·扎克伯格``, ``Wang`` after ``Alexandr Wang``), an organisation's leading part (``甲骨文`` after
  ``甲骨文公司``, ``Blue Owl`` after ``Blue Owl Capital``) — when exactly one entity fits;
* the lexicon gives them the same canonical name (``谷歌`` and ``Google``).

An entity's ``canonical`` name comes from the document's own parenthetical alias when there is one
(the writer's word beats ours), else from the lexicon, else it is the entity's fullest mention. A
user's lexicon (``user_lexicon.py``) comes before all of them, for the label as for the canonical name:
the user said what the entity is.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extractor.entities.lexicon import compact, load_lexicon
from extractor.entities.recognize import Mention, has_org_designator
from extractor.text.variants import to_simplified

_LABELS = ("PERSON", "ORG", "LOC", "PRODUCT")
_PARTS = re.compile(r"[\s·]+")
_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass
class Cluster:
    members: list[int]  # mention indices, in text order
    label: str
    canonical: str
    canonical_source: str  # "alias", "lexicon" or "mention"


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _short_forms(full: str, label: str) -> set[str]:
    """The shorter names a later mention may use for ``full``."""
    forms: set[str] = set()
    if label == "PERSON":
        parts = [p for p in _PARTS.split(full) if p]
        if len(parts) > 1:
            forms.update({parts[-1], " ".join(parts[1:]), "·".join(parts[1:])})
    elif _LATIN.search(full) and not _HAN.search(full):
        words = full.split()
        forms.update(" ".join(words[:k]) for k in range(1, len(words)) if len(" ".join(words[:k])) >= 3)
    else:
        forms.update(full[:k] for k in range(2, len(full)) if _HAN.match(full[k]))
    forms.discard(full)
    return {f for f in forms if len(compact(f)) >= 2}


def build_clusters(text: str, mentions: list[Mention], user=None) -> list[Cluster]:
    """``user``: the user's lexicon (a UserLexicon), looked up before the shipped one."""
    lexicon = load_lexicon() if user is None or not len(user) else user.over(load_lexicon())
    n = len(mentions)
    uf = _UnionFind(n)
    surfaces = [text[m.start : m.end] for m in mentions]
    # Matching reads simplified forms (臉書 is 脸书), names keep the document's characters.
    forms = [to_simplified(s) for s in surfaces]
    keys = [compact(s) for s in forms]
    entries = [lexicon.get(s) for s in forms]
    # A suppressed name (label NONE) that reached here, say as a parenthetical alias, names nothing.
    entries = [None if entry is not None and entry.label == "NONE" else entry for entry in entries]

    for i, mention in enumerate(mentions):
        for j in mention.aliases:
            uf.union(i, j)
    first_by_key: dict[str, int] = {}
    first_by_canonical: dict[str, int] = {}
    for i in range(n):
        if keys[i] in first_by_key:
            uf.union(i, first_by_key[keys[i]])
        else:
            first_by_key[keys[i]] = i
        if entries[i] is not None:
            canonical = entries[i].canonical
            if canonical in first_by_canonical:
                uf.union(i, first_by_canonical[canonical])
            else:
                first_by_canonical[canonical] = i
    # Short forms: attach to the single longer mention of the same label they abbreviate.
    shorts: dict[tuple[str, str], set[int]] = {}
    for j in range(n):
        # "Lumora" after "Lumora AI Inc." is the company, whatever type the model gave the short form.
        labels = _LABELS if has_org_designator(surfaces[j]) else (mentions[j].label,)
        for form in _short_forms(forms[j], mentions[j].label):
            for label in labels:
                shorts.setdefault((label, form), set()).add(j)
    for i in range(n):
        candidates = shorts.get((mentions[i].label, forms[i]), ())
        # ``Google`` is not short for ``Google DeepMind``: the lexicon knows them apart.
        if entries[i] is not None:
            candidates = [j for j in candidates if entries[j] is None or entries[j].canonical == entries[i].canonical]
        fulls = {uf.find(j) for j in candidates}
        if len(fulls) == 1:
            uf.union(i, fulls.pop())

    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(uf.find(i), []).append(i)
    clusters = []
    for members in sorted(groups.values(), key=lambda g: g[0]):
        label = _cluster_label(members, mentions, surfaces, entries)
        name = surfaces[max(members, key=lambda i: (len(compact(surfaces[i])), -i))]
        canonical, source = _canonical(members, mentions, surfaces, entries)
        if canonical is None:
            canonical, source = _PARTS.sub(lambda m: "·" if "·" in m.group() else " ", name).strip(), "mention"
        clusters.append(Cluster(members, label, canonical, source))
    return clusters


def _cluster_label(members, mentions, surfaces, entries) -> str:
    """The user's lexicon decides, then the team's curated one; else the mentions vote, a CC-CEDICT entry
    voting for a Latin-script mention (the model types Latin names worst, and the corpora never taught it)."""
    for source in ("user", "curated"):
        for i in members:
            if entries[i] is not None and entries[i].source == source:
                return entries[i].label
    if any(has_org_designator(surfaces[i]) for i in members):
        return "ORG"
    votes = Counter()
    for i in members:
        latin = _LATIN.search(surfaces[i]) and not _HAN.search(surfaces[i])
        votes[entries[i].label if latin and entries[i] is not None else mentions[i].label] += 1
    return votes.most_common(1)[0][0]


def _canonical(members, mentions, surfaces, entries) -> tuple[str | None, str | None]:
    for i in members:
        if entries[i] is not None and entries[i].source == "user":
            return entries[i].canonical, "lexicon"
    # The document's own alias: the Latin-script member of a parenthesis pair, the longest one
    # (``Superintelligence Labs`` over ``MSL``).
    linked = [i for i in members if mentions[i].aliases]
    latin = [surfaces[i] for i in linked if _LATIN.search(surfaces[i]) and not _HAN.search(surfaces[i])]
    if latin:
        return max(latin, key=len), "alias"
    for i in members:
        if entries[i] is not None:
            return entries[i].canonical, "lexicon"
    if linked:
        return surfaces[linked[0]], "alias"
    return None, None
