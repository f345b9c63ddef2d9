"""The report's HTML laid out on A4 pages by WeasyPrint, reproducibly: the same document
gives the same bytes (no creation date, an identifier drawn from the content)."""

from __future__ import annotations

import hashlib
import logging


def pdf_bytes(document: str) -> bytes:
    """The PDF of a report's HTML (fonts embedded, no network: nothing is fetched)."""
    import weasyprint

    # WeasyPrint tells of every CSS property it does not know: not the reader's concern.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)

    def no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
        raise ValueError(f"the report fetches nothing: {url}")

    identifier = hashlib.md5(document.encode("utf-8"), usedforsecurity=False).hexdigest()
    html = weasyprint.HTML(string=document, url_fetcher=no_fetch, base_url=None)
    data: bytes = html.write_pdf(pdf_identifier=identifier.encode("ascii"))
    return data
