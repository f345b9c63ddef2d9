"""Broken blueprints, through the real `datacites validate` command.

Each file of `broken/` is a blueprint with one thing wrong (its first lines say what,
in French). For every one, the command must exit with code 1, point at the exact
`file:line:column`, say what is wrong in French by default and in English with
`--lang en`, give the problem's code in `--format json`, and never show a traceback.

Expected positions are computed from the files' text: each case names a regular
expression that matches exactly one (non-comment) line; the problem's line is that
line and its column is where the expression's first group (or the match) starts.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from datacites_proto.cli.main import main

HERE = Path(__file__).parent
BROKEN = HERE / "broken"
CONTRACT = HERE.parent / "blueprints" / "contract"
DATACITES = Path(sys.executable).parent / "datacites"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@dataclass(frozen=True)
class Case:
    file: str
    code: str
    at: str | None  # regex matching the offending line; None when the problem has no line
    fr: str  # a distinctive fragment of the French message
    en: str  # the same in English
    # True: the column is where `at` says; False: no column (Python files); None: any.
    col: bool | None = True
    suggestion: str | None = None  # the "did you mean" expected

    def __str__(self) -> str:
        return self.file


CASES = [
    # --- typos in keys: an unknown key is an error with a "did you mean" suggestion
    Case(
        "typo_top_level_key.yaml",
        "unknown_key",
        r"^(indicateurs):",
        "Clé inconnue « indicateurs »",
        "Unknown key 'indicateurs'",
        suggestion="indicators",
    ),
    Case(
        "typo_indicator_key.yaml",
        "unknown_key",
        r"^    (datset):",
        "Clé inconnue « datset »",
        "Unknown key 'datset'",
        suggestion="dataset",
    ),
    Case(
        "typo_governance_key.yaml",
        "unknown_key",
        r"(licnce):",
        "Clé inconnue « licnce »",
        "Unknown key 'licnce'",
        suggestion="licence",
    ),
    Case(
        "typo_view_key.yaml",
        "unknown_key",
        r"(titel):",
        "Clé inconnue « titel »",
        "Unknown key 'titel'",
        suggestion="title",
    ),
    Case(
        "typo_source_key.yaml",
        "unknown_key",
        r"(pth):",
        "Clé inconnue « pth »",
        "Unknown key 'pth'",
        suggestion="path",
    ),
    # --- wrong value types
    Case(
        "type_min_group_size_text.yaml",
        "expected_integer",
        r"min_group_size: (onze)",
        "On attend un nombre entier ici, pas « onze »",
        "A whole number is expected here, not 'onze'",
    ),
    Case(
        "type_pages_not_list.yaml",
        "expected_list",
        r"^pages: (Accueil)",
        "On attend une liste ici",
        "A list is expected here",
    ),
    Case(
        "type_download_not_boolean.yaml",
        "expected_boolean",
        r"download: (peut-être)",
        "On attend true ou false ici, pas « peut-être »",
        "true or false is expected here, not 'peut-être'",
    ),
    Case(
        "type_updated_not_date.yaml",
        "expected_date",
        r"updated: (hier)",
        "On attend une date AAAA-MM-JJ ici",
        "A YYYY-MM-DD date is expected here",
    ),
    # A key YAML reads as a number: the problem is the key, not the value after it.
    Case(
        "key_number_column.yaml",
        "key_not_text",
        r"^      (2024): integer$",
        "Une clé doit être un texte : « 2024 »",
        "A key must be text: '2024'",
    ),
    Case(
        "type_datasets_list.yaml",
        "expected_mapping",
        r"^  (- sites)$",
        "On attend un dictionnaire ici",
        "A mapping is expected here",
    ),
    # --- unknown component types
    Case(
        "unknown_source_type.yaml",
        "unknown_component_type",
        r"type: (cvs)",
        "Type de source « cvs » inconnu",
        "Unknown source type 'cvs'",
        suggestion="csv",
    ),
    Case(
        "unknown_view_type.yaml",
        "unknown_component_type",
        r"type: (camembert)",
        "Type de vue « camembert » inconnu",
        "Unknown view type 'camembert'",
    ),
    Case(
        "unknown_layer_type.yaml",
        "unknown_component_type",
        r"type: (point),",
        "Type de couche de carte « point » inconnu",
        "Unknown map layer type 'point'",
        suggestion="points",
    ),
    Case(
        "unknown_filter_type.yaml",
        "unknown_type",
        r"type: (daterange)",
        "Type « daterange » inconnu",
        "Unknown type 'daterange'",
        suggestion="date_range",
    ),
    # --- unknown references
    Case(
        "ref_unknown_dataset.yaml",
        "unknown_dataset",
        r"dataset: (site)$",
        "Jeu de données « site » inconnu",
        "Unknown dataset 'site'",
        suggestion="sites",
    ),
    Case(
        "ref_unknown_indicator.yaml",
        "unknown_indicator",
        r"indicator: (nb_site)\}",
        "Indicateur « nb_site » inconnu",
        "Unknown indicator 'nb_site'",
        suggestion="nb_sites",
    ),
    Case(
        "ref_unknown_filter.yaml",
        "unknown_filter",
        r"filters: \[(periode)\]",
        "Filtre « periode » inconnu",
        "Unknown filter 'periode'",
        suggestion="period",
    ),
    Case(
        "ref_unknown_column.yaml",
        "unknown_column",
        r"(site_nom)\]",
        "Colonne « site_nom » inconnue dans le jeu « sites »",
        "Unknown column 'site_nom' in dataset 'sites'",
        suggestion="site_name",
    ),
    Case(
        "ref_unknown_relation_side.yaml",
        "unknown_dataset",
        r"^  - measures\.channel_id -> (channel\.channel_id)$",
        "Jeu de données « channel » inconnu",
        "Unknown dataset 'channel'",
        suggestion="channels",
    ),
    Case(
        "ref_unknown_success_indicator.yaml",
        "unknown_indicator",
        r"success_indicators: \[(frequentation)\]",
        "Indicateur « frequentation » inconnu",
        "Unknown indicator 'frequentation'",
    ),
    # --- bad expressions: the column points into the expression
    Case(
        "expr_measure_unknown_function.yaml",
        "expr_unknown_function",
        r"measure: (total)\(count\)",
        "La fonction « total » n'existe pas",
        "There is no function 'total'",
        suggestion="sum",
    ),
    Case(
        "expr_where_unclosed_string.yaml",
        "expr_unclosed_string",
        r"mobility_type = ('PEDESTRIAN)\"$",
        "Ce texte n'est pas fermé",
        "This text is not closed",
    ),
    Case(
        "expr_where_unknown_column.yaml",
        "unknown_column",
        r"count >= 0 and (mobility) = ",
        "Colonne « mobility » inconnue",
        "Unknown column 'mobility'",
    ),
    Case(
        "expr_measure_not_numeric.yaml",
        "column_not_numeric",
        r"measure: sum\((channel_id)\)",
        "cette mesure demande des nombres",
        "this measure needs numbers",
    ),
    Case(
        "expr_formula_unknown_indicator.yaml",
        "unknown_indicator",
        r"formula: chargers / (populaton) \* 1000",
        "Indicateur « populaton » inconnu",
        "Unknown indicator 'populaton'",
        suggestion="population",
    ),
    Case(
        "expr_formula_syntax.yaml",
        "expr_expected_indicator",
        r'formula: "chargers \*(")$',
        "Il manque un indicateur ou un nombre à cet endroit",
        "An indicator or a number is missing here",
    ),
    Case(
        "formula_cycle.yaml",
        "formula_cycle",
        r"formula: (ratio_b \* 2)",
        "Les formules se citent en boucle : ratio_a → ratio_b → ratio_a",
        "The formulas refer to each other in a loop: ratio_a → ratio_b → ratio_a",
    ),
    Case(
        "grain_on_non_date.yaml",
        "grain_on_non_date",
        r"by: (month\(nom_station\))",
        "« month(…) » demande une colonne de date, or « nom_station » est de type string",
        "'month(…)' needs a date column, but 'nom_station' is of type string",
    ),
    # --- unsafe YAML tags: refused before any value is built
    Case(
        "unsafe_python_apply.yaml",
        "yaml_unsafe_tag",
        r"title: (!!python/object/apply:os\.system)",
        "L'étiquette YAML « !!python/object/apply:os.system » est refusée",
        "The YAML tag '!!python/object/apply:os.system' is refused",
    ),
    Case(
        "unsafe_python_name.yaml",
        "yaml_unsafe_tag",
        r"label: (!!python/name:os\.system)",
        "L'étiquette YAML « !!python/name:os.system » est refusée",
        "The YAML tag '!!python/name:os.system' is refused",
    ),
    Case(
        "unsafe_custom_include_tag.yaml",
        "yaml_unsafe_tag",
        r"^pages: (!include)",
        "L'étiquette YAML « !include » est refusée",
        "The YAML tag '!include' is refused",
    ),
    # --- YAML syntax errors
    Case(
        "yaml_tab_indent.yaml",
        "yaml_tab",
        r"^(\t)title:",
        "Tabulation interdite en YAML",
        "Tabs are not allowed in YAML",
    ),
    # The quote that is not closed is where the user must look, not the end of the file.
    Case(
        "yaml_unclosed_quote.yaml",
        "yaml_unexpected_end",
        r'title: (")Cœur',
        "un guillemet ou un crochet n'est pas fermé",
        "a quote or a bracket is not closed",
    ),
    Case(
        "yaml_bad_indent.yaml",
        "yaml_bad_indent",
        r"^   (measure):",
        "Indentation incohérente",
        "Inconsistent indentation",
    ),
    Case(
        "yaml_duplicate_key.yaml",
        "yaml_duplicate_key",
        r"^    (label): Nombre de sites",
        "La clé « label » apparaît deux fois",
        "The key 'label' appears twice",
    ),
    # --- paths that leave the project
    Case(
        "path_parent_escape.yaml",
        "path_outside_project",
        r"path: (\.\./outside\.csv)",
        "Le chemin « ../outside.csv » sort du dossier du projet",
        "The path '../outside.csv' leaves the project folder",
    ),
    Case(
        "path_absolute.yaml",
        "path_outside_project",
        r"path: (/etc/passwd)",
        "Le chemin « /etc/passwd » sort du dossier du projet",
        "The path '/etc/passwd' leaves the project folder",
    ),
    # --- agreements and secrets
    # The line that makes the agreement file required is `licence: agreement`.
    Case(
        "agreement_not_given.yaml",
        "agreement_missing",
        r"^      licence: agreement$",
        "Avec « licence: agreement », indiquez le fichier de la convention",
        "With 'licence: agreement', give the agreement file",
        col=None,
    ),
    Case(
        "agreement_file_missing.yaml",
        "file_missing",
        r"agreement: (agreements/flux-vison\.yaml)",
        "Le fichier « agreements/flux-vison.yaml » n'existe pas",
        "The file 'agreements/flux-vison.yaml' does not exist",
    ),
    Case(
        "sql_credential_in_url.yaml",
        "credential_in_url",
        r"url: (postgresql://user:secret@host/db)",
        "Un mot de passe ou un jeton est écrit dans cette adresse",
        "A password or token is written in this address",
    ),
    # --- governance breaches
    Case(
        "gov_restricted_on_public_page.yaml",
        "restricted_on_public_page",
        r"indicator: (nb_signalements),",
        "Le jeu « signalements » est à accès restreint",
        "The dataset 'signalements' is restricted",
    ),
    Case(
        "gov_feedback_summary_on_public_page.yaml",
        "feedback_summary_on_public_page",
        r"- \{type: (feedback_summary)\}",
        "La page « Suivi » est publique",
        "Page 'Suivi' is public",
    ),
    Case(
        "gov_restricted_filter_implicit.yaml",
        "restricted_filter_on_public_page",
        r"column: (channels\.channel_id)",
        "Le filtre « canal » porte sur le jeu à accès restreint « channels »",
        "The filter 'canal' is on the restricted dataset 'channels'",
    ),
    Case(
        "gov_personal_column_in_table.yaml",
        "personal_column_shown",
        r"columns: \[categorie, (email),",
        "« email » est une donnée personnelle du jeu « signalements »",
        "'email' is personal data of the dataset 'signalements'",
    ),
    Case(
        "gov_personal_column_in_tooltip.yaml",
        "personal_column_shown",
        r"tooltip: \[categorie, (email)\]",
        "« email » est une donnée personnelle du jeu « signalements »",
        "'email' is personal data of the dataset 'signalements'",
    ),
    Case(
        "gov_shared_rows_on_public_page.yaml",
        "shared_rows_on_public_page",
        r"type: table, dataset: (visits),",
        "Le jeu « visits » est partagé (shared)",
        "The dataset 'visits' is shared",
    ),
    Case(
        "gov_table_without_columns.yaml",
        "table_shows_personal",
        r"type: table, dataset: (signalements)\}",
        "Ce tableau montrerait toutes les colonnes de « signalements »",
        "This table would show every column of 'signalements'",
    ),
    # --- service, pages, version, empty file
    Case(
        "insee_without_quotes.yaml",
        "insee_needs_quotes",
        r"insee: (29233)\}",
        'Écrivez le code INSEE entre guillemets ("29233")',
        'Write the INSEE code in quotes ("29233")',
    ),
    Case(
        "duplicate_page_slug.yaml",
        "duplicate_page_slug",
        r"^    slug: (accueil)$",
        "Deux pages ont l'adresse « accueil »",
        "Two pages have the address 'accueil'",
    ),
    Case(
        "unsupported_version.yaml",
        "unsupported_version",
        r"^datacites: (2)$",
        "Version de blueprint « 2 » non prise en charge",
        "Blueprint version '2' is not supported",
    ),
    Case(
        "empty.yaml",
        "blueprint_empty",
        None,
        "Le blueprint est vide",
        "The blueprint is empty",
    ),
    # --- Python blueprints: a line, no column
    Case(
        "python_raises.py",
        "python_blueprint_failed",
        r'"title": SETTINGS\["titre"\],',
        "Le blueprint Python a échoué : KeyError: 'titre'",
        "The Python blueprint failed: KeyError: 'titre'",
        col=False,
    ),
    Case(
        "python_no_blueprint.py",
        "python_no_blueprint",
        None,
        "Le fichier Python ne définit pas de variable « blueprint »",
        "The Python file defines no 'blueprint' variable",
    ),
    Case(
        "python_invalid_model.py",
        "bad_choice",
        r"^blueprint = Blueprint\.model_validate\($",
        "Valeur « breton » non permise",
        "Value 'breton' is not allowed",
        col=False,
    ),
    # `sys.exit()` in a Python blueprint is a failure of the blueprint, not "valid".
    Case(
        "python_exits.py",
        "python_blueprint_failed",
        r"^sys\.exit\(main\(\)\)$",
        "Le blueprint Python a échoué",
        "The Python blueprint failed",
        col=False,
    ),
]


# --------------------------------------------------------------------------- helpers


@pytest.fixture(autouse=True)
def _quiet_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """French by default, whatever the machine's settings; paths shown relative to broken/."""
    monkeypatch.delenv("DATACITES_LANG", raising=False)
    monkeypatch.chdir(BROKEN)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[object, str, str]:
    """Run `datacites ARGS` in-process: (exit code, stdout, stdout + stderr)."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    out, err = capsys.readouterr()
    out, err = ANSI.sub("", out), ANSI.sub("", err)
    return exited.value.code, out, out + err


def locate(path: Path, pattern: str) -> tuple[int, int]:
    """(line, column), 1-based, of the only non-comment line matching `pattern`."""
    hits = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        match = re.search(pattern, line)
        if match:
            hits.append((number, (match.start(1) if match.re.groups else match.start()) + 1))
    assert len(hits) == 1, f"{pattern!r} must match exactly one line of {path.name}: {hits}"
    return hits[0]


def where(case: Case) -> tuple[str, int | None, int | None]:
    """A regex of the `file:line[:col]: ` prefix expected in the output; the line and column."""
    name = re.escape(case.file)
    if case.at is None:
        return rf"{name}: ", None, None
    line, col = locate(BROKEN / case.file, case.at)
    if case.col is None:
        return rf"{name}:{line}(:\d+)?: ", line, None
    if not case.col:
        return rf"{name}:{line}: ", line, None
    return rf"{name}:{line}:{col}: ", line, col


def problem_line(output: str, prefix: str, code_fragment: str) -> str:
    """The output line starting with `prefix` (a regex) and saying `code_fragment`."""
    lines = [ln for ln in output.splitlines() if re.match(prefix, ln)]
    assert lines, f"no problem reported at {prefix!r}:\n{output}"
    saying = [ln for ln in lines if code_fragment in ln]
    assert saying, f"the problem at {prefix!r} does not say {code_fragment!r}:\n{output}"
    return saying[0]


def assert_suggestion(line: str, suggestion: str, lang: str) -> None:
    if lang == "fr":
        assert "Vouliez-vous dire " in line, line
        assert f"« {suggestion} »" in line.split("Vouliez-vous dire ", 1)[1], line
    else:
        assert "Did you mean " in line, line
        assert f"'{suggestion}'" in line.split("Did you mean ", 1)[1], line


# --------------------------------------------------------------------------- the cases


def test_there_are_enough_cases() -> None:
    files = {c.file for c in CASES}
    assert len(files) == len(CASES) >= 35
    on_disk = {p.name for p in BROKEN.iterdir() if p.suffix in (".yaml", ".py")}
    assert on_disk == files | {"several_errors.yaml"}, "every broken file has its case"


@pytest.mark.parametrize("case", CASES, ids=str)
def test_broken_blueprint_is_reported_in_french(
    case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    prefix, _, _ = where(case)
    code, _, output = run(capsys, "validate", case.file)
    assert "Traceback" not in output
    assert code == 1, output
    line = problem_line(output, prefix, case.fr)
    if case.suggestion:
        assert_suggestion(line, case.suggestion, "fr")
    assert f"✘ {case.file} :" in output and re.search(r" \d+ erreurs? à corriger", output)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_broken_blueprint_has_its_code_in_json(
    case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    _, line, col = where(case)
    code, stdout, output = run(capsys, "validate", "--format", "json", case.file)
    assert "Traceback" not in output
    assert code == 1, output
    report = json.loads(stdout)
    assert report["valid"] is False
    (file_report,) = report["files"]
    assert file_report["path"] == case.file and file_report["lang"] == "fr"
    found = [
        e
        for e in file_report["errors"]
        if e["code"] == case.code and e["line"] == line and (case.col is None or e["column"] == col)
    ]
    assert found, f"no {case.code} at {line}:{col} in {file_report['errors']}"
    error = found[0]
    assert error["file"] == case.file
    assert case.fr in error["message"]
    if case.suggestion:
        assert case.suggestion in error["suggestions"]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_broken_blueprint_is_reported_in_english(
    case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    prefix, _, _ = where(case)
    code, _, output = run(capsys, "validate", "--lang", "en", case.file)
    assert "Traceback" not in output
    assert code == 1, output
    line = problem_line(output, prefix, case.en)
    assert case.fr not in output
    if case.suggestion:
        assert_suggestion(line, case.suggestion, "en")
    assert re.search(r" \d+ errors? to fix", output)


def test_lang_option_before_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, output = run(capsys, "--lang", "en", "validate", "typo_governance_key.yaml")
    assert code == 1
    assert "Unknown key 'licnce'" in output and "Did you mean 'licence'?" in output


def test_lang_from_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATACITES_LANG", "en")
    code, _, output = run(capsys, "validate", "typo_governance_key.yaml")
    assert code == 1
    assert "Unknown key 'licnce'" in output


# --------------------------------------------------------------------------- snippets


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c.col and c.at is not None and not c.file.startswith("yaml_tab")],
    ids=str,
)
def test_output_shows_the_offending_line_and_a_caret(
    case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    prefix, line, col = where(case)
    assert line is not None and col is not None
    source = (BROKEN / case.file).read_text(encoding="utf-8").splitlines()[line - 1]
    _, _, output = run(capsys, "validate", case.file)
    lines = output.splitlines()
    start = lines.index(problem_line(output, prefix, case.fr))
    # The snippet follows its problem: up to three source lines, then the caret.
    snippet = lines[start + 1 : start + 5]
    shown = [i for i, ln in enumerate(snippet) if re.fullmatch(rf"\s*{line} \| .*", ln)]
    assert shown, f"line {line} is not shown under {prefix!r}:\n{output}"
    source_row, caret_row = snippet[shown[0]], snippet[shown[0] + 1]
    assert source_row.split(" | ", 1)[1] == source
    bar = source_row.index(" | ")
    assert caret_row[: bar + 3].strip() == "|"
    assert caret_row[bar + 3 :] == " " * (col - 1) + "^"


def test_snippet_of_a_typo(capsys: pytest.CaptureFixture[str]) -> None:
    """What a user sees, exactly."""
    _, _, output = run(capsys, "validate", "typo_governance_key.yaml")
    assert (
        "typo_governance_key.yaml:14:7: Clé inconnue « licnce ». Clés permises ici : producer, "
        "sector, licence, agreement, access, min_group_size, personal, updated, update_frequency. "
        "Vouliez-vous dire « licence » ?\n"
        "  12 |     governance:\n"
        "  13 |       producer: Ville de Quimperlé\n"
        "  14 |       licnce: etalab-2.0\n"
        "     |       ^\n"
    ) in output


# --------------------------------------------------------------------------- several errors

SEVERAL = [
    ("missing_key", r"^  (id): coeur-de-ville$", "La clé obligatoire « title » manque ici"),
    ("unknown_key", r"^  (titel):", "Clé inconnue « titel »"),
    ("expected_integer", r"min_group_size: (beaucoup)", "On attend un nombre entier"),
    ("unknown_component_type", r"type: (kpii)", "Type de vue « kpii » inconnu"),
    ("unknown_key", r"(downlad): true", "Clé inconnue « downlad »"),
]


def test_every_error_of_a_file_is_reported_in_line_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    name = "several_errors.yaml"
    expected = [(code, *locate(BROKEN / name, at), fr) for code, at, fr in SEVERAL]
    assert [e[1] for e in expected] == sorted(e[1] for e in expected)

    code, _, output = run(capsys, "validate", name)
    assert code == 1 and "Traceback" not in output
    reported = [ln for ln in output.splitlines() if ln.startswith(f"{name}:")]
    assert len(reported) == len(SEVERAL), output
    for row, (_, line, col, fr) in zip(reported, expected, strict=True):
        assert row.startswith(f"{name}:{line}:{col}: ") and fr in row, row
    assert f"✘ {name} : {len(SEVERAL)} erreurs à corriger." in output

    code, stdout, _ = run(capsys, "validate", "--format", "json", name)
    assert code == 1
    errors = json.loads(stdout)["files"][0]["errors"]
    assert [(e["code"], e["line"], e["column"]) for e in errors] == [
        (c, line, col) for c, line, col, _ in expected
    ]


# --------------------------------------------------------------------------- from the contract

# Broken variants of the full contract blueprint, generated in a temporary folder:
# (id, [(text to replace, replacement)], code, regex of the offending line, fr, en, suggestion)
CONTRACT_CASES = [
    (
        # The heatmap's two axes the same: one result column, a diagonal nobody can read.
        "same-breakdown-twice",
        [("y: weekday(start_datetime)}", "y: hour(start_datetime)}")],
        "view_same_breakdown_twice",
        r"y: (hour\(start_datetime\))",
        "« hour(start_datetime) » ventile déjà cet indicateur dans cette vue (à « x »)",
        "'hour(start_datetime)' already breaks this indicator down in this view (at 'x')",
        None,
    ),
    (
        "grain-on-text",
        [("by: day(start_datetime)", "by: day(channel_id)")],
        "grain_on_non_date",
        r"by: (day\(channel_id\))",
        "« day(…) » demande une colonne de date, or « channel_id » est de type string",
        "'day(…)' needs a date column, but 'channel_id' is of type string",
        None,
    ),
    (
        # mobility_type lives in `channels`, reached through a relation: suggest it.
        "where-column-through-relation",
        [("where: \"mobility_type = 'PEDESTRIAN'", "where: \"mobility_typ = 'PEDESTRIAN'")],
        "unknown_column",
        r'where: "(mobility_typ) = ',
        "Colonne « mobility_typ » inconnue",
        "Unknown column 'mobility_typ'",
        "mobility_type",
    ),
    (
        "canvas-success-indicator",
        [("success_indicators: [footfall]", "success_indicators: [footfal]")],
        "unknown_indicator",
        r"success_indicators: \[(footfal)\]",
        "Indicateur « footfal » inconnu",
        "Unknown indicator 'footfal'",
        "footfall",
    ),
    (
        "personal-column-as-bar-categories",
        [
            (
                "{type: bar, indicator: visitors, by: zone}",
                "{type: bar, indicator: visitors, by: device_hash}",
            )
        ],
        "personal_column_shown",
        r"by: (device_hash)\}",
        "« device_hash » est une donnée personnelle du jeu « visits »",
        "'device_hash' is personal data of the dataset 'visits'",
        None,
    ),
    (
        "relation-unknown-column",
        [("channels.site_id -> sites.site_id", "channels.site_id -> sites.site_ident")],
        "unknown_column",
        r"^  - channels\.site_id -> sites\.(site_ident)$",
        "Colonne « site_ident » inconnue dans le jeu « sites »",
        "Unknown column 'site_ident' in dataset 'sites'",
        "site_id",
    ),
    (
        "filter-date-range-on-text",
        [("column: measures.start_datetime, default", "column: measures.channel_id, default")],
        "filter_needs_date",
        r"period: \{type: date_range, column: (measures\.channel_id),",
        "Un filtre date_range porte sur une colonne de date, or « channel_id » est de type string",
        "A date_range filter works on a date column, but 'channel_id' is of type string",
        None,
    ),
]


@pytest.fixture
def contract_copy(tmp_path: Path) -> Path:
    shutil.copytree(CONTRACT, tmp_path / "project")
    return tmp_path / "project"


@pytest.mark.parametrize(
    ("replacements", "code", "at", "fr", "en", "suggestion"),
    [pytest.param(*c[1:], id=c[0]) for c in CONTRACT_CASES],
)
def test_broken_variants_of_the_contract(
    contract_copy: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    replacements: list[tuple[str, str]],
    code: str,
    at: str,
    fr: str,
    en: str,
    suggestion: str | None,
) -> None:
    blueprint = contract_copy / "blueprint.yaml"
    text = blueprint.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    blueprint.write_text(text, encoding="utf-8")
    monkeypatch.chdir(contract_copy)
    line, col = locate(blueprint, at)

    exit_code, _, output = run(capsys, "validate", "blueprint.yaml")
    assert exit_code == 1 and "Traceback" not in output
    row = problem_line(output, rf"blueprint\.yaml:{line}:{col}: ", fr)
    if suggestion:
        assert_suggestion(row, suggestion, "fr")

    exit_code, stdout, _ = run(capsys, "validate", "--format", "json", "blueprint.yaml")
    assert exit_code == 1
    errors = json.loads(stdout)["files"][0]["errors"]
    assert any((e["code"], e["line"], e["column"]) == (code, line, col) for e in errors), errors

    exit_code, _, output = run(capsys, "validate", "--lang", "en", "blueprint.yaml")
    assert exit_code == 1 and "Traceback" not in output
    problem_line(output, rf"blueprint\.yaml:{line}:{col}: ", en)


def test_contract_with_its_agreement_file_deleted(
    contract_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (contract_copy / "agreements" / "flux-vision.yaml").unlink()
    monkeypatch.chdir(contract_copy)
    line, col = locate(contract_copy / "blueprint.yaml", r"agreement: (agreements/flux-vision)")
    code, stdout, output = run(capsys, "validate", "--format", "json", "blueprint.yaml")
    assert code == 1, output
    errors = json.loads(stdout)["files"][0]["errors"]
    assert ("file_missing", line, col) in [(e["code"], e["line"], e["column"]) for e in errors]


def test_contract_agreement_outside_the_project(
    contract_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blueprint = contract_copy / "blueprint.yaml"
    shutil.copy(contract_copy / "agreements" / "flux-vision.yaml", contract_copy.parent)
    text = blueprint.read_text(encoding="utf-8")
    blueprint.write_text(
        text.replace("agreement: agreements/flux-vision.yaml", "agreement: ../flux-vision.yaml"),
        encoding="utf-8",
    )
    monkeypatch.chdir(contract_copy)
    line, col = locate(blueprint, r"agreement: (\.\./flux-vision\.yaml)")
    code, stdout, output = run(capsys, "validate", "--format", "json", "blueprint.yaml")
    assert code == 1, output
    errors = json.loads(stdout)["files"][0]["errors"]
    assert ("path_outside_project", line, col) in [
        (e["code"], e["line"], e["column"]) for e in errors
    ]


def test_a_zero_byte_file_is_an_empty_blueprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "blueprint.yaml").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    code, _, output = run(capsys, "validate", "blueprint.yaml")
    assert code == 1 and "Traceback" not in output
    assert re.search(r"^blueprint\.yaml(:1(:1)?)?: Le blueprint est vide", output, re.M), output
    code, _, output = run(capsys, "validate", "--lang", "en", "blueprint.yaml")
    assert code == 1
    assert "The blueprint is empty" in output


def test_an_unsafe_tag_is_never_executed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    witness = tmp_path / "pwned"
    text = (BROKEN / "unsafe_python_apply.yaml").read_text(encoding="utf-8")
    (tmp_path / "blueprint.yaml").write_text(
        text.replace('["echo hi"]', f'["touch {witness}"]'), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, _, output = run(capsys, "validate", "blueprint.yaml")
    assert code == 1
    assert "yaml" in output.lower() and "!!python/object/apply:os.system" in output
    assert not witness.exists()


# --------------------------------------------------------------------------- the console script


def console(*args: str, cwd: Path = BROKEN) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATACITES_LANG"}
    return subprocess.run(
        [str(DATACITES), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "name", ["typo_governance_key.yaml", "unsafe_python_apply.yaml", "python_raises.py"]
)
def test_console_script_exits_1_without_traceback(name: str) -> None:
    case = next(c for c in CASES if c.file == name)
    prefix, _, _ = where(case)
    done = console("validate", name)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    problem_line(done.stdout, prefix, case.fr)
    assert "hi" not in done.stdout.splitlines()


def test_console_script_usage_error_exits_2() -> None:
    done = console("validate", "--no-such-option", "typo_governance_key.yaml")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "--no-such-option" in done.stdout + done.stderr


def test_console_script_accepts_the_contract() -> None:
    done = console("validate", "blueprint.yaml", cwd=CONTRACT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "blueprint.yaml est valide" in done.stdout


# --------------------------------------------------------------------------- Python blueprints

PY_BLUEPRINT = """\
import helpers

print("Calcul du blueprint…")
blueprint = {{
    "datacites": 1,
    "service": {{"id": "{id}", "title": helpers.TITLE}},
    "pages": [{{"title": "Accueil", "views": [{{"type": "text", "markdown": "Bonjour."}}]}}],
}}
"""


@pytest.fixture
def forget_helpers() -> Iterator[None]:
    """The `helpers` modules these projects import stay out of the other tests."""
    sys.modules.pop("helpers", None)
    yield
    sys.modules.pop("helpers", None)


@pytest.mark.usefixtures("forget_helpers")
def test_python_helpers_are_not_shared_between_blueprints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two projects with a `helpers.py` each: the second must not get the first one's."""
    for name, title in (("a", '"Projet A"'), ("b", "42")):  # b's title is not text
        (tmp_path / name).mkdir()
        (tmp_path / name / "helpers.py").write_text(f"TITLE = {title}\n", encoding="utf-8")
        (tmp_path / name / "blueprint.py").write_text(
            PY_BLUEPRINT.format(id=f"projet-{name}"), encoding="utf-8"
        )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    code, _, output = run(capsys, "validate", "a/blueprint.py", "b/blueprint.py")
    assert "Traceback" not in output
    assert code == 1, output
    assert "✔ a/blueprint.py est valide" in output
    assert re.search(r"^b/blueprint\.py(:\d+)?: service\.title: On attend un texte", output, re.M)


@pytest.mark.usefixtures("forget_helpers")
def test_python_blueprint_printing_keeps_json_readable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a Python blueprint prints must not break `--format json` for editors and CI."""
    (tmp_path / "helpers.py").write_text('TITLE = "Projet"\n', encoding="utf-8")
    (tmp_path / "blueprint.py").write_text(PY_BLUEPRINT.format(id="projet"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    code, stdout, _ = run(capsys, "validate", "--format", "json", "blueprint.py")
    assert code == 0
    assert json.loads(stdout)["valid"] is True


def test_python_blueprint_editing_sys_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loader's own bookkeeping of sys.path must survive the user's code."""
    (tmp_path / "blueprint.py").write_text(
        "import os\nimport sys\n\n"
        "sys.path.remove(os.path.dirname(os.path.abspath(__file__)))\n"
        'blueprint = {"datacites": 1}\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    code, _, output = run(capsys, "validate", "blueprint.py")
    assert "Traceback" not in output
    assert code == 1, output
    assert "La clé obligatoire « service » manque ici" in output


def test_a_folder_without_blueprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`datacites validate projet/` on a folder with no blueprint says so, in French."""
    (tmp_path / "projet").mkdir()
    monkeypatch.chdir(tmp_path)
    code, _, output = run(capsys, "validate", "projet")
    assert code == 1 and "Traceback" not in output
    assert "blueprint.yaml" in output, output
    assert "(none)" not in output, output
