"""Charts whose figures did not change are kept, not laid out again (views/charts/kept.py)."""

from __future__ import annotations

import pytest

from datacites_proto.views.charts import kept


@pytest.fixture(autouse=True)
def empty() -> None:
    kept.clear()


def test_the_same_key_makes_once_and_gives_the_same_chart() -> None:
    made: list[str] = []

    def make(name: str):
        def run() -> dict:
            made.append(name)
            return {"chart": name}

        return run

    first = kept.kept(("bar", "result-a", "fr"), make("a"))
    again = kept.kept(("bar", "result-a", "fr"), make("a"))
    other = kept.kept(("bar", "result-a", "en"), make("a-en"))
    assert again is first and other == {"chart": "a-en"}
    assert made == ["a", "a-en"]


def test_the_least_recently_drawn_go_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kept, "KEPT_MAX", 2)
    made: list[int] = []

    def make(n: int):
        return lambda: made.append(n) or n

    kept.kept(1, make(1))
    kept.kept(2, make(2))
    kept.kept(1, make(1))  # drawn again: now the most recent
    kept.kept(3, make(3))  # 2 goes
    kept.kept(1, make(1))
    kept.kept(2, make(2))
    assert made == [1, 2, 3, 2]


def test_disabled_makes_every_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kept, "ENABLED", False)
    made: list[int] = []
    for _ in range(3):
        kept.kept("k", lambda: made.append(1))
    assert len(made) == 3
