"""A real `datacites run` server refuses oversized WebSocket frames before reading them (issue 11).

Streamlit's default accepts 200 MB messages: three 180 MB frames added 400 MB to the
server. `cli/server_limits.py` lowers the limit to what a service sends (32 MB).
"""

from __future__ import annotations

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from datacites_proto.cli.server_limits import MAX_MESSAGE_MB


def _send(url: str, size: int) -> str:
    """Send one binary frame of `size` bytes on Streamlit's stream; how the connection ended."""
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    with connect(ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=30) as ws:
        try:
            ws.send(b"\0" * size)
            ws.recv(timeout=60)  # a busy machine reads 1 MB slowly
            return "answered"
        except ConnectionClosed as exc:
            return f"closed {exc.rcvd.code}" if exc.rcvd else "dropped"
        except TimeoutError:
            return "open"


def test_a_frame_over_the_limit_is_dropped_unread_and_the_server_keeps_serving(example) -> None:  # type: ignore[no-untyped-def]
    # Over the limit, uvicorn drops the connection from the frame's header, unread. With
    # Streamlit's 200 MB default the frame would be read whole, then refused as a bad message.
    assert _send(example.url, (MAX_MESSAGE_MB + 8) * 1_000_000) == "dropped"
    # Within the limit, the frame is read (and refused as no valid message, code 1002), on a
    # new connection: the server kept serving.
    assert _send(example.url, 1_000_000) == "closed 1002"
