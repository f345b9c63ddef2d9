"""Errors of a query that cannot run as asked: unknown ids, bad filter values, impossible joins."""

from __future__ import annotations

from typing import Any

from datacites_proto.errors import DataCitesError
from datacites_proto.i18n import translate


class QueryError(DataCitesError):
    """Raised with a message code; `message(lang)` says it in the user's language."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(translate(code, "en", **params))

    def message(self, lang: str) -> str:
        return translate(self.code, lang, **self.params)
