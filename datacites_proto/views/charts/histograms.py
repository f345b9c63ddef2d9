"""A histogram's intervals, frame and Vega-Lite spec."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from datacites_proto.i18n import translate
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.views.charts.constants import HIDDEN, SINGLE_COLOUR
from datacites_proto.views.charts.vega import field_channel, vega_spec

if TYPE_CHECKING:
    from datacites_proto.engine.histogram import Histogram


def interval_texts(hist: Histogram, fmt: Formatter, lang: str) -> list[str]:
    """Each bin as people read it: `de 10 à moins de 20`, whole numbers `de 10 à 19`."""
    frame = hist.frame
    width = hist.width
    texts = []
    last = len(frame) - 1
    for i, (low, high) in enumerate(zip(frame["start"], frame["end"], strict=True)):
        if hist.integer and width == 1:
            texts.append(fmt.number(low))
        elif hist.integer:
            top = high if i == last else high - 1
            texts.append(
                translate(
                    "histogram_interval_closed", lang, low=fmt.number(low), high=fmt.number(top)
                )
            )
        elif i == last:
            texts.append(
                translate(
                    "histogram_interval_closed", lang, low=fmt.number(low), high=fmt.number(high)
                )
            )
        else:
            texts.append(
                translate("histogram_interval", lang, low=fmt.number(low), high=fmt.number(high))
            )
    return texts


def histogram_frame(hist: Histogram, fmt: Formatter, lang: str, hidden_text: str) -> pd.DataFrame:
    """The bins for Vega-Lite: edges, counts (missing when hidden) and their texts."""
    frame = hist.frame
    hidden = frame["hidden"].astype(bool).to_numpy()
    counts = frame["n"].astype("float64").where(~frame["hidden"].astype(bool))
    return pd.DataFrame(
        {
            "start": frame["start"].astype("float64"),
            "end": frame["end"].astype("float64"),
            "n": counts,
            "interval": interval_texts(hist, fmt, lang),
            "n_text": [
                hidden_text if h else fmt.number(n) for n, h in zip(frame["n"], hidden, strict=True)
            ],
            HIDDEN: hidden,
        }
    )


def histogram_spec(
    data: pd.DataFrame, width: float, column_title: str, lang: str
) -> dict[str, Any]:
    """Bars over pre-computed bins (Vega-Lite draws them, it does not bin again)."""
    count_title = translate("histogram_count", lang)
    span = [float(data["start"].iloc[0]), float(data["end"].iloc[-1])]
    encoding = {
        "x": field_channel(
            "start",
            "quantitative",
            column_title,
            bin={"binned": True, "step": width},
            # Every bin on the axis, hidden ones too (Vega would drop their empty bars).
            scale={"domain": span},
            axis={"format": ",~f"},
        ),
        "x2": {"field": "end"},
        "y": field_channel(
            "n", "quantitative", count_title, axis={"format": ",.0f", "tickMinStep": 1}
        ),
        "tooltip": [
            field_channel("interval", "nominal", column_title),
            field_channel("n_text", "nominal", count_title),
        ],
    }
    mark = {"type": "bar", "color": SINGLE_COLOUR, "binSpacing": 1}
    return vega_spec(mark, encoding, lang, len(data))
