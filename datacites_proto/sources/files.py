"""Helpers shared by the sources that read a file of the project."""

from __future__ import annotations

import glob
from pathlib import Path


def resolve_in_project(base_dir: Path, relative: str) -> Path:
    """The absolute path of a blueprint path (checked elsewhere to stay in the project)."""
    return (base_dir / relative).resolve()


def existing_files(base_dir: Path, pattern: str) -> list[Path]:
    """Files matching a path or glob relative to `base_dir`, sorted by name."""
    full = base_dir / pattern
    if glob.has_magic(pattern):
        return sorted(Path(p) for p in glob.glob(str(full), recursive=True) if Path(p).is_file())
    return [full] if full.is_file() else []
