"""Passed to ``spacy train --code``: registers the project's tokenizers and entity tagger."""

import extractor.entities.en_tokens  # noqa: F401
import extractor.entities.tagger  # noqa: F401
import extractor.entities.zh_tokens  # noqa: F401
