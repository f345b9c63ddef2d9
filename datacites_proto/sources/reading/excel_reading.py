"""One sheet of an .xlsx workbook as a raw relation, its rows streamed once (linear in cells).

The header is the first non-empty row; every later non-empty row is a row, located by
its row number in the sheet. Limits and broken parts come from `sources.excel_workbook`.
"""

from __future__ import annotations

from pathlib import Path

from datacites_proto.errors import Problem
from datacites_proto.i18n import Msg
from datacites_proto.sources import excel_workbook, sniff
from datacites_proto.sources.base import LoadContext
from datacites_proto.sources.reading.conversion import cell_text
from datacites_proto.sources.reading.readers import (
    RawTable,
    _arrow_raw,
    _column_letter,
    _duplicate_names,
    count_msg,
    fail,
    line_place,
    sniff_problem,
)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_excel(ctx: LoadContext, path: Path, sheet: str | int | None = None) -> RawTable:
    """A sheet: header = first non-empty row, then one row per non-empty row (line = row)."""
    shown = ctx.display(path)
    if not path.is_file():
        raise fail([Problem("file_missing", {"path": shown}, file=shown)], ctx)
    extra: list[int] = []  # rows with a value right of the last named column
    extra_column = 0
    try:
        workbook = excel_workbook.open_workbook(path)
        try:
            worksheet = sniff._pick_sheet(workbook, sheet, path)
            rows = excel_workbook.sheet_rows(worksheet, path)
            for number, row in rows:
                texts = [sniff._cell_text(v) for v in row]
                if any(texts):
                    header_line = number
                    break
            else:
                raise sniff.SniffError("excel_empty_sheet", {"sheet": worksheet.title}, path=path)
            while not texts[-1]:
                texts.pop()
            excel_workbook.check_width(tuple(texts), worksheet.title, header_line, path)
            names = sniff._header(texts, header_line, path, "excel")
            width = len(names)
            cells: list[list[str | None]] = [[] for _ in names]
            kinds: list[set[sniff.ColumnType]] = [set() for _ in names]
            locs: list[int] = []
            for number, row in rows:
                if all(_blank(v) for v in row):
                    continue
                locs.append(number)
                for i in range(width):
                    value = row[i] if i < len(row) else None
                    cells[i].append(cell_text(value))
                    if (kind := sniff._value_kind(value)) is not None:
                        kinds[i].add(kind)
                for i, value in enumerate(row[width:], width + 1):
                    if not _blank(value):
                        extra.append(number)
                        extra_column = extra_column or i
                        break
        finally:
            workbook.close()
    except sniff.SniffError as exc:
        raise fail([sniff_problem(exc, shown)], ctx) from None
    if duplicates := _duplicate_names(names, shown, header_line):
        raise fail(duplicates, ctx)
    raw = _arrow_raw(
        ctx,
        names,
        cells,
        locs,
        [sniff._combine(k) for k in kinds],
        file=shown,
        decimal=".",
        unit="rows",
        locate=lambda found: {loc: line_place(shown, loc) for loc in found},
        header_line=header_line,
    )
    if extra:
        params = {
            "path": shown,
            "where": Msg("data_where_line", {"line": extra[0]}),
            "letter": _column_letter(extra_column),
            "rows": count_msg(len(extra), "rows"),
        }
        raw.problems.append(
            Problem(
                "excel_value_without_header", params, file=shown, line=extra[0], col=extra_column
            )
        )
    return raw
