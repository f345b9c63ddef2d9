"""A dataset's agreement file, read with the position of each key, and what its dates say.

Validation reads agreements to check them; the engine reads them again at run time to
withhold datasets whose agreement has ended or forbids publication, and to apply
`retention_days`. Both read through here: a file is parsed once per change (its
modification time and size are part of the cache key).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from datacites_proto.blueprint.governance import Agreement
from datacites_proto.blueprint.project_paths import PathRefused, project_file
from datacites_proto.blueprint.source_map import SourceMap
from datacites_proto.blueprint.yaml_source import YamlProblems, read_yaml_file
from datacites_proto.errors import Loc, Problem, display_path


@dataclass(frozen=True)
class AgreementFile:
    """A valid agreement, its path as written in the blueprint, and where its keys are."""

    agreement: Agreement
    written: str  # `governance.agreement` as written
    smap: SourceMap

    def problem(self, code: str, loc: Loc, **kw: Any) -> Problem:
        """A problem located in the agreement file (`loc` as `("end",)`)."""
        return self.smap.problem(code, loc, **kw)

    @property
    def name(self) -> str:
        """The agreement's title, else its file's path as written."""
        return self.agreement.title or self.written


@lru_cache(maxsize=64)
def _read(path: Path, stamp: tuple[int, int]) -> tuple[Agreement, SourceMap] | None:
    del stamp  # part of the key only: a changed file is read again
    try:
        doc = read_yaml_file(path, display_path(path))
    except YamlProblems:
        return None
    if not isinstance(doc.data, dict):
        return None
    try:
        agreement = Agreement.model_validate(doc.data)
    except ValidationError:
        return None  # validation says why; an invalid agreement grants nothing
    return agreement, SourceMap(display=doc.display, main=doc, data=doc.data)


@lru_cache(maxsize=256)
def _resolved(written: str, base_dir: Path, project_dir: Path) -> Path | None:
    # Resolving costs a tenth of a millisecond, and every public read asks (engine checks).
    try:
        return project_file(written, base_dir, project_dir)
    except PathRefused:
        return None


def agreement_file(blueprint: Any, dataset_id: str) -> AgreementFile | None:
    """The dataset's agreement, when it names one that is readable and valid."""
    dataset = blueprint.datasets.get(dataset_id)
    written = dataset.governance.agreement if dataset is not None else None
    if not written:
        return None
    path = _resolved(written, blueprint.base_dir, blueprint.project_dir)
    try:
        stat = path.stat() if path is not None else None
    except OSError:
        return None
    if path is None or stat is None:
        return None
    found = _read(path, (stat.st_mtime_ns, stat.st_size))
    if found is None:
        return None
    return AgreementFile(found[0], written, found[1])


def has_ended(agreement: Agreement, today: dt.date) -> bool:
    """Whether the agreement's last day (`end`) is past."""
    return agreement.end is not None and agreement.end < today


def days_left(agreement: Agreement, today: dt.date) -> int | None:
    """Days from today to the agreement's last day (None when it has no end)."""
    return None if agreement.end is None else (agreement.end - today).days


def retention_cutoff(agreement: Agreement, today: dt.date) -> dt.date | None:
    """The oldest day still kept under `retention_days` (None when nothing is dropped)."""
    if agreement.retention_days is None:
        return None
    return today - dt.timedelta(days=agreement.retention_days)
