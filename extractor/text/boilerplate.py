"""Scraper spam and site furniture.

Two passes over the normalised sentences:
1. Each sentence is matched against the named rules in ``data/boilerplate.json`` (spam lines, site
   notices, bylines, disclaimers, copyright and social-media furniture). A ``line`` rule also flags the
   rest of its line, so a disclaimer paragraph goes as a whole.
2. Spam flagged in pass 1 teaches the document its spam phrases (``鑫融配资平台``); scraper sites paste
   the same phrase into real sentences, so every other occurrence becomes an injected-spam span. The
   sentence stays (it carries real claims); only the phrase is masked from the extractors.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources

from extractor.text import regexfacts
from extractor.text.normalize import HAN

INJECTION_RULE = "boilerplate.zh.injected_spam"
# A phrase shorter than this is too likely to be ordinary words (配资 on its own is news vocabulary).
MIN_PHRASE_CHARS = 4
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_WORD_RUN = re.compile(rf"[{HAN}A-Za-z0-9]+")
# Words a site glues to its spam name in a footer (鑫融配资提示: ...): cut them to get the name.
_NOTICE_SUFFIX = re.compile(r"(温馨提示|提示|提醒|声明|官网|网址)$")


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    scope: str
    max_chars: int | None
    spam_keyword: bool
    # No assertion and no anchor (text/regexfacts.py): a match inside a sentence is then a match in the
    # whole text too, so one search of the text tells whether the rule can fire anywhere in it.
    monotone: bool = False
    # For a pattern opening with ^ and reading nothing before the sentence: the pattern without the ^, to be
    # matched at the sentence start on the whole text (match(text, start, end)), which saves slicing.
    at_start: re.Pattern | None = None
    # The characters a sentence must start with for ``at_start`` to match (None: any).
    first_chars: frozenset[str] | None = None


@dataclass
class BoilerplateFindings:
    sentence_rules: dict[int, str] = field(default_factory=dict)  # sentence index -> rule name
    injections: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, sentence index)


@functools.lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    raw = json.loads(resources.files("extractor.data").joinpath("boilerplate.json").read_text("utf-8"))
    return tuple(
        Rule(
            name=rule["name"],
            pattern=re.compile(rule["pattern"]),
            scope=rule["scope"],
            max_chars=rule.get("max_chars"),
            spam_keyword=rule.get("spam_keyword", False),
            monotone=regexfacts.monotone(regexfacts.parse(rule["pattern"])[0]),
            at_start=_at_start(rule["pattern"]),
            first_chars=_first_chars(rule["pattern"]),
        )
        for rule in raw["rules"]
    )


def _first_chars(source: str) -> frozenset[str] | None:
    at_start = _at_start(source)
    if at_start is None:
        return None
    atoms = regexfacts.first_chars(*regexfacts.parse(at_start.pattern, at_start.flags))
    if atoms is None or any(atom[0] != "c" for atom in atoms):
        return None
    return frozenset(atom[1] for atom in atoms)


@functools.lru_cache(maxsize=1)
def _any_monotone() -> re.Pattern:
    """One search for a match of any monotone rule (news text usually has none), behind a lookahead on
    the characters those matches start with."""
    sources = [rule.pattern.pattern for rule in load_rules() if rule.monotone]
    if not sources:
        return re.compile(r"(?!)")
    combined = "|".join(f"(?:{source})" for source in sources)
    starts = regexfacts.first_chars(*regexfacts.parse(combined))
    if starts:
        combined = f"(?={regexfacts.char_class(starts)})(?:{combined})"
    return re.compile(combined)


@functools.lru_cache(maxsize=64)
def _rules_by_first_char(rules: tuple[Rule, ...]) -> tuple[dict[str, tuple[Rule, ...]], tuple[Rule, ...], int | None]:
    """The rules a sentence can match, by its first character, in rule order; those for any other first
    character (the rules that do not open with ^ and a fixed set of characters); and the longest sentence
    one of the latter applies to (None: no limit)."""
    anywhere = tuple(rule for rule in rules if rule.first_chars is None)
    chars = set().union(*(rule.first_chars for rule in rules if rule.first_chars is not None))
    by_first = {
        char: tuple(rule for rule in rules if rule.first_chars is None or char in rule.first_chars) for char in chars
    }
    limits = [rule.max_chars for rule in anywhere]
    reach = None if None in limits else max(limits, default=-1)
    return by_first, anywhere, reach


def _at_start(source: str) -> re.Pattern | None:
    items, _ = regexfacts.parse(source)
    if not source.startswith("^") or not regexfacts.starts_at_beginning(items):
        return None
    rest = regexfacts.parse(source[1:])[0]
    if not regexfacts.reads_only_forward(rest):
        return None
    return re.compile(source[1:])


def _spam_phrases(sentence: str, keyword: re.Pattern) -> set[str]:
    phrases = set()
    for run in _WORD_RUN.finditer(sentence):
        if keyword.search(run.group()):
            phrase = _NOTICE_SUFFIX.sub("", run.group())
            if len(phrase) >= MIN_PHRASE_CHARS:
                phrases.add(phrase)
    return phrases


def find_boilerplate(
    text: str, sentences: list[tuple[int, int]], line_ids: list[int] | None = None
) -> BoilerplateFindings:
    """``line_ids`` (optional): for each sentence a number it shares with the sentences of its line only,
    as sentences.split_sentences_by_line gives them; counted here when left out."""
    rules = load_rules()
    keyword_rules = [rule for rule in rules if rule.spam_keyword]
    findings = BoilerplateFindings()
    phrases: set[str] = set()
    flagged_lines: dict[int, str] = {}
    if line_ids is None:
        line_ids = _line_ids(text, sentences)
    # A monotone rule without a match in the whole text has none in any sentence: leave it out.
    if _any_monotone().search(text) is None:
        live = tuple(rule for rule in rules if not rule.monotone)
    else:
        live = tuple(rule for rule in rules if not rule.monotone or rule.pattern.search(text) is not None)
    by_first, anywhere, anywhere_reach = _rules_by_first_char(live)
    for index, (start, end) in enumerate(sentences):
        if line_ids[index] in flagged_lines:
            findings.sentence_rules[index] = flagged_lines[line_ids[index]]
        else:
            candidates = by_first.get(text[start])
            if candidates is None:
                if anywhere_reach is not None and end - start > anywhere_reach:
                    continue  # too long for every rule that may match it
                candidates = anywhere
            sentence = None
            for rule in candidates:
                if rule.max_chars is not None and end - start > rule.max_chars:
                    continue
                if rule.monotone:
                    found = rule.pattern.search(text, start, end)  # the same as on the slice: no anchors
                elif rule.at_start is not None:
                    found = rule.at_start.match(text, start, end)  # the same as ^… on the slice
                else:
                    if sentence is None:
                        sentence = text[start:end]
                    found = rule.pattern.search(sentence)
                if found:
                    findings.sentence_rules[index] = rule.name
                    if rule.scope == "line":
                        flagged_lines[line_ids[index]] = rule.name
                    break
        if index in findings.sentence_rules:
            for rule in keyword_rules:
                phrases |= _spam_phrases(text[start:end], rule.pattern)
    if phrases:
        # Longest first, so 鑫融配资平台 wins over 鑫融配资 at the same place.
        pattern = re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))
        for index, (start, end) in enumerate(sentences):
            if index in findings.sentence_rules:
                continue
            for match in pattern.finditer(text, start, end):
                findings.injections.append((match.start(), match.end(), index))
    return findings


def _line_ids(text: str, sentences: list[tuple[int, int]]) -> list[int]:
    """Line number of each sentence: the line breaks before its start (\r\n, \n, or a lone \r as old Mac
    files have it, as the sentence splitter reads them). A sentence starts at a non-space character, so no
    \r\n pair straddles a start."""
    breaks = [match.start() for match in _LINE_BREAK.finditer(text)]
    return [bisect.bisect_left(breaks, start) for start, _ in sentences]
