"""The plugin as installed: its components registered under their entry points, its messages
in the catalogue in French and English, and `datacites test` passing on its service."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from datacites_velos.availability import AvailabilityView
from datacites_velos.gbfs import GbfsSource
from datacites_velos.stations import StationsLayer

from datacites_proto import default_registry
from datacites_proto.i18n import translate

DATACITES = Path(sys.executable).parent / "datacites"
COMPONENTS = [GbfsSource, AvailabilityView, StationsLayer]


def test_the_entry_points_register_the_three_components() -> None:
    registry = default_registry()
    for kind, tag, cls in (
        ("sources", "gbfs", GbfsSource),
        ("views", "availability", AvailabilityView),
        ("layers", "stations", StationsLayer),
    ):
        info = registry.info(kind, tag)
        assert info is not None and info.cls is cls
        assert info.distribution == "datacites-velos"
        assert not info.builtin


@pytest.mark.parametrize("cls", COMPONENTS, ids=lambda c: c.__name__)
def test_every_message_exists_in_french_and_english(cls: type) -> None:
    messages = cls.messages  # type: ignore[attr-defined]
    assert set(messages) == {"fr", "en"}
    assert set(messages["fr"]) == set(messages["en"])
    for lang, texts in messages.items():
        for code, text in texts.items():
            assert code.startswith("velos_")  # the plugin's prefix: no clash with the core
            assert translate(code, lang) == text  # placeholders left visible without params


def test_a_message_is_filled_in_each_language() -> None:
    assert translate("velos_low_share", "fr", threshold="3") == "Stations avec moins de 3 vélos"
    assert translate("velos_low_share", "en", threshold="3") == "Stations with fewer than 3 bikes"


def test_datacites_test_renders_the_service(service_dir: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "DATACITES_LANG": "fr"}
    result = subprocess.run(
        [str(DATACITES), "test", str(service_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Trouver un vélo" in result.stdout
    assert "sans exception, panneau d'erreur ni avertissement" in result.stdout
