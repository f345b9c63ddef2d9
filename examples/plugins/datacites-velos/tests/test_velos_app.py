"""The example service in the real app (Streamlit's AppTest): the `availability` view and the
`stations` layer draw what the GBFS files hold, in French and in English."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import datacites_proto
from datacites_proto.i18n.formatting import Formatter

SCRIPT = Path(datacites_proto.__file__).parent / "app" / "script.py"
THRESHOLD = 3  # as in service/blueprint.yaml


def stations(service_dir: Path, name: str) -> list[dict[str, Any]]:
    text = (service_dir / "data" / f"station_{name}.json").read_text(encoding="utf-8")
    return json.loads(text)["data"]["stations"]


def render(service_dir: Path, lang: str = "fr") -> AppTest:
    """The service's home page, rendered once; no exception, error or warning."""
    blueprint = service_dir / "blueprint.yaml"
    if lang != "fr":
        text = blueprint.read_text(encoding="utf-8").replace("lang: fr", f"lang: {lang}")
        blueprint.write_text(text, encoding="utf-8")
    os.environ["DATACITES_BLUEPRINT"] = str(blueprint)
    at = AppTest.from_file(str(SCRIPT), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert not at.warning, [w.value for w in at.warning]
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [f"{m.label} {m.value}" for m in at.metric] + [h.value for h in at.header]
    return "\n".join(str(p) for p in parts)


def layer(at: AppTest) -> dict[str, Any]:
    (chart,) = at.get("deck_gl_json_chart")
    (found,) = json.loads(chart.proto.json)["layers"]
    return found


@pytest.fixture(autouse=True)
def _restore_blueprint_env() -> Any:
    before = os.environ.get("DATACITES_BLUEPRINT")
    yield
    if before is None:
        os.environ.pop("DATACITES_BLUEPRINT", None)
    else:
        os.environ["DATACITES_BLUEPRINT"] = before


def test_the_availability_view_sums_up_the_status_file(service_dir: Path) -> None:
    bikes = [s["num_bikes_available"] for s in stations(service_dir, "status")]
    low = sum(1 for b in bikes if b < THRESHOLD)
    empty = bikes.count(0)
    at = render(service_dir)
    metrics = {m.label: m.value for m in at.metric}
    fmt = Formatter("fr")
    assert metrics["Stations"] == "25"
    assert metrics["Vélos disponibles"] == fmt.number(sum(bikes))
    assert metrics[f"Stations avec moins de {THRESHOLD} vélos"] == fmt.percent(low / 25, 0)
    summary = f"{low} stations sur 25 ont moins de {THRESHOLD} vélos ; {empty} n'en ont aucun."
    assert summary in texts(at)


def test_the_stations_layer_draws_each_station(service_dir: Path) -> None:
    information = {s["station_id"]: s for s in stations(service_dir, "information")}
    status = {s["station_id"]: s for s in stations(service_dir, "status")}
    at = render(service_dir)
    drawn = layer(at)
    assert drawn["@@type"] == "ScatterplotLayer"
    assert drawn["pickable"] is True
    data = drawn["data"]
    assert len(data) == len(information) == 25
    top = max(s["capacity"] for s in information.values())
    colours = {"empty": [213, 94, 0], "low": [230, 159, 0], "ok": [0, 158, 115]}
    for item in data:
        (station,) = [s for s in information.values() if [s["lon"], s["lat"]] == item["p"]]
        bikes = status[station["station_id"]]["num_bikes_available"]
        level = "empty" if bikes == 0 else "low" if bikes < THRESHOLD else "ok"
        assert item["c"] == colours[level], station["name"]
        assert item["r"] == pytest.approx(40 * (station["capacity"] / top) ** 0.5, abs=0.05)
        assert f"Station : {station['name']}" in item["tooltip"]
        assert f"Vélos disponibles : {bikes}" in item["tooltip"]
    legend = texts(at)
    for label in ("aucun vélo", f"moins de {THRESHOLD}", f"{THRESHOLD} ou plus"):
        assert label in legend
    assert "inconnu" not in legend  # every station has a status
    assert "La taille d'un cercle suit la capacité de la station." in legend


def test_the_plugin_speaks_english_when_the_service_does(service_dir: Path) -> None:
    at = render(service_dir, "en")
    metrics = {m.label for m in at.metric}
    assert {"Stations", "Bikes available", f"Stations with fewer than {THRESHOLD} bikes"} <= metrics
    shown = texts(at)
    assert "have fewer than 3 bikes;" in shown
    assert "The size of a circle follows the station's capacity." in shown
    assert "no bike" in shown
    assert "Station: Gare SNCF" in layer(at)["data"][0]["tooltip"]


def test_no_message_code_is_shown_bare(service_dir: Path) -> None:
    for lang in ("fr", "en"):
        at = render(service_dir, lang)
        shown = texts(at) + json.dumps(layer(at)["data"])
        assert "velos_" not in shown, lang
