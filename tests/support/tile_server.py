"""A tile server on 127.0.0.1 for map tests: one red PNG for every tile, or an error status.

`tile_server()` runs it in a thread of the test; `python -m tests.support.tile_server PORT`
runs it as its own process (for a browser, which the test's own thread may not serve in time).
"""

from __future__ import annotations

import http.server
import io
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (256, 256), (220, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def make_server(port: int = 0, status: int = 200) -> http.server.ThreadingHTTPServer:
    """A server on 127.0.0.1:`port` answering every GET with `status` and a red tile."""
    body = _png()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)


def template_of(port: int) -> str:
    return f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png"


@contextmanager
def tile_server(status: int = 200) -> Iterator[str]:
    """Serve tiles answering `status`; yields the `{z}/{x}/{y}` address template."""
    server = make_server(0, status)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield template_of(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    make_server(int(sys.argv[1])).serve_forever()
