"""Hostile-file budgets for GeoJSON and Excel: each load runs in a fresh process (time and peak
memory), and doubling the input must cost about double, not four times (issue 11).

Budgets are generous (a busy 2-core machine) and compared as ratios where possible; before
the fix, 200,000 points took 3.3 times as long as 100,000 (50.9 s against 15.6 s) and one
feature of 5,000 properties took more than 120 s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.budgets import Cost, measure
from tests.support.hostile_geo_excel import (
    declare_size,
    write_big_workbook,
    write_collection,
    write_points,
    write_polygons,
    write_workbook,
)

REPO = Path(__file__).resolve().parents[3]
SETUP = """
from pathlib import Path
from datacites_proto.engine import geo
from tests.support.hostile_geo_excel import load
"""
FLOOR = 0.5  # seconds: ratios of very short times are noise


def load_cost(folder: Path, source: dict[str, Any]) -> Cost:
    return measure(f"load(Path({str(folder)!r}), {source!r})", setup=SETUP, cwd=REPO)


def assert_linear(small: Cost, big: Cost) -> None:
    """Twice the input: less than three times the CPU time and the extra memory (CPU time,
    not the wall clock, so that other work on a shared machine does not skew the ratio)."""
    assert max(big.cpu_seconds, FLOOR) / max(small.cpu_seconds, FLOOR) < 3, (small, big)
    assert max(big.extra_mb, 20) / max(small.extra_mb, 20) < 3, (small, big)


def folder_with(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    return folder


@pytest.mark.slow
def test_points_load_in_linear_time_and_memory(tmp_path):
    costs = []
    for count in (100_000, 200_000):
        folder = folder_with(tmp_path, str(count))
        write_points(folder / "f.geojson", count)
        costs.append(load_cost(folder, {"type": "geojson", "path": "f.geojson"}))
    small, big = costs
    assert small.outcome == big.outcome == "ok"
    assert big.seconds < 120 and big.extra_mb < 2_000, big
    assert_linear(small, big)


def test_many_properties_load_linearly_and_too_many_are_refused_quickly(tmp_path):
    costs = {}
    for count in (250, 500, 2_000, 4_000):
        folder = folder_with(tmp_path, str(count))
        features = [{"type": "Feature", "properties": {f"p{j}": j for j in range(count)},
                     "geometry": None} for _ in range(3)]  # fmt: skip
        write_collection(folder / "f.geojson", features)
        costs[count] = load_cost(folder, {"type": "geojson", "path": "f.geojson"})
    assert costs[250].outcome == costs[500].outcome == "ok"
    assert_linear(costs[250], costs[500])
    for count in (2_000, 4_000):  # over MAX_PROPERTIES: refused, naming the feature
        assert costs[count].outcome.startswith("DataError"), costs[count]
        assert "entité n° 1" in costs[count].outcome
        assert costs[count].seconds < 10 and costs[count].extra_mb < 200, costs[count]
    assert_linear(costs[2_000], costs[4_000])


def test_excel_rows_load_in_linear_time_and_memory(tmp_path):
    costs = []
    for rows in (10_000, 20_000):
        folder = folder_with(tmp_path, str(rows))
        write_big_workbook(folder / "f.xlsx", rows)
        costs.append(load_cost(folder, {"type": "excel", "path": "f.xlsx"}))
    small, big = costs
    assert small.outcome == big.outcome == "ok"
    assert big.seconds < 90 and big.extra_mb < 1_000, big
    assert_linear(small, big)


def test_map_layer_areas_read_in_linear_time_and_memory(tmp_path):
    costs = []
    for count in (10_000, 20_000):
        path = write_polygons(tmp_path / f"{count}.geojson", count)
        code = f"areas = geo.read_geojson(Path({str(path)!r}))\nassert len(areas['features']) == {count}"
        costs.append(measure(code, setup=SETUP, cwd=REPO))
    small, big = costs
    assert small.outcome == big.outcome == "ok"
    assert_linear(small, big)


@pytest.mark.parametrize("kind", ["deep", "bomb"])
def test_hostile_files_are_refused_quickly(tmp_path, kind):
    if kind == "deep":
        nested = "[" * 200_000 + "]" * 200_000
        text = '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"x":'
        (tmp_path / "f.geojson").write_text(text + nested + '},"geometry":null}]}', "utf-8")
        source = {"type": "geojson", "path": "f.geojson"}
    else:  # a sheet declared as 4 GB once decompressed: refused before decompressing
        write_workbook(tmp_path / "f.xlsx", [["a"], [1]])
        declare_size(tmp_path / "f.xlsx", "xl/worksheets/sheet1.xml", 4_000_000_000)
        source = {"type": "excel", "path": "f.xlsx"}
    cost = load_cost(tmp_path, source)
    assert cost.outcome.startswith("DataError"), cost
    assert cost.seconds < 10 and cost.extra_mb < 300, cost
