"""A page of the service in an <iframe> of the town's site (issue 18, point 3), in Chromium.

The town's site is a small HTML page served by Python's http.server on another port and
opened as `localhost` while the service answers at `127.0.0.1`: another origin and another
site, as a town's site and its data service are. Inside the frame (`?embed=true`) the page
shows without its sidebar, with its filters from the URL said in words, the same figures as
the same page opened normally, and a link to the full service; a value of the URL that does
not fit gives the usual notice, never a traceback.
"""

from __future__ import annotations

import functools
import html
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from datacites_proto.cli.build import nginx_config
from tests.conftest import REPO
from tests.e2e.conftest import Server, free_port, wait_for_app
from tests.e2e.test_replicas import NGINX_MAIN, _nginx, _stop, _wait_port

pytestmark = pytest.mark.browser

FILTERS = "periode=last_30_days&lieu=Gare"
HEADER = ".st-key-page-header"  # app/header.py's container
LINK = ".st-key-embed-full-service a"  # app/embedding.py's link


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def static_site(folder: Path) -> Iterator[tuple[str, Path]]:
    """A folder of HTML pages served at http://localhost:PORT until the fixture ends."""
    port = free_port()
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{port}", folder
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def town_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The town's site."""
    yield from static_site(tmp_path_factory.mktemp("ville"))


@pytest.fixture(scope="module")
def other_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A site that is not the town's (another origin)."""
    yield from static_site(tmp_path_factory.mktemp("ailleurs"))


def town_page(site: tuple[str, Path], name: str, src: str) -> str:
    """A page of the town's site embedding `src` as the documentation says; its URL."""
    base, folder = site
    (folder / name).write_text(
        '<!doctype html>\n<html lang="fr"><head><meta charset="utf-8"><title>Ville</title>'
        "</head><body><h1>La fréquentation du centre-ville</h1>\n"
        f'<iframe src="{html.escape(src)}" title="Fréquentation du centre-ville" '
        'width="100%" height="1400" style="border: 0" loading="lazy"></iframe>\n'
        "</body></html>\n",
        encoding="utf-8",
    )
    return f"{base}/{name}"


def embedded_frame(tab: object, url: str) -> object:
    """Open the town's page and wait until the service in its frame has drawn."""
    tab.goto(url)  # type: ignore[attr-defined]
    frame = tab.wait_for_selector("iframe").content_frame()  # type: ignore[attr-defined]
    assert frame is not None
    wait_for_app(frame)
    return frame


def opened_normally(tab: object, url: str) -> object:
    page = tab.context.new_page()  # type: ignore[attr-defined]
    page.set_default_timeout(30_000)
    page.goto(url)
    wait_for_app(page)
    return page


def metrics(where: object) -> list[str]:
    return where.get_by_test_id("stMetricValue").all_inner_texts()  # type: ignore[attr-defined,no-any-return]


def test_a_page_embedded_in_the_towns_site(
    example: Server, town_site: tuple[str, Path], page: object
) -> None:
    src = f"{example.url}/accueil?embed=true&{FILTERS}"
    embedded_frame(page, town_page(town_site, "frequentation.html", src))
    assert urlsplit(page.url).hostname == "localhost"  # type: ignore[attr-defined]
    frame = page.frame_locator("iframe")  # type: ignore[attr-defined]

    # The page only: no sidebar, no controls, no navigation, no traceback.
    assert frame.locator('[data-testid="stSidebar"]').count() == 0
    assert frame.locator('[data-testid="stSidebarNav"]').count() == 0
    for widget in ("stMultiSelect", "stSelectbox", "stDateInput"):
        assert frame.get_by_test_id(widget).count() == 0, widget
    assert frame.get_by_test_id("stException").count() == 0
    assert frame.get_by_test_id("stAlert").count() == 0  # nothing to correct in this link

    # The same figures and the same words as the same page with the same filters, opened
    # normally (the sidebar's controls applying the link).
    normal = opened_normally(page, f"{example.url}/accueil?{FILTERS}")
    try:
        assert normal.get_by_test_id("stSidebar").is_visible()  # type: ignore[attr-defined]
        expected = metrics(normal)
        words = normal.locator(HEADER).inner_text()  # type: ignore[attr-defined]
    finally:
        normal.close()  # type: ignore[attr-defined]
    assert expected and metrics(frame) == expected
    shown = frame.locator(HEADER).inner_text()
    assert shown == words
    assert "Lieu" in shown and "Gare" in shown  # the filters in words, above the figures

    # « Ouvrir le service complet »: the page without embed, with its filters, in a new tab.
    link = frame.locator(LINK)
    assert link.inner_text() == "Ouvrir le service complet"
    assert link.get_attribute("target") == "_blank"
    href = urlsplit(link.get_attribute("href"))
    assert f"{href.scheme}://{href.netloc}" == example.url  # the service, not the town's site
    assert href.path == "/accueil"
    assert parse_qs(href.query) == {"periode": ["last_30_days"], "lieu": ["Gare"]}
    with page.context.expect_page() as opened:  # type: ignore[attr-defined]
        link.click()
    full = opened.value
    try:
        wait_for_app(full)
        assert full.get_by_test_id("stSidebar").is_visible()
        chosen = full.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").inner_text()
        assert "Gare" in chosen
        assert metrics(full) == expected
    finally:
        full.close()


def test_a_value_that_does_not_fit_gives_the_usual_notice_in_the_frame(
    example: Server, town_site: tuple[str, Path], page: object
) -> None:
    query = "periode=last_1000_days&lieu=Atlantis&lieu=Gare"
    src = f"{example.url}/accueil?embed=true&{query}"
    embedded_frame(page, town_page(town_site, "lien-casse.html", src))
    frame = page.frame_locator("iframe")  # type: ignore[attr-defined]
    body = frame.locator("body").inner_text()
    assert "Traceback" not in body and "Error" not in body
    assert frame.get_by_test_id("stException").count() == 0
    notice = frame.get_by_test_id("stAlert").filter(has_text="ne correspond plus")
    assert notice.count() == 1
    text = notice.inner_text()
    assert "« Période » : le lien demandait une période inconnue" in text
    assert "« Lieu » : 1 valeur du lien n'est pas proposée" in text
    assert "Atlantis" not in body  # a link never makes the page say what its author wants

    # The notice is the one the same link gets when opened normally.
    normal = opened_normally(page, f"{example.url}/accueil?{query}")
    try:
        expected = normal.get_by_test_id("stAlert").filter(has_text="ne correspond plus")  # type: ignore[attr-defined]
        assert expected.inner_text() == text
        assert metrics(frame) == metrics(normal)
    finally:
        normal.close()  # type: ignore[attr-defined]
    # The link to the full service carries what is shown, not what was asked.
    href = urlsplit(frame.locator(LINK).get_attribute("href"))
    assert parse_qs(href.query) == {"lieu": ["Gare"]}


# --- allowing the town's site only: the documented nginx line ---------------------------------

DOCS = [REPO / "docs" / lang / "integrer-dans-un-site.md" for lang in ("fr", "en")]
DOCUMENTED_TOWN = "https://www.ville.fr"


def documented_csp_line() -> str:
    """The `add_header … frame-ancestors …` line the documentation gives, the same in both."""
    lines = {
        line
        for doc in DOCS
        for line in doc.read_text(encoding="utf-8").splitlines()
        if line.startswith("add_header Content-Security-Policy")
    }
    assert len(lines) == 1, lines
    [line] = lines
    assert DOCUMENTED_TOWN in line
    return line


@pytest.fixture(scope="module")
def behind_nginx(
    example: Server, town_site: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """nginx in front of the service, with `datacites build`'s configuration and the
    documented line in its server block, naming the town's site; nginx's URL."""
    nginx = _nginx()
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    snippet = nginx_config(
        (urlsplit(example.url).port or 80,),
        listen=f"127.0.0.1:{port}",
        access_log=str(folder / "access.log"),
    )
    line = documented_csp_line().replace(DOCUMENTED_TOWN, town_site[0])
    assert snippet.count("    access_log ") == 1  # the server block's first line
    snippet = snippet.replace("    access_log ", f"    {line}\n    access_log ", 1)
    (folder / "service.conf").write_text(snippet, encoding="utf-8")
    main = folder / "nginx.conf"
    main.write_text(NGINX_MAIN.format(tmp=folder, snippet=folder / "service.conf"))
    url = f"http://127.0.0.1:{port}"
    command = [nginx, "-c", str(main), "-p", str(folder), "-e", str(folder / "error.log")]
    proxy = subprocess.Popen(
        [*command, "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_port(url, proxy)
        yield url
    finally:
        _stop(proxy, group=False)


def test_the_documented_nginx_line_lets_the_towns_site_only_show_the_service(
    behind_nginx: str,
    town_site: tuple[str, Path],
    other_site: tuple[str, Path],
    page: object,
) -> None:
    with urllib.request.urlopen(f"{behind_nginx}/accueil") as answer:
        policy = answer.headers["Content-Security-Policy"]
    assert policy == f"frame-ancestors 'self' {town_site[0]}"

    src = f"{behind_nginx}/accueil?embed=true&{FILTERS}"
    embedded_frame(page, town_page(town_site, "par-nginx.html", src))
    frame = page.frame_locator("iframe")  # type: ignore[attr-defined]
    assert frame.get_by_test_id("stMetricValue").count() >= 1
    assert frame.locator(LINK).inner_text() == "Ouvrir le service complet"

    page.goto(town_page(other_site, "copie.html", src))  # type: ignore[attr-defined]
    refused = page.wait_for_selector("iframe").content_frame()  # type: ignore[attr-defined]
    page.wait_for_timeout(3_000)  # type: ignore[attr-defined]  # time to draw, were it allowed
    assert refused is None or not refused.url.startswith(behind_nginx)
    copied = page.frame_locator("iframe")  # type: ignore[attr-defined]
    assert copied.get_by_test_id("stApp").count() == 0
