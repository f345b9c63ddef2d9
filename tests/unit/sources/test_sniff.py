"""Cheap column and dialect sniffing of CSV, Parquet, Excel and GeoJSON files."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from datacites_proto.sources import sniff
from datacites_proto.sources.sniff import (
    SAMPLE_BYTES,
    SNIFF_ERROR_CODES,
    CsvDialect,
    SniffError,
    detect_csv_dialect,
    infer_type,
    read_csv_columns,
    read_excel_columns,
    read_geojson_columns,
    read_parquet_columns,
)


def write(tmp_path: Path, content: str | bytes, name: str = "data.csv", encoding="utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def raises(code: str, func, *args, **kwargs) -> SniffError:
    with pytest.raises(SniffError) as info:
        func(*args, **kwargs)
    assert info.value.code == code
    assert info.value.code in SNIFF_ERROR_CODES
    assert "{" not in str(info.value)  # the English fallback was formatted
    return info.value


# ---------------------------------------------------------------- encoding


def test_utf8_file(tmp_path):
    path = write(tmp_path, "commune;activité\nQuimperlé;Épicerie\n")
    assert detect_csv_dialect(path).encoding == "utf-8"
    assert read_csv_columns(path).names == ("commune", "activité")


def test_utf8_bom_is_detected_and_stripped_from_names(tmp_path):
    path = write(tmp_path, "\ufeffcommune;population\nQuimperlé;12000\n")
    assert detect_csv_dialect(path).encoding == "utf-8-sig"
    columns = read_csv_columns(path)
    assert columns.names == ("commune", "population")
    assert columns.types == {"commune": "string", "population": "integer"}


def test_bom_stripped_even_when_encoding_is_forced_to_plain_utf8(tmp_path):
    path = write(tmp_path, "\ufeffcommune;population\nBrest;140000\n")
    dialect = CsvDialect(encoding="utf-8", sep=";", decimal=".")
    assert read_csv_columns(path, dialect).names == ("commune", "population")


def test_cp1252_file_with_accents(tmp_path):
    content = "Commune;Activité;Surface\nQuimperlé;Épicerie;12,5\nLanvénégen;Café;3,25\n"
    path = write(tmp_path, content, encoding="cp1252")
    dialect = detect_csv_dialect(path)
    assert dialect == CsvDialect(encoding="cp1252", sep=";", decimal=",")
    columns = read_csv_columns(path)
    assert columns.names == ("Commune", "Activité", "Surface")
    assert columns.types["Surface"] == "number"


def test_cp1252_undefined_bytes_do_not_break_detection(tmp_path):
    path = write(tmp_path, b"nom;code\nCaf\xe9\x81;1\n")
    assert detect_csv_dialect(path).encoding == "cp1252"
    assert read_csv_columns(path).names == ("nom", "code")


@pytest.mark.parametrize(("char", "inside"), [("é", 1), ("€", 1), ("€", 2)])
def test_sample_cut_inside_a_multibyte_character_is_still_utf8(tmp_path, char, inside):
    header, row = "commune;population\n", "Brest;140000\n"
    start = SAMPLE_BYTES - inside  # byte where `char` begins: only `inside` bytes are sampled
    body = header + row * ((start - 40 - len(header)) // len(row))
    body += "Q" * (start - len(body)) + char + ";1\n"
    body += "Quimperlé;12000\n" * 5000
    assert body.encode()[:start].isascii()
    assert body.encode()[start : start + len(char.encode())] == char.encode()
    path = write(tmp_path, body)
    assert detect_csv_dialect(path) == CsvDialect(encoding="utf-8", sep=";", decimal=".")
    columns = read_csv_columns(path)
    assert columns.types == {"commune": "string", "population": "integer"}


# ---------------------------------------------------------------- separator and decimal


@pytest.mark.parametrize("sep", [";", ",", "\t", "|"])
def test_each_separator_is_detected(tmp_path, sep):
    lines = [["code_insee", "commune", "population"], ["29233", "Quimperlé", "12000"]]
    lines += [["29019", "Brest", "140000"]]
    path = write(tmp_path, "".join(sep.join(cells) + "\n" for cells in lines))
    assert detect_csv_dialect(path).sep == sep
    assert read_csv_columns(path).names == ("code_insee", "commune", "population")


def test_separator_is_counted_outside_quotes_only(tmp_path):
    # Every line has 2 commas but inside quotes only: a comma split would look consistent
    # if quotes were ignored, and the semicolon gives the real 3 columns.
    content = 'nom;"adresse, ville";note\n"Dupont, Jean";"1 rue A, Brest";"bien, très"\n'
    content += '"Martin, Léa";"2 rue B, Quimper";"moyen, sans plus"\n'
    path = write(tmp_path, content)
    assert detect_csv_dialect(path).sep == ";"
    assert read_csv_columns(path).names == ("nom", "adresse, ville", "note")


def test_quoted_fields_with_separators_and_newlines(tmp_path):
    content = (
        'id,commentaire,montant\n1,"Très bien, merci\nsur deux lignes",12.5\n'
        '2,"Un ""avis"", avec guillemets",7\n3,"a,b,c,d,e",0.25\n'
    )
    path = write(tmp_path, content)
    dialect = detect_csv_dialect(path)
    assert dialect == CsvDialect(encoding="utf-8", sep=",", decimal=".")
    columns = read_csv_columns(path)
    assert columns.names == ("id", "commentaire", "montant")
    assert columns.types == {"id": "string", "commentaire": "string", "montant": "number"}


def test_semicolon_wins_ties(tmp_path):
    # Both `;` (2 fields) and `,` (3 fields) split every line the same way.
    path = write(tmp_path, "a,b;c,d\n1,2;3,4\n5,6;7,8\n")
    assert detect_csv_dialect(path).sep == ";"


def test_trailing_separator_on_data_lines_is_forgiven(tmp_path):
    path = write(tmp_path, "a,b\n1,2,\n3,4,\n5,6,\n")
    assert detect_csv_dialect(path).sep == ","
    assert read_csv_columns(path).names == ("a", "b")


def test_one_column_file_uses_semicolon(tmp_path):
    path = write(tmp_path, "surface\n12,5\n-0,75\n3\n")
    assert detect_csv_dialect(path) == CsvDialect(encoding="utf-8", sep=";", decimal=",")
    assert read_csv_columns(path).types == {"surface": "number"}


def test_one_column_file_with_commas_in_values(tmp_path):
    path = write(tmp_path, "adresse\n1 rue A, Brest\n2 rue B, Quimper\n")
    columns = read_csv_columns(path)
    assert columns.names == ("adresse",)
    assert columns.types == {"adresse": "string"}


@pytest.mark.parametrize("value", ["12,5", "-0,75", "1 234,5", "1\u00a0234,5", "1\u202f234,5"])
def test_decimal_comma_is_detected(tmp_path, value):
    path = write(tmp_path, f"commune;montant\nBrest;{value}\nQuimper;3\n")
    assert detect_csv_dialect(path).decimal == ","
    assert read_csv_columns(path).types["montant"] == "number"


def test_decimal_point_in_semicolon_file(tmp_path):
    path = write(tmp_path, "commune;montant\nBrest;12.5\nQuimper;-0.75\n")
    assert detect_csv_dialect(path) == CsvDialect(encoding="utf-8", sep=";", decimal=".")
    assert read_csv_columns(path).types["montant"] == "number"


def test_comma_separated_file_always_has_decimal_point(tmp_path):
    path = write(tmp_path, 'commune,montant\nBrest,"12,5"\nQuimper,"3,25"\n')
    assert detect_csv_dialect(path).decimal == "."
    assert read_csv_columns(path).types["montant"] == "string"


def test_thousands_separators_with_decimal_comma(tmp_path):
    content = "commune;population;budget\nBrest;140 000;1 234 567,89\nQuimper;63\u00a0000;12,5\n"
    path = write(tmp_path, content)
    assert read_csv_columns(path).types == {
        "commune": "string",
        "population": "integer",
        "budget": "number",
    }


def test_windows_line_endings(tmp_path):
    path = write(tmp_path, "a;b\r\n1;2,5\r\n3;4\r\n")
    assert detect_csv_dialect(path) == CsvDialect(encoding="utf-8", sep=";", decimal=",")
    assert read_csv_columns(path).types == {"a": "integer", "b": "number"}


# ---------------------------------------------------------------- explicit overrides


def test_explicit_arguments_win_over_detection(tmp_path):
    path = write(tmp_path, "commune;montant\nQuimperlé;12,5\n")
    assert detect_csv_dialect(path, sep=",") == CsvDialect("utf-8", ",", ".")
    assert detect_csv_dialect(path, decimal=".").decimal == "."
    assert detect_csv_dialect(path, encoding="cp1252").encoding == "cp1252"
    overridden = detect_csv_dialect(path, encoding="latin-1", sep="|", decimal=",")
    assert overridden == CsvDialect("latin-1", "|", ",")


def test_given_dialect_is_used_as_is(tmp_path):
    path = write(tmp_path, "commune;montant\nQuimperlé;12,5\n")
    columns = read_csv_columns(path, CsvDialect(encoding="utf-8", sep=",", decimal="."))
    assert columns.names == ("commune;montant",)
    columns = read_csv_columns(path, CsvDialect(encoding="utf-8", sep=";", decimal="."))
    assert columns.types["montant"] == "string"  # 12,5 is no number with a decimal point


def test_other_quotechar(tmp_path):
    path = write(tmp_path, "'nom; complet';b\n'Dupont; Jean';1\n")
    columns = read_csv_columns(path, CsvDialect("utf-8", ";", ".", quotechar="'"))
    assert columns.names == ("nom; complet", "b")


def test_unknown_encoding(tmp_path):
    path = write(tmp_path, "a;b\n1;2\n")
    error = raises("csv_unknown_encoding", detect_csv_dialect, path, encoding="klingon")
    assert error.params == {"encoding": "klingon"}


def test_wrong_explicit_encoding_gives_the_line(tmp_path):
    path = write(tmp_path, "commune;n\nBrest;1\nQuimperlé;2\n", encoding="cp1252")
    error = raises("csv_decode_error", read_csv_columns, path, CsvDialect("utf-8", ";", "."))
    assert error.line == 3
    assert error.params["encoding"] == "utf-8"


# ---------------------------------------------------------------- header problems


def test_quoted_header_names_are_unquoted_and_stripped(tmp_path):
    path = write(tmp_path, '"Code INSEE" ;" Nom, commune ";"Population ""2024"""\n1;a;2\n')
    names = read_csv_columns(path).names
    assert names == ("Code INSEE", "Nom, commune", 'Population "2024"')


def test_empty_header_name(tmp_path):
    path = write(tmp_path, "a;;c\n1;2;3\n")
    error = raises("csv_empty_header_name", read_csv_columns, path)
    assert error.params == {"position": 2}
    assert error.line == 1
    assert str(error).startswith(f"{path}:1: ")


def test_trailing_separator_in_header_is_an_empty_name(tmp_path):
    path = write(tmp_path, "a;b;\n1;2;\n")
    assert raises("csv_empty_header_name", read_csv_columns, path).params == {"position": 3}


def test_header_line_counts_leading_blank_lines(tmp_path):
    path = write(tmp_path, "\n\na; ;c\n1;2;3\n")
    assert raises("csv_empty_header_name", read_csv_columns, path).line == 3


def test_duplicate_header(tmp_path):
    path = write(tmp_path, "commune;population; commune \nBrest;1;2\n")
    error = raises("csv_duplicate_header", read_csv_columns, path)
    assert error.params == {"name": "commune"}
    assert error.line == 1


@pytest.mark.parametrize("content", [b"", b"\n\n  \r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n"])
def test_empty_file(tmp_path, content):
    path = write(tmp_path, content)
    raises("csv_empty_file", detect_csv_dialect, path)
    raises("csv_empty_file", read_csv_columns, path)


def test_binary_file(tmp_path):
    path = write(tmp_path, b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)))
    raises("csv_binary_file", detect_csv_dialect, path)
    raises("csv_binary_file", read_csv_columns, path)


def test_missing_file(tmp_path):
    error = raises("csv_unreadable", read_csv_columns, tmp_path / "absent.csv")
    assert error.params["detail"]


# ---------------------------------------------------------------- types from CSV samples


def test_types_of_a_typical_french_export(tmp_path):
    content = (
        "id;commune;surface;ouvert;date_creation;maj;note;vide\n"
        "1;Quimperlé;12,5;oui;26/11/2026;2026-11-26 14:00;NA;\n"
        "2;Brest;-0,75;non;01/02/2025;2026-11-26T14:00:00+01:00;;NA\n"
        "3;Quimper;;Vrai;2026-01-31;26/11/2026 08:30;N/A;-\n"
        "4;Morlaix;NaN;faux;;2026-11-26T14:00:00.123Z;null;null\n"
    )
    columns = read_csv_columns(write(tmp_path, content))
    assert columns.types == {
        "id": "string",  # an identifier is a code, not a quantity
        "commune": "string",
        "surface": "number",
        "ouvert": "boolean",
        "date_creation": "date",
        "maj": "datetime",
        "note": None,
        "vide": None,
    }


def test_short_rows_count_as_missing_values(tmp_path):
    path = write(tmp_path, "a;b;c\n1;2;3\n4;5\n6\n")
    assert read_csv_columns(path).types == {"a": "integer", "b": "integer", "c": "integer"}


def test_header_only_file(tmp_path):
    columns = read_csv_columns(write(tmp_path, "a;b;c\n"))
    assert columns.names == ("a", "b", "c")
    assert columns.types == {"a": None, "b": None, "c": None}


def test_sample_rows_limits_the_rows_looked_at(tmp_path):
    content = "n\n" + "1\n" * 20 + "pas un nombre\n"
    path = write(tmp_path, content)
    assert read_csv_columns(path, sample_rows=10).types == {"n": "integer"}
    assert read_csv_columns(path).types == {"n": "string"}


def test_sniffing_a_big_file_reads_only_its_beginning(tmp_path, monkeypatch):
    good = "".join(f"{i};{i},5;2026-11-26\n" for i in range(10_000)).encode()
    garbage = b"pas un nombre;n'importe quoi;hier\n" * 1_500_000
    path = write(tmp_path, b"id;montant;jour\n" + good + garbage)
    assert path.stat().st_size > 50_000_000
    assert len(good) > SAMPLE_BYTES  # the garbage starts well past the sample

    bytes_read: list[int] = []
    real_open = open

    class CountingFile(io.RawIOBase):
        def __init__(self, *args, **kwargs):
            self._file = real_open(*args, **kwargs)

        def read(self, size=-1):
            data = self._file.read(size)
            bytes_read.append(len(data))
            return data

        def close(self):
            self._file.close()
            super().close()

    monkeypatch.setattr(sniff, "open", CountingFile, raising=False)
    assert detect_csv_dialect(path) == CsvDialect("utf-8", ";", ",")
    columns = read_csv_columns(path)
    assert columns.types == {"id": "string", "montant": "number", "jour": "date"}
    assert 0 < sum(bytes_read) <= 4 * (SAMPLE_BYTES + 1)  # two sniffs, a sample each


def test_huge_header_line_is_read_whole(tmp_path):
    names = [f"colonne_numero_{i:05d}" for i in range(4500)]  # about 100 KB of header
    path = write(tmp_path, ";".join(names) + "\n" + ";".join("1" * len(names)) + "\n")
    columns = read_csv_columns(path)
    assert columns.names == tuple(names)


def test_a_header_over_the_column_limit_is_called_too_wide(tmp_path):
    names = [f"c{i}" for i in range(sniff.MAX_COLUMNS + 1)]
    path = write(tmp_path, ";".join(names) + "\n" + ";".join("1" * len(names)) + "\n")
    error = raises("csv_too_many_columns", read_csv_columns, path)
    assert (error.params, error.line) == ({"count": 5001, "limit": 5000}, 1)


def test_a_header_cut_by_the_sample_is_called_too_wide_not_a_duplicate(tmp_path):
    names = [f"c{i}" for i in range(200_000)]  # 1.3 MB: cut inside a name such as `c1449`
    path = write(tmp_path, ";".join(names) + "\n1\n")
    error = raises("csv_too_many_columns", read_csv_columns, path)
    assert error.params["count"] > sniff.MAX_COLUMNS


def test_a_header_with_no_line_end_in_its_first_megabyte_is_refused(tmp_path):
    path = write(tmp_path, "code;" + "n" * (2 << 20) + "\n1;2\n")
    error = raises("csv_header_too_long", read_csv_columns, path)
    assert (error.params, error.line) == ({"limit_kb": 1024}, 1)


def test_a_long_name_in_the_sample_is_read_not_called_empty(tmp_path):
    long_name = "n" * 200_000  # over the csv module's default field limit
    path = write(tmp_path, f"code;{long_name}\n1;2\n")
    assert read_csv_columns(path).names == ("code", long_name)


# ---------------------------------------------------------------- infer_type


@pytest.mark.parametrize(
    ("values", "decimal", "expected"),
    [
        (["12", "-3", "+4", "0"], ".", "integer"),
        (["1 234", "1\u00a0234", "12"], ",", "integer"),
        (["1 234"], ".", "string"),
        (["12.5", "1e3", "-0.75", ".5", "3"], ".", "number"),
        (["12,5", "-0,75", "1 234,5", "1e3"], ",", "number"),
        (["12,5"], ".", "string"),
        (["12.5"], ",", "string"),
        (["0", "1", "1", "0"], ".", "integer"),
        (["true", "FALSE", "Vrai", "faux", "oui", "NON"], ".", "boolean"),
        (["2026-11-26", "26/11/2026", "1/2/2026"], ".", "date"),
        (["2026-11-26T14:00:00", "2026-11-26 14:00", "2026-11-26T14:00:00.5Z"], ".", "datetime"),
        (["2026-11-26T14:00:00+01:00", "2026-11-26T14:00+0100"], ".", "datetime"),
        (["26/11/2026 14:00", "1/2/2026 8:30"], ".", "datetime"),
        (["26/11/2026 14:00:59"], ".", "datetime"),
        (["2026-11-26", "2026-11-26 14:00"], ".", "datetime"),
        (["12", "12.5"], ".", "number"),
        (["12", "oui"], ".", "string"),
        (["2026-11-26", "12"], ".", "string"),
        (["2026-13-01"], ".", "string"),
        (["31/02/2026"], ".", "string"),
        (["2026-11-26 25:00"], ".", "string"),
        (["11/26/2026"], ".", "string"),  # no US dates
        (["01000", "29300"], ".", "string"),  # postal and INSEE codes keep their zeros
        (["0,5", "0"], ",", "number"),
        (["Quimperlé"], ".", "string"),
        ([" 12 ", "\t13"], ".", "integer"),
        (["", "NA", "n/a", "NaN", "null", "-", None, "  "], ".", None),
        ([], ".", None),
        (["NA", "12", None], ".", "integer"),
    ],
)
def test_infer_type(values, decimal, expected):
    assert infer_type(values, decimal) == expected


def test_infer_type_accepts_a_generator():
    assert infer_type(str(i) for i in range(5)) == "integer"


@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_any_integer_is_integer(n):
    assert infer_type([str(n)]) == "integer"
    assert infer_type([f"{n:,}".replace(",", " ")], ",") == "integer"


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: not x.is_integer()))
def test_any_float_is_number(x):
    assert infer_type([repr(x)]) == "number"
    assert infer_type([repr(x).replace(".", ",")], ",") == "number"


@given(st.datetimes(min_value=dt.datetime(1000, 1, 1)))
def test_any_iso_datetime_is_datetime(moment):
    assert infer_type([moment.isoformat()]) == "datetime"
    assert infer_type([moment.date().isoformat()]) == "date"
    assert infer_type([moment.strftime("%d/%m/%Y %H:%M")]) == "datetime"


_NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé_", min_size=1, max_size=8)
_CELL_CHARS = 'abcXYZ019 é"\n'


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sep=st.sampled_from([";", ",", "\t", "|"]),
    names=st.lists(_NAME, min_size=2, max_size=5, unique=True),
    data=st.data(),
)
def test_written_csv_round_trips(tmp_path, sep, names, data):
    cell = st.text(alphabet=_CELL_CHARS + sep, max_size=12)
    rows = data.draw(st.lists(st.lists(cell, min_size=len(names), max_size=len(names))))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\n")
    writer.writerows([names, *rows])
    path = write(tmp_path, buffer.getvalue())
    assert detect_csv_dialect(path).sep == sep
    assert read_csv_columns(path).names == tuple(names)


# ---------------------------------------------------------------- Parquet


def test_parquet_schema_types(tmp_path):
    table = pa.table(
        {
            "code": pa.array(["29233", "29019"]),
            "nom": pa.array(["Quimperlé", "Brest"]).dictionary_encode(),
            "population": pa.array([12000, 140000], pa.int32()),
            "taux": pa.array([0.5, 1.25]),
            "budget": pa.array([decimal.Decimal("1.50"), None], pa.decimal128(10, 2)),
            "ouvert": pa.array([True, False]),
            "jour": pa.array([dt.date(2026, 11, 26), None], pa.date32()),
            "maj": pa.array([dt.datetime(2026, 11, 26, 14), None], pa.timestamp("us", "UTC")),
            "texte": pa.array(["a", "b"], pa.large_string()),
            "tags": pa.array([["a"], []], pa.list_(pa.string())),
        }
    )
    path = tmp_path / "communes.parquet"
    pq.write_table(table, path)
    columns = read_parquet_columns(path)
    assert columns.names == tuple(table.column_names)
    assert columns.types == {
        "code": "string",
        "nom": "string",
        "population": "integer",
        "taux": "number",
        "budget": "number",
        "ouvert": "boolean",
        "jour": "date",
        "maj": "datetime",
        "texte": "string",
        "tags": None,
    }
    assert read_parquet_columns(str(path)) == columns


def test_parquet_glob_uses_the_first_file_by_name(tmp_path):
    (tmp_path / "part").mkdir()
    pq.write_table(pa.table({"b_only": [1]}), tmp_path / "part" / "2025.parquet")
    pq.write_table(pa.table({"a_only": ["x"]}), tmp_path / "part" / "2024.parquet")
    columns = read_parquet_columns(tmp_path / "part" / "*.parquet")
    assert columns.names == ("a_only",)
    assert columns.types == {"a_only": "string"}
    recursive = read_parquet_columns(f"{tmp_path}/**/*.parquet")
    assert recursive.names == ("a_only",)


def test_parquet_file_name_that_looks_like_a_glob(tmp_path):
    path = tmp_path / "budget[2024].parquet"
    pq.write_table(pa.table({"montant": [1.5]}), path)
    assert read_parquet_columns(path).types == {"montant": "number"}


def test_parquet_glob_without_match(tmp_path):
    pattern = str(tmp_path / "*.parquet")
    error = raises("parquet_no_match", read_parquet_columns, pattern)
    assert error.params == {"pattern": pattern}


@pytest.mark.parametrize("content", [None, b"a;b\n1;2\n", b""])
def test_unreadable_parquet(tmp_path, content):
    path = tmp_path / "data.parquet"
    if content is not None:
        path.write_bytes(content)
    error = raises("parquet_unreadable", read_parquet_columns, path)
    assert error.params["detail"]


# ---------------------------------------------------------------- Excel


def make_workbook(tmp_path: Path) -> Path:
    workbook = Workbook()
    first = workbook.active
    first.title = "Équipements"
    first.append([])
    first.append(["commune", "surface", "ouvert", "créé le", "maj", "code", "mix", "vide", None])
    first.append(["Quimperlé", 12, True, dt.date(2026, 11, 26), dt.datetime(2026, 11, 26), "01000"])
    first.append(["Brest", 12.5, False, None, dt.datetime(2026, 11, 27, 14), "29019", 3])
    first.append(["NA", None, None, dt.date(2026, 1, 1), None, None, "x"])
    second = workbook.create_sheet("Budget")
    second.append([2024, 2025.0, "total "])
    second.append([1, 2, 3])
    workbook.create_sheet("Vide")
    path = tmp_path / "classeur.xlsx"
    workbook.save(path)
    return path


def test_excel_first_sheet_by_default(tmp_path):
    path = make_workbook(tmp_path)
    columns = read_excel_columns(path)
    expected = {
        "commune": "string",
        "surface": "number",
        "ouvert": "boolean",
        "créé le": "datetime",  # Excel stores dates as midnight datetimes: kept as datetime
        "maj": "datetime",
        "code": "string",
        "mix": "string",
        "vide": None,
    }
    assert columns.types == expected
    assert columns.names == tuple(expected)  # in file order
    assert read_excel_columns(path, "Équipements") == columns
    assert read_excel_columns(path, 0) == columns


def test_excel_other_sheet_by_name_or_index(tmp_path):
    path = make_workbook(tmp_path)
    columns = read_excel_columns(path, "Budget")
    assert columns.names == ("2024", "2025", "total")
    assert columns.types == {"2024": "integer", "2025": "integer", "total": "integer"}
    assert read_excel_columns(path, 1) == columns


@pytest.mark.parametrize("sheet", ["Absente", 3, -1])
def test_excel_unknown_sheet(tmp_path, sheet):
    error = raises("excel_unknown_sheet", read_excel_columns, make_workbook(tmp_path), sheet)
    assert error.params == {"sheet": str(sheet), "sheets": "Équipements, Budget, Vide"}


def test_excel_empty_sheet(tmp_path):
    error = raises("excel_empty_sheet", read_excel_columns, make_workbook(tmp_path), "Vide")
    assert error.params == {"sheet": "Vide"}


def test_excel_header_problems(tmp_path):
    workbook = Workbook()
    workbook.active.append(["a", None, "c"])
    workbook.create_sheet("dup").append(["a", "b", "a "])
    path = tmp_path / "bad.xlsx"
    workbook.save(path)
    error = raises("excel_empty_header_name", read_excel_columns, path)
    assert (error.params, error.line) == ({"position": 2}, 1)
    error = raises("excel_duplicate_header", read_excel_columns, path, "dup")
    assert error.params == {"name": "a"}


def test_excel_workbook_is_closed(tmp_path, monkeypatch):
    import openpyxl

    closed: list[bool] = []
    real_load = openpyxl.load_workbook

    def load(*args, **kwargs):
        assert kwargs == {"read_only": True, "data_only": True}
        workbook = real_load(*args, **kwargs)
        real_close = workbook.close
        workbook.close = lambda: (closed.append(True), real_close())
        return workbook

    monkeypatch.setattr(openpyxl, "load_workbook", load)
    path = make_workbook(tmp_path)
    read_excel_columns(path)
    raises("excel_unknown_sheet", read_excel_columns, path, "Absente")
    assert closed == [True, True]


@pytest.mark.parametrize("content", [None, b"a;b\n1;2\n"])
def test_excel_unreadable(tmp_path, content):
    path = tmp_path / "classeur.xlsx"
    if content is not None:
        path.write_bytes(content)
    assert raises("excel_unreadable", read_excel_columns, path).params["detail"]


# ---------------------------------------------------------------- GeoJSON


def feature(properties):
    point = {"type": "Point", "coordinates": [-3.55, 47.87]}
    return {"type": "Feature", "geometry": point, "properties": properties}


def test_geojson_union_of_properties_in_order(tmp_path):
    document = {
        "type": "FeatureCollection",
        "features": [
            feature({"nom": "Brest", "pop": 140000, "ouvert": True}),
            feature({"pop": 12000.5, "date": "2026-11-26", "code": "29233"}),
            feature(None),
            feature({"maj": "2026-11-26T14:00:00Z", "date": None, "infos": {"a": 1}}),
            feature({"nom": None, "ouvert": 1, "vide": None, "maj": "2026-11-26"}),
        ],
    }
    path = tmp_path / "points.geojson"
    path.write_text(json.dumps(document), encoding="utf-8")
    columns = read_geojson_columns(path)
    expected = {
        "nom": "string",
        "pop": "number",
        "ouvert": "string",  # a boolean and an integer
        "date": "date",
        "code": "string",  # JSON strings stay strings unless they are dates
        "maj": "datetime",
        "infos": "string",
        "vide": None,
        "geometry": None,
    }
    assert columns.types == expected
    assert columns.names == tuple(expected)  # in file order
    assert read_geojson_columns(path, max_features=1).names == ("nom", "pop", "ouvert", "geometry")


def test_geojson_invalid_json_gives_the_line(tmp_path):
    path = tmp_path / "bad.geojson"
    path.write_text('{\n  "type": "FeatureCollection",\n  "features": [,]\n}\n')
    error = raises("geojson_invalid_json", read_geojson_columns, path)
    assert error.line == 3
    assert error.params["detail"]


@pytest.mark.parametrize(
    ("document", "found"),
    [(feature({"a": 1}), "Feature"), ([1, 2], "list"), ({"features": []}, "object")],
)
def test_geojson_not_a_feature_collection(tmp_path, document, found):
    path = tmp_path / "x.geojson"
    path.write_text(json.dumps(document))
    error = raises("geojson_not_feature_collection", read_geojson_columns, path)
    assert error.params == {"found": found}


def test_geojson_without_features(tmp_path):
    path = tmp_path / "x.geojson"
    path.write_text('{"type": "FeatureCollection"}')
    raises("geojson_missing_features", read_geojson_columns, path)


def test_geojson_too_big_is_not_loaded(tmp_path):
    path = tmp_path / "huge.geojson"
    with path.open("wb") as f:
        f.truncate(201 * 1024 * 1024)  # sparse: nothing is written, and it is not even JSON
    error = raises("geojson_too_big", read_geojson_columns, path)
    assert error.params == {"size_mb": 201.0, "limit_mb": 200}


def test_geojson_missing_file(tmp_path):
    raises("geojson_unreadable", read_geojson_columns, tmp_path / "absent.geojson")


# ---------------------------------------------------------------- error codes


def test_error_codes_are_unique_and_have_english_fallbacks():
    assert len(set(SNIFF_ERROR_CODES)) == len(SNIFF_ERROR_CODES)
    prefixes = {code.split("_")[0] for code in SNIFF_ERROR_CODES}
    assert prefixes == {"csv", "parquet", "excel", "geojson"}
    error = SniffError("csv_duplicate_header", {"name": "commune"}, line=1, path="a.csv")
    assert str(error) == "a.csv:1: the column name 'commune' appears more than once in the header"
    assert (error.params, error.line) == ({"name": "commune"}, 1)
    assert str(SniffError("csv_empty_file")) == "the file is empty"
    assert str(SniffError("other_code", {"x": 1})) == "other_code"
    assert str(SniffError("csv_duplicate_header")) == "csv_duplicate_header {}"


def test_integer_codes_are_text_by_their_name(tmp_path: Path) -> None:
    path = tmp_path / "communes.csv"
    path.write_text(
        "code_insee;nom;population;code postal;siren_epci\n29233;Quimperlé;12011;29300;242900702\n",
        encoding="utf-8",
    )
    columns = read_csv_columns(path)
    assert columns.types == {
        "code_insee": "string",
        "nom": "string",
        "population": "integer",
        "code postal": "string",
        "siren_epci": "string",
    }
