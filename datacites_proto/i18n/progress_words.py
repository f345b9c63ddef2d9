"""A step of long work in words, in the reader's language: what it does and how much is done.

The CLI's progress bar and the app's status box both write steps this way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from datacites_proto.i18n.catalog import translate
from datacites_proto.i18n.formatting import Formatter


def step_words(code: str, params: Mapping[str, Any], lang: str) -> str:
    """The step's message, its whole numbers written the locale's way (« 10 000 000 »)."""
    numbers = Formatter(lang)
    shown = {
        k: numbers.number(v) if isinstance(v, int) and not isinstance(v, bool) else v
        for k, v in params.items()
    }
    return translate(code, lang, **shown)


def step_amount(done: float, total: float | None, unit: str, lang: str) -> str:
    """How much is done, of how much: « 12,5 / 40 Mo », « 12,5 Mo », « 2/3 », or nothing."""
    numbers = Formatter(lang)
    if unit == "bytes":
        megabytes = "Mo" if lang == "fr" else "MB"
        if total:
            return f"{numbers.number(done / 1e6, 1)} / {numbers.number(total / 1e6, 1)} {megabytes}"
        return f"{numbers.number(done / 1e6, 1)} {megabytes}"
    if total:
        return f"{numbers.number(int(done))}/{numbers.number(int(total))}"
    return ""
