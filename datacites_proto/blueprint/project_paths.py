"""Where a path written in a blueprint leads, without ever raising on odd input."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

PathState = Literal["file", "directory", "missing", "invalid"]


def inside(path: Path, folder: Path) -> bool:
    """True when `path` (resolved, symlinks followed) lies within `folder`."""
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def probe(path: Path) -> PathState:
    """What is at `path`; "invalid" for names the system refuses (too long, NUL…)."""
    try:
        if path.is_file():
            return "file"
        if path.is_dir():
            return "directory"
        return "missing"
    except (OSError, ValueError):
        return "invalid"
