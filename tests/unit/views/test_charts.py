"""The chart helpers without Streamlit: palette, locale, specs, sentences, CSV, bins."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from datacites_proto.engine.histogram import Histogram, nice_bins
from datacites_proto.engine.service import IndicatorResult
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.views import charts
from tests.support.vega_lite import vega_lite_errors

FR = Formatter("fr")
EN = Formatter("en")


def result(
    frame: pd.DataFrame, indicator: str, hidden: list[bool] | None = None
) -> IndicatorResult:
    hidden = hidden or [False] * len(frame)
    frame = frame.copy()
    frame.loc[hidden, indicator] = float("nan")
    return IndicatorResult(
        indicator,
        frame,
        pd.Series([20] * len(frame)),
        pd.Series(hidden),
        11 if any(hidden) else 1,
        [c for c in frame.columns if c != indicator],
    )


def figure(res: IndicatorResult, by: str, series: str | None = None, lang: str = "fr", **kw):  # type: ignore[no-untyped-def]
    fmt = Formatter(lang)
    x = charts.make_key(by, res.frame[by], "Lieu" if "(" not in by else "Horodatage", lang)
    s = charts.make_key(series, res.frame[series], "Sens", lang) if series else None
    return charts.breakdown_figure(
        res,
        x,
        s,
        fmt=fmt,
        value_text=lambda v: fmt.value(v, "integer", None, "passages"),
        hidden_text="masqué" if lang == "fr" else "hidden",
        title="Passages",
        format=charts.value_format("integer"),
        **kw,
    )


# Palette and locale ---------------------------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_okabe_ito_palette_has_eight_distinct_colours_and_an_accessible_single_colour() -> None:
    assert len(charts.OKABE_ITO) == charts.MAX_SERIES == 8
    assert len({c.lower() for c in charts.OKABE_ITO}) == 8
    assert all(c.startswith("#") and len(c) == 7 for c in charts.OKABE_ITO)
    assert {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"} < set(
        charts.OKABE_ITO
    )
    # WCAG 1.4.11: graphics need a 3:1 contrast with the (white) background.
    contrast = 1.05 / (_luminance(charts.SINGLE_COLOUR) + 0.05)
    assert contrast >= 4.5
    assert charts.SEQUENTIAL_SCHEME in ("viridis", "cividis")


def test_vega_locale_follows_babel_in_french_and_english() -> None:
    fr = charts.vega_locale("fr")
    assert fr["number"]["decimal"] == ","
    assert fr["number"]["thousands"] == "\u202f"
    assert fr["number"]["percent"] == "\u00a0%"
    assert fr["number"]["currency"] == ["", "\u00a0€"]
    assert fr["number"]["minus"] == "\u2212"  # « −11,9 % » on axes as in the text
    assert fr["time"]["days"][:2] == ["dimanche", "lundi"]  # d3 weeks start on Sunday
    assert fr["time"]["shortMonths"][7] == "août"
    en = charts.vega_locale("en")
    assert (en["number"]["decimal"], en["number"]["thousands"]) == (".", ",")
    assert en["number"]["currency"] == ["€", ""]
    assert en["time"]["days"][1] == "Monday"


def test_number_formats_and_titles() -> None:
    assert charts.value_format("integer") == ",.0f"
    assert charts.value_format("percent") == ",.1~%"
    assert charts.value_format("decimal", 3) == ",.3~f"
    assert charts.value_format("currency") == "$,.2f"  # a price keeps its cents
    assert charts.value_title("Passages piétons", "passages") == "Passages piétons"
    assert charts.value_title("Surface", "m²") == "Surface (m²)"
    assert charts.time_format("month", "fr") == "%b %Y"
    assert charts.time_format("hour", "fr") == "%-d %b %H h"
    assert charts.time_format("day", "en", same_year=False) == "%-d %b %Y"


def test_french_phrases() -> None:
    assert charts.lower_first("Passages piétons") == "passages piétons"
    assert charts.lower_first("IRVE") == "IRVE"
    assert charts.of_phrase("habitants", "fr") == "d'habitants"
    assert charts.of_phrase("passages", "fr") == "de passages"
    assert charts.of_phrase("passages", "en") == "of passages"
    assert charts.chart_title("Passages", ["par lieu"], "fr") == "Passages par lieu"
    two = charts.chart_title("Passages", ["par heure", "par jour"], "fr")
    assert two == "Passages par heure et par jour"


# Figures and specs ------------------------------------------------------------------

SITES = pd.DataFrame(
    {"sites.site_name": ["Gare", "Halles", "Mairie", "Port"], "passages": [30.0, 10.0, 50.0, 5.0]}
)


def test_bar_sorted_desc_and_limited_with_hidden_last() -> None:
    res = result(SITES, "passages", hidden=[False, False, False, True])
    fig = figure(res, "sites.site_name", sort="desc", limit=3)
    assert fig.order == ["Mairie", "Gare", "Halles"]
    assert (fig.limited, fig.total) == (True, 4)
    spec = charts.breakdown_spec(fig, "bar", "fr")
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["sort"] == ["Mairie", "Gare", "Halles"]
    assert spec["encoding"]["x"]["type"] == "nominal"
    assert spec["encoding"]["color"] == {"value": charts.SINGLE_COLOUR}
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["data"] == {"name": charts.DATA_NAME}
    assert fig.data["value_text"].tolist()[0] == "50 passages"
    # Ascending, everything: the hidden one stays last.
    fig = figure(res, "sites.site_name", sort="asc")
    assert fig.order == ["Halles", "Gare", "Mairie", "Port"]
    assert fig.data["value_text"].tolist()[-1] == "masqué"
    assert charts.hidden_cells(fig) == ["Port"]


def test_every_category_is_named_up_to_a_limit() -> None:
    names = [f"Place numéro {i}" for i in range(charts.MAX_NAMED_CATEGORIES + 1)]
    few = figure(result(pd.DataFrame({"lieu": names[:8], "p": [1.0] * 8}), "p"), "lieu")
    axis = charts.breakdown_spec(few, "bar", "fr")["encoding"]["x"]["axis"]
    assert axis["labelAngle"] == -40  # long names slant
    assert axis["labelOverlap"] is False  # and none is dropped for its box
    many = figure(result(pd.DataFrame({"lieu": names, "p": [1.0] * len(names)}), "p"), "lieu")
    assert "labelOverlap" not in charts.breakdown_spec(many, "bar", "fr")["encoding"]["x"]["axis"]


def test_horizontal_bars_put_categories_on_y() -> None:
    fig = figure(result(SITES, "passages"), "sites.site_name", sort="asc")
    spec = charts.breakdown_spec(fig, "bar", "fr", horizontal=True)
    assert spec["encoding"]["y"]["field"] == "x" and spec["encoding"]["x"]["field"] == "value"
    assert spec["encoding"]["y"]["sort"] == ["Port", "Halles", "Gare", "Mairie"]


def test_weekday_shows_day_names_in_order_and_hour_of_day_numbers() -> None:
    days = pd.DataFrame({"weekday(t)": [7, 3, 1, 2, 6, 5, 4], "passages": range(7)}, dtype=float)
    days["weekday(t)"] = days["weekday(t)"].astype("int32")
    fig = figure(result(days, "passages"), "weekday(t)")
    assert fig.order == ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    spec = charts.breakdown_spec(fig, "line", "fr")
    assert spec["encoding"]["x"]["type"] == "ordinal"
    assert spec["encoding"]["x"]["sort"][0] == "lundi"
    fig_en = figure(result(days, "passages"), "weekday(t)", lang="en")
    assert fig_en.order[0] == "Monday"
    hours = pd.DataFrame({"hour_of_day(t)": list(range(24)), "passages": [1.0] * 24})
    fig = figure(result(hours, "passages"), "hour_of_day(t)")
    assert fig.order == list(range(24))
    assert fig.data["x_text"].iloc[17] == "17 h"


def test_day_grain_is_a_temporal_axis_with_ticks_on_the_days() -> None:
    days = pd.DataFrame(
        {
            "day(t)": pd.to_datetime(["2026-09-07", "2026-09-08", "2026-09-09"]),
            "passages": [10.0, 30.0, 20.0],
        }
    )
    fig = figure(result(days, "passages"), "day(t)")
    spec = charts.breakdown_spec(fig, "line", "fr")
    x = spec["encoding"]["x"]
    assert x["type"] == "temporal" and x["axis"]["format"] == "%-d %b"
    assert x["axis"]["values"][0] == {"year": 2026, "month": 9, "date": 7, "hours": 0}
    assert spec["mark"]["type"] == "line"
    text = charts.breakdown_alt(fig, "line", "Passages", "par jour", "fr")
    assert text == (
        "Courbe de passages par jour, du 7 sept. 2026 au 9 sept. 2026 ; "
        "maximum 30 passages (8 sept. 2026) ; minimum 10 passages (7 sept. 2026)."
    )
    fig = figure(result(days, "passages"), "day(t)", lang="en")
    assert charts.breakdown_alt(fig, "line", "Passages", "by day", "en") == (
        "Line chart of passages by day, from 7 Sept 2026 to 9 Sept 2026; "
        "highest 30 passages (8 Sept 2026); lowest 10 passages (7 Sept 2026)."
    )


@pytest.mark.parametrize(("days", "dots"), [(30, True), (1000, True), (1001, False)])
def test_a_long_line_is_drawn_without_a_dot_per_day(days: int, dots: bool) -> None:
    frame = pd.DataFrame(
        {
            "day(t)": pd.date_range("2024-01-01", periods=days),
            "passages": [float(i % 50) for i in range(days)],
        }
    )
    spec = charts.breakdown_spec(figure(result(frame, "passages"), "day(t)"), "line", "fr")
    mark = spec["mark"]
    assert mark["type"] == "line"
    assert ("point" in mark) is dots


def test_tick_values_are_thinned() -> None:
    days = pd.date_range("2026-01-01", periods=90, freq="D")
    ticks = charts.tick_values(list(days))
    assert len(ticks) <= charts.MAX_TICKS
    assert ticks[1] == {"year": 2026, "month": 1, "date": 9, "hours": 0}


def test_series_take_okabe_ito_colours_and_are_capped() -> None:
    rows = [(f"S{i}", d, float(i * 10 + (d == "OUT"))) for i in range(10) for d in ("IN", "OUT")]
    frame = pd.DataFrame(rows, columns=["site", "direction", "passages"])
    fig = figure(result(frame, "passages"), "direction", series="site")
    assert fig.series_total == 10 and fig.series_limited
    assert fig.series_order == [f"S{i}" for i in range(2, 10)]  # the 8 largest, in key order
    spec = charts.breakdown_spec(fig, "area", "fr", additive=True)
    assert spec["encoding"]["color"]["scale"]["range"] == list(charts.OKABE_ITO)
    assert spec["encoding"]["color"]["scale"]["domain"] == fig.series_order
    assert spec["encoding"]["y"]["stack"] == "zero"
    assert spec["encoding"]["y"]["impute"] == {"value": 0}
    assert spec["mark"]["type"] == "area"
    text = charts.breakdown_alt(fig, "area", "Passages", "par sens, par lieu", "fr")
    assert "8 séries : S2, S3" in text


def heat_figure(frame: pd.DataFrame, hidden: list[bool]) -> charts.Figure:
    """Passages by hour of day (x) and weekday (y), as the heatmap view lays them out."""
    return charts.breakdown_figure(
        result(frame, "passages", hidden=hidden),
        charts.make_key("hour_of_day(t)", frame["hour_of_day(t)"], "heure", "fr"),
        charts.make_key("weekday(t)", frame["weekday(t)"], "jour", "fr"),
        fmt=FR,
        value_text=FR.number,
        hidden_text="masqué",
        title="Passages",
        format=",.0f",
        max_series=None,
        discrete=True,
    )


def test_heatmap_uses_a_sequential_scheme_and_greys_hidden_cells() -> None:
    frame = pd.DataFrame(
        {
            "hour_of_day(t)": [8, 8, 9, 9],
            "weekday(t)": [1, 2, 1, 2],
            "passages": [5.0, 7.0, 9.0, 11.0],
        }
    )
    fig = heat_figure(frame, hidden=[True, False, False, False])
    spec = charts.heatmap_spec(fig, "fr")
    colour = spec["encoding"]["color"]
    assert colour["scale"]["scheme"] == "viridis"
    assert colour["condition"]["value"] == charts.HIDDEN_COLOUR
    assert spec["encoding"]["y"]["sort"] == ["lundi", "mardi"]
    assert spec["mark"]["type"] == "rect"
    table = charts.figure_table(fig)
    assert table.columns.tolist() == ["heure", "jour", "Passages"]
    assert table.iloc[0].tolist() == ["8 h", "lundi", "masqué"]


def test_hidden_note_names_cells_then_counts_the_rest() -> None:
    assert charts.hidden_note([], 11, "fr") is None
    note = charts.hidden_note(["Gare", "Port"], 11, "fr")
    assert note is not None and note.startswith("Masqué : Gare, Port. ")
    assert "moins de 11 unités" in note
    many = charts.hidden_note([f"c{i}" for i in range(13)], 11, "en")
    assert many is not None and many.startswith("Hidden: c0, c1") and "and 3 more" in many


def test_limited_caption() -> None:
    assert charts.limited_text(10, 37, "fr") == "10 premiers sur 37"
    assert charts.limited_text(10, 37, "en") == "Top 10 of 37"


# Histograms ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "bins", "integer", "expected"),
    [
        (3.7, 150.0, 10, False, (0.0, 20.0, 8)),
        (0, 100, 10, False, (0.0, 10.0, 10)),
        (1, 118, 6, True, (0.0, 20.0, 6)),
        (1, 7, 20, True, (1.0, 1.0, 7)),  # one bin per whole number
        (-3.5, 2.25, 4, False, (-4.0, 2.0, 4)),
        (5, 5, 10, True, (5.0, 1.0, 1)),
    ],
)
def test_nice_bins(low: float, high: float, bins: int, integer: bool, expected: tuple) -> None:  # type: ignore[type-arg]
    start, width, count = nice_bins(low, high, bins, integer)
    assert (start, width, count) == expected
    assert count <= bins and start <= low and start + count * width >= high


def _hist(integer: bool, hidden: list[bool]) -> Histogram:
    frame = pd.DataFrame(
        {"start": [0.0, 20.0, 40.0], "end": [20.0, 40.0, 60.0], "n": [30, 4, 12], "hidden": hidden}
    )
    return Histogram("d", "c", frame, 11, 1.0, 59.0, integer)


def test_interval_labels_and_histogram_sentence() -> None:
    assert charts.interval_texts(_hist(False, [False] * 3), FR, "fr") == [
        "de 0 à moins de 20",
        "de 20 à moins de 40",
        "de 40 à 60",
    ]
    assert charts.interval_texts(_hist(True, [False] * 3), FR, "fr")[:2] == [
        "de 0 à 19",
        "de 20 à 39",
    ]
    assert charts.interval_texts(_hist(False, [False] * 3), EN, "en")[0] == "0 to under 20"
    data = charts.histogram_frame(_hist(True, [False, True, False]), FR, "fr", "masqué")
    assert data["n_text"].tolist() == ["30", "masqué", "12"]
    assert pd.isna(data["n"].iloc[1])
    text = charts.histogram_alt(data, "Durée", "fr", FR, "masqué")
    assert text == (
        "Histogramme de durée : au moins 42 lignes en 3 intervalles, de 0 à 60 ; "
        "le plus fréquent : de 0 à 19 (30) ; 1 valeur masquée (secret statistique)."
    )
    spec = charts.histogram_spec(data, 20.0, "Durée", "fr")
    assert spec["encoding"]["x"]["bin"] == {"binned": True, "step": 20.0}
    assert spec["encoding"]["x"]["scale"]["domain"] == [0.0, 60.0]
    assert spec["encoding"]["x2"] == {"field": "end"}


# CSV ------------------------------------------------------------------------------------

ROWS = pd.DataFrame(
    {
        "nom": ["Borne é", '=HYPERLINK("x")', "-3 degrés"],
        "puissance": [22.5, 3.7, 150.0],
        "mise_en_service": [dt.date(2025, 1, 2), dt.date(2025, 3, 4), None],
        "nombre": pd.array([1, None, 3], dtype="Int64"),
    }
)


def test_csv_for_excel_in_french() -> None:
    data = charts.csv_bytes(ROWS, "fr")
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == "nom;puissance;mise_en_service;nombre"
    assert lines[1] == "Borne é;22,5;2025-01-02;1"
    assert lines[2] == '"\'=HYPERLINK(""x"")";3,7;2025-03-04;'  # never run as a formula
    assert lines[3] == "-3 degrés;150,0;;3"  # a leading minus before a digit is a number
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert back["puissance"].tolist() == [22.5, 3.7, 150.0]


def test_csv_in_english() -> None:
    data = charts.csv_bytes(ROWS, "en")
    assert not data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8").split("\r\n")
    assert lines[0] == "nom,puissance,mise_en_service,nombre"
    assert lines[1] == "Borne é,22.5,2025-01-02,1"


def test_a_missing_text_is_shown_as_a_dash_and_written_empty() -> None:
    frame = pd.DataFrame({"activite": pd.array(["café", None], dtype="string"), "n": [1.0, None]})
    types = {"activite": "string", "n": "integer"}
    shown = charts.shown_rows(frame, types)
    assert shown["activite"].tolist() == ["café", charts.MISSING]
    assert pd.isna(shown["n"].iloc[1])  # numbers stay numbers (sortable)
    assert frame["activite"].isna().iloc[1]  # the rows themselves are untouched
    assert charts.csv_bytes(frame, "fr").decode("utf-8-sig").split("\r\n")[2] == ";"


def test_typed_rows_keep_whole_numbers_whole() -> None:
    frame = pd.DataFrame({"n": [1.0, None], "x": [1.5, 2.0]})
    typed = charts.typed_rows(frame, {"n": "integer", "x": "number"})
    assert str(typed["n"].dtype) == "Int64" and typed["x"].tolist() == [1.5, 2.0]
    assert charts.csv_bytes(typed, "fr").decode("utf-8-sig").split("\r\n")[1] == "1;1,5"


# The specs are written by hand: Vega-Lite's own schema checks them, as Altair's validation
# did when the charts were Altair objects.


def _all_specs() -> dict[str, dict]:  # type: ignore[type-arg]
    rows = [(f"S{i}", d, float(i * 10 + (d == "OUT"))) for i in range(3) for d in ("IN", "OUT")]
    series = figure(
        result(pd.DataFrame(rows, columns=["site", "direction", "passages"]), "passages"),
        "direction",
        series="site",
    )
    days = pd.DataFrame({"day(t)": pd.date_range("2026-01-01", periods=40), "passages": [1.0] * 40})
    frame = pd.DataFrame({"hour_of_day(t)": [8, 9], "weekday(t)": [1, 2], "passages": [5.0, 7.0]})
    heat = heat_figure(frame, hidden=[True, False])
    hist = charts.histogram_frame(_hist(True, [False, True, False]), FR, "fr", "masqué")
    bars = figure(result(SITES, "passages"), "sites.site_name", sort="desc")
    return {
        "bar": charts.breakdown_spec(bars, "bar", "fr"),
        "horizontal bar": charts.breakdown_spec(bars, "bar", "en", horizontal=True),
        "line by day": charts.breakdown_spec(
            figure(result(days, "passages"), "day(t)"), "line", "fr"
        ),
        "stacked area": charts.breakdown_spec(series, "area", "fr", additive=True),
        "stacked bar": charts.breakdown_spec(series, "bar", "fr"),
        "lines": charts.breakdown_spec(series, "line", "en"),
        "heatmap": charts.heatmap_spec(heat, "fr"),
        "histogram": charts.histogram_spec(hist, 20.0, "Durée", "fr"),
    }


def test_every_spec_is_valid_vega_lite() -> None:
    for name, spec in _all_specs().items():
        assert not vega_lite_errors(spec), (name, vega_lite_errors(spec)[:3])


def test_the_schema_check_catches_a_broken_spec() -> None:
    spec = _all_specs()["bar"]
    spec["encoding"]["x"]["type"] = "categorical"  # not a Vega-Lite type
    assert vega_lite_errors(spec)
