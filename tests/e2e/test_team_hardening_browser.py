"""Team access under attack, in a real browser against `datacites run` (issue 11).

Behind a proxy: an address that guessed too often is locked out, another still signs in.
Without a password: visitors learn nothing of the server. A restricted download link
is refused to anyone but the signed-in browser it was made for, and serves once.
"""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from datacites_proto.app import auth, team_password
from datacites_proto.app.client_address import TRUSTED_PROXIES_ENV
from tests.conftest import REPO
from tests.e2e.conftest import Server, serve, wait_for_app
from tests.e2e.test_team_access_browser import (
    PASSWORD,
    SECRET,
    download_team_csv,
    nav_text,
    sign_in,
    team_link,
)

pytestmark = pytest.mark.browser

LOCKED = "Trop d'essais manqués"
ANSWERED = re.compile("Mot de passe incorrect|Trop d'essais manqués")


def team_copy(tmp_path_factory: pytest.TempPathFactory, password: bool) -> Path:
    folder = tmp_path_factory.mktemp("e2e-team-hardening") / "team"
    shutil.copytree(
        REPO / "tests" / "blueprints" / "team",
        folder,
        ignore=shutil.ignore_patterns(".datacites", ".streamlit"),
    )
    if password:
        stored = team_password.hash_password(PASSWORD)
        team_password.write_hash(team_password.secrets_path(folder), stored)
    return folder


@pytest.fixture(scope="module")
def behind_proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The team service as nginx on the same machine would reach it."""
    folder = team_copy(tmp_path_factory, password=True)
    env = {team_password.ENV_VAR: "", TRUSTED_PROXIES_ENV: "127.0.0.1"}
    yield from serve(folder, env=env)


@pytest.fixture(scope="module")
def no_proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The team service with no proxy declared (the default)."""
    folder = team_copy(tmp_path_factory, password=True)
    yield from serve(folder, env={team_password.ENV_VAR: "", TRUSTED_PROXIES_ENV: ""})


@pytest.fixture(scope="module")
def no_password(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = team_copy(tmp_path_factory, password=False)
    yield from serve(folder, env={team_password.ENV_VAR: "", TRUSTED_PROXIES_ENV: ""})


def visitor(browser: object, address: str | None = None) -> object:
    """A tab of a new browser; `address`: what the proxy says it saw (X-Forwarded-For)."""
    headers = {"X-Forwarded-For": address} if address else {}
    context = browser.new_context(locale="fr-FR", extra_http_headers=headers)  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    return tab


def alert_text(tab: object) -> str:
    alerts = tab.get_by_test_id("stAlert")  # type: ignore[attr-defined]
    return " ".join(alerts.all_inner_texts())


def ready_to_sign_in(browser: object, base: str, address: str, password: str) -> object:
    """A new browser at `address`, on the app, the team password typed, not yet sent."""
    tab = visitor(browser, address)
    tab.goto(base)  # type: ignore[attr-defined]
    wait_for_app(tab)
    tab.get_by_test_id("stExpander").filter(has_text="Espace équipe").click()  # type: ignore[attr-defined]
    field = tab.get_by_label("Mot de passe de l'équipe")  # type: ignore[attr-defined]
    field.wait_for(state="visible")
    field.fill(password)
    return tab


def submit(tab: object) -> None:
    tab.get_by_role("button", name="Se connecter", exact=True).click()  # type: ignore[attr-defined]
    wait_for_app(tab)


def test_locked_address_behind_the_proxy_does_not_lock_out_another(
    behind_proxy: Server, browser: object
) -> None:
    from playwright.sync_api import expect

    guesser = ready_to_sign_in(browser, behind_proxy.url, "198.51.100.7", "devine-0")
    submit(guesser)
    for attempt in range(1, auth.MAX_FAILURES - 1):
        guesser.get_by_label("Mot de passe de l'équipe").fill(f"devine-{attempt}")  # type: ignore[attr-defined]
        submit(guesser)
    # Everyone else is ready before the lockout starts (it lasts 30 s): what follows is quick.
    again = ready_to_sign_in(browser, behind_proxy.url, "198.51.100.7", PASSWORD)
    member = ready_to_sign_in(browser, behind_proxy.url, "198.51.100.8", PASSWORD)
    guesser.get_by_label("Mot de passe de l'équipe").fill("devine-last")  # type: ignore[attr-defined]
    submit(guesser)
    locked = guesser.get_by_test_id("stAlert").filter(has_text=LOCKED)  # type: ignore[attr-defined]
    expect(locked).to_have_count(1, timeout=30_000)
    # A member at another address signs in at once.
    submit(member)
    expect(member.get_by_test_id("stSidebarNav")).to_contain_text(  # type: ignore[attr-defined]
        "Suivi des signalements", timeout=30_000
    )
    assert LOCKED not in alert_text(member)
    # The guessing address is refused even the right password, in a new browser too.
    submit(again)
    expect(again.get_by_test_id("stAlert").filter(has_text=LOCKED)).to_have_count(1)  # type: ignore[attr-defined]
    assert "Suivi des signalements" not in nav_text(again)
    for tab in (guesser, again, member):
        tab.context.close()  # type: ignore[attr-defined]


def test_forged_forwarded_addresses_do_not_escape_the_lockout(
    no_proxy: Server, browser: object
) -> None:
    from playwright.sync_api import expect

    # No proxy declared: a client writing a new X-Forwarded-For for each try is still
    # one address (its connection's), locked out after 5 tries.
    # The last browser is ready before the lockout starts (it lasts 30 s): on a busy
    # machine, opening one more could take a good part of them.
    last = ready_to_sign_in(browser, no_proxy.url, "10.66.99.99", PASSWORD)
    for attempt in range(auth.MAX_FAILURES):
        tab = ready_to_sign_in(browser, no_proxy.url, f"10.66.{attempt}.{attempt}", "devine")
        submit(tab)
        # The server has counted the failure once it says so; only then is the tab closed
        # (closed earlier, on a busy machine, the try could be dropped before it counted).
        answered = tab.get_by_test_id("stAlert").filter(has_text=ANSWERED)  # type: ignore[attr-defined]
        expect(answered).to_have_count(1, timeout=30_000)
        tab.context.close()  # type: ignore[attr-defined]
    submit(last)
    # The same wait as the test above: a busy machine can queue the password check.
    locked = last.get_by_test_id("stAlert").filter(has_text=LOCKED)  # type: ignore[attr-defined]
    expect(locked).to_have_count(1, timeout=30_000)
    assert "Suivi des signalements" not in nav_text(last)
    last.context.close()  # type: ignore[attr-defined]


def test_team_area_without_password_shows_no_path_and_no_command(
    no_password: Server, browser: object
) -> None:
    tab = visitor(browser)
    tab.goto(no_password.url)  # type: ignore[attr-defined]
    wait_for_app(tab)
    tab.get_by_test_id("stExpander").filter(has_text="Espace équipe").click()  # type: ignore[attr-defined]
    note = tab.get_by_text("L'accès de l'équipe n'est pas configuré pour ce service.")  # type: ignore[attr-defined]
    note.wait_for(state="visible")
    body = tab.locator("body").inner_text()  # type: ignore[attr-defined]
    assert str(no_password.project) not in body and "/tmp" not in body
    assert "datacites team" not in body and "secrets.toml" not in body
    tab.context.close()  # type: ignore[attr-defined]


def status_of(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read()


def test_restricted_download_link_serves_only_its_browser_once(
    behind_proxy: Server, browser: object
) -> None:
    from playwright.sync_api import expect

    member = visitor(browser, "198.51.100.20")
    member.goto(behind_proxy.url)  # type: ignore[attr-defined]
    wait_for_app(member)
    sign_in(member, PASSWORD)
    member.get_by_test_id("stSidebarNav").get_by_text("Suivi des signalements").click()  # type: ignore[attr-defined]
    wait_for_app(member)
    link = team_link(member)
    expect(link).to_have_count(1, timeout=30_000)
    href = link.get_attribute("href")  # type: ignore[attr-defined]
    url = f"{behind_proxy.url}/{href}"
    # Plain curl with the URL: refused, and nothing of the rows.
    status, body = status_of(url)
    assert status == 403 and SECRET.encode() not in body
    assert "ne sert qu'une fois" in body.decode()
    # Another browser (its own cookie) with the URL: refused too.
    other = visitor(browser, "198.51.100.21")
    other.goto(behind_proxy.url)  # type: ignore[attr-defined]
    wait_for_app(other)
    answer = other.request.get(url)  # type: ignore[attr-defined]
    assert answer.status == 403 and SECRET.encode() not in answer.body()
    other.context.close()  # type: ignore[attr-defined]
    # Its own browser: the file, once.
    content = download_team_csv(member)
    assert SECRET.encode() in content
    again = member.request.get(url)  # type: ignore[attr-defined]
    assert again.status == 403 and SECRET.encode() not in again.body()
    # The click reran the page: a fresh link for the next download.
    wait_for_app(member)
    expect(team_link(member)).not_to_have_attribute("href", href, timeout=30_000)
    assert SECRET.encode() in download_team_csv(member)
    member.context.close()  # type: ignore[attr-defined]
