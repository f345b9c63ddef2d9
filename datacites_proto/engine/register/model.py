"""The typed records of the governance register: one per dataset, with its lineage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Level = Literal["rows", "groups", "aggregates"]
# Most detailed first: the level a dataset is seen at is the most detailed of its uses.
LEVELS: tuple[Level, ...] = ("rows", "groups", "aggregates")
Via = Literal["direct", "relation", "formula"]
AgreementState = Literal["active", "expired", "not_started", "open_ended"]
ThresholdOrigin = Literal["none", "dataset", "default"]


def most_detailed(levels: list[Level]) -> Level | None:
    """The most detailed level among `levels` (rows before groups before aggregates)."""
    return min(levels, key=LEVELS.index) if levels else None


@dataclass(frozen=True)
class IndicatorUse:
    """An indicator that reads the dataset, and how: its own dataset, a relation or a formula."""

    id: str
    label: str
    via: Via


@dataclass(frozen=True)
class ViewUse:
    """A view of a page that shows the dataset, at which level."""

    page: str  # the page's title
    slug: str
    public: bool
    view: str  # the view's title, else its type and position
    type: str
    level: Level
    download: bool = False  # the view offers the rows to download


@dataclass(frozen=True)
class Party:
    name: str
    role: str
    siren: str | None = None


@dataclass(frozen=True)
class AgreementRecord:
    """What a data protection officer reads of an agreement, as of the register's date."""

    path: str
    title: str | None
    parties: tuple[Party, ...]
    purpose: str
    start: dt.date
    end: dt.date | None
    state: AgreementState
    days_left: int | None  # days until `end` (negative: expired); None without an end
    retention_days: int | None
    publication: bool
    onward_sharing: bool
    personal_data: bool
    legal_basis: str | None
    min_group_size: int | None
    contact: str | None


@dataclass(frozen=True)
class DatasetRecord:
    """One line of the register: a dataset, its rules, its agreement and its lineage."""

    id: str
    title: str
    producer: str | None
    sector: str
    licence: str
    access: str
    personal: tuple[str, ...]
    threshold: int  # the smallest group shown, as the engine applies it (1: none)
    threshold_origin: ThresholdOrigin
    updated: dt.date | None
    agreement: AgreementRecord | None
    agreement_path: str | None  # declared, even when the file could not be read
    indicators: tuple[IndicatorUse, ...] = ()
    views: tuple[ViewUse, ...] = ()
    filters: tuple[str, ...] = ()

    @property
    def public_level(self) -> Level | None:
        """The most detailed level public pages show it at (None: not on public pages)."""
        return most_detailed([v.level for v in self.views if v.public])

    @property
    def team_level(self) -> Level | None:
        """The most detailed level team pages show it at (None: not on team pages)."""
        return most_detailed([v.level for v in self.views if not v.public])

    @property
    def downloadable(self) -> bool:
        return any(v.download for v in self.views)


@dataclass(frozen=True)
class Register:
    """The governance register of a service, as of one date."""

    service_id: str
    service_title: str
    as_of: dt.date
    datasets: tuple[DatasetRecord, ...] = field(default=())
