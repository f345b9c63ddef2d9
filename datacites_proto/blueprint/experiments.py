"""Experiments: an intervention declared in advance, whose impact on an indicator is measured."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import AfterValidator, Discriminator, Tag, field_validator, model_validator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint import expressions as ex
from datacites_proto.blueprint.base import Slug, Spec, field
from datacites_proto.blueprint.filters import QualifiedColumn, Scalar

Grain = Literal["day", "week", "month"]
Adjustment = Literal["weekday", "month", "holidays"]
Status = Literal["planned", "running", "ended"]
# Days in one period of each grain: a "before" or "after" needs at least two of them.
GRAIN_DAYS: dict[str, int] = {"day": 1, "week": 7, "month": 28}


def _condition(text: str) -> str:
    if not text.strip():
        raise PydanticCustomError("experiment_units_empty", "no units", {})
    try:
        ex.parse_condition(text)
    except ex.ExpressionError as exc:
        raise PydanticCustomError(
            exc.code, str(exc), {**exc.params, "offset": exc.position}
        ) from None
    return text


def _filter_values(
    values: dict[str, Scalar | list[Scalar]],
) -> dict[str, Scalar | list[Scalar]]:
    if not values:
        raise PydanticCustomError("experiment_units_empty", "no units", {})
    for filter_id, value in values.items():
        if isinstance(value, list) and not value:
            raise PydanticCustomError(
                "experiment_filter_values_empty", "no values", {"filter": filter_id}
            )
    return values


# Units are either a condition in the indicators' `where` language, e.g.
# "sites.site_name in ('Rue Savary')", or filter values: {site: ['Rue Savary']}.
UnitsCondition = Annotated[str, AfterValidator(_condition)]
UnitsFilters = Annotated[dict[Slug, Scalar | list[Scalar]], AfterValidator(_filter_values)]


def _units_form(value: Any) -> str:
    return "condition" if isinstance(value, str) else "filters"


# Told apart by the written value, so that a wrong condition reports only what is wrong with it.
Units = Annotated[
    Annotated[UnitsCondition, Tag("condition")] | Annotated[UnitsFilters, Tag("filters")],
    Discriminator(_units_form),
]


def units_condition(units: Units | None) -> str | None:
    """The condition text when the units are written as a condition, else None."""
    return units if isinstance(units, str) else None


def units_filters(units: Units | None) -> dict[str, list[Scalar]]:
    """The filter values (each as a list) when the units are written as filter values."""
    if not isinstance(units, dict):
        return {}
    return {f: list(v) if isinstance(v, list) else [v] for f, v in units.items()}


class Period(Spec):
    """An intervention with a start and maybe an end (a temporary one)."""

    doc_fr: ClassVar[str] = "Une intervention avec un début et peut-être une fin (temporaire)."

    start: dt.date = field(
        fr="Premier jour de l'intervention.", en="First day of the intervention."
    )
    end: dt.date | None = field(
        None,
        fr="Dernier jour de l'intervention, si elle est temporaire.",
        en="Last day of the intervention, when it is temporary.",
    )

    @model_validator(mode="after")
    def _order(self) -> Self:
        if self.end is not None and self.end < self.start:
            raise PydanticCustomError(
                "experiment_end_before_start",
                "end before start",
                {"at": "end", "start": self.start.isoformat(), "end": self.end.isoformat()},
            )
        return self


InterventionPeriod = Period


class Expected(Spec):
    """The effect the team expects, written before looking at the result."""

    doc_fr: ClassVar[str] = "L'effet attendu par l'équipe, écrit avant de regarder le résultat."

    min_effect: float = field(
        fr="Effet relatif minimal attendu : 0.05 pour 5 %.",
        en="Smallest relative effect expected: 0.05 for 5 %.",
    )
    direction: Literal["up", "down"] = field(
        "up",
        fr="up : l'indicateur doit augmenter ; down : il doit baisser.",
        en="up: the indicator should rise; down: it should fall.",
    )

    @field_validator("min_effect")
    @classmethod
    def _positive(cls, value: float) -> float:
        if not value > 0:
            raise PydanticCustomError(
                "experiment_min_effect_not_positive", "must be > 0", {"value": value}
            )
        return value

    @model_validator(mode="after")
    def _possible(self) -> Self:
        # A fall of 100 % or more would take the indicator below zero.
        if self.direction == "down" and self.min_effect >= 1:
            raise PydanticCustomError(
                "experiment_min_effect_too_large", "cannot fall by 100 %", {"at": "min_effect"}
            )
        return self


class Experiment(Spec):
    """An intervention whose effect on an indicator is measured against what came before."""

    doc_fr: ClassVar[str] = (
        "Une intervention dont l'effet sur un indicateur est mesuré par rapport à l'avant."
    )

    title: str = field(min_length=1, fr="Nom de l'expérimentation.", en="Name of the experiment.")
    hypothesis: str | None = field(
        None,
        fr="Ce que l'équipe pense qu'il va se passer, et pourquoi.",
        en="What the team thinks will happen, and why.",
    )
    indicator: Slug = field(
        fr="Indicateur mesuré (avec « dataset » et « measure », pas une formule).",
        en="Indicator measured (with 'dataset' and 'measure', not a formula).",
    )
    time: QualifiedColumn | None = field(
        None,
        fr=(
            "Colonne de date « jeu.colonne » du jeu de l'indicateur ; par défaut sa seule "
            "colonne date ou datetime."
        ),
        en=(
            "Date column 'dataset.column' of the indicator's dataset; by default its only "
            "date or datetime column."
        ),
    )
    intervention: dt.date | Period = field(
        fr="Date de l'intervention (2026-06-01) ou {start, end} si elle est temporaire.",
        en="Date of the intervention (2026-06-01), or {start, end} when it is temporary.",
    )
    treated: Units = field(
        fr=(
            "Unités concernées : une condition (« sites.site_name in ('Rue Savary') ») "
            "ou des valeurs de filtres ({site: [Rue Savary]})."
        ),
        en=(
            "Units treated: a condition (\"sites.site_name in ('Rue Savary')\") "
            "or filter values ({site: [Rue Savary]})."
        ),
    )
    control: Units | None = field(
        None,
        fr="Unités témoins, écrites comme « treated » ; sans témoin, l'avant sert de référence.",
        en="Control units, written like 'treated'; without them, the before period is the reference.",
    )
    grain: Grain = field(
        "day",
        fr="Pas de temps de la série : day, week ou month.",
        en="Time step of the series: day, week or month.",
    )
    baseline: int | None = field(
        None,
        ge=1,
        fr="Durée de l'avant en jours ; par défaut celle de l'après, bornée par les données.",
        en="Length of the before period in days; by default that of the after, capped by the data.",
    )
    adjust_for: list[Adjustment] = field(
        [],
        fr="Effets corrigés : weekday, month, holidays (jours fériés du territoire).",
        en="Effects adjusted for: weekday, month, holidays (the territory's public holidays).",
    )
    expected: Expected | None = field(
        None, fr="Effet attendu, écrit à l'avance.", en="Effect expected, written in advance."
    )
    status: Status = field(
        "running",
        fr="planned (à venir), running (en cours) ou ended (terminée).",
        en="planned, running or ended.",
    )

    @field_validator("adjust_for")
    @classmethod
    def _unique(cls, values: list[str]) -> list[str]:
        seen = [v for i, v in enumerate(values) if v in values[:i]]
        if seen:
            raise PydanticCustomError("experiment_adjust_repeated", "repeated", {"name": seen[0]})
        return values

    @model_validator(mode="after")
    def _grain(self) -> Self:
        days = GRAIN_DAYS[self.grain]
        if "weekday" in self.adjust_for and self.grain != "day":
            # A week or a month holds every weekday: there is nothing to adjust.
            raise PydanticCustomError(
                "experiment_weekday_needs_day",
                "weekday needs day",
                {"at": "adjust_for", "grain": self.grain},
            )
        if self.baseline is not None and self.baseline < 2 * days:
            raise PydanticCustomError(
                "experiment_baseline_too_short_for_grain",
                "baseline too short",
                {"at": "baseline", "grain": self.grain, "days": 2 * days},
            )
        end = self.after_end
        if end is not None and (end - self.after_start).days + 1 < days:
            raise PydanticCustomError(
                "experiment_period_shorter_than_grain",
                "period shorter than one grain",
                {"at": "intervention", "grain": self.grain, "days": days},
            )
        return self

    @property
    def after_start(self) -> dt.date:
        """The first day of the "after" period (the intervention's first day)."""
        iv = self.intervention
        return iv.start if isinstance(iv, Period) else iv

    @property
    def after_end(self) -> dt.date | None:
        """The last day of the "after" period for a temporary intervention, else None."""
        iv = self.intervention
        return iv.end if isinstance(iv, Period) else None

    @property
    def is_temporary(self) -> bool:
        """Whether the intervention has an end (the "after" period is start..end)."""
        return self.after_end is not None

    @functools.cached_property
    def treated_ast(self) -> Any:
        """The treated units' parsed condition, or None when written as filter values."""
        text = units_condition(self.treated)
        return ex.parse_condition(text) if text else None

    @functools.cached_property
    def control_ast(self) -> Any:
        """The control units' parsed condition, or None."""
        text = units_condition(self.control)
        return ex.parse_condition(text) if text else None


__all__ = [
    "GRAIN_DAYS",
    "Expected",
    "Experiment",
    "InterventionPeriod",
    "Period",
    "Units",
    "units_condition",
    "units_filters",
]
