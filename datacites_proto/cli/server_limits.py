"""The size limits of a served service: the same under `datacites run` and in a built folder.

Streamlit's defaults (200 MB WebSocket messages, 200 MB uploads) let three visitors'
frames of 180 MB each add 400 MB to the server's memory before anything reads them
(issue 11). The WebSocket server (uvicorn) refuses a frame above `server.maxMessageSize`
from its header, before reading it, and Streamlit refuses a page message above it on the
way out: the bound must hold our largest outgoing message and nothing more.
"""

from __future__ import annotations

# MB (Streamlit's unit, 10^6 bytes). The largest message a page sends is a `table` view's
# rows: at most 100,000 (the view's `limit` bound), sent whole (Streamlit sends tables up
# to 150,000 rows at once). Measured: 100,000 rows of 13 columns (four address-length
# texts, eight numbers, a date) are 28.4 MB of Arrow. A map sends at most 50,000 features
# (engine.geo.MAX_FEATURES), about 6 MB of points; charts send aggregates; CSV downloads
# go through HTTP (/media), not the WebSocket. What visitors send back is widget state (a
# few KB), which Streamlit caps lower still (server.maxWidgetStateSize, 25 MB). A wider
# table than the measured one at 100,000 rows is refused with a message in its place
# (lower its `limit` or its `columns`), never a crash.
MAX_MESSAGE_MB = 32

# MB. No view of ours takes a file (feedback is text); 1 MB keeps a plugin's small upload
# possible while an upload cannot fill the server's memory.
MAX_UPLOAD_MB = 1


def command_options() -> list[str]:
    """The limits as `streamlit run` options (`datacites run`)."""
    return [
        f"--server.maxMessageSize={MAX_MESSAGE_MB}",
        f"--server.maxUploadSize={MAX_UPLOAD_MB}",
    ]
