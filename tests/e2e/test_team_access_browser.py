"""Team access in a real browser against `datacites run`: hidden pages, sign-in, downloads.

The team page shows a KPI, a table of restricted data and the feedback citizens sent.
"""

from __future__ import annotations

import re
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from datacites_proto.app import team_password
from tests.conftest import REPO
from tests.e2e.conftest import Server, serve, wait_for_app

pytestmark = pytest.mark.browser

PASSWORD = "bonjour-equipe-2026"
SECRET = "confidentiel-S"  # in every restricted row; never in what the public gets
MEDIA = re.compile(r"/media/[0-9a-f]+\.\w+")


@pytest.fixture(scope="module")
def team_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("e2e-team") / "team"
    shutil.copytree(
        REPO / "tests" / "blueprints" / "team",
        folder,
        ignore=shutil.ignore_patterns(".datacites", ".streamlit"),
    )
    stored = team_password.hash_password(PASSWORD)
    team_password.write_hash(team_password.secrets_path(folder), stored)
    yield from serve(folder, env={team_password.ENV_VAR: ""})


def nav_text(tab: object) -> str:
    """The navigation's page names ('' when there is one page: Streamlit shows no menu)."""
    nav = tab.get_by_test_id("stSidebarNav")  # type: ignore[attr-defined]
    return nav.inner_text() if nav.count() else ""


def fetched(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.read()


def media_urls(tab: object, base: str) -> list[str]:
    html = tab.content()  # type: ignore[attr-defined]
    return sorted({base + m for m in MEDIA.findall(html)})


def sign_in(tab: object, password: str) -> None:
    tab.get_by_test_id("stExpander").filter(has_text="Espace équipe").click()  # type: ignore[attr-defined]
    field = tab.get_by_label("Mot de passe de l'équipe")  # type: ignore[attr-defined]
    field.wait_for(state="visible")
    field.fill(password)
    tab.get_by_role("button", name="Se connecter", exact=True).click()  # type: ignore[attr-defined]
    wait_for_app(tab)


def team_link(tab: object) -> object:
    """The restricted table's download link (a one-time link for this browser)."""
    return tab.get_by_test_id("stLinkButton").filter(has_text="Télécharger").locator("a")  # type: ignore[attr-defined]


def download_team_csv(tab: object) -> bytes:
    """Click the team's download link (it opens a tab that downloads) and read the file."""
    downloads: list[object] = []
    context = tab.context  # type: ignore[attr-defined]

    def keep(download: object) -> None:
        downloads.append(download)

    def watch(new_tab: object) -> None:
        new_tab.on("download", keep)  # type: ignore[attr-defined]

    context.on("page", watch)
    tab.on("download", keep)  # type: ignore[attr-defined]  # wherever Chromium reports it
    try:
        team_link(tab).click()  # type: ignore[attr-defined]
        for _ in range(100):
            if downloads:
                break
            tab.wait_for_timeout(200)  # type: ignore[attr-defined]
    finally:
        context.remove_listener("page", watch)
        tab.remove_listener("download", keep)  # type: ignore[attr-defined]
    assert downloads, "the link started no download"
    return Path(downloads[0].path()).read_bytes()  # type: ignore[attr-defined]


def test_public_visitor_cannot_see_open_or_download_the_team_page(
    team_service: Server, page: object
) -> None:
    page.goto(team_service.url)  # type: ignore[attr-defined]
    wait_for_app(page)
    assert "Suivi des signalements" not in nav_text(page)
    # Typing the team page's address answers there with the invitation to sign in, in
    # French: neither Streamlit's « Page not found » dialog nor the default page behind it.
    page.goto(f"{team_service.url}/suivi")  # type: ignore[attr-defined]
    wait_for_app(page)
    body = page.locator("body").inner_text()  # type: ignore[attr-defined]
    assert "Suivi des signalements" not in body and SECRET not in body
    assert "réservée à l'équipe" in body
    assert "Page not found" not in body and "main page" not in body
    assert page.get_by_role("dialog").count() == 0  # type: ignore[attr-defined]
    assert page.url.endswith("/suivi")  # type: ignore[attr-defined]
    # Nothing of any page is offered; nothing served carries restricted rows.
    from playwright.sync_api import expect

    expect(page.get_by_test_id("stDownloadButton")).to_have_count(0)  # type: ignore[attr-defined]
    for url in media_urls(page, team_service.url):
        assert SECRET.encode() not in fetched(url)
    # The password field says nothing in English (« Press Enter to submit form »).
    page.get_by_test_id("stExpander").filter(has_text="Espace équipe").click()  # type: ignore[attr-defined]
    field = page.get_by_label("Mot de passe de l'équipe")  # type: ignore[attr-defined]
    field.wait_for(state="visible")
    field.fill("un-essai")
    page.wait_for_timeout(500)  # type: ignore[attr-defined]  # the hint shows while typing
    assert "Press Enter" not in page.locator("body").inner_text()  # type: ignore[attr-defined]


def send_feedback(browser: object, base: str, comment: str = "Très utile pour la gare") -> None:
    """A citizen, in their own browser, rates the service and leaves a comment."""
    citizen = browser.new_context(locale="fr-FR").new_page()  # type: ignore[attr-defined]
    citizen.goto(f"{base}/avis")
    wait_for_app(citizen)
    citizen.get_by_text("4 sur 5", exact=True).click()
    citizen.get_by_role("textbox", name="Votre commentaire (facultatif)").fill(comment)
    citizen.get_by_role("button", name="Envoyer mon avis").click()
    wait_for_app(citizen)
    assert "Merci" in citizen.get_by_test_id("stAlert").first.inner_text()
    citizen.context.close()


def test_wrong_then_right_password(team_service: Server, page: object, browser: object) -> None:
    from playwright.sync_api import expect

    send_feedback(browser, team_service.url)
    page.goto(team_service.url)  # type: ignore[attr-defined]
    wait_for_app(page)
    sign_in(page, "pas-le-bon")
    # expect() waits: on a loaded machine the rerun may start after wait_for_app looked.
    expect(page.get_by_test_id("stAlert").filter(has_text="Mot de passe incorrect.")).to_have_count(  # type: ignore[attr-defined]
        1, timeout=30_000
    )
    assert "Suivi des signalements" not in nav_text(page)
    page.get_by_label("Mot de passe de l'équipe").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Se connecter", exact=True).click()  # type: ignore[attr-defined]
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebarNav")).to_contain_text(  # type: ignore[attr-defined]
        "Suivi des signalements", timeout=30_000
    )
    page.get_by_test_id("stSidebarNav").get_by_text("Suivi des signalements").click()  # type: ignore[attr-defined]
    wait_for_app(page)
    heading = page.get_by_test_id("stHeading").filter(has_text="Signalements à traiter")  # type: ignore[attr-defined]
    expect(heading).to_have_count(1, timeout=30_000)
    assert page.url.endswith("/suivi")  # type: ignore[attr-defined]
    # The team sees the feedback the citizen sent.
    count = page.get_by_test_id("stMetric").filter(has_text="Avis reçus")  # type: ignore[attr-defined]
    assert count.get_by_test_id("stMetricValue").inner_text() == "1"
    # The restricted table's CSV is never a /media/ file: a one-time link for this browser.
    assert all(SECRET.encode() not in fetched(u) for u in media_urls(page, team_service.url))
    expect(page.get_by_test_id("stDownloadButton")).to_have_count(0)  # type: ignore[attr-defined]
    content = download_team_csv(page)
    assert SECRET.encode() in content and b"a@exemple.fr" not in content  # personal column out
    # Another browser, not signed in, still cannot reach the team page by its address.
    other = browser.new_context(locale="fr-FR").new_page()  # type: ignore[attr-defined]
    other.goto(f"{team_service.url}/suivi")
    wait_for_app(other)
    assert SECRET not in other.locator("body").inner_text()
    assert "Suivi des signalements" not in nav_text(other)
    other.context.close()
    # Sign out: the team page leaves the navigation.
    page.get_by_role("button", name="Se déconnecter").click()  # type: ignore[attr-defined]
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebarNav")).not_to_contain_text(  # type: ignore[attr-defined]
        "Suivi des signalements", timeout=30_000
    )


XSS = '<script>window.__xss = "script"</script><img src=x onerror="window.__xss = \'img\'">'


def test_a_comment_holding_html_is_inert_text_on_the_team_page(
    team_service: Server, page: object, browser: object
) -> None:
    send_feedback(browser, team_service.url, comment=XSS)
    page.goto(team_service.url)  # type: ignore[attr-defined]
    wait_for_app(page)
    sign_in(page, PASSWORD)
    page.get_by_test_id("stSidebarNav").get_by_text("Suivi des signalements").click()  # type: ignore[attr-defined]
    wait_for_app(page)
    comments = page.get_by_test_id("stDataFrame").filter(has_text="Commentaire")  # type: ignore[attr-defined]
    # The grid's accessible copy of its cells holds the comment as it was typed...
    cells = comments.locator("td[role='gridcell']")
    cells.first.wait_for(state="attached", timeout=30_000)
    assert XSS in cells.all_text_contents()
    # ...and nothing of it became markup: no script ran, no image was made.
    page.wait_for_timeout(500)  # type: ignore[attr-defined]
    assert page.evaluate("window.__xss") is None  # type: ignore[attr-defined]
    assert page.locator("img[src='x'], [onerror]").count() == 0  # type: ignore[attr-defined]
    assert (
        page.evaluate(  # type: ignore[attr-defined]
            "[...document.scripts].filter(s => s.text.includes('__xss')).length"
        )
        == 0
    )
