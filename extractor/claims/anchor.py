"""Fast skipping for rule regexes: a lookahead on the characters a match can start with.

Most rule patterns open with optional modifiers (约, 超过, more than), so Python's regex engine cannot
tell which positions may start a match and tries the whole pattern at every character. This module
reads the parsed pattern, collects the set of characters its first consumed character can be, and
prefixes the pattern with ``(?=[that set])``: the engine then skips every other position cheaply. The
lookahead only removes positions where no match could start, so matches are exactly the same.
"""

from __future__ import annotations

import re
import sys
from re import _constants as c  # noqa: the parsed-pattern opcodes; stable across CPython 3.11+

from extractor.text import regexfacts
from extractor.text import compiled

_CATEGORIES = {
    c.CATEGORY_DIGIT: r"\d",
    c.CATEGORY_NOT_DIGIT: r"\D",
    c.CATEGORY_SPACE: r"\s",
    c.CATEGORY_NOT_SPACE: r"\S",
    c.CATEGORY_WORD: r"\w",
    c.CATEGORY_NOT_WORD: r"\W",
}


class _Unbounded(Exception):
    """The first character can be anything: no useful anchor."""


_FOLDED = "\0i"  # marks a class piece that must match case-insensitively (inside (?i:[...]))


def _literal(code: int, ignore_case: bool) -> set[str]:
    # Case-insensitive pieces go into an (?i:...) class, so the engine's own folding applies: it also
    # matches ſ for s and K (Kelvin) for k, which .lower()/.upper() variants would miss.
    piece = re.escape(chr(code))
    return {_FOLDED + piece} if ignore_case else {piece}


def _first(items, ignore_case: bool) -> tuple[set[str], bool]:
    """(class pieces, nullable) for a sequence of parsed items."""
    pieces: set[str] = set()
    for op, av in items:
        found, nullable = _first_item(op, av, ignore_case)
        pieces |= found
        if not nullable:
            return pieces, False
    return pieces, True


def _first_item(op, av, ignore_case: bool) -> tuple[set[str], bool]:
    if op is c.LITERAL:
        return _literal(av, ignore_case), False
    if op is c.IN:
        pieces = set()
        for item_op, item_av in av:
            if item_op is c.NEGATE:
                raise _Unbounded
            if item_op is c.LITERAL:
                pieces |= _literal(item_av, ignore_case)
            elif item_op is c.RANGE:
                low, high = item_av
                piece = f"{re.escape(chr(low))}-{re.escape(chr(high))}"
                pieces.add(_FOLDED + piece if ignore_case else piece)
            elif item_op is c.CATEGORY and item_av in _CATEGORIES:
                pieces.add(_CATEGORIES[item_av])
            else:
                raise _Unbounded
        return pieces, False
    if op is c.BRANCH:
        pieces, nullable = set(), False
        for branch in av[1]:
            found, branch_nullable = _first(branch, ignore_case)
            pieces |= found
            nullable = nullable or branch_nullable
        return pieces, nullable
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, pattern = av
        case = (ignore_case or bool(add_flags & c.SRE_FLAG_IGNORECASE)) and not (del_flags & c.SRE_FLAG_IGNORECASE)
        return _first(pattern, case)
    if op is c.ATOMIC_GROUP:
        return _first(av, ignore_case)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        minimum, _maximum, pattern = av
        found, nullable = _first(pattern, ignore_case)
        return found, nullable or minimum == 0
    if op is c.ASSERT and av[0] == 1:
        # A lookahead at this point already names what may come next: (?=[\d今明]) is an anchor itself.
        found, nullable = _first(av[1], ignore_case)
        if not nullable and found:
            return found, False
        return set(), True
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), True  # zero-width: the next item decides
    raise _Unbounded  # ANY, NOT_LITERAL, group references …


def anchored(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` with a first-character lookahead, or ``pattern`` itself when none can be derived."""
    source = anchored_source(pattern)
    return pattern if source is None else compiled.compile(source, pattern.flags)


def anchored_all(name: str, patterns: list[re.Pattern]) -> list[re.Pattern]:
    """:func:`anchored` of each pattern, the derivation kept between runs in the artefact cache
    (extractor/cache.py) under ``name``: it parses every pattern again, a third of a second at each start."""
    from extractor import cache

    key = cache.digest(
        cache.source_of(regexfacts, sys.modules[__name__]), *(f"{p.pattern}\0{p.flags}" for p in patterns)
    )
    sources = cache.cached(name, key, lambda: [anchored_source(pattern) for pattern in patterns])
    return [
        pattern if source is None else compiled.compile(source, pattern.flags)
        for pattern, source in zip(patterns, sources)
    ]


def anchored_source(pattern: re.Pattern) -> str | None:
    """The source of ``pattern`` with its first-character lookahead, or None when none can be derived."""
    try:
        parsed, _ = regexfacts.parse(pattern.pattern, pattern.flags)  # parsed once for the prefilter too
        pieces, nullable = _first(list(parsed), bool(pattern.flags & re.IGNORECASE))
    except _Unbounded:
        return None
    if nullable or not pieces:
        return None
    exact = "".join(sorted(p for p in pieces if not p.startswith(_FOLDED)))
    folded = "".join(sorted(p[len(_FOLDED) :] for p in pieces if p.startswith(_FOLDED)))
    classes = ([f"[{exact}]"] if exact else []) + ([f"(?i:[{folded}])"] if folded else [])
    return f"(?={'|'.join(classes)})(?:{pattern.pattern})"
