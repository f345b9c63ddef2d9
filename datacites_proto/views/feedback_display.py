"""What the team's feedback summary shows, without Streamlit: the ratings chart's spec, a few
ratings told day by day, and the comments as readable columns (page titles, filter labels,
one column per question)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from datacites_proto.blueprint.filters import DATE_PRESETS
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.views.charts import (
    MAX_TICKS,
    OKABE_ITO,
    clause_separator,
    field_channel,
    tick_values,
    vega_spec,
)

if TYPE_CHECKING:
    from datacites_proto.blueprint.model import Blueprint
    from datacites_proto.views.feedback import Question

# Below this many ratings, or on a single day, bars say less than a sentence: one bar of
# three ratings fills the chart. The ratings are then listed day by day.
FEW_RATINGS = 5
DAY_FORMAT = "%-d %b %Y"  # « 7 déc. 2026 »: day first, in the chart's locale

Texts = Callable[..., str]  # ctx.t: a message in the service's language


def few_ratings(ratings_by_day: Sequence[tuple[str, int, int]]) -> bool:
    """Whether the ratings are too few, or on too few days, to be worth a chart."""
    days = {day for day, _, _ in ratings_by_day}
    return sum(n for _, _, n in ratings_by_day) < FEW_RATINGS or len(days) <= 1


def day_lines(
    ratings_by_day: Sequence[tuple[str, int, int]], fmt: Formatter, t: Texts
) -> list[str]:
    """One sentence a day, oldest first: `7 déc. 2026 : 5 sur 5 : 2 avis, 3 sur 5 : 1 avis`."""
    by_day: dict[str, list[tuple[int, int]]] = {}
    for day, rating, count in sorted(ratings_by_day, key=lambda r: (r[0], -r[1])):
        by_day.setdefault(day, []).append((rating, count))
    return [
        t(
            "summary_day_ratings",
            date=fmt.date(day),
            parts=", ".join(
                t("summary_rating_part", rating=r, count=fmt.number(n)) for r, n in ratings
            ),
        )
        for day, ratings in by_day.items()
    ]


def ratings_spec(frame: pd.DataFrame, lang: str, titles: Mapping[str, str]) -> dict[str, Any]:
    """Bars of the ratings received each day (`frame`: day, rating, count), stacked by
    rating: whole counts on the value axis, days named in the locale's order and once."""
    days = pd.date_range(frame["day"].min(), frame["day"].max(), freq="D")
    day, count, rating = titles["day"], titles["count"], titles["rating"]
    x_axis = {
        "format": DAY_FORMAT,
        "labelAngle": 0,
        "labelOverlap": True,
        # A tick on each day (at most MAX_TICKS): Vega's own ticks fell between days and
        # repeated a day's label at every hour.
        "values": [
            {**tick, "hours": 12} for tick in tick_values(list(days), MAX_TICKS)
        ],  # at noon: each label under the middle of its day's bar
    }
    encoding = {
        "x": field_channel("day", "temporal", day, timeUnit="yearmonthdate", axis=x_axis),
        "y": field_channel(
            "count",
            "quantitative",
            count,
            aggregate="sum",
            axis={"format": ",d", "tickMinStep": 1},
        ),
        "color": field_channel(
            "rating",
            "ordinal",
            rating,
            scale={"domain": [1, 2, 3, 4, 5], "range": list(OKABE_ITO[:5])},
            legend={"orient": "bottom"},
        ),
        "tooltip": [
            field_channel("day", "temporal", day, timeUnit="yearmonthdate", format=DAY_FORMAT),
            field_channel("rating", "ordinal", rating),
            field_channel("count", "quantitative", count, format=",d"),
        ],
    }
    return vega_spec({"type": "bar"}, encoding, lang, len(frame))


def page_titles(blueprint: Blueprint) -> dict[str, str]:
    """Each page's title by the slug the store records."""
    return {page.url_slug: page.title for page in blueprint.pages}


def filter_labels(blueprint: Blueprint) -> dict[str, str]:
    """Each filter's name as the page shows it, by id: its label, else its column's."""
    labels = {}
    for fid, spec in blueprint.filters.items():
        dataset = blueprint.datasets.get(spec.dataset)
        column = dataset.columns.get(spec.column_name) if dataset else None
        labels[fid] = spec.label or (column.label if column and column.label else None) or fid
    return labels


def _cell(value: Any, fmt: Formatter) -> str:
    """A stored value as people read it: `Gare, Port`, `12,5`, `7 déc. 2026`."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return fmt.number(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v, fmt) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {_cell(v, fmt)}" for k, v in value.items())
    text = str(value)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return text
    return fmt.date(day)


def _filter_value(value: Any, fmt: Formatter, t: Texts) -> str:
    """A period preset by its name (`30 derniers jours`), any other value as a cell."""
    if isinstance(value, str) and value in DATE_PRESETS:
        return t(f"preset_{value}")
    return _cell(value, fmt)


def filters_text(
    filters: Mapping[str, Any] | None, labels: Mapping[str, str], fmt: Formatter, t: Texts
) -> str:
    """The filters a visitor had set, named by their labels: `Lieu : Gare ; Période : …`."""
    parts = [
        t("summary_filter_part", label=labels.get(fid, fid), values=_filter_value(value, fmt, t))
        for fid, value in (filters or {}).items()
        if value not in (None, "", [])
    ]
    return clause_separator(fmt.lang).join(parts)


def unique_questions(questions: Iterable[Question]) -> list[Question]:
    """The questions of every feedback view, each id once (the first one asked)."""
    seen: dict[str, Question] = {}
    for question in questions:
        seen.setdefault(question.id, question)
    return list(seen.values())


def _headers(questions: Sequence[Question], taken: set[str]) -> list[str]:
    """A column header per question: its text, with its id when two texts are alike."""
    headers = []
    for question in questions:
        header = question.text
        if header in taken:
            header = f"{question.text} ({question.id})"
        taken.add(header)
        headers.append(header)
    return headers


def comments_table(
    rows: Sequence[Mapping[str, Any]],
    questions: Sequence[Question],
    *,
    pages: Mapping[str, str],
    labels: Mapping[str, str],
    fmt: Formatter,
    t: Texts,
) -> pd.DataFrame:
    """The feedback as the team reads it: date, page title, rating, comment, filters in
    words and one column per question, never raw JSON."""
    table = pd.DataFrame(
        {
            t("summary_col_date"): pd.to_datetime([r["created_at"] for r in rows]),
            t("summary_col_page"): [pages.get(r["page"], r["page"]) for r in rows],
            t("summary_col_rating"): pd.array([r["rating"] for r in rows], dtype="Int64"),
            t("summary_col_comment"): [r["comment"] or "" for r in rows],
            t("summary_col_filters"): [filters_text(r["filters"], labels, fmt, t) for r in rows],
        }
    )
    for question, header in zip(questions, _headers(questions, set(table.columns)), strict=True):
        table[header] = [_cell((r["answers"] or {}).get(question.id), fmt) for r in rows]
    return table


def usage_pages(
    page_views: Sequence[tuple[str, int]], pages: Mapping[str, str]
) -> list[tuple[str, int]]:
    """Views per page, named by the page's title (a page since removed keeps its slug)."""
    return [(pages.get(slug, slug), n) for slug, n in page_views]
