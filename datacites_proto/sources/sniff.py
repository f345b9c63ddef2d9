"""Cheap peeks at data files: column names, best-guess column types and CSV dialects.

Nothing here loads a whole file: CSVs are read through their first 64 KB (at most
`sample_rows` records), Parquet through its footer, Excel through its first rows in
openpyxl's streaming mode. GeoJSON is the exception (one `json.load`), capped at
`GEOJSON_LIMIT_MB`. Problems raise `SniffError`, whose `code` the caller translates.
"""

from __future__ import annotations

import codecs
import csv
import glob
import io
import itertools
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from datacites_proto.blueprint.components import DetectionError

ColumnType = Literal["string", "integer", "number", "boolean", "date", "datetime"]
PathLike = str | os.PathLike[str]

SAMPLE_BYTES = 64 * 1024  # bytes of a CSV looked at
MAX_HEADER_BYTES = 1024 * 1024  # read further only while no line end was seen (huge headers)
MAX_COLUMNS = 5000  # wider CSV headers are refused, with this number in the message
SAMPLE_ROWS = 1000
GEOJSON_LIMIT_MB = 200
SEPARATORS = (";", ",", "\t", "|")  # candidates, in order of preference on ties
ONE_COLUMN_SEP = ";"  # when nothing splits the header: keeps `12,5` and `a, b` values whole
MISSING_TOKENS = frozenset({"", "na", "n/a", "nan", "null", "-"})  # compared lower-cased
BOOLEAN_TOKENS = frozenset({"true", "false", "vrai", "faux", "oui", "non"})

_MESSAGES: dict[str, str] = {
    "csv_unreadable": "cannot read the file: {detail}",
    "csv_empty_file": "the file is empty",
    "csv_binary_file": "the file is binary (it contains NUL bytes), not CSV text",
    "csv_unknown_encoding": "unknown encoding '{encoding}'",
    "csv_decode_error": "the file is not valid {encoding} text: {detail}",
    "csv_empty_header_name": "column {position} has an empty name in the header",
    "csv_duplicate_header": "the column name '{name}' appears more than once in the header",
    "csv_too_many_columns": "the header has at least {count} columns, over the limit of {limit}",
    "csv_header_too_long": "the header line does not end within its first {limit_kb} KB",
    "parquet_no_match": "no file matches '{pattern}'",
    "parquet_unreadable": "cannot read the Parquet schema: {detail}",
    "excel_unreadable": "cannot open the workbook: {detail}",
    "excel_unknown_sheet": "no sheet '{sheet}' in the workbook (sheets: {sheets})",
    "excel_empty_sheet": "the sheet '{sheet}' has no non-empty row",
    "excel_empty_header_name": "column {position} has an empty name in the header row",
    "excel_duplicate_header": "the column name '{name}' appears more than once in the header row",
    "geojson_unreadable": "cannot read the file: {detail}",
    "geojson_too_big": "the GeoJSON file is {size_mb} MB, over the {limit_mb} MB limit",
    "geojson_invalid_json": "invalid JSON: {detail}",
    "geojson_not_feature_collection": "expected a GeoJSON FeatureCollection, found {found}",
    "geojson_missing_features": "the FeatureCollection has no 'features' array",
    "geojson_too_deep": "nesting deeper than {limit} levels",
    "geojson_number_too_long": "a number of more than {limit} digits",
    "geojson_too_many_features": "{count} features, over the limit of {limit}",
    "geojson_too_many_properties": "feature {feature}: {count} properties, over {limit}",
    "excel_no_sheet": "the workbook has no readable worksheet",
    "excel_too_big": "the workbook decompresses to {size_mb} MB, over {limit_mb} MB",
    "excel_broken_sheet": "the sheet '{sheet}' cannot be read from line {line}: {detail}",
    "excel_too_many_cells": "the sheet '{sheet}' goes over {limit} cells at line {line}",
    "excel_too_many_rows": "the sheet '{sheet}' has rows past row {limit}",
    "excel_too_many_columns": "the header of '{sheet}' has {count} columns, over {limit}",
}
SNIFF_ERROR_CODES: tuple[str, ...] = tuple(_MESSAGES)


class SniffError(DetectionError):
    """A data file that cannot be peeked at; `code` and `params` are stable, `line` is 1-based."""

    def __init__(
        self,
        code: str,
        params: Mapping[str, Any] | None = None,
        line: int | None = None,
        path: PathLike | None = None,
    ) -> None:
        self.code = code
        self.params = dict(params or {})
        self.line = line
        self.path = os.fspath(path) if path is not None else None
        where = ":".join(str(p) for p in (self.path, line) if p is not None)
        try:
            text = _MESSAGES.get(code, code).format(**self.params)
        except (KeyError, IndexError, ValueError):  # a caller's own code or params
            text = f"{code} {self.params}"
        super().__init__(f"{where}: {text}" if where else text)


@dataclass(frozen=True)
class CsvDialect:
    """How to read a CSV file: text encoding, field separator, decimal mark, quote."""

    encoding: str  # "utf-8-sig" (BOM present), "utf-8" or "cp1252" when detected
    sep: str
    decimal: str  # "." or ","
    quotechar: str = '"'


@dataclass(frozen=True)
class FileColumns:
    """Column names in file order, with a best-guess type each (None: could not tell)."""

    names: tuple[str, ...]
    types: Mapping[str, ColumnType | None]
    header_line: int = 1  # line (CSV) or row (Excel) of the header, after leading blank ones


# ---------------------------------------------------------------- type inference

_SPACES = " \u00a0\u202f"  # thousands separators allowed with a decimal comma
_INT_PART = r"(?:0|[1-9]\d*)"  # a leading zero (`01000`, `007`) makes a code, i.e. a string
_GROUPED = rf"(?:[1-9]\d{{0,2}}(?:[{_SPACES}]\d{{3}})+)"
_EXP = r"(?:[eE][+-]?\d+)?"
_INTEGER = {
    ".": re.compile(rf"[+-]?{_INT_PART}"),
    ",": re.compile(rf"[+-]?(?:{_GROUPED}|{_INT_PART})"),
}
_NUMBER = {
    ".": re.compile(rf"[+-]?(?:{_INT_PART}(?:\.\d*)?|\.\d+){_EXP}"),
    ",": re.compile(rf"[+-]?(?:(?:{_GROUPED}|{_INT_PART})(?:,\d*)?|,\d+){_EXP}"),
}
_ISO = r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
_FR = r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
_TIME = r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
_DATES = (re.compile(_ISO), re.compile(_FR))
_DATETIMES = (
    re.compile(rf"{_ISO}[T ]{_TIME}(?:Z|[+-]\d{{2}}:?\d{{2}})?"),
    re.compile(rf"{_FR}[T ]{_TIME}"),
)


def _valid_moment(match: re.Match[str] | None) -> bool:
    if match is None:
        return False
    parts = {name: int(value or 0) for name, value in match.groupdict().items()}
    try:
        datetime(*(parts.get(name, 0) for name in "ymdHMS"))  # checks days, months, hours
    except ValueError:
        return False
    return True


def _text_kind(text: str, decimal: str) -> ColumnType:
    if text.lower() in BOOLEAN_TOKENS:
        return "boolean"
    if _INTEGER[decimal].fullmatch(text):
        return "integer"
    if _NUMBER[decimal].fullmatch(text):
        return "number"
    if any(_valid_moment(p.fullmatch(text)) for p in _DATES):
        return "date"
    if any(_valid_moment(p.fullmatch(text)) for p in _DATETIMES):
        return "datetime"
    return "string"


_MIXES: dict[frozenset[str], ColumnType] = {
    frozenset({"integer", "number"}): "number",
    frozenset({"date", "datetime"}): "datetime",
}


def _combine(kinds: set[ColumnType]) -> ColumnType | None:
    """One type for the kinds of a column's cells; other mixes make strings."""
    if len(kinds) <= 1:
        return next(iter(kinds), None)
    return _MIXES.get(frozenset(kinds), "string")


# Identifiers written with digits (INSEE and postal codes, SIREN, SIRET…) are codes, not
# quantities: "35238" must join with the "35238" of a GeoJSON, and "01001" keep its zero.
_CODE_NAME = re.compile(
    r"(^|[_\s-])(code|insee|siren|siret|cp|postal|id|identifiant|num|numero|ref|iris|uai)([_\s-]|$)",
    re.IGNORECASE,
)


def code_as_text(name: str, kind: ColumnType | None) -> ColumnType | None:
    """Integer-looking columns whose name says they hold codes are text."""
    return "string" if kind == "integer" and _CODE_NAME.search(name) else kind


def infer_type(values: Iterable[str | None], decimal: str = ".") -> ColumnType | None:
    """Best-guess type of a column from text cells; None when every cell is missing."""
    kinds: set[ColumnType] = set()
    for value in values:
        text = value.strip() if value is not None else ""
        if text.lower() not in MISSING_TOKENS:
            kinds.add(_text_kind(text, decimal))
            if _combine(kinds) == "string":
                return "string"
    return _combine(kinds)


_PYTHON_KINDS: tuple[tuple[type, ColumnType], ...] = (
    (bool, "boolean"),  # before int: bool is an int
    (int, "integer"),
    (float, "number"),
    (datetime, "datetime"),  # before date: datetime is a date
    (date, "date"),
)


def _value_kind(value: Any) -> ColumnType | None:
    """The kind of a typed cell (Excel, JSON); None for missing ones (None, NaN, "NA"...)."""
    if value is None or value != value:
        return None
    if isinstance(value, str) and value.strip().lower() in MISSING_TOKENS:
        return None
    return next((kind for cls, kind in _PYTHON_KINDS if isinstance(value, cls)), "string")


# ---------------------------------------------------------------- CSV


def _read_head(path: PathLike) -> tuple[bytes, bool]:
    """The first SAMPLE_BYTES of the file (more for a huge header), and whether that is all."""
    limit = SAMPLE_BYTES
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
            while len(data) > limit and b"\n" not in data and limit < MAX_HEADER_BYTES:
                limit *= 4
                data += f.read(limit + 1 - len(data))
    except OSError as exc:
        raise SniffError("csv_unreadable", {"detail": exc.strerror or str(exc)}, path=path) from exc
    if b"\x00" in data:
        raise SniffError("csv_binary_file", path=path)
    return data[:limit], len(data) <= limit


def _detect_encoding(head: bytes, complete: bool) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:  # an incremental decoder forgives a character cut at the end of the sample
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _decode(head: bytes, complete: bool, encoding: str, path: PathLike) -> str:
    """The sample as text, cut after its last line end when the file goes on."""
    try:
        codec = codecs.lookup(encoding)
    except LookupError as exc:
        raise SniffError("csv_unknown_encoding", {"encoding": encoding}, path=path) from exc
    # cp1252 leaves 5 bytes undefined: replace them rather than refuse a Windows file
    decoder = codec.incrementaldecoder("replace" if codec.name == "cp1252" else "strict")
    try:
        text = decoder.decode(head, final=complete)
    except UnicodeDecodeError as exc:
        line = head[: exc.start].count(b"\n") + 1
        params = {"encoding": encoding, "detail": exc.reason}
        raise SniffError("csv_decode_error", params, line, path) from exc
    if not complete and "\n" in text:
        text = text[: text.rfind("\n") + 1]
    return text


def _records(
    text: str, sep: str, quotechar: str, limit: int, complete: bool
) -> list[tuple[int, list[str]]]:
    """Up to `limit` non-blank records with their 1-based first line, cut records dropped."""
    # the sample is bounded: a long field in it is read, not taken for a broken record
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar=quotechar)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                records.append((line, row))
                if len(records) > limit:
                    return records[:limit]  # the next record began: the last one is whole
            line = reader.line_num + 1
    except csv.Error:
        complete = False  # keep what parsed cleanly, minus the record that broke
    if not complete and len(records) > 1:
        records.pop()  # may be cut by the end of the sample
    return records


def _consistency(rows: list[list[str]]) -> float:
    """Share of records with as many fields as the header (trailing empty cells forgiven)."""
    width = len(rows[0])
    fits = sum(len(r) == width or (len(r) > width and not "".join(r[width:]).strip()) for r in rows)
    return fits / len(rows)


def _detect_sep(text: str, complete: bool) -> str:
    best, best_score = ONE_COLUMN_SEP, 0.5  # more than half the records must agree
    for sep in SEPARATORS:
        rows = [row for _, row in _records(text, sep, '"', 200, complete)]
        if rows and len(rows[0]) > 1 and (score := _consistency(rows)) > best_score:
            best, best_score = sep, score  # strictly better: earlier candidates win ties
    return best


_DECIMAL_COMMA = re.compile(rf"[+-]?(?:\d+|{_GROUPED}),\d+")
_DECIMAL_POINT = re.compile(r"[+-]?\d*\.\d+(?:[eE][+-]?\d+)?")


def _detect_decimal(rows: Iterable[list[str]], sep: str) -> str:
    if sep == ",":
        return "."
    comma = point = 0
    for row in rows:
        for cell in row:
            text = cell.strip()
            comma += bool(_DECIMAL_COMMA.fullmatch(text))
            point += bool(_DECIMAL_POINT.fullmatch(text))
    return "," if comma > point else "."


def _detect(
    head: bytes,
    complete: bool,
    path: PathLike,
    encoding: str | None = None,
    sep: str | None = None,
    decimal: str | None = None,
) -> tuple[CsvDialect, str]:
    detected = encoding or _detect_encoding(head, complete)
    text = _decode(head, complete, detected, path)
    if not text.strip("\ufeff \t\r\n"):
        raise SniffError("csv_empty_file", path=path)
    sep = sep or _detect_sep(text, complete)
    if decimal is None:
        records = _records(text, sep, '"', SAMPLE_ROWS, complete)
        decimal = _detect_decimal((row for _, row in records[1:]), sep)
    return CsvDialect(encoding=detected, sep=sep, decimal=decimal), text


def detect_csv_dialect(
    path: PathLike,
    *,
    encoding: str | None = None,
    sep: str | None = None,
    decimal: str | None = None,
) -> CsvDialect:
    """Guess a CSV file's encoding, separator and decimal mark; explicit arguments win."""
    head, complete = _read_head(path)
    return _detect(head, complete, path, encoding, sep, decimal)[0]


def _header(cells: list[str], line: int, path: PathLike, kind: str) -> tuple[str, ...]:
    names = tuple(cell.replace("\ufeff", "").strip() for cell in cells)
    seen: set[str] = set()
    for position, name in enumerate(names, 1):
        if not name:
            raise SniffError(f"{kind}_empty_header_name", {"position": position}, line, path)
        if name in seen:
            raise SniffError(f"{kind}_duplicate_header", {"name": name}, line, path)
        seen.add(name)
    return names


def _check_width(
    records: list[tuple[int, list[str]]], text: str, complete: bool, sep: str, path: PathLike
) -> None:
    """A header over MAX_COLUMNS names, or with no line end in MAX_HEADER_BYTES, is refused."""
    line, width = (records[0][0], len(records[0][1])) if records else (1, text.count(sep) + 1)
    if width > MAX_COLUMNS:
        raise SniffError("csv_too_many_columns", {"count": width, "limit": MAX_COLUMNS}, line, path)
    if not complete and "\n" not in text:  # the header was cut: its names cannot be trusted
        raise SniffError("csv_header_too_long", {"limit_kb": MAX_HEADER_BYTES // 1024}, line, path)


def read_csv_columns(
    path: PathLike, dialect: CsvDialect | None = None, *, sample_rows: int = SAMPLE_ROWS
) -> FileColumns:
    """Header names and guessed types of a CSV file, from its first rows only."""
    head, complete = _read_head(path)
    if dialect is None:
        dialect, text = _detect(head, complete, path)
    else:
        text = _decode(head, complete, dialect.encoding, path)
    records = _records(text, dialect.sep, dialect.quotechar, sample_rows + 1, complete)
    _check_width(records, text, complete, dialect.sep, path)
    if not records:
        raise SniffError("csv_empty_file", path=path)
    (line, header), rows = records[0], [row for _, row in records[1:]]
    names = _header(header, line, path, "csv")
    types = {
        name: code_as_text(
            name, infer_type((row[i] if i < len(row) else None for row in rows), dialect.decimal)
        )
        for i, name in enumerate(names)
    }
    return FileColumns(names, types, line)


# ---------------------------------------------------------------- Parquet


def _arrow_type(arrow_type: Any) -> ColumnType | None:
    import pyarrow as pa

    t = pa.types
    if t.is_dictionary(arrow_type):
        return _arrow_type(arrow_type.value_type)
    checks: tuple[tuple[ColumnType, tuple[Any, ...]], ...] = (
        ("boolean", (t.is_boolean,)),
        ("integer", (t.is_integer,)),
        ("number", (t.is_floating, t.is_decimal)),
        ("date", (t.is_date,)),
        ("datetime", (t.is_timestamp,)),
        ("string", (t.is_string, t.is_large_string, getattr(t, "is_string_view", None))),
    )
    for kind, predicates in checks:
        if any(p is not None and p(arrow_type) for p in predicates):
            return kind
    return None


def read_parquet_columns(path_or_glob: PathLike) -> FileColumns:
    """Column names and types from a Parquet schema; a glob reads the first file by name."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = os.fspath(path_or_glob)
    if not os.path.exists(target) and any(ch in target for ch in "*?["):
        matches = sorted(p for p in glob.glob(target, recursive=True) if os.path.isfile(p))
        if not matches:
            raise SniffError("parquet_no_match", {"pattern": target}, path=target)
        target = matches[0]
    try:
        schema = pq.read_schema(target)
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise SniffError("parquet_unreadable", {"detail": str(exc)}, path=target) from exc
    return FileColumns(tuple(schema.names), {f.name: _arrow_type(f.type) for f in schema})


# ---------------------------------------------------------------- Excel


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _pick_sheet(workbook: Any, sheet: str | int | None, path: PathLike) -> Any:
    names = workbook.sheetnames
    if not workbook.worksheets:  # e.g. the sheets' parts are missing from the archive
        raise SniffError("excel_no_sheet", path=path)
    if sheet is None:
        return workbook.worksheets[0]
    if isinstance(sheet, int) and not isinstance(sheet, bool) and 0 <= sheet < len(names):
        return workbook[names[sheet]]  # 0-based, like pandas' sheet_name
    if isinstance(sheet, str) and sheet in names:
        return workbook[sheet]
    params = {"sheet": str(sheet), "sheets": ", ".join(names)}
    raise SniffError("excel_unknown_sheet", params, path=path)


def read_excel_columns(path: PathLike, sheet: str | int | None = None) -> FileColumns:
    """Header (first non-empty row) and guessed types of an .xlsx sheet, from its first rows."""
    from datacites_proto.sources import excel_workbook  # it builds on SniffError

    workbook = excel_workbook.open_workbook(path)
    try:
        worksheet = _pick_sheet(workbook, sheet, path)
        rows = excel_workbook.sheet_rows(worksheet, path)
        for number, row in rows:
            cells = [_cell_text(v) for v in row]
            if any(cells):
                line = number
                break
        else:
            raise SniffError("excel_empty_sheet", {"sheet": worksheet.title}, path=path)
        while not cells[-1]:
            cells.pop()  # sheets often report blank cells past the last column
        excel_workbook.check_width(tuple(cells), worksheet.title, line, path)
        names = _header(cells, line, path, "excel")
        samples: list[set[ColumnType]] = [set() for _ in names]
        for _, row in itertools.islice(rows, SAMPLE_ROWS):
            for kinds, value in zip(samples, row, strict=False):
                if (kind := _value_kind(value)) is not None:
                    kinds.add(kind)
    finally:
        workbook.close()
    types = {n: _combine(k) for n, k in zip(names, samples, strict=True)}
    return FileColumns(names, types, line)


# ---------------------------------------------------------------- GeoJSON


def _json_kind(value: Any) -> ColumnType | None:
    if isinstance(value, str):  # like GDAL: ISO-looking dates are dates, other text is text
        guessed = infer_type([value])
        return guessed if guessed in (None, "date", "datetime") else "string"
    return _value_kind(value) if not isinstance(value, dict | list) else "string"


def read_geojson_columns(path: PathLike, max_features: int = 1000) -> FileColumns:
    """Property names of the first features (plus "geometry") with types from their values."""
    from datacites_proto.sources import geojson_document as doc  # it builds on SniffError

    features = doc.load_features(path)
    kinds: dict[str, set[ColumnType]] = {}  # insertion order = order of appearance
    names = doc.PropertyNames(path)
    for number, feature in enumerate(features[:max_features], 1):
        if not isinstance(feature, dict):
            continue
        for key, value in doc.properties_of(feature, number, path).items():
            if key not in names.index:
                names.add(key, number)
            found_kinds = kinds.setdefault(key, set())
            if (kind := _json_kind(value)) is not None:
                found_kinds.add(kind)
    types: dict[str, ColumnType | None] = {k: _combine(v) for k, v in kinds.items()}
    types["geometry"] = None
    return FileColumns(tuple(types), types)
