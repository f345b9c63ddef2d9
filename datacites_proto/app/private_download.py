"""Downloads of team-only rows, served only to the signed-in browser that asked, once.

Streamlit's `/media/…` files are served to anyone holding the URL until a later run
drops them, so restricted rows never go there. Instead a download link carries a random
token kept here with the browser it was made for: the `st.App` that `datacites run`
serves mounts `ROUTE`, which hands the file over only to a request carrying that
browser's cookie (set, HttpOnly, by `BrowserCookie` on every page load), then forgets
it. Unused tokens expire after `TTL` seconds; signing out revokes the browser's tokens.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

COOKIE = "datacites_browser"
PREFIX = "/datacites/download/"
ROUTE = PREFIX + "{token}"
TTL = 600.0  # seconds an unused link stays valid
KEEP_PER_BUTTON = 2  # the shown link and the one a click may be fetching during the rerun
MAX_ENTRIES = 1000
_VALUE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")

MOUNTED = False  # True once this process serves ROUTE (the view offers nothing otherwise)


@dataclass
class _Entry:
    make: Callable[[], bytes]
    file_name: str
    mime: str
    browser: str
    button: str
    expires: float


@dataclass
class DownloadStore:
    """Tokens to one-time downloads, each bound to one browser."""

    ttl: float = TTL
    clock: Callable[[], float] = time.monotonic
    _entries: dict[str, _Entry] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _prune(self, now: float) -> None:
        for token in [t for t, e in self._entries.items() if e.expires <= now]:
            del self._entries[token]
        while len(self._entries) >= MAX_ENTRIES:
            del self._entries[min(self._entries, key=lambda t: self._entries[t].expires)]

    def add(
        self, browser: str, button: str, make: Callable[[], bytes], file_name: str, mime: str
    ) -> str:
        """A fresh token for `make`'s file, fetchable once by `browser`."""
        token = secrets.token_urlsafe(32)
        with self._lock:
            now = self.clock()
            self._prune(now)
            mine = [
                t for t, e in self._entries.items() if (e.browser, e.button) == (browser, button)
            ]
            for old in mine[: max(0, len(mine) - KEEP_PER_BUTTON + 1)]:
                del self._entries[old]
            self._entries[token] = _Entry(make, file_name, mime, browser, button, now + self.ttl)
        return token

    def take(self, token: str, browser: str | None) -> _Entry | None:
        """The entry of `token` if `browser` is the one it was made for (then forgotten)."""
        with self._lock:
            self._prune(self.clock())
            entry = self._entries.get(token)
            if entry is None:
                return None
            if browser is None or not secrets.compare_digest(entry.browser, browser):
                return None  # someone else's request: the owner may still fetch it
            return self._entries.pop(token)

    def revoke(self, browser: str) -> None:
        """Forget every token of `browser` (it signed out)."""
        with self._lock:
            for token in [t for t, e in self._entries.items() if e.browser == browser]:
                del self._entries[token]

    def __len__(self) -> int:
        return len(self._entries)


STORE = DownloadStore()


def valid_browser_id(value: object) -> str | None:
    """`value` when it has the shape of a cookie `BrowserCookie` sets, else None."""
    return value if isinstance(value, str) and _VALUE.match(value) else None


def current_browser_id() -> str | None:
    """This session's browser cookie (sent with the page's websocket), or None."""
    import streamlit as st

    try:
        return valid_browser_id(st.context.cookies.get(COOKIE))
    except Exception:  # outside a session (AppTest, warm-up)
        return None


def revoke_current() -> None:
    """Forget the downloads offered to this session's browser."""
    browser = current_browser_id()
    if browser:
        STORE.revoke(browser)


def offer(button: str, make: Callable[[], bytes], file_name: str, mime: str) -> str | None:
    """The relative URL of a one-time download for this browser, or None when it cannot
    be bound (no route mounted, no cookie)."""
    browser = current_browser_id()
    if not MOUNTED or browser is None:
        return None
    token = STORE.add(browser, button, make, file_name, mime)
    # Relative: pages sit one level deep, so this also works under a proxy's prefix.
    return PREFIX.lstrip("/") + token


def _language(accept: str) -> str:
    return "en" if accept.strip().lower().startswith("en") else "fr"


async def serve(request: Any) -> Any:
    """The route: the file to its browser, a refusal (403, in the visitor's language) to others."""
    from starlette.responses import PlainTextResponse, Response

    from datacites_proto.i18n import translate

    entry = STORE.take(
        request.path_params.get("token", ""), valid_browser_id(request.cookies.get(COOKIE))
    )
    private = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
    if entry is None:
        lang = _language(request.headers.get("accept-language", ""))
        return PlainTextResponse(
            translate("private_download_refused", lang), status_code=403, headers=private
        )
    body = await asyncio.to_thread(entry.make)
    quoted = urllib.parse.quote(entry.file_name)
    headers = {
        **private,
        "Content-Disposition": f"attachment; filename*=UTF-8''{quoted}",
        "X-Content-Type-Options": "nosniff",
    }
    return Response(body, media_type=entry.mime, headers=headers)


class BrowserCookie:
    """ASGI middleware: give each browser a random, HttpOnly id cookie on its first request."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope.get("type") != "http" or _has_cookie(scope):
            await self.app(scope, receive, send)
            return
        secure = "; Secure" if scope.get("scheme") == "https" else ""
        value = secrets.token_urlsafe(32)
        cookie = f"{COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict{secure}"

        async def send_with_cookie(message: Any) -> None:
            if message.get("type") == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"set-cookie", cookie.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _has_cookie(scope: Any) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, found = part.strip().partition("=")
                if key == COOKIE and valid_browser_id(found):
                    return True
    return False


def routes() -> list[Any]:
    """The route to mount on the st.App; marks this process as serving it."""
    from starlette.routing import Route

    global MOUNTED
    MOUNTED = True
    return [Route(ROUTE, serve, methods=["GET"])]


def middleware() -> list[Any]:
    """The middleware to mount on the st.App."""
    from starlette.middleware import Middleware

    return [Middleware(BrowserCookie)]
