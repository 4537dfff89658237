"""What the table builders (build_t2s.py, build_en_clusters.py) share: where an installed package
keeps its data, and their command line (an optional source, an optional output)."""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path


def package_folder(package: str, missing: str) -> Path:
    """The folder of an installed package; exits with ``missing`` when it is not installed."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(missing)
    return Path(next(iter(spec.submodule_search_locations)))


def source_and_output(description: str, default_output: Path) -> tuple[Path | None, Path]:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("source", type=Path, nargs="?", default=None)
    parser.add_argument("output", type=Path, nargs="?", default=default_output)
    args = parser.parse_args()
    return args.source, args.output
