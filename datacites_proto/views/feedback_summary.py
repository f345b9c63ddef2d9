"""`feedback_summary` view: what citizens said, for the team."""

from __future__ import annotations

from typing import ClassVar, Literal

from datacites_proto.blueprint.base import tag
from datacites_proto.views.base import View


class FeedbackSummaryView(View):
    """Ratings, comments, answers and usage, for a team page."""

    doc_fr: ClassVar[str] = "Notes, commentaires, réponses et usages, pour une page d'équipe."

    type: Literal["feedback_summary"] = tag("feedback_summary")
