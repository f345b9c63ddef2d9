"""Loading real files of every source type; expected values are computed by the tests.

Each CSV is written here from Python values (formatted the French way, then written by
the `csv` module), and the table must hold those values back; Parquet, GeoJSON and
Excel files are compared with what pyarrow, json and openpyxl read from the same file.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import math
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.engine.duckdb_cache import DuckDbCache
from datacites_proto.engine.errors import DataError
from datacites_proto.engine.loading import LoadedTable, load_dataset

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture
def store():
    with DuckDbCache(None) as s:
        yield s


def load(
    store: DuckDbCache,
    base: Path,
    source: dict[str, Any],
    *,
    columns: dict[str, Any] | None = None,
    key: Any = None,
    dataset_id: str = "d",
) -> tuple[LoadedTable, list[tuple]]:
    spec: dict[str, Any] = {"source": source, "columns": columns or {}}
    if key is not None:
        spec["key"] = key
    dataset = Dataset.model_validate(spec)
    loaded = load_dataset(store, dataset_id, dataset, base_dir=base, cache_dir=base / ".cache")
    rows = store.con.execute(f'SELECT * FROM "{loaded.table}"').fetchall()
    return loaded, rows


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b)
    return a == b and type(a) is type(b)


def assert_rows(actual: list[tuple], expected: list[tuple]) -> None:
    assert len(actual) == len(expected)
    for got, want in zip(actual, expected, strict=True):
        assert len(got) == len(want)
        for g, w in zip(got, want, strict=True):
            assert same(g, w), (got, want)


# ---------------------------------------------------------------- CSV, written the French way


def french_number(value: float | int, decimal: str, group: str) -> str:
    """12345.5 -> '12 345,5' (group only with a decimal comma, as French software does)."""
    negative, value = value < 0, abs(value)
    if isinstance(value, int):
        whole, frac = str(value), ""
    else:
        whole, _, frac = repr(value).partition(".")
    if decimal == ",":
        parts = []
        while len(whole) > 3:
            whole, tail = whole[:-3], whole[-3:]
            parts.insert(0, tail)
        whole = group.join([whole, *parts])
    text = whole + (decimal + frac if frac and frac != "0" else "")
    return ("-" if negative else "") + text


COLUMNS = ["code_insee", "commune", "habitants", "surface", "date", "moment", "actif", "note"]
VALUES = [
    ("01004", "Ambérieu-en-Bugey", 14514, 24.6, dt.date(2026, 11, 26),
     dt.datetime(2026, 11, 26, 14, 0), True, "simple"),
    ("29233", "Quimperlé", 1234567, 1234.5, dt.date(2026, 1, 2),
     dt.datetime(2026, 1, 2, 8, 30, 15), False, "œuvre d’art : 5 €"),
    ("2A004", "Ajaccio", None, -0.25, None, None, None, "deux\nlignes; et « guillemets »"),
    ("00001", "L'Île-d'Yeu", 0, 100.0, dt.date(2024, 2, 29), dt.datetime(2024, 2, 29, 23, 59),
     True, None),
]  # fmt: skip


def write_csv(path: Path, sep: str, decimal: str, encoding: str, group: str = "\u00a0") -> None:
    na = iter(["NA", "", "N/A", "-", "null", "n/a", "NaN"] * 10)
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, delimiter=sep, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for i, row in enumerate(VALUES):
            cells = []
            for value in row:
                if value is None:
                    cells.append(next(na))
                elif isinstance(value, bool):
                    tokens = (
                        ["oui", "vrai", "1", "TRUE"] if value else ["non", "faux", "0", "False"]
                    )
                    cells.append(tokens[i % 4])
                elif isinstance(value, int | float):
                    cells.append(french_number(value, decimal, group))
                elif isinstance(value, dt.datetime):
                    cells.append(value.strftime("%d/%m/%Y %H:%M:%S" if i % 2 else "%Y-%m-%dT%H:%M"))
                elif isinstance(value, dt.date):
                    cells.append(value.strftime("%d/%m/%Y" if i % 2 else "%Y-%m-%d"))
                else:
                    cells.append(value)
            writer.writerow(cells)


def expected_values() -> list[tuple]:
    return [(*row[:3], float(row[3]), *row[4:]) for row in VALUES]


CSV_VARIANTS = [
    pytest.param(";", ",", "utf-8", id="semicolon-utf8"),
    pytest.param(";", ",", "utf-8-sig", id="semicolon-bom"),
    pytest.param(";", ",", "cp1252", id="semicolon-cp1252"),
    pytest.param(",", ".", "utf-8", id="comma-utf8"),
    pytest.param(",", ".", "cp1252", id="comma-cp1252"),
    pytest.param("\t", ",", "utf-8", id="tab-utf8"),
    pytest.param("\t", ".", "utf-8-sig", id="tab-point-bom"),
    pytest.param("|", ",", "cp1252", id="pipe-cp1252"),
]


@pytest.mark.parametrize(("sep", "decimal", "encoding"), CSV_VARIANTS)
def test_french_csv_variants_are_detected_and_typed(tmp_path, store, sep, decimal, encoding):
    write_csv(tmp_path / "communes.csv", sep, decimal, encoding)
    loaded, rows = load(store, tmp_path, {"type": "csv", "path": "communes.csv"},
                        columns={"actif": "boolean"})  # fmt: skip
    assert loaded.columns == {
        "code_insee": "string",
        "commune": "string",
        "habitants": "integer",
        "surface": "number",
        "date": "date",
        "moment": "datetime",
        "actif": "boolean",
        "note": "string",
    }
    assert loaded.rows == len(VALUES)
    expected = expected_values()
    assert_rows(rows, expected)
    # the text cells, read back by the csv module, are what the table holds
    with open(tmp_path / "communes.csv", encoding=encoding, newline="") as f:
        cells = list(csv.reader(f, delimiter=sep))[1:]
    assert [r[1] for r in cells] == [r[1] for r in rows]
    assert [r[0] for r in cells] == [r[0] for r in rows]  # leading zeros kept


def test_thousands_with_plain_and_narrow_spaces(tmp_path, store):
    write_csv(tmp_path / "a.csv", ";", ",", "utf-8", group=" ")
    write_csv(tmp_path / "b.csv", ";", ",", "utf-8", group="\u202f")
    _, plain = load(store, tmp_path, {"type": "csv", "path": "a.csv"}, dataset_id="a")
    _, narrow = load(store, tmp_path, {"type": "csv", "path": "b.csv"}, dataset_id="b")
    assert [r[2] for r in plain] == [r[2] for r in narrow] == [14514, 1234567, None, 0]


def test_transcoded_copy_is_removed(tmp_path, store):
    write_csv(tmp_path / "communes.csv", ";", ",", "cp1252")
    load(store, tmp_path, {"type": "csv", "path": "communes.csv"})
    leftovers = list((tmp_path / ".cache").rglob("*.csv"))
    assert leftovers == []


def test_committed_french_files_all_give_the_generators_values(store):
    spec = importlib.util.spec_from_file_location("make_files", DATA / "make_files.py")
    assert spec and spec.loader
    make_files = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_files)
    expected = []
    for code, name, population, surface, budget, day, moment, label, remark in make_files.ROWS:
        when = None
        if moment and "/" in moment:
            when = dt.datetime.strptime(moment, "%d/%m/%Y %H:%M")
        elif moment:  # ISO, maybe with an offset: stored as Paris wall-clock time
            when = dt.datetime.fromisoformat(moment)
            if when.tzinfo is not None:
                when = when.astimezone(ZoneInfo("Europe/Paris")).replace(tzinfo=None)
        date = None
        if day:
            fmt = "%Y-%m-%d" if "-" in day else "%d/%m/%Y"
            date = dt.datetime.strptime(day, fmt).date()
        flag = None if label is None else label in ("oui", "vrai", "1")
        expected.append((code, name, population, surface, None if budget is None else float(budget),
                         date, when, flag, remark))  # fmt: skip
    files = sorted((DATA / "french_csv").iterdir())
    assert len(files) == 6
    for number, path in enumerate(files):
        loaded, rows = load(
            store,
            DATA,
            {"type": "csv", "path": f"french_csv/{path.name}"},
            columns={"labellisee": "boolean", "population": "integer"},
            key="code_insee",
            dataset_id=f"f{number}",
        )
        assert list(loaded.columns.values()) == ["string", "string", "integer", "number", "number",
                                                 "date", "datetime", "boolean", "string"]  # fmt: skip
        assert_rows(rows, expected)


def test_explicit_settings_win(tmp_path, store):
    # ASCII for 70 KB, so detection says UTF-8; then Latin-1: only `encoding` makes it readable
    head = "".join(f"{i:05d};x{i}\n" for i in range(8000))
    (tmp_path / "late.csv").write_bytes(
        b"code;nom\n" + head.encode() + "99999;Quimperlé\n".encode("latin-1")
    )
    with pytest.raises(DataError):
        load(store, tmp_path, {"type": "csv", "path": "late.csv"})
    loaded, rows = load(store, tmp_path, {"type": "csv", "path": "late.csv", "encoding": "latin-1"})
    assert rows[-1] == ("99999", "Quimperlé") and loaded.rows == 8001
    # a comma-separated file with quoted decimal commas
    (tmp_path / "q.csv").write_text('a,b\n"1,5",x\n"2,25",y\n', encoding="utf-8")
    _, rows = load(store, tmp_path, {"type": "csv", "path": "q.csv", "decimal": ","},
                   columns={"a": "number"})  # fmt: skip
    assert rows == [(1.5, "x"), (2.25, "y")]
    # a semicolon file read with sep "," keeps whole lines as one column
    (tmp_path / "s.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    loaded, rows = load(store, tmp_path, {"type": "csv", "path": "s.csv", "sep": ","})
    assert list(loaded.columns) == ["a;b"] and rows == [("1;2",)]


def test_undeclared_columns_fall_back_when_later_rows_do_not_fit(tmp_path, store):
    # 3,000 rows: the sniffer's sample (64 KB) sees only the first ones
    lines = ["code;compte;jour;texte"]
    for i in range(3000):
        code = "01004" if i == 2500 else str(29000 + i)  # a leading zero far down
        count = "12.5" if i == 2600 else str(i)  # the file's decimal mark is a point
        day = "2026-11-26 10:00" if i == 2700 else "2026-11-26"
        text = "n'importe quoi" if i == 2800 else "2026-01-01"
        lines.append(f"{code};{count};{day};{text}")
    (tmp_path / "late.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded, rows = load(store, tmp_path, {"type": "csv", "path": "late.csv"})
    assert loaded.columns == {"code": "string", "compte": "number", "jour": "datetime",
                              "texte": "string"}  # fmt: skip
    assert rows[2500][0] == "01004" and rows[0][0] == "29000"  # never NULL, never 1004
    assert rows[2600][1] == 12.5 and rows[1][1] == 1.0
    assert rows[2700][2] == dt.datetime(2026, 11, 26, 10) and rows[0][2] == dt.datetime(
        2026, 11, 26
    )
    assert rows[2800][3] == "n'importe quoi" and rows[0][3] == "2026-01-01"
    assert all(r[i] is not None for r in rows for i in range(4))


def test_declared_type_beats_detection(tmp_path, store):
    (tmp_path / "c.csv").write_text("code;n\n01004;1\n29233;2\n", encoding="utf-8")
    loaded, rows = load(store, tmp_path, {"type": "csv", "path": "c.csv"},
                        columns={"code": "integer", "n": "string"})  # fmt: skip
    assert loaded.columns == {"code": "integer", "n": "string"}
    assert rows == [(1004, "1"), (29233, "2")]


def test_odd_column_names_and_layout(tmp_path, store):
    text = '\n\n"Code INSEE";"Nom d\'été";"taux ""brut""";rowid\n01;a;1,5;x\n\n02;b;2;y\n'
    (tmp_path / "odd.csv").write_text(text, encoding="utf-8")
    loaded, rows = load(store, tmp_path, {"type": "csv", "path": "odd.csv"},
                        columns={'taux "brut"': {"type": "number", "min": 0}})  # fmt: skip
    assert list(loaded.columns) == ["Code INSEE", "Nom d'été", 'taux "brut"', "rowid"]
    assert rows == [("01", "a", 1.5, "x"), ("02", "b", 2.0, "y")]
    value = store.con.execute('SELECT sum("taux ""brut""") FROM ds_d').fetchone()[0]
    assert value == 3.5


def test_header_only_and_one_column_files(tmp_path, store):
    (tmp_path / "h.csv").write_text("a;b;c\n", encoding="utf-8")
    with pytest.raises(DataError) as info:  # a header without rows: said, not an empty table
        load(store, tmp_path, {"type": "csv", "path": "h.csv"}, columns={"b": "integer"})
    assert [(p.code, p.line) for p in info.value.problems] == [("csv_no_rows", 1)]
    (tmp_path / "one.csv").write_text("nom\nQuimperlé\nBrest, Finistère\n12,5\n", encoding="utf-8")
    _, rows = load(store, tmp_path, {"type": "csv", "path": "one.csv"}, dataset_id="o")
    assert rows == [("Quimperlé",), ("Brest, Finistère",), ("12,5",)]


def test_a_wide_file_checked_in_slices_gives_the_same_table_and_problems(
    tmp_path, store, monkeypatch
):
    """Conversion and checks go by slices of columns; the result must not depend on it."""
    from datacites_proto.sources.reading import constraints

    names = [f"k{i}" for i in range(7)]
    lines = [";".join(names)] + [";".join(f"{r * 10 + i}" for i in range(7)) for r in range(5)]
    lines += ["1;2;3;4;5;6;text", "1;2;3;4;5;6;7"]  # k6 becomes text; (k0, k5) repeats
    (tmp_path / "w.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    columns = {"k3": {"type": "integer", "max": 40}, "k4": "integer"}
    source = {"type": "csv", "path": "w.csv"}

    def outcome(dataset_id: str) -> Any:
        try:
            return load(store, tmp_path, source, columns=columns, dataset_id=dataset_id)[1]
        except DataError as exc:
            return [(p.code, p.line, p.col, p.params.get("value")) for p in exc.problems]

    whole = outcome("whole")
    monkeypatch.setattr(constraints, "CHUNK_COLUMNS", 2)
    monkeypatch.setattr(constraints, "CHUNK_CHECKS", 1)
    assert outcome("sliced") == whole == [("data_above_max", 6, 4, "43")]
    columns["k3"] = "integer"
    assert outcome("sliced2")[-1] == (1, 2, 3, 4, 5, 6, "7")
    monkeypatch.undo()
    assert outcome("whole2")[-1] == (1, 2, 3, 4, 5, 6, "7")


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_every_line_end_style_loads_every_row(tmp_path, store, end):
    """The record count checked against DuckDB's rows knows the three line ends."""
    lines = ["n;nom", "1;Brest", '2;"sur' + end + 'deux lignes"', "", "3;Quimper"]
    (tmp_path / "e.csv").write_bytes(end.join(lines).encode() + end.encode())
    _, rows = load(store, tmp_path, {"type": "csv", "path": "e.csv"})
    assert rows == [(1, "Brest"), (2, f"sur{end}deux lignes"), (3, "Quimper")]


def test_quotes_inside_unquoted_cells_are_text_not_a_lost_row(tmp_path, store):
    """DuckDB reads `G"are` and `32"` as text: the record count must agree, however long."""
    for odd in ('G"are;12', 'Écran;32"'):
        lines = ["site;taille", odd, "Halles;"]
        lines += [f"Lieu {i};{i}" for i in range(300_000)]  # 3 MB after the odd quote
        (tmp_path / "q.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        source = {"type": "csv", "path": "q.csv"}
        loaded, rows = load(store, tmp_path, source, columns={"taille": "string"})
        assert loaded.rows == 300_002
        assert rows[:2] == [tuple(odd.split(";")), ("Halles", None)]


def test_column_names_differing_only_by_case_are_refused(tmp_path, store):
    (tmp_path / "case.csv").write_text("Code;code\n1;2\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(store, tmp_path, {"type": "csv", "path": "case.csv"})
    assert [p.code for p in info.value.problems] == ["data_duplicate_column"]


def test_a_glob_naming_several_csv_files_is_refused(tmp_path, store):
    for name in ("a.csv", "b.csv"):
        (tmp_path / name).write_text("x\n1\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(store, tmp_path, {"type": "csv", "path": "*.csv"})
    assert [p.code for p in info.value.problems] == ["data_many_files"]


def test_every_code_built_at_run_time_is_translated():
    from datacites_proto.i18n import en, fr
    from datacites_proto.sources.reading.readers import _REJECT_CODES

    codes = {f"data_not_{t}" for t in ("integer", "number", "boolean", "date", "datetime")}
    codes |= {f"data_{unit}_{n}" for unit in ("rows", "features") for n in ("one", "many")}
    codes |= {*_REJECT_CODES.values(), "csv_bad_line", "declared_column_missing"}
    codes |= {"geojson_property_missing", "data_where_in_file"}
    assert codes <= set(fr.MESSAGES) & set(en.MESSAGES)


def test_missing_file(tmp_path, store):
    with pytest.raises(DataError) as info:
        load(store, tmp_path, {"type": "csv", "path": "absent.csv"})
    problem = info.value.problems[0]
    assert (problem.code, problem.file) == ("file_missing", "absent.csv")


# ---------------------------------------------------------------- Parquet


def test_parquet_single_file_matches_pyarrow(tmp_path, store):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "code": ["01004", "29233", None],
            "n": pa.array([1, 2, 3], pa.int32()),
            "x": [1.5, None, float("nan")],
            "ok": [True, False, None],
            "jour": pa.array([dt.date(2026, 1, 1), None, dt.date(2026, 2, 1)]),
            "quand": pa.array([dt.datetime(2026, 1, 1, 12), None, None], pa.timestamp("ms")),
            "utc": pa.array(
                [dt.datetime(2026, 7, 14, 20, tzinfo=dt.UTC), None, None],
                pa.timestamp("us", tz="UTC"),
            ),
            "tags": [["a"], [], None],
        }
    )
    pq.write_table(table, tmp_path / "t.parquet")
    loaded, rows = load(store, tmp_path, {"type": "parquet", "path": "t.parquet"},
                        columns={"n": "number"})  # fmt: skip
    assert loaded.columns == {"code": "string", "n": "number", "x": "number", "ok": "boolean",
                              "jour": "date", "quand": "datetime", "utc": "datetime",
                              "tags": "string"}  # fmt: skip
    source = pq.read_table(tmp_path / "t.parquet").to_pylist()
    for got, want in zip(rows, source, strict=True):
        assert got[0] == want["code"]
        assert got[1] == float(want["n"])
        assert (
            (got[2] is None) if want["x"] is None or math.isnan(want["x"]) else got[2] == want["x"]
        )
        assert got[3] == want["ok"]
        assert got[4] == want["jour"]
        assert got[5] == (want["quand"] and want["quand"].replace(tzinfo=None))
    assert rows[0][6] == dt.datetime(2026, 7, 14, 22)  # Paris time in summer


def test_parquet_glob_of_two_files(tmp_path, store):
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "parts").mkdir()
    pq.write_table(pa.table({"id": [3, 4], "v": ["c", "d"]}), tmp_path / "parts" / "b.parquet")
    pq.write_table(pa.table({"id": [1, 2], "v": ["a", "b"]}), tmp_path / "parts" / "a.parquet")
    loaded, rows = load(store, tmp_path, {"type": "parquet", "path": "parts/*.parquet"}, key="id")
    assert loaded.rows == 4
    expected = [tuple(r.values()) for f in ("a", "b")
                for r in pq.read_table(tmp_path / "parts" / f"{f}.parquet").to_pylist()]  # fmt: skip
    assert rows == expected


def test_parquet_errors_name_the_file_and_row_of_a_glob(tmp_path, store):
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "parts").mkdir()
    pq.write_table(pa.table({"id": ["1", "2"]}), tmp_path / "parts" / "a.parquet")
    pq.write_table(pa.table({"id": ["3", "deux", "1"]}), tmp_path / "parts" / "b.parquet")
    with pytest.raises(DataError) as info:
        load(store, tmp_path, {"type": "parquet", "path": "parts/*.parquet"},
             columns={"id": "integer"}, key="id")  # fmt: skip
    problems = {p.code: p for p in info.value.problems}
    assert set(problems) == {"data_not_integer", "data_key_duplicate"}
    bad = problems["data_not_integer"]
    assert (bad.file, bad.line, bad.params["where"].params["row"]) == ("parts/b.parquet", None, 2)
    dup = problems["data_key_duplicate"]
    assert dup.file == "parts/b.parquet" and dup.params["where"].params["row"] == 3
    assert "« parts/a.parquet »" in dup.message("fr")  # the first one is in the other file


# ---------------------------------------------------------------- GeoJSON


def test_geojson_properties_and_geometry(tmp_path, store):
    features = [
        {"type": "Feature", "properties": {"nom": "Halles", "places": 120, "ouvert": True},
         "geometry": {"type": "Point", "coordinates": [-3.5512, 47.8721]}},
        {"type": "Feature", "properties": {"nom": "Quai d’Isole", "places": None, "date": "2026-11-26"},
         "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}},
        {"type": "Feature", "properties": None, "geometry": None},
    ]  # fmt: skip
    document = {"type": "FeatureCollection", "features": features}
    (tmp_path / "sites.geojson").write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    loaded, rows = load(store, tmp_path, {"type": "geojson", "path": "sites.geojson"})
    assert loaded.columns == {"nom": "string", "places": "integer", "ouvert": "boolean",
                              "date": "date", "geometry": "string"}  # fmt: skip
    for row, feature in zip(rows, features, strict=True):
        properties = feature["properties"] or {}
        assert row[:4] == tuple(
            properties.get(name) if name != "date" or name not in properties
            else dt.date.fromisoformat(properties[name])
            for name in ("nom", "places", "ouvert", "date")
        )  # fmt: skip
        geometry = row[4]
        assert (json.loads(geometry) if geometry else None) == feature["geometry"]


# ---------------------------------------------------------------- Excel


def test_excel_two_sheets_by_name_and_index(tmp_path, store):
    from openpyxl import Workbook, load_workbook

    workbook = Workbook()
    first = workbook.active
    first.title = "Comptages"
    first.append(["channel_id", "count", "start"])
    first.append(["c1", 12, dt.datetime(2026, 11, 26, 14, 0)])
    first.append(["c2", 7.5, dt.datetime(2026, 11, 26, 15, 0)])
    second = workbook.create_sheet("Sites")
    second.append([])
    second.append([None])
    second.append(["site_id", "nom", "ouverture", "code"])
    second.append(["s1", "Halles", dt.datetime(2026, 1, 1), "01004"])
    second.append([])
    second.append(["s2", "Gare", dt.datetime(2026, 2, 1), "29233"])
    workbook.save(tmp_path / "book.xlsx")

    loaded, rows = load(store, tmp_path, {"type": "excel", "path": "book.xlsx"})
    assert loaded.columns == {"channel_id": "string", "count": "number", "start": "datetime"}
    assert rows == [
        ("c1", 12.0, dt.datetime(2026, 11, 26, 14)),
        ("c2", 7.5, dt.datetime(2026, 11, 26, 15)),
    ]

    by_name = load(store, tmp_path, {"type": "excel", "path": "book.xlsx", "sheet": "Sites"},
                   columns={"ouverture": "date"}, dataset_id="s")  # fmt: skip
    by_index = load(store, tmp_path, {"type": "excel", "path": "book.xlsx", "sheet": 1},
                    columns={"ouverture": "date"}, dataset_id="i")  # fmt: skip
    assert by_name[1] == by_index[1]
    sheet = load_workbook(tmp_path / "book.xlsx", read_only=True)["Sites"]
    expected = [
        (r[0], r[1], r[2].date(), r[3])
        for r in sheet.iter_rows(min_row=4, values_only=True)
        if r and any(v is not None for v in r)
    ]
    assert by_name[1] == expected
    assert by_name[0].columns["code"] == "string"


def test_excel_errors_give_the_sheet_row(tmp_path, store):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([])
    sheet.append(["site_id", "places"])
    sheet.append(["s1", 3])
    sheet.append(["s2", -1])
    sheet.append(["s3", 4, "à droite"])
    workbook.save(tmp_path / "book.xlsx")
    with pytest.raises(DataError) as info:
        load(store, tmp_path, {"type": "excel", "path": "book.xlsx"},
             columns={"places": {"type": "integer", "min": 0}})  # fmt: skip
    found = {(p.code, p.line, p.col) for p in info.value.problems}
    assert found == {("data_below_min", 4, 2), ("excel_value_without_header", 5, 3)}


# ---------------------------------------------------------------- scale


@pytest.mark.slow
def test_a_large_french_csv_loads_whole_and_typed(tmp_path, store):
    rows = 300_000
    with open(tmp_path / "big.csv", "w", encoding="utf-8", newline="") as f:
        f.write("code;jour;valeur;compte\n")
        for i in range(rows):
            f.write(
                f"{i % 99999:05d};{i % 28 + 1:02d}/11/2026;{i % 999 + 1} {i % 1000:03d},5;{i}\n"
            )
    # Its speed is measured in benchmarks/, never asserted here (shared, noisy machines).
    loaded, _ = load(store, tmp_path, {"type": "csv", "path": "big.csv"},
                     columns={"compte": {"type": "integer", "min": 0}}, key="compte")  # fmt: skip
    assert loaded.rows == rows
    assert loaded.columns == {
        "code": "string",
        "jour": "date",
        "valeur": "number",
        "compte": "integer",
    }
