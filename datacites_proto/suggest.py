""" "Did you mean …?" candidates for a misspelt key, type or id."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def close_matches(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Up to `n` candidates that look like `word`, ignoring case and accents."""
    folded: dict[str, str] = {}
    for candidate in candidates:
        folded.setdefault(_fold(str(candidate)), str(candidate))
    target = _fold(str(word))
    matches = difflib.get_close_matches(target, list(folded), n=n, cutoff=0.6)
    if not matches:
        # A key typed with a prefix or suffix too many ("dataset_id" for "dataset").
        matches = [f for f in folded if len(f) > 2 and (f in target or target in f)][:n]
    return [folded[m] for m in matches]
