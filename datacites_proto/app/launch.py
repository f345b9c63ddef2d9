"""Ready the app for its first visitor before its server listens.

Without it, the first visitor after the server starts would pay for importing pydeck and
the views, for their first use (Babel's locale data), for opening the service and
checking its data, and for the first page's queries: one to two seconds more than
anyone after. `datacites run` serves app/served.py, an `st.App` whose lifespan does all
this once Streamlit's runtime has started and before the server accepts connections (a
folder made by `datacites build` does the same from its app.py): it
renders the first public page with its filters at their defaults, outside any session,
which fills the same caches the visitor's run reads (`cache_resource`, `cache_data`). A
warm-up that takes longer than WARM_UP_WAIT goes on in the background while the server
starts listening.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

BLUEPRINT_ENV = "DATACITES_BLUEPRINT"  # the blueprint app/script.py serves
WARM_UP_THREAD = "datacites-warm-up"
WARM_UP_WAIT = 30.0  # seconds: a slow source (a remote database) must not hold the server


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


def _warm_first_page(path: Path) -> None:
    """Open the service as the app's run does, then render its first public page.

    Outside a session Streamlit's calls draw nothing, but the queries, their cached
    results and the views' own work (formats, specs, map layers) are done and kept.
    """
    from datacites_proto.app.context import CURRENT
    from datacites_proto.app.main import open_service, page_context, visible_pages
    from datacites_proto.app.rendering import render_page

    opened = open_service(path)
    blueprint = opened.loaded.blueprint
    if opened.service is None or blueprint is None:
        return  # the first visitor's run shows the problems
    pages = visible_pages(blueprint, "public")
    if not pages:
        return
    ctx = page_context(opened, pages[0][0], "public")
    token = CURRENT.set(ctx)
    try:
        render_page(ctx)
    finally:
        CURRENT.reset(token)


def warm_up(blueprint: str | None) -> None:
    """Best effort: whatever fails here, the first visitor's run does (and reports)."""
    try:
        _warm_libraries()
        if blueprint:
            _warm_first_page(Path(blueprint).resolve())
    except Exception:
        logging.getLogger(__name__).debug("warm-up stopped", exc_info=True)


class _NotFromWarmUp(logging.Filter):
    """Streamlit warns that calls outside a session (a "bare" run) draw nothing: not news."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != WARM_UP_THREAD


_QUIET = _NotFromWarmUp()


def quiet_streamlit_during_warm_up() -> None:
    """Filter the warm-up's records out of Streamlit's loggers (made when their modules are
    imported, each with its own handler and propagation off)."""
    import streamlit  # noqa: F401  (makes the loggers)

    loggers = [logging.getLogger("streamlit")]  # Streamlit's "root" logger
    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if name.startswith("streamlit.") and isinstance(logger, logging.Logger):
            loggers.append(logger)
    for logger in loggers:
        logger.addFilter(_QUIET)  # once: the same filter object is not added twice


def start_warm_up(blueprint: str | None) -> threading.Thread:
    quiet_streamlit_during_warm_up()
    thread = threading.Thread(target=warm_up, args=(blueprint,), name=WARM_UP_THREAD)
    thread.daemon = True
    thread.start()
    return thread


def lifespan_for(
    blueprint: str | Path | None = None,
) -> Callable[[Any], AbstractAsyncContextManager[None]]:
    """The st.App lifespan that warms the app up: Streamlit's runtime is up, the server
    does not listen yet. `blueprint`: a built service's (next to its app.py); None, the one
    named by DATACITES_BLUEPRINT (`datacites run`)."""

    @asynccontextmanager
    async def warm_lifespan(app: Any) -> AsyncIterator[None]:
        named = os.environ.get(BLUEPRINT_ENV) if blueprint is None else str(blueprint)
        thread = start_warm_up(named)
        await asyncio.to_thread(thread.join, WARM_UP_WAIT)
        yield

    return warm_lifespan


def main() -> None:
    """`streamlit run …` without click's « Aborted! » when Ctrl-C stops the server."""
    from click.exceptions import Abort
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    # Abort: the server has stopped; `datacites run` says so in the team's language.
    with contextlib.suppress(Abort):
        cli.main(prog_name="streamlit", standalone_mode=False)


if __name__ == "__main__":
    main()
