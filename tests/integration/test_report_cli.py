"""`datacites report`: restricted data never reaches it, a filter gives the app's figures for
that filter, a wrong page, filter, value, date, output or data is a clear error, the
committed sample is fresh and the PDF reproducible. Every example's report is checked
against the app in test_report_examples.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from datacites_proto import inspect_blueprint
from tests.conftest import REPO
from tests.integration.app.test_examples_render import blueprint_of
from tests.integration.test_report_examples import AS_OF
from tests.support.apptest import app_for, open_page
from tests.support.pdf_text import pdf_text, plain


def test_restricted_data_never_reaches_the_report(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """Passoires thermiques: the advisers' `logements` (addresses) are restricted."""
    folder = tmp_path / "passoires_thermiques"
    shutil.copytree(
        REPO / "examples" / "passoires_thermiques",
        folder,
        ignore=shutil.ignore_patterns(".datacites"),
    )
    import pandas as pd

    result = cli("report", folder, "-o", tmp_path / "r.html", "--as-of", AS_OF)
    assert result.code == 0, result.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    rows = pd.read_parquet(folder / "data" / "dpe_logements.parquet")
    for address in rows["identifiant_ban"].head(200):
        assert address not in html
    blueprint = inspect_blueprint(blueprint_of(folder)).blueprint
    assert blueprint is not None
    restricted = blueprint.datasets["logements"]
    assert restricted.governance.access == "restricted"
    assert restricted.title and restricted.title not in html


def test_the_team_blueprint_prints_its_public_page_only(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "team"
    shutil.copytree(REPO / "tests" / "blueprints" / "team", folder)
    result = cli("report", folder, "-o", tmp_path / "r.pdf", "--as-of", AS_OF)
    assert result.code == 0, result.output
    text, _ = pdf_text((tmp_path / "r.pdf").read_bytes())
    assert "Équipements 3" in text and "Médiathèque" in text
    assert "confidentiel" not in text and "Signalements" not in text
    assert "Les avis se donnent en ligne" in text  # the feedback page's form
    refused = cli("report", folder, "--page", "suivi", "-o", tmp_path / "s.pdf")
    assert refused.code == 2 and not (tmp_path / "s.pdf").exists()
    assert "réservée à l'équipe" in refused.err and "Traceback" not in refused.output


def test_a_filter_gives_the_apps_figures_for_that_filter(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """The same period on both sides: the PDF's KPIs are the app's with ?periode=…"""
    folder = tmp_path / "coeur_de_ville"
    shutil.copytree(
        REPO / "examples" / "coeur_de_ville", folder, ignore=shutil.ignore_patterns(".datacites")
    )
    path = blueprint_of(folder)
    target = tmp_path / "r.pdf"
    result = cli(
        "report", path, "--page", "accueil", "--filter", "periode=last_7_days", "-o", target
    )
    assert result.code == 0, result.output
    text, _ = pdf_text(target.read_bytes())
    at = open_page(app_for(path, {"periode": "last_7_days"}), "accueil").run()
    assert at.metric
    for metric in at.metric:
        assert plain(f"{metric.label} {metric.value}") in text
    assert "Du 25 oct. au 31 oct. 2026" in plain(text) or "7 derniers jours" in text


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--page", "nulle-part"), "Page « nulle-part » inconnue"),
        (("--filter", "periode"), "écrivez --filter identifiant=valeur"),
        (("--filter", "inconnu=1"), "Filtre « inconnu » inconnu"),
        (("--filter", "periode=2001-01-01..2001-02-01"), "Valeur « 2001-01-01..2001-02-01 »"),
        (("--filter", "lieu=Lune"), "Valeur « Lune » impossible pour le filtre « lieu »"),
        (("--as-of", "hier"), "Date « hier » illisible"),
    ],
)
def test_a_wrong_request_is_a_usage_error(tmp_path: Path, cli, args: tuple, words: str) -> None:  # type: ignore[no-untyped-def,type-arg]
    target = tmp_path / "r.pdf"
    result = cli("report", REPO / "examples" / "coeur_de_ville", *args, "-o", target)
    assert result.code == 2, result.output
    assert words in plain(result.err), result.err
    assert "Traceback" not in result.output and not target.exists()


@pytest.mark.parametrize(
    ("name", "words"),
    [("r.docx", "le rapport s'écrit en .pdf ou en .html"), ("absent/r.pdf", "Impossible d'écrire")],
)
def test_a_wrong_output_is_a_usage_error(tmp_path: Path, cli, name: str, words: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("report", REPO / "tests" / "blueprints" / "team", "-o", tmp_path / name)
    assert result.code == 2, result.output
    assert words in plain(result.err) and "Traceback" not in result.output


def test_english_messages(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    team = REPO / "tests" / "blueprints" / "team"
    result = cli("--lang", "en", "report", team, "--page", "x", "-o", tmp_path / "r.pdf")
    assert result.code == 2
    assert "Unknown page 'x'" in plain(result.err)


SAMPLE = REPO / "docs" / "fr" / "exemple-rapport.pdf"
SAMPLE_COMMAND = (
    f"datacites report examples/coeur_de_ville -o docs/fr/exemple-rapport.pdf --as-of {AS_OF}"
)


def test_the_committed_sample_report_is_fresh(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """docs/fr/exemple-rapport.pdf is what the command writes today (its text and pages:
    fonts may differ on another machine)."""
    target = tmp_path / "exemple-rapport.pdf"
    result = cli("report", REPO / "examples" / "coeur_de_ville", "-o", target, "--as-of", AS_OF)
    assert result.code == 0, result.output
    stale = f"{SAMPLE} is stale: run `{SAMPLE_COMMAND}` and commit the result."
    assert SAMPLE.is_file(), stale
    assert pdf_text(SAMPLE.read_bytes()) == pdf_text(target.read_bytes()), stale


def test_the_pdf_is_reproducible(tmp_path: Path, run_script) -> None:  # type: ignore[no-untyped-def]
    """Two runs of the command, the same bytes: no creation date, an identifier drawn from
    the content (Vega numbers its SVG clips per process: each run is its own process)."""
    made = []
    for name in ("a.pdf", "b.pdf"):
        target = tmp_path / name
        result = run_script(
            "report", REPO / "tests" / "blueprints" / "team", "-o", target, "--as-of", AS_OF
        )
        assert result.code == 0, result.output
        made.append(target.read_bytes())
    assert made[0] == made[1]
    assert b"/CreationDate" not in made[0] and b"/ModDate" not in made[0]


def test_data_the_app_would_refuse_gives_located_problems_and_no_report(
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    folder = tmp_path / "team"
    shutil.copytree(REPO / "tests" / "blueprints" / "team", folder)
    (folder / "data" / "equipements.csv").unlink()
    result = cli("report", folder, "-o", tmp_path / "r.pdf")
    assert result.code == 1 and not (tmp_path / "r.pdf").exists()
    assert "data/equipements.csv" in result.err and "n'existe pas" in result.err
    assert "Traceback" not in result.output


def test_a_table_prints_its_first_rows_up_to_print_limit(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """Cœur de ville's shops: 140 rows on screen; the report prints `print_limit` of them."""
    folder = tmp_path / "coeur_de_ville"
    shutil.copytree(
        REPO / "examples" / "coeur_de_ville", folder, ignore=shutil.ignore_patterns(".datacites")
    )
    blueprint = folder / "blueprint.yaml"
    text = blueprint.read_text(encoding="utf-8")
    table = "{type: table, dataset: vacance, columns: [adresse, statut, activite], download: true"
    assert table in text
    blueprint.write_text(text.replace(table, table + ", print_limit: 5"), encoding="utf-8")
    printed = {}
    for name, args in (("five", []), ("default", None)):
        if args is None:  # the example as shipped: the default, 100 rows
            blueprint.write_text(text, encoding="utf-8")
        out = tmp_path / f"{name}.html"
        result = cli("report", folder, "--page", "commerces", "-o", out, "--as-of", AS_OF)
        assert result.code == 0, result.output
        html = out.read_text(encoding="utf-8")
        section = html[html.index('class="view rows"') :]
        section = section[: section.index("</section>")]
        printed[name] = (section.count("<tr>") - 1, plain(section))  # less the header row
    assert printed["five"][0] == 5 and printed["default"][0] == 100
    assert "Le document montre les 5 premières des 140 lignes de l'écran" in printed["five"][1]
    assert "les 100 premières des 140 lignes" in printed["default"][1]
