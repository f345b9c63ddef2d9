"""Accessibility audited in the browser (issue 15): axe-core on every public page of every
example and of every template, and on the examples' team pages once signed in, served for
real and read in Chromium at 1366×900. The same walk, at 1366×900 and again on a 390×844
phone, reads each page's text for English words on French services, checks that no two
axis labels overlap (tests/e2e/test_chart_labels_browser.py holds the rule), and that the
first page's header (service, page, active period) is whole in the first screen, the
sidebar folded away on the phone.

A serious or critical violation fails the test, listed by page, rule and element; the
moderate and minor ones are printed (run with -s to read them). The served page says the
service's language (`<html lang>`), French or English, for screen readers.

One server per service, started while the previous service is audited; one browser tab;
each page audited once, when Streamlit has finished its run. axe runs the WCAG 2.0/2.1
A and AA rules and a few of its best practices (heading order, landmarks).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from datacites_proto import load_blueprint
from datacites_proto.app import team_password
from datacites_proto.cli.new import builtin_templates
from tests.conftest import REPO
from tests.e2e.conftest import free_port, wait_for_app, wait_healthy
from tests.e2e.test_chart_labels_browser import DRAWN_JS, LABELS_JS, overlaps
from tests.e2e.test_team_access_browser import PASSWORD, sign_in
from tests.integration.app.test_french_everywhere import english_in

pytestmark = pytest.mark.browser

EXAMPLES = sorted(
    p.parent.name for p in (REPO / "examples").glob("*/blueprint.*") if p.suffix in (".yaml", ".py")
)
TEMPLATES = [t.name for t in builtin_templates()]  # those `datacites new` ships
ENGLISH = "blank"  # one service in English: its pages must say so
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Best practices that matter here, run beside the WCAG rules (not all of them: time).
AXE_RULES = ["heading-order", "page-has-heading-one", "landmark-one-main", "empty-heading"]
AHEAD = 3  # servers started ahead of their audit: their warm-up overlaps the others' pages
FAILING = ("serious", "critical")
HEADING = "[data-testid='stMain'] h1"  # every page's title, drawn by its run
HEADER = ".st-key-page-header"  # the service, the page and the active filters in words
LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# The current period in words: « Du 5 août au 2 nov. 2026 », « …, du 1er janv. 2025 au
# 1er déc. 2026 » (the start's year said when it differs).
PERIOD = re.compile(r"\b[Dd]u \d{1,2}(er)?\s\S+(\s20\d\d)? au \d{1,2}(er)?\s\S+\s20\d\d")
DATACITES = str(Path(sys.executable).parent / "datacites")


@dataclass
class Service:
    name: str
    project: Path
    lang: str
    pages: list[str]  # URL paths of the public pages, the first one the root
    team: list[str]  # titles of the team's pages, audited signed in (examples)
    dated: bool  # its first page has a period filter, which the header states


def blueprint_file(project: Path) -> Path:
    return next(p for p in sorted(project.glob("blueprint.*")) if p.suffix in (".yaml", ".py"))


def prepared(name: str, folder: Path) -> Service:
    """The example copied, or the template made by `datacites new`, into `folder`."""
    if name in EXAMPLES:
        project = folder / name
        shutil.copytree(
            REPO / "examples" / name, project, ignore=shutil.ignore_patterns(".datacites")
        )
    else:
        project = folder / f"nouveau-{name}"
        subprocess.run(
            [DATACITES, "new", str(project), "--template", name, "--no-input"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        if name == ENGLISH:
            path = project / "blueprint.yaml"
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("  lang: fr\n", "  lang: en\n", 1), encoding="utf-8")
    blueprint = load_blueprint(blueprint_file(project))
    slugs = [p.url_slug for p in blueprint.pages if p.access != "team"]
    pages = ["" if n == 0 else slug for n, slug in enumerate(slugs)]
    team = [p.title for p in blueprint.pages if p.access == "team"] if name in EXAMPLES else []
    if team:
        stored = team_password.hash_password(PASSWORD)
        team_password.write_hash(team_password.secrets_path(project), stored)
    first = next(p for p in blueprint.pages if p.access != "team")
    shown = blueprint.filters if first.filters is None else first.filters  # None: all
    dated = any(blueprint.filters[f].type == "date_range" for f in shown)
    return Service(name, project, blueprint.lang, pages, team, dated)


class Running:
    """A `datacites run` server of one service, started now, checked healthy later."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.url = f"http://127.0.0.1:{free_port()}"
        self.process = subprocess.Popen(
            [
                DATACITES,
                "run",
                str(service.project),
                "--port",
                self.url.rsplit(":")[-1],
                "--no-browser",
            ],
            cwd=service.project.parent,
            env={**os.environ, "DATACITES_BASEMAP": "none", team_password.ENV_VAR: ""},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )

    def ready(self) -> str:
        wait_healthy(self.url, self.process)
        return self.url

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


def serious(violations: list[dict[str, Any]], where: str) -> list[str]:
    """One readable line per element of a serious or critical violation."""
    return [
        f"{where}: {v['impact']} {v['id']} ({v['help']}) on {' '.join(map(str, n['target']))}"
        f" — {n.get('failureSummary', '').splitlines()[-1].strip()}"
        for v in violations
        if v.get("impact") in FAILING
        for n in v["nodes"]
    ]


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> list[Service]:
    folder = tmp_path_factory.mktemp("a11y")
    with ThreadPoolExecutor(max_workers=4) as pool:  # `datacites new` side by side
        return list(pool.map(lambda name: prepared(name, folder), [*EXAMPLES, *TEMPLATES]))


@dataclass
class Seen:
    """A page loaded and idle: its service, where it is, on which screen."""

    service: Service
    where: str  # the URL path, or the team page's title with « (équipe) »
    tab: Any
    screen: str  # "laptop" or "phone"
    first: bool  # the service's first page (its header is checked)


def audited(services: list[Service], browser: Any) -> Iterator[Seen]:
    """Each public page of each service at laptop width, then on a phone, then the team's
    pages signed in; the next services' servers start (and warm up) while this one's pages
    are read."""
    context = browser.new_context(locale="fr-FR", viewport=LAPTOP)
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    running = [Running(s) for s in services[:AHEAD]]
    try:
        for n, service in enumerate(services):
            url = running[0].ready()
            for screen, slugs in (("laptop", service.pages), ("phone", service.pages)):
                tab.set_viewport_size(LAPTOP if screen == "laptop" else PHONE)
                for slug in slugs:
                    tab.goto(f"{url}/{slug}")
                    tab.wait_for_selector(HEADING)  # the page has run, not only connected
                    wait_for_app(tab)
                    yield Seen(service, slug, tab, screen, slug == service.pages[0])
            tab.set_viewport_size(LAPTOP)
            if service.team:  # signed in, the team's pages from the navigation
                tab.goto(url)
                tab.wait_for_selector(HEADING)
                wait_for_app(tab)
                sign_in(tab, PASSWORD)
                for title in service.team:
                    nav = tab.get_by_test_id("stSidebarNav")
                    nav.get_by_text(title, exact=True).click()
                    wait_for_app(tab)
                    tab.wait_for_selector(HEADING)
                    yield Seen(service, f"{title} (équipe)", tab, "laptop", False)
            running.pop(0).stop()
            if n + AHEAD < len(services):
                running.append(Running(services[n + AHEAD]))
    finally:
        for server in running:
            server.stop()
        context.close()


def test_every_page_passes_axe_and_says_its_language(services: list[Service], browser: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "rules": {rule: {"enabled": True} for rule in AXE_RULES},
        "resultTypes": ["violations"],
    }
    failures: list[str] = []
    others: set[str] = set()
    languages: dict[str, str] = {}
    english: dict[str, list[str]] = {}
    audits = phones = labels = 0
    for seen in audited(services, browser):
        service, tab = seen.service, seen.tab
        where = f"{service.name}/{seen.where} ({seen.screen})"
        if service.lang == "fr":
            lines = tab.locator("body").inner_text().splitlines()
            # A Material Symbol is drawn from its name (« download », « search »): a glyph,
            # not a word anybody reads.
            icons = set(tab.get_by_test_id("stIconMaterial").all_inner_texts())
            lines = [line for line in lines if line.strip() and line.strip() not in icons]
            if found := english_in(lines):
                english[where] = found
        if seen.first:
            failures += header_problems(service, tab, seen.screen)
        checked, crossed = axis_labels(tab)
        labels += checked
        failures += [f"{where}: axis labels overlap: {pair}" for pair in crossed]
        if seen.screen == "phone":
            phones += 1
            continue
        languages[service.name] = tab.evaluate("document.documentElement.lang")
        violations = axe.run(tab, options=options).response["violations"]
        failures += serious(violations, where)
        others |= {
            f"{v['impact']} {v['id']}: {where}" for v in violations if v["impact"] not in FAILING
        }
        audits += 1
    print("\n".join(["axe, moderate and minor:", *sorted(others)]))
    assert audits == sum(len(s.pages) + len(s.team) for s in services)
    assert phones == sum(len(s.pages) for s in services)
    assert any(s.team for s in services) and labels > 0
    assert not failures, "\n".join(failures)
    assert english == {}, f"English or hyphen-minus on French pages: {english}"
    assert languages == {s.name: s.lang for s in services}
    assert languages[ENGLISH] == "en" and languages["coeur_de_ville"] == "fr"


def axis_labels(tab: Any) -> tuple[int, list[tuple[str, str]]]:
    """How many axis labels the page's charts show, and the pairs of them that overlap."""
    charts = tab.get_by_test_id("stVegaLiteChart")
    checked, crossed = 0, []
    for n in range(charts.count()):
        chart = charts.nth(n)
        chart.scroll_into_view_if_needed()
        tab.wait_for_function(DRAWN_JS, arg=chart.element_handle())
        tab.wait_for_timeout(300)  # Vega's label thinning runs after the first draw
        for drawn in chart.evaluate(LABELS_JS):
            checked += len(drawn)
            crossed += overlaps(drawn)
    if checked:
        tab.evaluate("window.scrollTo(0, 0)")
    return checked, crossed


def header_problems(service: Service, tab: Any, screen: str) -> list[str]:
    """What is wrong with the first page's header on this screen (nothing: an empty list):
    it must say the service, the page and the period, whole, in the first screen, with the
    sidebar folded away on a phone."""
    size = PHONE if screen == "phone" else LAPTOP
    header = tab.locator(HEADER).first
    if not header.is_visible():
        return [f"{service.name} ({screen}): no header"]
    text, found = header.inner_text(), header.bounding_box()
    wrong = []
    if found is None or found["x"] < 0 or found["x"] + found["width"] > size["width"]:
        wrong.append(f"header wider than the screen: {found}")
    elif found["y"] < 0 or found["y"] + found["height"] > size["height"]:
        wrong.append(f"header out of the first screen: {found}")
    if service.dated and service.lang == "fr" and not PERIOD.search(text):
        wrong.append(f"no period in the header: {text!r}")
    if screen == "phone" and tab.get_by_test_id("stSidebarNav").is_visible():
        wrong.append("the sidebar is open")
    return [f"{service.name} ({screen}): {w}" for w in wrong]


def test_the_summary_names_page_rule_and_element() -> None:
    """The failure message itself: serious ones listed with their page, rule and target."""
    violations = [
        {
            "id": "color-contrast",
            "impact": "serious",
            "help": "Elements must meet minimum color contrast ratio thresholds",
            "nodes": [{"target": ["p.caption"], "failureSummary": "Fix:\n  contrast of 3.88"}],
        },
        {"id": "region", "impact": "moderate", "help": "…", "nodes": [{"target": ["div"]}]},
    ]
    assert serious(violations, "coeur_de_ville/accueil") == [
        "coeur_de_ville/accueil: serious color-contrast (Elements must meet minimum color "
        "contrast ratio thresholds) on p.caption — contrast of 3.88"
    ]
