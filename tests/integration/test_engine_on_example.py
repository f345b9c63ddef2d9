"""The documented API example, on the shipped example's real files, checked with pandas."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from datacites_proto import Service
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "coeur_de_ville"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example, so that its cache is built from scratch."""
    folder = tmp_path_factory.mktemp("example") / "coeur_de_ville"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".datacites"))
    return folder


@pytest.fixture(scope="module")
def frames(project: Path) -> pd.DataFrame:
    data = project / "data"
    measures = pd.read_parquet(data / "measures.parquet")
    channels = pd.read_csv(data / "channels.csv", sep=";")
    sites = pd.read_csv(data / "sites.csv", sep=";")
    return measures.merge(channels, on="channel_id").merge(sites, on="site_id")


def test_documented_example(project: Path, frames: pd.DataFrame) -> None:
    pedestrians = frames[frames["mobility_type"] == "PEDESTRIAN"]
    latest = pedestrians["start_datetime"].max().normalize()
    recent = pedestrians[pedestrians["start_datetime"] >= latest - pd.Timedelta(days=29)]
    with Service.from_blueprint(project / "blueprint.yaml") as service:
        total = service.compute("passages")
        assert total["passages"].iloc[0] == pedestrians["count"].sum()
        by_site = service.compute(
            "passages", by="sites.site_name", filters={"periode": "last_30_days"}
        )
        want = recent.groupby("site_name")["count"].sum()
        assert (
            dict(zip(by_site["sites.site_name"], by_site["passages"], strict=True))
            == want.to_dict()
        )
        grid = service.compute(
            "passages",
            by=["hour_of_day(start_datetime)", "weekday(start_datetime)"],
            filters={"periode": ["2026-09-01", "2026-09-30"], "lieu": ["Gare"]},
        )
        september = pedestrians[
            (pedestrians["start_datetime"] >= "2026-09-01")
            & (pedestrians["start_datetime"] < "2026-10-01")
            & (pedestrians["site_name"] == "Gare")
        ]
        assert grid["passages"].sum() == september["count"].sum()
        assert (
            len(grid)
            == september.groupby(
                [september["start_datetime"].dt.hour, september["start_datetime"].dt.day_of_week]
            ).ngroups
        )
    # The embedded database is a file of the project, reused by the next process.
    assert (project / ".datacites" / "cache" / "coeur-de-ville.duckdb").is_file()
