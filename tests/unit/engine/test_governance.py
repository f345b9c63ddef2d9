"""Run-time governance, one table: every access level × audience × kind of read × personal
column, checked on `engine/governance.py` and on every engine entry point that reads data."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from datacites_proto.engine import geo, governance
from datacites_proto.engine.histogram import histogram
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.engine.service import Service

ROWS_REFUSED = "rows_not_allowed"
CELLS_REFUSED = "protection_free_cells_refused"
PERSONAL = "personal_column_refused"

# (access, audience, read, personal column asked) -> the error code, or None: allowed.
# Written out case by case: this table is the rule, not a copy of the code.
TABLE: list[tuple[str, str, str, bool, str | None]] = [
    ("open", "public", "rows", False, None),
    ("open", "public", "rows", True, PERSONAL),
    ("open", "public", "aggregate", False, None),
    ("open", "public", "aggregate", True, PERSONAL),
    ("open", "public", "cells", False, None),
    ("open", "public", "cells", True, PERSONAL),
    ("open", "team", "rows", False, None),
    ("open", "team", "rows", True, PERSONAL),
    ("open", "team", "aggregate", False, None),
    ("open", "team", "aggregate", True, PERSONAL),
    ("open", "team", "cells", False, None),
    ("open", "team", "cells", True, PERSONAL),
    ("shared", "public", "rows", False, ROWS_REFUSED),
    ("shared", "public", "rows", True, ROWS_REFUSED),
    ("shared", "public", "aggregate", False, None),
    ("shared", "public", "aggregate", True, PERSONAL),
    ("shared", "public", "cells", False, CELLS_REFUSED),
    ("shared", "public", "cells", True, CELLS_REFUSED),
    ("shared", "team", "rows", False, None),
    ("shared", "team", "rows", True, PERSONAL),
    ("shared", "team", "aggregate", False, None),
    ("shared", "team", "aggregate", True, PERSONAL),
    ("shared", "team", "cells", False, None),
    ("shared", "team", "cells", True, PERSONAL),
    ("restricted", "public", "rows", False, ROWS_REFUSED),
    ("restricted", "public", "rows", True, ROWS_REFUSED),
    ("restricted", "public", "aggregate", False, ROWS_REFUSED),
    ("restricted", "public", "aggregate", True, ROWS_REFUSED),
    ("restricted", "public", "cells", False, ROWS_REFUSED),
    ("restricted", "public", "cells", True, ROWS_REFUSED),
    ("restricted", "team", "rows", False, None),
    ("restricted", "team", "rows", True, PERSONAL),
    ("restricted", "team", "aggregate", False, None),
    ("restricted", "team", "aggregate", True, PERSONAL),
    ("restricted", "team", "cells", False, None),
    ("restricted", "team", "cells", True, PERSONAL),
]

ACCESS = {
    "open": "{personal: [salary]}",
    "shared": "{access: shared, min_group_size: 3, personal: [salary]}",
    "restricted": "{access: restricted, personal: [salary]}",
}
PLACED = {  # the same data, whose positions are personal data
    "open": "{personal: [x, y]}",
    "shared": "{access: shared, min_group_size: 3, personal: [x, y]}",
    "restricted": "{access: restricted, personal: [x, y]}",
}


# Agreements that live (issue 14): a dataset under an agreement that has ended, one whose
# agreement forbids publication, one whose agreement runs and allows it (all `shared`).
ENDED = "agreement_ended_withheld"
UNPUBLISHED = "agreement_unpublished_withheld"
AGREEMENTS = {  # state -> (end, publication)
    "ended": ("2020-12-31", "true"),
    "unpublished": ("2099-12-31", "false"),
    "live": ("2099-12-31", "true"),
}
# (agreement's state, audience, read) -> the error code, or None: allowed.
AGREEMENT_TABLE: list[tuple[str, str, str, str | None]] = [
    ("ended", "public", "rows", ENDED),
    ("ended", "public", "aggregate", ENDED),
    ("ended", "public", "cells", ENDED),
    ("ended", "team", "rows", None),
    ("ended", "team", "aggregate", None),
    ("ended", "team", "cells", None),
    ("unpublished", "public", "rows", UNPUBLISHED),
    ("unpublished", "public", "aggregate", UNPUBLISHED),
    ("unpublished", "public", "cells", UNPUBLISHED),
    ("unpublished", "team", "rows", None),
    ("unpublished", "team", "aggregate", None),
    ("unpublished", "team", "cells", None),
    ("live", "public", "rows", ROWS_REFUSED),
    ("live", "public", "aggregate", None),
    ("live", "public", "cells", CELLS_REFUSED),
    ("live", "team", "rows", None),
    ("live", "team", "aggregate", None),
    ("live", "team", "cells", None),
]


def _agreement(state: str) -> str:
    end, publication = AGREEMENTS[state]
    return (
        "parties: [{name: Ville, role: user}, {name: Opérateur, role: producer}]\n"
        "purpose: Essai.\n"
        f"datasets: [agreed_{state}]\n"
        f"start: 2020-01-01\nend: {end}\naccess: shared\npublication: {publication}\n"
    )


def _blueprint() -> str:
    datasets = []
    for state in AGREEMENTS:
        datasets.append(
            f"  agreed_{state}:\n"
            "    source: {type: csv, path: people.csv}\n"
            "    columns: {kind: string, age: number, salary: number}\n"
            "    geometry: {lon: x, lat: y}\n"
            "    governance: {licence: agreement, access: shared, min_group_size: 3, "
            f"agreement: agreements/{state}.yaml}}\n"
        )
    for access in ACCESS:
        for name, gov in ((access, ACCESS[access]), (f"{access}_placed", PLACED[access])):
            datasets.append(
                f"  {name}:\n"
                "    source: {type: csv, path: people.csv}\n"
                "    columns: {kind: string, age: number, salary: number}\n"
                "    geometry: {lon: x, lat: y}\n"
                "    key: id\n"
                f"    governance: {gov}\n"
            )
    indicators = "".join(
        f"  n_{a}: {{label: Nombre, dataset: {a}, measure: count(*)}}\n"
        for a in [*ACCESS, *(f"agreed_{s}" for s in AGREEMENTS)]
    )
    return (
        "datacites: 1\n"
        "service: {id: gouvernance, title: Gouvernance}\n"
        "datasets:\n" + "".join(datasets) + "indicators:\n" + indicators + "pages:\n"
        "  - title: Public\n"
        "    views:\n"
        "      - {type: kpi, indicator: n_open}\n"
        "      - {type: kpi, indicator: n_shared}\n"
        "      - {type: bar, indicator: n_shared, by: kind}\n"
        "      - {type: histogram, dataset: shared, column: age}\n"
        "      - {type: histogram, dataset: agreed_live, column: age}\n"
        "  - title: Équipe\n"
        "    access: team\n"
        "    views: [{type: kpi, indicator: n_restricted}]\n"
    )


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Service:
    folder: Path = tmp_path_factory.mktemp("governance")
    (folder / "blueprint.yaml").write_text(_blueprint(), encoding="utf-8")
    (folder / "agreements").mkdir()
    for state in AGREEMENTS:
        (folder / "agreements" / f"{state}.yaml").write_text(_agreement(state), encoding="utf-8")
    rng = np.random.default_rng(12)
    n = 60
    pd.DataFrame(
        {
            "id": [f"p{i}" for i in range(n)],
            "kind": rng.choice(["a", "b"], n),
            "age": rng.integers(18, 90, n),
            "salary": rng.integers(1_000, 5_000, n),
            "x": -3.549 + rng.normal(0, 0.004, n),
            "y": 47.873 + rng.normal(0, 0.003, n),
        }
    ).to_csv(folder / "people.csv", index=False)
    with Service.from_blueprint(folder / "blueprint.yaml", in_memory=True) as svc:
        yield svc


def _reads(
    service: Service, access: str, read: str, personal: bool, audience: Any
) -> list[Callable[[], Any]]:
    """Every entry point of the engine that makes this kind of read."""
    column = "salary" if personal else "kind"
    number = "salary" if personal else "age"
    if read == "rows":
        return [
            lambda: service.rows(access, [column], audience=audience),
            lambda: geo.GeoQuery(service, access).points([column], audience=audience),
        ]
    if read == "aggregate":
        reads = [
            lambda: histogram(service, access, number, audience=audience),
            lambda: service.distinct(access, column, audience=audience),
        ]
        if not personal:  # an indicator's columns are checked when the blueprint loads
            reads.append(lambda: service.result(f"n_{access}", audience=audience))
            reads.append(lambda: service.bounds(access, number, audience=audience))
        return reads
    placed = f"{access}_placed" if personal else access
    return [
        lambda: geo.GeoQuery(service, placed).hexagons(8, audience=audience),
        lambda: geo.GeoQuery(service, placed).grid(0.01, audience=audience),
    ]


def _outcome(call: Callable[[], Any]) -> str | None:
    try:
        call()
    except QueryError as exc:
        return exc.code
    return None


def test_the_table_covers_every_case() -> None:
    cases = {row[:4] for row in TABLE}
    assert len(cases) == len(TABLE) == 3 * 2 * 3 * 2
    assert {r[1] for r in TABLE} == set(governance.AUDIENCES)
    assert {r[2] for r in TABLE} == set(governance.READS)


@pytest.mark.parametrize(("access", "audience", "read", "personal", "expected"), TABLE)
def test_governance_decides_each_case(
    service: Service, access: str, audience: str, read: str, personal: bool, expected: str | None
) -> None:
    dataset = f"{access}_placed" if personal and read == "cells" else access
    column = ("x" if read == "cells" else "salary") if personal else "kind"
    assert (
        _outcome(
            lambda: governance.check(
                service.blueprint, read, [dataset], [(dataset, column)], audience
            )
        )
        == expected
    )


@pytest.mark.parametrize(("access", "audience", "read", "personal", "expected"), TABLE)
def test_every_entry_point_obeys_the_table(
    service: Service, access: str, audience: str, read: str, personal: bool, expected: str | None
) -> None:
    reads = _reads(service, access, read, personal, audience)
    assert [_outcome(call) for call in reads] == [expected] * len(reads)


@pytest.mark.parametrize("audience", [None, "", "anonymous", "Team", "équipe"])
def test_anything_but_the_team_is_the_public(service: Service, audience: Any) -> None:
    assert not governance.is_team(audience)
    assert _outcome(lambda: service.rows("shared", ["kind"], audience=audience)) == ROWS_REFUSED
    assert _outcome(lambda: service.result("n_restricted", audience=audience)) == ROWS_REFUSED


@pytest.mark.parametrize(
    "function",
    [
        Service.result,
        Service.compute,
        Service.rows,
        Service.distinct,
        Service.bounds,
        Service.latest_day,
        Service.effective_filters,
        geo.GeoQuery.points,
        geo.GeoQuery.shapes,
        geo.GeoQuery.hexagons,
        geo.GeoQuery.grid,
        geo.GeoQuery.check_raw,
        geo.GeoQuery.check_aggregate,
        histogram,
    ],
    ids=lambda f: f.__qualname__,
)
def test_every_read_defaults_to_the_public(function: Callable[..., Any]) -> None:
    assert inspect.signature(function).parameters["audience"].default == governance.PUBLIC


def test_defaults_read_as_the_public(service: Service) -> None:
    assert _outcome(lambda: service.result("n_restricted")) == ROWS_REFUSED
    assert _outcome(lambda: geo.GeoQuery(service, "shared").hexagons(8)) == CELLS_REFUSED
    assert _outcome(lambda: histogram(service, "restricted", "age")) == ROWS_REFUSED


def test_the_threshold_is_the_largest_group_size(service: Service) -> None:
    bp = service.blueprint
    assert governance.threshold(bp, []) == 1
    assert governance.threshold(bp, ["open"]) == 1
    assert governance.threshold(bp, ["open", "shared"]) == 3
    assert service.result("n_shared", audience="team").threshold == 3
    assert histogram(service, "shared", "age", audience="team").threshold == 3


def _agreed_reads(service: Service, dataset: str, read: str, audience: str) -> list[Any]:
    """Every entry point of the engine that makes this kind of read of `dataset`."""
    if read == "rows":
        return [
            lambda: service.rows(dataset, ["kind"], audience=audience),
            lambda: geo.GeoQuery(service, dataset).points(["kind"], audience=audience),
        ]
    if read == "aggregate":
        return [
            lambda: histogram(service, dataset, "age", audience=audience),
            lambda: service.distinct(dataset, "kind", audience=audience),
            lambda: service.result(f"n_{dataset}", audience=audience),
            lambda: service.bounds(dataset, "age", audience=audience),
        ]
    return [
        lambda: geo.GeoQuery(service, dataset).hexagons(8, audience=audience),
        lambda: geo.GeoQuery(service, dataset).grid(0.01, audience=audience),
    ]


def test_the_agreement_table_covers_every_case() -> None:
    cases = {row[:3] for row in AGREEMENT_TABLE}
    assert len(cases) == len(AGREEMENT_TABLE) == len(AGREEMENTS) * 2 * 3


@pytest.mark.parametrize(("state", "audience", "read", "expected"), AGREEMENT_TABLE)
def test_agreements_decide_with_access(
    service: Service, state: str, audience: str, read: str, expected: str | None
) -> None:
    dataset = f"agreed_{state}"
    assert (
        _outcome(lambda: governance.check(service.blueprint, read, [dataset], [], audience))
        == expected
    )
    reads = _agreed_reads(service, dataset, read, audience)
    assert [_outcome(call) for call in reads] == [expected] * len(reads)


def test_the_withheld_notice_names_the_dataset_the_agreement_and_its_end(
    service: Service,
) -> None:
    with pytest.raises(QueryError) as caught:
        service.result("n_agreed_ended")
    assert caught.value.message("fr") == (
        "Les données de agreed_ended ne sont plus publiées : la convention "
        "« agreements/ended.yaml » a pris fin le 31 décembre 2020."
    )
    assert "ended on 31 December 2020" in caught.value.message("en")


def test_the_clock_decides_when_an_agreement_has_ended(service: Service) -> None:
    import datetime as dt

    live = governance.withheld(service.blueprint, "agreed_live", dt.date(2099, 12, 31))
    assert live is None  # its last day
    ended = governance.withheld(service.blueprint, "agreed_live", dt.date(2100, 1, 1))
    assert ended is not None and ended.reason == "ended"
