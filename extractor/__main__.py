from extractor.cli import console

console()
