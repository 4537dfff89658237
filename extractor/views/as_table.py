"""A terminal table of claims (rich): what each number says, about whom, who said it, how hedged and how
worth checking, one row per claim in text order. Plain text unless ``color`` is asked for."""

from __future__ import annotations

import io

from extractor.schema import Document
from extractor.views.common import Lookup, checkworthiness_level, value_text


_SCORE_STYLES = {"high": "bold red", "medium": "yellow"}  # low and none: dim


def _score_style(score) -> str:
    return _SCORE_STYLES.get(checkworthiness_level(score), "dim")


def render(documents: list[Document], *, width: int = 120, color: bool = False) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    several = len(documents) > 1
    title = None if several or not documents else documents[0].id
    table = Table(title=title, box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    if several:
        table.add_column("doc", overflow="fold", max_width=24)
    table.add_column("id", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("claim", overflow="fold")
    table.add_column("value", overflow="fold")
    table.add_column("subject", overflow="fold")
    table.add_column("predicate", overflow="fold")
    table.add_column("source", overflow="fold")
    table.add_column("hedge", overflow="fold")
    table.add_column("score", justify="right", no_wrap=True)
    claims = 0
    for document in documents:
        lookup = Lookup(document)
        for claim in document.claims:
            claims += 1
            score = claim.checkworthiness
            cells = [
                claim.id,
                claim.kind,
                claim.text,
                value_text(claim),
                lookup.subject(claim) or "",
                claim.predicate.text if claim.predicate else "",
                lookup.source_text(claim) or "",
                claim.hedge or "",
                Text(f"{score:.2f}" if score is not None else "", style=_score_style(score)),
            ]
            table.add_row(*([document.id] if several else []), *cells)
    table.caption = f"{claims} claims in {len(documents)} document{'s' if len(documents) != 1 else ''}"
    console = Console(
        file=io.StringIO(), width=max(40, width), color_system="standard" if color else None,
        force_terminal=color, highlight=False, emoji=False, markup=False, record=False,
    )
    console.print(table)
    return console.file.getvalue()
