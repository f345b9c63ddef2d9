"""Measure what a large inbound WebSocket frame costs a `datacites run` server (issue 11).

Starts `datacites run` on the footfall example, sends one frame of 1, 20 and 40 MB (never
more on a shared machine) and prints how each connection ended and the server's memory
(RSS of the launcher and the Streamlit process) before and after. With the limit of
cli/server_limits.py (32 MB), the 40 MB frame is dropped from its header, unread: the
server's memory does not move; with Streamlit's 200 MB default it is read whole first.

    .venv/bin/python benchmarks/websocket_frame_limit.py [PORT]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

REPO = Path(__file__).resolve().parents[1]
SIZES_MB = (1, 20, 40)


def rss_mb(pid: int) -> int:
    """Resident memory of `pid` and its children, in MB (Linux /proc)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    total = 0
    for process in [pid, *map(int, children)]:
        for line in Path(f"/proc/{process}/status").read_text().splitlines():
            if line.startswith("VmRSS"):
                total += int(line.split()[1])
    return total // 1024


def wait_healthy(port: int) -> None:
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("the server did not start")


def send(port: int, size_mb: int) -> str:
    """Send one binary frame of `size_mb` MB; how the connection ended."""
    with connect(
        f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None
    ) as ws:
        try:
            ws.send(b"\0" * (size_mb * 1_000_000))
            ws.recv(timeout=5)
            return "answered"
        except ConnectionClosed as exc:
            return f"closed ({exc.rcvd.code if exc.rcvd else 'dropped, unread'})"
        except TimeoutError:
            return "open, no answer"


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8765
    folder = Path(tempfile.mkdtemp()) / "coeur_de_ville"
    shutil.copytree(
        REPO / "examples" / "coeur_de_ville", folder, ignore=shutil.ignore_patterns(".datacites")
    )
    datacites = Path(sys.executable).parent / "datacites"
    command = [str(datacites), "run", str(folder), "--port", str(port), "--no-browser"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(port)
        time.sleep(1)
        for size in SIZES_MB:
            before = rss_mb(server.pid)
            ended = send(port, size)
            time.sleep(1)
            print(f"{size:>3} MB frame: {ended}; server RSS {before} -> {rss_mb(server.pid)} MB")
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
