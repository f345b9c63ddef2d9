"""The contract of a data source: a registered component that says where rows come from."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from datacites_proto.blueprint.base import Component

if TYPE_CHECKING:
    from datacites_proto.sources.sniff import FileColumns


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
