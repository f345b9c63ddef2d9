"""The contract of a data source: a registered component that says where rows come from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from datacites_proto.blueprint.base import Component

if TYPE_CHECKING:
    from datacites_proto.blueprint.datasets import Dataset
    from datacites_proto.sources.sniff import FileColumns


@dataclass
class LoadContext:
    """What a source needs to put its rows into the service's embedded database."""

    dataset_id: str
    dataset: Dataset  # declared columns, key and governance
    base_dir: Path  # the blueprint's folder: paths are relative to it
    cache_dir: Path  # the project's cache folder (downloads, transcoded copies)
    con: Any  # the duckdb.DuckDBPyConnection of the embedded database
    project_dir: Path | None = None  # the folder no file may leave (the blueprint's by default)

    def display(self, path: Path) -> str:
        """A path as shown in messages: relative to the blueprint's folder when inside it."""
        try:
            return str(path.resolve().relative_to(self.base_dir.resolve()))
        except ValueError:
            return str(path)


class Source(Component):
    """Base class of every source type; subclass it and set `type: Literal["<tag>"]`."""

    kind: ClassVar[str] = "sources"
    # True when the rows live in an external database that computes indicators itself.
    remote: ClassVar[bool] = False

    def detect_columns(self, base_dir: Path) -> FileColumns | None:
        """Column names and types read cheaply (a header, a schema), or None when unknown."""
        return None

    def describe(self) -> str:
        """A short human description, e.g. the file it reads."""
        return self.type

    def fingerprint(self, ctx: LoadContext) -> str:
        """A text that changes whenever the data changes (file sizes and dates, a download date)."""
        raise NotImplementedError(f"{type(self).__name__} is remote: it is queried, not loaded")

    def load(self, ctx: LoadContext, table: str) -> None:
        """Create the DuckDB table `table` holding the typed rows; raise DataError when they are wrong."""
        raise NotImplementedError(f"{type(self).__name__} is remote: it is queried, not loaded")
