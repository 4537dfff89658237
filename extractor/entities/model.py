"""Loading the NER pipelines that ship inside the package (``extractor/data/models/<lang>_ner``).

Nothing is downloaded: the weights are files of this package, built by ``training/train.py``.
Each process loads a pipeline once, on first use.
"""

from __future__ import annotations

import functools
from importlib import resources

from extractor.errors import ExtractorError

MODEL_NAMES = {"zh": "zh_ner", "en": "en_ner"}


class ModelMissingError(ExtractorError):
    code = "model_missing"
    exit_code = 1


def model_path(lang: str):
    return resources.files("extractor") / "data" / "models" / MODEL_NAMES[lang]


@functools.lru_cache(maxsize=None)
def load_pipeline(lang: str):
    """The spaCy pipeline for ``lang`` ("zh" or "en"), loaded from the package's own files."""
    import spacy

    import extractor.entities.en_tokens  # noqa: F401  (registers the English NER tokenizer)
    import extractor.entities.tagger  # noqa: F401  (registers the entity_tagger factory)
    import extractor.entities.zh_tokens  # noqa: F401  (registers the Chinese NER tokenizer)

    path = model_path(lang)
    if not (path / "meta.json").is_file():
        raise ModelMissingError(
            f"the {lang} entity model is missing from the installation ({path}); reinstall extractor"
        )
    return spacy.load(str(path))
