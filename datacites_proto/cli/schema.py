"""`datacites schema`: the JSON Schema of blueprints, installed plugins included."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from datacites_proto.blueprint.schema import build_schema
from datacites_proto.cli.context import CliState
from datacites_proto.cli.output import say
from datacites_proto.i18n import resolve_lang
from datacites_proto.registry import default_registry


def schema_text(lang: str) -> str:
    return json.dumps(build_schema(default_registry(), lang), ensure_ascii=False, indent=2) + "\n"


def schema(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of the screen."),
    ] = None,
) -> None:
    """Print (or write) the JSON Schema, for editor completion and checks."""
    state: CliState = ctx.obj
    lang = resolve_lang(state.lang)
    text = schema_text(lang)
    if output is None:
        typer.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    say("cli_schema_written", lang, style="green", err=True, path=str(output))
