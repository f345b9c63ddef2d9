"""Shared links never break a page: every URL value is checked before its widget exists.

The project is test_app_core's: counts from 2026-09-01 to 2026-10-10, four sites
(Gare, Halles, Mairie, Port) of 50 to 300 m², a toggle on `ouvert`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.integration.app.test_app_core import url, write_project
from tests.support.apptest import app_for, open_page, texts

FIRST, LAST = dt.date(2026, 9, 1), dt.date(2026, 10, 10)
HUGE = "A" * 100_000


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "essai")


def english(project: Path) -> Path:
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("title: Essai de l'application", "title: Test\n  lang: en"))
    return project


def opened(project: Path, params: dict[str, Any], slug: str | None = None) -> Any:
    at = app_for(project, params)
    if slug:
        open_page(at, slug)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def notice(at: Any) -> str:
    """The text of the « this link no longer fits » panel (empty when there is none)."""
    return "\n".join(i.value for i in at.info if "lien" in i.value or "link" in i.value)


# --- the attacker's link of issue 11: dates of 1990 on data of 2026 -----------------------


def test_a_1990_link_shows_the_data_with_a_notice_in_french(project: Path) -> None:
    at = opened(project, {"periode": "custom", "periode_dates": ["1990-01-01", "1990-01-02"]})
    assert at.date_input[0].value == (FIRST, LAST)  # the data's whole span, not 1990
    text = notice(at)
    assert "« Période » : le lien demandait la période du 1er janv. 1990 au 2 janv. 1990" in text
    assert "en dehors des données (1er sept. 2026 – 10 oct. 2026)" in text
    assert "la période affichée est du 1er sept. 2026 au 10 oct. 2026" in text
    assert "L'adresse de la page a été corrigée" in text
    assert url(at)["periode_dates"] == ["2026-09-01", "2026-10-10"]  # the URL says what is shown
    assert at.metric  # the page itself is there


def test_a_1990_link_shows_the_data_with_a_notice_in_english(project: Path) -> None:
    at = opened(
        english(project), {"periode": "custom", "periode_dates": ["1990-01-01", "1990-01-02"]}
    )
    text = notice(at)
    assert "'Période': the link asked for the period from 1 Jan 1990 to 2 Jan 1990" in text
    assert "outside the data (1 Sept 2026 – 10 Oct 2026): the period shown is from 1 Sept" in text
    assert "The page's address has been corrected" in text


def test_overhanging_dates_are_cut_to_the_data(project: Path) -> None:
    at = opened(project, {"periode": "custom", "periode_dates": ["2026-10-05", "2027-03-01"]})
    assert at.date_input[0].value == (dt.date(2026, 10, 5), LAST)
    assert "qui dépasse les données" in notice(at)
    assert url(at)["periode_dates"] == ["2026-10-05", "2026-10-10"]


def test_reversed_dates_inside_the_data_are_kept_without_notice(project: Path) -> None:
    at = opened(project, {"periode": "custom", "periode_dates": ["2026-09-09", "2026-09-02"]})
    assert at.date_input[0].value == (dt.date(2026, 9, 2), dt.date(2026, 9, 9))
    assert notice(at) == ""


@pytest.mark.parametrize(
    "dates",
    [
        ["abc", "def"],
        ["2026-09-01"],
        ["2026-09-01", "2026-09-02", "2026-09-03"],
        ["2026-13-45", "2026-09-02"],
        [HUGE, "2026-09-02"],
        ["2026-09-01"] * 500,
    ],
)
def test_unreadable_dates_give_the_default_period_and_a_notice(
    project: Path, dates: list[str]
) -> None:
    at = opened(project, {"periode": "custom", "periode_dates": dates})
    assert at.date_input[0].value == (FIRST, LAST)
    assert "les dates du lien sont illisibles" in notice(at)
    assert HUGE not in texts(at)


@pytest.mark.parametrize("preset", ["Toute la période", HUGE, "last_1000_days", "CUSTOM"])
def test_unknown_presets_give_the_default_with_a_notice(project: Path, preset: str) -> None:
    at = opened(project, {"periode": preset})
    assert at.selectbox(key="filter-periode").value == "last_7_days"
    assert "le lien demandait une période inconnue : la période affichée est 7 derniers" in notice(
        at
    )
    assert "periode" not in url(at)
    assert HUGE not in texts(at)


def test_dates_without_the_custom_preset_are_dropped_from_the_url(project: Path) -> None:
    at = opened(project, {"periode": "all", "periode_dates": ["1990-01-01", "1990-01-02"]})
    assert "periode_dates" not in url(at)
    assert not at.date_input


# --- select and multiselect: options as offered -------------------------------------------


@pytest.mark.parametrize("value", ["Nulle part", HUGE, "gare", "<img src=x onerror=alert(2)>"])
def test_select_values_not_offered_are_ignored_with_a_notice(project: Path, value: str) -> None:
    at = opened(project, {"lieu": value})
    assert at.selectbox(key="filter-lieu").value is None  # « Tous »
    text = notice(at)
    assert "« Lieu » : le lien demandait une valeur qui n'est pas proposée" in text
    assert "le filtre affiche toutes les valeurs" in text
    assert value not in texts(at)  # a link never makes the page say what its author wants
    assert "lieu" not in url(at)


def test_select_value_offered_is_kept_without_notice(project: Path) -> None:
    at = opened(project, {"lieu": "Gare"})
    assert at.selectbox(key="filter-lieu").value == "Gare"
    assert notice(at) == ""


def test_multiselect_keeps_the_offered_values_once_and_counts_the_others(project: Path) -> None:
    at = opened(project, {"lieux": ["Gare"] * 500 + ["Nulle part", HUGE, "Port", "Gare"]})
    assert at.multiselect(key="filter-lieux").value == ["Gare", "Port"]
    text = notice(at)
    assert "« Lieux » : 2 valeurs du lien ne sont pas proposées" in text
    assert "le filtre affiche Gare, Port" in text
    assert url(at)["lieux"] == ["Gare", "Port"]


def test_multiselect_of_nothing_offered_shows_everything(project: Path) -> None:
    at = opened(english(project), {"lieux": ["Atlantis", "Mu"]})
    assert at.multiselect(key="filter-lieux").value == []
    assert "'Lieux': 2 values of the link are not offered" in notice(at)
    assert "lieux" not in url(at)


# --- range: the data's span -----------------------------------------------------------------


def test_range_outside_the_data_gives_the_whole_span_with_a_notice(project: Path) -> None:
    at = opened(project, {"surface": ["-1000", "-500"]}, "lieux")
    assert at.slider(key="filter-surface").value == (50.0, 300.0)
    text = notice(at)
    assert (
        "« Surface » : le lien demandait l'intervalle \u22121\u202f000 – \u2212500, en dehors des données "
        "(50 – 300)" in text
    )
    assert "l'intervalle affiché est 50 – 300" in text
    assert "surface" not in url(at)


def test_range_overhanging_the_data_is_clamped(project: Path) -> None:
    at = opened(project, {"surface": ["0", "100"]}, "lieux")
    assert at.slider(key="filter-surface").value == (50.0, 100.0)
    assert "qui dépasse les données (50 – 300) : l'intervalle affiché est 50 – 100" in notice(at)
    assert url(at)["surface"] == ["50", "100"]


@pytest.mark.parametrize(
    "values", [["x", "1"], ["nan", "1"], ["inf", "-inf"], ["1e309", "5"], ["60"], [HUGE, "1"]]
)
def test_unreadable_ranges_give_the_whole_span(project: Path, values: list[str]) -> None:
    at = opened(project, {"surface": values}, "lieux")
    assert at.slider(key="filter-surface").value == (50.0, 300.0)
    assert "l'intervalle du lien est illisible" in notice(at)
    assert "surface" not in url(at)


# --- toggle ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["peut-être", HUGE, "2"])
def test_unreadable_toggles_keep_their_default(project: Path, value: str) -> None:
    at = opened(project, {"ouvert": value}, "lieux")
    assert at.toggle(key="filter-ouvert").value is False
    assert "« Ouverts seulement » : le lien donnait une valeur illisible" in notice(at)
    assert "l'interrupteur est désactivé" in notice(at)
    assert "ouvert" not in url(at)


def test_toggle_from_the_link(project: Path) -> None:
    at = opened(project, {"ouvert": "true"}, "lieux")
    assert at.toggle(key="filter-ouvert").value is True
    assert notice(at) == ""
    assert url(at)["ouvert"] == ["1"]


# --- everything at once, and parameters that are not filters ---------------------------------


def test_a_link_full_of_hostile_values_still_shows_the_page(project: Path) -> None:
    # Under 1,000 parameters: Streamlit itself ignores a longer query string.
    params = {
        "periode": ["custom"] * 300,
        "periode_dates": ["0001-01-01", "9999-12-31"],
        "lieu": [HUGE] * 3,
        "lieux": [str(n) for n in range(600)],
        "surface": ["1", "2", "3"],
        "ouvert": "oui-non",
        "inconnu": HUGE,
    }
    at = opened(project, params)
    assert [t.value for t in at.title] == ["Accueil"]
    assert at.date_input[0].value == (FIRST, LAST)  # 0001 to 9999: cut to the data
    assert at.multiselect(key="filter-lieux").value == []
    text = notice(at)
    assert "« Lieux » : 600 valeurs du lien ne sont pas proposées" in text
    assert "« Lieu » : le lien demandait une valeur qui n'est pas proposée" in text
    assert "« Surface » : l'intervalle du lien est illisible" in text
    assert "« Ouverts seulement » : le lien donnait une valeur illisible" in text
    assert HUGE not in texts(at)
    assert "inconnu" in url(at)  # not ours: left as it came (Streamlit's own, another tool's)


def test_kept_values_that_the_data_left_do_not_break_the_next_run(project: Path) -> None:
    """The data shrinks while a visitor's session holds dates that are now outside it."""
    at = opened(project, {"periode": "custom", "periode_dates": ["2026-10-01", "2026-10-09"]})
    measures = project.parent / "data" / "measures.csv"
    lines = measures.read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [line for line in lines[1:] if line.split(";")[1] < "2026-09-20"]
    measures.write_text("\n".join(kept) + "\n", encoding="utf-8")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    low, high = at.date_input[0].value
    assert low >= FIRST and high <= dt.date(2026, 9, 19)


def test_a_kept_interval_that_the_data_left_does_not_break_the_next_run(project: Path) -> None:
    at = opened(project, {"surface": ["200", "300"]}, "lieux")
    assert at.slider(key="filter-surface").value == (200.0, 300.0)
    sites = project.parent / "data" / "sites.csv"
    sites.write_text(sites.read_text(encoding="utf-8").replace(";300.0;", ";150.0;"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.slider(key="filter-surface").value == (50.0, 150.0)  # the new span, not 200-300
