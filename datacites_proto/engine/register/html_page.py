"""The register as a standalone, accessible HTML page: no external resource, tables with
captions and scoped headers, the document's language declared."""

from __future__ import annotations

from html import escape

from datacites_proto.engine.register.document import Document, Table

# Inline, so the page needs nothing but itself; readable when printed too.
_STYLE = """
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 2rem auto; max-width: 72rem;
       padding: 0 1rem; color: #1e1e1e; }
table { border-collapse: collapse; margin: 0 0 1.5rem; width: 100%; }
caption { font-weight: bold; text-align: left; padding: 0.25rem 0; }
th, td { border: 1px solid #8a8a8a; padding: 0.3rem 0.5rem; text-align: left;
         vertical-align: top; }
thead th { background: #e8edff; }
tbody th { font-weight: 600; background: #f6f6f6; }
"""


def _table(table: Table) -> list[str]:
    out = ["<table>", f"<caption>{escape(table.caption)}</caption>", "<thead><tr>"]
    out += [f'<th scope="col">{escape(h)}</th>' for h in table.headers]
    out += ["</tr></thead>", "<tbody>"]
    for row in table.rows:
        cells = []
        for i, value in enumerate(row):
            if i == 0 and table.row_headers:
                cells.append(f'<th scope="row">{escape(value)}</th>')
            else:
                cells.append(f"<td>{escape(value)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return [*out, "</tbody>", "</table>"]


def render_html(doc: Document) -> str:
    """The document as a complete HTML page."""
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(doc.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(doc.title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(doc.title)}</h1>",
    ]
    out += [f"<p>{escape(p)}</p>" for p in doc.intro]
    out += ["<ul>", *(f"<li>{escape(b)}</li>" for b in doc.bullets), "</ul>"]
    for section in doc.sections:
        anchor = escape(section.anchor)
        out.append(f'<section aria-labelledby="{anchor}">')
        out.append(f'<h2 id="{anchor}">{escape(section.title)}</h2>')
        for block in section.blocks:
            out += _table(block) if isinstance(block, Table) else [f"<p>{escape(block)}</p>"]
        out.append("</section>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
