"""Load every dataset of a valid blueprint and report what is wrong with the data itself."""

from __future__ import annotations

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
    try:
        for ds_id in result.blueprint.datasets:
            loc = ("datasets", ds_id, "source")
            try:
                service.table(ds_id)
            except DataError as exc:
                problems.extend(exc.problems)
            except DownloadError as exc:
                found = smap.problem(exc.code, loc, params=exc.params)
                problems.append(found.at(suggestions=tuple(exc.suggestions)))
            except QueryError as exc:
                problems.append(smap.problem(exc.code, loc, params=exc.params))
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
