"""The errors of the store, told in the user's language."""

from __future__ import annotations

import math
from typing import Any

from datacites_proto.errors import CodedError
from datacites_proto.i18n import DEFAULT_LANG, translate


class StoreError(CodedError):
    """The store cannot be opened or used: a bad URL, a missing driver, an unreachable server."""


class FeedbackRejected(StoreError):
    """A feedback that breaks the form's rules (rating out of range, comment too long…)."""


def wait_text(minutes: int, lang: str) -> str:
    """« 1 minute », « 25 minutes », « 3 heures »: how long before trying again."""
    if minutes <= 1:
        return translate("feedback_wait_minute", lang)
    if minutes < 90:
        return translate("feedback_wait_minutes", lang, minutes=minutes)
    return translate("feedback_wait_hours", lang, hours=math.ceil(minutes / 60))


class FeedbackLimited(FeedbackRejected):
    """A feedback refused because a limit is reached; `minutes` says when to try again."""

    def __init__(self, code: str, /, *, minutes: int, reason: str, **params: Any) -> None:
        self.minutes = minutes
        self.reason = reason  # session, address or day: how the team sees it counted
        super().__init__(code, minutes=minutes, **params)

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return translate(self.code, lang, wait=wait_text(self.minutes, lang), **self.params)
