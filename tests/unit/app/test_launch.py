"""app/launch.py: the warm-up `datacites run` does before its server listens."""

from __future__ import annotations

import asyncio
import logging
import shutil
import threading
from pathlib import Path

import pytest

from datacites_proto.app import caching, launch, stamps
from datacites_proto.engine.loading import cache_path
from datacites_proto.engine.service import Service
from tests.conftest import REPO
from tests.support.apptest import app_for


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


def count_queries(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The indicators the Service computes from now on (cached results are not computed)."""
    computed: list[str] = []
    real = Service.result

    def spy(self: Service, indicator: str, *args: object, **kwargs: object) -> object:
        computed.append(indicator)
        return real(self, indicator, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Service, "result", spy)
    return computed


def test_after_the_warm_up_the_first_visit_computes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blueprint = copy_example(tmp_path / "coeur_de_ville")
    computed = count_queries(monkeypatch)
    launch.warm_up(str(blueprint))
    warmed = list(computed)
    assert {"passages", "passages_velo"} <= set(warmed)  # the first page's KPIs and charts
    at = app_for(blueprint)
    at.run()
    assert not at.exception
    assert len(at.metric) >= 2 and all(m.value for m in at.metric)
    assert computed == warmed  # every result the visitor's run asked for was ready
    # Another period is a new question: computed then, as usual.
    at.sidebar.selectbox[0].set_value("last_7_days").run()
    assert len(computed) > len(warmed)


def test_the_lifespan_returns_once_the_app_is_warm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blueprint = copy_example(tmp_path / "coeur_de_ville")
    monkeypatch.setenv(launch.BLUEPRINT_ENV, str(blueprint))
    computed = count_queries(monkeypatch)

    seen: list[list[str]] = []

    async def serve() -> None:
        async with launch.lifespan_for()(None):  # datacites run's: the blueprint of the env
            seen.append(list(computed))  # what was done before the server accepts anyone

    # Its own thread: an earlier test (Playwright's sync API) may hold a running loop here.
    thread = threading.Thread(target=asyncio.run, args=(serve(),))
    thread.start()
    thread.join(timeout=120)
    assert seen and "passages" in seen[0]


def test_streamlit_is_quiet_about_the_warm_up_only() -> None:
    launch.quiet_streamlit_during_warm_up()
    logger = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")

    def record(thread: str) -> logging.LogRecord:
        made = logger.makeRecord(logger.name, logging.WARNING, __file__, 1, "missing", (), None)
        made.threadName = thread
        return made

    assert not logger.filter(record(launch.WARM_UP_THREAD))
    assert logger.filter(record("ScriptRunner.scriptThread"))
    assert not logging.getLogger("streamlit").filter(record(launch.WARM_UP_THREAD))


def test_run_serves_the_app_as_an_st_app_through_the_launcher() -> None:
    from streamlit.web.server.app_discovery import discover_asgi_app

    from datacites_proto.cli.run import SERVED, streamlit_command

    command = streamlit_command(SERVED, "127.0.0.1", 8501)
    assert command[1:4] == ["-m", "datacites_proto.app.launch", "run"]
    assert command[4] == str(SERVED)
    # `streamlit run` serves it with its lifespan only if it finds the st.App in the file.
    found = discover_asgi_app(SERVED)
    assert found.is_asgi_app and found.import_string is not None


def test_run_leaves_garbage_collection_to_python_between_script_runs() -> None:
    """Streamlit's full collection after every run held the GIL for every visitor (issue 17)."""
    from datacites_proto.cli.run import SERVED, streamlit_command

    assert "--runner.postScriptGC=false" in streamlit_command(SERVED, "127.0.0.1", 8501)
