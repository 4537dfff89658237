"""Word segmentation with offsets: jieba for Han text, whitespace-delimited runs for everything else.

jieba is loaded once per process (its dictionary takes about a second) and kept in a private
``jieba.Tokenizer`` so that words added for one purpose never leak into a user's global jieba.
"""

from __future__ import annotations

import functools
import logging


@functools.lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba logs "Building prefix dict..." at INFO on every load
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def segment(text: str) -> list[tuple[int, int]]:
    """Half-open (start, end) offsets of the words of ``text``; whitespace is never a word."""
    spans = []
    for word, start, end in _tokenizer().tokenize(text, HMM=True):
        if not word.isspace():
            spans.append((start, end))
    return spans
