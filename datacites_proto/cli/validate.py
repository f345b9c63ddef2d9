"""`datacites validate PATH...`: check blueprints and say precisely what is wrong."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from datacites_proto.blueprint.loader import BLUEPRINT_NAMES, LoadResult, inspect_blueprint
from datacites_proto.cli.context import CliState
from datacites_proto.cli.output import print_problems, say
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


def _as_json(results: list[LoadResult], lang: str | None) -> str:
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
        typer.Argument(help="Blueprint files (.yaml, .py) or project folders.", show_default=False),
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
) -> None:
    """Check blueprints: exit 0 when valid, 1 when not, 2 on a usage error."""
    state: CliState = ctx.obj
    results = [inspect_blueprint(find_blueprint(p), lang=state.lang) for p in paths]
    if data:
        from datacites_proto.engine.data_check import check_data

        for r in results:
            if r.ok:
                r.problems.extend(check_data(r))
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
