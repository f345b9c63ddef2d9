"""app/launch.py: the warm-up `datacites run` does while Streamlit starts."""

from __future__ import annotations

import shutil
from pathlib import Path

from datacites_proto.app import caching, launch, stamps
from datacites_proto.engine.loading import cache_path
from tests.conftest import REPO


def copy_example(target: Path) -> Path:
    shutil.copytree(
        REPO / "examples" / "coeur_de_ville", target, ignore=shutil.ignore_patterns(".datacites")
    )
    return target / "blueprint.yaml"


def test_the_warm_up_builds_the_database_and_fills_the_app_caches(tmp_path: Path) -> None:
    blueprint = copy_example(tmp_path / "coeur_de_ville")
    database = cache_path(blueprint.parent, "coeur-de-ville")
    assert not database.exists()
    launch.warm_up(str(blueprint))
    assert database.is_file()  # the data were loaded and checked
    # The app's first run finds the service made: the same object, not a new one.
    stamp = stamps.blueprint_stamp(blueprint.resolve())
    first = caching.service(str(blueprint.resolve()), stamp)
    assert caching.service(str(blueprint.resolve()), stamp) is first
    loaded = caching.load(str(blueprint.resolve()), stamp)
    assert loaded.ok
    problems = caching.data_problems(
        str(blueprint.resolve()), stamp, stamps.data_stamp(loaded.blueprint)
    )
    assert problems == []


def test_a_warm_up_that_fails_leaves_it_to_the_first_visit(tmp_path: Path) -> None:
    broken = tmp_path / "blueprint.yaml"
    broken.write_text("datacites: 1\nservice: [\n")
    launch.warm_up(str(broken))  # no exception: the app's first run reports the problem
    launch.warm_up(str(tmp_path / "missing.yaml"))
    launch.warm_up(None)


def test_run_starts_streamlit_through_the_launcher() -> None:
    from datacites_proto.cli.run import SCRIPT, streamlit_command

    command = streamlit_command(SCRIPT, "127.0.0.1", 8501)
    assert command[1:4] == ["-m", "datacites_proto.app.launch", "run"]
    assert command[4] == str(SCRIPT)
