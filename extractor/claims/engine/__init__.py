"""A compositional grammar engine for claims, in the manner of duckling.

- A :class:`Token` is a typed piece of parsed text: ``(dim, value, start, end, rule, children)``. Dims are
  the claim kinds (``money``, ``date``, ``percent``, ``quantity``) and the building blocks that are no
  claim on their own (``number``, ``duration``...).
- A :class:`Rule` is a sequence of items and a producer. An item is a regex (:class:`Regex`), a word list
  from data (:func:`words`), or a predicate over a token already in the chart (:class:`Dim`,
  ``Dim("number", lambda v: v.amount is not None)``). When the items match one after the other (with at
  most one space between them where the rule allows it) the producer turns what they matched into a
  value, or refuses with None.
- :func:`parse` applies every rule to a text, bottom-up, until no rule adds a token (a rule over
  ``number`` tokens sees the numbers the number rules made, a range rule sees the amounts the money
  rules made, and so on). Each round only tries what could be new, and the number of tokens is bounded
  by the rules' matches, so a document costs time linear in its length.
- :func:`select` keeps the best non-overlapping cover of the tokens of the wanted dims: the longest
  first, then the one built from fewer rules, then the rule's priority, then the earlier start.

The rule's name is the token's ``rule`` and becomes the claim's ``rule`` field: a fact-checker can ask
which rule found a claim. Rules live with their kind and language (``claims/money/zh.py``); the word
lists they use are data files (``extractor/data/claims/``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from extractor.claims.base import alternation
from extractor.text import compiled

MAX_ROUNDS = 8  # compositions are shallow (number → amount → range → bound); a guard, never reached


@dataclass(frozen=True, eq=False)
class Token:
    dim: str
    value: Any
    start: int
    end: int
    rule: str
    children: tuple = ()

    @property
    def size(self) -> int:
        """How many rule applications built it (the selection prefers fewer)."""
        return 1 + sum(child.size for child in self.children if isinstance(child, Token))

    @property
    def length(self) -> int:
        return self.end - self.start


class Regex:
    """An item matching a regular expression at the position (anchored there, lookbehind allowed).

    ``gate``: characters every match contains (a unit word's first character). A rule that begins with
    this item then looks for its starts only within ``reach`` characters of one of them, so a text
    without them costs one scan for the gate instead of one scan of the whole pattern.
    """

    def __init__(self, pattern: str | re.Pattern, flags: int = 0, *, gate: str | None = None, reach: int = 48):
        self.pattern = pattern if isinstance(pattern, re.Pattern) else compiled.compile(pattern, flags)
        self.gate = re.compile(f"[{re.escape(gate)}]") if gate else None
        self.reach = reach

    def match(self, chart: "Chart", position: int) -> Iterator[tuple[int, re.Match]]:
        found = self.pattern.match(chart.text, position)
        if found is not None and found.end() > position:
            yield found.end(), found

    def starts(self, chart: "Chart") -> Iterable[int]:
        """Where a rule that begins with this item can start (found once per text). A rule whose next item
        is a token searches only just before such tokens instead (``_rule_starts``)."""
        return chart.regex_starts(self.pattern, self.gate, self.reach)


def words(entries: Iterable[str], *, flags: int = 0) -> Regex:
    """An item matching any of the words (longest first), e.g. a currency lexicon's keys."""
    return Regex(alternation(entries), flags)


class Dim:
    """An item matching a token of dimension ``dim`` that starts at the position (and passes ``test``)."""

    def __init__(self, dim: str, test: Callable[[Any], bool] | None = None):
        self.dim = dim
        self.test = test

    def match(self, chart: "Chart", position: int) -> Iterator[tuple[int, Token]]:
        for token in chart.at(position, self.dim):
            if self.test is None or self.test(token.value):
                yield token.end, token

    def starts(self, chart: "Chart") -> Iterable[int]:
        return chart.starts_of(self.dim)


Item = Regex | Dim


@dataclass(frozen=True)
class Rule:
    """``items`` in a row → ``produce(parts, chart)`` → a value of ``dim`` (None: no token).

    ``parts`` holds what each item matched: an ``re.Match`` for a Regex, a Token for a Dim. ``spaced``
    lets one space stand between two items (the normalised text keeps a space between Latin and Han
    text, and between a number and an English word). ``priority`` breaks ties in the selection.
    """

    name: str
    dim: str
    items: tuple
    produce: Callable[[list, "Chart"], Any]
    spaced: bool = False
    priority: int = 0


@dataclass
class Chart:
    """The tokens found in ``text`` so far, indexed by start and by dimension."""

    text: str
    context: Any = None  # what producers may read besides the text (a RuleContext for claim rules)
    tokens: list[Token] = field(default_factory=list)
    _by_start: dict = field(default_factory=lambda: defaultdict(list))
    _starts_by_dim: dict = field(default_factory=lambda: defaultdict(set))
    _by_dim: dict = field(default_factory=lambda: defaultdict(list))
    _regex_starts: dict = field(default_factory=dict)
    _keys: set = field(default_factory=set)

    def at(self, position: int, dim: str) -> list[Token]:
        return [token for token in self._by_start.get(position, ()) if token.dim == dim]

    def starts_of(self, dim: str) -> Iterable[int]:
        return sorted(self._starts_by_dim.get(dim, ()))

    def regex_starts(self, pattern: re.Pattern, gate: re.Pattern | None = None, reach: int = 0) -> list[int]:
        starts = self._regex_starts.get(pattern)
        if starts is None:
            if gate is None:
                windows = [(0, len(self.text))]
            else:
                windows = []
                for found in gate.finditer(self.text):
                    low, high = max(0, found.start() - reach), found.end()
                    if windows and low <= windows[-1][1]:
                        windows[-1] = (windows[-1][0], high)
                    else:
                        windows.append((low, high))
            starts = []
            for low, high in windows:
                # endpos cuts a match short at the window's end; only where it starts is kept here, and
                # the rule matches again from there over the whole text
                for found in pattern.finditer(self.text, low, min(len(self.text), high + reach)):
                    if found.start() >= high:
                        break
                    if found.end() > found.start():
                        starts.append(found.start())
            self._regex_starts[pattern] = starts
        return starts

    def regex_starts_before(self, pattern: re.Pattern, dim: str, reach: int, only: set[int] | None = None) -> list[int]:
        """Starts of matches of ``pattern`` that end where a ``dim`` token starts (or one space before);
        ``only``: those tokens' starts alone."""
        starts = []
        for position in self.starts_of(dim) if only is None else sorted(only):
            for found in pattern.finditer(self.text, max(0, position - reach), position):
                if found.end() in (position, position - 1) and found.end() > found.start():
                    starts.append(found.start())
        return sorted(set(starts))

    def add(self, token: Token) -> bool:
        """Add a token unless the same rule already made one over the same span; True if added."""
        key = (token.rule, token.start, token.end)
        if key in self._keys:
            return False
        self._keys.add(key)
        self.tokens.append(token)
        self._by_start[token.start].append(token)
        self._starts_by_dim[token.dim].add(token.start)
        self._by_dim[token.dim].append(token)
        return True


def parse(text: str, rules: Sequence[Rule], *, context: Any = None, chart: Chart | None = None) -> Chart:
    """Apply ``rules`` to ``text`` until nothing new appears; returns the chart with every token.

    ``chart``: a chart already holding tokens (those of rules that run outside the grammar) to build on.
    """
    chart = chart if chart is not None else Chart(text, context)
    # Semi-naive: after the first round a rule runs only from the tokens the last round added when they
    # can only stand in one place of it (a rule reading one token; a rule whose first token's dim alone
    # gained); otherwise it reruns whole when any dim it reads gained.
    fresh: dict[str, set[int]] | None = None  # dim -> starts of the tokens the last round added
    for _ in range(MAX_ROUNDS):
        added_before = len(chart.tokens)
        for rule in rules:
            dims = [i.dim for i in rule.items if isinstance(i, Dim)]
            only = None
            if fresh is not None:
                new = [dim for dim in dims if dim in fresh]
                if not new:
                    continue  # nothing it reads is new: it would only find what it found before
                first = rule.items[0]
                if len(dims) == 1:
                    only = fresh[dims[0]]
                elif new == [first.dim] if isinstance(first, Dim) else False:
                    only = fresh[first.dim]  # only its first token's dim gained: start from the new ones
            for start in _rule_starts(chart, rule, only):
                for end, parts in _match_items(chart, rule, 0, start):
                    value = rule.produce(parts, chart)
                    if value is None:
                        continue
                    children = tuple(part for part in parts if isinstance(part, Token))
                    chart.add(Token(rule.dim, value, start, end, rule.name, children))
        if len(chart.tokens) == added_before:
            break
        fresh = defaultdict(set)
        for token in chart.tokens[added_before:]:
            fresh[token.dim].add(token.start)
    return chart


def _rule_starts(chart: Chart, rule: Rule, only: set[int] | None = None) -> list[int]:
    """Where ``rule`` can start. A rule that opens with a token needs what follows it right after the
    token: a regex that matches there or a token that starts there, so only those tokens are tried — most
    of a document's dates have nothing after them that a rule reads. ``only``: the starts of the tokens
    its one token item may take (the new ones)."""
    first = rule.items[0]
    second = rule.items[1] if len(rule.items) > 1 else None
    if isinstance(first, Regex):
        if isinstance(second, Dim):
            return chart.regex_starts_before(first.pattern, second.dim, first.reach, only)
        return list(first.starts(chart))
    if second is None:
        return list(first.starts(chart) if only is None else sorted(only))
    spaced = rule.spaced
    tokens = chart._by_dim.get(first.dim, ())
    if only is not None:
        tokens = [token for token in tokens if token.start in only]
    found = set()
    if isinstance(second, Regex):
        match, text = second.pattern.match, chart.text
        for token in tokens:
            end = token.end
            if match(text, end) or (spaced and text[end : end + 1] == " " and match(text, end + 1)):
                found.add(token.start)
        return sorted(found)
    places = chart._starts_by_dim.get(second.dim, ())
    if not places:
        return []
    for token in tokens:
        end = token.end
        if end in places or (spaced and end + 1 in places):
            found.add(token.start)
    return sorted(found)


def _match_items(chart: Chart, rule: Rule, index: int, position: int) -> Iterator[tuple[int, list]]:
    """Every way the items from ``index`` on match from ``position``: (end, parts)."""
    item = rule.items[index]
    last = index == len(rule.items) - 1
    for end, part in item.match(chart, position):
        if last:
            yield end, [part]
            continue
        following = [end]
        if rule.spaced and chart.text[end : end + 1] == " ":
            following.append(end + 1)
        for next_position in following:
            for final, rest in _match_items(chart, rule, index + 1, next_position):
                yield final, [part, *rest]


def anonymous(pattern: str) -> str:
    """``pattern`` with its groups' names dropped, to join it with other patterns in one regex."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def rules_needed(grammar: Sequence[Rule], groups, text: str, dates_joined: Callable[[], bool]) -> tuple:
    """The rules of ``grammar`` that ``text`` needs, in the grammar's order (empty: none). ``groups`` pairs a
    trigger (a regex, or a function of the text) with the names of the rules it wakes; a None trigger asks
    ``dates_joined()`` instead. Each trigger is searched apart: one alternation of them all scans slower
    than separate searches, which skip ahead on their literal first characters (a trigger should open on
    a rare character: a class of common ones, or a look-behind, is tried at nearly every position)."""
    names: set[str] = set()
    for trigger, group in groups:
        if group <= names:
            continue  # its rules are woken already
        if trigger is None:
            found = dates_joined()
        else:
            found = trigger(text) if callable(trigger) else trigger.search(text)
        if found:
            names |= group
    return tuple(rule for rule in grammar if rule.name in names) if names else ()


def select(tokens: Iterable[Token], dims: Iterable[str], *, priority: Callable[[Token], int] | None = None) -> list[Token]:
    """The best non-overlapping tokens of ``dims``, in text order.

    Greedy over the tokens ranked longest first, then fewest rules, then highest priority (``priority``,
    or the rule's), then earliest start: a token is kept unless it overlaps one kept before it.
    """
    wanted = set(dims)
    # The key is built inline (a document may hold tens of thousands of tokens): a leaf's size is 1.
    ranked = sorted(
        (token for token in tokens if token.dim in wanted),
        key=lambda t: (t.start - t.end, t.size if t.children else 1, -priority(t) if priority else 0, t.start),
    )
    kept: list[Token] = []
    occupied = bytearray(max((t.end for t in ranked), default=0))  # one byte a character: linear
    for token in ranked:
        start, end = token.start, token.end
        if occupied.find(1, start, end) != -1:
            continue
        kept.append(token)
        occupied[start:end] = b"\x01" * (end - start)
    return sorted(kept, key=lambda t: (t.start, t.end))
