"""A PDF's text as a reader finds it: pypdf's extraction with spaces, no-break spaces and
line breaks made one space, and words cut at a line's end joined again."""

from __future__ import annotations

import io
import re

NBSP_LIKE = "\u00a0\u202f\u2009"


def plain(text: str) -> str:
    """Spaces of every kind made one space (the screen's « 1 504 081 » and the PDF's)."""
    text = re.sub(r"[\u2010-]\n", "", text)  # a word hyphenated at a line's end
    for char in NBSP_LIKE:
        text = text.replace(char, " ")
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(data: bytes) -> tuple[str, int]:
    """(the whole document's plain text, its number of pages)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return plain("\n".join(page.extract_text() or "" for page in reader.pages)), len(reader.pages)
