"""Colours, limits and frame columns shared by the chart helpers."""

from __future__ import annotations

# Okabe & Ito's palette ("Color Universal Design", 2008): its colours stay apart for every
# common colour-vision deficiency. Ordered for contrast on white: yellow and black last.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#000000",  # black
)
SINGLE_COLOUR = OKABE_ITO[0]  # one series: a blue with a 5.1:1 contrast on white
MAX_SERIES = len(OKABE_ITO)  # beyond it colours would repeat: the largest series are kept
SEQUENTIAL_SCHEME = "viridis"  # perceptually uniform, readable in grey and by colour-blind people
HIDDEN_COLOUR = "#D9D9D9"  # hidden heatmap cells: a light grey outside the viridis range
TEMPORAL_GRAINS = ("hour", "day", "week", "month", "year")
ADDITIVE = ("count", "count_distinct", "sum")  # a missing group of these measures is a zero
HIDDEN_LISTED = 10  # hidden cells named one by one in the caption, then "and N more"
MAX_NAMED_CATEGORIES = 40  # beyond it, Vega thins a category axis's labels out
MAX_TICKS = 12  # labelled ticks on a time axis

# Columns of the frames handed to Vega-Lite (plain names: dots and brackets need escaping).
X, X_TEXT, SERIES, SERIES_TEXT = "x", "x_text", "series", "series_text"
VALUE, VALUE_TEXT, HIDDEN = "value", "value_text", "hidden"
