"""A date that a message writes in its own language: `{end:fr}` → `30 juin 2026`."""

from __future__ import annotations

import datetime as dt

from datacites_proto.i18n.formatting import LOCALES, Formatter


class LocalDate(dt.date):
    """A date whose format spec is a language (`{end:en}` → `30 June 2026`)."""

    @classmethod
    def of(cls, value: dt.date) -> LocalDate:
        return cls(value.year, value.month, value.day)

    def __format__(self, spec: str) -> str:
        if spec in LOCALES:
            return Formatter(spec).date(dt.date(self.year, self.month, self.day), "long")
        return super().__format__(spec)
