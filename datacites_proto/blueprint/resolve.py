"""Which dataset a column name belongs to, following relations (shared by checks and engine)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Resolution:
    """Where a column reference points, or why it points nowhere."""

    dataset: str | None
    column: str
    problem: str | None = None  # "unknown_column", "ambiguous_column" or "dataset_not_related"
    candidates: tuple[str, ...] = ()  # datasets holding the name, when ambiguous


def resolve_column_name(
    home: str,
    qualifier: str | None,
    name: str,
    related: Iterable[str],
    has_column: Callable[[str, str], bool | None],
) -> Resolution:
    """Resolve `name` (or `qualifier.name`) seen from dataset `home`.

    `related` lists the datasets reachable from `home` by relations; `has_column`
    answers True/False, or None when a dataset's columns are not known. An unqualified
    name missing from `home` is looked for in the related datasets: one match wins,
    several are ambiguous.
    """
    reachable = [d for d in related if d != home]
    if qualifier is not None:
        if qualifier != home and qualifier not in reachable:
            return Resolution(None, name, "dataset_not_related")
        return Resolution(
            qualifier, name, None if has_column(qualifier, name) is not False else "unknown_column"
        )
    here = has_column(home, name)
    if here is not False:
        return Resolution(home, name)
    holders = tuple(d for d in reachable if has_column(d, name))
    if len(holders) == 1:
        return Resolution(holders[0], name)
    if len(holders) > 1:
        return Resolution(None, name, "ambiguous_column", holders)
    return Resolution(home, name, "unknown_column")
