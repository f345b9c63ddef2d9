"""The contract of a data source: a registered component that says where rows come from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datacites_proto.blueprint.components import SourceSpec

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


# `${NAME}` in a remote source's URL: a secret read from the environment when connecting.
ENV_VAR_RE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class RemoteTarget:
    """Where a remote source's rows are: a database URL and a table or a read-only SELECT."""

    url: str  # may hold ${ENV_VAR} placeholders, filled when connecting
    table: str | None = None  # "name" or "schema.name"
    query: str | None = None  # used as a subquery when `table` is None


class Source(SourceSpec):
    """Base class of every source type; subclass it and set `type: Literal["<tag>"]`.

    Validation hooks (`detect_columns`, `describe`, `files`, `check`, `remote`) come from
    `SourceSpec`; a local source adds `fingerprint` and `load`, a remote one `target`."""

    def detect_columns(self, base_dir: Path) -> FileColumns | None:
        """Column names and types read cheaply (a header, a schema), or None when unknown."""
        return None

    def fingerprint(self, ctx: LoadContext) -> str:
        """A text that changes whenever the data changes (file sizes and dates, a download date)."""
        raise NotImplementedError(f"{type(self).__name__} is remote: it is queried, not loaded")

    def load(self, ctx: LoadContext, table: str) -> None:
        """Create the DuckDB table `table` holding the typed rows; raise DataError when they are wrong."""
        raise NotImplementedError(f"{type(self).__name__} is remote: it is queried, not loaded")

    def target(self) -> RemoteTarget:
        """For a `remote` source: the database and the table or SELECT the engine queries."""
        raise NotImplementedError(f"{type(self).__name__} is loaded, not queried")
