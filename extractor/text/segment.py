"""Word segmentation with offsets: jieba for Han text, whitespace-delimited runs for everything else.

jieba is loaded once per process (its dictionary takes about a second) and kept in a private
``jieba.Tokenizer`` so that words added for one purpose never leak into a user's global jieba.

:func:`segment` runs jieba's own algorithm (``Tokenizer.cut`` with ``HMM=True``: blocks split by jieba's
expressions, the dictionary DAG, the best route, the HMM for runs of single characters) in one function,
with the log frequency of each dictionary word computed once per process instead of at every place it
could start: the same arithmetic in the same order, so the same words, only faster. tests compare it with
``Tokenizer.tokenize``.

Where ``jieba-fast-dat`` is installed (a dependency on the platforms it ships wheels for; MIT), the best
route through each block comes from its C++ port of the DAG and the route search, over jieba's own
dictionary file; the walk along it and jieba's own HMM stay here. Its whole ``cut`` is not used: its HMM
port cuts `1.5` and `18%` apart and splits some runs jieba's HMM keeps as single characters. With the
C++ route the cut of 1 MB of People's Daily takes a quarter of the time, the words are the same (tests
compare both routes with ``Tokenizer.tokenize``), and the prefix dictionary need not be loaded. Its
double-array trie is kept in the extractor's own cache folder (``extractor/cache.py``), never in the
shared temporary folder where the package would put it.
"""

from __future__ import annotations

import functools
import logging
import os
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


def word_frequency():
    """A function giving a word's frequency in jieba's dictionary (0 or None: no word of its own). From the
    C++ trie where it is installed, which spares a start loading the Python dictionary (half a second)."""
    fast = _fast_route()
    return fast[1] if fast is not None else _tokenizer().FREQ.get


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


@functools.lru_cache(maxsize=1)
def _fast_route():
    """A function giving jieba's best route through a Han block (``route[i]``: the last index of the word
    that starts at ``i``) from jieba-fast-dat's C++ DAG over jieba's dictionary, or None where the package
    is not installed."""
    try:
        from jieba_fast_dat import _jieba_fast_dat_functions as functions
        from jieba_fast_dat.core.tokenizer import Tokenizer
    except ImportError:
        return None
    import jieba

    from extractor import cache

    with jieba.get_dict_file() as file:
        dictionary, data = file.name, file.read()
    tokenizer = Tokenizer(dictionary=dictionary)
    folder = cache.cache_dir()
    stored = folder / f"jieba-fast-dat-{cache.digest(jieba.__version__, _fast_version(), data)[:24]}.dat" if folder else None
    if stored is not None and stored.is_file() and tokenizer.dat.load_all(str(stored)) == 0:
        tokenizer.total = tokenizer.dat.total_freq
    else:
        tokenizer.total = functions.load_main_dict_from_path_pybind(tokenizer.dat, dictionary, {})
        if stored is not None:
            _save_trie(tokenizer.dat, stored)
    trie, total, best_route = tokenizer.dat, float(tokenizer.total), functions._get_DAG_and_calc

    def route(block: str) -> list[int]:
        found: list[int] = []
        best_route(trie, block, found, total)
        return found

    frequency = functools.partial(functions._get_freq, trie)
    return route, frequency


def _fast_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jieba-fast-dat")
    except PackageNotFoundError:
        return "unknown"


def _save_trie(trie, path) -> None:
    """Written under a temporary name and moved into place: a reader never loads half a trie. An error
    (a read-only or full disk) costs the speed-up of the next start, never this run."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        trie.save_all(str(temporary))
        os.replace(temporary, path)
    except (OSError, RuntimeError):
        try:
            temporary.unlink()
        except OSError:
            pass


def _cut(sentence: str, fast: bool = True):
    """The words of ``Tokenizer.cut(sentence, HMM=True)``, in order (``fast=False``: the Python route)."""
    route = _fast_route() if fast else None
    re_han, re_skip, _ = _jieba_parts()
    _check_hmm_words()
    words: list[str] = []
    for blk in re_han.split(sentence):
        if not blk:
            continue
        if re_han.match(blk):
            _cut_dag(blk, words, route)
        else:
            for x in re_skip.split(blk):
                if re_skip.match(x):
                    words.append(x)
                else:
                    words.extend(x)
    return words


def _cut_dag(sentence: str, words: list[str], fast_route=None) -> None:
    """``Tokenizer.__cut_DAG``: get_DAG and calc in one pass from the end, then the walk with the HMM for
    runs of single characters."""
    if fast_route is not None:
        best_route, frequency = fast_route
        _walk(sentence, best_route(sentence), words, frequency)
        return
    tokenizer = _tokenizer()
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
    _walk(sentence, route, words, freq.get)


def _walk(sentence: str, route, words: list[str], frequency) -> None:
    """Along the best route (``route[i]``: the last index of the word starting at ``i``), a run of single
    characters goes to jieba's HMM unless it is a dictionary word (``_flush_singles``; ``frequency``: a
    word's count in the dictionary, 0 or None for none)."""
    hmm_cut = _jieba_parts()[2]
    n = len(sentence)
    x = 0
    buf = ""
    while x < n:
        y = route[x] + 1
        l_word = sentence[x:y]
        if y - x == 1:
            buf += l_word
        else:
            if buf:
                _flush_singles(buf, words, frequency, hmm_cut)
                buf = ""
            words.append(l_word)
        x = y
    if buf:
        _flush_singles(buf, words, frequency, hmm_cut)


def _flush_singles(buf: str, words: list[str], frequency, hmm_cut) -> None:
    """A run of single characters on the best route: one word, a dictionary word's letters, or the
    HMM's words for an unknown run (jieba's rule)."""
    if len(buf) == 1:
        words.append(buf)
    elif not frequency(buf):
        cut = _HMM_WORDS.get(buf)
        if cut is None:
            if len(_HMM_WORDS) >= HMM_CACHE_SIZE:
                _HMM_WORDS.clear()
            cut = _HMM_WORDS[buf] = tuple(hmm_cut(buf))
        words.extend(cut)
    else:
        words.extend(buf)


# The HMM's words for a run of single characters, kept: the same runs (这是, 他说, 1998年, a name) come back
# again and again, and the HMM is the slowest part of the cut. jieba's HMM reads nothing but the run (no
# words are added to its force-split list here); emptied when full, so memory stays flat.
HMM_CACHE_SIZE = 100_000
_HMM_WORDS: dict[str, tuple[str, ...]] = {}
_force_split_size = [0]


def _check_hmm_words() -> None:
    """Forget the kept HMM words when jieba's (process-wide) force-split list changed: a caller tuning
    jieba elsewhere (``suggest_freq``) changes what the HMM returns."""
    from jieba import finalseg

    size = len(finalseg.Force_Split_Words)
    if size != _force_split_size[0]:
        _HMM_WORDS.clear()
        _force_split_size[0] = size
