"""`csv` source: a delimited text file, French conventions detected."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from datacites_proto.blueprint.base import DataPath, field, tag
from datacites_proto.sources.base import LoadContext, LocalSource
from datacites_proto.sources.files import existing_files

if TYPE_CHECKING:
    from datacites_proto.sources.sniff import FileColumns


class CsvSource(LocalSource):
    """A CSV file of the project."""

    doc_fr: ClassVar[str] = "Un fichier CSV du projet ; les conventions françaises sont détectées."

    type: Literal["csv"] = tag("csv")
    path: DataPath = field(
        fr="Chemin du fichier CSV, relatif au dossier du blueprint.",
        en="Path of the CSV file, relative to the blueprint's folder.",
    )
    sep: Literal[";", ",", "\t", "|"] | None = field(
        None,
        fr="Séparateur de colonnes ; détecté automatiquement si absent (« ; » d'abord).",
        en="Column separator; detected when absent (';' first).",
    )
    decimal: Literal[".", ","] | None = field(
        None,
        fr="Séparateur décimal ; la virgule française est détectée automatiquement.",
        en="Decimal separator; the French decimal comma is detected when absent.",
    )
    encoding: str | None = field(
        None,
        fr="Encodage du fichier (utf-8, cp1252, latin-1…) ; détecté automatiquement si absent.",
        en="File encoding (utf-8, cp1252, latin-1…); detected when absent.",
    )

    def detect_columns(self, base_dir: Path) -> FileColumns | None:
        from datacites_proto.sources.sniff import detect_csv_dialect, read_csv_columns

        files = existing_files(base_dir, self.path)
        if not files:
            return None
        dialect = detect_csv_dialect(
            files[0], encoding=self.encoding, sep=self.sep, decimal=self.decimal
        )
        return read_csv_columns(files[0], dialect)

    def describe(self) -> str:
        return self.path

    def fingerprint(self, ctx: LoadContext) -> str:
        from datacites_proto.sources.reading.typed_table import file_fingerprint

        settings = {"sep": self.sep, "decimal": self.decimal, "encoding": self.encoding}
        return file_fingerprint(ctx, self.path, type=self.type, **settings)

    def load(self, ctx: LoadContext, table: str) -> None:
        from datacites_proto.sources.reading.typed_table import load_csv_file, single_file

        path = single_file(ctx, self.path)
        settings = {"sep": self.sep, "decimal": self.decimal, "encoding": self.encoding}
        load_csv_file(ctx, table, path, **settings)
