"""A GeoJSON FeatureCollection as a raw relation: one row per feature, built in one pass.

Each property keeps the rows it appears in and their cells; columns are filled once at
the end, so time and memory grow with the file (not with features × properties). Kinds
stop being guessed once a column has turned out to be text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from datacites_proto.errors import Problem
from datacites_proto.i18n import Msg
from datacites_proto.sources import geojson_document as doc
from datacites_proto.sources import sniff
from datacites_proto.sources.base import LoadContext
from datacites_proto.sources.reading.conversion import cell_text
from datacites_proto.sources.reading.readers import (
    Place,
    RawTable,
    _arrow_raw,
    _duplicate_names,
    fail,
    sniff_problem,
)

_MAX_SHOWN = 20  # located problems listed for one file (the first ones)
# cell_text's JSON, without building an encoder for each of a million geometries
_geometry_text = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class _Column:
    """One property: the rows it appears in, its cells there, and the kinds seen."""

    __slots__ = ("cells", "kinds", "rows", "text")

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.cells: list[str | None] = []
        self.kinds: set[sniff.ColumnType] = set()
        self.text = False  # kinds already say "string": no need to look further

    def add(self, row: int, value: Any) -> None:
        self.rows.append(row)
        # the common JSON types first: the same text and kind as cell_text and _json_kind
        kind: sniff.ColumnType | None
        if type(value) is str:
            self.cells.append(value)
            kind = None if self.text else sniff._json_kind(value)
        elif type(value) is int:
            self.cells.append(str(value))
            kind = "integer"
        else:
            self.cells.append(_geometry_text(value) if type(value) is dict else cell_text(value))
            kind = None if self.text else sniff._json_kind(value)
        if kind is not None and kind not in self.kinds:
            self.kinds.add(kind)
            self.text = sniff._combine(self.kinds) == "string"

    def dense(self, count: int) -> list[str | None]:
        """Cells for every row, None where the feature lacks the property."""
        if len(self.rows) == count:
            return self.cells
        column: list[str | None] = [None] * count
        for row, cell in zip(self.rows, self.cells, strict=True):
            column[row] = cell
        return column


def read_geojson(ctx: LoadContext, path: Path) -> RawTable:
    """A FeatureCollection: one row per feature, its properties, then `geometry` as GeoJSON."""
    shown = ctx.display(path)
    if not path.is_file():
        raise fail([Problem("file_missing", {"path": shown}, file=shown)], ctx)
    try:
        features = doc.load_features(path)
        names = doc.PropertyNames(path)
        columns: list[_Column] = []
        geometries: list[str | None] = []
        bad: list[Problem] = []
        for number, feature in enumerate(features, 1):
            if not isinstance(feature, dict) or feature.get("type") != "Feature":
                if len(bad) < _MAX_SHOWN:
                    params = {"path": shown, "feature": number}
                    bad.append(Problem("geojson_not_a_feature", params, file=shown))
                continue
            row = len(geometries)
            for key, value in doc.properties_of(feature, number, path).items():
                index = names.index.get(key)
                if index is None:
                    index = names.add(key, number)
                    columns.append(_Column())
                columns[index].add(row, value)
            geometry = feature.get("geometry")
            text = None if geometry is None else _geometry_text(geometry)
            found = doc.geometry_problem(geometry, text, number)
            if found is not None and len(bad) < _MAX_SHOWN:
                code, params = found
                bad.append(Problem(code, {"path": shown, **params}, file=shown))
            geometries.append(text)
            features[number - 1] = None  # its cells are kept: free the parsed objects now
    except sniff.SniffError as exc:
        raise fail([sniff_problem(exc, shown)], ctx) from None
    except RecursionError:  # nesting the parser accepted, too deep to write back as text
        params = {"path": shown, "limit": doc.MAX_DEPTH}
        raise fail([Problem("geojson_too_deep", params, file=shown)], ctx) from None
    del features
    if bad:
        raise fail(bad, ctx)
    header = [*names.index, "geometry"]
    if duplicates := _duplicate_names(header, shown, None):
        raise fail(duplicates, ctx)
    count = len(geometries)
    cells = [column.dense(count) for column in columns] + [geometries]
    guesses = [sniff._combine(column.kinds) for column in columns] + ["string"]

    def locate(found: set[int]) -> dict[int, Place]:
        return {
            loc: Place(shown, None, Msg("data_where_feature", {"feature": loc})) for loc in found
        }

    return _arrow_raw(
        ctx,
        header,
        cells,
        list(range(1, count + 1)),  # every item is a feature (checked above)
        guesses,
        file=shown,
        decimal=".",
        unit="features",
        locate=locate,
        missing_code="geojson_property_missing",
    )
