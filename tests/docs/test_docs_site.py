"""The documentation site (issue 18): `mkdocs build --strict` succeeds, in French at the root
and in English under en/, works offline (no Google Fonts), and a broken link fails it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

MKDOCS = str(Path(sys.executable).parent / "mkdocs")
GUIDES = [
    "tutoriel",
    "connecter-postgresql",
    "utiliser-data-gouv",
    "partager-sous-convention",
    "acces-equipe",
    "deployer",
    "evaluer-une-experimentation",
    "ecrire-une-extension",
    "reference",
    "architecture",
    "engine",
    "benchmarks",
]


def build(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MKDOCS, "build", "--strict", "--site-dir", str(site)],
        cwd=root,  # pymdownx.snippets reads benchmarks/README.md from here
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    done = build(REPO, target)
    assert done.returncode == 0, done.stdout + done.stderr
    return target


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_guide_is_built_in_french_and_in_english(site: Path) -> None:
    for name in GUIDES:
        assert (site / name / "index.html").is_file(), name
        assert (site / "en" / name / "index.html").is_file(), f"en/{name}"
    french, english = page(site, "tutoriel"), page(site, "en/tutoriel")
    assert '<html lang="fr"' in french and "votre premier service en 15 minutes" in french
    assert '<html lang="en"' in english and "your first service in 15 minutes" in english
    assert "Guides pratiques" in french and "How-to guides" in english


def test_the_language_switch_lands_on_the_translation(site: Path) -> None:
    assert 'href="../en/tutoriel/" hreflang="en"' in page(site, "tutoriel")
    assert 'href="../../tutoriel/" hreflang="fr"' in page(site, "en/tutoriel")


def test_links_between_languages_and_to_the_repository_work(site: Path) -> None:
    """mkdocs_hooks.py: a page's link to its other language, and to a file outside docs/."""
    assert 'href="../en/acces-equipe/"' in page(site, "acces-equipe")
    assert 'href="../../acces-equipe/"' in page(site, "en/acces-equipe")
    home = page(site, ".")
    assert "https://github.com/datacites/datacites-proto/blob/main/examples/" in home
    assert 'src="../screenshots/coeur_de_ville.png"' in page(site, "examples")
    assert (site / "screenshots" / "coeur_de_ville.png").is_file()


def test_the_benchmarks_page_shows_benchmarks_readme(site: Path) -> None:
    text = (REPO / "benchmarks" / "README.md").read_text("utf-8")
    sentence = next(line for line in text.splitlines() if line and not line.startswith("#"))
    assert sentence[:40] in page(site, "benchmarks")
    assert sentence[:40] in page(site, "en/benchmarks")


def test_nothing_is_fetched_from_google_fonts(site: Path) -> None:
    fetched = re.compile(r"https?://fonts\.(googleapis|gstatic)\.com")
    offenders = [
        str(path.relative_to(site))
        for path in site.rglob("*")
        if path.suffix in (".html", ".css", ".js") and fetched.search(path.read_text("utf-8"))
    ]
    assert not offenders


def test_a_broken_link_fails_the_strict_build(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    for name in ("mkdocs.yml", "mkdocs_hooks.py", "benchmarks/README.md"):
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, copy / name)
    shutil.copytree(REPO / "docs", copy / "docs")
    tutorial = copy / "docs" / "fr" / "tutoriel.md"
    tutorial.write_text(
        tutorial.read_text("utf-8") + "\nVoir [la page absente](absente.md).\n", "utf-8"
    )
    done = build(copy, tmp_path / "site")
    assert done.returncode != 0
    assert "fr/tutoriel.md" in done.stdout + done.stderr
    assert "absente.md" in done.stdout + done.stderr


def nav_pages(items: object) -> set[str]:
    """Every page path of mkdocs.yml's nav."""
    if isinstance(items, str):
        return {items}
    if isinstance(items, list):
        return set().union(*(nav_pages(i) for i in items)) if items else set()
    if isinstance(items, dict):
        return set().union(*(nav_pages(v) for v in items.values()))
    return set()


def test_every_page_is_in_the_nav_and_has_its_translation() -> None:
    """A page reached only by a link is easy to lose; an English page under another name
    than its French one leaves the language switch on a French copy."""
    import yaml

    nav = nav_pages(yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))["nav"])
    docs = REPO / "docs"
    french = {str(p.relative_to(docs / "fr")) for p in (docs / "fr").rglob("*.md")}
    english = {str(p.relative_to(docs / "en")) for p in (docs / "en").rglob("*.md")}
    shared = {p.name for p in docs.glob("*.md")}
    assert not (french | english | shared) - nav, "pages missing from mkdocs.yml's nav"
    assert not english - french, "English pages without a French page of the same name"
    # The examples' governance registers are generated in French (make governance-docs).
    untranslated = {p for p in french - english if not p.startswith("registre-exemples/")}
    assert not untranslated, "French pages without an English page of the same name"
