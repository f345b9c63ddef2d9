"""`DownloadError`: a remote source that could not be fetched, with stable, translated codes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from datacites_proto.errors import DataCitesError, Loc, Problem, Severity
from datacites_proto.i18n import DEFAULT_LANG

# Every code a DownloadError (or a stale-copy warning) carries, translated in the catalogues.
DOWNLOAD_ERROR_CODES: tuple[str, ...] = (
    "download_offline_no_cache",
    "download_dataset_not_found",
    "download_ods_dataset_not_found",
    "download_resource_not_found",
    "download_resource_ambiguous",
    "download_server_error",
    "download_http_error",
    "download_access_denied",
    "download_timeout",
    "download_network_error",
    "download_interrupted",
    "download_invalid_json",
    "download_bad_response",
    "download_too_big",
    "download_bad_url",
    "download_unknown_format",
    "download_cache_unwritable",
    "download_bad_max_size",
)
DOWNLOAD_WARNING_CODES: tuple[str, ...] = ("download_stale_copy", "download_stale_offline")


class DownloadError(DataCitesError):
    """A remote source that could not be fetched; `code` and `params` are stable."""

    def __init__(
        self,
        code: str,
        params: Mapping[str, Any] | None = None,
        suggestions: Sequence[str] = (),
    ) -> None:
        self.code = code
        self.params = dict(params or {})
        self.suggestions = tuple(suggestions)
        super().__init__(self.message())

    def problem(
        self,
        file: str | None = None,
        line: int | None = None,
        *,
        loc: Loc = (),
        severity: Severity = "error",
    ) -> Problem:
        """The located problem, e.g. at the blueprint line of the dataset's `source`."""
        return Problem(
            self.code,
            self.params,
            file=file,
            line=line,
            loc=tuple(loc),
            suggestions=self.suggestions,
            severity=severity,
        )

    def message(self, lang: str = DEFAULT_LANG) -> str:
        """The message in `lang`."""
        return self.problem().message(lang)

    def __reduce__(self) -> tuple[Any, ...]:  # picklable (Streamlit caches pickle)
        return (type(self), (self.code, self.params, self.suggestions))


def error(code: str, suggestions: Sequence[str] = (), **params: Any) -> DownloadError:
    """A DownloadError; named like the other reporting calls so the i18n test sees its codes."""
    return DownloadError(code, params, suggestions)
