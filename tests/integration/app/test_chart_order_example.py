"""On the passoires thermiques example, construction periods are drawn in their declared
order (« avant 1948 » first), and crowded place names lie down (issue 15)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO
from tests.support.apptest import open_page, vega_specs

EXAMPLE = REPO / "examples" / "passoires_thermiques"


@pytest.fixture(scope="module")
def blueprint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("order") / "passoires_thermiques"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".datacites"))
    return folder / "blueprint.yaml"


def app(blueprint: Path, audience: str) -> AppTest:
    script = blueprint.parent / f"{audience}_app.py"
    script.write_text(
        "from datacites_proto.app.main import run\n"
        f"run({str(blueprint)!r}, audience={audience!r})\n",
        encoding="utf-8",
    )
    return AppTest.from_file(str(script), default_timeout=120)


def declared_periods() -> list[str]:
    from datacites_proto import load_blueprint

    blueprint = load_blueprint(EXAMPLE / "blueprint.yaml")
    return list(blueprint.datasets["dpe"].columns["periode_construction"].enum or [])


def test_periods_follow_the_columns_enum(blueprint: Path) -> None:
    at = open_page(app(blueprint, "team"), "analyses")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    periods = declared_periods()
    assert periods[0] == "avant 1948" and periods[-1] == "après 2021"
    # Ten periods do not fit side by side on a phone: the bars lie down, first on top.
    drawn = next(
        s["encoding"]["y"]["sort"]
        for s in vega_specs(at)
        if "avant 1948" in (s["encoding"]["y"].get("sort") or [])
    )
    # Every period the data holds, in the declared order (alphabetically « après 2021 »
    # came before « avant 1948 »).
    assert drawn == [p for p in periods if p in drawn]
    assert drawn[0] == "avant 1948"
    # DPE labels A to G are declared in order and fit side by side: upright bars.
    letters = next(s for s in vega_specs(at) if s["encoding"]["x"].get("sort") == list("ABCDEFG"))
    assert letters["encoding"]["y"]["field"] == "value"


def test_communes_lie_down_and_keep_the_views_sort(blueprint: Path) -> None:
    at = open_page(app(blueprint, "public"), "accueil")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    bars = [s for s in vega_specs(at) if s["mark"]["type"] == "bar"]
    communes = next(s for s in bars if "Quimperlé" in (s["encoding"]["y"].get("sort") or []))
    assert communes["encoding"]["x"]["field"] == "value"  # horizontal: one name per row
    assert len(communes["encoding"]["y"]["sort"]) >= 8
