"""The example's public page: a masked commune is not recovered by selecting two (AppTest)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.support.apptest import app_for, texts

URBAIN = "Réseau de Chauffage urbain"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("passoires") / "passoires_thermiques"
    shutil.copytree(
        REPO / "examples" / "passoires_thermiques",
        folder,
        ignore=shutil.ignore_patterns(".datacites"),
    )
    return folder / "blueprint.yaml"


def shown(blueprint: Path, communes: list[str]) -> tuple[str, str]:
    """The « Logements diagnostiqués » KPI and the page's texts for these communes."""
    at = app_for(blueprint, {"commune": communes, "energie": URBAIN}).run()
    assert not at.exception, [e.value for e in at.exception]
    metric = next(m for m in at.metric if m.label == "Logements diagnostiqués")
    return str(metric.value), texts(at)


def count(text: str) -> int | None:
    digits = "".join(c for c in text.split(" DPE")[0] if c.isdigit())
    return int(digits) if digits else None


def test_arzano_plus_bannalec_minus_bannalec_no_longer_reveals_arzano(example: Path) -> None:
    alone, _ = shown(example, ["Arzano"])
    both, page = shown(example, ["Arzano", "Bannalec"])
    other, _ = shown(example, ["Bannalec"])
    assert alone == "masqué"
    difference = (count(both) or 0) - (count(other) or 0)
    assert difference != 9  # the masked cell (9 DPE on the raw data)
    assert difference == 0
    # The page says, in words, that rows are set aside and why.
    assert "ne sont pas comptées sur les pages publiques" in page
    assert "groupes de moins de 11" in page


def test_public_key_figures_say_they_leave_rows_out(example: Path) -> None:
    """Each KPI card over the shared dataset says, under the figure, that rows are left out."""
    at = app_for(example, {}).run()
    assert not at.exception, [e.value for e in at.exception]
    notes = [c.value for c in at.caption if "écartée" in c.value]
    assert notes and all(n.startswith("Hors ") for n in notes)
    digits = "".join(ch for ch in notes[0] if ch.isdigit())
    assert int(digits) > 0


def test_the_map_of_quartiers_says_rows_are_set_aside(example: Path) -> None:
    from tests.support.apptest import open_page

    at = open_page(app_for(example, {"energie": URBAIN}), "carte").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "ne sont pas comptées sur les pages publiques" in texts(at)


SHARED_RANGE = """\
datacites: 1
service: {id: essai, title: Essai}
datasets:
  facts:
    source: {type: csv, path: facts.csv}
    columns: {kind: string, amount: number}
    governance: {access: shared, min_group_size: 3}
indicators:
  n: {label: Lignes, dataset: facts, measure: count(*)}
filters:
  amount: {type: range, column: facts.amount, label: Montant}
  kind: {type: multiselect, column: facts.kind, label: Sorte}
pages:
  - title: Accueil
    filters: [amount, kind]
    views:
      - {type: bar, indicator: n, by: kind}
"""


def test_public_filters_offer_the_protected_domain(tmp_path: Path) -> None:
    rows = ["kind,amount"] + [f"x,{1.3 + i}" for i in range(12)] + ["rare,7.7"]
    (tmp_path / "facts.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "blueprint.yaml").write_text(SHARED_RANGE, encoding="utf-8")
    at = app_for(tmp_path / "blueprint.yaml").run()
    assert not at.exception, [e.value for e in at.exception]
    slider = at.slider(key="filter-amount")
    # Fixed bins' edges, never the smallest and largest values (each a single row's).
    assert (slider.min, slider.max) != (1.3, 12.3)
    assert slider.min <= 1.3 and slider.max >= 12.3
    # The rare value (1 row, below 3) is merged: the public never sees it named.
    options = at.multiselect(key="filter-kind").options
    assert "rare" not in options
