"""The language layer and the engine never name a built-in component nor test its tag.

They talk to components through the hooks of `blueprint/components.py` and the kinds'
base classes, so a plugin gets exactly what a built-in gets (issue 12, point 2).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from datacites_proto.blueprint.base import Component
from datacites_proto.registry import Registry
from tests.conftest import REPO

PACKAGE = REPO / "datacites_proto"
SCANNED = ("blueprint", "engine")
# The kinds' base modules: their classes are the contract, not built-ins.
BASE_MODULES = {
    "datacites_proto.views.base",
    "datacites_proto.views.maps.base",
    "datacites_proto.sources.base",
}


def builtin_classes() -> set[str]:
    """Every built-in component class, and the built-in classes between it and its base."""
    names: set[str] = set()
    for info in Registry.builtin().components():
        for cls in info.cls.__mro__:
            module = cls.__module__
            if not issubclass(cls, Component) or cls is Component:
                continue
            if module in BASE_MODULES or module.startswith("datacites_proto.blueprint"):
                continue
            names.add(cls.__name__)
    return names


def builtin_tags() -> set[str]:
    return {info.type for info in Registry.builtin().components()}


def offences(text: str, classes: set[str], tags: set[str]) -> list[str]:
    """Built-in class names, tag comparisons and sniffed fields found in `text`."""
    found = [m.group(0) for m in re.finditer(r"\b(" + "|".join(sorted(classes)) + r")\b", text)]
    tag = "|".join(re.escape(t) for t in sorted(tags))
    quoted = rf"""["'](?:{tag})["']"""
    patterns = (
        rf"\.type\s*(?:==|!=)\s*{quoted}",  # layer.type == "shapes"
        rf"{quoted}\s*(?:==|!=)\s*\w+(?:\.\w+)*\.type\b",  # "shapes" == layer.type
        rf"\.type\s+(?:not\s+)?in\s*[\(\[\{{][^\)\]\}}]*{quoted}",  # .type in ("map", …)
        rf"type_tag\(\)\s*(?:==|!=)\s*{quoted}",
        # A field only some built-ins have, read by name: getattr(layer, "geojson").
        r"""getattr\(\s*(?:view|layer|source|part|component)\w*\s*,\s*["']\w+["']""",
    )
    for pattern in patterns:
        found += [m.group(0) for m in re.finditer(pattern, text)]
    return found


def scanned_files() -> list[Path]:
    return sorted(p for folder in SCANNED for p in (PACKAGE / folder).rglob("*.py"))


def test_the_scan_knows_the_built_ins() -> None:
    classes, tags = builtin_classes(), builtin_tags()
    assert {"TableView", "MapView", "FeedbackSummaryView", "SqlSource", "CsvSource"} <= classes
    assert {"ShapesLayer", "ChoroplethLayer"} <= classes
    assert {"View", "Layer", "Source", "IndicatorView"}.isdisjoint(classes)
    assert {"shapes", "map", "sql", "table", "feedback_summary"} <= tags
    assert len(scanned_files()) > 20


def test_no_builtin_name_or_tag_in_the_language_layer_or_the_engine() -> None:
    classes, tags = builtin_classes(), builtin_tags()
    found = {
        str(path.relative_to(REPO)): hits
        for path in scanned_files()
        if (hits := offences(path.read_text(encoding="utf-8"), classes, tags))
    }
    assert found == {}


@pytest.mark.parametrize(
    "line",
    [
        "from datacites_proto.views.table import TableView",
        "if isinstance(view, MapView):",
        "assert isinstance(source, SqlSource)",
        'if layer.type == "shapes":',
        "if 'map' != view.type:",
        'if view.type in ("table", "kpi"):',
        'geojson = getattr(layer, "geojson", None)',
    ],
)
def test_the_scan_catches_a_deliberately_added_name(line: str) -> None:
    assert offences(f"def f():\n    {line}\n", builtin_classes(), builtin_tags())


@pytest.mark.parametrize(
    "line",
    [
        'if filt.type == "date_range":',  # filters are blueprint models, not components
        "if isinstance(part, LayerSpec):",
        "if type(view).team_only:",
        "value = getattr(model, name)",
    ],
)
def test_the_scan_lets_hooks_and_blueprint_models_pass(line: str) -> None:
    assert offences(f"def f():\n    {line}\n", builtin_classes(), builtin_tags()) == []


def test_the_language_layer_imports_no_component_module() -> None:
    """blueprint/ reaches components through components.py, lazily or not (issue 12)."""
    upper = ("views", "sources", "engine", "app", "cli", "store")
    found = []
    for path in sorted((PACKAGE / "blueprint").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                if name.split(".")[:2] in (["datacites_proto", u] for u in upper):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno} {name}")
    assert found == []
