"""The governance register: records match the blueprint, levels come from the hooks (plugins
too), agreements are read as of a date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Literal

import pytest
from datacites_test_plugin import RadarView
from datacites_test_plugin.hooks import COMPONENTS

from datacites_proto import Blueprint, Ref, View, field, tag
from datacites_proto.blueprint.base import Slug
from datacites_proto.blueprint.loader import load_blueprint
from datacites_proto.engine.register.collect import register_of
from datacites_proto.engine.register.model import DatasetRecord, Register
from datacites_proto.errors import BlueprintError
from datacites_proto.registry import Registry
from tests.conftest import CONTRACT, REPO

AS_OF = dt.date(2026, 12, 1)
EXAMPLES = ["coeur_de_ville", "passoires_thermiques", "recharge", "intercommunalite_py"]


def blueprint_path(example: str) -> Path:
    folder = REPO / "examples" / example
    return next(p for p in (folder / "blueprint.yaml", folder / "blueprint.py") if p.is_file())


def records(register: Register) -> dict[str, DatasetRecord]:
    return {r.id: r for r in register.datasets}


@pytest.mark.parametrize("example", EXAMPLES)
def test_each_dataset_once_with_its_governance(example: str) -> None:
    path = blueprint_path(example)
    bp = load_blueprint(path)
    register = register_of(path, as_of=AS_OF).register
    assert [r.id for r in register.datasets] == list(bp.datasets)
    for record in register.datasets:
        gov = bp.datasets[record.id].governance
        assert (record.producer, record.licence, record.access) == (
            gov.producer,
            gov.licence,
            gov.access,
        )
        assert record.personal == tuple(gov.personal)
        assert record.threshold == gov.group_size  # as the engine applies it


@pytest.mark.parametrize("example", EXAMPLES)
def test_views_showing_rows_make_rows_and_every_page_view_is_counted(example: str) -> None:
    path = blueprint_path(example)
    bp = load_blueprint(path)
    by_id = records(register_of(path, as_of=AS_OF).register)
    for page in bp.pages:
        for view in (placed.view for placed in page.all_views()):
            shown = view.shows_rows()
            for ref in [*view.downloads_rows(bp), *([shown] if shown is not None else [])]:
                uses = [u for u in by_id[ref.name].views if u.page == page.title]
                assert "rows" in {u.level for u in uses}, (page.title, view.type)
            for ref in view.references():
                if ref.kind == "indicator":
                    for dataset in bp.leaf_datasets(ref.name):
                        assert any(u.page == page.title for u in by_id[dataset].views)


def test_levels_of_the_examples() -> None:
    coeur = records(register_of(blueprint_path("coeur_de_ville"), as_of=AS_OF).register)
    assert coeur["vacance"].public_level == "rows"  # a table view
    assert coeur["vacance"].downloadable  # with `download: true`
    # Open data: broken down on its pages, and its rows offered by the « À propos » catalogue.
    assert coeur["measures"].public_level == "rows"
    assert {u.level for u in coeur["measures"].views if u.type == "line"} == {"groups"}
    assert coeur["channels"].indicators[0].via == "relation"  # a condition on its column
    passoires = records(register_of(blueprint_path("passoires_thermiques"), as_of=AS_OF).register)
    assert passoires["logements"].public_level is None  # restricted: team pages only
    assert passoires["logements"].team_level == "rows"
    assert passoires["dpe"].public_level == "groups"
    assert passoires["dpe"].threshold == 11 and passoires["dpe"].threshold_origin == "dataset"
    assert passoires["logements"].threshold_origin == "default"
    histograms = [u for u in passoires["dpe"].views if u.type == "histogram"]
    assert histograms and {u.level for u in histograms} == {"groups"}  # shows_groups


def test_a_dataset_only_in_kpis_is_aggregates_only() -> None:
    contract = records(register_of(CONTRACT, as_of=AS_OF).register)
    population = contract["population"]
    assert {u.type for u in population.views} == {"kpi"}
    assert population.public_level == "aggregates"
    assert [(i.id, i.via) for i in population.indicators] == [
        ("population", "direct"),
        ("chargers_per_1000", "formula"),
    ]


class TestAgreement:
    def test_read_as_of_the_date(self) -> None:
        visits = records(register_of(CONTRACT, as_of=AS_OF).register)["visits"]
        agreement = visits.agreement
        assert agreement is not None
        assert agreement.path == "agreements/flux-vision.yaml"
        assert [p.name for p in agreement.parties] == ["Ville de Quimperlé", "Orange Business"]
        assert (agreement.start, agreement.end) == (dt.date(2026, 1, 1), dt.date(2027, 12, 31))
        assert agreement.state == "active"
        assert agreement.days_left == (dt.date(2027, 12, 31) - AS_OF).days
        assert (agreement.retention_days, agreement.publication, agreement.onward_sharing) == (
            365,
            True,
            False,
        )
        assert visits.threshold == 11

    def test_expired_and_not_started(self) -> None:
        later = register_of(CONTRACT, as_of=dt.date(2028, 1, 10)).register
        agreement = records(later)["visits"].agreement
        assert agreement is not None
        assert (agreement.state, agreement.days_left) == ("expired", -10)
        earlier = register_of(CONTRACT, as_of=dt.date(2025, 6, 1)).register
        agreement = records(earlier)["visits"].agreement
        assert agreement is not None and agreement.state == "not_started"


PLUGIN_BLUEPRINT = """\
datacites: 1
service: {id: essai, title: Essai}
datasets:
  shops:
    source: {type: csv, path: shops.csv}
  kiosks:
    source: {type: csv, path: kiosks.csv}
indicators:
  shops: {label: Commerces, dataset: shops, measure: count(*)}
  surface: {label: Surface, dataset: shops, measure: sum(surface)}
  vacancy: {label: Vacance, dataset: shops, measure: share(status = 'vacant')}
  kiosks: {label: Kiosques, dataset: kiosks, measure: count(*)}
pages:
  - title: Radar
    views:
      - {type: radar, title: Maturité, indicators: [shops, surface, vacancy]}
  - title: Équipe
    access: team
    views:
      - {type: records, dataset: kiosks}
  - title: Téléchargements
    views:
      - {type: bundle, title: Tout, datasets: [shops, kiosks]}
"""


class BundleView(View):
    """A plugin view offering several datasets' rows to download."""

    type: Literal["bundle"] = tag("bundle")
    datasets: list[Slug] = field(fr="Jeux proposés.", en="Datasets offered.")

    def downloads_rows(self, blueprint: Blueprint) -> list[Ref]:
        return [Ref("dataset", d, ("datasets", i)) for i, d in enumerate(self.datasets)]


@pytest.fixture
def plugin_registry() -> Registry:
    """The built-ins, the radar view and the hooks' components (a view showing rows)."""
    found = Registry.builtin()
    found.register("views", RadarView, distribution="datacites-test-plugin", version="0.1.0")
    found.register("views", BundleView, distribution="essai", version="0.1.0")
    for kind, classes in COMPONENTS.items():
        for cls in classes:
            found.register(kind, cls, distribution="datacites-test-plugin", version="0.1.0")
    return found


def test_plugin_views_count_through_the_hooks(tmp_path: Path, plugin_registry: Registry) -> None:
    (tmp_path / "shops.csv").write_text("status,surface\nvacant,10\noccupied,25\n", "utf-8")
    (tmp_path / "kiosks.csv").write_text("name\nA\n", "utf-8")
    path = tmp_path / "blueprint.yaml"
    path.write_text(PLUGIN_BLUEPRINT, encoding="utf-8")
    by_id = records(register_of(path, as_of=AS_OF, registry=plugin_registry).register)
    radar = [u for u in by_id["shops"].views if u.type == "radar"]
    assert [(u.view, u.level, u.public) for u in radar] == [("Maturité", "aggregates", True)]
    assert [(u.type, u.level, u.public, u.download) for u in by_id["kiosks"].views] == [
        ("records", "rows", False, False),  # shows_rows()
        ("bundle", "rows", True, True),  # downloads_rows()
    ]
    assert by_id["kiosks"].team_level == "rows" and by_id["shops"].downloadable


def test_an_invalid_blueprint_raises_its_located_problems() -> None:
    broken = REPO / "tests" / "integration" / "broken" / "gov_restricted_on_public_page.yaml"
    with pytest.raises(BlueprintError) as caught:
        register_of(broken, as_of=AS_OF)
    problem = caught.value.problems[0]
    assert problem.code == "restricted_on_public_page"
    assert problem.line is not None


LAYER_BLUEPRINT = """\
datacites: 1
service: {id: essai, title: Essai}
datasets:
  visits:
    source: {type: csv, path: visits.csv}
    geometry: {lon: x, lat: y}
pages:
  - title: Carte
    views:
      - type: map
        title: Quartiers
        layers:
          - {type: districts, dataset: visits, areas: zones.geojson, code: INSEE}
"""


def test_a_plugin_layer_whose_cells_follow_the_extent_shows_groups(
    tmp_path: Path, plugin_registry: Registry
) -> None:
    ring = [[-3.6, 47.8], [-3.4, 47.8], [-3.4, 48.0], [-3.6, 47.8]]
    feature = {"type": "Feature", "properties": {"INSEE": "29019"}}
    zones = {
        "type": "FeatureCollection",
        "features": [{**feature, "geometry": {"type": "Polygon", "coordinates": [ring]}}],
    }
    (tmp_path / "zones.geojson").write_text(json.dumps(zones), encoding="utf-8")
    (tmp_path / "visits.csv").write_text("x,y\n-3.5,47.9\n", encoding="utf-8")
    path = tmp_path / "blueprint.yaml"
    path.write_text(LAYER_BLUEPRINT, encoding="utf-8")
    visits = records(register_of(path, as_of=AS_OF, registry=plugin_registry).register)["visits"]
    # Its only reference is an aggregate; cells_follow_extent makes it groups.
    assert [(u.view, u.level) for u in visits.views] == [("Quartiers", "groups")]


def test_the_catalogue_downloads_count_as_rows_of_open_datasets_only() -> None:
    # The « À propos des données » page offers the governed rows of open datasets.
    path = blueprint_path("recharge")
    bp = load_blueprint(path)
    by_id = records(register_of(path, as_of=AS_OF).register)
    catalogues = [
        (page, placed.view)
        for page in bp.pages
        for placed in page.all_views()
        if placed.view.type == "catalog"
    ]
    assert catalogues
    for page, view in catalogues:
        offered = {ref.name for ref in view.downloads_rows(bp)}
        for name, dataset in bp.datasets.items():
            assert (name in offered) == (dataset.governance.access == "open"), name
            levels = {u.level for u in by_id[name].views if u.page == page.title}
            assert ("rows" in levels) == (name in offered), (name, levels)
