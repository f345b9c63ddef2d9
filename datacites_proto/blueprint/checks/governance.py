"""The governance rules of the contract, checked before anything runs.

`open` data may be shown raw to anyone; `shared` data only as aggregates on public
pages; `restricted` data only on team pages; a `personal` column never raw to anyone.
The app enforces the same rules again at run time.

Agreements live: `expiry_problems` (run by `datacites validate`, with its own horizon)
warns before an agreement's `end` and fails after it, located at that `end:` line; a
`retention_days` over a dataset without a date column cannot be enforced, an error here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from datacites_proto.blueprint.agreement_files import agreement_file, days_left
from datacites_proto.blueprint.checks.context import CheckContext, Use
from datacites_proto.blueprint.components import LayerSpec
from datacites_proto.blueprint.datasets import TEMPORAL_TYPES
from datacites_proto.blueprint.relations import reachable
from datacites_proto.errors import Problem
from datacites_proto.i18n.local_dates import LocalDate

EXPIRY_WARNING_DAYS = 60  # how long before an agreement's end `datacites validate` warns


def _public(ctx: CheckContext, page: int) -> bool:
    return ctx.blueprint.pages[page].access == "public"


def _check_uses(ctx: CheckContext) -> None:
    datasets = ctx.blueprint.datasets
    reported: set[tuple] = set()

    def once(code: str, use: Use, **params: object) -> None:
        # One error per view and rule: a table of a shared dataset is one breach, not
        # one per column it lists.
        key = (code, use.view, tuple(sorted(params.items())))
        if key not in reported:
            reported.add(key)
            ctx.error(code, use.loc, params=params)

    for use in ctx.uses:
        gov = datasets[use.dataset].governance
        if use.column is not None and use.column in gov.personal and use.usage in ("raw", "group"):
            once("personal_column_shown", use, name=use.column, dataset=use.dataset)
        if not _public(ctx, use.page):
            continue
        if gov.access == "restricted":
            once("restricted_on_public_page", use, dataset=use.dataset)
        elif gov.access == "shared" and use.usage == "raw":
            once("shared_rows_on_public_page", use, dataset=use.dataset, size=gov.group_size)
        agreement = ctx.agreements.get(use.dataset)
        if agreement is not None and not agreement.publication:
            once("agreement_forbids_publication", use, dataset=use.dataset, path=gov.agreement)


def _check_tables(ctx: CheckContext) -> None:
    for p, page in enumerate(ctx.blueprint.pages):
        for placed in page.all_views():
            view = placed.view
            # A view showing whole rows (every column) would show the personal ones too.
            shown = view.shows_rows()
            if shown is None:
                continue
            dataset = ctx.blueprint.datasets.get(shown.name)
            if dataset is not None and dataset.governance.personal:
                ctx.error(
                    "table_shows_personal",
                    ("pages", p, *placed.loc, *shown.loc),
                    params={
                        "dataset": shown.name,
                        "columns": ", ".join(dataset.governance.personal),
                    },
                )


def _check_filters(ctx: CheckContext) -> None:
    bp = ctx.blueprint
    for f_id, filt in bp.filters.items():
        dataset = bp.datasets.get(filt.dataset)
        if dataset is None:
            continue
        gov = dataset.governance
        if filt.column_name in gov.personal and filt.type in ("select", "multiselect", "range"):
            ctx.error(
                "personal_column_shown",
                ("filters", f_id, "column"),
                params={"name": filt.column_name, "dataset": filt.dataset},
            )
        if gov.access != "restricted":
            continue
        for p, page in enumerate(bp.pages):
            if page.access == "public" and page.filters is not None and f_id in page.filters:
                ctx.error(
                    "restricted_on_public_page",
                    ("pages", p, "filters", page.filters.index(f_id)),
                    params={"dataset": filt.dataset},
                )
            elif page.access == "public" and page.filters is None:
                # A page without `filters:` shows those that apply to its data: one on a
                # related restricted dataset would list that data's values to the public.
                used = {u.dataset for u in ctx.uses if u.page == p}
                related = set().union(*(reachable(bp.relations, d) for d in used))
                if filt.dataset in related:
                    ctx.error(
                        "restricted_filter_on_public_page",
                        ("filters", f_id, "column"),
                        params={"filter": f_id, "dataset": filt.dataset, "page": page.title},
                    )


def _check_team_only(ctx: CheckContext) -> None:
    # What only the team may see (citizens' comments…) never sits on a public page.
    for p, page in enumerate(ctx.blueprint.pages):
        if page.access != "public":
            continue
        for placed in page.all_views():
            view = placed.view
            if type(view).team_only:
                ctx.error(
                    type(view).team_only_code,
                    ("pages", p, *placed.loc, "type"),
                    params={"page": page.title, "type": view.type},
                )


def _check_free_cells(ctx: CheckContext) -> None:
    # Map cells that follow the extent (hexagons, heatmaps) cut a shared dataset's rows
    # differently at each pan or zoom: public figures must come from fixed splits.
    datasets = ctx.blueprint.datasets
    for p, page in enumerate(ctx.blueprint.pages):
        if page.access != "public":
            continue
        for placed in page.all_views():
            for part_loc, layer in placed.view.parts():
                if not isinstance(layer, LayerSpec) or not type(layer).cells_follow_extent:
                    continue
                ref = layer.dataset_ref()
                dataset = datasets.get(ref.name) if ref is not None else None
                if ref is None or dataset is None or dataset.governance.access != "shared":
                    continue
                ctx.error(
                    "protection_free_cells_on_public_page",
                    ("pages", p, *placed.loc, *part_loc, "type"),
                    params={
                        "layer": layer.label or layer.type,
                        "dataset": ref.name,
                        "size": dataset.governance.group_size,
                    },
                )


def _check_retention(ctx: CheckContext) -> None:
    # Retention is judged by a date column (engine/retention.py): without one, old rows
    # could not be told from new ones.
    for ds_id in ctx.blueprint.datasets:
        found = agreement_file(ctx.blueprint, ds_id)
        days = found.agreement.retention_days if found is not None else None
        known = ctx.columns.get(ds_id)
        if found is None or days is None or known is None or not known.complete:
            continue
        if not any(kind in TEMPORAL_TYPES for kind in known.types.values()):
            params = {"path": found.written, "dataset": ds_id, "days": days}
            ctx.problems.append(
                found.problem("retention_no_date_column", ("retention_days",), params=params)
            )


def expiry_problems(
    blueprint: Any, *, today: dt.date, warning_days: int = EXPIRY_WARNING_DAYS
) -> list[Problem]:
    """An error for each agreement past its `end`, a warning for one ending within
    `warning_days`; each located at the agreement file's `end:` line."""
    by_file: dict[str, tuple[Any, list[str]]] = {}
    for ds_id in blueprint.datasets:
        found = agreement_file(blueprint, ds_id)
        if found is not None and found.agreement.end is not None:
            by_file.setdefault(found.smap.display, (found, []))[1].append(ds_id)
    problems = []
    for found, datasets in by_file.values():
        left = days_left(found.agreement, today)
        assert left is not None and found.agreement.end is not None
        params = {
            "path": found.written,
            "dataset": ", ".join(datasets),
            "end": LocalDate.of(found.agreement.end),
            "days": left,
        }
        if left < 0:
            problems.append(found.problem("agreement_ended", ("end",), params=params))
        elif left <= warning_days:
            problems.append(
                found.problem("agreement_ends_soon", ("end",), params=params, severity="warning")
            )
    return problems


def check(ctx: CheckContext) -> None:
    """Refuse views that would show more than each dataset's governance allows."""
    _check_retention(ctx)
    _check_uses(ctx)
    _check_free_cells(ctx)
    _check_tables(ctx)
    _check_filters(ctx)
    _check_team_only(ctx)
