"""The fragments shipped in blueprints/ are valid and can be included by name."""

from __future__ import annotations

from pathlib import Path

from datacites_proto import load_blueprint
from datacites_proto.resources import fragment_names


def test_every_shipped_fragment_is_included_by_name(tmp_path: Path) -> None:
    names = fragment_names()
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
