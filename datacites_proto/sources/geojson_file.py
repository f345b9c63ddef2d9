"""`geojson` source: a GeoJSON FeatureCollection; properties become columns."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from datacites_proto.blueprint.base import DataPath, field, tag
from datacites_proto.sources.base import LoadContext, LocalSource
from datacites_proto.sources.files import existing_files

if TYPE_CHECKING:
    from datacites_proto.sources.sniff import FileColumns


class GeoJsonSource(LocalSource):
    """A GeoJSON file of the project; its geometry is kept in a `geometry` column."""

    doc_fr: ClassVar[str] = (
        "Un fichier GeoJSON du projet ; sa géométrie est gardée dans une colonne « geometry »."
    )

    type: Literal["geojson"] = tag("geojson")
    path: DataPath = field(
        fr="Chemin du fichier GeoJSON (FeatureCollection), relatif au blueprint.",
        en="Path of the GeoJSON file (FeatureCollection), relative to the blueprint.",
    )

    def detect_columns(self, base_dir: Path) -> FileColumns | None:
        from datacites_proto.sources.sniff import read_geojson_columns

        files = existing_files(base_dir, self.path)
        return read_geojson_columns(files[0]) if files else None

    def describe(self) -> str:
        return self.path

    def fingerprint(self, ctx: LoadContext) -> str:
        from datacites_proto.sources.reading.typed_table import file_fingerprint

        return file_fingerprint(ctx, self.path, type=self.type)

    def load(self, ctx: LoadContext, table: str) -> None:
        from datacites_proto.sources.reading.typed_table import load_geojson_file, single_file

        load_geojson_file(ctx, table, single_file(ctx, self.path))
