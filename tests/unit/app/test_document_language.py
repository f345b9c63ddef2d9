"""The served pages carry the service's language on their <html> tag (issue 15)."""

from __future__ import annotations

import asyncio
import gzip
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from datacites_proto.app.contrast import READABLE_CSS
from datacites_proto.app.document_language import DocumentLanguage, service_lang, with_lang

PAGE = b'<!doctype html>\n<html lang="en">\n<head><title>x</title></head><body></body></html>'


def served(body: bytes, headers: list[tuple[bytes, bytes]], method: str = "GET") -> tuple:
    """What the middleware sends for one response of `body` (status headers, body)."""

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        half = len(body) // 2  # in two chunks, as a file response may send it
        await send({"type": "http.response.body", "body": body[:half], "more_body": True})
        await send({"type": "http.response.body", "body": body[half:]})

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    middleware = DocumentLanguage(app, lang=lambda: "fr")
    # In a thread of its own: a browser test earlier in this worker may have left
    # Playwright's event loop running in the main thread.
    call = middleware({"type": "http", "method": method, "path": "/"}, receive, send)
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, call).result()
    start = dict(sent[0]["headers"])
    return start, b"".join(m.get("body", b"") for m in sent[1:])


def test_an_html_page_says_the_service_language() -> None:
    headers, body = served(PAGE, [(b"content-type", b"text/html; charset=utf-8"), (b"etag", b"1")])
    assert b'<html lang="fr">' in body and b'lang="en"' not in body
    assert body.index(b"stCaptionContainer") < body.index(b"</head>")  # readable at once
    assert headers[b"content-length"] == str(len(body)).encode()
    assert b"etag" not in headers


def test_a_compressed_page_is_sent_rewritten_and_plain() -> None:
    headers, body = served(
        gzip.compress(PAGE),
        [(b"content-type", b"text/html"), (b"content-encoding", b"gzip")],
    )
    assert body.startswith(b"<!doctype html>") and b'<html lang="fr">' in body
    assert b"content-encoding" not in headers


def test_other_responses_pass_untouched() -> None:
    script = b"document.write('<html lang=\"en\">')"
    _, body = served(script, [(b"content-type", b"application/javascript")])
    assert body == script


def test_the_language_is_the_blueprint_s(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.delenv("DATACITES_LANG", raising=False)
    english = tmp_path / "blueprint.yaml"
    english.write_text(
        "version: 1\nservice:\n  id: s\n  title: S\n  lang: en\ndatasets: {}\npages: []\n",
        encoding="utf-8",
    )
    assert service_lang(english) == "en"
    assert service_lang(tmp_path / "missing.yaml") == "fr"  # unreadable: the default
    assert with_lang(PAGE, "en").replace(READABLE_CSS.encode(), b"") == PAGE
