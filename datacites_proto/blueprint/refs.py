"""What a blueprint object refers to, so that references can be checked in one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from datacites_proto.errors import Loc

RefKind = Literal["dataset", "indicator", "column", "filter", "experiment"]
# How a column is used decides what governance allows: "raw" shows row values, "group"
# shows its distinct values as categories, "aggregate" and "condition" show neither.
Usage = Literal["raw", "group", "aggregate", "condition"]


@dataclass(frozen=True)
class Ref:
    """One reference written in a blueprint object."""

    kind: RefKind
    name: str
    loc: Loc = ()  # where it is written, relative to the object that declares it
    dataset: str | None = None  # a column's home dataset, when not written "dataset.column"
    indicator: str | None = None  # or: resolve the column against this indicator's dataset
    usage: Usage = "aggregate"
    grain: str | None = None  # a time grain applied to the column, e.g. "day"
    offset: int = 0  # characters into the written value (for expressions)
    numeric: bool = False  # the column must hold numbers (sum, mean, sizes)
    or_indicator: bool = False  # an indicator id is accepted here too (map sizes, tooltips)

    @property
    def qualified(self) -> tuple[str | None, str]:
        """(dataset, column) when written "dataset.column", else (None, name)."""
        if self.kind == "column" and "." in self.name:
            dataset, column = self.name.split(".", 1)
            return dataset, column
        return None, self.name
