"""`datacites schema`: the JSON Schema of blueprints, installed plugins included."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from datacites_proto.blueprint.questionnaire_schema import build_questionnaire_schema
from datacites_proto.blueprint.schema import build_schema
from datacites_proto.cli.context import CliState
from datacites_proto.cli.options import BuiltinOption, OutputOption
from datacites_proto.cli.output import say
from datacites_proto.i18n import resolve_lang
from datacites_proto.registry import Registry, default_registry


def schema_text(registry: Registry, lang: str) -> str:
    return json.dumps(build_schema(registry, lang), ensure_ascii=False, indent=2) + "\n"


def write_or_print(text: str, output: Path | None, lang: str) -> None:
    """Print `text`, or write it to `output` and say so on stderr."""
    if output is None:
        typer.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    say("cli_file_written", lang, style="green", err=True, path=str(output))


def schema(
    ctx: typer.Context,
    output: OutputOption = None,
    builtin: BuiltinOption = False,
    questionnaire: Annotated[
        bool,
        typer.Option(
            "--questionnaire", help="The schema of questionnaire files instead of blueprints."
        ),
    ] = False,
) -> None:
    """Print (or write) the JSON Schema, for editor completion and checks."""
    state: CliState = ctx.obj
    lang = resolve_lang(state.lang)
    if questionnaire:
        text = json.dumps(build_questionnaire_schema(lang), ensure_ascii=False, indent=2) + "\n"
        write_or_print(text, output, lang)
        return
    registry = Registry.builtin() if builtin else default_registry()
    write_or_print(schema_text(registry, lang), output, lang)
