"""Rectangles in degrees, and the map view that shows one whole."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from datacites_proto.engine.geo.parsing import _walk_positions

METRES_PER_DEGREE = 111_320.0


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


def geometry_bounds(geometries: Iterable[dict[str, Any]]) -> Bounds | None:
    return Bounds.of(p for g in geometries for p in _walk_positions(g["coordinates"]))
