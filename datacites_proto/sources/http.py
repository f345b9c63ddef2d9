"""The one place that fetches over the network, on httpx: schemes, redirects, timeouts, retries, size.

Policy, for every remote source:

- only `http://` and `https://`, for the first URL and for every redirect (at most
  `MAX_REDIRECTS`); an `Authorization` header never follows a redirect to another origin;
- TLS is verified (httpx's default), proxies come from the usual environment variables;
- `Timeouts.connect` to connect, then `Timeouts.read` for each read of the answer;
- a connection that cannot be opened is tried again by httpx's transport; an answer
  429/502/503/504 (a portal being deployed, a rate limit) is asked again after a short,
  growing wait (`Retries`), honouring a short `Retry-After`;
- bodies are capped at DATACITES_MAX_DOWNLOAD_MB, announced or not.

Failures raise `DownloadError` (translated, never holding a header value) or `HttpStatus`
for a non-2xx answer, which the caller maps to what it means for its portal.
"""

from __future__ import annotations

import functools
import json
import os
import re
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from typing import TYPE_CHECKING, Any

from datacites_proto.sources.download_errors import DownloadError, error

if TYPE_CHECKING:
    import httpx

MAX_DOWNLOAD_MB_ENV = "DATACITES_MAX_DOWNLOAD_MB"
DEFAULT_MAX_DOWNLOAD_MB = 2048
CHUNK_BYTES = 64 * 1024
MAX_REDIRECTS = 10
CONNECT_RETRIES = 2  # new attempts to open a connection (refused, reset, DNS hiccup)
SCHEMES = ("http", "https")
_pause = time.sleep  # the wait between retries (a test records it instead)
_USER_INFO = re.compile(r"//[^/@\s]*@")  # `user:password@` in a URL (a proxy's, say)


@dataclass(frozen=True)
class Timeouts:
    """Seconds to wait for a connection, then for each read of the response."""

    connect: float = 10.0
    read: float = 60.0


@dataclass(frozen=True)
class Retries:
    """How often an answer saying "try again later" is asked again, and how long to wait."""

    attempts: int = 3  # requests in all, the first one included
    backoff: float = 0.5  # seconds before the 2nd request, doubled before each next one
    max_wait: float = 10.0  # a longer Retry-After is not waited for: the request fails
    statuses: frozenset[int] = frozenset({429, 502, 503, 504})


DEFAULT_TIMEOUTS = Timeouts()
DEFAULT_RETRIES = Retries()


class HttpStatus(Exception):
    """A non-2xx answer, mapped to a DownloadError by the caller that knows what it means."""

    def __init__(self, status: int, url: str) -> None:
        super().__init__(f"HTTP {status} {url}")
        self.status = status
        self.url = url


def status_error(exc: HttpStatus) -> DownloadError:
    """The generic error of a non-2xx answer: a server error or an HTTP error."""
    if exc.status >= 500:
        return error("download_server_error", url=exc.url, status=exc.status)
    return error("download_http_error", url=exc.url, status=exc.status)


# ---------------------------------------------------------------- settings


def max_download_bytes() -> int:
    """The size cap, from DATACITES_MAX_DOWNLOAD_MB (megabytes, default 2048)."""
    raw = os.environ.get(MAX_DOWNLOAD_MB_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_DOWNLOAD_MB * 1024 * 1024
    try:
        megabytes = float(raw.replace(",", "."))
    except ValueError:
        megabytes = -1.0
    if not megabytes > 0:  # also refuses NaN
        raise error("download_bad_max_size", name=MAX_DOWNLOAD_MB_ENV, value=raw)
    return int(megabytes * 1024 * 1024)


def too_big(url: str, cap: int) -> DownloadError:
    """The error of a body over the cap, with the cap in megabytes."""
    return error("download_too_big", url=url, limit_mb=f"{cap / (1024 * 1024):g}")


def redact(text: str) -> str:
    """`text` without the `user:password@` of any URL in it: messages and logs hold no secret."""
    return _USER_INFO.sub("//***@", text)


@functools.cache
def user_agent() -> str:
    """`datacites-proto/<version>`, sent with every request."""
    # From the installed metadata, not the top package: sources sit below it (layers).
    try:
        version = metadata.version("datacites-proto")
    except metadata.PackageNotFoundError:
        version = "0.0.0"
    return f"datacites-proto/{version}"


def check_url(url: Any) -> str:
    """The URL when it is http(s) with a host; `file://`, `ftp://`… are refused."""
    if not isinstance(url, str) or not url.strip():
        raise error("download_bad_url", url=str(url or ""))
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise error("download_bad_url", url=url)
    return url.strip()


# ---------------------------------------------------------------- the client


# httpx is imported inside the functions that fetch: the CLI, the checks and the app start
# without it (about 0.1 s), and only projects with a remote source ever load it.


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port


def _client(url: str, timeouts: Timeouts) -> httpx.Client:
    """A client for one fetch: its hooks hold the redirect policy of this first URL."""
    import httpx

    origin = _origin(httpx.URL(url))

    def on_request(request: httpx.Request) -> None:
        # httpx keeps the header on an http → https redirect of the same host; we never do.
        if _origin(request.url) != origin:
            request.headers.pop("Authorization", None)

    def on_response(response: httpx.Response) -> None:
        if response.has_redirect_location:
            target = urllib.parse.urljoin(str(response.url), response.headers["Location"])
            if urllib.parse.urlsplit(target).scheme.lower() not in SCHEMES:
                raise error("download_bad_url", url=redact(target))

    return httpx.Client(
        timeout=httpx.Timeout(timeouts.read, connect=timeouts.connect),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        transport=httpx.HTTPTransport(retries=CONNECT_RETRIES),
        headers={"User-Agent": user_agent()},
        event_hooks={"request": [on_request], "response": [on_response]},
    )


def _network_error(exc: httpx.HTTPError, url: str, timeouts: Timeouts) -> DownloadError:
    import httpx

    if isinstance(exc, httpx.ConnectTimeout):
        return error("download_timeout", url=url, seconds=f"{timeouts.connect:g}")
    if isinstance(exc, httpx.TimeoutException):
        return error("download_timeout", url=url, seconds=f"{timeouts.read:g}")
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return error("download_bad_url", url=url)
    detail = redact(str(exc)) or type(exc).__name__
    return error("download_network_error", url=url, detail=detail)


def _wait(response: httpx.Response, attempt: int, retries: Retries) -> float | None:
    """Seconds to wait before asking again, or None when the answer is final."""
    if response.status_code not in retries.statuses or attempt >= retries.attempts:
        return None
    seconds = retries.backoff * 2 ** (attempt - 1)
    after = response.headers.get("Retry-After", "").strip()
    if after.isdigit():
        seconds = max(seconds, float(after))
    return seconds if seconds <= retries.max_wait else None


@contextmanager
def get(
    url: str,
    headers: Mapping[str, str],
    timeouts: Timeouts,
    retries: Retries = DEFAULT_RETRIES,
) -> Iterator[httpx.Response]:
    """GET `url`, streamed, after redirects and retries; a non-2xx answer raises `HttpStatus`."""
    import httpx

    check_url(url)
    with _client(url, timeouts) as client:
        attempt = 1
        while True:
            try:
                response = client.send(
                    client.build_request("GET", url, headers=headers), stream=True
                )
            except httpx.HTTPError as exc:
                raise _network_error(exc, url, timeouts) from None
            wait = _wait(response, attempt, retries)
            if wait is None:
                break
            response.close()
            _pause(wait)
            attempt += 1
        try:
            if not response.is_success:
                raise HttpStatus(response.status_code, str(response.url))
            yield response
        finally:
            response.close()


def chunks(response: httpx.Response, url: str, timeouts: Timeouts, cap: int) -> Iterator[bytes]:
    """The body in chunks, at most `cap` bytes; a cut connection or a stalled read raises."""
    import httpx

    announced = response.headers.get("Content-Length", "")
    encoded = response.headers.get("Content-Encoding", "identity").strip().lower() != "identity"
    if announced.isdigit() and int(announced) > cap and not encoded:
        raise too_big(url, cap)
    received = 0
    try:
        for chunk in response.iter_bytes(CHUNK_BYTES):
            received += len(chunk)
            if received > cap:  # decoded bytes: a compressed bomb is stopped too
                raise too_big(url, cap)
            yield chunk
    except httpx.TimeoutException:
        raise error("download_timeout", url=url, seconds=f"{timeouts.read:g}") from None
    except httpx.HTTPError as exc:
        raw = response.num_bytes_downloaded
        detail = f"{raw} / {announced} bytes" if announced.isdigit() else redact(str(exc))
        raise error("download_interrupted", url=url, detail=detail or type(exc).__name__) from None
    if announced.isdigit() and not encoded and received < int(announced):
        raise error("download_interrupted", url=url, detail=f"{received} / {announced} bytes")


def get_json(
    url: str,
    headers: Mapping[str, str],
    timeouts: Timeouts,
    retries: Retries = DEFAULT_RETRIES,
) -> Any:
    """The decoded JSON answer of an API; a non-2xx answer raises `HttpStatus`."""
    cap = max_download_bytes()
    with get(url, {"Accept": "application/json", **headers}, timeouts, retries) as response:
        body = b"".join(chunks(response, url, timeouts, cap))
    try:
        return json.loads(body)
    except json.JSONDecodeError as exc:
        detail = f"{exc.msg}, line {exc.lineno} column {exc.colno}"
        raise error("download_invalid_json", url=url, detail=detail) from None
    except ValueError as exc:  # not UTF-8/16/32
        raise error("download_invalid_json", url=url, detail=str(exc)) from None
