"""`datacites reference`: the Markdown reference of the language, from the models."""

from __future__ import annotations

import typer

from datacites_proto.blueprint.reference import render_reference
from datacites_proto.cli.context import CliState
from datacites_proto.cli.options import BuiltinOption, OutputOption
from datacites_proto.cli.schema import write_or_print
from datacites_proto.i18n import resolve_lang
from datacites_proto.registry import Registry, default_registry


def reference(
    ctx: typer.Context,
    output: OutputOption = None,
    builtin: BuiltinOption = False,
) -> None:
    """Print (or write) the reference of every blueprint key, in the chosen language."""
    state: CliState = ctx.obj
    lang = resolve_lang(state.lang)
    registry = Registry.builtin() if builtin else default_registry()
    write_or_print(render_reference(registry, lang), output, lang)
