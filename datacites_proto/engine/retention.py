"""`retention_days` of an agreement, enforced: older rows are left out of every read.

The rows kept are those whose date is on or after today (`blueprint/clock.py`) minus the
retention period, by the dataset's first date or datetime column (in the order of its
table: declared columns, then the file's). A row without a date cannot be shown to be
within the period, so it is left out too. The rule wraps the dataset's table in a
filtered subquery, so every audience, query, protection plan and download reads only the
kept rows; validation refuses an agreement with a retention period over a dataset that
has no date column (blueprint/checks/governance.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa

from datacites_proto.blueprint import clock
from datacites_proto.blueprint.agreement_files import (
    AgreementFile,
    agreement_file,
    retention_cutoff,
)
from datacites_proto.blueprint.datasets import TEMPORAL_TYPES
from datacites_proto.engine.catalog import DatasetTable
from datacites_proto.errors import DataCitesError, Problem
from datacites_proto.i18n.local_dates import LocalDate


@dataclass(frozen=True)
class Retention:
    """The rows of `dataset` kept under its agreement: `column` on or after `cutoff`."""

    dataset: str
    column: str
    days: int
    cutoff: dt.date
    found: AgreementFile


def date_column(columns: dict[str, str | None]) -> str | None:
    """The column retention is judged by: the first date or datetime one."""
    return next((name for name, kind in columns.items() if kind in TEMPORAL_TYPES), None)


def rule(
    blueprint: Any, dataset: str, columns: dict[str, str | None], today: dt.date | None = None
) -> Retention | None:
    """The retention rule of `dataset` (None when its agreement sets none, or it has no date)."""
    found = agreement_file(blueprint, dataset)
    if found is None or found.agreement.retention_days is None:
        return None
    column = date_column(columns)
    cutoff = retention_cutoff(found.agreement, today or clock.today())
    if column is None or cutoff is None:
        return None  # validation refuses a retention period it cannot enforce
    return Retention(dataset, column, found.agreement.retention_days, cutoff, found)


def _bound(table: DatasetTable, retention: Retention) -> Any:
    if table.columns.get(retention.column) == "datetime":
        return dt.datetime.combine(retention.cutoff, dt.time())
    return retention.cutoff


def kept(table: DatasetTable, retention: Retention) -> DatasetTable:
    """`table` with only the rows within the retention period."""
    source = table.selectable
    column = source.c[retention.column]
    subquery = (
        sa.select(source)
        .where(column >= _bound(table, retention))
        .subquery(f"{table.dataset}__kept")
    )
    version = f"{table.version}|kept-from-{retention.cutoff.isoformat()}"
    return replace(table, selectable=subquery, version=version)


def dropped(table: DatasetTable, retention: Retention) -> int:
    """How many rows of the (whole) table the retention period leaves out."""
    column = table.selectable.c[retention.column]
    keep = column >= _bound(table, retention)
    statement = (
        sa.select(sa.func.count()).select_from(table.selectable).where(~keep | column.is_(None))
    )
    with table.engine.connect() as conn:
        return int(conn.execute(statement).scalar() or 0)


def dropped_warnings(service: Any) -> list[Problem]:
    """For `validate --data`: how many rows each retention period leaves out (warnings)."""
    problems = []
    for ds_id in service.blueprint.datasets:
        try:
            whole = service.table(ds_id, whole=True)
        except DataCitesError:
            continue  # the data check reports why it cannot be read
        found = rule(service.blueprint, ds_id, whole.columns)
        count = dropped(whole, found) if found is not None else 0
        if found is None or not count:
            continue
        params = {
            "rows": count,
            "dataset": ds_id,
            "cutoff": LocalDate.of(found.cutoff),
            "path": found.found.written,
            "days": found.days,
        }
        problems.append(
            found.found.problem(
                "retention_rows_dropped", ("retention_days",), params=params, severity="warning"
            )
        )
    return problems
