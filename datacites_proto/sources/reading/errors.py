"""The error a data file raises when it cannot become a table (re-exported by `engine.errors`)."""

from __future__ import annotations

from collections.abc import Sequence

from datacites_proto.errors import BlueprintError, Problem
from datacites_proto.i18n import DEFAULT_LANG


class DataError(BlueprintError):
    """A data file that does not hold what its blueprint promises: every located problem found."""

    def __init__(
        self,
        problems: Sequence[Problem],
        *,
        dataset: str | None = None,
        lang: str = DEFAULT_LANG,
    ) -> None:
        self.dataset = dataset
        super().__init__(problems, lang=lang)
