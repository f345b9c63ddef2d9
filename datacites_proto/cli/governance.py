"""`datacites governance report PATH [-o FILE] [--as-of DATE]`: the governance register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from datacites_proto.cli.context import CliState
from datacites_proto.cli.options import OutputOption
from datacites_proto.cli.output import print_problems, say
from datacites_proto.cli.validate import find_blueprint
from datacites_proto.engine.register.collect import register_of
from datacites_proto.engine.register.formats import renderer_for
from datacites_proto.errors import CodedError

app = typer.Typer(
    help="The data governance register a data protection officer or a partner asks for.",
    no_args_is_help=True,
)


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CodedError("register_bad_date", value=value) from None


@app.command("report")
def report(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Blueprint file or project folder.")],
    output: OutputOption = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Date the agreements' days left are counted from (YYYY-MM-DD); default today.",
        ),
    ] = None,
) -> None:
    """Every dataset: producer, licence, access, personal columns, threshold, agreement and
    expiry, and which indicators, views and pages use it, at what level (.md, .html, .csv)."""
    state: CliState = ctx.obj
    # The format is known before anything is read: a wrong extension fails at once.
    render = renderer_for(output) if output is not None else renderer_for(Path("report.md"))
    date = _as_of(as_of)
    found = register_of(find_blueprint(path), as_of=date, lang=state.lang)
    lang, register = found.lang, found.register
    print_problems(found.warnings, lang, err=True)
    text = render(register, lang)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise CodedError("register_write_failed", path=str(output), detail=exc.strerror) from None
    say(
        "register_written", lang, style="green", err=True, path=output, count=len(register.datasets)
    )
