"""Categories follow their column's declared `enum`, then the view's `sort` (issue 15)."""

from __future__ import annotations

import pandas as pd

from datacites_proto.engine.service import IndicatorResult
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.views import charts
from tests.support.vega_lite import vega_lite_errors

FR = Formatter("fr")
PERIODS = ["avant 1948", "1948-1974", "1975-1977", "2013-2021", "après 2021"]


def result(frame: pd.DataFrame) -> IndicatorResult:
    return IndicatorResult(
        "n",
        frame,
        pd.Series([20] * len(frame)),
        pd.Series([False] * len(frame)),
        1,
        [c for c in frame.columns if c != "n"],
    )


def figure(
    frame: pd.DataFrame,
    by: str,
    series: str | None = None,
    enums: dict[str, list[str]] | None = None,
    **kw: object,
) -> charts.Figure:
    enums = enums or {}
    x = charts.make_key(by, frame[by], "Période", "fr", enum=enums.get(by))
    s = (
        charts.make_key(series, frame[series], "Type", "fr", enum=enums.get(series))
        if series
        else None
    )
    return charts.breakdown_figure(
        result(frame),
        x,
        s,
        fmt=FR,
        value_text=FR.number,
        hidden_text="masqué",
        title="Logements",
        format=",.0f",
        **kw,  # type: ignore[arg-type]
    )


# Alphabetically « après 2021 » comes before « avant 1948 »: the order the issue saw.
SHUFFLED = pd.DataFrame(
    {"periode": ["après 2021", "1975-1977", "avant 1948", "2013-2021", "1948-1974"]}
).assign(n=[5.0, 30.0, 10.0, 20.0, 40.0])


def test_bars_follow_the_enum_order_not_the_alphabet() -> None:
    fig = figure(SHUFFLED, "periode", enums={"periode": PERIODS})
    assert fig.order == PERIODS
    spec = charts.breakdown_spec(fig, "bar", "fr")
    assert spec["encoding"]["x"]["sort"] == PERIODS
    # The data table lists the rows in that order too.
    assert fig.data["x"].tolist() == PERIODS
    assert not vega_lite_errors(spec)
    # Without an enum, the column's own (alphabetical) order is kept: what was drawn before.
    assert figure(SHUFFLED, "periode").order[-2:] == ["après 2021", "avant 1948"]


def test_values_missing_from_the_enum_come_after_it() -> None:
    frame = pd.DataFrame({"periode": ["inconnue", "après 2021", "avant 1948"], "n": [1.0] * 3})
    fig = figure(frame, "periode", enums={"periode": PERIODS})
    assert fig.order == ["avant 1948", "après 2021", "inconnue"]


def test_the_views_sort_wins_and_ties_keep_the_enum_order() -> None:
    fig = figure(SHUFFLED, "periode", enums={"periode": PERIODS}, sort="desc")
    assert fig.order == ["1948-1974", "1975-1977", "2013-2021", "avant 1948", "après 2021"]
    ties = SHUFFLED.assign(n=1.0)
    assert figure(ties, "periode", enums={"periode": PERIODS}, sort="asc").order == PERIODS


def test_series_legends_and_heatmap_rows_follow_the_enum() -> None:
    rows = [(p, t, 1.0) for p in reversed(PERIODS) for t in ("maison", "appartement")]
    frame = pd.DataFrame(rows, columns=["periode", "type", "n"])
    enums = {"periode": PERIODS, "type": ["maison", "appartement"]}
    fig = figure(frame, "type", series="periode", enums=enums)
    assert fig.order == ["maison", "appartement"]
    assert fig.series_order == PERIODS
    spec = charts.breakdown_spec(fig, "line", "fr")
    assert spec["encoding"]["color"]["sort"] == PERIODS
    assert spec["encoding"]["color"]["scale"]["domain"] == PERIODS
    heat = figure(frame, "type", series="periode", enums=enums, max_series=None, discrete=True)
    heat_spec = charts.heatmap_spec(heat, "fr")
    assert heat_spec["encoding"]["y"]["sort"] == PERIODS
    assert heat_spec["encoding"]["x"]["sort"] == ["maison", "appartement"]


def test_an_enum_is_ignored_under_a_grain() -> None:
    days = pd.DataFrame({"weekday(t)": [2, 1], "n": [1.0, 2.0]})
    key = charts.make_key("weekday(t)", days["weekday(t)"], "Jour", "fr", enum=["x"])
    assert key.enum == ()
