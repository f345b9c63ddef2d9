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


def _address(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if not text:
        return None
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def _trusted(address: str | None, proxies: Sequence[Network]) -> bool:
    # Streamlit reports a loopback peer as None: it is trusted only when loopback is listed.
    parsed = _address(address) if address else ipaddress.ip_address("127.0.0.1")
    return parsed is not None and any(parsed in network for network in proxies)


def client_address(peer: str | None, headers: Mapping[str, str], proxies: Sequence[Network]) -> str:
    """The client's address: the peer, or walking `X-Forwarded-For` from the right through
    trusted proxies, the first hop that is not one of them."""
    if not _trusted(peer, proxies):
        return peer or LOCAL
    forwarded = headers.get("X-Forwarded-For") or headers.get("x-forwarded-for") or ""
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    current = peer or LOCAL
    for hop in reversed(hops):
        parsed = _address(hop)
        if parsed is None:
            return current  # a forged or broken entry: stop at the last hop we believe
        current = str(parsed)
        if not any(parsed in network for network in proxies):
            return current
    return current


def current_client_address() -> str:
    """The address of the visitor of this Streamlit session."""
    import streamlit as st

    try:
        peer = st.context.ip_address
        headers = dict(st.context.headers)
    except Exception:
        return LOCAL
    return client_address(peer if isinstance(peer, str) else None, headers, trusted_proxies())
