"""The message catalogues: complete in both languages, and every code the code uses exists."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import datacites_proto
from datacites_proto.i18n import Msg, en, fr, resolve_lang, translate

PACKAGE = Path(datacites_proto.__file__).parent
# Calls whose first string argument is a message code.
CODE_CALLS = {
    "error", "warn", "unknown", "problem", "Problem", "PydanticCustomError", "RegistryError",
    "once", "Msg", "say", "translate", "SniffError", "ExpressionError",
}  # fmt: skip


def placeholders(template: str) -> set[str]:
    """Every field, those inside a plural's words too (`{n:plural:ligne de {d}|…}`)."""
    names: set[str] = set()
    for _, name, spec, _ in string.Formatter().parse(template):
        if name:
            names.add(name)
        if spec:
            names |= placeholders(spec)
    return names


def test_plural_words_agree_with_their_count() -> None:
    # Issue 15: « 1 erreur », « 3 erreurs », never « erreur(s) »; French 0 is singular.
    assert (
        translate("cli_invalid", "fr", path="b.yaml", count=1) == "✘ b.yaml : 1 erreur à corriger."
    )
    assert translate("cli_invalid", "fr", path="b.yaml", count=3).endswith("3 erreurs à corriger.")
    assert translate("cli_invalid", "en", path="b.yaml", count=0).endswith("0 errors to fix.")
    assert translate("cli_test_passed", "fr", total=1).startswith("✔ 1 rendu,")
    assert "(1 réponse)" in translate("summary_answers_rating", "fr", average="4", count=1)
    assert "1 234 lignes lues" in translate(
        "csv_rows_mismatch", "fr", path="a", read="1 234", records=2
    )


def test_no_message_writes_a_plural_in_brackets() -> None:
    # « ligne(s) » reads as a form, not a sentence: the plural helper agrees instead.
    for catalogue in (fr.MESSAGES, en.MESSAGES):
        bracketed = {
            c: t
            for c, t in catalogue.items()
            if re.search(r"[a-zé]\((s|x|e|es)\)", t.replace("http(s)", "https"))
        }
        assert set(bracketed) <= PENDING_PLURALS, bracketed


# Messages of work in progress elsewhere (experiments), to agree when their module settles.
PENDING_PLURALS = {"cli_experiment_strict_failed"}


def codes_used_in_package() -> dict[str, str]:
    """Every literal code passed to a reporting call, with where it is."""
    found: dict[str, str] = {}
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            # The YAML builder's fail() takes codes; the expression parser's takes tokens.
            if name == "fail" and path.name == "yaml_source.py":
                name = "error"
            if (
                (
                    name in CODE_CALLS
                    and isinstance(first, ast.Constant)
                    and isinstance(first.value, str)
                )
                and first.value.replace("_", "").isalpha()
                and first.value.islower()
            ):
                found.setdefault(first.value, f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_both_catalogues_have_the_same_codes() -> None:
    assert set(fr.MESSAGES) - set(en.MESSAGES) == set()
    assert set(en.MESSAGES) - set(fr.MESSAGES) == set()


# pydantic's explanations are English; only the English message repeats them.
ENGLISH_ONLY = {"invalid_value": {"detail"}}


@pytest.mark.parametrize("code", sorted(fr.MESSAGES))
def test_placeholders_match_between_languages(code: str) -> None:
    english = placeholders(en.MESSAGES[code]) - ENGLISH_ONLY.get(code, set())
    assert placeholders(fr.MESSAGES[code]) == english, code


def test_every_code_used_in_the_package_is_translated() -> None:
    used = codes_used_in_package()
    assert len(used) > 100  # the scan itself works
    # Generic codes built at run time from pydantic's error types are checked in
    # test_validation_error_codes_are_translated.
    missing = {code: where for code, where in used.items() if code not in fr.MESSAGES}
    assert missing == {}


def test_validation_error_codes_are_translated() -> None:
    from datacites_proto.blueprint import validation_errors as ve

    codes = set(ve._SIMPLE_CODES.values())
    assert codes <= set(fr.MESSAGES)
    assert {"what_" + c for c in codes} | {"what_choice"} <= set(fr.MESSAGES)
    assert {f"kind_{k[:-1]}" for k in ("sources", "views", "layers")} <= set(fr.MESSAGES)


def test_sniff_codes_are_translated() -> None:
    from datacites_proto.sources.sniff import SNIFF_ERROR_CODES

    assert set(SNIFF_ERROR_CODES) <= set(fr.MESSAGES)


def test_yaml_syntax_codes_are_translated() -> None:
    from datacites_proto.blueprint import yaml_source

    assert set(yaml_source._SYNTAX_CODES.values()) <= set(fr.MESSAGES)


def test_translate_fills_parameters_and_localises_nested_messages() -> None:
    text = translate(
        "unknown_component_type", "fr", kind=Msg("kind_view"), type="lines", allowed="line"
    )
    assert text == "Type de vue « lines » inconnu. Types installés : line."
    text = translate(
        "unknown_component_type", "en", kind=Msg("kind_view"), type="lines", allowed="line"
    )
    assert text == "Unknown view type 'lines'. Installed types: line."


def test_translate_survives_missing_parameters_and_unknown_codes() -> None:
    assert "{path}" in translate("file_not_found", "fr")
    assert translate("no_such_code", "fr") == "no_such_code"
    assert translate("file_not_found", "de", path="x").startswith("Le fichier")


def test_resolve_lang_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATACITES_LANG", raising=False)
    assert resolve_lang() == "fr"
    assert resolve_lang(blueprint_lang="en") == "en"
    monkeypatch.setenv("DATACITES_LANG", "en_GB.UTF-8")
    assert resolve_lang(blueprint_lang="fr") == "en"
    assert resolve_lang("fr", blueprint_lang="en") == "fr"
    monkeypatch.setenv("DATACITES_LANG", "de")
    assert resolve_lang(blueprint_lang="en") == "en"
