"""Helpers shared by the sources that read a file of the project."""

from __future__ import annotations

import glob
from pathlib import Path


def existing_files(base_dir: Path, pattern: str) -> list[Path]:
    """Files matching a path or glob relative to `base_dir`, sorted by name."""
    full = base_dir / pattern
    if glob.has_magic(pattern):
        return sorted(Path(p) for p in glob.glob(str(full), recursive=True) if Path(p).is_file())
    return [full] if full.is_file() else []
