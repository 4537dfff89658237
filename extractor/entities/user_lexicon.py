"""The user's own names: a TSV or JSON file of names, labels, canonical names and aliases that wins over
the shipped lexicon (README, "Your own names (lexicon)").

What a listed name does (``recognize.user_names`` and ``clusters.build_clusters``):

* it is found wherever it is written in the content sentences, with its label, whether or not the
  model saw it (an invented ``星河云计算`` or ``Kestrel Robotics``), and it replaces the mentions
  inside it or across its ends; a longer name found around it stands (``星河云计算有限公司``);
* a mention of it, or of one of its aliases, takes its label and its canonical name, before the
  shipped lexicon and before the document's own parenthetical alias: the user said what it is;
* its aliases and canonical name are forms of the same entity, so they cluster together;
* the label ``NONE`` suppresses: mentions inside the listed phrase (``小米粥``, ``Apple Pie``) are dropped.

TSV, one entry a line, ``#`` comments and blank lines skipped::

    name<TAB>label[<TAB>canonical[<TAB>alias|alias...]]

JSON: ``[{"name", "label", "canonical"?, "aliases"?}, ...]`` or ``{"entries": [...]}`` (other keys of
that object must start with ``_``: comments). Every fault is a LexiconError that names the file and line.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from extractor.entities.lexicon import LexiconEntry, compact
from extractor.errors import ExtractorError, LexiconError

LABELS = ("PERSON", "ORG", "LOC", "PRODUCT")
SUPPRESS = "NONE"
# spaCy's English pipelines (OntoNotes) call a place that governs GPE; this project's LOC covers both.
_LABEL_SYNONYMS = {"GPE": "LOC"}
_JSON_KEYS = ("name", "label", "canonical", "aliases")
MAX_LEXICON_BYTES = 64 * 2**20  # a lexicon is a list of names: anything larger is a wrong file
MAX_NAME_CHARS = 200
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPACES = re.compile(r"\s+")
_ALNUM = "A-Za-z0-9"
# A name's ends that are Latin letters or digits must not touch another letter or digit (Kestrel is not
# found in Kestrels); a Han end needs no boundary, Chinese has none.
_EDGE = rf"(?:(?<![{_ALNUM}])|(?![{_ALNUM}]))"


@dataclass(frozen=True)
class UserEntry:
    """One entity as the user listed it. ``canonical`` None: the name itself is the canonical name."""

    name: str
    label: str  # PERSON | ORG | LOC | PRODUCT, or NONE to suppress the name
    canonical: str | None = None
    aliases: tuple[str, ...] = ()
    line: int | None = None  # where the file has it, for messages

    @property
    def forms(self) -> list[str]:
        """Every name of the entity: the name, the canonical name, the aliases (no repeats)."""
        return list(dict.fromkeys([self.name, *([self.canonical] if self.canonical else []), *self.aliases]))


# Lexicons alive in this process, by digest: a batch worker receives the lexicon with every chunk of
# work, and unpickling it then costs a look-up instead of a new validation (0.4 s for 20,000 names).
_BUILT: "weakref.WeakValueDictionary[str, UserLexicon]" = weakref.WeakValueDictionary()


class UserLexicon:
    """A validated user lexicon. Equal (and hashed) by content, so it can key a cache of extractors;
    pickled as its entries, so it travels to batch worker processes and Dask workers."""

    def __init__(self, entries: Iterable[UserEntry], *, source: str = "<lexicon>"):
        self.entries = tuple(entries)
        self.source = source
        self._keys = _check(self.entries, source)
        self.digest = _digest(self.entries)
        self._matcher: tuple[re.Pattern, dict[str, LexiconEntry]] | None = None
        _BUILT.setdefault(self.digest, self)

    # --- construction -------------------------------------------------------------------------------

    @classmethod
    def read(cls, path: str | os.PathLike) -> "UserLexicon":
        """Read a TSV or JSON lexicon file (JSON when it ends in .json or opens with [ or {)."""
        source = str(path)
        text = _read_text(Path(path), source)
        suffix = Path(path).suffix.lower()
        as_json = suffix == ".json" or (suffix not in (".tsv", ".tab", ".txt") and text.lstrip()[:1] in ("[", "{"))
        entries = _parse_json(text, source) if as_json else _parse_tsv(text, source)
        return cls(entries, source=source)

    @classmethod
    def from_entries(cls, items: Iterable[dict[str, Any]], *, source: str = "<entries>") -> "UserLexicon":
        """A lexicon from dicts shaped like the JSON format's entries (``{"name", "label", ...}``)."""
        if isinstance(items, (str, bytes, dict)):
            raise LexiconError("expected a list of entries ({\"name\", \"label\", ...})", source=source)
        return cls([_json_entry(item, f"{source}: entry {number}", None) for number, item in enumerate(items, 1)], source=source)

    def __reduce__(self):
        # plain tuples: unpickling 20,000 dataclass instances would cost more than the look-up it precedes
        rows = [(e.name, e.label, e.canonical, e.aliases, e.line) for e in self.entries]
        return (_rebuild, (self.digest, rows, self.source))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UserLexicon) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"UserLexicon({self.source!r}, {len(self.entries)} entries)"

    # --- use ----------------------------------------------------------------------------------------

    def get(self, name: str) -> LexiconEntry | None:
        """The entry a name (as the shipped lexicon compacts it) belongs to; label NONE for a suppressed one."""
        return self._keys.get(compact(_matchable(name)))

    def over(self, shipped) -> "LayeredLexicon":
        return LayeredLexicon(self, shipped)

    def find(self, text: str, chunks: Iterable[tuple[int, int]]) -> list[tuple[int, int, LexiconEntry]]:
        """(start, end, entry) of every listed name in the chunks of ``text``, longest first at each place,
        left to right, none overlapping."""
        if self._matcher is None:
            self._matcher = _compile(self.entries, self._keys)
        pattern, by_form = self._matcher
        if pattern is None:
            return []
        return [
            (match.start(), match.end(), by_form[_SPACES.sub(" ", match.group())])
            for start, end in chunks
            for match in pattern.finditer(text, start, end)
        ]


class LayeredLexicon:
    """The user's names over the shipped lexicon, for the look-ups clustering and the alias rule make."""

    def __init__(self, user: UserLexicon, shipped):
        self.user = user
        self.shipped = shipped

    def get(self, name: str) -> LexiconEntry | None:
        return self.user.get(name) or self.shipped.get(name)


def as_user_lexicon(value) -> UserLexicon | None:
    """What ``Extractor(lexicon=...)`` accepts: None, a UserLexicon, a path, or a list of entry dicts."""
    if value is None or isinstance(value, UserLexicon):
        return value
    if isinstance(value, (str, os.PathLike)):
        return UserLexicon.read(value)
    if isinstance(value, (list, tuple)):
        return UserLexicon.from_entries(value)
    raise LexiconError(
        f"lexicon must be a file path, a UserLexicon or a list of entries, not {type(value).__name__}"
    )


def _rebuild(digest: str, rows: list[tuple], source: str) -> UserLexicon:
    lexicon = _BUILT.get(digest)
    if lexicon is None:
        lexicon = UserLexicon((UserEntry(*row) for row in rows), source=source)
    return lexicon


# --- reading ----------------------------------------------------------------------------------------


def _read_text(path: Path, source: str) -> str:
    from extractor.api import read_input_file
    from extractor.errors import InputIsDirectoryError, InputTooLargeError

    try:
        data = read_input_file(path, max_bytes=MAX_LEXICON_BYTES)
    except InputTooLargeError:
        raise LexiconError(f"is larger than {MAX_LEXICON_BYTES // 2**20} MB: not a lexicon of names", source=source) from None
    except InputIsDirectoryError:
        raise LexiconError("is a directory, not a lexicon file", source=source) from None
    except ExtractorError as error:  # not found, permission denied, an I/O error
        raise LexiconError(f"cannot read the lexicon: {error.message}", source=source) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise LexiconError("not valid UTF-8 (save the lexicon as UTF-8)", source=f"{source}:{line}") from None


def _parse_tsv(text: str, source: str) -> list[UserEntry]:
    entries = []
    header_possible = True
    # Lines end at \n only (str.splitlines would also break at \x1c or U+2028 and miscount the lines).
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{source}:{number}"
        fields = [field.strip() for field in line.split("\t")]
        if header_possible and len(fields) >= 2 and fields[0].lower() == "name" and fields[1].lower() == "label":
            header_possible = False
            continue
        header_possible = False
        if not 2 <= len(fields) <= 4:
            hint = " (separate the fields with tabs, not spaces)" if len(fields) == 1 and " " in line.strip() else ""
            raise LexiconError(f"expected 2–4 tab-separated fields, got {len(fields)}{hint}", source=where)
        fields += [""] * (4 - len(fields))
        name, label, canonical, aliases = fields
        entries.append(
            _entry(
                name, label, canonical or None, [alias.strip() for alias in aliases.split("|") if alias.strip()],
                where, number, fields=("field 1", "field 2", "field 3", "field 4"),
            )
        )
    return entries


def _parse_json(text: str, source: str) -> list[UserEntry]:
    text = text.lstrip("\ufeff")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise LexiconError(f"invalid JSON: {error.msg} (column {error.colno})", source=f"{source}:{error.lineno}") from None
    except RecursionError:
        raise LexiconError("invalid JSON: nested too deeply", source=source) from None
    if isinstance(data, dict):
        unknown = [key for key in data if key != "entries" and not key.startswith("_")]
        if unknown or not isinstance(data.get("entries"), list):
            found = f" (found {', '.join(map(repr, unknown))})" if unknown else ""
            raise LexiconError(
                'expected a list of entries, or an object {"entries": [...]} whose other keys start with _' + found,
                source=f"{source}:1",
            )
        items = data["entries"]
    elif isinstance(data, list):
        items = data
    else:
        raise LexiconError('expected a list of entries, or an object {"entries": [...]}', source=f"{source}:1")
    lines = _entry_lines(text, isinstance(data, dict))
    return [
        _json_entry(item, f"{source}:{line}", line)
        for item, line in zip(items, lines)
    ]


def _json_entry(item: Any, where: str, line: int | None) -> UserEntry:
    if not isinstance(item, dict):
        raise LexiconError(f'an entry must be an object {{"name", "label", ...}}, not {_json_type(item)}', source=where)
    unknown = [key for key in item if key not in _JSON_KEYS]
    if unknown:
        raise LexiconError(
            f"unknown key {unknown[0]!r} (an entry has {', '.join(_JSON_KEYS)})", source=where
        )
    for key in ("name", "label"):
        if key not in item:
            raise LexiconError(f"the entry has no {key!r}", source=where)
    for key in ("name", "label", "canonical"):
        if key in item and not isinstance(item[key], str) and not (key == "canonical" and item[key] is None):
            raise LexiconError(f"{key!r} must be a string, not {_json_type(item[key])}", source=where)
    aliases = item.get("aliases") or []
    if isinstance(aliases, str) or not isinstance(aliases, list):
        raise LexiconError(f"'aliases' must be a list of strings, not {_json_type(aliases)}", source=where)
    for alias in aliases:
        if not isinstance(alias, str):
            raise LexiconError(f"'aliases' must be a list of strings, and holds {_json_type(alias)}", source=where)
    canonical = (item.get("canonical") or "").strip() or None
    return _entry(
        item["name"].strip(), item["label"].strip(), canonical, [a.strip() for a in aliases if a.strip()],
        where, line, fields=("'name'", "'label'", "'canonical'", "'aliases'"),
    )


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )


def _entry_lines(text: str, in_object: bool) -> list[int]:
    """The line each entry of an already-parsed JSON lexicon starts on: json has no positions, so the
    top level is walked again with raw_decode, one value at a time."""
    decoder = json.JSONDecoder()

    def skip(i: int) -> int:
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        return i

    i = skip(0)
    if in_object:
        array_at = None
        i = skip(i + 1)
        while text[i] != "}":
            key, i = decoder.raw_decode(text, i)
            i = skip(skip(i) + 1)  # past the colon
            if key == "entries":
                array_at = i  # json.loads keeps the last of repeated keys: so does this
            _, i = decoder.raw_decode(text, i)
            i = skip(i)
            if text[i] == ",":
                i = skip(i + 1)
        i = array_at
    lines = []
    i = skip(i + 1)  # past the [
    while text[i] != "]":
        lines.append(text.count("\n", 0, i) + 1)
        _, i = decoder.raw_decode(text, i)
        i = skip(i)
        if text[i] == ",":
            i = skip(i + 1)
    return lines


def _entry(name, label, canonical, aliases, where, line, *, fields) -> UserEntry:
    if not name:
        raise LexiconError(f"the name ({fields[0]}) is empty", source=where)
    label_key = label.upper()
    label_key = _LABEL_SYNONYMS.get(label_key, label_key)
    if not label:
        raise LexiconError(f"the label ({fields[1]}) is empty: {', '.join(LABELS)} or {SUPPRESS}", source=where)
    if label_key not in LABELS and label_key != SUPPRESS:
        raise LexiconError(
            f"unknown label {label!r}: expected PERSON, ORG, LOC (or GPE), PRODUCT, or NONE to suppress a name",
            source=where,
        )
    if label_key == SUPPRESS and (canonical or aliases):
        raise LexiconError(
            f"a {SUPPRESS} entry suppresses a name; it takes no canonical name or aliases (list each phrase on its own line)",
            source=where,
        )
    for what, form in [("name", name), ("canonical name", canonical), *(("alias", alias) for alias in aliases)]:
        if form is not None:
            _check_form(form, what, where)
    return UserEntry(name, label_key, canonical, tuple(dict.fromkeys(aliases)), line)


def _check_form(form: str, what: str, where: str) -> None:
    if any(unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn") for char in form):
        raise LexiconError(f"the {what} {form!r} contains a control or unassigned character", source=where)
    if len(form) > MAX_NAME_CHARS:
        raise LexiconError(f"the {what} is longer than {MAX_NAME_CHARS} characters: not a name", source=where)
    key = compact(_matchable(form))
    if not key:
        raise LexiconError(f"the {what} {form!r} has no letters or digits", source=where)
    if len(key) == 1 and _HAN.match(key):
        raise LexiconError(
            f"the {what} {form!r} is one Chinese character, which would be found inside every word that has it",
            source=where,
        )


# --- checking and matching -------------------------------------------------------------------------


def _matchable(form: str) -> str:
    """A form as the recognisers read text: normalised (full-width folded, stray spaces in names removed),
    traditional characters folded to simplified, spaces as one space."""
    from extractor.text.normalize import normalize
    from extractor.text.variants import to_simplified

    return _SPACES.sub(" ", to_simplified(normalize(form).text)).strip()


def _check(entries: tuple[UserEntry, ...], source: str) -> dict[str, LexiconEntry]:
    """Look-up key → entry, refusing a name that two entries claim or a canonical name with two labels."""
    keys: dict[str, tuple[LexiconEntry, UserEntry]] = {}
    canonical_labels: dict[str, tuple[str, UserEntry]] = {}
    for entry in entries:
        where = f"{source}:{entry.line}" if entry.line is not None else source
        canonical = entry.canonical or entry.name
        if entry.label != SUPPRESS:
            known = canonical_labels.setdefault(canonical, (entry.label, entry))
            if known[0] != entry.label:
                raise LexiconError(
                    f"{canonical!r} is {entry.label} here but {known[0]}{_on_line(known[1])}", source=where
                )
        value = LexiconEntry(canonical, entry.label, "user")
        for form in entry.forms:
            key = compact(_matchable(form))
            previous = keys.get(key)
            if previous is not None and previous[0] != value:
                raise LexiconError(
                    f"{form!r} is already listed{_on_line(previous[1])} for {previous[0].canonical} ({previous[0].label})",
                    source=where,
                )
            keys.setdefault(key, (value, entry))
    return {key: value for key, (value, _) in keys.items()}


def _on_line(entry: UserEntry) -> str:
    return f" on line {entry.line}" if entry.line is not None else ""


def _compile(entries, keys) -> tuple[re.Pattern | None, dict[str, LexiconEntry]]:
    """One search for every form, as a trie (the engine follows one branch a character, whatever the
    number of names), each form as written and as the normalised text reads it."""
    from extractor.claims.base import trie_alternation

    by_form: dict[str, LexiconEntry] = {}
    for entry in entries:
        for form in entry.forms:
            value = keys[compact(_matchable(form))]
            for written in (_matchable(form), _SPACES.sub(" ", form).strip()):
                by_form.setdefault(written, value)
    if not by_form:
        return None, by_form
    # A space between the words of a name stands for any run of spaces in the text (Kestrel  Robotics).
    # re.escape writes a space as "\\ ", and nothing else ends that way: an escaped backslash is two.
    trie = trie_alternation(by_form).replace("\\ ", r"\s+")
    return re.compile(f"{_EDGE}(?:{trie}){_EDGE}"), by_form


def _digest(entries: tuple[UserEntry, ...]) -> str:
    content = json.dumps([[e.name, e.label, e.canonical, list(e.aliases)] for e in entries], ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()
