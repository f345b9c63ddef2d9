"""The errors of the store, told in the user's language."""

from __future__ import annotations

from datacites_proto.errors import CodedError


class StoreError(CodedError):
    """The store cannot be opened or used: a bad URL, a missing driver, an unreachable server."""


class FeedbackRejected(StoreError):
    """A feedback that breaks the form's rules (rating out of range, comment too long…)."""
