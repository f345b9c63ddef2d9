"""Load a file fetched from a portal (data.gouv.fr, Opendatasoft) like a local file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from datacites_proto.errors import Problem

if TYPE_CHECKING:
    from datacites_proto.sources.base import LoadContext
    from datacites_proto.sources.download_cache import FetchedFile


def fetched_fingerprint(ctx: LoadContext, fetched: FetchedFile) -> str:
    """Changes with a new download and with the declared columns (both change the table)."""
    from datacites_proto.sources.reading.typed_table import paths_fingerprint

    return paths_fingerprint(ctx, [fetched.path], fetched=fetched.fingerprint())


def load_fetched(ctx: LoadContext, table: str, fetched: FetchedFile, **options: object) -> None:
    """Put a downloaded file into the embedded database through the loader of its format."""
    from datacites_proto.sources.reading.errors import DataError
    from datacites_proto.sources.reading.typed_table import load_file

    if fetched.format not in ("csv", "parquet", "geojson", "excel"):
        problem = Problem(
            "download_not_tabular",
            {"format": fetched.format, "url": fetched.url},
            file=ctx.display(fetched.path),
            loc=("datasets", ctx.dataset_id, "source"),
        )
        raise DataError([problem], dataset=ctx.dataset_id)
    load_file(ctx, table, fetched.path, fetched.format, **options)
