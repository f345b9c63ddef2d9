"""A GeoJSON FeatureCollection parsed within limits, every problem a located `SniffError`.

Shared by the column sniffer, the data source reader and the map layers' reader, so that a
hostile file (deep nesting, numbers too long for Python, wrong JSON types, millions of
features or properties) gets the same located message wherever it is read.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from datacites_proto.sources.sniff import GEOJSON_LIMIT_MB, PathLike, SniffError

MAX_FEATURES = 2_000_000  # features in one file
MAX_PROPERTIES = 1_000  # properties of one feature, and distinct names over the file
MAX_POSITIONS = 1_000_000  # positions in one geometry
# Python's JSON parser stops at about 1,000 levels (RecursionError); the line shown is where
# nesting first goes past this depth (GeoJSON needs a handful of levels).
MAX_DEPTH = 100
_LONG_NUMBER = re.compile(r"\d{4300}")  # Python refuses to read longer integers
_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|\n')


def _constant(name: str) -> None:
    """NaN, Infinity, -Infinity (not JSON, written by some tools): a missing value."""
    return None


def _deep_line(text: str, limit: int) -> int | None:
    """The line where nesting first goes deeper than `limit` (only run after a failure)."""
    depth, line = 0, 1
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token == "\n":
            line += 1
        elif token in "[{":
            depth += 1
            if depth > limit:
                return line
        elif token in "]}":
            depth -= 1
        else:
            line += token.count("\n")
    return None


def load_document(path: PathLike) -> Any:
    """The parsed JSON of a GeoJSON file, refused when too big, too deep or invalid."""
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise SniffError("geojson_unreadable", {"detail": str(exc)}, path=path) from exc
    if size > GEOJSON_LIMIT_MB * 1024 * 1024:
        params = {"size_mb": round(size / 1024 / 1024, 1), "limit_mb": GEOJSON_LIMIT_MB}
        raise SniffError("geojson_too_big", params, path=path)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise SniffError("geojson_unreadable", {"detail": str(exc)}, path=path) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        params = {"detail": f"not UTF-8 text: {exc.reason}"}
        raise SniffError("geojson_unreadable", params, line, path) from None
    del data
    try:
        return json.loads(text, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise SniffError("geojson_invalid_json", {"detail": exc.msg}, exc.lineno, path) from None
    except RecursionError:
        line = _deep_line(text, MAX_DEPTH)
        raise SniffError("geojson_too_deep", {"limit": MAX_DEPTH}, line, path) from None
    except ValueError as exc:  # an integer longer than Python reads (sys.int_max_str_digits)
        match = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, match.start()) + 1 if match else None
        params = {"limit": 4300, "detail": str(exc).split(":")[0]}
        raise SniffError("geojson_number_too_long", params, line, path) from None


def load_features(path: PathLike) -> list[Any]:
    """The `features` of a FeatureCollection file, within the size and count limits."""
    document = load_document(path)
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        is_object = isinstance(document, dict)
        found = str(document.get("type", "object")) if is_object else type(document).__name__
        raise SniffError("geojson_not_feature_collection", {"found": found[:80]}, path=path)
    features = document.get("features")
    if not isinstance(features, list):
        raise SniffError("geojson_missing_features", path=path)
    if len(features) > MAX_FEATURES:
        params = {"count": len(features), "limit": MAX_FEATURES}
        raise SniffError("geojson_too_many_features", params, path=path)
    return features


def properties_of(feature: dict[str, Any], number: int, path: PathLike) -> dict[str, Any]:
    """A feature's properties (a missing or non-object member counts as none), within limits."""
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        return {}
    if len(properties) > MAX_PROPERTIES:
        params = {"feature": number, "count": len(properties), "limit": MAX_PROPERTIES}
        raise SniffError("geojson_too_many_properties", params, path=path)
    return properties


class PropertyNames:
    """Property names in order of appearance, refused past `MAX_PROPERTIES` over the file."""

    def __init__(self, path: PathLike) -> None:
        self.path = path
        self.index: dict[str, int] = {}

    def add(self, name: str, number: int) -> int:
        """The position of a name first seen in feature `number`."""
        if len(self.index) >= MAX_PROPERTIES:
            params = {"feature": number, "count": len(self.index) + 1, "limit": MAX_PROPERTIES}
            raise SniffError("geojson_too_many_properties", params, path=self.path)
        return self.index.setdefault(name, len(self.index))


def geometry_problem(geometry: Any, text: str | None, number: int) -> tuple[str, dict] | None:
    """Why a feature's geometry (and its JSON text) cannot be kept: wrong type or too big."""
    if geometry is not None and not isinstance(geometry, dict):
        return "geojson_bad_geometry", {"feature": number, "found": type(geometry).__name__}
    # every position is a `[`: counting them in the text is linear and runs at C speed
    if text is not None and (count := text.count("[")) > MAX_POSITIONS:
        return "geojson_geometry_too_big", {
            "feature": number,
            "count": count,
            "limit": MAX_POSITIONS,
        }
    return None
