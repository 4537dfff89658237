"""Word segmentation with offsets: jieba for Han text, whitespace-delimited runs for everything else.

jieba is loaded once per process (its dictionary takes about a second) and kept in a private
``jieba.Tokenizer`` so that words added for one purpose never leak into a user's global jieba.

:func:`segment` runs jieba's own algorithm (``Tokenizer.cut`` with ``HMM=True``: blocks split by jieba's
expressions, the dictionary DAG, the best route, the HMM for runs of single characters) in one function,
with the log frequency of each dictionary word computed once per process instead of at every place it
could start: the same arithmetic in the same order, so the same words, only faster. tests compare it with
``Tokenizer.tokenize``.
"""

from __future__ import annotations

import functools
import logging
from math import log


@functools.lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba logs "Building prefix dict..." at INFO on every load
    tokenizer = jieba.Tokenizer()
    # The prefix dictionary is built from jieba's own dictionary file, not through initialize(): that reads
    # (with marshal) and writes a cache at $TMPDIR/jieba.cache, where any local user can plant a file and
    # change our segmentation. Ours lives in the user's own cache folder (extractor/cache.py), keyed by the
    # dictionary's bytes: read back in about a quarter of the time building takes (0.18 s against 0.66 s).
    from extractor import cache

    dictionary = tokenizer.get_dict_file()
    data = dictionary.read()
    dictionary.close()
    key = cache.digest(jieba.__version__, data)
    with tokenizer.lock:
        frequencies, total = cache.cached("jieba-prefix-dict", key, lambda: _prefix_dict(tokenizer, data))
        tokenizer.FREQ, tokenizer.total = frequencies, total
        tokenizer.initialized = True
    return tokenizer


def dictionary_words() -> dict[str, int]:
    """jieba's dictionary: word → frequency (0 for a prefix that is no word of its own)."""
    return _tokenizer().FREQ


def _prefix_dict(tokenizer, data: bytes) -> tuple[dict[str, int], int]:
    import io

    return tokenizer.gen_pfdict(io.BytesIO(data))


_weights: dict[str, float | None] = {}  # FREQ key -> log(frequency) - log(total), None for a bare prefix
_ABSENT = object()
_weights_total: list = [None]  # the tokenizer's total the weights were computed with


def segment(text: str) -> list[tuple[int, int]]:
    """Half-open (start, end) offsets of the words of ``text``; whitespace is never a word."""
    spans = []
    start = 0
    for word in _cut(text):
        width = len(word)
        if not word.isspace():
            spans.append((start, start + width))
        start += width
    return spans


def segment_reference(text: str) -> list[tuple[int, int]]:
    """:func:`segment` through ``jieba.Tokenizer.tokenize`` itself (what the tests compare with)."""
    spans = []
    for word, start, end in _tokenizer().tokenize(text, HMM=True):
        if not word.isspace():
            spans.append((start, end))
    return spans


@functools.lru_cache(maxsize=1)
def _jieba_parts():
    """jieba's block and skip expressions (what ``cut`` splits with) and its HMM ``finalseg.cut``."""
    import jieba
    from jieba import finalseg

    return jieba.re_han_default, jieba.re_skip_default, finalseg.cut


def _cut(sentence: str):
    """The words of ``Tokenizer.cut(sentence, HMM=True)``, in order."""
    re_han, re_skip, _ = _jieba_parts()
    words: list[str] = []
    for blk in re_han.split(sentence):
        if not blk:
            continue
        if re_han.match(blk):
            _cut_dag(blk, words)
        else:
            for x in re_skip.split(blk):
                if re_skip.match(x):
                    words.append(x)
                else:
                    words.extend(x)
    return words


def _cut_dag(sentence: str, words: list[str]) -> None:
    """``Tokenizer.__cut_DAG``: get_DAG and calc in one pass from the end, then the walk with the HMM for
    runs of single characters."""
    tokenizer = _tokenizer()
    hmm_cut = _jieba_parts()[2]
    freq = tokenizer.FREQ
    if _weights_total[0] != tokenizer.total:  # words were added: their frequencies changed the total
        _weights.clear()
        _weights_total[0] = tokenizer.total
    logtotal = log(tokenizer.total)
    weights = _weights
    absent = _ABSENT
    alone = log(1) - logtotal  # a character that starts no dictionary word: log(FREQ.get(c) or 1) - logtotal
    n = len(sentence)
    # route[idx] = max((log(FREQ.get(w) or 1) - logtotal + route[x + 1][0], x) for x in DAG[idx]): the words
    # w = sentence[idx:x + 1] of DAG[idx] are the dictionary words (frequency > 0) among the prefixes that
    # keep inside FREQ, by growing x; ties go to the larger x.
    value = [0.0] * (n + 1)
    value[n] = 0
    route = [0] * (n + 1)
    for idx in range(n - 1, -1, -1):
        best = None
        best_x = idx
        i = idx
        frag = sentence[idx]
        while i < n:
            weight = weights.get(frag, absent)
            if weight is absent:
                count = freq.get(frag, absent)
                if count is absent:
                    break
                weight = weights[frag] = (log(count) - logtotal) if count else None
            if weight is not None:
                v = weight + value[i + 1]
                if best is None or v >= best:
                    best = v
                    best_x = i
            i += 1
            frag = sentence[idx : i + 1]
        if best is None:
            best = alone + value[idx + 1]
            best_x = idx
        value[idx] = best
        route[idx] = best_x
    # the walk
    x = 0
    buf = ""
    while x < n:
        y = route[x] + 1
        l_word = sentence[x:y]
        if y - x == 1:
            buf += l_word
        else:
            if buf:
                _flush_singles(buf, words, freq, hmm_cut)
                buf = ""
            words.append(l_word)
        x = y
    if buf:
        _flush_singles(buf, words, freq, hmm_cut)


def _flush_singles(buf: str, words: list[str], freq, hmm_cut) -> None:
    """A run of single characters on the best route: one word, a dictionary word's letters, or the
    HMM's words for an unknown run (jieba's rule)."""
    if len(buf) == 1:
        words.append(buf)
    elif not freq.get(buf):
        words.extend(hmm_cut(buf))
    else:
        words.extend(buf)
