"""The visitor's address: X-Forwarded-For believed only from declared proxies."""

from __future__ import annotations

import pytest

from datacites_proto.app.client_address import (
    LOCAL,
    TRUSTED_PROXIES_ENV,
    UVICORN_ENV,
    client_address,
    current_client_address,
    trusted_proxies,
    uvicorn_replaced_peer,
)

NGINX = trusted_proxies("127.0.0.1")


def xff(value: str) -> dict[str, str]:
    return {"X-Forwarded-For": value}


def test_no_proxy_is_trusted_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TRUSTED_PROXIES_ENV, raising=False)
    assert trusted_proxies() == []
    # A loopback peer (None, as Streamlit reports it) sending any header is "local".
    assert client_address(None, xff("198.51.100.7"), trusted_proxies()) == LOCAL


def test_forged_header_from_an_untrusted_peer_is_ignored() -> None:
    for forged in ("198.51.100.7", "10.0.0.1, 198.51.100.7", "garbage"):
        assert client_address("203.0.113.9", xff(forged), NGINX) == "203.0.113.9"


def test_trusted_proxy_gives_the_address_it_saw() -> None:
    # nginx's $proxy_add_x_forwarded_for: what the client sent, then the address nginx saw.
    assert client_address(None, xff("198.51.100.7"), NGINX) == "198.51.100.7"
    assert client_address("127.0.0.1", xff("1.1.1.1, 198.51.100.7"), NGINX) == "198.51.100.7"


def test_random_values_before_the_proxy_hop_do_not_change_the_address() -> None:
    seen = {client_address(None, xff(f"10.9.{i}.{i}, 198.51.100.7"), NGINX) for i in range(50)}
    assert seen == {"198.51.100.7"}


def test_chain_of_trusted_proxies_is_walked_from_the_right() -> None:
    proxies = trusted_proxies("127.0.0.1, 10.0.0.0/8")
    assert client_address(None, xff("198.51.100.7, 10.1.2.3"), proxies) == "198.51.100.7"
    # Every hop a proxy: the leftmost one is the best we know.
    assert client_address(None, xff("10.0.0.2, 10.1.2.3"), proxies) == "10.0.0.2"


def test_broken_entry_stops_at_the_last_believed_hop() -> None:
    proxies = trusted_proxies("127.0.0.1, 10.0.0.0/8")
    assert client_address(None, xff("not-an-ip, 10.1.2.3"), proxies) == "10.1.2.3"
    assert client_address(None, xff(""), NGINX) == LOCAL


def test_ports_brackets_and_mapped_addresses() -> None:
    assert client_address(None, xff("198.51.100.7:5555"), NGINX) == "198.51.100.7"
    assert client_address(None, xff("[2001:db8::1]:443"), NGINX) == "2001:db8::1"
    assert client_address("::ffff:127.0.0.1", xff("198.51.100.7"), NGINX) == "198.51.100.7"


def test_ipv6_loopback_proxy_is_trusted_for_a_loopback_peer() -> None:
    assert client_address(None, xff("198.51.100.7"), trusted_proxies("::1")) == "198.51.100.7"


def test_every_forwarded_header_counts_in_order() -> None:
    headers = [("X-Forwarded-For", "6.6.6.6"), ("x-forwarded-for", "198.51.100.7")]
    assert client_address(None, headers, NGINX) == "198.51.100.7"


def test_environment_lists_proxies_and_skips_unreadable_entries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(TRUSTED_PROXIES_ENV, "127.0.0.1; 10.0.0.0/8, nonsense,,")
    assert [str(n) for n in trusted_proxies()] == ["127.0.0.1/32", "10.0.0.0/8"]


def test_outside_a_session_the_address_is_local() -> None:
    assert current_client_address() == LOCAL


@pytest.fixture
def uvicorn_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(UVICORN_ENV, raising=False)


@pytest.mark.usefixtures("uvicorn_default")
def test_peer_that_uvicorn_took_from_the_header_is_this_machine() -> None:
    # A built service run by `streamlit run`: uvicorn believed a local client's header.
    assert uvicorn_replaced_peer("198.51.100.7", ["10.0.0.1, 198.51.100.7"])
    assert uvicorn_replaced_peer("garbage", ["garbage"])  # uvicorn keeps even non-addresses
    assert uvicorn_replaced_peer("10.0.0.1", ["10.0.0.1, 127.0.0.1"])
    assert uvicorn_replaced_peer("6.6.6.6", ["1.1.1.1", "6.6.6.6"])  # its last header
    # A remote peer whose header names someone else: uvicorn left it alone.
    assert not uvicorn_replaced_peer("203.0.113.9", ["198.51.100.7"])
    assert not uvicorn_replaced_peer("203.0.113.9", [])
    assert not uvicorn_replaced_peer(None, ["198.51.100.7"])


def test_datacites_run_stops_uvicorn_believing_the_header(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(UVICORN_ENV, "")
    assert not uvicorn_replaced_peer("198.51.100.7", ["198.51.100.7"])


@pytest.mark.usefixtures("uvicorn_default")
def test_random_headers_from_this_machine_are_one_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TRUSTED_PROXIES_ENV, raising=False)
    seen = set()
    for i in range(20):
        forged = f"10.7.{i}.{i}"
        peer = None if uvicorn_replaced_peer(forged, [forged]) else forged
        seen.add(client_address(peer, xff(forged), trusted_proxies()))
    assert seen == {LOCAL}
