"""`feedback_summary` view: what citizens said, for the team."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from datacites_proto.blueprint.base import Slug, field, tag
from datacites_proto.views.base import View

if TYPE_CHECKING:
    from datacites_proto.blueprint.checks.context import CheckContext
    from datacites_proto.blueprint.experiments import Experiment
    from datacites_proto.errors import Loc
    from datacites_proto.store import Store, Summary
    from datacites_proto.store.store import Window
    from datacites_proto.views.context import RenderContext
    from datacites_proto.views.feedback import Question

PHASES = ("all", "before", "after")
PAGE_SIZE = 50  # feedback entries per page of the list; the team pages through all of them
REFUSALS_DAYS = 30  # the team is told of the submissions the limits refused in these days

# Citizen text is only ever shown through st.dataframe and st.metric, which display it as
# text: never through st.markdown, where `<script>` or `[lien](…)` would be interpreted.


class FeedbackSummaryView(View):
    """Ratings, comments, answers and usage, for a team page."""

    doc_fr: ClassVar[str] = "Notes, commentaires, réponses et usages, pour une page d'équipe."

    type: Literal["feedback_summary"] = tag("feedback_summary")
    # Citizens' comments are for the team: a summary on a public page would publish them.
    team_only: ClassVar[bool] = True
    team_only_code: ClassVar[str] = "feedback_summary_on_public_page"

    experiment: Slug | None = field(
        None,
        fr=(
            "Identifiant d'une expérimentation : l'équipe peut alors ne lire que les avis "
            "envoyés avant ou après son intervention."
        ),
        en=(
            "Id of an experiment: the team can then read only the feedback sent before or "
            "after its intervention."
        ),
    )

    def check(self, ctx: CheckContext, loc: Loc) -> None:
        experiments = ctx.blueprint.experiments
        if self.experiment is not None and self.experiment not in experiments:
            ctx.unknown(
                "feedback_phase_unknown_experiment",
                (*loc, "experiment"),
                self.experiment,
                sorted(experiments),
            )

    def document(self, ctx: RenderContext, index: int) -> str:
        """A team's view: the council report, made of public pages, leaves it out."""
        from datacites_proto.views import printing

        return printing.section(self.title, printing.paragraphs([ctx.t("report_team_view")]))

    def render(self, ctx: RenderContext, index: int) -> None:
        import streamlit as st

        if self.title:
            st.header(self.title)
        if ctx.audience != "team":
            st.info(ctx.t("summary_team_only"), icon=":material/lock:")
            return
        store = ctx.feedback_store()
        service_id = ctx.blueprint.service.id
        window = self._phase(ctx, index)
        summary = store.summary(service_id, window)
        if summary.count == 0 and not summary.page_views and not summary.filter_uses:
            st.info(ctx.t("summary_empty"))
            return
        first, second, third = st.columns(3)
        first.metric(ctx.t("summary_count"), ctx.fmt.number(summary.count))
        average = ctx.fmt.number(summary.average, 1) if summary.average is not None else "—"
        second.metric(ctx.t("summary_average"), average)
        if ctx.blueprint.service.measure_usage:
            third.metric(ctx.t("summary_sessions"), ctx.fmt.number(summary.sessions))
        self._refusals(ctx, store)
        if summary.count:
            self._ratings_chart(ctx, summary, index)
            self._comments(ctx, store, summary.count, index, window)
            self._answers(ctx, store.answers(service_id, window), index)
        self._usage(ctx, summary, index)

    def _phase(self, ctx: RenderContext, index: int) -> Window:
        """The period of feedback the team chose to read: all, before or after the intervention."""
        import streamlit as st

        experiment = ctx.blueprint.experiments.get(self.experiment or "")
        if experiment is None:
            return None
        labels = phase_labels(ctx, experiment)
        phase = st.radio(
            ctx.t("feedback_phase_label"),
            PHASES,
            format_func=labels.__getitem__,
            horizontal=True,
            key=ctx.key(index, "phase"),
        )
        if phase == "all":
            return None
        st.caption(ctx.t("feedback_phase_caption", phase=labels[phase], title=experiment.title))
        return phase_window(experiment, phase)

    def _refusals(self, ctx: RenderContext, store: Store) -> None:
        """What the limits refused lately: the team must not lose genuine comments unawares."""
        import datetime as dt

        import streamlit as st

        since = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=REFUSALS_DAYS - 1)
        counts = store.refusals(ctx.blueprint.service.id, since)
        if not counts:
            return
        parts = ", ".join(
            ctx.t(f"summary_refusal_{reason}", count=ctx.fmt.number(counts[reason]))
            for reason in ("session", "address", "day")
            if counts.get(reason)
        )
        total = ctx.fmt.number(sum(counts.values()))
        st.warning(ctx.t("summary_refusals", days=REFUSALS_DAYS, total=total, parts=parts))

    def _ratings_chart(self, ctx: RenderContext, summary: Summary, index: int) -> None:
        import pandas as pd
        import streamlit as st

        from datacites_proto.views.charts import draw_chart
        from datacites_proto.views.feedback_display import day_lines, few_ratings, ratings_spec

        st.markdown(f"**{ctx.t('summary_ratings_title')}**")
        if few_ratings(summary.ratings_by_day):
            # Dates and counts only (no citizen text): safe as Markdown.
            lines = day_lines(summary.ratings_by_day, ctx.fmt, ctx.t)
            st.markdown("\n".join([ctx.t("summary_few_ratings"), ""] + [f"- {x}" for x in lines]))
            return
        frame = pd.DataFrame(summary.ratings_by_day, columns=["day", "rating", "count"])
        frame["day"] = pd.to_datetime(frame["day"])
        parts = ", ".join(
            ctx.t("summary_rating_part", rating=r, count=ctx.fmt.number(n))
            for r, n in summary.ratings.items()
        )
        alt_text = ctx.t(
            "summary_ratings_alt",
            start=ctx.fmt.date(frame["day"].min().date()),
            end=ctx.fmt.date(frame["day"].max().date()),
            parts=parts,
        )
        titles = {
            "day": ctx.t("summary_day"),
            "count": ctx.t("summary_count_axis"),
            "rating": ctx.t("summary_rating"),
        }
        spec = ratings_spec(frame, ctx.lang, titles)
        draw_chart(spec, frame, key=ctx.key(index, "ratings"), alt=alt_text)
        st.caption(alt_text)

    def _comments(
        self, ctx: RenderContext, store: Store, total: int, index: int, window: Window = None
    ) -> None:
        import streamlit as st

        from datacites_proto.views.charts import DATE_FORMATS
        from datacites_proto.views.feedback_display import (
            comments_table,
            filter_labels,
            page_titles,
            unique_questions,
        )

        st.markdown(f"**{ctx.t('summary_comments_title')}**")
        pages = max(1, math.ceil(total / PAGE_SIZE))
        page_key = ctx.key(index, "page")
        page = min(max(1, int(st.session_state.get(page_key) or 1)), pages)
        st.session_state[page_key] = page  # fewer pages than before (a purge): stay in range
        rows = store.feedback_page(
            ctx.blueprint.service.id, (page - 1) * PAGE_SIZE, PAGE_SIZE, window
        )
        table = comments_table(
            rows,
            unique_questions(feedback_questions(ctx)),
            pages=page_titles(ctx.blueprint),
            labels=filter_labels(ctx.blueprint),
            fmt=ctx.fmt,
            t=ctx.t,
        )
        date_column = ctx.t("summary_col_date")
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            key=ctx.key(index, "comments"),
            column_config={
                date_column: st.column_config.DatetimeColumn(
                    date_column, format=DATE_FORMATS["datetime"]
                )
            },
        )
        if not any(r["comment"] for r in rows):
            st.caption(ctx.t("summary_no_comments"))
        first = (page - 1) * PAGE_SIZE + 1
        st.caption(
            ctx.t(
                "summary_page_caption",
                first=ctx.fmt.number(first if rows else 0),
                last=ctx.fmt.number(first + len(rows) - 1 if rows else 0),
                total=ctx.fmt.number(total),
                page=ctx.fmt.number(page),
                pages=ctx.fmt.number(pages),
            )
        )
        if pages > 1:
            self._page_navigation(ctx, page_key, page, pages)

    def _page_navigation(self, ctx: RenderContext, page_key: str, page: int, pages: int) -> None:
        import streamlit as st

        def move(step: int) -> None:
            st.session_state[page_key] = min(max(1, page + step), pages)

        newer, number, older = st.columns([1, 1, 1])
        newer.button(
            ctx.t("summary_page_newer"),
            key=page_key + "-newer",
            disabled=page <= 1,
            on_click=move,
            args=(-1,),
        )
        number.number_input(
            ctx.t("summary_page_label"), min_value=1, max_value=pages, step=1, key=page_key
        )
        older.button(
            ctx.t("summary_page_older"),
            key=page_key + "-older",
            disabled=page >= pages,
            on_click=move,
            args=(1,),
        )

    def _answers(self, ctx: RenderContext, answers: list[dict[str, Any]], index: int) -> None:
        import pandas as pd
        import streamlit as st

        from datacites_proto.views.feedback_display import unique_questions

        questions = unique_questions(feedback_questions(ctx))
        if not questions:
            return
        st.markdown(f"**{ctx.t('summary_answers_title')}**")
        for n, question in enumerate(questions):
            values = [a.get(question.id) for a in answers if a.get(question.id) not in (None, "")]
            st.text(question.text)  # the team's text, but shown as text like the rest
            if not values:
                st.caption(ctx.t("summary_no_answers"))
                continue
            if question.type == "rating":
                numbers = [v for v in values if isinstance(v, (int, float))]
                average = sum(numbers) / len(numbers) if numbers else 0
                st.caption(
                    ctx.t(
                        "summary_answers_rating",
                        average=ctx.fmt.number(average, 1),
                        count=ctx.fmt.number(len(numbers)),
                    )
                )
            counts = Counter(str(v) for v in values).most_common()
            st.dataframe(
                pd.DataFrame(
                    counts, columns=[ctx.t("summary_col_answer"), ctx.t("summary_col_count")]
                ),
                hide_index=True,
                key=ctx.key(index, f"answers-{n}"),
            )

    def _usage(self, ctx: RenderContext, summary: Summary, index: int) -> None:
        import pandas as pd
        import streamlit as st

        from datacites_proto.views.feedback_display import page_titles, usage_pages

        st.markdown(f"**{ctx.t('summary_usage_title')}**")
        if not ctx.blueprint.service.measure_usage and not summary.page_views:
            st.caption(ctx.t("summary_usage_off"))
            return
        left, right = st.columns(2)
        views = usage_pages(summary.page_views, page_titles(ctx.blueprint))
        left.dataframe(
            pd.DataFrame(views, columns=[ctx.t("summary_col_page"), ctx.t("summary_col_views")]),
            hide_index=True,
            key=ctx.key(index, "views"),
        )
        right.dataframe(
            pd.DataFrame(
                summary.filter_uses,
                columns=[ctx.t("summary_col_filter"), ctx.t("summary_col_changes")],
            ),
            hide_index=True,
            key=ctx.key(index, "filters"),
        )


def feedback_questions(ctx: RenderContext) -> list[Question]:
    """The questions of every feedback view of the service, in page order."""
    from datacites_proto.views.feedback import FeedbackView

    return [
        q for page in ctx.blueprint.pages for placed in page.all_views()
        if isinstance(v := placed.view, FeedbackView) for q in v.questions
    ]  # fmt: skip


def phase_window(experiment: Experiment, phase: str) -> Window:
    """The submission times of a phase: before the intervention's first day, or during it."""
    # Feedback times are UTC and the intervention a local day: a few hours either side of
    # midnight may fall in the neighbouring phase, which a team reading comments can bear.
    start = dt.datetime.combine(experiment.after_start, dt.time())
    if phase == "before":
        return (None, start)
    end = experiment.after_end
    return (start, dt.datetime.combine(end + dt.timedelta(days=1), dt.time()) if end else None)


def phase_labels(ctx: RenderContext, experiment: Experiment) -> dict[str, str]:
    """What the phase selector says of each phase, with the intervention's dates."""
    start = ctx.fmt.date(experiment.after_start)
    end = experiment.after_end
    after = (
        ctx.t("feedback_phase_after_temporary", start=start, end=ctx.fmt.date(end))
        if end is not None
        else ctx.t("feedback_phase_after", date=start)
    )
    return {
        "all": ctx.t("feedback_phase_all"),
        "before": ctx.t("feedback_phase_before", date=start),
        "after": after,
    }
