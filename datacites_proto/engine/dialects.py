"""Each database's own words for what the engine asks of SQL: time grains, the ISO
weekday, the hour, the exact median and the share of rows.

One entry per dialect name as SQLAlchemy reports it (`engine.dialect.name`). A dialect
not listed gets the ANSI / PostgreSQL words; `median` is None where the database has no
exact median (an approximate one would give a different figure from the same data).
DuckDB, SQLite and PostgreSQL are tested against real databases; Trino, ClickHouse,
BigQuery and Snowflake are compile-tested against snapshots (docs/engine.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import Grouping
from sqlalchemy.sql.functions import FunctionElement

from datacites_proto.engine.query_errors import QueryError

GRAINS = ("hour", "day", "week", "month", "year", "weekday", "hour_of_day")


# Histogram bins ---------------------------------------------------------------------------


def _position(column: Any, start: Any, width: Any) -> Any:
    # The plain operator: SQLAlchemy's true division casts the divisor to a NUMERIC, REAL
    # or FLOAT of the dialect's choosing (ClickHouse refuses a Float64 divided by a
    # Decimal; a REAL 0.1 is not 0.1).
    return Grouping(column - start).op("/")(width)


def _floor_bin(column: Any, start: Any, width: Any) -> Any:
    return sa.cast(sa.func.floor(_position(column, start, width)), sa.Integer)


def _double_bin(column: Any, start: Any, width: Any) -> Any:
    # Trino and Snowflake divide decimals at a fixed scale (Trino: the larger of the two
    # scales), rounding the quotient: 24 / 25.0 would be 1.0, the next bin. In doubles.
    return _floor_bin(sa.cast(column, sa.Double), start, width)


def _sqlite_bin(column: Any, start: Any, width: Any) -> Any:
    # No floor() without the math extension: truncation, the floor of a position >= 0
    # (a negative position goes to bin 0 either way, the callers clamp it).
    return sa.cast(_position(column, start, width), sa.Integer)


@dataclass(frozen=True)
class Words:
    """How one database says each thing the engine needs."""

    grain: Callable[[str, Any], Any]
    median: Callable[[Any], Any] | None
    share: Callable[[Any], Any]
    # floor((column - start) / width) as an integer: the bin of a histogram.
    bin: Callable[[Any, Any, Any], Any] = _floor_bin


def words(dialect: str) -> Words:
    """The words of `dialect` (a SQLAlchemy dialect name); ANSI / PostgreSQL if unknown."""
    return DIALECTS.get(dialect, ANSI)


def const(text: str) -> Any:
    # Grain names and formats are our own constants, written inline rather than bound:
    # PostgreSQL sees `date_trunc($1, c)` and `date_trunc($2, c)` as different groups.
    return sa.literal_column(f"'{text}'")


def _number(text: str) -> Any:
    return sa.literal_column(text)


def _unknown(grain: str) -> ValueError:
    return ValueError(f"unknown grain {grain!r}")


# Shares ---------------------------------------------------------------------------------


def _share(hit: Any) -> Any:
    return sa.func.avg(sa.case((hit, 1.0), else_=0.0))


def _share_double(hit: Any) -> Any:
    # Trino and Snowflake read 1.0 as a decimal of scale 1 and average it as a decimal:
    # a share of 1/3 would come back rounded. A double keeps every digit.
    one, zero = sa.cast(_number("1"), sa.Double), sa.cast(_number("0"), sa.Double)
    return sa.func.avg(sa.case((hit, one), else_=zero))


# ANSI / PostgreSQL / DuckDB -------------------------------------------------------------


def _ansi_grain(grain: str, column: Any) -> Any:
    if grain == "hour":
        return sa.func.date_trunc(const("hour"), column)
    if grain in ("day", "week", "month", "year"):  # weeks start on Monday (ISO)
        return sa.cast(sa.func.date_trunc(const(grain), column), sa.Date)
    if grain == "weekday":
        return sa.cast(sa.extract("isodow", column), sa.Integer)
    if grain == "hour_of_day":
        return sa.cast(sa.extract("hour", column), sa.Integer)
    raise _unknown(grain)


def _percentile_cont(column: Any) -> Any:
    return sa.func.percentile_cont(0.5).within_group(column)


ANSI = Words(_ansi_grain, _percentile_cont, _share)
POSTGRESQL = ANSI
DUCKDB = Words(_ansi_grain, lambda column: sa.func.median(column), _share)


# SQLite ---------------------------------------------------------------------------------


def _sqlite_grain(grain: str, column: Any) -> Any:
    strftime = sa.func.strftime
    if grain == "hour":
        return strftime(const("%Y-%m-%d %H:00:00"), column)
    if grain == "day":
        return sa.func.date(column)
    if grain == "week":
        # Monday of the week: go to the next Sunday, then back six days.
        return sa.func.date(column, const("weekday 0"), const("-6 days"))
    if grain == "month":
        return strftime(const("%Y-%m-01"), column)
    if grain == "year":
        return strftime(const("%Y-01-01"), column)
    if grain == "weekday":
        # %w is 0 for Sunday: ISO numbering wants 7.
        day = sa.cast(strftime(const("%w"), column), sa.Integer)
        return sa.cast((day + _number("6")) % _number("7") + _number("1"), sa.Integer)
    if grain == "hour_of_day":
        return sa.cast(strftime(const("%H"), column), sa.Integer)
    raise _unknown(grain)


# No median without an extension that Python's sqlite3 does not build.
SQLITE = Words(_sqlite_grain, None, _share, _sqlite_bin)


# Trino ----------------------------------------------------------------------------------


def _trino_grain(grain: str, column: Any) -> Any:
    # date_trunc keeps the column's type (week: Monday); day_of_week is ISO, 1 = Monday.
    if grain == "weekday":
        return sa.func.day_of_week(column)
    if grain == "hour_of_day":
        return sa.func.hour(column)
    return _ansi_grain(grain, column)


# Trino's only percentile is approx_percentile: no exact median.
TRINO = Words(_trino_grain, None, _share_double, _double_bin)


# ClickHouse -----------------------------------------------------------------------------


def _clickhouse_grain(grain: str, column: Any) -> Any:
    if grain == "hour":
        return sa.func.toStartOfHour(column)
    if grain == "day":
        return sa.func.toDate(column)
    if grain == "week":
        return sa.func.toMonday(column)
    if grain == "month":
        return sa.func.toStartOfMonth(column)
    if grain == "year":
        return sa.func.toStartOfYear(column)
    if grain == "weekday":  # mode 0: Monday = 1 … Sunday = 7
        return sa.func.toDayOfWeek(column)
    if grain == "hour_of_day":
        return sa.func.toHour(column)
    raise _unknown(grain)


class _ExactMedian(FunctionElement[Any]):
    """ClickHouse's parametric `quantileExactInclusive(0.5)(x)`: exact, interpolated
    between the two middle values like percentile_cont (ClickHouse's `median` samples)."""

    name = "quantileExactInclusive"
    inherit_cache = True
    type = sa.Double()


@compiles(_ExactMedian)
def _compile_exact_median(element: _ExactMedian, compiler: Any, **kw: Any) -> str:
    return f"quantileExactInclusive(0.5)({compiler.process(element.clauses, **kw)})"


CLICKHOUSE = Words(_clickhouse_grain, lambda column: _ExactMedian(column), _share)


# BigQuery -------------------------------------------------------------------------------


def _bigquery_grain(grain: str, column: Any) -> Any:
    # DATE, DATETIME and TIMESTAMP columns alike: cast first (TIMESTAMP is read in UTC).
    if grain == "hour":
        return sa.func.DATETIME_TRUNC(sa.cast(column, sa.DateTime), sa.literal_column("HOUR"))
    if grain in ("day", "week", "month", "year"):
        part = "WEEK(MONDAY)" if grain == "week" else grain.upper()
        return sa.func.DATE_TRUNC(sa.cast(column, sa.Date), sa.literal_column(part))
    if grain == "weekday":
        # DAYOFWEEK is 1 = Sunday … 7 = Saturday; ISO wants Monday = 1, Sunday = 7.
        day = sa.extract("DAYOFWEEK", column)
        return sa.func.MOD(day + _number("5"), _number("7")) + _number("1")
    if grain == "hour_of_day":
        return sa.extract("HOUR", column)
    raise _unknown(grain)


# PERCENTILE_CONT is only a window function in BigQuery, APPROX_QUANTILES approximate.
BIGQUERY = Words(_bigquery_grain, None, _share)


# Snowflake ------------------------------------------------------------------------------


def _snowflake_grain(grain: str, column: Any) -> Any:
    if grain == "week":
        # DATE_TRUNC('week') follows the account's WEEK_START; the ISO weekday does not.
        day = sa.cast(column, sa.Date)
        return sa.func.DATEADD(
            sa.literal_column("day"), _number("1") - sa.func.DAYOFWEEKISO(column), day
        )
    if grain == "weekday":
        return sa.func.DAYOFWEEKISO(column)
    if grain == "hour_of_day":
        return sa.func.HOUR(column)
    return _ansi_grain(grain, column)


SNOWFLAKE = Words(
    _snowflake_grain, lambda column: sa.func.MEDIAN(column), _share_double, _double_bin
)


DIALECTS: dict[str, Words] = {
    "duckdb": DUCKDB,
    "sqlite": SQLITE,
    "postgresql": POSTGRESQL,
    "trino": TRINO,
    # clickhouse-connect names its dialect `clickhousedb`, clickhouse-sqlalchemy `clickhouse`.
    "clickhousedb": CLICKHOUSE,
    "clickhouse": CLICKHOUSE,
    "bigquery": BIGQUERY,
    "snowflake": SNOWFLAKE,
}


def query_failed(indicator: str, dialect: str, error: Exception) -> QueryError:
    """The database refused an indicator's query (a dialect not listed above may lack a
    function of the ANSI words): say which indicator, which database, and what to do."""
    detail = str(getattr(error, "orig", None) or error).strip().splitlines()
    return QueryError(
        "indicator_query_failed",
        indicator=indicator,
        dialect=dialect,
        detail=(detail[0] if detail else type(error).__name__).rstrip("."),
    )
