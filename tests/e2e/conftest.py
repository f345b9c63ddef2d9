"""Browser tests: a real `datacites run` server and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO, need

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--use-angle=swiftshader",  # WebGL without a GPU, for the maps
    "--enable-unsafe-swiftshader",
    "--disable-background-networking",  # this machine's network is closed
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 90) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the server stopped: {process.stdout.read() if process.stdout else ''}"
            )
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().decode().strip() == "ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer its health check")


@dataclass
class Server:
    url: str
    project: Path


@pytest.fixture(scope="session")
def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        need("Chromium", "install Debian's package: sudo apt-get install chromium")
    return path  # type: ignore[return-value]


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("Playwright", 'install the browser extra: pip install -e ".[browser]"')
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def serve(project: Path, env: dict[str, str] | None = None) -> Iterator[Server]:
    """Run `datacites run` on a free port of 127.0.0.1 until the test ends."""
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "datacites"),
        "run",
        str(project),
        "--port",
        str(port),
        "--no-browser",
    ]
    process = subprocess.Popen(
        command,
        cwd=project.parent,
        env={**os.environ, "DATACITES_BASEMAP": "none", **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        yield Server(url, project)
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The Cœur de ville example, copied and served."""
    folder = tmp_path_factory.mktemp("e2e") / "coeur_de_ville"
    shutil.copytree(
        REPO / "examples" / "coeur_de_ville", folder, ignore=shutil.ignore_patterns(".datacites")
    )
    yield from serve(folder)


def wait_for_app(tab: object, timeout: float = 60_000) -> None:
    """Wait until the app is connected and its script has finished running."""
    tab.wait_for_timeout(250)  # type: ignore[attr-defined]  # pydeck and widgets debounce ~200 ms
    tab.wait_for_selector(  # type: ignore[attr-defined]
        "[data-testid='stApp'][data-test-connection-state='CONNECTED'][data-test-script-state='notRunning']",
        timeout=timeout,
    )
    # Charts, tables and maps are drawn by code Streamlit loads on first use: until it has
    # arrived, a skeleton stands in their place (a chart counted then is not there yet).
    tab.wait_for_function(  # type: ignore[attr-defined]
        "() => !document.querySelector(\"[data-testid='stSkeleton']\")", timeout=timeout
    )
