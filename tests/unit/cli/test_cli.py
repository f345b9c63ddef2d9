"""The `datacites` command line: exit codes, languages, formats, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from datacites_proto import __version__
from tests.conftest import CONTRACT


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """\
datacites: 1
service: {id: essai, title: Essai}
pages:
  - title: Accueil
    views: [{type: text, markdown: Bonjour}]
"""


def test_version(cli) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"datacites-proto {__version__}"


def test_valid_blueprint_exits_0_in_french_by_default(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATACITES_LANG", raising=False)
    result = cli("validate", CONTRACT)
    assert result.code == 0
    assert "est valide" in result.out


def test_project_folder_is_accepted(cli) -> None:
    assert cli("validate", CONTRACT.parent).code == 0


def test_invalid_blueprint_exits_1_with_location(cli, tmp_path: Path) -> None:
    path = write(tmp_path / "blueprint.yaml", MINIMAL.replace("title: Essai", "titre: Essai"))
    result = cli("validate", path)
    assert result.code == 1
    assert "blueprint.yaml:2:22: " in result.out
    assert "Clé inconnue « titre »" in result.out
    assert "Vouliez-vous dire « title » ?" in result.out


@pytest.mark.parametrize("where", ["before", "after"])
def test_lang_option_before_or_after_the_command(cli, tmp_path: Path, where: str) -> None:
    path = write(tmp_path / "blueprint.yaml", MINIMAL.replace("title: Essai", "titre: Essai"))
    args = (
        ["--lang", "en", "validate", path]
        if where == "before"
        else ["validate", "--lang", "en", path]
    )
    result = cli(*args)
    assert result.code == 1
    assert "Unknown key 'titre'" in result.out
    assert "Did you mean 'title'?" in result.out


def test_lang_from_environment(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATACITES_LANG", "en")
    path = write(tmp_path / "blueprint.yaml", MINIMAL.replace("title: Essai", "titre: Essai"))
    assert "Unknown key 'titre'" in cli("validate", path).out


def test_blueprint_language_is_the_default(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATACITES_LANG", raising=False)
    text = MINIMAL.replace("title: Essai}", "title: Essai, lang: en}").replace(
        "markdown:", "markdwn:"
    )
    result = cli("validate", write(tmp_path / "blueprint.yaml", text))
    assert result.code == 1
    assert "Unknown key 'markdwn'" in result.out


def test_json_format(cli, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", MINIMAL.replace("type: text", "type: txt"))
    result = cli("validate", "--format", "json", CONTRACT, bad)
    assert result.code == 1
    report = json.loads(result.out)
    assert report["valid"] is False
    good, broken = report["files"]
    assert good["valid"] is True and good["errors"] == []
    assert broken["valid"] is False
    [error] = broken["errors"]
    assert error["code"] == "unknown_component_type"
    assert (error["line"], error["column"]) == (5, 20)
    assert error["path"] == ["pages", "0", "views", "0", "type"]
    assert error["suggestions"] == ["text"]
    assert "Type de vue « txt » inconnu" in error["message"]


def test_strict_turns_warnings_into_errors(cli, tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "pages:", "datasets:\n  d: {source: {type: csv, path: data/later.csv}}\npages:"
    )
    path = write(tmp_path / "blueprint.yaml", text)
    relaxed = cli("validate", path)
    assert relaxed.code == 0
    assert "avertissement" in relaxed.out and "data/later.csv" in relaxed.out
    assert cli("validate", "--strict", path).code == 1


@pytest.mark.parametrize(
    "args",
    [
        ("validate",),
        ("validate", "--format", "xml", "x.yaml"),
        ("--lang", "de", "validate", "x"),
        ("nope",),
    ],
)
def test_usage_errors_exit_2(cli, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.code == 2
    assert "Traceback" not in result.output


def test_internal_errors_give_a_message_not_a_traceback(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datacites_proto.cli import validate as validate_module

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(validate_module, "inspect_blueprint", explode)
    result = cli("validate", CONTRACT)
    assert result.code == 70
    assert "Erreur interne" in result.err and "--debug" in result.err
    assert "Traceback" not in result.output
    debug = cli("--debug", "validate", CONTRACT)
    assert debug.code == 70
    assert "Traceback" in debug.err and "RuntimeError: boom" in debug.err


def test_components_lists_builtins_and_plugins(cli) -> None:
    result = cli("components", "--json")
    assert result.code == 0
    rows = {(r["kind"], r["type"]): r for r in json.loads(result.out)}
    assert rows[("views", "radar")]["distribution"] == "datacites-test-plugin"
    assert rows[("views", "radar")]["version"] == "0.1.0"
    assert rows[("sources", "csv")]["distribution"] == "datacites-proto"
    builtin = {t for (k, t), r in rows.items() if r["distribution"] == "datacites-proto"}
    assert rows[("layers", "stations")]["distribution"] == "datacites-velos"  # docs/plugins.md
    assert {t for k, t in rows if k == "layers" and t in builtin} == {
        "points",
        "hexagons",
        "heatmap",
        "choropleth",
        "shapes",
    }
    table = cli("components")
    assert "radar" in table.out and "Composants installés" in table.out


def test_describe_shows_the_service(cli) -> None:
    result = cli("describe", CONTRACT)
    assert result.code == 0
    assert "Cœur de ville vivant" in result.out
    assert "/accueil" in result.out
    assert "équipe seulement" in result.out


def test_describe_refuses_an_invalid_blueprint(cli, tmp_path: Path) -> None:
    path = write(tmp_path / "blueprint.yaml", MINIMAL.replace("views:", "vues:"))
    assert cli("describe", path).code == 1


def test_console_script_end_to_end(run_script, tmp_path: Path) -> None:
    bad = write(
        tmp_path / "blueprint.yaml",
        MINIMAL.replace("type: text", "type: !!python/object/apply:os.system [echo hi]"),
    )
    result = run_script("validate", bad)
    assert result.code == 1
    assert "!!python/object/apply:os.system" in result.out
    assert "Traceback" not in result.output
    assert run_script("validate", CONTRACT).code == 0


@pytest.mark.parametrize(
    "interruption",
    [
        KeyboardInterrupt(),  # Python noticed Ctrl-C: typer returns Exit(130), silently
        RuntimeError("Query interrupted"),  # DuckDB noticed it inside a query
    ],
    ids=["python", "duckdb"],
)
def test_ctrl_c_inside_a_command_is_said_in_the_users_language(
    cli, monkeypatch: pytest.MonkeyPatch, interruption: BaseException
) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise interruption

    monkeypatch.setattr("datacites_proto.cli.validate.inspect_blueprint", interrupted)
    result = cli("validate", CONTRACT)
    assert result.code == 130
    assert "Interrompu. Rien d'inachevé n'est gardé" in result.err
    assert "Traceback" not in result.err
    english = cli("validate", "--lang", "en", CONTRACT)
    assert english.code == 130 and "Interrupted. Nothing unfinished is kept" in english.err
