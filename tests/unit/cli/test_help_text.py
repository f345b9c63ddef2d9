"""`datacites --help` in the user's language, boolean flags shown as flags (issue 15)."""

from __future__ import annotations

import re

import pytest
import typer

from datacites_proto.cli.help_text import commands, help_code, param_help
from datacites_proto.cli.main import app
from datacites_proto.i18n import en, fr


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # rich folds help into the terminal's width: wide enough, each sentence is on one line.
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("DATACITES_LANG", raising=False)


def every_help() -> list[tuple[list[str], str | None]]:
    """(command path, parameter or None) for each command and each parameter it documents."""
    root = typer.main.get_command(app)
    found: list[tuple[list[str], str | None]] = []
    for path, command, _ in commands(root):
        found.append((path, None))
        found += [(path, p.name) for p in command.params if getattr(p, "help", None)]
    return found


def test_every_command_and_option_has_its_help_in_both_languages() -> None:
    missing = []
    for path, param in every_help():
        for catalogue in (fr.MESSAGES, en.MESSAGES):
            known = (
                help_code(path, param) in catalogue
                if param is None
                else help_code(path, param) in catalogue or f"cli_help__{param}" in catalogue
            )
            if not known:
                missing.append(help_code(path, param))
    assert missing == []
    assert len(every_help()) > 60  # the walk reaches sub-commands of sub-groups


def test_the_english_catalogue_says_what_the_code_says() -> None:
    # The code's `help=` stays the English of record for plugins; both must not drift apart.
    root = typer.main.get_command(app)
    for path, command, _ in commands(root):
        assert en.MESSAGES[help_code(path)] == " ".join((command.help or "").split())
        for p in command.params:
            if getattr(p, "help", None):
                assert param_help(path, p.name, "en") == p.help, help_code(path, p.name)


def test_root_help_is_french_by_default(cli) -> None:
    result = cli("--help")
    assert result.code == 0
    out = result.out
    assert "prototyper des services de données urbaines" in out
    assert "Langue des messages : fr ou en." in out
    assert "Afficher cette aide et quitter." in out
    assert "╭─ Commandes" in out and "[variable d'environnement : DATACITES_LANG]" in out
    assert "Vérifier des blueprints" in out  # a sub-command's line in the list
    assert "Utilisation : datacites [OPTIONS] COMMANDE [ARGUMENTS]..." in out
    for english in ("Show this message", "Commands", "Language of messages", "env var", "Usage"):
        assert english not in out


@pytest.mark.parametrize(
    "args, french, english",
    [
        (["validate", "-h"], "Traiter les avertissements comme des erreurs.", "Treat warnings"),
        (["team", "set-password", "--help"], "Lire le mot de passe", "Read the password"),
        (["feedback", "export", "-h"], "Fichier blueprint ou dossier du projet.", "Blueprint file"),
        (["new", "-h"], "Lister les modèles, y compris ceux des extensions.", "List the templates"),
    ],
)
def test_sub_command_help_is_french(cli, args: list[str], french: str, english: str) -> None:
    result = cli(*args)
    assert result.code == 0, result.err
    assert french in result.out and english not in result.out
    assert "[obligatoire]" in result.out or "validate" not in args


@pytest.mark.parametrize("how", ["option", "environment"])
def test_help_is_english_when_asked(cli, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    if how == "option":
        result = cli("validate", "--lang", "en", "--help")
    else:
        monkeypatch.setenv("DATACITES_LANG", "en")
        result = cli("validate", "--help")
    assert result.code == 0
    assert "Treat warnings as errors." in result.out and "[required]" in result.out
    assert "Traiter les avertissements" not in result.out and "Options" in result.out


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_boolean_flags_are_shown_without_a_value(cli, lang: str) -> None:
    result = cli("--lang", lang, "validate", "--help")
    assert "<bool>" not in result.out
    strict = next(line for line in result.out.splitlines() if "--strict" in line)
    assert re.search(r"--strict\s+--no-strict\s+\S", strict)  # straight on to its help
    # An option that takes a value keeps its type.
    assert "<text|json>" in result.out
    assert "<bool>" not in cli("--lang", lang, "--help").out


def test_flags_still_work_after_the_help_is_translated(cli, tmp_path) -> None:
    result = cli("validate", "--strict", "--lang", "en", str(tmp_path / "nothing.yaml"))
    assert result.code in (1, 2) and "Traceback" not in result.out + result.err


@pytest.mark.parametrize(
    "args, french, english",
    [
        (["validate", "--nope", "x"], "Erreur : option inconnue : --nope.", "no such option"),
        (["nope"], "Erreur : commande inconnue : « nope ».", "No such command"),
        (["validate"], "Erreur : il manque l'argument « paths ».", "Missing argument"),
        (["describe", "a", "b", "c"], "Erreur : arguments inattendus : b c.", "extra argument"),
        (
            ["validate", "-f", "xml", "x"],
            "Erreur : valeur invalide pour « --format / -f »",
            "Invalid",
        ),
    ],
)
def test_usage_errors_are_french(cli, args: list[str], french: str, english: str) -> None:
    result = cli(*args)
    assert result.code == 2
    assert french in result.err and english not in result.err
    assert "Utilisation : datacites" in result.err and "Essayez « datacites" in result.err
    assert "Traceback" not in result.err


def test_usage_errors_are_english_when_asked(cli) -> None:
    result = cli("--lang", "en", "validate", "--nope", "x")
    assert result.code == 2
    assert "Usage: datacites validate" in result.err
    assert "Try 'datacites validate -h' for help." in result.err
    assert "Error: no such option: --nope." in result.err
