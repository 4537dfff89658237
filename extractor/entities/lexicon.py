"""The bundled name lexicon: canonical names and labels for well-known entities.

Two files in ``extractor/data/entities``: ``curated.json`` (written by the team, checked first) and
``cedict_names.tsv`` (names from CC-CEDICT, CC BY-SA 4.0; see the README there). Lookups ignore
spaces and middle dots inside Chinese names, and case for Latin names of four letters or more, so
``彭博 · 社``, ``OPENAI`` and ``OpenAI`` all find their entry; short Latin names keep their case
(``Arm`` the company is not ``ARM`` the architecture nor ``arm``).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

_SEPARATORS = re.compile(r"[\s\u00b7\u2022\u30fb.\-]+")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class LexiconEntry:
    canonical: str
    label: str
    source: str  # "curated" or "cedict"


def compact(name: str) -> str:
    """The lookup key of a name: separators inside it removed; Latin names of 4+ letters case-folded."""
    key = _SEPARATORS.sub("", name)
    if _LATIN.search(key) and len(key) >= 4:
        key = key.casefold()
    return key


class Lexicon:
    def __init__(self, entries: dict[str, LexiconEntry], latin_forms: dict[str, LexiconEntry]):
        self._entries = entries
        # Latin forms with their spaces, for the multi-word matcher (longest first).
        self.latin_forms = latin_forms
        self.max_latin_words = max((len(form.split()) for form in latin_forms), default=1)

    def get(self, name: str) -> LexiconEntry | None:
        return self._entries.get(compact(name))

    def forms(self):
        """(lookup key, entry) pairs: every form the lexicon knows, compacted."""
        return self._entries.items()


def source_bytes() -> bytes:
    """The bytes of the lexicon's files (what artefacts built from the lexicon are keyed by)."""
    root = resources.files("extractor") / "data" / "entities"
    return b"".join(
        (root / name).read_bytes() if (root / name).is_file() else b"" for name in ("curated.json", "cedict_names.tsv")
    )


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon, its index kept between runs in the artefact cache (extractor/cache.py), keyed by the
    files and this module's code: building it took a sixth of a one-article run."""
    import sys

    from extractor import cache

    key = cache.digest(source_bytes(), cache.source_of(sys.modules[__name__]))
    unique, entries, latin_forms = cache.cached("entity-lexicon", key, _build_index)
    made = [LexiconEntry(*entry) for entry in unique]
    return Lexicon(
        {form: made[index] for form, index in entries.items()},
        {form: made[index] for form, index in latin_forms.items()},
    )


def _build_index() -> tuple[list, dict[str, int], dict[str, int]]:
    """The entries (as tuples) and, for each lookup key and each Latin form, its entry's index."""
    root = resources.files("extractor") / "data" / "entities"
    unique: list[tuple[str, str, str]] = []
    entries: dict[str, int] = {}
    latin_forms: dict[str, int] = {}

    def add(form: str, index: int) -> None:
        form = form.strip()
        if not form:
            return
        entries.setdefault(compact(form), index)  # the first file (curated) wins
        if _LATIN.search(form):
            latin_forms.setdefault(form, index)

    curated = json.loads((root / "curated.json").read_text(encoding="utf-8"))
    for item in curated["entries"]:
        unique.append((item["canonical"], item["label"], "curated"))
        for form in [item["canonical"], *item.get("zh", []), *item.get("en", [])]:
            add(form, len(unique) - 1)
    cedict = root / "cedict_names.tsv"
    if cedict.is_file():
        lines = cedict.read_text(encoding="utf-8").splitlines()
        for line in lines[1:]:
            zh, en, label = line.split("\t")[:3]
            unique.append((en, label, "cedict"))
            add(zh, len(unique) - 1)
            add(en, len(unique) - 1)
    return unique, entries, latin_forms
