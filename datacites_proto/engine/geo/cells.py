"""Cells a map groups rows into: H3 hexagons (with the h3 library) and square grids."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from datacites_proto.engine.geo.bounds import METRES_PER_DEGREE, Bounds
from datacites_proto.engine.geo.parsing import DECIMALS

# Measures that add up across pre-cells, so that a hexagon's value is exact.
CELL_MEASURES = frozenset({"count", "sum", "mean", "share", "min", "max"})


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
