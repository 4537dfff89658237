"""Traditional Chinese read as simplified, one character for one (``to_simplified``).

The Chinese entity model, jieba and the name lexicon were all built from simplified text, so a Hong
Kong or Taiwan article (臉書, 輝達, 瀋陽) is converted before they see it. The table
(``extractor/data/text/t2s_chars.tsv``, built by ``training/build_t2s.py`` from OpenCC) only maps one
character to one, so the converted text has the same length and every offset found in it is an offset
in the original: mentions keep the document's own characters.
"""

from __future__ import annotations

import functools
from importlib import resources


@functools.lru_cache(maxsize=1)
def _table() -> dict[int, int]:
    path = resources.files("extractor") / "data" / "text" / "t2s_chars.tsv"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        traditional, simplified = line.split("\t")
        table[ord(traditional)] = ord(simplified)
    return table


def simplified_table() -> dict[int, int]:
    """Traditional code point → simplified code point (OpenCC's characters, one for one)."""
    return _table()


def to_simplified(text: str) -> str:
    """``text`` with traditional characters replaced by their simplified forms; same length."""
    return text.translate(_table())


@functools.lru_cache(maxsize=1)
def _traditional_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for traditional, simplified in _table().items():
        forms[chr(simplified)] = forms.get(chr(simplified), chr(simplified)) + chr(traditional)
    return forms


def all_spellings(word: str, *, limit: int = 64) -> list[str]:
    """``word`` and its traditional spellings, one character for one (劳动节, 勞動節, 勞动节 ...), for word
    lists written in simplified Chinese; at most ``limit`` of them (a short name has a handful)."""
    import itertools

    forms = _traditional_forms()
    choices = [forms.get(c, c) for c in word]
    return ["".join(combination) for combination in itertools.islice(itertools.product(*choices), limit)]
