"""French typography of the printed text: the no-break spaces a French reader expects
before « : ; ! ? » and inside guillemets (the Formatter already writes numbers so)."""

from __future__ import annotations

import re

NBSP = "\u00a0"  # before a colon
NNBSP = "\u202f"  # narrow: before ; ! ? and inside guillemets

_TAGS = re.compile(r"(<[^>]*>)")
_RAW = ("style", "svg", "script")


def french_text(text: str) -> str:
    """Spaces before high punctuation and inside guillemets made unbreakable (text only)."""
    text = re.sub(r"[ \u00a0\u202f]+:", NBSP + ":", text)
    text = re.sub(r"[ \u00a0\u202f]+([;!?])", NNBSP + r"\1", text)
    text = re.sub(r"«[ \u00a0\u202f]*", "«" + NNBSP, text)
    return re.sub(r"[ \u00a0\u202f]*»", NNBSP + "»", text)


def french_html(document: str) -> str:
    """`french_text` on the text between tags, never inside <style>, <svg> or attributes."""
    parts = _TAGS.split(document)
    out = []
    skipping: str | None = None
    for part in parts:
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            tag = name.group(1).lower() if name else ""
            if skipping is None and tag in _RAW and not part.startswith("</"):
                skipping = tag if not part.endswith("/>") else None
            elif skipping == tag and part.startswith("</"):
                skipping = None
            out.append(part)
        elif skipping is None and part:
            out.append(french_text(part))
        else:
            out.append(part)
    return "".join(out)
