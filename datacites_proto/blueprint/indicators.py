"""Indicators: named, governed measures that views break down."""

from __future__ import annotations

import functools
import itertools
import re
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import AfterValidator, field_validator, model_validator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint import expressions as ex
from datacites_proto.blueprint.base import Slug, Spec, field

IndicatorFormat = Literal["integer", "decimal", "percent", "currency", "duration"]
NAMED_COLORS = ("green", "yellow", "orange", "red", "blue", "purple", "grey", "teal")
_HEX_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def _expression_error(exc: ex.ExpressionError) -> PydanticCustomError:
    return PydanticCustomError(exc.code, str(exc), {**exc.params, "offset": exc.position})


def _color(value: str) -> str:
    if value not in NAMED_COLORS and not _HEX_RE.match(value):
        raise PydanticCustomError(
            "bad_color",
            "bad colour",
            {"value": value, "choices": list(NAMED_COLORS), "allowed": ", ".join(NAMED_COLORS)},
        )
    return value


Color = Annotated[str, AfterValidator(_color)]


class Target(Spec):
    """A value to reach, and whether higher or lower is better."""

    doc_fr: ClassVar[str] = "Une valeur à atteindre, et si plus haut ou plus bas vaut mieux."

    value: float = field(fr="Valeur cible.", en="Target value.")
    direction: Literal["up", "down"] = field(
        "up",
        fr="up : plus c'est haut, mieux c'est ; down : plus c'est bas, mieux c'est.",
        en="up: higher is better; down: lower is better.",
    )
    label: str | None = field(None, fr="Libellé de la cible.", en="Label of the target.")


class Band(Spec):
    """A range of values with its label and colour, for KPI cards and maps."""

    doc_fr: ClassVar[str] = "Une tranche de valeurs, avec son libellé et sa couleur."

    below: float | None = field(
        None,
        fr="Borne haute (exclue) de la tranche ; la dernière tranche n'en a pas.",
        en="Upper bound (excluded) of the band; the last band has none.",
    )
    label: str = field(
        fr="Libellé de la tranche (ex. « favorable »).", en="Label of the band (e.g. 'favourable')."
    )
    color: Color = field(
        fr=f"Couleur : {', '.join(NAMED_COLORS)} ou #rrggbb.",
        en=f"Colour: {', '.join(NAMED_COLORS)} or #rrggbb.",
    )


class Indicator(Spec):
    """A measure over a dataset (`measure`), or arithmetic over other indicators (`formula`)."""

    doc_fr: ClassVar[str] = (
        "Une mesure sur un jeu de données (« measure »), "
        "ou un calcul à partir d'autres indicateurs (« formula »)."
    )

    label: str = field(
        min_length=1, fr="Nom affiché de l'indicateur.", en="Displayed name of the indicator."
    )
    dataset: Slug | None = field(
        None,
        fr="Jeu de données mesuré (obligatoire avec « measure »).",
        en="Dataset measured (required with 'measure').",
    )
    measure: str | None = field(
        None,
        fr=(
            "Mesure : count(*), count(col), count_distinct(col), sum(col), mean(col), "
            "median(col), min(col), max(col) ou share(condition)."
        ),
        en=(
            "Measure: count(*), count(col), count_distinct(col), sum(col), mean(col), "
            "median(col), min(col), max(col) or share(condition)."
        ),
    )
    where: str | None = field(
        None,
        fr=(
            "Condition sur les lignes comptées, ex. « mobility_type = 'PEDESTRIAN' and "
            "count >= 0 »."
        ),
        en="Condition on the rows measured, e.g. \"mobility_type = 'PEDESTRIAN' and count >= 0\".",
    )
    formula: str | None = field(
        None,
        fr="Calcul à partir d'autres indicateurs, ex. « chargers / population * 1000 ».",
        en="Arithmetic over other indicators, e.g. 'chargers / population * 1000'.",
    )
    format: IndicatorFormat | None = field(
        None,
        fr=(
            "Affichage : integer, decimal, percent, currency, duration ; déduit de la "
            "mesure si absent."
        ),
        en=(
            "Display: integer, decimal, percent, currency, duration; inferred from the "
            "measure when absent."
        ),
    )
    decimals: int | None = field(
        None, ge=0, le=6, fr="Nombre de décimales affichées.", en="Number of decimals shown."
    )
    unit: str | None = field(
        None,
        fr="Unité affichée après la valeur (ex. « passages »).",
        en="Unit shown after the value (e.g. 'visits').",
    )
    description: str | None = field(
        None,
        fr="Ce que mesure l'indicateur, pour les habitants.",
        en="What the indicator measures, for citizens.",
    )
    target: Target | None = field(None, fr="Objectif à atteindre.", en="Target to reach.")
    bands: list[Band] = field(
        [],
        fr="Tranches de valeurs (libellé, couleur), de la plus basse à la plus haute.",
        en="Value bands (label, colour), from lowest to highest.",
    )

    @field_validator("measure")
    @classmethod
    def _measure(cls, text: str | None) -> str | None:
        if text is not None:
            try:
                ex.parse_measure(text)
            except ex.ExpressionError as exc:
                raise _expression_error(exc) from None
        return text

    @field_validator("where")
    @classmethod
    def _where(cls, text: str | None) -> str | None:
        if text is not None:
            try:
                ex.parse_condition(text)
            except ex.ExpressionError as exc:
                raise _expression_error(exc) from None
        return text

    @field_validator("formula")
    @classmethod
    def _formula(cls, text: str | None) -> str | None:
        if text is not None:
            try:
                ex.parse_formula(text)
            except ex.ExpressionError as exc:
                raise _expression_error(exc) from None
        return text

    @field_validator("bands")
    @classmethod
    def _bands(cls, bands: list[Band]) -> list[Band]:
        bounds = [b.below for b in bands[:-1]]
        if any(b is None for b in bounds):
            raise PydanticCustomError("band_needs_below", "every band but the last needs below", {})
        if any(a >= b for a, b in itertools.pairwise(bounds)):  # type: ignore[operator]
            raise PydanticCustomError("bands_not_increasing", "bands must increase", {})
        return bands

    @model_validator(mode="after")
    def _kind(self) -> Self:
        if self.measure is None and self.formula is None:
            raise PydanticCustomError("indicator_needs_measure", "measure or formula", {})
        if self.measure is not None and self.formula is not None:
            raise PydanticCustomError(
                "indicator_measure_and_formula", "not both", {"at": "formula"}
            )
        if self.formula is not None and (self.dataset is not None or self.where is not None):
            raise PydanticCustomError(
                "formula_with_dataset", "formula takes no dataset", {"at": "formula"}
            )
        if self.measure is not None and self.dataset is None:
            raise PydanticCustomError(
                "measure_needs_dataset", "measure needs dataset", {"at": "measure"}
            )
        return self

    @functools.cached_property
    def measure_ast(self) -> ex.Measure | None:
        return ex.parse_measure(self.measure) if self.measure else None

    @functools.cached_property
    def where_ast(self) -> Any:
        return ex.parse_condition(self.where) if self.where else None

    @functools.cached_property
    def formula_ast(self) -> Any:
        return ex.parse_formula(self.formula) if self.formula else None

    @property
    def effective_format(self) -> IndicatorFormat:
        """The declared format, or the one the measure implies."""
        if self.format:
            return self.format
        measure = self.measure_ast
        if measure is not None and measure.func == "share":
            return "percent"
        if measure is not None and measure.func in ("count", "count_distinct"):
            return "integer"
        return "decimal"
