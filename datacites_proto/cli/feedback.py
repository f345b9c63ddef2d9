"""`datacites feedback export|purge PATH`: the citizens' feedback, for the team."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from datacites_proto.blueprint.loader import load_blueprint
from datacites_proto.cli.context import CliState
from datacites_proto.cli.options import OutputOption
from datacites_proto.cli.output import say
from datacites_proto.cli.validate import find_blueprint
from datacites_proto.i18n import resolve_lang
from datacites_proto.store import Store, store_url
from datacites_proto.store.export import to_csv, to_json

app = typer.Typer(
    help="Export or purge the citizens' feedback (DATACITES_STORE_URL or .datacites/store.sqlite).",
    no_args_is_help=True,
)


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


PathArgument = Annotated[Path, typer.Argument(help="Blueprint file or project folder.")]


def _open(ctx: typer.Context, path: Path):  # type: ignore[no-untyped-def]
    state: CliState = ctx.obj
    blueprint = load_blueprint(find_blueprint(path), lang=state.lang)
    return (
        blueprint,
        Store.open(store_url(blueprint.project_dir)),
        resolve_lang(state.lang, blueprint.lang),
    )


@app.command("export")
def export(
    ctx: typer.Context,
    path: PathArgument,
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="csv or json.")
    ] = ExportFormat.csv,
    output: OutputOption = None,
) -> None:
    """Write the service's feedback, newest first, as CSV or JSON."""
    blueprint, store, lang = _open(ctx, path)
    try:
        rows = store.feedback_rows(blueprint.service.id)
    finally:
        store.close()
    text = to_csv(rows) if output_format is ExportFormat.csv else to_json(rows)
    if output is None:
        typer.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    say("cli_feedback_exported", lang, style="green", err=True, count=len(rows), path=output)


@app.command("purge")
def purge(
    ctx: typer.Context,
    path: PathArgument,
    days: Annotated[
        int | None,
        typer.Option(min=0, help="Delete what is older than this; default service.retention_days."),
    ] = None,
) -> None:
    """Delete the service's feedback and usage events older than the retention period."""
    blueprint, store, lang = _open(ctx, path)
    keep = blueprint.service.retention_days if days is None else days
    try:
        result = store.purge(keep, service_id=blueprint.service.id)
    finally:
        store.close()
    say(
        "cli_feedback_purged",
        lang,
        style="green",
        feedback=result.feedback,
        events=result.events,
        days=keep,
        url=store.url,
    )
