"""Run-time governance: what an audience may read of a dataset, and the threshold that applies.

Validation already refuses blueprints that would show too much; these checks run again at
every read, so that the Python API, a plugin or a hand-built query cannot go around them.
Each kind of read has one rule, and two rules hold for every read:

- rows (tables, points, shapes): open data to everyone, shared and restricted data to
  the team only;
- aggregates (indicators, histograms, column values for filters): restricted data to the
  team only; the public reads a shared dataset through its protected table;
- cells (hexagons, grids): as aggregates, and shared data to the team only too, because
  cells that follow the map's extent cut rows differently from one view to the next;
- personal columns are never read raw, whatever the audience and the kind of read;
- a dataset whose agreement has ended (`end` is past, by `blueprint/clock.py`) or forbids
  publication (`publication: false`) is withheld from the public, whatever the read: the
  error says why, and views show it instead of the data. The team still reads it.

Anything but the team is the public: an unknown or missing audience is the safe one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final, Literal

from datacites_proto.blueprint import clock
from datacites_proto.blueprint.agreement_files import AgreementFile, agreement_file, has_ended
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.i18n.local_dates import LocalDate

Audience = Literal["public", "team"]
Read = Literal["rows", "aggregate", "cells"]

PUBLIC: Final = "public"
TEAM: Final = "team"
AUDIENCES: Final = (PUBLIC, TEAM)
READS: Final = ("rows", "aggregate", "cells")

# The access levels each kind of read allows to the public (the team reads them all).
_PUBLIC_ACCESS: Final[dict[str, frozenset[str]]] = {
    "rows": frozenset({"open"}),
    "aggregate": frozenset({"open", "shared"}),
    "cells": frozenset({"open"}),
}


def is_team(audience: str | None) -> bool:
    """Whether `audience` is the signed-in team (anything else is the public)."""
    return audience == TEAM


def check(
    blueprint: Any,
    read: Read,
    datasets: Iterable[str],
    columns: Iterable[tuple[str, str]],
    audience: str | None,
) -> None:
    """Raise a `QueryError` unless `audience` may read `datasets` this way.

    `columns` are the (dataset, column) pairs read raw or grouped: none may be personal.
    """
    if not is_team(audience):
        allowed = _PUBLIC_ACCESS[read]
        for dataset in sorted(set(datasets)):
            held = withheld(blueprint, dataset)
            if held is not None:
                raise held.error()
            access = blueprint.datasets[dataset].governance.access
            if access in allowed:
                continue
            if read == "cells" and access == "shared":
                raise QueryError("protection_free_cells_refused", dataset=dataset)
            raise QueryError("rows_not_allowed", dataset=dataset, access=access)
    for dataset, name in columns:
        if name in blueprint.datasets[dataset].governance.personal:
            raise QueryError("personal_column_refused", name=name, dataset=dataset)


def check_rows(
    blueprint: Any,
    datasets: Iterable[str],
    columns: Iterable[tuple[str, str]],
    audience: str | None,
) -> None:
    """Rows are read: open data, or the team; never a personal column."""
    check(blueprint, "rows", datasets, columns, audience)


def check_aggregate(
    blueprint: Any,
    datasets: Iterable[str],
    columns: Iterable[tuple[str, str]] = (),
    audience: str | None = PUBLIC,
) -> None:
    """Aggregates are read: restricted data only by the team; never a personal column."""
    check(blueprint, "aggregate", datasets, columns, audience)


def check_cells(
    blueprint: Any,
    datasets: Iterable[str],
    columns: Iterable[tuple[str, str]] = (),
    audience: str | None = PUBLIC,
) -> None:
    """Map cells are read: as aggregates, and shared data only by the team."""
    check(blueprint, "cells", datasets, columns, audience)


def threshold(blueprint: Any, datasets: Iterable[str]) -> int:
    """The smallest group that may be shown: the largest `min_group_size` (1: none)."""
    return max((blueprint.datasets[d].governance.group_size for d in set(datasets)), default=1)


@dataclass(frozen=True)
class Withholding:
    """Why the public may not read a dataset at all: its agreement ended or forbids it."""

    dataset: str
    title: str  # the dataset's title, as pages name it
    reason: Literal["ended", "unpublished"]
    found: AgreementFile

    @property
    def end(self) -> dt.date | None:
        return self.found.agreement.end

    def params(self) -> dict[str, Any]:
        """The notice's parameters; the end is a date each language writes its own way."""
        params: dict[str, Any] = {"dataset": self.title, "agreement": self.found.name}
        if self.end is not None:
            params["end"] = LocalDate.of(self.end)
        return params

    def error(self) -> QueryError:
        """The error a public read raises, whose message is the notice pages show."""
        return QueryError(f"agreement_{self.reason}_withheld", **self.params())


def withheld(blueprint: Any, dataset: str, today: dt.date | None = None) -> Withholding | None:
    """Why the public may not read `dataset` (its agreement ended or forbids publication)."""
    found = agreement_file(blueprint, dataset)
    if found is None:
        return None
    title = blueprint.datasets[dataset].title or dataset
    if has_ended(found.agreement, today or clock.today()):
        return Withholding(dataset, title, "ended", found)
    if not found.agreement.publication:
        return Withholding(dataset, title, "unpublished", found)
    return None
