"""`datacites report PATH [--page SLUG] [--filter id=value …] -o FILE.pdf|FILE.html`:
public pages as a print-ready document for a council meeting."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Annotated

import typer

from datacites_proto.blueprint.loader import inspect_blueprint
from datacites_proto.cli.context import CliState
from datacites_proto.cli.output import say
from datacites_proto.cli.validate import find_blueprint
from datacites_proto.engine.data_check import check_data
from datacites_proto.engine.service import Service
from datacites_proto.errors import BlueprintError
from datacites_proto.i18n import resolve_lang, translate
from datacites_proto.report.build import FORMATS, render, requests
from datacites_proto.report.filters import ReportError


def _as_of(value: str | None, lang: str) -> dt.datetime:
    if value is None:
        return dt.datetime.now().replace(second=0, microsecond=0)
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            translate("report_bad_date", lang, value=value), param_hint="--as-of"
        ) from None


def report(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Blueprint file or project folder.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The document to write: FILE.pdf or FILE.html.")
    ],
    page: Annotated[
        str | None,
        typer.Option(
            "--page", metavar="SLUG", help="The slug of one page; default: every public page."
        ),
    ] = None,
    filters: Annotated[
        list[str] | None,
        typer.Option(
            "--filter",
            metavar="ID=VALUE",
            help="A filter's value, id=value (repeat the option): a period (last_30_days…) or "
            "YYYY-MM-DD..YYYY-MM-DD, values separated by commas, low..high, 1 or 0.",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="The export date written in the document (YYYY-MM-DD or YYYY-MM-DDTHH:MM); default now.",
        ),
    ] = None,
) -> None:
    """Public pages printed: key figures, charts, maps, tables, sources and dates, on A4 pages
    (PDF) or as one self-contained HTML file, governed as on screen."""
    state: CliState = ctx.obj
    started = time.perf_counter()
    suffix = output.suffix.lower()
    early_lang = resolve_lang(state.lang)
    if suffix not in FORMATS:  # known before anything is read
        raise typer.BadParameter(
            translate("report_unknown_format", early_lang, path=str(output)), param_hint="-o"
        )
    loaded = inspect_blueprint(find_blueprint(path), lang=state.lang)
    blueprint = loaded.raise_for_problems()
    lang = resolve_lang(state.lang, blueprint.lang)
    date = _as_of(as_of, lang)
    with Service.from_blueprint(blueprint) as service:
        # Data the app would refuse to show (a missing file, a wrong type): the same located
        # problems as `datacites validate --data`, and no report.
        problems = [p for p in check_data(loaded, service=service) if p.severity == "error"]
        if problems:
            raise BlueprintError(problems, lang=lang)
        try:
            pages = requests(blueprint, service, page, filters or [], lang)
        except ReportError as exc:
            hint = (
                "--page" if exc.code in ("report_unknown_page", "report_team_page") else "--filter"
            )
            raise typer.BadParameter(exc.message(lang), param_hint=hint) from None
        data = render(blueprint, service, pages, lang=lang, as_of=date, fmt=suffix)
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise typer.BadParameter(
            translate("report_write_failed", lang, path=str(output), detail=exc.strerror),
            param_hint="-o",
        ) from None
    seconds = f"{time.perf_counter() - started:.1f}"
    say(
        "report_written",
        lang,
        style="green",
        err=True,
        path=output,
        pages=len(pages),
        seconds=seconds,
    )
