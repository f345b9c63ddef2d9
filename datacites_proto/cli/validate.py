"""`datacites validate PATH...`: check blueprints and say precisely what is wrong."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from datacites_proto.blueprint import clock
from datacites_proto.blueprint.checks.governance import EXPIRY_WARNING_DAYS, expiry_problems
from datacites_proto.blueprint.loader import BLUEPRINT_NAMES, LoadResult, inspect_blueprint
from datacites_proto.blueprint.questionnaire_loader import (
    QuestionnaireResult,
    inspect_questionnaire,
    is_questionnaire_file,
)
from datacites_proto.cli.context import CliState
from datacites_proto.cli.output import print_problems, say
from datacites_proto.errors import CodedError
from datacites_proto.i18n import resolve_lang


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def find_blueprint(path: Path) -> Path:
    """A blueprint file itself, or the blueprint inside a project folder."""
    if path.is_dir():
        for name in BLUEPRINT_NAMES:
            if (path / name).is_file():
                return path / name
    return path


def inspect_path(path: Path, lang: str | None) -> LoadResult | QuestionnaireResult:
    """A blueprint (file or project folder), or a questionnaire file (`questionnaire: 1`)."""
    if is_questionnaire_file(path):
        return inspect_questionnaire(path, lang=lang)
    return inspect_blueprint(find_blueprint(path), lang=lang)


def _as_json(results: list[LoadResult | QuestionnaireResult], lang: str | None) -> str:
    files = []
    for r in results:
        file_lang = resolve_lang(lang, r.lang)
        files.append(
            {
                "path": r.display,
                "valid": r.ok,
                "lang": file_lang,
                "errors": [p.to_dict(file_lang) for p in r.problems],
                "warnings": [p.to_dict(file_lang) for p in r.warnings],
            }
        )
    return json.dumps(
        {"valid": all(r.ok for r in results), "files": files}, ensure_ascii=False, indent=2
    )


def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Blueprint files (.yaml, .py) or project folders.",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="text for people, json for editors and CI."),
    ] = OutputFormat.text,
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors.")] = False,
    data: Annotated[
        bool,
        typer.Option(
            "--data", help="Also load every dataset and check its rows (types, constraints, keys)."
        ),
    ] = False,
    expiry_warning_days: Annotated[
        int,
        typer.Option(
            "--expiry-warning-days",
            min=0,
            help="Warn this many days before an agreement ends (after its end, it is an error).",
        ),
    ] = EXPIRY_WARNING_DAYS,
) -> None:
    """Check blueprints: exit 0 when valid, 1 when not, 2 on a usage error."""
    state: CliState = ctx.obj
    results = [inspect_path(p, state.lang) for p in paths]
    try:
        today = clock.today()
    except CodedError as exc:
        typer.echo(exc.message(resolve_lang(state.lang)), err=True)
        raise typer.Exit(2) from None
    for r in results:
        if r.blueprint is not None:
            found = expiry_problems(r.blueprint, today=today, warning_days=expiry_warning_days)
            r.problems.extend(p for p in found if p.severity == "error")
            r.warnings.extend(p for p in found if p.severity == "warning")
    if data:
        from datacites_proto.engine.data_check import check_data
        from datacites_proto.engine.retention import dropped_warnings
        from datacites_proto.engine.service import Service

        for r in results:
            if r.blueprint is not None and not any(p.code != "agreement_ended" for p in r.problems):
                with Service.from_blueprint(r.blueprint) as service:
                    r.problems.extend(check_data(r, service=service))
                    r.warnings.extend(dropped_warnings(service))
    if strict:
        for r in results:
            r.problems.extend(w.at(severity="error") for w in r.warnings)
            r.warnings.clear()
    if output_format is OutputFormat.json:
        typer.echo(_as_json(results, state.lang))
    else:
        for r in results:
            lang = resolve_lang(state.lang, r.lang)
            print_problems([*r.problems, *r.warnings], lang)
            if r.ok:
                say("cli_valid", lang, style="green", path=r.display, warnings=len(r.warnings))
            else:
                say("cli_invalid", lang, style="bold red", path=r.display, count=len(r.problems))
    raise typer.Exit(0 if all(r.ok for r in results) else 1)
