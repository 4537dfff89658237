"""Input limits, documented in the README's "Guarantees and limits" (one place for their defaults)."""

# 20 MB: a thousand times a long article. Memory grows with the input (about 200 bytes of RSS per input
# byte on dense news text with entities), so this keeps one document inside a few GB per worker.
DEFAULT_MAX_BYTES = 20_000_000

# Seconds one batch document may take. Generous: a long article takes well under a second; a document
# still running after this is a runaway (a pathological input or a bug) and becomes an error record
# instead of stalling the run.
DEFAULT_DOC_TIMEOUT = 600.0
