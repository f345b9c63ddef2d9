"""One streaming pass over a CSV file: its records counted, the too long ones found, in numpy.

DuckDB's reader drops a record longer than its buffer without a word (a 150 MB field:
rows 1 and 3 loaded, row 2 gone) and a file read as cp1252 that switches to UTF-8
half-way loads as mojibake. This pass is what the reader checks DuckDB against: linear
in the file's size, its memory bounded by one chunk, for any width and any line length.

A record ends at a line end outside quotes: a doubled quote inside a quoted field leaves
the parity unchanged, so counting quotes before each line end is enough for tidy files.
A quote inside an unquoted cell (`G"are`) is text to DuckDB but flips that parity: so a
record found too long, or a count above DuckDB's rows, is checked again by the csv
module (`exact_records`, slower, same reading of quotes) before anything is reported.
A record is blank when it holds nothing but its line end (DuckDB skips those; `;;` is a
row).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHUNK_BYTES = 4 << 20
MAX_RECORD_BYTES = 2_000_000  # a record (line) longer than this is refused; DuckDB's limit too
SINGLE_BYTE_CODECS = frozenset({"cp1252", "iso8859-1", "iso8859-15", "latin-1"})
# UTF-8 for French accented letters, NBSP, « », °, and typographic punctuation: in a
# Windows-1252 file these bytes would read « Ã© », « Â« »… which French text never holds.
_UTF8_SEQUENCE = re.compile(rb"\xc3[\x80-\xbf]|\xc2[\xa0-\xbf]|\xe2\x80[\x80-\xbf]|\xc5[\x92\x93]")


@dataclass
class RecordScan:
    """What the pass found; lines are 1-based physical lines of the file."""

    records: int = 0  # non-blank records starting after the header line
    lines: int = 0
    too_long: int = 0  # records over the limit
    first_too_long: int | None = None  # the line where the first one starts
    first_too_long_size: int = 0  # and its bytes
    first_too_long_column: int | None = None  # its longest field (exact count only)
    exact: bool = False  # counted by the csv module (see `exact_records`)
    longest: int = 0  # bytes of the longest record (line end excluded)


def scan_records(
    path: Path, quotechar: str, after_line: int, limit: int = MAX_RECORD_BYTES
) -> RecordScan:
    """Count the records of a UTF-8 (or ASCII-compatible) CSV file in one bounded pass."""
    import numpy as np

    quote = quotechar.encode("utf-8")[0] if quotechar else None
    found = RecordScan()
    parity = 0  # quotes seen so far, modulo 2
    offset = 0  # bytes before the chunk
    newlines = 0  # line ends before the chunk
    start, start_line = 0, 1  # the current record: first byte and first line
    last_byte = 0  # the byte before the chunk (a \r before a chunk's first \n)
    end_byte = None
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK_BYTES):
            end_byte = end_byte or _line_end(chunk)  # the header's line end is in chunk one
            data = np.frombuffer(chunk, dtype=np.uint8)
            ends = np.flatnonzero(data == end_byte)
            if quote is not None:
                quotes = np.flatnonzero(data == quote)
                closed = ((parity + np.searchsorted(quotes, ends)) & 1) == 0
                parity = (parity + len(quotes)) & 1
            else:
                closed = np.ones(len(ends), dtype=bool)
            which = np.flatnonzero(closed)  # line ends that end a record
            if len(which):
                at = ends[which]
                end_lines = newlines + which + 1
                starts = np.concatenate(([start], at[:-1] + offset + 1))
                lines = np.concatenate(([start_line], end_lines[:-1] + 1))
                before = np.where(at > 0, data[np.maximum(at - 1, 0)], last_byte)
                sizes = at + offset - starts - ((before == 13) & (end_byte == 10))
                _count(found, sizes, lines, after_line, limit)
                start, start_line = int(at[-1]) + offset + 1, int(end_lines[-1]) + 1
            newlines += len(ends)
            offset += len(chunk)
            last_byte = int(data[-1])
    found.lines = newlines + (offset > start)
    if offset > start:  # a last record without a line end
        size = np.array([offset - start - (last_byte == 13)])
        _count(found, size, np.array([start_line]), after_line, limit)
    return found


def _line_end(chunk: bytes) -> int:
    """10 for \n and \r\n files, 13 for old Mac files (\r alone), as DuckDB detects them."""
    cr, lf = chunk.find(b"\r"), chunk.find(b"\n")
    alone = 0 <= cr < len(chunk) - 1 and chunk[cr + 1] != 10
    return 13 if alone and (lf < 0 or cr < lf) else 10


def _count(found: RecordScan, sizes: Any, lines: Any, after_line: int, limit: int) -> None:
    """Add records (numpy arrays: sizes without the line end, first lines) to `found`."""
    found.records += int(((sizes > 0) & (lines > after_line)).sum())
    found.longest = max(found.longest, int(sizes.max()))
    long = sizes > limit
    if long.any():
        found.too_long += int(long.sum())
        if found.first_too_long is None:
            found.first_too_long = int(lines[long][0])
            found.first_too_long_size = int(sizes[long][0])


def exact_records(
    path: Path, sep: str, quotechar: str, after_line: int, limit: int = MAX_RECORD_BYTES
) -> RecordScan:
    """The same count by the csv module, which reads quotes as DuckDB does (slower).

    `scan_records` takes every quote for a field's edge; a quote inside an unquoted cell
    (`G"are`, `32"`) is text to DuckDB. So a too-long record or a count that disagrees
    with DuckDB is checked again here before anything is reported. `exact` is False when
    the csv module itself could not read the file to its end.
    """
    found = RecordScan(exact=True)
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
        reader = csv.reader(f, delimiter=sep, quotechar=quotechar)
        start_line = 1
        try:
            for row in reader:
                line, start_line = start_line, reader.line_num + 1
                if not row:
                    continue  # a blank line
                found.records += line > after_line
                size = sum(map(len, row)) + len(row) - 1  # characters: bytes only if it may matter
                if size * 4 > limit:
                    size = len(sep.join(row).encode("utf-8"))
                found.longest = max(found.longest, size)
                if size > limit:
                    found.too_long += 1
                    if found.first_too_long is None:
                        found.first_too_long, found.first_too_long_size = line, size
                        found.first_too_long_column = 1 + max(
                            range(len(row)), key=lambda i: len(row[i])
                        )
        except csv.Error:
            found.exact = False
    found.lines = start_line - 1
    return found


def utf8_line(chunk: bytes, lines_before: int) -> int | None:
    """The line of the first UTF-8 accented letter in bytes read as a single-byte codec."""
    match = _UTF8_SEQUENCE.search(chunk)
    if match is None:
        return None
    return lines_before + chunk[: match.start()].count(b"\n") + 1
