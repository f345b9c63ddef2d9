"""An .xlsx workbook opened within limits, its rows streamed, every problem a `SniffError`.

openpyxl's read-only mode parses a sheet's XML as its rows are asked for, so a broken
part only shows up mid-iteration: `sheet_rows` turns whatever openpyxl raises there into
a located problem (the sheet, the row). Before openpyxl opens anything, the archive's
declared sizes are checked, so a zip bomb is refused without decompressing a byte.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import Any

from datacites_proto.i18n import Msg
from datacites_proto.sources.sniff import PathLike, SniffError

MAX_UNCOMPRESSED_MB = 1_000  # the workbook's parts once decompressed, all together
MAX_CELLS = 20_000_000  # cells one sheet's rows span (empty ones included)
MAX_COLUMNS = 1_000  # named columns in the header row
MAX_ROWS = 1_048_576  # Excel's own limit; a row numbered beyond it is a forged sheet
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .xls (and other OLE files)


class _Advice(Msg):
    """A translated detail that reads as English where a plain string is expected
    (`SniffError`'s own text), so that `excel_unreadable` keeps its code."""

    def __str__(self) -> str:
        return self.render("en")


def check_archive(path: PathLike) -> None:
    """Refuse files that are not zip archives, and archives that decompress to too much."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise SniffError(
            "excel_unreadable", {"detail": exc.strerror or str(exc)}, path=path
        ) from None
    if head.startswith(_OLE):
        raise SniffError("excel_unreadable", {"detail": _Advice("excel_found_xls")}, path=path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except Exception:  # BadZipFile, NotImplementedError (a forged version), struct.error…
        raise SniffError(
            "excel_unreadable", {"detail": _Advice("excel_not_zip")}, path=path
        ) from None
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_MB * 1024 * 1024:
        biggest = max(members, key=lambda m: m.file_size)
        params = {
            "size_mb": round(total / 1024 / 1024),
            "limit_mb": MAX_UNCOMPRESSED_MB,
            "part": biggest.filename[:200],
        }
        raise SniffError("excel_too_big", params, path=path)


def open_workbook(path: PathLike) -> Any:
    """The workbook in openpyxl's read-only (streaming) mode, values rather than formulas."""
    from openpyxl import load_workbook

    check_archive(path)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on corrupt parts: all are "unreadable"
        detail = (str(exc) or type(exc).__name__).splitlines()[0][:300]
        raise SniffError("excel_unreadable", {"detail": detail}, path=path) from None


def sheet_rows(worksheet: Any, path: PathLike) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, values) of a sheet, streamed; a broken part or too many cells is located."""
    title = str(getattr(worksheet, "title", ""))
    number = cells = 0
    try:
        if not hasattr(worksheet, "iter_rows"):  # a chart sheet: no cells at all
            raise TypeError("chart sheet")
        worksheet.reset_dimensions()  # some writers store a wrong sheet size
        for number, row in enumerate(worksheet.iter_rows(values_only=True), 1):
            if number > MAX_ROWS:  # openpyxl yields every missing row up to the next one
                params = {"sheet": title, "limit": MAX_ROWS}
                raise SniffError("excel_too_many_rows", params, number, path)
            cells += len(row)
            if cells > MAX_CELLS:
                params = {"sheet": title, "line": number, "limit": MAX_CELLS}
                raise SniffError("excel_too_many_cells", params, number, path)
            yield number, row
    except SniffError:
        raise
    except Exception as exc:  # XML, zip or value errors, found as the rows are parsed
        detail = (str(exc) or type(exc).__name__).splitlines()[0][:300]
        line = number + 1
        params = {"sheet": title, "line": line, "detail": detail}
        raise SniffError("excel_broken_sheet", params, line, path) from None


def check_width(names: tuple[str, ...], sheet: str, line: int, path: PathLike) -> None:
    """Refuse a header row with more named columns than `MAX_COLUMNS`."""
    if len(names) > MAX_COLUMNS:
        params = {"sheet": sheet, "count": len(names), "limit": MAX_COLUMNS}
        raise SniffError("excel_too_many_columns", params, line, path)
