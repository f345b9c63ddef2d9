"""State shared by the commands of one CLI call."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class CliState:
    lang: str | None = None  # None: the blueprint's language, else DATACITES_LANG, else French
    debug: bool = False
