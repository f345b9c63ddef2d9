"""Plugin components that rely only on the validation hooks, to prove they get the built-ins'
treatment: a layer reading a GeoJSON file through `files()` and checking its own key,
a team-only view, a view showing whole rows, a remote source with its own rules, a
file source whose file and unreadable data are reported like a built-in's, and a
JSON-lines file source (`jsonl.py`) the engine loads like a built-in's file.

They are not declared as entry points (the registry tests count the installed
components): tests register them in a registry of their own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from datacites_proto import (
    Layer,
    LocalSource,
    Ref,
    RemoteSource,
    RemoteTarget,
    View,
    field,
    tag,
)
from datacites_proto.blueprint.base import Slug
from datacites_proto.blueprint.checks.paths import safe_path
from datacites_proto.blueprint.components import DetectionError
from datacites_proto.errors import Loc
from datacites_proto.sources.base import ENV_VAR_RE
from datacites_proto.sources.sniff import FileColumns, SniffError, read_geojson_columns
from datacites_test_plugin.jsonl import JsonLinesSource

if TYPE_CHECKING:
    from datacites_proto.blueprint.checks import CheckContext


class DistrictsLayer(Layer):
    """Districts of a GeoJSON file over the cells of a dataset's rows."""

    type: Literal["districts"] = tag("districts")
    needs_geometry: ClassVar[bool] = True
    cells_follow_extent: ClassVar[bool] = True
    # A plain string, not a `DataPath`: only the `files()` hook makes it a project file.
    areas: str = field(fr="Fichier GeoJSON des quartiers.", en="GeoJSON file of the districts.")
    code: str = field(fr="Propriété du code de quartier.", en="Property of the district code.")
    dataset: Slug = field(fr="Jeu de données agrégé.", en="Dataset aggregated.")

    def references(self) -> list[Ref]:
        return [Ref("dataset", self.dataset, ("dataset",), usage="aggregate")]

    def files(self) -> list[tuple[Loc, str]]:
        return [(("areas",), self.areas)]

    def check(self, ctx: CheckContext, loc: Loc) -> None:
        full = safe_path(ctx, self.areas)
        if full is None or not full.is_file():
            return  # the paths check already reported it
        try:
            names = [n for n in read_geojson_columns(full).names if n != "geometry"]
        except SniffError as exc:
            ctx.error(exc.code, (*loc, "areas"), params={**exc.params, "path": self.areas})
            return
        if self.code not in names:
            ctx.unknown(
                "geojson_property_missing", (*loc, "code"), self.code, names, path=self.areas
            )


class CommentsDigestView(View):
    """A digest of citizens' comments: for the team only."""

    type: Literal["comments_digest"] = tag("comments_digest")
    team_only: ClassVar[bool] = True


class SuggestionBoxView(View):
    """A box where citizens leave suggestions: the service stores them."""

    type: Literal["suggestion_box"] = tag("suggestion_box")
    stores_feedback: ClassVar[bool] = True


class RecordsView(View):
    """Every row and column of a dataset."""

    type: Literal["records"] = tag("records")
    dataset: Slug = field(fr="Jeu de données montré.", en="Dataset shown.")

    def references(self) -> list[Ref]:
        return [Ref("dataset", self.dataset, ("dataset",), usage="raw")]

    def shows_rows(self) -> Ref | None:
        return Ref("dataset", self.dataset, ("dataset",), usage="raw")


class LedgerSource(RemoteSource):
    """A table of an accounting database, queried where it lives."""

    type: Literal["ledger"] = tag("ledger")
    database: str = field(fr="Adresse SQLAlchemy de la base.", en="SQLAlchemy URL of the database.")
    journal: str = field(fr="Table du journal.", en="Table of the journal.")

    def target(self) -> RemoteTarget:
        return RemoteTarget(self.database, table=self.journal)

    def check(self, ctx: CheckContext, loc: Loc) -> None:
        for name in ENV_VAR_RE.findall(self.database):
            if name not in os.environ:
                ctx.warn("env_var_unset", (*loc, "database"), params={"name": name})


class MeterReadingError(DetectionError):
    """A meter export whose header is not the expected one."""

    def __init__(self, header: str) -> None:
        super().__init__(header)
        self.code = "data_unreadable"
        self.params = {"detail": f"unexpected header {header!r}"}
        self.line = 1


class MeterSource(LocalSource):
    """Water meter readings exported as `meter;litres` lines."""

    type: Literal["meter"] = tag("meter")
    # A plain string: the `files()` hook says it is a project file.
    export: str = field(fr="Fichier exporté.", en="Exported file.")

    def files(self) -> list[tuple[Loc, str]]:
        return [(("export",), self.export)]

    def detect_columns(self, base_dir: Path) -> FileColumns | None:
        path = base_dir / self.export
        if not path.is_file():
            return None
        header = path.read_text(encoding="utf-8").splitlines()[0]
        if header != "meter;litres":
            raise MeterReadingError(header)
        return FileColumns(("meter", "litres"), {"meter": "string", "litres": "integer"})


COMPONENTS = {
    "layers": [DistrictsLayer],
    "views": [CommentsDigestView, RecordsView, SuggestionBoxView],
    "sources": [JsonLinesSource, LedgerSource, MeterSource],
}
