"""Shared fixtures. Tests need nothing outside the repository (no ../shared)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

# "Today" for every test and every CLI run they start: an inferred reference date is judged old against it
# (claims/reference.py), so the expected outputs must not depend on the day the suite runs.
os.environ["EXTRACTOR_TODAY"] = "2026-12-07"


@pytest.fixture(scope="session")
def extractor_instance():
    from extractor import Extractor

    return Extractor()


@pytest.fixture
def run_cli():
    """Run the real console entry point in a subprocess; returns CompletedProcess with bytes output."""

    def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k != "EXTRACTOR_DEBUG"}
        return subprocess.run(
            [sys.executable, "-m", "extractor", *args],
            input=stdin,
            capture_output=True,
            cwd=cwd or ROOT,
            env=env,
            timeout=120,
        )

    return run
