"""Protection of shared datasets on public pages: differencing no longer reveals small groups."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from datacites_proto.engine import geo
from datacites_proto.engine.histogram import histogram
from datacites_proto.engine.protection import AUTRES, notes
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.engine.service import Service
from datacites_proto.i18n.catalog import translate
from tests.conftest import REPO
from tests.support.frames import service_over_frames

EXAMPLE = REPO / "examples" / "passoires_thermiques" / "blueprint.yaml"
URBAIN = "Réseau de Chauffage urbain"


@pytest.fixture(scope="module")
def passoires() -> Iterator[Service]:
    with Service.from_blueprint(EXAMPLE, in_memory=True) as service:
        yield service


def public_count(service: Service, filters: dict[str, object]) -> float | None:
    """The figure a public page shows (None when hidden or refused)."""
    try:
        result = service.result("nb_dpe", None, filters, audience="public")
    except QueryError:
        return None
    return None if bool(result.suppressed.iloc[0]) else float(result.frame["nb_dpe"].iloc[0])


def test_arzano_bannalec_differencing_no_longer_recovers_the_masked_cell(
    passoires: Service,
) -> None:
    # The break of issue 11: Arzano masked, but (Arzano + Bannalec) - Bannalec = 9.
    alone = {"commune": ["Arzano"], "energie": URBAIN}
    both = {"commune": ["Arzano", "Bannalec"], "energie": URBAIN}
    other = {"commune": ["Bannalec"], "energie": URBAIN}
    team = passoires.result("nb_dpe", None, alone, audience="team")
    masked = int(team.counts.iloc[0])
    assert 0 < masked < 11 and bool(team.suppressed.iloc[0])  # the small group exists
    shown = [public_count(passoires, f) for f in (alone, both, other)]
    assert shown[0] is None
    if shown[1] is not None and shown[2] is not None:
        assert shown[1] - shown[2] != masked
        assert shown[1] - shown[2] == 0  # Arzano's few rows are not counted at all
    # Totals stay consistent with what is shown: the union is the sum of its parts.
    by_commune = passoires.result(
        "nb_dpe", "communes.nom_commune", {"energie": URBAIN}, audience="public"
    )
    visible = by_commune.frame.loc[~by_commune.suppressed, "nb_dpe"].sum()
    assert visible == public_count(passoires, {"energie": URBAIN})


def test_every_public_cell_holds_at_least_the_threshold(passoires: Service) -> None:
    for by in ("communes.nom_commune", "type_energie_principale_chauffage", "code_iris"):
        result = passoires.result("part_fg", by, {"energie": URBAIN}, audience="public")
        assert ((result.counts == 0) | (result.counts >= 11)).all(), by
    hist = histogram(passoires, "dpe", "conso_5_usages_par_m2_ep", {"commune": ["Arzano"]})
    assert ((hist.frame["n"] == 0) | (hist.frame["n"] >= 11)).all()


def test_team_pages_keep_the_raw_data(passoires: Service) -> None:
    filters = {"commune": ["Bannalec"], "energie": URBAIN}
    raw = passoires.result("nb_dpe", None, filters, audience="team")
    assert int(raw.counts.iloc[0]) == 33
    assert raw.protection == []


def test_protection_summary_says_what_is_set_aside(passoires: Service) -> None:
    summary = passoires.protection("dpe")
    assert summary is not None and summary.threshold == 11
    assert 0 < summary.set_aside < 0.1 * summary.rows
    assert summary.edges["dpe.conso_5_usages_par_m2_ep"][0] == 0.0
    assert passoires.protection("communes") is None  # open data: nothing to protect
    result = passoires.result("nb_dpe", audience="public")
    assert result.protection == [summary]
    assert int(result.counts.iloc[0]) == summary.rows - summary.set_aside


def test_public_histogram_bins_are_fixed_whatever_the_filters(passoires: Service) -> None:
    column = "conso_5_usages_par_m2_ep"
    first = histogram(passoires, "dpe", column, {"commune": ["Arzano"]}, bins=30)
    second = histogram(passoires, "dpe", column, {"commune": ["Scaër"]}, bins=30)
    assert first.frame["start"].tolist() == second.frame["start"].tolist()
    edges = passoires.protection("dpe").edges[f"dpe.{column}"]  # type: ignore[union-attr]
    assert first.frame["start"].tolist() == edges[:-1]
    assert (first.low, first.high) == (edges[0], edges[-1])  # edges, not a row's value
    team = histogram(passoires, "dpe", column, {"commune": ["Arzano"]}, bins=30, audience="team")
    assert len(team.frame) > len(first.frame)


@pytest.mark.parametrize(
    ("by", "filters"),
    [
        ("periode_construction", {}),  # a breakdown no public page makes
        (None, {"periode": ["avant 1948"]}),  # a filter no public page offers
        ("etiquette_dpe", {}),
    ],
)
def test_splits_no_public_page_makes_are_refused(
    passoires: Service, by: str | None, filters: dict[str, object]
) -> None:
    with pytest.raises(QueryError) as caught:
        passoires.result("nb_dpe", by, filters, audience="public")
    assert caught.value.code == "protection_split_not_public"
    assert passoires.result("nb_dpe", by, filters, audience="team").counts.sum() > 0
    fr = translate(caught.value.code, "fr", **caught.value.params)
    en = translate(caught.value.code, "en", **caught.value.params)
    assert "« dpe »" in fr and "page publique" in fr
    assert "'dpe'" in en and "public page" in en


# Snapping: merged values, bins, months -------------------------------------------------

BLUEPRINT = """\
datacites: 1
service: {id: essai, title: Essai}
datasets:
  facts:
    source: {type: csv, path: facts.csv}
    columns: {kind: string, day: date, amount: number}
    governance: {access: shared, min_group_size: 5}
indicators:
  n: {label: N, dataset: facts, measure: count(*)}
filters:
  kind: {type: multiselect, column: facts.kind}
  amount: {type: range, column: facts.amount}
  period: {type: date_range, column: facts.day, default: all}
pages:
  - title: Public
    filters: [kind, amount, period]
    views:
      - {type: kpi, indicator: n}
      - {type: bar, indicator: n, by: kind}
  - title: Équipe
    access: team
    views:
      - {type: bar, indicator: n, by: day}
"""


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Service]:
    (tmp_path / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=i % 28) for i in range(66)]
    frame = pd.DataFrame(
        {
            # Two rare values (3 rows each, below 5): merged, they make one group of 6.
            "kind": ["x"] * 40 + ["y"] * 20 + ["rare1"] * 3 + ["rare2"] * 3,
            "day": days,
            "amount": [float(i % 2 * 9) for i in range(60)] + [0.0] * 6,  # two full bins
        }
    )
    types = {"kind": "string", "day": "date", "amount": "number"}
    service = service_over_frames(tmp_path / "blueprint.yaml", {"facts": (frame, types)})
    yield service
    service.close()


def test_rare_values_are_merged_into_autres(small: Service) -> None:
    assert service_values(small) == sorted(["x", "y", AUTRES])
    assert small.distinct("facts", "kind", audience="team") == ["rare1", "rare2", "x", "y"]
    applied = small.effective_filters("facts", {"kind": ["rare1", "x"]})
    assert applied["kind"] == [AUTRES, "x"]
    summary = small.protection("facts")
    assert summary is not None and summary.merged == {"kind": ["rare1", "rare2"]}
    assert summary.set_aside == 0
    # Selecting one rare value shows the merged group, never the value alone.
    rare = small.result("n", None, {"kind": ["rare1"]}, audience="public")
    assert rare.frame["n"].iloc[0] == 6


def service_values(service: Service) -> list[str]:
    return sorted(service.distinct("facts", "kind", audience="public"))


def test_ranges_snap_to_whole_bins_and_a_sliver_changes_nothing(small: Service) -> None:
    narrow, wider = {"amount": [0.0, 8.99]}, {"amount": [0.0, 9.0]}
    team = [small.result("n", None, f, audience="team").frame["n"].iloc[0] for f in (narrow, wider)]
    assert team[0] != team[1]  # on raw data, the sliver holds rows
    one = small.result("n", None, narrow, audience="public")
    two = small.result("n", None, wider, audience="public")
    assert one.effective_filters["amount"] == two.effective_filters["amount"]
    assert one.frame["n"].iloc[0] == two.frame["n"].iloc[0]
    low, high = small.bounds("facts", "amount", audience="public")
    edges = small.protection("facts").edges["facts.amount"]  # type: ignore[union-attr]
    assert (low, high) == (edges[0], edges[-1])


def test_windows_one_day_apart_give_the_same_figure(small: Service) -> None:
    one = small.result("n", None, {"period": ["2025-01-03", "2025-01-10"]}, audience="public")
    two = small.result("n", None, {"period": ["2025-01-03", "2025-01-11"]}, audience="public")
    assert one.frame["n"].iloc[0] == two.frame["n"].iloc[0]
    assert one.effective_filters["period"] == (dt.date(2025, 1, 1), dt.date(2025, 1, 31))


def test_notes_say_what_protection_did_in_both_languages(small: Service) -> None:
    summary = small.protection("facts")
    assert summary is not None
    fr = notes([summary], "fr")
    en = notes([summary], "en")
    assert "Période arrondie au mois pour protéger les petits effectifs." in fr
    assert "Period rounded to the month to protect small groups." in en
    assert any("« autres (regroupées) »" in n and "rare1, rare2" in n for n in fr)
    assert any("rare1, rare2" in n for n in en)


def test_hexagons_of_a_shared_dataset_are_refused_to_the_public(small: Service) -> None:
    query = geo.GeoQuery.__new__(geo.GeoQuery)
    query.service = small
    query.dataset = "facts"
    query.governance = small.blueprint.datasets["facts"].governance
    query.geometry = type("G", (), {"columns": staticmethod(lambda: [])})()
    with pytest.raises(QueryError) as caught:
        query.check_aggregate("public")
    assert caught.value.code == "protection_free_cells_refused"
    assert "différence" in translate(caught.value.code, "fr", **caught.value.params)
    assert "differencing" in translate(caught.value.code, "en", **caught.value.params)
    query.check_aggregate("team")  # the team still sees them


def test_validate_data_warns_when_protection_sets_many_rows_aside(tmp_path: Path) -> None:
    from datacites_proto import inspect_blueprint
    from datacites_proto.engine.data_check import check_data

    folder = tmp_path / "passoires"
    shutil.copytree(EXAMPLE.parent / "data", folder / "data")
    text = EXAMPLE.read_text(encoding="utf-8")
    crowded = text.replace(
        "    filters: [commune]\n    views:\n      - {type: kpi, indicator: cep_median}",
        "    filters: [commune, periode, energie, etiquette]\n    views:\n"
        "      - {type: kpi, indicator: cep_median}",
    )
    assert crowded != text
    (folder / "blueprint.yaml").write_text(crowded, encoding="utf-8")
    result = inspect_blueprint(folder / "blueprint.yaml")
    assert result.ok
    assert check_data(result) == []  # a warning, not an error: the service still runs
    [warning] = [w for w in result.warnings if w.code == "protection_large_share"]
    fr, en = warning.format("fr"), warning.format("en")
    assert "blueprint.yaml:" in fr and "min_group_size" not in fr.split(":")[0]
    assert "ne sont pas comptées sur les pages publiques" in fr and "filters.periode" in fr
    assert "are not counted on public pages" in en and "filters.periode" in en
