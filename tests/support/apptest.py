"""Drive the real app script with Streamlit's AppTest (no browser)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

import datacites_proto
from datacites_proto.cli import apptest_runner as runner

SCRIPT = Path(datacites_proto.__file__).parent / "app" / "script.py"


def app_for(
    blueprint: Path, query_params: dict[str, Any] | None = None, timeout: float = 60
) -> AppTest:
    """An AppTest of the app serving `blueprint`, with the URL's query parameters set."""
    os.environ["DATACITES_BLUEPRINT"] = str(blueprint)
    at = AppTest.from_file(str(SCRIPT), default_timeout=timeout)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    return at


def open_page(at: AppTest, slug: str) -> AppTest:
    """Switch to the page whose URL path is `slug` (then call `run()`).

    AppTest switches only to file pages; st.navigation identifies a callable page by the
    hash of its url_path, which is what a real session does when the URL changes.
    """
    at._page_hash = calc_hash(slug)
    return at


see_data_expanders = runner.see_data_expanders


def open_see_data(at: AppTest) -> AppTest:
    """Open every « Voir les données » expander (the app fills them only then) and rerun."""
    assert see_data_expanders(at), "no « Voir les données » expander on the page"
    runner.open_see_data(at)
    assert not at.exception, [e.value for e in at.exception]
    return at


def deck_specs(at: AppTest) -> list[dict[str, Any]]:
    """The pydeck specs (layers, view state, map style) of the maps on the page."""
    return [json.loads(el.proto.json) for el in at.get("deck_gl_json_chart")]


def vega_specs(at: AppTest) -> list[dict[str, Any]]:
    """The Vega-Lite specs of the Altair charts on the page."""
    return [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]


def texts(at: AppTest) -> str:
    """Every text the page shows (markdown, captions, metrics), to search in."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [f"{m.label} {m.value} {m.delta}" for m in at.metric]
    parts += [t.value for t in at.title] + [h.value for h in at.header]
    parts += [s.value for s in at.subheader]
    parts += (
        [w.value for w in at.warning] + [e.value for e in at.error] + [i.value for i in at.info]
    )
    return "\n".join(str(p) for p in parts)
