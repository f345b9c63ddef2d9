"""Start Streamlit for `datacites run`, with the app's slow first steps done meanwhile.

The first visitor after the server starts would otherwise pay for importing pydeck
and the views, for their first use (Babel's locale data) and for opening the service and checking its data: about two seconds. A thread
does all this while the server starts; a visitor who comes first simply waits for the
same cached values (Streamlit computes a `cache_resource` value once).

    python -m datacites_proto.app.launch run SCRIPT [streamlit options]
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from pathlib import Path

BLUEPRINT_ENV = "DATACITES_BLUEPRINT"  # as cli/run.py sets it
WARM_UP_THREAD = "datacites-warm-up"


def _warm_libraries() -> None:
    import pandas as pd
    import pydeck
    from babel import Locale

    import datacites_proto.app.main
    import datacites_proto.views.charts
    import datacites_proto.views.map  # noqa: F401

    frame = pd.DataFrame({"x": [1, 2], "y": [3, 4]})
    layer = pydeck.Layer("ScatterplotLayer", data=frame, get_position=["x", "y"])
    pydeck.Deck(layers=[layer], map_provider=None).to_json()
    for name in ("fr_FR", "en_GB"):
        Locale.parse(name).decimal_formats  # noqa: B018  (loads the locale's data)


def _warm_service(path: Path) -> None:
    """The blueprint, its service and its data check, as the app's first run asks them."""
    from datacites_proto.app import caching, stamps

    stamp = stamps.blueprint_stamp(path)
    loaded = caching.load(str(path), stamp)
    if loaded.ok and loaded.blueprint is not None:
        caching.data_problems(str(path), stamp, stamps.data_stamp(loaded.blueprint))


def warm_up(blueprint: str | None) -> None:
    """Best effort: whatever fails here, the first visitor's run does (and reports)."""
    try:
        _warm_libraries()
        if blueprint:
            _warm_service(Path(blueprint).resolve())
    except Exception:
        logging.getLogger(__name__).debug("warm-up stopped", exc_info=True)


class _NotFromWarmUp(logging.Filter):
    """Streamlit warns about cached functions called outside a script run: not ours."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != WARM_UP_THREAD


def main() -> None:
    # Streamlit's loggers are made on first use and do not propagate: filter the one
    # that warns, once it exists (importing the module makes it).
    import streamlit.runtime.scriptrunner_utils.script_run_context as context
    from streamlit.web import cli

    context._LOGGER.addFilter(_NotFromWarmUp())
    thread = threading.Thread(
        target=warm_up, args=(os.environ.get(BLUEPRINT_ENV),), name=WARM_UP_THREAD
    )
    thread.daemon = True
    thread.start()
    sys.argv = ["streamlit", *sys.argv[1:]]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
