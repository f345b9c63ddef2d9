"""Small groups that no combination of public figures can reach (shared datasets).

Every public figure over a `shared` dataset D counts or sums rows selected by filters,
breakdown cells, indicator conditions, histogram bins and map keys. All these
selections are unions of *atoms*: the groups of D's rows that agree on every dimension
a public page can select or break down by (dates cut to a fixed grain, numbers to fixed
bins, rare values merged into « autres (regroupées) »). Public figures are computed over
the rows of atoms of at least `min_group_size` rows only: then any sum or difference of
shown figures is a sum over whole atoms, and no group below the threshold can be
recomputed, whatever filters, ranges or time windows are combined. Team pages keep the
raw data.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from datacites_proto.blueprint import expressions as ex
from datacites_proto.blueprint.breakdown import parse_breakdown
from datacites_proto.blueprint.datasets import TEMPORAL_TYPES
from datacites_proto.blueprint.filters import (
    DateRangeFilter,
    MultiselectFilter,
    RangeFilter,
    SelectFilter,
)
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.relations import reachable
from datacites_proto.engine import conditions, filters, grains
from datacites_proto.engine.catalog import DatasetTable, table_for
from datacites_proto.engine.dialects import words
from datacites_proto.engine.filters import Period
from datacites_proto.engine.query_errors import QueryError

if TYPE_CHECKING:
    from datacites_proto.engine.compiler import Compiler

AUTRES = "autres (regroupées)"
# Share of a dataset's rows that protection may set aside before coarsening further.
TARGET_SHARE = 0.05
ATOM_COUNT = "__atom_n"
NUMERIC = ("integer", "number")


@dataclass(frozen=True)
class Level:
    """How coarse the generalisation is: rare-value bar, date grain, bins per number."""

    merge_factor: int  # values with fewer than merge_factor * k rows go to « autres »
    grain: str  # dates cut to this grain ("month" or "year")
    bins: int  # numbers cut into at most this many fixed bins


# Values below k are always merged (all their rows would be set aside otherwise); coarser
# levels widen bins and dates only: merging frequent values would blur every figure.
LEVELS = (Level(1, "month", 10), Level(1, "month", 6), Level(1, "year", 4), Level(1, "year", 2))


Cause = tuple[str, str, str]


def cause_text(cause: Cause) -> str:
    """A dimension's cause, the same in French and English: `filters.commune`, or
    `page « Carte » (code_iris)` (a message's parameter is not translated)."""
    kind, name, detail = cause
    if kind == "filter":
        return f"filters.{name}"
    return f"page « {name} » ({detail})"


@dataclass(frozen=True)
class Dim:
    """A way public pages split a shared dataset's rows."""

    kind: str  # "category", "date", "number" or "condition"
    text: str  # the column as written (resolved from the dataset), or the condition's text
    cause: Cause  # what asks for it: ("filter", id, "") or ("page", title, column)
    condition: Any = None  # the parsed condition (kind "condition")


@dataclass
class Protection:
    """What protection did to a shared dataset for public pages (`Service.protection`)."""

    dataset: str
    threshold: int
    rows: int  # rows of the dataset
    set_aside: int  # rows not counted on public pages (atoms below the threshold)
    merged: dict[str, list[Any]] = field(default_factory=dict)  # column -> merged values
    grain: str | None = None  # dates cut to this grain (None: no date dimension)
    date_columns: list[str] = field(default_factory=list)
    edges: dict[str, list[float]] = field(default_factory=dict)  # "dataset.column" -> edges
    dims: list[Cause] = field(default_factory=list)  # the cause of each dimension
    causes: list[tuple[Cause, int]] = field(default_factory=list)  # (cause, rows set aside)

    @property
    def share(self) -> float:
        """The share of rows set aside (0 to 1)."""
        return self.set_aside / self.rows if self.rows else 0.0


@dataclass
class Plan:
    """A shared dataset protected for public pages: the protected table and how to snap."""

    protection: Protection
    table: DatasetTable
    merged: dict[str, set[Any]]  # D's own columns -> values merged into AUTRES
    grain: str
    date_keys: set[tuple[str, str]]  # (dataset, column) cut to `grain`
    edges: dict[tuple[str, str], list[float]]  # (dataset, column) -> fixed bin edges
    level: Level = LEVELS[0]
    splits: set[tuple[str, str, str]] = field(default_factory=set)

    def require(self, kind: str, owner: str, column: str) -> None:
        """Refuse a split of the rows that no public page makes (it could isolate a group)."""
        if (kind, owner, column) in self.splits:
            return
        if kind == "category" and (owner, column) in self.date_keys:
            return
        what = column if kind == "condition" else f"{owner}.{column}"
        raise QueryError("protection_split_not_public", dataset=self.protection.dataset, name=what)

    def condition(self, node: Any) -> None:
        """Refuse an indicator condition that no public page uses."""
        self.require("condition", ex.to_text(node), "")

    def snap_values(self, owner: str, column: str, values: list[Any]) -> list[Any]:
        """Select values as the protected data holds them (merged ones become « autres »)."""
        merged = self.merged.get(column) if owner == self.protection.dataset else None
        if not merged:
            return values
        out: list[Any] = []
        for value in values:
            snapped = AUTRES if value in merged else value
            if snapped not in out:
                out.append(snapped)
        return out

    def snap_range(self, owner: str, column: str, low: float, high: float) -> tuple[int, int]:
        """The first and last fixed bins a range touches (widened to whole bins)."""
        edges = self.edges[(owner, column)]
        return bin_index(edges, low), bin_index(edges, high)

    def snap_period(self, period: Period) -> Period:
        """The period widened to whole grains (months or years)."""
        return Period(grain_start(period.start, self.grain), grain_end(period.end, self.grain))


def grain_start(day: dt.date, grain: str) -> dt.date:
    """The first day of the month (or year) holding `day`."""
    return day.replace(day=1) if grain == "month" else day.replace(month=1, day=1)


def grain_end(day: dt.date, grain: str) -> dt.date:
    """The last day of the month (or year) holding `day`."""
    if grain == "year":
        return day.replace(month=12, day=31)
    first_next = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first_next - dt.timedelta(days=1)


def fixed_edges(low: float, high: float, bins: int, integer: bool) -> list[float]:
    """Nice bin edges covering [low, high] (the histogram's own rule)."""
    from datacites_proto.engine.histogram import nice_bins

    start, width, count = nice_bins(low, high, bins, integer)
    return [round(start + i * width, 10) for i in range(count + 1)]


def bin_index(edges: list[float], value: float) -> int:
    """The bin holding `value`: [e_i, e_i+1), the last one closed, clamped to the ends."""
    count = len(edges) - 1
    width = edges[1] - edges[0]
    return min(max(math.floor((value - edges[0]) / width), 0), count - 1)


def bin_expression(edges: list[float], column: Any, dialect: str) -> Any:
    """The SQL bin number of `column` for fixed `edges` (values outside clamped)."""
    start, width, count = edges[0], edges[1] - edges[0], len(edges) - 1
    literal = sa.literal_column
    number = words(dialect).bin(
        column, literal(f"({float(start)!r})"), literal(f"({float(width)!r})")
    )
    zero, last = sa.literal_column("0"), sa.literal_column(str(count - 1))
    return sa.case((number < zero, zero), (number > last, last), else_=number)


# Dimensions from the blueprint ---------------------------------------------------------


def _leaf_indicators(bp: Blueprint, indicator: str, seen: frozenset[str] = frozenset()) -> set[str]:
    spec = bp.indicators.get(indicator)
    if spec is None or indicator in seen:
        return set()
    if spec.dataset:
        return {indicator}
    found: set[str] = set()
    for ref in ex.indicators_in(spec.formula_ast):
        found |= _leaf_indicators(bp, ref.name, seen | {indicator})
    return found


def _indicator_dims(bp: Blueprint, dataset: str, indicator: str, cause: str) -> Iterator[Dim]:
    for leaf in sorted(_leaf_indicators(bp, indicator)):
        spec = bp.indicators[leaf]
        if spec.dataset != dataset:
            continue
        if spec.where_ast is not None:
            text = ex.to_text(spec.where_ast)
            yield Dim("condition", text, ("page", cause, text), spec.where_ast)
        measure = spec.measure_ast
        if measure is not None and measure.condition is not None:
            text = ex.to_text(measure.condition)
            yield Dim("condition", text, ("page", cause, text), measure.condition)
        if measure is not None and measure.func == "count" and measure.column is not None:
            # count(column) counts the rows where it is filled: that splits rows too.
            node = ex.IsNull(measure.column, negated=True)
            yield Dim("condition", ex.to_text(node), ("page", cause, ex.to_text(node)), node)


def _filter_dim(bp: Blueprint, f_id: str) -> Dim:
    spec = bp.filters[f_id]
    text = f"{spec.dataset}.{spec.column_name}"
    if isinstance(spec, RangeFilter):
        return Dim("number", text, ("filter", f_id, ""))
    if isinstance(spec, DateRangeFilter):
        return Dim("date", text, ("filter", f_id, ""))
    return Dim("category", text, ("filter", f_id, ""))


def _view_dims(bp: Blueprint, dataset: str, view: Any, cause: str) -> tuple[bool, list[Dim]]:
    """(whether the view computes over `dataset`, the splits it makes of its rows)."""
    touches = False
    dims: list[Dim] = []
    for ref in view.references():
        if ref.kind == "indicator":
            leaves = _leaf_indicators(bp, ref.name)
            if any(bp.indicators[i].dataset == dataset for i in leaves):
                touches = True
                dims.extend(_indicator_dims(bp, dataset, ref.name, cause))
        elif ref.kind == "dataset" and ref.name == dataset:
            touches = True
        elif ref.kind == "column":
            if ref.indicator in bp.indicators:
                leaves = _leaf_indicators(bp, ref.indicator)
                homes = {bp.indicators[i].dataset for i in leaves}
            else:
                homes = {ref.dataset}
            if dataset not in homes:
                continue
            touches = True
            if ref.usage == "group":
                text = parse_breakdown(ref.name).column if ref.grain else ref.name
                dims.append(Dim("date" if ref.grain else "category", text, ("page", cause, text)))
            elif ref.numeric and ref.usage == "aggregate" and ref.dataset == dataset:
                dims.append(Dim("number", ref.name, ("page", cause, ref.name)))
    return touches, dims


def public_dims(bp: Blueprint, dataset: str) -> list[Dim]:
    """Every split of `dataset`'s rows that public pages can make (filters, views)."""
    related = reachable(bp.relations, dataset)
    found: dict[tuple[str, str], Dim] = {}
    for page in bp.pages:
        if page.access != "public":
            continue
        page_dims: list[Dim] = []
        touches = False
        for placed in page.all_views():
            hit, dims = _view_dims(bp, dataset, placed.view, page.title)
            touches = touches or hit
            page_dims.extend(dims)
        if not touches:
            continue  # its filters never apply to this dataset's rows
        filter_ids = list(bp.filters) if page.filters is None else list(page.filters)
        for f_id in filter_ids:
            spec = bp.filters.get(f_id)
            if spec is not None and spec.dataset in related:
                page_dims.append(_filter_dim(bp, f_id))
        for dim in page_dims:
            found.setdefault((dim.kind, dim.text), dim)
    return list(found.values())


# The protected table -----------------------------------------------------------------


@dataclass
class _Resolved:
    dim: Dim
    owner: str
    column: str
    kind: str  # the column's type


class Protector:
    """Builds and caches each shared dataset's plan for public pages."""

    def __init__(
        self,
        blueprint: Blueprint,
        table: Callable[[str], DatasetTable],
        make_compiler: Callable[[Callable[[str], DatasetTable]], Compiler],
    ) -> None:
        self.bp = blueprint
        self.table = table
        self.make_compiler = make_compiler
        self._plans: dict[str, tuple[str, Plan]] = {}

    def applies(self, dataset: str) -> bool:
        """Whether public figures over `dataset` go through protection."""
        spec = self.bp.datasets.get(dataset)
        return (
            spec is not None
            and spec.governance.access == "shared"
            and (spec.governance.group_size > 1)
        )

    def plan(self, dataset: str) -> Plan | None:
        """The dataset's protection plan (None when it is not shared)."""
        if not self.applies(dataset):
            return None
        raw = self.table(dataset)
        cached = self._plans.get(dataset)
        if cached is not None and cached[0] == raw.version:
            return cached[1]
        plan = self._build(dataset, raw)
        self._plans[dataset] = (raw.version, plan)
        return plan

    def forget(self) -> None:
        self._plans.clear()

    def _resolve(self, dataset: str, dims: list[Dim]) -> list[_Resolved]:
        compiler = self.make_compiler(self.table)
        out: list[_Resolved] = []
        for dim in dims:
            if dim.kind == "condition":
                out.append(_Resolved(dim, dataset, "", "boolean"))
                continue
            try:
                owner, column = compiler.resolve(dataset, dim.text)
            except QueryError:
                continue  # a column of another dataset's indicator: not a split of this one
            kind = self.table(owner).columns.get(column) or "string"
            if dim.kind == "number" and kind not in NUMERIC:
                kind = "string"
            out.append(_Resolved(dim, owner, column, kind))
        return out

    def _build(self, dataset: str, raw: DatasetTable) -> Plan:
        threshold = self.bp.datasets[dataset].governance.group_size
        resolved = self._resolve(dataset, public_dims(self.bp, dataset))
        total = self._count(raw)
        best: tuple[Plan, Any] | None = None
        for level in LEVELS:
            plan, atoms = self._attempt(dataset, raw, resolved, level, threshold, total)
            if best is None or plan.protection.set_aside < best[0].protection.set_aside:
                best = (plan, atoms)
            if plan.protection.share <= TARGET_SHARE:
                break
        assert best is not None
        plan = best[0]
        plan.table = self._materialise(dataset, raw, plan.table)
        return plan

    def _count(self, raw: DatasetTable) -> int:
        with raw.engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(raw.selectable)).scalar()
            )

    def _merged(
        self, dataset: str, raw: DatasetTable, resolved: list[_Resolved], bar: int
    ) -> dict[str, set[Any]]:
        merged: dict[str, set[Any]] = {}
        for item in resolved:
            if item.owner != dataset or item.dim.kind != "category" or item.kind != "string":
                continue
            if item.column in merged:
                continue
            col = raw.selectable.c[item.column]
            stmt = (
                sa.select(col, sa.func.count())
                .select_from(raw.selectable)
                .where(col.is_not(None))
                .group_by(col)
            )
            with raw.engine.connect() as conn:
                rare = {v for v, n in conn.execute(stmt).all() if n < bar}
            if rare:
                merged[item.column] = rare
        return merged

    def _edges(self, resolved: list[_Resolved], bins: int) -> dict[tuple[str, str], list[float]]:
        edges: dict[tuple[str, str], list[float]] = {}
        for item in resolved:
            key = (item.owner, item.column)
            if item.dim.kind != "number" or item.kind not in NUMERIC or key in edges:
                continue
            owner = self.table(item.owner)
            col = owner.selectable.c[item.column]
            with owner.engine.connect() as conn:
                low, high = conn.execute(sa.select(sa.func.min(col), sa.func.max(col))).one()
            if low is None or high is None:
                continue
            edges[key] = fixed_edges(float(low), float(high), bins, item.kind == "integer")
        return edges

    def _attempt(
        self,
        dataset: str,
        raw: DatasetTable,
        resolved: list[_Resolved],
        level: Level,
        threshold: int,
        total: int,
    ) -> tuple[Plan, Any]:
        merged = self._merged(dataset, raw, resolved, level.merge_factor * threshold)
        edges = self._edges(resolved, level.bins)
        date_keys = {
            (r.owner, r.column)
            for r in resolved
            if r.kind in TEMPORAL_TYPES and r.dim.kind in ("date", "category")
        }
        dialect = raw.engine.dialect.name
        cols = []
        for name in raw.columns:
            col = raw.selectable.c[name]
            if name in merged:
                values = sorted(merged[name], key=str)
                col = sa.case((col.in_(values), sa.literal(AUTRES)), else_=col)
            elif (dataset, name) in date_keys:
                col = grains.grain_expression(level.grain, col, dialect)
            cols.append(col.label(name))
        general = DatasetTable(
            dataset,
            sa.select(*cols).select_from(raw.selectable).subquery(f"{dataset}__general"),
            dict(raw.columns),
            raw.engine,
            raw.backend,
            version=raw.version,
            duckdb=raw.duckdb,
        )
        compiler = self.make_compiler(lambda ds: general if ds == dataset else self.table(ds))
        scope = compiler.scope(dataset)
        exprs = [self._dim_expression(scope, r, level, edges, dialect) for r in resolved]
        home = scope.joined[dataset]
        count = sa.func.count().over(partition_by=exprs) if exprs else sa.func.count().over()
        atoms = (
            sa.select(*(home.c[name] for name in raw.columns), count.label(ATOM_COUNT))
            .select_from(scope.from_clause)
            .subquery(f"{dataset}__atoms")
        )
        small = sa.select(sa.func.count()).select_from(atoms).where(atoms.c[ATOM_COUNT] < threshold)
        with raw.engine.connect() as conn:
            set_aside = int(conn.execute(small).scalar() or 0)
        protected = (
            sa.select(*(atoms.c[name] for name in raw.columns))
            .where(atoms.c[ATOM_COUNT] >= threshold)
            .subquery(f"{dataset}__protected")
        )
        table = DatasetTable(
            dataset,
            protected,
            dict(raw.columns),
            raw.engine,
            raw.backend,
            version=f"{raw.version}|public",
            duckdb=raw.duckdb,
        )
        summary = Protection(
            dataset,
            threshold,
            total,
            set_aside,
            merged={k: sorted(v, key=str) for k, v in merged.items()},
            grain=level.grain if date_keys else None,
            date_columns=sorted(f"{o}.{c}" for o, c in date_keys),
            edges={f"{o}.{c}": e for (o, c), e in edges.items()},
            dims=[r.dim.cause for r in resolved],
        )
        splits = {
            ("condition", r.dim.text, "")
            if r.dim.kind == "condition"
            else (r.dim.kind, r.owner, r.column)
            for r in resolved
        }
        plan = Plan(summary, table, merged, level.grain, date_keys, edges, level, splits)
        return plan, (resolved, exprs, scope.from_clause)

    @staticmethod
    def _dim_expression(
        scope: Any,
        item: _Resolved,
        level: Level,
        edges: dict[tuple[str, str], list[float]],
        dialect: str,
    ) -> Any:
        if item.dim.kind == "condition":
            return conditions.condition(item.dim.condition, scope.column)
        col = scope.join_to(item.owner).c[item.column]
        if item.kind in TEMPORAL_TYPES:
            return grains.grain_expression(level.grain, col, dialect)
        key = (item.owner, item.column)
        if item.dim.kind == "number" and key in edges:
            return bin_expression(edges[key], col, dialect)
        return col

    def _materialise(self, dataset: str, raw: DatasetTable, table: DatasetTable) -> DatasetTable:
        """A table in the embedded database (computed once per data version), else the query."""
        if raw.duckdb is None:
            return table
        name = f"_dc_public_{dataset}"
        stmt = sa.select(table.selectable)
        compiled = stmt.compile(
            dialect=raw.engine.dialect, compile_kwargs={"render_postcompile": True}
        )
        params = [compiled.params[p] for p in compiled.positiontup or ()]
        cursor = raw.duckdb.cursor()
        try:
            cursor.execute(f'CREATE OR REPLACE TABLE "{name}" AS {compiled}', params)
        finally:
            cursor.close()
        return DatasetTable(
            dataset,
            table_for(name, dict(raw.columns)),
            dict(raw.columns),
            raw.engine,
            raw.backend,
            version=table.version,
            duckdb=raw.duckdb,
        )

    def explain(self, dataset: str) -> list[tuple[Cause, int]]:
        """For each dimension's cause, how many fewer rows would be set aside without it."""
        plan = self.plan(dataset)
        if plan is None:
            return []
        raw = self.table(dataset)
        threshold = plan.protection.threshold
        resolved = self._resolve(dataset, public_dims(self.bp, dataset))
        _, (items, exprs, from_clause) = self._attempt(
            dataset, raw, resolved, plan.level, threshold, plan.protection.rows
        )
        gains: dict[Cause, int] = {}
        for i, item in enumerate(items):
            others = [e for j, e in enumerate(exprs) if j != i]
            gain = plan.protection.set_aside - self._set_aside_with(
                raw, from_clause, others, threshold
            )
            cause = item.dim.cause
            gains[cause] = max(gains.get(cause, 0), gain)
        return sorted(gains.items(), key=lambda kv: -kv[1])

    def _set_aside_with(
        self, raw: DatasetTable, from_clause: Any, exprs: list[Any], threshold: int
    ) -> int:
        count = sa.func.count().over(partition_by=exprs) if exprs else sa.func.count().over()
        sub = sa.select(count.label(ATOM_COUNT)).select_from(from_clause).subquery()
        stmt = sa.select(sa.func.count()).select_from(sub).where(sub.c[ATOM_COUNT] < threshold)
        with raw.engine.connect() as conn:
            return int(conn.execute(stmt).scalar() or 0)


def protected_condition(
    plan: Plan,
    spec: Any,
    value: Any,
    period: Period | None,
    owner: str,
    column: str,
    col: Any,
    column_type: str | None,
    dialect: str,
) -> tuple[Any, Any]:
    """(SQL condition, effective value) of a filter value snapped to the protected splits."""
    if value is None:
        return None, None
    if isinstance(spec, (SelectFilter, MultiselectFilter)):
        plan.require("category", owner, column)
        values = plan.snap_values(owner, column, list(value))
        return col.in_(values), values
    if isinstance(spec, RangeFilter):
        plan.require("number", owner, column)
        edges = plan.edges.get((owner, column))
        if edges is None:  # an empty column: nothing to select
            return col.between(value[0], value[1]), value
        first, last = plan.snap_range(owner, column, value[0], value[1])
        clause = bin_expression(edges, col, dialect).between(first, last)
        return clause, (edges[first], edges[last + 1])
    if isinstance(spec, DateRangeFilter):
        plan.require("date", owner, column)
        if period is None:
            return None, value
        snapped = plan.snap_period(period)
        expr = grains.grain_expression(plan.grain, col, dialect)
        clause = expr.between(snapped.start, grain_start(snapped.end, plan.grain))
        return clause, (snapped.start, snapped.end)
    plan.require("category", owner, column)  # a toggle: a yes/no split of a column
    return filters.condition(spec, value, col, column_type, period), value


def notes(
    protections: list[Protection], lang: str, titles: dict[str, str] | None = None
) -> list[str]:
    """What a public reader should know about protected figures, in words (fr or en)."""
    from datacites_proto.i18n.catalog import translate
    from datacites_proto.i18n.formatting import Formatter

    fmt = Formatter(lang)
    out: list[str] = []
    for summary in protections:
        if summary.grain is not None:
            out.append(translate(f"protection_note_grain_{summary.grain}", lang))
        merged = [str(v) for values in summary.merged.values() for v in values]
        if merged:
            listed = ", ".join(merged[:8]) + (" …" if len(merged) > 8 else "")
            out.append(translate("protection_note_merged", lang, values=listed))
        if summary.set_aside:
            out.append(
                translate(
                    "protection_note_rows",
                    lang,
                    rows=fmt.number(summary.set_aside),
                    share=fmt.percent(summary.share),
                    dataset=(titles or {}).get(summary.dataset, summary.dataset),
                    size=summary.threshold,
                )
            )
    return list(dict.fromkeys(out))
