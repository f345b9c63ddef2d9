"""`Service`: the Python API over a blueprint's data — compute indicators, fast, governed."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from datacites_proto import progress
from datacites_proto.blueprint import expressions as ex
from datacites_proto.blueprint.filters import DateRangeFilter
from datacites_proto.blueprint.loader import load_blueprint
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.relations import reachable
from datacites_proto.engine import dialects, filters, governance, grains, retention, rollups
from datacites_proto.engine.catalog import DatasetTable, table_for
from datacites_proto.engine.compiler import COUNT, VALUE, Compiler, LeafQuery
from datacites_proto.engine.coverage import Completeness, Coverage
from datacites_proto.engine.formulas import evaluate
from datacites_proto.engine.governance import PUBLIC, TEAM, Audience
from datacites_proto.engine.protection import Plan, Protection, Protector
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.engine.remote import RemoteDatabases, remote_table
from datacites_proto.engine.rollups import Rollup
from datacites_proto.engine.suppression import suppress
from datacites_proto.suggest import close_matches

if TYPE_CHECKING:
    from datacites_proto.engine.experiments.result import ExperimentResult


@dataclass
class IndicatorResult:
    """An indicator's values, with the row count and suppression flag of each cell."""

    indicator: str
    frame: pd.DataFrame  # one column per breakdown, then one named after the indicator
    counts: pd.Series  # rows aggregated in each cell
    suppressed: pd.Series  # True where the value is hidden (too few units)
    threshold: int  # the min_group_size that applied (1: none)
    breakdowns: list[str]
    # Public figures over a shared dataset: what protection did (rows set aside, merged
    # values, date grain, bins), and each filter's value as applied (snapped).
    protection: list[Protection] = field(default_factory=list)
    effective_filters: dict[str, Any] = field(default_factory=dict)
    # What asked for it, when the caller can say (the app's cache key: service, data
    # version, indicator, breakdowns, filters, audience): the same key, the same figures,
    # so a view may keep what it draws from them (views/charts/kept.py). "" when unknown.
    key: str = ""


COMPILED_CACHE_SIZE = 512
logger = logging.getLogger(__name__)
EXPERIMENT_CACHE_SIZE = 32


def _numbers(values: Any) -> np.ndarray:
    """Aggregates as floats (NaN where missing), whatever the driver returned."""
    if isinstance(values, np.ma.MaskedArray):
        return np.ma.filled(values.astype("float64"), np.nan)
    array = np.asarray(values)
    if array.dtype.kind in "iufb":
        return array.astype("float64")
    return np.asarray(
        pd.to_numeric(pd.Series(array, dtype=object), errors="coerce"), dtype="float64"
    )


def _integers(values: pd.Series) -> Any:
    """Whole-number aggregates as int64, or as Int64 when some are missing (hidden, empty)."""
    if values.isna().any():
        return pd.array(values.round().to_numpy(), dtype="Int64")
    return values.round().astype("int64").to_numpy()


def _by_list(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


class Service:
    """A blueprint's data, ready to answer indicator queries.

    >>> service = Service.from_blueprint("examples/coeur_de_ville/blueprint.yaml")
    >>> service.compute("passages", by="sites.site_name", filters={"periode": "last_30_days"})
    """

    def __init__(self, blueprint: Blueprint, *, local_db: Any, cache_dir: Path) -> None:
        self.blueprint = blueprint
        self.local_db = local_db  # the embedded DuckDB cache the files are loaded into
        self.cache_dir = cache_dir
        self.remote = RemoteDatabases(blueprint.base_dir, blueprint.project_dir)
        self.compiler = Compiler(blueprint, self.table, self.team_latest_day, rollup=self.rollup)
        self.protector = Protector(
            blueprint, self.table, lambda table: Compiler(blueprint, table, self.team_latest_day)
        )
        # Public audience: shared datasets read through their protected tables.
        self.public_compiler = Compiler(
            blueprint,
            self.public_table,
            self.public_latest_day,
            self.protection_plan,
            rollup=self.rollup,
        )
        self._tables: dict[str, DatasetTable] = {}
        # Large file datasets: their load (table, rows) and their rollup (None: none).
        self._loaded: dict[str, Any] = {}
        self._rollups: dict[str, Rollup | None] = {}
        self._latest: dict[tuple[str, str, str], Any] = {}
        self._coverage: dict[tuple[str, str, str, bool], Coverage] = {}
        # Compiled queries by (indicator, breakdowns, filter values): a dashboard asks the
        # same questions again at every rerun, and compiling costs as much as a small query.
        self._compiled: OrderedDict[tuple[Any, ...], tuple[LeafQuery, str, list[Any]]] = (
            OrderedDict()
        )
        # Experiment results by (id, version of each dataset read): an impact page asks
        # again at every rerun, and a fit costs tens of milliseconds.
        self._experiments: OrderedDict[tuple[Any, ...], ExperimentResult] = OrderedDict()
        self._lock = threading.RLock()

    @classmethod
    def from_blueprint(
        cls, blueprint: Blueprint | str | Path, *, in_memory: bool = False
    ) -> Service:
        """A service over a validated blueprint (or the path of one)."""
        from datacites_proto.engine.duckdb_cache import DuckDbCache
        from datacites_proto.engine.loading import cache_path

        if not isinstance(blueprint, Blueprint):
            blueprint = load_blueprint(blueprint)
        project = blueprint.project_dir
        cache_dir = project / ".datacites" / "cache"
        db_path = None if in_memory else cache_path(project, blueprint.service.id)
        return cls(blueprint, local_db=DuckDbCache(db_path), cache_dir=cache_dir)

    def close(self) -> None:
        self.remote.dispose()
        self.local_db.close()

    def __enter__(self) -> Service:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Tables -------------------------------------------------------------------------

    def table(self, dataset_id: str, *, whole: bool = False) -> DatasetTable:
        """The dataset's table, loading it into the embedded database when needed.

        Rows older than its agreement's `retention_days` are left out (engine/retention.py)
        for every reader; `whole` is the table as loaded, for counting what is left out."""
        table = self._whole_table(dataset_id)
        if whole:
            return table
        kept_rule = retention.rule(self.blueprint, dataset_id, table.columns)
        return table if kept_rule is None else retention.kept(table, kept_rule)

    def _whole_table(self, dataset_id: str) -> DatasetTable:
        with self._lock:
            if dataset_id in self._tables:
                return self._tables[dataset_id]
            dataset = self.blueprint.datasets.get(dataset_id)
            if dataset is None:
                raise QueryError(
                    "unknown_dataset",
                    name=dataset_id,
                    available=", ".join(self.blueprint.datasets),
                )
            if dataset.source.remote:
                table = remote_table(dataset_id, dataset, self.remote)
            else:
                table = self._local_table(dataset_id)
            self._tables[dataset_id] = table
            return table

    def _local_table(self, dataset_id: str) -> DatasetTable:
        from datacites_proto.engine.loading import load_dataset

        loaded = load_dataset(
            self.local_db,
            dataset_id,
            self.blueprint.datasets[dataset_id],
            base_dir=self.blueprint.base_dir,
            cache_dir=self.cache_dir,
            project_dir=self.blueprint.project_dir,
        )
        self._loaded[dataset_id] = loaded
        columns: dict[str, str | None] = dict(loaded.columns)
        return DatasetTable(
            dataset_id,
            table_for(loaded.table, columns),
            columns,
            self.local_db.sqlalchemy_engine(),
            backend="local",
            version=loaded.fingerprint,
            duckdb=self.local_db.con,
        )

    def rollup(self, dataset_id: str) -> Rollup | None:
        """The pre-aggregated table of a large file dataset, built on first use (None when
        the dataset is small, remote, under a retention rule, or gains nothing from one)."""
        table = self._whole_table(dataset_id)
        with self._lock:
            if dataset_id in self._rollups:
                return self._rollups[dataset_id]
            found = self._build_rollup(dataset_id, table)
            self._rollups[dataset_id] = found
            return found

    def _build_rollup(self, dataset_id: str, table: DatasetTable) -> Rollup | None:
        loaded = self._loaded.get(dataset_id)
        limit = rollups.threshold(self.blueprint.datasets[dataset_id].rollup_threshold)
        if loaded is None or table.duckdb is None or limit is None or loaded.rows < limit:
            return None
        if retention.rule(self.blueprint, dataset_id, table.columns) is not None:
            return None  # the rows kept change every day: read the detail
        try:
            shape = rollups.shape(self.blueprint, dataset_id, self.compiler.resolve, table.columns)
            with (
                self.local_db.loading_lock,
                progress.step("progress_rollup", dataset=dataset_id, rows=loaded.rows),
            ):
                return rollups.build(self.local_db.con, table, loaded.table, loaded.rows, shape)
        except Exception as exc:
            if progress.is_interruption(exc):
                raise
            # A rollup only saves time: the detail answers the same questions.
            logger.warning("no rollup for dataset %r", dataset_id, exc_info=True)
            return None

    def protection_plan(self, dataset_id: str) -> Plan | None:
        """The dataset's protection plan for public pages (None unless it is shared)."""
        with self._lock:
            return self.protector.plan(dataset_id)

    def public_table(self, dataset_id: str) -> DatasetTable:
        """The table public figures read: protected for shared datasets, else the data."""
        plan = self.protection_plan(dataset_id)
        return plan.table if plan is not None else self.table(dataset_id)

    def team_latest_day(self, dataset_id: str, column: str) -> Any:
        """The latest date in the data itself (the team's presets count back from it)."""
        return self.latest_day(dataset_id, column, audience=TEAM)

    def public_latest_day(self, dataset_id: str, column: str) -> Any:
        """The latest date public pages know (presets count back from it)."""
        return self.latest_day(dataset_id, column, audience=PUBLIC)

    def compiler_for(self, audience: str | None) -> Compiler:
        """The compiler of an audience: the team sees the data, the public protected data."""
        return self.compiler if governance.is_team(audience) else self.public_compiler

    def protection(self, dataset_id: str, *, explain: bool = False) -> Protection | None:
        """What protection does to a shared dataset on public pages (None when not shared).

        With `explain`, `causes` lists which filters and views set rows aside.
        """
        plan = self.protection_plan(dataset_id)
        if plan is None:
            return None
        summary = plan.protection
        if explain and not summary.causes:
            with self._lock:
                summary.causes = self.protector.explain(dataset_id)
        return summary

    def effective_filters(
        self, dataset_id: str, filters: Mapping[str, Any] | None, *, audience: Audience = PUBLIC
    ) -> dict[str, Any]:
        """Each filter's value as applied to `dataset_id` (snapped to protected splits)."""
        values = dict(filters or {})
        self._check_filters(values)
        applied: dict[str, Any] = {}
        self.compiler_for(audience).scope(dataset_id).filter_conditions(values, applied)
        return applied

    def attach(self, table: DatasetTable) -> None:
        """Use `table` for its dataset instead of loading the dataset's source (tests, notebooks)."""
        with self._lock:
            self._tables[table.dataset] = table

    def refresh(self) -> None:
        """Forget loaded tables so that changed files are read again on next use."""
        with self._lock:
            self._tables.clear()
            self._loaded.clear()
            self._rollups.clear()
            self._latest.clear()
            self._coverage.clear()
            self._compiled.clear()
            self._experiments.clear()
            self.protector.forget()

    def latest_day(self, dataset_id: str, column: str, *, audience: Audience = PUBLIC) -> Any:
        """The latest date in a column (date_range presets count back from it)."""
        team = governance.is_team(audience)
        table = self.table(dataset_id) if team else self.public_table(dataset_id)
        key = (dataset_id, column, table.version)
        if key not in self._latest:
            stmt = sa.select(sa.func.max(table.selectable.c[column]))
            with table.engine.connect() as conn:
                value = conn.execute(stmt).scalar()
            self._latest[key] = filters._date(value, column) if value is not None else None
        return self._latest[key]

    # Filters ------------------------------------------------------------------------

    def default_filters(self) -> dict[str, Any]:
        """Every filter's default value, as the URL and `compute(filters=…)` write it."""
        return {
            f_id: filters.as_url_value(filters.default_value(spec))
            for f_id, spec in self.blueprint.filters.items()
        }

    def period(self, filter_id: str, value: Any) -> filters.Period | None:
        """The days a date_range filter value covers, presets resolved against the data."""
        spec = self.blueprint.filters[filter_id]
        kind = self.table(spec.dataset).columns.get(spec.column_name)
        return self.compiler.period(filter_id, filters.normalise(filter_id, spec, value, kind))

    def date_filter(self, indicator: str, values: Mapping[str, Any]) -> str | None:
        """The date_range filter among `values` that sets the indicator's period (None: none)."""
        homes = self.blueprint.leaf_datasets(indicator)
        for f_id, value in values.items():
            spec = self.blueprint.filters.get(f_id)
            if value is None or not isinstance(spec, DateRangeFilter):
                continue
            if any(f_id in self.compiler.applicable_filters(home) for home in homes):
                return f_id
        return None

    # Time coverage ------------------------------------------------------------------

    def coverage(self, dataset_id: str, column: str, *, audience: Audience = PUBLIC) -> Coverage:
        """The days a date column has rows on, as `audience` may know them (cached per data
        version): first and last day from `bounds` (whole months for the public over a
        shared dataset, whose days are then its months)."""
        governance.check_aggregate(self.blueprint, [dataset_id], audience=audience)
        team = governance.is_team(audience)
        table = self.table(dataset_id) if team else self.public_table(dataset_id)
        key = (dataset_id, column, table.version, team)
        with self._lock:
            hit = self._coverage.get(key)
        if hit is not None:
            return hit
        low, high = self.bounds(dataset_id, column, audience=audience)
        plan = None if team else self.protection_plan(dataset_id)
        grain = plan.grain if plan is not None and (dataset_id, column) in plan.date_keys else "day"
        col = table.selectable.c[column]
        day = grains.grain_expression("day", col, table.engine.dialect.name)
        statement = sa.select(day).where(col.is_not(None)).distinct()
        with table.engine.connect() as conn:
            days = [filters._date(value, column) for value in conn.execute(statement).scalars()]
        first = None if low is None else filters._date(low, column)
        last = None if high is None else filters._date(high, column)
        found = Coverage.of(first, last, days, grain)
        with self._lock:
            self._coverage[key] = found
        return found

    def period_completeness(
        self, filter_id: str, period: filters.Period, *, audience: Audience = PUBLIC
    ) -> Completeness:
        """Whether the data of a date_range filter's column covers `period` (engine/coverage.py)."""
        spec = self.blueprint.filters[filter_id]
        return self.coverage(spec.dataset, spec.column_name, audience=audience).completeness(period)

    # Indicators ---------------------------------------------------------------------

    def _check_indicator(self, indicator: str) -> None:
        if indicator not in self.blueprint.indicators:
            known = list(self.blueprint.indicators)
            raise QueryError(
                "unknown_indicator",
                name=indicator,
                available=", ".join(known),
                suggestion=", ".join(close_matches(indicator, known)),
            )

    def _check_filters(self, values: Mapping[str, Any]) -> None:
        for f_id in values:
            if f_id not in self.blueprint.filters:
                raise QueryError(
                    "unknown_filter", name=f_id, available=", ".join(self.blueprint.filters)
                )

    def _run(self, query: LeafQuery, sql: str, params: list[Any]) -> pd.DataFrame:
        names = [f"b{i}" for i in range(len(query.breakdowns))] + [VALUE, COUNT]
        table = self.table(query.dataset)
        if table.duckdb is not None:
            columns = self._run_local(sql, params, table.duckdb)
        else:
            try:
                with query.engine.connect() as conn:
                    rows = conn.execute(query.statement).all()
            except sa.exc.DBAPIError as exc:
                name = query.engine.dialect.name
                raise dialects.query_failed(query.indicator, name, exc) from None
            columns = {name: [row[i] for row in rows] for i, name in enumerate(names)}
        data = dict(zip(names, columns.values(), strict=True))
        data[VALUE] = _numbers(data[VALUE])
        data[COUNT] = np.asarray(data[COUNT], dtype="int64")
        return pd.DataFrame(data)

    @staticmethod
    def _run_local(sql: str, params: list[Any], connection: Any) -> dict[str, Any]:
        """Run on the embedded DuckDB directly: the same compiled SQL and bound parameters,
        without the per-call cost of SQLAlchemy's execution layer (results come as arrays)."""
        cursor = connection.cursor()  # one cursor per call: safe across threads
        try:
            arrays: dict[str, Any] = cursor.execute(sql, params).fetchnumpy()
            return arrays
        finally:
            cursor.close()

    def _compile(
        self, indicator: str, by: list[str], values: Mapping[str, Any], audience: Audience
    ) -> tuple[LeafQuery, str, list[Any]]:
        public = not governance.is_team(audience)
        key = (
            indicator,
            tuple(by),
            tuple(sorted((k, repr(v)) for k, v in values.items())),
            public,
            # The data's version (public figures) and its retention cutoff (everyone's).
            self.table(self.blueprint.indicators[indicator].dataset or "").version,
        )
        with self._lock:
            hit = self._compiled.get(key)
            if hit is not None:
                self._compiled.move_to_end(key)
                return hit
        query = self.compiler_for(audience).leaf_query(indicator, by, values)
        compiled = query.statement.compile(
            dialect=query.engine.dialect, compile_kwargs={"render_postcompile": True}
        )
        params = [compiled.params[name] for name in compiled.positiontup or ()]
        entry = (query, str(compiled), params)
        with self._lock:
            self._compiled[key] = entry
            while len(self._compiled) > COMPILED_CACHE_SIZE:
                self._compiled.popitem(last=False)
        return entry

    def _leaf(
        self, indicator: str, by: list[str], values: Mapping[str, Any], audience: Audience
    ) -> pd.DataFrame:
        return self._run(*self._compile(indicator, by, values, audience))

    def result(
        self,
        indicator: str,
        by: str | Sequence[str] | None = None,
        filters: Mapping[str, Any] | None = None,
        *,
        audience: Audience = PUBLIC,
    ) -> IndicatorResult:
        """The indicator broken down by `by`, filtered, with counts and suppression flags.

        For the public (the default), an indicator over a `restricted` dataset is refused
        (governance enforced again at run time, after validation) and a shared dataset's
        figures are its protected ones; `audience="team"` reads the data itself.
        """
        self._check_indicator(indicator)
        governance.check_aggregate(
            self.blueprint, self.blueprint.leaf_datasets(indicator), audience=audience
        )
        values = dict(filters or {})
        self._check_filters(values)
        by_list = _by_list(by)
        keys = [f"b{i}" for i in range(len(by_list))]
        definition = self.blueprint.indicators[indicator]
        if definition.formula_ast is None:
            frame = self._leaf(indicator, by_list, values, audience)
            threshold = self._threshold(indicator)
            hidden = suppress(frame, frame[COUNT], threshold, keys)
        else:
            frame, hidden, threshold = self._formula(
                definition.formula_ast, by_list, values, keys, audience
            )
        columns = {name: frame[key].to_numpy() for name, key in zip(by_list, keys, strict=True)}
        shown = frame[VALUE].where(~hidden)
        # Counts and sums of whole numbers stay whole (DuckDB sums integers as floats).
        columns[indicator] = _integers(shown) if self._integer(indicator) else shown.to_numpy()
        protections: list[Protection] = []
        effective: dict[str, Any] = {}
        if not governance.is_team(audience):
            for dataset in sorted(self.blueprint.leaf_datasets(indicator)):
                summary = self.protection(dataset)
                if summary is not None:
                    protections.append(summary)
                    effective.update(self.effective_filters(dataset, values))
        return IndicatorResult(
            indicator,
            pd.DataFrame(columns),
            frame[COUNT].reset_index(drop=True),
            hidden.reset_index(drop=True),
            threshold,
            by_list,
            protections,
            effective,
        )

    def compute(
        self,
        indicator: str,
        by: str | Sequence[str] | None = None,
        filters: Mapping[str, Any] | None = None,
        *,
        audience: Audience = PUBLIC,
    ) -> pd.DataFrame:
        """One column per breakdown and one named after the indicator; hidden cells are NaN.

        `by` is written as in a view (`"sites.site_name"`, `"day(start_datetime)"`);
        `filters` maps filter ids to values as in the URL: a list for select and
        multiselect, `[low, high]` for range and date_range (or a preset name such as
        `"last_30_days"`), a boolean for toggle.
        """
        return self.result(indicator, by, filters, audience=audience).frame

    # Experiments --------------------------------------------------------------------

    def experiment(self, experiment_id: str) -> ExperimentResult:
        """The estimated effect of an experiment, its honesty checks and its series.

        Computed from the engine's own aggregation of the indicator by the experiment's
        grain (never the raw rows in Python), for the team: a `shared` dataset is read as
        it is, and `shared_datasets` says that public pages would need its protected
        figures. Cached per data version (bounded); `refresh()` forgets the results.
        See `ExperimentResult` for what each number means.

        >>> result = service.experiment("pietonnisation_savary")
        >>> result.percent, result.percent_low, result.percent_high, result.trustworthy
        """
        experiments = self.blueprint.experiments
        if experiment_id not in experiments:
            raise QueryError(
                "unknown_experiment",
                name=experiment_id,
                available=", ".join(experiments),
                suggestion=", ".join(close_matches(experiment_id, list(experiments))),
            )
        home = self.blueprint.indicators[experiments[experiment_id].indicator].dataset or ""
        related = sorted(reachable(self.blueprint.relations, home))
        key = (experiment_id, tuple(self.table(d).version for d in related))
        with self._lock:
            hit = self._experiments.get(key)
            if hit is not None:
                self._experiments.move_to_end(key)
                return hit
        # Imported here: statsmodels and scipy take 2 s and 100 MB that only a service
        # with experiments should pay, at its first estimate.
        from datacites_proto.engine.experiments.result import build as build_experiment

        result = build_experiment(self, experiment_id)
        with self._lock:
            self._experiments[key] = result
            while len(self._experiments) > EXPERIMENT_CACHE_SIZE:
                self._experiments.popitem(last=False)
        return result

    # Rows and column facts ------------------------------------------------------------

    def rows(
        self,
        dataset: str,
        columns: Sequence[str] | None = None,
        filters: Mapping[str, Any] | None = None,
        *,
        sort: str | None = None,
        limit: int = 1000,
        audience: Audience = PUBLIC,
    ) -> pd.DataFrame:
        """Rows of a dataset as governance allows them to `audience` ("public" or "team").

        Personal columns are never returned; rows of `shared` and `restricted` datasets
        are refused to the public (they see aggregates only).
        """
        table = self.table(dataset)
        personal = self.blueprint.datasets[dataset].governance.personal
        wanted = list(columns) if columns else [c for c in table.columns if c not in personal]
        resolved = [self.compiler.resolve(dataset, text) for text in wanted]
        owners = {dataset} | {owner for owner, _ in resolved}
        governance.check_rows(self.blueprint, owners, resolved, audience)
        values = dict(filters or {})
        self._check_filters(values)
        statement = self.compiler.rows_query(dataset, wanted, values, sort=sort, limit=limit)
        with table.engine.connect() as conn:
            result = conn.execute(statement)
            frame = pd.DataFrame(result.all(), columns=list(result.keys()))
        frame.columns = wanted
        return frame

    def distinct(
        self, dataset: str, column: str, limit: int = 1000, *, audience: Audience = PUBLIC
    ) -> list[Any]:
        """The distinct values of a column, sorted (the options of a select filter).

        For the public, a shared dataset's values are those of its protected rows: rare
        values appear merged as « autres (regroupées) ».
        """
        table = self.table(dataset)
        governance.check_aggregate(self.blueprint, [dataset], [(dataset, column)], audience)
        compiler = self.compiler_for(audience)
        with table.engine.connect() as conn:
            return list(conn.execute(compiler.distinct_query(dataset, column, limit)).scalars())

    def bounds(self, dataset: str, column: str, *, audience: Audience = PUBLIC) -> tuple[Any, Any]:
        """The smallest and largest values of a column (None, None when it is empty).

        For the public, a shared dataset's numbers widen to its fixed protection bins and
        its dates to whole months (or years).
        """
        governance.check_aggregate(self.blueprint, [dataset], audience=audience)
        table = self.table(dataset)
        with table.engine.connect() as conn:
            low, high = conn.execute(
                self.compiler_for(audience).bounds_query(dataset, column)
            ).one()
        plan = None if governance.is_team(audience) else self.protection_plan(dataset)
        if plan is not None and low is not None and high is not None:
            edges = plan.edges.get((dataset, column))
            if edges is not None:
                return edges[0], edges[-1]
            if (dataset, column) in plan.date_keys:
                period = plan.snap_period(
                    filters.Period(filters._date(low, column), filters._date(high, column))
                )
                return period.start, period.end
        return low, high

    def _integer(self, indicator: str) -> bool:
        """Whether an indicator's values are whole numbers: counts, and sums, minimums and
        maximums of an integer column (sums of a boolean one)."""
        definition = self.blueprint.indicators[indicator]
        measure = definition.measure_ast
        if measure is None or definition.dataset is None:
            return False
        if measure.func in ("count", "count_distinct"):
            return True
        if measure.func not in ("sum", "min", "max") or measure.column is None:
            return False
        owner, name = self.compiler.resolve(definition.dataset, measure.column.ref)
        kind = self.table(owner).columns.get(name)
        return kind == "integer" or (kind == "boolean" and measure.func == "sum")

    def _threshold(self, indicator: str) -> int:
        dataset = self.blueprint.indicators[indicator].dataset
        return governance.threshold(self.blueprint, [dataset] if dataset else [])

    def _formula(
        self,
        node: Any,
        by: list[str],
        values: Mapping[str, Any],
        keys: list[str],
        audience: Audience,
    ) -> tuple[pd.DataFrame, pd.Series, int]:
        parts: dict[str, pd.DataFrame] = {}
        for ref in ex.indicators_in(node):
            if ref.name in parts:
                continue
            part = self.result(ref.name, by, values, audience=audience)
            frame = part.frame.copy()
            frame.columns = [*keys, VALUE]
            frame[VALUE] = frame[VALUE].astype("float64")  # formulas compute in floats
            frame[COUNT] = part.counts
            frame["hidden"] = part.suppressed
            parts[ref.name] = frame
        if keys:
            merged = None
            for rank, (name, frame) in enumerate(parts.items()):
                renamed = frame.rename(
                    columns={VALUE: name, COUNT: f"{name}__n", "hidden": f"{name}__h"}
                ).assign(**{f"_order{rank}": range(len(frame))})
                merged = renamed if merged is None else merged.merge(renamed, on=keys, how="outer")
            assert merged is not None
            # The parts' own order (a declared enum, dates…), not the merge's sorted one.
            order = [c for c in merged.columns if c.startswith("_order")]
            merged = merged.sort_values(order, na_position="last").drop(columns=order)
            merged = merged.reset_index(drop=True)
            for name in parts:
                # A group absent from a count or a sum counts nothing: 0, not missing.
                measure = self.blueprint.indicators[name].measure_ast
                if measure is not None and measure.func in ("count", "count_distinct", "sum"):
                    absent = merged[f"{name}__n"].isna()
                    merged.loc[absent, name] = 0.0
        else:
            merged = pd.concat(
                [
                    f.rename(columns={VALUE: n, COUNT: f"{n}__n", "hidden": f"{n}__h"})
                    for n, f in parts.items()
                ],
                axis=1,
            )
        value = evaluate(node, lambda name: merged[name])
        if not isinstance(value, pd.Series):
            value = pd.Series([value] * len(merged), dtype="float64")
        hidden = pd.Series(False, index=merged.index)
        counts = None
        for name in parts:
            hidden |= merged[f"{name}__h"].fillna(False).astype(bool)
            part_counts = merged[f"{name}__n"].fillna(0)
            counts = part_counts if counts is None else counts.combine(part_counts, min)
        frame = merged[keys].copy()
        frame[VALUE] = value.astype("float64")
        # No part (an empty formula) leaves no counts: a scalar 0 has no astype().
        frame[COUNT] = counts.astype("int64") if counts is not None else 0
        threshold = max((self._threshold(n) for n in parts), default=1)
        return frame, hidden, threshold
