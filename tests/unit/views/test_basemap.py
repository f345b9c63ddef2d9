"""Basemaps: the choice (env, view, service), the MapLibre style in the deck, the tile check."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from pydantic import ValidationError

from datacites_proto import inspect_blueprint
from datacites_proto.blueprint.basemaps import IGN_PLAN_URL, OSM_URL, normalise
from datacites_proto.views.map import FRANCE, MapView, build_deck
from datacites_proto.views.maps import basemap as bm
from tests.support.tile_server import tile_server


@pytest.fixture(autouse=True)
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(bm.BASEMAP_ENV, raising=False)


def deck_of(tiles: bm.Tiles | None) -> dict:  # type: ignore[type-arg]
    return json.loads(build_deck([], FRANCE, 400, tooltip=False, tiles=tiles).to_json())


def test_plan_ign_by_default_credited_to_ign() -> None:
    chosen = bm.choice(None, None)
    assert chosen == "ign"
    tiles = bm.tiles_for(chosen, "fr")
    assert tiles is not None
    assert tiles.url == IGN_PLAN_URL and "LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2" in tiles.url
    assert "TILEMATRIXSET=PM" in tiles.url and "{z}" in tiles.url
    assert (tiles.name, tiles.attribution) == ("Plan IGN", "© IGN")
    assert bm.credit(tiles, "fr") == "Fond de carte : Plan IGN (© IGN)."
    assert bm.credit(tiles, "en") == "Basemap: Plan IGN (© IGN)."
    deck = deck_of(tiles)
    # No Mapbox or Carto: the map library draws the IGN tiles from an inline style.
    assert deck["mapProvider"] == "carto" and deck["mapStyle"].startswith("data:application/json")
    source = bm.style_tiles(deck["mapStyle"])
    assert source["tiles"] == [IGN_PLAN_URL] and source["attribution"] == "© IGN"
    assert source["type"] == "raster" and source["tileSize"] == 256
    assert "cartocdn" not in json.dumps(deck) and "mapbox" not in json.dumps(deck)


def test_openstreetmap_credits_its_contributors_in_each_language() -> None:
    fr, en = bm.tiles_for("osm", "fr"), bm.tiles_for("osm", "en")
    assert fr is not None and en is not None and fr.url == OSM_URL
    assert bm.style_tiles(deck_of(fr)["mapStyle"])["attribution"] == (
        "© les contributeurs d'OpenStreetMap"
    )
    assert en.attribution == "© OpenStreetMap contributors"


def test_none_has_no_basemap_at_all() -> None:
    assert bm.tiles_for("none", "fr") is None
    deck = deck_of(None)
    assert "mapProvider" not in deck and "mapStyle" not in deck


def test_tiles_of_ones_own() -> None:
    url = "https://tuiles.exemple.fr/plan/{z}/{x}/{y}.png"
    tiles = bm.tiles_for(url, "fr")
    assert tiles is not None and tiles.url == url
    assert tiles.name == "tuiles de tuiles.exemple.fr"
    assert bm.credit(tiles, "fr") == "Fond de carte : tuiles de tuiles.exemple.fr."
    assert bm.style_tiles(deck_of(tiles)["mapStyle"])["tiles"] == [url]


def test_the_view_the_service_then_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert bm.choice("osm", "none") == "osm"
    assert bm.choice(None, "none") == "none"
    assert bm.choice(None, None) == "ign"
    # The operator's choice wins (an offline machine, a proxy): none, or a preset.
    monkeypatch.setenv(bm.BASEMAP_ENV, "none")
    assert bm.choice("osm", "ign") == "none"
    monkeypatch.setenv(bm.BASEMAP_ENV, "OSM")
    assert bm.choice("ign", None) == "osm"
    monkeypatch.setenv(bm.BASEMAP_ENV, "n'importe quoi")  # not a basemap: ignored
    assert bm.choice("ign", None) == "ign"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("ign", "ign"),
        (" OSM ", "osm"),
        ("none", "none"),
        ("http://127.0.0.1:8080/{z}/{x}/{y}.png", "http://127.0.0.1:8080/{z}/{x}/{y}.png"),
        ("https://t.fr/{z}/{y}.png", None),  # no {x}
        ("ftp://t.fr/{z}/{x}/{y}.png", None),
        ("carto", None),
    ],
)
def test_what_a_blueprint_may_write(text: str, kept: str | None) -> None:
    assert normalise(text) == kept


def test_a_bad_basemap_is_refused_with_its_code() -> None:
    layers = [{"type": "points", "dataset": "sites"}]
    assert MapView(type="map", layers=layers, basemap="OSM").basemap == "osm"
    with pytest.raises(ValidationError) as caught:
        MapView(type="map", layers=layers, basemap="google")
    assert caught.value.errors()[0]["type"] == "basemap_bad"


# The tile check -------------------------------------------------------------------------


def test_tiles_a_server_answers_are_reachable() -> None:
    with tile_server() as template:
        assert bm.probe_url(template).endswith("/0/0/0.png")
        assert bm.tiles_reachable(template)


def test_an_error_status_is_not_reachable() -> None:
    with tile_server(status=403) as template:
        assert not bm.tiles_reachable(template)


def test_a_closed_port_is_not_reachable() -> None:
    with socket.socket() as sock:  # a port nobody listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert not bm.tiles_reachable(f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png")


def test_a_server_that_never_answers_is_not_reachable() -> None:
    with socket.socket() as sock:  # listens, never answers: the page stops waiting
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert not bm.tiles_reachable(f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png")


def test_a_bad_service_basemap_is_located_in_both_languages(tmp_path: Path) -> None:
    (tmp_path / "sites.csv").write_text("nom,x,y\nGare,-3.5,47.9\n", encoding="utf-8")
    (tmp_path / "blueprint.yaml").write_text(
        "datacites: 1\n"
        "service: {id: essai, title: Essai, basemap: google}\n"
        "datasets:\n"
        "  sites: {source: {type: csv, path: sites.csv}, geometry: {lon: x, lat: y}}\n"
        "pages:\n"
        "  - title: Carte\n"
        "    views:\n"
        "      - {type: map, basemap: osm, layers: [{type: points, dataset: sites}]}\n",
        encoding="utf-8",
    )
    result = inspect_blueprint(tmp_path / "blueprint.yaml")
    [problem] = result.problems
    assert problem.code == "basemap_bad" and problem.line == 2
    assert "google" in problem.format("fr") and "Plan IGN" in problem.format("fr")
    assert "OpenStreetMap" in problem.format("en")
