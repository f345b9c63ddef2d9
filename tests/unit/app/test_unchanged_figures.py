"""A page filter that does not reach an indicator's data does not recompute its figure."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from datacites_proto.app.context import RenderContext, applicable_to
from datacites_proto.blueprint.loader import inspect_blueprint
from datacites_proto.engine.service import Service

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "recharge"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Service:
    folder = tmp_path_factory.mktemp("recharge") / "recharge"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".datacites"))
    blueprint = inspect_blueprint(folder / "blueprint.yaml").blueprint
    assert blueprint is not None
    return Service.from_blueprint(blueprint)


def context(service: Service, filters: dict) -> RenderContext:
    bp = service.blueprint
    return RenderContext(bp, service, "recharge-test", "stamp", "fr", filters, bp.pages[0], 0)


def test_only_the_filters_reaching_an_indicator_are_its_own(service: Service) -> None:
    # The population of the communes is not filtered by the charging points' power.
    assert applicable_to(service, "population") == {"commune"}
    assert applicable_to(service, "points_de_charge") == {"puissance", "gratuit", "commune", "ccs"}


def test_changing_another_filter_finds_the_same_figure(service: Service, monkeypatch) -> None:
    asked: list[tuple[str, dict]] = []
    real = service.result

    def counted(indicator, by=None, filters=None, **kw):
        asked.append((indicator, dict(filters or {})))
        return real(indicator, by, filters, **kw)

    monkeypatch.setattr(service, "result", counted)
    communes = ["Concarneau"]
    first = context(service, {"puissance": [1, 400], "commune": communes})
    second = context(service, {"puissance": [50, 400], "commune": communes})
    population = first.result("population").frame
    assert second.result("population").frame.equals(population)
    assert [name for name, _ in asked] == ["population"]  # computed once, for both
    assert asked[0][1] == {"commune": communes}  # the power filter is not part of it
    # An indicator the power filter reaches is computed again, and differs.
    fast = second.result("points_de_charge").frame.iloc[0, 0]
    every = first.result("points_de_charge").frame.iloc[0, 0]
    assert [name for name, _ in asked].count("points_de_charge") == 2 and fast < every
