"""Rows of views: the model, the layout of KPI cards, and problems located inside a row."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, Literal

import pytest
from pydantic import ValidationError

import datacites_proto as dc
from datacites_proto.blueprint.base import tag
from datacites_proto.blueprint.loader import inspect_blueprint
from datacites_proto.blueprint.pages import Page, Row
from datacites_proto.blueprint.python_writer import blueprint_source
from datacites_proto.blueprint.yaml_writer import blueprint_yaml
from datacites_proto.errors import Problem
from datacites_proto.registry import Registry, default_registry
from datacites_proto.views.base import View
from datacites_proto.views.kpi import KpiView
from datacites_proto.views.text import TextView


def page(views: list[Any], **extra: Any) -> Page:
    return Page.model_validate(
        {"title": "Accueil", "views": views, **extra}, context={"registry": default_registry()}
    )


def kpi(name: str = "n", **extra: Any) -> dict[str, Any]:
    return {"type": "kpi", "indicator": name, **extra}


TEXT = {"type": "text", "markdown": "Bonjour."}


def shape(p: Page) -> list[list[int]]:
    """The page's rows as the flat indexes of their views."""
    return [[placed.index for placed in row] for row in p.layout()]


class TestModel:
    def test_a_row_holds_views_side_by_side_with_relative_widths(self) -> None:
        p = page([TEXT, {"row": [kpi(width=2), TEXT]}])
        assert isinstance(p.views[1], Row)
        placed = p.all_views()
        assert [x.loc for x in placed] == [
            ("views", 0),
            ("views", 1, "row", 0),
            ("views", 1, "row", 1),
        ]
        assert [x.width for x in placed] == [1, 2, 1]
        assert [type(x.view) for x in placed] == [TextView, KpiView, TextView]
        assert shape(p) == [[0], [1, 2]]

    def test_old_blueprints_are_unchanged(self) -> None:
        p = page([TEXT, TEXT])
        assert [x.loc for x in p.all_views()] == [("views", 0), ("views", 1)]
        assert shape(p) == [[0], [1]]

    @pytest.mark.parametrize(
        ("row", "code"),
        [
            ([], "too_short"),
            ([TEXT] * 5, "too_long"),
            ([{**TEXT, "width": 5}], "less_than_equal"),
            ([{**TEXT, "width": 0}], "greater_than_equal"),
            ([{"row": [TEXT]}], "missing_component_type"),
        ],
    )
    def test_a_bad_row_is_refused(self, row: list[Any], code: str) -> None:
        with pytest.raises(ValidationError) as caught:
            page([{"row": row}])
        assert code in [e["type"] for e in caught.value.errors()]

    def test_an_error_in_a_view_of_a_row_is_the_views_own(self) -> None:
        # Not "neither a row nor a view": the row is recognised, the view's key is named.
        with pytest.raises(ValidationError) as caught:
            page([{"row": [TEXT, {**TEXT, "markdwn": "x"}]}])
        errors = caught.value.errors()
        assert [(e["loc"], e["type"]) for e in errors] == [
            (("views", 0, "row", 1, "markdwn"), "extra_forbidden")
        ]

    def test_a_row_beside_a_type_is_a_view_with_an_unknown_key(self) -> None:
        with pytest.raises(ValidationError) as caught:
            page([{"type": "text", "markdown": "x", "row": [TEXT]}])
        assert [e["loc"] for e in caught.value.errors()] == [("views", 0, "row")]

    def test_python_blueprints_build_rows_from_the_public_api(self) -> None:
        row = dc.Row(row=[dc.KpiView(indicator="n", width=3), dc.TextView(markdown="x")])
        p = dc.Page(title="A", views=[row])
        assert [x.width for x in p.all_views()] == [3, 1]


class TestCards:
    def test_consecutive_kpis_make_rows_of_four_at_most_evenly(self) -> None:
        assert shape(page([kpi()] * 2)) == [[0, 1]]
        assert shape(page([kpi()] * 4)) == [[0, 1, 2, 3]]
        assert shape(page([kpi()] * 5)) == [[0, 1, 2], [3, 4]]
        assert shape(page([kpi()] * 9)) == [[0, 1, 2], [3, 4, 5], [6, 7, 8]]

    def test_other_views_and_written_rows_end_a_run_of_cards(self) -> None:
        views = [kpi(), kpi(), TEXT, kpi(), {"row": [kpi(), TEXT]}, kpi(), kpi()]
        assert shape(page(views)) == [[0, 1], [2], [3], [4, 5], [6, 7]]

    def test_a_page_may_keep_its_cards_full_width(self) -> None:
        assert shape(page([kpi()] * 3, cards_in_rows=False)) == [[0], [1], [2]]

    def test_a_plugin_view_opts_in_through_the_hook(self) -> None:
        class GaugeView(View):
            groups_in_rows: ClassVar[bool] = True
            type: Literal["gauge"] = tag("gauge")

        registry = Registry()
        registry.register("views", TextView)
        registry.register("views", GaugeView, distribution="gauges")
        p = Page.model_validate(
            {"title": "A", "views": [{"type": "gauge"}, {"type": "gauge"}, TEXT]},
            context={"registry": registry},
        )
        assert shape(p) == [[0, 1], [2]]


class TestWriters:
    def test_rows_survive_yaml_and_python_writing(self, tmp_path: Path) -> None:
        path = write(tmp_path, ROWS_PAGE)
        blueprint = inspect_blueprint(path).blueprint
        assert blueprint is not None
        yaml_text = blueprint_yaml(blueprint)
        assert "row:" in yaml_text and "width: 2" in yaml_text
        path.write_text(yaml_text, encoding="utf-8")
        again = inspect_blueprint(path).blueprint
        assert again is not None and again.pages == blueprint.pages
        source = blueprint_source(blueprint)
        assert "dc.Row(" in source and "width=2" in source


HEAD = """\
datacites: 1
service: {id: essai, title: Essai}
datasets:
  measures:
    source: {type: csv, path: measures.csv}
    columns: {day: date, count: integer}
indicators:
  passages: {label: Passages, dataset: measures, measure: sum(count)}
pages:
"""

ROWS_PAGE = """\
  - title: Accueil
    views:
      - {type: kpi, indicator: passages}
      - row:
          - {type: kpi, indicator: passages, width: 2}
          - {type: text, markdown: Bonjour.}
"""


def write(tmp_path: Path, pages: str) -> Path:
    (tmp_path / "measures.csv").write_text("day,count\n2026-05-01,3\n", encoding="utf-8")
    path = tmp_path / "blueprint.yaml"
    path.write_text(HEAD + pages, encoding="utf-8")
    return path


def problems(tmp_path: Path, pages: str) -> list[Problem]:
    result = inspect_blueprint(write(tmp_path, pages))
    return [*result.problems, *result.warnings]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


class TestLocatedInsideARow:
    def test_an_unknown_indicator_in_a_row_is_reported_at_its_line(self, tmp_path: Path) -> None:
        pages = (
            ROWS_PAGE
            + "      - row: [{type: text, markdown: x}, {type: kpi, indicator: pasages}]\n"
        )
        found = [p for p in problems(tmp_path, pages) if p.code == "unknown_indicator"]
        assert len(found) == 1
        assert found[0].loc == ("pages", 0, "views", 2, "row", 1, "indicator")
        assert found[0].line == line_of(HEAD + pages, "pasages")
        assert "passages" in found[0].message("fr")  # did you mean…

    def test_a_wrong_key_in_a_row_is_reported_at_its_line_in_both_languages(
        self, tmp_path: Path
    ) -> None:
        pages = ROWS_PAGE.replace("width: 2", "widht: 2")
        found = problems(tmp_path, pages)
        assert [p.loc for p in found] == [("pages", 0, "views", 1, "row", 0, "widht")]
        assert found[0].line == line_of(HEAD + pages, "widht")
        assert "width" in found[0].message("fr") and "width" in found[0].message("en")

    def test_a_row_too_long_is_located_at_the_row(self, tmp_path: Path) -> None:
        pages = (
            "  - title: A\n    views:\n      - row: ["
            + ", ".join(["{type: text, markdown: x}"] * 5)
            + "]\n"
        )
        found = problems(tmp_path, pages)
        assert [p.loc for p in found] == [("pages", 0, "views", 0, "row")]
        assert found[0].line == line_of(HEAD + pages, "row:")
        assert found[0].message("fr") != found[0].message("en")

    def test_a_width_alone_on_its_line_is_a_located_warning(self, tmp_path: Path) -> None:
        pages = ROWS_PAGE + "      - {type: text, markdown: x, width: 3}\n"
        found = problems(tmp_path, pages)
        assert [(p.code, p.severity, p.loc) for p in found] == [
            ("width_outside_row", "warning", ("pages", 0, "views", 2, "width"))
        ]
        assert found[0].line == line_of(HEAD + pages, "width: 3")
        assert "row" in found[0].message("fr") and "row" in found[0].message("en")
        # Among cards laid out in a row by default, a width counts: no warning.
        cards = (
            "  - title: A\n    views:\n"
            + "      - {type: kpi, indicator: passages, width: 2}\n" * 2
        )
        assert problems(tmp_path, cards) == []

    def test_a_team_only_view_in_a_row_of_a_public_page_is_refused_at_its_line(
        self, tmp_path: Path
    ) -> None:
        pages = "  - title: A\n    views:\n      - row: [{type: text, markdown: x}, {type: feedback_summary}]\n"
        found = [p for p in problems(tmp_path, pages) if p.severity == "error"]
        assert [p.loc for p in found] == [("pages", 0, "views", 0, "row", 1, "type")]
        assert found[0].line == line_of(HEAD + pages, "feedback_summary")
