"""What costs time to build at every start, kept between runs: a per-user cache of derived artefacts.

A one-article CLI run spends most of its time building things that never change between runs: jieba's
prefix dictionary (half a second) and the claim rules' prefilters (claims/prefilter.py, derived from the
parsed patterns, another half second). Each is built once, written here with ``marshal``, and read back
by later runs in a fraction of the time.

- Where: ``$EXTRACTOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/extractor``, else ``~/.cache/extractor``.
  ``EXTRACTOR_CACHE_DIR=off`` turns the cache off.
- What decides validity: every entry is stored with a key computed from everything it was built from
  (the dictionary file's bytes, the source of the code that derives it, the Python version); an entry
  whose key differs is rebuilt and replaced. Nothing here changes what the extractor finds, only how
  soon it starts: a missing, stale, unreadable or corrupt entry is simply built again.
- Safety: ``marshal`` data must come from a trusted writer, so the folder is used only when it belongs
  to the current user and no one else may write to it (it is created with mode 0700). jieba's own cache
  in the shared temporary folder is never used for that reason.
- A read-only home or a full disk costs the speed-up, never the run: write errors are ignored.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

CACHE_ENV = "EXTRACTOR_CACHE_DIR"
# Bumped when the layout of an entry changes in a way its key does not capture.
FORMAT = 1


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off or the folder cannot be trusted."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None and configured.strip().lower() in ("", "off", "0", "none"):
        return None
    if configured:
        folder = Path(configured)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = Path(base) / "extractor"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
        return None  # someone else could plant entries here
    return folder


def digest(*parts: bytes | str) -> str:
    """A key from the bytes an artefact is built from (with the Python version: marshal's format and the
    regex engine's output depend on it)."""
    hasher = hashlib.sha256(f"{FORMAT}|{sys.version}".encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def source_of(*modules: Any) -> bytes:
    """The source bytes of modules whose code derives an artefact: a change to that code changes the key."""
    return b"".join(Path(module.__file__).read_bytes() for module in modules)


def cached(name: str, key: str, build: Callable[[], Any]) -> Any:
    """``build()``'s result, read from the cache entry ``name`` when that entry was stored under ``key``;
    otherwise built and stored. The value must be marshal-able (built-in types only)."""
    folder = cache_dir()
    path = folder / f"{name}.marshal" if folder is not None else None
    if path is not None:
        try:
            stored_key, value = marshal.loads(path.read_bytes())
            if stored_key == key:
                return value
        except (OSError, EOFError, ValueError, TypeError):
            pass  # missing, unreadable or corrupt: build it again
    value = build()
    if path is not None:
        _write(path, (key, value))
    return value


def store(name: str, key: str, value: Any) -> None:
    """Replace the cache entry ``name`` with ``value`` stored under ``key``."""
    folder = cache_dir()
    if folder is not None:
        _write(folder / f"{name}.marshal", (key, value))


def _write(path: Path, entry: tuple) -> None:
    """Write atomically (a reader never sees half an entry); any error leaves the cache as it was."""
    try:
        data = marshal.dumps(entry)
    except ValueError:  # not built-in values: a bug of the caller's, but never a reason to fail a run
        return
    try:
        handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass
