"""Map layers' GeoJSON files: read once per file version, kept in a bounded cache."""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from datacites_proto.engine.geo.bounds import Bounds
from datacites_proto.engine.geo.parsing import (
    DECIMALS,
    _walk_positions,
    parse_shape,
    round_geometry,
)
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.sources import geojson_document
from datacites_proto.sources.sniff import SniffError

# File versions kept read: a project has a few area files, but each edit of one makes a
# new version, and a long-running server must not keep them all.
FILES_CACHE_SIZE = 32


class GeoJsonFileError(QueryError):
    """A map layer's GeoJSON file that cannot be read: its located problem (the layer's
    view shows it and draws the other layers)."""


class LruCache:
    """A thread-safe mapping that keeps its `size` most recently used entries."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any | None:
        """The entry of `key` (now the most recent), or None."""
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: Any, value: Any) -> None:
        """Keep `value` under `key`, forgetting the least recently used entries beyond `size`."""
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


_FILES = LruCache(FILES_CACHE_SIZE)


def clear_geojson_cache() -> None:
    """Forget every GeoJSON file read (tests that rewrite a file within one mtime tick)."""
    _FILES.clear()


def read_geojson(path: Path, decimals: int = DECIMALS) -> dict[str, Any]:
    """A GeoJSON file's features, coordinates rounded to `decimals` (repeated vertices
    dropped): rounding to 5 decimals keeps 1 m and often halves a file from a GIS.

    Features whose geometry cannot be read are dropped; `skipped` counts them. Kept in
    memory per file version.
    """
    try:
        stat = path.stat()
    except OSError as exc:
        raise GeoJsonFileError("geojson_unreadable", path=path.name, detail=str(exc)) from None
    key = (str(path), stat.st_mtime, decimals)
    cached = _FILES.get(key)
    if cached is not None:
        return cached
    features = []
    skipped = 0
    try:
        for number, feature in enumerate(geojson_document.load_features(path), 1):
            if not isinstance(feature, dict):
                skipped += 1
                continue
            properties = geojson_document.properties_of(feature, number, path)
            geometry = parse_shape(feature.get("geometry"))
            geometry = round_geometry(geometry, decimals) if geometry else None
            if geometry is None:
                skipped += 1
                continue
            features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    except SniffError as exc:
        where = path.name if exc.line is None else f"{path.name}:{exc.line}"
        raise GeoJsonFileError(exc.code, **{**exc.params, "path": where}) from None
    bounds = Bounds.of(p for f in features for p in _walk_positions(f["geometry"]["coordinates"]))
    result = {"features": features, "skipped": skipped, "bounds": bounds}
    _FILES.put(key, result)
    return result
