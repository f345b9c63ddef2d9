"""The cell conversion rules, run by DuckDB exactly as loading runs them."""

from __future__ import annotations

import datetime as dt
import math

import duckdb
import pytest

from datacites_proto.sources.reading import conversion as cv
from datacites_proto.sources.sniff import infer_type


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def text_to(con, value: str | None, target: str, decimal: str = ".", strict: bool = False):
    """What loading stores for one text cell: None when missing or not convertible."""
    present = cv.present("v", "VARCHAR")
    expr = cv.from_text(cv.trimmed("p", "VARCHAR"), target, decimal, strict=strict)
    if target == "string":
        expr = "p"
    return con.execute(
        f"SELECT {expr} FROM (SELECT {present} AS p FROM (SELECT ? AS v))", [value]
    ).fetchone()[0]


def is_missing(con, value: str | None) -> bool:
    return con.execute(
        f"SELECT {cv.present('v', 'VARCHAR')} IS NULL FROM (SELECT ? AS v)", [value]
    ).fetchone()[0]


@pytest.mark.parametrize(
    "value",
    [None, "", "   ", "NA", "na", " N/A ", "n/a", "NaN", "nan", "null", "NULL", "-", "\u00a0NA\t"],
)
def test_missing_cells(con, value):
    assert is_missing(con, value)


@pytest.mark.parametrize("value", ["0", "--", "n.a.", "none", "NA1", "x", "-1", "Namur"])
def test_cells_that_are_not_missing(con, value):
    assert not is_missing(con, value)


@pytest.mark.parametrize(
    ("value", "decimal", "expected"),
    [
        ("12", ".", 12),
        ("-3", ".", -3),
        ("+7", ".", 7),
        (" 42 ", ".", 42),
        ("01234", ".", 1234),  # declared integer: a leading zero is fine
        ("1 234", ",", 1234),
        ("1\u00a0234\u00a0567", ",", 1234567),
        ("1\u202f234", ",", 1234),
        ("-12 000", ",", -12000),
        ("9223372036854775807", ".", 9223372036854775807),
    ],
)
def test_integer_accepted(con, value, decimal, expected):
    assert text_to(con, value, "integer", decimal) == expected


@pytest.mark.parametrize(
    ("value", "decimal"),
    [
        ("12,5", ","),
        ("12.5", "."),
        ("12.0", "."),
        ("abc", "."),
        ("1e3", "."),
        ("1 234", "."),  # groups only go with the decimal comma
        ("12 34", ","),  # groups of three
        ("1234 567", ","),
        ("1.234", ","),
        ("9223372036854775808", "."),  # does not fit 64 bits
        ("0x1F", "."),
        ("½", "."),
    ],
)
def test_integer_refused(con, value, decimal):
    assert text_to(con, value, "integer", decimal) is None


def test_detected_integer_keeps_codes_with_leading_zeros_as_text(con):
    assert text_to(con, "01234", "integer", strict=True) is None
    assert text_to(con, "0", "integer", strict=True) == 0
    assert text_to(con, "29233", "integer", strict=True) == 29233
    assert text_to(con, "007,5", "number", ",", strict=True) is None


@pytest.mark.parametrize(
    ("value", "decimal", "expected"),
    [
        ("12,5", ",", 12.5),
        ("1 234,5", ",", 1234.5),
        ("1\u00a0234,25", ",", 1234.25),
        ("-0,75", ",", -0.75),
        (",5", ",", 0.5),
        ("12,", ",", 12.0),
        ("12", ",", 12.0),
        ("1,5e3", ",", 1500.0),
        ("12.5", ".", 12.5),
        (".5", ".", 0.5),
        ("-1.5E-3", ".", -0.0015),
        ("007.5", ".", 7.5),
    ],
)
def test_number_accepted(con, value, decimal, expected):
    assert math.isclose(text_to(con, value, "number", decimal), expected)


@pytest.mark.parametrize(
    ("value", "decimal"),
    [
        ("12.5", ","),  # a point in a decimal-comma file is ambiguous (thousands?)
        ("12,5", "."),
        ("1.234,5", ","),
        ("abc", "."),
        ("inf", "."),
        ("NaN2", "."),
        ("12 %", ","),
        ("1e999", "."),
        ("5 €", ","),
    ],
)
def test_number_refused(con, value, decimal):
    assert text_to(con, value, "number", decimal) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("true", True),
        ("FALSE", False),
        ("Vrai", True),
        ("faux", False),
        ("oui", True),
        ("NON", False),
        ("1", True),
        ("0", False),
        (" oui ", True),
    ],
)
def test_boolean_accepted(con, value, expected):
    assert text_to(con, value, "boolean") is expected


@pytest.mark.parametrize("value", ["yes", "no", "o", "n", "2", "peut-être", "t", "vraiment"])
def test_boolean_refused(con, value):
    assert text_to(con, value, "boolean") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-26", dt.date(2026, 11, 26)),
        ("26/11/2026", dt.date(2026, 11, 26)),
        ("1/2/2026", dt.date(2026, 2, 1)),  # French order: day first
        ("29/02/2024", dt.date(2024, 2, 29)),
    ],
)
def test_date_accepted(con, value, expected):
    assert text_to(con, value, "date") == expected


@pytest.mark.parametrize(
    "value",
    [
        "31/02/2026",
        "29/02/2026",
        "2026-13-01",
        "2026-11-31",
        "11/26/2026",  # no US dates
        "2026/11/26",
        "26-11-2026",
        "2026-11-26 14:00",  # a date column holds dates
        "26/11/26",
        "hier",
    ],
)
def test_date_refused(con, value):
    assert text_to(con, value, "date") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-26T14:00:00", dt.datetime(2026, 11, 26, 14, 0)),
        ("2026-11-26 14:00", dt.datetime(2026, 11, 26, 14, 0)),
        ("2026-11-26 8:05", dt.datetime(2026, 11, 26, 8, 5)),
        ("2026-11-26T14:00:59.5", dt.datetime(2026, 11, 26, 14, 0, 59, 500000)),
        ("2026-11-26T14:00:59,123456789", dt.datetime(2026, 11, 26, 14, 0, 59, 123456)),
        # offsets: the same instant, as Paris wall-clock time (UTC+1 in winter, +2 in summer)
        ("2026-11-26T14:00:00+01:00", dt.datetime(2026, 11, 26, 14, 0)),
        ("2026-11-26T13:00:00Z", dt.datetime(2026, 11, 26, 14, 0)),
        ("2026-07-14T20:00:00+00:00", dt.datetime(2026, 7, 14, 22, 0)),
        ("2026-11-26T14:00+0100", dt.datetime(2026, 11, 26, 14, 0)),
        ("26/11/2026 14:00", dt.datetime(2026, 11, 26, 14, 0)),
        ("26/11/2026 14:00:30", dt.datetime(2026, 11, 26, 14, 0, 30)),
        ("2026-11-26", dt.datetime(2026, 11, 26)),  # a date alone is midnight
        ("26/11/2026", dt.datetime(2026, 11, 26)),
    ],
)
def test_datetime_accepted(con, value, expected):
    assert text_to(con, value, "datetime") == expected


@pytest.mark.parametrize(
    "value",
    [
        "2026-11-26 25:00",
        "2026-11-26 24:00",
        "2026-11-26 14:60",
        "2026-11-26T14",
        "31/02/2026 10:00",
        "11/26/2026 10:00",
        "2026-11-26 14:00 CET",
        "demain 14h",
        "14:00",
    ],
)
def test_datetime_refused(con, value):
    assert text_to(con, value, "datetime") is None


def test_strings_keep_their_spaces_but_missing_tokens_are_null(con):
    assert text_to(con, "  Quimperlé ", "string") == "  Quimperlé "
    assert text_to(con, "01234", "string") == "01234"
    assert text_to(con, "NA", "string") is None


@pytest.mark.parametrize(
    ("values", "decimal"),
    [
        (["12", "-3", "0"], "."),
        (["1 234", "12"], ","),
        (["12,5", "1 234,5"], ","),
        (["2026-11-26", "26/11/2026"], "."),
        (["2026-11-26T14:00:00", "26/11/2026 14:00", "2026-11-26 14:00+01:00"], "."),
        (["oui", "Non", "VRAI"], "."),
    ],
)
def test_what_the_sniffer_detects_the_strict_rules_convert(con, values, decimal):
    kind = infer_type(values, decimal)
    assert all(text_to(con, v, kind, decimal, strict=True) is not None for v in values), kind


# ---------------------------------------------------------------- typed (Parquet) cells


@pytest.mark.parametrize(
    ("sql_value", "target", "expected"),
    [
        ("CAST(12 AS INTEGER)", "number", 12.0),
        ("CAST(12 AS UTINYINT)", "integer", 12),
        ("CAST(12.0 AS DOUBLE)", "integer", 12),
        ("CAST(12.5 AS DOUBLE)", "integer", None),
        ("CAST(1.25 AS DECIMAL(4, 2))", "number", 1.25),
        ("DATE '2026-11-26'", "datetime", dt.datetime(2026, 11, 26)),
        ("TIMESTAMP '2026-11-26 00:00:00'", "date", dt.date(2026, 11, 26)),
        ("TIMESTAMP '2026-11-26 10:00:00'", "date", None),
        ("TIMESTAMPTZ '2026-11-26 13:00:00+00'", "datetime", dt.datetime(2026, 11, 26, 14, 0)),
        ("CAST(42 AS BIGINT)", "string", "42"),
        ("true", "string", "true"),
        ("'12,5'", "integer", None),
        ("CAST(1 AS BOOLEAN)", "date", None),
    ],
)
def test_typed_cells(con, sql_value, target, expected):
    raw_type = con.execute(f"SELECT typeof({sql_value})").fetchone()[0]
    value = con.execute(
        f"SELECT {cv.convert('v', raw_type, target)} FROM (SELECT {sql_value} AS v)"
    ).fetchone()[0]
    assert value == expected


@pytest.mark.parametrize(
    ("raw_type", "kind"),
    [
        ("INTEGER", "integer"),
        ("UBIGINT", "integer"),
        ("DOUBLE", "number"),
        ("DECIMAL(18,3)", "number"),
        ("BOOLEAN", "boolean"),
        ("DATE", "date"),
        ("TIMESTAMP_NS", "datetime"),
        ("TIMESTAMP WITH TIME ZONE", "datetime"),
        ("VARCHAR", "string"),
        ("BLOB", None),
        ("INTEGER[]", None),
    ],
)
def test_family_of_duckdb_types(raw_type, kind):
    assert cv.family(raw_type) == kind


# ---------------------------------------------------------------- Python cells


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, None),
        (True, "true"),
        (12, "12"),
        (12.0, "12"),
        (12.5, "12.5"),
        (1e20, "1e+20"),
        (float("nan"), None),
        (dt.datetime(2026, 11, 26), "2026-11-26"),
        (dt.datetime(2026, 11, 26, 14, 30), "2026-11-26 14:30:00"),
        (dt.date(2026, 11, 26), "2026-11-26"),
        ({"a": [1, "é"]}, '{"a":[1,"é"]}'),
        ("Quimperlé", "Quimperlé"),
    ],
)
def test_cell_text(value, text):
    assert cv.cell_text(value) == text


@pytest.mark.parametrize(
    ("typed", "target"),
    [
        (12.5, "number"),
        (1e20, "number"),
        (dt.datetime(2026, 11, 26, 14, 30), "datetime"),
        (True, "boolean"),
    ],
)
def test_cell_text_reads_back(con, typed, target):
    assert text_to(con, cv.cell_text(typed), target) == typed


def test_identifiers_and_literals_are_quoted(con):
    name = 'taux "brut" d\'été'
    con.execute(f"CREATE TEMP TABLE quoted ({cv.ident(name)} VARCHAR)")
    con.execute(f"INSERT INTO quoted VALUES ({cv.literal(name)})")
    assert con.execute(f"SELECT {cv.ident(name)} FROM quoted").fetchone() == (name,)
    assert con.execute("SELECT column_name FROM (DESCRIBE quoted)").fetchone() == (name,)


@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [
        (0, "integer", 0),
        ("3", "number", 3.0),
        ("x", "number", None),
        (1, "string", "1"),
        (dt.date(2026, 1, 1), "datetime", dt.datetime(2026, 1, 1)),
        ("26/11/2026", "date", dt.date(2026, 11, 26)),
        ("oui", "boolean", True),
    ],
)
def test_python_value_of_blueprint_bounds(value, target, expected):
    assert cv.python_value(value, target) == expected
