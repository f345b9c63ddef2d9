"""Validation refuses map cells that follow the extent over shared data on public pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from datacites_proto import inspect_blueprint

BLUEPRINT = """\
datacites: 1
service: {{id: essai, title: Essai}}
datasets:
  visits:
    source: {{type: csv, path: visits.csv}}
    columns: {{kind: string, x: number, y: number}}
    geometry: {{lon: x, lat: y}}
    governance: {{access: {access}, min_group_size: 11}}
pages:
  - title: Carte
    access: {page}
    views:
      - type: map
        layers:
          - {{type: {layer}, dataset: visits, label: Fréquentation}}
"""


def write(tmp_path: Path, access: str, page: str, layer: str) -> Path:
    (tmp_path / "visits.csv").write_text("kind,x,y\na,-3.5,47.9\n", encoding="utf-8")
    path = tmp_path / "blueprint.yaml"
    path.write_text(BLUEPRINT.format(access=access, page=page, layer=layer), encoding="utf-8")
    return path


@pytest.mark.parametrize("layer", ["hexagons", "heatmap"])
def test_extent_cells_of_shared_data_on_a_public_page_are_refused(
    tmp_path: Path, layer: str
) -> None:
    result = inspect_blueprint(write(tmp_path, "shared", "public", layer))
    [problem] = [p for p in result.problems if p.code == "protection_free_cells_on_public_page"]
    fr, en = problem.format("fr"), problem.format("en")
    assert "blueprint.yaml:15:20:" in fr  # the layer's type
    assert "« Fréquentation »" in fr and "différence" in fr and "moins de 11" in fr
    assert "'Fréquentation'" in en and "differencing" in en and "access: team" in en


@pytest.mark.parametrize(("access", "page"), [("shared", "team"), ("open", "public")])
def test_team_pages_and_open_data_keep_their_cells(tmp_path: Path, access: str, page: str) -> None:
    result = inspect_blueprint(write(tmp_path, access, page, "hexagons"))
    assert "protection_free_cells_on_public_page" not in [p.code for p in result.problems]
