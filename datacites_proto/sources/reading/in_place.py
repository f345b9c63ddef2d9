"""Typed columnar files queried where they lie: a view over the files, checked by SQL.

A Parquet file already knows its types. When every column's type is the one the
blueprint declares (or widens to it losslessly: INTEGER → BIGINT, FLOAT → DOUBLE,
TIMESTAMP_NS → TIMESTAMP, DATE → TIMESTAMP), nothing needs converting, so the dataset's
table is a view over `read_parquet(...)`: no copy, no extra disk, and a first answer
that costs a scan of the columns it reads. The load-time checks (required, bounds,
allowed values, unique values, the key) run as aggregate queries over the file, with the
same located messages as a copied table. Cells the text rules call missing (« NA »,
blanks) and NaN are looked for once; the view turns them into NULL only in the columns
that hold some, so a clean file is read as it is.

A column that needs converting (text declared as a date, a list) sends the whole dataset
down the copying path (`typed_table.materialise`), as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from datacites_proto.sources.base import LoadContext
from datacites_proto.sources.reading import conversion as cv
from datacites_proto.sources.reading.constraints import (
    ColumnPlan,
    constraint_findings,
    plan_columns,
    problems_of,
)
from datacites_proto.sources.reading.readers import RawTable, fail, unreadable

# DuckDB types read as a declared type without any possible loss or failure.
_INTEGERS = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER"}
_WIDENS: dict[str, set[str]] = {
    "integer": _INTEGERS,
    "number": _INTEGERS | {"FLOAT", "DOUBLE", "DECIMAL"},
    "boolean": {"BOOLEAN"},
    "date": {"DATE"},
    "datetime": {
        "DATE",
        "TIMESTAMP",
        "TIMESTAMP_S",
        "TIMESTAMP_MS",
        "TIMESTAMP_NS",
        "TIMESTAMP WITH TIME ZONE",
    },
    "string": {"VARCHAR"},
}


def _base(raw_type: str) -> str:
    return raw_type.split("(")[0].strip().upper()


def reads_directly(plan: ColumnPlan) -> bool:
    """True when the column's file type is its table type, or widens to it losslessly."""
    return _base(plan.raw.raw_type) in _WIDENS.get(plan.type, set())


def _typed(plan: ColumnPlan, cell: str) -> str:
    """SQL giving the table's value from a present cell (never fails: see `reads_directly`)."""
    base = _base(plan.raw.raw_type)
    target = cv.DUCKDB_TYPES[plan.type]
    if base == "TIMESTAMP WITH TIME ZONE":
        return f"CAST(({cell} AT TIME ZONE {cv.literal(cv.TIMEZONE)}) AS {target})"
    if base == target:
        return cell
    return f"CAST({cell} AS {target})"


def _may_hide_missing(plan: ColumnPlan) -> bool:
    """Text can hold « NA » or blanks, and floats NaN: cells the rules call missing."""
    return plan.raw.raw_type in ("VARCHAR", "DOUBLE", "FLOAT")


def _read_whole(con: Any, raw: RawTable, plans: Sequence[ColumnPlan]) -> set[int]:
    """Read every cell once; the plans (by index) whose column holds a cell that is missing
    but not NULL (« NA », blanks, NaN).

    Every column is decoded here, so that a damaged page is a located error now rather
    than a failing query later: a view has no copy that would have found it."""
    aggregates = []
    for p in plans:
        if _may_hide_missing(p):
            present = cv.present(p.raw.sql, p.raw.raw_type)
            aggregates.append(f"bool_or({present} IS NULL AND {p.raw.sql} IS NOT NULL)")
        else:
            aggregates.append(f"min(hash({p.raw.sql})) IS NULL")  # hashing decodes every cell
    if not aggregates:
        return set()
    found = con.execute(f"SELECT {', '.join(aggregates)} FROM {raw.relation}").fetchone()
    return {p.index for p, hit in zip(plans, found, strict=True) if hit and _may_hide_missing(p)}


def query_in_place(ctx: LoadContext, raw: RawTable, table: str, files: Sequence[Path]) -> bool:
    """Create `table` as a checked view over `files`; False (nothing created) when a column
    needs converting. Raises DataError with every located problem when a check fails."""
    plans, problems = plan_columns(raw, ctx.dataset, ctx.dataset_id)
    problems = raw.problems + problems
    if problems:
        raise fail(problems, ctx)
    if not all(reads_directly(p) for p in plans):
        return False
    con = ctx.con
    with unreadable(ctx, raw.file):
        missing = _read_whole(con, raw, plans)

        def cell(plan: ColumnPlan, column: str) -> str:
            if plan.index in missing:
                return cv.present(column, plan.raw.raw_type)
            return column

        def rows(some: Sequence[ColumnPlan]) -> str:
            cells = "".join(
                f", {cell(p, p.raw.sql)} AS p{p.index}, {_typed(p, f'p{p.index}')} AS {p.t}"
                for p in some
            )
            return f"SELECT __loc{cells} FROM (SELECT {raw.loc} AS __loc, * FROM {raw.relation})"

        findings = constraint_findings(con, rows, plans, ctx.dataset)
    if findings:
        raise fail(problems_of(raw, findings, ctx.dataset_id, ctx.dataset.key_columns), ctx)
    listed = ", ".join(cv.literal(str(path.resolve())) for path in files)
    select = ", ".join(
        f"{_typed(p, cell(p, cv.ident(p.name)))} AS {cv.ident(p.name)}" for p in plans
    )
    con.execute(f"CREATE VIEW {cv.ident(table)} AS SELECT {select} FROM read_parquet([{listed}])")
    return True
