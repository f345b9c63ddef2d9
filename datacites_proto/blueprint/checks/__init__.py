"""Checks run once a blueprint has parsed: references, columns, paths and governance."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datacites_proto.blueprint.checks import (
    datasets,
    experiments,
    governance,
    icons,
    paths,
    references,
)
from datacites_proto.blueprint.checks.context import CheckContext
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.source_map import SourceMap
from datacites_proto.errors import Problem

# Order matters: paths first (a path outside the project is never read), then the
# columns read from data files, which the reference and governance checks use.
CHECKS = (
    paths.check,
    datasets.check,
    references.check,
    experiments.check,
    governance.check,
    icons.check,
)


def run_checks(
    blueprint: Blueprint, smap: SourceMap, *, base_dir: Path, project_dir: Path, registry: Any
) -> list[Problem]:
    """Every problem the checks find (errors and warnings)."""
    ctx = CheckContext(blueprint, smap, base_dir, project_dir, registry)
    for check in CHECKS:
        check(ctx)
    return ctx.problems


__all__ = ["CheckContext", "run_checks"]
