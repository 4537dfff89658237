"""The README is executed: its Quickstart matches CI and its Python example runs."""

import re
import subprocess
import sys

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language):
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_readme_quickstart_has_two_commands_and_ci_runs_the_test_one():
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    commands = [block.strip() for block in re.findall(r"```bash\n(.*?)```", quickstart, flags=re.S)]
    assert len(commands) == 2
    assert "extractor extract samples/" in commands[0]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_python_example_runs():
    (example,) = _blocks("python")
    result = subprocess.run([sys.executable, "-c", example], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "鑫融配资平台" in result.stdout
