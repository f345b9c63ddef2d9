"""`impact` view: what an experiment changed, said honestly (issue 13).

The effect in one sentence, the treated and control series with the intervention marked,
the estimate and its 95 % interval as a figure, the honesty checks with their verdicts,
the method in two sentences; a planned experiment (or one still short of data) shows its
design and the days of data left to collect. The numbers come from the engine through
`ctx.experiment` (views/context.py); the words from views/impact_text.py.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from datacites_proto.blueprint.base import Slug, field, tag
from datacites_proto.blueprint.experiments import units_condition, units_filters
from datacites_proto.blueprint.refs import Ref
from datacites_proto.views import impact_charts as charts
from datacites_proto.views import impact_text as words
from datacites_proto.views.base import View
from datacites_proto.views.charts.formats import value_format, value_title

if TYPE_CHECKING:
    from datacites_proto.blueprint.checks.context import CheckContext
    from datacites_proto.blueprint.experiments import Experiment
    from datacites_proto.engine.experiments.result import ExperimentResult
    from datacites_proto.errors import Loc
    from datacites_proto.views.context import RenderContext

_MARKDOWN = re.compile(r"([\\`*_\[\]<>#$|~])")


def md_escape(text: str) -> str:
    """Text shown as Markdown as it is written (a `$` or `_` of a title is no markup)."""
    return _MARKDOWN.sub(r"\\\1", text)


def datasets_read(ctx: CheckContext, experiment: Experiment) -> set[str]:
    """The datasets an experiment's estimate reads: its indicator's, and those its units name."""
    bp = ctx.blueprint
    found = (
        set(ctx.leaf_datasets(experiment.indicator))
        if experiment.indicator in bp.indicators
        else set()
    )
    for units in (experiment.treated, experiment.control):
        if units is None:
            continue
        condition = units_condition(units)
        if condition is not None:
            found |= {
                name
                for name in re.findall(r"\b([a-z][a-z0-9_]*)\.", condition)
                if name in bp.datasets
            }
        for filter_id in units_filters(units):
            spec = bp.filters.get(filter_id)
            if spec is not None:
                found.add(spec.dataset)
    return found


class ImpactView(View):
    """The measured effect of an experiment, its checks and its series."""

    doc_fr: ClassVar[str] = "L'effet mesuré d'une expérimentation, ses vérifications et ses séries."

    type: Literal["impact"] = tag("impact")
    experiment: Slug = field(
        fr="Identifiant de l'expérimentation montrée (clé de `experiments:`).",
        en="Id of the experiment shown (a key of `experiments:`).",
    )

    def references(self) -> list[Ref]:
        return [Ref("experiment", self.experiment, ("experiment",))]

    def check(self, ctx: CheckContext, loc: Loc) -> None:
        # The estimate reads a `shared` dataset as it is, without small-group protection:
        # its figures are for the team (the app refuses them to the public again at run time).
        experiment = ctx.blueprint.experiments.get(self.experiment)
        if experiment is None or len(loc) < 2 or loc[0] != "pages":
            return
        page = ctx.blueprint.pages[int(loc[1])]
        if page.access != "public":
            return
        shared = sorted(
            d
            for d in datasets_read(ctx, experiment)
            if ctx.blueprint.datasets[d].governance.access == "shared"
        )
        if shared:
            ctx.error(
                "impact_shared_on_public_page",
                (*loc, "experiment"),
                params={
                    "page": page.title,
                    "experiment": self.experiment,
                    "datasets": ", ".join(shared),
                },
            )

    def render(self, ctx: RenderContext, index: int) -> None:
        import streamlit as st

        experiment = ctx.blueprint.experiments[self.experiment]
        indicator_id = experiment.indicator
        label = ctx.indicator_label(indicator_id)
        st.header(self.title or experiment.title)
        if self.description:
            st.caption(self.description)
        result = ctx.experiment(self.experiment)

        def value_text(value: float) -> str:
            return ctx.format_indicator(indicator_id, value)

        sentence = words.effect_sentence(result, experiment, label, ctx.fmt, value_text)
        if not result.estimated:
            st.info(sentence)
            st.info(words.waiting_text(result, ctx.fmt), icon=":material/hourglass_empty:")
            self._design(ctx, experiment, label)
            if not result.series.empty:
                self._series(ctx, index, result, experiment, label)
            return
        kind = words.direction(result)
        if not result.trustworthy:
            # An info box, not a warning: honest doubt is what the view is for, not a
            # failure of the page (`datacites test` fails on warnings).
            st.info(md_escape(sentence), icon=":material/warning:")
        elif kind == "unclear":
            st.info(md_escape(sentence))
        else:
            st.markdown(f"**{md_escape(sentence)}**")
        if result.trustworthy:
            self._estimate(ctx, index, result, experiment, value_text)
        if result.days_needed:
            st.caption(words.waiting_text(result, ctx.fmt))
        self._series(ctx, index, result, experiment, label)
        self._checks(ctx, result)
        st.markdown(f"**{ctx.t('impact_method_title')}**")
        st.markdown(md_escape(words.method_text(result, experiment, ctx.lang)))
        for note in result.notes:
            st.caption(words.note_text(note.code, note.params, ctx.lang))
        with st.expander(ctx.t("impact_design_title")):
            st.markdown(
                "\n".join(
                    f"- {md_escape(line)}"
                    for line in words.design_lines(experiment, label, ctx.lang)
                )
            )

    def document(self, ctx: RenderContext, index: int) -> str:
        """The estimate in words, as the screen says it: the effect (or why it is not known
        yet), its checks, the method and the design; the charts stay online."""
        from datacites_proto.views import printing

        experiment = ctx.blueprint.experiments[self.experiment]
        indicator_id = experiment.indicator
        label = ctx.indicator_label(indicator_id)
        result = ctx.experiment(self.experiment)

        def value_text(value: float) -> str:
            return ctx.format_indicator(indicator_id, value)

        texts = [words.effect_sentence(result, experiment, label, ctx.fmt, value_text)]
        if not result.estimated or result.days_needed:
            texts.append(words.waiting_text(result, ctx.fmt))
        if result.estimated and result.trustworthy:
            texts.append(words.estimate_caption(result, ctx.fmt, value_text))
        body = printing.paragraphs(texts, "lead")
        if result.estimated:
            body += f"<h3>{printing.esc(ctx.t('impact_checks_title'))}</h3>"
            body += printing.list_items(
                [f"{line.mark} {line.text}" for line in words.check_lines(result, ctx.fmt)]
            )
            body += f"<h3>{printing.esc(ctx.t('impact_method_title'))}</h3>"
            body += printing.paragraphs([words.method_text(result, experiment, ctx.lang)], "text")
            body += printing.paragraphs(
                [words.note_text(n.code, n.params, ctx.lang) for n in result.notes]
            )
        body += f"<h3>{printing.esc(ctx.t('impact_design_title'))}</h3>"
        body += printing.list_items(words.design_lines(experiment, label, ctx.lang))
        body += printing.paragraphs([ctx.t("report_charts_online")])
        return printing.section(self.title or experiment.title, body, self.description)

    def _design(self, ctx: RenderContext, experiment: Experiment, label: str) -> None:
        import streamlit as st

        st.markdown(f"**{ctx.t('impact_design_title')}**")
        lines = words.design_lines(experiment, label, ctx.lang)
        st.markdown("\n".join(f"- {md_escape(line)}" for line in lines))

    def _checks(self, ctx: RenderContext, result: ExperimentResult) -> None:
        import streamlit as st

        st.markdown(f"**{ctx.t('impact_checks_title')}**")
        lines = words.check_lines(result, ctx.fmt)
        st.markdown("\n".join(f"- {line.mark} {md_escape(line.text)}" for line in lines))

    def _estimate(
        self,
        ctx: RenderContext,
        index: int,
        result: ExperimentResult,
        experiment: Experiment,
        value_text: Any,
    ) -> None:
        import streamlit as st

        from datacites_proto.views.charts import draw_chart

        spec = ctx.blueprint.indicators[experiment.indicator]
        per = ctx.t(f"impact_per_{result.grain}")
        percent = result.percent is not None
        expected = None
        if percent and experiment.expected is not None:
            sign = 1 if experiment.expected.direction == "up" else -1
            expected = sign * experiment.expected.min_effect
        data = charts.estimate_frame(result, ctx.fmt, value_text, expected)
        x_title = (
            ctx.t("impact_axis_percent")
            if percent
            else value_title(ctx.t("impact_axis_unit", per=per), spec.unit)
        )
        number_format = ".0%" if percent else value_format(spec.effective_format, spec.decimals)
        chart = charts.estimate_spec(result, data, ctx.lang, x_title, expected, number_format)
        expected_alt = ""
        if expected is not None:
            expected_alt = ctx.t(
                "impact_estimate_alt_expected",
                value=words.signed(ctx.fmt.percent(expected, 0), expected),
            )
        alt = ctx.t(
            "impact_estimate_alt",
            value=data[charts.VALUE_TEXT].iloc[0],
            low=data["interval"].iloc[0].split(" – ")[0],
            high=data["interval"].iloc[0].split(" – ")[1],
            expected=expected_alt,
        )
        st.markdown(f"**{ctx.t('impact_estimate_title')}**")
        draw_chart(chart, data, key=ctx.key(index, "estimate"), alt=alt)
        st.caption(words.estimate_caption(result, ctx.fmt, value_text))
        reached = result.expected_reached if result.trustworthy else None
        declared = words.expected_text(experiment, ctx.fmt, reached)
        if declared:
            st.caption(declared)

    def _series(
        self,
        ctx: RenderContext,
        index: int,
        result: ExperimentResult,
        experiment: Experiment,
        label: str,
    ) -> None:
        import streamlit as st

        from datacites_proto.views.charts import draw_chart, show_data_table

        if result.series.empty:
            st.caption(ctx.t("impact_no_series"))
            return
        spec = ctx.blueprint.indicators[experiment.indicator]
        names = {
            "treated": f"{ctx.t('impact_group_treated')} ({words.units_text(experiment.treated, ctx.lang)})"
        }
        if result.method == "did" and experiment.control is not None:
            names["control"] = (
                f"{ctx.t('impact_group_control')} ({words.units_text(experiment.control, ctx.lang)})"
            )

        def value_text(value: float) -> str:
            return ctx.format_indicator(experiment.indicator, value)

        data = charts.series_frame(result, names, ctx.fmt, value_text)
        scaled = charts.indexed(result)
        y_title = ctx.t("impact_index_axis") if scaled else value_title(spec.label, spec.unit)
        chart = charts.series_spec(result, data, names, ctx.lang, y_title, experiment.after_end)
        title = ctx.t(
            "impact_series_title" if "control" in names else "impact_series_title_its",
            indicator=label,
        )
        periods = result.series["period"]
        ending = (
            ctx.t("impact_series_alt_ending", date=words.long_date(experiment.after_end, ctx.lang))
            if experiment.after_end is not None
            else ""
        )
        groups = " ; ".join(names.values()) if ctx.lang == "fr" else "; ".join(names.values())
        alt = ctx.t(
            "impact_series_alt",
            indicator=label,
            each=ctx.t(f"impact_each_{result.grain}"),
            groups=groups,
            start=ctx.fmt.grain(periods.iloc[0], result.grain),
            end=ctx.fmt.grain(periods.iloc[-1], result.grain),
            date=words.long_date(experiment.after_start, ctx.lang),
            ending=ending,
        )
        st.markdown(f"**{md_escape(title)}**")
        draw_chart(chart, data, key=ctx.key(index, "series"), alt=alt)
        if scaled:
            st.caption(ctx.t("impact_index_caption"))
        show_data_table(ctx, index, charts.data_table(result, names, ctx.fmt), title)
