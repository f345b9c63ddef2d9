"""Every id and column a blueprint names exists, with the right type."""

from __future__ import annotations

import datetime as dt

from datacites_proto.blueprint import expressions as ex
from datacites_proto.blueprint.breakdown import parse_breakdown
from datacites_proto.blueprint.checks.context import CheckContext, KnownColumns, Use
from datacites_proto.blueprint.components import LayerSpec, ViewSpec
from datacites_proto.blueprint.datasets import NUMERIC_TYPES, TEMPORAL_TYPES
from datacites_proto.blueprint.pages import Page
from datacites_proto.blueprint.refs import Ref
from datacites_proto.blueprint.resolve import resolve_column_name
from datacites_proto.errors import Loc
from datacites_proto.suggest import close_matches

_NUMERIC_MEASURES = frozenset({"sum", "mean", "median"})


def resolve_column(
    ctx: CheckContext, ref: Ref, loc: Loc, offset: int | None = None
) -> list[tuple[str, str]]:
    """The (dataset, column) pairs a column reference means; reports what is wrong with it."""
    if ref.dataset is not None:
        homes = [ref.dataset] if ref.dataset in ctx.blueprint.datasets else []
    elif ref.indicator is not None:
        homes = sorted(ctx.leaf_datasets(ref.indicator))
    else:
        homes = []
    qualifier, name = ref.qualified
    if qualifier is not None and qualifier not in ctx.blueprint.datasets:
        ctx.unknown(
            "unknown_dataset", loc, qualifier, sorted(ctx.blueprint.datasets), offset=offset
        )
        return []
    found: list[tuple[str, str]] = []
    for home in homes:
        hit = resolve_column_name(home, qualifier, name, ctx.related(home), ctx.has_column)
        target = hit.dataset or home
        if hit.problem == "dataset_not_related":
            params = {"dataset": qualifier, "home": home}
            ctx.error("dataset_not_related", loc, offset=offset, params=params)
            continue
        if hit.problem == "ambiguous_column":
            params = {
                "name": name,
                "datasets": ", ".join(hit.candidates),
                "first": hit.candidates[0],
            }
            ctx.error("ambiguous_column", loc, offset=offset, params=params)
            continue
        if hit.problem == "unknown_column":
            # Suggest names from every dataset the reference could reach.
            reachable = ctx.related(home) if qualifier is None else {target}
            nearby = sorted(
                {c for d in reachable for c in ctx.columns.get(d, KnownColumns()).types}
            )
            known = sorted(ctx.columns[target].types)
            ctx.unknown(
                "unknown_column",
                loc,
                name,
                known,
                offset=offset,
                suggest_from=nearby,
                dataset=target,
            )
            continue
        kind = ctx.column_type(target, name)
        if ref.grain and kind is not None and kind not in TEMPORAL_TYPES:
            params = {"grain": ref.grain, "name": name, "type": kind}
            ctx.error("grain_on_non_date", loc, params=params)
        if ref.numeric and kind is not None and kind not in NUMERIC_TYPES:
            ctx.error("column_not_numeric", loc, offset=offset, params={"name": name, "type": kind})
        found.append((target, name))
    return found


def _check_literals(ctx: CheckContext, node: object, home: str, loc: Loc) -> None:
    for column, literal, op in ex.literals_compared(node):
        target = column.dataset or home
        kind = ctx.column_type(target, column.name)
        value = literal.value
        if kind is None:
            continue
        wrong = False
        if op == "like":
            wrong = kind != "string"
        elif kind in NUMERIC_TYPES:
            wrong = isinstance(value, (str, bool))
        elif kind == "boolean":
            wrong = not isinstance(value, bool)
        elif kind in TEMPORAL_TYPES:
            wrong = not isinstance(value, str) or not _is_iso_date(value)
        if wrong:
            ctx.error(
                "literal_type_mismatch",
                loc,
                offset=literal.pos,
                params={"name": column.name, "type": kind, "literal": ex.to_text(literal)},
            )


def _is_iso_date(text: str) -> bool:
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _expression_columns(
    ctx: CheckContext, node: object, home: str, loc: Loc, *, numeric: bool = False
) -> None:
    for column in ex.columns_in(node):
        ref = Ref("column", column.ref, dataset=home, numeric=numeric)
        resolve_column(ctx, ref, loc, offset=column.pos)
    _check_literals(ctx, node, home, loc)


def _check_indicators(ctx: CheckContext) -> None:
    indicators = ctx.blueprint.indicators
    for ind_id, indicator in indicators.items():
        loc = ("indicators", ind_id)
        if indicator.dataset is not None:
            if indicator.dataset not in ctx.blueprint.datasets:
                ctx.unknown(
                    "unknown_dataset",
                    (*loc, "dataset"),
                    indicator.dataset,
                    sorted(ctx.blueprint.datasets),
                )
                continue
            measure = indicator.measure_ast
            if measure is not None:
                if measure.column is not None:
                    numeric = measure.func in _NUMERIC_MEASURES
                    _expression_columns(
                        ctx, measure.column, indicator.dataset, (*loc, "measure"), numeric=numeric
                    )
                if measure.condition is not None:
                    _expression_columns(
                        ctx, measure.condition, indicator.dataset, (*loc, "measure")
                    )
                if (
                    measure.func in ("min", "max")
                    and ctx.blueprint.datasets[indicator.dataset].governance.access != "open"
                ):
                    ctx.warn(
                        "extreme_of_shared",
                        (*loc, "measure"),
                        params={"dataset": indicator.dataset},
                    )
            if indicator.where_ast is not None:
                _expression_columns(ctx, indicator.where_ast, indicator.dataset, (*loc, "where"))
        if indicator.formula_ast is not None:
            for ref in ex.indicators_in(indicator.formula_ast):
                if ref.name not in indicators:
                    ctx.error(
                        "unknown_indicator",
                        (*loc, "formula"),
                        offset=ref.pos,
                        params={"name": ref.name, "available": ", ".join(sorted(indicators))},
                        suggestions=tuple(close_matches(ref.name, list(indicators))),
                    )
    _check_cycles(ctx)


def _check_cycles(ctx: CheckContext) -> None:
    indicators = ctx.blueprint.indicators
    graph = {
        i: [r.name for r in ex.indicators_in(ind.formula_ast) if r.name in indicators]
        for i, ind in indicators.items()
        if ind.formula_ast is not None
    }
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    reported: set[frozenset[str]] = set()

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt) :], nxt]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    ctx.error(
                        "formula_cycle",
                        ("indicators", nxt, "formula"),
                        params={"cycle": " → ".join(cycle)},
                    )
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in graph:
        if start not in state:
            visit(start, [start])


def _check_filters(ctx: CheckContext) -> None:
    datasets = ctx.blueprint.datasets
    for f_id, filt in ctx.blueprint.filters.items():
        loc = ("filters", f_id, "column")
        if filt.dataset not in datasets:
            ctx.unknown("unknown_dataset", loc, filt.dataset, sorted(datasets))
            continue
        if not resolve_column(ctx, Ref("column", filt.column_name, dataset=filt.dataset), loc):
            continue
        kind = ctx.column_type(filt.dataset, filt.column_name)
        if kind is None:
            continue
        if filt.type == "date_range" and kind not in TEMPORAL_TYPES:
            ctx.error("filter_needs_date", loc, params={"name": filt.column_name, "type": kind})
        if filt.type == "range" and kind not in NUMERIC_TYPES:
            ctx.error("filter_needs_number", loc, params={"name": filt.column_name, "type": kind})
        if filt.type == "toggle" and isinstance(filt.value, bool) and kind != "boolean":
            ctx.error("filter_needs_boolean", loc, params={"name": filt.column_name, "type": kind})


def _check_view_refs(ctx: CheckContext, p: int, page: Page) -> None:
    bp = ctx.blueprint
    for placed in page.all_views():
        view = placed.view
        base: Loc = ("pages", p, *placed.loc)
        refs = view.references()
        for ref in refs:
            loc = (*base, *ref.loc)
            if ref.kind == "dataset":
                if ref.name not in bp.datasets:
                    ctx.unknown("unknown_dataset", loc, ref.name, sorted(bp.datasets))
                else:
                    ctx.uses.append(Use(p, base, loc, ref.name, None, ref.usage))
            elif ref.kind == "indicator":
                if ref.name not in bp.indicators:
                    ctx.unknown("unknown_indicator", loc, ref.name, sorted(bp.indicators))
                else:
                    for ds in ctx.leaf_datasets(ref.name):
                        ctx.uses.append(Use(p, base, loc, ds, None, "aggregate"))
            elif ref.kind == "experiment":
                # What the experiment's estimate reads: its indicator's data, as aggregates.
                experiment = bp.experiments.get(ref.name)
                if experiment is None:
                    ctx.unknown("impact_unknown_experiment", loc, ref.name, sorted(bp.experiments))
                elif experiment.indicator in bp.indicators:
                    for ds in ctx.leaf_datasets(experiment.indicator):
                        ctx.uses.append(Use(p, base, loc, ds, None, "aggregate"))
            elif ref.kind == "column":
                if ref.or_indicator and ref.name in bp.indicators:
                    _check_layer_indicator(ctx, ref, loc)
                    continue
                if ref.indicator is not None and ref.indicator not in bp.indicators:
                    continue  # the unknown indicator is reported on its own line
                if ref.dataset is not None and ref.dataset not in bp.datasets:
                    continue
                for ds, col in resolve_column(ctx, ref, loc):
                    ctx.uses.append(Use(p, base, loc, ds, col, ref.usage))
        _check_breakdowns_differ(ctx, refs, base)
        # The view's own rules, then those of its parts (a map's layers): hooks, not types.
        view.check(ctx, base)
        for part_loc, part in view.parts():
            _check_part(ctx, part, (*base, *part_loc))


def _check_breakdowns_differ(ctx: CheckContext, refs: list[Ref], base: Loc) -> None:
    """An indicator is broken down by two different things (x and y, by and series): the
    same column and grain twice draws nothing the eye can read, and the engine's result
    has one column per breakdown, named after it."""
    seen: dict[tuple[str | None, str, str | None], str] = {}
    for ref in refs:
        if ref.kind != "column" or ref.usage != "group" or ref.indicator is None:
            continue
        column, grain = ref.name, ref.grain
        if grain is None:
            try:  # a series may be written with its grain: `day(start_datetime)`
                parsed = parse_breakdown(ref.name)
            except ValueError:
                continue  # an unknown grain is reported on its own
            column, grain = parsed.column, parsed.grain
        key = (ref.indicator, column, grain)
        written = f"{grain}({column})" if grain else column
        if key in seen:
            ctx.error(
                "view_same_breakdown_twice",
                (*base, *ref.loc),
                params={"by": written, "first": seen[key]},
            )
        else:
            seen[key] = str(ref.loc[-1]) if ref.loc else ""


def _check_layer_indicator(ctx: CheckContext, ref: Ref, loc: Loc) -> None:
    """An indicator drawn per row of a layer's dataset is broken down by that dataset's key."""
    dataset = ctx.blueprint.datasets.get(ref.dataset or "")
    if dataset is None:
        return
    if not dataset.key_columns:
        ctx.error(
            "layer_indicator_needs_key", loc, params={"indicator": ref.name, "dataset": ref.dataset}
        )
        return
    for home in ctx.leaf_datasets(ref.name):
        if ref.dataset not in ctx.related(home):
            ctx.error("dataset_not_related", loc, params={"dataset": ref.dataset, "home": home})


def _check_part(ctx: CheckContext, part: object, loc: Loc) -> None:
    """The rules every layer shares, then the part's own `check` hook."""
    if isinstance(part, LayerSpec) and type(part).needs_geometry:
        ref = part.dataset_ref()
        dataset = ctx.blueprint.datasets.get(ref.name) if ref is not None else None
        if ref is not None and dataset is not None and dataset.geometry is None:
            ctx.error(
                "layer_needs_geometry",
                (*loc, *ref.loc),
                params={"dataset": ref.name, "type": part.type},
            )
    if isinstance(part, LayerSpec | ViewSpec):
        part.check(ctx, loc)


def _check_pages(ctx: CheckContext) -> None:
    bp = ctx.blueprint
    slugs: dict[str, int] = {}
    for p, page in enumerate(bp.pages):
        slug = page.url_slug
        if slug in slugs:
            ctx.error(
                "duplicate_page_slug",
                ("pages", p, "slug" if page.slug else "title"),
                params={"slug": slug, "first": slugs[slug] + 1},
            )
        slugs.setdefault(slug, p)
        for i, f_id in enumerate(page.filters or []):
            if f_id not in bp.filters:
                ctx.unknown("unknown_filter", ("pages", p, "filters", i), f_id, sorted(bp.filters))
        _check_view_refs(ctx, p, page)
        _check_widths(ctx, p, page)
    if bp.pages and all(page.access == "team" for page in bp.pages):
        ctx.warn("no_public_page", ("pages",))


def _check_widths(ctx: CheckContext, p: int, page: Page) -> None:
    # A width means something only beside other views: alone on its line, it would be
    # silently ignored.
    for row in page.layout():
        if len(row) == 1 and row[0].view.width is not None:
            ctx.warn("width_outside_row", ("pages", p, *row[0].loc, "width"))


def check(ctx: CheckContext) -> None:
    """Check indicators, filters, the canvas and pages."""
    _check_indicators(ctx)
    _check_filters(ctx)
    canvas = ctx.blueprint.service.canvas
    if canvas is not None:
        for i, ind in enumerate(canvas.success_indicators):
            if ind not in ctx.blueprint.indicators:
                ctx.unknown(
                    "unknown_indicator",
                    ("service", "canvas", "success_indicators", i),
                    ind,
                    sorted(ctx.blueprint.indicators),
                )
    _check_pages(ctx)
