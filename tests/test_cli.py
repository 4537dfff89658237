"""The CLI end to end, through the real entry point in a subprocess."""

import json
import sys

import pytest

from extractor.errors import EXIT_CODES
from tests.conftest import ROOT

SAMPLES = ROOT / "samples"


def _one_line_error(result, *needles):
    err = result.stderr.decode("utf-8")
    assert err.count("\n") == 1, err  # exactly one line
    assert err.startswith("extractor: error: ")
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err
    return err


def test_cli_version(run_cli):
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("extractor ")


def test_cli_extract_one_file_prints_one_document(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("英伟达上周公布财报。\n", encoding="utf-8")
    result = run_cli("extract", str(path), "--ref-date", "2026-11-24")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["id"] == str(path) and doc["reference_date"] == "2026-11-24"
    assert doc["sentences"][0]["text"] == "英伟达上周公布财报。"


def test_cli_entities_on_by_default_and_switchable(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Meta 首席执行官马克 · 扎克伯格表示，OpenAI 的估值过高。\n", encoding="utf-8")
    with_entities = json.loads(run_cli("extract", str(path)).stdout)
    assert {"Meta", "OpenAI"} <= {e["text"] for e in with_entities["entities"]}
    assert with_entities["entity_clusters"]
    result = run_cli("batch", str(path), "-o", str(tmp_path / "out.jsonl"), "--no-entities")
    assert result.returncode == 0, result.stderr
    [record] = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert record["entities"] == [] and record["entity_clusters"] == []


def test_cli_pretty_and_no_text(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Shares rose.", encoding="utf-8")
    result = run_cli("extract", str(path), "--pretty", "--no-text")
    assert result.returncode == 0
    assert result.stdout.startswith(b"{\n  ")
    assert json.loads(result.stdout)["text"] is None


def test_cli_stdin(run_cli):
    result = run_cli("extract", "-", stdin="营收 143 亿美元。".encode("utf-8"))
    assert result.returncode == 0
    doc = json.loads(result.stdout)
    assert doc["id"] == "-" and doc["text"] == "营收 143 亿美元。"


def test_cli_several_inputs_give_jsonl_with_error_records(run_cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("第一句。", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = run_cli("extract", str(good), str(missing))
    assert result.returncode == 3
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert lines[0]["id"] == str(good)
    assert lines[1] == {"id": str(missing), "error": {"code": "input.not_found", "message": "no such file"}}
    _one_line_error(result, str(missing), "no such file")


def test_cli_jsonl_flag_for_one_input(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("第一句。", encoding="utf-8")
    result = run_cli("extract", str(path), "--jsonl")
    assert result.returncode == 0 and len(result.stdout.decode().splitlines()) == 1


def test_cli_output_file(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("第一句。", encoding="utf-8")
    out = tmp_path / "out.json"
    result = run_cli("extract", str(path), "-o", str(out))
    assert result.returncode == 0 and result.stdout == b""
    assert json.loads(out.read_text(encoding="utf-8"))["sentences"][0]["text"] == "第一句。"


def test_cli_empty_file_gives_valid_empty_document(run_cli, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = run_cli("extract", str(path))
    assert result.returncode == 0
    doc = json.loads(result.stdout)
    assert doc["sentences"] == [] and doc["claims"] == [] and doc["text"] == ""


@pytest.mark.parametrize(
    "make, code, reason",
    [
        (lambda p: None, 3, "no such file"),
        (lambda p: p.mkdir(), 4, "is a directory"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), 6, "looks binary"),
        (lambda p: p.write_bytes(b"\x01\x02\x03\x04\x05\x06 abc \x07\x08\x0e\x0f"), 6, "looks binary"),
        (lambda p: p.write_bytes(bytes(range(0x80, 0x100)) * 8), 7, "GB18030"),
        (lambda p: p.write_bytes(b"\xef\xbb\xbf\xff\xfe\xfd"), 7, "invalid utf-8"),
    ],
    ids=["missing", "directory", "binary-nul", "binary-controls", "undecodable", "bad-after-bom"],
)
def test_cli_bad_input_is_one_line_and_exit_code(run_cli, tmp_path, make, code, reason):
    path = tmp_path / "input.txt"
    make(path)
    result = run_cli("extract", str(path))
    assert result.returncode == code, result.stderr
    assert code in EXIT_CODES
    assert result.stdout == b""
    _one_line_error(result, str(path), reason)


def test_cli_unreadable_file(tmp_path, monkeypatch, capsys):
    # Root (as in CI) can read a chmod-0 file, so the OS failure is simulated in-process.
    from pathlib import Path

    from extractor import cli

    path = tmp_path / "secret.txt"
    path.write_text("x")

    real_open = Path.open

    def deny(self, *args, **kwargs):  # chmod cannot take read rights from root, who runs CI
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    monkeypatch.setattr("sys.argv", ["extractor", "extract", str(path)])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 5
    err = capsys.readouterr().err
    assert err == f"extractor: error: {path}: permission denied\n"


@pytest.mark.parametrize(
    "args, needle",
    [(["--ref-date", "2026-13-45"], "invalid reference date"), (["--lang", "fr"], "invalid language")],
)
def test_cli_bad_option_values(run_cli, tmp_path, args, needle):
    path = tmp_path / "a.txt"
    path.write_text("x")
    result = run_cli("extract", str(path), *args)
    assert result.returncode == 2
    _one_line_error(result, needle)


def test_cli_unwritable_output(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x")
    result = run_cli("extract", str(path), "-o", str(tmp_path / "no" / "such" / "dir" / "out.json"))
    assert result.returncode == 8
    _one_line_error(result, "cannot write output")


def test_cli_help_documents_exit_codes_and_every_command_has_help(run_cli):
    result = run_cli("--help")
    assert result.returncode == 0
    text = result.stdout.decode()
    for code in EXIT_CODES:
        assert f"{code} " in text
    for command in ("extract", "schema", "batch"):
        sub = run_cli(command, "--help")
        assert sub.returncode == 0 and b"Example: extractor " + command.encode() in sub.stdout


@pytest.mark.skipif(not __import__("os").path.exists("/dev/full"), reason="needs /dev/full")
def test_cli_full_disk_is_an_output_error(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("第一句。", encoding="utf-8")
    result = run_cli("extract", str(path), "-o", "/dev/full")
    assert result.returncode == 8
    _one_line_error(result, "cannot write output")


def test_short_help_and_version(run_cli):
    short = run_cli("-h")
    assert short.returncode == 0 and b"COMMAND" in short.stdout and short.stdout == run_cli("--help").stdout
    assert b"extractor extract [OPTIONS]" in run_cli("extract", "-h").stdout
    version = run_cli("-V")
    assert version.returncode == 0 and version.stdout.startswith(b"extractor ")


def test_pretty_with_jsonl_is_a_clear_error(run_cli):
    result = run_cli("extract", str(SAMPLES / "en_news.txt"), "--pretty", "--jsonl", "--no-entities")
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().count("\n") == 1 and "--pretty" in result.stderr.decode()


def test_a_directory_points_to_batch(run_cli):
    result = run_cli("extract", str(SAMPLES))
    assert result.returncode == 4 and result.stdout == b""
    assert "extractor batch" in result.stderr.decode() and result.stderr.decode().count("\n") == 1


def test_a_status_line_shows_on_a_terminal_only_and_is_cleared(tmp_path):
    import os
    import pty
    import subprocess

    leader, follower = pty.openpty()  # stderr a terminal, stdout a pipe: the JSON stays clean
    result = subprocess.run(
        [sys.executable, "-c", "from extractor.cli import console; console()", "extract", str(SAMPLES / "en_news.txt"), "--no-entities"],
        stdout=subprocess.PIPE, stderr=follower, timeout=120,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert result.returncode == 0 and json.loads(result.stdout)["lang"] == "en"
    assert b"loading rules" in seen and seen.endswith(b"\r")  # written, then wiped


def test_stages_can_be_switched_off_from_the_command_line(run_cli):
    """--no-claims gives entities only, --no-entities claims only; the sentences are there either way."""
    entities_only = json.loads(run_cli("extract", str(SAMPLES / "zh_tech_finance.txt"), "--no-claims", "--ref-date", "2026-11-24").stdout)
    assert entities_only["claims"] == [] and entities_only["entities"] and entities_only["sentences"]
    claims_only = json.loads(run_cli("extract", str(SAMPLES / "zh_tech_finance.txt"), "--no-entities", "--ref-date", "2026-11-24").stdout)
    assert claims_only["entities"] == [] and claims_only["claims"] and claims_only["sentences"]
