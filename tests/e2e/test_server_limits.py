"""A real `datacites run` server refuses oversized WebSocket frames before reading them (issue 11).

Streamlit's default accepts 200 MB frames: it reads a frame whole, and only then closes
the connection when the frame is larger than its widget-state limit (25 MB), logging
« exceeds the limit ». Three 180 MB frames added 400 MB to the server. With
`cli/server_limits.py` (32 MB), uvicorn refuses a larger frame from its header, unread.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from datacites_proto.cli.server_limits import MAX_MESSAGE_MB
from tests.conftest import REPO
from tests.e2e.conftest import free_port, wait_healthy

READ_THEN_REFUSED = "exceeds the limit"  # Streamlit's log line for a frame it has read


def _send(url: str, size: int) -> str:
    """Send one binary frame of `size` bytes on Streamlit's stream; how the connection ended."""
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    with connect(ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=30) as ws:
        try:
            ws.send(b"\0" * size)
            ws.recv(timeout=60)  # a busy machine reads a large frame slowly
            return "answered"
        except ConnectionClosed as exc:
            return f"closed {exc.rcvd.code}" if exc.rcvd else "dropped"
        except TimeoutError:
            return "open"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The footfall example under `datacites run`, its output going to a log file."""
    folder = tmp_path_factory.mktemp("limits") / "coeur_de_ville"
    shutil.copytree(
        REPO / "examples" / "coeur_de_ville", folder, ignore=shutil.ignore_patterns(".datacites")
    )
    log = folder.parent / "server.log"
    port = free_port()
    datacites = str(Path(sys.executable).parent / "datacites")
    with log.open("w") as out:
        process = subprocess.Popen(
            [datacites, "run", str(folder), "--port", str(port), "--no-browser"],
            env={**os.environ, "DATACITES_BASEMAP": "none"},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        yield url, log
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _logged_after(log: Path, start: int, text: str, wait: float = 5) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if text in log.read_text(errors="replace")[start:]:
            return True
        time.sleep(0.2)
    return False


def test_a_frame_over_the_limit_is_refused_unread(served: tuple[str, Path]) -> None:
    url, log = served
    # Within the limit but over Streamlit's widget-state bound: read whole, then refused,
    # and Streamlit says so. This proves the log shows a frame that was read.
    start = len(log.read_text(errors="replace"))
    assert _send(url, (MAX_MESSAGE_MB - 4) * 1_000_000) == "closed 1009"
    assert _logged_after(log, start, READ_THEN_REFUSED)
    # Over the limit: refused from its header, never read (with Streamlit's 200 MB default
    # it was read, then refused with the log line).
    start = len(log.read_text(errors="replace"))
    assert _send(url, (MAX_MESSAGE_MB + 8) * 1_000_000) in ("dropped", "closed 1009")
    assert not _logged_after(log, start, READ_THEN_REFUSED)
    # The server keeps serving: a small frame on a new connection is read (no valid message).
    assert _send(url, 1_000_000) == "closed 1002"
