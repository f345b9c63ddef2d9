"""`datagouv` source: a data.gouv.fr resource, downloaded once into a local cache."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import field_validator

from datacites_proto.blueprint.base import field, tag
from datacites_proto.sources.base import LoadContext, LocalSource
from datacites_proto.sources.portals.fetched_table import fetched_fingerprint, load_fetched
from datacites_proto.sources.sql_database import check_no_credentials

if TYPE_CHECKING:
    from datacites_proto.sources.download_cache import FetchedFile
    from datacites_proto.sources.sniff import FileColumns

DATAGOUV_API = "https://www.data.gouv.fr/api/1/"


class DataGouvSource(LocalSource):
    """A resource of a data.gouv.fr dataset."""

    doc_fr: ClassVar[str] = (
        "Une ressource d'un jeu de données de data.gouv.fr, "
        "téléchargée une fois puis gardée en cache."
    )

    type: Literal["datagouv"] = tag("datagouv")
    dataset: str = field(
        fr="Identifiant ou slug du jeu de données sur data.gouv.fr.",
        en="Id or slug of the data.gouv.fr dataset.",
    )
    resource: str = field(
        fr="Identifiant (UUID) ou titre exact de la ressource à télécharger.",
        en="Id (UUID) or exact title of the resource to download.",
    )
    format: Literal["csv", "parquet", "geojson", "excel"] | None = field(
        None,
        fr="Format de la ressource ; déduit des métadonnées de data.gouv.fr si absent.",
        en="Format of the resource; taken from data.gouv.fr's metadata when absent.",
    )
    max_age_days: int | None = field(
        None,
        ge=0,
        fr="Retélécharger quand la copie locale a plus de N jours ; jamais si absent.",
        en="Download again when the local copy is older than N days; never when absent.",
    )
    api_url: str = field(
        DATAGOUV_API,
        fr="Racine de l'API data.gouv.fr (à changer seulement pour un miroir ou des tests).",
        en="Root of the data.gouv.fr API (change only for a mirror or tests).",
    )

    @field_validator("api_url")
    @classmethod
    def _no_secret(cls, url: str) -> str:
        return check_no_credentials(url)

    def describe(self) -> str:
        return f"data.gouv.fr {self.dataset}/{self.resource}"

    def fetch(
        self, cache_dir: Path, *, now: datetime | None = None, offline: bool = False
    ) -> FetchedFile:
        """The local copy of the resource, downloaded into `cache_dir` when missing or too old."""
        # Imported here: only projects that download pay for loading httpx.
        from datacites_proto.sources.portals.datagouv import fetch_datagouv

        return fetch_datagouv(self, cache_dir, now=now, offline=offline)

    def fingerprint(self, ctx: LoadContext) -> str:
        return fetched_fingerprint(ctx, self.fetch(ctx.cache_dir))

    def load(self, ctx: LoadContext, table: str) -> None:
        load_fetched(ctx, table, self.fetch(ctx.cache_dir))

    def detect_columns(self, base_dir: Path) -> FileColumns | None:
        """The columns of the cached copy, if any: validation never downloads."""
        from datacites_proto.sources.download_cache import project_cache_dir, read_columns
        from datacites_proto.sources.portals.datagouv import cached_datagouv

        cached = cached_datagouv(self, project_cache_dir(base_dir))
        return read_columns(cached) if cached else None
