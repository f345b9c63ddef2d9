"""`feedback_summary` view: what citizens said, for the team."""

from __future__ import annotations

from typing import Literal

from datacites_proto.views.base import View


class FeedbackSummaryView(View):
    """Ratings, comments, answers and usage, for a team page."""

    type: Literal["feedback_summary"] = "feedback_summary"
