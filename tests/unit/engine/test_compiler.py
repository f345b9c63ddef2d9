"""The query compiler against results computed independently with pandas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from datacites_proto.engine.query_errors import QueryError
from datacites_proto.engine.service import Service
from tests.support.frames import service_over_frames

BLUEPRINT = """\
datacites: 1
service: {id: essai, title: Essai}
datasets:
  sites:
    source: {type: csv, path: sites.csv}
    columns: {site_id: string, site_name: string, zone: string, surface: number}
    key: site_id
  channels:
    source: {type: csv, path: channels.csv}
    columns: {channel_id: string, site_id: string, mobility_type: string, active: boolean}
    key: channel_id
  measures:
    source: {type: csv, path: measures.csv}
    columns: {channel_id: string, start_datetime: datetime, count: integer, note: string}
  visits:
    source: {type: csv, path: visits.csv}
    columns: {zone: string, hour: integer, device: string, day: date}
    governance: {access: shared, min_group_size: 11, personal: [device]}
relations:
  - measures.channel_id -> channels.channel_id
  - channels.site_id -> sites.site_id
indicators:
  rows: {label: Lignes, dataset: measures, measure: count(*)}
  counted: {label: Comptées, dataset: measures, measure: count(count)}
  channels_seen: {label: Canaux, dataset: measures, measure: count_distinct(channel_id)}
  total: {label: Total, dataset: measures, measure: sum(count)}
  average: {label: Moyenne, dataset: measures, measure: mean(count)}
  middle: {label: Médiane, dataset: measures, measure: median(count)}
  lowest: {label: Min, dataset: measures, measure: min(count)}
  highest: {label: Max, dataset: measures, measure: max(count)}
  busy_share: {label: Part chargée, dataset: measures, measure: share(count >= 50)}
  pedestrians: {label: Piétons, dataset: measures, measure: sum(count), where: "mobility_type = 'PEDESTRIAN'"}
  bikes: {label: Vélos, dataset: measures, measure: sum(count), where: "mobility_type = 'BIKE'"}
  bike_ratio: {label: Ratio, formula: bikes / pedestrians * 100}
  per_site: {label: Par site, formula: "(pedestrians + bikes) / 6"}
  nothing: {label: Rien, dataset: measures, measure: sum(count), where: "count < 0"}
  by_zero: {label: Div0, formula: total / nothing}
  plus_nothing: {label: Plus rien, formula: total + nothing}
  sites_n: {label: Sites, dataset: sites, measure: count(*)}
  big_surface: {label: Surface, dataset: sites, measure: sum(surface), where: surface > 100}
  visitors: {label: Visiteurs, dataset: visits, measure: count_distinct(device)}
  visits_n: {label: Visites, dataset: visits, measure: count(*)}
  visits_per_site: {label: Visites par site, formula: visits_n / sites_n}
filters:
  period: {type: date_range, column: measures.start_datetime, default: last_7_days}
  site: {type: select, column: sites.site_name}
  sites: {type: multiselect, column: sites.site_name}
  size: {type: range, column: sites.surface}
  active: {type: toggle, column: channels.active}
  visit_day: {type: date_range, column: visits.day}
pages:
  - title: Accueil
    views: [{type: kpi, indicator: total}]
"""

SITES = ["Halles", "Gare", "Mairie", "Port", "Église", "Lycée"]
START = dt.datetime(2026, 9, 1)


def make_frames(seed: int = 11) -> dict[str, tuple[pd.DataFrame, dict[str, str]]]:
    rng = np.random.default_rng(seed)
    sites = pd.DataFrame(
        {
            "site_id": [f"S{i}" for i in range(6)],
            "site_name": SITES,
            "zone": ["centre", "centre", "centre", "port", "port", "nord"],
            "surface": [50.0, 120.0, 300.0, 80.0, 150.0, 101.0],
        }
    )
    channels = pd.DataFrame(
        [
            (f"S{i}-{m[0]}", f"S{i}", m, bool((i + j) % 3))
            for i in range(6)
            for j, m in enumerate(("PEDESTRIAN", "BIKE"))
        ],
        columns=["channel_id", "site_id", "mobility_type", "active"],
    )
    hours = pd.date_range(START, periods=24 * 75, freq="h")
    measures = pd.DataFrame(
        {
            "channel_id": np.repeat(channels["channel_id"].to_numpy(), len(hours)),
            "start_datetime": np.tile(hours.to_numpy(), len(channels)),
            "count": rng.poisson(40, len(channels) * len(hours)).astype("float64"),
        }
    )
    measures.loc[rng.random(len(measures)) < 0.03, "count"] = np.nan  # no count recorded
    measures["count"] = measures["count"].astype("Int64")
    measures["note"] = np.where(rng.random(len(measures)) < 0.1, "travaux rue", None)
    # Visits: zone "nord" at hour 3 has 5 devices only (below the threshold of 11).
    visit_rows = []
    for zone, hours_counts in {
        "centre": {8: 40, 9: 25},
        "port": {8: 14, 9: 30},
        "nord": {8: 12, 3: 5},
    }.items():
        for hour, n in hours_counts.items():
            visit_rows += [
                (zone, hour, f"{zone}-{hour}-{k}", dt.date(2026, 10, 1 + k % 5)) for k in range(n)
            ]
    visits = pd.DataFrame(visit_rows, columns=["zone", "hour", "device", "day"])
    return {
        "sites": (
            sites,
            {"site_id": "string", "site_name": "string", "zone": "string", "surface": "number"},
        ),
        "channels": (
            channels,
            {
                "channel_id": "string",
                "site_id": "string",
                "mobility_type": "string",
                "active": "boolean",
            },
        ),
        "measures": (
            measures,
            {
                "channel_id": "string",
                "start_datetime": "datetime",
                "count": "integer",
                "note": "string",
            },
        ),
        "visits": (
            visits,
            {"zone": "string", "hour": "integer", "device": "string", "day": "date"},
        ),
    }


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return {name: frame for name, (frame, _) in make_frames().items()}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Service:
    folder = tmp_path_factory.mktemp("compiler")
    (folder / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    return service_over_frames(folder / "blueprint.yaml", make_frames())


@pytest.fixture(scope="module")
def joined(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Measures with their channel and site columns, as a left join."""
    return (
        frames["measures"]
        .merge(frames["channels"], on="channel_id", how="left")
        .merge(frames["sites"], on="site_id", how="left")
    )


def scalar(frame: pd.DataFrame, column: str) -> float:
    assert len(frame) == 1
    return frame[column].iloc[0]


# Measures -----------------------------------------------------------------------------


def test_every_measure_matches_pandas(service: Service, frames: dict[str, pd.DataFrame]) -> None:
    count = frames["measures"]["count"].astype("float64")
    expected = {
        "rows": len(count),
        "counted": count.notna().sum(),
        "channels_seen": frames["measures"]["channel_id"].nunique(),
        "total": count.sum(),
        "average": count.mean(),
        "middle": count.median(),
        "lowest": count.min(),
        "highest": count.max(),
        # share(): rows meeting the condition among all rows (a missing count does not).
        "busy_share": (count >= 50).sum() / len(count),
    }
    for indicator, value in expected.items():
        assert scalar(service.compute(indicator), indicator) == pytest.approx(value), indicator


def test_breakdown_by_a_column_of_the_dataset(
    service: Service, frames: dict[str, pd.DataFrame]
) -> None:
    got = service.compute("total", by="channel_id")
    want = frames["measures"].groupby("channel_id")["count"].sum().astype("float64")
    assert list(got["channel_id"]) == sorted(want.index)
    assert np.allclose(got["total"].to_numpy(), want.sort_index().to_numpy())


# Conditions -----------------------------------------------------------------------------

CONDITIONS = [
    ("count = 40", lambda m: m["count"] == 40),
    ("count != 40", lambda m: m["count"] != 40),
    ("count < 30", lambda m: m["count"] < 30),
    ("count <= 30", lambda m: m["count"] <= 30),
    ("count > 50", lambda m: m["count"] > 50),
    ("count >= 50", lambda m: m["count"] >= 50),
    ("count in (30, 40, 50)", lambda m: m["count"].isin([30, 40, 50])),
    ("count not in (30, 40, 50)", lambda m: ~m["count"].isin([30, 40, 50]) & m["count"].notna()),
    ("count between 35 and 45", lambda m: m["count"].between(35, 45)),
    ("count not between 35 and 45", lambda m: ~m["count"].between(35, 45) & m["count"].notna()),
    ("count is null", lambda m: m["count"].isna()),
    ("count is not null", lambda m: m["count"].notna()),
    ("note like 'trav%'", lambda m: m["note"].fillna("").str.startswith("trav")),
    (
        "note not like '%rue'",
        lambda m: ~m["note"].fillna("").str.endswith("rue") & m["note"].notna(),
    ),
    (
        "count > 40 and (channel_id = 'S1-P' or channel_id = 'S2-B')",
        lambda m: (m["count"] > 40) & m["channel_id"].isin(["S1-P", "S2-B"]),
    ),
    ("not count > 40", lambda m: m["count"] <= 40),
    ("active", lambda m: m["active"]),
    ("site_name = 'Église'", lambda m: m["site_name"] == "Église"),
    (
        "sites.zone = 'port' and mobility_type != 'BIKE'",
        lambda m: (m["zone"] == "port") & (m["mobility_type"] != "BIKE"),
    ),
]


@pytest.mark.parametrize("text, mask", CONDITIONS, ids=[c[0] for c in CONDITIONS])
def test_condition_operators(tmp_path: Path, text: str, mask, joined: pd.DataFrame) -> None:  # type: ignore[no-untyped-def]
    blueprint = BLUEPRINT.replace(
        "  rows: {label: Lignes, dataset: measures, measure: count(*)}",
        f'  rows: {{label: Lignes, dataset: measures, measure: count(*), where: "{text}"}}',
    )
    (tmp_path / "blueprint.yaml").write_text(blueprint, encoding="utf-8")
    service = service_over_frames(tmp_path / "blueprint.yaml", make_frames())
    expected = int(mask(joined).fillna(False).astype(bool).sum())
    assert scalar(service.compute("rows"), "rows") == expected


def test_values_are_bound_never_pasted(service: Service) -> None:
    # A filter value shaped like SQL is only ever a value to compare with.
    got = service.compute("total", filters={"site": ["x'; DROP TABLE ds_measures; --"]})
    assert got["total"].isna().all()
    assert scalar(service.compute("rows"), "rows") > 0


# Time grains -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "grain, key",
    [
        ("hour", lambda s: s.dt.floor("h")),
        ("day", lambda s: s.dt.normalize()),
        ("week", lambda s: (s - pd.to_timedelta(s.dt.day_of_week, unit="D")).dt.normalize()),
        ("month", lambda s: s.dt.to_period("M").dt.start_time),
        ("year", lambda s: s.dt.to_period("Y").dt.start_time),
        ("weekday", lambda s: s.dt.day_of_week + 1),
        ("hour_of_day", lambda s: s.dt.hour),
    ],
)
def test_time_grains(service: Service, frames: dict[str, pd.DataFrame], grain: str, key) -> None:  # type: ignore[no-untyped-def]
    measures = frames["measures"]
    want = (
        measures.groupby(key(measures["start_datetime"]))["count"]
        .sum()
        .astype("float64")
        .sort_index()
    )
    got = service.compute("total", by=f"{grain}({'start_datetime'})")
    assert len(got) == len(want)
    got_keys = (
        pd.to_datetime(got.iloc[:, 0])
        if grain not in ("weekday", "hour_of_day")
        else got.iloc[:, 0]
    )
    assert list(got_keys) == list(want.index)
    assert np.allclose(got["total"].to_numpy(), want.to_numpy())


def test_two_breakdowns(service: Service, frames: dict[str, pd.DataFrame]) -> None:
    m = frames["measures"]
    want = m.groupby([m["start_datetime"].dt.day_of_week + 1, m["start_datetime"].dt.hour])[
        "count"
    ].sum()
    got = service.compute("total", by=["weekday(start_datetime)", "hour_of_day(start_datetime)"])
    assert len(got) == 7 * 24
    assert np.allclose(got["total"].to_numpy(), want.sort_index().to_numpy().astype(float))


# Relations -----------------------------------------------------------------------------


def test_breakdown_two_relations_away(service: Service, joined: pd.DataFrame) -> None:
    got = service.compute("pedestrians", by="sites.site_name")
    want = joined[joined["mobility_type"] == "PEDESTRIAN"].groupby("site_name")["count"].sum()
    assert dict(zip(got["sites.site_name"], got["pedestrians"], strict=True)) == pytest.approx(
        want.astype(float).to_dict()
    )


def test_unqualified_column_of_a_related_dataset(service: Service, joined: pd.DataFrame) -> None:
    got = service.compute("total", by="zone")
    want = joined.groupby("zone")["count"].sum().astype(float)
    assert dict(zip(got["zone"], got["total"], strict=True)) == pytest.approx(want.to_dict())


def test_unrelated_breakdown_is_an_error(service: Service) -> None:
    with pytest.raises(QueryError) as caught:
        service.compute("sites_n", by="measures.channel_id")
    assert caught.value.code == "dataset_not_related"
    assert "measures" in caught.value.message("fr")


# Formulas -----------------------------------------------------------------------------


def test_formula(service: Service, joined: pd.DataFrame) -> None:
    bikes = joined.loc[joined["mobility_type"] == "BIKE", "count"].sum()
    peds = joined.loc[joined["mobility_type"] == "PEDESTRIAN", "count"].sum()
    assert scalar(service.compute("bike_ratio"), "bike_ratio") == pytest.approx(bikes / peds * 100)
    assert scalar(service.compute("per_site"), "per_site") == pytest.approx((bikes + peds) / 6)


def test_formula_broken_down(service: Service, joined: pd.DataFrame) -> None:
    got = service.compute("bike_ratio", by="sites.zone")
    for zone, value in zip(got["sites.zone"], got["bike_ratio"], strict=True):
        part = joined[joined["zone"] == zone]
        want = (
            part.loc[part["mobility_type"] == "BIKE", "count"].sum()
            / part.loc[part["mobility_type"] == "PEDESTRIAN", "count"].sum()
            * 100
        )
        assert value == pytest.approx(want)


def test_division_by_zero_is_missing_not_infinite(service: Service) -> None:
    assert np.isnan(scalar(service.compute("by_zero"), "by_zero"))


# Filters -----------------------------------------------------------------------------


def test_date_range_explicit(service: Service, frames: dict[str, pd.DataFrame]) -> None:
    m = frames["measures"]
    inside = (m["start_datetime"] >= "2026-10-01") & (m["start_datetime"] < "2026-10-11")
    got = service.compute("total", filters={"period": ["2026-10-01", "2026-10-10"]})
    assert scalar(got, "total") == pytest.approx(m.loc[inside, "count"].sum())


@pytest.mark.parametrize(
    "preset, days", [("last_7_days", 7), ("last_30_days", 30), ("last_90_days", 90)]
)
def test_date_presets_count_back_from_the_latest_data(
    service: Service, frames: dict[str, pd.DataFrame], preset: str, days: int
) -> None:
    m = frames["measures"]
    latest = m["start_datetime"].max().normalize()
    start = latest - pd.Timedelta(days=days - 1)
    want = m.loc[m["start_datetime"] >= start, "count"].sum()
    assert scalar(service.compute("total", filters={"period": preset}), "total") == pytest.approx(
        want
    )
    period = service.period("period", preset)
    assert period is not None and period.days == days and period.end == latest.date()


def test_all_and_last_12_months(service: Service, frames: dict[str, pd.DataFrame]) -> None:
    total = frames["measures"]["count"].sum()
    assert scalar(service.compute("total", filters={"period": "all"}), "total") == pytest.approx(
        total
    )
    # The data covers 75 days: twelve months hold it all.
    assert scalar(
        service.compute("total", filters={"period": "last_12_months"}), "total"
    ) == pytest.approx(total)


def test_select_multiselect_range_toggle(service: Service, joined: pd.DataFrame) -> None:
    def total(mask: pd.Series) -> float:
        return float(joined.loc[mask, "count"].sum())

    assert scalar(service.compute("total", filters={"site": ["Gare"]}), "total") == pytest.approx(
        total(joined["site_name"] == "Gare")
    )
    assert scalar(service.compute("total", filters={"site": "Gare"}), "total") == pytest.approx(
        total(joined["site_name"] == "Gare")
    )
    chosen = ["Gare", "Port"]
    assert scalar(service.compute("total", filters={"sites": chosen}), "total") == pytest.approx(
        total(joined["site_name"].isin(chosen))
    )
    assert scalar(service.compute("total", filters={"size": [100, 200]}), "total") == pytest.approx(
        total(joined["surface"].between(100, 200))
    )
    assert scalar(service.compute("total", filters={"active": True}), "total") == pytest.approx(
        total(joined["active"])
    )
    assert scalar(service.compute("total", filters={"active": False}), "total") == pytest.approx(
        total(joined["count"].notna() | True)
    )


def test_filters_combine_and_apply_through_relations(
    service: Service, joined: pd.DataFrame, frames: dict[str, pd.DataFrame]
) -> None:
    mask = (joined["site_name"] == "Port") & (joined["start_datetime"] < "2026-09-08")
    got = service.compute(
        "total", filters={"site": ["Port"], "period": ["2026-09-01", "2026-09-07"]}
    )
    assert scalar(got, "total") == pytest.approx(joined.loc[mask, "count"].sum())
    # A filter on measures does not apply to an indicator of sites (not related that way).
    assert (
        scalar(
            service.compute("sites_n", filters={"period": ["2026-09-01", "2026-09-02"]}), "sites_n"
        )
        == 6
    )
    assert scalar(service.compute("sites_n", filters={"size": [100, 1000]}), "sites_n") == 4


@pytest.mark.parametrize(
    "filters_value, code",
    [
        ({"period": ["2026-13-01", "2026-10-10"]}, "bad_filter_value"),
        ({"period": "last_year"}, "bad_filter_value"),
        ({"size": ["petit", 3]}, "bad_filter_value"),
        ({"active": "peut-être"}, "bad_filter_value"),
        ({"nope": 1}, "unknown_filter"),
    ],
)
def test_bad_filter_values(service: Service, filters_value: dict, code: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(QueryError) as caught:
        service.compute("total", filters=filters_value)
    assert caught.value.code == code
    assert caught.value.message("fr") != caught.value.message("en")


def test_unknown_indicator(service: Service) -> None:
    with pytest.raises(QueryError) as caught:
        service.compute("totl")
    assert caught.value.code == "unknown_indicator"


def test_default_filters_are_url_values(service: Service) -> None:
    assert service.default_filters()["period"] == "last_7_days"
    assert service.default_filters()["active"] is False


# Suppression -----------------------------------------------------------------------------


def test_small_groups_are_hidden(service: Service, frames: dict[str, pd.DataFrame]) -> None:
    result = service.result("visitors", by=["zone", "hour"], audience="team")
    frame = result.frame.assign(n=result.counts, hidden=result.suppressed)
    cell = frame[(frame["zone"] == "nord") & (frame["hour"] == 3)]
    assert bool(cell["hidden"].iloc[0]) and cell["visitors"].isna().all()
    assert result.threshold == 11
    visible = frame[~frame["hidden"]]
    assert (visible["n"] >= 11).all()


def test_a_lone_hidden_cell_cannot_be_recovered_by_subtraction(
    service: Service, frames: dict[str, pd.DataFrame]
) -> None:
    result = service.result("visits_n", by="zone", audience="team")
    total = scalar(service.compute("visits_n", audience="team"), "visits_n")
    # Zones: centre 65, port 44, nord 17 → nothing below 11, nothing hidden.
    assert not result.suppressed.any()
    by_hour = service.result("visits_n", by=["zone", "hour"], audience="team")
    hidden = by_hour.frame[by_hour.suppressed]
    # nord/3 (5 rows) is hidden; alone in its zone it would be total(nord) - nord/8,
    # so nord/8 is hidden too; within hour 3 it is the only cell, which reveals nothing.
    assert set(zip(hidden["zone"], hidden["hour"], strict=True)) >= {("nord", 3), ("nord", 8)}
    for zone, part in by_hour.frame.assign(h=by_hour.suppressed).groupby("zone"):
        assert part["h"].sum() != 1 or len(part) == 1, zone
    assert total == len(frames["visits"])


def test_totals_below_the_threshold_are_hidden(service: Service) -> None:
    result = service.result(
        "visits_n", filters={"visit_day": ["2026-10-01", "2026-10-01"]}, by="zone", audience="team"
    )
    small = result.counts < 11
    assert small.any()
    assert result.suppressed[small].all()
    assert result.frame["visits_n"][small].isna().all()


def test_formula_with_a_hidden_part_is_hidden(service: Service) -> None:
    one_day = {"visit_day": ["2026-10-01", "2026-10-01"]}
    part = service.result("visits_n", by="zone", filters=one_day, audience="team")
    ratio = service.result("visits_per_site", by="zone", filters=one_day, audience="team")
    hidden_zones = set(part.frame["zone"][part.suppressed])
    assert "nord" in hidden_zones  # 4 visits that day
    assert set(ratio.frame["zone"][ratio.suppressed]) >= hidden_zones
    shown = ratio.frame[~ratio.suppressed]
    assert shown["visits_per_site"].notna().all()


def test_open_data_is_never_hidden(service: Service) -> None:
    result = service.result(
        "total", by="channel_id", filters={"period": ["2026-09-01", "2026-09-01"]}
    )
    assert result.threshold == 1 and not result.suppressed.any()


# Rows, distinct values, bounds -------------------------------------------------------------


def test_rows_are_filtered_sorted_limited_and_may_use_related_columns(
    service: Service, joined: pd.DataFrame
) -> None:
    rows = service.rows(
        "measures",
        ["start_datetime", "sites.site_name", "count"],
        {"site": ["Port"], "period": ["2026-09-01", "2026-09-01"]},
        sort="-count",
        limit=5,
    )
    want = joined[(joined["site_name"] == "Port") & (joined["start_datetime"] < "2026-09-02")]
    assert list(rows.columns) == ["start_datetime", "sites.site_name", "count"]
    assert len(rows) == 5
    assert (rows["sites.site_name"] == "Port").all()
    assert list(rows["count"]) == sorted(want["count"].dropna(), reverse=True)[:5]


def test_rows_of_shared_data_are_refused_to_the_public(service: Service) -> None:
    with pytest.raises(QueryError) as caught:
        service.rows("visits", ["zone"])
    assert caught.value.code == "rows_not_allowed"
    assert list(service.rows("visits", ["zone"], audience="team", limit=3).columns) == ["zone"]


def test_personal_columns_are_never_returned(service: Service) -> None:
    assert "device" not in service.rows("visits", audience="team", limit=3).columns
    with pytest.raises(QueryError) as caught:
        service.rows("visits", ["zone", "device"], audience="team")
    assert caught.value.code == "personal_column_refused"
    with pytest.raises(QueryError):
        service.distinct("visits", "device")


def test_distinct_and_bounds(service: Service, frames: dict[str, pd.DataFrame]) -> None:
    assert service.distinct("sites", "site_name") == sorted(SITES)
    low, high = service.bounds("measures", "start_datetime")
    assert low == frames["measures"]["start_datetime"].min()
    assert high == frames["measures"]["start_datetime"].max()


def test_restricted_aggregates_are_refused_to_the_public(tmp_path: Path) -> None:
    text = BLUEPRINT.replace(
        "governance: {access: shared, min_group_size: 11, personal: [device]}",
        "governance: {access: restricted, personal: [device]}",
    )
    (tmp_path / "blueprint.yaml").write_text(text, encoding="utf-8")
    service = service_over_frames(tmp_path / "blueprint.yaml", make_frames())
    team = service.result("visits_n", audience="team")
    assert team.frame["visits_n"].iloc[0] == len(make_frames()["visits"][0])
    with pytest.raises(QueryError) as caught:
        service.result("visits_n", audience="public")
    assert caught.value.code == "rows_not_allowed"
    assert service.result("total", audience="public").frame["total"].iloc[0] > 0


def test_rows_filtered_on_a_related_dataset_only(service: Service, joined: pd.DataFrame) -> None:
    # The filter's dataset is joined only for the condition: it must still apply.
    rows = service.rows("measures", ["channel_id", "count"], {"site": ["Port"]}, limit=100_000)
    assert len(rows) == int((joined["site_name"] == "Port").sum())
    assert set(rows["channel_id"]) == {"S3-P", "S3-B"}


def test_categories_follow_the_declared_enum_order(tmp_path: Path) -> None:
    text = BLUEPRINT.replace(
        "columns: {site_id: string, site_name: string, zone: string, surface: number}",
        "columns: {site_id: string, site_name: string, zone: {type: string, enum: [port, nord, centre]}, surface: number}",
    )
    (tmp_path / "blueprint.yaml").write_text(text, encoding="utf-8")
    service = service_over_frames(tmp_path / "blueprint.yaml", make_frames())
    assert list(service.compute("sites_n", by="zone")["zone"]) == ["port", "nord", "centre"]
    # Without an enum, categories come in their natural order.
    assert list(service.compute("sites_n", by="site_name")["site_name"]) == sorted(SITES)


def test_formula_parts_missing_from_a_group_count_zero(service: Service) -> None:
    # `nothing` (a sum over no row) has no group at all: it adds 0, not a missing value.
    both = service.compute("plus_nothing", by="sites.zone")
    total = service.compute("total", by="sites.zone")
    assert list(both["sites.zone"]) == list(total["sites.zone"])
    assert np.allclose(both["plus_nothing"], total["total"])
