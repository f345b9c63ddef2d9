"""Filters: controls shared by every page, whose state lives in the page URL."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, ClassVar, Literal, Self

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint.base import Spec, field, tag

DATE_PRESETS = ("last_7_days", "last_30_days", "last_90_days", "last_12_months", "all")
_QUALIFIED_RE = re.compile(r"^[a-z][a-z0-9_]*\.[^\W\d]\w*$")


def _qualified(value: str) -> str:
    if not _QUALIFIED_RE.match(value):
        raise PydanticCustomError(
            "filter_column_unqualified", "write dataset.column", {"value": value}
        )
    return value


QualifiedColumn = Annotated[str, AfterValidator(_qualified)]
Scalar = str | int | float | bool


class _Filter(Spec):
    column: QualifiedColumn = field(
        fr="Colonne filtrée, écrite « jeu.colonne » (ex. « measures.start_datetime »).",
        en="Column filtered, written 'dataset.column' (e.g. 'measures.start_datetime').",
    )
    label: str | None = field(None, fr="Libellé du contrôle.", en="Label of the control.")
    help: str | None = field(None, fr="Aide affichée au survol.", en="Help shown on hover.")

    @property
    def dataset(self) -> str:
        return self.column.split(".", 1)[0]

    @property
    def column_name(self) -> str:
        return self.column.split(".", 1)[1]


class DateRangeFilter(_Filter):
    """A period, chosen among presets or between two dates."""

    doc_fr: ClassVar[str] = "Une période, choisie parmi des préréglages ou entre deux dates."

    type: Literal["date_range"] = tag("date_range")
    default: (
        Literal["last_7_days", "last_30_days", "last_90_days", "last_12_months", "all"]
        | tuple[dt.date, dt.date]
    ) = field(
        "all",
        fr=(
            "Période par défaut : last_7_days, last_30_days, last_90_days, "
            "last_12_months, all, ou [début, fin]."
        ),
        en=(
            "Default period: last_7_days, last_30_days, last_90_days, last_12_months, "
            "all, or [start, end]."
        ),
    )

    @model_validator(mode="after")
    def _order(self) -> Self:
        if isinstance(self.default, tuple) and self.default[0] > self.default[1]:
            raise PydanticCustomError("range_inverted", "start after end", {"at": "default"})
        return self


class SelectFilter(_Filter):
    """One value among the column's values."""

    doc_fr: ClassVar[str] = "Une valeur parmi celles de la colonne."

    type: Literal["select"] = tag("select")
    default: Scalar | None = field(
        None,
        fr="Valeur choisie par défaut (aucune : tout).",
        en="Value chosen by default (none: all).",
    )
    options: list[Scalar] | None = field(
        None,
        fr="Valeurs proposées ; celles des données si absent.",
        en="Values offered; the data's when absent.",
    )


class MultiselectFilter(_Filter):
    """Several values among the column's values."""

    doc_fr: ClassVar[str] = "Plusieurs valeurs parmi celles de la colonne."

    type: Literal["multiselect"] = tag("multiselect")
    default: list[Scalar] = field(
        [],
        fr="Valeurs choisies par défaut (aucune : tout).",
        en="Values chosen by default (none: all).",
    )
    options: list[Scalar] | None = field(
        None,
        fr="Valeurs proposées ; celles des données si absent.",
        en="Values offered; the data's when absent.",
    )


class RangeFilter(_Filter):
    """An interval of a numeric column."""

    doc_fr: ClassVar[str] = "Un intervalle d'une colonne numérique."

    type: Literal["range"] = tag("range")
    default: tuple[float, float] | None = field(
        None,
        fr="Intervalle par défaut [bas, haut] ; toute l'étendue si absent.",
        en="Default interval [low, high]; the whole span when absent.",
    )
    step: float | None = field(None, gt=0, fr="Pas du curseur.", en="Step of the slider.")

    @model_validator(mode="after")
    def _order(self) -> Self:
        if self.default is not None and self.default[0] > self.default[1]:
            raise PydanticCustomError("range_inverted", "low above high", {"at": "default"})
        return self


class ToggleFilter(_Filter):
    """A switch that, when on, keeps the rows whose column equals `value`."""

    doc_fr: ClassVar[str] = (
        "Un interrupteur qui, activé, garde les lignes dont la colonne vaut « value »."
    )

    type: Literal["toggle"] = tag("toggle")
    value: Scalar = field(
        True,
        fr="Valeur gardée quand l'interrupteur est activé.",
        en="Value kept when the switch is on.",
    )
    default: bool = field(False, fr="Activé par défaut ?", en="On by default?")


Filter = Annotated[
    DateRangeFilter | SelectFilter | MultiselectFilter | RangeFilter | ToggleFilter,
    Field(discriminator="type"),
]
FILTER_TYPES = ("date_range", "select", "multiselect", "range", "toggle")
