"""The one Jinja2 environment of the HTML views (``render`` reports, ``track`` reports), made once a process.

Templates live in ``extractor/data/templates``. Autoescaping is on for every template whatever its file
name: article text is never trusted as markup. Jinja2 is imported on first use, so that ``extractor
--help`` and ``import extractor`` never load it.
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("extractor", "data/templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def get_template(name: str):
    """The template ``name``, compiled once a process (the environment keeps it)."""
    return environment().get_template(name)
