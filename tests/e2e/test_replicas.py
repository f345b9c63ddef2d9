"""Two replicas of a `datacites build` folder behind nginx, the store on PostgreSQL.

The folder's own `deploy/replicas.sh` starts the replicas and its `deploy/nginx-replicas.conf`
is nginx's configuration; which replica served a browser is read in nginx's access log
(`replica=$upstream_addr`), each browser being told apart by its user agent.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from datacites_proto.app import team_password
from datacites_proto.cli.build import AFFINITY_COOKIE, NGINX_FILE, REPLICAS_SCRIPT, nginx_config
from datacites_proto.store import Store
from tests.conftest import DEFAULT_PG_URL, REPO, _answers, datacites_script, need
from tests.e2e.conftest import free_port, wait_for_app, wait_healthy
from tests.e2e.test_team_access_browser import nav_text, sign_in

pytestmark = pytest.mark.browser

SERVICE = "coeur-de-ville"
PASSWORD = "bonjour-equipe-2026"
TEAM_PAGE = "Suivi des avis"
# The footfall example has no team page: its copy gets one, to sign in to.
TEAM_DOMAIN = "ville-exemple.fr"
TEAM_PAGE_YAML = f"""
  - title: {TEAM_PAGE}
    slug: suivi-avis
    access: team
    views: [{{type: feedback_summary, title: Avis des habitants}}]
"""
NGINX_MAIN = """\
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
worker_processes 1;
worker_shutdown_timeout 1s;  # a reload closes the open WebSockets at once
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {snippet};
}}
"""
LINE = re.compile(
    r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) replica=(?P<replica>\S+) "(?P<agent>[^"]*)"'
)


@dataclass
class Deployment:
    url: str  # nginx
    ports: tuple[int, int]  # the replicas'
    store_url: str
    log: Path
    nginx: subprocess.Popen  # type: ignore[type-arg]
    replicas: subprocess.Popen  # type: ignore[type-arg]  # deploy/replicas.sh
    cookie_secret: str

    def served(self, agent: str) -> list[tuple[str, int]]:
        """(path, replica port) of each request of `agent` nginx has logged, in order."""
        out = []
        for line in self.log.read_text().splitlines():
            found = LINE.search(line)
            if found and found["agent"].endswith(agent) and found["replica"] != "-":
                port = int(found["replica"].split(",")[-1].strip().rsplit(":", 1)[1])
                out.append((found["path"], port))
        return out

    def replica_of(self, cookie: str) -> int:
        """The replica nginx sends a browser holding `cookie` to (asked with a probe)."""
        agent = f"probe-{uuid.uuid4().hex}"
        request = urllib.request.Request(
            f"{self.url}/_stcore/health",
            headers={"Cookie": f"{AFFINITY_COOKIE}={cookie}", "User-Agent": agent},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.read().strip() == b"ok"
        for _ in range(50):  # nginx writes the line once the answer is sent
            if self.served(agent):
                return self.served(agent)[-1][1]
            time.sleep(0.05)
        raise AssertionError(f"no log line for {agent}")

    def cookie_for(self, port: int) -> str:
        """A browser id that nginx's affinity sends to the replica on `port`."""
        for _ in range(40):
            cookie = secrets.token_urlsafe(32)
            if self.replica_of(cookie) == port:
                return cookie
        raise AssertionError(f"no cookie goes to {port}")

    def replica_pid(self, port: int) -> int:
        """The process of the replica on `port`: a child of deploy/replicas.sh."""
        pid = self.replicas.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        for child in children:
            command = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
            if str(port).encode() in command:
                return int(child)
        raise AssertionError(f"no replica on {port} among {children}")

    def reload_nginx(self) -> None:
        """What a configuration change does: open WebSockets are closed (after 1 s here)."""
        self.nginx.send_signal(signal.SIGHUP)


def _nginx() -> str:
    path = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if path is None:
        need("nginx", "install Debian's package: sudo apt-get install nginx")
    return path  # type: ignore[return-value]


def _wait_port(url: str, process: subprocess.Popen, timeout: float = 20) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("nginx stopped: see its error.log")
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nginx did not answer at {url}")


def _stop(process: subprocess.Popen, group: bool) -> None:  # type: ignore[type-arg]
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM) if group else process.terminate()
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL) if group else process.kill()
        process.wait()
    except ProcessLookupError:
        pass


@pytest.fixture(scope="module")
def schema_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A PostgreSQL schema of its own (reruns never collide), dropped at the end."""
    base = os.environ.get("DATACITES_TEST_PG_URL") or DEFAULT_PG_URL
    if not _answers(base):
        need("PostgreSQL", f"start one that answers at {base} or set DATACITES_TEST_PG_URL")
    schema = f"replicas_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(scope="module")
def deployment(
    tmp_path_factory: pytest.TempPathFactory, schema_url: str, chromium: str
) -> Iterator[Deployment]:
    nginx = _nginx()
    root = tmp_path_factory.mktemp("replicas")
    project = root / "coeur_de_ville"
    shutil.copytree(
        REPO / "examples" / "coeur_de_ville", project, ignore=shutil.ignore_patterns(".datacites")
    )
    text = (project / "blueprint.yaml").read_text(encoding="utf-8")
    contact = "  contact: numerique@ville-exemple.fr\n"
    assert contact in text
    text = text.replace(contact, f"{contact}  team: {{domains: [{TEAM_DOMAIN}]}}\n")
    (project / "blueprint.yaml").write_text(text + TEAM_PAGE_YAML, encoding="utf-8")
    built = root / "built"
    done = subprocess.run(
        [str(datacites_script()), "build", str(project), "-o", str(built)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    ports = (free_port(), free_port())
    proxy_port = free_port()
    url = f"http://127.0.0.1:{proxy_port}"
    secret = secrets.token_hex(32)
    # OIDC accounts (st.login): the server's own secrets file, never in the repository nor
    # in what `build` writes; its cookie_secret, the same for both replicas, signs the
    # account's cookie (the identity provider itself cannot be reached from a test).
    (built / ".streamlit" / "secrets.toml").write_text(
        "[auth]\n"
        f'redirect_uri = "{url}/oauth2callback"\n'
        f'cookie_secret = "{secret}"\n'
        'client_id = "datacites-test"\n'
        'client_secret = "not-used"\n'
        'server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"\n'
    )
    env = {
        **os.environ,
        "DATACITES_STORE_URL": schema_url,
        "STREAMLIT_SERVER_COOKIE_SECRET": secret,  # one secret, both replicas
        "DATACITES_REPLICA_PORTS": f"{ports[0]} {ports[1]}",
        "STREAMLIT": str(datacites_script().parent / "streamlit"),  # this venv has the package
        "DATACITES_BASEMAP": "none",
        team_password.ENV_VAR: team_password.hash_password(PASSWORD),
    }
    log = root / "replicas.log"
    replicas = subprocess.Popen(
        [str(built / REPLICAS_SCRIPT)],
        cwd=built,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    nginx_dir = root / "nginx"
    nginx_dir.mkdir()
    snippet = nginx_dir / "replicas.conf"
    access = nginx_dir / "access.log"
    # The folder's file, with this test's ports and paths in place of the defaults.
    assert (built / NGINX_FILE).read_text() == nginx_config()
    snippet.write_text(
        nginx_config(ports, listen=f"127.0.0.1:{proxy_port}", access_log=str(access))
    )
    main = nginx_dir / "nginx.conf"
    main.write_text(NGINX_MAIN.format(tmp=nginx_dir, snippet=snippet))
    proxy = None
    try:
        for port in ports:
            wait_healthy(f"http://127.0.0.1:{port}", replicas, timeout=120)
        proxy = subprocess.Popen(
            [
                nginx,
                "-c",
                str(main),
                "-p",
                str(nginx_dir),
                "-e",
                str(nginx_dir / "error.log"),
                "-g",
                "daemon off;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_port(url, proxy)
        yield Deployment(url, ports, schema_url, access, proxy, replicas, secret)
    finally:
        if proxy is not None:
            _stop(proxy, group=False)
        _stop(replicas, group=True)


def open_on(browser: object, deployment: Deployment, port: int, name: str) -> object:
    """A new browser (its own context) whose affinity cookie sends it to the replica on `port`."""
    context = browser.new_context(  # type: ignore[attr-defined]
        locale="fr-FR",
        viewport={"width": 1280, "height": 900},
        user_agent=f"Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36 {name}",
    )
    context.add_cookies(
        [
            {
                "name": AFFINITY_COOKIE,
                "value": deployment.cookie_for(port),
                "url": deployment.url,
                "httpOnly": True,
                "sameSite": "Strict",
            }
        ]
    )
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    return tab


def send_feedback(tab: object, deployment: Deployment, comment: str, *, go: bool = True) -> None:
    """Rate 4/5 with `comment` on « Votre avis » and wait for the thanks (the acknowledgement)."""
    if go:
        tab.goto(f"{deployment.url}/votre-avis")  # type: ignore[attr-defined]
        wait_for_app(tab)
    # The main area's form (the sidebar holds the team's sign-in form).
    form = tab.get_by_test_id("stMain").get_by_test_id("stForm").first  # type: ignore[attr-defined]
    form.get_by_text("4 sur 5", exact=True).first.click()
    form.get_by_role("textbox").first.fill(comment)
    form.get_by_role("button", name="Envoyer mon avis").click()
    tab.get_by_text("Merci ! Votre avis est enregistré").wait_for()  # type: ignore[attr-defined]


def stored_comments(deployment: Deployment) -> list[str]:
    store = Store.open(deployment.store_url)
    try:
        return [row["comment"] for row in store.feedback_rows(SERVICE)]
    finally:
        store.close()


def replicas_of(deployment: Deployment, agent: str) -> set[int]:
    return {port for _path, port in deployment.served(agent)}


def test_feedback_through_either_replica_is_stored_once(
    deployment: Deployment, browser: object
) -> None:
    a, b = deployment.ports
    comments = {}
    for port, name in ((a, "citizen-a"), (b, "citizen-b")):
        tab = open_on(browser, deployment, port, name)
        comments[name] = f"Avis par {name} {uuid.uuid4().hex[:8]}"
        send_feedback(tab, deployment, comments[name])
        tab.context.close()  # type: ignore[attr-defined]
    # Each browser was served by one replica, not the same one.
    assert replicas_of(deployment, "citizen-a") == {a}
    assert replicas_of(deployment, "citizen-b") == {b}
    stored = stored_comments(deployment)
    for comment in comments.values():
        assert stored.count(comment) == 1, stored


def test_a_team_member_stays_signed_in_on_their_replica(
    deployment: Deployment, browser: object
) -> None:
    from playwright.sync_api import expect

    a, b = deployment.ports
    citizen = open_on(browser, deployment, b, "citizen-for-team")
    comment = f"Avis vu par l'équipe {uuid.uuid4().hex[:8]}"
    send_feedback(citizen, deployment, comment)
    citizen.context.close()  # type: ignore[attr-defined]

    team = open_on(browser, deployment, a, "team-member")
    team.goto(deployment.url)  # type: ignore[attr-defined]
    wait_for_app(team)
    sign_in(team, PASSWORD)
    nav = team.get_by_test_id("stSidebarNav")  # type: ignore[attr-defined]
    expect(nav).to_contain_text(TEAM_PAGE, timeout=30_000)

    def team_page_shows(text: str) -> None:
        nav.get_by_text(TEAM_PAGE).click()
        wait_for_app(team)
        cells = team.get_by_test_id("stDataFrame").locator("td[role='gridcell']")  # type: ignore[attr-defined]
        expect(cells.filter(has_text=text)).to_have_count(1, timeout=30_000)
        nav.get_by_text("Votre avis").click()
        wait_for_app(team)

    # Replica A's team page shows the feedback sent through replica B: one store.
    team_page_shows(comment)

    # nginx reloads: the WebSocket is cut, the page reconnects, affinity brings it back to
    # replica A, where its session (and sign-in) lives: still signed in, without a word.
    def count(path: str) -> int:
        return sum(path in logged for logged, _ in deployment.served("team-member"))

    # A WebSocket's line is logged when it closes; the page asks for host-config to reconnect.
    before = (count("/_stcore/stream"), count("/_stcore/host-config"))
    deployment.reload_nginx()
    deadline = time.monotonic() + 20
    while count("/_stcore/stream") <= before[0] or count("/_stcore/host-config") <= before[1]:
        assert time.monotonic() < deadline, "the WebSocket was not cut, or not reopened"
        time.sleep(0.2)
    wait_for_app(team)
    team_page_shows(comment)
    expect(team.get_by_role("button", name="Se déconnecter")).to_have_count(1)  # type: ignore[attr-defined]
    assert replicas_of(deployment, "team-member") == {a}

    # The same browser sent to replica B (what a proxy without affinity does): the session
    # is not there, the sign-in neither.
    team.context.add_cookies(  # type: ignore[attr-defined]
        [{"name": AFFINITY_COOKIE, "value": deployment.cookie_for(b), "url": deployment.url}]
    )
    deployment.reload_nginx()
    for _ in range(100):  # the page reconnects to B (a session of its own there)...
        if b in replicas_of(deployment, "team-member"):
            break
        time.sleep(0.2)
    wait_for_app(team)
    nav.get_by_text(TEAM_PAGE).click()  # ...which the next click runs as a visitor's
    wait_for_app(team)
    expect(nav).not_to_contain_text(TEAM_PAGE, timeout=30_000)
    assert "réservée à l'équipe" in team.locator("body").inner_text()  # type: ignore[attr-defined]
    assert TEAM_PAGE not in nav_text(team)
    team.context.close()  # type: ignore[attr-defined]
    deadline = time.monotonic() + 10
    while replicas_of(deployment, "team-member") != {a, b} and time.monotonic() < deadline:
        time.sleep(0.2)  # the WebSocket's line is written once it is closed
    assert replicas_of(deployment, "team-member") == {a, b}


def account_cookie(secret: str, origin: str, email: str) -> dict[str, object]:
    """The cookie Streamlit's OIDC callback sets once the provider vouches for `email`."""
    from streamlit.web.server.starlette.starlette_app_utils import create_signed_value

    claims = {"email": email, "email_verified": True, "origin": origin, "is_logged_in": True}
    value = create_signed_value(
        secret, "_streamlit_user", json.dumps({**claims, "provider": "default"})
    )
    return {"name": "_streamlit_user", "value": value.decode(), "url": origin, "httpOnly": True}


def test_an_account_sign_in_survives_a_reload_on_either_replica(
    deployment: Deployment, browser: object
) -> None:
    """Signed with the replicas' one secret, an OIDC sign-in is read by both, page after page."""
    from playwright.sync_api import expect

    a, b = deployment.ports
    email = f"elue@{TEAM_DOMAIN}"
    tab = open_on(browser, deployment, a, "account-holder")
    tab.context.add_cookies([account_cookie(deployment.cookie_secret, deployment.url, email)])  # type: ignore[attr-defined]
    tab.goto(f"{deployment.url}/suivi-avis")  # type: ignore[attr-defined]
    for port in (a, b):
        wait_for_app(tab)
        heading = tab.get_by_test_id("stHeading").filter(has_text="Avis des habitants")  # type: ignore[attr-defined]
        expect(heading).to_have_count(1, timeout=30_000)
        expect(tab.get_by_test_id("stSidebar")).to_contain_text(email)  # type: ignore[attr-defined]
        served = [
            port for path, port in deployment.served("account-holder") if path == "/suivi-avis"
        ]
        assert served[-1] == port  # this load was served by this replica
        if port == a:  # reloaded, and sent to the other replica this time
            tab.context.add_cookies(  # type: ignore[attr-defined]
                [
                    {
                        "name": AFFINITY_COOKIE,
                        "value": deployment.cookie_for(b),
                        "url": deployment.url,
                    }
                ]
            )
            tab.reload()  # type: ignore[attr-defined]
    tab.context.close()  # type: ignore[attr-defined]

    # The same cookie signed with another secret is nobody's.
    forged = open_on(browser, deployment, b, "forger")
    forged.context.add_cookies([account_cookie(secrets.token_hex(32), deployment.url, email)])  # type: ignore[attr-defined]
    forged.goto(f"{deployment.url}/suivi-avis")  # type: ignore[attr-defined]
    wait_for_app(forged)
    expect(forged.get_by_text("réservée à l'équipe")).to_have_count(1)  # type: ignore[attr-defined]
    assert "Avis des habitants" not in forged.locator("body").inner_text()  # type: ignore[attr-defined]
    forged.context.close()  # type: ignore[attr-defined]


def test_a_killed_replica_loses_no_acknowledged_feedback(
    deployment: Deployment, browser: object
) -> None:
    a, b = deployment.ports
    on_a = open_on(browser, deployment, a, "doomed-session")
    on_b = open_on(browser, deployment, b, "surviving-session")
    on_b.goto(f"{deployment.url}/votre-avis")  # type: ignore[attr-defined]
    wait_for_app(on_b)
    before = f"Avis avant la panne {uuid.uuid4().hex[:8]}"
    send_feedback(on_a, deployment, before)

    os.kill(deployment.replica_pid(a), signal.SIGKILL)  # replica A dies with a session on it

    assert stored_comments(deployment).count(before) == 1  # acknowledged, so stored
    # Replica B goes on serving its session, without a reload.
    during = f"Avis pendant la panne {uuid.uuid4().hex[:8]}"
    send_feedback(on_b, deployment, during, go=False)
    # The browser that was on A, reloaded, lands on B and can send feedback again.
    served_before = len(deployment.served("doomed-session"))
    after = f"Avis après la panne {uuid.uuid4().hex[:8]}"
    send_feedback(on_a, deployment, after)
    pages = deployment.served("doomed-session")[served_before:]
    assert {port for path, port in pages if "_stcore/stream" not in path} == {b}
    stored = stored_comments(deployment)
    assert [stored.count(c) for c in (before, during, after)] == [1, 1, 1]
    for tab in (on_a, on_b):
        tab.context.close()  # type: ignore[attr-defined]
