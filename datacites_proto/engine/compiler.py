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
from datacites_proto.engine import conditions, filters, grains
from datacites_proto.engine.catalog import DatasetTable
from datacites_proto.engine.query_errors import QueryError

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


class Compiler:
    """Builds queries for a blueprint; `table(dataset_id)` provides the dataset tables."""

    def __init__(
        self,
        blueprint: Blueprint,
        table: Callable[[str], DatasetTable],
        latest_day: Callable[[str, str], Any],
    ) -> None:
        self.bp = blueprint
        self.table = table
        self.latest_day = latest_day

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

    def leaf_query(self, indicator_id: str, by: list[str], values: Mapping[str, Any]) -> LeafQuery:
        """The query of a measure indicator broken down by `by`, filtered by `values`."""
        indicator = self.bp.indicators[indicator_id]
        home = indicator.dataset
        assert home is not None and indicator.measure_ast is not None
        breakdowns = [self.breakdown(home, text) for text in by]
        home_table = self.table(home)
        joined: dict[str, Any] = {home: home_table.selectable.alias(home)}
        from_clause: Any = joined[home]

        def join_to(dataset: str) -> Any:
            nonlocal from_clause
            if dataset in joined:
                return joined[dataset]
            path = relation_path(self.bp.relations, home, dataset)
            if path is None:
                raise QueryError("dataset_not_related", dataset=dataset, home=home)
            for rel in path:
                if rel.to_dataset in joined:
                    continue
                target = self.table(rel.to_dataset)
                if target.backend != home_table.backend:
                    raise QueryError("cross_database_join", first=home, second=rel.to_dataset)
                alias = target.selectable.alias(rel.to_dataset)
                left = joined[rel.from_dataset]
                from_clause = from_clause.join(
                    alias, left.c[rel.from_column] == alias.c[rel.to_column], isouter=True
                )
                joined[rel.to_dataset] = alias
            return joined[dataset]

        def column(node: ex.Column) -> Any:
            dataset, name = self.resolve(home, node.ref)
            return join_to(dataset).c[name]

        dialect = home_table.engine.dialect.name
        value = conditions.measure(indicator.measure_ast, column, dialect)
        where: list[Any] = []
        if indicator.where_ast is not None:
            where.append(conditions.condition(indicator.where_ast, column))
        for f_id in self.applicable_filters(home):
            raw = values.get(f_id)
            if raw is None:
                continue
            spec = self.bp.filters[f_id]
            col = join_to(spec.dataset).c[spec.column_name]
            kind = self.table(spec.dataset).columns.get(spec.column_name)
            normal = filters.normalise(f_id, spec, raw, kind)
            period = self.period(f_id, normal) if isinstance(spec, DateRangeFilter) else None
            clause = filters.condition(spec, normal, col, kind, period)
            if clause is not None:
                where.append(clause)
        keys = []
        for i, b in enumerate(breakdowns):
            col = join_to(b.dataset).c[b.column]
            expr = grains.grain_expression(b.grain, col, dialect) if b.grain else col
            keys.append(expr.label(f"b{i}"))
        statement = (
            sa.select(*keys, value.label(VALUE), sa.func.count().label(COUNT))
            .select_from(from_clause)
            .where(*where)
        )
        if keys:
            statement = statement.group_by(*keys).order_by(*keys)
        return LeafQuery(indicator_id, home, statement, home_table.engine, breakdowns)
