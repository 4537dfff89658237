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

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources

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
        )
        for rule in raw["rules"]
    )


def _spam_phrases(sentence: str, keyword: re.Pattern) -> set[str]:
    phrases = set()
    for run in _WORD_RUN.finditer(sentence):
        if keyword.search(run.group()):
            phrase = _NOTICE_SUFFIX.sub("", run.group())
            if len(phrase) >= MIN_PHRASE_CHARS:
                phrases.add(phrase)
    return phrases


def find_boilerplate(text: str, sentences: list[tuple[int, int]]) -> BoilerplateFindings:
    rules = load_rules()
    keyword_rules = [rule for rule in rules if rule.spam_keyword]
    findings = BoilerplateFindings()
    phrases: set[str] = set()
    flagged_lines: dict[int, str] = {}
    line_ids = _line_ids(text, sentences)
    for index, (start, end) in enumerate(sentences):
        sentence = text[start:end]
        if line_ids[index] in flagged_lines:
            findings.sentence_rules[index] = flagged_lines[line_ids[index]]
        else:
            for rule in rules:
                if rule.max_chars is not None and end - start > rule.max_chars:
                    continue
                if rule.pattern.search(sentence):
                    findings.sentence_rules[index] = rule.name
                    if rule.scope == "line":
                        flagged_lines[line_ids[index]] = rule.name
                    break
        if index in findings.sentence_rules:
            for rule in keyword_rules:
                phrases |= _spam_phrases(sentence, rule.pattern)
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
    """Line number of each sentence, counted incrementally (sentences are in order)."""
    ids = []
    line = 0
    previous = 0
    for start, _ in sentences:
        # Line breaks as the sentence splitter reads them: \r\n, \n, or a lone \r (old Mac files).
        line += len(_LINE_BREAK.findall(text, previous, start))
        previous = start
        ids.append(line)
    return ids
