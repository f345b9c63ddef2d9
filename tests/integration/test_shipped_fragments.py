"""The fragments shipped in blueprints/ are valid and can be included by name."""

from __future__ import annotations

from pathlib import Path

from datacites_proto import load_blueprint
from datacites_proto.resources import fragment_names
from tests.conftest import REPO

# Indicator packs that need the datasets their header names; tested on an example below.
NEEDS_DATASETS = {"indicateurs-frequentation"}


def test_every_shipped_fragment_is_included_by_name(tmp_path: Path) -> None:
    names = [name for name in fragment_names() if name not in NEEDS_DATASETS]
    assert names, "no fragment shipped"
    path = tmp_path / "blueprint.yaml"
    path.write_text(
        "datacites: 1\n"
        "service: {id: essai, title: Essai}\n"
        f"include: [{', '.join(names)}]\n"
        "pages:\n"
        "  - title: Accueil\n"
        "    views: [{type: text, markdown: Bonjour}]\n",
        encoding="utf-8",
    )
    blueprint = load_blueprint(path)
    slugs = [page.url_slug for page in blueprint.pages]
    assert slugs[0] == "accueil"
    assert {"a-propos", "votre-avis", "suivi"} <= set(slugs)
    assert [p.access for p in blueprint.pages if p.url_slug == "suivi"] == ["team"]


def test_footfall_indicator_pack_brings_indicators_filters_and_relations() -> None:
    assert "indicateurs-frequentation" in fragment_names()
    blueprint = load_blueprint(REPO / "examples" / "coeur_de_ville" / "blueprint.yaml")
    assert {"passages", "passages_velo", "taux_vacance"} <= set(blueprint.indicators)
    assert {"periode", "lieu"} <= set(blueprint.filters)
    assert blueprint.filters["periode"].default == "last_90_days"
    assert len(blueprint.relations) == 2
