"""`opendatasoft` source: an export of an Opendatasoft portal dataset (Explore API v2.1)."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import field_validator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint.base import field, tag
from datacites_proto.sources.base import Source
from datacites_proto.sources.sql_database import check_no_credentials


class OpendatasoftSource(Source):
    """A dataset of an Opendatasoft portal, exported whole and cached."""

    doc_fr: ClassVar[str] = (
        "Un jeu de données d'un portail Opendatasoft, exporté en entier et gardé en cache."
    )

    type: Literal["opendatasoft"] = tag("opendatasoft")
    portal: str = field(
        fr="Adresse du portail, par exemple « https://data.rennesmetropole.fr ».",
        en="Address of the portal, e.g. 'https://data.rennesmetropole.fr'.",
    )
    dataset: str = field(
        fr="Identifiant du jeu de données sur le portail.",
        en="Id of the dataset on the portal.",
    )
    format: Literal["csv", "parquet", "geojson"] = field(
        "parquet",
        fr="Format d'export demandé au portail.",
        en="Export format asked of the portal.",
    )
    max_age_days: int | None = field(
        None,
        ge=0,
        fr="Retélécharger quand la copie locale a plus de N jours ; jamais si absent.",
        en="Download again when the local copy is older than N days; never when absent.",
    )

    @field_validator("portal")
    @classmethod
    def _portal_url(cls, portal: str) -> str:
        check_no_credentials(portal)
        if "://" not in portal:
            portal = "https://" + portal
        if not portal.startswith(("https://", "http://")):
            raise PydanticCustomError("bad_portal_url", "bad portal url", {"url": portal})
        return portal.rstrip("/")

    def describe(self) -> str:
        return f"{self.portal} {self.dataset}"
