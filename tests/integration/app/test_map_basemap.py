"""Maps in the real app (AppTest): the basemap, the notice when its tiles cannot be had,
and proportional dots that visibly differ on the examples, with their size legend."""

from __future__ import annotations

import base64
import itertools
import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from datacites_proto.blueprint.basemaps import IGN_PLAN_URL
from datacites_proto.views.maps import basemap as bm
from tests.conftest import REPO
from tests.support.apptest import app_for, deck_specs, open_page, texts
from tests.support.tile_server import tile_server

MAPS = REPO / "tests" / "blueprints" / "maps"
OFFLINE = "Le fond de carte n'a pas pu être chargé"


@pytest.fixture(autouse=True)
def default_basemap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(bm.BASEMAP_ENV, raising=False)


def copy(source: Path, tmp_path: Path) -> Path:
    folder = tmp_path / source.name
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns(".datacites"))
    return folder


def run(blueprint: Path, slug: str) -> AppTest:
    at = app_for(blueprint, timeout=180)
    open_page(at, slug)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rows_of(layer: dict[str, Any]) -> list[dict[str, Any]]:
    data = layer["data"]
    return data["features"] if isinstance(data, dict) else data


def size_legends(at: AppTest) -> list[tuple[str, str]]:
    """The size legends' SVGs (sent as data URLs) and their alternative texts."""
    found = []
    for el in at.get("image"):
        for img in el.proto.imgs:
            if img.url.startswith("data:image/svg+xml;base64,"):
                svg = base64.b64decode(img.url.split(",", 1)[1]).decode("utf-8")
                found.append((svg, img.alt))
    return found


def test_offline_the_map_says_so_and_still_draws_its_layers(tmp_path: Path) -> None:
    # This machine reaches no tile server: Plan IGN (the default) cannot load.
    assert not bm.tiles_reachable(IGN_PLAN_URL)
    at = run(copy(MAPS, tmp_path) / "blueprint.yaml", "lieux")
    notices = [i.value for i in at.info if OFFLINE in i.value]
    assert notices == [
        "Le fond de carte n'a pas pu être chargé (Plan IGN ne répond pas depuis ce serveur) : "
        "les données restent affichées, sans le plan dessous."
    ]
    (spec,) = deck_specs(at)
    assert "mapStyle" not in spec  # a blank background, not a grid of failed tiles
    assert [layer["@@type"] for layer in spec["layers"]] == ["GeoJsonLayer", "ScatterplotLayer"]
    assert len(rows_of(spec["layers"][1])) == 6


def test_reachable_tiles_are_drawn_under_the_layers_and_credited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with tile_server() as template:
        monkeypatch.setenv(bm.BASEMAP_ENV, template)
        at = run(copy(MAPS, tmp_path) / "blueprint.yaml", "lieux")
    assert not any(OFFLINE in i.value for i in at.info)
    (spec,) = deck_specs(at)
    source = bm.style_tiles(spec["mapStyle"])
    assert source["tiles"] == [template] and source["type"] == "raster"
    assert "Fond de carte : tuiles de 127.0.0.1." in texts(at)


def test_a_map_without_basemap_shows_no_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(bm.BASEMAP_ENV, "none")
    at = run(copy(MAPS, tmp_path) / "blueprint.yaml", "lieux")
    assert not any(OFFLINE in i.value for i in at.info)
    assert "Fond de carte" not in texts(at)
    (spec,) = deck_specs(at)
    assert "mapStyle" not in spec and "mapProvider" not in spec


# Proportional dots on the examples -------------------------------------------------------


def _sized_layer(at: AppTest) -> dict[str, Any]:
    (spec,) = deck_specs(at)
    (layer,) = [layer for layer in spec["layers"] if layer["@@type"] == "ScatterplotLayer"]
    return layer


def _expected(values: pd.Series) -> np.ndarray:
    top = values.max()
    return np.maximum(24 * np.sqrt(values.clip(lower=0) / top), 3)


def test_charging_points_grow_with_their_power(tmp_path: Path) -> None:
    folder = copy(REPO / "examples" / "recharge", tmp_path)
    at = run(folder / "blueprint.yaml", "accueil")
    layer = _sized_layer(at)
    assert layer["radiusUnits"] == "pixels"
    assert (layer["radiusMinPixels"], layer["radiusMaxPixels"]) == (3, 24)
    radii = np.array([row["r"] for row in rows_of(layer)])
    # Independent: the powers of the file; a 22 kW point is about a third of a 200 kW one.
    irve = pd.read_csv(folder / "data" / "irve.csv", sep=None, engine="python")
    powers = pd.to_numeric(irve["puissance_nominale_kw"], errors="coerce").dropna()
    assert radii.max() == 24.0
    assert len(np.unique(radii)) >= min(4, powers.nunique())  # sizes that differ
    for power in powers.unique():
        want = _expected(pd.Series([power, powers.max()]))[0]
        assert np.isclose(radii, want, atol=0.006).any(), power
    big, small = powers.max(), powers[powers > 0].min()
    ratio = float(_expected(pd.Series([small, big]))[0] / 24)
    assert ratio == pytest.approx(max(np.sqrt(small / big), 3 / 24), abs=1e-3)
    # A size legend: circles at the radii of the values they name.
    ((legend, alt),) = size_legends(at)
    assert 'r="24.0"' in legend and alt.startswith("Cercles de la légende : 300")
    assert "**Taille des points : Puissance (kW)**" in [m.value for m in at.markdown]
    assert "La surface des points est proportionnelle" in texts(at)


def test_car_parks_grow_with_their_places(tmp_path: Path) -> None:
    folder = copy(REPO / "examples" / "recharge", tmp_path)
    at = run(folder / "blueprint.yaml", "parkings")
    radii = sorted(row["r"] for row in rows_of(_sized_layer(at)))
    assert radii[-1] == 24.0
    assert radii[0] < radii[-1] / 2  # the smallest car park looks smaller, clearly
    ((legend, _),) = size_legends(at)
    circles = [float(part.split('"')[0]) for part in legend.split(' r="')[1:]]
    assert circles[0] == 24.0 and all(a > b for a, b in itertools.pairwise(circles))


# The territory's outline when there is no basemap --------------------------------------


def _coarsest_geometries(folder: Path) -> list[dict[str, Any]]:
    """Independent: the blueprint's GeoJSON file with the fewest features, as written."""
    files = [json.loads(p.read_text(encoding="utf-8")) for p in (folder / "data").glob("*.geojson")]
    return [f["geometry"] for f in min(files, key=lambda d: len(d["features"]))["features"]]


def _rounded(geometry: Any) -> Any:
    if isinstance(geometry, dict):
        return {k: _rounded(v) for k, v in geometry.items()}
    if isinstance(geometry, list):
        return [_rounded(v) for v in geometry]
    return round(geometry, 5) if isinstance(geometry, float) else geometry


@pytest.mark.parametrize("basemap", [None, "none"])
def test_without_tiles_a_points_map_draws_the_territory_first(
    basemap: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if basemap:
        monkeypatch.setenv(bm.BASEMAP_ENV, basemap)
    folder = copy(MAPS, tmp_path)
    at = run(folder / "blueprint.yaml", "bornes")
    (spec,) = deck_specs(at)
    outline, *layers = spec["layers"]
    assert [layer["id"] for layer in layers] == ["bornes", "ademe"]
    assert (outline["@@type"], outline["id"]) == ("GeoJsonLayer", "territory-outline")
    assert outline["pickable"] is False and outline["getFillColor"] == [242, 242, 242]
    drawn = [f["geometry"] for f in outline["data"]["features"]]
    assert len(drawn) == len(_coarsest_geometries(folder))
    assert drawn[0]["type"] == _coarsest_geometries(folder)[0]["type"]
    assert all(f["properties"] == {} for f in outline["data"]["features"])  # no data leaks
    # The view is still fitted to the dots, not to the outline.
    assert spec["initialViewState"] == {"longitude": -3.55, "latitude": 47.87, "zoom": 12}


def test_with_tiles_or_areas_of_its_own_there_is_no_outline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy(MAPS, tmp_path)
    at = run(folder / "blueprint.yaml", "lieux")  # it draws its perimeter itself
    (spec,) = deck_specs(at)
    assert "territory-outline" not in [layer["id"] for layer in spec["layers"]]
    with tile_server() as template:
        monkeypatch.setenv(bm.BASEMAP_ENV, template)
        at = run(folder / "blueprint.yaml", "bornes")
    (spec,) = deck_specs(at)
    assert [layer["id"] for layer in spec["layers"]] == ["bornes", "ademe"]


def test_the_service_chooses_for_its_maps(tmp_path: Path) -> None:
    folder = copy(MAPS, tmp_path)
    path = folder / "blueprint.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  lang: fr\n", "  lang: fr\n  basemap: none\n", 1), "utf-8")
    at = run(path, "bornes")
    assert not any(OFFLINE in i.value for i in at.info)  # no basemap asked: nothing failed
    (spec,) = deck_specs(at)
    assert "mapStyle" not in spec and spec["layers"][0]["id"] == "territory-outline"
