"""One streaming pass over a CSV file: its records counted, the too long ones found, in numpy.

DuckDB's reader drops a record longer than its buffer without a word (a 150 MB field:
rows 1 and 3 loaded, row 2 gone) and a file read as cp1252 that switches to UTF-8
half-way loads as mojibake. This pass is what the reader checks DuckDB against: linear
in the file's size, its memory bounded by one chunk, for any width and any line length.

A record ends at a line end outside quotes. A doubled quote inside a quoted field, or a
quote inside an unquoted cell (`G"are`, `32"`), is text to DuckDB: `_Quotes` follows the
state as DuckDB does, still in numpy. A count above DuckDB's rows is checked again by
the csv module (`exact_records`, slower) before a loss is reported. A record is blank
when it holds nothing but its line end (DuckDB skips those; `;;` is a row).
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
    first_too_long_offset: int = 0  # where it starts in the file
    first_too_long_column: int | None = None  # its longest field (see `widest_field`)
    exact: bool = False  # counted by the csv module (see `exact_records`)
    longest: int = 0  # bytes of the longest record (line end excluded)


def scan_records(
    path: Path, quotechar: str, after_line: int, limit: int = MAX_RECORD_BYTES, sep: str = ";"
) -> RecordScan:
    """Count the records of a UTF-8 (or ASCII-compatible) CSV file in one bounded pass."""
    import numpy as np

    quotes = _Quotes(quotechar, sep)
    found = RecordScan()
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
            which = np.flatnonzero(quotes.outside(data, ends, offset, last_byte))
            if len(which):
                at = ends[which]
                end_lines = newlines + which + 1
                starts = np.concatenate(([start], at[:-1] + offset + 1))
                lines = np.concatenate(([start_line], end_lines[:-1] + 1))
                before = np.where(at > 0, data[np.maximum(at - 1, 0)], last_byte)
                sizes = at + offset - starts - ((before == 13) & (end_byte == 10))
                _count(found, sizes, lines, starts, after_line, limit)
                start, start_line = int(at[-1]) + offset + 1, int(end_lines[-1]) + 1
            newlines += len(ends)
            offset += len(chunk)
            last_byte = int(data[-1])
    found.lines = newlines + (offset > start)
    if offset > start:  # a last record without a line end
        size = np.array([offset - start - (last_byte == 13)])
        _count(found, size, np.array([start_line]), np.array([start]), after_line, limit)
    return found


class _Quotes:
    """Inside or outside a quoted cell, read as DuckDB reads quotes, chunk after chunk.

    Quotes come in runs (`"`, `""`, three quotes…). A run of even length changes nothing. An odd
    run at the start of a cell (after a separator or a line end) toggles: it opens a cell,
    or closes one such as `"a;"`. An odd run elsewhere closes a quoted cell or, outside
    one, is text (`G"are`, `32"`): either way it leaves the state outside. So the state at
    a position is the number of toggles since the last odd run elsewhere, modulo 2.
    """

    def __init__(self, quotechar: str, sep: str) -> None:
        self.quote = quotechar.encode("utf-8")[0] if quotechar else None
        self.edges = (sep.encode("utf-8")[0], 10, 13)
        self.inside = 0
        self.carry: tuple[int, bool] | None = None  # a run that reached the chunk's end

    def _apply(self, length: int, at_start: bool) -> None:
        if length % 2:
            self.inside = self.inside ^ 1 if at_start else 0

    def outside(self, data: Any, positions: Any, offset: int, last_byte: int) -> Any:
        """For each position of the chunk `data`, whether it is outside quotes."""
        import numpy as np

        if self.quote is None:
            return np.ones(len(positions), dtype=bool)
        q = np.flatnonzero(data == self.quote)
        if self.carry is not None and not (len(q) and q[0] == 0):
            self._apply(*self.carry)  # the carried run ended just before this chunk
            self.carry = None
        if not len(q):
            return np.full(len(positions), self.inside == 0)
        first = np.ones(len(q), dtype=bool)
        first[1:] = q[1:] != q[:-1] + 1
        index = np.flatnonzero(first)
        starts, lengths = q[index], np.diff(np.append(index, len(q)))
        before = np.where(starts > 0, data[np.maximum(starts - 1, 0)], last_byte)
        at_start = np.isin(before, self.edges) | ((starts + offset) == 0)
        if offset == 0 and bytes(data[:3]) == b"\xef\xbb\xbf":
            at_start |= starts == 3  # right after a BOM: the file's first cell
        if self.carry is not None:  # the run began in the previous chunk
            lengths[0] += self.carry[0]
            at_start[0] = self.carry[1]
            self.carry = None
        if q[-1] == len(data) - 1:  # it may go on in the next chunk
            self.carry = (int(lengths[-1]), bool(at_start[-1]))
            starts, lengths, at_start = starts[:-1], lengths[:-1], at_start[:-1]
        odd = (lengths % 2) == 1
        events, toggles = starts[odd], at_start[odd].astype(np.int64)
        counted = np.cumsum(toggles)
        last_reset = (
            np.maximum.accumulate(np.where(toggles == 0, np.arange(len(toggles)), -1))
            if len(toggles)
            else toggles
        )
        k = np.searchsorted(events, positions)  # odd runs before each position
        state = np.full(len(positions), self.inside)
        some = k > 0
        if some.any():
            prior = k[some] - 1
            reset = last_reset[prior]
            after = counted[prior] - np.where(reset >= 0, counted[np.maximum(reset, 0)], 0)
            state[some] = np.where(reset >= 0, after, self.inside + after) & 1
        if len(toggles):
            reset = int(last_reset[-1])
            after = int(counted[-1]) - (int(counted[reset]) if reset >= 0 else 0)
            self.inside = (after if reset >= 0 else self.inside + after) & 1
        return state == 0


def _line_end(chunk: bytes) -> int:
    """10 for \n and \r\n files, 13 for old Mac files (\r alone), as DuckDB detects them."""
    cr, lf = chunk.find(b"\r"), chunk.find(b"\n")
    alone = 0 <= cr < len(chunk) - 1 and chunk[cr + 1] != 10
    return 13 if alone and (lf < 0 or cr < lf) else 10


def _count(
    found: RecordScan, sizes: Any, lines: Any, starts: Any, after_line: int, limit: int
) -> None:
    """Add records (numpy arrays: sizes without the line end, first lines, offsets)."""
    found.records += int(((sizes > 0) & (lines > after_line)).sum())
    found.longest = max(found.longest, int(sizes.max()))
    long = sizes > limit
    if long.any():
        found.too_long += int(long.sum())
        if found.first_too_long is None:
            found.first_too_long = int(lines[long][0])
            found.first_too_long_size = int(sizes[long][0])
            found.first_too_long_offset = int(starts[long][0])


def widest_field(path: Path, offset: int, quotechar: str, sep: str) -> tuple[int, int]:
    """The 1-based position and bytes of the longest field of the record at `offset`."""
    import numpy as np

    quotes = _Quotes(quotechar, sep)
    separator = sep.encode("utf-8")[0]
    position, field_start, best = 1, offset, (1, 0)
    last_byte = 10  # a record starts a line
    with open(path, "rb") as f:
        f.seek(offset)
        base = offset
        while chunk := f.read(CHUNK_BYTES):
            data = np.frombuffer(chunk, dtype=np.uint8)
            marks = np.flatnonzero((data == separator) | (data == 10) | (data == 13))
            cuts = marks[quotes.outside(data, marks, base, last_byte)]  # field ends, record end
            last = np.flatnonzero(data[cuts] != separator)
            if len(last):
                cuts = cuts[: last[0] + 1]
            if len(cuts):
                sizes = cuts + base - np.concatenate(([field_start], cuts[:-1] + base + 1))
                k = int(np.argmax(sizes))
                best = max(best, (position + k, int(sizes[k])), key=lambda b: b[1])
                position, field_start = position + len(cuts), int(cuts[-1]) + base + 1
            if len(last):
                return best
            base += len(chunk)
            last_byte = int(data[-1])
    return max(best, (position, base - field_start), key=lambda b: b[1])


def exact_records(
    path: Path, sep: str, quotechar: str, after_line: int, limit: int = MAX_RECORD_BYTES
) -> RecordScan:
    """The same count by the csv module, which reads quotes as DuckDB does (slower).

    `scan_records` models DuckDB's quotes for tidy and common untidy files; when its count
    is above DuckDB's rows, this count decides before a loss is reported (it holds a
    record in memory: records are below MAX_RECORD_BYTES by then). `exact` is False when
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
