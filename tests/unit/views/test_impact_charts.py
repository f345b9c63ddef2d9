"""The impact view's Vega-Lite specs: valid, the intervention marked, the series comparable."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd

from datacites_proto.i18n.formatting import Formatter
from datacites_proto.views import impact_charts as charts
from tests.support.vega_lite import vega_lite_errors
from tests.unit.views.test_impact_text import result

NAMES = {"treated": "Traités (Rue Savary)", "control": "Témoins (Gare)"}


def with_series() -> object:
    periods = pd.date_range("2026-05-01", "2026-06-30", freq="D")
    after = periods >= pd.Timestamp("2026-06-01")
    series = pd.DataFrame(
        {
            "period": periods,
            "treated": np.where(after, 120.0, 100.0),
            "control": np.full(len(periods), 400.0),
            "after": after,
        }
    )
    return dataclasses.replace(result(), series=series)


def text(value: float) -> str:
    return Formatter("fr").number(value) + " passages"


def test_both_groups_are_indexed_to_100_before_the_intervention() -> None:
    res = with_series()
    data = charts.series_frame(res, NAMES, Formatter("fr"), text)
    treated = data[data[charts.GROUP] == NAMES["treated"]]
    control = data[data[charts.GROUP] == NAMES["control"]]
    assert treated[charts.VALUE].iloc[0] == 100 and treated[charts.VALUE].iloc[-1] == 120
    assert set(control[charts.VALUE]) == {100}
    assert (
        treated[charts.VALUE_TEXT].iloc[-1] == "120 passages (120)"
    )  # the raw value, then the index


def test_the_series_spec_marks_the_intervention_and_shades_a_temporary_one() -> None:
    res = with_series()
    data = charts.series_frame(res, NAMES, Formatter("fr"), text)
    open_ended = charts.series_spec(res, data, NAMES, "fr", "Indice", None)
    assert vega_lite_errors(open_ended) == []
    assert [layer["mark"]["type"] for layer in open_ended["layer"]] == ["line", "rule"]
    temporary = charts.series_spec(res, data, NAMES, "fr", "Indice", dt.date(2026, 6, 20))
    assert vega_lite_errors(temporary) == []
    band = temporary["layer"][0]
    assert band["mark"]["type"] == "rect"
    assert band["encoding"]["x"]["datum"] == {"year": 2026, "month": 6, "date": 1}
    assert band["encoding"]["x2"]["datum"] == {"year": 2026, "month": 6, "date": 21}


def test_the_estimate_spec_is_valid_in_the_indicators_unit_too() -> None:
    res = dataclasses.replace(result(), percent=None, percent_low=None, percent_high=None)
    data = charts.estimate_frame(res, Formatter("en"), text)
    assert (
        data[charts.VALUE].iloc[0] == 120.0
        and data["interval"].iloc[0] == "70 passages – 170 passages"
    )
    spec = charts.estimate_spec(res, data, "en", "Effect (a day)", None, ",.0f")
    assert vega_lite_errors(spec) == []
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["tick", "rule", "point"]
    expected = charts.estimate_frame(result(), Formatter("fr"), text, 0.05)
    assert expected["expected"].iloc[0] == 0.05 and expected["zero"].iloc[0] == 0
    with_line = charts.estimate_spec(result(), expected, "fr", "Effet", 0.05, ".0%")
    assert vega_lite_errors(with_line) == []
    assert with_line["layer"][3]["encoding"]["x"]["field"] == "expected"
