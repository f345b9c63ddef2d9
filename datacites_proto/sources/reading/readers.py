"""Files to "raw" relations in DuckDB: cells as text (or as Parquet typed them), rows located.

A reader never decides types: it exposes the file's columns under positional names
(`c1`, `c2`…, so file names with quotes or accents never reach SQL unquoted), a row
locator, and how to turn locators back into places a person can find (a CSV or Excel
line, a Parquet row, a GeoJSON feature). `constraints` converts and checks.

CSV is parsed by DuckDB (`read_csv`, every column VARCHAR, `store_rejects` for the
structural errors); text that is not UTF-8 is first transcoded, streaming, into the
cache. GeoJSON and Excel are read in Python (they are small) into an Arrow table.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from datacites_proto.errors import Problem
from datacites_proto.i18n import Msg
from datacites_proto.sources import sniff
from datacites_proto.sources.base import LoadContext
from datacites_proto.sources.files import existing_files
from datacites_proto.sources.reading import csv_scan
from datacites_proto.sources.reading.conversion import family, ident, literal
from datacites_proto.sources.reading.errors import DataError

Unit = Literal["rows", "features"]
_PARQUET_FILE_BITS = 40  # locator = file index << 40 | row in file


@dataclass(frozen=True)
class Place:
    """Where a row is, for a person: the file, its line when it has lines, and words."""

    file: str
    line: int | None
    where: Msg  # "à la ligne 12", "à l'enregistrement n° 3", "dans l'entité n° 4"

    def seen_from(self, other: Place) -> Msg:
        """`where`, naming the file when `other` is in another one."""
        if other.file == self.file:
            return self.where
        return Msg("data_where_in_file", {"where": self.where, "file": self.file})


@dataclass(frozen=True)
class RawColumn:
    name: str  # as in the file
    position: int  # 1-based, in the file
    sql: str  # the quoted column of the raw relation
    raw_type: str  # its DuckDB type: VARCHAR for text formats
    guess: sniff.ColumnType | None  # the type detected from the data, for undeclared columns


@dataclass
class RawTable:
    """A file's rows in DuckDB, before conversion."""

    relation: str  # quoted name of a temporary table or view
    loc: str  # SQL giving each row's locator (an integer increasing in file order)
    columns: list[RawColumn]
    file: str  # the file as shown in messages (the first one for a Parquet glob)
    decimal: str  # decimal mark of text numbers
    unit: Unit
    locate: Callable[[set[int]], dict[int, Place]]
    header_line: int | None = None  # where the column names are, when the file has lines
    missing_code: str = "declared_column_missing"
    ordered: bool = False  # True when scanning `relation` gives the rows in file order
    problems: list[Problem] = field(default_factory=list)  # structural, found while reading
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    def cleanup(self) -> None:
        for step in reversed(self.cleanups):
            with contextlib.suppress(Exception):  # cleaning up never hides the real outcome
                step()
        self.cleanups.clear()


def _token() -> str:
    return uuid.uuid4().hex[:12]


def sniff_problem(exc: sniff.SniffError, shown: str) -> Problem:
    return Problem(exc.code, {**exc.params, "path": shown}, file=shown, line=exc.line)


def fail(problems: Sequence[Problem], ctx: LoadContext) -> DataError:
    located = [p if p.loc else p.at(loc=("datasets", ctx.dataset_id, "source")) for p in problems]
    return DataError(located, dataset=ctx.dataset_id)


def _duplicate_names(names: Iterable[str], shown: str, line: int | None) -> list[Problem]:
    """DuckDB names are case-insensitive: `Code` and `code` cannot both be columns."""
    seen: dict[str, str] = {}
    problems = []
    for name in names:
        if name.lower() in seen:
            params = {"path": shown, "name": name}
            problems.append(Problem("data_duplicate_column", params, file=shown, line=line))
        seen.setdefault(name.lower(), name)
    return problems


@contextlib.contextmanager
def unreadable(ctx: LoadContext, shown: str) -> Iterator[None]:
    """DuckDB's errors about a file's bytes become a located problem (not SQL mistakes)."""
    import duckdb

    try:
        yield
    except duckdb.Error as exc:
        # the bare base class carries the file decoders' own errors (Parquet's Thrift footer:
        # "TProtocolException: Invalid data"); its subclasses other than these are our bugs
        bytes_error = (duckdb.IOException, duckdb.InvalidInputException)
        if type(exc) is not duckdb.Error and not isinstance(exc, bytes_error):
            raise
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        params = {"path": shown, "detail": detail}
        raise fail([Problem("data_unreadable", params, file=shown)], ctx) from None


def line_place(shown: str, line: int) -> Place:
    return Place(shown, line, Msg("data_where_line", {"line": line}))


# ---------------------------------------------------------------- CSV


def _transcode(source: Path, codec: str, ctx: LoadContext, shown: str) -> Path:
    """A UTF-8 copy of a text file, written chunk by chunk (never the whole file in memory)."""
    try:
        folder = ctx.cache_dir / "transcoded"
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f"{ctx.dataset_id}-", suffix=".csv", dir=folder)
    except OSError:  # a read-only project: the system's temporary folder will do
        fd, name = tempfile.mkstemp(prefix=f"datacites-{ctx.dataset_id}-", suffix=".csv")
    target = Path(name)
    # cp1252 leaves 5 bytes undefined: replaced, as the sniffer does, rather than refused
    decoder = codecs.getincrementaldecoder(codec)("replace" if codec == "cp1252" else "strict")
    lines = 0
    try:
        with open(source, "rb") as fin, os.fdopen(fd, "w", encoding="utf-8", newline="") as fout:
            while chunk := fin.read(1 << 20):
                # UTF-8 accents in a Windows-1252 file: the file changed encoding (mojibake)
                if codec in csv_scan.SINGLE_BYTE_CODECS and (
                    line := csv_scan.utf8_line(chunk, lines)
                ):
                    where = Msg("data_where_line", {"line": line})
                    params = {"path": shown, "encoding": codec, "where": where}
                    problem = Problem("csv_mixed_encoding", params, file=shown, line=line)
                    raise fail([problem], ctx) from None
                try:
                    text = decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    line = lines + chunk[: max(exc.start, 0)].count(b"\n") + 1
                    params = {"path": shown, "encoding": codec, "detail": exc.reason}
                    problem = Problem("csv_decode_error", params, file=shown, line=line)
                    raise fail([problem], ctx) from None
                lines += text.count("\n")
                fout.write(text)
            fout.write(decoder.decode(b"", final=True))
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


class CsvLines:
    """Maps DuckDB's record numbers back to lines of the file, by scanning it when asked.

    DuckDB counts records (a quoted newline does not start one; a blank line is one), and
    skips blank lines and rejected records when it fills the table, so the n-th row of the
    table is the n-th record that is neither. Only an error ever pays for this scan.
    """

    def __init__(self, path: Path, sep: str, quotechar: str, header_record: int) -> None:
        self.path = path
        self.sep = sep
        self.quotechar = quotechar
        self.header_record = header_record
        self.rejected: set[int] = set()

    def scan(self, rows: set[int], records: set[int]) -> tuple[dict[int, int], dict[int, int]]:
        """First line of table rows (0-based) and of records (1-based, the header's is 1+)."""
        row_lines: dict[int, int] = {}
        record_lines: dict[int, int] = {}
        csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))
        with open(self.path, encoding="utf-8-sig", errors="replace", newline="") as f:
            reader = csv.reader(f, delimiter=self.sep, quotechar=self.quotechar)
            end = index = 0
            record = 0
            try:
                for cells in reader:
                    record += 1
                    start, end = end + 1, reader.line_num
                    if record in records:
                        record_lines[record] = start
                    if record > self.header_record and cells and record not in self.rejected:
                        if index in rows:
                            row_lines[index] = start
                        index += 1
                    if len(row_lines) == len(rows) and len(record_lines) == len(records):
                        break
            except csv.Error:
                pass  # an unterminated quote at the end: DuckDB stopped there too
        return row_lines, record_lines


_REJECT_CODES = {
    "TOO MANY COLUMNS": "csv_field_count",
    "MISSING COLUMNS": "csv_field_count",
    "UNQUOTED VALUE": "csv_bad_quote",
    "INVALID ENCODING": "csv_invalid_encoding",
    "INVALID UNICODE": "csv_invalid_encoding",
    "LINE SIZE OVER MAXIMUM": "csv_line_too_long",
}


def read_csv(
    ctx: LoadContext,
    path: Path,
    *,
    sep: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
) -> RawTable:
    """A CSV file as a temporary VARCHAR table, structural errors (rejects) located."""
    shown = ctx.display(path)
    if not path.is_file():
        raise fail([Problem("file_missing", {"path": shown}, file=shown)], ctx)
    try:
        dialect = sniff.detect_csv_dialect(path, encoding=encoding, sep=sep, decimal=decimal)
        header = sniff.read_csv_columns(path, dialect)
    except sniff.SniffError as exc:
        raise fail([sniff_problem(exc, shown)], ctx) from None
    if duplicates := _duplicate_names(header.names, shown, header.header_line):
        raise fail(duplicates, ctx)
    codec = codecs.lookup(dialect.encoding).name
    con = ctx.con
    raw = RawTable(
        relation=ident(f"__raw_{ctx.dataset_id}_{_token()}"),
        loc="rowid",
        columns=[
            RawColumn(name, i, f"c{i}", "VARCHAR", header.types.get(name))
            for i, name in enumerate(header.names, 1)
        ],
        file=shown,
        decimal=dialect.decimal,
        unit="rows",
        locate=lambda locs: {},
        header_line=header.header_line,
        ordered=True,  # a temporary table, filled in file order (preserve_insertion_order)
    )
    try:
        readable = path
        if codec not in ("utf-8", "utf-8-sig"):
            readable = _transcode(path, codec, ctx, shown)
            raw.cleanups.append(lambda: readable.unlink(missing_ok=True))
        # DuckDB drops a record longer than its buffer silently: find them first, ourselves
        counted = csv_scan.scan_records(
            readable, dialect.quotechar, header.header_line, sep=dialect.sep
        )
        if counted.too_long:
            col, _ = csv_scan.widest_field(
                readable, counted.first_too_long_offset, dialect.quotechar, dialect.sep
            )
            counted.first_too_long_column = col
            raise fail([_too_long_problem(counted, header, shown)], ctx)
        rejects, scans = f"__rejects_{_token()}", f"__scans_{_token()}"
        raw.cleanups.append(lambda: con.execute(f"DROP TABLE IF EXISTS {ident(rejects)}"))
        raw.cleanups.append(lambda: con.execute(f"DROP TABLE IF EXISTS {ident(scans)}"))
        raw.cleanups.append(lambda: con.execute(f"DROP TABLE IF EXISTS {raw.relation}"))
        columns = {c.sql: "VARCHAR" for c in raw.columns}
        with unreadable(ctx, shown):
            con.execute(
                f"CREATE TEMP TABLE {raw.relation} AS SELECT * FROM read_csv(?, columns = ?, "
                "delim = ?, quote = ?, escape = ?, header = true, skip = ?, auto_detect = false, "
                "null_padding = false, store_rejects = true, rejects_table = ?, rejects_scan = ?, "
                "max_line_size = ?)",
                [
                    str(readable),
                    columns,
                    dialect.sep,
                    dialect.quotechar,
                    dialect.quotechar,
                    header.header_line - 1,
                    rejects,
                    scans,
                    csv_scan.MAX_RECORD_BYTES,
                ],
            )
        lines = CsvLines(readable, dialect.sep, dialect.quotechar, header.header_line)
        lines.rejected = {
            r[0] for r in con.execute(f"SELECT DISTINCT line FROM {ident(rejects)}").fetchall()
        }

        def locate(locs: set[int]) -> dict[int, Place]:
            found, _ = lines.scan(locs, set())
            return {loc: line_place(shown, line) for loc, line in found.items()}

        raw.locate = locate
        if lines.rejected:
            raw.problems.extend(_reject_problems(ctx, rejects, lines, shown, dialect, header))
        else:  # every record is a row, or a rejected one: never a silent drop
            (rows,) = con.execute(f"SELECT count(*) FROM {raw.relation}").fetchone()
            if rows < counted.records:  # checked by the csv module before it is called a loss
                counted = csv_scan.exact_records(
                    readable, dialect.sep, dialect.quotechar, header.header_line
                )
            raw.problems.extend(_count_problems(rows, counted, shown, header))
    except BaseException:
        raw.cleanup()
        raise
    return raw


def _too_long_problem(
    counted: csv_scan.RecordScan, header: sniff.FileColumns, shown: str
) -> Problem:
    line, col = counted.first_too_long, counted.first_too_long_column or 1
    names = header.names
    params = {
        "path": shown,
        "column": names[col - 1] if col <= len(names) else f"n° {col}",
        "where": Msg("data_where_line", {"line": line}),
        "size_mb": -(-counted.first_too_long_size // 1_000_000),  # rounded up: over the limit
        "limit_mb": csv_scan.MAX_RECORD_BYTES // 1_000_000,
        "rows": count_msg(counted.too_long, "rows"),
    }
    return Problem("csv_record_too_long", params, file=shown, line=line, col=col)


def _count_problems(
    rows: int, counted: csv_scan.RecordScan, shown: str, header: sniff.FileColumns
) -> list[Problem]:
    """A header without rows, or fewer rows than the file's data records (a silent loss)."""
    if counted.records == 0 and rows == 0:
        params = {"path": shown, "line": header.header_line, "count": len(header.names)}
        return [Problem("csv_no_rows", params, file=shown, line=header.header_line)]
    # fewer rows is a loss; more is DuckDB reading a blank line of a one-column file as a row
    if rows < counted.records and counted.exact:  # not when the csv module gave up too
        params = {"path": shown, "read": rows, "records": counted.records}
        return [Problem("csv_rows_mismatch", params, file=shown)]
    return []


def _reject_problems(
    ctx: LoadContext,
    rejects: str,
    lines: CsvLines,
    shown: str,
    dialect: sniff.CsvDialect,
    header: sniff.FileColumns,
) -> list[Problem]:
    groups: dict[str, list[Any]] = {}
    for error_type, count, record, text, message, column in ctx.con.execute(
        "SELECT error_type, count(DISTINCT line), min(line), arg_min(csv_line, line),"
        " arg_min(error_message, line), arg_min(column_idx, line)"
        f" FROM {ident(rejects)} GROUP BY error_type"
    ).fetchall():
        code = _REJECT_CODES.get(str(error_type), "csv_bad_line")
        group = groups.get(code)
        if group is None or record < group[1]:
            groups[code] = [count + (group[0] if group else 0), record, text, message, column]
        else:
            group[0] += count
    _, record_lines = lines.scan(set(), {g[1] for g in groups.values()})
    problems = []
    for code, (count, record, text, message, column) in groups.items():
        line = record_lines.get(record, record)
        params: dict[str, Any] = {
            "path": shown,
            "where": Msg("data_where_line", {"line": line}),
            "rows": count_msg(count, "rows"),
            "sep": "tab" if dialect.sep == "\t" else dialect.sep,
            "expected": len(header.names),
            "encoding": "UTF-8",
            "detail": message,
        }
        if code == "csv_field_count":
            params["found"] = _field_count(text or "", dialect)
        col = column if code in ("csv_bad_quote", "csv_invalid_encoding") else None
        if col is not None and 1 <= col <= len(header.names):
            params["column"] = header.names[col - 1]
        else:
            col = None
        problems.append(Problem(code, params, file=shown, line=line, col=col))
    return problems


def _field_count(text: str, dialect: sniff.CsvDialect) -> int:
    try:
        rows = list(csv.reader([text.rstrip("\r\n")], delimiter=dialect.sep))
    except csv.Error:  # a stray carriage return or quote: count the separators instead
        return text.rstrip("\r\n").count(dialect.sep) + 1
    return len(rows[0]) if rows else 0


def count_msg(count: int, unit: Unit) -> Msg:
    """ "1 ligne en tout", "37 lignes en tout" (or entités for GeoJSON)."""
    if count == 1:
        return Msg(f"data_{unit}_one")
    return Msg(f"data_{unit}_many", {"count": count})


# ---------------------------------------------------------------- Parquet


def _schema_difference(first: Any, other: Any) -> str:
    names, other_names = list(first.names), list(other.names)
    if names != other_names:
        missing = [n for n in names if n not in other_names]
        extra = [n for n in other_names if n not in names]
        parts = [f"-{n}" for n in missing] + [f"+{n}" for n in extra]
        return ", ".join(parts) or "order: " + ", ".join(other_names)
    for field_a, field_b in zip(first, other, strict=True):
        if not field_a.type.equals(field_b.type):
            return f"{field_a.name}: {field_a.type} → {field_b.type}"
    return ""


def read_parquet(ctx: LoadContext, pattern: str, files: Sequence[Path] | None = None) -> RawTable:
    """One Parquet file, or a glob of files sharing one schema, as a temporary view."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if files is None:
        files = existing_files(ctx.base_dir, pattern, ctx.project_dir)
    files = list(files)
    if not files:
        full = ctx.display(ctx.base_dir / pattern)
        if any(ch in pattern for ch in "*?["):
            problem = Problem("parquet_no_match", {"pattern": pattern, "path": full}, file=full)
        else:
            problem = Problem("file_missing", {"path": full}, file=full)
        raise fail([problem], ctx)
    shown = [ctx.display(f) for f in files]
    schemas, problems = [], []
    for path, name in zip(files, shown, strict=True):
        try:
            schemas.append(pq.read_schema(path))
        except (OSError, ValueError, pa.ArrowException) as exc:
            params = {"path": name, "detail": str(exc)}
            problems.append(Problem("parquet_unreadable", params, file=name))
    if problems:
        raise fail(problems, ctx)
    first = schemas[0]
    for schema, name in zip(schemas[1:], shown[1:], strict=True):
        if not schema.equals(first):
            params = {
                "path": name,
                "first": shown[0],
                "pattern": pattern,
                "detail": _schema_difference(first, schema),
            }
            problems.append(Problem("parquet_schema_mismatch", params, file=name))
    problems += _duplicate_names(first.names, shown[0], None)
    if problems:
        raise fail(problems, ctx)

    names = list(first.names)
    relation = ident(f"__raw_{ctx.dataset_id}_{_token()}")
    selects = []
    for index, path in enumerate(files):
        cells = ", ".join(f"{ident(n)} AS c{i}" for i, n in enumerate(names, 1))
        selects.append(
            f"SELECT {cells}, (CAST({index} AS BIGINT) << {_PARQUET_FILE_BITS}) + file_row_number"
            f" AS __loc FROM read_parquet({literal(str(path))}, file_row_number = true)"
        )
    con = ctx.con
    with unreadable(ctx, shown[0]):
        con.execute(f"CREATE TEMP VIEW {relation} AS " + " UNION ALL ".join(selects))
        described = con.execute(f"SELECT column_name, column_type FROM (DESCRIBE {relation})")
        types = dict(described.fetchall())
    mask = (1 << _PARQUET_FILE_BITS) - 1

    def locate(locs: set[int]) -> dict[int, Place]:
        return {
            loc: Place(
                shown[loc >> _PARQUET_FILE_BITS],
                None,
                Msg("data_where_row", {"row": (loc & mask) + 1}),
            )
            for loc in locs
        }

    raw = RawTable(
        relation=relation,
        loc="__loc",
        columns=[
            RawColumn(n, i, f"c{i}", types[f"c{i}"], family(types[f"c{i}"]) or "string")
            for i, n in enumerate(names, 1)
        ],
        file=shown[0],
        decimal=".",
        unit="rows",
        locate=locate,
    )
    raw.cleanups.append(lambda: con.execute(f"DROP VIEW IF EXISTS {relation}"))
    return raw


# ---------------------------------------------------------------- Python-read formats


def _arrow_raw(
    ctx: LoadContext,
    names: Sequence[str],
    cells: Sequence[list[str | None]],
    locs: list[int],
    guesses: Sequence[sniff.ColumnType | None],
    **raw_fields: Any,
) -> RawTable:
    import pyarrow as pa

    arrays = {f"c{i}": pa.array(col, type=pa.string()) for i, col in enumerate(cells, 1)}
    arrays["__loc"] = pa.array(locs, type=pa.int64())
    table = pa.table(arrays)
    name = f"__raw_{ctx.dataset_id}_{_token()}"
    con = ctx.con
    con.register(name, table)
    raw = RawTable(
        relation=ident(name),
        loc="__loc",
        columns=[
            RawColumn(n, i, f"c{i}", "VARCHAR", g)
            for i, (n, g) in enumerate(zip(names, guesses, strict=True), 1)
        ],
        **raw_fields,
    )
    raw.cleanups.append(lambda: con.unregister(name))
    return raw


def read_geojson(ctx: LoadContext, path: Path) -> RawTable:
    """A FeatureCollection: one row per feature, its properties, then `geometry` as GeoJSON."""
    from datacites_proto.sources.reading import (
        geojson_reading,  # it builds on this module's helpers
    )

    return geojson_reading.read_geojson(ctx, path)


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_excel(ctx: LoadContext, path: Path, sheet: str | int | None = None) -> RawTable:
    """A sheet: header = first non-empty row, then one row per non-empty row (line = row)."""
    from datacites_proto.sources.reading import excel_reading  # it builds on this module's helpers

    return excel_reading.read_excel(ctx, path, sheet)
