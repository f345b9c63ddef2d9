"""A third-party file source written only with names `datacites_proto` exports: JSON lines.

It is the source of docs/plugins.md: the file, one JSON object a line, becomes a typed
table through `ctx.create_table`, which checks the declared columns, names the line of
each wrong value and never leaves a partial table.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from datacites_proto import LoadContext, LocalSource, Problem, field, tag


class JsonLinesSource(LocalSource):
    """A file holding one JSON object a line (a sensor hub's export, say)."""

    type: Literal["jsonl"] = tag("jsonl")
    path: str = field(
        fr="Fichier JSON lines, relatif au blueprint.",
        en="JSON-lines file, relative to the blueprint.",
    )

    def files(self) -> list[tuple[tuple[str | int, ...], str]]:
        return [(("path",), self.path)]  # a project file: checked, fingerprinted, watched

    def describe(self) -> str:
        return self.path

    def load(self, ctx: LoadContext, table: str) -> None:
        path = ctx.file(self.path)  # the one file, or a located "file missing" error
        names: list[str] = []
        records: list[dict[str, Any]] = []
        lines: list[int] = []
        problems: list[Problem] = []
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                problems.append(ctx.problem("data_unreadable", path, line=number, detail=exc.msg))
                continue
            if not isinstance(record, dict):
                detail = "not a JSON object"
                problems.append(ctx.problem("data_unreadable", path, line=number, detail=detail))
                continue
            names += [name for name in record if name not in names]
            records.append(record)
            lines.append(number)
        rows = [[record.get(name) for name in names] for record in records]
        ctx.create_table(table, names, rows, path=path, lines=lines, problems=problems)
