"""Load every dataset of a valid blueprint and report what is wrong with the data itself."""

from __future__ import annotations

from typing import Any

from datacites_proto import progress
from datacites_proto.blueprint.loader import LoadResult
from datacites_proto.engine.errors import DataError
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.engine.service import Service
from datacites_proto.errors import Problem
from datacites_proto.sources.download_errors import DownloadError


def check_data(result: LoadResult, *, service: Service | None = None) -> list[Problem]:
    """Every located problem found while loading the datasets (all datasets are tried)."""
    assert result.blueprint is not None and result.source_map is not None
    smap = result.source_map
    owned = service is None
    service = service or Service.from_blueprint(result.blueprint)
    problems: list[Problem] = []
    datasets = list(result.blueprint.datasets)
    try:
        with progress.step("progress_datasets", total=len(datasets), unit="datasets") as step:
            for ds_id in datasets:
                problems.extend(_load(service, smap, ds_id))
                step.advance()
        if not problems:
            # Large datasets get their rollups now, while the first visitor is told why
            # the page takes time, rather than at a later question (engine/rollups.py).
            for ds_id in datasets:
                service.rollup(ds_id)
        if not problems and result.blueprint.experiments:
            # Experiments against the loaded data: the intervention within it, groups apart.
            from datacites_proto.engine.experiments.data_checks import check_experiments

            problems.extend(check_experiments(service, smap))
        if not problems:
            # Warnings, not errors: the service runs, but public figures leave rows out.
            from datacites_proto.engine.protection_check import check_protection

            result.warnings.extend(check_protection(result, service))
    finally:
        if owned:
            service.close()
    return problems


def _load(service: Service, smap: Any, ds_id: str) -> list[Problem]:
    """The problems of loading one dataset (none when it loaded)."""
    loc = ("datasets", ds_id, "source")
    try:
        service.table(ds_id)
    except DataError as exc:
        return list(exc.problems)
    except DownloadError as exc:
        found = smap.problem(exc.code, loc, params=exc.params)
        return [found.at(suggestions=tuple(exc.suggestions))]
    except QueryError as exc:
        return [smap.problem(exc.code, loc, params=exc.params)]
    return []
