"""extractor: named entities and checkable claims from Chinese and English news, offline.

>>> import extractor
>>> doc = extractor.extract("公司营收达到 143 亿美元。", ref_date="2026-11-24")
>>> doc.sentences[0].text
'公司营收达到 143 亿美元。'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["extract", "Extractor", "Document", "ExtractorError", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from extractor.api import Extractor, extract
    from extractor.errors import ExtractorError
    from extractor.schema import Document

# Imported on first use so that `import extractor` and `extractor --help` stay instant.
_LAZY = {
    "extract": "extractor.api",
    "Extractor": "extractor.api",
    "Document": "extractor.schema",
    "ExtractorError": "extractor.errors",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
