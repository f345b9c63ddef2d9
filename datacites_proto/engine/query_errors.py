"""Errors of a query that cannot run as asked: unknown ids, bad filter values, impossible joins."""

from __future__ import annotations

from datacites_proto.errors import CodedError


class QueryError(CodedError):
    """Raised with a message code; `message(lang)` says it in the user's language."""
