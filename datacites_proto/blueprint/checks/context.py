"""What every check needs: the blueprint, where things were written, and the known columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.relations import reachable
from datacites_proto.blueprint.source_map import SourceMap
from datacites_proto.errors import Loc, Problem
from datacites_proto.suggest import close_matches


@dataclass
class KnownColumns:
    """A dataset's columns as far as validation can tell without loading it."""

    types: dict[str, str | None] = field(default_factory=dict)
    complete: bool = False  # True when read from the data itself: a missing name is an error


@dataclass(frozen=True)
class Use:
    """A dataset (and maybe one of its columns) used by a view of a page."""

    page: int
    view: Loc  # the view (or filter) that uses it: one governance error per view and rule
    loc: Loc
    dataset: str
    column: str | None
    usage: str  # "raw", "group", "aggregate" or "condition"


@dataclass
class CheckContext:
    """Shared state of one validation run; checks report through `error` and `warn`."""

    blueprint: Blueprint
    smap: SourceMap
    base_dir: Path
    project_dir: Path
    registry: Any
    problems: list[Problem] = field(default_factory=list)
    columns: dict[str, KnownColumns] = field(default_factory=dict)
    agreements: dict[str, Any] = field(default_factory=dict)  # dataset id -> Agreement
    uses: list[Use] = field(default_factory=list)  # filled by the reference check

    def error(
        self, code: str, loc: Loc, *, key: bool = False, offset: int | None = None, **kw: Any
    ) -> None:
        self.problems.append(self.smap.problem(code, loc, key=key, offset=offset, **kw))

    def warn(self, code: str, loc: Loc, *, key: bool = False, **kw: Any) -> None:
        self.problems.append(self.smap.problem(code, loc, key=key, severity="warning", **kw))

    def unknown(
        self,
        code: str,
        loc: Loc,
        name: str,
        candidates: list[str],
        *,
        offset: int | None = None,
        suggest_from: list[str] | None = None,
        **params: Any,
    ) -> None:
        """Report an unknown id or column with "did you mean" suggestions."""
        self.error(
            code,
            loc,
            offset=offset,
            params={"name": name, "available": ", ".join(candidates) or "—", **params},
            suggestions=tuple(close_matches(name, suggest_from or candidates)),
        )

    # Relations -----------------------------------------------------------------------

    def related(self, home: str) -> set[str]:
        """Datasets reachable from `home` by following many-to-one relations."""
        return reachable(self.blueprint.relations, home)

    # Indicators ----------------------------------------------------------------------

    def leaf_datasets(self, indicator_id: str) -> set[str]:
        """Datasets an indicator measures, through formulas."""
        return self.blueprint.leaf_datasets(indicator_id)

    def has_column(self, dataset: str, column: str) -> bool | None:
        """Whether `dataset` has `column`; None when its columns are not all known."""
        known = self.columns.get(dataset)
        if known is None:
            return None
        if column in known.types:
            return True
        return False if known.complete else None

    def column_type(self, dataset: str, column: str) -> str | None:
        known = self.columns.get(dataset)
        return known.types.get(column) if known else None
