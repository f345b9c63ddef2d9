"""The tables the query compiler works on: one per dataset, in the database that holds it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from datacites_proto.blueprint.datasets import TEMPORAL_TYPES

_SA_TYPES: dict[str, Any] = {
    "string": sa.String,
    "integer": sa.BigInteger,
    "number": sa.Float,
    "boolean": sa.Boolean,
    "date": sa.Date,
    "datetime": sa.DateTime,
}


def sa_type(column_type: str | None) -> Any:
    """The SQLAlchemy type of a blueprint column type (untyped when unknown)."""
    return _SA_TYPES.get(column_type or "", sa.types.NullType)()


@dataclass
class DatasetTable:
    """A dataset as the compiler sees it: a selectable with typed columns, in one database."""

    dataset: str
    selectable: sa.FromClause
    columns: dict[str, str | None]  # name -> ColumnType, None when unknown
    engine: sa.Engine
    backend: str  # "local" for the embedded DuckDB, else an id of the remote database
    version: str = ""  # changes when the data changes (for caches)
    # The embedded database's own DuckDB connection, when the table lives there: queries
    # then skip SQLAlchemy's execution layer (measured: half the time of a small query).
    duckdb: Any = None

    def has(self, column: str) -> bool:
        return column in self.columns

    def is_temporal(self, column: str) -> bool:
        return self.columns.get(column) in TEMPORAL_TYPES


def table_for(name: str, columns: dict[str, str | None], schema: str | None = None) -> sa.Table:
    """A Table built from known columns: no reflection (it is broken with duckdb-engine)."""
    return sa.Table(
        name,
        sa.MetaData(),
        *(sa.Column(col, sa_type(kind), quote=True) for col, kind in columns.items()),
        schema=schema,
        quote=True,
    )
