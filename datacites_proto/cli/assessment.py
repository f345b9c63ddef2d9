"""`datacites assessment import|export`: peers' self-assessment results in, the team's edition out.

The file format is the exchange format of `engine/assessment/export.py`. CSV: UTF-8, `;`
(or `,`) separated, one row per collectivité edition and theme, with the header
`collectivite;name;status;population;year;questionnaire;theme;level` (a decimal comma or
point). JSON: `{"editions": [{"collectivite", "name", "status", "population", "year",
"questionnaire", "levels": {theme: level}}]}`. An import is checked whole before anything is
stored: every problem is told with its file and line, and nothing is imported when there is
one. The anonymity rule is not the importer's: the results view applies it whatever the
file holds.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from datacites_proto.blueprint.loader import load_blueprint
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.questionnaire import Questionnaire
from datacites_proto.blueprint.questionnaire_loader import (
    load_questionnaire,
    shipped_questionnaires,
)
from datacites_proto.cli.context import CliState
from datacites_proto.cli.options import OutputOption
from datacites_proto.cli.output import say
from datacites_proto.cli.validate import find_blueprint
from datacites_proto.engine.assessment.export import (
    PeersFileError,
    edition_json,
    peers_csv,
    read_peers,
)
from datacites_proto.engine.assessment.peers import PeerEdition
from datacites_proto.engine.assessment.scoring import theme_levels
from datacites_proto.errors import BlueprintError, CodedError, Problem
from datacites_proto.i18n import resolve_lang
from datacites_proto.store import Edition, Store, store_url

app = typer.Typer(
    help="Import peers' self-assessment results, export the team's edition.",
    no_args_is_help=True,
)


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


Key = tuple[str, str, int]  # (questionnaire, collectivité, year)


def _blueprint(ctx: typer.Context, path: Path) -> tuple[Blueprint, str]:
    state: CliState = ctx.obj
    blueprint = load_blueprint(find_blueprint(path), lang=state.lang)
    return blueprint, resolve_lang(state.lang, blueprint.lang)


def _project_questionnaires(bp: Blueprint) -> list[str]:
    """The questionnaires the blueprint's views name (`questionnaire:`), in page order."""
    refs: list[str] = []
    for page in bp.pages:
        for placed in page.all_views():
            ref = getattr(placed.view, "questionnaire", None)
            if isinstance(ref, str) and ref not in refs:
                refs.append(ref)
    return refs


def _questionnaires(bp: Blueprint) -> dict[str, Questionnaire]:
    """The questionnaires an import may refer to, by id: the shipped ones and the project's."""
    known: dict[str, Questionnaire] = {}
    for ref in [*shipped_questionnaires(), *_project_questionnaires(bp)]:
        try:
            q = load_questionnaire(ref, bp.base_dir, project_dir=bp.project_dir)
        except BlueprintError:
            continue  # a broken project questionnaire is `datacites validate`'s to report
        known.setdefault(q.id, q)
    return known


# ------------------------------------------------------------------ where each edition is


def _csv_lines(text: str) -> dict[Any, int]:
    """Key → the first line of its edition, and (key, theme) → its row's line."""
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if ";" in first else ",")
    reader.fieldnames = [h.strip().lower() for h in reader.fieldnames or []]
    found: dict[Any, int] = {}
    for row in reader:
        try:
            key = (
                (row.get("questionnaire") or "").strip(),
                (row.get("collectivite") or "").strip(),
                int((row.get("year") or "").strip()),
            )
        except ValueError:
            continue
        found.setdefault(key, reader.line_num)
        found.setdefault((key, (row.get("theme") or "").strip()), reader.line_num)
    return found


def _json_locs(text: str) -> dict[Key, tuple[tuple[str | int, ...], int | None]]:
    """Key → where its edition is in the JSON (`editions.3`) and the line it starts on."""
    data = json.loads(text)
    items, base = (data["editions"], ("editions",)) if isinstance(data, dict) else (data, ())
    if isinstance(data, dict) and "editions" not in data:
        items, base = [data], ()
    # json keeps no positions: each edition names its collectivité once, in order.
    starts = [m.start() for m in re.finditer(r'"collectivite"\s*:', text)]
    lines = [text.count("\n", 0, at) + 1 for at in starts] if len(starts) == len(items) else []
    found: dict[Key, tuple[tuple[str | int, ...], int | None]] = {}
    for i, item in enumerate(items):
        try:
            key = (str(item["questionnaire"]).strip(), str(item["collectivite"]).strip())
            place = ((*base, i), lines[i] if lines else None)
            found.setdefault((*key, int(str(item["year"]).strip())), place)
        except (KeyError, TypeError, ValueError):
            continue
    return found


class _Where:
    """Locates a problem about an edition (or one of its themes) of the imported file."""

    def __init__(self, path: Path, shown: str) -> None:
        self.file = shown
        text = path.read_bytes().decode("utf-8-sig")
        self.json = path.suffix.lower() == ".json"
        self.places: dict[Any, Any] = _json_locs(text) if self.json else _csv_lines(text)

    def problem(
        self, message: str, key: Key, theme: str | None = None, /, **params: Any
    ) -> Problem:
        if self.json:
            loc, line = self.places.get(key, ((), None))
            at = (*loc, "levels", theme) if theme else loc
            return Problem(message, params, file=self.file, line=line, loc=at)
        line = self.places.get((key, theme)) if theme else None
        return Problem(message, params, file=self.file, line=line or self.places.get(key))


def check_peers(editions: list[PeerEdition], bp: Blueprint, where: _Where) -> list[Problem]:
    """What the exchange format allows but this project refuses, each at its line."""
    problems: list[Problem] = []
    territory = bp.service.territory
    own = territory.insee if territory is not None else None
    known = _questionnaires(bp)
    for e in editions:
        key = (e.questionnaire, e.collectivite, e.year)
        if own is not None and e.collectivite == own:
            problems.append(where.problem("assessment_import_own_collectivite", key, code=own))
            continue
        q = known.get(e.questionnaire)
        if q is None:
            problems.append(
                where.problem(
                    "assessment_import_unknown_questionnaire",
                    key,
                    questionnaire=e.questionnaire,
                    available=", ".join(sorted(known)) or "—",
                )
            )
            continue
        themes = [t.id for t in q.themes]
        for theme, level in e.levels.items():
            if theme not in themes:
                problems.append(
                    where.problem(
                        "assessment_import_unknown_theme",
                        key,
                        theme,
                        theme=theme,
                        questionnaire=q.id,
                        available=", ".join(themes),
                    )
                )
            elif level > q.top:
                problems.append(
                    where.problem(
                        "assessment_import_bad_level",
                        key,
                        theme,
                        value=f"{level:g}",
                        theme=theme,
                        min=1,
                        max=q.top,
                    )
                )
    return problems


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV (separated by ';' or ',') or JSON file of other collectivités' editions."
        ),
    ],
    project: Annotated[
        Path, typer.Option("--project", help="Blueprint file or project folder.")
    ] = Path("."),
) -> None:
    """Check a file of peers' editions whole, then store them all (or none)."""
    bp, lang = _blueprint(ctx, project)
    shown = str(file)
    editions = read_peers(file, shown)  # PeersFileError: every located problem, exit 1
    problems = check_peers(editions, bp, _Where(file, shown))
    if problems:
        raise PeersFileError(problems, lang=lang)
    store = Store.open(store_url(bp.project_dir))
    try:
        count = store.import_assessment_peers(editions)
    finally:
        store.close()
    say("cli_assessment_imported", lang, style="green", count=count, path=shown, url=store.url)


# ------------------------------------------------------------------ export


def _own_edition(bp: Blueprint, q: Questionnaire, edition: Edition) -> PeerEdition:
    """The team's edition as the exchange format holds it: its theme levels."""
    territory = bp.service.territory
    levels = theme_levels(q, {a: level for a, (level, _) in edition.answers.items()})
    return PeerEdition(
        collectivite=territory.insee or "" if territory else "",
        name=territory.name if territory else bp.service.title,
        status=(getattr(territory, "status", None) or "") if territory else "",
        population=(getattr(territory, "population", None) or 0) if territory else 0,
        year=edition.year,
        questionnaire=q.id,
        levels={t: v for t, v in levels.items() if v is not None},
    )


def answers_csv(q: Questionnaire, edition: Edition) -> bytes:
    """The team's answers, one row per affirmation: theme, level and its name, evidence."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["questionnaire", "year", "theme", "affirmation", "level", "label", "evidence"])
    for theme, affirmation in q.affirmations():
        level, note = edition.answers.get(affirmation.id, (None, None))
        label = q.label(level) if level is not None else ""
        writer.writerow(
            [q.id, edition.year, theme.id, affirmation.id, level or "", label, note or ""]
        )
    return out.getvalue().encode("utf-8")


@app.command("export")
def export(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Blueprint file or project folder.")],
    year: Annotated[int, typer.Option("--year", help="The edition's year.", min=2000, max=2100)],
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="csv or json.")
    ] = ExportFormat.csv,
    answers: Annotated[
        bool,
        typer.Option("--answers", help="CSV: one row per affirmation with its evidence."),
    ] = False,
    questionnaire: Annotated[
        str | None,
        typer.Option("--questionnaire", help="Its name or path; default: the blueprint's."),
    ] = None,
    output: OutputOption = None,
) -> None:
    """Write the team's submitted edition: theme levels (CSV), or levels, answers and evidence (JSON)."""
    bp, lang = _blueprint(ctx, path)
    refs = [questionnaire] if questionnaire else _project_questionnaires(bp)
    if not refs:
        raise CodedError("cli_assessment_no_view")
    q = load_questionnaire(refs[0], bp.base_dir, project_dir=bp.project_dir, lang=lang)
    territory = bp.service.territory
    code = territory.insee if territory is not None else None
    if not code:
        raise CodedError("assessment_needs_territory", type="assessment")
    store = Store.open(store_url(bp.project_dir))
    try:
        edition = next((e for e in store.assessment_editions(q.id, code) if e.year == year), None)
    finally:
        store.close()
    if edition is None:
        raise CodedError(
            "cli_assessment_no_edition", year=year, questionnaire=q.id, collectivite=code
        )
    own = _own_edition(bp, q, edition)
    if output_format is ExportFormat.json:
        themes = {a.id: t.id for t, a in q.affirmations()}
        data = edition_json(
            own, edition.answers, themes, edition.submitted_at.replace(tzinfo=dt.UTC).isoformat()
        )
    else:
        data = answers_csv(q, edition) if answers else peers_csv([own])
    if output is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    output.write_bytes(data)
    say("cli_assessment_exported", lang, style="green", err=True, year=year, path=output)
