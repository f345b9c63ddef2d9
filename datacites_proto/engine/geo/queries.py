"""`GeoQuery`: where a dataset's rows are, how many, and their aggregates per cell, in SQL.

Every query runs in the database that holds the data, through the same joins and page
filters as indicators; Python sees at most `MAX_FEATURES` rows, or rows already grouped.
What an audience may read is decided by `engine/governance.py`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from datacites_proto.blueprint.datasets import NUMERIC_TYPES
from datacites_proto.engine import conditions, governance
from datacites_proto.engine.catalog import DatasetTable
from datacites_proto.engine.geo.bounds import Bounds
from datacites_proto.engine.geo.cells import (
    cell_centres,
    cell_measure,
    cell_names,
    cells_of,
    snap_decimals,
)
from datacites_proto.engine.geo.parsing import (
    _FORMAT_SIGNS,
    _NUM,
    _POINT_PATTERNS,
    DECIMALS,
    parse_shape,
    round_geometry,
)
from datacites_proto.engine.governance import PUBLIC, Audience
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.engine.suppression import suppress

MAX_FEATURES = 50_000  # features one map layer may send to the browser


@dataclass
class Extent:
    """How many rows the filters keep, how many have a position, and where they are."""

    rows: int
    located: int
    bounds: Bounds | None

    @property
    def skipped(self) -> int:
        """Rows without a readable position (empty, garbage or out of range)."""
        return self.rows - self.located


@dataclass
class PointRows:
    """Located rows: positions rounded to `DECIMALS`, and the columns asked for."""

    lon: np.ndarray
    lat: np.ndarray
    frame: pd.DataFrame  # one column per name asked, in order


@dataclass
class Cells:
    """Rows aggregated per cell: H3 hexagons (`resolution`) or a square grid (`step`)."""

    frame: pd.DataFrame  # cell (H3 index, or "x:y"), lon, lat (centre), n, value, suppressed
    rows: int  # rows placed in a cell
    skipped: int  # rows without a position
    threshold: int  # min_group_size applied (1: none)
    measure: str | None  # the indicator computed per cell; None: rows counted (or weighed)
    resolution: int | None = None
    step: float | None = None

    @property
    def hidden(self) -> int:
        return int(self.frame["suppressed"].sum())


@dataclass
class ShapeRows:
    """Geometries read from a dataset's geometry column, with the columns asked for."""

    geometries: list[dict[str, Any]]
    frame: pd.DataFrame
    rows: int  # rows the filters keep
    skipped: int  # rows whose geometry could not be read


def _fetch(table: DatasetTable, statement: sa.Select) -> pd.DataFrame:
    """Run a statement where the table lives (DuckDB directly for the embedded database)."""
    if table.duckdb is not None:
        compiled = statement.compile(
            dialect=table.engine.dialect, compile_kwargs={"render_postcompile": True}
        )
        params = [compiled.params[name] for name in compiled.positiontup or ()]
        cursor = table.duckdb.cursor()  # one cursor per call: safe across threads
        try:
            return cursor.execute(str(compiled), params).df()
        finally:
            cursor.close()
    with table.engine.connect() as conn:
        result = conn.execute(statement)
        return pd.DataFrame(result.all(), columns=list(result.keys()))


def _rounded(values: pd.Series) -> np.ndarray:
    """Coordinates rounded to `DECIMALS` as Python rounds (numpy's `round` is off by one
    in the last digit for about one value in twenty)."""
    return np.array([round(v, DECIMALS) for v in values.astype("float64").tolist()])


def _number_text(text: Any, pattern: str, group: int) -> Any:
    return sa.cast(sa.func.nullif(sa.func.regexp_extract(text, pattern, group), ""), sa.Double)


def _regexp_matches(text: Any, pattern: str) -> Any:
    return sa.func.regexp_matches(text, pattern)


class GeoQuery:
    """Queries over the located rows of one dataset, filtered by the page's filters."""

    def __init__(
        self, service: Any, dataset: str, filters: Mapping[str, Any] | None = None
    ) -> None:
        self.service = service
        self.dataset = dataset
        spec = service.blueprint.datasets[dataset]
        if spec.geometry is None:
            raise QueryError("geo_no_geometry", dataset=dataset)
        self.geometry = spec.geometry
        self.governance = spec.governance
        self.filters = dict(filters or {})
        self.table: DatasetTable = service.table(dataset)

    # SQL building blocks ----------------------------------------------------------------

    def _scope(self) -> Any:
        return self.service.compiler.scope(self.dataset)

    def _coordinates(self, scope: Any) -> tuple[Any, Any]:
        """SQL expressions of longitude and latitude (NULL where unreadable)."""
        home = scope.join_to(self.dataset)
        geometry = self.geometry
        if geometry.lon and geometry.lat:
            return (
                self._number(home.c[geometry.lon], geometry.lon),
                self._number(home.c[geometry.lat], geometry.lat),
            )
        assert geometry.column is not None
        if scope.dialect != "duckdb":
            raise QueryError(
                "geo_column_needs_duckdb",
                dataset=self.dataset,
                column=geometry.column,
                dialect=scope.dialect,
            )
        text = sa.cast(home.c[geometry.column], sa.String)
        if geometry.format:
            pattern, lon_group, lat_group = _POINT_PATTERNS[geometry.format]
            lon = _number_text(text, pattern, lon_group)
            lat = _number_text(text, pattern, lat_group)
            return lon, lat
        # Undeclared: each row's format is read from its first characters, as in Python.
        whens_lon, whens_lat = [], []
        for name, sign in _FORMAT_SIGNS:
            pattern, lon_group, lat_group = _POINT_PATTERNS[name]
            test = _regexp_matches(text, sign)
            whens_lon.append((test, _number_text(text, pattern, lon_group)))
            whens_lat.append((test, _number_text(text, pattern, lat_group)))
        pattern, lon_group, lat_group = _POINT_PATTERNS["latlon"]
        lon = sa.case(*whens_lon, else_=_number_text(text, pattern, lon_group))
        lat = sa.case(*whens_lat, else_=_number_text(text, pattern, lat_group))
        return lon, lat

    def _number(self, column: Any, name: str) -> Any:
        kind = self.table.columns.get(name)
        if kind in NUMERIC_TYPES:
            return sa.cast(column, sa.Double)
        if self.table.engine.dialect.name == "duckdb":  # text: read the number it holds
            return _number_text(sa.cast(column, sa.String), r"^\s*" + _NUM + r"\s*$", 1)
        return sa.cast(column, sa.Double)

    def _rows(self, extra: Sequence[Any] = (), where: Sequence[Any] = ()) -> Any:
        """A subquery of the filtered rows: `lon`, `lat` (NULL when unreadable), extras."""
        scope = self._scope()
        lon, lat = self._coordinates(scope)
        extra_columns = [e(scope) for e in extra]
        conditions_ = [*scope.filter_conditions(self.filters), *[w(scope) for w in where]]
        # The FROM clause last: the expressions above add the joins they need to it.
        statement = (
            sa.select(lon.label("lon"), lat.label("lat"), *extra_columns)
            .select_from(scope.from_clause)
            .where(*conditions_)
        )
        return statement.subquery("located")

    @staticmethod
    def _located(rows: Any) -> Any:
        return sa.and_(rows.c.lon.between(-180.0, 180.0), rows.c.lat.between(-90.0, 90.0))

    def _column(self, scope: Any, text: str) -> Any:
        owner, name = self.service.compiler.resolve(self.dataset, text)
        return scope.join_to(owner).c[name]

    # Governance ----------------------------------------------------------------------------

    def check_raw(self, columns: Sequence[str], audience: Audience = PUBLIC) -> None:
        """Rows are shown: the rules of `Service.rows` (open data, or the team; never
        personal columns, the geometry's included)."""
        resolved = [self.service.compiler.resolve(self.dataset, t) for t in columns]
        resolved += [(self.dataset, c) for c in self.geometry.columns()]
        datasets = {self.dataset} | {ds for ds, _ in resolved}
        governance.check_rows(self.service.blueprint, datasets, resolved, audience)

    def check_aggregate(self, audience: Audience = PUBLIC) -> None:
        """Cells are shown: a `restricted` or `shared` dataset only to the team (cells that
        follow the map's extent would isolate small groups); positions that are personal
        data are never placed."""
        placed = [(self.dataset, c) for c in self.geometry.columns()]
        governance.check_cells(self.service.blueprint, [self.dataset], placed, audience)

    # Queries -------------------------------------------------------------------------------

    def extent(self) -> Extent:
        """Rows kept by the filters, rows located, and their bounds: one query."""
        rows = self._rows()
        located = self._located(rows)
        statement = sa.select(
            sa.func.count().label("rows"),
            sa.func.count(sa.case((located, 1))).label("located"),
            sa.func.min(sa.case((located, rows.c.lon))).label("west"),
            sa.func.min(sa.case((located, rows.c.lat))).label("south"),
            sa.func.max(sa.case((located, rows.c.lon))).label("east"),
            sa.func.max(sa.case((located, rows.c.lat))).label("north"),
        )
        frame = _fetch(self.table, statement)
        first = frame.iloc[0]
        count = int(first["located"] or 0)
        bounds = (
            Bounds(
                float(first["west"]),
                float(first["south"]),
                float(first["east"]),
                float(first["north"]),
            )
            if count
            else None
        )
        return Extent(int(first["rows"]), count, bounds)

    def points(
        self, columns: Sequence[str], *, audience: Audience = PUBLIC, limit: int = MAX_FEATURES
    ) -> PointRows:
        """Located rows (at most `limit`), positions rounded to `DECIMALS`."""
        self.check_raw(columns, audience)
        extra = [
            (lambda scope, t=t, i=i: self._column(scope, t).label(f"c{i}"))
            for i, t in enumerate(columns)
        ]
        keys = self.service.blueprint.datasets[self.dataset].key_columns
        order = [
            (lambda scope, k=k, i=i: self._column(scope, k).label(f"k{i}"))
            for i, k in enumerate(keys)
        ]
        rows = self._rows([*extra, *order])
        statement = (
            sa.select(rows.c.lon, rows.c.lat, *[rows.c[f"c{i}"] for i in range(len(columns))])
            .where(self._located(rows))
            .order_by(*[rows.c[f"k{i}"] for i in range(len(keys))])
            .limit(limit)
        )
        frame = _fetch(self.table, statement)
        lon = _rounded(frame["lon"])
        lat = _rounded(frame["lat"])
        values = frame[[f"c{i}" for i in range(len(columns))]].copy()
        values.columns = list(columns)
        return PointRows(lon, lat, values.reset_index(drop=True))

    def pre_cells(self, decimals: int, indicator: str | None = None) -> pd.DataFrame:
        """Rows grouped by position rounded to `decimals`: qx, qy (integers: the rounded
        position times 10^decimals, shifted positive), n, and the parts of `indicator`."""
        scale = 10.0**decimals
        parts, where = self._measure_parts(indicator)
        rows = self._rows([p for _, p, _ in parts], where)
        qx = sa.func.round((rows.c.lon + 180.0) * scale).label("qx")
        qy = sa.func.round((rows.c.lat + 90.0) * scale).label("qy")
        grouped = (
            sa.select(qx, qy, *[rows.c[name] for name, _, _ in parts])
            .where(self._located(rows))
            .subquery("snapped")
        )
        statement = sa.select(
            grouped.c.qx,
            grouped.c.qy,
            sa.func.count().label("n"),
            *[agg(grouped.c[name]).label(name) for name, _, agg in parts],
        ).group_by(grouped.c.qx, grouped.c.qy)
        return _fetch(self.table, statement)

    def _measure_parts(self, indicator: str | None) -> tuple[list[tuple[str, Any, Any]], list[Any]]:
        """Per-row inputs and their per-cell aggregates, for an indicator whose measure adds
        up across cells (see `CELL_MEASURES`); its `where` limits the rows counted."""
        if indicator is None:
            return [], []
        spec = self.service.blueprint.indicators[indicator]
        node = spec.measure_ast
        assert node is not None
        where = []
        if spec.where_ast is not None:
            where.append(lambda scope: conditions.condition(spec.where_ast, scope.column))
        func = node.func
        if func == "share":

            def hit(scope: Any) -> Any:
                test = conditions.condition(node.condition, scope.column)
                return sa.case((test, 1.0), else_=0.0).label("hit")

            return [("hit", hit, sa.func.sum)], where
        if func == "count" and node.column is None:
            return [], where

        def value(scope: Any) -> Any:
            return scope.column(node.column).label("v")

        if func == "count":
            return [("v", value, sa.func.count)], where
        if func == "sum":
            return [("v", value, sa.func.sum)], where
        if func == "mean":
            total = ("v", value, sa.func.sum)
            return [total, ("c", lambda scope: value(scope).label("c"), sa.func.count)], where
        if func in ("min", "max"):
            return [("v", value, getattr(sa.func, func))], where
        raise ValueError(f"measure {func!r} does not add up across cells")

    def hexagons(
        self,
        resolution: int,
        *,
        indicator: str | None = None,
        threshold: int | None = None,
        extent: Extent | None = None,
        audience: Audience = PUBLIC,
    ) -> Cells:
        """Rows per H3 cell, with `indicator` per cell when its measure adds up (else the
        rows are counted); cells of fewer than `threshold` rows (default: the dataset's
        min_group_size) are marked suppressed, with complementary cells."""
        self.check_aggregate(audience)
        if indicator is not None and not cell_measure(
            self.service.blueprint, indicator, self.dataset
        ):
            indicator = None
        decimals = snap_decimals(resolution)
        pre = self.pre_cells(decimals, indicator)
        scale = 10.0**decimals
        lon = pre["qx"].to_numpy(dtype="float64") / scale - 180.0
        lat = pre["qy"].to_numpy(dtype="float64") / scale - 90.0
        pre["cell"] = cells_of(lon, lat, resolution)
        how = {c: "sum" for c in ("n", "hit", "c") if c in pre.columns}
        if "v" in pre.columns:
            func = self.service.blueprint.indicators[indicator].measure_ast.func  # type: ignore[index,union-attr]
            how["v"] = func if func in ("min", "max") else "sum"
            pre["v"] = pre["v"].astype("float64")
        # min_count: a cell whose values are all missing has a missing sum, as in SQL.
        grouped = pre.groupby("cell", sort=True)
        frame = pd.DataFrame(
            {
                c: grouped[c].sum(min_count=1) if h == "sum" else grouped[c].agg(h)
                for c, h in how.items()
            }
        ).reset_index()
        frame["cell"] = cell_names(frame["cell"].tolist())
        frame["n"] = frame["n"].fillna(0).astype("int64")
        frame["value"] = self._cell_value(frame, indicator)
        frame["lon"], frame["lat"] = cell_centres(frame["cell"].tolist())
        return self._finish(frame, indicator, threshold, extent, resolution=resolution)

    def _cell_value(self, frame: pd.DataFrame, indicator: str | None) -> pd.Series:
        if indicator is None:
            return frame["n"].astype("float64")
        func = self.service.blueprint.indicators[indicator].measure_ast.func  # type: ignore[union-attr]
        n = frame["n"].astype("float64")
        if func == "count":
            return frame["v"].astype("float64") if "v" in frame else n
        if func == "share":
            return frame["hit"].astype("float64") / n
        if func == "mean":
            return frame["v"].astype("float64") / frame["c"].astype("float64").replace(0, np.nan)
        return frame["v"].astype("float64")

    def grid(
        self,
        step: float,
        *,
        weight: str | None = None,
        threshold: int | None = None,
        extent: Extent | None = None,
        audience: Audience = PUBLIC,
    ) -> Cells:
        """Rows per square cell of `step` degrees (centres), weighted by a column's sum."""
        self.check_aggregate(audience)
        extra = []
        if weight is not None:
            extra.append(lambda scope: sa.cast(self._column(scope, weight), sa.Double).label("w"))
        rows = self._rows(extra)
        qx = sa.func.floor((rows.c.lon + 180.0) / step).label("qx")
        qy = sa.func.floor((rows.c.lat + 90.0) / step).label("qy")
        inner = sa.select(qx, qy, *([rows.c.w] if weight else [])).where(self._located(rows))
        grouped = inner.subquery("snapped")
        parts = [sa.func.sum(grouped.c.w).label("w")] if weight else []
        statement = (
            sa.select(grouped.c.qx, grouped.c.qy, sa.func.count().label("n"), *parts)
            .group_by(grouped.c.qx, grouped.c.qy)
            .order_by(grouped.c.qx, grouped.c.qy)
        )
        frame = _fetch(self.table, statement)
        qxs = frame["qx"].to_numpy(dtype="float64")
        qys = frame["qy"].to_numpy(dtype="float64")
        frame["lon"] = np.round((qxs + 0.5) * step - 180.0, DECIMALS)
        frame["lat"] = np.round((qys + 0.5) * step - 90.0, DECIMALS)
        frame["cell"] = [f"{int(x)}:{int(y)}" for x, y in zip(qxs, qys, strict=True)]
        frame["n"] = frame["n"].astype("int64")
        frame["value"] = frame["w"].astype("float64") if weight else frame["n"].astype("float64")
        return self._finish(frame, None, threshold, extent, step=step)

    def _finish(
        self,
        frame: pd.DataFrame,
        indicator: str | None,
        threshold: int | None,
        extent: Extent | None,
        *,
        resolution: int | None = None,
        step: float | None = None,
    ) -> Cells:
        placed = int(frame["n"].sum()) if len(frame) else 0
        bp = self.service.blueprint
        limit = governance.threshold(bp, [self.dataset]) if threshold is None else threshold
        frame = frame.reset_index(drop=True)
        # One slice: the whole map (a total shown elsewhere minus the visible cells
        # would reveal a single hidden cell).
        frame["suppressed"] = suppress(frame, frame["n"], limit, ["cell"]).to_numpy()
        frame = frame[["cell", "lon", "lat", "n", "value", "suppressed"]]
        skipped = (extent or self.extent()).skipped
        return Cells(frame, placed, skipped, limit, indicator, resolution, step)

    def shapes(
        self, columns: Sequence[str], *, audience: Audience = PUBLIC, limit: int = MAX_FEATURES
    ) -> ShapeRows:
        """Rows whose geometry column holds a shape (at most `limit`), read in Python."""
        column = self.geometry.column
        if column is None:
            raise QueryError("geo_no_geometry", dataset=self.dataset)
        self.check_raw(columns, audience)
        scope = self._scope()
        selected = [self._column(scope, column).label("g")]
        selected += [self._column(scope, t).label(f"c{i}") for i, t in enumerate(columns)]
        # The filters may join datasets: their conditions come before the FROM clause.
        where = scope.filter_conditions(self.filters)
        base = sa.select(*selected).select_from(scope.from_clause).where(*where)
        counted = _fetch(self.table, sa.select(sa.func.count()).select_from(base.subquery()))
        total = int(counted.iloc[0, 0])
        frame = _fetch(self.table, base.limit(limit))
        geometries: list[dict[str, Any]] = []
        keep: list[int] = []
        for i, text in enumerate(frame["g"].tolist()):
            shape = parse_shape(text, self.geometry.format)
            shape = round_geometry(shape) if shape else None
            if shape is not None:
                geometries.append(shape)
                keep.append(i)
        values = frame.iloc[keep][[f"c{i}" for i in range(len(columns))]].copy()
        values.columns = list(columns)
        return ShapeRows(geometries, values.reset_index(drop=True), total, len(frame) - len(keep))
