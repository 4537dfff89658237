"""Single-line inputs up to 1 MB: extraction time should grow linearly with length.

    .venv/bin/python benchmarks/claims_scaling.py [--megabytes 1.0] [--growth-only] [--entities]

For each input shape (news-like Chinese, long digit runs, Chinese numeral runs, spaced digits, dashed
and dotted numbers, modifiers, currency symbols, years) the same unit is repeated on ONE line to a
quarter, a half and the whole of ``--megabytes`` (UTF-8), and the extractor (claims on, no entities)
runs on each. Linear time shows as seconds per MB staying flat; a regex that backtracks shows as a
ratio that doubles with every doubling of the input. tests/test_scaling.py checks the same on small
sizes in CI.

First it prints the growth table: for each shape, the time at 100k characters over the time at 10k
(best of three each). Linear time gives about 10; the team's bound is 12. ``--entities`` runs the whole
pipeline (the entity model too) instead of claims alone. The last line is the peak resident memory of the
process (``ru_maxrss``).
"""

from __future__ import annotations

import argparse
import time

UNITS = {
    "news (zh)": "据彭博社报道，Meta 公司 2027 年的资本开支预计为 700 – 720 亿美元，同比增长 62 %，其中约六成用于采购 GPU；",
    "digits": "1234567890",
    "chinese numerals": "一二三四五六七八九十百千万亿",
    "spaced digits": "1 2 3 4 5 ",
    "dashed numbers": "1-1-1-1-",
    "dotted numbers": "1.1.1.1.",
    "modifiers": "约超过不到近逾",
    "currency symbols": "$$¥¥€5",
    "years": "2026年2026年",
    "spaced dates (zh)": "12 月 9 日 ",
    "wan yuan": "1万元",
    "dash runs": "-–—~～--——",
    "spoken money (zh)": "两毛五三块零四五蚊六毫至個半",
    "yi runs": "亿",
    "punctuation runs": "。，！？、；：…—“”「」",
    "nested brackets": "((（【「《〈[{",
    "mixed scripts": "Meta 首席执行官马克 · 扎克伯格与 Scale AI 创始人汪滔 ( Alexandr Wang ) 在 GPT-5 发布后表示，",
    "traditional (zh)": "據彭博社報導，晶創科技 2027 年資本支出預計為 700 – 720 億美元，年增 62 %；",
    "html-like": "<p>营收 <b>350</b> 亿美元 &amp; 94%</p>",
    "names and dinars": "Harlow Foods paid 4 dinars in Amman ",
    "yen or yuan": "¥5bn Beijing Japan ",
}
GROWTH_BOUND = 12


def _best_seconds(extractor, text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        extractor.extract(text, ref_date="2026-11-24")
        best = min(best, time.perf_counter() - started)
    return best


def growth_table(extractor) -> bool:
    """time(100k chars) / time(10k chars) per shape; True when every ratio is within the bound."""
    print(f"{'input':18} {'10k s':>7} {'100k s':>7} {'ratio':>6}")
    within = True
    for name, unit in UNITS.items():
        small, large = ((unit * (n // len(unit) + 1))[:n] for n in (10_000, 100_000))
        extractor.extract(unit * 3, ref_date="2026-11-24")  # warm up what this shape loads lazily
        seconds = [_best_seconds(extractor, text) for text in (small, large)]
        ratio = seconds[1] / max(seconds[0], 1e-6)
        within &= ratio <= GROWTH_BOUND
        flag = "" if ratio <= GROWTH_BOUND else f"  > {GROWTH_BOUND}"
        print(f"{name:18} {seconds[0]:>7.3f} {seconds[1]:>7.3f} {ratio:>6.1f}{flag}")
    print()
    return within


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--growth-only", action="store_true", help="print only the 10k -> 100k growth table")
    parser.add_argument("--entities", action="store_true", help="the whole pipeline, entity model included")
    args = parser.parse_args()
    from extractor import Extractor

    extractor = Extractor(include_text=False, entities=args.entities)
    extractor.extract("预热：一千二百万元，单一元素。", ref_date="2026-11-24")
    within = growth_table(extractor)
    if args.growth_only:
        print(f"peak RSS {peak_rss_mb():.0f} MB")
        raise SystemExit(0 if within else 1)
    print(f"{'input':18} {'size':>9} {'seconds':>8} {'s/MB':>6}  claims")
    for name, unit in UNITS.items():
        unit_bytes = len(unit.encode("utf-8"))
        for share in (0.25, 0.5, 1.0):
            repeats = int(args.megabytes * share * 1_000_000 / unit_bytes)
            text = unit * repeats
            started = time.perf_counter()
            document = extractor.extract(text, ref_date="2026-11-24")
            seconds = time.perf_counter() - started
            size = len(text.encode("utf-8")) / 1e6
            print(f"{name:18} {size:>7.2f}MB {seconds:>8.2f} {seconds / size:>6.2f}  {len(document.claims)}")
    print(f"peak RSS {peak_rss_mb():.0f} MB")


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


if __name__ == "__main__":
    main()
