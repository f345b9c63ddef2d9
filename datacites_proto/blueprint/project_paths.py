"""Where a path written in a blueprint leads, without ever raising on odd input.

`project_files` is the one place a path text (direct, glob, include, agreement, GeoJSON…)
becomes files: every match is resolved (symlinks and `..` followed) and the whole text is
refused when any of them lands outside the project. Validation and loading both use it.
"""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Literal

PathState = Literal["file", "directory", "missing", "invalid"]
# A shipped fragment is named, never reached by a path: `include: [a-propos]`.
_FRAGMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def inside(path: Path, folder: Path) -> bool:
    """True when `path` (resolved, symlinks followed) lies within `folder`."""
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
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


def is_fragment_name(text: str) -> bool:
    """True for a shipped fragment's name: no `/`, `\\`, `..` nor suffix."""
    return bool(_FRAGMENT_NAME.fullmatch(text))


@dataclass(frozen=True)
class ProjectPath:
    """What a path text names: its resolved files inside the project, or why it is refused."""

    text: str
    files: tuple[Path, ...] = ()  # resolved, sorted by the name they were matched under
    state: PathState = "missing"  # "file" when at least one file matched
    problem: str | None = (
        None  # "path_invalid", "path_outside_project", "path_match_outside_project"
    )
    params: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.problem is None


class PathRefused(ValueError):
    """A path text that leaves the project (or cannot be used); `code` and `params` say why."""

    def __init__(self, refused: ProjectPath) -> None:
        self.code = refused.problem or "path_outside_project"
        self.params = refused.params
        super().__init__(f"{self.code}: {refused.text}")


def _written_outside(text: str) -> bool:
    """Absolute (POSIX or Windows), home-relative or backslashed texts are never project paths."""
    return (
        PurePosixPath(text).is_absolute()
        or bool(PureWindowsPath(text).drive)
        or "\\" in text
        or text.startswith("~")
    )


def _refused(text: str, code: str, **params: str) -> ProjectPath:
    return ProjectPath(text, state="invalid", problem=code, params={"path": text, **params})


def _shown(path: str, base_dir: Path) -> str:
    try:
        return Path(path).relative_to(base_dir).as_posix()
    except ValueError:
        return path


def project_files(
    text: str, base_dir: Path, project_dir: Path, *, allow_glob: bool = True
) -> ProjectPath:
    """The files `text` (relative to `base_dir`) names, each checked to stay in `project_dir`."""
    if "\0" in text:
        return _refused(text.replace("\0", "\\0")[:80], "path_invalid")
    if _written_outside(text):
        return _refused(text, "path_outside_project")
    full = base_dir / text
    if probe(full) == "invalid":
        return _refused(text[:80], "path_invalid")
    if not (allow_glob and glob.has_magic(text)):
        if not inside(full, project_dir):
            return _refused(text, "path_outside_project")
        state = probe(full)
        files = (full.resolve(),) if state == "file" else ()
        return ProjectPath(text, files, state)
    # The fixed part before the first wildcard must stay inside, even when nothing matches.
    if not inside(base_dir / _static_prefix(text), project_dir):
        return _refused(text, "path_outside_project")
    try:
        matches = sorted(glob.glob(str(full), recursive=True))
    except (OSError, ValueError, RecursionError):
        return _refused(text[:80], "path_invalid")
    files: list[Path] = []
    for match in matches:
        # Every match, not only the pattern: `su*/../..` and symlinks lead anywhere.
        if not inside(Path(match), project_dir):
            return _refused(text, "path_match_outside_project", match=_shown(match, base_dir))
        if probe(Path(match)) == "file":
            files.append(Path(match).resolve())
    return ProjectPath(text, tuple(files), "file" if files else "missing")


def require_project_files(
    text: str, base_dir: Path, project_dir: Path, *, allow_glob: bool = True
) -> list[Path]:
    """The resolved files of `text`; PathRefused when it leaves the project."""
    found = project_files(text, base_dir, project_dir, allow_glob=allow_glob)
    if not found.ok:
        raise PathRefused(found)
    return list(found.files)


def project_file(text: str, base_dir: Path, project_dir: Path) -> Path:
    """The resolved path of one file named directly (no glob), missing or not; PathRefused
    when it leaves the project."""
    found = project_files(text, base_dir, project_dir, allow_glob=False)
    if not found.ok:
        raise PathRefused(found)
    return found.files[0] if found.files else base_dir / text


def _static_prefix(pattern: str) -> str:
    parts = []
    for part in PurePosixPath(pattern).parts:
        if glob.has_magic(part):
            break
        parts.append(part)
    return str(PurePosixPath(*parts)) if parts else "."
