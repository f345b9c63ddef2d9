"""The two contracts of a data source: `LocalSource` (loaded into a typed table) and
`RemoteSource` (queried where its rows are). The engine knows only these."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from datacites_proto.blueprint.components import SourceSpec

if TYPE_CHECKING:
    from datacites_proto.blueprint.datasets import Dataset
    from datacites_proto.errors import Problem
    from datacites_proto.sources.reading.errors import DataError
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

    # The helpers below are what a local source's `fingerprint` and `load` build on; they
    # import the readers lazily because the readers need this class.

    def file(self, pattern: str) -> Path:
        """The one project file a path (or a one-file glob) names; DataError otherwise."""
        from datacites_proto.sources.reading.typed_table import single_file

        return single_file(self, pattern)

    def fingerprint(self, *patterns: str, **settings: Any) -> str:
        """A hash of the files' sizes and dates, of `settings` and of the declared columns."""
        from datacites_proto.sources.files import existing_files
        from datacites_proto.sources.reading.typed_table import paths_fingerprint

        found = [f for p in patterns for f in existing_files(self.base_dir, p, self.project_dir)]
        return paths_fingerprint(self, found, patterns=list(patterns), **settings)

    def problem(self, code: str, path: Path, *, line: int | None = None, **params: Any) -> Problem:
        """A problem located in a file of this dataset (and on a line when given)."""
        from datacites_proto.errors import Problem

        shown = self.display(path)
        loc = ("datasets", self.dataset_id, "source")
        return Problem(code, {"path": shown, **params}, file=shown, line=line, loc=loc)

    def fail(self, problems: Sequence[Problem]) -> DataError:
        """The error to raise with every problem found: no table is created."""
        from datacites_proto.sources.reading.readers import fail

        return fail(problems, self)

    def create_table(
        self,
        table: str,
        names: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        path: Path,
        lines: Sequence[int] | None = None,
        problems: Sequence[Problem] = (),
    ) -> None:
        """Type and check Python rows against the declared columns, then create `table`.

        `rows` hold Python values (text, numbers, booleans, dates, None) in the order of
        `names`; `lines` gives each row's line in the file, so that errors name it. Every
        problem (yours in `problems`, and each value that does not fit its declared type)
        is raised at once as a DataError, and then the table is not created."""
        from datacites_proto.sources.reading.typed_table import load_rows

        load_rows(self, table, names, rows, path=path, lines=lines, problems=problems)


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

    # What the registry checks (it sits below this module and never imports it).
    component_base: ClassVar[str] = "datacites_proto.Source"

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


class LocalSource(Source):
    """A source whose rows the engine loads into its embedded database, once per change.

    Write `load(ctx, table)` with `ctx.create_table(...)` (it types, locates the errors and
    never leaves a partial table); `fingerprint` defaults to the `files()` hook's files
    and the source's settings."""

    remote: ClassVar[bool] = False

    def fingerprint(self, ctx: LoadContext) -> str:
        settings = self.model_dump(mode="json")
        return ctx.fingerprint(*(path for _, path in self.files()), **settings)

    def load(self, ctx: LoadContext, table: str) -> None:
        raise NotImplementedError(f"{type(self).__name__} must define load(ctx, table)")


class RemoteSource(Source):
    """A source whose rows stay in their database: the engine queries `target()` through
    SQLAlchemy, read-only."""

    remote: ClassVar[bool] = True

    def target(self) -> RemoteTarget:
        raise NotImplementedError(f"{type(self).__name__} must define target()")
