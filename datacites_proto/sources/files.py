"""Helpers shared by the sources that read a file of the project."""

from __future__ import annotations

from pathlib import Path

from datacites_proto.blueprint.project_paths import require_project_files


def existing_files(base_dir: Path, pattern: str, project_dir: Path | None = None) -> list[Path]:
    """Files matching a path or glob relative to `base_dir`, sorted by name, resolved.

    Raises PathRefused when any of them leaves `project_dir` (the blueprint's folder by
    default): loading checks again what validation checked (defence in depth)."""
    return require_project_files(pattern, base_dir, project_dir or base_dir)
