"""The basemap under a map: raster tiles drawn by the map library, credited, and checked.

deck.gl's TileLayer needs a JavaScript callback to draw images, which pydeck cannot send;
the basemap is instead a MapLibre style holding one raster source (passed inline as a
`data:` URL), which Streamlit's map draws under the deck layers with the source's
attribution in its corner. The browser gives Python no word when tiles fail, so the
server asks for one tile itself (`tiles_reachable`, at most every ten minutes per
address): when it gets none, the page says so; the layers draw either way.
"""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.parse
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import httpx

from datacites_proto.blueprint.basemaps import (
    DEFAULT_BASEMAP,
    NO_BASEMAP,
    PRESETS,
    normalise,
)
from datacites_proto.i18n import translate

BASEMAP_ENV = "DATACITES_BASEMAP"  # the operator's choice, above the blueprint's
_OFF = ("none", "off", "no", "0", "false")
PROBE_TIMEOUT = 2.0  # seconds: a page waits at most this long, once per PROBE_TTL
PROBE_TTL = 600  # seconds
USER_AGENT = "datacites-proto (tile check)"


@dataclass(frozen=True)
class Tiles:
    """The tiles a map draws under its layers."""

    url: str
    name: str
    attribution: str
    max_zoom: int = 19


def choice(view_value: str | None, service_value: str | None) -> str:
    """`DATACITES_BASEMAP` when set (and valid), else the view's, the service's, `ign`."""
    env = os.environ.get(BASEMAP_ENV, "").strip()
    if env.lower() in _OFF:
        return NO_BASEMAP
    if env and normalise(env) is not None:
        return str(normalise(env))
    return view_value or service_value or DEFAULT_BASEMAP


def tiles_for(chosen: str, lang: str) -> Tiles | None:
    """The tiles of a basemap choice in `lang`; None for `none`."""
    if chosen == NO_BASEMAP:
        return None
    preset = PRESETS.get(chosen)
    if preset is not None:
        return Tiles(
            preset.url,
            translate(preset.name_code, lang),
            preset.attribution.get(lang, preset.attribution["fr"]),
            preset.max_zoom,
        )
    host = urllib.parse.urlsplit(chosen).hostname or chosen
    return Tiles(chosen, translate("app_map_basemap_custom", lang, host=host), "")


def credit(tiles: Tiles, lang: str) -> str:
    """« Fond de carte : Plan IGN (© IGN). » under the map."""
    if not tiles.attribution:
        return translate("app_map_basemap_credit_plain", lang, name=tiles.name)
    return translate("app_map_basemap_credit", lang, name=tiles.name, attribution=tiles.attribution)


def map_style(tiles: Tiles) -> str:
    """A MapLibre style with one raster source, as a `data:` URL."""
    style = {
        "version": 8,
        "sources": {
            "basemap": {
                "type": "raster",
                "tiles": [tiles.url],
                "tileSize": 256,
                "maxzoom": tiles.max_zoom,
                "attribution": tiles.attribution or tiles.name,
            }
        },
        "layers": [{"id": "basemap", "type": "raster", "source": "basemap"}],
    }
    text = json.dumps(style, ensure_ascii=False, separators=(",", ":"))
    return "data:application/json;charset=utf-8," + urllib.parse.quote(text, safe="")


def deck_basemap(tiles: Tiles | None) -> dict[str, Any]:
    """pydeck's map_provider and map_style for these tiles (none: a blank background)."""
    if tiles is None:
        return {"map_provider": None, "map_style": None}
    return {"map_provider": "carto", "map_style": map_style(tiles)}


def style_tiles(style_url: str) -> dict[str, Any]:
    """The raster source of a style made by `map_style` (what tests and tools read)."""
    text = urllib.parse.unquote(style_url.split(",", 1)[1])
    return dict(json.loads(text)["sources"]["basemap"])


def probe_url(template: str) -> str:
    """The address of the tile that covers the whole world (zoom 0)."""
    return template.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0")


def tiles_reachable(template: str) -> bool:
    """Whether this server gets a tile from `template`, asked once per PROBE_TTL seconds."""
    return _reachable(template, int(time.time() // PROBE_TTL))


@lru_cache(maxsize=64)
def _reachable(template: str, period: int) -> bool:
    # `period` only makes the answer expire: a new period asks again. The request runs in
    # a thread the page stops waiting for after PROBE_TIMEOUT: httpx's timeouts do not
    # cover name resolution, which can hang for long seconds on a closed network.
    answer: list[bool] = []
    worker = threading.Thread(target=lambda: answer.append(_ask(template)), daemon=True)
    worker.start()
    worker.join(PROBE_TIMEOUT + 0.5)
    return bool(answer and answer[0])


def _ask(template: str) -> bool:
    try:
        with httpx.Client(timeout=PROBE_TIMEOUT, follow_redirects=True) as client:
            response = client.get(probe_url(template), headers={"User-Agent": USER_AGENT})
    except (httpx.HTTPError, OSError):
        return False
    return 200 <= response.status_code < 300
