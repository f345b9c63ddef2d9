"""« Télécharger en PDF » in a real browser against `datacites run`: the public page's
report, made when clicked, for the current filters; never a restricted value, even for a
team member signed in (the report is the public's).

The team blueprint has a public page (an open table) and a team page over restricted rows
whose every description holds « confidentiel-S »."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from datacites_proto.app import team_password
from tests.conftest import REPO
from tests.e2e.conftest import Server, serve, wait_for_app
from tests.e2e.test_team_access_browser import PASSWORD, SECRET, sign_in
from tests.support.pdf_text import pdf_text, plain

pytestmark = pytest.mark.browser

BUTTON = "Télécharger en PDF"


@pytest.fixture(scope="module")
def team_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    import shutil

    folder = tmp_path_factory.mktemp("e2e-report") / "team"
    shutil.copytree(
        REPO / "tests" / "blueprints" / "team",
        folder,
        ignore=shutil.ignore_patterns(".datacites", ".streamlit"),
    )
    team_password.write_hash(
        team_password.secrets_path(folder), team_password.hash_password(PASSWORD)
    )
    yield from serve(folder, env={team_password.ENV_VAR: ""})


def download_pdf(tab: object, folder: Path, name: str) -> bytes:
    with tab.expect_download(timeout=60_000) as caught:  # type: ignore[attr-defined]
        tab.get_by_role("button", name=BUTTON).click()  # type: ignore[attr-defined]
    saved = folder / name
    caught.value.save_as(saved)
    assert caught.value.suggested_filename == "equipements.pdf"
    return saved.read_bytes()


def test_the_public_page_downloads_its_report_without_restricted_values(
    team_service: Server, page: object, tmp_path: Path
) -> None:
    page.goto(f"{team_service.url}/equipements")  # type: ignore[attr-defined]
    wait_for_app(page)
    data = download_pdf(page, tmp_path, "public.pdf")
    assert data.startswith(b"%PDF-")
    text, pages = pdf_text(data)
    assert pages >= 1
    # The page's KPI as the screen shows it, its table's rows, and its sources.
    assert "Équipements 3" in text
    assert "Médiathèque" in text and "Piscine" in text and "Gymnase" in text
    assert "Équipements publics" in text and "Ville d'Essai" in text
    assert "Rapport public" in text
    # Nothing of the restricted dataset: neither its rows nor even its name.
    assert SECRET not in text and "Signalements" not in text
    assert "@exemple.fr" not in text

    # Signed in, the team sees its page (no button there) and the public page's report is
    # still the public's.
    from playwright.sync_api import expect

    sign_in(page, PASSWORD)
    nav = page.get_by_test_id("stSidebarNav")  # type: ignore[attr-defined]
    expect(nav).to_contain_text("Suivi des signalements", timeout=30_000)
    nav.get_by_text("Suivi des signalements").click()
    wait_for_app(page)
    heading = page.get_by_test_id("stHeading").filter(has_text="Signalements à traiter")  # type: ignore[attr-defined]
    expect(heading).to_have_count(1, timeout=30_000)
    assert page.get_by_role("button", name=BUTTON).count() == 0  # type: ignore[attr-defined]
    nav.get_by_text("Équipements", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("button", name=BUTTON)).to_have_count(1, timeout=30_000)  # type: ignore[attr-defined]
    text, _ = pdf_text(download_pdf(page, tmp_path, "team.pdf"))
    assert "Médiathèque" in text
    assert SECRET not in text and "Signalements" not in text


def test_the_report_follows_the_filters_on_screen(
    example: Server, page: object, tmp_path: Path
) -> None:
    """Cœur de ville, the last 7 days and one place: the PDF's key figures are the card
    values the browser shows for those filters, and its header says the filters."""
    from playwright.sync_api import expect

    page.goto(f"{example.url}/?periode=last_7_days&lieu=Halles")  # type: ignore[attr-defined]
    wait_for_app(page)
    cards = page.get_by_test_id("stMetric")  # type: ignore[attr-defined]
    expect(cards.first).to_be_visible()
    shown = [
        (
            plain(cards.nth(i).get_by_test_id("stMetricLabel").inner_text()),
            plain(cards.nth(i).get_by_test_id("stMetricValue").inner_text()),
        )
        for i in range(cards.count())
    ]
    assert shown
    with page.expect_download(timeout=60_000) as caught:  # type: ignore[attr-defined]
        page.get_by_role("button", name=BUTTON).click()  # type: ignore[attr-defined]
    saved = tmp_path / "accueil.pdf"
    caught.value.save_as(saved)
    text, _ = pdf_text(saved.read_bytes())
    for label, value in shown:
        assert f"{label} {value}" in text, (label, value, text[:600])
    assert "Lieu : Halles" in text
