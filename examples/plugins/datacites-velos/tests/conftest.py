"""Fixtures of the example plugin's tests: a copy of its service, the app under AppTest."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

SERVICE = Path(__file__).resolve().parent.parent / "service"


@pytest.fixture(autouse=True, scope="session")
def _feedback_store_in_a_temporary_folder(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """What the app stores (usage, feedback) goes to a temporary SQLite file."""
    if "DATACITES_STORE_URL" in os.environ:
        yield
        return
    folder = tmp_path_factory.mktemp("velos-store")
    os.environ["DATACITES_STORE_URL"] = f"sqlite:///{folder / 'store.sqlite'}"
    yield
    os.environ.pop("DATACITES_STORE_URL", None)


@pytest.fixture
def service_dir(tmp_path: Path) -> Path:
    """A copy of the example service (the app writes its cache next to the blueprint)."""
    folder = tmp_path / "velos"
    shutil.copytree(SERVICE, folder, ignore=shutil.ignore_patterns(".datacites", "__pycache__"))
    return folder
