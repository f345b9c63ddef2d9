"""Every path a blueprint names stays inside the project; missing files are reported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from datacites_proto.blueprint.base import ProjectFile
from datacites_proto.blueprint.checks.context import CheckContext
from datacites_proto.blueprint.components import LayerSpec, SourceSpec, project_file_marker
from datacites_proto.blueprint.project_paths import ProjectPath, project_files
from datacites_proto.errors import Loc

DATA_FILE = ProjectFile(must_exist=False)
__all__ = ["iter_marked", "project_file_marker", "safe_path"]


def iter_marked(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str, ProjectFile]]:
    """Every non-empty field value marked ProjectFile, and every file a component's
    `files()` hook names, with where it sits."""
    seen: set[Loc] = set()
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        here = (*loc, info.alias or name)
        marker = project_file_marker(info.metadata, info.annotation)
        if marker is not None and isinstance(value, str) and value:
            seen.add(here)
            yield here, value, marker
        yield from _walk(value, here)
    if isinstance(model, LayerSpec | SourceSpec):
        # A file the component reads is a data file even when its field carries no marker.
        for file_loc, text in model.files():
            if (*loc, *file_loc) not in seen and text:
                yield (*loc, *file_loc), text, DATA_FILE


def _walk(value: Any, loc: Loc) -> Iterator[tuple[Loc, str, ProjectFile]]:
    if isinstance(value, BaseModel):
        yield from iter_marked(value, loc)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*loc, i))


def resolve(ctx: CheckContext, text: str) -> ProjectPath:
    """What `text` names in this blueprint's project (every match checked)."""
    return project_files(text, ctx.base_dir, ctx.project_dir)


def safe_path(ctx: CheckContext, text: str) -> Path | None:
    """The resolved path of `text` if it is usable and stays in the project, else None.

    For a glob, the first matching file (or the pattern's own path when none matches)."""
    found = resolve(ctx, text)
    if not found.ok:
        return None
    return found.files[0] if found.files else ctx.base_dir / text


def check(ctx: CheckContext) -> None:
    """Refuse absolute, escaping and unusable paths; report files that are not there."""
    for loc, text, marker in iter_marked(ctx.blueprint):
        found = resolve(ctx, text)
        if found.problem is not None:
            ctx.error(found.problem, loc, params=found.params)
            continue
        if found.state == "directory":
            ctx.error("path_is_directory", loc, params={"path": text})
        elif found.state == "missing" and marker.must_exist:
            ctx.error("file_missing", loc, params={"path": text})
        elif found.state == "missing":
            ctx.warn("data_file_missing", loc, params={"path": text})
