"""Nothing lost, nobody in: hostile records, hostile files and faults (issue 19), one test per finding.

Each test starts from a reproduction of the finding and asserts the behaviour the README's
"Guarantees and limits" promises: exit codes, one output line per input, files left intact, nothing
listening beyond loopback.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from extractor.batch import BatchConfig, DocumentOptions, run_batch
from extractor.batch.output import OutputLock
from tests.conftest import ROOT

GOOD = [
    {"id": "good-1", "text": "公司第三季度营收 143 亿美元，同比增长 62 %。"},
    {"id": "good-2", "text": "Revenue rose 5% to $3m last week, the company said."},
    {"id": "good-3", "text": "截至 10 月底，全市共有 600 多家企业完成改造。"},
]


def _hostile_lines() -> list[bytes]:
    """The four records that each stopped a whole batch for good, between good ones."""
    good = [json.dumps(record, ensure_ascii=False).encode("utf-8") for record in GOOD]
    return [
        good[0],
        b"[" * 100_000 + b"]" * 100_000,  # nested 100k deep: RecursionError in json.loads
        b'{"id": "big-number", "text": "x", "n": ' + b"9" * 5000 + b"}",  # an int of more than 4300 digits
        good[1],
        b'{"id": "\\udc00", "text": "\xe8\x90\xa5\xe6\x94\xb6 3 \xe4\xba\xbf\xe5\x85\x83"}',  # a lone surrogate id
        b'{"id": ' + b"7" * 5000 + b', "text": "x"}',  # an id that is too large a number
        good[2],
    ]


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "EXTRACTOR_DEBUG"}
    return env | {"PYTHONPATH": str(ROOT)}


def _cli(*args: str, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args], cwd=cwd, env=_env(), capture_output=True, timeout=timeout
    )


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").split("\n") if line]


def _hostile_inputs(root: Path) -> tuple[Path, Path]:
    records = root / "hostile.jsonl"
    records.write_bytes(b"\n".join(_hostile_lines()) + b"\n")
    folder = root / "articles"
    folder.mkdir()
    (folder / "ok.txt").write_text("今年营收 6 亿元。", encoding="utf-8")
    with open(os.fsencode(folder) + b"/b\xff.txt", "wb") as handle:  # a file name that is not UTF-8
        handle.write("上周营收 5 亿元。".encode("utf-8"))
    return records, folder


def _check_hostile_output(out: Path) -> None:
    lines = _lines(out)
    assert len(lines) == 9  # 7 records + 2 files, each exactly once
    ids = [line["id"] for line in lines]
    assert len(set(ids)) == len(ids)
    by_id = {line["id"]: line for line in lines}
    for record in GOOD:
        assert "error" not in by_id[record["id"]] and by_id[record["id"]]["claims"], record["id"]
    errors = {line["id"]: line["error"]["code"] for line in lines if "error" in line}
    assert errors == {"hostile.jsonl:2": "input.invalid_record", "hostile.jsonl:3": "input.invalid_record",
                      "hostile.jsonl:6": "input.invalid_record"}
    escaped = by_id["\\udc00"]
    assert escaped["claims"] and escaped["warnings"][0]["code"] == "id.escaped"
    from_file = by_id["articles/b\\xff.txt"]
    assert from_file["claims"] and from_file["warnings"][0]["code"] == "id.escaped"


@pytest.mark.parametrize("engine", ["workers-1", "workers-2", "dask"])
def test_hostile_records_cost_one_line_each_and_resume_goes_past_them(tmp_path, engine):
    _hostile_inputs(tmp_path)
    args = {"workers-1": ["--workers", "1"], "workers-2": ["--workers", "2"],
            "dask": ["--engine", "dask", "--workers", "2", "--partition-size", "3"]}[engine]
    result = _cli("batch", "hostile.jsonl", "articles", "-o", "out.jsonl", "--no-text", *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    _check_hostile_output(tmp_path / "out.jsonl")
    # --resume on the finished output meets the same records again and goes past them
    again = _cli("batch", "hostile.jsonl", "articles", "-o", "out.jsonl", "--no-text", "--resume", "--workers", "1", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    _check_hostile_output(tmp_path / "out.jsonl")


def test_extract_on_a_file_whose_name_is_not_utf8_escapes_its_id(run_cli, tmp_path):
    name = os.fsencode(tmp_path) + b"/b\xff.txt"
    with open(name, "wb") as handle:
        handle.write("上周营收 5 亿元。".encode("utf-8"))
    result = subprocess.run([sys.executable, "-m", "extractor", "extract", name, "--no-text"], capture_output=True, env=_env())
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["id"].endswith("/b\\xff.txt")
    assert document["warnings"][0]["code"] == "id.escaped"


def _listening_sockets(pids: list[int]) -> list[str]:
    import psutil

    addresses = []
    for pid in pids:
        try:
            connections = psutil.Process(pid).net_connections(kind="inet")
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        addresses += [c.laddr.ip for c in connections if c.status == psutil.CONN_LISTEN]
    return addresses


def test_dask_run_listens_on_loopback_only(tmp_path):
    import psutil

    records = tmp_path / "in.jsonl"
    records.write_text("\n".join(json.dumps({"id": f"r{i}", "text": r["text"]}, ensure_ascii=False)
                                 for i, r in enumerate(GOOD * 3)) + "\n")
    seen: list[str] = []

    def snapshot(summary) -> None:
        me = psutil.Process()
        seen.extend(_listening_sockets([me.pid] + [child.pid for child in me.children(recursive=True)]))

    config = BatchConfig(inputs=[str(records)], output=tmp_path / "out.jsonl", engine="dask", workers=2,
                         partition_size=2, options=DocumentOptions(include_text=False))
    summary = run_batch(config, progress=snapshot)
    assert summary.documents == 9
    assert seen, "the Dask cluster was expected to listen somewhere"
    assert all(ip in ("127.0.0.1", "::1") for ip in seen), seen


def test_dask_dashboard_address_without_host_binds_to_loopback():
    from extractor.batch.dask_runner import loopback_address

    assert loopback_address(":8787") == "127.0.0.1:8787"
    assert loopback_address("0.0.0.0:8787") == "0.0.0.0:8787"  # asked for by name: the user's choice


# -- input limits --------------------------------------------------------------------------------------


def test_extract_dev_zero_ends_in_one_line_error_within_seconds(run_cli):
    started = time.monotonic()
    result = run_cli("extract", "/dev/zero")
    assert result.returncode == 9
    assert time.monotonic() - started < 60
    assert result.stderr.decode().count("\n") == 1 and "larger than the limit" in result.stderr.decode()


def test_a_file_over_max_bytes_is_an_error_record_in_batch_and_exit_9_in_extract(run_cli, tmp_path):
    (tmp_path / "big.txt").write_text("营收 5 亿元。" * 100, encoding="utf-8")
    (tmp_path / "small.txt").write_text("营收 5 亿元。", encoding="utf-8")
    result = run_cli("extract", str(tmp_path / "big.txt"), "--max-bytes", "1000")
    assert result.returncode == 9
    out = tmp_path / "out.jsonl"
    result = _cli("batch", "big.txt", "small.txt", "-o", str(out), "--max-bytes", "1000", "--workers", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = {line["id"]: line for line in _lines(out)}
    assert lines["big.txt"]["error"]["code"] == "input.too_large"
    assert "error" not in lines["small.txt"]


def test_a_jsonl_line_over_max_bytes_is_skipped_without_being_held(tmp_path):
    from extractor.batch.records import RecordReader

    records = tmp_path / "in.jsonl"
    long_line = json.dumps({"id": "long", "text": "字" * 5000}, ensure_ascii=False)
    records.write_text("\n".join([json.dumps(GOOD[0], ensure_ascii=False), long_line, json.dumps(GOOD[1])]) + "\n",
                       encoding="utf-8")
    read = list(RecordReader([str(records)], max_bytes=2000))
    assert [r["id"] for r in read] == ["good-1", f"{records}:2", "good-2"]
    assert read[1]["error"]["code"] == "input.too_large"


def test_jsonl_from_dev_zero_gives_up_after_a_bounded_read(tmp_path):
    from extractor.batch.records import RecordReader

    with open("/dev/zero", "rb") as zero:
        read = list(RecordReader(["-"], input_format="jsonl", stdin=zero, max_bytes=1000))
    assert len(read) == 1 and "the rest is not read" in read[0]["error"]["message"]


def test_an_explicit_named_pipe_is_read(run_cli, tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)

    def feed() -> None:
        with open(pipe, "wb") as handle:
            handle.write("营收 7 亿元。".encode("utf-8"))

    writer = threading.Thread(target=feed)
    writer.start()
    result = run_cli("extract", str(pipe), "--no-text")
    writer.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["claims"][0]["value"]["amount"] == 700000000


def test_a_runaway_document_becomes_a_timeout_error_record(tmp_path, monkeypatch):
    from extractor.api import Extractor

    real = Extractor.extract

    def slow(self, text, **kwargs):
        if kwargs.get("doc_id") == "slow":
            while True:  # a runaway rule
                time.sleep(0.01)
        return real(self, text, **kwargs)

    monkeypatch.setattr(Extractor, "extract", slow)
    records = tmp_path / "in.jsonl"
    records.write_text("\n".join(json.dumps(r) for r in [{"id": "slow", "text": "x"}, {"id": "fast", "text": "营收 5 亿元。"}]) + "\n")
    config = BatchConfig(inputs=[str(records)], output=tmp_path / "out.jsonl", workers=1,
                         options=DocumentOptions(include_text=False, doc_timeout=0.5))
    run_batch(config)
    lines = {line["id"]: line for line in _lines(tmp_path / "out.jsonl")}
    assert lines["slow"]["error"]["code"] == "timeout"
    assert "error" not in lines["fast"]


def test_time_limit_also_stops_work_outside_the_main_thread():
    """Dask runs tasks in worker threads, where no signal can be delivered."""
    from extractor.batch.deadline import time_limit
    from extractor.errors import DocumentTimeoutError

    outcome = []

    def work() -> None:
        try:
            with time_limit(0.2):
                while True:
                    sum(range(1000))
        except DocumentTimeoutError:
            outcome.append("timeout")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=10)
    assert outcome == ["timeout"]


# -- safe output ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("flags", [[], ["--resume"], ["--overwrite"]])
def test_a_second_run_on_a_locked_output_is_refused(tmp_path, flags):
    (tmp_path / "a.txt").write_text("营收 5 亿元。", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("")
    with OutputLock(out):  # the first run, still writing
        result = _cli("batch", "a.txt", "-o", str(out), "--workers", "1", *flags, cwd=tmp_path)
    assert result.returncode == 2
    assert "being written by another run" in result.stderr.decode()
    assert out.read_text() == ""
    result = _cli("batch", "a.txt", "-o", str(out), "--workers", "1", "--overwrite", cwd=tmp_path)
    assert result.returncode == 0 and len(_lines(out)) == 1
    assert not (tmp_path / "out.jsonl.lock").exists()


def test_a_lock_file_planted_as_a_link_is_refused_and_its_target_untouched(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "out.jsonl.lock").symlink_to(victim)
    (tmp_path / "a.txt").write_text("营收 5 亿元。", encoding="utf-8")
    result = _cli("batch", "a.txt", "-o", "out.jsonl", "--workers", "1", cwd=tmp_path)
    assert result.returncode == 8
    assert victim.read_text() == "keep me"


def test_a_parquet_checkpoint_planted_as_a_link_is_refused(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "out.parquet.jsonl.partial").symlink_to(victim)
    (tmp_path / "a.txt").write_text("营收 5 亿元。", encoding="utf-8")
    result = _cli("batch", "a.txt", "-o", "out.parquet", "--format", "parquet", "--workers", "1", "--overwrite", cwd=tmp_path)
    assert result.returncode == 8, result.stderr
    assert victim.read_text() == "keep me"


def test_resume_repair_leaves_no_predictable_helper_file(tmp_path):
    from extractor.batch.output import prepare_output

    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a"}\nnot json\n{"id": "b"}\n')
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "out.jsonl.repair").symlink_to(victim)  # where the old repair wrote
    done, notes = prepare_output(out, resume=True, overwrite=False)
    assert done == {"a", "b"} and notes["dropped_lines"] == 1
    assert victim.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "out.jsonl.repair", "victim.txt"]


def test_extract_output_is_never_emptied_before_there_is_something_to_write(run_cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("营收 5 亿元。", encoding="utf-8")
    result = run_cli("extract", str(article), "-o", str(article))
    assert result.returncode == 2 and article.read_text(encoding="utf-8") == "营收 5 亿元。"
    kept = tmp_path / "results.json"
    kept.write_text("earlier results")
    result = run_cli("extract", str(tmp_path / "missing.txt"), "-o", str(kept))
    assert result.returncode == 3 and kept.read_text() == "earlier results"
    result = run_cli("extract", str(article), "-o", str(kept))
    assert result.returncode == 0 and json.loads(kept.read_text(encoding="utf-8"))["claims"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "results.json"]


def test_extract_output_on_a_full_disk_leaves_the_old_file_whole(tmp_path, monkeypatch, capsys):
    import errno

    from extractor import cli

    article = tmp_path / "a.txt"
    article.write_text("营收 5 亿元。", encoding="utf-8")
    kept = tmp_path / "results.json"
    kept.write_text("earlier results")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    monkeypatch.setattr("sys.argv", ["extractor", "extract", str(article), "-o", str(kept)])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 8
    assert kept.read_text() == "earlier results"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "results.json"]
    assert "No space left" in capsys.readouterr().err


# -- directory walks -----------------------------------------------------------------------------------


def test_directory_entries_that_cannot_be_read_become_error_records(tmp_path, monkeypatch):
    from extractor.batch.records import RecordReader

    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "locked").mkdir()
    (root / "ok.txt").write_text("营收 5 亿元。", encoding="utf-8")
    os.mkfifo(root / "pipe.txt")
    (root / "loop.txt").symlink_to("loop.txt")
    (root / "sub" / "up").symlink_to("..")
    real_scandir = os.scandir

    def scandir(path):  # chmod cannot lock root (who runs CI) out of a folder
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    records = {r["id"]: r for r in RecordReader([str(root)])}
    assert records[f"{root}/ok.txt"] == {"id": f"{root}/ok.txt", "path": f"{root}/ok.txt"}
    assert "named pipe" in records[f"{root}/pipe.txt"]["error"]["message"]
    assert "symbolic links" in records[f"{root}/loop.txt"]["error"]["message"]
    assert "cannot be listed" in records[f"{root}/locked"]["error"]["message"]
    assert "loop" in records[f"{root}/sub/up"]["error"]["message"]
    assert all(r["error"]["code"] == "input.unreadable" for i, r in records.items() if not i.endswith("ok.txt"))


# -- worker deaths -------------------------------------------------------------------------------------


def crash_on_poison(records, options):
    """A chunk task that kills its worker process on the record with text POISON."""
    from extractor.batch.task import process_chunk

    if any(record.get("text") == "POISON" for record in records):
        os._exit(1)
    return process_chunk(records, options)


def test_a_record_that_kills_its_worker_costs_that_record_only(tmp_path):
    from extractor.batch import local
    from extractor.batch.output import JsonlWriter
    from extractor.batch.runner import BatchSummary

    records = [{"id": f"r{i}", "text": "营收 5 亿元。"} for i in range(30)]
    records[13] = {"id": "poison", "text": "POISON"}
    options = DocumentOptions(include_text=False, entities=False)
    pools = local._Pools(2, options, task=crash_on_poison)
    writer = JsonlWriter(tmp_path / "out.jsonl")
    summary = BatchSummary()
    try:
        local._feed(pools, enumerate(local.chunked(records)), writer, workers=2, ordered=True,
                    summary=summary, progress=None)
    finally:
        pools.close(wait=False)
        writer.close()
    lines = _lines(tmp_path / "out.jsonl")
    assert [line["id"] for line in lines] == [record["id"] for record in records]
    assert [line["id"] for line in lines if "error" in line] == ["poison"]
    assert lines[13]["error"]["code"] == "internal"


# -- the rest of item 8 --------------------------------------------------------------------------------


def test_a_planted_jieba_cache_in_tmpdir_does_not_change_segmentation(tmp_path):
    import marshal

    with open(tmp_path / "jieba.cache", "wb") as handle:  # every word one character long
        marshal.dump(({"我": 1, "们": 1, "公": 1, "司": 1}, 4), handle)
    script = "from extractor.text.segment import segment; print(segment('我们公司'))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, env=_env() | {"TMPDIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == "[(0, 2), (2, 4)]"


def test_decoding_error_names_the_byte_where_utf8_broke():
    from extractor.errors import DecodingError
    from extractor.text.decode import decode_bytes

    data = "正文".encode("utf-8") * 373 + b"a" + bytes(range(0x80, 0x100))  # UTF-8 breaks at byte 2239
    with pytest.raises(DecodingError) as error:
        decode_bytes(data)
    assert "offset 2239" in error.value.message


def test_ctrl_c_ends_a_batch_with_exit_130_and_the_summary_line(tmp_path):
    records = tmp_path / "in.jsonl"
    records.write_text("\n".join(json.dumps({"id": f"r{i}", "text": "营收 5 亿元。" * 200}, ensure_ascii=False)
                                 for i in range(3000)) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen([sys.executable, "-m", "extractor", "batch", str(records), "-o", str(out), "--workers", "1"],
                               env=_env(), stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size == 0):
        time.sleep(0.1)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    text = stderr.decode()
    assert "interrupted" in text and "documents" in text and "--resume" in text and "Traceback" not in text


def test_unicode_line_separators_are_escaped_in_every_output_line(run_cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("营收 5 亿元。\u2028第二行\u2029第三段\x85末尾", encoding="utf-8")
    for args in (["--jsonl"], ["--pretty"], []):
        result = run_cli("extract", str(article), *args)
        text = result.stdout.decode("utf-8")
        assert not any(ch in text for ch in "\u2028\u2029\x85"), args
        assert json.loads(text)["text"] == article.read_text(encoding="utf-8")


def test_error_records_are_described_by_the_published_schema(tmp_path):
    import jsonschema

    schema = json.loads((ROOT / "schema" / "document.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    records = tmp_path / "hostile.jsonl"
    records.write_bytes(b"\n".join(_hostile_lines()) + b"\n")
    out = tmp_path / "out.jsonl"
    run_batch(BatchConfig(inputs=[str(records)], output=out, workers=1, options=DocumentOptions(entities=False)))
    lines = _lines(out)
    assert any("error" in line for line in lines) and any("claims" in line for line in lines)
    for line in lines:
        validator.validate(line)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"id": "x", "error": {"code": "c"}})
