"""Fuzzing the GeoJSON and Excel readers: 1,000 mutated files of each (seeded), fed to the data
source loader, the column sniffer and, for GeoJSON, the map layers' reader. Every outcome is
a load or a located problem said in French and English, never another exception."""

from __future__ import annotations

import copy
import io
import json
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest

from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.engine import geo
from datacites_proto.engine.duckdb_cache import DuckDbCache
from datacites_proto.engine.errors import DataError
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.i18n import translate
from datacites_proto.sources import sniff
from datacites_proto.sources.base import LoadContext
from datacites_proto.sources.reading.typed_table import load_file
from tests.support.hostile_geo_excel import (
    SST,
    point,
    with_shared_strings,
    write_workbook,
    zip_parts,
)

FILES = 1_000
ODD_VALUES: list[Any] = [
    None, True, 0, -1, 10**30, 1e308, "", "x", "NaN", "2026-13-45", [], {}, [1, "a"],
    [[[[[[]]]]]], {"type": "Point"}, {"type": "Point", "coordinates": "1,2"},
    {"type": "Polygon", "coordinates": [[[0, 0], [1, "1"], [0, 0]]]}, "é" * 50,
]  # fmt: skip


def base_collection() -> dict[str, Any]:
    features = [point(i, {"code": f"{i:05d}", "n": i, "x": i / 3, "ok": i % 2 == 0,
                          "jour": f"2026-01-{i + 1:02d}", "tags": ["a", i]}) for i in range(6)]  # fmt: skip
    features[1]["geometry"] = {"type": "Polygon",
                               "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}  # fmt: skip
    features[2]["geometry"] = None
    features[3]["geometry"] = {"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]]]}
    return {"type": "FeatureCollection", "features": features}


def nodes(value: Any, path: tuple = ()) -> list[tuple]:
    """Every path into a JSON value."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += nodes(item, (*path, index))
    return found


def mutate_structure(rng: random.Random, document: dict[str, Any]) -> str:
    document = copy.deepcopy(document)
    for _ in range(rng.randint(1, 4)):
        paths = [p for p in nodes(document) if p]
        path = rng.choice(paths)
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        action = rng.random()
        if action < 0.6:
            parent[path[-1]] = copy.deepcopy(rng.choice(ODD_VALUES))
        elif action < 0.8 and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        else:
            parent[f"k{rng.randint(0, 9)}"] = copy.deepcopy(rng.choice(ODD_VALUES))
    text = json.dumps(document, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.1:
        text = text.replace("1e+308", "Infinity").replace('"NaN"', "NaN")
    return text


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    action = rng.random()
    if action < 0.3 and data:
        return bytes(data[: rng.randrange(len(data))])  # truncated
    for _ in range(rng.randint(1, 8)):
        if not data:
            break
        at = rng.randrange(len(data))
        if rng.random() < 0.5:
            data[at] = rng.randrange(256)  # a flipped byte
        elif rng.random() < 0.5:
            data[at:at] = rng.choice([b"[", b"{", b"]", b'"', b",", b"\\", b"\x00", b"\xff", b"99"])
        else:
            del data[at : at + rng.randint(1, 20)]
    return bytes(data)


def geojson_files(rng: random.Random) -> list[bytes]:
    document = base_collection()
    text = json.dumps(document).encode()
    files = []
    for i in range(FILES):
        if i % 3 == 0:
            files.append(mutate_bytes(rng, text))
        else:
            files.append(mutate_structure(rng, document).encode())
    return files


def mutate_xml(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    action = rng.random()
    if action < 0.25:
        swaps = [('t="n"', 't="s"'), ('t="s"', 't="b"'), ("<v>", "<v>x"), ('r="A', 'r="XFD'),
                 ('r="2"', 'r="1"'), ("<row", "<row><row"), ("</c>", ""), ('t="n"', 't="d"'),
                 ('r="B', 'r="1B'), ("<v>1</v>", "<v>1e999</v>"), ('t="inlineStr"', 't="e"')]  # fmt: skip
        old, new = rng.choice(swaps)
        return text.replace(old, new, rng.randint(1, 3)).encode()
    return mutate_bytes(rng, data)


def rezip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def excel_files(rng: random.Random, folder: Path) -> list[bytes]:
    import datetime as dt

    rows = [["a", "b", "jour", "ok"]] + [
        [f"v{i}", i * 1.5, dt.datetime(2026, 1, i + 1), i % 2 == 0] for i in range(6)
    ]
    parts = zip_parts(write_workbook(folder / "base.xlsx", rows))
    strings = SST.format("<si><t>a</t></si><si><t>b</t></si>").encode()
    parts = with_shared_strings(parts, strings)
    whole = rezip(parts)
    files = []
    for i in range(FILES):
        if i % 4 == 0:
            files.append(mutate_bytes(rng, whole))  # the zip's own bytes
            continue
        changed = dict(parts)
        name = rng.choice(sorted(changed))
        if rng.random() < 0.1:
            del changed[name]
        else:
            changed[name] = mutate_xml(rng, changed[name])
        files.append(rezip(changed))
    return files


def assert_said(code: str, params: dict[str, Any]) -> None:
    for lang in ("fr", "en"):
        text = translate(code, lang, **params)
        assert text != code and "Traceback" not in text, (code, params)


def check_load(con: Any, folder: Path, source: dict[str, Any]) -> str:
    """Load a file with the format's loader (checks and typing included); the outcome."""
    dataset = Dataset.model_validate({"source": source, "columns": {}})
    ctx = LoadContext("d", dataset, folder, folder / ".cache", con)
    path = folder / source["path"]
    try:
        load_file(ctx, "d", path, source["type"])
    except DataError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file and problem.file.endswith(source["path"]), problem
            for lang in ("fr", "en"):
                assert problem.message(lang) != problem.code
        return exc.problems[0].code
    return "ok"


def check_sniff(read: Any, path: Path) -> None:
    try:
        read(path)
    except sniff.SniffError as exc:
        assert_said(exc.code, {**exc.params, "path": path.name})


@pytest.mark.slow
def test_mutated_geojson_files_load_or_say_where_they_break(tmp_path):
    rng = random.Random(20261207)
    outcomes: dict[str, int] = {}
    path = tmp_path / "f.geojson"
    with DuckDbCache(None) as store:
        for index, data in enumerate(geojson_files(rng)):
            path.write_bytes(data)
            code = check_load(store.con, tmp_path, {"type": "geojson", "path": "f.geojson"})
            outcomes[code] = outcomes.get(code, 0) + 1
            if index % 4 == 0:  # the sniffer shares the loader's parsing: a sample will do
                check_sniff(sniff.read_geojson_columns, path)
            geo.clear_geojson_cache()
            try:
                areas = geo.read_geojson(path)
                assert areas["skipped"] >= 0
            except QueryError as exc:
                assert "f.geojson" in exc.message("fr") and "f.geojson" in exc.message("en")
    assert outcomes.get("ok", 0) > 50 and len(outcomes) > 5, outcomes  # both kinds were met


@pytest.mark.slow
def test_mutated_excel_files_load_or_say_where_they_break(tmp_path):
    rng = random.Random(20261208)
    outcomes: dict[str, int] = {}
    path = tmp_path / "f.xlsx"
    with DuckDbCache(None) as store:
        for index, data in enumerate(excel_files(rng, tmp_path)):
            path.write_bytes(data)
            code = check_load(store.con, tmp_path, {"type": "excel", "path": "f.xlsx"})
            outcomes[code] = outcomes.get(code, 0) + 1
            if index % 4 == 0:
                check_sniff(sniff.read_excel_columns, path)
    assert outcomes.get("ok", 0) > 50 and len(outcomes) > 3, outcomes
