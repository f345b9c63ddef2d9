"""The `basemap` a map view or a service may set: a French public plan, OSM, none, or tiles.

`ign` is IGN's « Plan IGN v2 » from the Géoplateforme (public, no key), `osm` the
OpenStreetMap standard tiles, `none` no basemap (offline use); any other value is the
address of raster tiles in Web Mercator, with `{z}`, `{x}` and `{y}` in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

IGN_PLAN_URL = (
    "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM"
    "&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}"
)
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_BASEMAP = "ign"
NO_BASEMAP = "none"


@dataclass(frozen=True)
class TileSource:
    """Raster tiles and what must be credited with them."""

    url: str
    attribution: dict[str, str]  # per language
    name_code: str  # catalogue code of its name
    max_zoom: int = 19


PRESETS: dict[str, TileSource] = {
    "ign": TileSource(IGN_PLAN_URL, {"fr": "© IGN", "en": "© IGN"}, "app_map_basemap_ign"),
    "osm": TileSource(
        OSM_URL,
        {"fr": "© les contributeurs d'OpenStreetMap", "en": "© OpenStreetMap contributors"},
        "app_map_basemap_osm",
    ),
}

_URL_RE = re.compile(r"^https?://[^\s/]+\S*$")


def is_tile_url(text: str) -> bool:
    """An http(s) address with the three tile placeholders."""
    return bool(_URL_RE.match(text)) and all(p in text for p in ("{z}", "{x}", "{y}"))


def normalise(value: str) -> str | None:
    """`ign`, `osm`, `none` or a tile address; None when the text is none of them."""
    text = value.strip()
    if text.lower() in (*PRESETS, NO_BASEMAP):
        return text.lower()
    return text if is_tile_url(text) else None


def _basemap(value: str) -> str:
    choice = normalise(value)
    if choice is None:
        raise PydanticCustomError("basemap_bad", "unknown basemap", {"value": value})
    return choice


Basemap = Annotated[str, AfterValidator(_basemap)]
