"""Typed tables from raw rows: what a local source's `load` calls.

A reader (`readers`) exposes a file's rows; `materialise` checks and converts them
(`constraints`) and creates the table only when every check passed, raising `DataError`
with every located problem otherwise. `file_fingerprint` says when a file changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from datacites_proto.blueprint.datasets import Dataset
from datacites_proto.errors import Problem
from datacites_proto.i18n import Msg
from datacites_proto.sources import sniff
from datacites_proto.sources.base import LoadContext
from datacites_proto.sources.files import existing_files
from datacites_proto.sources.reading import readers
from datacites_proto.sources.reading.constraints import check_rows, plan_columns
from datacites_proto.sources.reading.conversion import cell_text, ident

# Bump when loading rules change: every cached table is then rebuilt once.
LOADER_VERSION = "2"  # 2: Parquet queried in place

# ---------------------------------------------------------------- fingerprints


def declared_fingerprint(dataset: Dataset) -> dict[str, Any]:
    """What of the blueprint changes the table: declared columns and key."""
    return {
        "columns": {n: s.model_dump(mode="json") for n, s in dataset.columns.items()},
        "key": dataset.key_columns,
    }


def file_fingerprint(ctx: LoadContext, pattern: str, **settings: Any) -> str:
    """A hash of the size and modification time of every file matching `pattern` (a path or
    glob relative to the blueprint), of parsing `settings` and of the declared columns."""
    files = existing_files(ctx.base_dir, pattern, ctx.project_dir)
    return paths_fingerprint(ctx, files, pattern=pattern, **settings)


def paths_fingerprint(ctx: LoadContext, files: list[Path], **settings: Any) -> str:
    """Like `file_fingerprint`, for files already found (a downloaded copy, say)."""
    stats = []
    for path in files:
        try:
            st = path.stat()
            # The absolute path too: a view over a file names it, so a moved project reloads.
            stats.append([ctx.display(path), str(path.resolve()), st.st_size, st.st_mtime_ns])
        except OSError:
            stats.append([ctx.display(path), None, None])
    document = {
        "loader": LOADER_VERSION,
        "files": stats or "missing",
        "settings": settings,
        **declared_fingerprint(ctx.dataset),
    }
    text = json.dumps(document, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- format loaders


def materialise(ctx: LoadContext, raw: readers.RawTable, table: str) -> None:
    """Check the raw rows and, when every check passed, create `table` with typed columns."""
    typed = f"__typed_{table}"
    try:
        plans, problems = plan_columns(raw, ctx.dataset, ctx.dataset_id)
        problems = raw.problems + problems
        with readers.unreadable(ctx, raw.file):  # e.g. a Parquet file damaged past its footer
            problems += check_rows(ctx.con, raw, plans, ctx.dataset, ctx.dataset_id, typed)
        raw.cleanup()  # everything is in `typed` now: free the raw cells before copying
        if problems:
            raise readers.fail(problems, ctx)
        columns = ", ".join(f"{p.t} AS {ident(p.name)}" for p in plans)
        order = "" if raw.ordered else " ORDER BY __loc"
        ctx.con.execute(
            f"CREATE OR REPLACE TABLE {ident(table)} AS SELECT {columns} FROM {ident(typed)}{order}"
        )
    finally:
        ctx.con.execute(f"DROP TABLE IF EXISTS {ident(typed)}")
        raw.cleanup()


def load_csv_file(
    ctx: LoadContext,
    table: str,
    path: Path,
    *,
    sep: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
) -> None:
    """Load a CSV file (French conventions detected; explicit settings win)."""
    materialise(
        ctx, readers.read_csv(ctx, path, sep=sep, decimal=decimal, encoding=encoding), table
    )


def load_parquet_files(
    ctx: LoadContext, table: str, pattern: str, files: list[Path] | None = None
) -> None:
    """One Parquet file or every file of a glob (relative to the blueprint): queried in
    place when its types fit the declared ones (`in_place`), copied and converted otherwise."""
    from datacites_proto.sources.reading.in_place import query_in_place

    if files is None:
        files = existing_files(ctx.base_dir, pattern, ctx.project_dir)
    raw = readers.read_parquet(ctx, pattern, files)
    try:
        if query_in_place(ctx, raw, table, files):
            raw.cleanup()
            return
    except BaseException:
        raw.cleanup()
        raise
    materialise(ctx, raw, table)


def load_geojson_file(ctx: LoadContext, table: str, path: Path) -> None:
    """Load a GeoJSON FeatureCollection: properties, then `geometry` as GeoJSON text."""
    materialise(ctx, readers.read_geojson(ctx, path), table)


def load_excel_file(
    ctx: LoadContext, table: str, path: Path, sheet: str | int | None = None
) -> None:
    """Load one sheet of an .xlsx workbook."""
    materialise(ctx, readers.read_excel(ctx, path, sheet), table)


def load_file(ctx: LoadContext, table: str, path: Path, file_format: str, **options: Any) -> None:
    """Load a local file of a known format ("csv", "parquet", "geojson", "excel")."""
    if file_format == "csv":
        load_csv_file(ctx, table, path, **options)
    elif file_format == "parquet":
        load_parquet_files(ctx, table, str(path), [path])
    elif file_format == "geojson":
        load_geojson_file(ctx, table, path)
    elif file_format == "excel":
        load_excel_file(ctx, table, path, options.get("sheet"))
    else:
        raise ValueError(f"cannot load the format {file_format!r}")


def single_file(ctx: LoadContext, pattern: str) -> Path:
    """The one file a path (or a glob matching one file) names; DataError otherwise."""
    files = existing_files(ctx.base_dir, pattern, ctx.project_dir)
    if len(files) == 1:
        return files[0]
    shown = ctx.display(ctx.base_dir / pattern)
    if files:
        params = {"pattern": pattern, "count": len(files), "path": shown}
        problem = Problem("data_many_files", params, file=shown)
    else:
        problem = Problem("file_missing", {"path": shown}, file=shown)
    raise readers.fail([problem], ctx)


def load_rows(
    ctx: LoadContext,
    table: str,
    names: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    path: Path,
    lines: Sequence[int] | None = None,
    problems: Sequence[Problem] = (),
) -> None:
    """Python rows (values in the order of `names`) to a typed table, like a file read."""
    shown = ctx.display(path)
    if duplicates := readers._duplicate_names(names, shown, None):
        raise readers.fail([*problems, *duplicates], ctx)
    cells: list[list[str | None]] = [[] for _ in names]
    kinds: list[set[sniff.ColumnType]] = [set() for _ in names]
    count = 0
    for row in rows:
        count += 1
        for i in range(len(names)):
            value = row[i] if i < len(row) else None
            cells[i].append(cell_text(value))
            if (kind := sniff._value_kind(value)) is not None:
                kinds[i].add(kind)
    locs = list(lines) if lines is not None else list(range(1, count + 1))
    if len(locs) != count:
        raise ValueError(f"{count} rows but {len(locs)} lines")
    if lines is not None:
        locate = lambda found: {loc: readers.line_place(shown, loc) for loc in found}  # noqa: E731
    else:
        locate = lambda found: {loc: _row_place(shown, loc) for loc in found}  # noqa: E731
    raw = readers._arrow_raw(
        ctx,
        names,
        cells,
        locs,
        [sniff._combine(k) for k in kinds],
        file=shown,
        decimal=".",
        unit="rows",
        locate=locate,
    )
    raw.problems.extend(problems)
    materialise(ctx, raw, table)


def _row_place(shown: str, row: int) -> readers.Place:
    return readers.Place(shown, None, Msg("data_where_row", {"row": row}))
