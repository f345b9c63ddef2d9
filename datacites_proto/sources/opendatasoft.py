"""`opendatasoft` source: an export of an Opendatasoft portal dataset (Explore API v2.1)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import field_validator
from pydantic_core import PydanticCustomError

from datacites_proto.blueprint.base import field, tag
from datacites_proto.sources.base import LoadContext, LocalSource
from datacites_proto.sources.portals.fetched_table import fetched_fingerprint, load_fetched
from datacites_proto.sources.sql_database import check_no_credentials

if TYPE_CHECKING:
    from datacites_proto.sources.download_cache import FetchedFile
    from datacites_proto.sources.sniff import FileColumns


class OpendatasoftSource(LocalSource):
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

    def fetch(
        self, cache_dir: Path, *, now: datetime | None = None, offline: bool = False
    ) -> FetchedFile:
        """The local copy of the export, downloaded into `cache_dir` when missing or too old."""
        # Imported here: only projects that download pay for loading httpx.
        from datacites_proto.sources.portals.opendatasoft import fetch_opendatasoft

        return fetch_opendatasoft(self, cache_dir, now=now, offline=offline)

    def fingerprint(self, ctx: LoadContext) -> str:
        return fetched_fingerprint(ctx, self.fetch(ctx.cache_dir))

    def load(self, ctx: LoadContext, table: str) -> None:
        load_fetched(ctx, table, self.fetch(ctx.cache_dir))

    def detect_columns(self, base_dir: Path) -> FileColumns | None:
        """The columns of the cached copy, if any: validation never downloads."""
        from datacites_proto.sources.download_cache import project_cache_dir, read_columns
        from datacites_proto.sources.portals.opendatasoft import cached_opendatasoft

        cached = cached_opendatasoft(self, project_cache_dir(base_dir))
        return read_columns(cached) if cached else None
