"""Every public page of every example opens with its header, and its KPI cards sit in rows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from datacites_proto import inspect_blueprint
from datacites_proto.app.page_filters import page_filter_ids
from datacites_proto.blueprint.filters import DateRangeFilter
from datacites_proto.blueprint.pages import Row
from tests.conftest import REPO
from tests.integration.app.test_examples_render import EXAMPLES, blueprint_of
from tests.support.apptest import app_for, open_page

# « Du 4 août au 2 nov. 2026 », or the whole period when the filter says so.
DAY = r"\d{1,2}(er)?\u00a0\S+"
PERIOD = re.compile(rf"(Du|Toute la période, du) {DAY}(\u00a0\d{{4}})? au {DAY}\u00a0\d{{4}}")


@pytest.fixture(params=EXAMPLES)
def example(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    folder = tmp_path / request.param
    shutil.copytree(
        REPO / "examples" / request.param, folder, ignore=shutil.ignore_patterns(".datacites")
    )
    return blueprint_of(folder)


def test_every_example_writes_its_kpi_cards_in_rows(example: Path) -> None:
    blueprint = inspect_blueprint(example).blueprint
    assert blueprint is not None
    written = [
        view
        for page in blueprint.pages
        for item in page.views
        if isinstance(item, Row)
        for view in item.row
        if view.type == "kpi"
    ]
    assert written, "no KPI written in a row"
    for page in blueprint.pages:
        cards = sum(p.view.type == "kpi" for p in page.all_views())
        for row in page.layout():
            # A card alone on its line is the page's only card.
            if len(row) == 1 and row[0].view.type == "kpi":
                assert cards == 1, page.title


def test_every_public_page_opens_with_its_header(example: Path) -> None:
    blueprint = inspect_blueprint(example).blueprint
    assert blueprint is not None
    public = [p for p in blueprint.pages if p.access == "public"]
    for n, page in enumerate(public):
        at = app_for(example)
        at = (open_page(at, page.url_slug) if n else at).run()
        assert not at.exception, (page.title, [e.value for e in at.exception])
        first = next(iter(at.main.children.values()))
        assert str(first.proto.id).endswith("-page-header"), page.title
        lines = [str(getattr(el, "value", "")) for el in first.children.values()]
        assert lines[:2] == [blueprint.service.title, page.title]
        assert [t.value for t in at.title] == [page.title]  # the page's one h1
        dates = [
            f
            for f in page_filter_ids(blueprint, page)
            if isinstance(blueprint.filters[f], DateRangeFilter)
        ]
        if dates:
            assert PERIOD.search(lines[2]), (page.title, lines)
        kpis = sum(p.view.type == "kpi" for p in page.all_views())
        if kpis > 1:
            in_columns = sum(len(c.metric) for c in at.columns)
            assert in_columns == kpis, page.title
