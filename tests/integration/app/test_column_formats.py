"""A column declared `format: currency` reads in euros, in the map's tooltips and in the
table (the recharge example's parking tariffs: « 1,20 € », not « 1,2 »), issue 15."""

from __future__ import annotations

import json
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO
from tests.support.apptest import app_for, deck_specs, open_page


@pytest.fixture(scope="module")
def parkings(tmp_path_factory: pytest.TempPathFactory) -> AppTest:
    folder = tmp_path_factory.mktemp("formats") / "recharge"
    shutil.copytree(
        REPO / "examples" / "recharge", folder, ignore=shutil.ignore_patterns(".datacites")
    )
    at = open_page(app_for(folder / "blueprint.yaml", timeout=180), "parkings")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_tooltips_show_tariffs_in_euros_with_two_decimals(parkings: AppTest) -> None:
    tooltips = [
        item["tooltip"]
        for spec in deck_specs(parkings)
        for layer in spec["layers"]
        for item in layer.get("data") or []
        if "Tarif 1 h" in str(item.get("tooltip"))
    ]
    assert tooltips, "no tariff in the map's tooltips"
    tariffs = [line for text in tooltips for line in text.split("<br>") if "Tarif 1 h" in line]
    assert all(line.endswith("\u00a0€") and "," in line for line in tariffs), tariffs[:3]
    assert any("1,20\u00a0€" in line for line in tariffs)


def test_the_table_asks_the_browser_for_euros(parkings: AppTest) -> None:
    [table] = [d for d in parkings.dataframe if "tarif_1h" in d.proto.columns]
    columns = json.loads(table.proto.columns)
    assert columns["tarif_1h"]["type_config"] == {"type": "number", "format": "euro"}
    assert columns["nb_places"]["type_config"]["format"] == "localized"
