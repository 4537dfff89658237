"""Regular expressions compiled once per installation instead of at every start.

The claim rules are large patterns (the English date rules alone run to tens of thousands of characters),
and Python compiles each one in pure Python at every start: 0.3 s of a Chinese one-article run, 1.2 s of
an English one. :func:`compile` keeps what the compiler produces (the pattern's flags, its engine code and
its group names) in the artefact cache (extractor/cache.py) and rebuilds the pattern object from it with
the regex engine's own constructor, which is what ``re.compile`` itself ends with.

That constructor, ``_sre.compile``, is CPython's internal API. It is used with these guards:
- the cache entry is keyed by the Python version (``cache.digest``) and the engine's ``MAGIC``, so code
  compiled by one interpreter is never given to another;
- the engine validates the code it is given and refuses what is malformed; any failure falls back to
  ``re.compile``, and so does an interpreter without the constructor;
- a pattern built from the cache has the same source, flags and groups as ``re.compile`` gives
  (tests/test_cache.py checks it on every rule).

The result is an ordinary ``re.Pattern``: what it matches cannot differ from a freshly compiled one.
"""

from __future__ import annotations

import hashlib
import marshal
import re
import sys

try:  # CPython's regex engine and compiler (3.11+); elsewhere every pattern is compiled the usual way
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover
    _sre = None

_ENTRY = "compiled-patterns"
MAX_ENTRIES = 5000  # past this many, only the patterns this process used are kept (old code's go)

# sha256 of (source, flags) -> the marshalled (flags, code, groups, groupindex, indexgroup) of that pattern:
# each pattern's code is unmarshalled only when asked for, so a Chinese run does not pay for the English
# patterns' (most of the entry's bytes).
_table: dict | None = None
_used: set = set()
_added = False


def compile(source: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - the re.compile of this module
    """``re.compile(source, flags)``, from the cache when this installation compiled it before."""
    global _added
    if _sre is None or not isinstance(source, str) or flags & re.DEBUG:
        return re.compile(source, flags)
    flags = int(flags)
    key = hashlib.sha256(f"{flags}:{source}".encode("utf-8", "surrogatepass")).hexdigest()
    table = _load()
    stored = table.get(key)
    if stored is not None:
        try:
            pattern = _sre.compile(source, *marshal.loads(stored))
        except Exception:  # noqa: BLE001 - malformed or foreign: compile it the usual way
            del table[key]
        else:
            _used.add(key)
            return pattern
    parts = _compile_parts(source, flags)
    pattern = _sre.compile(source, *parts)
    table[key] = marshal.dumps(parts)
    _used.add(key)
    _added = True
    return pattern


def _compile_parts(source: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands to the engine, as built-in values."""
    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # The opcodes are int subclasses (named constants): plain ints for marshal, the same values for the engine.
    return (int(flags | parsed.state.flags), [int(op) for op in code], parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _key() -> str:
    from extractor import cache

    return cache.digest(_ENTRY, str(getattr(_sre, "MAGIC", "")), cache.source_of(sys.modules[__name__]))


def _load() -> dict:
    global _table
    if _table is None:
        from extractor import cache

        _table = {}
        stored = cache.cached(_ENTRY, _key(), dict)  # an empty table when there is none yet
        if isinstance(stored, dict):
            _table.update(stored)
    return _table


def save() -> None:
    """Store the patterns compiled since the last save (nothing to do when every one came from the cache).
    Called once the rules of a language are built."""
    global _added
    if not _added or _table is None:
        return
    from extractor import cache

    table = _table if len(_table) <= MAX_ENTRIES else {key: _table[key] for key in _used if key in _table}
    cache.store(_ENTRY, _key(), table)
    _added = False
