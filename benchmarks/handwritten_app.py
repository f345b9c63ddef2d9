"""The baseline of `bench_app.py`: the footfall page as a Streamlit user writes it by hand.

The Parquet file and the two CSV files are read and merged once (`st.cache_data`, which
hands every rerun its own copy of the frame); every rerun then filters with pandas and
computes the page again: the two KPIs compared with the previous period, passages per day
(line), per site (bar), hour × weekday (heatmap), and a pydeck map of the sites sized by
passages. The sidebar has the same filters as the generated app: « Période » (the same
presets, counted back from the latest day in the data) and « Lieu ».

    streamlit run benchmarks/handwritten_app.py -- DATA_FOLDER
"""

from __future__ import annotations

import sys
from pathlib import Path

import altair as alt
import pandas as pd
import pydeck as pdk
import streamlit as st

DATA = Path(sys.argv[1] if len(sys.argv) > 1 else "data")
PRESETS = {
    "7 derniers jours": 7,
    "30 derniers jours": 30,
    "90 derniers jours": 90,
    "12 derniers mois": "12m",
    "Toute la période": None,
}
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


@st.cache_data
def load_data() -> pd.DataFrame:
    measures = pd.read_parquet(DATA / "measures.parquet")
    channels = pd.read_csv(DATA / "channels.csv", sep=";")
    sites = pd.read_csv(DATA / "sites.csv", sep=";")
    return measures.merge(channels, on="channel_id", how="left").merge(
        sites, on="site_id", how="left"
    )


@st.cache_data
def load_sites() -> pd.DataFrame:
    return pd.read_csv(DATA / "sites.csv", sep=";")


def number(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f")


def period(choice: str, latest: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """[start, end) of the chosen preset, counted back from the latest day; None = all."""
    days = PRESETS[choice]
    if days is None:
        return None
    end = latest + pd.Timedelta(days=1)
    start = latest - pd.DateOffset(years=1) + pd.Timedelta(days=1) if days == "12m" else None
    if start is None:
        start = end - pd.Timedelta(days=days)
    return start, end


st.set_page_config(page_title="Cœur de ville vivant", page_icon="🏙️", layout="wide")
df = load_data()
sites = load_sites()

with st.sidebar:
    st.markdown("**Cœur de ville vivant**")
    st.subheader("Filtres")
    choice = st.selectbox("Période", list(PRESETS), index=2)
    chosen_sites = st.multiselect("Lieu", sorted(sites["site_name"]), placeholder="Tous")

st.title("Fréquentation")

latest = df["start_datetime"].max().normalize()
bounds = period(choice, latest)
in_sites = df["site_name"].isin(chosen_sites) if chosen_sites else True
if bounds is None:
    current = df[in_sites] if chosen_sites else df
    previous = None
else:
    start, end = bounds
    length = end - start
    current = df[in_sites & (df["start_datetime"] >= start) & (df["start_datetime"] < end)]
    previous = df[
        in_sites & (df["start_datetime"] >= start - length) & (df["start_datetime"] < start)
    ]

for label, mobility in (("Passages piétons", "PEDESTRIAN"), ("Passages à vélo", "BIKE")):
    value = current.loc[current["mobility_type"] == mobility, "count"].sum()
    delta = None
    if previous is not None:
        before = previous.loc[previous["mobility_type"] == mobility, "count"].sum()
        if before:
            delta = f"{(value - before) / before:+.1%}"
    st.metric(label, f"{number(value)} passages", delta=delta, border=True)
    if previous is not None:
        first = (start - length).strftime("%d/%m/%Y")
        last = (start - pd.Timedelta(days=1)).strftime("%d/%m/%Y")
        st.caption(f"Par rapport à {number(before)} passages du {first} au {last}.")

walkers = current[current["mobility_type"] == "PEDESTRIAN"]

st.subheader("Passages par jour")
per_day = walkers.groupby(walkers["start_datetime"].dt.normalize())["count"].sum()
st.line_chart(per_day.rename("Passages piétons"))

st.subheader("Passages par lieu")
per_site = walkers.groupby("site_name")["count"].sum().sort_values(ascending=False)
st.bar_chart(per_site.rename("Passages piétons"), horizontal=True, sort="-Passages piétons")

st.subheader("Les heures d'affluence")
stamps = walkers["start_datetime"]
heat = (
    walkers.groupby([stamps.dt.hour.rename("heure"), stamps.dt.day_of_week.rename("jour")])["count"]
    .sum()
    .reset_index()
)
heat["jour"] = heat["jour"].map(dict(enumerate(WEEKDAYS)))
st.altair_chart(
    alt.Chart(heat)
    .mark_rect()
    .encode(
        x=alt.X("heure:O", title="Heure"),
        y=alt.Y("jour:O", sort=WEEKDAYS, title="Jour"),
        color=alt.Color("count:Q", title="Passages piétons"),
        tooltip=["jour", "heure", "count"],
    ),
    width="stretch",
)

st.subheader("Les lieux de comptage")
on_map = sites.merge(per_site.rename("passages").reset_index(), on="site_name", how="left")
on_map["passages"] = on_map["passages"].fillna(0)
on_map["radius"] = 20 + 80 * (on_map["passages"] / max(on_map["passages"].max(), 1)) ** 0.5
st.pydeck_chart(
    pdk.Deck(
        layers=[
            pdk.Layer(
                "ScatterplotLayer",
                data=on_map[["site_name", "xlong", "ylat", "passages", "radius"]],
                get_position=["xlong", "ylat"],
                get_radius="radius",
                get_fill_color=[0, 99, 203, 180],
                pickable=True,
            )
        ],
        initial_view_state=pdk.ViewState(
            longitude=sites["xlong"].mean(), latitude=sites["ylat"].mean(), zoom=14
        ),
        map_provider=None,
        map_style=None,
        tooltip={"text": "{site_name}\n{passages} passages"},
    ),
    height=500,
)
