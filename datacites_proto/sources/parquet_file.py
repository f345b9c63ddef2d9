"""`parquet` source: one Parquet file or a glob of them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from datacites_proto.blueprint.base import DataPath, field, tag
from datacites_proto.sources.base import LoadContext, LocalSource
from datacites_proto.sources.files import existing_files

if TYPE_CHECKING:
    from datacites_proto.sources.sniff import FileColumns


class ParquetSource(LocalSource):
    """Parquet file(s) of the project, queried where they lie (nothing copied) when their
    column types are the declared ones; converted into the embedded database otherwise."""

    doc_fr: ClassVar[str] = (
        "Un ou plusieurs fichiers Parquet du projet, interrogés sur place (rien n'est copié)"
        " quand les types de leurs colonnes sont ceux déclarés ; convertis dans la base"
        " embarquée sinon."
    )

    type: Literal["parquet"] = tag("parquet")
    path: DataPath = field(
        fr=(
            "Chemin du fichier Parquet, ou motif (« data/mesures/*.parquet »), relatif au "
            "blueprint."
        ),
        en=(
            "Path of the Parquet file, or a glob ('data/measures/*.parquet'), relative to "
            "the blueprint."
        ),
    )

    def detect_columns(self, base_dir: Path) -> FileColumns | None:
        from datacites_proto.sources.sniff import read_parquet_columns

        files = existing_files(base_dir, self.path)
        return read_parquet_columns(files[0]) if files else None

    def describe(self) -> str:
        return self.path

    def fingerprint(self, ctx: LoadContext) -> str:
        from datacites_proto.sources.reading.typed_table import file_fingerprint

        return file_fingerprint(ctx, self.path, type=self.type)

    def load(self, ctx: LoadContext, table: str) -> None:
        from datacites_proto.sources.reading.typed_table import load_parquet_files

        load_parquet_files(ctx, table, self.path)
