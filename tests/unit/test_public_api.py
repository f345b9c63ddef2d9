"""`import datacites_proto as dc` gives every model and built-in component, lazily."""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

import datacites_proto as dc
from datacites_proto.blueprint.base import Component, Spec
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.registry import Registry

INIT = Path(dc.__file__)


def type_checking_imports() -> dict[str, str]:
    """Name → module of the imports under `if TYPE_CHECKING:` in the package's __init__."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom) and stmt.module
                found.update({alias.name: stmt.module for alias in stmt.names})
    return found


def reachable_models() -> set[type[Spec]]:
    """Every model a blueprint's fields can hold, through the built-in components too."""
    todo: list[type] = [Blueprint, *(info.cls for info in Registry.builtin().components())]
    seen: set[type[Spec]] = set()
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for info in model.model_fields.values():
            for arg in _leaves(info.annotation):
                if isinstance(arg, type) and issubclass(arg, Spec) and arg not in seen:
                    todo.append(arg)
    return seen


def _leaves(annotation: object) -> list[object]:
    from typing import get_args

    args = get_args(annotation)
    if not args:
        return [annotation]
    return [leaf for arg in args for leaf in _leaves(arg)]


class TestExports:
    def test_every_name_in_all_resolves_to_its_modules_object(self) -> None:
        for name in dc.__all__:
            if name == "__version__":
                continue
            module = importlib.import_module(dc._EXPORTS[name])
            assert getattr(dc, name) is getattr(module, name), name

    def test_all_lists_exactly_the_exports(self) -> None:
        assert sorted(dc.__all__) == dc.__all__
        assert set(dc.__all__) == {*dc._EXPORTS, "__version__"}

    def test_type_checkers_see_the_same_names_from_the_same_modules(self) -> None:
        assert type_checking_imports() == dc._EXPORTS

    def test_every_builtin_component_is_exported_under_its_class_name(self) -> None:
        components = Registry.builtin().components()
        assert len(components) >= 20
        for info in components:
            assert getattr(dc, info.cls.__name__) is info.cls, info.type

    def test_every_model_a_blueprint_can_hold_is_exported(self) -> None:
        # Writing any blueprint in Python needs no import beyond `datacites_proto`.
        for model in reachable_models():
            if model.__name__.startswith("_"):
                continue
            if issubclass(model, Component) and model.type_tag() is None:
                continue  # a slot's abstract base: the concrete components are checked
            assert getattr(dc, model.__name__, None) is model, model.__name__

    def test_base_classes_for_plugins(self) -> None:
        assert dc.Source.kind == "sources"
        assert dc.View.kind == "views"
        assert dc.Layer.kind == "layers"
        assert issubclass(dc.KpiView, dc.IndicatorView)
        assert issubclass(dc.CsvSource, dc.Source)

    def test_engine_service_and_metadata_model_do_not_collide(self) -> None:
        assert dc.Service.__module__ == "datacites_proto.engine.service"
        assert dc.ServiceInfo.__module__ == "datacites_proto.blueprint.service"
        assert Blueprint.model_fields["service"].annotation is dc.ServiceInfo

    def test_unknown_name_is_an_attribute_error(self) -> None:
        with pytest.raises(AttributeError, match="KpiVue"):
            dc.KpiVue  # noqa: B018
        assert not hasattr(dc, "_nothing_here")

    def test_dir_lists_the_public_names(self) -> None:
        assert {"Blueprint", "CsvSource", "KpiView", "ServiceInfo"} <= set(dir(dc))


class TestBuildingABlueprint:
    def test_a_blueprint_from_the_public_api_only(self) -> None:
        blueprint = dc.Blueprint(
            datacites=1,
            service=dc.ServiceInfo(id="essai", title="Essai"),
            datasets={"shops": dc.Dataset(source=dc.CsvSource(path="data/shops.csv"))},
            indicators={"n": dc.Indicator(label="N", dataset="shops", measure="count(*)")},
            pages=[dc.Page(title="A", views=[dc.KpiView(indicator="n")])],
        )
        assert blueprint.pages[0].views[0].type == "kpi"
        assert blueprint.datasets["shops"].source.type == "csv"


def test_importing_the_package_imports_no_model_nor_streamlit() -> None:
    # `datacites --version` and `import datacites_proto` must not pay for pydantic models,
    # the engine or Streamlit: names are imported when first read.
    code = (
        "import sys, datacites_proto as dc\n"
        "heavy = [m for m in ('streamlit', 'pydantic', 'duckdb', 'sqlalchemy', "
        "'datacites_proto.blueprint.model') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "dc.KpiView\n"
        "assert 'datacites_proto.views.kpi' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


DOCS = [
    INIT.parent.parent / "docs" / "en" / "python.md",
    INIT.parent.parent / "docs" / "fr" / "python.md",
]


@pytest.mark.parametrize("page", DOCS, ids=lambda p: str(p.relative_to(INIT.parent.parent)))
class TestDocumentation:
    def test_the_first_example_builds_a_blueprint(self, page: Path) -> None:
        text = page.read_text(encoding="utf-8")
        code = text.split("```python\n", 1)[1].split("```", 1)[0]
        namespace: dict[str, object] = {}
        exec(compile(code, str(page), "exec"), namespace)
        assert isinstance(namespace["blueprint"], Blueprint)

    def test_the_table_lists_exactly_the_exports(self, page: Path) -> None:
        text = page.read_text(encoding="utf-8")
        table = [line for line in text.splitlines() if line.startswith("| ")]
        documented = {
            name for line in table[2:] for name in re.findall(r"`([A-Za-z_]+)`", line.split("|")[2])
        }
        assert documented == set(dc.__all__) - {"__version__"}


def test_the_list_of_exports_imports_nothing() -> None:
    # Any layer may read it (the Python writer of `datacites convert` does) without
    # importing the package's top module and, through it, every layer.
    source = (INIT.parent / "public_api.py").read_text(encoding="utf-8")
    imports = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import | ast.ImportFrom)
        and getattr(node, "module", None) != "__future__"
    ]
    assert imports == []
