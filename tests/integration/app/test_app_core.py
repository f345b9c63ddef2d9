"""The app's core with AppTest: pages, filters in the URL, KPIs, text, panels, footer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from datacites_proto import Service, load_blueprint
from tests.support.apptest import app_for, open_page, texts

BLUEPRINT = """\
datacites: 1
service:
  id: essai-app
  title: Essai de l'application
  summary: Un service pour tester l'application.
  contact: equipe@ville.fr
datasets:
  sites:
    title: Lieux
    source: {type: csv, path: data/sites.csv}
    columns: {site_name: {type: string, label: Lieu}, surface: number, ouvert: boolean}
    key: site_id
    governance: {producer: Ville d'Essai, updated: 2026-10-01}
  measures:
    title: Comptages
    source: {type: csv, path: data/measures.csv}
    columns: {start_datetime: datetime, count: integer}
    governance: {producer: Ville d'Essai, licence: odbl-1.0}
  visits:
    title: Visites
    source: {type: csv, path: data/visits.csv}
    governance: {producer: Opérateur, access: shared, min_group_size: 11}
relations:
  - measures.site_id -> sites.site_id
indicators:
  passages: {label: Passages, dataset: measures, measure: sum(count), unit: passages, target: {value: 1000}}
  part_grands: {label: Part des grands lieux, dataset: sites, measure: share(surface >= 100),
    bands: [{below: 0.3, label: faible, color: red}, {label: forte, color: green}]}
  visites: {label: Visites, dataset: visits, measure: count(*)}
filters:
  periode: {type: date_range, column: measures.start_datetime, default: last_7_days, label: Période}
  lieu: {type: select, column: sites.site_name, label: Lieu}
  lieux: {type: multiselect, column: sites.site_name, label: Lieux}
  surface: {type: range, column: sites.surface, label: Surface}
  ouvert: {type: toggle, column: sites.ouvert, label: Ouverts seulement}
pages:
  - title: Accueil
    views:
      - {type: kpi, indicator: passages, compare: previous_period}
      - {type: text, markdown: "Bonjour <b>habitants</b> <script>alert(1)</script> **bienvenue**"}
  - title: Lieux
    slug: lieux
    filters: [surface, ouvert]
    views:
      - {type: kpi, indicator: part_grands}
  - title: Visites
    slug: visites
    filters: []
    views:
      - {type: kpi, indicator: visites}
  - title: Équipe
    slug: equipe
    access: team
    views: [{type: text, markdown: Réservé}]
"""

START = dt.datetime(2026, 9, 1)


def write_project(folder: Path, text: str = BLUEPRINT) -> Path:
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    sites = pd.DataFrame(
        {
            "site_id": ["S1", "S2", "S3", "S4"],
            "site_name": ["Halles", "Gare", "Mairie", "Port"],
            "surface": [50.0, 120.0, 300.0, 80.0],
            "ouvert": ["oui", "oui", "non", "oui"],
        }
    )
    sites.to_csv(data / "sites.csv", sep=";", index=False)
    rng = np.random.default_rng(3)
    hours = pd.date_range(START, periods=24 * 40, freq="h")
    measures = pd.DataFrame(
        {
            "site_id": np.repeat(sites["site_id"].to_numpy(), len(hours)),
            "start_datetime": np.tile(hours.strftime("%Y-%m-%dT%H:%M:%S").to_numpy(), len(sites)),
            "count": rng.poisson(10, len(sites) * len(hours)),
        }
    )
    measures.to_csv(data / "measures.csv", sep=";", index=False)
    pd.DataFrame({"zone": ["nord"] * 7}).to_csv(data / "visits.csv", sep=";", index=False)
    path = folder / "blueprint.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "essai")


def url(at: object) -> dict[str, list[str]]:
    """The page's query parameters, every value as a list."""
    params = at.query_params  # type: ignore[attr-defined]
    return {k: v if isinstance(v, list) else [v] for k, v in params.items()}


def expected(project: Path, indicator: str, filters: dict | None = None) -> float:  # type: ignore[type-arg]
    with Service.from_blueprint(load_blueprint(project), in_memory=True) as service:
        return float(service.compute(indicator, filters=filters)[indicator].iloc[0])


def test_home_page_renders_kpi_in_french_with_comparison_and_target(project: Path) -> None:
    at = app_for(project).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Accueil"]
    [metric] = at.metric
    want = expected(project, "passages", {"periode": "last_7_days"})
    assert metric.label == "Passages"
    assert metric.value == f"{int(want):,} passages".replace(",", "\u202f")
    previous = expected(project, "passages", {"periode": ["2026-09-27", "2026-10-03"]})
    change = (want - previous) / previous * 100
    # French typography: « −0,7 % » with the minus sign; the arrow and colour follow the number.
    assert metric.delta.replace("\u00a0", " ").startswith("+" if change >= 0 else "\u2212")
    kinds = type(metric.proto)
    down, up = kinds.MetricDirection.DOWN, kinds.MetricDirection.UP
    assert metric.proto.direction == (up if change >= 0 else down)
    assert metric.proto.color == (kinds.MetricColor.GREEN if change >= 0 else kinds.MetricColor.RED)
    page = texts(at)
    assert "Objectif : 1\u202f000 passages" in page
    assert "Par rapport à" in page and "27 sept. 2026" in page and "3 oct. 2026" in page


def test_url_state_seeds_the_widgets(project: Path) -> None:
    at = app_for(project, {"periode": "all", "lieux": ["Gare", "Port"]}).run()
    assert not at.exception
    assert at.selectbox(key="filter-periode").value == "all"
    assert at.multiselect(key="filter-lieux").value == ["Gare", "Port"]
    want = expected(project, "passages", {"lieux": ["Gare", "Port"]})
    assert at.metric[0].value.startswith(f"{int(want):,}".replace(",", "\u202f"))


def test_changing_a_filter_changes_the_kpi_and_the_url(project: Path) -> None:
    at = app_for(project).run()
    assert dict(at.query_params) == {}  # defaults are not written in the URL
    before = at.metric[0].value
    at.selectbox(key="filter-periode").select("last_30_days").run()
    after = at.metric[0].value
    want = expected(project, "passages", {"periode": "last_30_days"})
    assert after != before
    assert after.startswith(f"{int(want):,}".replace(",", "\u202f"))
    at.multiselect(key="filter-lieux").select("Port").select("Gare").run()
    assert url(at)["periode"] == ["last_30_days"]
    assert sorted(url(at)["lieux"]) == ["Gare", "Port"]
    # The same URL, opened by someone else, shows the same figure.
    shared = app_for(project, url(at)).run()
    assert shared.metric[0].value == at.metric[0].value
    assert sorted(shared.multiselect(key="filter-lieux").value) == ["Gare", "Port"]


def test_invalid_url_values_are_ignored(project: Path) -> None:
    at = app_for(
        project, {"periode": "Toute la période", "lieux": ["Nulle part"], "surface": ["x", "1"]}
    )
    at.run()
    assert not at.exception
    assert at.selectbox(key="filter-periode").value == "last_7_days"
    assert at.multiselect(key="filter-lieux").value == []


def test_custom_dates_from_the_url(project: Path) -> None:
    at = app_for(
        project, {"periode": "custom", "periode_dates": ["2026-09-01", "2026-09-02"]}
    ).run()
    assert not at.exception
    [dates] = at.date_input
    assert dates.value == (dt.date(2026, 9, 1), dt.date(2026, 9, 2))
    want = expected(project, "passages", {"periode": ["2026-09-01", "2026-09-02"]})
    assert at.metric[0].value.startswith(f"{int(want):,}".replace(",", "\u202f"))


def test_select_filter_offers_the_data_values(project: Path) -> None:
    at = app_for(project).run()
    select = at.selectbox(key="filter-lieu")
    assert select.options == ["Tous", "Gare", "Halles", "Mairie", "Port"]
    select.select("Gare").run()
    want = expected(project, "passages", {"lieu": ["Gare"], "periode": "last_7_days"})
    assert at.metric[0].value.startswith(f"{int(want):,}".replace(",", "\u202f"))


def test_range_and_toggle_filters_and_bands(project: Path) -> None:
    at = open_page(app_for(project), "lieux").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Lieux"]
    assert [s.key for s in at.slider] == ["filter-surface"]
    assert [t.key for t in at.toggle] == ["filter-ouvert"]
    assert at.metric[0].value == "50,0\u00a0%"  # Gare (120) and Mairie (300) of 4 sites
    assert ":green-badge[forte]" in texts(at)
    at.toggle(key="filter-ouvert").set_value(True).run()
    assert at.metric[0].value == "33,3\u00a0%"  # Gare of the 3 open sites
    assert url(at)["ouvert"] == ["1"]
    at.slider(key="filter-surface").set_value((60.0, 300.0)).run()
    assert at.metric[0].value == "50,0\u00a0%"  # open, 60 to 300: Gare (120) and Port (80)
    assert url(at)["surface"] == ["60", "300"]
    at.slider(key="filter-surface").set_value((60.0, 100.0)).run()
    assert at.metric[0].value == "0,0\u00a0%"
    assert ":red-badge[faible]" in texts(at)


def test_small_groups_are_hidden_and_explained(project: Path) -> None:
    at = open_page(app_for(project), "visites").run()
    assert not at.exception
    assert at.metric[0].value == "masqué"
    assert "moins de 11 unités" in texts(at)
    assert not at.sidebar.selectbox and not at.sidebar.multiselect  # filters: []


def test_text_shows_html_as_text_not_markup(project: Path) -> None:
    at = app_for(project).run()
    [text] = [m for m in at.markdown if "Bonjour" in m.value]
    assert text.value.startswith("Bonjour <b>habitants</b>")
    assert not text.proto.allow_html


def test_team_pages_are_not_listed_nor_reachable(project: Path) -> None:
    at = app_for(project).run()
    assert "Réservé" not in texts(at)
    at = open_page(app_for(project), "equipe").run()
    assert "Réservé" not in texts(at)
    # Its address answers with the invitation to sign in (not Streamlit's « Page not found »
    # over the home page), and nothing of the page.
    assert [t.value for t in at.title] == []
    assert "réservée à l'équipe" in texts(at)


def test_footer_names_producers_licences_and_dates(project: Path) -> None:
    at = app_for(project).run()
    footer = texts(at)
    assert (
        "Lieux · Ville d'Essai · Licence Ouverte 2.0 (Etalab) · mis à jour le 1er oct. 2026"
        in footer
    )
    assert "Comptages · Ville d'Essai · ODbL 1.0" in footer
    assert "Contact : equipe@ville.fr" in footer


def test_english_service(project: Path) -> None:
    project.write_text(
        BLUEPRINT.replace("title: Essai de l'application", "title: Test app\n  lang: en"),
        encoding="utf-8",
    )
    at = app_for(project).run()
    want = expected(project, "passages", {"periode": "last_7_days"})
    assert at.metric[0].value == f"{int(want):,} passages"
    assert "Target: 1,000 passages" in texts(at)
    assert at.selectbox(key="filter-periode").value == "last_7_days"


def test_broken_blueprint_shows_the_located_problems(project: Path) -> None:
    project.write_text(
        BLUEPRINT.replace("measure: sum(count)", "measure: summ(count)"), encoding="utf-8"
    )
    at = app_for(project).run()
    assert not at.exception
    [panel] = at.error
    assert "blueprint contient des erreurs" in panel.value
    page = texts(at)
    assert "blueprint.yaml:" in page and "summ" in page and "Vouliez-vous dire « sum »" in page
    assert "Traceback" not in page


def test_broken_data_shows_the_file_and_line(project: Path) -> None:
    csv = project.parent / "data" / "measures.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].rsplit(";", 1)[0] + ";beaucoup"
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    at = app_for(project).run()
    assert not at.exception
    assert "ne correspondent pas" in at.error[0].value
    assert "data/measures.csv:6:" in texts(at) and "beaucoup" in texts(at)


def test_every_page_renders_without_exception(project: Path) -> None:
    for slug in ("accueil", "lieux", "visites"):
        at = open_page(app_for(project), slug).run()
        assert not at.exception, slug
        assert not at.error, slug
