"""Cheap fingerprints of a blueprint's files and of its data files, taken at every rerun."""

from __future__ import annotations

import hashlib
from pathlib import Path

from datacites_proto.blueprint import clock
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.project_paths import project_files
from datacites_proto.errors import CodedError


def _mtimes(paths: list[Path]) -> str:
    digest = hashlib.sha1()
    for path in sorted(paths):
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()


def blueprint_stamp(path: Path) -> str:
    """Changes when the blueprint, a fragment or an agreement of its folder changes."""
    folder = path.parent
    files = [path, *folder.glob("*.yaml"), *folder.glob("*.yml"), *folder.glob("*.py")]
    files += [*folder.glob("agreements/*.yaml"), *folder.glob("blueprints/*.yaml")]
    return _mtimes(files)


def data_stamp(blueprint: Blueprint) -> str:
    """Changes when a data file of the blueprint changes (remote sources excepted)."""
    files: list[Path] = []
    for dataset in blueprint.datasets.values():
        for _, pattern in dataset.source.files():  # the hook: built-in or plugin alike
            # The files loading reads: resolved, inside the project (none when refused).
            files += project_files(pattern, blueprint.base_dir, blueprint.project_dir).files
    downloads = blueprint.project_dir / ".datacites" / "cache" / "downloads"
    files += list(downloads.glob("*/*/.download.json"))
    return _mtimes(files) + _agreements_day(blueprint)


def _agreements_day(blueprint: Blueprint) -> str:
    # Under an agreement, the rows kept (`retention_days`) change with the day.
    if not any(d.governance.agreement for d in blueprint.datasets.values()):
        return ""
    try:
        return ":" + clock.today().isoformat()
    except CodedError:
        return ""  # the views say what is wrong with the clock
