"""A map layer whose GeoJSON file is hostile: the page shows a located warning, in French and
English, and draws the map's other layers (no traceback, no « n'a pas pu s'afficher »).

A shapes layer's file is read only when the map is drawn (a choropleth's file is also read
by `datacites validate`, for its key, and a broken one is a blueprint error)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.support.apptest import app_for, open_page, texts

MAPS = REPO / "tests" / "blueprints" / "maps"


@pytest.mark.parametrize(
    ("lang", "words"), [("fr", "imbrication trop profonde"), ("en", "nesting too deep")]
)
def test_a_deeply_nested_shapes_file_is_a_warning_on_its_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, words: str
) -> None:
    monkeypatch.setenv("DATACITES_LANG", lang)
    folder = tmp_path / "cartes"
    shutil.copytree(MAPS, folder, ignore=shutil.ignore_patterns(".datacites"))
    nested = "[" * 100_000 + "]" * 100_000
    (folder / "data" / "perimetre.geojson").write_text(
        '{"type": "FeatureCollection", "features": [\n' + nested + "]}", "utf-8"
    )
    at = app_for(folder / "blueprint.yaml", timeout=180)
    open_page(at, "lieux")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    warnings = [w.value for w in at.warning]
    assert any("perimetre.geojson:2" in w and words in w for w in warnings), warnings
    assert "n'a pas pu s'afficher" not in texts(at)
    assert list(at.get("deck_gl_json_chart"))  # the maps are drawn, with their other layers
