"""The address a visitor connects from, trusting `X-Forwarded-For` only from declared proxies.

Limits per address (sign-in attempts, feedback) are only as good as the address: a
header anybody can send must not choose it. `DATACITES_TRUSTED_PROXIES` lists the
proxies (addresses or networks, comma-separated) whose `X-Forwarded-For` is believed;
by default none is, and the address is the connection's own.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping, Sequence

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

TRUSTED_PROXIES_ENV = "DATACITES_TRUSTED_PROXIES"
LOCAL = "local"  # the loopback peer, as Streamlit reports it (None)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_proxies(text: str | None = None) -> list[Network]:
    """The networks of `text` (default: DATACITES_TRUSTED_PROXIES); unreadable entries are skipped."""
    text = os.environ.get(TRUSTED_PROXIES_ENV, "") if text is None else text
    networks: list[Network] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            continue
    return networks


def _address(text: str | None) -> Address | None:
    """An address as a proxy may write it: `1.2.3.4`, `1.2.3.4:5678`, `[::1]:443`, `::1`."""
    text = (text or "").strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.partition(":")[0]  # IPv4 with a port
    try:
        parsed = ipaddress.ip_address(text)
    except ValueError:
        return None
    mapped = getattr(parsed, "ipv4_mapped", None)
    return mapped or parsed  # ::ffff:1.2.3.4 is 1.2.3.4


def _in(parsed: Address, proxies: Sequence[Network]) -> bool:
    return any(parsed.version == n.version and parsed in n for n in proxies)


def _trusted(address: str | None, proxies: Sequence[Network]) -> bool:
    # Streamlit reports a loopback peer as None: trusted only when loopback is listed.
    if not address:
        loopback = (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"))
        return any(_in(a, proxies) for a in loopback)
    parsed = _address(address)
    return parsed is not None and _in(parsed, proxies)


def _forwarded(headers: Mapping[str, str] | Sequence[tuple[str, str]]) -> str:
    """Every X-Forwarded-For value, in order, as one list (a proxy may add its own header)."""
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    return ",".join(v for k, v in pairs if k.lower() == "x-forwarded-for")


def client_address(
    peer: str | None,
    headers: Mapping[str, str] | Sequence[tuple[str, str]],
    proxies: Sequence[Network],
) -> str:
    """The client's address: the peer, or walking `X-Forwarded-For` from the right through
    trusted proxies, the first hop that is not one of them."""
    if not _trusted(peer, proxies):
        return peer or LOCAL
    hops = [hop.strip() for hop in _forwarded(headers).split(",") if hop.strip()]
    current = peer or LOCAL
    for hop in reversed(hops):
        parsed = _address(hop)
        if parsed is None:
            return current  # a forged or broken entry: stop at the last hop we believe
        current = str(parsed)
        if not _in(parsed, proxies):
            return current
    return current


def current_client_address() -> str:
    """The address of the visitor of this Streamlit session."""
    import streamlit as st

    try:
        peer = st.context.ip_address
        context_headers = st.context.headers
        headers = [("X-Forwarded-For", v) for v in context_headers.get_all("X-Forwarded-For")]
    except Exception:  # outside a session, or a test double
        return LOCAL
    return client_address(peer if isinstance(peer, str) else None, headers, trusted_proxies())
