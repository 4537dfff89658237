"""Build tests/corpus/<kind>/zh-hant.jsonl: every Chinese case of the corpus in traditional characters.

Usage (from the repository root; OpenCC is needed here only, not by the tests or the extractor):

    .venv/bin/pip install opencc-python-reimplemented && .venv/bin/python tests/corpus/build_traditional.py

Each case of ``<kind>/zh.jsonl`` (written by the team) is converted with OpenCC's ``s2t`` configuration
(Apache-2.0, https://github.com/BYVoid/OpenCC), its expected spans with it; the expected values stay as
they are: a traditional article states the same amounts and dates. A case whose conversion changes its
length (a phrase converted into more or fewer characters) or leaves it as it was is left out, and so is
one whose span no longer occurs in the converted text. The output is sorted like its source, so the same
input always gives the same files. ``note`` names the source line.
"""

from __future__ import annotations

import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parent


def convert_case(case: dict, convert) -> dict | None:
    text = convert(case["text"])
    if text == case["text"] or len(text) != len(case["text"]):
        return None
    expected = []
    for item in case["expected"]:
        start = item["start"] if "start" in item else case["text"].index(item["text"])
        span = text[start : start + len(item["text"])]
        if span != convert(item["text"]):
            return None
        converted = {**item, "text": span}
        if "start" not in item and text.index(span) != start:
            converted["start"] = start
        expected.append(converted)
    return {**case, "text": text, "expected": expected}


def main() -> None:
    from opencc import OpenCC

    convert = OpenCC("s2t").convert
    for source in sorted(CORPUS.glob("*/zh.jsonl")):
        lines = []
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            case = convert_case(json.loads(line), convert)
            if case is not None:
                note = f"traditional (OpenCC s2t) of {source.parent.name}/zh:{number}"
                case["note"] = f"{note}: {case['note']}" if case.get("note") else note
                lines.append(json.dumps(case, ensure_ascii=False))
        target = source.with_name("zh-hant.jsonl")
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{target.relative_to(CORPUS.parent.parent)}: {len(lines)} cases")


if __name__ == "__main__":
    main()
