"""Where the store lives, and the messages when DATACITES_STORE_URL is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from datacites_proto.store import STORE_ENV, Store, StoreError, store_url


def test_default_is_a_sqlite_file_in_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(STORE_ENV, raising=False)
    url = store_url(tmp_path)
    assert url == f"sqlite:///{tmp_path.resolve()}/.datacites/store.sqlite"
    Store.open(url).close()
    assert (tmp_path / ".datacites" / "store.sqlite").is_file()


def test_the_environment_variable_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(STORE_ENV, "postgresql+psycopg://u@db.example/x")
    assert store_url(tmp_path) == "postgresql+psycopg://u@db.example/x"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("pas une adresse", "n'est pas une adresse de base de données valide"),
        ("mysql://u@h/db", "désigne une base « mysql »"),
        ("sqlite:////proc/nope/store.sqlite", "Impossible d'ouvrir le stockage des avis"),
    ],
)
def test_bad_urls_get_a_clear_message(url: str, expected: str) -> None:
    with pytest.raises(StoreError) as caught:
        Store.open(url)
    assert expected in caught.value.message("fr")
    assert "DATACITES_STORE_URL" in caught.value.message("fr")
    assert caught.value.message("en") != caught.value.message("fr")


def test_an_unreachable_server_is_named_without_its_password() -> None:
    # Port 1 of this machine: nothing listens there, the connection is refused at once.
    with pytest.raises(StoreError) as caught:
        Store.open("postgresql+psycopg://agent:s3cret@127.0.0.1:1/avis?connect_timeout=3")
    message = caught.value.message("fr")
    assert "127.0.0.1:1/avis" in message
    assert "s3cret" not in message
