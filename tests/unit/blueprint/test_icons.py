"""Page icons: Material Symbols shown for emoji, names checked, every shipped page iconed."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from streamlit.material_icon_names import ALL_MATERIAL_ICONS
from streamlit.testing.v1 import AppTest

import datacites_proto
from datacites_proto import inspect_blueprint
from datacites_proto.blueprint.icons import (
    DEFAULT_ICON,
    EMOJI_ICONS,
    emoji_icon,
    material_names,
    page_icon,
)
from datacites_proto.errors import Problem
from tests.conftest import REPO

BLUEPRINT = """\
datacites: 1
service: {{id: essai, title: Essai}}
datasets:
  visits:
    source: {{type: csv, path: visits.csv}}
pages:
  - title: Accueil
    icon: {icon}
    views:
      - {{type: text, markdown: Bonjour}}
"""


def inspect(tmp_path: Path, icon: str) -> list[Problem]:
    (tmp_path / "visits.csv").write_text("kind,n\na,1\n", encoding="utf-8")
    path = tmp_path / "blueprint.yaml"
    path.write_text(BLUEPRINT.format(icon=icon), encoding="utf-8")
    result = inspect_blueprint(path)
    return [*result.problems, *result.warnings]


def test_the_shipped_names_are_streamlits() -> None:
    # Streamlit refuses any other name: a new Streamlit with other names shows up here.
    assert material_names() == frozenset(ALL_MATERIAL_ICONS)


def test_every_emoji_maps_to_a_name_streamlit_knows() -> None:
    assert set(EMOJI_ICONS.values()) <= material_names()


@pytest.mark.parametrize(
    ("emoji", "name"),
    [
        ("🚶", "directions_walk"),
        ("ℹ️", "info"),
        ("ℹ", "info"),  # without the emoji variation selector
        ("💬", "chat"),
        ("🏠", "home"),
        ("🔌", "ev_station"),
        ("🌡️", "thermostat"),
        ("♻️", "recycling"),
        ("🗑️", "delete"),
        ("📊", "bar_chart"),
        ("🗺️", "map"),
        ("🅿️", "local_parking"),
        ("🚲", "pedal_bike"),
        ("🎯", "target"),
    ],
)
def test_common_emoji_become_material_symbols(emoji: str, name: str) -> None:
    assert emoji_icon(emoji) == f":material/{name}:"
    assert page_icon(emoji) == f":material/{name}:"


def test_what_the_menu_shows() -> None:
    assert page_icon(":material/home:") == ":material/home:"
    assert page_icon(None) is None and page_icon("  ") is None
    # Never a name Streamlit would refuse (it stops the app): the default icon instead.
    assert page_icon(":material/not_an_icon:") == DEFAULT_ICON
    assert page_icon(":material/Home:") == DEFAULT_ICON
    assert page_icon("🦄") == DEFAULT_ICON
    assert DEFAULT_ICON.removeprefix(":material/").removesuffix(":") in material_names()


def test_an_unknown_emoji_is_a_warning_naming_the_default(tmp_path: Path) -> None:
    [problem] = inspect(tmp_path, '"🦄"')
    assert (problem.code, problem.severity) == ("icon_unknown_emoji", "warning")
    assert problem.loc == ("pages", 0, "icon") and problem.line == 8
    assert ":material/home:" in problem.format("fr") and DEFAULT_ICON in problem.format("fr")
    assert "Material Symbols" in problem.format("en") and "🦄" in problem.format("en")


def test_a_known_emoji_or_name_is_fine(tmp_path: Path) -> None:
    assert inspect(tmp_path, '"🏠"') == []
    assert inspect(tmp_path, '":material/directions_walk:"') == []


def test_a_misspelt_material_name_is_an_error_with_suggestions(tmp_path: Path) -> None:
    [problem] = inspect(tmp_path, '":material/direction_walk:"')
    assert (problem.code, problem.severity) == ("icon_unknown_material", "error")
    assert ":material/directions_walk:" in problem.suggestions
    assert "direction_walk" in problem.format("fr") and "direction_walk" in problem.format("en")


def test_a_badly_written_material_icon_is_an_error(tmp_path: Path) -> None:
    [problem] = inspect(tmp_path, '":material/Home"')
    assert problem.code == "icon_bad_material"
    assert ":material/nom:" in problem.format("fr") and ":material/name:" in problem.format("en")


def test_a_long_material_name_fits(tmp_path: Path) -> None:
    assert inspect(tmp_path, '":material/energy_savings_leaf:"') == []


# What is shipped -----------------------------------------------------------------------

SHIPPED = [
    *sorted((REPO / "examples").glob("*/blueprint.*")),
    REPO / "examples" / "plugins" / "datacites-velos" / "service" / "blueprint.yaml",
]
TEMPLATE_FILES = sorted((REPO / "service_templates").glob("*/*/blueprint.yaml"))
FRAGMENTS = sorted((REPO / "blueprints").glob("*.yaml"))
ICON_LINE = re.compile(r"^\s*icon: (.*)$", re.M)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.parent.name)
def test_every_page_of_every_example_has_a_material_icon(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = inspect_blueprint(path)
    assert result.blueprint is not None, [p.format("fr") for p in result.problems]
    assert not [w for w in result.warnings if w.code.startswith("icon_")]
    for page in result.blueprint.pages:
        assert page.icon is not None and page.icon.startswith(":material/"), page.title
    # What the navigation gives Streamlit (st.Page needs a running script): every page,
    # the hidden alias too.
    monkeypatch.setenv("ICON_TEST_BLUEPRINT", str(path))
    at = AppTest.from_function(_navigation_icons, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [t.value.split("|") for t in at.text]
    assert len(shown) == len(result.blueprint.pages) + 1
    for title, icon in shown:
        name = re.fullmatch(r":material/([a-z0-9_]+):", icon)
        assert name and name.group(1) in material_names(), title


def _navigation_icons() -> None:
    """An app that lists the st.Pages of a blueprint's navigation (run by AppTest)."""
    import os

    import streamlit as st

    from datacites_proto import inspect_blueprint
    from datacites_proto.app.main import navigation_pages, visible_pages

    blueprint = inspect_blueprint(os.environ["ICON_TEST_BLUEPRINT"]).blueprint
    assert blueprint is not None
    for entry in navigation_pages(visible_pages(blueprint, "team")):
        st.text(f"{entry.title}|{entry.icon}")


@pytest.mark.parametrize(
    "path", [*TEMPLATE_FILES, *FRAGMENTS], ids=lambda p: f"{p.parts[-3]}/{p.name}"
)
def test_templates_and_fragments_write_material_icons(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    pages = len(re.findall(r"^  - title: ", text, re.M))
    icons = [value.strip().strip('"') for value in ICON_LINE.findall(text)]
    assert len(icons) == pages
    for icon in icons:
        assert page_icon(icon) == icon, icon  # written as a known Material name


def test_an_unquoted_material_name_gets_a_hint_at_its_line(tmp_path: Path) -> None:
    [problem] = inspect(tmp_path, ":material/home:")  # as Streamlit's docs write it, bare
    assert problem.code == "yaml_icon_needs_quotes" and problem.line == 8
    assert 'icon: ":material/home:"' in problem.format("fr")
    assert "in quotes" in problem.format("en")


def test_every_emoji_the_shipped_blueprints_used_has_its_symbol() -> None:
    # Those of the examples, templates, fragments, plugin example and docs before they
    # moved to Material names: projects made from them keep working, without warnings.
    used = "🏠 🗺️ 📊 🏷️ ⬇️ 🔎 🔑 🔌 🅿️ 💡 🚶 🧪 🏪 🚲 💬 ℹ️ 🎯 🏘️ 📍 📈 🏙️ 🔒 ⚠️ ✅ ⏳ ⏰ 🛠️ 🔗"
    for emoji in used.split():
        assert emoji_icon(emoji) is not None, emoji


def test_the_framework_draws_its_own_notices_with_material_symbols() -> None:
    # An emoji needs a font the visitor's machine may lack (an empty box): every icon the
    # framework passes to Streamlit itself is a Material Symbol, bundled with Streamlit.
    package = Path(datacites_proto.__file__).parent
    emoji = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.keyword) and node.arg == "icon"):
                continue
            value = node.value
            if isinstance(value, ast.Constant) and not str(value.value).startswith(":material/"):
                emoji.append(f"{path.relative_to(package)}:{node.lineno} {value.value}")
    assert emoji == []
