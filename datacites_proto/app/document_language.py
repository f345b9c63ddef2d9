"""The served page says the service's language (`<html lang="fr">` for a French service)
and carries our readable-text CSS from its first paint.

Streamlit's index.html is written `<html lang="en">` and it has no setting for it, so a
screen reader would read a French service with English pronunciation. This middleware,
mounted on the `st.App` (app/served.py, a built service's app.py), rewrites that one
attribute in the HTML pages the server sends (the root and every page's path); other
responses pass untouched. The language is the one the app's run speaks (`DATACITES_LANG`,
then the blueprint's), read through the same cached load as the app. The page's <head>
also gets app/contrast.py's style: added by the run only, it would be missing from a page
read (by a screen reader, or the axe audit) before the run's own `st.html` is drawn.
"""

from __future__ import annotations

import asyncio
import gzip
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from datacites_proto.app.contrast import READABLE_CSS
from datacites_proto.app.launch import BLUEPRINT_ENV

STREAMLIT_HTML_TAG = b'<html lang="en">'


def service_lang(blueprint: str | Path | None) -> str:
    """The language of the service's pages (French when the blueprint cannot be read)."""
    from datacites_proto.app import caching, stamps
    from datacites_proto.i18n import resolve_lang

    named = os.environ.get(BLUEPRINT_ENV) if blueprint is None else str(blueprint)
    if not named:
        return resolve_lang(None, None)
    path = Path(named).resolve()
    try:
        loaded = caching.load(str(path), stamps.blueprint_stamp(path))
    except Exception:  # a broken blueprint: the page itself shows its problems
        return resolve_lang(None, None)
    return resolve_lang(None, loaded.lang)


def with_lang(html: bytes, lang: str) -> bytes:
    """Streamlit's page with the service's language on its <html> tag and our style."""
    html = html.replace(STREAMLIT_HTML_TAG, f'<html lang="{lang}">'.encode("ascii"), 1)
    return html.replace(b"</head>", READABLE_CSS.encode("utf-8") + b"</head>", 1)


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes:
    return next((value for key, value in headers if key.lower() == name), b"")


class DocumentLanguage:
    """ASGI middleware: the HTML pages the server sends carry the service's language."""

    def __init__(self, app: Any, lang: Callable[[], str]) -> None:
        self.app = app
        self.lang = lang

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope.get("type") != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        body: list[bytes] = []

        async def rewrite(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not _header(headers, b"content-type").startswith(b"text/html"):
                    start["pass"] = True
                    await send(message)
                    return
                start.update(message=message, headers=headers)
                return
            if start.get("pass") or message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            await self._send_html(start, b"".join(body), send, scope.get("method") == "HEAD")

        await self.app(scope, receive, rewrite)

    async def _send_html(
        self, start: dict[str, Any], html: bytes, send: Any, head_only: bool
    ) -> None:
        headers = start["headers"]
        if _header(headers, b"content-encoding") == b"gzip" and html:
            html = gzip.decompress(html)
        if html:
            html = with_lang(html, await asyncio.to_thread(self.lang))
        # Sent as is, not compressed: its length changed, and its ETag would name the original.
        dropped = {b"content-length", b"content-encoding", b"etag"}
        kept = [(k, v) for k, v in headers if k.lower() not in dropped]
        if not head_only or html:
            kept.append((b"content-length", str(len(html)).encode("ascii")))
        await send({**start["message"], "headers": kept})
        await send({"type": "http.response.body", "body": b"" if head_only else html})


def middleware(blueprint: str | Path | None = None) -> list[Any]:
    """The middleware to mount on the st.App. `blueprint`: a built service's (next to its
    app.py); None, the one named by DATACITES_BLUEPRINT (`datacites run`)."""
    from starlette.middleware import Middleware

    return [Middleware(DocumentLanguage, lang=lambda: service_lang(blueprint))]
