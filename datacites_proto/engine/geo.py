"""Maps on the server: where rows are, how many there are, and their aggregates per cell.

A map never sends more than `MAX_FEATURES` features to the browser. Positions come
from a dataset's `geometry` (two coordinate columns, or one column of GeoJSON, WKT,
"lat,lon" or "[lon,lat]" text, parsed in SQL) and every query runs in the database
that holds the data, through the same joins and page filters as indicators. Python
sees at most `MAX_FEATURES` rows, or rows already grouped by the database.

Hexagons (H3) are computed in two steps, because H3 is not available inside the
database: the database groups rows by their position snapped to `snap_decimals(r)`
decimals ("pre-cells", at most a twentieth of a hexagon's edge), then Python finds the
hexagon of each pre-cell (h3, 0.7 µs each) and adds them up. A point thus lands in the
hexagon of its snapped position: at most a few metres off, which moves fewer than 1 % of
points across an edge. Snapping is to the nearest multiple of 10^-decimals, ties up,
computed on lon + 180 and lat + 90 (the same in every database). Measured on 1,000,000
scattered points (2 cores): 0.1 s of SQL, 0.7 s of h3, 8,692 hexagons, 0.68 MB of JSON.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from datacites_proto.blueprint.datasets import NUMERIC_TYPES
from datacites_proto.engine import conditions
from datacites_proto.engine.catalog import DatasetTable
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.engine.suppression import suppress
from datacites_proto.sources import geojson_document
from datacites_proto.sources.sniff import SniffError

MAX_FEATURES = 50_000  # features one map layer may send to the browser
DECIMALS = 5  # coordinates sent are rounded to 5 decimals (about 1 m)
METRES_PER_DEGREE = 111_320.0
FORMATS = ("geojson", "wkt", "latlon", "lonlat")
# Measures that add up across pre-cells, so that a hexagon's value is exact.
CELL_MEASURES = frozenset({"count", "sum", "mean", "share", "min", "max"})

# One number; the same expressions run in Python (`re`) and in DuckDB (RE2).
_NUM = r"([-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)"
# format -> (pattern, group of the longitude, group of the latitude)
_POINT_PATTERNS: dict[str, tuple[str, int, int]] = {
    "geojson": (r'"coordinates"\s*:\s*\[\s*' + _NUM + r"\s*,\s*" + _NUM, 1, 2),
    "wkt": (
        r"^\s*(?:[sS][rR][iI][dD]=[0-9]+;\s*)?[pP][oO][iI][nN][tT]\s*(?:[zZ][mM]?|[mM])?\s*\(\s*"
        + _NUM
        + r"\s+"
        + _NUM,
        1,
        2,
    ),
    "latlon": (r"^\s*" + _NUM + r"\s*[,;]\s*" + _NUM + r"\s*$", 2, 1),
    "lonlat": (r"^\s*\[?\s*" + _NUM + r"\s*,\s*" + _NUM + r"\s*\]?\s*$", 1, 2),
}
# How a value announces its format (checked in this order; the rest is "lat,lon").
_FORMAT_SIGNS: tuple[tuple[str, str], ...] = (
    ("geojson", r"^\s*\{"),
    ("lonlat", r"^\s*\["),
    ("wkt", r"^\s*(?:[sS][rR][iI][dD]=|[a-zA-Z])"),
)
_COMPILED = {name: re.compile(p) for name, (p, _, _) in _POINT_PATTERNS.items()}
_SIGNS = [(name, re.compile(p)) for name, p in _FORMAT_SIGNS]


# Parsing, in Python ---------------------------------------------------------------------


def detect_format(text: Any) -> str | None:
    """The format a geometry text is written in, from its first characters."""
    if not isinstance(text, str) or not text.strip():
        return None
    for name, sign in _SIGNS:
        if sign.match(text):
            return name
    return "latlon"


def _valid(lon: float, lat: float) -> bool:
    return math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90


def parse_point(text: Any, fmt: str | None = None) -> tuple[float, float] | None:
    """(lon, lat) of a point written as GeoJSON, WKT, "lat,lon" or "[lon,lat]"; None if not."""
    if isinstance(text, dict):
        text = json.dumps(text)
    fmt = fmt or detect_format(text)
    if fmt is None or not isinstance(text, str):
        return None
    _, lon_group, lat_group = _POINT_PATTERNS[fmt]
    if fmt == "geojson" and '"Point"' not in text:
        return None
    match = _COMPILED[fmt].search(text)
    if match is None:
        return None
    lon, lat = float(match.group(lon_group)), float(match.group(lat_group))
    return (lon, lat) if _valid(lon, lat) else None


_WKT_TYPES = {
    "POINT": "Point",
    "LINESTRING": "LineString",
    "POLYGON": "Polygon",
    "MULTIPOINT": "MultiPoint",
    "MULTILINESTRING": "MultiLineString",
    "MULTIPOLYGON": "MultiPolygon",
}
_DEPTH = {
    "Point": 1,
    "LineString": 2,
    "MultiPoint": 2,
    "Polygon": 3,
    "MultiLineString": 3,
    "MultiPolygon": 4,
}
_WKT_RE = re.compile(
    r"^\s*(?:SRID=\d+;\s*)?([A-Za-z]+)\s*(?:ZM|Z|M)?\s*(\(.*\))\s*$", re.IGNORECASE | re.DOTALL
)
_WKT_TUPLE = re.compile(_NUM + r"\s+" + _NUM + r"(?:\s+" + _NUM + r")*")


def _depth(value: Any) -> int:
    depth = 0
    while isinstance(value, list) and value:
        depth += 1
        value = value[0]
    return depth if isinstance(value, (int, float)) else -1


def _coordinate(value: Any) -> float | None:
    """A number as a float, or None (booleans, text, integers too big for a float)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, int) and abs(value) > 1_000:  # float() of a huge integer overflows
        return None
    return float(value)


def _positions_ok(value: Any, depth: int) -> bool:
    """Lists nested exactly `depth` deep down to valid positions (recursion bounded by depth)."""
    if not isinstance(value, list) or not value:
        return False
    if depth == 1:
        if len(value) < 2:
            return False
        lon, lat = _coordinate(value[0]), _coordinate(value[1])
        return lon is not None and lat is not None and _valid(lon, lat)
    return all(_positions_ok(v, depth - 1) for v in value)


def _wkt(text: str) -> dict[str, Any] | None:
    match = _WKT_RE.match(text)
    if match is None:
        return None
    kind = _WKT_TYPES.get(match.group(1).upper())
    if kind is None:
        return None
    body = _WKT_TUPLE.sub(lambda m: f"[{m.group(1)},{m.group(2)}]", match.group(2))
    try:
        coords = json.loads(body.replace("(", "[").replace(")", "]"))
    except (ValueError, RecursionError):  # RecursionError: thousands of nested parentheses
        return None
    if kind == "Point":
        coords = coords[0] if isinstance(coords, list) and coords else None
    elif kind == "MultiPoint" and _depth(coords) == 3:  # MULTIPOINT ((1 2), (3 4))
        coords = [p[0] for p in coords]
    return {"type": kind, "coordinates": coords}


def parse_shape(text: Any, fmt: str | None = None) -> dict[str, Any] | None:
    """A GeoJSON geometry from GeoJSON, WKT or point text; None when it cannot be read."""
    fmt = fmt or (detect_format(text) if isinstance(text, str) else None)
    geometry: Any = None
    if isinstance(text, dict):
        geometry = text
    elif fmt == "geojson":
        try:
            geometry = json.loads(text)
        except (TypeError, ValueError, RecursionError):
            return None
    elif fmt == "wkt":
        geometry = _wkt(text)
    elif fmt in ("latlon", "lonlat"):
        point = parse_point(text, fmt)
        return None if point is None else {"type": "Point", "coordinates": list(point)}
    if isinstance(geometry, dict) and geometry.get("type") == "Feature":
        geometry = geometry.get("geometry")
    if not isinstance(geometry, dict):
        return None
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if not isinstance(kind, str) or kind not in _DEPTH or not _positions_ok(coords, _DEPTH[kind]):
        return None
    return {"type": kind, "coordinates": coords}


def _round_positions(value: Any, decimals: int) -> Any:
    if isinstance(value[0], (int, float)):
        return [round(float(value[0]), decimals), round(float(value[1]), decimals)]
    rounded = [_round_positions(v, decimals) for v in value]
    if isinstance(rounded[0][0], float):  # a line or ring: drop repeated positions
        kept = [rounded[0]]
        kept += [p for prev, p in itertools.pairwise(rounded) if p != prev]
        if rounded[0] == rounded[-1] and len(kept) > 1 and kept[-1] != kept[0]:
            kept.append(kept[0])
        rounded = kept
    return rounded


def round_geometry(geometry: dict[str, Any], decimals: int = DECIMALS) -> dict[str, Any] | None:
    """The geometry with coordinates rounded (repeated vertices dropped); None if it collapses."""
    coords = _round_positions(geometry["coordinates"], decimals)
    kind = geometry["type"]
    minimum = {"LineString": 2, "Polygon": 4}.get(kind)
    if kind == "Polygon":
        coords = [ring for ring in coords if len(ring) >= 4]
        if not coords:
            return None
    elif minimum and len(coords) < minimum:
        return None
    return {"type": kind, "coordinates": coords}


def _walk_positions(value: Any) -> Iterable[tuple[float, float]]:
    if value and isinstance(value[0], (int, float)):
        yield float(value[0]), float(value[1])
        return
    for item in value:
        yield from _walk_positions(item)


# Bounds ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bounds:
    """A rectangle in degrees (WGS 84)."""

    west: float
    south: float
    east: float
    north: float

    def union(self, other: Bounds | None) -> Bounds:
        if other is None:
            return self
        return Bounds(
            min(self.west, other.west),
            min(self.south, other.south),
            max(self.east, other.east),
            max(self.north, other.north),
        )

    @property
    def size_m(self) -> float:
        """The larger side, in metres."""
        mid = math.radians((self.south + self.north) / 2)
        width = (self.east - self.west) * METRES_PER_DEGREE * math.cos(mid)
        return max(width, (self.north - self.south) * METRES_PER_DEGREE)

    @staticmethod
    def of(positions: Iterable[tuple[float, float]]) -> Bounds | None:
        lons: list[float] = []
        lats: list[float] = []
        for lon, lat in positions:
            lons.append(lon)
            lats.append(lat)
        return Bounds(min(lons), min(lats), max(lons), max(lats)) if lons else None


def view_of(bounds: Bounds, width_px: int = 600, height_px: int = 500) -> dict[str, float]:
    """Longitude, latitude and zoom of a Web Mercator view that shows `bounds` whole."""
    lon = (bounds.west + bounds.east) / 2

    def merc(lat: float) -> float:
        lat = max(min(lat, 85.0), -85.0)
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    y = (merc(bounds.south) + merc(bounds.north)) / 2
    lat = math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)
    fx = (bounds.east - bounds.west) / 360
    fy = (merc(bounds.north) - merc(bounds.south)) / (2 * math.pi)
    # deck.gl's Web Mercator world is 512 pixels wide at zoom 0.
    zooms = [math.log2(px / 512 / f) for px, f in ((width_px, fx), (height_px, fy)) if f > 0]
    zoom = min(zooms) - 0.3 if zooms else 14.0  # a margin around the data
    return {"longitude": lon, "latitude": lat, "zoom": round(max(1.0, min(zoom, 15.0)), 2)}


# H3 -------------------------------------------------------------------------------------


def _h3() -> Any:
    import h3  # imported on use: only maps with hexagons need it

    return h3


def snap_decimals(resolution: int) -> int:
    """Decimals positions are rounded to before their hexagon is found (3 to 5).

    The rounding step is at most a twentieth of the hexagon's edge: 1e-3° (~100 m) for
    resolutions up to 6, 1e-4° (~10 m) for 7 and 8, 1e-5° (~1 m) from 9 on.
    """
    edge = _h3().average_hexagon_edge_length(resolution, "m")
    wanted = math.ceil(math.log10(METRES_PER_DEGREE * 20 / edge))
    return max(3, min(DECIMALS, wanted))


def auto_resolution(bounds: Bounds, across: int = 100) -> int:
    """The finest H3 resolution that puts about `across` hexagons across `bounds` (5 to 12)."""
    h3 = _h3()
    edge = bounds.size_m / (across * math.sqrt(3))
    for resolution in range(12, 4, -1):
        if h3.average_hexagon_edge_length(resolution, "m") >= edge:
            return resolution
    return 5


def cell_centres(cells: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(lon, lat) arrays of the centres of H3 cells."""
    h3 = _h3()
    pairs = [h3.cell_to_latlng(c) for c in cells]
    lat = np.array([p[0] for p in pairs], dtype="float64")
    lon = np.array([p[1] for p in pairs], dtype="float64")
    return lon, lat


def cells_of(lon: np.ndarray, lat: np.ndarray, resolution: int) -> np.ndarray:
    """The H3 cell of each position, as 64-bit integers (a Python loop: 0.7 µs a position;
    `cell_names` turns them into the usual hexadecimal names)."""
    from h3.api import numpy_int

    cells = map(numpy_int.latlng_to_cell, lat.tolist(), lon.tolist(), itertools.repeat(resolution))
    return np.fromiter(cells, dtype="uint64", count=len(lat))


def cell_names(cells: Iterable[int]) -> list[str]:
    """Hexadecimal names of H3 cells given as integers ("8818444427fffff")."""
    return [format(int(c), "x") for c in cells]


# GeoJSON files --------------------------------------------------------------------------

_FILES: dict[tuple[str, float, int], dict[str, Any]] = {}


class GeoJsonFileError(QueryError):
    """A map layer's GeoJSON file that cannot be read: its located problem (the layer's
    view shows it and draws the other layers)."""


_FILES_LOCK = threading.Lock()


def read_geojson(path: Path, decimals: int = DECIMALS) -> dict[str, Any]:
    """A GeoJSON file's features, coordinates rounded to `decimals` (repeated vertices
    dropped): rounding to 5 decimals keeps 1 m and often halves a file from a GIS.

    Features whose geometry cannot be read are dropped; `skipped` counts them. Kept in
    memory per file version.
    """
    try:
        stat = path.stat()
    except OSError as exc:
        raise GeoJsonFileError("geojson_unreadable", path=path.name, detail=str(exc)) from None
    key = (str(path), stat.st_mtime, decimals)
    with _FILES_LOCK:
        if key in _FILES:
            return _FILES[key]
    features = []
    skipped = 0
    try:
        for number, feature in enumerate(geojson_document.load_features(path), 1):
            if not isinstance(feature, dict):
                skipped += 1
                continue
            properties = geojson_document.properties_of(feature, number, path)
            geometry = parse_shape(feature.get("geometry"))
            geometry = round_geometry(geometry, decimals) if geometry else None
            if geometry is None:
                skipped += 1
                continue
            features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    except SniffError as exc:
        where = path.name if exc.line is None else f"{path.name}:{exc.line}"
        raise GeoJsonFileError(exc.code, **{**exc.params, "path": where}) from None
    bounds = Bounds.of(p for f in features for p in _walk_positions(f["geometry"]["coordinates"]))
    result = {"features": features, "skipped": skipped, "bounds": bounds}
    with _FILES_LOCK:
        _FILES[key] = result
    return result


def geometry_bounds(geometries: Iterable[dict[str, Any]]) -> Bounds | None:
    return Bounds.of(p for g in geometries for p in _walk_positions(g["coordinates"]))


# Where rows are, in SQL -----------------------------------------------------------------


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

    def check_raw(self, columns: Sequence[str], audience: str) -> None:
        """Rows are shown: the rules of `Service.rows` (open data, or the team; never
        personal columns, the geometry's included)."""
        bp = self.service.blueprint
        resolved = [self.service.compiler.resolve(self.dataset, t) for t in columns]
        resolved += [(self.dataset, c) for c in self.geometry.columns()]
        for owner in sorted({self.dataset} | {ds for ds, _ in resolved}):
            access = bp.datasets[owner].governance.access
            if audience != "team" and access != "open":
                raise QueryError("rows_not_allowed", dataset=owner, access=access)
        for owner, name in resolved:
            if name in bp.datasets[owner].governance.personal:
                raise QueryError("personal_column_refused", name=name, dataset=owner)

    def check_aggregate(self, audience: str = "team") -> None:
        """Aggregates are shown: as `Service.result`, a `restricted` dataset only to the
        team; positions that are personal data are never placed."""
        if audience != "team" and self.governance.access == "restricted":
            raise QueryError("rows_not_allowed", dataset=self.dataset, access="restricted")
        if audience != "team" and self.governance.access == "shared":
            # Cells that follow the map's extent cut rows differently from one view to
            # the next: two overlapping cells would isolate a small group (differencing).
            raise QueryError("protection_free_cells_refused", dataset=self.dataset)
        for name in self.geometry.columns():
            if name in self.governance.personal:
                raise QueryError("personal_column_refused", name=name, dataset=self.dataset)

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
        self, columns: Sequence[str], *, audience: str = "public", limit: int = MAX_FEATURES
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
        audience: str = "team",
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
        audience: str = "team",
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
        limit = self.governance.group_size if threshold is None else threshold
        frame = frame.reset_index(drop=True)
        # One slice: the whole map (a total shown elsewhere minus the visible cells
        # would reveal a single hidden cell).
        frame["suppressed"] = suppress(frame, frame["n"], limit, ["cell"]).to_numpy()
        frame = frame[["cell", "lon", "lat", "n", "value", "suppressed"]]
        skipped = (extent or self.extent()).skipped
        return Cells(frame, placed, skipped, limit, indicator, resolution, step)

    def shapes(
        self, columns: Sequence[str], *, audience: str = "public", limit: int = MAX_FEATURES
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


def cell_measure(blueprint: Any, indicator: str, dataset: str) -> bool:
    """Whether `indicator` can be computed per hexagon of `dataset` in SQL: a measure on
    that dataset that adds up across cells (count, sum, mean, share, min, max)."""
    spec = blueprint.indicators.get(indicator)
    return (
        spec is not None
        and spec.measure_ast is not None
        and spec.dataset == dataset
        and spec.measure_ast.func in CELL_MEASURES
    )


def grid_step(bounds: Bounds, across: int = 150) -> float:
    """A square cell size in degrees that puts about `across` cells across `bounds`."""
    span = max(bounds.east - bounds.west, bounds.north - bounds.south)
    return max(span / across, 10.0**-DECIMALS)
