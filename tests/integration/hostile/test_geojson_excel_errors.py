"""Hostile GeoJSON and Excel files end in a located message in French and English, never an
internal error: deep nesting, huge numbers, wrong JSON types, broken workbooks, zip bombs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from datacites_proto.engine import geo
from datacites_proto.engine.errors import DataError
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.sources import sniff
from tests.support.hostile_geo_excel import (
    SST,
    declare_size,
    load,
    point,
    with_shared_strings,
    write_collection,
    write_workbook,
    write_zip,
    zip_parts,
)

GEOJSON = {"type": "geojson", "path": "f.geojson"}
EXCEL = {"type": "excel", "path": "f.xlsx"}


def data_error(folder: Path, source: dict[str, Any]) -> DataError:
    with pytest.raises(DataError) as info:
        load(folder, source)
    return info.value


def assert_located(error: DataError, code: str, fr: str, en: str, **where: Any) -> None:
    """One problem of `code`, naming the file, said in both languages."""
    problems = [p for p in error.problems if p.code == code]
    assert problems, [p.code for p in error.problems]
    problem = problems[0]
    assert problem.file and problem.file.endswith(("f.geojson", "f.xlsx"))
    for name, value in where.items():
        assert getattr(problem, name) == value, (name, getattr(problem, name))
    assert fr in problem.message("fr") and "« " in problem.message("fr")
    assert en in problem.message("en")


def deep_document(depth: int) -> str:
    nested = "[" * depth + "1" + "]" * depth
    feature = '{"type": "Feature", "properties": {"x": ' + nested + '}, "geometry": null}'
    return '{"type": "FeatureCollection",\n"features": [\n' + feature + "]}"


# ---------------------------------------------------------------- GeoJSON


def test_deep_nesting_is_a_located_error(tmp_path):
    (tmp_path / "f.geojson").write_text(deep_document(100_000), "utf-8")
    error = data_error(tmp_path, GEOJSON)
    assert_located(error, "geojson_too_deep", "imbrication", "nesting", line=3)
    with pytest.raises(sniff.SniffError) as info:
        sniff.read_geojson_columns(tmp_path / "f.geojson")
    assert info.value.code == "geojson_too_deep"
    with pytest.raises(QueryError) as map_info:
        geo.read_geojson(tmp_path / "f.geojson")
    assert "f.geojson" in map_info.value.message("fr")


def test_a_number_too_long_for_python_is_a_located_error(tmp_path):
    digits = "9" * 5000
    text = '{"type": "FeatureCollection", "features": [\n\n' + json.dumps(point(1))[:-1]
    text += ', "big": ' + digits + "}]}"
    (tmp_path / "f.geojson").write_text(text, "utf-8")
    error = data_error(tmp_path, GEOJSON)
    assert_located(error, "geojson_number_too_long", "chiffres", "digits", line=3)


def test_nan_and_infinity_are_missing_values(tmp_path):
    text = json.dumps(
        {"type": "FeatureCollection", "features": [point(1, {"v": 1.5}), point(2, {"v": 2})]}
    )
    text = text.replace("1.5", "NaN", 1)
    (tmp_path / "f.geojson").write_text(text, "utf-8")
    rows = load(tmp_path, GEOJSON)
    assert [r[0] for r in rows] == [None, 2]


@pytest.mark.parametrize(
    ("features", "code"),
    [
        ({"a": 1}, "geojson_missing_features"),
        ([point(1) | {"geometry": "POINT (1 2)"}], "geojson_bad_geometry"),
        ([point(1) | {"geometry": [1, 2]}], "geojson_bad_geometry"),
        ([point(1), 12], "geojson_not_a_feature"),
    ],
)
def test_wrong_json_types_are_located(tmp_path, features, code):
    (tmp_path / "f.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), "utf-8"
    )
    error = data_error(tmp_path, GEOJSON)
    assert [p.code for p in error.problems] == [code]


def test_properties_that_are_not_an_object_are_no_properties(tmp_path):
    write_collection(tmp_path / "f.geojson", [point(1, [1, 2]), point(2, {"nom": "b"})])
    assert [r[0] for r in load(tmp_path, GEOJSON)] == [None, "b"]


def test_too_many_properties_name_the_feature(tmp_path, monkeypatch):
    from datacites_proto.sources import geojson_document

    monkeypatch.setattr(geojson_document, "MAX_PROPERTIES", 5)
    features = [point(1, {"a": 1}), point(2, {f"p{i}": i for i in range(8)})]
    write_collection(tmp_path / "f.geojson", features)
    error = data_error(tmp_path, GEOJSON)
    assert_located(error, "geojson_too_many_properties", "entité n° 2", "feature 2")
    with pytest.raises(sniff.SniffError) as info:
        sniff.read_geojson_columns(tmp_path / "f.geojson")
    assert info.value.code == "geojson_too_many_properties"


def test_too_many_features_are_refused(tmp_path, monkeypatch):
    from datacites_proto.sources import geojson_document

    monkeypatch.setattr(geojson_document, "MAX_FEATURES", 3)
    write_collection(tmp_path / "f.geojson", [point(i) for i in range(5)])
    error = data_error(tmp_path, GEOJSON)
    assert_located(error, "geojson_too_many_features", "5 entités", "5 features")


def test_a_geometry_with_too_many_positions_is_refused(tmp_path, monkeypatch):
    from datacites_proto.sources import geojson_document

    monkeypatch.setattr(geojson_document, "MAX_POSITIONS", 10)
    line = {"type": "LineString", "coordinates": [[i / 100, 47.0] for i in range(20)]}
    write_collection(tmp_path / "f.geojson", [point(1), point(2) | {"geometry": line}])
    error = data_error(tmp_path, GEOJSON)
    assert_located(error, "geojson_geometry_too_big", "entité n° 2", "feature 2")


def test_map_layer_skips_geometries_with_wrong_coordinate_types(tmp_path):
    bad = [
        {"type": "Point", "coordinates": [1, "x"]},
        {"type": "Point", "coordinates": [10**400, 1]},
        {"type": "LineString", "coordinates": [[0, 0], [[[[[1]]]]]]},
        {"type": "Polygon", "coordinates": "abc"},
        {"type": "Point", "coordinates": [True, 1]},
        {"type": {"a": 1}, "coordinates": [1, 2]},  # found by the fuzz test: unhashable type
    ]
    features = [point(1)] + [point(i) | {"geometry": g} for i, g in enumerate(bad, 2)]
    path = write_collection(tmp_path / "areas.geojson", features)
    areas = geo.read_geojson(path)
    assert len(areas["features"]) == 1 and areas["skipped"] == len(bad)


@pytest.mark.parametrize(
    "text",
    ["{not json", "[1, 2]", '{"type": "FeatureCollection", "features": 3}', "\xff\xfe"],
)
def test_map_layer_file_problems_are_query_errors(tmp_path, text):
    path = tmp_path / "areas.geojson"
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(QueryError) as info:
        geo.read_geojson(path)
    assert "areas.geojson" in info.value.message("fr") and "areas.geojson" in info.value.message(
        "en"
    )


# ---------------------------------------------------------------- Excel


def broken_part(tmp_path: Path, name: str, data: bytes | None) -> Path:
    source = write_workbook(tmp_path / "ok.xlsx", [["a", "b"], [1, 2], [3, 4]])
    parts = zip_parts(source)
    assert name in parts or data is not None
    if data is None:
        del parts[name]
    else:
        parts[name] = data
    return write_zip(tmp_path / "f.xlsx", parts)


def test_malformed_sheet_xml_is_a_located_error(tmp_path):
    parts = zip_parts(write_workbook(tmp_path / "ok.xlsx", [["a", "b"], [1, 2], [3, 4]]))
    sheet = parts["xl/worksheets/sheet1.xml"]
    broken_part(tmp_path, "xl/worksheets/sheet1.xml", sheet[: len(sheet) * 3 // 4])
    error = data_error(tmp_path, EXCEL)
    assert_located(error, "excel_broken_sheet", "Feuil1", "Feuil1")
    with pytest.raises(sniff.SniffError) as info:
        sniff.read_excel_columns(tmp_path / "f.xlsx")
    assert info.value.code in ("excel_broken_sheet", "excel_unreadable")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("xl/worksheets/sheet1.xml", None),
        ("xl/workbook.xml", b"<workbook>"),
        ("[Content_Types].xml", None),
        ("xl/styles.xml", b"\x00\x01garbage"),
    ],
)
def test_broken_workbook_parts_are_located_errors(tmp_path, name, data):
    broken_part(tmp_path, name, data)
    error = data_error(tmp_path, EXCEL)
    codes = {"excel_unreadable", "excel_broken_sheet", "excel_no_sheet"}
    assert {p.code for p in error.problems} <= codes
    assert "f.xlsx" in error.problems[0].message("en")
    assert "f.xlsx" in error.problems[0].message("fr")


@pytest.mark.parametrize(
    ("strings", "code"),
    [
        (SST.format("<si><t>a</t></si><si><t>b</t></si>")[:40], "excel_unreadable"),
        (SST.format("<si><t>a</t></si>"), "excel_broken_sheet"),  # cell B1 names string 1
    ],
)
def test_bad_shared_strings_are_located_errors(tmp_path, strings, code):
    parts = zip_parts(write_workbook(tmp_path / "ok.xlsx", [["a", "b"], [1, 2]]))
    write_zip(tmp_path / "f.xlsx", with_shared_strings(parts, strings.encode()))
    error = data_error(tmp_path, EXCEL)
    assert [p.code for p in error.problems] == [code]


def test_a_zip_bomb_is_refused_before_decompressing(tmp_path):
    path = write_workbook(tmp_path / "f.xlsx", [["a"], [1]])
    declare_size(path, "xl/worksheets/sheet1.xml", 4_000_000_000)
    error = data_error(tmp_path, EXCEL)
    assert_located(error, "excel_too_big", "Mo", "MB")
    with pytest.raises(sniff.SniffError) as info:
        sniff.read_excel_columns(path)
    assert info.value.code == "excel_too_big"


def test_a_forged_zip_version_is_unreadable_not_internal(tmp_path):
    """Found by the fuzz test: zipfile raises NotImplementedError for unknown versions."""
    path = write_workbook(tmp_path / "f.xlsx", [["a"], [1]])
    data = bytearray(path.read_bytes())
    start = data.find(b"PK\x01\x02")
    data[start + 6 : start + 8] = (136).to_bytes(2, "little")  # "version needed": 13.6
    data[start + 4 : start + 6] = (136).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    error = data_error(tmp_path, EXCEL)
    assert error.problems[0].code in ("excel_unreadable", "excel_broken_sheet")


@pytest.mark.parametrize(
    ("data", "fr", "en"),
    [
        (b"code;nom\n1;a\n", "n'est pas un classeur .xlsx", "is not an .xlsx workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), ".xls", ".xls"),
    ],
)
def test_a_file_that_is_not_xlsx_says_what_to_do(tmp_path, data, fr, en):
    (tmp_path / "f.xlsx").write_bytes(data)
    error = data_error(tmp_path, EXCEL)
    assert_located(error, "excel_unreadable", fr, en)


def test_too_many_cells_are_refused_with_the_sheet_and_line(tmp_path, monkeypatch):
    from datacites_proto.sources import excel_workbook

    monkeypatch.setattr(excel_workbook, "MAX_CELLS", 20)
    write_workbook(tmp_path / "f.xlsx", [["a", "b", "c"]] + [[i, i, i] for i in range(20)])
    error = data_error(tmp_path, EXCEL)
    assert_located(error, "excel_too_many_cells", "Feuil1", "Feuil1", line=7)


def test_a_row_numbered_past_excel_limit_is_refused_without_looping(tmp_path):
    parts = zip_parts(write_workbook(tmp_path / "ok.xlsx", [["a", "b"], [1, 2]]))
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace('r="2"', 'r="99999999999"').encode()
    write_zip(tmp_path / "f.xlsx", parts)
    error = data_error(tmp_path, EXCEL)
    assert_located(error, "excel_too_many_rows", "1048576", "1048576", line=1_048_577)


def test_a_chartsheet_is_not_a_table(tmp_path):
    from openpyxl import Workbook
    from openpyxl.chart import BarChart

    workbook = Workbook()
    workbook.active.append(["a"])
    chart = workbook.create_chartsheet("Graphique")
    chart.add_chart(BarChart())
    workbook.save(tmp_path / "f.xlsx")
    error = data_error(tmp_path, EXCEL | {"sheet": "Graphique"})
    assert error.problems[0].code in ("excel_unknown_sheet", "excel_broken_sheet")
