"""Rebuild the shipped entity pipelines from ../shared/data/ner — one command.

    .venv/bin/python training/train.py zh            # all four Chinese corpora (see the model card)
    .venv/bin/python training/train.py zh --open-only   # openly licensed data only (Weibo NER)
    .venv/bin/python training/train.py en
    .venv/bin/python training/train.py zh --extra my_labelled.jsonl   # add your own data

Steps: ``prepare.py`` writes DocBins to training/corpus/, ``spacy train`` trains on one thread with
the config in training/configs/<lang>.cfg (checkpoints: training/output/<lang>/model-best is
rewritten whenever the dev score improves; the log is training/output/<lang>.log), and the best
checkpoint is copied to extractor/data/models/<lang>_ner with ``--install``.
Extra data is JSONL like the shared corpora, ``{"text", "entities": [[start, end, LABEL]]}``, with
our labels (PERSON, ORG, LOC, PRODUCT).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lang", choices=["zh", "en"])
    parser.add_argument("--open-only", action="store_true", help="train on openly licensed corpora only")
    parser.add_argument("--extra", type=Path, action="append", default=[], help="more training JSONL (our labels)")
    parser.add_argument("--epochs", type=int, default=None, help="override training.max_epochs")
    parser.add_argument("--install", action="store_true", help="copy model-best into the package")
    args = parser.parse_args()
    python = sys.executable
    suffix = "-open" if args.open_only else ""
    prepare = [python, str(HERE / "prepare.py"), args.lang]
    if args.open_only:
        prepare.append("--open-only")
    for extra in args.extra:
        prepare += ["--extra", str(extra)]
    subprocess.run(prepare, check=True, cwd=ROOT)
    output = ROOT / "training" / "output" / f"{args.lang}{suffix}"
    command = [
        python, "-m", "spacy", "train", str(HERE / "configs" / f"{args.lang}.cfg"),
        "--code", str(HERE / "spacy_code.py"),
        "--output", str(output),
        "--paths.train", str(HERE / "corpus" / f"{args.lang}{suffix}-train.spacy"),
        "--paths.dev", str(HERE / "corpus" / f"{args.lang}{suffix}-dev.spacy"),
    ]  # fmt: skip
    if args.epochs:
        command += ["--training.max_epochs", str(args.epochs)]
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    with open(ROOT / "training" / "output" / f"{args.lang}{suffix}.log", "w") as log:
        subprocess.run(command, check=True, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    if args.install:
        target = ROOT / "extractor" / "data" / "models" / f"{args.lang}_ner"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(output / "model-best", target)
        print(f"installed {output / 'model-best'} -> {target}")


if __name__ == "__main__":
    main()
