"""A dataset: where its rows come from, which columns it promises, and its governance."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Self, TypeAlias, get_args

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint.base import AlsoString, Spec, component_slot, field
from datacites_proto.blueprint.components import SourceSpec
from datacites_proto.blueprint.governance import Governance

ColumnType = Literal["string", "integer", "number", "boolean", "date", "datetime"]
TEMPORAL_TYPES: frozenset[str] = frozenset({"date", "datetime"})
NUMERIC_TYPES: frozenset[str] = frozenset({"integer", "number"})
Scalar = str | int | float | bool | dt.date | dt.datetime


class ColumnSpec(Spec):
    """A declared column: its type and the constraints checked when the data is loaded."""

    doc_fr: ClassVar[str] = (
        "Une colonne déclarée : son type et les contraintes vérifiées au chargement."
    )

    type: ColumnType = field(
        fr="Type : string (texte), integer (entier), number (décimal), boolean, date, datetime.",
        en="Type: string, integer, number, boolean, date or datetime.",
    )
    label: str | None = field(
        None, fr="Libellé affiché à la place du nom.", en="Label shown instead of the name."
    )
    description: str | None = field(
        None, fr="Ce que contient la colonne.", en="What the column holds."
    )
    min: int | float | dt.date | dt.datetime | None = field(
        None, fr="Valeur minimale permise.", en="Smallest value allowed."
    )
    max: int | float | dt.date | dt.datetime | None = field(
        None, fr="Valeur maximale permise.", en="Largest value allowed."
    )
    enum: list[Scalar] | None = field(
        None, min_length=1, fr="Liste des valeurs permises.", en="List of the values allowed."
    )
    required: bool = field(
        False, fr="Aucune cellule vide n'est permise.", en="No empty cell is allowed."
    )
    unique: bool = field(False, fr="Chaque valeur est unique.", en="Each value is unique.")
    format: Literal["integer", "decimal", "percent", "currency"] | None = field(
        None,
        fr=(
            "Affichage des valeurs d'une colonne integer ou number dans les tableaux et les "
            "infobulles : currency (euros, deux décimales : 1,20 €), percent (une part de 0 à "
            "1, lue 12,5 %), decimal, integer ; selon le type si absent."
        ),
        en=(
            "How an integer or number column's values are shown in tables and tooltips: "
            "currency (euros, two decimals: €1.20), percent (a share from 0 to 1, read "
            "12.5%), decimal, integer; by its type when absent."
        ),
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        # `count: integer` is short for `count: {type: integer}`.
        return {"type": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _bounds(self) -> Self:
        if self.min is not None and self.max is not None:
            try:
                inverted = self.min > self.max  # type: ignore[operator]
            except TypeError:
                inverted = False
            if inverted:
                raise PydanticCustomError("min_above_max", "min above max", {"at": "min"})
        if (self.min is not None or self.max is not None) and self.type in ("string", "boolean"):
            raise PydanticCustomError(
                "bounds_on_type", "min/max on {type}", {"type": self.type, "at": "type"}
            )
        if self.format is not None and self.type not in ("integer", "number"):
            raise PydanticCustomError(
                "format_on_type", "format on {type}", {"type": self.type, "at": "format"}
            )
        return self


class Geometry(Spec):
    """Where a row is on a map: two coordinate columns, or one geometry column."""

    doc_fr: ClassVar[str] = (
        "La position des lignes sur une carte : deux colonnes de coordonnées, "
        "ou une colonne de géométrie."
    )

    lon: str | None = field(
        None, fr="Colonne de longitude (WGS 84).", en="Longitude column (WGS 84)."
    )
    lat: str | None = field(
        None, fr="Colonne de latitude (WGS 84).", en="Latitude column (WGS 84)."
    )
    column: str | None = field(
        None,
        fr="Colonne de géométrie (GeoJSON, WKT, ou texte « lat,lon » / « [lon,lat] »).",
        en="Geometry column (GeoJSON, WKT, or 'lat,lon' / '[lon,lat]' text).",
    )
    format: Literal["geojson", "wkt", "latlon", "lonlat"] | None = field(
        None,
        fr="Format de la colonne de géométrie ; détecté si absent.",
        en="Format of the geometry column; detected when absent.",
    )

    @model_validator(mode="after")
    def _one_way(self) -> Self:
        pair = self.lon is not None or self.lat is not None
        if pair and self.column is not None:
            raise PydanticCustomError("geometry_both", "lon/lat or column", {})
        if pair and (self.lon is None or self.lat is None):
            raise PydanticCustomError("geometry_pair", "lon and lat together", {})
        if not pair and self.column is None:
            raise PydanticCustomError("geometry_empty", "lon/lat or column", {})
        if self.format is not None and self.column is None:
            raise PydanticCustomError(
                "geometry_format_without_column", "format needs column", {"at": "format"}
            )
        return self

    def columns(self) -> list[str]:
        return [c for c in (self.lon, self.lat, self.column) if c]


# Any registered source (every one subclasses sources.base.Source, itself a SourceSpec).
# A type checker sees the base class; pydantic sees the registry's dispatching slot.
if TYPE_CHECKING:
    SourceField: TypeAlias = SourceSpec
else:
    SourceField = component_slot("sources", SourceSpec)


class Dataset(Spec):
    """A data input of the service."""

    doc_fr: ClassVar[str] = "Une donnée d'entrée du service."

    title: str | None = field(
        None, fr="Titre lisible du jeu de données.", en="Readable title of the dataset."
    )
    description: str | None = field(
        None, fr="Ce que contient le jeu de données.", en="What the dataset holds."
    )
    source: SourceField = field(
        fr=(
            "D'où viennent les lignes : un composant source, choisi par « type » (csv, "
            "parquet, sql…)."
        ),
        en="Where the rows come from: a source component chosen by 'type' (csv, parquet, sql…).",
    )
    columns: dict[str, Annotated[ColumnSpec, AlsoString(get_args(ColumnType))]] = field(
        {},
        fr="Colonnes déclarées, vérifiées au chargement ; les autres sont détectées.",
        en="Declared columns, checked at load; the others are detected.",
    )
    geometry: Geometry | None = field(
        None,
        fr="Position des lignes sur une carte : {lon, lat} ou {column}.",
        en="Where rows are on a map: {lon, lat} or {column}.",
    )
    key: str | list[str] | None = field(
        None,
        fr="Clé primaire (une colonne ou une liste), vérifiée unique au chargement.",
        en="Primary key (a column or a list), checked unique at load.",
    )
    rollup_threshold: Annotated[int, Field(ge=1)] | Literal["never"] | None = field(
        None,
        fr=(
            "Nombre de lignes à partir duquel le moteur tient, pour ce jeu de fichiers, des "
            "agrégats pré-calculés pour les questions des pages (1 000 000 par défaut ; "
            "« never » : jamais). Les résultats sont les mêmes, plus vite."
        ),
        en=(
            "Rows from which the engine keeps, for this file dataset, pre-aggregated tables "
            "for the questions its pages ask (1,000,000 by default; 'never': never). The "
            "results are the same, sooner."
        ),
    )
    governance: Governance = field(
        default_factory=Governance,
        fr=(
            "Producteur, licence et règles d'accès ; par défaut, donnée ouverte sous "
            "Licence Ouverte."
        ),
        en="Producer, licence and access rules; by default, open data under Licence Ouverte.",
    )

    @field_validator("rollup_threshold", mode="before")
    @classmethod
    def _rollup_threshold(cls, value: Any) -> Any:
        # One message for the two forms, rather than one per member of the union.
        whole = isinstance(value, int) and not isinstance(value, bool)
        if value is None or value == "never" or (whole and value >= 1):
            return value
        raise PydanticCustomError(
            "rollup_threshold_invalid", "rollup threshold {value}", {"value": str(value)}
        )

    @property
    def key_columns(self) -> list[str]:
        if self.key is None:
            return []
        return [self.key] if isinstance(self.key, str) else list(self.key)
