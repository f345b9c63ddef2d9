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
# Whose X-Forwarded-For uvicorn believes (default: loopback); `datacites run` sets it empty,
# so that the header is read here only, through DATACITES_TRUSTED_PROXIES.
UVICORN_ENV = "FORWARDED_ALLOW_IPS"
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


def uvicorn_replaced_peer(peer: str | None, forwarded: Sequence[str]) -> bool:
    """Whether uvicorn may have put X-Forwarded-For's address in place of a loopback peer.

    Unless FORWARDED_ALLOW_IPS says otherwise, uvicorn (Streamlit's server) believes the
    header from 127.0.0.1 and ::1 and reports its address as the peer: what a local
    client, or a proxy passing the header on, chose. This redoes uvicorn's pick (its last
    header, from the right, the first entry that is not loopback, kept even if not an
    address) and tells whether the reported peer is that pick.
    """
    if UVICORN_ENV in os.environ or not forwarded or not peer:
        return False
    hops = [hop.strip() for hop in forwarded[-1].split(",")]
    loopback = {ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1")}
    for hop in reversed(hops):
        try:
            if ipaddress.ip_address(hop) in loopback:
                continue
        except ValueError:
            pass
        return peer == hop
    return peer == hops[0]


def current_client_address() -> str:
    """The address of the visitor of this Streamlit session."""
    import streamlit as st

    try:
        peer = st.context.ip_address
        forwarded = list(st.context.headers.get_all("X-Forwarded-For"))
    except Exception:  # outside a session, or a test double
        return LOCAL
    peer = peer if isinstance(peer, str) else None
    if uvicorn_replaced_peer(peer, forwarded):
        peer = None  # the connection came from this machine
    headers = [("X-Forwarded-For", value) for value in forwarded]
    return client_address(peer, headers, trusted_proxies())
