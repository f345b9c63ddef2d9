"""A map layer drawn as a static SVG for the printed report: the layer's own deck.gl specs
(the very objects, colours and sizes the screen draws) projected in Web Mercator onto a
frame fitted to the map's extent. No basemap tiles: the report says so."""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from datacites_proto.engine.geo import Bounds

WIDTH = 600.0  # px: the width of an A4 page between its margins
MAX_HEIGHT = 520.0
PAD = 12.0
_MAX_LAT = 85.05112878
EARTH_M = 40_075_016.686  # the equator, in metres: one unit of Web Mercator x


@dataclass(frozen=True)
class Projection:
    """Web Mercator scaled and shifted so that `bounds` fills a `width` × `height` frame."""

    west: float
    north_y: float  # the Mercator y of the top edge
    scale: float  # px per Mercator unit
    width: float
    height: float
    left: float  # px of horizontal centring

    @staticmethod
    def fitted(bounds: Bounds, width: float = WIDTH, max_height: float = MAX_HEIGHT) -> Projection:
        x0, x1 = _x(bounds.west), _x(bounds.east)
        y0, y1 = _y(bounds.north), _y(bounds.south)
        span_x = max(x1 - x0, 1e-9)
        span_y = max(y1 - y0, 1e-9)
        inner_w, inner_h = width - 2 * PAD, max_height - 2 * PAD
        scale = min(inner_w / span_x, inner_h / span_y)
        if x1 - x0 < 1e-9 and y1 - y0 < 1e-9:  # one point: a neighbourhood around it
            scale = inner_w / 0.0005
        height = min(max_height, span_y * scale + 2 * PAD)
        left = (width - span_x * scale) / 2
        return Projection(x0, y0, scale, width, max(height, 120.0), left)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            self.left + (_x(lon) - self.west) * self.scale,
            PAD + (_y(lat) - self.north_y) * self.scale,
        )


def _x(lon: float) -> float:
    return (lon + 180.0) / 360.0


def _y(lat: float) -> float:
    lat = max(-_MAX_LAT, min(_MAX_LAT, lat))
    s = math.sin(math.radians(lat))
    return 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)


def colour(value: Any, default: Sequence[int] = (0, 114, 178)) -> tuple[str, float]:
    """(#rrggbb, opacity) of a deck.gl colour [r, g, b(, a)]."""
    rgba = list(value) if isinstance(value, (list, tuple)) else list(default)
    alpha = rgba[3] / 255 if len(rgba) > 3 else 1.0
    return "#{:02x}{:02x}{:02x}".format(*(int(c) for c in rgba[:3])), alpha


def _accessor(spec: dict[str, Any], name: str, item: Any, default: Any = None) -> Any:
    """A deck.gl accessor: a constant, or the name of an object's field (`c`,
    `properties.c`)."""
    value = spec.get(name, default)
    if isinstance(value, str) and not value.startswith("'"):
        found: Any = item
        for part in value.split("."):
            found = found.get(part) if isinstance(found, dict) else None
        return default if found is None else found
    return value


def _num(value: float) -> str:
    return f"{value:.1f}"


def _path(rings: Iterable[Sequence[Sequence[float]]], project: Projection) -> str:
    parts = []
    for ring in rings:
        points = [project(float(p[0]), float(p[1])) for p in ring]
        if points:
            parts.append("M" + " L".join(f"{_num(x)} {_num(y)}" for x, y in points) + " Z")
    return " ".join(parts)


def _geometry(geometry: dict[str, Any] | None, project: Projection) -> tuple[str, list[tuple]]:
    """(SVG path data of areas and lines, points) of a GeoJSON geometry."""
    if not geometry:
        return "", []
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        return _path(coords, project), []
    if kind == "MultiPolygon":
        return " ".join(_path(poly, project) for poly in coords), []
    if kind in ("LineString", "MultiLineString"):
        lines = [coords] if kind == "LineString" else coords
        d = " ".join(
            "M" + " L".join(f"{_num(x)} {_num(y)}" for x, y in (project(p[0], p[1]) for p in line))
            for line in lines
            if line
        )
        return d, []
    if kind == "Point":
        return "", [project(coords[0], coords[1])]
    if kind == "MultiPoint":
        return "", [project(p[0], p[1]) for p in coords]
    if kind == "GeometryCollection":
        d, points = [], []
        for part in geometry.get("geometries", []):
            part_d, part_points = _geometry(part, project)
            d.append(part_d)
            points.extend(part_points)
        return " ".join(x for x in d if x), points
    return "", []


def geojson_marks(spec: dict[str, Any], project: Projection) -> str:
    """A GeoJsonLayer's features: areas filled, outlined, points as small dots."""
    features = (spec.get("data") or {}).get("features", [])
    opacity = float(spec.get("opacity", 1.0))
    out = []
    for feature in features:
        d, points = _geometry(feature.get("geometry"), project)
        fill, fill_a = colour(_accessor(spec, "get_fill_color", feature, [0, 114, 178, 60]))
        line, line_a = colour(_accessor(spec, "get_line_color", feature, [255, 255, 255]))
        width = float(spec.get("line_width_min_pixels", 1))
        filled = spec.get("filled", True)
        if d:
            out.append(
                f'<path d="{d}" fill="{fill if filled else "none"}" '
                f'fill-opacity="{fill_a * opacity:.2f}" fill-rule="evenodd" stroke="{line}" '
                f'stroke-opacity="{line_a:.2f}" stroke-width="{width:.1f}"/>'
            )
        for x, y in points:
            out.append(
                f'<circle cx="{_num(x)}" cy="{_num(y)}" r="4" fill="{line}" '
                f'fill-opacity="{opacity:.2f}"/>'
            )
    return "".join(out)


def scatter_marks(spec: dict[str, Any], project: Projection) -> str:
    """A ScatterplotLayer's dots at their radius in pixels (or its least), in their colour."""
    opacity = float(spec.get("opacity", 1.0))
    low = float(spec.get("radius_min_pixels", 3))
    high = float(spec.get("radius_max_pixels", 60))
    pixels = "pixels" in str(spec.get("radius_units", ""))
    out = []
    for item in spec.get("data") or []:
        x, y = project(*_accessor(spec, "get_position", item, [0, 0]))
        radius = float(_accessor(spec, "get_radius", item, low))
        if not pixels:  # metres on the ground, at this latitude and scale
            lat = float(_accessor(spec, "get_position", item, [0, 0])[1])
            radius = radius / (EARTH_M * max(math.cos(math.radians(lat)), 0.01)) * project.scale
        r = min(high, max(low, radius))
        fill, alpha = colour(_accessor(spec, "get_fill_color", item, [0, 114, 178]))
        out.append(
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{r:.1f}" fill="{fill}" '
            f'fill-opacity="{alpha * opacity:.2f}" stroke="#ffffff" stroke-width="0.8"/>'
        )
    return "".join(out)


def hexagon_marks(spec: dict[str, Any], project: Projection) -> str:
    """An H3HexagonLayer's cells as hexagons, in their colour."""
    import h3

    opacity = float(spec.get("opacity", 1.0))
    out = []
    for item in spec.get("data") or []:
        cell = _accessor(spec, "get_hexagon", item)
        if not cell:
            continue
        ring = [(lng, lat) for lat, lng in h3.cell_to_boundary(cell)]
        fill, alpha = colour(_accessor(spec, "get_fill_color", item, [0, 114, 178]))
        out.append(
            f'<path d="{_path([ring], project)}" fill="{fill}" '
            f'fill-opacity="{alpha * opacity:.2f}"/>'
        )
    return "".join(out)


def heat_marks(spec: dict[str, Any], project: Projection) -> str:
    """A HeatmapLayer's cells as soft discs whose darkness follows their weight."""
    data = spec.get("data") or []
    weights = [float(_accessor(spec, "get_weight", item, 1.0) or 0.0) for item in data]
    top = max(weights, default=0.0) or 1.0
    opacity = float(spec.get("opacity", 1.0))
    out = []
    for item, weight in zip(data, weights, strict=True):
        if weight <= 0:
            continue
        x, y = project(*_accessor(spec, "get_position", item, [0, 0]))
        out.append(
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="9" fill="#d55e00" '
            f'fill-opacity="{0.15 + 0.75 * weight / top * opacity:.2f}"/>'
        )
    return "".join(out)


# deck.gl's layer classes, as the map's layers write them in their specs.
DRAWERS = {
    "GeoJsonLayer": geojson_marks,
    "ScatterplotLayer": scatter_marks,
    "H3HexagonLayer": hexagon_marks,
    "HeatmapLayer": heat_marks,
}


def deck_marks(specs: Sequence[dict[str, Any]], project: Projection) -> str | None:
    """SVG marks of deck.gl layer specs; None when one of them has no static drawing."""
    out = []
    for spec in specs:
        drawer = DRAWERS.get(str(spec.get("type")))
        if drawer is None:
            return None
        out.append(drawer(spec, project))
    return "".join(out)


def svg_frame(marks: Sequence[str], project: Projection, title: str) -> str:
    """The drawing: a light frame, the marks bottom layer first, a title for readers."""
    w, h = project.width, project.height
    return (
        f'<svg width="{w:.0f}" height="{h:.0f}" viewBox="0 0 {w:.0f} {h:.0f}" role="img">'
        f"<title>{html.escape(title)}</title>"
        f'<rect width="{w:.0f}" height="{h:.0f}" fill="#f7f7f5" stroke="#cccccc"/>'
        + "".join(marks)
        + "</svg>"
    )
