"""What every output must satisfy, whatever the input bytes: the check the fuzz test (tests/test_fuzz.py)
and the long fuzz run (benchmarks/fuzz.py) share.

For one input (bytes, as a file would hold them): reading and extracting either raises an
:class:`~extractor.errors.ExtractorError` (a clean, documented refusal: binary, undecodable, too large)
or gives a Document whose every span cuts its own text from the decoded input, whose JSON is valid
against the published schema, and which comes out the same when the input is read again.
"""

from __future__ import annotations

import json
from functools import lru_cache

from extractor.errors import ExtractorError


class Violation(AssertionError):
    """An output that breaks the contract (not an exception of the extractor's own)."""


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    from extractor.schema import json_schema

    return jsonschema.Draft202012Validator(json_schema())


def check_bytes(extractor, data: bytes, *, ref_date: str = "2026-11-24", schema: bool = True) -> str:
    """"refused" (a clean ExtractorError) or "document" (every property held); raises Violation or the
    extractor's own unexpected exception otherwise."""
    try:
        article = extractor.read(data, source="<fuzz>")
    except ExtractorError:
        return "refused"
    first = extractor.extract_article(article, ref_date=ref_date)
    text = article.text
    for group in (first.sentences, first.entities, first.claims, first.boilerplate, first.tokens or []):
        for span in group:
            if not (0 <= span.start <= span.end <= len(text)) or text[span.start : span.end] != span.text:
                raise Violation(f"span {span.start}:{span.end} {span.text!r} does not cut the input")
    line = first.model_dump_json()
    if schema:
        errors = sorted(_validator().iter_errors(json.loads(line)), key=str)
        if errors:
            raise Violation(f"not valid against the schema: {errors[0].message}")
    again = extractor.extract_article(extractor.read(data, source="<fuzz>"), ref_date=ref_date).model_dump_json()
    if again != line:
        raise Violation("a second reading gave another output")
    return "document"
