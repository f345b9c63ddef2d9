"""A light outline of the territory under a map that has no basemap (offline, or `none`).

Without tiles, dots float on white with nothing to say where they are. When the map draws
no areas of its own, the coarsest GeoJSON file the blueprint's maps already read (its
communes rather than its IRIS, say) is drawn first, in light grey, unpickable.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from datacites_proto.blueprint.project_paths import PathRefused, project_file
from datacites_proto.engine import geo
from datacites_proto.views.maps import drawing as dr

if TYPE_CHECKING:
    from datacites_proto.blueprint.model import Blueprint
    from datacites_proto.views.context import RenderContext

OUTLINE_ID = "territory-outline"
FILL_RGB = [242, 242, 242]
LINE_RGB = [170, 170, 170]


def blueprint_geojson_files(blueprint: Blueprint) -> list[str]:
    """The GeoJSON files the layers of the blueprint's maps read, in page order, once each."""
    found: list[str] = []
    for page in blueprint.pages:
        for placed in page.all_views():
            for _, part in placed.view.parts():
                files = getattr(part, "files", None)
                for _, path in files() if callable(files) else []:
                    if path.lower().endswith((".geojson", ".json")) and path not in found:
                        found.append(path)
    return found


def _areas(blueprint: Blueprint, path: str) -> dict[str, Any] | None:
    try:
        full = project_file(path, Path(blueprint.base_dir), Path(blueprint.project_dir))
        return geo.read_geojson(full)
    except (PathRefused, geo.GeoJsonFileError, OSError):
        return None  # a fallback: a file that cannot be read is simply not drawn


def outline_spec(ctx: RenderContext, layers: list[Any]) -> dict[str, Any] | None:
    """The outline's deck layer, or None when the map draws areas or none are known."""
    if any(layer.files() for layer in layers):
        return None  # the map's own areas already show where things are
    candidates = []
    for path in blueprint_geojson_files(ctx.blueprint):
        areas = _areas(ctx.blueprint, path)
        if areas is not None and areas["features"]:
            candidates.append(areas)
    if not candidates:
        return None
    coarsest = min(candidates, key=lambda a: len(a["features"]))
    features = [
        {"type": "Feature", "geometry": f["geometry"], "properties": {}}
        for f in coarsest["features"]
    ]
    return dr.deck_spec(
        "GeoJsonLayer",
        OUTLINE_ID,
        {"type": "FeatureCollection", "features": features},
        stroked=True,
        filled=True,
        get_fill_color=FILL_RGB,
        get_line_color=LINE_RGB,
        line_width_min_pixels=1,
        pickable=False,
    )
