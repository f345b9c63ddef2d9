"""`datacites components`: what sources, views and map layers are installed, and from where."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from datacites_proto.cli.context import CliState
from datacites_proto.cli.output import console
from datacites_proto.i18n import resolve_lang, translate
from datacites_proto.registry import default_registry


def components(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List installed components: kind, type, distribution, version."""
    state: CliState = ctx.obj
    lang = resolve_lang(state.lang)
    found = default_registry().components()
    if as_json:
        rows = [
            {
                "kind": c.kind,
                "type": c.type,
                "distribution": c.distribution,
                "version": c.version,
                "class": f"{c.cls.__module__}.{c.cls.__qualname__}",
            }
            for c in found
        ]
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table(title=translate("cli_components_title", lang))
    for code in (
        "cli_col_kind",
        "cli_col_type",
        "cli_col_distribution",
        "cli_col_version",
        "cli_col_description",
    ):
        table.add_column(translate(code, lang))
    for c in found:
        doc = (c.cls.__doc__ or "").strip().splitlines()[0] if c.cls.__doc__ else ""
        table.add_row(
            translate(f"kind_{c.kind[:-1]}", lang), c.type, c.distribution, c.version, doc
        )
    console.print(table)
