"""Geometry text read in Python: points and shapes written as GeoJSON, WKT or coordinates.

The regular expressions here also run in the database (DuckDB's RE2): `queries.py` builds
its SQL from the same patterns, so Python and SQL read a value the same way.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable
from typing import Any

DECIMALS = 5  # coordinates sent are rounded to 5 decimals (about 1 m)
FORMATS = ("geojson", "wkt", "latlon", "lonlat")

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
