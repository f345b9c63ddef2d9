"""Where each part of a (possibly merged) blueprint was written: file, line and column."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from datacites_proto.blueprint.yaml_source import YamlDocument
from datacites_proto.errors import Loc, Problem


def has_step(value: Any, step: str | int) -> bool:
    """Whether `value[step]` was written (a key of a mapping, an index of a list)."""
    if isinstance(value, dict):
        return step in value
    return isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value)


@dataclass
class SourceMap:
    """Maps a path in the merged blueprint to the file and path it came from."""

    display: str  # the main file, as shown to the user
    main: YamlDocument | None = None  # None for a Python blueprint
    data: Any = None  # the merged raw data, as validated
    # Longest matching prefix wins: ("pages", 3) -> (fragment document, ("pages", 0)).
    prefixes: dict[Loc, tuple[YamlDocument, Loc]] = field(default_factory=dict)

    def origin(self, loc: Loc) -> tuple[YamlDocument | None, Loc]:
        for end in range(len(loc), 0, -1):
            hit = self.prefixes.get(tuple(loc[:end]))
            if hit is not None:
                doc, original = hit
                return doc, (*original, *loc[end:])
        return self.main, tuple(loc)

    def data_at(self, loc: Loc) -> Any:
        """The raw value written at `loc`, or None."""
        value = self.data
        for step in loc:
            if not has_step(value, step):
                return None
            value = value[step]
        return value

    def problem(
        self, code: str, loc: Loc, *, key: bool = False, offset: int | None = None, **kw: Any
    ) -> Problem:
        """A Problem at `loc`, located in whichever file wrote it."""
        doc, original = self.origin(loc)
        if doc is None:
            return Problem(code=code, file=self.display, loc=tuple(loc), **kw)
        found = doc.problem(code, original, key=key, offset=offset, **kw)
        return found.at(loc=tuple(loc))

    def where(self, loc: Loc, *, key: bool = False) -> str:
        """`file:line:col` of `loc`, for messages that point at a second place."""
        doc, original = self.origin(loc)
        if doc is None:
            return self.display
        pos = doc.position(original, key=key)
        return f"{doc.display}:{pos.line}:{pos.col}" if pos else doc.display
