"""Rebuild the shipped entity pipelines from ../shared/data/ner — one command.

    .venv/bin/python training/train.py zh            # all four Chinese corpora (see the model card)
    .venv/bin/python training/train.py zh --open-only   # openly licensed data only (Weibo NER)
    .venv/bin/python training/train.py en
    .venv/bin/python training/train.py zh --extra my_labelled.jsonl   # add your own data

Steps: ``prepare.py`` writes DocBins to training/corpus/, ``spacy train`` trains on one thread with
the config in training/configs/<lang>.cfg (checkpoints: training/output/<lang>/model-best is
rewritten whenever the dev score improves; the log is training/output/<lang>.log). Chinese trains in
two stages: a constant learning rate for STAGE1_STEPS steps, then ``zh-anneal.cfg`` continues from
stage 1's best checkpoint with a learning rate falling linearly to zero (training/output/zh-anneal).
``--install`` copies the final best checkpoint to extractor/data/models/<lang>_ner.
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


# Stage 1 of the Chinese model: constant learning rate for this many steps (the shipped model's run).
STAGE1_STEPS = 13000


def _spacy_train(config: str, output: Path, overrides: list[str], env: dict) -> None:
    command = [
        sys.executable, "-m", "spacy", "train", str(HERE / "configs" / f"{config}.cfg"),
        "--code", str(HERE / "spacy_code.py"), "--output", str(output), *overrides,
    ]  # fmt: skip
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output.with_suffix(".log"), "w") as log:
        subprocess.run(command, check=True, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lang", choices=["zh", "en"])
    parser.add_argument("--open-only", action="store_true", help="train on openly licensed corpora only")
    parser.add_argument("--extra", type=Path, action="append", default=[], help="more training JSONL (our labels)")
    parser.add_argument("--steps", type=int, default=None, help="training steps (Chinese: of stage 1)")
    parser.add_argument("--anneal-steps", type=int, default=None, help="Chinese stage 2 steps (default: the config's)")
    parser.add_argument("--install", action="store_true", help="copy model-best into the package")
    parser.add_argument(
        "--config", default=None,
        help="a config of training/configs to train in one stage instead (output: training/output/<config>)",
    )
    args = parser.parse_args()
    python = sys.executable
    suffix = "-open" if args.open_only else ""
    prepare = [python, str(HERE / "prepare.py"), args.lang]
    if args.open_only:
        prepare.append("--open-only")
    for extra in args.extra:
        prepare += ["--extra", str(extra)]
    subprocess.run(prepare, check=True, cwd=ROOT)
    corpus = HERE / "corpus"
    stage = ROOT / "training" / "output" / f"{args.lang}{suffix}"
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    overrides = ["--paths.train", str(corpus / f"{args.lang}{suffix}-train.spacy"),
                 "--paths.dev", str(corpus / f"{args.lang}{suffix}-dev.spacy")]  # fmt: skip
    if args.config:  # one stage: the config's own schedule
        stage = stage.with_name(args.config + suffix)
        steps = ["--training.max_steps", str(args.steps), "--training.optimizer.learn_rate.total_steps", str(args.steps)]
        _spacy_train(args.config, stage, overrides + (steps if args.steps else []), env)
    else:
        steps = args.steps or (STAGE1_STEPS if args.lang == "zh" else None)
        _spacy_train(args.lang, stage, overrides + (["--training.max_steps", str(steps)] if steps else []), env)
    output = stage
    if args.lang == "zh" and not args.config:
        # Stage 2: from stage 1's best checkpoint, the learning rate falls linearly to zero.
        output = stage.with_name(stage.name + "-anneal")
        anneal = ["--paths.source", str(stage / "model-best")]
        if args.anneal_steps:
            anneal += ["--training.max_steps", str(args.anneal_steps),
                       "--training.optimizer.learn_rate.total_steps", str(args.anneal_steps)]  # fmt: skip
        _spacy_train("zh-anneal", output, overrides + anneal, env)
    if args.install:
        target = ROOT / "extractor" / "data" / "models" / f"{args.lang}_ner"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(output / "model-best", target)
        print(f"installed {output / 'model-best'} -> {target}")


if __name__ == "__main__":
    main()
