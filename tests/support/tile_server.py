"""A tile server on 127.0.0.1 for map tests: one PNG for every tile, or an error status."""

from __future__ import annotations

import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (256, 256), (220, 30, 30)).save(out, format="PNG")
    return out.getvalue()


@contextmanager
def tile_server(status: int = 200) -> Iterator[str]:
    """Serve tiles answering `status`; yields the `{z}/{x}/{y}` address template."""
    body = _png()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
    finally:
        server.shutdown()
        server.server_close()
