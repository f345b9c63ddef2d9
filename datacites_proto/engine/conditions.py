"""Compile the safe expression language to SQLAlchemy: values are always bound parameters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from datacites_proto.blueprint import expressions as ex
from datacites_proto.engine.dialects import words
from datacites_proto.engine.query_errors import QueryError

ColumnResolver = Callable[[ex.Column], Any]


def _operand(node: ex.Column | ex.Literal, column: ColumnResolver) -> Any:
    if isinstance(node, ex.Column):
        return column(node)
    return sa.literal(node.value)


def condition(node: Any, column: ColumnResolver) -> Any:
    """The SQL boolean expression of a parsed condition."""
    if isinstance(node, ex.And):
        return sa.and_(*(condition(item, column) for item in node.items))
    if isinstance(node, ex.Or):
        return sa.or_(*(condition(item, column) for item in node.items))
    if isinstance(node, ex.Not):
        return sa.not_(condition(node.item, column))
    if isinstance(node, ex.Compare):
        left, right = _operand(node.left, column), _operand(node.right, column)
        return {
            "=": left == right,
            "!=": left != right,
            "<": left < right,
            "<=": left <= right,
            ">": left > right,
            ">=": left >= right,
        }[node.op]
    if isinstance(node, ex.InList):
        test = column(node.operand).in_([v.value for v in node.values])
        return sa.not_(test) if node.negated else test
    if isinstance(node, ex.Between):
        test = column(node.operand).between(node.low.value, node.high.value)
        return sa.not_(test) if node.negated else test
    if isinstance(node, ex.IsNull):
        col = column(node.operand)
        return col.is_not(None) if node.negated else col.is_(None)
    if isinstance(node, ex.Like):
        col = column(node.operand)
        test = col.like(node.pattern.value)
        return sa.not_(test) if node.negated else test
    if isinstance(node, ex.Truthy):
        return column(node.operand) == sa.true()
    raise TypeError(f"not a condition node: {node!r}")


def measure(
    node: ex.Measure, column: ColumnResolver, dialect: str, indicator: str | None = None
) -> Any:
    """The SQL aggregate of a parsed measure (of `indicator`, named when a database
    cannot compute it)."""
    func = node.func
    if func == "count":
        return sa.func.count() if node.column is None else sa.func.count(column(node.column))
    if func == "share":
        return words(dialect).share(condition(node.condition, column))
    col = column(node.column)  # type: ignore[arg-type]
    if func == "count_distinct":
        return sa.func.count(sa.distinct(col))
    if func == "sum":
        return sa.func.sum(col)
    if func == "mean":
        return sa.func.avg(col)
    if func == "min":
        return sa.func.min(col)
    if func == "max":
        return sa.func.max(col)
    if func == "median":
        return median(col, dialect, indicator or f"median({node.column.ref})")  # type: ignore[union-attr]
    raise ValueError(f"unknown measure {func!r}")


def median(col: Any, dialect: str, indicator: str) -> Any:
    """The exact median in each database's own words; refused, naming the indicator,
    where the database has none."""
    exact = words(dialect).median
    if exact is None:
        raise QueryError("median_unsupported", indicator=indicator, dialect=dialect)
    return exact(col)
