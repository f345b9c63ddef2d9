"""The writers behind `datacites convert`: Python laid out as ruff does, YAML that reads back."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
import yaml
from ruff.__main__ import find_ruff_bin

import datacites_proto as dc
from datacites_proto.blueprint.python_writer import (
    LINE_LENGTH,
    blueprint_source,
    string_literal,
    width,
)
from datacites_proto.blueprint.yaml_writer import blueprint_yaml


def small(**page: object) -> dc.Blueprint:
    views = page.pop("views", [dc.KpiView(indicator="n")])
    return dc.Blueprint(
        datacites=1,
        service=dc.ServiceInfo(id="essai", title="Essai"),
        datasets={
            "shops": dc.Dataset(
                source=dc.CsvSource(path="data/shops.csv"),
                columns={
                    "opened": dc.ColumnSpec(type="date", min=dt.date(2020, 1, 1)),
                    "closed": dc.ColumnSpec(type="date", enum=[dt.date(2024, 5, 1)]),
                },
            )
        },
        indicators={"n": dc.Indicator(label="N", dataset="shops", measure="count(*)")},
        filters={"f": dc.SelectFilter(column="shops.status", default="open")},
        pages=[dc.Page(title="A", views=views, **page)],
    )


def run(source: str) -> dc.Blueprint:
    namespace: dict[str, object] = {}
    exec(compile(source, "<test>", "exec"), namespace)
    blueprint = namespace["blueprint"]
    assert isinstance(blueprint, dc.Blueprint)
    return blueprint


def formatted(source: str) -> bool:
    command = [find_ruff_bin(), "format", "--check", "--isolated", "-"]
    return subprocess.run(command, input=source, capture_output=True, text=True).returncode == 0


class TestStringLiterals:
    @pytest.mark.parametrize(
        ("value", "literal"),
        [
            ("plain", '"plain"'),
            ("l'apostrophe", '"l\'apostrophe"'),
            ('dit "oui"', "'dit \"oui\"'"),
            ("les deux ' et \"", '"les deux \' et \\""'),
            ("a\\b", '"a\\\\b"'),
            ("tab\there", '"tab\\there"'),
            ("bell\x07", '"bell\\x07"'),
        ],
    )
    def test_quotes_as_ruff_prefers_them(self, value: str, literal: str) -> None:
        assert string_literal(value) == literal
        assert eval(literal) == value

    def test_wide_characters_take_two_columns(self) -> None:
        assert width("abc") == 3
        assert width("é") == 1
        assert width("🔌") == 2


class TestPythonSource:
    def test_builds_an_equal_blueprint_with_only_the_values_set(self) -> None:
        blueprint = small()
        source = blueprint_source(blueprint)
        assert run(source).model_dump() == blueprint.model_dump()
        assert "access=" not in source  # a default the author did not write stays a default
        assert "type=" not in source.replace('type="date"', "")  # classes say their tags

    def test_a_date_where_text_is_also_allowed_stays_a_date(self) -> None:
        # A column's `enum` takes text too: "2024-05-01" would be read back as text.
        source = blueprint_source(small())
        assert "enum=[datetime.date(2024, 5, 1)]" in source
        assert 'min="2020-01-01"' in source  # a column bound is read back as a date
        assert source.count("import datetime\n") == 1

    def test_no_datetime_import_without_such_dates(self) -> None:
        blueprint = small()
        del blueprint.datasets["shops"].columns["closed"]
        assert "import datetime" not in blueprint_source(blueprint)

    def test_texts_of_several_lines_are_one_literal_per_line_when_long(self) -> None:
        text = "# Titre\n\n" + "Une phrase assez longue pour ne pas tenir sur la ligne. " * 3 + "\n"
        blueprint = small(views=[dc.TextView(markdown=text)])
        source = blueprint_source(blueprint)
        assert "markdown=(\n" in source
        assert '"# Titre\\n"' in source
        assert run(source).pages[0].views[0].markdown == text
        assert formatted(source)

    def test_lines_fit_unless_a_single_text_is_longer(self) -> None:
        blueprint = small(description="mot " * 40, icon="🔌")
        source = blueprint_source(blueprint)
        assert formatted(source)
        for line in source.splitlines():
            assert width(line) <= LINE_LENGTH or line.strip().startswith(('description="', '"""'))

    def test_a_plugin_component_is_imported_from_its_package(self) -> None:
        from datacites_test_plugin import RadarView

        blueprint = small(views=[RadarView(indicators=["n", "n", "n"])])
        source = blueprint_source(blueprint)
        assert "from datacites_test_plugin import RadarView\n" in source
        assert 'RadarView(indicators=["n", "n", "n"])' in source
        assert run(source).model_dump() == blueprint.model_dump()
        assert formatted(source)


class TestYaml:
    def test_reads_back_as_an_equal_blueprint(self) -> None:
        blueprint = small()
        text = blueprint_yaml(blueprint)
        again = dc.Blueprint.model_validate(yaml.safe_load(text))
        assert again.model_dump() == blueprint.model_dump()

    def test_components_and_filters_carry_their_tag_first(self) -> None:
        data = yaml.safe_load(blueprint_yaml(small()))
        assert list(data["pages"][0]["views"][0]) == ["type", "indicator"]
        assert data["datasets"]["shops"]["source"] == {"type": "csv", "path": "data/shops.csv"}
        assert data["filters"]["f"]["type"] == "select"
        assert "access" not in data["pages"][0]

    def test_relations_are_written_as_text(self) -> None:
        relation = dc.Relation.model_validate("shops.a -> shops.b")
        blueprint = small().model_copy(update={"relations": [relation]})
        assert yaml.safe_load(blueprint_yaml(blueprint))["relations"] == ["shops.a -> shops.b"]

    def test_texts_of_several_lines_are_blocks(self) -> None:
        text = blueprint_yaml(small(views=[dc.TextView(markdown="# Titre\n\nCorps.\n")]))
        assert "markdown: |\n" in text
        again = dc.Blueprint.model_validate(yaml.safe_load(text))
        assert again.pages[0].views[0].markdown == "# Titre\n\nCorps.\n"

    def test_include_is_left_out(self) -> None:
        blueprint = small().model_copy(update={"include": ["a-propos"]})
        assert "include" in blueprint.model_fields_set
        assert "include" not in yaml.safe_load(blueprint_yaml(blueprint))
        assert "include=" not in blueprint_source(blueprint)


class TestReadableYaml:
    def test_small_mappings_and_lists_are_written_on_one_line(self) -> None:
        text = blueprint_yaml(small())
        assert "source: {type: csv, path: data/shops.csv}\n" in text
        assert "  - {type: kpi, indicator: n}\n" in text

    def test_a_value_shared_by_two_models_is_written_twice(self) -> None:
        governance = dc.Governance(producer="Ville", updated=dt.date(2026, 11, 1))
        blueprint = small()
        for dataset in ("a", "b"):
            blueprint.datasets[dataset] = dc.Dataset(
                source=dc.CsvSource(path=f"data/{dataset}.csv"), governance=governance
            )
        text = blueprint_yaml(blueprint)
        assert "&id" not in text and "*id" not in text
        assert text.count("updated: 2026-11-01") == 2

    def test_a_none_that_is_the_default_is_not_written(self) -> None:
        blueprint = small().model_copy(
            update={
                "indicators": {
                    "n": dc.Indicator(label="N", dataset="shops", measure="count(*)", where=None)
                }
            }
        )
        assert "where" in blueprint.indicators["n"].model_fields_set
        assert "where" not in blueprint_yaml(blueprint)
        assert "where=" not in blueprint_source(blueprint)
