"""Compile (indicator, breakdowns, filter values) into one SQLAlchemy query per leaf indicator.

The query runs in the database that holds the data (the embedded DuckDB, or the
source's own database): only aggregated rows come back to Python.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from datacites_proto.blueprint import expressions as ex
from datacites_proto.blueprint.breakdown import parse_breakdown
from datacites_proto.blueprint.datasets import TEMPORAL_TYPES
from datacites_proto.blueprint.filters import DateRangeFilter
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.relations import reachable, relation_path
from datacites_proto.blueprint.resolve import resolve_column_name
from datacites_proto.engine import conditions, filters, grains, rollups
from datacites_proto.engine.catalog import DatasetTable
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.engine.rollups import NotCovered, Rollup

VALUE = "value"
COUNT = "n"


@dataclass(frozen=True)
class Breakdown:
    """A `by` resolved against a dataset: where its column lives and which grain applies."""

    text: str  # as written: the name of the result column
    dataset: str
    column: str
    grain: str | None


@dataclass
class LeafQuery:
    """One SQL query: the aggregate of a measure indicator, with its row count per group."""

    indicator: str
    dataset: str
    statement: sa.Select
    engine: sa.Engine
    breakdowns: list[Breakdown]
    rollup: bool = False  # answered from the dataset's rollup (engine/rollups.py)


class Compiler:
    """Builds queries for a blueprint; `table(dataset_id)` provides the dataset tables."""

    def __init__(
        self,
        blueprint: Blueprint,
        table: Callable[[str], DatasetTable],
        latest_day: Callable[[str, str], Any],
        protect: Callable[[str], Any] | None = None,
        rollup: Callable[[str], Rollup | None] | None = None,
    ) -> None:
        self.bp = blueprint
        self.table = table
        self.latest_day = latest_day
        # The rollup of a large dataset, when it has one (engine/rollups.py).
        self.rollup = rollup
        # Public figures over a shared dataset: its protection plan (engine/protection.py),
        # which snaps filters to the protected splits and refuses any other split.
        self.protect = protect

    def plan(self, home: str) -> Any:
        """The protection plan of `home` for this compiler's audience (None: raw data)."""
        return self.protect(home) if self.protect is not None else None

    # Columns ------------------------------------------------------------------------

    def resolve(self, home: str, text: str) -> tuple[str, str]:
        """The (dataset, column) that `column` or `dataset.column` means, seen from `home`."""
        qualifier, name = text.split(".", 1) if "." in text else (None, text)
        if qualifier is not None and qualifier not in self.bp.datasets:
            # Not a dataset: a column name with a dot in it.
            qualifier, name = None, text
        related = reachable(self.bp.relations, home)
        hit = resolve_column_name(home, qualifier, name, related, self._has_column)
        if hit.problem == "dataset_not_related":
            raise QueryError("dataset_not_related", dataset=qualifier, home=home)
        if hit.problem == "ambiguous_column":
            raise QueryError(
                "ambiguous_column",
                name=name,
                datasets=", ".join(hit.candidates),
                first=hit.candidates[0],
            )
        if hit.problem == "unknown_column" or hit.dataset is None:
            known = ", ".join(self.table(home).columns)
            raise QueryError("unknown_column", name=name, dataset=home, available=known)
        return hit.dataset, name

    def _has_column(self, dataset: str, column: str) -> bool:
        return column in self.table(dataset).columns

    def breakdown(self, home: str, text: str) -> Breakdown:
        parsed = parse_breakdown(text)
        dataset, column = self.resolve(home, parsed.column)
        kind = self.table(dataset).columns.get(column)
        if parsed.grain and kind is not None and kind not in TEMPORAL_TYPES:
            raise QueryError("grain_on_non_date", grain=parsed.grain, name=column, type=kind)
        return Breakdown(text, dataset, column, parsed.grain)

    # Filters ------------------------------------------------------------------------

    def applicable_filters(self, home: str) -> list[str]:
        """Ids of the filters whose dataset is `home` or reachable from it."""
        related = reachable(self.bp.relations, home)
        return [f_id for f_id, spec in self.bp.filters.items() if spec.dataset in related]

    def period(self, f_id: str, value: Any) -> filters.Period | None:
        """The days a date_range value covers (presets counted back from the latest data)."""
        if value is None:
            return None
        if isinstance(value, tuple):
            return filters.Period(*value)
        spec = self.bp.filters[f_id]
        return filters.preset_period(value, self.latest_day(spec.dataset, spec.column_name))

    # Queries ------------------------------------------------------------------------

    def scope(self, home: str) -> Scope:
        """Joins and filters seen from dataset `home`."""
        return Scope(self, home)

    def leaf_query(self, indicator_id: str, by: list[str], values: Mapping[str, Any]) -> LeafQuery:
        """The query of a measure indicator broken down by `by`, filtered by `values`."""
        indicator = self.bp.indicators[indicator_id]
        home = indicator.dataset
        assert home is not None and indicator.measure_ast is not None
        breakdowns = [self.breakdown(home, text) for text in by]
        plan = self.plan(home)
        if plan is not None:
            for b in breakdowns:
                kind = "date" if b.grain else "category"
                plan.require(kind, b.dataset, b.column)
            for node in (indicator.where_ast, indicator.measure_ast.condition):
                if node is not None:
                    plan.condition(node)
        elif self.rollup is not None and (rollup := self.rollup(home)) is not None:
            try:
                return self._on_rollup(indicator_id, rollup, breakdowns, values)
            except (NotCovered, KeyError):
                pass  # it reads something the rollup does not keep: the detail answers
        scope = self.scope(home)
        value = conditions.measure(indicator.measure_ast, scope.column, scope.dialect, indicator_id)
        return self._leaf(indicator_id, scope, value, sa.func.count(), breakdowns, values)

    def _on_rollup(
        self,
        indicator_id: str,
        rollup: Rollup,
        breakdowns: list[Breakdown],
        values: Mapping[str, Any],
    ) -> LeafQuery:
        """The leaf query answered from the dataset's rollup; NotCovered when it cannot be."""
        indicator = self.bp.indicators[indicator_id]
        node = indicator.measure_ast
        assert indicator.dataset is not None and node is not None
        home = indicator.dataset
        for b in breakdowns:
            cut = b.dataset == home and b.column in rollup.cut_to_day
            if cut and b.grain not in rollups.DAY_GRAINS:
                raise NotCovered(b.text)  # the hour is gone from the rollup
        scope = RollupScope(self, home, rollup)
        name = None
        if node.column is not None:
            dataset, column = self.resolve(home, node.column.ref)
            name = column if dataset == home else None
        value = rollups.measure(rollup, scope.joined[home], node, name, scope.column)
        count = sa.func.coalesce(sa.func.sum(scope.joined[home].c[rollups.ROWS]), 0)
        query = self._leaf(indicator_id, scope, value, count, breakdowns, values)
        query.rollup = True
        return query

    def _leaf(
        self,
        indicator_id: str,
        scope: Scope,
        value: Any,
        count: Any,
        breakdowns: list[Breakdown],
        values: Mapping[str, Any],
    ) -> LeafQuery:
        indicator = self.bp.indicators[indicator_id]
        home = scope.home
        where = scope.filter_conditions(values)
        if indicator.where_ast is not None:
            where.insert(0, conditions.condition(indicator.where_ast, scope.column))
        keys = []
        order = []
        for i, b in enumerate(breakdowns):
            col = scope.join_to(b.dataset).c[b.column]
            expr = grains.grain_expression(b.grain, col, scope.dialect) if b.grain else col
            keys.append(expr.label(f"b{i}"))
            order.append(self._declared_order(b, expr))
        statement = (
            sa.select(*keys, value.label(VALUE), count.label(COUNT))
            .select_from(scope.from_clause)
            .where(*where)
        )
        if keys:
            statement = statement.group_by(*keys).order_by(*order)
        return LeafQuery(indicator_id, home, statement, scope.table.engine, breakdowns)

    def _declared_order(self, breakdown: Breakdown, expr: Any) -> Any:
        """Categories in the order of the column's declared `enum` (A to G, periods…)."""
        spec = self.bp.datasets[breakdown.dataset].columns.get(breakdown.column)
        if breakdown.grain or spec is None or not spec.enum:
            return expr
        # Literal positions, not bound values: the ORDER BY must match the SELECT list.
        ranks = [(expr == value, sa.literal_column(str(i))) for i, value in enumerate(spec.enum)]
        return sa.case(*ranks, else_=sa.literal_column(str(len(spec.enum))))

    def rows_query(
        self,
        dataset: str,
        columns: list[str],
        values: Mapping[str, Any],
        *,
        sort: str | None = None,
        limit: int | None = None,
    ) -> sa.Select:
        """Rows of `dataset` (columns may be of related datasets), filtered, sorted, limited."""
        scope = self.scope(dataset)
        resolved = [self.resolve(dataset, text) for text in columns]
        selected = [
            scope.join_to(ds).c[name].label(f"c{i}") for i, (ds, name) in enumerate(resolved)
        ]
        # Filters and the sort may join more datasets: build them before the FROM clause.
        where = scope.filter_conditions(values)
        order = None
        if sort:
            ds, name = self.resolve(dataset, sort.lstrip("-"))
            col = scope.join_to(ds).c[name]
            order = col.desc() if sort.startswith("-") else col.asc()
        statement = sa.select(*selected).select_from(scope.from_clause).where(*where)
        if order is not None:
            statement = statement.order_by(order)
        if limit is not None:
            statement = statement.limit(limit)
        return statement

    def distinct_query(self, dataset: str, column: str, limit: int) -> sa.Select:
        """The distinct non-missing values of a column, sorted (filter options)."""
        col = self.table(dataset).selectable.c[column]
        return sa.select(col).where(col.is_not(None)).distinct().order_by(col).limit(limit)

    def bounds_query(self, dataset: str, column: str) -> sa.Select:
        """The smallest and largest values of a column (range and date filters)."""
        col = self.table(dataset).selectable.c[column]
        return sa.select(sa.func.min(col), sa.func.max(col))


class Scope:
    """The FROM clause of a query from one dataset, growing joins as columns need them.

    Take `from_clause` only after every column and condition of the query is built:
    each may join one more dataset.
    """

    def __init__(self, compiler: Compiler, home: str) -> None:
        self.compiler = compiler
        self.home = home
        self.table = compiler.table(home)
        self.dialect = self.table.engine.dialect.name
        self.joined: dict[str, Any] = {home: self.table.selectable.alias(home)}
        self.from_clause: Any = self.joined[home]

    def join_to(self, dataset: str) -> Any:
        """The alias of `dataset`, joined along relations from the home dataset."""
        if dataset in self.joined:
            return self.joined[dataset]
        path = relation_path(self.compiler.bp.relations, self.home, dataset)
        if path is None:
            raise QueryError("dataset_not_related", dataset=dataset, home=self.home)
        for rel in path:
            if rel.to_dataset in self.joined:
                continue
            target = self.compiler.table(rel.to_dataset)
            if target.backend != self.table.backend:
                raise QueryError("cross_database_join", first=self.home, second=rel.to_dataset)
            alias = target.selectable.alias(rel.to_dataset)
            left = self.joined[rel.from_dataset]
            self.from_clause = self.from_clause.join(
                alias, left.c[rel.from_column] == alias.c[rel.to_column], isouter=True
            )
            self.joined[rel.to_dataset] = alias
        return self.joined[dataset]

    def column(self, node: ex.Column) -> Any:
        """The SQL column an expression's column means."""
        dataset, name = self.compiler.resolve(self.home, node.ref)
        return self.join_to(dataset).c[name]

    def filter_conditions(
        self, values: Mapping[str, Any], effective: dict[str, Any] | None = None
    ) -> list[Any]:
        """The conditions of the filter values that apply to the home dataset.

        Under protection, values are snapped to the protected splits; `effective` then
        receives each filter's value as applied (merged values, whole bins and months).
        """
        from datacites_proto.engine.protection import protected_condition

        compiler = self.compiler
        plan = compiler.plan(self.home)
        where: list[Any] = []
        for f_id in compiler.applicable_filters(self.home):
            raw = values.get(f_id)
            if raw is None:
                continue
            spec = compiler.bp.filters[f_id]
            col = self.join_to(spec.dataset).c[spec.column_name]
            kind = compiler.table(spec.dataset).columns.get(spec.column_name)
            normal = filters.normalise(f_id, spec, raw, kind)
            period = compiler.period(f_id, normal) if isinstance(spec, DateRangeFilter) else None
            if plan is not None:
                clause, applied = protected_condition(
                    plan,
                    spec,
                    normal,
                    period,
                    spec.dataset,
                    spec.column_name,
                    col,
                    kind,
                    self.dialect,
                )
            else:
                clause, applied = filters.condition(spec, normal, col, kind, period), normal
            if effective is not None:
                effective[f_id] = applied
            if clause is not None:
                where.append(clause)
        return where


class RollupScope(Scope):
    """A scope whose home is the dataset's rollup: only its kept columns can be read, and a
    datetime cut to the day only by a date-range filter (whose bounds are days)."""

    def __init__(self, compiler: Compiler, home: str, rollup: Rollup) -> None:
        self.compiler = compiler
        self.home = home
        self.rollup = rollup
        self.table = rollup.table
        self.dialect = self.table.engine.dialect.name
        self.joined = {home: self.table.selectable.alias(home)}
        self.from_clause = self.joined[home]

    def column(self, node: ex.Column) -> Any:
        dataset, name = self.compiler.resolve(self.home, node.ref)
        if dataset == self.home and name in self.rollup.cut_to_day:
            raise NotCovered(name)  # a condition on the time of day
        return self.join_to(dataset).c[name]  # KeyError when not kept

    def filter_conditions(
        self, values: Mapping[str, Any], effective: dict[str, Any] | None = None
    ) -> list[Any]:
        for f_id in self.compiler.applicable_filters(self.home):
            spec = self.compiler.bp.filters[f_id]
            cut = spec.dataset == self.home and spec.column_name in self.rollup.cut_to_day
            if cut and values.get(f_id) is not None and not isinstance(spec, DateRangeFilter):
                raise NotCovered(f_id)
        return super().filter_conditions(values, effective)
