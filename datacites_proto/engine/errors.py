"""The error a data file raises when it cannot become a table: defined with the readers."""

from __future__ import annotations

from datacites_proto.sources.reading.errors import DataError

__all__ = ["DataError"]
