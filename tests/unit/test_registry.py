"""The component registry: hand registration, entry points, broken plugins, plugin views."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Literal

import pytest

from datacites_proto.blueprint.base import field
from datacites_proto.blueprint.loader import inspect_blueprint, load_blueprint
from datacites_proto.registry import (
    BUILTIN_DISTRIBUTION,
    Registry,
    RegistryError,
    default_registry,
)
from datacites_proto.sources.csv_file import CsvSource
from datacites_proto.views.base import View
from datacites_proto.views.kpi import KpiView
from datacites_proto.views.maps.points import PointsLayer

BUILTIN_SOURCES = ["csv", "datagouv", "excel", "geojson", "opendatasoft", "parquet", "sql"]
BUILTIN_VIEWS = [
    "area",
    "assessment",
    "assessment_results",
    "bar",
    "catalog",
    "feedback",
    "feedback_summary",
    "heatmap",
    "histogram",
    "impact",
    "kpi",
    "line",
    "map",
    "table",
    "text",
]
BUILTIN_LAYERS = ["choropleth", "heatmap", "hexagons", "points", "shapes"]
PLUGIN_DISTRIBUTION = "datacites-test-plugin"
DATACITES = Path(sys.executable).parent / "datacites"


class GaugeView(View):
    """A gauge, registered by hand in these tests only."""

    type: Literal["gauge"] = "gauge"
    indicator: str = field(fr="Indicateur.", en="Indicator.")


class UntypedView(View):
    """A view that forgot its `type: Literal[...]`."""


class OtherKpiView(View):
    """A second class claiming the `kpi` tag."""

    type: Literal["kpi"] = "kpi"


class TestHandRegistration:
    def test_fresh_registry_is_empty(self) -> None:
        registry = Registry()
        assert registry.components() == []
        assert registry.types("views") == []
        assert registry.get("views", "kpi") is None
        assert registry.info("views", "kpi") is None

    def test_register_and_look_up(self) -> None:
        registry = Registry()
        info = registry.register("views", GaugeView, distribution="gauges", version="2.0")
        assert (info.kind, info.type, info.cls) == ("views", "gauge", GaugeView)
        assert (info.distribution, info.version, info.builtin) == ("gauges", "2.0", False)
        assert registry.get("views", "gauge") is GaugeView
        assert registry.info("views", "gauge") == info
        assert registry.types("views") == ["gauge"]
        assert registry.components("views") == [info]
        assert registry.types("sources") == []

    def test_builtin_flag(self) -> None:
        registry = Registry()
        info = registry.register("views", KpiView, distribution=BUILTIN_DISTRIBUTION)
        assert info.builtin

    def test_registries_are_independent(self) -> None:
        registry = Registry()
        registry.register("views", GaugeView)
        assert Registry().get("views", "gauge") is None
        assert default_registry().get("views", "gauge") is None

    def test_duplicate_tag_names_both_distributions(self) -> None:
        registry = Registry()
        registry.register("views", KpiView, distribution="datacites-proto")
        with pytest.raises(RegistryError) as caught:
            registry.register("views", OtherKpiView, distribution="kpi-plus")
        error = caught.value
        assert error.code == "registry_duplicate"
        assert "datacites-proto" in str(error)
        assert "kpi-plus" in str(error)
        assert "kpi-plus" in error.message("fr")
        assert "datacites-proto" in error.message("fr")
        assert registry.get("views", "kpi") is KpiView

    def test_same_class_twice_is_a_duplicate(self) -> None:
        registry = Registry()
        registry.register("views", GaugeView, distribution="a")
        with pytest.raises(RegistryError) as caught:
            registry.register("views", GaugeView, distribution="b")
        assert caught.value.code == "registry_duplicate"

    def test_same_tag_in_two_kinds_is_fine(self) -> None:
        from datacites_proto.views.heatmap import HeatmapView
        from datacites_proto.views.maps.heatmap import HeatmapLayer

        registry = Registry()
        registry.register("views", HeatmapView)
        registry.register("layers", HeatmapLayer)
        assert registry.get("views", "heatmap") is HeatmapView
        assert registry.get("layers", "heatmap") is HeatmapLayer

    @pytest.mark.parametrize(
        ("kind", "cls"),
        [("views", CsvSource), ("sources", KpiView), ("layers", KpiView), ("views", PointsLayer)],
    )
    def test_class_of_another_kind(self, kind: str, cls: type) -> None:
        with pytest.raises(RegistryError) as caught:
            Registry().register(kind, cls, distribution="confused-plugin")
        assert caught.value.code == "registry_not_subclass"
        assert "confused-plugin" in str(caught.value)

    @pytest.mark.parametrize("thing", [dict, 42, "kpi", None])
    def test_not_a_component_class(self, thing: object) -> None:
        with pytest.raises(RegistryError) as caught:
            Registry().register("views", thing, distribution="odd-plugin")
        assert caught.value.code == "registry_not_subclass"
        assert "odd-plugin" in str(caught.value)

    def test_base_class_itself_has_no_type(self) -> None:
        with pytest.raises(RegistryError) as caught:
            Registry().register("views", View, distribution="lazy-plugin")
        assert caught.value.code == "registry_no_type"

    def test_class_without_type_literal(self) -> None:
        with pytest.raises(RegistryError) as caught:
            Registry().register("views", UntypedView, distribution="untyped-plugin")
        assert caught.value.code == "registry_no_type"
        assert "untyped-plugin" in str(caught.value)
        assert "UntypedView" in str(caught.value)

    def test_entry_point_name_must_be_the_tag(self) -> None:
        with pytest.raises(RegistryError) as caught:
            Registry().register("views", GaugeView, distribution="gauges", name="jauge")
        error = caught.value
        assert error.code == "registry_name_mismatch"
        assert "jauge" in str(error) and "gauge" in str(error) and "gauges" in str(error)

    def test_matching_entry_point_name(self) -> None:
        info = Registry().register("views", GaugeView, name="gauge")
        assert info.type == "gauge"

    def test_unknown_kind(self) -> None:
        with pytest.raises(RegistryError) as caught:
            Registry().register("widgets", GaugeView)
        error = caught.value
        assert error.code == "registry_unknown_kind"
        assert "widgets" in str(error)
        assert "views" in str(error)

    def test_hand_registered_view_usable_with_registry_context(self, tmp_path: Path) -> None:
        registry = Registry.builtin()
        registry.register("views", GaugeView, distribution="gauges")
        path = tmp_path / "blueprint.yaml"
        path.write_text(
            "datacites: 1\nservice: {id: t, title: T}\n"
            "pages:\n  - title: A\n    views: [{type: gauge, indicator: x}]\n",
            encoding="utf-8",
        )
        result = inspect_blueprint(path, registry=registry, check=False)
        assert result.ok, result.problems
        assert result.blueprint is not None
        assert isinstance(result.blueprint.pages[0].views[0], GaugeView)
        default = inspect_blueprint(path, check=False)
        assert [p.code for p in default.problems] == ["unknown_component_type"]


class TestEntryPoints:
    def test_every_builtin_is_listed(self) -> None:
        registry = Registry.from_entry_points()
        # Other plugins may be installed (the example plugin of docs/plugins.md is).
        assert [i.type for i in registry.components("sources") if i.builtin] == BUILTIN_SOURCES
        assert set(BUILTIN_VIEWS) <= set(registry.types("views"))
        assert [i.type for i in registry.components("layers") if i.builtin] == BUILTIN_LAYERS
        for info in registry.components():
            if info.type in BUILTIN_VIEWS + BUILTIN_SOURCES + BUILTIN_LAYERS:
                assert info.distribution == BUILTIN_DISTRIBUTION, info
                assert info.builtin
                assert info.cls.__module__.startswith("datacites_proto.")

    def test_plugin_radar_is_listed_with_its_distribution(self) -> None:
        registry = Registry.from_entry_points()
        info = registry.info("views", "radar")
        assert info is not None
        assert info.distribution == PLUGIN_DISTRIBUTION
        assert info.version == "0.1.0"
        assert not info.builtin
        assert info.cls.__name__ == "RadarView"
        ours = [i.type for i in registry.components("views") if not i.builtin]
        assert "radar" in ours and not set(ours) & set(BUILTIN_VIEWS)

    def test_builtin_excludes_the_plugin(self) -> None:
        registry = Registry.builtin()
        assert registry.types("views") == BUILTIN_VIEWS
        assert registry.types("sources") == BUILTIN_SOURCES
        assert registry.types("layers") == BUILTIN_LAYERS
        assert registry.get("views", "radar") is None
        assert all(info.builtin for info in registry.components())

    def test_classes_are_the_modules_classes(self) -> None:
        registry = Registry.from_entry_points()
        assert registry.get("views", "kpi") is KpiView
        assert registry.get("sources", "csv") is CsvSource
        assert registry.get("layers", "points") is PointsLayer

    def test_default_registry_is_built_once(self) -> None:
        assert default_registry() is default_registry()
        assert default_registry().get("views", "radar") is not None

    def test_no_component_installed(self) -> None:
        with pytest.raises(RegistryError) as caught:
            Registry.from_entry_points({"sources": "datacites.no-such-group"})
        assert caught.value.code == "registry_not_installed"


def fake_distribution(
    folder: Path, name: str, entry_points: str, modules: dict[str, str] | None = None
) -> Path:
    """An installed distribution made of a `.dist-info` folder (and modules) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    dist_info = folder / f"{name.replace('-', '_')}-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist_info / "entry_points.txt").write_text(textwrap.dedent(entry_points), encoding="utf-8")
    for module, text in (modules or {}).items():
        (folder / f"{module}.py").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def run(args: list[str], site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "DATACITES_LANG": "en", "NO_COLOR": "1"}
    env.pop("PYTHONSTARTUP", None)
    return subprocess.run(
        args, env=env, capture_output=True, text=True, timeout=120, cwd=site, check=False
    )


def from_entry_points(site: Path) -> subprocess.CompletedProcess[str]:
    code = "from datacites_proto.registry import Registry; Registry.from_entry_points()"
    return run([sys.executable, "-c", code], site)


def components_cli(site: Path) -> subprocess.CompletedProcess[str]:
    return run([str(DATACITES), "components"], site)


BROKEN_IMPORT = """\
[datacites.views]
broken = not_a_module:Thing
"""
NOT_A_VIEW = """\
[datacites.views]
thing = notview_plugin_mod:Thing
"""
NOT_A_VIEW_MODULE = """\
from pydantic import BaseModel


class Thing(BaseModel):
    type: str = "thing"
"""
DUPLICATE_KPI = """\
[datacites.views]
kpi = dupkpi_plugin_mod:BetterKpi
"""
DUPLICATE_KPI_MODULE = '''\
from typing import Literal

from datacites_proto import View


class BetterKpi(View):
    """A kpi view that clashes with the built-in one."""

    type: Literal["kpi"] = "kpi"
'''


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fake_distribution(tmp_path_factory.mktemp("broken"), "broken-plugin", BROKEN_IMPORT)


@pytest.fixture(scope="module")
def not_a_view_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fake_distribution(
        tmp_path_factory.mktemp("notview"),
        "notview-plugin",
        NOT_A_VIEW,
        {"notview_plugin_mod": NOT_A_VIEW_MODULE},
    )


@pytest.fixture(scope="module")
def duplicate_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fake_distribution(
        tmp_path_factory.mktemp("dupkpi"),
        "dupkpi-plugin",
        DUPLICATE_KPI,
        {"dupkpi_plugin_mod": DUPLICATE_KPI_MODULE},
    )


class TestBrokenPlugins:
    def test_console_script_exists(self) -> None:
        assert DATACITES.exists()

    def test_healthy_environment_lists_components(self, tmp_path: Path) -> None:
        result = components_cli(tmp_path)
        assert result.returncode == 0, result.stderr
        assert "radar" in result.stdout
        assert PLUGIN_DISTRIBUTION in result.stdout

    def test_import_failure_in_python(self, broken_site: Path) -> None:
        result = from_entry_points(broken_site)
        assert result.returncode != 0
        assert "broken-plugin" in result.stderr
        assert "RegistryError" in result.stderr
        assert "not_a_module" in result.stderr

    def test_import_failure_in_the_cli(self, broken_site: Path) -> None:
        result = components_cli(broken_site)
        output = result.stdout + result.stderr
        assert result.returncode != 0
        assert "broken-plugin" in output
        assert "Traceback" not in output

    def test_class_not_subclassing_view_in_python(self, not_a_view_site: Path) -> None:
        result = from_entry_points(not_a_view_site)
        assert result.returncode != 0
        assert "notview-plugin" in result.stderr
        assert "View" in result.stderr

    def test_class_not_subclassing_view_in_the_cli(self, not_a_view_site: Path) -> None:
        result = components_cli(not_a_view_site)
        output = result.stdout + result.stderr
        assert result.returncode != 0
        assert "notview-plugin" in output
        assert "Traceback" not in output

    def test_duplicate_of_a_builtin_in_python(self, duplicate_site: Path) -> None:
        result = from_entry_points(duplicate_site)
        assert result.returncode != 0
        assert "dupkpi-plugin" in result.stderr
        assert "datacites-proto" in result.stderr

    def test_duplicate_of_a_builtin_in_the_cli(self, duplicate_site: Path) -> None:
        result = components_cli(duplicate_site)
        output = result.stdout + result.stderr
        assert result.returncode != 0
        assert "dupkpi-plugin" in output
        assert "datacites-proto" in output
        assert "Traceback" not in output

    def test_validate_fails_cleanly_too(self, broken_site: Path) -> None:
        blueprint = Path(__file__).resolve().parents[1] / "blueprints/contract/blueprint.yaml"
        result = run([str(DATACITES), "validate", str(blueprint)], broken_site)
        output = result.stdout + result.stderr
        assert result.returncode != 0
        assert "broken-plugin" in output
        assert "Traceback" not in output


RADAR_BLUEPRINT = """\
datacites: 1
service: {id: maturite, title: Maturité numérique}
datasets:
  shops:
    source: {type: csv, path: data/shops.csv}
indicators:
  shops: {label: Commerces, dataset: shops, measure: count(*)}
  surface: {label: Surface, dataset: shops, measure: sum(surface)}
  vacancy: {label: Vacance, dataset: shops, measure: share(status = 'vacant')}
pages:
  - title: Radar
    views:
      - type: radar
        title: Maturité
        indicators: [shops, surface, THIRD]
        scale_max: 10
"""


def radar_text(third: str) -> str:
    return RADAR_BLUEPRINT.replace("THIRD", third)


@pytest.fixture
def radar_project(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "shops.csv").write_text(
        "local_id;status;surface\nL1;vacant;10\nL2;occupied;25\n", encoding="utf-8"
    )
    return tmp_path


class TestPluginViewFromYaml:
    def test_radar_view_is_loaded(self, radar_project: Path) -> None:
        path = radar_project / "blueprint.yaml"
        path.write_text(radar_text("vacancy"), encoding="utf-8")
        blueprint = load_blueprint(path)
        view = blueprint.pages[0].views[0]
        assert type(view).__name__ == "RadarView"
        assert type(view).__module__ == "datacites_test_plugin"
        radar = default_registry().get("views", "radar")
        assert radar is not None and isinstance(view, radar)
        assert view.indicators == ["shops", "surface", "vacancy"]  # type: ignore[attr-defined]
        assert view.scale_max == 10  # type: ignore[attr-defined]

    def test_unknown_indicator_in_radar_is_located(self, radar_project: Path) -> None:
        path = radar_project / "blueprint.yaml"
        text = radar_text("vacancyy")
        path.write_text(text, encoding="utf-8")
        result = inspect_blueprint(path)
        assert [p.code for p in result.problems] == ["unknown_indicator"]
        problem = result.problems[0]
        line = text.splitlines().index("        indicators: [shops, surface, vacancyy]") + 1
        assert problem.line == line
        assert problem.col == text.splitlines()[line - 1].index("vacancyy") + 1
        assert problem.loc == ("pages", 0, "views", 0, "indicators", 2)
        assert problem.suggestions == ("vacancy",)

    def test_radar_field_validation(self, radar_project: Path) -> None:
        path = radar_project / "blueprint.yaml"
        text = radar_text("vacancy").replace("[shops, surface, vacancy]", "[shops, surface]")
        path.write_text(text, encoding="utf-8")
        result = inspect_blueprint(path)
        assert [p.code for p in result.problems] == ["too_short"]
        assert (
            result.problems[0].line
            == text.splitlines().index("        indicators: [shops, surface]") + 1
        )

    def test_radar_unknown_with_builtin_registry(self, radar_project: Path) -> None:
        path = radar_project / "blueprint.yaml"
        text = radar_text("vacancy")
        path.write_text(text, encoding="utf-8")
        result = inspect_blueprint(path, registry=Registry.builtin())
        assert [p.code for p in result.problems] == ["unknown_component_type"]
        problem = result.problems[0]
        assert problem.params["type"] == "radar"
        assert "radar" not in problem.params["allowed"]
        assert problem.loc == ("pages", 0, "views", 0, "type")
        line = text.splitlines().index("      - type: radar") + 1
        assert (problem.line, problem.col) == (line, len("      - type: ") + 1)
