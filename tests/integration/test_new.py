"""`datacites new`: every template gives a project whose own test passes; answers are checked
before anything is written; cookiecutter leaves nothing in the user's home or temp folder."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from datacites_proto import load_blueprint
from datacites_proto.cli.main import main
from datacites_proto.cli.new import builtin_templates

DATACITES = str(Path(sys.executable).parent / "datacites")
TEMPLATES = sorted(t.name for t in builtin_templates())


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run the CLI in this process; its exit code and everything it printed."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out + err


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_five_templates_are_shipped() -> None:
    assert TEMPLATES == ["blank", "ev-charging", "footfall", "maturite", "renovation"]


@pytest.mark.slow
@pytest.mark.parametrize("template", TEMPLATES)
def test_generated_project_passes_its_own_test(template: str, tmp_path: Path) -> None:
    project = tmp_path / f"mon-{template}"
    created = subprocess.run(
        [DATACITES, "new", str(project), "--template", template, "--no-input"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert created.returncode == 0, created.stderr
    assert "Prototype" in created.stdout
    blueprint_text = (project / "blueprint.yaml").read_text(encoding="utf-8")
    assert blueprint_text.startswith("# yaml-language-server: $schema=blueprint.schema.json")
    assert '"$schema"' in (project / "blueprint.schema.json").read_text(encoding="utf-8")
    assert ".datacites/" in (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert (project / ".streamlit" / "config.toml").is_file()
    assert "datacites run" in (project / "README.md").read_text(encoding="utf-8")
    assert any((project / "data").iterdir())
    # The project's own test, run as its authors would: same interpreter, nothing installed.
    tested = subprocess.run(
        [sys.executable, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "1 passed" in tested.stdout


def test_config_answers_land_in_the_blueprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "title: 'Ajaccio : le port # vivant'\n"
        "territory_name: 'Ajaccio, Corse'\n"
        "insee: 2a004\n"
        'problem: "Les croisiéristes ne vont pas jusqu\'à la vieille ville."\n'
        "users: [commerçants, 'office de tourisme']\n"
        "expected_impact: Plus de passages rue Fesch.\n",
        encoding="utf-8",
    )
    project = tmp_path / "ajaccio"
    code, output = run_main(
        ["new", str(project), "--template", "footfall", "--config", str(answers)], capsys
    )
    assert code == 0, output
    blueprint = load_blueprint(project / "blueprint.yaml")
    assert blueprint.service.title == "Ajaccio : le port # vivant"
    assert blueprint.service.id == "ajaccio"
    assert blueprint.service.territory is not None
    assert blueprint.service.territory.name == "Ajaccio, Corse"
    assert blueprint.datasets["sites"].governance.producer == "Ajaccio, Corse"
    assert blueprint.service.territory.insee == "2A004"
    assert blueprint.service.canvas is not None
    assert blueprint.service.canvas.users == ["commerçants", "office de tourisme"]
    assert blueprint.service.canvas.problem == (
        "Les croisiéristes ne vont pas jusqu'à la vieille ville."
    )
    about = next(p for p in blueprint.pages if p.url_slug == "projet")
    text = about.views[0].markdown  # type: ignore[union-attr]
    assert "Plus de passages rue Fesch." in text and "- office de tourisme" in text
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert "Ajaccio : le port # vivant" in readme


def test_missing_config_keys_take_the_template_defaults(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("title: Mes équipements\n", encoding="utf-8")
    code, output = run_main(["new", str(tmp_path / "p"), "--config", str(answers)], capsys)
    assert code == 0, output
    service = load_blueprint(tmp_path / "p" / "blueprint.yaml").service
    assert service.title == "Mes équipements"
    assert service.territory is not None and service.territory.insee == "29233"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("title: Essai\ninsee: '2923'\n", ["answers.yaml:2:", "code INSEE « 2923 » invalide"]),
        ("title: Essai\ninsee: 29233\n", ["answers.yaml:2:", "entre guillemets"]),
        ("title: Essai\ninsee: '29 233'\n", ["answers.yaml:2:", "code INSEE"]),
        (
            "titre: Essai\n",
            ["answers.yaml:1:", "clé « titre » inconnue", "title, territory_name"],
        ),
        ("title: ''\n", ["answers.yaml:1:", "la réponse « title » est vide"]),
        (
            "problem: 'Prix {{ 7 * 7 }}'\n",
            ["answers.yaml:1:", "la réponse « problem » contient « {{ »"],
        ),
        (
            "title: 'A {% for x in range(9) %}x{% endfor %}'\n",
            ["answers.yaml:1:", "la réponse « title » contient"],
        ),
        ("users: ['{# tout le reste']\n", ["answers.yaml:1:", "la réponse « users » contient"]),
        ("- title\n", ["answers.yaml", "clé: valeur"]),
        ("title: [unclosed\n", ["answers.yaml:", "erreur de syntaxe YAML"]),
    ],
)
def test_bad_answers_are_explained_and_nothing_is_written(
    content: str, expected: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(content, encoding="utf-8")
    code, output = run_main(["new", str(tmp_path / "p"), "--config", str(answers)], capsys)
    assert code == 1
    for part in expected:
        assert part in output
    assert "Traceback" not in output
    assert leftovers(tmp_path) == ["answers.yaml"]


def test_unknown_template_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run_main(
        ["new", str(tmp_path / "p"), "--template", "footfal", "--no-input"], capsys
    )
    assert code == 1
    assert "Modèle « footfal » inconnu" in output
    assert "blank, ev-charging, footfall, maturite, renovation." in output  # not quartier (hidden)
    assert "footfall ?" in output  # did you mean
    assert leftovers(tmp_path) == []


def test_english_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run_main(
        ["--lang", "en", "new", str(tmp_path / "p"), "--template", "nope", "--no-input"], capsys
    )
    assert code == 1
    assert "Unknown template 'nope'" in output


def test_existing_folder_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    project.mkdir()
    (project / "notes.txt").write_text("mes notes", encoding="utf-8")
    code, output = run_main(["new", str(project), "--no-input"], capsys)
    assert code == 1
    assert "existe déjà" in output and "--force" in output
    assert leftovers(project) == ["notes.txt"]
    assert leftovers(tmp_path) == ["p"]  # no staging folder left behind

    code, output = run_main(["new", str(project), "--no-input", "--force"], capsys)
    assert code == 0, output
    assert (project / "blueprint.yaml").is_file()
    assert (project / "notes.txt").read_text(encoding="utf-8") == "mes notes"
    assert leftovers(tmp_path) == ["p"]


def test_a_file_in_the_way_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "p").write_text("", encoding="utf-8")
    code, output = run_main(["new", str(tmp_path / "p"), "--no-input", "--force"], capsys)
    assert code == 1
    assert "n'est pas un dossier" in output


def test_list_shows_builtin_and_plugin_templates(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = run_main(["new", "--list"], capsys)
    assert code == 0, output
    for name in ("blank", "footfall", "renovation", "ev-charging"):
        assert name in output
    assert "Fréquentation du centre-ville" in output
    # The test plugin's template is hidden (`"_hidden": true`): not offered to users.
    assert "quartier" not in output and "datacites-test-plugin" not in output
    from datacites_proto.cli import new as new_module

    shown = new_module.plugin_template
    monkeypatch.setattr(
        new_module, "plugin_template", lambda ep: dataclasses.replace(shown(ep), hidden=False)
    )
    code, output = run_main(["new", "--list"], capsys)
    assert "quartier" in output and "datacites-test-plugin" in output  # a plugin's, listed
    monkeypatch.undo()
    code, output = run_main(["--lang", "en", "new", "--list"], capsys)
    assert "Town-centre footfall" in output


def test_plugin_template_creates_a_valid_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = run_main(
        ["new", str(tmp_path / "q"), "--template", "quartier", "--no-input"], capsys
    )
    assert code == 0, output
    assert load_blueprint(tmp_path / "q" / "blueprint.yaml").service.title == "Vie de quartier"


def test_no_name_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run_main(["new", "--no-input"], capsys)
    assert code == 2
    assert "datacites new NOM-DU-DOSSIER" in output


def test_cookiecutter_leaves_nothing_in_home_or_temp(tmp_path: Path) -> None:
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    # A user configuration that would change the answers if it were read.
    (home / ".cookiecutterrc").write_text(
        "default_context:\n  title: Pas ce titre\n", encoding="utf-8"
    )
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(tmp)}
    env.pop("COOKIECUTTER_CONFIG", None)
    project = tmp_path / "p"
    done = subprocess.run(
        [DATACITES, "new", str(project), "--template", "footfall", "--no-input"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert not (home / ".cookiecutter_replay").exists()
    assert not (home / ".cookiecutters").exists()
    assert list(tmp.rglob("*.py")) == []
    assert list(tmp.iterdir()) == []
    assert load_blueprint(project / "blueprint.yaml").service.title == "Cœur de ville vivant"


def test_interactive_prompts(tmp_path: Path) -> None:
    answers = "\n".join(
        [
            "Le marché du samedi",  # title
            "Quimperlé",  # territory
            "123",  # a bad INSEE code: explained, asked again
            "29233",
            "",  # problem: Enter keeps the suggestion
            "maraîchers, habitants",
            "Un marché qui attire de nouveaux clients.",
        ]
    )
    project = tmp_path / "marche"
    done = subprocess.run(
        [DATACITES, "new", str(project), "--template", "footfall"],
        input=answers + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "code INSEE « 123 » invalide" in done.stderr
    assert done.stdout.count("Code INSEE de la commune") == 2
    raw = yaml.safe_load((project / "blueprint.yaml").read_text(encoding="utf-8"))
    assert raw["service"]["title"] == "Le marché du samedi"
    assert raw["service"]["territory"] == {"name": "Quimperlé", "insee": "29233"}
    assert raw["service"]["canvas"]["users"] == ["maraîchers", "habitants"]
    assert raw["service"]["canvas"]["problem"].startswith("Des commerces ferment")
    assert (
        raw["service"]["canvas"]["expected_impact"] == "Un marché qui attire de nouveaux clients."
    )


def test_a_broken_plugin_template_is_reported_not_skipped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from importlib.metadata import EntryPoint

    from datacites_proto.cli import new as new_module

    installed = new_module.entry_points
    broken = EntryPoint("casse", "datacites_no_such_module:template", new_module.TEMPLATE_GROUP)
    monkeypatch.setattr(
        new_module,
        "entry_points",
        lambda group: [*installed(group=group), broken],
    )
    code, output = run_main(["new", "--list"], capsys)
    assert code == 1
    assert "footfall" in output  # the working ones are still listed
    assert "Le modèle « casse »" in output and "inutilisable" in output
    assert "ModuleNotFoundError" in output


# ------------------------------------------------------------------ issue 11: no template injection

PAYLOADS = [
    "{{cycler.__init__.__globals__.os.system('id > PWNED')}}",
    "{{7*7}}",
    "{% for x in range(3) %}{{x}}{% endfor %}",
    "{# commentaire",
    "a{%raw%}",
    "..",
    ".cache",
    "con",
    "x" * 65,
]


@pytest.mark.parametrize("name", PAYLOADS)
def test_project_name_is_never_rendered(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run_main(["new", name, "--no-input"], capsys)
    assert code == 1, output
    assert "n'est pas un nom de dossier utilisable" in output
    assert "Traceback" not in output
    assert not (tmp_path / "PWNED").exists()
    assert leftovers(tmp_path) == []  # no `49`, no hidden temporary folder


def test_bad_folder_name_in_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run_main(["--lang", "en", "new", "{{7*7}}", "--no-input"], capsys)
    assert code == 1
    assert "'{{7*7}}' cannot be used as a project folder name" in output
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("name", ["mon service", "Cœur_de_ville-2", "projet.v2"])
def test_usable_folder_names_are_kept(name: str, tmp_path: Path) -> None:
    from datacites_proto.cli.new import check_folder_name

    check_folder_name(tmp_path / name)  # does not raise


@pytest.mark.parametrize("name", ["-rf", " espace", "fin.", "fin ", "a\tb", "nul.txt", "a|b"])
def test_unusable_folder_names_are_refused(name: str, tmp_path: Path) -> None:
    from datacites_proto.cli.new import NewError, check_folder_name

    with pytest.raises(NewError) as raised:
        check_folder_name(tmp_path / name)
    assert raised.value.code == "new_bad_folder_name"


def test_answers_reach_the_files_as_plain_text(tmp_path: Path) -> None:
    """Even a value cookiecutter would render is written as it is (defence in depth: the
    answers model refuses these markers already)."""
    from datacites_proto.cli.new import find_template, render

    payload = "{{7*7}} {% if true %}oui{% endif %} {# fin"
    injection = "{{cycler.__init__.__globals__.os.system('id > PWNED')}}"
    context = {
        "project_slug": "p",
        "service_id": "p",
        "title": payload,
        "territory_name": injection,
        "insee": "29233",
        "problem": "{%raw%}",
        "users": "a, b",
        "expected_impact": "{% endraw %}{{7*7}}",
    }
    out = tmp_path / "out"
    out.mkdir()
    project = render(find_template("blank"), context, out)
    text = (project / "blueprint.yaml").read_text(encoding="utf-8")
    assert payload in text and injection in text and "{% endraw %}{{7*7}}" in text
    assert "49" not in text.replace("29233", "")
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


def test_failed_generation_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    import tempfile

    from datacites_proto.cli.new import (
        QUESTIONS,
        Answers,
        NewError,
        TemplateInfo,
        create_project,
    )

    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    template = tmp_path / "broken"
    inner = template / "{{cookiecutter.project_slug}}"
    inner.mkdir(parents=True)
    defaults = {
        "project_slug": "x",
        "service_id": "x",
        "title": "T",
        "territory_name": "Quimperlé",
        "insee": "29233",
        "problem": "P",
        "users": "u",
        "expected_impact": "E",
    }
    (template / "cookiecutter.json").write_text(json.dumps(defaults), encoding="utf-8")
    (inner / "blueprint.yaml").write_text("title: {{ cookiecutter.no_such_answer }}\n")
    info = TemplateInfo("broken", template, "tests", "", "")
    answers = Answers.model_validate({k: v for k, v in defaults.items() if k in QUESTIONS})
    parent = tmp_path / "projects"
    parent.mkdir()
    with pytest.raises(NewError) as raised:
        create_project(info, answers, parent / "mon-projet")
    assert raised.value.code == "new_render_failed"
    assert leftovers(parent) == []
    assert leftovers(private_tmp) == []


def test_braces_in_the_parent_folder_are_never_rendered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parent = tmp_path / "{{7*7}}"
    code, output = run_main(["new", str(parent / "mon-projet"), "--no-input"], capsys)
    assert code == 0, output
    assert (parent / "mon-projet" / "blueprint.yaml").is_file()
    assert leftovers(tmp_path) == ["{{7*7}}"]  # no `49` folder made by rendering the path
    assert leftovers(parent) == ["mon-projet"]
