"""The register as Markdown: headings, paragraphs and pipe tables."""

from __future__ import annotations

from datacites_proto.engine.register.document import Document, Table


def cell(text: str) -> str:
    """A table cell: no line breaks, pipes escaped, no HTML read from user text."""
    flat = " ".join(str(text).split())
    return flat.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def _table(table: Table, heading: str) -> list[str]:
    # A Markdown table has no caption: a bold line stands for it, unless the heading says it.
    lines = [f"**{cell(table.caption)}**", ""] if table.caption != heading else []
    lines.append("| " + " | ".join(cell(h) for h in table.headers) + " |")
    lines.append("|" + "|".join("---" for _ in table.headers) + "|")
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows]
    return [*lines, ""]


def render_markdown(doc: Document) -> str:
    """The document as Markdown text."""
    lines = [f"# {cell(doc.title)}", ""]
    for paragraph in doc.intro:
        lines += [cell(paragraph), ""]
    lines += [f"- {cell(b)}" for b in doc.bullets] + [""]
    for section in doc.sections:
        lines += [f"## {cell(section.title)}", ""]
        for block in section.blocks:
            lines += _table(block, section.title) if isinstance(block, Table) else [cell(block), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
