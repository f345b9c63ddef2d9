"""The register's output formats, chosen by the output file's extension."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from datacites_proto.engine.register.csv_table import render_csv
from datacites_proto.engine.register.document import document
from datacites_proto.engine.register.html_page import render_html
from datacites_proto.engine.register.markdown import render_markdown
from datacites_proto.engine.register.model import Register
from datacites_proto.errors import CodedError

Renderer = Callable[[Register, str], str]

RENDERERS: dict[str, Renderer] = {
    ".md": lambda register, lang: render_markdown(document(register, lang)),
    ".html": lambda register, lang: render_html(document(register, lang)),
    ".csv": render_csv,
}
KNOWN = ".md, .html, .csv"
RENDERERS[".htm"] = RENDERERS[".html"]
RENDERERS[".markdown"] = RENDERERS[".md"]


def renderer_for(path: Path) -> Renderer:
    """The renderer for `path`'s extension; a CodedError naming the known ones otherwise."""
    suffix = path.suffix.lower()
    if suffix not in RENDERERS:
        raise CodedError(
            "register_unknown_format",
            suffix=suffix or "(—)",
            path=str(path),
            known=KNOWN,
        )
    return RENDERERS[suffix]


def render(register: Register, lang: str, suffix: str = ".md") -> str:
    """The register in the format of `suffix` (Markdown by default)."""
    return renderer_for(Path(f"register{suffix}"))(register, lang)
