"""`extractor batch`: lossless, resumable, the same documents from every engine."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.batch import BatchConfig, DocumentOptions, process, run_batch
from extractor.batch.output import parts_dir, prepare_output
from tests.conftest import ROOT

TEMPLATES = (
    "公司{n}日公布财报，第三季度营收{n}.{m}亿元，同比增长{m}%。",
    "据新华社报道，该项目总投资约{n}{m}0万元，预计明年建成。",
    "Shares of Acme rose {m}% to ${n}.{m} on Tuesday, the company said.",
    "截至{n}月底，全市共有{n}{m}家企业完成改造，带动就业{m}万人。",
    "分析师预计，今年利润将达到{n}亿美元左右。责任编辑：王{m}",
)


def _text(i: int) -> str:
    n, m = i % 12 + 1, i % 7 + 1
    return "\n".join(TEMPLATES[(i + k) % len(TEMPLATES)].format(n=n, m=m) for k in range(i % 3 + 1))


def make_corpus(root: Path, count: int) -> list[str]:
    """``count`` article files in nested folders, some of them binary, undecodable or empty; returns the ids."""
    ids = []
    for i in range(count):
        path = root / f"g{i % 5}" / f"doc{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        if i % 50 == 7:
            path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 4)  # binary
        elif i % 50 == 19:
            path.write_bytes(bytes(range(0x80, 0x100)) * 4)  # neither UTF-8 nor GB18030
        elif i % 50 == 33:
            path.write_bytes(b"")  # empty: a valid, empty document
        else:
            path.write_text(_text(i), encoding="utf-8")
        ids.append(str(path))
    (root / "notes.md").write_text("not matched by --glob *.txt", encoding="utf-8")
    return ids


def read_output(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def by_id(records: list[dict]) -> dict[str, dict]:
    return {record["id"]: record for record in records}


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "EXTRACTOR_DEBUG"}
    return env | {"PYTHONPATH": str(ROOT)}


def _run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extractor", "batch", *args], input=stdin, cwd=cwd, env=_env(), capture_output=True, timeout=180
    )


def _line_count(path: Path) -> int:
    try:
        with path.open("rb") as handle:
            return handle.read().count(b"\n")
    except FileNotFoundError:
        return 0


def test_batch_killed_mid_run_and_resumed_gives_every_input_once_and_identical_documents(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # ids are paths as given: "corpus/g0/doc0000.txt"
    ids = make_corpus(Path("corpus"), 520)
    # The uninterrupted run, in this process.
    summary = run_batch(BatchConfig(inputs=["corpus"], output=Path("reference.jsonl"), workers=1))
    expected = by_id(read_output(Path("reference.jsonl")))
    assert set(expected) == set(ids) and summary.documents == len(ids)
    assert summary.errors == sum(1 for r in expected.values() if "error" in r) == 22
    assert expected["corpus/g3/doc0033.txt"]["sentences"] == [] and expected["corpus/g3/doc0033.txt"]["text"] == ""
    assert expected["corpus/g2/doc0007.txt"]["error"]["code"] == "input.binary"
    assert expected["corpus/g4/doc0019.txt"]["error"]["code"] == "input.undecodable"

    out = tmp_path / "out.jsonl"
    with (tmp_path / "stderr.txt").open("wb") as stderr:  # a file, not a pipe: nothing to drain after the kill
        running = subprocess.Popen(
            [sys.executable, "-m", "extractor", "batch", "corpus", "-o", "out.jsonl", "--workers", "2"],
            cwd=tmp_path,
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        deadline = time.monotonic() + 120
        while _line_count(out) < 40 and running.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        running.send_signal(signal.SIGKILL)
        running.wait(timeout=30)
    written = _line_count(out)
    assert 0 < written < len(ids), f"the kill came too late or too early ({written} lines)"
    # A torn write: cut the last line in half.
    data = out.read_bytes()
    last_start = data.rstrip(b"\n").rfind(b"\n") + 1
    out.write_bytes(data[: last_start + (len(data) - last_start) // 2])

    again = _run("corpus", "-o", "out.jsonl", cwd=tmp_path)
    assert again.returncode == 2 and b"--resume" in again.stderr  # no silent mixing of runs

    resumed = _run("corpus", "-o", "out.jsonl", "--workers", "2", "--resume", cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    summary_line = resumed.stderr.decode().strip().splitlines()[-1]
    assert summary_line.startswith(f"extractor: batch done: {len(ids) - written + 1} documents, ")
    assert "2 workers (local)" in summary_line and "peak RSS per worker" in summary_line
    assert f"{written - 1} already in the output" in summary_line and "torn last line removed" in summary_line
    records = read_output(out)
    assert sorted(r["id"] for r in records) == sorted(ids)  # every input exactly once
    assert by_id(records) == expected


def test_batch_dask_engine_gives_the_same_documents_as_the_local_engine(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.chdir(tmp_path)
    make_corpus(Path("corpus"), 60)
    local = run_batch(BatchConfig(inputs=["corpus"], output=Path("local.jsonl"), workers=1))
    options = DocumentOptions(ref_date="2026-11-24")
    run_batch(BatchConfig(inputs=["corpus"], output=Path("local_ref.jsonl"), workers=1, options=options))
    summary = run_batch(
        BatchConfig(
            inputs=["corpus"], output=Path("dask.jsonl"), engine="dask", workers=2, partition_size=7, options=options
        )
    )
    assert not parts_dir(Path("dask.jsonl")).exists()
    dask_records = read_output(Path("dask.jsonl"))
    assert [r["id"] for r in dask_records] == [r["id"] for r in read_output(Path("local_ref.jsonl"))]  # input order
    assert by_id(dask_records) == by_id(read_output(Path("local_ref.jsonl")))
    assert summary.documents == local.documents == 60 and summary.errors == local.errors
    # Two worker processes, each of which built its extractor exactly once for 9 partitions.
    assert 1 <= len(summary.workers) <= 2
    assert all(info["extractor_loads"] == 1 for info in summary.workers.values())
    assert all(info["peak_rss"] > 0 for info in summary.workers.values())


def test_batch_resume_folds_in_part_files_of_an_interrupted_dask_run(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id":"a","error":{"code":"x","message":"m"}}\n{"id":"b","err')
    parts = parts_dir(out)
    parts.mkdir()
    (parts / "part-00000.jsonl").write_text('{"id":"a","error":{"code":"x","message":"m"}}\n{"id":"c","error":{"code":"x","message":"m"}}\n')
    (parts / "part-00001.jsonl.tmp").write_text('{"id":"d","err')  # never renamed: ignored
    done, notes = prepare_output(out, resume=True, overwrite=False)
    assert done == {"a", "c"} and notes["truncated_bytes"] == len('{"id":"b","err') and notes["merged_parts"] == 1
    assert [r["id"] for r in read_output(out)] == ["a", "c"] and not parts.exists()


def test_batch_jsonl_records_bad_lines_and_missing_text_become_error_records(tmp_path):
    records = tmp_path / "in.jsonl"
    records.write_bytes(
        b'{"id": "r1", "text": "\xe8\x90\xa5\xe6\x94\xb6 5 \xe4\xba\xbf\xe5\x85\x83\xe3\x80\x82", "ref_date": "2026-11-24"}\n'
        b"this is not json\n"
        b"\n"
        b'{"id": "r2"}\n'
        b'{"id": "", "text": "x"}\n'
        b'{"id": 7, "text": "Revenue rose 5% last week.", "lang": "en"}\n'
        b'{"id": "r1", "text": "again"}\n'
        b'{"id": "r3", "text": "x", "ref_date": "2026-13-45"}\n'
        b'{"id": "r4", "text": "\xff\xfe"}\n'
    )
    out = tmp_path / "out.jsonl"
    summary = run_batch(BatchConfig(inputs=[str(records), str(tmp_path / "missing.jsonl")], output=out, workers=1, ordered=True))
    got = by_id(read_output(out))
    location = f"{records}:"
    assert got["r1"]["reference_date"] == "2026-11-24" and got["r1"]["text"] == "营收 5 亿元。"
    assert got[location + "2"]["error"]["code"] == "input.invalid_record"
    assert "not valid JSON" in got[location + "2"]["error"]["message"]
    assert got["r2"]["error"] == {"code": "input.invalid_record", "message": f'record has no "text" (at {location}4)'}
    assert got[location + "5"]["error"]["message"] == 'record has an empty "id"'
    assert got["7"]["lang"] == "en" and got["7"]["text"] == "Revenue rose 5% last week."
    assert "duplicate id 'r1'" in got[location + "7"]["error"]["message"]
    assert got["r3"]["error"]["code"] == "usage"
    assert "not valid UTF-8" in got[location + "9"]["error"]["message"]
    assert got[str(tmp_path / "missing.jsonl")]["error"]["code"] == "input.not_found"
    assert len(got) == summary.documents == 9 and summary.errors == 7


def test_batch_stdin_as_records_and_as_one_text(tmp_path):
    out = tmp_path / "out.jsonl"
    stdin = io.BytesIO('{"id": "a", "text": "第一句。"}\n{"id": "b", "text": "Second."}\n'.encode())
    run_batch(BatchConfig(inputs=["-"], output=out, input_format="jsonl", workers=1, ordered=True, stdin=stdin))
    assert [r["id"] for r in read_output(out)] == ["a", "b"]
    stdin = io.BytesIO("营收 143 亿美元。".encode())
    options = DocumentOptions(include_text=False)
    run_batch(BatchConfig(inputs=["-"], output=out, overwrite=True, workers=1, options=options, stdin=stdin))
    (doc,) = read_output(out)
    assert doc["id"] == "-" and doc["text"] is None and doc["sentences"][0]["text"] == "营收 143 亿美元。"


def test_batch_document_line_is_what_extract_jsonl_prints(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(_text(4), encoding="utf-8")
    extract = run_cli("extract", str(path), "--jsonl", "--ref-date", "2026-11-24")
    options = DocumentOptions(ref_date="2026-11-24")
    assert process({"id": str(path), "path": str(path)}, options) + "\n" == extract.stdout.decode("utf-8")

def test_batch_unexpected_exception_costs_one_record_with_code_internal(monkeypatch):
    class Broken:
        def extract(self, text, **options):
            raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("extractor.batch.task.get_extractor", lambda options: Broken())
    line = process({"id": "x", "text": "abc"}, DocumentOptions())
    assert json.loads(line) == {"id": "x", "error": {"code": "internal", "message": "ZeroDivisionError: division by zero"}}


def test_batch_ordered_keeps_input_order(tmp_path):
    make_corpus(tmp_path / "c", 60)
    inputs = [str(tmp_path / "c" / "g1"), str(tmp_path / "c" / "g0"), str(tmp_path / "missing.txt")]
    out = tmp_path / "out.jsonl"
    summary = run_batch(BatchConfig(inputs=inputs, output=out, workers=2, ordered=True))
    expected = sorted(str(p) for p in (tmp_path / "c" / "g1").glob("*.txt"))
    expected += sorted(str(p) for p in (tmp_path / "c" / "g0").glob("*.txt")) + [str(tmp_path / "missing.txt")]
    assert [r["id"] for r in read_output(out)] == expected
    # Under load one worker may take every chunk before the other starts: at most two, never more.
    assert summary.documents == 25 and summary.errors == 1 and 1 <= len(summary.workers) <= 2


def test_batch_existing_output_without_resume_or_overwrite_is_a_usage_error(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("第一句。", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n")
    result = run_cli("batch", str(path), "-o", str(out))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and err.startswith("extractor: error: ") and "--resume" in err and "--overwrite" in err
    assert out.read_text() == "keep me\n"
    run_batch(BatchConfig(inputs=[str(path)], output=out, overwrite=True, workers=1))
    assert [r["id"] for r in read_output(out)] == [str(path)]


def test_batch_unwritable_output_exits_8(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("第一句。", encoding="utf-8")
    result = run_cli("batch", str(path), "-o", str(tmp_path / "no" / "dir" / "out.jsonl"))
    assert result.returncode == 8
    assert result.stderr.decode().startswith("extractor: error: ") and result.stderr.count(b"\n") == 1


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--workers", "0"], "--workers"),
        (["--engine", "spark"], "invalid engine"),
        (["--scheduler", "tcp://x:1"], "--engine dask"),
        (["--input-format", "csv"], "invalid input format"),
        (["--ref-date", "2026-13-45"], "invalid reference date"),
    ],
)
def test_batch_bad_options_are_one_line_usage_errors(run_cli, tmp_path, args, needle):
    result = run_cli("batch", str(tmp_path), "-o", str(tmp_path / "out.jsonl"), *args)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and needle in err


def test_batch_parquet_without_pyarrow_is_a_one_line_usage_error(tmp_path, monkeypatch, capsys):
    # pyarrow is a test dependency, so its absence is simulated: find_spec answers None for it.
    import importlib.util

    from extractor import cli

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real_find_spec(name, *a))
    monkeypatch.setattr("sys.argv", ["extractor", "batch", str(tmp_path), "-o", str(tmp_path / "out.parquet"), "--format", "parquet"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == "extractor: error: --format parquet needs pyarrow: pip install pyarrow\n"


def test_batch_parquet_output_holds_every_line(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    make_corpus(tmp_path / "c", 20)
    out = tmp_path / "out.parquet"
    run_batch(BatchConfig(inputs=[str(tmp_path / "c")], output=out, workers=1, format="parquet", ordered=True))
    run_batch(BatchConfig(inputs=[str(tmp_path / "c")], output=tmp_path / "out.jsonl", workers=1, ordered=True))
    table = pq.read_table(out).to_pylist()
    assert [json.loads(row["json"]) for row in table] == read_output(tmp_path / "out.jsonl")
    assert [row["error_code"] for row in table if row["error_code"]] == ["input.binary", "input.undecodable"]


def test_batch_file_whose_path_a_record_already_used_is_an_error_record_not_dropped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("营收143亿美元。", encoding="utf-8")
    Path("r.jsonl").write_text('{"id": "a.txt", "text": "营收5亿元。"}\n', encoding="utf-8")
    summary = run_batch(BatchConfig(inputs=["r.jsonl", "a.txt"], output=Path("out.jsonl"), workers=1, ordered=True))
    lines = read_output(Path("out.jsonl"))
    assert summary.documents == 2 and [line["id"] for line in lines] == ["a.txt", "a.txt#file"]
    assert lines[1]["error"]["code"] == "input.invalid_record"
