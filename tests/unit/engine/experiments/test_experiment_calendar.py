"""Adjustment covariates and French public holidays, Alsace-Moselle included."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from datacites_proto.engine.experiments.calendar import (
    covariates,
    holiday_days,
    holiday_subdivision,
)

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
GOOD_FRIDAY_2026 = dt.date(2026, 4, 3)
SAINT_STEPHEN = dt.date(2026, 12, 26)


def test_alsace_moselle_has_26_december_and_good_friday() -> None:
    strasbourg = holiday_days(*YEAR, "67482")
    assert SAINT_STEPHEN in strasbourg and GOOD_FRIDAY_2026 in strasbourg
    metz = holiday_days(*YEAR, "57463")
    assert SAINT_STEPHEN in metz and GOOD_FRIDAY_2026 in metz


def test_quimperle_does_not() -> None:
    quimperle = holiday_days(*YEAR, "29233")
    assert SAINT_STEPHEN not in quimperle and GOOD_FRIDAY_2026 not in quimperle
    assert dt.date(2026, 7, 14) in quimperle and dt.date(2026, 12, 25) in quimperle
    assert len(quimperle) == 11


def test_subdivision_from_the_commune_code_only() -> None:
    assert holiday_subdivision("67482") == "6AE"
    assert holiday_subdivision("68224") == "6AE"
    assert holiday_subdivision("57463") == "57"
    assert holiday_subdivision("97411") == "974"
    assert holiday_subdivision("29233") is None
    assert holiday_subdivision("246700488") is None  # an EPCI's SIREN names no department
    assert holiday_subdivision(None) is None


def test_day_grain_has_weekday_dummies_and_a_holiday_indicator() -> None:
    days = pd.date_range("2026-12-21", "2026-12-27", freq="D")
    frame = covariates(days, "day", ["weekday", "month", "holidays"], "67482")
    assert [c for c in frame.columns if c.startswith("weekday")] == [
        f"weekday_{d}" for d in range(2, 8)
    ]
    assert frame["weekday_4"].tolist() == [0, 0, 0, 1, 0, 0, 0]  # Thursday 24
    assert frame["holidays"].tolist() == [0, 0, 0, 0, 1, 1, 0]  # 25 and 26 in Strasbourg
    assert frame["month_12"].tolist() == [1] * 7


def test_week_and_month_grains_have_the_share_of_holiday_days() -> None:
    weeks = pd.to_datetime(["2026-12-21", "2026-12-28"])
    frame = covariates(weeks, "week", ["weekday", "holidays"], "67482")
    assert list(frame.columns) == ["holidays"]  # a week has every weekday
    assert frame["holidays"].tolist() == [2 / 7, 1 / 7]  # 25–26 Dec; 1 Jan
    months = covariates(pd.to_datetime(["2026-05-01"]), "month", ["holidays"], "29233")
    # May 2026 in Quimperlé: 1, 8, 14 (Ascension) and 25 (Whit Monday).
    assert months["holidays"].tolist() == [4 / 31]
