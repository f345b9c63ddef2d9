"""`datacites reference`: the Markdown reference of the language, from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from datacites_proto.blueprint.reference import render_reference
from datacites_proto.cli.context import CliState
from datacites_proto.cli.schema import write_or_print
from datacites_proto.i18n import resolve_lang
from datacites_proto.registry import Registry, default_registry


def reference(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of the screen."),
    ] = None,
    builtin: Annotated[
        bool, typer.Option("--builtin", help="Only this package's components, not plugins'.")
    ] = False,
) -> None:
    """Print (or write) the reference of every blueprint key, in the chosen language."""
    state: CliState = ctx.obj
    lang = resolve_lang(state.lang)
    registry = Registry.builtin() if builtin else default_registry()
    write_or_print(render_reference(registry, lang), output, lang)
