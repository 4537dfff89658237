#!/usr/bin/env bash
# JioNLP in a venv of its own for benchmarks/claims_speed.py: it is a yardstick, never a dependency.
set -euo pipefail
cd "$(dirname "$0")"
python3 -m venv .venv-jionlp
.venv-jionlp/bin/pip install -q jionlp
.venv-jionlp/bin/python -c "import jionlp; print('jionlp', jionlp.__version__)" 2>/dev/null | tail -1
