"""The blueprint models: shorthands, defaults, validators, strictness, documentation."""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from datacites_proto.blueprint.base import Spec, description_fr
from datacites_proto.blueprint.datasets import ColumnSpec, Dataset, Geometry
from datacites_proto.blueprint.filters import (
    DateRangeFilter,
    MultiselectFilter,
    RangeFilter,
    SelectFilter,
    ToggleFilter,
)
from datacites_proto.blueprint.governance import Agreement, Governance, Party
from datacites_proto.blueprint.indicators import Band, Indicator, Target
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.pages import Page, slugify
from datacites_proto.blueprint.relations import Relation
from datacites_proto.blueprint.service import Canvas, ServiceInfo, Territory
from datacites_proto.registry import Registry, default_registry
from datacites_proto.sources.csv_file import CsvSource
from datacites_proto.sources.datagouv import DataGouvSource
from datacites_proto.sources.excel_file import ExcelSource
from datacites_proto.sources.opendatasoft import OpendatasoftSource
from datacites_proto.sources.parquet_file import ParquetSource
from datacites_proto.sources.sql_database import SqlSource
from datacites_proto.views.bar import BarView
from datacites_proto.views.feedback import FeedbackView, Question
from datacites_proto.views.heatmap import HeatmapView
from datacites_proto.views.histogram import HistogramView
from datacites_proto.views.kpi import KpiView
from datacites_proto.views.line import LineView
from datacites_proto.views.map import Center, MapView
from datacites_proto.views.maps.choropleth import ChoroplethKey, ChoroplethLayer
from datacites_proto.views.maps.hexagons import HexagonsLayer
from datacites_proto.views.maps.points import PointsLayer
from datacites_proto.views.maps.shapes import ShapesLayer
from datacites_proto.views.table import TableView
from datacites_proto.views.text import TextView


def error_types(model: type[BaseModel], data: Any, **kw: Any) -> list[str]:
    """The pydantic error types `data` raises when validated as `model`."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data, **kw)
    return [e["type"] for e in caught.value.errors()]


def fails_with(model: type[BaseModel], data: Any, code: str, **kw: Any) -> None:
    assert code in error_types(model, data, **kw)


INDICATOR = {"label": "Passages", "dataset": "measures", "measure": "sum(count)"}


class TestService:
    def test_minimal(self) -> None:
        service = ServiceInfo.model_validate({"id": "coeur-de-ville", "title": "Cœur de ville"})
        assert service.lang == "fr"
        assert service.territory is None
        assert service.canvas is None

    def test_full(self) -> None:
        service = ServiceInfo.model_validate(
            {
                "id": "coeur-de-ville",
                "title": "Cœur de ville",
                "territory": {"name": "Quimperlé", "insee": "29233"},
                "lang": "en",
                "contact": " numerique@ville-exemple.fr ",
                "canvas": {"users": ["élus"], "success_indicators": ["footfall"]},
            }
        )
        assert service.territory == Territory(name="Quimperlé", insee="29233")
        assert service.contact == "numerique@ville-exemple.fr"
        assert service.canvas == Canvas(users=["élus"], success_indicators=["footfall"])

    @pytest.mark.parametrize("bad", ["Coeur", "cœur-de-ville", "coeur de ville", "-x", ""])
    def test_bad_id(self, bad: str) -> None:
        fails_with(ServiceInfo, {"id": bad, "title": "T"}, "bad_service_id")

    def test_empty_title(self) -> None:
        fails_with(ServiceInfo, {"id": "x", "title": ""}, "string_too_short")

    def test_unknown_lang(self) -> None:
        fails_with(ServiceInfo, {"id": "x", "title": "T", "lang": "de"}, "literal_error")

    @pytest.mark.parametrize("code", ["29233", "2A004", "2B033", "200067106"])
    def test_insee_codes(self, code: str) -> None:
        assert Territory(name="T", insee=code).insee == code

    def test_insee_as_number_needs_quotes(self) -> None:
        fails_with(Territory, {"name": "T", "insee": 29233}, "insee_needs_quotes")

    @pytest.mark.parametrize("code", ["2923", "ABCDE", "292330"])
    def test_bad_insee(self, code: str) -> None:
        fails_with(Territory, {"name": "T", "insee": code}, "bad_insee")

    @pytest.mark.parametrize("contact", ["a@b.fr", "https://ville.fr/contact"])
    def test_contacts(self, contact: str) -> None:
        assert ServiceInfo(id="x", title="T", contact=contact).contact == contact

    def test_bad_contact(self) -> None:
        fails_with(ServiceInfo, {"id": "x", "title": "T", "contact": "mairie"}, "bad_contact")

    def test_success_indicators_are_slugs(self) -> None:
        fails_with(Canvas, {"success_indicators": ["Foot Fall"]}, "bad_slug")


class TestDatasets:
    def test_column_shorthand(self) -> None:
        dataset = Dataset.model_validate(
            {
                "source": {"type": "csv", "path": "data/m.csv"},
                "columns": {"count": "integer", "when": {"type": "datetime", "required": True}},
            }
        )
        assert dataset.columns["count"] == ColumnSpec(type="integer")
        assert dataset.columns["when"].required is True
        assert ColumnSpec.model_validate("date").type == "date"

    def test_unknown_column_type(self) -> None:
        fails_with(ColumnSpec, "text", "literal_error")

    def test_bounds(self) -> None:
        assert ColumnSpec(type="integer", min=0, max=10).max == 10
        fails_with(ColumnSpec, {"type": "integer", "min": 5, "max": 1}, "min_above_max")
        fails_with(ColumnSpec, {"type": "string", "min": 1}, "bounds_on_type")
        fails_with(ColumnSpec, {"type": "boolean", "max": 1}, "bounds_on_type")

    def test_format_applies_to_numbers_only(self) -> None:
        assert ColumnSpec(type="number", format="currency").format == "currency"
        assert ColumnSpec(type="integer").format is None
        fails_with(ColumnSpec, {"type": "string", "format": "currency"}, "format_on_type")
        fails_with(ColumnSpec, {"type": "number", "format": "euros"}, "literal_error")

    def test_rollup_threshold_is_rows_or_never_with_one_message(self) -> None:
        source = {"type": "parquet", "path": "m.parquet"}
        for good in (None, 1, 250_000, "never"):
            ds = Dataset.model_validate({"source": source, "rollup_threshold": good})
            assert ds.rollup_threshold == good
        for bad in (0, -5, "jamais", True, 2.5):
            data = {"source": source, "rollup_threshold": bad}
            assert error_types(Dataset, data) == ["rollup_threshold_invalid"], bad

    def test_date_bounds(self) -> None:
        spec = ColumnSpec(type="date", min=dt.date(2020, 1, 1), max=dt.date(2030, 1, 1))
        assert spec.min == dt.date(2020, 1, 1)

    def test_enum_not_empty(self) -> None:
        fails_with(ColumnSpec, {"type": "string", "enum": []}, "too_short")

    def test_geometry_pair(self) -> None:
        geometry = Geometry.model_validate({"lon": "x", "lat": "y"})
        assert geometry.columns() == ["x", "y"]

    def test_geometry_column(self) -> None:
        geometry = Geometry.model_validate({"column": "geom", "format": "wkt"})
        assert geometry.columns() == ["geom"]

    @pytest.mark.parametrize(
        ("data", "code"),
        [
            ({"lon": "x", "lat": "y", "column": "g"}, "geometry_both"),
            ({"lon": "x"}, "geometry_pair"),
            ({"lat": "y"}, "geometry_pair"),
            ({}, "geometry_empty"),
            ({"lon": "x", "lat": "y", "format": "wkt"}, "geometry_format_without_column"),
        ],
    )
    def test_geometry_forms_refused(self, data: dict[str, str], code: str) -> None:
        fails_with(Geometry, data, code)

    def test_key_columns(self) -> None:
        source = {"type": "csv", "path": "a.csv"}
        assert Dataset.model_validate({"source": source}).key_columns == []
        assert Dataset.model_validate({"source": source, "key": "id"}).key_columns == ["id"]
        both = Dataset.model_validate({"source": source, "key": ["a", "b"]})
        assert both.key_columns == ["a", "b"]

    def test_default_governance_is_open_etalab(self) -> None:
        dataset = Dataset.model_validate({"source": {"type": "csv", "path": "a.csv"}})
        assert dataset.governance.licence == "etalab-2.0"
        assert dataset.governance.access == "open"
        assert dataset.governance.group_size == 1

    def test_source_is_dispatched_on_type(self) -> None:
        dataset = Dataset.model_validate({"source": {"type": "parquet", "path": "a/*.parquet"}})
        assert isinstance(dataset.source, ParquetSource)

    def test_source_errors(self) -> None:
        fails_with(Dataset, {"source": {"type": "csvv", "path": "a"}}, "unknown_component_type")
        fails_with(Dataset, {"source": {"path": "a"}}, "missing_component_type")
        fails_with(Dataset, {"source": "data/a.csv"}, "component_not_mapping")


class TestGovernance:
    def test_defaults(self) -> None:
        governance = Governance()
        assert governance.licence == "etalab-2.0"
        assert governance.access == "open"
        assert governance.sector == "public"
        assert governance.personal == []
        assert governance.group_size == 1

    def test_group_size(self) -> None:
        assert Governance(access="shared").group_size == 11
        assert Governance(access="restricted").group_size == 11
        assert Governance(access="shared", min_group_size=5).group_size == 5
        assert Governance(access="open", min_group_size=20).group_size == 20

    def test_min_group_size_positive(self) -> None:
        fails_with(Governance, {"min_group_size": 0}, "greater_than_equal")

    def test_agreement_licence_needs_file(self) -> None:
        fails_with(Governance, {"licence": "agreement"}, "agreement_missing")
        governance = Governance(licence="agreement", agreement="agreements/a.yaml")
        assert governance.agreement == "agreements/a.yaml"

    def test_updated_is_a_date(self) -> None:
        assert Governance.model_validate({"updated": "2026-10-01"}).updated == dt.date(2026, 10, 1)
        fails_with(Governance, {"updated": "hier"}, "date_from_datetime_parsing")

    AGREEMENT: typing.ClassVar[dict[str, Any]] = {
        "parties": [{"name": "Ville", "role": "user"}, {"name": "Opérateur", "role": "producer"}],
        "purpose": "Mesurer la fréquentation.",
        "datasets": ["visits"],
        "start": "2026-01-01",
        "access": "shared",
    }

    def test_agreement(self) -> None:
        agreement = Agreement.model_validate({**self.AGREEMENT, "end": "2026-01-01"})
        assert agreement.end == agreement.start
        assert agreement.licence == "agreement"
        assert agreement.publication is False

    def test_agreement_end_before_start(self) -> None:
        fails_with(Agreement, {**self.AGREEMENT, "end": "2025-12-31"}, "agreement_end_before_start")

    def test_agreement_personal_data_needs_legal_basis(self) -> None:
        fails_with(Agreement, {**self.AGREEMENT, "personal_data": True}, "agreement_legal_basis")
        ok = {**self.AGREEMENT, "personal_data": True, "legal_basis": "public_task"}
        assert Agreement.model_validate(ok).legal_basis == "public_task"

    def test_agreement_needs_two_parties(self) -> None:
        data = {**self.AGREEMENT, "parties": [{"name": "Ville", "role": "user"}]}
        fails_with(Agreement, data, "too_short")

    def test_party_siren(self) -> None:
        assert Party(name="Ville", role="user", siren="212902330").siren == "212902330"
        fails_with(Party, {"name": "V", "role": "user", "siren": "2129"}, "string_pattern_mismatch")


class TestRelations:
    def test_parsed_from_text(self) -> None:
        relation = Relation.model_validate("measures.channel_id -> channels.channel_id")
        assert (relation.from_dataset, relation.from_column) == ("measures", "channel_id")
        assert (relation.to_dataset, relation.to_column) == ("channels", "channel_id")

    def test_spaces_are_optional(self) -> None:
        relation = Relation.model_validate("  a.x->b.y ")
        assert str(relation) == "a.x -> b.y"

    @pytest.mark.parametrize(
        "text",
        [
            "measures.channel_id -> channels.channel_id",
            "sites.code_iris -> iris.CODE_IRIS",
            "shops.état -> states.état",
        ],
    )
    def test_serialised_back_to_the_same_string(self, text: str) -> None:
        relation = Relation.model_validate(text)
        assert relation.model_dump() == text
        assert relation.model_dump_json() == f'"{text}"'
        assert str(relation) == text
        assert Relation.model_validate(relation.model_dump()) == relation

    @pytest.mark.parametrize(
        "bad", ["measures -> channels", "a.b => c.d", "a.b -> c", "A.b -> c.d", "a.1b -> c.d"]
    )
    def test_bad_syntax(self, bad: str) -> None:
        fails_with(Relation, bad, "relation_syntax")

    def test_not_text(self) -> None:
        fails_with(Relation, 12, "relation_syntax")

    def test_built_from_fields_in_python(self) -> None:
        relation = Relation(
            from_dataset="measures",
            from_column="channel_id",
            to_dataset="channels",
            to_column="channel_id",
        )
        assert str(relation) == "measures.channel_id -> channels.channel_id"

    def test_in_a_blueprint(self) -> None:
        blueprint = Blueprint.model_validate(
            {**MINIMAL, "relations": ["measures.channel_id -> channels.channel_id"]}
        )
        assert blueprint.model_dump()["relations"] == ["measures.channel_id -> channels.channel_id"]


class TestIndicators:
    def test_measure_indicator(self) -> None:
        indicator = Indicator.model_validate({**INDICATOR, "where": "count >= 0"})
        assert indicator.effective_format == "decimal"
        assert indicator.measure_ast is not None

    def test_formula_indicator(self) -> None:
        indicator = Indicator.model_validate({"label": "Ratio", "formula": "a / b * 1000"})
        assert indicator.dataset is None
        assert indicator.formula_ast is not None

    def test_needs_measure_or_formula(self) -> None:
        fails_with(Indicator, {"label": "X", "dataset": "d"}, "indicator_needs_measure")

    def test_not_both(self) -> None:
        data = {**INDICATOR, "formula": "a + b"}
        fails_with(Indicator, data, "indicator_measure_and_formula")

    def test_measure_needs_dataset(self) -> None:
        fails_with(Indicator, {"label": "X", "measure": "count(*)"}, "measure_needs_dataset")

    def test_formula_takes_no_dataset(self) -> None:
        fails_with(
            Indicator, {"label": "X", "dataset": "d", "formula": "a"}, "formula_with_dataset"
        )
        data = {"label": "X", "formula": "a", "where": "x = 1"}
        fails_with(Indicator, data, "formula_with_dataset")

    def test_expression_errors_carry_their_offset(self) -> None:
        with pytest.raises(ValidationError) as caught:
            Indicator.model_validate({**INDICATOR, "measure": "total(count)"})
        [error] = caught.value.errors()
        assert error["loc"] == ("measure",)
        assert "offset" in error["ctx"]

    def test_bad_where(self) -> None:
        with pytest.raises(ValidationError) as caught:
            Indicator.model_validate({**INDICATOR, "where": "count >>= 2"})
        assert caught.value.errors()[0]["loc"] == ("where",)

    def test_effective_format(self) -> None:
        assert Indicator(label="X", dataset="d", measure="count(*)").effective_format == "integer"
        share = Indicator(label="X", dataset="d", measure="share(status = 'vacant')")
        assert share.effective_format == "percent"
        declared = Indicator(label="X", dataset="d", measure="count(*)", format="currency")
        assert declared.effective_format == "currency"

    def test_bands_in_order(self) -> None:
        bands = [
            {"below": 0.05, "label": "favorable", "color": "green"},
            {"below": 0.10, "label": "à surveiller", "color": "#FFA500"},
            {"label": "défavorable", "color": "red"},
        ]
        indicator = Indicator.model_validate({**INDICATOR, "bands": bands})
        assert [b.below for b in indicator.bands] == [0.05, 0.10, None]

    def test_bands_not_increasing(self) -> None:
        bands = [
            {"below": 0.10, "label": "a", "color": "green"},
            {"below": 0.05, "label": "b", "color": "orange"},
            {"label": "c", "color": "red"},
        ]
        fails_with(Indicator, {**INDICATOR, "bands": bands}, "bands_not_increasing")
        equal = [{**bands[0]}, {**bands[1], "below": 0.10}, bands[2]]
        fails_with(Indicator, {**INDICATOR, "bands": equal}, "bands_not_increasing")

    def test_every_band_but_the_last_needs_below(self) -> None:
        bands = [{"label": "a", "color": "green"}, {"label": "b", "color": "red"}]
        fails_with(Indicator, {**INDICATOR, "bands": bands}, "band_needs_below")

    @pytest.mark.parametrize("color", ["green", "grey", "teal", "#00aa00", "#ABCDEF"])
    def test_colours(self, color: str) -> None:
        assert Band(label="x", color=color).color == color

    @pytest.mark.parametrize("color", ["vert", "#abc", "rgb(0,0,0)", "#gggggg", "Green"])
    def test_bad_colours(self, color: str) -> None:
        fails_with(Band, {"label": "x", "color": color}, "bad_color")

    def test_target(self) -> None:
        assert Target.model_validate({"value": 120000}).direction == "up"
        fails_with(Target, {"value": 1, "direction": "sideways"}, "literal_error")

    def test_decimals_bounds(self) -> None:
        fails_with(Indicator, {**INDICATOR, "decimals": 7}, "less_than_equal")


class TestFilters:
    @pytest.mark.parametrize(
        "preset", ["last_7_days", "last_30_days", "last_90_days", "last_12_months", "all"]
    )
    def test_date_range_presets(self, preset: str) -> None:
        data = {"type": "date_range", "column": "measures.start_datetime", "default": preset}
        assert DateRangeFilter.model_validate(data).default == preset

    def test_date_range_default_is_all(self) -> None:
        assert DateRangeFilter(column="m.d").default == "all"

    def test_date_range_explicit_pair(self) -> None:
        data = {"column": "m.d", "default": ["2026-01-01", "2026-03-31"]}
        assert DateRangeFilter.model_validate(data).default == (
            dt.date(2026, 1, 1),
            dt.date(2026, 3, 31),
        )

    def test_date_range_inverted(self) -> None:
        data = {"column": "m.d", "default": ["2026-03-31", "2026-01-01"]}
        fails_with(DateRangeFilter, data, "range_inverted")

    def test_date_range_unknown_preset(self) -> None:
        types_ = error_types(DateRangeFilter, {"column": "m.d", "default": "last_week"})
        assert "literal_error" in types_

    @pytest.mark.parametrize("column", ["start_datetime", "Measures.x", "m.", ".x", "a.b.c"])
    def test_column_must_be_qualified(self, column: str) -> None:
        fails_with(SelectFilter, {"column": column}, "filter_column_unqualified")

    def test_dataset_and_column_name(self) -> None:
        select = SelectFilter(column="sites.site_name")
        assert (select.dataset, select.column_name) == ("sites", "site_name")

    def test_range(self) -> None:
        assert RangeFilter.model_validate({"column": "s.p", "default": [3, 22]}).default == (
            3.0,
            22.0,
        )
        fails_with(RangeFilter, {"column": "s.p", "default": [22, 3]}, "range_inverted")
        fails_with(RangeFilter, {"column": "s.p", "step": 0}, "greater_than")

    def test_toggle_and_multiselect_defaults(self) -> None:
        assert ToggleFilter(column="s.free").value is True
        assert ToggleFilter(column="s.free").default is False
        assert MultiselectFilter(column="s.name").default == []

    def test_discriminated_in_a_blueprint(self) -> None:
        blueprint = Blueprint.model_validate(
            {
                **MINIMAL,
                "filters": {
                    "period": {"type": "date_range", "column": "m.d"},
                    "site": {"type": "multiselect", "column": "s.n"},
                },
            }
        )
        assert isinstance(blueprint.filters["period"], DateRangeFilter)
        assert isinstance(blueprint.filters["site"], MultiselectFilter)
        fails_with(
            Blueprint,
            {**MINIMAL, "filters": {"x": {"type": "slider", "column": "a.b"}}},
            "union_tag_invalid",
        )


class TestPages:
    @pytest.mark.parametrize(
        ("title", "slug"),
        [
            ("Vue d'ensemble", "vue-d-ensemble"),
            ("Vue d’ensemble", "vue-d-ensemble"),
            ("Suivi de l'expérimentation", "suivi-de-l-experimentation"),
            ("  Cœur de ville — Été 2026 ! ", "coeur-de-ville-ete-2026"),
            ("Œuvres", "oeuvres"),
            ("!!!", "page"),
        ],
    )
    def test_url_slug_from_title(self, title: str, slug: str) -> None:
        page = Page.model_validate({"title": title, "views": [{"type": "feedback"}]})
        assert page.url_slug == slug
        assert slugify(title) == slug

    def test_explicit_slug_wins(self) -> None:
        page = Page.model_validate(
            {"title": "Vue d'ensemble", "slug": "accueil", "views": [{"type": "feedback"}]}
        )
        assert page.url_slug == "accueil"

    def test_bad_slug(self) -> None:
        data = {"title": "T", "slug": "Accueil", "views": [{"type": "feedback"}]}
        fails_with(Page, data, "bad_page_slug")

    def test_needs_views(self) -> None:
        fails_with(Page, {"title": "T", "views": []}, "too_short")

    def test_defaults(self) -> None:
        page = Page.model_validate({"title": "T", "views": [{"type": "feedback"}]})
        assert page.access == "public"
        assert page.filters is None

    def test_views_dispatched_on_type(self) -> None:
        page = Page.model_validate(
            {
                "title": "T",
                "views": [{"type": "kpi", "indicator": "x"}, {"type": "text", "markdown": "m"}],
            }
        )
        assert [type(v) for v in page.views] == [KpiView, TextView]

    def test_unknown_view_type(self) -> None:
        data = {"title": "T", "views": [{"type": "pie", "indicator": "x"}]}
        fails_with(Page, data, "unknown_component_type")


class TestViews:
    def test_kpi(self) -> None:
        kpi = KpiView.model_validate({"type": "kpi", "indicator": "footfall"})
        assert kpi.compare is None
        fails_with(KpiView, {"indicator": "f", "compare": "last_year"}, "literal_error")

    @pytest.mark.parametrize(
        "by", ["day(start_datetime)", "sites.site_name", "zone", 'hour_of_day("Heure début")']
    )
    def test_breakdowns(self, by: str) -> None:
        assert LineView(indicator="f", by=by).by == by

    def test_bad_breakdowns(self) -> None:
        fails_with(LineView, {"indicator": "f", "by": "fortnight(d)"}, "unknown_grain")
        fails_with(LineView, {"indicator": "f", "by": "day(d"}, "by_syntax")

    def test_bar(self) -> None:
        bar = BarView(indicator="f", by="zone", sort="desc", limit=10)
        assert bar.limit == 10
        fails_with(BarView, {"indicator": "f", "by": "zone", "limit": 0}, "greater_than_equal")

    def test_heatmap_and_histogram(self) -> None:
        heatmap = HeatmapView(indicator="f", x="hour(d)", y="weekday(d)")
        assert [r.grain for r in heatmap.references()[1:]] == ["hour", "weekday"]
        assert HistogramView(dataset="s", column="p").bins == 20
        fails_with(HistogramView, {"dataset": "s", "column": "p", "bins": 1}, "greater_than_equal")

    def test_table(self) -> None:
        table = TableView(dataset="sites", columns=["a", "b"], sort="-a")
        assert table.limit == 1000
        assert [r.name for r in table.references()] == ["sites", "a", "b", "a"]
        fails_with(TableView, {"dataset": "s", "columns": []}, "too_short")

    def test_question_choices(self) -> None:
        question = Question(id="usage", text="Souvent ?", type="choice", choices=["oui", "non"])
        assert question.choices == ["oui", "non"]
        assert Question(id="note", text="Note ?").type == "rating"
        fails_with(Question, {"id": "q", "text": "?", "type": "choice"}, "question_choices")
        data = {"id": "q", "text": "?", "type": "rating", "choices": ["a", "b"]}
        fails_with(Question, data, "question_choices")
        data = {"id": "q", "text": "?", "type": "choice", "choices": ["a"]}
        fails_with(Question, data, "too_short")

    def test_feedback(self) -> None:
        feedback = FeedbackView.model_validate({"type": "feedback"})
        assert feedback.comment is True
        assert feedback.questions == []

    def test_type_must_match_the_class(self) -> None:
        fails_with(KpiView, {"type": "line", "indicator": "f"}, "literal_error")


class TestMapLayers:
    def test_choropleth_key_shorthand(self) -> None:
        layer = ChoroplethLayer.model_validate(
            {"geojson": "data/iris.geojson", "key": "code_iris", "indicator": "vacancy"}
        )
        assert layer.key == ChoroplethKey(geojson="code_iris", column="code_iris")

    def test_choropleth_key_pair(self) -> None:
        layer = ChoroplethLayer.model_validate(
            {
                "geojson": "data/communes.geojson",
                "key": {"geojson": "INSEE_COM", "column": "code_insee"},
                "indicator": "vacancy",
            }
        )
        assert (layer.key.geojson, layer.key.column) == ("INSEE_COM", "code_insee")
        assert layer.references()[1].name == "code_insee"

    def test_choropleth_key_incomplete(self) -> None:
        data = {"geojson": "a.geojson", "key": {"geojson": "X"}, "indicator": "v"}
        fails_with(ChoroplethLayer, data, "missing")

    def test_shapes_one_source(self) -> None:
        assert ShapesLayer(geojson="data/zone.geojson").color == "blue"
        assert [r.name for r in ShapesLayer(dataset="zones").references()] == ["zones"]
        fails_with(ShapesLayer, {}, "shapes_one_source")
        fails_with(ShapesLayer, {"geojson": "a.geojson", "dataset": "z"}, "shapes_one_source")
        fails_with(ShapesLayer, {"geojson": "a.geojson", "color": "fuchsia"}, "bad_color")

    def test_points(self) -> None:
        layer = PointsLayer(dataset="sites", size="footfall", tooltip=["site_name"])
        refs = layer.references()
        assert [r.name for r in refs] == ["sites", "footfall", "site_name"]
        assert refs[1].numeric and refs[1].or_indicator
        assert refs[0].kind == "dataset" and refs[0].usage == "raw"

    def test_hexagons_resolution(self) -> None:
        assert HexagonsLayer(dataset="s").resolution == 8
        fails_with(HexagonsLayer, {"dataset": "s", "resolution": 13}, "less_than_equal")

    def test_layer_id_and_opacity(self) -> None:
        fails_with(PointsLayer, {"dataset": "s", "id": "Bad Id"}, "string_pattern_mismatch")
        fails_with(PointsLayer, {"dataset": "s", "opacity": 1.5}, "less_than_equal")

    def test_map_view(self) -> None:
        view = MapView.model_validate(
            {
                "type": "map",
                "layers": [
                    {"type": "points", "dataset": "sites", "size": "footfall"},
                    {"type": "choropleth", "geojson": "i.geojson", "key": "c", "indicator": "v"},
                ],
                "center": {"lon": -3.55, "lat": 47.87},
            }
        )
        assert [type(layer) for layer in view.layers] == [PointsLayer, ChoroplethLayer]
        assert view.center == Center(lon=-3.55, lat=47.87, zoom=13)
        locs = [r.loc for r in view.references()]
        assert ("layers", 0, "dataset") in locs
        assert ("layers", 1, "indicator") in locs
        fails_with(MapView, {"layers": []}, "too_short")
        fails_with(Center, {"lon": 200, "lat": 0}, "less_than_equal")

    def test_unknown_layer_type(self) -> None:
        fails_with(
            MapView, {"layers": [{"type": "dots", "dataset": "s"}]}, "unknown_component_type"
        )


class TestSources:
    def test_csv_options(self) -> None:
        source = CsvSource.model_validate({"type": "csv", "path": "a.csv", "sep": ";"})
        assert source.decimal is None
        fails_with(CsvSource, {"path": "a.csv", "sep": ":"}, "literal_error")

    def test_excel_sheet(self) -> None:
        assert ExcelSource(path="a.xlsx", sheet=0).describe() == "a.xlsx [0]"

    def test_datagouv(self) -> None:
        source = DataGouvSource(dataset="irve", resource="abc")
        assert source.api_url.startswith("https://www.data.gouv.fr/")

    def test_sql_table_or_query(self) -> None:
        assert SqlSource(url="sqlite:///data/x.db", table="public.shops").table == "public.shops"
        assert SqlSource(url="sqlite:///x.db", query="select * from shops").query
        fails_with(SqlSource, {"url": "sqlite:///x.db"}, "sql_table_or_query")
        data = {"url": "sqlite:///x.db", "table": "t", "query": "select 1"}
        fails_with(SqlSource, data, "sql_table_or_query")

    def test_sql_table_name(self) -> None:
        fails_with(SqlSource, {"url": "sqlite:///x.db", "table": "t; drop"}, "sql_bad_table")

    @pytest.mark.parametrize(
        "query",
        [
            "SELECT * FROM shops",
            "select a from t;",
            "  with v as (select 1 as a) select a from v",
            "select ';' as semi from t",
            "select 'it''s; fine' from t",
        ],
    )
    def test_sql_select_only(self, query: str) -> None:
        assert SqlSource(url="sqlite:///x.db", query=query).query == query

    @pytest.mark.parametrize(
        "query",
        [
            "delete from shops",
            "update shops set a = 1",
            "select 1; drop table shops",
            "drop table shops",
            "insert into t select * from u",
            "selectx from t",
        ],
    )
    def test_sql_refuses_other_statements(self, query: str) -> None:
        fails_with(SqlSource, {"url": "sqlite:///x.db", "query": query}, "sql_query_not_select")

    @pytest.mark.parametrize(
        "url",
        [
            "postgresql://user:s3cret@db.example.fr/urban",
            "postgresql+psycopg://u:p@localhost:5432/db",
            "postgresql://db.example.fr/urban?password=s3cret",
            "postgresql://db.example.fr/urban?sslmode=require&API_KEY=abc",
            "postgresql://u:${PG_PASSWORD}x@h/db",
        ],
    )
    def test_sql_credentials_refused(self, url: str) -> None:
        fails_with(SqlSource, {"url": url, "table": "t"}, "credential_in_url")

    @pytest.mark.parametrize(
        "url",
        [
            "${PG_URL}",
            "postgresql://user:${PG_PASSWORD}@db.example.fr/urban",
            "postgresql://${PG_USER}:${PG_PASSWORD}@${PG_HOST}/urban",
            "postgresql://user@db.example.fr/urban",
            "postgresql://db.example.fr/urban?password=${PG_PASSWORD}&sslmode=require",
            "sqlite:///data/local.db",
            "duckdb:///data/local.duckdb",
        ],
    )
    def test_sql_placeholders_accepted(self, url: str) -> None:
        assert SqlSource(url=url, table="t").url == url

    def test_sql_env_vars(self) -> None:
        source = SqlSource(url="postgresql://${PG_USER}:${PG_PASSWORD}@h/db", table="t")
        assert source.env_vars() == ["PG_USER", "PG_PASSWORD"]
        assert SqlSource.remote is True

    @pytest.mark.parametrize(
        ("portal", "normalised"),
        [
            ("https://data.rennesmetropole.fr", "https://data.rennesmetropole.fr"),
            ("https://data.rennesmetropole.fr/", "https://data.rennesmetropole.fr"),
            ("data.rennesmetropole.fr", "https://data.rennesmetropole.fr"),
            ("http://opendata.ville.fr//", "http://opendata.ville.fr"),
        ],
    )
    def test_opendatasoft_portal_normalised(self, portal: str, normalised: str) -> None:
        source = OpendatasoftSource(portal=portal, dataset="irve")
        assert source.portal == normalised
        assert source.format == "parquet"

    def test_opendatasoft_bad_portal(self) -> None:
        fails_with(OpendatasoftSource, {"portal": "ftp://x.fr", "dataset": "d"}, "bad_portal_url")
        data = {"portal": "https://x.fr/?apikey=abc", "dataset": "d"}
        fails_with(OpendatasoftSource, data, "credential_in_url")


def _model_classes(annotation: Any, found: set[type[BaseModel]]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.add(annotation)
        return
    for arg in typing.get_args(annotation):
        _model_classes(arg, found)


def reachable_models() -> list[type[BaseModel]]:
    """Every model reachable from Blueprint and Agreement, plus every registered component."""
    roots: list[type[BaseModel]] = [Blueprint, Agreement]
    roots += [info.cls for info in default_registry().components()]
    seen: set[type[BaseModel]] = set()
    todo = list(roots)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for info in model.model_fields.values():
            found: set[type[BaseModel]] = set()
            _model_classes(info.annotation, found)
            todo.extend(found - seen)
    return sorted(seen, key=lambda m: f"{m.__module__}.{m.__qualname__}")


MODELS = reachable_models()


class TestStrictness:
    def test_walk_finds_the_models(self) -> None:
        names = {m.__name__ for m in MODELS}
        expected = {
            "Blueprint",
            "ServiceInfo",
            "Territory",
            "Canvas",
            "Dataset",
            "ColumnSpec",
            "Geometry",
            "Governance",
            "Agreement",
            "Party",
            "Relation",
            "Indicator",
            "Target",
            "Band",
            "DateRangeFilter",
            "ToggleFilter",
            "Page",
            "Question",
            "Center",
            "ChoroplethKey",
            "CsvSource",
            "SqlSource",
            "KpiView",
            "MapView",
            "ShapesLayer",
            "RadarView",
        }
        assert expected <= names

    def test_every_component_is_reached(self) -> None:
        for info in default_registry().components():
            assert info.cls in MODELS

    @pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
    def test_extra_forbid(self, model: type[BaseModel]) -> None:
        assert issubclass(model, Spec), f"{model.__name__} does not subclass Spec"
        assert model.model_config.get("extra") == "forbid"

    # A relation is written as a string, so it has no keys to misspell.
    @pytest.mark.parametrize(
        "model", [m for m in MODELS if m is not Relation], ids=lambda m: m.__name__
    )
    def test_unknown_key_refused(self, model: type[BaseModel]) -> None:
        with pytest.raises(ValidationError) as caught:
            model.model_validate({"no_such_key_anywhere": 1})
        assert "extra_forbidden" in [e["type"] for e in caught.value.errors()]

    def test_unknown_key_inside_a_blueprint(self) -> None:
        data = {**MINIMAL, "datasets": {"m": {"source": {"type": "csv", "path": "a", "sepp": ";"}}}}
        with pytest.raises(ValidationError) as caught:
            Blueprint.model_validate(data)
        [error] = caught.value.errors()
        assert error["type"] == "extra_forbidden"
        assert error["loc"][-1] == "sepp"


class TestDescriptions:
    @pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
    def test_every_field_is_documented_in_english_and_french(self, model: type[BaseModel]) -> None:
        missing = [
            name
            for name, info in model.model_fields.items()
            if not (info.description and info.description.strip())
            or not (description_fr(info) or "").strip()
        ]
        assert missing == [], f"{model.__module__}.{model.__name__}: {missing}"

    @pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
    def test_french_and_english_differ_somewhere(self, model: type[BaseModel]) -> None:
        pairs = [
            (info.description, description_fr(info))
            for info in model.model_fields.values()
            if info.description and description_fr(info)
        ]
        if len(pairs) >= 2:
            assert any(en != fr for en, fr in pairs)


CONTRACT = Path(__file__).resolve().parents[2] / "blueprints" / "contract" / "blueprint.yaml"
MINIMAL: dict[str, Any] = {
    "datacites": 1,
    "service": {"id": "test", "title": "Test"},
    "pages": [{"title": "Accueil", "views": [{"type": "text", "markdown": "Bonjour"}]}],
}


def python_blueprint() -> Blueprint:
    """A blueprint built from model instances, as a `.py` blueprint would."""
    return Blueprint(
        datacites=1,
        service=ServiceInfo(
            id="coeur-de-ville",
            title="Cœur de ville",
            territory=Territory(name="Quimperlé", insee="29233"),
        ),
        datasets={
            "measures": Dataset(
                source=CsvSource(path="data/measures.csv", sep=";"),
                columns={"count": ColumnSpec(type="integer", min=0)},
            ),
            "sites": Dataset(
                source=SqlSource(url="${PG_URL}", table="sites"),
                geometry=Geometry(lon="x", lat="y"),
                key="site_id",
                governance=Governance(access="shared", producer="Ville"),
            ),
        },
        relations=[Relation.model_validate("measures.site_id -> sites.site_id")],
        indicators={
            "footfall": Indicator(label="Passages", dataset="measures", measure="sum(count)"),
            "ratio": Indicator(label="Ratio", formula="footfall / 2"),
        },
        filters={"site": MultiselectFilter(column="sites.site_name")},
        pages=[
            Page(
                title="Vue d'ensemble",
                views=[
                    KpiView(indicator="footfall", compare="previous_period"),
                    BarView(indicator="footfall", by="sites.site_name", sort="desc"),
                    MapView(
                        layers=[
                            PointsLayer(dataset="sites", size="footfall"),
                            ChoroplethLayer(
                                geojson="data/iris.geojson",
                                key=ChoroplethKey(geojson="CODE", column="code"),
                                indicator="footfall",
                            ),
                        ]
                    ),
                    FeedbackView(questions=[Question(id="q", text="Utile ?")]),
                ],
            )
        ],
    )


class TestBlueprint:
    def test_minimal_from_dicts(self) -> None:
        blueprint = Blueprint.model_validate(MINIMAL)
        assert blueprint.lang == "fr"
        assert blueprint.datasets == {}
        assert blueprint.relations == []
        assert blueprint.include == []
        assert blueprint.path is None

    def test_built_from_plain_dicts_in_python(self) -> None:
        blueprint = Blueprint(
            datacites=1,
            service={"id": "test", "title": "Test", "lang": "en"},
            datasets={"m": {"source": {"type": "csv", "path": "m.csv"}}},
            indicators={"n": {"label": "N", "dataset": "m", "measure": "count(*)"}},
            pages=[{"title": "A", "views": [{"type": "kpi", "indicator": "n"}]}],
        )
        assert blueprint.lang == "en"
        assert isinstance(blueprint.datasets["m"].source, CsvSource)
        assert isinstance(blueprint.pages[0].views[0], KpiView)

    def test_built_from_model_instances(self) -> None:
        blueprint = python_blueprint()
        assert isinstance(blueprint.datasets["sites"].source, SqlSource)
        assert isinstance(blueprint.pages[0].views[2], MapView)
        assert blueprint.pages[0].url_slug == "vue-d-ensemble"

    def test_version_must_be_1(self) -> None:
        fails_with(Blueprint, {**MINIMAL, "datacites": 2}, "literal_error")
        fails_with(Blueprint, {k: v for k, v in MINIMAL.items() if k != "datacites"}, "missing")

    def test_needs_a_page(self) -> None:
        fails_with(Blueprint, {**MINIMAL, "pages": []}, "too_short")

    def test_ids_are_slugs(self) -> None:
        data = {**MINIMAL, "indicators": {"Foot-fall": {"label": "x", "formula": "a"}}}
        fails_with(Blueprint, data, "bad_slug")
        data = {**MINIMAL, "datasets": {"2020": {"source": {"type": "csv", "path": "a"}}}}
        fails_with(Blueprint, data, "bad_slug")

    def test_dump_then_validate_from_instances(self) -> None:
        blueprint = python_blueprint()
        dumped = blueprint.model_dump()
        again = Blueprint.model_validate(dumped)
        assert again.model_dump() == dumped
        assert again == blueprint

    def test_dump_keeps_component_subclass_fields(self) -> None:
        dumped = python_blueprint().model_dump()
        assert dumped["datasets"]["measures"]["source"]["sep"] == ";"
        assert dumped["datasets"]["sites"]["source"]["table"] == "sites"
        views = dumped["pages"][0]["views"]
        assert views[0]["compare"] == "previous_period"
        assert views[1]["sort"] == "desc"
        assert views[2]["layers"][0]["size"] == "footfall"
        assert views[2]["layers"][1]["key"] == {"geojson": "CODE", "column": "code"}
        assert views[3]["questions"][0]["id"] == "q"
        assert dumped["relations"] == ["measures.site_id -> sites.site_id"]

    def test_json_dump_round_trip(self) -> None:
        dumped = python_blueprint().model_dump(mode="json")
        again = Blueprint.model_validate(dumped)
        assert again.model_dump(mode="json") == dumped

    def test_contract_blueprint_round_trip(self) -> None:
        from datacites_proto.blueprint.loader import load_blueprint

        blueprint = load_blueprint(CONTRACT)
        dumped = blueprint.model_dump()
        again = Blueprint.model_validate(dumped, context={"registry": default_registry()})
        assert again.model_dump() == dumped
        json_dump = blueprint.model_dump(mode="json")
        assert Blueprint.model_validate(json_dump).model_dump(mode="json") == json_dump

    def test_plugin_view_round_trip(self) -> None:
        data = {
            **MINIMAL,
            "pages": [{"title": "R", "views": [{"type": "radar", "indicators": ["a", "b", "c"]}]}],
        }
        blueprint = Blueprint.model_validate(data)
        dumped = blueprint.model_dump()
        assert dumped["pages"][0]["views"][0]["scale_max"] == 5
        assert Blueprint.model_validate(dumped).model_dump() == dumped

    def test_registry_travels_in_the_context(self) -> None:
        data = {
            **MINIMAL,
            "pages": [{"title": "R", "views": [{"type": "radar", "indicators": ["a", "b", "c"]}]}],
        }
        types_ = error_types(Blueprint, data, context={"registry": Registry.builtin()})
        assert types_ == ["unknown_component_type"]

    def test_origin(self, tmp_path: Path) -> None:
        blueprint = Blueprint.model_validate(MINIMAL)
        blueprint.attach_origin(tmp_path / "sub" / "b.yaml", tmp_path)
        assert blueprint.base_dir == tmp_path / "sub"
        assert blueprint.project_dir == tmp_path
