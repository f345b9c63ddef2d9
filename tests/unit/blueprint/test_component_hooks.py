"""Plugin components get the built-ins' treatment through the validation hooks alone.

Each case writes the same blueprint twice, once with a built-in component and once with
a plugin one (tests/plugin_package/datacites_test_plugin/hooks.py), and expects the same
located problems: validation never tests a component's class or tag.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from datacites_test_plugin.hooks import COMPONENTS, LedgerSource

from datacites_proto import inspect_blueprint
from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.errors import Problem
from datacites_proto.registry import Registry

HEAD = """\
datacites: 1
service: {{id: essai, title: Essai}}
datasets:
  visits:
    source: {{type: csv, path: visits.csv}}
    columns: {{kind: string, name: string, code: string, x: number, y: number}}
    {geometry}
    governance: {{access: {access}, personal: [name], min_group_size: 11}}
pages:
  - title: Carte
    access: {page}
    views:
      - {view}
"""


@pytest.fixture(scope="module")
def registry() -> Registry:
    """The built-ins plus the plugin's hook components."""
    found = Registry.builtin()
    for kind, classes in COMPONENTS.items():
        for cls in classes:
            found.register(kind, cls, distribution="datacites-test-plugin", version="0.1.0")
    return found


def inspect(
    tmp_path: Path,
    registry: Registry,
    view: str,
    *,
    access: str = "open",
    page: str = "public",
    geometry: bool = True,
) -> list[Problem]:
    """The problems (errors, then warnings) of a blueprint holding `view` on its only page."""
    (tmp_path / "visits.csv").write_text(
        "kind,name,code,x,y\na,Ann,29019,-3.5,47.9\n", encoding="utf-8"
    )
    zones = {"type": "FeatureCollection", "features": [_feature("29019")]}
    (tmp_path / "zones.geojson").write_text(json.dumps(zones), encoding="utf-8")
    text = HEAD.format(
        access=access,
        page=page,
        view=view,
        geometry="geometry: {lon: x, lat: y}" if geometry else "",
    )
    path = tmp_path / "blueprint.yaml"
    path.write_text(text, encoding="utf-8")
    result = inspect_blueprint(path, registry=registry)
    return [*result.problems, *result.warnings]


def _feature(code: str) -> dict[str, object]:
    ring = [[-3.6, 47.8], [-3.4, 47.8], [-3.4, 48.0], [-3.6, 47.8]]
    return {
        "type": "Feature",
        "properties": {"INSEE": code},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def found(problems: list[Problem], code: str) -> list[Problem]:
    return [p for p in problems if p.code == code]


def districts(areas: str = "zones.geojson", code: str = "INSEE") -> str:
    return (
        "{type: map, layers: [{type: districts, dataset: visits, label: Quartiers, "
        f"areas: {areas}, code: {code}}}]}}"
    )


def choropleth(geojson: str = "zones.geojson", key: str = "INSEE") -> str:
    return (
        "{type: map, layers: [{type: choropleth, indicator: n, "
        f"geojson: {geojson}, key: {{geojson: {key}, column: code}}}}]}}"
    )


LAYER = ("pages", 0, "views", 0, "layers", 0)


class TestLayerFiles:
    def test_a_missing_file_is_reported_where_the_plugin_writes_it(
        self, tmp_path: Path, registry: Registry
    ) -> None:
        [problem] = found(
            inspect(tmp_path, registry, districts("absent.geojson")), "data_file_missing"
        )
        assert problem.severity == "warning"
        assert problem.loc == (*LAYER, "areas")
        assert problem.line == 13 and problem.col is not None
        assert "absent.geojson" in problem.format("fr") and "absent.geojson" in problem.format("en")

    def test_the_built_in_gets_the_same_warning(self, tmp_path: Path, registry: Registry) -> None:
        [problem] = found(
            inspect(tmp_path, registry, choropleth("absent.geojson")), "data_file_missing"
        )
        assert problem.severity == "warning"
        assert problem.loc == (*LAYER, "geojson")

    @pytest.mark.parametrize("escape", ["../outside.geojson", "/etc/passwd"])
    def test_a_file_outside_the_project_is_refused_alike(
        self, tmp_path: Path, registry: Registry, escape: str
    ) -> None:
        plugin = inspect(tmp_path, registry, districts(escape))
        builtin = inspect(tmp_path, registry, choropleth(escape))
        refused = [p for p in plugin if p.loc == (*LAYER, "areas")]
        assert [p.code for p in refused] == [
            p.code for p in builtin if p.loc == (*LAYER, "geojson")
        ]
        assert refused and refused[0].severity == "error"

    def test_a_present_file_is_not_reported(self, tmp_path: Path, registry: Registry) -> None:
        problems = inspect(tmp_path, registry, districts())
        assert [p for p in problems if p.loc[: len(LAYER)] == LAYER] == []

    def test_the_build_collects_the_plugin_file(self, tmp_path: Path, registry: Registry) -> None:
        from datacites_proto.blueprint.checks.paths import iter_marked

        inspect(tmp_path, registry, districts())
        result = inspect_blueprint(tmp_path / "blueprint.yaml", registry=registry)
        assert result.blueprint is not None
        files = {(loc, text) for loc, text, _ in iter_marked(result.blueprint)}
        assert ((*LAYER, "areas"), "zones.geojson") in files
        assert (("datasets", "visits", "source", "path"), "visits.csv") in files


class TestLayerRules:
    def test_the_plugin_check_hook_reports_a_missing_property(
        self, tmp_path: Path, registry: Registry
    ) -> None:
        [problem] = found(
            inspect(tmp_path, registry, districts(code="INSE")), "geojson_property_missing"
        )
        assert problem.loc == (*LAYER, "code")
        assert problem.suggestions == ("INSEE",)

    def test_the_built_in_check_hook_too(self, tmp_path: Path, registry: Registry) -> None:
        [problem] = found(
            inspect(tmp_path, registry, choropleth(key="INSE")), "geojson_property_missing"
        )
        assert problem.loc == (*LAYER, "key")
        assert problem.suggestions == ("INSEE",)

    @pytest.mark.parametrize(
        ("view", "layer"),
        [
            (districts(), "districts"),
            ("{type: map, layers: [{type: hexagons, dataset: visits}]}", "hexagons"),
        ],
    )
    def test_needs_geometry_applies_to_plugin_and_built_in(
        self, tmp_path: Path, registry: Registry, view: str, layer: str
    ) -> None:
        problems = inspect(tmp_path, registry, view, geometry=False)
        [problem] = found(problems, "layer_needs_geometry")
        assert problem.loc == (*LAYER, "dataset")
        assert problem.params == {"dataset": "visits", "type": layer}

    def test_cells_following_the_extent_are_refused_over_shared_data(
        self, tmp_path: Path, registry: Registry
    ) -> None:
        problems = inspect(tmp_path, registry, districts(), access="shared")
        [problem] = found(problems, "protection_free_cells_on_public_page")
        assert problem.loc == (*LAYER, "type")
        assert "« Quartiers »" in problem.format("fr")

    def test_and_kept_on_a_team_page(self, tmp_path: Path, registry: Registry) -> None:
        problems = inspect(tmp_path, registry, districts(), access="shared", page="team")
        assert found(problems, "protection_free_cells_on_public_page") == []


class TestViewFlags:
    def test_a_team_only_plugin_view_is_refused_on_a_public_page(
        self, tmp_path: Path, registry: Registry
    ) -> None:
        [problem] = found(
            inspect(tmp_path, registry, "{type: comments_digest}"), "team_only_view_on_public_page"
        )
        assert problem.loc == ("pages", 0, "views", 0, "type")
        assert (problem.line, problem.col) == (13, 16)
        fr, en = problem.format("fr"), problem.format("en")
        assert "« Carte »" in fr and "comments_digest" in fr and "access: team" in fr
        assert "'Carte'" in en and "comments_digest" in en and "access: team" in en

    def test_the_built_in_keeps_its_own_message(self, tmp_path: Path, registry: Registry) -> None:
        [problem] = found(
            inspect(tmp_path, registry, "{type: feedback_summary}"),
            "feedback_summary_on_public_page",
        )
        assert problem.loc == ("pages", 0, "views", 0, "type")

    def test_a_team_only_view_is_fine_on_a_team_page(
        self, tmp_path: Path, registry: Registry
    ) -> None:
        problems = inspect(tmp_path, registry, "{type: comments_digest}", page="team")
        assert [p for p in problems if p.severity == "error"] == []

    @pytest.mark.parametrize("view", ["suggestion_box", "feedback"])
    def test_a_view_storing_feedback_makes_the_service_collect(
        self, tmp_path: Path, registry: Registry, view: str
    ) -> None:
        from datacites_proto.app.usage import collects

        inspect(tmp_path, registry, "{type: text, markdown: Bonjour}")
        plain = inspect_blueprint(tmp_path / "blueprint.yaml", registry=registry).blueprint
        inspect(tmp_path, registry, f"{{type: {view}}}")
        storing = inspect_blueprint(tmp_path / "blueprint.yaml", registry=registry).blueprint
        assert plain is not None and storing is not None
        assert (collects(plain), collects(storing)) == (False, True)

    @pytest.mark.parametrize("view", ["records", "table"])
    def test_a_view_showing_whole_rows_of_personal_data_is_refused(
        self, tmp_path: Path, registry: Registry, view: str
    ) -> None:
        problems = inspect(tmp_path, registry, f"{{type: {view}, dataset: visits}}", page="team")
        [problem] = found(problems, "table_shows_personal")
        assert problem.loc == ("pages", 0, "views", 0, "dataset")
        assert problem.params == {"dataset": "visits", "columns": "name"}


class TestSourceHooks:
    def test_the_plugin_source_check_hook_is_located(
        self, tmp_path: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("LEDGER_URL", raising=False)
        inspect(tmp_path, registry, "{type: text, markdown: Bonjour}")
        path = tmp_path / "blueprint.yaml"
        text = path.read_text(encoding="utf-8").replace(
            "source: {type: csv, path: visits.csv}",
            "source: {type: ledger, database: '${LEDGER_URL}', journal: entries}",
        )
        path.write_text(text, encoding="utf-8")
        result = inspect_blueprint(path, registry=registry)
        assert result.problems == []
        [problem] = found(result.warnings, "env_var_unset")
        assert problem.loc == ("datasets", "visits", "source", "database")
        assert (problem.line, problem.col) == (5, 38)
        monkeypatch.setenv("LEDGER_URL", "sqlite:///books.db")
        assert found(inspect_blueprint(path, registry=registry).warnings, "env_var_unset") == []

    def test_the_engine_queries_a_plugin_remote_source_through_its_target(
        self, tmp_path: Path, registry: Registry
    ) -> None:
        from datacites_proto.engine.remote import RemoteDatabases, remote_table

        with sqlite3.connect(tmp_path / "books.db") as con:
            con.execute("create table entries (account text, amount real)")
            con.execute("insert into entries values ('601', 12.5)")
        dataset = Dataset.model_validate(
            {"source": {"type": "ledger", "database": "sqlite:///books.db", "journal": "entries"}},
            context={"registry": registry},
        )
        assert isinstance(dataset.source, LedgerSource)
        databases = RemoteDatabases(tmp_path)
        try:
            table = remote_table("books", dataset, databases)
        finally:
            databases.dispose()
        assert table.columns == {"account": "string", "amount": "number"}


class TestSourceFiles:
    def write(self, tmp_path: Path, registry: Registry, export: str) -> Path:
        inspect(tmp_path, registry, "{type: text, markdown: Bonjour}")
        path = tmp_path / "blueprint.yaml"
        text = path.read_text(encoding="utf-8").replace(
            "source: {type: csv, path: visits.csv}", f"source: {{type: meter, export: {export}}}"
        )
        path.write_text(text, encoding="utf-8")
        return path

    def test_a_missing_export_is_a_located_warning(
        self, tmp_path: Path, registry: Registry
    ) -> None:
        result = inspect_blueprint(self.write(tmp_path, registry, "absent.txt"), registry=registry)
        [problem] = found(result.warnings, "data_file_missing")
        assert problem.loc == ("datasets", "visits", "source", "export")
        assert (problem.line, problem.col) == (5, 35)

    def test_an_export_outside_the_project_is_refused(
        self, tmp_path: Path, registry: Registry
    ) -> None:
        result = inspect_blueprint(self.write(tmp_path, registry, "../x.txt"), registry=registry)
        assert [p.loc for p in result.problems] == [("datasets", "visits", "source", "export")]

    def test_unreadable_data_is_reported_at_the_file_line(
        self, tmp_path: Path, registry: Registry
    ) -> None:
        (tmp_path / "export.txt").write_text("compteur,litres\nA,3\n", encoding="utf-8")
        result = inspect_blueprint(self.write(tmp_path, registry, "export.txt"), registry=registry)
        [problem] = found(result.problems, "data_unreadable")
        assert problem.file is not None and problem.file.endswith("export.txt")
        assert problem.line == 1
        assert problem.loc == ("datasets", "visits", "source")
        assert "compteur,litres" in problem.format("en")

    def test_detected_columns_are_checked_like_a_built_in(
        self, tmp_path: Path, registry: Registry
    ) -> None:
        (tmp_path / "export.txt").write_text("meter;litres\nA;3\n", encoding="utf-8")
        result = inspect_blueprint(self.write(tmp_path, registry, "export.txt"), registry=registry)
        # The blueprint declares `kind`, `name`… which the export does not hold.
        missing = found(result.problems, "declared_column_missing")
        assert [p.loc[-1] for p in missing] == ["kind", "name", "code", "x", "y"]
        assert {p.params["path"] for p in missing} == {"export.txt"}

    def test_the_app_cache_follows_the_plugin_file(
        self, tmp_path: Path, registry: Registry
    ) -> None:
        import os

        from datacites_proto.app.stamps import data_stamp

        export = tmp_path / "export.txt"
        export.write_text("meter;litres\nA;3\n", encoding="utf-8")
        path = self.write(tmp_path, registry, "export.txt")
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace(
                "kind: string, name: string, code: string, x: number, y: number",
                "meter: string, litres: integer",
            ),
            encoding="utf-8",
        )
        result = inspect_blueprint(path, registry=registry)
        assert result.blueprint is not None, result.problems
        before = data_stamp(result.blueprint)
        export.write_text("meter;litres\nA;3\nB;4\n", encoding="utf-8")
        os.utime(export, ns=(1, 1))
        assert data_stamp(result.blueprint) != before
