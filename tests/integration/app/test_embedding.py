"""A page embedded in another site (`?embed=true`, point 3 of issue 18), with AppTest.

AppTest tells the script it is embedded as a browser would (`at.context["is_embedded"]`,
read by `st.context.is_embedded`). Every embedded run is compared with the same link opened
normally, where the sidebar's controls apply it: the same values, the same notices, the
same corrected URL, the same figures. The project is test_app_core's (counts from
2026-09-01 to 2026-10-10, sites Gare, Halles, Mairie, Port of 50 to 300 m²).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from datacites_proto.app.embedding import full_service_url
from datacites_proto.store import STORE_ENV, Store
from tests.integration.app.test_app_core import url, write_project
from tests.integration.app.test_feedback_views import project as feedback_project
from tests.integration.app.test_shared_links import HUGE, notice
from tests.support.apptest import app_for, open_page, texts

LINK_TEXT = "Ouvrir le service complet"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "essai")


def run(
    blueprint: Path,
    params: dict[str, Any],
    *,
    embedded: bool,
    slug: str | None = None,
    page_url: str | None = None,
) -> AppTest:
    at = app_for(blueprint, params)
    at.context["is_embedded"] = embedded
    if page_url:
        at.context["url"] = page_url
    if slug:
        open_page(at, slug)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def filter_widgets(at: AppTest) -> list[Any]:
    return [*at.selectbox, *at.multiselect, *at.date_input, *at.slider, *at.toggle]


def header(at: AppTest) -> str:
    """The page header's line of filters in words (app/header.py)."""
    return "\n".join(m.value for m in at.markdown if "·" in m.value or "\u202f:" in m.value)


def full_link(at: AppTest) -> str:
    """The target of the « Ouvrir le service complet » link."""
    [caption] = [c.value for c in at.caption if LINK_TEXT in c.value]
    return caption.split("](", 1)[1].split(" ", 1)[0]


# --- the page only -------------------------------------------------------------------------


def test_embedded_page_draws_nothing_in_the_sidebar(project: Path) -> None:
    at = run(project, {"periode": "last_30_days", "lieu": "Gare"}, embedded=True)
    assert len(at.sidebar.children) == 0  # no controls, no service title, no sign-in
    assert filter_widgets(at) == []
    assert [t.value for t in at.title] == ["Accueil"]
    assert at.metric  # the page itself is there

    shown = run(project, {"periode": "last_30_days", "lieu": "Gare"}, embedded=False)
    assert len(shown.sidebar.children) > 0  # not embedded: the sidebar as always
    assert filter_widgets(shown)
    assert LINK_TEXT not in texts(shown)


@pytest.mark.parametrize(
    ("slug", "params"),
    [
        (None, {"periode": "last_30_days", "lieu": "Gare"}),
        (None, {"periode": "custom", "periode_dates": ["2026-09-05", "2026-09-20"]}),
        (None, {"lieux": ["Port", "Halles"], "periode": "all"}),
        ("lieux", {"surface": ["100", "300"], "ouvert": "1"}),
        ("lieux", {"ouvert": "0"}),
    ],
)
def test_embedded_figures_and_words_are_those_of_the_same_link_opened_normally(
    project: Path, slug: str | None, params: dict[str, Any]
) -> None:
    embedded = run(project, params, embedded=True, slug=slug)
    normal = run(project, params, embedded=False, slug=slug)
    assert [(m.label, m.value, m.delta) for m in embedded.metric] == [
        (m.label, m.value, m.delta) for m in normal.metric
    ]
    assert header(embedded) and header(embedded) == header(normal)
    assert url(embedded) == url(normal)
    assert notice(embedded) == notice(normal) == ""


def test_the_header_says_the_filters_from_the_url_in_words(project: Path) -> None:
    at = run(project, {"periode": "all", "lieu": "Gare"}, embedded=True)
    words = header(at)
    assert "Gare" in words and "Lieu" in words
    assert "2026" in words  # the period, in days of the data


def test_figures_follow_the_url(project: Path) -> None:
    everywhere = run(project, {"periode": "all"}, embedded=True)
    one_place = run(project, {"periode": "all", "lieu": "Gare"}, embedded=True)
    assert everywhere.metric[0].value != one_place.metric[0].value


# --- values that do not fit: the shared links' checks and notices ----------------------------

HOSTILE = [
    (None, {"periode": "custom", "periode_dates": ["1990-01-01", "1990-01-02"]}),
    (None, {"periode": "custom", "periode_dates": ["2026-10-05", "2027-03-01"]}),
    (None, {"periode": "custom", "periode_dates": ["abc", "def"]}),
    (None, {"periode": "last_1000_days"}),
    (None, {"periode": "all", "periode_dates": ["1990-01-01", "1990-01-02"]}),
    (None, {"lieu": "<img src=x onerror=alert(2)>"}),
    (None, {"lieux": ["Gare"] * 50 + ["Nulle part", HUGE, "Port"]}),
    ("lieux", {"surface": ["-1000", "-500"]}),
    ("lieux", {"surface": ["0", "100"]}),
    ("lieux", {"surface": ["nan", "1"]}),
    ("lieux", {"ouvert": "peut-être"}),
]


@pytest.mark.parametrize(("slug", "params"), HOSTILE)
def test_a_link_that_does_not_fit_gives_the_same_notice_and_values_as_the_sidebar(
    project: Path, slug: str | None, params: dict[str, Any]
) -> None:
    embedded = run(project, params, embedded=True, slug=slug)
    normal = run(project, params, embedded=False, slug=slug)
    assert notice(embedded) == notice(normal)
    assert url(embedded) == url(normal)  # the URL corrected to what is shown, the same way
    assert [(m.label, m.value) for m in embedded.metric] == [
        (m.label, m.value) for m in normal.metric
    ]
    assert header(embedded) == header(normal)
    assert HUGE not in texts(embedded)


def test_a_1990_link_embedded_says_what_is_shown_instead(project: Path) -> None:
    at = run(
        project, {"periode": "custom", "periode_dates": ["1990-01-01", "1990-01-02"]}, embedded=True
    )
    text = notice(at)
    assert "« Période » : le lien demandait la période du 1er janv. 1990 au 2 janv. 1990" in text
    assert "la période affichée est du 1er sept. 2026 au 10 oct. 2026" in text
    assert url(at)["periode_dates"] == ["2026-09-01", "2026-10-10"]
    at.run()  # the URL now says what is shown: the notice is not repeated at each rerun
    assert not at.exception
    assert notice(at) == ""


def test_values_from_a_link_never_raise_even_all_at_once(project: Path) -> None:
    params = {
        "periode": ["custom"] * 300,
        "periode_dates": ["0001-01-01", "9999-12-31"],
        "lieu": [HUGE] * 3,
        "lieux": [str(n) for n in range(600)],
        "surface": ["1", "2", "3"],
        "ouvert": "oui-non",
    }
    at = run(project, params, embedded=True)
    text = notice(at)
    assert "« Lieux » : 600 valeurs du lien ne sont pas proposées" in text
    assert "« Ouverts seulement » : le lien donnait une valeur illisible" in text
    assert at.metric and filter_widgets(at) == []


# --- the link to the whole service -----------------------------------------------------------


def test_the_full_service_link_is_the_page_with_its_filters_without_embed(project: Path) -> None:
    at = run(
        project,
        {"surface": ["0", "100"], "ouvert": "1"},
        embedded=True,
        slug="lieux",
        page_url="https://donnees.ville.fr/lieux",
    )
    link = urlsplit(full_link(at))
    assert (link.scheme, link.netloc, link.path) == ("https", "donnees.ville.fr", "/lieux")
    query = parse_qs(link.query)
    assert query == url(at)  # the corrected filters, as shown
    assert query["surface"] == ["50", "100"] and query["ouvert"] == ["1"]  # 0 clamped to 50
    assert "embed" not in query


def test_the_full_service_link_of_the_first_page_and_without_the_browser_address(
    project: Path,
) -> None:
    at = run(project, {"lieu": "Gare"}, embedded=True, page_url="https://donnees.ville.fr")
    assert full_link(at) == "https://donnees.ville.fr/?lieu=Gare"
    at = run(project, {"lieu": "Gare"}, embedded=True)  # no address told: relative to the frame
    assert full_link(at) == "?lieu=Gare"


def test_full_service_url_drops_embed_and_quotes_what_markdown_would_read() -> None:
    params = [("embed", "true"), ("embed_options", "dark_theme"), ("lieu", "Place (Hervo)")]
    assert full_service_url("https://ville.fr/a b", params) == (
        "https://ville.fr/a%20b?lieu=Place+%28Hervo%29"
    )
    assert full_service_url("https://ville.fr/lieux", []) == "https://ville.fr/lieux"


def test_the_link_is_in_english_on_an_english_service(project: Path) -> None:
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("title: Essai de l'application", "title: Test\n  lang: en"))
    at = run(project, {"lieu": "Gare"}, embedded=True)
    assert "[Open the full service](?lieu=Gare" in texts(at)


# --- team pages, map clicks, feedback --------------------------------------------------------


def test_a_team_page_is_never_shown_embedded_to_an_unsigned_visitor(project: Path) -> None:
    at = run(project, {}, embedded=True, slug="equipe")
    assert "Réservé" not in texts(at)
    assert [i.value for i in at.info] == [
        "Cette page est réservée à l'équipe du service : ouvrez le service complet pour vous "
        "connecter."
    ]
    assert len(at.sidebar.children) == 0 and not at.text_input  # no sign-in in the frame
    assert LINK_TEXT in texts(at)


def test_a_map_click_filters_the_embedded_page(project: Path) -> None:
    """views/map.py sets the filter's session key, as it does for the sidebar's widget."""
    at = app_for(project, {"periode": "all"})
    at.context["is_embedded"] = True
    at.session_state["filter-lieu"] = "Gare"
    at.run()
    assert not at.exception
    assert url(at)["lieu"] == ["Gare"]
    assert "Lieu\u202f: Gare" in header(at)
    at.run()  # taken once: the URL says it now
    assert url(at)["lieu"] == ["Gare"]


def test_feedback_works_on_an_embedded_page(tmp_path: Path, monkeypatch: Any) -> None:
    store = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv(STORE_ENV, store)
    at = app_for(feedback_project(tmp_path), {"lieu": "Port"})
    at.context["is_embedded"] = True
    at.run()
    assert not at.exception and filter_widgets(at) == []
    at.radio(key="p0-v1-rating").set_value(4)
    at.button[0].click()
    at.run()
    assert not at.exception
    assert at.success
    opened = Store.open(store)
    try:
        [row] = opened.feedback_rows("essai-avis")
    finally:
        opened.close()
    assert row["filters"] == {"lieu": ["Port"]} and row["rating"] == 4
