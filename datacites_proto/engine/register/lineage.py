"""Which indicators and views read each dataset, and at what level: told by hooks, not types.

A view's level for a dataset comes from what validation sees of it: the uses the reference
check records (a column used "raw" shows rows, "group" shows groups), `shows_rows()`,
`downloads_rows()`, the `shows_groups` flag and the layers' `cells_follow_extent`, so a
plugin's view gets exactly a built-in's treatment.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from datacites_proto.blueprint import expressions as ex
from datacites_proto.blueprint.checks.context import Use
from datacites_proto.blueprint.components import LayerSpec, ViewSpec
from datacites_proto.blueprint.relations import reachable
from datacites_proto.blueprint.resolve import resolve_column_name
from datacites_proto.engine.register.model import Level, Via, ViewUse, most_detailed

HasColumn = Callable[[str, str], bool | None]
_USAGE_LEVEL: dict[str, Level] = {"raw": "rows", "group": "groups"}


def _own_reads(bp: Any, indicator: Any, has_column: HasColumn) -> dict[str, Via]:
    """The datasets an indicator with a `dataset` reads: its own, and those its columns join."""
    home = indicator.dataset
    if home not in bp.datasets:
        return {}
    found: dict[str, Via] = {home: "direct"}
    related = reachable(bp.relations, home)
    measure = indicator.measure_ast
    nodes = [indicator.where_ast]
    if measure is not None:
        nodes += [measure.column, measure.condition]
    for node in nodes:
        if node is None:
            continue
        for column in ex.columns_in(node):
            hit = resolve_column_name(home, column.dataset, column.name, related, has_column)
            target = hit.dataset
            if target is not None and target in bp.datasets and target != home:
                found.setdefault(target, "relation")
    return found


def indicator_reads(bp: Any, has_column: HasColumn) -> dict[str, dict[str, Via]]:
    """For each indicator, the datasets it reads and how (through formulas too)."""
    done: dict[str, dict[str, Via]] = {}

    def reads(ind_id: str, seen: frozenset[str]) -> dict[str, Via]:
        if ind_id in done:
            return done[ind_id]
        indicator = bp.indicators.get(ind_id)
        if indicator is None or ind_id in seen:
            return {}
        if indicator.dataset is not None:
            found = _own_reads(bp, indicator, has_column)
        else:
            found = {}
            for ref in ex.indicators_in(indicator.formula_ast):
                for dataset in reads(ref.name, seen | {ind_id}):
                    found.setdefault(dataset, "formula")
        done[ind_id] = found
        return found

    for ind_id in bp.indicators:
        reads(ind_id, frozenset())
    return done


def _view_label(bp: Any, view: ViewSpec, index: int) -> str:
    """The view's title; else its type and the first indicator it shows; else its position."""
    title = dict(view).get("title")  # a field of every View, not of the bare ViewSpec
    if isinstance(title, str) and title:
        return title
    for ref in view.references():
        if ref.kind == "indicator" and ref.name in bp.indicators:
            return f"{view.type} · {bp.indicators[ref.name].label or ref.name}"
        if ref.kind == "experiment" and ref.name in bp.experiments:
            return f"{view.type} · {bp.experiments[ref.name].title}"
    return f"{view.type} #{index + 1}"


def _groups_cells(view: ViewSpec) -> bool:
    """Whether the view splits what it aggregates into groups, by its flags or its parts'."""
    if type(view).shows_groups:
        return True
    return any(
        isinstance(part, LayerSpec) and type(part).cells_follow_extent for _, part in view.parts()
    )


def view_levels(
    bp: Any, view: ViewSpec, uses: Iterable[Use], reads: Mapping[str, Mapping[str, Via]]
) -> tuple[dict[str, Level], set[str]]:
    """The level at which `view` shows each dataset it reads, and the datasets it downloads."""
    uses = list(uses)
    grouped = _groups_cells(view) or any(u.usage == "group" for u in uses)
    aggregate: Level = "groups" if grouped else "aggregates"
    found: dict[str, list[Level]] = defaultdict(list)
    for use in uses:
        found[use.dataset].append(_USAGE_LEVEL.get(use.usage, aggregate))
    for ref in view.references():
        if ref.kind == "indicator":
            level = aggregate
        elif ref.kind == "column" and ref.or_indicator and ref.name in bp.indicators:
            level = "groups"  # an indicator drawn per row of a layer's dataset
        else:
            continue
        for dataset in reads.get(ref.name, {}):
            found[dataset].append(level)
    shown = view.shows_rows()
    downloads = {ref.name for ref in view.downloads_rows(bp) if ref.name in bp.datasets}
    for dataset in downloads | ({shown.name} if shown is not None else set()):
        if dataset in bp.datasets:
            found[dataset].append("rows")
    return {d: most_detailed(levels) or aggregate for d, levels in found.items()}, downloads


def view_uses(
    bp: Any, uses: Iterable[Use], reads: Mapping[str, Mapping[str, Via]]
) -> dict[str, list[ViewUse]]:
    """For each dataset, the views of every page that show it, in page order."""
    by_view: dict[tuple, list[Use]] = defaultdict(list)
    for use in uses:
        by_view[tuple(use.view)].append(use)
    found: dict[str, list[ViewUse]] = defaultdict(list)
    for p, page in enumerate(bp.pages):
        for placed in page.all_views():
            view, v = placed.view, placed.index
            levels, downloads = view_levels(
                bp, view, by_view.get(("pages", p, *placed.loc), []), reads
            )
            for dataset, level in levels.items():
                found[dataset].append(
                    ViewUse(
                        page=page.title,
                        slug=page.url_slug,
                        public=page.access == "public",
                        view=_view_label(bp, view, v),
                        type=view.type,
                        level=level,
                        download=dataset in downloads,
                    )
                )
    return found
