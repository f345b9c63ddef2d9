"""What the `catalog` view says of a dataset that needs no Streamlit: licences, freshness,
INSEE columns and units, each a small pure function (tested on its own)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datacites_proto.blueprint.model import Blueprint

# The official texts (domain notes): Licence Ouverte on etalab.gouv.fr, ODbL on
# opendatacommons.org, CC BY on creativecommons.org, each in the reader's language.
LICENCE_URLS: dict[str, dict[str, str]] = {
    "etalab-2.0": {
        "fr": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        "en": "https://www.etalab.gouv.fr/wp-content/uploads/2018/11/open-licence.pdf",
    },
    "odbl-1.0": {
        "fr": "https://opendatacommons.org/licenses/odbl/1-0/",
        "en": "https://opendatacommons.org/licenses/odbl/1-0/",
    },
    "cc-by-4.0": {
        "fr": "https://creativecommons.org/licenses/by/4.0/deed.fr",
        "en": "https://creativecommons.org/licenses/by/4.0/deed.en",
    },
}
LICENCE_SITES = {
    "etalab-2.0": "etalab.gouv.fr",
    "odbl-1.0": "opendatacommons.org",
    "cc-by-4.0": "creativecommons.org",
}
_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}
_DAYS = {"daily": 1, "weekly": 7}
# An INSEE commune code: five characters, the département (2A/2B in Corsica) then three digits.
_INSEE_CODE = re.compile(r"^(\d\d|2A|2B)\d{3}$")
_INSEE_NAME = re.compile(r"(^|_)(insee|code_commune|codgeo|depcom)(_|$)", re.IGNORECASE)
_SIMPLE_MEASURE = re.compile(r"^\s*(sum|mean|median|min|max)\(\s*([A-Za-z_][\w]*)\s*\)\s*$")


def licence_url(licence: str, lang: str) -> str | None:
    """The official text of an open licence, in `lang` when it exists (None otherwise)."""
    urls = LICENCE_URLS.get(licence)
    return None if urls is None else urls.get(lang, urls["fr"])


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def next_update(updated: dt.date, frequency: str) -> dt.date | None:
    """When the next update is due after `updated` (None when irregular)."""
    if frequency in _DAYS:
        return updated + dt.timedelta(days=_DAYS[frequency])
    if frequency in _MONTHS:
        return _add_months(updated, _MONTHS[frequency])
    return None


@dataclass(frozen=True)
class Freshness:
    """Whether a dataset is up to date: its next due date and how many days late it is."""

    due: dt.date
    days_late: int

    @property
    def late(self) -> bool:
        return self.days_late > 0


def freshness(updated: dt.date | None, frequency: str | None, today: dt.date) -> Freshness | None:
    """The freshness of a dataset, or None without an update date or a regular rhythm."""
    if updated is None or frequency is None:
        return None
    due = next_update(updated, frequency)
    if due is None:
        return None
    return Freshness(due, max(0, (today - due).days))


def insee_columns(names: Iterable[str]) -> list[str]:
    """Columns whose name says they hold INSEE commune codes (`fr_insee_code`, `insee`…)."""
    return [name for name in names if _INSEE_NAME.search(name)]


def commune_count(values: Iterable[object]) -> int:
    """How many distinct INSEE commune codes are among `values` (merged groups left out)."""
    return len({str(v) for v in values if v is not None and _INSEE_CODE.match(str(v))})


def column_units(blueprint: Blueprint, dataset: str) -> dict[str, str]:
    """The unit of each column an indicator of this dataset sums or averages (`sum(count)`)."""
    units: dict[str, str] = {}
    for indicator in blueprint.indicators.values():
        measure = getattr(indicator, "measure", None)
        if indicator.dataset != dataset or not indicator.unit or not measure:
            continue
        match = _SIMPLE_MEASURE.match(measure)
        if match:
            units.setdefault(match.group(2), indicator.unit)
    return units


def date_columns(types: Mapping[str, str | None]) -> list[str]:
    """The columns holding dates or timestamps."""
    return [name for name, kind in types.items() if kind in ("date", "datetime")]
