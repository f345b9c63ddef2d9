"""What the chart views share, one module a job: palette and limits (`constants`),
Vega-Lite locale and formats (`formats`), axes (`axes`), figures (`figures`), specs
(`vega`, `histograms`), text alternatives (`text_alternative`), captions (`notes`), the
accessible data table and the CSV export (`tables`) and the Streamlit side (`drawing`).

Everything but the `draw_*` and `show_*` functions is pure (no Streamlit), so that the
specs, sentences and files can be tested without running an app.
"""

from __future__ import annotations

from datacites_proto.i18n.formatting import MISSING
from datacites_proto.views.charts.axes import (
    Key,
    key_kind,
    key_plot_values,
    key_texts,
    make_key,
)
from datacites_proto.views.charts.chart import Chart
from datacites_proto.views.charts.constants import (
    ADDITIVE,
    HIDDEN,
    HIDDEN_COLOUR,
    HIDDEN_LISTED,
    MAX_NAMED_CATEGORIES,
    MAX_SERIES,
    MAX_TICKS,
    OKABE_ITO,
    SEQUENTIAL_SCHEME,
    SERIES,
    SERIES_TEXT,
    SINGLE_COLOUR,
    TEMPORAL_GRAINS,
    VALUE,
    VALUE_TEXT,
    X_TEXT,
    X,
)
from datacites_proto.views.charts.drawing import (
    breakdown_chart,
    breakdown_key,
    draw_breakdown,
    draw_chart,
    indicator_column_enum,
    indicator_column_label,
    kept_chart,
    show_chart,
    show_data_table,
    show_heading,
)
from datacites_proto.views.charts.figures import (
    Figure,
    breakdown_figure,
)
from datacites_proto.views.charts.formats import (
    clause_separator,
    lower_first,
    of_phrase,
    time_format,
    value_format,
    value_title,
    vega_locale,
)
from datacites_proto.views.charts.histograms import (
    histogram_frame,
    histogram_spec,
    interval_texts,
)
from datacites_proto.views.charts.notes import (
    figure_table,
    hidden_cells,
    hidden_note,
    protection_notes,
)
from datacites_proto.views.charts.tables import (
    DATE_FORMATS,
    column_config,
    csv_bytes,
    shown_rows,
    typed_rows,
)
from datacites_proto.views.charts.text_alternative import (
    both_phrases,
    breakdown_alt,
    cell_name,
    chart_title,
    histogram_alt,
    limited_text,
)
from datacites_proto.views.charts.vega import (
    DATA_NAME,
    MAX_LINE_POINTS,
    VEGA_LITE_SCHEMA,
    breakdown_spec,
    field_channel,
    heatmap_spec,
    tick_values,
    vega_spec,
)

__all__ = [
    "ADDITIVE",
    "DATA_NAME",
    "DATE_FORMATS",
    "HIDDEN",
    "HIDDEN_COLOUR",
    "HIDDEN_LISTED",
    "MAX_LINE_POINTS",
    "MAX_NAMED_CATEGORIES",
    "MAX_SERIES",
    "MAX_TICKS",
    "MISSING",
    "OKABE_ITO",
    "SEQUENTIAL_SCHEME",
    "SERIES",
    "SERIES_TEXT",
    "SINGLE_COLOUR",
    "TEMPORAL_GRAINS",
    "VALUE",
    "VALUE_TEXT",
    "VEGA_LITE_SCHEMA",
    "X_TEXT",
    "Chart",
    "Figure",
    "Key",
    "X",
    "both_phrases",
    "breakdown_alt",
    "breakdown_chart",
    "breakdown_figure",
    "breakdown_key",
    "breakdown_spec",
    "cell_name",
    "chart_title",
    "clause_separator",
    "column_config",
    "csv_bytes",
    "draw_breakdown",
    "draw_chart",
    "field_channel",
    "figure_table",
    "heatmap_spec",
    "hidden_cells",
    "hidden_note",
    "histogram_alt",
    "histogram_frame",
    "histogram_spec",
    "indicator_column_enum",
    "indicator_column_label",
    "interval_texts",
    "kept_chart",
    "key_kind",
    "key_plot_values",
    "key_texts",
    "limited_text",
    "lower_first",
    "make_key",
    "of_phrase",
    "protection_notes",
    "show_chart",
    "show_data_table",
    "show_heading",
    "shown_rows",
    "tick_values",
    "time_format",
    "typed_rows",
    "value_format",
    "value_title",
    "vega_locale",
    "vega_spec",
]
