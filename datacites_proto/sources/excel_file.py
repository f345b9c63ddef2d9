"""`excel` source: one sheet of an .xlsx workbook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from datacites_proto.blueprint.base import DataPath, field, tag
from datacites_proto.sources.base import LoadContext, LocalSource
from datacites_proto.sources.files import existing_files

if TYPE_CHECKING:
    from datacites_proto.sources.sniff import FileColumns


class ExcelSource(LocalSource):
    """A sheet of an Excel workbook of the project."""

    doc_fr: ClassVar[str] = "Une feuille d'un classeur Excel du projet."

    type: Literal["excel"] = tag("excel")
    path: DataPath = field(
        fr="Chemin du classeur Excel (.xlsx), relatif au blueprint.",
        en="Path of the Excel workbook (.xlsx), relative to the blueprint.",
    )
    sheet: str | int | None = field(
        None,
        fr="Nom (ou numéro, à partir de 0) de la feuille ; la première si absent.",
        en="Name (or 0-based number) of the sheet; the first one when absent.",
    )

    def detect_columns(self, base_dir: Path) -> FileColumns | None:
        from datacites_proto.sources.sniff import read_excel_columns

        files = existing_files(base_dir, self.path)
        return read_excel_columns(files[0], self.sheet) if files else None

    def describe(self) -> str:
        return self.path if self.sheet is None else f"{self.path} [{self.sheet}]"

    def fingerprint(self, ctx: LoadContext) -> str:
        from datacites_proto.sources.reading.typed_table import file_fingerprint

        return file_fingerprint(ctx, self.path, type=self.type, sheet=self.sheet)

    def load(self, ctx: LoadContext, table: str) -> None:
        from datacites_proto.sources.reading.typed_table import load_excel_file, single_file

        load_excel_file(ctx, table, single_file(ctx, self.path), self.sheet)
