"""The streaming record count that DuckDB's CSV reading is checked against."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from datacites_proto.sources.reading import csv_scan
from datacites_proto.sources.reading.csv_scan import scan_records, utf8_line


def scan(tmp_path: Path, content: bytes, limit: int = 100) -> tuple[int, int, int, int | None]:
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    found = scan_records(path, '"', 1, limit)
    return found.records, found.lines, found.too_long, found.first_too_long


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"a;b\n1;2\n\n3;4\n", (2, 4, 0, None)),  # a blank line is no record
        (b"a;b\r\n1;2\r\n\r\n3;4", (2, 4, 0, None)),  # CRLF, no final line end
        (b'a;b\n1;"x\ny"\n3;4\n', (2, 4, 0, None)),  # a quoted line end
        (b'a;b\n1;"x""\ny"\n3;4\n', (2, 4, 0, None)),  # a doubled quote keeps the parity
        (b"a;b\n;\n", (1, 2, 0, None)),  # `;` is a row of empty cells
        (b"a;b\r1;2\r3;4\r", (2, 3, 0, None)),  # old Mac line ends
        (b"a;b\n", (0, 1, 0, None)),
        (b"a;b\n1;" + b"x" * 200 + b"\n2;y\n" + b"z" * 101 + b"\n", (3, 4, 2, 2)),
    ],
)
def test_records_lines_and_too_long_ones(tmp_path, content, expected):
    assert scan(tmp_path, content) == expected


def test_chunk_boundaries_do_not_change_the_count(tmp_path, monkeypatch):
    rng = random.Random(11)
    pieces = [b"1;2", b'"a\r\nb"', b'"x""y"', b"", b";", b"\r", b"z" * 150]
    lines = [b"a;b"] + [b";".join(rng.choices(pieces, k=2)) for _ in range(300)]
    content = b"\r\n".join(lines) + b"\r\n"
    whole = scan(tmp_path, content)
    for size in (len(lines[0]) + 2, 7, 64, 1000):
        monkeypatch.setattr(csv_scan, "CHUNK_BYTES", size)
        assert scan(tmp_path, content) == whole, size


def test_utf8_accents_are_found_in_bytes_read_as_latin1():
    assert utf8_line(b"a;b\n1;Quimperl\xe9\n2;Br\xc3\xa9z\xc3\xa9\n", 10) == 13
    assert utf8_line("1;Quimperlé;« »\n".encode("cp1252"), 0) is None


@pytest.mark.parametrize(
    "content",
    [
        b'a;b\n1;"x\ny"\n\nG"are;12\n3;4\n',  # a quote inside an unquoted cell is text
        b'a;b\r\n1;2\r\n;\r\n32";4',
        b"a;b\r1;2\r\r3;4\r",
    ],
)
def test_the_exact_count_reads_quotes_as_duckdb(tmp_path, content):
    import duckdb

    path = tmp_path / "f.csv"
    path.write_bytes(content)
    found = csv_scan.exact_records(path, ";", '"', 1)
    con = duckdb.connect()
    (rows,) = con.execute(
        "SELECT count(*) FROM read_csv(?, delim = ';', quote = '\"', escape = '\"',"
        " header = true, all_varchar = true)",
        [str(path)],
    ).fetchone()
    assert found.exact and found.records == rows


def test_the_exact_count_finds_the_longest_field_of_a_too_long_record(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(b'x;y;z\n1;"a;b\nc";' + b"z" * 50 + b";q\r\n2;" + b"y" * 80 + b"\n")
    found = csv_scan.exact_records(path, ";", '"', 1, limit=59)
    assert (found.records, found.too_long, found.first_too_long) == (2, 2, 2)
    assert (found.first_too_long_column, found.first_too_long_size) == (3, 60)


def test_the_quick_count_agrees_with_duckdb_on_untidy_quotes(tmp_path, monkeypatch):
    """Random files of quoted, doubled and stray quotes (`G"are`, `32"`), chunk sizes too."""
    import duckdb

    pieces = ["1", '"x;y"', '"p""q"', 'G"are', '32"', '""', '"deux\nlignes"', "", '"a""\n""b"']
    con = duckdb.connect()
    path, compared = tmp_path / "f.csv", 0
    for seed in range(120):
        rng = random.Random(seed)
        rows = [";".join(rng.choices(pieces, k=2)) for _ in range(rng.randint(1, 30))]
        path.write_text("a;b\n" + "\n".join(rows) + "\n", encoding="utf-8")
        con.execute(
            "CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv(?, columns = {'a': 'VARCHAR',"
            " 'b': 'VARCHAR'}, delim = ';', quote = '\"', escape = '\"', header = true,"
            " auto_detect = false, store_rejects = true, rejects_table = 'rj',"
            " rejects_scan = 'rs')",
            [str(path)],
        )
        if con.execute("SELECT count(*) FROM rj").fetchone()[0]:
            continue  # DuckDB reports those itself
        (rows_read,) = con.execute("SELECT count(*) FROM t").fetchone()
        for size in (4 << 20, 5, 13):
            monkeypatch.setattr(csv_scan, "CHUNK_BYTES", size)
            assert scan_records(path, '"', 1, sep=";").records == rows_read, (seed, size)
        compared += 1
    assert compared > 30


@pytest.mark.parametrize("size", [3, 4, 1000])
def test_the_widest_field_of_a_record_is_found_across_chunks(tmp_path, monkeypatch, size):
    monkeypatch.setattr(csv_scan, "CHUNK_BYTES", size)
    path = tmp_path / "f.csv"
    path.write_bytes(b'x\n1;"a;b\nc";' + b"z" * 50 + b';q"\r\n2;' + b"y" * 80 + b"\n")
    assert csv_scan.widest_field(path, 2, '"', ";") == (3, 50)  # the record of line 2
    assert csv_scan.widest_field(path, path.read_bytes().index(b"2;"), '"', ";") == (2, 80)
