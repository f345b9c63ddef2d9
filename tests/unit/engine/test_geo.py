"""Positions read from every geometry format, and aggregation on the server checked
against independent computations (pandas and h3 point by point) on generated files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import h3
import numpy as np
import pandas as pd
import pytest

from datacites_proto.engine import geo
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.engine.service import Service

# Text as found in open data, and what it means (None: no position).
SAMPLES: list[tuple[str | None, str | None, tuple[float, float] | None]] = [
    # GeoJSON
    ('{"type": "Point", "coordinates": [2.35, 48.85]}', "geojson", (2.35, 48.85)),
    ('{"coordinates":[-3.548836,47.874854],"type":"Point"}', "geojson", (-3.548836, 47.874854)),
    ('{"type": "Point", "coordinates": [2.35, 48.85, 35.0]}', "geojson", (2.35, 48.85)),
    ('{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}', "geojson", None),
    ('{"type": "Point", "coordinates": []}', "geojson", None),
    ("{not json", "geojson", None),
    # WKT
    ("POINT (2.35 48.85)", "wkt", (2.35, 48.85)),
    ("POINT(-3.5488 47.8748)", "wkt", (-3.5488, 47.8748)),
    ("point (2.35 48.85)", "wkt", (2.35, 48.85)),
    ("SRID=4326;POINT Z (2.35 48.85 12)", "wkt", (2.35, 48.85)),
    ("POINT EMPTY", "wkt", None),
    ("LINESTRING (0 0, 1 1)", "wkt", None),
    ("n/a", "wkt", None),
    # "lat,lon" (ADEME's _geopoint)
    ("48.85,2.35", "latlon", (2.35, 48.85)),
    (" 47.874854 , -3.548836 ", "latlon", (-3.548836, 47.874854)),
    ("48.85;2.35", "latlon", (2.35, 48.85)),
    ("91,2", "latlon", None),  # latitude out of range
    ("48.85", "latlon", None),
    ("1e999,2", "latlon", None),  # infinite
    ("48,85", "latlon", (85.0, 48.0)),  # read as written: lat 48, lon 85
    ("", None, None),
    ("   ", None, None),
    # "[lon,lat]" (IRVE's coordonneesXY)
    ("[2.35, 48.85]", "lonlat", (2.35, 48.85)),
    ("[-3.548836,47.874854]", "lonlat", (-3.548836, 47.874854)),
    ("[2.35]", "lonlat", None),
    ("[]", "lonlat", None),
    ("[200, 10]", "lonlat", None),  # longitude out of range
    (None, None, None),
]


@pytest.mark.parametrize(("text", "fmt", "point"), SAMPLES)
def test_each_format_is_detected_and_read(text, fmt, point) -> None:  # type: ignore[no-untyped-def]
    assert geo.detect_format(text) == fmt
    assert geo.parse_point(text) == point
    if fmt is not None:
        assert geo.parse_point(text, fmt) == point


def test_a_declared_format_wins_over_detection() -> None:
    # "lon,lat" without brackets would be read as "lat,lon": the declaration says otherwise.
    assert geo.parse_point("2.35,48.85") == (48.85, 2.35)
    assert geo.parse_point("2.35,48.85", "lonlat") == (2.35, 48.85)
    assert geo.parse_point("POINT (2.35 48.85)", "latlon") is None


@pytest.mark.parametrize(
    ("text", "kind", "first"),
    [
        ("POLYGON ((0 0, 1 0, 1 1, 0 0))", "Polygon", [[[0, 0], [1, 0], [1, 1], [0, 0]]]),
        ("LINESTRING(-3.549 47.874, -3.548 47.872)", "LineString", [[-3.549, 47.874]]),
        ("MULTIPOINT ((1 2), (3 4))", "MultiPoint", [[1, 2], [3, 4]]),
        ("MULTIPOINT (1 2, 3 4)", "MultiPoint", [[1, 2], [3, 4]]),
        (
            "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))",
            "MultiPolygon",
            [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]],
        ),
        ("POINT (2.35 48.85)", "Point", [2.35, 48.85]),
        (
            '{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}}',
            "Point",
            [1, 2],
        ),
        ("[2.35, 48.85]", "Point", [2.35, 48.85]),
    ],
)
def test_shapes_are_read_as_geojson_geometries(text: str, kind: str, first: list) -> None:  # type: ignore[type-arg]
    shape = geo.parse_shape(text)
    assert shape is not None and shape["type"] == kind
    coords = shape["coordinates"]
    assert coords[: len(first)] == first if kind != "Point" else coords == first


@pytest.mark.parametrize(
    "text",
    [
        "POLYGON ((0 0, 1 0",
        "CIRCLE (0 0, 5)",
        "POLYGON ((a b, c d))",
        '{"type": "Polygon", "coordinates": [[0, 0]]}',
        '{"type": "LineString", "coordinates": [[0, 0], [500, 0]]}',
        "garbage",
        "",
        None,
        42,
    ],
)
def test_unreadable_shapes_are_none(text: object) -> None:
    assert geo.parse_shape(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "POLYGON " + "(" * 50_000 + "0 0" + ")" * 50_000,  # RecursionError in json.loads
        '{"type": "Point", "coordinates": ' + "[" * 50_000 + "]" * 50_000 + "}",
        '{"type": "Point", "coordinates": [1, "x"]}',  # ValueError in float()
        '{"type": "Point", "coordinates": [1e999, 0]}',
        {"type": "Point", "coordinates": [10**400, 0]},  # OverflowError in float()
        {"type": {"a": 1}, "coordinates": [1, 2]},  # unhashable type
        {"type": "LineString", "coordinates": [[0, 0], [[[[[[[[1]]]]]]]]]},
        {"type": "Point", "coordinates": [True, False]},
    ],
)
def test_hostile_shapes_are_none_not_errors(text: object) -> None:
    assert geo.parse_shape(text) is None


def test_rounding_drops_repeated_vertices_and_collapsed_rings() -> None:
    line = {"type": "LineString", "coordinates": [[1.123456, 2.0], [1.123458, 2.0], [1.2, 2.1]]}
    assert geo.round_geometry(line) == {
        "type": "LineString",
        "coordinates": [[1.12346, 2.0], [1.2, 2.1]],
    }
    tiny = {"type": "Polygon", "coordinates": [[[0, 0], [1e-7, 0], [1e-7, 1e-7], [0, 0]]]}
    assert geo.round_geometry(tiny) is None
    ring = [[0.123456789, 0], [1, 0], [1, 1], [0.123456789, 0]]
    rounded = geo.round_geometry({"type": "Polygon", "coordinates": [ring]})
    assert rounded is not None
    assert rounded["coordinates"][0][0] == [0.12346, 0.0] == rounded["coordinates"][0][-1]


# Real files through the real loaders ---------------------------------------------------------

BLUEPRINT = """\
datacites: 1
service: {id: geo, title: Géo}
datasets:
  mixed:
    source: {type: csv, path: mixed.csv}
    geometry: {column: geom}
    key: id
  declared:
    source: {type: csv, path: mixed.csv}
    geometry: {column: geom, format: lonlat}
    key: id
  points:
    source: {type: parquet, path: points.parquet}
    columns: {kind: string, w: number}
    geometry: {lon: x, lat: y}
    key: id
  shared:
    source: {type: parquet, path: points.parquet}
    columns: {kind: string, w: number}
    geometry: {lon: x, lat: y}
    governance: {access: shared, min_group_size: 5}
  private:
    source: {type: parquet, path: points.parquet}
    geometry: {lon: x, lat: y}
    governance: {personal: [x, y]}
  team_only:
    source: {type: parquet, path: points.parquet}
    geometry: {lon: x, lat: y}
    governance: {access: restricted}
  plain:
    source: {type: csv, path: mixed.csv}
indicators:
  total_w: {label: Total, dataset: points, measure: sum(w)}
  mean_w: {label: Moyenne, dataset: points, measure: mean(w)}
  heavy: {label: Part lourde, dataset: points, measure: share(w >= 5)}
  low_w: {label: Min, dataset: points, measure: min(w)}
  high_w: {label: Max, dataset: points, measure: max(w)}
  counted_a: {label: Comptés, dataset: points, measure: count(*), where: "kind = 'a'"}
  distinct: {label: Distincts, dataset: points, measure: count_distinct(kind)}
filters:
  kind: {type: multiselect, column: points.kind}
pages:
  - title: Carte
    views: [{type: kpi, indicator: total_w}]
"""


def _points(n: int, seed: int = 7, decimals: int = 4) -> pd.DataFrame:
    """Points in and around Quimperlé: two dense spots and a sparse spread."""
    rng = np.random.default_rng(seed)
    dense = n * 4 // 5
    x = np.concatenate(
        [-3.549 + rng.normal(0, 0.004, dense), -3.55 + rng.normal(0, 0.05, n - dense)]
    )
    y = np.concatenate(
        [47.873 + rng.normal(0, 0.003, dense), 47.87 + rng.normal(0, 0.03, n - dense)]
    )
    return pd.DataFrame(
        {
            "id": [f"p{i}" for i in range(n)],
            "x": np.round(x, decimals),
            "y": np.round(y, decimals),
            "kind": rng.choice(["a", "b", "c"], n),
            "w": rng.integers(0, 10, n).astype("float64"),
        }
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("geo")
    (folder / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    texts = [text for text, _, _ in SAMPLES]
    pd.DataFrame({"id": [f"m{i}" for i in range(len(texts))], "geom": texts}).to_csv(
        folder / "mixed.csv", sep=";", index=False
    )
    _points(20_000).to_parquet(folder / "points.parquet")
    return folder


@pytest.fixture(scope="module")
def service(project: Path) -> Service:
    with Service.from_blueprint(project / "blueprint.yaml", in_memory=True) as svc:
        yield svc


def test_sql_reads_every_format_as_python_does_and_counts_garbage(service: Service) -> None:
    query = geo.GeoQuery(service, "mixed")
    extent = query.extent()
    # Python's reading, row by row, of the same file.
    rows = pd.read_csv(service.blueprint.base_dir / "mixed.csv", sep=";", dtype=str)
    expected = {
        i: geo.parse_point(t if isinstance(t, str) else None)
        for i, t in zip(rows["id"], rows["geom"], strict=True)
    }
    located = {k: v for k, v in expected.items() if v is not None}
    assert extent.rows == len(rows)
    assert extent.located == len(located)
    assert extent.skipped == len(rows) - len(located)
    got = query.points(["id"])
    found = {
        i: (lon, lat)
        for i, lon, lat in zip(got.frame["id"], got.lon.tolist(), got.lat.tolist(), strict=True)
    }
    assert found.keys() == located.keys()
    for key, (lon, lat) in located.items():
        assert found[key] == (round(lon, 5), round(lat, 5))


def test_a_declared_format_reads_only_that_format(service: Service) -> None:
    got = geo.GeoQuery(service, "declared").points(["geom"])
    found = dict(
        zip(got.frame["geom"], zip(got.lon.tolist(), got.lat.tolist(), strict=True), strict=True)
    )
    texts = [t for t, _, _ in SAMPLES if isinstance(t, str)]
    want = {t: geo.parse_point(t, "lonlat") for t in texts}
    want = {t: (round(p[0], 5), round(p[1], 5)) for t, p in want.items() if p is not None}
    assert found == want
    assert "48.85,2.35" in want and "POINT (2.35 48.85)" not in want


def test_points_are_rounded_to_five_decimals_and_carry_only_what_is_asked(service: Service) -> None:
    frame = _points(20_000)
    got = geo.GeoQuery(service, "points").points(["kind"], limit=100)
    assert len(got.frame) == 100 and list(got.frame.columns) == ["kind"]
    assert np.array_equal(got.lon, np.round(got.lon, 5))
    by_id = frame.set_index("id")
    ordered = sorted(frame["id"])[:100]  # rows come in key order
    assert got.lon.tolist() == [round(by_id.loc[i, "x"], 5) for i in ordered]


def test_extent_and_points_follow_the_page_filters(service: Service) -> None:
    frame = _points(20_000)
    query = geo.GeoQuery(service, "points", {"kind": ["a"]})
    extent = query.extent()
    wanted = frame[frame["kind"] == "a"]
    assert extent.rows == extent.located == len(wanted)
    assert extent.bounds == geo.Bounds(
        wanted["x"].min(), wanted["y"].min(), wanted["x"].max(), wanted["y"].max()
    )
    assert set(query.points(["kind"]).frame["kind"]) == {"a"}


def _independent_cells(frame: pd.DataFrame, resolution: int, decimals: int) -> pd.Series:
    """Each point's hexagon, one h3 call per point, from its position snapped as documented:
    to the nearest multiple of 10^-decimals, ties up, on lon + 180 and lat + 90."""
    scale = 10.0**decimals
    lat = np.floor((frame["y"].to_numpy() + 90.0) * scale + 0.5) / scale - 90.0
    lon = np.floor((frame["x"].to_numpy() + 180.0) * scale + 0.5) / scale - 180.0
    return pd.Series(
        [h3.latlng_to_cell(a, b, resolution) for a, b in zip(lat, lon, strict=True)],
        index=frame.index,
    )


def test_hexagon_counts_equal_h3_point_by_point(service: Service) -> None:
    frame = _points(20_000)
    # Positions have 4 decimals and resolution 8 snaps to 4: the snapping changes nothing.
    assert geo.snap_decimals(8) == 4
    cells = geo.GeoQuery(service, "points").hexagons(8, audience="team")
    want = Counter(h3.latlng_to_cell(a, b, 8) for a, b in zip(frame["y"], frame["x"], strict=True))
    got = dict(zip(cells.frame["cell"], cells.frame["n"], strict=True))
    assert got == dict(want)
    assert cells.rows == len(frame) and cells.skipped == 0 and cells.threshold == 1
    assert not cells.frame["suppressed"].any()
    centre = h3.cell_to_latlng(cells.frame["cell"].iloc[0])
    assert (cells.frame["lat"].iloc[0], cells.frame["lon"].iloc[0]) == pytest.approx(centre)


def test_finer_positions_land_in_the_hexagon_of_their_rounded_position(
    tmp_path: Path,
) -> None:
    frame = _points(30_000, seed=3, decimals=7)
    folder = tmp_path / "fine"
    folder.mkdir()
    (folder / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    (folder / "mixed.csv").write_text("id;geom\n", encoding="utf-8")
    frame.to_parquet(folder / "points.parquet")
    with Service.from_blueprint(folder / "blueprint.yaml", in_memory=True) as svc:
        for resolution in (7, 9):
            decimals = geo.snap_decimals(resolution)
            cells = geo.GeoQuery(svc, "points").hexagons(resolution, audience="team")
            want = _independent_cells(frame, resolution, decimals).value_counts()
            assert dict(zip(cells.frame["cell"], cells.frame["n"], strict=True)) == want.to_dict()
            # Against the exact positions: only points a few metres from an edge move.
            exact = _independent_cells(frame, resolution, 12)
            moved = (exact != _independent_cells(frame, resolution, decimals)).mean()
            assert moved < 0.01, (resolution, moved)


@pytest.mark.parametrize(
    ("indicator", "compute"),
    [
        ("total_w", lambda g: g["w"].sum()),
        ("mean_w", lambda g: g["w"].mean()),
        ("heavy", lambda g: (g["w"] >= 5).mean()),
        ("low_w", lambda g: g["w"].min()),
        ("high_w", lambda g: g["w"].max()),
        ("counted_a", lambda g: float((g["kind"] == "a").sum())),
    ],
)
def test_an_indicator_that_adds_up_is_computed_per_hexagon(
    service: Service, indicator: str, compute
) -> None:  # type: ignore[no-untyped-def]
    frame = _points(20_000)
    frame["cell"] = _independent_cells(frame, 8, 4)
    cells = geo.GeoQuery(service, "points").hexagons(8, indicator=indicator, audience="team")
    assert cells.measure == indicator
    if indicator == "counted_a":  # the indicator's `where` keeps only its rows
        want = frame[frame["kind"] == "a"].groupby("cell")["kind"].size().astype(float)
    else:
        want = frame.groupby("cell").apply(compute, include_groups=False)
    got = pd.Series(cells.frame["value"].to_numpy(), index=cells.frame["cell"])
    pd.testing.assert_series_equal(
        got.sort_index(), want.sort_index().astype(float), check_names=False, rtol=1e-9
    )


def test_an_indicator_that_does_not_add_up_counts_rows(service: Service) -> None:
    assert not geo.cell_measure(service.blueprint, "distinct", "points")
    assert not geo.cell_measure(service.blueprint, "total_w", "shared")  # another dataset
    cells = geo.GeoQuery(service, "points").hexagons(8, indicator="distinct", audience="team")
    assert cells.measure is None
    assert (cells.frame["value"] == cells.frame["n"]).all()


def test_grid_counts_and_weights_equal_numpy(service: Service) -> None:
    frame = _points(20_000)
    step = 0.002
    cells = geo.GeoQuery(service, "points").grid(step, weight="w", audience="team")
    qx = np.floor((frame["x"] + 180) / step).astype(int)
    qy = np.floor((frame["y"] + 90) / step).astype(int)
    want = frame.assign(cell=qx.astype(str) + ":" + qy.astype(str)).groupby("cell")
    got = cells.frame.set_index("cell")
    assert got["n"].to_dict() == want.size().to_dict()
    assert got["value"].to_dict() == pytest.approx(want["w"].sum().to_dict())
    assert cells.rows == len(frame)


def test_small_hexagons_of_a_shared_dataset_are_suppressed(service: Service) -> None:
    cells = geo.GeoQuery(service, "shared").hexagons(9, audience="team")
    frame = cells.frame
    assert cells.threshold == 5
    assert frame.loc[frame["n"] < 5, "suppressed"].all()
    # Visible cells have at least 5 rows; a lone hidden cell would take a second one.
    assert (frame.loc[~frame["suppressed"], "n"] >= 5).all()
    assert frame["suppressed"].sum() >= 2
    # The same rows open to all: nothing hidden.
    assert (
        not geo.GeoQuery(service, "points").hexagons(9, audience="team").frame["suppressed"].any()
    )


def test_one_small_cell_alone_hides_the_smallest_other(tmp_path: Path) -> None:
    # Three far-apart groups: 3, 7 and 20 points. 3 < 5 is hidden; alone, it could be
    # recomputed from a total, so the 7 goes too.
    rows = [(-3.50, 47.80)] * 3 + [(-3.40, 47.70)] * 7 + [(-3.30, 47.60)] * 20
    frame = pd.DataFrame(rows, columns=["x", "y"]).assign(
        id=[f"p{i}" for i in range(len(rows))], kind="a", w=1.0
    )
    folder = tmp_path / "three"
    folder.mkdir()
    (folder / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    (folder / "mixed.csv").write_text("id;geom\n", encoding="utf-8")
    frame.to_parquet(folder / "points.parquet")
    with Service.from_blueprint(folder / "blueprint.yaml", in_memory=True) as svc:
        for cells in (
            geo.GeoQuery(svc, "shared").hexagons(8, audience="team"),
            geo.GeoQuery(svc, "shared").grid(0.01, audience="team"),
        ):
            hidden = dict(zip(cells.frame["n"], cells.frame["suppressed"], strict=True))
            assert hidden == {3: True, 7: True, 20: False}
        assert (
            not geo.GeoQuery(svc, "shared")
            .hexagons(8, threshold=1, audience="team")
            .frame["suppressed"]
            .any()
        )


def test_two_hundred_thousand_points_become_at_most_fifty_thousand_cells(tmp_path: Path) -> None:
    frame = _points(200_000, seed=11, decimals=6)
    folder = tmp_path / "big"
    folder.mkdir()
    (folder / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    (folder / "mixed.csv").write_text("id;geom\n", encoding="utf-8")
    frame.to_parquet(folder / "points.parquet")
    with Service.from_blueprint(folder / "blueprint.yaml", in_memory=True) as svc:
        query = geo.GeoQuery(svc, "points")
        extent = query.extent()
        assert extent.located == 200_000 > geo.MAX_FEATURES
        resolution = geo.auto_resolution(extent.bounds)
        cells = query.hexagons(resolution, threshold=1, extent=extent, audience="team")
        assert 0 < len(cells.frame) <= geo.MAX_FEATURES
        assert int(cells.frame["n"].sum()) == cells.rows == 200_000
        assert len(query.points(["kind"]).frame) == geo.MAX_FEATURES  # never more rows


def test_rows_are_governed_like_service_rows(service: Service) -> None:
    with pytest.raises(QueryError) as refused:
        geo.GeoQuery(service, "shared").points(["kind"])
    assert refused.value.code == "rows_not_allowed"
    assert len(geo.GeoQuery(service, "shared").points(["kind"], audience="team").frame) > 0
    with pytest.raises(QueryError) as personal:
        geo.GeoQuery(service, "private").points([], audience="team")
    assert personal.value.code == "personal_column_refused"
    with pytest.raises(QueryError) as placed:
        geo.GeoQuery(service, "private").hexagons(8, audience="team")
    assert placed.value.code == "personal_column_refused"
    restricted = geo.GeoQuery(service, "team_only")
    for public in (
        lambda: restricted.hexagons(8, audience="public"),
        lambda: restricted.grid(0.01, audience="public"),
    ):
        with pytest.raises(QueryError) as refused_aggregate:
            public()
        assert refused_aggregate.value.code == "rows_not_allowed"
    assert restricted.hexagons(8, audience="team").rows == 20_000
    with pytest.raises(QueryError) as nowhere:
        geo.GeoQuery(service, "plain")
    assert nowhere.value.code == "geo_no_geometry"


def test_empty_filters_give_empty_results_not_errors(service: Service) -> None:
    query = geo.GeoQuery(service, "points", {"kind": ["nothing"]})
    extent = query.extent()
    assert (extent.rows, extent.located, extent.bounds) == (0, 0, None)
    assert len(query.hexagons(8, extent=extent, audience="team").frame) == 0
    assert len(query.grid(0.01, extent=extent, audience="team").frame) == 0
    assert len(query.points(["kind"]).frame) == 0


def test_shapes_from_a_geometry_column_skip_what_cannot_be_read(service: Service) -> None:
    rows = geo.GeoQuery(service, "mixed").shapes(["id"])
    readable = [t for t, _, p in SAMPLES if geo.parse_shape(t) is not None]
    assert len(rows.geometries) == len(readable) == len(rows.frame)
    assert rows.rows == len(SAMPLES) and rows.skipped == len(SAMPLES) - len(readable)


def test_geojson_files_are_rounded_and_bounded(tmp_path: Path) -> None:
    path = tmp_path / "zones.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "features": ['
        '{"type": "Feature", "properties": {"code": 1}, "geometry": {"type": "Polygon", '
        '"coordinates": [[[-3.1234567, 47.1], [-3.0, 47.1], [-3.0, 47.2], [-3.1234567, 47.1]]]}},'
        '{"type": "Feature", "properties": {}, "geometry": null},'
        '{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [9, 99]}}'
        "]}",
        encoding="utf-8",
    )
    read = geo.read_geojson(path)
    assert read["skipped"] == 2 and len(read["features"]) == 1
    assert read["features"][0]["geometry"]["coordinates"][0][0] == [-3.12346, 47.1]
    assert read["bounds"] == geo.Bounds(-3.12346, 47.1, -3.0, 47.2)


def test_views_fit_their_bounds() -> None:
    city = geo.Bounds(-3.60, 47.83, -3.45, 47.93)
    view = geo.view_of(city)
    assert view["longitude"] == pytest.approx(-3.525) and 47.83 < view["latitude"] < 47.93
    assert 10 < view["zoom"] < 13
    assert geo.view_of(geo.Bounds(2, 48, 2, 48))["zoom"] == 14.0  # one point: a street view
    assert geo.view_of(geo.Bounds(-5, 42, 8, 51))["zoom"] < 6  # France
    assert geo.auto_resolution(city) == 10
    assert geo.auto_resolution(geo.Bounds(-5, 42, 8, 51)) == 5
    assert [geo.snap_decimals(r) for r in (5, 7, 9, 12)] == [3, 4, 5, 5]


def test_geojson_files_are_kept_in_a_bounded_cache(tmp_path: Path) -> None:
    from datacites_proto.engine.geo import files

    geo.clear_geojson_cache()
    size = files.FILES_CACHE_SIZE
    paths = []
    for i in range(size + 1):
        path = tmp_path / f"zone{i}.geojson"
        path.write_text(
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
            f' "geometry": {{"type": "Point", "coordinates": [{i / 100}, 47.1]}}}}]}}',
            encoding="utf-8",
        )
        paths.append(path)
    first = geo.read_geojson(paths[0])
    second = geo.read_geojson(paths[1])
    assert geo.read_geojson(paths[0]) is first  # read once per file version
    for path in paths[2:]:  # one file more than the cache holds: the least recent goes
        geo.read_geojson(path)
    assert len(files._FILES) == size
    assert geo.read_geojson(paths[0]) is first  # used recently: kept
    again = geo.read_geojson(paths[1])
    assert again is not second and again == second  # forgotten, then read again
    geo.clear_geojson_cache()
    assert len(files._FILES) == 0


def test_the_package_keeps_its_public_names() -> None:
    import importlib

    for name in geo.__all__:
        assert getattr(geo, name) is not None, name
    for module in ("parsing", "bounds", "cells", "files", "queries"):
        assert importlib.import_module(f"datacites_proto.engine.geo.{module}").__doc__
