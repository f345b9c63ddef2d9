"""What a file's rows must satisfy before they become a table: types, constraints, the key.

Everything is counted by DuckDB in a few aggregate queries over the raw relation (no
Python loop over rows): for each check, how many rows fail, the first one and its value.
Queries never hold more than `CHUNK_COLUMNS` columns or `CHUNK_CHECKS` checks: DuckDB plans
a query in a time that grows faster than its width (2,000 CASE columns: minutes, gigabytes),
so a wide file is converted and checked in slices, and costs grow linearly with its width.
Only the first failing row of each check is then located in the file, so a problem reads
« Colonne « count » : « -5 » à la ligne 12 est hors de l'intervalle [0, 10000] (37 lignes
en tout). » Undeclared columns whose later rows do not fit the detected type quietly
become less specific (integer → number, date → datetime, anything → string).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from datacites_proto.blueprint.datasets import ColumnSpec, ColumnType, Dataset
from datacites_proto.errors import Problem
from datacites_proto.i18n import Msg
from datacites_proto.sources.reading import conversion as cv
from datacites_proto.sources.reading.readers import RawColumn, RawTable, count_msg
from datacites_proto.suggest import close_matches

_FALLBACK: dict[str, ColumnType] = {"integer": "number", "date": "datetime"}
CHUNK_COLUMNS = 64  # file columns converted by one query
CHUNK_CHECKS = 32  # checks counted by one query
SHOWN_COLUMNS = 30  # a message lists at most this many of a file's columns


@dataclass
class ColumnPlan:
    """A column of the table to build: where it comes from and the type it gets."""

    raw: RawColumn
    type: ColumnType
    spec: ColumnSpec | None  # None: undeclared, the type was detected
    index: int  # aliases p{index} (the present cell) and t{index} (the typed value)

    @property
    def name(self) -> str:
        return self.raw.name

    @property
    def keeps_text(self) -> bool:
        """Text that stays text: the typed value is the cell itself."""
        return self.type == "string" and self.raw.raw_type == "VARCHAR"

    @property
    def p(self) -> str:
        return self.t if self.keeps_text else f"p{self.index}"

    @property
    def t(self) -> str:
        return f"t{self.index}"


def plan_columns(
    raw: RawTable, dataset: Dataset, dataset_id: str
) -> tuple[list[ColumnPlan], list[Problem]]:
    """One plan per file column; a problem per declared or key column the file lacks."""
    plans = []
    for i, column in enumerate(raw.columns):
        spec = dataset.columns.get(column.name)
        kind: ColumnType = spec.type if spec else (column.guess or "string")
        plans.append(ColumnPlan(column, kind, spec, i))
    names = [c.name for c in raw.columns]
    problems = []
    wanted = [(name, ("columns", name)) for name in dataset.columns]
    wanted += [(name, ("key",)) for name in dataset.key_columns if name not in dataset.columns]
    available: str | Msg = _shown_names(names)
    for name, where in wanted:
        if name not in names:
            params = {"name": name, "path": raw.file, "available": available, "dataset": dataset_id}
            available = Msg("csv_columns_see_above")  # the file's columns are listed once
            problems.append(
                Problem(
                    raw.missing_code,
                    params,
                    file=raw.file,
                    line=raw.header_line,
                    loc=("datasets", dataset_id, *where),
                    suggestions=tuple(close_matches(name, names)),
                )
            )
    return plans, problems


def _shown_names(names: Sequence[str]) -> str | Msg:
    """The file's columns for a message: the first few dozen, then how many more."""
    if len(names) <= SHOWN_COLUMNS:
        return ", ".join(names)
    shown = ", ".join(names[:SHOWN_COLUMNS])
    return Msg("csv_columns_more", {"shown": shown, "count": len(names) - SHOWN_COLUMNS})


def typed_query(raw: RawTable, plans: Sequence[ColumnPlan]) -> str:
    """SELECT __loc, p{i} (cell or NULL when missing), t{i} (typed value) FROM the raw rows."""
    present = "".join(f", {cv.present(p.raw.sql, p.raw.raw_type)} AS p{p.index}" for p in plans)
    level0 = f"SELECT {raw.loc} AS __loc{present} FROM {raw.relation}"
    trims = "".join(
        f", p{p.index}, {cv.trimmed(f'p{p.index}', p.raw.raw_type)} AS s{p.index}" for p in plans
    )
    level1 = f"SELECT __loc{trims} FROM ({level0})"
    typed = []
    for p in plans:
        if p.keeps_text:
            typed.append(f"p{p.index} AS {p.t}")  # text keeps its spaces
        else:
            strict = p.spec is None
            expr = cv.convert(f"s{p.index}", p.raw.raw_type, p.type, raw.decimal, strict=strict)
            typed.append(f"{p.p}, {expr} AS {p.t}")
    # MATERIALIZED: otherwise DuckDB copies the cleaning into every use of a cell (x8 work)
    return f"WITH cells AS MATERIALIZED ({level1}) SELECT __loc, {', '.join(typed)} FROM cells"


def build_typed(con: Any, raw: RawTable, plans: Sequence[ColumnPlan], name: str) -> None:
    """Convert every cell once, into the temporary table `name` (checks then read it)."""
    if len(plans) <= CHUNK_COLUMNS:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {cv.ident(name)} AS {typed_query(raw, plans)}")
        return
    # A wide file: one table per slice of columns, in the same row order, then side by side.
    order = "" if raw.ordered else " ORDER BY __loc"
    parts: list[str] = []
    try:
        for start in range(0, len(plans), CHUNK_COLUMNS):
            parts.append(cv.ident(f"{name}__part{len(parts)}"))
            query = typed_query(raw, plans[start : start + CHUNK_COLUMNS])
            con.execute(f"CREATE OR REPLACE TEMP TABLE {parts[-1]} AS {query}{order}")
        cells = ", ".join(f"{part}.* EXCLUDE (__loc)" for part in parts)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {cv.ident(name)} AS SELECT {parts[0]}.__loc, {cells}"
            f" FROM {' POSITIONAL JOIN '.join(parts)}"
        )
    finally:
        for part in parts:
            con.execute(f"DROP TABLE IF EXISTS {part}")


def _cells_of(table: str) -> Callable[[Sequence[ColumnPlan]], str]:
    """A query reading only the given plans' cells from the typed table."""

    def query(plans: Sequence[ColumnPlan]) -> str:
        names = dict.fromkeys(name for p in plans for name in (p.p, p.t))
        return f"SELECT __loc, {', '.join(names)} FROM {cv.ident(table)}"

    return query


@dataclass
class _Check:
    code: str | None  # None: an undeclared column's type is only being tried
    plan: ColumnPlan
    condition: str
    params: list[Any] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Finding:
    check: _Check
    count: int
    loc: int
    value: Any
    first_loc: int | None = None  # duplicates: where the value was first seen


def _value_sql(plan: ColumnPlan) -> str:
    return f"CAST({plan.p} AS VARCHAR)"


def _run(
    con: Any, source: Callable[[Sequence[ColumnPlan]], str], checks: Sequence[_Check]
) -> list[_Finding]:
    """Findings of `checks`, a bounded number per query over only the cells they need."""
    findings = []
    for start in range(0, len(checks), CHUNK_CHECKS):
        batch = checks[start : start + CHUNK_CHECKS]
        plans = list({id(c.plan): c.plan for c in batch}.values())
        findings += _run_batch(con, source(plans), batch)
    return findings


def _run_batch(con: Any, query: str, checks: Sequence[_Check]) -> list[_Finding]:
    flags = ", ".join(f"({c.condition}) AS f{k}" for k, c in enumerate(checks))
    aggregates = ", ".join(
        f"count(*) FILTER (WHERE f{k}), min(__loc) FILTER (WHERE f{k}),"
        f" arg_min({_value_sql(c.plan)}, __loc) FILTER (WHERE f{k})"
        for k, c in enumerate(checks)
    )
    params = [value for check in checks for value in check.params]
    row = con.execute(f"SELECT {aggregates} FROM (SELECT *, {flags} FROM ({query}))", params)
    values = row.fetchone()
    findings = []
    for k, check in enumerate(checks):
        count, loc, value = values[3 * k : 3 * k + 3]
        if count:
            findings.append(_Finding(check, count, loc, value))
    return findings


def _conversion(plan: ColumnPlan) -> _Check | None:
    if plan.type == "string":
        return None
    code = f"data_not_{plan.type}" if plan.spec else None
    return _Check(code, plan, f"{plan.p} IS NOT NULL AND {plan.t} IS NULL")


def _constraint_checks(plan: ColumnPlan, key: Sequence[str]) -> list[_Check]:
    spec = plan.spec
    checks: list[_Check] = []
    if plan.name in key:
        checks.append(_Check("data_key_missing", plan, f"{plan.p} IS NULL"))
    if spec is None:
        return checks
    if spec.required and plan.name not in key:
        checks.append(_Check("data_required_missing", plan, f"{plan.p} IS NULL"))
    low = cv.python_value(spec.min, plan.type) if spec.min is not None else None
    high = cv.python_value(spec.max, plan.type) if spec.max is not None else None
    bounds = {"min": cv.shown(spec.min), "max": cv.shown(spec.max)}
    if low is not None and high is not None:
        condition = f"{plan.t} < ? OR {plan.t} > ?"
        checks.append(_Check("data_out_of_range", plan, condition, [low, high], bounds))
    elif low is not None:
        checks.append(_Check("data_below_min", plan, f"{plan.t} < ?", [low], bounds))
    elif high is not None:
        checks.append(_Check("data_above_max", plan, f"{plan.t} > ?", [high], bounds))
    if spec.enum:
        allowed = [v for v in (cv.python_value(e, plan.type) for e in spec.enum) if v is not None]
        condition = (
            f"{plan.t} IS NOT NULL AND {plan.t} NOT IN ({', '.join('?' * len(allowed))})"
            if allowed
            else f"{plan.t} IS NOT NULL"
        )
        extra = {"allowed": cv.shown_list(spec.enum)}
        checks.append(_Check("data_not_in_enum", plan, condition, allowed, extra))
    return checks


def _duplicates(
    con: Any, query: str, plans: Sequence[ColumnPlan], code: str, extra: dict[str, Any]
) -> _Finding | None:
    """Rows whose value (or combination) already appeared on an earlier row."""
    partition = ", ".join(p.t for p in plans)
    not_null = " AND ".join(f"{p.t} IS NOT NULL" for p in plans)
    # A grouping says whether any value repeats at a fraction of the window's cost (a
    # sort of every row); the window then runs only to locate the first repeat.
    repeated = con.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM ({query}) WHERE {not_null}"
        f" GROUP BY {partition} HAVING count(*) > 1 LIMIT 1)"
    ).fetchone()
    if not repeated[0]:
        return None
    shown = " || ' | ' || ".join(f"coalesce({_value_sql(p)}, '')" for p in plans)
    sql = (
        "SELECT count(*), min(__loc), arg_min(v, __loc), arg_min(first, __loc) FROM ("
        f"SELECT __loc, {shown} AS v, min(__loc) OVER (PARTITION BY {partition}) AS first,"
        f" row_number() OVER (PARTITION BY {partition} ORDER BY __loc) AS k"
        f" FROM ({query}) WHERE {not_null}) WHERE k > 1"
    )
    count, loc, value, first = con.execute(sql).fetchone()
    if not count:
        return None
    return _Finding(_Check(code, plans[0], "", extra=extra), count, loc, value, first)


def _duplicate_findings(
    con: Any,
    rows: Callable[[Sequence[ColumnPlan]], str],
    plans: Sequence[ColumnPlan],
    key: Sequence[str],
) -> list[_Finding]:
    """Repeated values of unique columns, and repeated keys."""
    findings = []
    by_name = {p.name: p for p in plans}
    for plan in plans:
        if plan.spec and plan.spec.unique and list(key) != [plan.name]:
            found = _duplicates(con, rows([plan]), [plan], "data_not_unique", {})
            findings += [found] if found else []
    if key and all(k in by_name for k in key):
        extra = {"key": ", ".join(key)}
        keyed = [by_name[k] for k in key]
        found = _duplicates(con, rows(keyed), keyed, "data_key_duplicate", extra)
        findings += [found] if found else []
    return findings


def constraint_findings(
    con: Any,
    rows: Callable[[Sequence[ColumnPlan]], str],
    plans: Sequence[ColumnPlan],
    dataset: Dataset,
) -> list[_Finding]:
    """What the declared constraints and the key find in rows already typed.

    `rows(plans)` is a query giving `__loc` and, for each plan, `p{i}` (the cell, NULL when
    missing) and `t{i}` (its typed value)."""
    key = dataset.key_columns
    checks = [c for p in plans for c in _constraint_checks(p, key)]
    return _run(con, rows, checks) + _duplicate_findings(con, rows, plans, key)


def check_rows(
    con: Any,
    raw: RawTable,
    plans: list[ColumnPlan],
    dataset: Dataset,
    dataset_id: str,
    typed: str,
) -> list[Problem]:
    """Every problem of the rows, read from the temporary table `typed` that this builds.

    Settles the type of undeclared columns on the way (the table is rebuilt if one changes).
    """
    key = dataset.key_columns
    build_typed(con, raw, plans, typed)
    rows = _cells_of(typed)
    checks = [c for p in plans if (c := _conversion(p))]
    checks += [c for p in plans for c in _constraint_checks(p, key)]
    findings = _run(con, rows, checks)
    # Undeclared columns that do not fit their detected type become less specific.
    failing = [f.check.plan for f in findings if f.check.code is None]
    findings = [f for f in findings if f.check.code is not None]
    while failing:
        for plan in failing:
            plan.type = _FALLBACK.get(plan.type, "string")
        retry = [c for p in failing if (c := _conversion(p))]
        tried = _run(con, lambda some: typed_query(raw, some), retry)
        failing = [f.check.plan for f in tried]
        if not failing:
            build_typed(con, raw, plans, typed)

    findings += _duplicate_findings(con, rows, plans, key)
    return problems_of(raw, findings, dataset_id, key)


def problems_of(
    raw: RawTable, findings: Sequence[_Finding], dataset_id: str, key: Sequence[str]
) -> list[Problem]:
    """Each finding as a problem located in the file (one per check that failed)."""
    locs = {f.loc for f in findings} | {f.first_loc for f in findings if f.first_loc is not None}
    places = raw.locate(locs) if locs else {}
    problems = []
    for finding in findings:
        check, plan = finding.check, finding.check.plan
        place = places.get(finding.loc)
        if place is None:  # cannot happen with a consistent reader; say where we can
            place = next(iter(places.values()), None)
        params: dict[str, Any] = {
            "column": plan.name,
            "value": finding.value if finding.value is not None else "",
            "rows": count_msg(finding.count, raw.unit),
            "decimal": raw.decimal,
            "key": ", ".join(key),
            **check.extra,
        }
        if place is not None:
            params["where"] = place.where
        if finding.first_loc is not None and place is not None:
            first = places.get(finding.first_loc)
            if first is not None:
                params["first"] = first.seen_from(place)
        in_key = check.code in ("data_key_missing", "data_key_duplicate")
        loc = ("datasets", dataset_id, "key") if in_key else ("datasets", dataset_id)
        if plan.spec is not None and not in_key:
            loc = ("datasets", dataset_id, "columns", plan.name)
        problems.append(
            Problem(
                str(check.code),
                params,
                file=place.file if place else raw.file,
                line=place.line if place else None,
                col=plan.raw.position,
                loc=loc,
            )
        )
    return problems
