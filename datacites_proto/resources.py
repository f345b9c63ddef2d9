"""Files shipped with the package: service templates, blueprint fragments, the JSON Schema.

In a wheel they sit inside the package; in a source checkout (editable install) the
templates and fragments sit at the top of the repository, as ARCHITECTURE.md lays out.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_PACKAGE = "datacites_proto"


def _shipped_dir(name: str) -> Path:
    inside = resources.files(_PACKAGE) / name
    if inside.is_dir():
        return Path(str(inside))
    checkout = Path(__file__).resolve().parent.parent / name
    return checkout


def templates_dir() -> Path:
    """The folder of the cookiecutter service templates."""
    return _shipped_dir("service_templates")


def fragments_dir() -> Path:
    """The folder of the reusable blueprint fragments (`include:`)."""
    return _shipped_dir("blueprints")


def schema_path(lang: str = "fr") -> Path:
    """The committed JSON Schema of the blueprint language (French descriptions by default)."""
    name = "blueprint.schema.json" if lang == "fr" else f"blueprint.schema.{lang}.json"
    return Path(str(resources.files(_PACKAGE) / "schema" / name))


def fragment_names(folder: Path | None = None) -> list[str]:
    """Names of the shipped fragments, usable as `include: [name]` (never by a path)."""
    folder = folder or fragments_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.yaml"))
