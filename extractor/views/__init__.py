"""Views of extracted documents for people and for other tools: one module a format, each a function
``render(documents, **options) -> str`` over a list of :class:`extractor.schema.Document`.

| format      | module                         | what it is                                                  |
|-------------|--------------------------------|-------------------------------------------------------------|
| json        | ``as_json``                    | the documents as ``extract`` prints them (the default)      |
| html        | ``as_html``                    | one self-contained HTML report (``extractor render``)       |
| table       | ``as_table``                   | a terminal table of the claims                              |
| csv         | ``as_csv``                     | one row per claim, flat value columns (docs/formats.md)     |
| claimreview | ``as_claimreview``             | schema.org ``Claim`` JSON-LD items to start a ClaimReview   |

Modules are imported when a format is asked for: Jinja2 and rich stay out of ``extractor --help``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from extractor.errors import UsageError


@dataclass(frozen=True)
class View:
    name: str
    module: str
    needs_text: bool  # the view shows the article itself, so documents must carry their text
    summary: str


VIEWS = {
    view.name: view
    for view in (
        View("json", "extractor.views.as_json", False, "JSON documents (the default)"),
        View("html", "extractor.views.as_html", True, "a self-contained HTML report"),
        View("table", "extractor.views.as_table", False, "a terminal table of the claims"),
        View("csv", "extractor.views.as_csv", False, "one CSV row per claim"),
        View("claimreview", "extractor.views.as_claimreview", False, "schema.org Claim JSON-LD items"),
    )
}
FORMATS = tuple(VIEWS)


def get_view(name: str) -> View:
    """The view called ``name``, or a UsageError that lists the formats there are."""
    view = VIEWS.get(name)
    if view is None:
        raise UsageError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}")
    return view


def render(name: str, documents: list, **options) -> str:
    """Render documents in the format ``name`` with that format's own options (see each module)."""
    view = get_view(name)
    return importlib.import_module(view.module).render(list(documents), **options)
