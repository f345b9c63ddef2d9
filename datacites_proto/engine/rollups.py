"""Rollups: pre-aggregated tables of a large dataset, for the questions its pages ask.

When a file dataset has at least `rollup_threshold` rows (1,000,000 by default), the
engine keeps, beside its table, one table grouped by what the blueprint can ask of it:
the columns its views break down by, its filters and its indicators' conditions filter
on, and the keys of the relations that reach other datasets; a datetime column among
them is cut to the day (its day, week, month, year and weekday stay exact; a date-range
filter's bounds are days). For each numeric column that an indicator sums, counts,
averages or takes the extremes of, it holds the sum, the count of filled cells, the
minimum and the maximum, and the count of rows of each group.

A query is answered from the rollup when everything it reads is there: a measure that
re-aggregates exactly (count, sum, mean, min, max, share — not median nor distinct
counts), breakdowns and conditions on kept columns, no hour on a column cut to the day.
Otherwise, or under protection (public figures of a shared dataset) or a retention rule,
it reads the detail table, as before. Integer results are identical; sums and means of
decimal columns may differ in the last bits, the additions being done in another order.

A rollup that would keep more than half of the detail's rows is not worth its disk: it
is dropped, and the dataset is queried in detail.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from datacites_proto.blueprint import expressions as ex
from datacites_proto.blueprint.breakdown import parse_breakdown
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.relations import relation_path
from datacites_proto.engine.catalog import DatasetTable, table_for
from datacites_proto.engine.duckdb_cache import table_exists
from datacites_proto.sources.reading.conversion import ident

DEFAULT_THRESHOLD = 1_000_000
MAX_SHARE = 0.5  # of the detail's rows: above, the rollup is not kept
ROWS = "__rows"
META_TABLE = "_datacites_rollups"
# Measures a rollup answers exactly, by re-aggregating its partial aggregates.
EXACT = frozenset({"count", "sum", "mean", "min", "max", "share"})
# Grains that a datetime cut to the day still answers exactly.
DAY_GRAINS = frozenset({"day", "week", "month", "year", "weekday"})
PARTS = ("sum", "count", "min", "max")


class NotCovered(Exception):
    """The query reads something the rollup does not keep: ask the detail table."""


@dataclass(frozen=True)
class Rollup:
    """A dataset's rollup: its kept columns, cut datetimes and aggregated numbers."""

    dataset: str
    table: DatasetTable  # kept columns under their own names, then the aggregates
    cut_to_day: frozenset[str]  # datetime columns cut to the day
    measured: frozenset[str]  # numeric columns with their sum, count, min and max
    rows: int

    def part(self, kind: str, column: str) -> str:
        return part_name(kind, column)


def part_name(kind: str, column: str) -> str:
    """The name of an aggregate column: `__sum__count`, `__max__tarif`…"""
    return f"__{kind}__{column}"


def threshold(setting: int | str | None) -> int | None:
    """Rows from which a dataset gets a rollup (None: never)."""
    if setting == "never":
        return None
    return DEFAULT_THRESHOLD if setting is None else int(setting)


# What the blueprint asks of a dataset -------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """The columns a rollup keeps and the numbers it aggregates."""

    kept: tuple[str, ...]
    measured: tuple[str, ...]

    def digest(self) -> str:
        text = json.dumps([self.kept, self.measured])
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def shape(
    bp: Blueprint,
    home: str,
    resolve: Callable[[str, str], tuple[str, str]],
    columns: dict[str, str | None],
) -> Shape:
    """What `home`'s rollup keeps: every column of it (or key towards a related dataset)
    that the blueprint's views, filters and indicators group or filter by."""
    kept: dict[str, None] = {}
    measured: dict[str, None] = {}

    def keep(text: str) -> None:
        try:
            dataset, name = resolve(home, text)
        except Exception:  # a reference to another dataset's column, not reachable
            return
        if dataset == home:
            if name in columns:
                kept[name] = None
            return
        path = relation_path(bp.relations, home, dataset)
        if path:
            kept[path[0].from_column] = None

    for indicator in bp.indicators.values():
        if indicator.dataset != home or indicator.measure_ast is None:
            continue
        node = indicator.measure_ast
        for condition in (indicator.where_ast, node.condition):
            for column in ex.columns_in(condition) if condition is not None else ():
                keep(column.ref)
        if node.func in EXACT and node.func != "share" and node.column is not None:
            dataset, name = resolve(home, node.column.ref)
            if dataset == home and columns.get(name) in ("integer", "number"):
                measured[name] = None
    for spec in bp.filters.values():
        keep(f"{spec.dataset}.{spec.column_name}")
    for page in bp.pages:
        for placed in page.all_views():
            for ref in placed.view.references():
                if ref.kind == "column" and ref.usage == "group":
                    keep(parse_breakdown(ref.name).column if ref.grain else ref.name)
    return Shape(tuple(kept), tuple(m for m in measured if m not in kept))


# Building -----------------------------------------------------------------------------


def _create_meta(cur: Any) -> None:
    cur.execute(
        f"CREATE TABLE IF NOT EXISTS {META_TABLE} (dataset VARCHAR, table_name VARCHAR,"
        " version VARCHAR, shape VARCHAR, row_count BIGINT, kept BOOLEAN)"
    )


def build(
    con: Any,
    detail: DatasetTable,
    source_table: str,
    detail_rows: int,
    found: Shape,
) -> Rollup | None:
    """The dataset's rollup, built once per version of its data and shape (None when it
    would not be worth keeping, or when nothing is kept)."""
    if not found.kept:
        return None
    dataset = detail.dataset
    name = f"ru_{dataset}"
    cut = frozenset(c for c in found.kept if detail.columns.get(c) == "datetime")
    columns: dict[str, str | None] = {c: detail.columns.get(c) for c in found.kept}
    rollup_columns = dict(columns)
    for column in found.measured:
        for kind in PARTS:
            counts = kind == "count"
            rollup_columns[part_name(kind, column)] = (
                "integer" if counts else detail.columns.get(column)
            )
    rollup_columns[ROWS] = "integer"
    cur = con.cursor()
    try:
        _create_meta(cur)
        stored = cur.execute(
            f"SELECT row_count, kept FROM {META_TABLE} WHERE dataset = ? AND version = ?"
            " AND shape = ?",
            [dataset, detail.version, found.digest()],
        ).fetchone()
        if stored is not None and (table_exists(cur, name) or not stored[1]):
            rows, kept = stored
        else:
            rows, kept = _create(cur, name, source_table, found, cut, detail_rows)
            cur.execute(f"DELETE FROM {META_TABLE} WHERE dataset = ?", [dataset])
            cur.execute(
                f"INSERT INTO {META_TABLE} VALUES (?, ?, ?, ?, ?, ?)",
                [dataset, name, detail.version, found.digest(), rows, kept],
            )
    finally:
        cur.close()
    if not kept:
        return None
    table = DatasetTable(
        dataset,
        table_for(name, rollup_columns),
        columns,
        detail.engine,
        backend=detail.backend,
        version=detail.version,
        duckdb=detail.duckdb,
    )
    return Rollup(dataset, table, cut, frozenset(found.measured), rows)


def _create(
    cur: Any, name: str, source: str, found: Shape, cut: frozenset[str], detail_rows: int
) -> tuple[int, bool]:
    keys = [
        f"CAST(date_trunc('day', {ident(c)}) AS TIMESTAMP) AS {ident(c)}" if c in cut else ident(c)
        for c in found.kept
    ]
    parts = [
        f"{kind}({ident(c)}) AS {ident(part_name(kind, c))}"
        for c in found.measured
        for kind in PARTS
    ]
    staging = ident(f"{name}__building")
    cur.execute(f"DROP TABLE IF EXISTS {staging}")
    cur.execute(
        f"CREATE TABLE {staging} AS SELECT {', '.join(keys + parts)}, count(*) AS {ROWS}"
        f" FROM {ident(source)} GROUP BY ALL"
    )
    (rows,) = cur.execute(f"SELECT count(*) FROM {staging}").fetchone()
    cur.execute(f"DROP TABLE IF EXISTS {ident(name)}")
    if rows > MAX_SHARE * detail_rows:
        cur.execute(f"DROP TABLE {staging}")
        return rows, False
    cur.execute(f"ALTER TABLE {staging} RENAME TO {ident(name)}")
    return rows, True


# Answering ----------------------------------------------------------------------------


def measure(
    rollup: Rollup,
    alias: Any,
    node: ex.Measure,
    name: str | None,
    column: Callable[[ex.Column], Any],
) -> Any:
    """The indicator's measure re-aggregated from the rollup's partial aggregates.

    `alias` is the rollup table as the query names it; `name` the measured column of the
    dataset (None: another dataset's, or none); `column` gives a kept column of a
    condition (it raises NotCovered for any other)."""

    def table(name: str) -> Any:
        return alias.c[name]

    rows = table(ROWS)
    func = node.func
    if func == "share":
        from datacites_proto.engine.conditions import condition

        hit = sa.case((condition(node.condition, column), rows), else_=0)
        return sa.cast(sa.func.sum(hit), sa.Double) / sa.func.sum(rows)
    if func == "count" and node.column is None:
        return sa.func.coalesce(sa.func.sum(rows), 0)
    if func not in EXACT or node.column is None or name is None:
        raise NotCovered(func)
    if name not in rollup.measured:
        if func == "count":  # count(kept column): the rows where it is filled
            filled = sa.case((column(node.column).is_not(None), rows), else_=0)
            return sa.func.coalesce(sa.func.sum(filled), 0)
        raise NotCovered(name)
    if func == "count":
        return sa.func.coalesce(sa.func.sum(table(rollup.part("count", name))), 0)
    if func == "sum":
        return sa.func.sum(table(rollup.part("sum", name)))
    if func == "mean":
        total = sa.cast(sa.func.sum(table(rollup.part("sum", name))), sa.Double)
        return total / sa.func.nullif(sa.func.sum(table(rollup.part("count", name))), 0)
    return getattr(sa.func, func)(table(rollup.part(func, name)))
