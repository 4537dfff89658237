"""Trigger prefilter for the rule regexes: scan only the stretches of text where a claim can be.

Scanning every rule's regex over the whole text costs time at every character, and most characters of a
news article are nowhere near a claim. From each rule's parsed pattern (text/regexfacts.py) comes:

- the *alphabet*: every character a match can consume. A match never runs over a character outside it, so
  the text falls apart into *runs* of alphabet characters, and what a rule matches inside one run does
  not depend on any other run: a whole-text ``finditer`` is back in step at the first character of every
  run, since no match of the run before can reach into it;
- the *triggers*: characters (or strings) of which every match contains one (``年`` for ``2025年``). A
  rule's ``gate`` may name a narrower set that every match its builder *keeps* contains, such as the
  currency words without which the money builder rejects a match. A run without a trigger holds no claim
  of the rule;
- the *filters*: further required character sets (a count needs both a number and a unit), checked on a
  run before it is scanned.

:meth:`Scan.matches` runs the rule's regex over the runs that hold a trigger, and only those, from each
run's first character (where a whole-text scan is back in step) and with ``endpos`` set to the run's end
plus ``reach``, the most its lookaheads read past it: inside the run the engine sees what it would see on
the whole text, so the matches are exactly the whole-text ``finditer`` matches that lie in those runs. A
lookahead without a bounded width is only allowed when a cut text can merely make it succeed where the
whole text would not; the matches of such a rule are then taken again on the whole text. Patterns whose
alphabet is unbounded (``.``, negated classes) are scanned whole, as before, and so are rules whose
alphabet spans English prose (letters and spaces), where runs are whole sentences.

Which requirement becomes the trigger (a character class or a few strings: 年代, 上个月|本月 …) only
decides speed, guessed from rough character frequencies. tests/test_claims_speedups.py checks the gates
against the builders and the claims against a whole-text scan.
"""

from __future__ import annotations

import functools
import re
import string
import sys
from re import _parser  # noqa: the parsed pattern's getwidth(); stable across CPython 3.11+
from dataclasses import dataclass, replace

from extractor.text import regexfacts as facts
from extractor.text import compiled


@dataclass(frozen=True)
class Gate:
    """What :meth:`Scan.matches` needs to know about one rule's pattern."""

    trigger_class: str  # a trigger (a character or a string), as regex source
    alphabet: frozenset  # every character a match can consume (regexfacts atoms)
    run: re.Pattern  # a run of alphabet characters: run.match(text, i).end() is where it stops
    tail: re.Pattern  # a trigger and the rest of its run
    trigger_chars: tuple[str, ...] | None  # the triggers, when they are a few plain strings (else None)
    filters: tuple[re.Pattern, ...]  # sets a run must also hold a character of
    reach: int  # characters past a run that a match inside it may read
    exact: bool  # the search, cut at run end + reach, sees all a whole-text search would
    min_width: int = 0  # the fewest characters a match consumes: a shorter run holds none


@functools.lru_cache(maxsize=None)
def gate_for(pattern: re.Pattern, gate: str | None = None) -> Gate | None:
    """The prefilter of ``pattern``, or None when it must be scanned whole.

    ``gate`` (regex source) narrows the triggers: every match the rule's builder keeps contains a match of
    it, so what it requires may serve as triggers (its characters must lie in the pattern's alphabet).
    """
    items, ignore_case = facts.parse(pattern.pattern, pattern.flags)
    alphabet = facts.alphabet(items, ignore_case)
    if not alphabet:
        return None
    run = _run_pattern(alphabet)
    if run.fullmatch(" ") and sum(1 for char in string.ascii_lowercase if run.fullmatch(char)) >= PROSE_LETTERS:
        return None  # English words and spaces: its runs are whole sentences, cheaper scanned whole
    reach = facts.reach(items)
    if reach is None:
        return None
    if pattern.match("") is not None and not facts.empty_means_none(items):
        return None
    # Candidate triggers, each required by every (kept) match: sets of characters and sets of strings.
    sources = [(items, ignore_case)] if gate is None else [facts.parse(gate, pattern.flags)]
    required = facts.requirements(items, ignore_case)
    candidates: list[tuple[float, str, object]] = []
    for source_items, source_case in sources:
        own = source_items is items
        for atoms in required if own else facts.requirements(source_items, source_case):
            single = len(atoms) == 1 and next(iter(atoms))[0] == "c"
            candidates.append((facts.cost(atoms) + (SCAN_LITERAL if single else SCAN_CLASS), "chars", atoms))
        for words in facts.words(source_items, source_case):
            scan = SCAN_LITERAL if len(words) == 1 else SCAN_WORDS + len(words) / 8
            candidates.append((facts.word_cost(words) + scan, "words", words))
    candidates = [c for c in candidates if _inside(c[1], c[2], alphabet, run)]
    if not candidates:
        return None
    _, kind, chosen = min(candidates, key=lambda c: (c[0], c[1], sorted(map(str, c[2]))))
    if kind == "chars":
        trigger = facts.char_class(chosen)
        plain = "".join(sorted(atom[1] for atom in chosen)) if all(atom[0] == "c" for atom in chosen) else None
        few = tuple(plain) if plain is not None and len(plain) <= FEW_TRIGGERS else None
    else:
        trigger = facts.word_pattern(chosen)
        few = tuple(sorted(chosen)) if len(chosen) <= FEW_TRIGGERS else None
    filters: list[str] = []
    for atoms in required:
        source = facts.char_class(atoms)
        if (kind, atoms) != ("chars", chosen) and source not in filters and len(filters) < 3:
            filters.append(source)
    chars, exact = reach
    # \b and $ read one or two characters past the end of a run; lookaheads as far as their width.
    filters_compiled = tuple(map(re.compile, filters))
    min_width = min(_parser.parse(pattern.pattern, pattern.flags).getwidth()[0], MAX_MIN_WIDTH)
    return Gate(trigger, alphabet, run, _tail(trigger, alphabet), few, filters_compiled, chars + 2, exact, min_width)


MAX_MIN_WIDTH = 1000  # getwidth() saturates on unbounded repeats; any bound above real runs will do
PROSE_LETTERS = 13  # an alphabet with this many lower-case letters and the space spans English prose
FEW_TRIGGERS = 6  # up to this many plain triggers, str.find locates the first one (speed only)
# What finding the triggers costs, in the units of regexfacts' frequency guesses (about the cost of looking
# at the runs around a character that turns up once in 3,000): one literal is found fast, a class of
# characters slower, an alternation of strings slower still, the more so the more strings. Speed only.
SCAN_LITERAL, SCAN_CLASS, SCAN_WORDS = 3, 15, 17


def gates_for(name: str, sources: list[tuple[re.Pattern, str | None]]) -> list[Gate | None]:
    """:func:`gate_for` of each (pattern, gate) pair, kept between runs in the artefact cache (extractor/cache.py)
    under ``name``: deriving them parses every rule's pattern again, about half a second at each start. The
    key covers the patterns, the gates and this module's and regexfacts' code."""
    from extractor import cache

    key = cache.digest(
        cache.source_of(facts, sys.modules[__name__]),
        *(f"{pattern.pattern}\0{pattern.flags}\0{gate}" for pattern, gate in sources),
    )
    stored = cache.cached(name, key, lambda: [_gate_data(gate_for(pattern, gate)) for pattern, gate in sources])
    return [_gate_from_data(data) for data in stored]


def _gate_data(gate: Gate | None) -> tuple | None:
    """A gate as built-in values (its patterns as source and flags) for the cache."""
    if gate is None:
        return None
    return (
        gate.trigger_class, gate.alphabet, (gate.run.pattern, gate.run.flags), (gate.tail.pattern, gate.tail.flags),
        gate.trigger_chars, tuple((f.pattern, f.flags) for f in gate.filters), gate.reach, gate.exact, gate.min_width,
    )


def _gate_from_data(data: tuple | None) -> Gate | None:
    if data is None:
        return None
    trigger, alphabet, run, tail, few, filters, reach, exact, min_width = data
    return Gate(
        trigger, frozenset(alphabet), compiled.compile(*run), compiled.compile(*tail), few,
        tuple(compiled.compile(*f) for f in filters), reach, exact, min_width,
    )


def _run_pattern(alphabet) -> re.Pattern:
    return compiled.compile(f"{facts.char_class(alphabet)}*")


def _tail(trigger: str, alphabet) -> re.Pattern:
    return compiled.compile(f"(?:{trigger}){facts.char_class(alphabet)}*")


def share_runs(gates: list[Gate | None]) -> list[Gate | None]:
    """The gates with one run pattern for all rules of the same triggers: the union of their alphabets.

    A character outside the union is outside every alphabet, so the union's runs are runs for each rule
    too (longer ones: a few more characters to search); found once per text, they serve every rule that
    shares the triggers (年 for years, year ranges and era years)."""
    unions: dict[str, frozenset] = {}
    for gate in gates:
        if gate is not None:
            unions[gate.trigger_class] = unions.get(gate.trigger_class, frozenset()) | gate.alphabet
    runs = {trigger_class: _run_pattern(alphabet) for trigger_class, alphabet in unions.items()}
    return [
        gate
        if gate is None
        else replace(
            gate,
            alphabet=unions[gate.trigger_class],
            run=runs[gate.trigger_class],
            tail=_tail(gate.trigger_class, unions[gate.trigger_class]),
        )
        for gate in gates
    ]


def _inside(kind: str, chosen, alphabet, run: re.Pattern) -> bool:
    """Every trigger lies in the alphabet (``run`` matches it whole): only then can a run hold it."""
    if kind == "words":
        return all(run.fullmatch(word) for word in chosen)
    for atom in chosen:
        if atom[0] == "c":
            if run.fullmatch(atom[1]) is None:
                return False
        elif atom[0] == "ic":
            variants = facts.case_variants(atom[1])
            if variants is None or any(run.fullmatch(variant) is None for variant in variants):
                return False
        elif atom[0] == "r":
            if any(run.fullmatch(chr(code)) is None for code in range(atom[1], atom[2] + 1)):
                return False
        elif atom[0] == "ir" or atom not in alphabet:
            return False
    return True


def describe(gate: Gate | None) -> str:
    """One line for a person reading why a rule scans where it does."""
    if gate is None:
        return "whole text"
    filters = [f.pattern for f in gate.filters]
    checked = "" if gate.exact else " (re-checked)"
    return f"triggers {gate.trigger_class}, filters {filters}, reach {gate.reach}{checked}"


SHORT_RUN = 6  # runs this short are tried place by place (speed only)


class Scan:
    """One text's scan state, shared by the rules: the runs around the triggers of each trigger class."""

    def __init__(self, text: str):
        self.text = text
        self._reversed: str | None = None
        self._runs: dict[str, list[tuple[int, int]]] = {}

    def runs(self, gate: Gate) -> list[tuple[int, int]]:
        """(start, end) of every run of the gate's alphabet that holds a trigger, in order."""
        key = gate.tail.pattern
        found = self._runs.get(key)
        if found is not None:
            return found
        found = self._runs[key] = []
        text = self.text
        begin = 0
        if gate.trigger_chars is not None:
            # str.find skips to the first trigger far faster than the regex engine does, and most texts
            # hold no trigger of the rarer rules at all.
            places = [place for place in map(text.find, gate.trigger_chars) if place >= 0]
            if not places:
                return found
            begin = min(places)
        # Each tail match runs from the first trigger of a run to the run's end (the triggers lie in the
        # alphabet, so one tail covers every trigger of its run); the run's start is the end of the
        # alphabet run read backwards from that trigger.
        tails = gate.tail.finditer(text, begin)
        for tail in tails:
            if self._reversed is None:
                self._reversed = text[::-1]
            backwards, n, run = self._reversed, len(text), gate.run.match
            found.append((n - run(backwards, n - tail.start()).end(), tail.end()))
            for tail in tails:
                start = n - run(backwards, n - tail.start()).end()
                if start < found[-1][1]:  # cannot happen while the triggers lie in the alphabet; kept whole
                    found[-1] = (found[-1][0], tail.end())
                else:
                    found.append((start, tail.end()))
        return found

    def matches(self, pattern: re.Pattern, gate: Gate):
        """The matches of ``pattern``, exactly as ``pattern.finditer(text)`` finds them, that lie in runs
        holding a trigger and a character of every filter set."""
        text = self.text
        n = len(text)
        search, match = pattern.search, pattern.match
        filters, reach, exact, min_width = gate.filters, gate.reach, gate.exact, gate.min_width
        for run_start, run_end in self.runs(gate):
            if run_end - run_start < min_width:
                continue  # a match lies inside one run (see the module docstring): this one is too short
            skip = False
            for required in filters:
                if required.search(text, run_start, run_end) is None:
                    skip = True
                    break
            if skip:
                continue
            limit = min(n, run_end + reach)
            position = run_start
            while position < run_end:
                # A search would also try the places past the run, up to ``limit``: a short run is cheaper
                # to try place by place.
                if run_end - position <= SHORT_RUN:
                    found = match(text, position, limit)
                    if found is None:
                        position += 1
                        continue
                    start = position
                else:
                    found = search(text, position, limit)
                    if found is None:
                        break
                    start = found.start()
                    if start >= run_end:
                        break
                if not exact:  # the search saw the text up to ``limit`` only: take the match on the whole text
                    found = match(text, start)
                    if found is None:
                        position = start + 1
                        continue
                end = found.end()
                if end == start:
                    position = start + 1
                    continue
                yield found
                position = end
