"""The `map` view in the real app (AppTest): deck specs, legends, alt texts and data
tables checked against independent computations (pandas, h3 point by point).

The blueprint is tests/blueprints/maps: every layer type on small files (`generate.py`),
a `shared` dataset with small groups, geometry columns in three text formats.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import h3
import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from datacites_proto.engine import geo
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.views.maps import basemap as bm
from datacites_proto.views.maps import drawing as dr
from tests.conftest import REPO
from tests.support.apptest import (
    app_for,
    deck_specs,
    open_page,
    open_see_data,
    see_data_expanders,
    texts,
)
from tests.support.tile_server import tile_server

MAPS = REPO / "tests" / "blueprints" / "maps"
EXAMPLE = REPO / "examples" / "coeur_de_ville"
FR = Formatter("fr")
NNBSP = "\u202f"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the maps blueprint (the app writes its cache next to it)."""
    folder = tmp_path_factory.mktemp("maps") / "cartes"
    shutil.copytree(MAPS, folder, ignore=shutil.ignore_patterns(".datacites"))
    return folder


@pytest.fixture(autouse=True)
def tiles(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Tiles this machine can reach (its network is closed): the layers as drawn over a
    basemap (no offline notice, no territory outline: tests/.../test_map_basemap.py)."""
    with tile_server() as template:
        monkeypatch.setenv("DATACITES_BASEMAP", template)
        yield template


def run(blueprint: Path, slug: str, **params: Any) -> AppTest:
    at = app_for(blueprint, params, timeout=180)
    open_page(at, slug)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "n'a pas pu s'afficher" not in texts(at)
    assert not at.warning, [w.value for w in at.warning]
    return at


def rows_of(layer: dict[str, Any]) -> list[dict[str, Any]]:
    data = layer["data"]
    return data["features"] if isinstance(data, dict) else data


def charts(at: AppTest) -> list[Any]:
    return list(at.get("deck_gl_json_chart"))


def tables(at: AppTest) -> list[pd.DataFrame]:
    """The maps' « Voir les données » tables (opened first: the app fills them only then)."""
    if see_data_expanders(at) and not at.table and not at.dataframe:
        open_see_data(at)
    return [t.value for t in at.table] + [d.value for d in at.dataframe]


def legends(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown if r"\blacksquare" in m.value)


# Points: a dataset's rows, sized by an indicator through the key --------------------------


def test_points_sized_by_an_indicator_per_site(project: Path, tiles: str) -> None:
    at = run(project / "blueprint.yaml", "lieux")
    (spec,) = deck_specs(at)
    assert [layer["@@type"] for layer in spec["layers"]] == ["GeoJsonLayer", "ScatterplotLayer"]
    assert [layer["id"] for layer in spec["layers"]] == ["perimetre", "points-1"]
    dots = spec["layers"][1]
    data = rows_of(dots)
    # Independent: the sum of counts per site, from the files.
    sites = pd.read_csv(project / "data" / "sites.csv", sep=";")
    counts = pd.read_csv(project / "data" / "counts.csv", sep=";")
    passages = counts.groupby("site_id")["count"].sum()
    assert len(data) == len(sites)
    by_name = {row["sel"]: row for row in data}
    for site in sites.itertuples():
        row = by_name[site.site_name]
        assert row["p"] == [round(site.xlong, 5), round(site.ylat, 5)]
        value = passages.get(site.site_id)
        shown = "—" if value is None else FR.value(value, "integer", None, "passages")
        assert row["tooltip"] == f"Lieu : {site.site_name}\nPassages : {shown}"
        assert set(row) == {"p", "r", "sel", "tooltip"}  # only what the layer uses
    biggest = sites.set_index("site_id").loc[passages.idxmax(), "site_name"]
    assert by_name[biggest]["r"] == 24.0  # max_size (pixels): the largest value
    assert by_name["Basse-ville"]["r"] == 3.0  # no counter: no value, min_size
    assert dots["getRadius"] == "@@=r" and dots["pickable"] is True
    assert dots["radiusUnits"] == "pixels" and dots["radiusMaxPixels"] == 24
    (chart,) = charts(at)
    assert json.loads(chart.proto.tooltip) == {"text": "{tooltip}"}
    assert chart.proto.alt == (
        "Carte : 1 forme (perimetre) ; 6 points (Lieux de comptage) ; valeur la plus haute "
        f"de « Passages » : {biggest} ({FR.value(passages.max(), 'integer', None, 'passages')})."
    )
    # Fitted to the data: the perimeter and the sites.
    state = spec["initialViewState"]
    assert -3.556 <= state["longitude"] <= -3.5412 and 47.864 <= state["latitude"] <= 47.878
    assert bm.style_tiles(spec["mapStyle"])["tiles"] == [tiles]
    # The data, as a table, largest first.
    shapes_table, dots_table = tables(at)
    assert shapes_table["nom"].tolist() == ["Centre-ville"]
    want = [FR.value(v, "integer", None, "passages") for v in passages.sort_values(ascending=False)]
    assert dots_table["Passages"].tolist() == [*want, "—"]
    assert dots_table["Lieu"].iloc[0] == biggest
    assert "La surface des points est proportionnelle à « Passages »." in texts(at)
    assert "Cliquez sur la carte pour filtrer la page (Lieu)." in texts(at)


def test_the_page_filters_reach_the_map(project: Path) -> None:
    at = run(project / "blueprint.yaml", "lieux", lieu=["Gare", "Halles"])
    (spec,) = deck_specs(at)
    assert sorted(row["sel"] for row in rows_of(spec["layers"][1])) == ["Gare", "Halles"]


def test_without_basemap_layers_draw_on_blank(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATACITES_BASEMAP", "none")
    at = run(project / "blueprint.yaml", "lieux")
    (spec,) = deck_specs(at)
    assert "mapProvider" not in spec and "mapStyle" not in spec
    assert len(rows_of(spec["layers"][1])) == 6


def test_points_from_geometry_text_columns(project: Path) -> None:
    at = run(project / "blueprint.yaml", "bornes")
    (spec,) = deck_specs(at)
    assert spec["initialViewState"] == {"longitude": -3.55, "latitude": 47.87, "zoom": 12}
    bornes, ademe = spec["layers"]
    assert (bornes["id"], ademe["id"]) == ("bornes", "ademe")
    # Independent reading of the files with the documented formats.
    irve = pd.read_csv(project / "data" / "bornes.csv", sep=";", dtype=str, keep_default_na=False)
    placed = {}
    for row in irve.itertuples():
        text = row.coordonneesXY.strip().strip("[]")
        try:
            lon, lat = (float(v) for v in text.split(","))
        except ValueError:
            continue
        placed[row.nom_station] = [round(lon, 5), round(lat, 5)]
    data = rows_of(bornes)
    assert len(data) == len(placed) == 40
    for row in data:
        name = row["tooltip"].split("\n")[0].removeprefix("nom_station : ")
        assert row["p"] == placed[name]
    # Coloured by power: one class per distinct power, viridis, with a legend.
    powers = sorted(pd.to_numeric(irve["puissance"]).unique())
    colours = dr.sequential(len(powers))
    for row in data:
        power = float(row["tooltip"].split("Puissance (kW) : ")[1].replace(",", "."))
        assert row["c"] == colours[powers.index(power)]
    assert "**Puissance (kW)**" in legends(at)
    assert "$ 7,4" in legends(at) and "$ 150" in legends(at)
    ademe_file = pd.read_csv(project / "data" / "ademe.csv", dtype=str)
    readable = [t for t in ademe_file["_geopoint"] if t[0].isdigit()]
    assert len(rows_of(ademe)) == len(readable) == 15
    assert "2 lignes de « Bornes de recharge » n'ont pas de position lisible" in texts(at)
    assert "1 lignes de « Points ADEME » n'ont pas de position lisible" in texts(at)


# Hexagons and heatmap: a shared dataset, aggregated on the server ---------------------------


def incidents(project: Path) -> pd.DataFrame:
    return pd.read_csv(project / "data" / "incidents.csv", sep=";")


def hexagon_of(lon: float, lat: float, resolution: int, decimals: int) -> str:
    """A point's hexagon as documented: its position snapped to the nearest multiple of
    10^-decimals (ties up, on lon + 180 and lat + 90), then h3."""
    scale = 10.0**decimals
    x = np.floor((lon + 180.0) * scale + 0.5) / scale - 180.0
    y = np.floor((lat + 90.0) * scale + 0.5) / scale - 90.0
    return h3.latlng_to_cell(y, x, resolution)


def test_hexagons_and_heatmap_of_a_shared_dataset(project: Path) -> None:
    at = run(project / "blueprint.yaml", "signalements")
    first, second = deck_specs(at)
    frame = incidents(project)
    # Independent: each incident's hexagon, position rounded to 4 decimals, h3 per point.
    cells = Counter(hexagon_of(x, y, 8, 4) for x, y in zip(frame["lon"], frame["lat"], strict=True))
    visible = {c: n for c, n in cells.items() if n >= 5}
    hexes, heat = first["layers"]
    assert (hexes["@@type"], hexes["id"], heat["@@type"], heat["id"]) == (
        "H3HexagonLayer",
        "cases",
        "HeatmapLayer",
        "chaleur",
    )
    drawn = {row["cell"]: row["tooltip"] for row in rows_of(hexes)}
    assert drawn == {c: f"Nombre de lignes : {FR.number(n)}" for c, n in visible.items()}
    hidden = len(cells) - len(visible)
    assert hidden >= 2  # several small cells: no complementary suppression needed here
    assert f"{hidden} cases de moins de 5 lignes ne sont pas dessinées" in texts(at)
    # The heatmap gets weighed cells, never the rows; small cells are left out.
    weights = rows_of(heat)
    assert 0 < len(weights) < len(frame)
    assert sum(w["w"] for w in weights) <= frame["gravite"].sum()
    assert set(weights[0]) == {"p", "w"} and heat["getWeight"] == "@@=w"
    chart_one, chart_two = charts(at)
    assert chart_one.proto.alt == "Les signalements, regroupés par quartier."
    # Data tables: the hexagons, most rows first, hidden ones said so.
    table = tables(at)[0]
    assert table["Hexagone (H3)"].iloc[0] == max(visible, key=visible.get)
    assert table["Nombre de lignes"].iloc[0] == FR.number(max(visible.values()))
    assert (table["Nombre de lignes"] == "masqué").sum() == hidden
    assert "Valeur masquée : elle porte sur moins de 5 unités (secret statistique)." in texts(at)
    # Second map: a mean per hexagon (computed in SQL), and a median that cannot be.
    mean_layer, median_layer = second["layers"]
    frame["cell"] = [
        hexagon_of(x, y, 9, 5) for x, y in zip(frame["lon"], frame["lat"], strict=True)
    ]
    groups = frame.groupby("cell")["gravite"].agg(["mean", "size"])
    groups = groups[groups["size"] >= 5]
    want = {c: f"Gravité moyenne : {FR.number(m, 2)}" for c, m in groups["mean"].items()}
    assert {row["cell"]: row["tooltip"] for row in rows_of(mean_layer)} == want
    assert all(row["tooltip"].startswith("Nombre de lignes : ") for row in rows_of(median_layer))
    assert "« Gravité médiane » ne se calcule pas par hexagone" in texts(at)
    assert chart_two.proto.alt.startswith(
        f"Carte : {len(want)} hexagones (Signalements) colorés selon « Gravité moyenne », de "
    )


# Choropleth and shapes ----------------------------------------------------------------------


def test_choropleth_with_bands_suppression_and_missing_areas(project: Path) -> None:
    at = run(project / "blueprint.yaml", "commerces")
    first, second = deck_specs(at)
    areas, lanes = first["layers"]
    assert (areas["@@type"], areas["id"]) == ("GeoJsonLayer", "vacance")
    assert areas["getFillColor"] == "@@=properties.c"
    shops = pd.read_csv(project / "data" / "shops.csv", sep=";")
    per_zone = shops.groupby("code_zone")["statut"].agg(
        share=lambda s: (s == "vacant").mean(), n="size"
    )
    features = {f["properties"]["code"]: f["properties"] for f in rows_of(areas)}
    assert set(features) == {"Z1", "Z2", "Z3", "Z4", "Z5"}

    def band(share: float) -> list[int]:
        return dr.rgb("green" if share < 0.05 else "orange" if share < 0.10 else "red")

    for code, props in features.items():
        if code not in per_zone.index:
            assert props["c"] == dr.MISSING_RGB and "pas de donnée" in props["tooltip"]
        elif per_zone.loc[code, "n"] < 3:
            assert props["c"] == dr.HIDDEN_RGB and props["tooltip"].endswith("masqué")
        else:
            share = per_zone.loc[code, "share"]
            assert props["c"] == band(share)
            assert props["tooltip"].endswith(f"Taux de vacance : {FR.percent(share)}")
            assert props["sel"] == code
    legend = legends(at)
    for line in (
        "favorable (moins de 5,0\u00a0%)",
        "à surveiller (5,0\u00a0% à 10,0\u00a0%)",
        "défavorable (10,0\u00a0% et plus)",
        "masqué (moins de 3 unités)",
        "pas de donnée",
    ):
        assert line in legend
    assert r"$\textcolor{#1a9850}{\blacksquare}$ favorable" in legend
    table = tables(at)[0]
    assert table["code_zone"].tolist() == ["Z1", "Z2", "Z3", "Z4", "Z5"]
    assert table["Taux de vacance"].tolist() == [
        FR.percent(per_zone.loc["Z1", "share"]),
        FR.percent(per_zone.loc["Z2", "share"]),
        "masqué",
        "masqué",
        "pas de donnée",
    ]
    # Lanes from a WKT column: the broken one is skipped and counted.
    assert lanes["@@type"] == "GeoJsonLayer" and lanes["id"] == "shapes-1"
    assert [f["geometry"]["type"] for f in rows_of(lanes)] == ["LineString", "LineString"]
    assert lanes["getLineColor"] == [*dr.rgb("purple"), 255]
    assert "1 lignes de « Voies piétonnes » n'ont pas de position lisible" in texts(at)
    # The second map has no bands: viridis classes over the visible counts.
    counts = {f["properties"]["code"]: f["properties"]["c"] for f in rows_of(second["layers"][0])}
    assert counts["Z1"] == dr.sequential(2)[1] and counts["Z2"] == dr.sequential(2)[0]
    assert counts["Z3"] == dr.HIDDEN_RGB
    first_chart = charts(at)[0]
    assert first_chart.proto.alt.startswith("Carte : 5 zones colorées selon « Taux de vacance »")
    assert "Cliquez sur la carte pour filtrer la page (Zone)." in texts(at)


# More points than a map may send ---------------------------------------------------------------

BIG = """\
datacites: 1
service: {id: grand, title: Beaucoup de points}
datasets:
  points:
    title: Points
    source: {type: parquet, path: points.parquet}
    geometry: {lon: x, lat: y}
    key: id
pages:
  - title: Carte
    slug: carte
    views:
      - type: map
        layers: [{type: points, dataset: points, tooltip: [id]}]
"""


def test_two_hundred_thousand_points_are_grouped_on_the_server(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    n = 200_000
    frame = pd.DataFrame(
        {
            "id": [f"p{i}" for i in range(n)],
            "x": np.round(-3.55 + rng.normal(0, 0.03, n), 6),
            "y": np.round(47.87 + rng.normal(0, 0.02, n), 6),
        }
    )
    frame.to_parquet(tmp_path / "points.parquet")
    (tmp_path / "blueprint.yaml").write_text(BIG, encoding="utf-8")
    at = run(tmp_path / "blueprint.yaml", "carte")
    (chart,) = charts(at)
    spec = json.loads(chart.proto.json)
    (layer,) = spec["layers"]
    assert layer["@@type"] == "H3HexagonLayer" and layer["id"] == "points-0"
    data = rows_of(layer)
    assert 0 < len(data) <= geo.MAX_FEATURES
    total = sum(int(row["tooltip"].split(" : ")[1].replace(NNBSP, "")) for row in data)
    assert total == n
    sentence = f"200{NNBSP}000 points regroupés en {FR.number(len(data))} hexagones"
    assert sentence in texts(at) and sentence in chart.proto.alt
    assert len(chart.proto.json) < 2_000_000  # bytes sent to the browser
    table = tables(at)[0]
    assert len(table) == dr.TABLE_ROWS
    assert f"Les 1{NNBSP}000 premières lignes sur {FR.number(len(data))}." in texts(at)


@pytest.mark.slow
def test_a_million_points_send_well_under_two_megabytes(tmp_path: Path) -> None:
    rng = np.random.default_rng(6)
    n = 1_000_000
    pd.DataFrame(
        {
            "id": np.arange(n),
            "x": np.round(-3.6 + rng.random(n) * 0.15, 6),
            "y": np.round(47.83 + rng.random(n) * 0.1, 6),
        }
    ).to_parquet(tmp_path / "points.parquet")
    (tmp_path / "blueprint.yaml").write_text(BIG, encoding="utf-8")
    at = run(tmp_path / "blueprint.yaml", "carte")
    (chart,) = charts(at)
    data = rows_of(json.loads(chart.proto.json)["layers"][0])
    assert len(data) <= geo.MAX_FEATURES
    assert sum(int(row["tooltip"].split(" : ")[1].replace(NNBSP, "")) for row in data) == n
    assert len(chart.proto.json) < 1_000_000  # measured: 0.68 MB for 8,692 hexagons


# The shipped example ---------------------------------------------------------------------------


def test_the_example_map_of_counting_sites(tmp_path: Path) -> None:
    folder = tmp_path / "coeur_de_ville"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".datacites"))
    at = run(folder / "blueprint.yaml", "accueil")
    specs = deck_specs(at)
    assert len(specs) == 1
    (layer,) = specs[0]["layers"]
    assert (layer["@@type"], layer["id"]) == ("ScatterplotLayer", "points-0")
    # Independent: pedestrians counted per site over the default period (last 90 days).
    data = folder / "data"
    measures = pd.read_parquet(data / "measures.parquet")
    channels = pd.read_csv(data / "channels.csv", sep=";")
    sites = pd.read_csv(data / "sites.csv", sep=";")
    rows = measures.merge(channels, on="channel_id").merge(sites, on="site_id")
    rows = rows[rows["mobility_type"] == "PEDESTRIAN"]
    latest = rows["start_datetime"].max().normalize()
    recent = rows[rows["start_datetime"] >= latest - pd.Timedelta(days=89)]
    per_site = recent.groupby("site_name")["count"].sum()
    tooltips = sorted(row["tooltip"] for row in rows_of(layer))
    assert tooltips == sorted(
        f"Lieu : {name}\nPassages piétons : {FR.value(v, 'integer', None, 'passages')}"
        for name, v in per_site.items()
    )
    radii = {row["sel"]: row["r"] for row in rows_of(layer)}
    assert radii[per_site.idxmax()] == 24.0  # max_size, in pixels
    for name, value in per_site.items():
        want_r = max(24 * np.sqrt(value / per_site.max()), 3)
        assert radii[name] == pytest.approx(want_r, abs=0.006)
    (chart,) = charts(at)
    top = FR.value(per_site.max(), "integer", None, "passages")
    assert chart.proto.alt == (
        f"Carte : {len(sites)} points (Sites de comptage) ; valeur la plus haute de "
        f"« Passages piétons » : {per_site.idxmax()} ({top})."
    )
    assert json.loads(chart.proto.tooltip) == {"text": "{tooltip}"}
    table = next(t for t in tables(at) if "Passages piétons" in t.columns and "Lieu" in t.columns)
    want = per_site.sort_values(ascending=False)
    assert table["Lieu"].tolist() == want.index.tolist()
    assert table["Passages piétons"].tolist() == [
        FR.value(v, "integer", None, "passages") for v in want
    ]
