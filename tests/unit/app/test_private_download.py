"""One-time downloads of team rows: bound to one browser's cookie, served once, then gone."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.applications import Starlette

from datacites_proto.app import private_download as pd

BROWSER = "a" * 43
OTHER = "z" * 43


@pytest.fixture(autouse=True)
def empty_store() -> Iterator[None]:
    pd.STORE._entries.clear()
    yield
    pd.STORE._entries.clear()


def call(app: Any, path: str, cookie: str | None = None, lang: str = "fr") -> dict[str, Any]:
    """A GET through the ASGI app, as a browser (or curl, without cookie) would send it."""
    headers = [(b"accept-language", lang.encode())]
    if cookie is not None:
        headers.append((b"cookie", cookie.encode()))
    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("203.0.113.9", 5555),
        "server": ("127.0.0.1", 8501),
    }
    answer: dict[str, Any] = {"body": b""}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
            answer["headers"] = [(k.decode(), v.decode()) for k, v in message["headers"]]
        else:
            answer["body"] += message.get("body", b"")

    # Its own thread: an earlier test (Playwright's sync API) may hold a running loop here.
    thread = threading.Thread(target=asyncio.run, args=(app(scope, receive, send),))
    thread.start()
    thread.join(30)
    return answer


@pytest.fixture
def app() -> Starlette:
    return Starlette(routes=pd.routes(), middleware=pd.middleware())


def offer(browser: str = BROWSER) -> str:
    return pd.STORE.add(
        browser, "p1-v1-download", lambda: b"id;secret\n1;S1\n", "sig.csv", "text/csv"
    )


def test_the_browser_it_was_made_for_gets_the_file_once(app: Starlette) -> None:
    token = offer()
    got = call(app, pd.PREFIX + token, cookie=f"{pd.COOKIE}={BROWSER}")
    assert got["status"] == 200 and got["body"] == b"id;secret\n1;S1\n"
    headers = dict(got["headers"])
    assert headers["content-disposition"] == "attachment; filename*=UTF-8''sig.csv"
    assert headers["cache-control"] == "no-store"
    again = call(app, pd.PREFIX + token, cookie=f"{pd.COOKIE}={BROWSER}")
    assert again["status"] == 403 and b"S1" not in again["body"]


@pytest.mark.parametrize(
    ("cookie", "lang", "said"),
    [
        (None, "fr", "ne sert qu'une fois"),  # plain curl
        (f"{pd.COOKIE}={OTHER}", "fr", "ne sert qu'une fois"),  # another browser
        (f"{pd.COOKIE}={OTHER}", "en", "it serves once"),
    ],
)
def test_anyone_else_with_the_url_is_refused(
    app: Starlette, cookie: str | None, lang: str, said: str
) -> None:
    token = offer()
    got = call(app, pd.PREFIX + token, cookie=cookie, lang=lang)
    assert got["status"] == 403 and b"S1" not in got["body"]
    assert said in got["body"].decode()
    # The refusal does not use the link up: its browser still gets the file.
    assert call(app, pd.PREFIX + token, cookie=f"{pd.COOKIE}={BROWSER}")["status"] == 200


def test_every_browser_gets_its_own_http_only_cookie(app: Starlette) -> None:
    first = call(app, pd.PREFIX + "nothing")
    cookies = [v for k, v in first["headers"] if k == "set-cookie"]
    assert len(cookies) == 1 and "HttpOnly" in cookies[0] and "SameSite=Strict" in cookies[0]
    value = cookies[0].split(";")[0].split("=", 1)[1]
    again = [v for k, v in call(app, "/x")["headers"] if k == "set-cookie"]
    assert pd.valid_browser_id(value) and again and value not in again[0]
    # A browser that has one keeps it.
    kept = call(app, "/x", cookie=f"{pd.COOKIE}={value}")
    assert not [v for k, v in kept["headers"] if k == "set-cookie"]


def test_unused_links_expire_and_only_the_last_two_per_button_are_kept() -> None:
    now = [100.0]
    store = pd.DownloadStore(ttl=60, clock=lambda: now[0])
    tokens = [store.add(BROWSER, "b", lambda: b"x", "f.csv", "text/csv") for _ in range(4)]
    assert store.take(tokens[0], BROWSER) is None and store.take(tokens[1], BROWSER) is None
    late = store.add(BROWSER, "other-button", lambda: b"y", "g.csv", "text/csv")
    now[0] += 61
    assert store.take(tokens[3], BROWSER) is None and store.take(late, BROWSER) is None
    assert len(store) == 0


def test_sign_out_revokes_only_that_browsers_links() -> None:
    mine, theirs = offer(BROWSER), offer(OTHER)
    pd.STORE.revoke(BROWSER)
    assert pd.STORE.take(mine, BROWSER) is None
    assert pd.STORE.take(theirs, OTHER) is not None


def test_nothing_is_offered_without_the_route_or_a_cookie(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pd, "MOUNTED", False)
    assert pd.offer("b", lambda: b"x", "f.csv", "text/csv") is None
    monkeypatch.setattr(pd, "MOUNTED", True)
    assert pd.offer("b", lambda: b"x", "f.csv", "text/csv") is None  # no session, no cookie
    assert len(pd.STORE) == 0
