"""Every page of every example and template, rendered in French, shows no English word and
no hyphen-minus before a number (issue 15: « Select all », « Page not found », « -11,9 % »).

AppTest renders each page (the public ones, then the team's as the team and as a visitor
who opens their address unsigned), opens its « Voir les données » expanders, and collects
everything a person reads: texts, labels, options, placeholders, help, table headers and
cells, and the titles and labels of the Vega-Lite charts.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from datacites_proto import inspect_blueprint
from datacites_proto.cli.apptest_runner import SCRIPT, _app_environment, _team_script, open_see_data
from datacites_proto.cli.main import main
from datacites_proto.cli.new import builtin_templates
from tests.conftest import REPO

EXAMPLES = sorted(
    p.parent.name for p in (REPO / "examples").glob("*/blueprint.*") if p.suffix in (".yaml", ".py")
)
TEMPLATES = sorted(t.name for t in builtin_templates())

# Words Streamlit, a library or a hurried author writes in English (whole words, any case).
ENGLISH = [
    "Select all",
    "Page not found",
    "Press Enter",
    "Running",
    "No data",
    "No results",
    "Download",
    "results",
    "rows",
    "loading",
    "of",
    "Choose",
    "Search",
    "Show",
    "Hide",
    "Error",
    "Warning",
    "Sign in",
    "Deploy",
    "null",
    "None",
    "NaN",
    "True",
    "False",
]
ENGLISH_RE = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w-])", re.I)
# A hyphen-minus straight before a digit, not inside a word, a date (2026-11-01) or a range.
HYPHEN_MINUS_RE = re.compile(r"(?<![\w\-/.:])-\d")


def blueprint_of(folder: Path) -> Path:
    return next(folder / n for n in ("blueprint.yaml", "blueprint.py") if (folder / n).is_file())


class Projects:
    """Every example (copied) and every template (generated), made when first asked for."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.made: dict[str, Path] = {}

    def __getitem__(self, name: str) -> Path:
        if name not in self.made:
            folder = self.root / name
            if name.startswith("template-"):
                template = name.removeprefix("template-")
                with pytest.raises(SystemExit) as done:
                    main(["new", str(folder), "--template", template, "--no-input", "--lang", "fr"])
                assert done.value.code in (0, None)
            else:
                ignore = shutil.ignore_patterns(".datacites")
                shutil.copytree(REPO / "examples" / name, folder, ignore=ignore)
            self.made[name] = folder
        return self.made[name]


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> Projects:
    return Projects(tmp_path_factory.mktemp("french"))


def _vega_texts(spec: Any) -> Iterator[str]:
    """Titles, axis and legend titles, and literal labels of a Vega-Lite spec."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("data", "datasets", "config", "$schema", "usermeta"):
                continue
            if key in ("title", "text", "description") and isinstance(value, str):
                yield value
            elif key == "title" and isinstance(value, list):
                yield from (str(v) for v in value)
            else:
                yield from _vega_texts(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _vega_texts(item)


def _widget_texts(node: Any) -> Iterator[str]:
    for attr in ("label", "help", "placeholder"):
        value = getattr(node, attr, None)
        if isinstance(value, str):
            yield value
    proto = getattr(node, "proto", None)
    placeholder = getattr(proto, "placeholder", None)
    if isinstance(placeholder, str):
        yield placeholder
    for option in getattr(node, "options", None) or []:
        yield str(option)


def displayed(at: AppTest) -> list[str]:
    """Everything the page shows a person, one string per element."""
    found: list[str] = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning"):
        found += [str(e.value) for e in getattr(at, kind)]
    found += [str(e.value) for e in at.error] + [str(e.value) for e in at.success]
    for metric in at.metric:
        found += [metric.label, str(metric.value), str(metric.delta or "")]
    for kind in ("selectbox", "multiselect", "slider", "select_slider", "radio", "toggle"):
        for node in getattr(at, kind):
            found += list(_widget_texts(node))
    for kind in ("date_input", "text_input", "text_area", "button", "checkbox"):
        for node in getattr(at, kind):
            found += list(_widget_texts(node))
    found += [e.label for e in at.expander] + [t.label for t in at.tabs]
    for frame in at.dataframe:
        table = frame.value
        found += [str(c) for c in table.columns]
        # Texts as written; numbers, dates and booleans are drawn by the grid itself
        # (localized numbers, check boxes), not as these values' Python text.
        words = table.select_dtypes(include=["object", "string"])
        found += [str(v) for v in words.to_numpy().ravel()[:2000] if isinstance(v, str)]
    for chart in at.get("vega_lite_chart"):
        found += list(_vega_texts(json.loads(chart.proto.spec)))
    return [text for text in found if text]


def english_in(texts: list[str]) -> list[str]:
    """The texts holding an English word or a hyphen-minus before a number."""
    return [t for t in texts if ENGLISH_RE.search(t) or HYPHEN_MINUS_RE.search(t)]


def _rendered(script: Path, slug: str, first: bool) -> AppTest:
    at = AppTest.from_file(str(script), default_timeout=120)
    if not first:
        at._page_hash = calc_hash(slug)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return open_see_data(at)


def pages_of(project: Path, scratch: Path) -> Iterator[tuple[str, AppTest]]:
    """(where, rendered page) for every page, as its audience and as an unsigned visitor."""
    path = blueprint_of(project)
    blueprint = inspect_blueprint(path).blueprint
    assert blueprint is not None
    assert blueprint.service.lang in (None, "fr")
    public = [p for p in blueprint.pages if p.access == "public"]
    team_script = _team_script(path, scratch)
    with _app_environment(path, scratch):
        for n, page in enumerate(public):
            yield f"/{page.url_slug}", _rendered(SCRIPT, page.url_slug, n == 0)
        for page in blueprint.pages:
            if page.access == "team":
                yield f"/{page.url_slug} (équipe)", _rendered(team_script, page.url_slug, False)
                yield f"/{page.url_slug} (non connecté)", _rendered(SCRIPT, page.url_slug, False)


@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLES + [f"template-{t}" for t in TEMPLATES])
def test_no_english_and_no_hyphen_minus_on_french_pages(
    name: str, projects: Projects, tmp_path: Path
) -> None:
    found = {
        where: english
        for where, at in pages_of(projects[name], tmp_path)
        if (english := english_in(displayed(at)))
    }
    assert found == {}, f"{name}: English or hyphen-minus on French pages: {found}"


def test_the_scan_sees_what_it_looks_for() -> None:
    # The rules themselves: they would catch what issue 15 found, and spare French text.
    assert english_in(["Select all", "Voir 3 rows", "−11,9 %", "-11,9 %", "Page not found"]) == [
        "Select all",
        "Voir 3 rows",
        "-11,9 %",
        "Page not found",
    ]
    assert english_in(["du 2026-11-01 au 2026-11-30", "10-20 ans", "A-12", "Total : 3"]) == []
    assert english_in(["Offert", "Shows", "Téléchargement", "résultats", "− 5"]) == []


def test_a_team_page_opened_unsigned_invites_to_sign_in_in_french(
    projects: Projects, tmp_path: Path
) -> None:
    # Not Streamlit's « Page not found » dialog: a page at that address, with the invitation.
    project = projects["passoires_thermiques"]
    path = blueprint_of(project)
    blueprint = inspect_blueprint(path).blueprint
    assert blueprint is not None
    team = [p for p in blueprint.pages if p.access == "team"]
    assert team, "the example has team pages"
    with _app_environment(path, tmp_path):
        at = _rendered(SCRIPT, team[0].url_slug, False)
    infos = [i.value for i in at.info]
    assert any("réservée à l'équipe du service" in str(i) for i in infos), infos
    assert not at.metric and not at.get("vega_lite_chart")  # nothing of the page itself
