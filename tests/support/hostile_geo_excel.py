"""Hostile GeoJSON and Excel files for the reader tests: written in a folder, loaded for real."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path
from typing import Any

from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.engine.duckdb_cache import DuckDbCache
from datacites_proto.engine.loading import load_dataset


def point(i: int, properties: dict[str, Any] | None = None) -> dict[str, Any]:
    """A Feature at a position in Brittany, with its properties."""
    return {
        "type": "Feature",
        "properties": {"nom": f"site {i}"} if properties is None else properties,
        "geometry": {"type": "Point", "coordinates": [-3.5 + i % 100 / 1000, 47.8]},
    }


def write_collection(path: Path, features: list[Any]) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    return path


def write_points(path: Path, count: int, properties: int = 2) -> Path:
    """A FeatureCollection of `count` points with `properties` properties each, streamed."""
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","features":[')
        for i in range(count):
            props = {f"p{j}": (i * 7 + j) % 101 for j in range(properties - 1)}
            props["nom"] = f"site {i}"
            f.write(("," if i else "") + json.dumps(point(i, props)))
        f.write("]}")
    return path


def write_workbook(path: Path, rows: list[list[Any]], title: str = "Feuil1") -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def zip_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def declare_size(path: Path, member: str, size: int) -> None:
    """Rewrite the uncompressed size the central directory declares for `member` (a zip bomb's
    signature), without writing the bytes."""
    data = bytearray(path.read_bytes())
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) >= 0:
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        name = bytes(data[start + 46 : start + 46 + name_length]).decode()
        if name == member:
            struct.pack_into("<I", data, start + 24, size)
        start += 4
    path.write_bytes(bytes(data))


def load(
    folder: Path, source: dict[str, Any], columns: dict[str, Any] | None = None
) -> list[tuple]:
    """Load a file source through the real loader; its rows."""
    dataset = Dataset.model_validate({"source": source, "columns": columns or {}})
    with DuckDbCache(None) as store:
        loaded = load_dataset(store, "d", dataset, base_dir=folder, cache_dir=folder / ".cache")
        return store.con.execute(f'SELECT * FROM "{loaded.table}"').fetchall()


SST = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{}</sst>'


def with_shared_strings(parts: dict[str, bytes], sst: bytes) -> dict[str, bytes]:
    """The workbook's header cells as shared strings (as Excel writes them), with `sst` as
    the shared strings part (openpyxl itself writes inline strings)."""
    parts = dict(parts)
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for index, name in enumerate("ab"):
        cell = f'<c r="{name.upper()}1" t="inlineStr"><is><t>{name}</t></is></c>'
        sheet = sheet.replace(cell, f'<c r="{name.upper()}1" t="s"><v>{index}</v></c>')
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    relation = (
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml" Id="rId9" /></Relationships>'
    )
    rels = parts["xl/_rels/workbook.xml.rels"].decode().replace("</Relationships>", relation)
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    override = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" /></Types>'
    )
    parts["[Content_Types].xml"] = (
        parts["[Content_Types].xml"].decode().replace("</Types>", override).encode()
    )
    parts["xl/sharedStrings.xml"] = sst
    return parts


def write_big_workbook(path: Path, rows: int, columns: int = 5) -> Path:
    """A sheet of `rows` rows × `columns` columns, written in openpyxl's streaming mode."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Comptages")
    sheet.append([f"col{j}" for j in range(columns)])
    for i in range(rows):
        sheet.append([f"s{i}"] + [i * j % 997 for j in range(1, columns)])
    workbook.save(path)
    return path


def write_polygons(path: Path, count: int) -> Path:
    """`count` small squares with a code and a name: a map layer's areas."""
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","features":[')
        for i in range(count):
            x, y = -5 + i % 300 * 0.01, 43 + i // 300 * 0.01
            ring = [[x, y], [x + 0.009, y], [x + 0.009, y + 0.009], [x, y + 0.009], [x, y]]
            feature = {
                "type": "Feature",
                "properties": {"code": f"{i:05d}", "nom": f"zone {i}"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
            f.write(("," if i else "") + json.dumps(feature))
        f.write("]}")
    return path
