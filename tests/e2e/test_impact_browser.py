"""The « Expérimentation » page of the footfall example in a real browser: the effect's
sentence, both charts drawn with their text alternatives, the checks, and the planned
experiment's waiting message."""

from __future__ import annotations

import re
from pathlib import Path

from tests.e2e.conftest import Server, wait_for_app


def test_the_experiment_page_shows_the_effect_and_the_wait(
    example: Server, page: object, tmp_path: Path
) -> None:
    page.goto(f"{example.url}/experimentation")  # type: ignore[attr-defined]
    wait_for_app(page)
    main = page.locator("[data-testid='stMain']")  # type: ignore[attr-defined]
    main.get_by_role("heading", name="Piétonnisation de la rue Savary").wait_for()
    sentence = main.get_by_text(re.compile(r"l'indicateur « Passages piétons » a augmenté de 1\d"))
    assert sentence.is_visible()
    assert "pour Rue Savary, par rapport aux témoins" in sentence.inner_text()
    # Both figures of the running experiment are drawn (SVG marks), each with its alternative.
    main.get_by_role("heading", name="Marché du samedi aux Halles").wait_for()
    charts = main.locator("[data-testid='stVegaLiteChart']")
    charts.nth(1).wait_for()
    # The running experiment's estimate and series; the planned one has no data yet.
    assert charts.count() == 2
    for index in range(2):
        charts.nth(index).scroll_into_view_if_needed()
        charts.nth(index).locator("svg").first.wait_for()
        page.screenshot(path=str(tmp_path / f"chart{index}.png"))  # type: ignore[attr-defined]
    # Each chart is a graphics document named by its text alternative.
    estimate, series = (charts.nth(i).get_attribute("aria-label") or "" for i in range(2))
    assert re.match(r"Effet estimé de 1\d", estimate), estimate
    assert "l'intervention commence le 1er juin 2026" in series, series
    assert charts.nth(1).locator("path[aria-roledescription='line mark']").count() == 2
    # The checks, each with its verdict.
    for check in ("✓ Assez de données", "✓ Test placebo réussi", "✓ Pas de tendance"):
        assert main.get_by_text(check).is_visible()
    # The planned experiment waits for its data, and says for how long.
    waiting = main.get_by_text(re.compile(r"Encore \d+ jours de données à recueillir"))
    assert waiting.is_visible()
    assert main.get_by_text("Intervention : du 9 janvier 2027 au 26 juin 2027").is_visible()
