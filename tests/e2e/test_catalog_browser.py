"""The « À propos des données » page of the footfall example in a real browser: the
catalogue's headings, licence links, column tables and the download of open data."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from tests.e2e.conftest import Server, wait_for_app

DOWNLOAD = "Télécharger « Sites de comptage » (CSV)"


def test_the_about_page_shows_the_catalogue(example: Server, page: object, tmp_path: Path) -> None:
    page.goto(f"{example.url}/a-propos")  # type: ignore[attr-defined]
    wait_for_app(page)
    main = page.locator("[data-testid='stMain']")  # type: ignore[attr-defined]
    main.get_by_role("heading", name="Les jeux de données", level=2).wait_for()
    # Headings in order: no level skipped from the page's title to the datasets' sections.
    levels = main.locator("h1, h2, h3, h4").evaluate_all(
        "hs => hs.filter(h => h.offsetParent !== null).map(h => Number(h.tagName[1]))"
    )
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(levels)), levels
    for title in ("Sites de comptage", "Comptages horaires", "Relevé de la vacance commerciale"):
        assert main.get_by_role("heading", name=title, level=3).is_visible()
    # The licence link says where it goes.
    link = main.get_by_role(
        "link", name="Licence Ouverte 2.0 (Etalab) (texte officiel sur etalab.gouv.fr)"
    ).first
    assert link.get_attribute("href") == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    # Column dictionaries are tables with headers.
    tables = main.get_by_role("table")
    assert tables.count() == 4
    assert tables.first.get_by_role("columnheader", name="Libellé").is_visible()
    assert main.get_by_text("Date : du 29 oct. 2025 au 31 oct. 2026").is_visible()
    # Open data downloads its governed rows, made when clicked.
    with page.expect_download() as caught:  # type: ignore[attr-defined]
        main.get_by_role("button", name=DOWNLOAD).click()
    saved = tmp_path / "sites.csv"
    caught.value.save_as(saved)
    lines = saved.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(";")[:2] == ["site_id", "site_name"]
    assert len(lines) > 1
