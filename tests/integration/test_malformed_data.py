"""Malformed data files, loaded for real: every one raises a located DataError, nothing is kept.

Each file of tests/data/malformed/ has one thing wrong (its name says what; the files
are written by tests/data/make_files.py). For each, loading must raise `DataError` whose
problem names the file as the blueprint writes it (relative to the blueprint's folder),
the line in the file (computed here from the file's text: the one line matching `at`),
the column when a cell is at fault, says what is wrong in French, and in English when
rendered with lang="en"; and no table may be left in the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.engine.duckdb_cache import META_TABLE, DuckDbCache
from datacites_proto.engine.errors import DataError
from datacites_proto.engine.loading import load_dataset

DATA = Path(__file__).resolve().parents[1] / "data"
MALFORMED = DATA / "malformed"


@dataclass(frozen=True)
class Case:
    file: str  # in malformed/ (a glob for Parquet)
    code: str
    at: str | None  # regex matching exactly one line of the file; None: the problem has no line
    col: int | None  # 1-based column of the offending cell; None: not about one cell
    fr: str  # a distinctive fragment of the French message
    en: str  # the same in English
    type: str = "csv"
    source: dict[str, Any] = field(default_factory=dict)
    columns: dict[str, Any] = field(default_factory=dict)
    key: Any = None
    line: int | None = None  # for files without text lines (Excel: the sheet row)
    encoding: str = "utf-8"  # to find `at` in the file's text
    problem_file: str | None = None  # when the problem names another file than `file`
    suggestion: str | None = None

    def __str__(self) -> str:
        return f"{self.file}[{self.code}]"


CASES = [
    Case("too_many_columns.csv", "csv_field_count", r"^29019;Brest;3;4$", None,
         "4 champs au lieu de 3", "4 fields instead of 3"),
    Case("unterminated_quote.csv", "csv_bad_quote", r'^29019;"Brest', 2,
         "guillemet non refermé ou mal placé", "a quote is not closed or is misplaced"),
    Case("integer_with_decimal.csv", "data_not_integer", r"12,5$", 3,
         "« 12,5 » à la ligne {line} n'est pas un nombre entier",
         "'12,5' on line {line} is not a whole number", columns={"valeur": "integer"}),
    Case("integer_text.csv", "data_not_integer", r";abc$", 3,
         "Colonne « valeur » : « abc »", "Column 'valeur': 'abc'", columns={"valeur": "integer"}),
    Case("impossible_date.csv", "data_not_date", r"31/02/2026", 2,
         "« 31/02/2026 » à la ligne {line} n'est pas une date valide",
         "'31/02/2026' on line {line} is not a valid date", columns={"date_releve": "date"}),
    Case("bad_boolean.csv", "data_not_boolean", r"peut-être", 2,
         "n'est pas un booléen", "is not a boolean", columns={"ouvert": "boolean"}),
    Case("bad_datetime.csv", "data_not_datetime", r"25:00", 2,
         "n'est pas une date et heure valide", "is not a valid date and time",
         columns={"debut": "datetime"}),
    Case("below_min.csv", "data_below_min", r";-5$", 2,
         "« -5 » à la ligne {line} est inférieur au minimum 0 (1 ligne en tout)",
         "'-5' on line {line} is below the minimum 0 (1 row in all)",
         columns={"count": {"type": "integer", "min": 0}}),
    Case("above_max.csv", "data_above_max", r";1,5$", 2,
         "« 1,5 » à la ligne {line} est supérieur au maximum 1", "is above the maximum 1",
         columns={"taux": {"type": "number", "max": 1}}),
    Case("out_of_range.csv", "data_out_of_range", r";-5$", 3,
         "Colonne « count » : « -5 » à la ligne 12 est hors de l'intervalle [0, 10000] (37 lignes en tout).",
         "Column 'count': '-5' on line 12 is outside the range [0, 10000] (37 rows in all).",
         columns={"count": {"type": "integer", "min": 0, "max": 10000}}),
    Case("not_in_enum.csv", "data_not_in_enum", r"^c3;CAR$", 2,
         "ne fait pas partie des valeurs permises (PEDESTRIAN, BIKE) (2 lignes en tout)",
         "is not one of the allowed values (PEDESTRIAN, BIKE) (2 rows in all)",
         columns={"mobility_type": {"type": "string", "enum": ["PEDESTRIAN", "BIKE"]}}),
    Case("required_empty.csv", "data_required_missing", r"^s2;$", 2,
         "cellule vide à la ligne {line}, or la colonne est obligatoire", "empty cell on line {line}",
         columns={"site_name": {"type": "string", "required": True}}),
    Case("duplicate_unique.csv", "data_not_unique", r"^s3;Halles$", 2,
         "« Halles » à la ligne {line} figure déjà à la ligne 2", "already appears on line 2",
         columns={"site_name": {"type": "string", "unique": True}}),
    Case("duplicate_key.csv", "data_key_duplicate", r"^c1;26/11/2026 10:00", 1,
         "Clé « channel_id, start_datetime » : « c1 | 26/11/2026 10:00 »",
         "each row needs its own key", key=["channel_id", "start_datetime"]),
    Case("empty_key.csv", "data_key_missing", r"^;Gare$", 1,
         "la colonne « site_id » est vide à la ligne {line}", "a key cannot be empty", key="site_id"),
    Case("missing_column.csv", "declared_column_missing", r"^code;nom;valeur$", None,
         "La colonne déclarée « valeurr » n'existe pas", "The declared column 'valeurr' does not exist",
         columns={"valeurr": "integer"}, suggestion="valeur"),
    Case("cp1252_forced_utf8.csv", "csv_decode_error", r"^29233;Quimperl", None,
         "n'est pas un texte utf-8 valide", "is not valid utf-8 text",
         source={"encoding": "utf-8"}, encoding="cp1252"),
    Case("late_cp1252_byte.csv", "csv_invalid_encoding", r"^99999;", 2,
         "le texte n'est pas en UTF-8 valide", "the text is not valid UTF-8", encoding="cp1252"),
    Case("empty.csv", "csv_empty_file", None, None, "est vide", "is empty"),
    Case("binary.csv", "csv_binary_file", None, None, "octets nuls", "NUL bytes"),
    Case("string_as_integer.parquet", "data_not_integer", None, 2,
         "« x » à l'enregistrement n° 3 n'est pas un nombre entier", "'x' in row 3 is not a whole number",
         type="parquet", columns={"count": "integer"}),
    Case("parquet_mismatch/*.parquet", "parquet_schema_mismatch", None, None,
         "n'a pas les mêmes colonnes que « malformed/parquet_mismatch/part-1.parquet » (count: int64 → double)",
         "does not have the same columns as", type="parquet",
         problem_file="parquet_mismatch/part-2.parquet"),
    Case("not_feature_collection.geojson", "geojson_not_feature_collection", None, None,
         "doit être une FeatureCollection GeoJSON (trouvé : Feature)",
         "must be a GeoJSON FeatureCollection (found: Feature)", type="geojson"),
    Case("bad_property.geojson", "data_not_integer", None, 2,
         "« beaucoup » dans l'entité n° 3 n'est pas un nombre entier (1 entité en tout)",
         "'beaucoup' in feature #3 is not a whole number (1 feature in all)",
         type="geojson", columns={"places": "integer"}),
    Case("workbook.xlsx", "excel_unknown_sheet", None, None,
         "Pas de feuille « Feuil3 »", "No sheet 'Feuil3'", type="excel", source={"sheet": "Feuil3"}),
    Case("workbook.xlsx", "data_not_integer", None, 2,
         "« beaucoup » à la ligne 5 n'est pas un nombre entier", "'beaucoup' on line 5",
         type="excel", source={"sheet": "Sites"}, columns={"places": "integer"}, line=5),
]  # fmt: skip


def expected_line(case: Case) -> int | None:
    if case.at is None:
        return case.line
    text = (MALFORMED / case.file).read_bytes().decode(case.encoding, errors="replace")
    lines = [n for n, line in enumerate(text.splitlines(), 1) if re.search(case.at, line)]
    assert len(lines) == 1, f"{case.at!r} must match one line of {case.file}, matched {lines}"
    return lines[0]


def expected_column(case: Case) -> str:
    """The name of the file's column number `col`: from the header, or the one declared."""
    if case.type == "csv":
        header = (MALFORMED / case.file).read_bytes().decode(case.encoding).splitlines()[0]
        return header.split(";")[case.col - 1]
    (name,) = case.columns
    return name


def try_loading(tmp_path: Path, spec: dict[str, Any]) -> tuple[DataError, DuckDbCache]:
    store = DuckDbCache(tmp_path / "service.duckdb")
    dataset = Dataset.model_validate(spec)
    with pytest.raises(DataError) as info:
        load_dataset(store, "bad", dataset, base_dir=DATA, cache_dir=tmp_path / "cache")
    return info.value, store


def assert_nothing_left(store: DuckDbCache, tmp_path: Path) -> None:
    tables = store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
    views = store.con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    assert (tables, views) == ([(META_TABLE,)], [])
    assert store.stored("bad") is None
    store.close()
    assert not any((tmp_path / "cache").rglob("*.csv"))  # no transcoded copy left


def test_there_are_enough_malformed_files():
    files = [p for p in MALFORMED.rglob("*") if p.is_file()]
    assert len(files) >= 15
    covered = {c.file.split("/")[0] for c in CASES} | {"several_problems.csv"}
    assert {p.relative_to(MALFORMED).parts[0] for p in files} <= covered


@pytest.mark.parametrize("case", CASES, ids=str)
def test_malformed_file(case: Case, tmp_path: Path) -> None:
    spec: dict[str, Any] = {
        "source": {"type": case.type, "path": f"malformed/{case.file}", **case.source},
        "columns": case.columns,
    }
    if case.key is not None:
        spec["key"] = case.key
    error, store = try_loading(tmp_path, spec)

    assert [p.code for p in error.problems] == [case.code], error.render()
    problem = error.problems[0]
    assert problem.file == f"malformed/{case.problem_file or case.file}"
    line = expected_line(case)
    assert problem.line == line
    assert problem.col == case.col
    if case.col is not None:
        assert problem.params["column"] == expected_column(case)
    french, english = problem.message("fr"), problem.message("en")
    assert case.fr.format(line=line) in french
    assert case.en.format(line=line) in english
    assert case.fr.format(line=line) in error.render("fr")
    assert case.en.format(line=line) in error.render(lang="en")
    assert french != english
    if line is not None and case.code.startswith("data_"):
        assert f"ligne {line}" in french and f"line {line}" in english
    if case.suggestion:
        assert problem.suggestions == (case.suggestion,)
        assert f"Vouliez-vous dire « {case.suggestion} »" in french
    assert_nothing_left(store, tmp_path)


def test_several_problems_of_one_file_are_reported_together(tmp_path: Path) -> None:
    spec = {
        "source": {"type": "csv", "path": "malformed/several_problems.csv"},
        "columns": {
            "count": "integer",
            "mobility_type": {"type": "string", "enum": ["PEDESTRIAN", "BIKE"]},
            "site": {"type": "string", "required": True},
        },
        "key": "channel_id",
    }
    error, store = try_loading(tmp_path, spec)
    found = [(p.code, p.line, p.col) for p in error.problems]
    assert found == [
        ("data_not_integer", 3, 3),
        ("data_not_in_enum", 4, 2),
        ("csv_field_count", 5, None),  # the row with an extra field
        ("data_key_duplicate", 6, 1),  # lines after a rejected one are still right
        ("data_required_missing", 6, 4),
    ]
    assert all(p.file == "malformed/several_problems.csv" for p in error.problems)
    rendered = error.render("fr").splitlines()
    assert len(rendered) == 5
    assert rendered[0].startswith("malformed/several_problems.csv:3:3: Colonne « count »")
    assert "already appears on line 2" in error.render("en")
    assert_nothing_left(store, tmp_path)


# ---------------------------------------------------------------- hostile CSV files (issue 11)
# Written here rather than committed: some are megabytes. Each must be a located DataError.


def load_written(tmp_path: Path, content: bytes, **spec: Any) -> tuple[DataError, DuckDbCache]:
    """Write `content` as data/hostile.csv and load it; the DataError and the store."""
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "hostile.csv").write_bytes(content)
    store = DuckDbCache(tmp_path / "service.duckdb")
    dataset = Dataset.model_validate({"source": {"type": "csv", "path": "hostile.csv"}, **spec})
    with pytest.raises(DataError) as info:
        load_dataset(
            store, "bad", dataset, base_dir=tmp_path / "data", cache_dir=tmp_path / "cache"
        )
    return info.value, store


def only_problem(error: DataError, code: str, line: int | None) -> Any:
    assert [p.code for p in error.problems] == [code], error.render("en")
    problem = error.problems[0]
    assert (problem.file, problem.line) == ("hostile.csv", line)
    assert problem.message("fr") != problem.message("en")
    return problem


@pytest.mark.parametrize("megabytes", [3, 40])  # 40 MB: past DuckDB's buffer, once dropped
def test_an_oversized_field_is_located_whatever_its_size(tmp_path: Path, megabytes: int) -> None:
    field_ = b"x" * (megabytes << 20)
    error, store = load_written(tmp_path, b"code;nom\n1;ok\n2;" + field_ + b"\n3;fine\n")
    problem = only_problem(error, "csv_record_too_long", 3)
    size = -(-len(field_) // 1_000_000)
    assert f"à la ligne 3 : une ligne de {size} Mo dépasse la limite de 2 Mo" in problem.message()
    assert f"on line 3: a line of {size} MB is over the 2 MB limit" in problem.message("en")
    assert problem.col == 2
    assert "son champ le plus long est dans la colonne « nom »" in problem.message()
    assert "its longest field is in the column 'nom'" in problem.message("en")
    assert_nothing_left(store, tmp_path)


def test_rows_duckdb_drops_are_an_error_never_a_silent_loss(tmp_path: Path, monkeypatch) -> None:
    """The safety net under the scan: rows read are checked against the file's records."""
    from datacites_proto.sources.reading import csv_scan

    scan = csv_scan.scan_records
    monkeypatch.setattr(csv_scan, "scan_records", lambda *a, **k: scan(*a, limit=1 << 40, **k))
    content = b"code;nom\n1;ok\n2;" + b"x" * (40 << 20) + b"\n3;fine\n"
    error, store = load_written(tmp_path, content)
    problem = only_problem(error, "csv_rows_mismatch", None)
    assert "2 lignes lues pour 3 lignes de données" in problem.message()
    assert "2 rows read for 3 data lines" in problem.message("en")
    assert_nothing_left(store, tmp_path)


@pytest.mark.parametrize(
    ("content", "read", "records"),
    [
        (b'site;""compte\nGare;12\nHalles;3\n', 0, 2),  # DuckDB 2.0 reads no row, says nothing
        (b"\r\nsite;compte\nGare;12\nHalles;3\n", 0, 2),  # a CRLF blank line, then LF lines
    ],
    ids=["doubled-quote-in-header", "crlf-then-lf"],
)
def test_rows_duckdb_reads_silently_short_are_an_error(
    tmp_path: Path, content: bytes, read: int, records: int
) -> None:
    """Found by the fuzz test: DuckDB returns fewer rows and no reject; the count sees it."""
    error, store = load_written(tmp_path, content)
    problem = only_problem(error, "csv_rows_mismatch", None)
    assert (
        f"{read} ligne lue pour {records} lignes de données"
    )  # 0 is singular in French in problem.message()
    assert f"{read} rows read for {records} data lines" in problem.message("en")
    assert_nothing_left(store, tmp_path)


LATIN1_ROWS = b"".join(b"%d;Quimperl\xe9\n" % i for i in range(6000))  # past the 64 KB sample
UTF8_ROWS = b"".join(b"%d;Br\xc3\xa9z\xc3\xa9\n" % i for i in range(6000))


@pytest.mark.parametrize(
    ("content", "code", "line"),
    [
        (b"code;nom\n" + LATIN1_ROWS + b"5000;Br\xc3\xa9z\xc3\xa9\n", "csv_mixed_encoding", 6002),
        (b"code;nom\n" + UTF8_ROWS + b"5000;Quimperl\xe9\n", "csv_invalid_encoding", 6002),
        (b"code;nom\n1;Quimperl\xe9\n2;Br\xc3\xa9z\xc3\xa9\n", "csv_mixed_encoding", 3),
        (b"code;nom\n1;Br\xc3\xa9z\xc3\xa9\n2;Quimperl\xe9\n", "csv_mixed_encoding", 2),
    ],
    ids=["latin1-then-utf8", "utf8-then-latin1", "both-in-sample", "utf8-first-in-sample"],
)
def test_an_encoding_switch_mid_file_is_located(
    tmp_path: Path, content: bytes, code: str, line: int
) -> None:
    error, store = load_written(tmp_path, content)
    problem = only_problem(error, code, line)
    assert f"à la ligne {line}" in problem.message() and f"on line {line}" in problem.message("en")
    if code == "csv_mixed_encoding":
        assert "réenregistrez-le entièrement en UTF-8" in problem.message()
        assert "save all of it as UTF-8" in problem.message("en")
    assert_nothing_left(store, tmp_path)


def test_a_header_only_file_has_a_header_but_no_row(tmp_path: Path) -> None:
    error, store = load_written(tmp_path, b"code;nom;valeur\n\n")
    problem = only_problem(error, "csv_no_rows", 1)
    assert "a un en-tête (ligne 1, 3 colonnes) mais aucune ligne de données" in problem.message()
    assert "has a header (line 1, 3 columns) but no data row" in problem.message("en")
    assert "vide" not in problem.message() and "empty" not in problem.message("en")
    assert_nothing_left(store, tmp_path)


def test_a_huge_header_is_too_many_columns(tmp_path: Path) -> None:
    header = ";".join(f"c{i}" for i in range(200_000)).encode()
    error, store = load_written(tmp_path, header + b"\n" + b"1\n")
    problem = only_problem(error, "csv_too_many_columns", 1)
    assert "au-delà de la limite de 5000" in problem.message()
    assert "over the limit of 5000" in problem.message("en")
    assert_nothing_left(store, tmp_path)


def test_a_header_without_line_end_is_not_called_empty(tmp_path: Path) -> None:
    error, store = load_written(tmp_path, b"code;" + b"n" * (2 << 20) + b"\n1;2\n")
    problem = only_problem(error, "csv_header_too_long", 1)
    assert "ne se termine pas dans ses 1024 premiers Ko" in problem.message()
    assert "does not end within its first 1024 KB" in problem.message("en")
    assert_nothing_left(store, tmp_path)


def test_missing_columns_list_the_files_columns_once_and_shortened(tmp_path: Path) -> None:
    names = [f"colonne_{i}" for i in range(200)]
    content = (";".join(names) + "\n" + ";".join("1" * 200) + "\n").encode()
    columns = {f"absente_{i}": "integer" for i in range(5)}
    error, store = load_written(tmp_path, content, columns=columns)
    assert [p.code for p in error.problems] == ["declared_column_missing"] * 5
    first, *others = [p.message() for p in error.problems]
    assert "colonne_0, colonne_1" in first and "colonne_29 … et 170 autres." in first
    assert "colonne_30" not in first
    assert all(m.endswith("Colonnes du fichier : voir plus haut.") for m in others)
    assert "… and 170 more" in error.problems[0].message("en")
    assert error.problems[1].message("en").endswith("The file's columns: see above.")
    assert len(error.render("fr")) < 2500
    assert_nothing_left(store, tmp_path)
