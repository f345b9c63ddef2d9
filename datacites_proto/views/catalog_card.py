"""One dataset's card in the `catalog` view: what it is, whether it is fresh, what it
covers, its columns and agreement, and the download of open data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from datacites_proto.blueprint.agreement_files import agreement_file
from datacites_proto.engine import governance
from datacites_proto.engine.query_errors import QueryError
from datacites_proto.errors import DataCitesError
from datacites_proto.views import catalog_facts as facts

if TYPE_CHECKING:
    from datacites_proto.blueprint.datasets import Dataset
    from datacites_proto.blueprint.governance import Agreement
    from datacites_proto.views.context import RenderContext

# The most rows one download holds: a service's whole open data, within reason.
DOWNLOAD_LIMIT = 1_000_000


@dataclass(frozen=True)
class Standing:
    """What the page's audience may learn of a dataset beyond its description."""

    agreement: Agreement | None
    withheld: str | None = None  # why the public sees none of the data (None: it does)
    team_notice: str | None = None  # what the team is warned of (an agreement that ended)


def standing(ctx: RenderContext, dataset: str) -> Standing | None:
    """The dataset's standing for this audience; None when it may not even be named."""
    spec = ctx.blueprint.datasets.get(dataset)
    if spec is None:
        return None
    withheld = None
    try:
        governance.check_aggregate(ctx.blueprint, [dataset], audience=ctx.audience)
    except QueryError as exc:
        # Restricted data refused to this audience: it is not even told the data exists,
        # whichever refusal the engine gave first (an ended agreement's included).
        if exc.code == "rows_not_allowed" or spec.governance.access == "restricted":
            return None
        # Any other refusal (an agreement that ended or forbids publication) is said as
        # the engine says it, like every view of that data says it.
        withheld = exc.message(ctx.lang)
    found = agreement_file(ctx.blueprint, dataset)
    notice = None
    if governance.is_team(ctx.audience):
        held = governance.withheld(ctx.blueprint, dataset)
        if held is not None and held.reason == "ended":
            notice = ctx.t("agreement_ended_team", **held.params())
    return Standing(found.agreement if found else None, withheld, notice)


def _cell(text: Any) -> str:
    """A value written in a Markdown table cell (pipes and line breaks would break it)."""
    return " ".join(str(text).split()).replace("|", "\\|") if text not in (None, "") else "—"


def _fact(ctx: RenderContext, name: str, value: str) -> str:
    return "- " + ctx.t("catalog_fact", name=ctx.t(name), value=value)


def _licence(ctx: RenderContext, licence: str) -> str:
    name = ctx.t(f"licence_{licence.replace('-', '_').replace('.', '_')}")
    url = facts.licence_url(licence, ctx.lang)
    if url is None:
        return name
    # The link says where it goes, not « here ».
    text = ctx.t("catalog_licence_link", licence=name, site=facts.LICENCE_SITES[licence])
    return f"[{text}]({url})"


def _summary(ctx: RenderContext, spec: Dataset) -> list[str]:
    gov = spec.governance
    lines = [
        _fact(ctx, "catalog_producer", gov.producer or ctx.t("catalog_producer_unknown")),
        _fact(ctx, "catalog_licence", _licence(ctx, gov.licence)),
        _fact(
            ctx,
            "catalog_access",
            ctx.t(f"catalog_access_{gov.access}", size=ctx.fmt.number(gov.group_size)),
        ),
        _fact(
            ctx,
            "catalog_updated",
            ctx.fmt.date(gov.updated) if gov.updated else ctx.t("catalog_updated_unknown"),
        ),
    ]
    if gov.update_frequency:
        lines.append(
            _fact(ctx, "catalog_frequency", ctx.t(f"catalog_frequency_{gov.update_frequency}"))
        )
    return lines


def _freshness(ctx: RenderContext, spec: Dataset, today: dt.date) -> None:
    import streamlit as st

    gov = spec.governance
    state = facts.freshness(gov.updated, gov.update_frequency, today)
    if state is None:
        return
    due = ctx.fmt.date(state.due)
    if state.late:
        st.warning(
            ctx.t("catalog_late", due=due, days=ctx.fmt.number(state.days_late)),
            icon=":material/schedule:",
        )
    else:
        st.caption(ctx.t("catalog_on_time", due=due))


def _try(call: Any, *args: Any) -> Any:
    """A governed read, or None when governance or the data refuses it."""
    try:
        return call(*args)
    except DataCitesError:
        return None


def _types(ctx: RenderContext, dataset: str, spec: Dataset) -> dict[str, str | None]:
    """Every column and its type, from the data; the declared ones when it cannot load."""
    table = _try(ctx.service.table, dataset)
    if table is not None:
        return dict(table.columns)
    return {name: column.type for name, column in spec.columns.items()}


def _coverage(
    ctx: RenderContext, dataset: str, spec: Dataset, types: dict[str, str | None]
) -> list[str]:
    fmt = ctx.fmt
    personal = set(spec.governance.personal)
    lines: list[str] = []
    geometry = spec.geometry
    if geometry is not None and geometry.lon and geometry.lat:
        lon = _try(ctx.bounds, dataset, geometry.lon)
        lat = _try(ctx.bounds, dataset, geometry.lat)
        if lon and lat and None not in (*lon, *lat):
            lines.append(
                ctx.t(
                    "catalog_bbox",
                    west=fmt.number(lon[0], 3),
                    east=fmt.number(lon[1], 3),
                    south=fmt.number(lat[0], 3),
                    north=fmt.number(lat[1], 3),
                )
            )
    for column in facts.insee_columns(types):
        if column in personal:
            continue
        values = _try(ctx.distinct, dataset, column)
        count = facts.commune_count(values or ())
        if count:
            code = "catalog_communes_one" if count == 1 else "catalog_communes"
            lines.append(ctx.t(code, count=fmt.number(count), column=column))
    territory = ctx.blueprint.service.territory
    if not lines and territory is not None:
        name = (
            ctx.t("catalog_territory_code", name=territory.name, code=territory.insee)
            if territory.insee
            else territory.name
        )
        lines.append(ctx.t("catalog_territory", name=name))
    for column in facts.date_columns(types):
        if column in personal:
            continue
        low, high = _try(ctx.bounds, dataset, column) or (None, None)
        if low is None or high is None:
            continue
        lines.append(
            ctx.t(
                "catalog_period",
                column=ctx.column_label(dataset, column),
                start=fmt.date(low),
                end=fmt.date(high),
            )
        )
    return lines


def _dictionary(
    ctx: RenderContext, dataset: str, spec: Dataset, types: dict[str, str | None]
) -> None:
    import streamlit as st

    personal = set(spec.governance.personal)
    team = governance.is_team(ctx.audience)
    units = facts.column_units(ctx.blueprint, dataset)
    headers = [
        ctx.t(code)
        for code in (
            "catalog_col_name",
            "catalog_col_label",
            "catalog_col_type",
            "catalog_col_unit",
            "catalog_col_description",
        )
    ]
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    hidden = 0
    for name, kind in types.items():
        if name in personal and not team:
            hidden += 1  # said to exist, never named on a public page
            continue
        declared = spec.columns.get(name)
        label = declared.label if declared and declared.label else None
        if name in personal:
            label = f"{label or name} ({ctx.t('catalog_personal_mark')})"
        kind_text = ctx.t(f"catalog_type_{kind}") if kind else ctx.t("catalog_type_unknown")
        if kind and kind_text == f"catalog_type_{kind}":  # a type the catalogue does not name
            kind_text = kind
        description = declared.description if declared else None
        cells = [_cell(v) for v in (label, kind_text, units.get(name), description)]
        lines.append("| " + " | ".join([f"`{name}`", *cells]) + " |")
    st.markdown(f"#### {ctx.t('catalog_columns')}")
    st.markdown("\n".join(lines))
    if hidden:
        st.caption(ctx.t("catalog_personal_withheld", count=ctx.fmt.number(hidden)))
    elif team and personal:
        st.caption(ctx.t("catalog_personal_team", columns=", ".join(sorted(personal))))


def _agreement(ctx: RenderContext, spec: Dataset, agreement: Agreement | None) -> None:
    import streamlit as st

    if not spec.governance.agreement:
        return
    st.markdown(
        f"#### {agreement.title if agreement and agreement.title else ctx.t('catalog_agreement')}"
    )
    if agreement is None:
        st.caption(ctx.t("catalog_agreement_unreadable"))
        return
    fmt = ctx.fmt
    parties = [
        ctx.t(
            "catalog_party_siren" if party.siren else "catalog_party",
            name=party.name,
            siren=party.siren or "",
            role=ctx.t(f"catalog_role_{party.role}"),
        )
        for party in agreement.parties
    ]
    dates = (
        ctx.t("catalog_dates_range", start=fmt.date(agreement.start), end=fmt.date(agreement.end))
        if agreement.end
        else ctx.t("catalog_dates_open", start=fmt.date(agreement.start))
    )
    size = agreement.min_group_size or spec.governance.group_size
    publication = "catalog_publication_yes" if agreement.publication else "catalog_publication_no"
    lines = [
        _fact(
            ctx, "catalog_parties", " ; ".join(parties) if ctx.lang == "fr" else "; ".join(parties)
        ),
        _fact(ctx, "catalog_purpose", agreement.purpose),
        _fact(ctx, "catalog_dates", dates),
        _fact(ctx, "catalog_threshold", ctx.t("catalog_threshold_value", size=fmt.number(size))),
        _fact(ctx, "catalog_publication", ctx.t(publication)),
    ]
    if agreement.retention_days is not None:
        days = ctx.t("catalog_retention_days", days=fmt.number(agreement.retention_days))
        lines.append(_fact(ctx, "catalog_retention", days))
    st.markdown("\n".join(lines))


def _download(ctx: RenderContext, dataset: str, title: str, key: str) -> None:
    import streamlit as st

    from datacites_proto.views import charts

    service, lang, audience = ctx.service, ctx.lang, ctx.audience

    def make() -> bytes:
        # Made only when clicked, from the engine's governed rows: the whole dataset, no
        # page filter, never a personal column, never the source file itself.
        rows = service.rows(dataset, limit=DOWNLOAD_LIMIT, audience=audience)
        return charts.csv_bytes(rows, lang)

    st.download_button(
        ctx.t("catalog_download", title=title),
        data=make,
        file_name=f"{dataset}.csv",
        mime="text/csv",
        key=key,
        on_click="ignore",
        icon=":material/download:",
        help=ctx.t("catalog_download_help"),
    )


def show(
    ctx: RenderContext,
    dataset: str,
    standing: Standing,
    *,
    today: dt.date,
    columns: bool,
    download_key: str | None,
) -> None:
    """Draw one dataset's card (headings: the dataset h3, its sections h4)."""
    import streamlit as st

    spec = ctx.blueprint.datasets[dataset]
    title = spec.title or dataset
    st.subheader(title)
    if spec.description:
        st.markdown(spec.description)
    st.markdown("\n".join(_summary(ctx, spec)))
    _freshness(ctx, spec, today)
    if standing.team_notice is not None:
        st.warning(standing.team_notice, icon=":material/warning:")
    if standing.withheld is not None:
        st.warning(ctx.t("catalog_withheld", reason=standing.withheld), icon=":material/lock:")
        _agreement(ctx, spec, standing.agreement)
        return
    types = _types(ctx, dataset, spec)
    coverage = _coverage(ctx, dataset, spec, types)
    st.markdown(f"#### {ctx.t('catalog_coverage')}")
    if coverage:
        st.markdown("\n".join(f"- {line}" for line in coverage))
    else:
        st.caption(ctx.t("catalog_coverage_unknown"))
    if columns:
        _dictionary(ctx, dataset, spec, types)
    _agreement(ctx, spec, standing.agreement)
    if download_key is not None and spec.governance.access == "open":
        _download(ctx, dataset, title, download_key)
