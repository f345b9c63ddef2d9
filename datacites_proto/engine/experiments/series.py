"""The treated and control series of an experiment, aggregated by the database, by period.

The query is built by the engine's compiler from the validated blueprint (the indicator's
measure and `where`, the units' condition or filter values, the time grain): one scan
groups the rows of both groups by period; only the aggregated periods come back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa

from datacites_proto.blueprint.datasets import TEMPORAL_TYPES
from datacites_proto.blueprint.experiments import Experiment, units_filters
from datacites_proto.engine import conditions, filters, grains
from datacites_proto.engine.compiler import Compiler, Scope
from datacites_proto.engine.experiments.calendar import period_end
from datacites_proto.engine.query_errors import QueryError

# Measures that count or add up: a period without rows counted nothing (0). The others
# (mean, median, min, max, share) have no value in an empty period: missing, dropped.
ADDITIVE = frozenset({"count", "count_distinct", "sum"})
TREATED, CONTROL = "treated", "control"
_FREQ = {"day": "D", "week": "W-MON", "month": "MS"}


@dataclass(frozen=True)
class Series:
    """Both groups' values by period (a period is named by its first day)."""

    frame: pd.DataFrame  # period (Timestamp), treated, control (NaN without a control)
    additive: bool  # empty periods are zeros (True) or missing and dropped (False)
    datasets: frozenset[str]  # the datasets the query read (joins included)


def time_column(compiler: Compiler, experiment: Experiment, home: str) -> tuple[str, str, str]:
    """(dataset, column, type) of the experiment's date column: declared, or the only one."""
    if experiment.time is not None:
        dataset, column = compiler.resolve(home, experiment.time)
    else:
        kinds = compiler.table(home).columns
        dates = sorted(c for c, kind in kinds.items() if kind in TEMPORAL_TYPES)
        if len(dates) != 1:
            raise QueryError(
                "experiment_time_ambiguous" if dates else "experiment_time_missing",
                dataset=home,
                candidates=", ".join(dates),
                first=dates[0] if dates else "",
            )
        dataset, column = home, dates[0]
    kind = compiler.table(dataset).columns.get(column)
    return dataset, column, kind or "datetime"


def units_condition(scope: Scope, units: Any, ast: Any) -> Any:
    """The SQL condition selecting a group's rows: its parsed condition or its filter values."""
    if ast is not None:
        return conditions.condition(ast, scope.column)
    values = units_filters(units)
    # Filter values go through the same checks and conversions as a page's filters.
    return sa.and_(*scope.filter_conditions(values))


def _group(scope: Scope, experiment: Experiment) -> tuple[Any, Any]:
    """The group label of a row (CASE) and the condition keeping the rows of either group."""
    treated = units_condition(scope, experiment.treated, experiment.treated_ast)
    if experiment.control is None:
        return sa.literal(TREATED), treated
    control = units_condition(scope, experiment.control, experiment.control_ast)
    # Overlapping units are a validation error (engine/data_check.py); here a row in both
    # counts as treated.
    label = sa.case((treated, sa.literal(TREATED)), else_=sa.literal(CONTROL))
    return label, sa.or_(treated, control)


def series_query(
    compiler: Compiler, experiment: Experiment, start: dt.date, end: dt.date
) -> tuple[sa.Select, Scope]:
    """The query of both groups' values per period between `start` and `end` (days included)."""
    indicator = compiler.bp.indicators[experiment.indicator]
    home = indicator.dataset
    assert home is not None and indicator.measure_ast is not None
    scope = compiler.scope(home)
    t_dataset, t_column, kind = time_column(compiler, experiment, home)
    time = scope.join_to(t_dataset).c[t_column]
    value = conditions.measure(
        indicator.measure_ast, scope.column, scope.dialect, experiment.indicator
    )
    group, either = _group(scope, experiment)
    where = [either, filters.period_condition(time, filters.Period(start, end), kind)]
    if indicator.where_ast is not None:
        where.insert(0, conditions.condition(indicator.where_ast, scope.column))
    period = grains.grain_expression(experiment.grain, time, scope.dialect).label("period")
    statement = (
        sa.select(group.label("grp"), period, value.label("value"))
        .select_from(scope.from_clause)  # after every column and condition: joins are known
        .where(*where)
        .group_by(sa.literal_column("1"), sa.literal_column("2"))
    )
    return statement, scope


def full_periods(start: dt.date, end: dt.date, grain: str) -> pd.DatetimeIndex:
    """The periods lying wholly between `start` and `end`: partial ones at the edges would
    count fewer days and look like a drop."""
    first = pd.Timestamp(start)
    if grain == "week":
        first = first - pd.Timedelta(days=first.day_of_week)
    elif grain == "month":
        first = first.replace(day=1)
    starts = pd.date_range(first, pd.Timestamp(end), freq=_FREQ[grain])
    low, high = pd.Timestamp(start), pd.Timestamp(end)
    return pd.DatetimeIndex([s for s in starts if s >= low and period_end(s, grain) <= high])


def fetch(compiler: Compiler, experiment: Experiment, start: dt.date, end: dt.date) -> Series:
    """Both groups' values for every whole period between `start` and `end`."""
    statement, scope = series_query(compiler, experiment, start, end)
    with scope.table.engine.connect() as conn:
        rows = conn.execute(statement).all()
    measure = compiler.bp.indicators[experiment.indicator].measure_ast
    additive = measure is not None and measure.func in ADDITIVE
    index = full_periods(start, end, experiment.grain)
    data = pd.DataFrame(rows, columns=["grp", "period", "value"])
    data["period"] = pd.to_datetime(data["period"])
    data["value"] = pd.to_numeric(data["value"], errors="coerce").astype("float64")
    wide = data.pivot_table(index="period", columns="grp", values="value", aggfunc="sum")
    fill = 0.0 if additive else float("nan")
    out = pd.DataFrame({"period": index})
    for name in (TREATED, CONTROL):
        if name == CONTROL and experiment.control is None:
            out[name] = float("nan")
            continue
        column = wide[name] if name in wide.columns else pd.Series(dtype="float64")
        out[name] = column.reindex(index).fillna(fill).to_numpy(dtype="float64")
    return Series(out, additive, frozenset(scope.joined))
