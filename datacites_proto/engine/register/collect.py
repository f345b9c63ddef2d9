"""Load a blueprint and gather what the register needs: the checks' uses, agreements, columns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datacites_proto.blueprint.checks import CHECKS, CheckContext
from datacites_proto.blueprint.loader import inspect_blueprint
from datacites_proto.engine.register.build import build_register
from datacites_proto.engine.register.model import Register
from datacites_proto.errors import BlueprintError, Problem
from datacites_proto.registry import default_registry


@dataclass
class Collected:
    """A service's register, the warnings its checks gave, and the language to write it in."""

    register: Register
    lang: str
    warnings: list[Problem] = field(default_factory=list)


def register_of(
    path: str | Path,
    *,
    as_of: dt.date,
    registry: Any = None,
    lang: str | None = None,
) -> Collected:
    """The register of the blueprint at `path`, with its warnings; BlueprintError when invalid.

    The checks run once, here, so that the lineage is made of the very uses the
    governance check judged, and the agreements are those it read.
    """
    path = Path(path)
    registry = registry if registry is not None else default_registry()
    loaded = inspect_blueprint(path, registry=registry, lang=lang, check=False)
    blueprint = loaded.raise_for_problems()
    assert loaded.source_map is not None  # set whenever a blueprint was built
    ctx = CheckContext(
        blueprint,
        loaded.source_map,
        path.resolve().parent,
        blueprint.project_dir,
        registry,
    )
    for check in CHECKS:
        check(ctx)
    errors = [p for p in ctx.problems if p.severity == "error"]
    warnings = [p for p in ctx.problems if p.severity != "error"]
    if errors:
        raise BlueprintError(errors, lang=loaded.lang, warnings=warnings)
    register = build_register(
        blueprint,
        agreements=ctx.agreements,
        uses=ctx.uses,
        has_column=ctx.has_column,
        as_of=as_of,
    )
    return Collected(register, loaded.lang, warnings)
