"""Team access through the real app script (AppTest): pages, sign-in, sign-out, downloads."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from datacites_proto.app import auth, private_download, team_password
from datacites_proto.cli.apptest_runner import check_service
from datacites_proto.i18n import translate
from tests.conftest import REPO
from tests.support.apptest import app_for, open_page, texts

TEAM = REPO / "tests" / "blueprints" / "team"
PASSWORD = "bonjour-equipe-2026"
SECRET_ROW = "confidentiel-S1"  # a restricted row's text: the public never sees it
SUBMIT = "datacites-team-submit"


@pytest.fixture(autouse=True)
def fresh_limits(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # The lockout is process-wide by design; tests start from a clean slate.
    monkeypatch.delenv(team_password.ENV_VAR, raising=False)
    auth.LIMITS.reset()
    yield
    auth.LIMITS.reset()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "team"
    shutil.copytree(TEAM, folder, ignore=shutil.ignore_patterns(".datacites", ".streamlit"))
    stored = team_password.hash_password(PASSWORD)
    team_password.write_hash(team_password.secrets_path(folder), stored)
    return folder


def started(project: Path) -> AppTest:
    at = app_for(project / "blueprint.yaml")
    at.run()
    assert not at.exception
    return at


def page_titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def reserved(at: AppTest) -> bool:
    """A team page's address opened unsigned: the invitation to sign in, in French, and
    neither the page nor Streamlit's « Page not found » (which ran the first page)."""
    return page_titles(at) == [] and "réservée à l'équipe" in texts(at)


def sign_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key=auth.PASSWORD).input(password)
    return at.button(key=SUBMIT).click().run()


def test_public_visitor_sees_no_team_page(project: Path) -> None:
    at = started(project)
    assert page_titles(at) == ["Équipements"]
    assert "Suivi des signalements" not in texts(at)
    assert at.text_input(key=auth.PASSWORD).label == "Mot de passe de l'équipe"


def test_team_url_does_not_render_team_content_in_public(project: Path) -> None:
    at = started(project)
    open_page(at, "suivi").run()
    shown = texts(at)
    assert reserved(at)  # the invitation at its address, nothing of the page
    assert "Suivi des signalements" not in shown and SECRET_ROW not in shown
    assert not any(SECRET_ROW in str(df.value.to_dict()) for df in at.dataframe)
    assert "réservée à l'équipe" in shown  # an invitation to sign in


def test_wrong_password_gives_an_error_and_no_access(project: Path) -> None:
    at = started(project)
    open_page(at, "suivi")
    sign_in(at, "pas-le-bon")
    assert [e.value for e in at.error] == ["Mot de passe incorrect."]
    assert reserved(at)
    assert at.session_state[auth.PASSWORD] == ""  # the typed password is not kept


def test_right_password_opens_team_pages_and_sign_out_closes_them(project: Path) -> None:
    at = started(project)
    sign_in(at, PASSWORD)
    assert not at.error and "Connecté·e comme équipe du service." in texts(at)
    open_page(at, "suivi").run()
    assert page_titles(at) == ["Suivi des signalements"]
    assert any(SECRET_ROW in str(df.value.to_dict()) for df in at.dataframe)
    # Without the route of `datacites run` (AppTest), the team's rows are not offered.
    assert [b.key for b in at.get("download_button")] == []
    assert "Téléchargement indisponible ici" in texts(at)
    # Sign out: the team page is gone again, even by its URL.
    at.button(key="datacites-sign-out").click().run()
    open_page(at, "suivi").run()
    assert reserved(at)
    assert SECRET_ROW not in texts(at)
    assert at.text_input(key=auth.PASSWORD)


def test_five_failures_lock_out_even_the_right_password(project: Path) -> None:
    at = started(project)
    for _ in range(auth.MAX_FAILURES):
        sign_in(at, "devine")
    assert "Trop d'essais manqués" in at.error[0].value
    sign_in(at, PASSWORD)
    assert "Trop d'essais manqués" in at.error[0].value
    open_page(at, "suivi").run()
    assert reserved(at)
    # A new session from the same address is locked out too (process-wide).
    other = started(project)
    sign_in(other, PASSWORD)
    assert "Trop d'essais manqués" in other.error[0].value


def test_restricted_download_never_offered_in_public(project: Path) -> None:
    at = started(project)
    buttons = at.get("download_button")
    # The open table's CSV and the public page's PDF (the same public figures) only.
    assert [b.key for b in buttons] == ["p0-v0-report-pdf", "p0-v1-download"]
    open_page(at, "suivi").run()
    assert [b.key for b in at.get("download_button")] == []  # the invitation only


def test_changed_password_ends_the_sessions_it_opened(project: Path) -> None:
    at = started(project)
    sign_in(at, PASSWORD)
    path = team_password.secrets_path(project)
    team_password.write_hash(path, team_password.hash_password("un-autre-mot-de-passe"))
    open_page(at, "suivi").run()
    assert reserved(at)


def test_forced_team_audience_renders_team_pages(project: Path) -> None:
    script = project / "team_app.py"
    script.write_text(
        "from datacites_proto.app.main import run\n"
        f"run({str(project / 'blueprint.yaml')!r}, audience='team')\n"
    )
    at = AppTest.from_file(str(script), default_timeout=60)
    open_page(at, "suivi").run()
    assert not at.exception
    assert page_titles(at) == ["Suivi des signalements"]
    assert not at.text_input  # forced: no sign-in control


def test_oidc_team_account_is_team_and_other_account_is_not(project: Path) -> None:
    (project / ".streamlit" / "secrets.toml").unlink()
    at = started(project)
    assert "L'accès de l'équipe n'est pas configuré pour ce service." in texts(at)
    for email, team in [("agent@ville-essai.fr", True), ("pirate@evil-ville-essai.fr", False)]:
        at = app_for(project / "blueprint.yaml")
        at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback"}
        at.user = {"is_logged_in": True, "email": email, "email_verified": True}
        open_page(at, "suivi").run()
        assert not at.exception
        assert (page_titles(at) == ["Suivi des signalements"]) is team
        if not team:
            assert "ne fait pas partie de l'équipe" in texts(at)


def test_datacites_test_renders_team_pages(project: Path) -> None:
    report = check_service(project / "blueprint.yaml")
    assert report.ok and not report.team_pages_skipped
    assert {c.audience for c in report.cases} == {"public", "team"}


def unconfigured(project: Path, lang: str) -> AppTest:
    (project / ".streamlit" / "secrets.toml").unlink()
    blueprint = project / "blueprint.yaml"
    blueprint.write_text(blueprint.read_text().replace("lang: fr", f"lang: {lang}"))
    return started(project)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "L'accès de l'équipe n'est pas configuré pour ce service."),
        ("en", "Team access is not configured for this service."),
    ],
)
def test_team_area_without_password_tells_visitors_nothing_of_the_server(
    project: Path, lang: str, said: str
) -> None:
    at = unconfigured(project, lang)
    shown = texts(at)
    assert said in shown
    assert str(project) not in shown and "datacites team" not in shown
    assert "secrets.toml" not in shown and not at.text_input


def test_team_area_with_a_broken_hash_tells_visitors_nothing_of_the_server(
    project: Path,
) -> None:
    team_password.write_hash(team_password.secrets_path(project), "scrypt$broken")
    at = started(project)
    shown = texts(at)
    assert "L'accès de l'équipe n'est pas configuré pour ce service." in shown
    assert str(project) not in shown and "datacites team" not in shown


BROWSER = "b" * 43


def test_restricted_download_is_a_link_for_this_browser_only(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As under `datacites run`: the route is mounted, the browser sent its cookie.
    monkeypatch.setattr(private_download, "MOUNTED", True)
    monkeypatch.setattr(private_download, "current_browser_id", lambda: BROWSER)
    private_download.STORE._entries.clear()
    at = started(project)
    sign_in(at, PASSWORD)
    open_page(at, "suivi").run()
    assert not at.get("download_button")  # no /media/ file holds the team's rows
    [link] = [b for b in at.get("link_button") if b.proto.url.startswith("datacites/download/")]
    token = link.proto.url.rsplit("/", 1)[1]
    assert private_download.STORE.take(token, "x" * 43) is None  # another browser
    assert private_download.STORE.take(token, None) is None  # no cookie at all
    entry = private_download.STORE.take(token, BROWSER)
    assert entry is not None and SECRET_ROW.encode() in entry.make()
    assert private_download.STORE.take(token, BROWSER) is None  # served once
    # Signing out forgets the links made for this browser.
    open_page(at, "suivi").run()
    assert len(private_download.STORE) >= 1
    at.button(key="datacites-sign-out").click().run()
    assert len(private_download.STORE) == 0


@pytest.mark.parametrize(
    ("lang", "said"), [("fr", "aucun moyen de connexion"), ("en", "no way to sign in")]
)
def test_datacites_run_tells_the_team_how_to_set_a_password(
    project: Path, capsys: pytest.CaptureFixture[str], lang: str, said: str
) -> None:
    from datacites_proto.cli.team import say_setup_hint

    blueprint = project / "blueprint.yaml"
    say_setup_hint(blueprint, True, lang)
    assert capsys.readouterr().err == ""  # a password is set: nothing to say
    (project / ".streamlit" / "secrets.toml").unlink()
    say_setup_hint(blueprint, True, lang)
    err = " ".join(capsys.readouterr().err.split())
    assert said in err and "datacites team set-password" in err


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "« 10.0.0.300 » (--trusted-proxy) n'est ni une adresse IP ni un réseau"),
        ("en", "'10.0.0.300' (--trusted-proxy) is neither an IP address nor a network"),
    ],
)
def test_datacites_run_refuses_an_unreadable_trusted_proxy(
    project: Path, cli, lang: str, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from datacites_proto.app.client_address import TRUSTED_PROXIES_ENV, UVICORN_ENV

    monkeypatch.delenv(TRUSTED_PROXIES_ENV, raising=False)
    monkeypatch.delenv(UVICORN_ENV, raising=False)
    result = cli("--lang", lang, "run", project, "--trusted-proxy", "10.0.0.300", "--no-browser")
    assert result.code == 2 and said in " ".join(result.err.split())


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "Beaucoup d'essais de connexion en ce moment : réessayez dans 2 s."),
        ("en", "Many sign-in attempts right now: try again in 2 s."),
    ],
)
def test_busy_sign_in_asks_to_retry_soon_without_counting_a_failure(
    monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:
    from datacites_proto.app import sign_in_limiter as limiter

    state: dict[str, object] = {}
    monkeypatch.setattr(auth.st, "session_state", state)
    full = limiter.TokenBucket(burst=1, rate=0.5, max_wait=0, clock=lambda: 0.0)
    full.take()  # someone else's try: the next one would have to wait 2 s
    monkeypatch.setattr(auth, "LIMITS", limiter.SignInLimiter(pace=full))
    stored = team_password.hash_password(PASSWORD)
    assert auth.check_password(PASSWORD, stored, "198.51.100.7", lang) is None
    code, params = state[auth.MESSAGE]  # type: ignore[misc]
    assert translate(code, lang, **params) == said
    assert auth.LIMITS.clients.wait(limiter.address_key("198.51.100.7")) == 0
