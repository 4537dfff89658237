"""Facts about a regex, read from its parsed form: what a match can consume and what it must contain.

- :func:`alphabet`: every character a match can consume (None when unbounded: ``.``, ``[^…]``, ``\\D``);
- :func:`requirements`: character sets of which every match contains at least one character each
  (``2025年`` must contain ``年``); assertions are left out, they consume nothing;
- :func:`reach`: how far past the end of a run of alphabet characters the engine may read (lookaheads);
- :func:`char_class`: a regex matching one character of such a set.

The claim prefilter (claims/prefilter.py) and the boilerplate pass (text/boilerplate.py) use them to skip
text where a pattern cannot match. Only the speed of those passes depends on the choice among valid sets
(the frequency guesses below), never what they find.
"""

from __future__ import annotations

import functools
import re
from re import _constants as c  # noqa: the parsed-pattern opcodes; stable across CPython 3.11+
from re import _parser

# Very frequent characters of Chinese news text: a poor choice of trigger when a rarer one will do. Only
# the choice between valid trigger sets depends on this list, never what a rule finds.
_FREQUENT = set(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家"
    "种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心本前开但因只从想实日者意无力它与长把机十民第"
    "公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应向新二等产或月合回代内信表化老给位次度门任常先海通"
    "教原东声提立及比员解水名真论处走义各入几口认条平系气题活更别打女变四神总何电数安少报才结反受目太量再感建务做接"
    "必场件计管期市直资命山金指克许统区保至队形社便空决治展马科司五基万千百亿元"
)
_HEAVY = 50  # weight of a category (\d, \s, \w) in a candidate trigger set

_CATEGORIES = {
    c.CATEGORY_DIGIT: r"\d",
    c.CATEGORY_SPACE: r"\s",
    c.CATEGORY_WORD: r"\w",
}


class Unbounded(Exception):
    """A match can consume characters of no fixed set (., [^…], \\D …): no alphabet."""


# A character set is a frozenset of atoms: ("c", ch) one character, ("r", lo, hi) a code-point range,
# ("k", r"\d") a category; the ("ic", …)/("ir", …) forms match case-insensitively.
Atoms = frozenset


def _literal(code: int, ignore_case: bool) -> Atoms:
    return frozenset({("ic" if ignore_case else "c", chr(code))})


def _in_atoms(items, ignore_case: bool) -> Atoms:
    atoms = set()
    for op, av in items:
        if op is c.NEGATE:
            raise Unbounded
        if op is c.LITERAL:
            atoms |= _literal(av, ignore_case)
        elif op is c.RANGE:
            atoms.add(("ir" if ignore_case else "r", av[0], av[1]))
        elif op is c.CATEGORY and av in _CATEGORIES:
            atoms.add(("k", _CATEGORIES[av]))
        else:
            raise Unbounded
    return frozenset(atoms)


def _flags(add: int, delete: int, ignore_case: bool) -> bool:
    return (ignore_case or bool(add & c.SRE_FLAG_IGNORECASE)) and not (delete & c.SRE_FLAG_IGNORECASE)


# --- alphabet: every character a match can consume ------------------------------------------------------
def _alphabet(items, ignore_case: bool) -> set:
    atoms: set = set()
    for op, av in items:
        if op is c.LITERAL:
            atoms |= _literal(av, ignore_case)
        elif op is c.IN:
            atoms |= _in_atoms(av, ignore_case)
        elif op is c.BRANCH:
            for branch in av[1]:
                atoms |= _alphabet(branch, ignore_case)
        elif op is c.SUBPATTERN:
            _group, add, delete, pattern = av
            atoms |= _alphabet(pattern, _flags(add, delete, ignore_case))
        elif op is c.ATOMIC_GROUP:
            atoms |= _alphabet(av, ignore_case)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            atoms |= _alphabet(av[2], ignore_case)
        elif op is c.GROUPREF_EXISTS:
            _group, yes, no = av
            atoms |= _alphabet(yes, ignore_case)
            if no is not None:
                atoms |= _alphabet(no, ignore_case)
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT, c.GROUPREF):
            pass  # zero-width, or a repeat of characters a group already consumed
        else:
            raise Unbounded  # ANY, NOT_LITERAL …
    return atoms


# --- lookahead reach: how far past a run's end the engine may look ------------------------------------
def _bounded(pattern) -> int | None:
    high = pattern.getwidth()[1]
    return None if high >= c.MAXREPEAT else high


def _reach(items, loose: list) -> int:
    """Characters past the end of a run that the assertions of a match inside the run may read.

    A lookahead reads at most its width (plus the reach of the lookaheads inside it). A negative lookahead
    of unbounded width is let through when its inside is monotone (see :func:`_monotone`), and noted in
    ``loose``: on a text cut short it can only succeed where the whole text makes it fail, never the
    other way round, so a caller that searches a cut text must re-take every match it finds on the whole
    text. A spurious start is then dropped, and no real one is missed."""
    total = 0
    for op, av in items:
        if op is c.ASSERT or op is c.ASSERT_NOT:
            direction, pattern = av
            if direction == 1:
                high = _bounded(pattern)
                if high is not None:
                    total += high + _reach(pattern, loose)
                elif op is c.ASSERT_NOT and _monotone(pattern):
                    loose.append(pattern)
                else:
                    raise Unbounded
            else:
                total += _reach(pattern, loose)
        elif op is c.BRANCH:
            total += sum(_reach(branch, loose) for branch in av[1])
        elif op is c.SUBPATTERN:
            total += _reach(av[3], loose)
        elif op is c.ATOMIC_GROUP:
            total += _reach(av, loose)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            total += _reach(av[2], loose)
        elif op is c.GROUPREF_EXISTS:
            total += _reach(av[1], loose) + (_reach(av[2], loose) if av[2] is not None else 0)
        elif op not in _LEAVES:
            raise Unbounded  # an opcode this module does not know: it might read ahead
    return total


_LEAVES = (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY, c.AT, c.GROUPREF)  # opcodes holding no pattern


def _monotone(items) -> bool:
    """True when a match of ``items`` in a prefix of a text is also a match in the whole text: no negative
    assertion, no end or word-boundary anchor, nothing atomic or possessive."""
    for op, av in items:
        if op in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY, c.GROUPREF):
            continue
        if op is c.BRANCH:
            if not all(_monotone(branch) for branch in av[1]):
                return False
        elif op is c.SUBPATTERN:
            if not _monotone(av[3]):
                return False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            if not _monotone(av[2]):
                return False
        elif op is c.ASSERT:
            if not _monotone(av[1]):
                return False
        else:
            return False
    return True


# --- requirements: character sets every match must contain one character of -------------------------
@functools.lru_cache(maxsize=65536)
def _weight(char: str) -> int:
    if char.isdigit():
        return 16
    return 8 if char in _FREQUENT or char in " .,-" else 1


@functools.lru_cache(maxsize=65536)
def _cost(atoms: Atoms) -> int:
    """A rough count of how often a character of ``atoms`` turns up in news text (lower is rarer)."""
    cost = 0
    for atom in atoms:
        if atom[0] == "k":
            cost += _HEAVY
        elif atom[0] in ("r", "ir"):
            cost += min(_HEAVY, sum(_weight(chr(code)) for code in range(atom[1], min(atom[2], atom[1] + _HEAVY) + 1)))
        else:
            cost += _weight(atom[1])
    return cost


def _requirements(items, ignore_case: bool) -> list[Atoms]:
    """Sets of which every match of the sequence ``items`` contains a character (each one on its own)."""
    found: list[Atoms] = []
    for op, av in items:
        if op is c.LITERAL:
            found.append(_literal(av, ignore_case))
        elif op is c.IN:
            try:
                found.append(_in_atoms(av, ignore_case))
            except Unbounded:
                pass
        elif op is c.BRANCH:
            union = _branch_requirement([_requirements(branch, ignore_case) for branch in av[1]])
            if union is not None:
                found.append(union)
        elif op is c.SUBPATTERN:
            _group, add, delete, pattern = av
            found.extend(_requirements(pattern, _flags(add, delete, ignore_case)))
        elif op is c.ATOMIC_GROUP:
            found.extend(_requirements(av, ignore_case))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            if av[0] >= 1:
                found.extend(_requirements(av[2], ignore_case))
    return found


def _branch_requirement(branches: list[list[Atoms]]) -> Atoms | None:
    """One set for an alternation: the union of one required set per branch. Chosen greedily, once
    preferring sets that cover many branches (年 in 今年|去年|明年) and once preferring cheap sets, and the
    cheaper union kept."""
    if not branches or any(not options for options in branches):
        return None

    def cover(by_coverage: bool) -> frozenset:
        union: set = set()
        uncovered = list(range(len(branches)))
        while uncovered:
            candidates = {atoms for i in uncovered for atoms in branches[i]}

            def score(atoms):
                covers = sum(1 for i in uncovered if atoms in branches[i])
                cost = _cost(atoms - union)
                key = (-covers, cost) if by_coverage else (-covers / max(1, cost),)
                return (*key, sorted(map(str, atoms)))

            best = min(candidates, key=score)
            union |= best
            uncovered = [i for i in uncovered if not any(option <= union for option in branches[i])]
        return frozenset(union)

    return min((cover(True), cover(False)), key=lambda atoms: (_cost(atoms), sorted(map(str, atoms))))


# --- word requirements: strings of which every match contains one ------------------------------------
WORDS_CAP = 300  # the most strings one word requirement may list


@functools.lru_cache(maxsize=65536)
def _word_cost(words: frozenset[str]) -> float:
    """Like :func:`_cost`, for a set of strings: a string is rarer the longer it is (numbers excepted:
    digits come in runs, so 19 is about as common as 1)."""
    return sum(min(map(_weight, word)) / (1 if word.isdigit() else 4 ** (len(word) - 1)) for word in words)


def _language(items, ignore_case: bool) -> frozenset[str] | None:
    """Every string the sequence ``items`` can consume (assertions consume nothing), when the strings are
    few (at most WORDS_CAP); None otherwise."""
    strings = {""}
    for op, av in items:
        part = _item_language(op, av, ignore_case)
        if part is None:
            return None
        strings = {a + b for a in strings for b in part}
        if len(strings) > WORDS_CAP:
            return None
    return frozenset(strings)


def _item_language(op, av, ignore_case: bool) -> frozenset[str] | None:
    if op is c.LITERAL:
        return _char_strings(chr(av), ignore_case)
    if op is c.IN:
        try:
            atoms = _in_atoms(av, ignore_case)
        except Unbounded:
            return None
        strings: set[str] = set()
        for atom in atoms:
            if atom[0] in ("c", "ic"):
                found = _char_strings(atom[1], atom[0] == "ic")
            elif atom[0] == "r" and atom[2] - atom[1] < 16:
                found = frozenset(map(chr, range(atom[1], atom[2] + 1)))
            else:
                return None
            if found is None:
                return None
            strings |= found
        return frozenset(strings)
    if op is c.BRANCH:
        strings = set()
        for branch in av[1]:
            found = _language(branch, ignore_case)
            if found is None:
                return None
            strings |= found
            if len(strings) > WORDS_CAP:
                return None
        return frozenset(strings)
    if op is c.SUBPATTERN:
        _group, add, delete, pattern = av
        return _language(pattern, _flags(add, delete, ignore_case))
    if op is c.ATOMIC_GROUP:
        return _language(av, ignore_case)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, pattern = av
        inner = _language(pattern, ignore_case)
        if inner is None or high > 4:
            return None
        strings, power = set(), {""}
        for count in range(high + 1):
            if count >= low:
                strings |= power
            if count < high:
                power = {a + b for a in power for b in inner}
            if len(strings) > WORDS_CAP or len(power) > WORDS_CAP:
                return None
        return frozenset(strings)
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return frozenset({""})
    return None


def _char_strings(char: str, ignore_case: bool) -> frozenset[str] | None:
    if not ignore_case:
        return frozenset({char})
    variants = _case_variants(char)
    return None if variants is None else frozenset(variants)


def _words(items, ignore_case: bool, depth: int = 0) -> list[frozenset[str]]:
    """String sets of which every match of the sequence ``items`` contains one string as a substring: the
    strings of a stretch of consecutive items (年代, 上周|下周|本周 …), or of one item inside them (down to
    a few levels: deeper ones are rarely worth the time it takes to read them)."""
    found: list[frozenset[str]] = []
    for i in range(len(items)):
        for j in range(i + 1, min(len(items), i + WORDS_SPAN) + 1):
            strings = _language(items[i:j], ignore_case)
            if strings is None:
                break
            if "" not in strings:
                found.append(strings)
    if depth >= WORDS_DEPTH:
        return found
    for op, av in items:
        if op is c.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                options = _words(branch, ignore_case, depth + 1)
                if not options:
                    union = set()
                    break
                union |= min(options, key=lambda words: (_word_cost(words), sorted(words)))
                if len(union) > WORDS_CAP:
                    break
            if union and len(union) <= WORDS_CAP:
                found.append(frozenset(union))
        elif op is c.SUBPATTERN:
            _group, add, delete, pattern = av
            found.extend(_words(pattern, _flags(add, delete, ignore_case), depth + 1))
        elif op is c.ATOMIC_GROUP:
            found.extend(_words(av, ignore_case, depth + 1))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            found.extend(_words(av[2], ignore_case, depth + 1))
    return found


WORDS_SPAN, WORDS_DEPTH = 5, 3  # the longest stretch of items, and how deep into groups words are read


def words(items, ignore_case: bool) -> list[frozenset[str]]:
    """Word requirements of a match (see :func:`_words`), the rarest first."""
    return sorted(set(_words(items, ignore_case)), key=lambda strings: (_word_cost(strings), sorted(strings)))


def word_cost(strings) -> float:
    """Like :func:`cost`, for a set of strings."""
    return _word_cost(frozenset(strings))


def word_pattern(strings) -> str:
    """A regex matching one of ``strings`` (the longest first)."""
    return "|".join(re.escape(word) for word in sorted(strings, key=lambda word: (-len(word), word)))


# --- regex classes from atoms ---------------------------------------------------------------------------
# What an ASCII letter matches under IGNORECASE (the re documentation lists it: the 52 ASCII letters and
# İ ı ſ K); spelled out, a case-insensitive class becomes a plain one, which the engine scans faster.
_ASCII_FOLDS = {"i": "iI\u0130\u0131", "k": "kK\u212a", "s": "sS\u017f"}


@functools.lru_cache(maxsize=4096)
def _case_variants(char: str) -> str | None:
    """Every character ``(?i:char)`` matches, for ASCII ``char``; None for any other."""
    if not char.isascii():
        return None
    if not char.isalpha():
        return char
    return _ASCII_FOLDS.get(char.lower(), char.lower() + char.upper())


def _class(atoms) -> str:
    """A regex matching one character of ``atoms``."""
    exact, folded = [], []
    for atom in sorted(atoms, key=str):
        kind = atom[0]
        if kind == "c":
            exact.append(re.escape(atom[1]))
        elif kind == "ic":
            variants = _case_variants(atom[1])
            if variants is None:
                folded.append(re.escape(atom[1]))
            else:
                exact.extend(map(re.escape, variants))
        elif kind == "r":
            exact.append(f"{re.escape(chr(atom[1]))}-{re.escape(chr(atom[2]))}")
        elif kind == "ir":
            folded.append(f"{re.escape(chr(atom[1]))}-{re.escape(chr(atom[2]))}")
        else:
            exact.append(atom[1])
    parts = ([f"[{''.join(exact)}]"] if exact else []) + ([f"(?i:[{''.join(folded)}])"] if folded else [])
    return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"


def empty_means_none(items) -> bool:
    """True for a nullable pattern whose empty match at a position means no other match starts there:
    zero-width assertions, then greedy optional parts that each consume something when they match
    (``(?<!第)X?Y?Z?``). The first part that can match is taken; only when none can is the match empty,
    and ``finditer``, which then retries the position for a non-empty match, finds none and moves on."""
    optional = False
    for op, av in items:
        if op in (c.ASSERT, c.ASSERT_NOT) and not optional:
            continue
        if op is c.MAX_REPEAT and av[0] == 0 and av[2].getwidth()[0] > 0:
            optional = True
            continue
        return False
    return optional


@functools.lru_cache(maxsize=512)
def parse(source: str, flags: int = 0) -> tuple[tuple, bool]:
    """The parsed items of a pattern and whether it starts case-insensitive (cached: parsing the long
    English date patterns is most of what reading them costs; callers must not change the items)."""
    return tuple(_parser.parse(source, flags)), bool(flags & re.IGNORECASE)


def alphabet(items, ignore_case: bool) -> Atoms | None:
    """Every character a match can consume, or None when that is no fixed set."""
    try:
        return frozenset(_alphabet(items, ignore_case))
    except Unbounded:
        return None


def requirements(items, ignore_case: bool) -> list[Atoms]:
    """Required character sets of a match, the rarest first."""
    return sorted(_requirements(items, ignore_case), key=lambda atoms: (_cost(atoms), sorted(map(str, atoms))))


def reach(items) -> tuple[int, bool] | None:
    """(characters, exact): how far past the end of a run of alphabet characters the assertions of a
    match inside the run may read, and whether that bound holds for all of them (False when a monotone
    negative lookahead may read further, see :func:`_reach`). None when a lookahead can read arbitrarily
    far and its outcome on a cut text says nothing."""
    loose: list = []
    try:
        return _reach(items, loose), not loose
    except Unbounded:
        return None


def char_class(atoms) -> str:
    """A regex matching one character of ``atoms``."""
    return _class(atoms)


def monotone(items) -> bool:
    """No assertion, no anchor, nothing atomic or possessive: see :func:`_monotone`."""
    return _monotone(items)


def _first(items, ignore_case: bool) -> tuple[set, bool]:
    """(atoms, nullable): the characters the first consumed character can be, for a sequence."""
    atoms: set = set()
    for op, av in items:
        if op is c.LITERAL:
            return atoms | _literal(av, ignore_case), False
        if op is c.IN:
            return atoms | _in_atoms(av, ignore_case), False
        if op is c.BRANCH:
            nullable = False
            for branch in av[1]:
                found, branch_nullable = _first(branch, ignore_case)
                atoms |= found
                nullable = nullable or branch_nullable
        elif op is c.SUBPATTERN:
            _group, add, delete, pattern = av
            found, nullable = _first(pattern, _flags(add, delete, ignore_case))
            atoms |= found
        elif op is c.ATOMIC_GROUP:
            found, nullable = _first(av, ignore_case)
            atoms |= found
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            found, nullable = _first(av[2], ignore_case)
            atoms |= found
            nullable = nullable or av[0] == 0
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            nullable = True  # zero-width: the next item decides
        else:
            raise Unbounded  # ANY, NOT_LITERAL, group references …
        if not nullable:
            return atoms, False
    return atoms, True


def first_chars(items, ignore_case: bool) -> Atoms | None:
    """The characters a match can start with, or None when that is no fixed set (or a match can be empty)."""
    try:
        atoms, nullable = _first(items, ignore_case)
    except Unbounded:
        return None
    return None if nullable else frozenset(atoms)


def starts_at_beginning(items) -> bool:
    """The pattern opens with ^ or \\A (outside MULTILINE mode: the start of the string)."""
    return bool(items) and items[0][0] is c.AT and items[0][1] in (c.AT_BEGINNING, c.AT_BEGINNING_STRING)


def reads_only_forward(items) -> bool:
    """No lookbehind, and no anchor but $ and \\Z: matched at ``pos`` with ``endpos``, the pattern reads
    nothing before ``pos`` and sees ``endpos`` as the end, as it would on the slice ``text[pos:endpos]``."""
    for op, av in items:
        if op is c.AT:
            if av not in (c.AT_END, c.AT_END_STRING):
                return False
        elif op in (c.ASSERT, c.ASSERT_NOT):
            if av[0] != 1 or not reads_only_forward(av[1]):
                return False
        elif op is c.BRANCH:
            if not all(reads_only_forward(branch) for branch in av[1]):
                return False
        elif op is c.SUBPATTERN:
            if not reads_only_forward(av[3]):
                return False
        elif op is c.ATOMIC_GROUP:
            if not reads_only_forward(av):
                return False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            if not reads_only_forward(av[2]):
                return False
        elif op is c.GROUPREF_EXISTS:
            if not reads_only_forward(av[1]) or (av[2] is not None and not reads_only_forward(av[2])):
                return False
        elif op not in _LEAVES:
            return False
    return True


def cost(atoms) -> int:
    """A rough count of how often a character of ``atoms`` turns up in news text (lower is rarer)."""
    return _cost(atoms)


def case_variants(char: str) -> str | None:
    """Every character ``(?i:char)`` matches, for ASCII ``char``; None for any other."""
    return _case_variants(char)
