"""A chart whose figures did not change is drawn again without being laid out again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from datacites_proto.views.charts import drawing, kept
from datacites_proto.views.heatmap import HeatmapView
from tests.support.apptest import app_for

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "coeur_de_ville"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "ex", ignore=shutil.ignore_patterns(".datacites"))
    return tmp_path / "ex" / "blueprint.yaml"


def charts_shown(at) -> list[tuple[dict, list[bytes]]]:
    """Each chart as sent to the browser: its Vega-Lite spec and its rows (Arrow bytes)."""
    return [
        (json.loads(chart.proto.spec), [d.data.data for d in chart.proto.datasets])
        for chart in at.get("vega_lite_chart")
    ]


def test_a_state_seen_again_is_drawn_from_kept_charts(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept.clear()
    laid_out: list[str] = []
    breakdown, grid = drawing._breakdown_chart, HeatmapView._lay_out

    def counted_breakdown(view, ctx, mark, result):
        laid_out.append(mark)
        return breakdown(view, ctx, mark, result)

    def counted_grid(self, ctx, result):
        laid_out.append("heatmap")
        return grid(self, ctx, result)

    monkeypatch.setattr(drawing, "_breakdown_chart", counted_breakdown)
    monkeypatch.setattr(HeatmapView, "_lay_out", counted_grid)

    at = app_for(project).run()
    first = charts_shown(at)
    assert len(first) >= 3 and "heatmap" in laid_out  # line, bar and heatmap of page 1
    per_page = len(laid_out)

    at.multiselect(key="filter-lieu").set_value(["Gare"])
    at.run()
    assert len(laid_out) == 2 * per_page  # new figures: every chart laid out
    gare = charts_shown(at)
    assert gare != first

    at.multiselect(key="filter-lieu").set_value([])
    at.run()
    assert not at.exception
    assert len(laid_out) == 2 * per_page  # the first state again: nothing laid out
    assert charts_shown(at) == first  # and the same charts as then

    kept.ENABLED = False
    try:
        at.multiselect(key="filter-lieu").set_value(["Gare"])
        at.run()
    finally:
        kept.ENABLED = True
    assert len(laid_out) == 3 * per_page and charts_shown(at) == gare
