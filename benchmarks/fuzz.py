"""The long fuzz run: the pipeline on many thousands of arbitrary inputs (tests/test_fuzz.py runs the same
check on a CI budget).

    .venv/bin/python benchmarks/fuzz.py [--cases 10000] [--seed 0]

The inputs are hypothesis' strategies from tests/test_fuzz.py: random bytes, random text (news characters
and any code point) encoded as UTF-8, UTF-16, GB18030, Big5 or UTF-8 with a BOM, and random text wrapped
in an HTML page. Each must be refused with a clean error or give a document whose spans all cut the input,
which is valid against the published JSON Schema and which is the same when read again
(tests/fuzzcheck.py). The first failure stops the run, shrunk to a minimal input, and is printed; a run that
ends prints the counts.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    from hypothesis import HealthCheck, given, seed, settings

    from extractor import Extractor
    from tests.fuzzcheck import check_bytes
    from tests.test_fuzz import BYTES

    extractor = Extractor(include_tokens=True)
    outcomes: Counter = Counter()
    sizes: list[int] = []

    @seed(args.seed)
    @settings(max_examples=args.cases, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(BYTES)
    def run(data: bytes) -> None:
        outcomes[check_bytes(extractor, data)] += 1
        sizes.append(len(data))

    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    total = sum(outcomes.values())
    print(f"{total:,} cases in {seconds:.0f} s (seed {args.seed}, inputs of 0 to {max(sizes)} bytes): "
          f"{outcomes['document']:,} documents, every span valid, schema-valid, the same when read again; "
          f"{outcomes['refused']:,} refused with a clean error; 0 exceptions")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
