"""`datacites describe PATH`: validate a blueprint and say what the service holds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text
from rich.tree import Tree

from datacites_proto.blueprint.loader import inspect_blueprint
from datacites_proto.cli.context import CliState
from datacites_proto.cli.output import console, print_problems, say
from datacites_proto.cli.validate import find_blueprint
from datacites_proto.i18n import resolve_lang, translate


def describe(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Blueprint file or project folder.")],
) -> None:
    """Validate a blueprint, then show its datasets, indicators and pages."""
    state: CliState = ctx.obj
    result = inspect_blueprint(find_blueprint(path), lang=state.lang)
    lang = resolve_lang(state.lang, result.lang)
    print_problems([*result.problems, *result.warnings], lang)
    if not result.ok or result.blueprint is None:
        say("cli_invalid", lang, style="bold red", path=result.display, count=len(result.problems))
        raise typer.Exit(1)
    bp = result.blueprint
    t = lambda code, **p: translate(code, lang, **p)  # noqa: E731
    tree = Tree(Text(bp.service.title, style="bold"))
    if bp.service.summary:
        tree.add(Text(bp.service.summary, style="italic"))
    datasets = tree.add(Text(t("cli_datasets", count=len(bp.datasets)), style="bold cyan"))
    for ds_id, ds in bp.datasets.items():
        gov = ds.governance
        source = f"{ds.source.type}: {ds.source.describe()}"
        label = f"{ds_id} — {ds.title or ''} [{source}] · {gov.access} · {gov.licence}"
        datasets.add(Text(label))
    indicators = tree.add(Text(t("cli_indicators", count=len(bp.indicators)), style="bold cyan"))
    for ind_id, ind in bp.indicators.items():
        indicators.add(Text(f"{ind_id} — {ind.label}: {ind.measure or ind.formula}"))
    if bp.filters:
        filters = tree.add(Text(t("cli_filters", count=len(bp.filters)), style="bold cyan"))
        for f_id, f in bp.filters.items():
            filters.add(Text(f"{f_id} — {f.type} ({f.column})"))
    pages = tree.add(Text(t("cli_pages", count=len(bp.pages)), style="bold cyan"))
    for page in bp.pages:
        access = "" if page.access == "public" else f" [{t('cli_team_only')}]"
        node = pages.add(Text(f"/{page.url_slug} — {page.title}{access}"))
        for view in (placed.view for placed in page.all_views()):
            node.add(Text(view.type + (f": {view.title}" if view.title else "")))
    console.print(tree)
    say("cli_valid", lang, style="green", path=result.display, warnings=len(result.warnings))
