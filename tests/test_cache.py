"""The artefact cache (extractor/cache.py): what it reads back is what would be built, and a bad entry or
folder costs only the speed-up."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from extractor import cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    target = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(target))
    return target


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_built_once_then_read_back(folder):
    build, calls = _counting({"北京": 3, "": 0})
    assert cache.cached("entry", "k1", build) == {"北京": 3, "": 0}
    assert cache.cached("entry", "k1", build) == {"北京": 3, "": 0}
    assert len(calls) == 1
    assert (folder / "entry.marshal").is_file()


def test_another_key_rebuilds_and_replaces(folder):
    cache.cached("entry", "old", lambda: [1])
    assert cache.cached("entry", "new", lambda: [2]) == [2]
    build, calls = _counting([3])
    assert cache.cached("entry", "new", build) == [2] and not calls


@pytest.mark.parametrize("content", [b"", b"\x00\x01garbage", b"\xe9"])
def test_corrupt_entry_is_rebuilt(folder, content):
    folder.mkdir(parents=True)
    (folder / "entry.marshal").write_bytes(content)
    assert cache.cached("entry", "k", lambda: (1, 2)) == (1, 2)
    assert cache.cached("entry", "k", lambda: "never") == (1, 2)


def test_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    build, calls = _counting(1)
    cache.cached("entry", "k", build)
    cache.cached("entry", "k", build)
    assert len(calls) == 2 and cache.cache_dir() is None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_folder_others_can_write_is_not_used(folder):
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    assert cache.cache_dir() is None
    build, calls = _counting(1)
    cache.cached("entry", "k", build)
    assert not (folder / "entry.marshal").exists() and calls


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root writes anywhere")
def test_unwritable_folder_still_runs(folder):
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        assert cache.cached("entry", "k", lambda: 5) == 5
    finally:
        folder.chmod(0o700)


def test_digest_covers_every_part():
    assert cache.digest("a", "b") != cache.digest("ab")
    assert cache.digest(b"x") == cache.digest("x")


def test_cached_gates_equal_derived_gates(folder):
    from extractor.claims import _source_rules
    from extractor.claims.prefilter import _gate_data, gate_for, gates_for

    sources = [(rule.pattern, rule.gate) for rule in _source_rules("mixed")]
    derived = [_gate_data(gate_for(pattern, gate)) for pattern, gate in sources]
    first = [_gate_data(gate) for gate in gates_for("gates", sources)]  # built and stored
    second = [_gate_data(gate) for gate in gates_for("gates", sources)]  # read back
    assert first == derived and second == derived
    assert any(gate is not None for gate in derived)


def test_jieba_prefix_dictionary_read_back_is_the_built_one(folder):
    import io

    import jieba

    from extractor.text import segment

    tokenizer = jieba.Tokenizer()
    data = "北京 100 ns\n北京大学 50 nt\n大学 80 n\n".encode()
    built = segment._prefix_dict(tokenizer, data)
    stored = cache.cached("dict", cache.digest(data), lambda: segment._prefix_dict(tokenizer, data))
    read = cache.cached("dict", cache.digest(data), lambda: pytest.fail("not read back"))
    assert built == stored == read == tokenizer.gen_pfdict(io.BytesIO(data))
    assert read[0]["北京大"] == 0 and read[1] == 230


def test_rule_patterns_are_the_same_in_every_process():
    """The cache keys on the rules' pattern sources: a source built from a set's iteration order would
    change with the string hash seed and miss the cache at every start."""
    program = (
        "import hashlib, extractor.claims as c;"
        "print(hashlib.sha256(repr([(r.pattern.pattern, r.gate) for r in c._source_rules('mixed')]).encode()).hexdigest())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", program], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_patterns_from_the_cache_are_the_compiled_ones(folder, monkeypatch):
    """Every rule pattern rebuilt from stored engine code has the source, flags and groups re.compile
    gives it, and finds the same matches."""
    import re

    from extractor.claims import _source_rules
    from extractor.text import compiled

    sources = [(rule.pattern.pattern, rule.pattern.flags) for rule in _source_rules("mixed")]
    text = "2025 年 12 月 9 日，Meta 宣布 700 – 720 亿美元的投资；on Dec. 9, 2025 it said $5.2bn, up 12%."
    monkeypatch.setattr(compiled, "_table", None)
    first = [compiled.compile(source, flags) for source, flags in sources]  # compiled and recorded
    compiled.save()
    monkeypatch.setattr(compiled, "_table", None)  # as a new process: read back from the entry
    monkeypatch.setattr(compiled, "_added", False)
    second = [compiled.compile(source, flags) for source, flags in sources]
    assert not compiled._added  # every one came from the cache
    for (source, flags), a, b in zip(sources, first, second):
        fresh = re.compile(source, flags)
        for pattern in (a, b):
            assert (pattern.pattern, pattern.flags, pattern.groups, pattern.groupindex) == (
                fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex
            )
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in fresh.finditer(text)]


def test_malformed_stored_code_falls_back_to_compiling(folder, monkeypatch):
    import marshal

    from extractor.text import compiled

    monkeypatch.setattr(compiled, "_table", None)
    compiled.compile(r"(?P<n>\d+)年")
    table = compiled._load()
    for key in table:
        flags, code, groups, groupindex, indexgroup = marshal.loads(table[key])
        table[key] = marshal.dumps((flags, [99999] * len(code), groups, groupindex, indexgroup))
    pattern = compiled.compile(r"(?P<n>\d+)年")
    assert pattern.match("2025年").group("n") == "2025"
