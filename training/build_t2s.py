"""Build extractor/data/text/t2s_chars.tsv: traditional → simplified Chinese, one character to one.

Usage (from the repository root; needs ``pip install opencc-python-reimplemented`` at build time only):

    python training/build_t2s.py [TSCHARACTERS_TXT] [OUTPUT_TSV]

The source is OpenCC's character table ``TSCharacters.txt`` (Apache-2.0, https://github.com/BYVoid/OpenCC),
by default the copy inside the ``opencc-python-reimplemented`` package. Each of its lines is a traditional
character, a tab, and one or more simplified candidates; OpenCC lists the usual one first, which is the
one kept. Only one-code-point to one-code-point pairs are kept, so that converting a text never changes
its length and every offset found in the converted text is an offset in the original. Characters that
OpenCC lists among their own candidates (乾, 於) are dropped: simplified text writes them too. Standard library only; the output
is sorted, so the same input always gives the same file.
"""

from __future__ import annotations

from pathlib import Path

import sources

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "extractor" / "data" / "text" / "t2s_chars.tsv"


def default_source() -> Path:
    missing = "opencc-python-reimplemented is not installed; pass the path of TSCharacters.txt"
    return sources.package_folder("opencc", missing) / "dictionary" / "TSCharacters.txt"


def pairs(source: Path) -> list[tuple[str, str]]:
    kept = []
    for line in source.read_text(encoding="utf-8").splitlines():
        traditional, _, candidates = line.partition("\t")
        options = candidates.split(" ") if candidates else []
        simplified = options[0] if options else ""
        # A character listed among its own candidates is also written in simplified text
        # (乾 in 乾隆, 於 as a surname): leave it alone.
        if len(traditional) == 1 and len(simplified) == 1 and traditional not in options:
            kept.append((traditional, simplified))
    return sorted(kept)


def main() -> None:
    source, output = sources.source_and_output(__doc__.splitlines()[0], DEFAULT_OUTPUT)
    kept = pairs(source or default_source())
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("".join(f"{t}\t{s}\n" for t, s in kept), encoding="utf-8")
    print(f"{len(kept)} pairs -> {output}")


if __name__ == "__main__":
    main()
