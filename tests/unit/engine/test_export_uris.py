"""The IRIs of the catalogue export: one base URI, checked, and readable slugs."""

from __future__ import annotations

import pytest

from datacites_proto.engine.exports.uris import Uris, base_uri, slug
from datacites_proto.errors import CodedError


def test_default_base_never_resolves() -> None:
    assert base_uri(None, "coeur-de-ville") == (
        "https://datacites.invalid/services/coeur-de-ville/"
    )


def test_a_given_base_ends_with_a_slash() -> None:
    assert base_uri("https://donnees.ville.fr/cdv", "x") == "https://donnees.ville.fr/cdv/"
    assert base_uri(" http://a.fr/ ", "x") == "http://a.fr/"


@pytest.mark.parametrize(
    "text", ["ftp://a.fr/", "donnees.ville.fr", "https://", "https://a.fr/?x=1", "https://a.fr/#x"]
)
def test_other_addresses_are_refused_in_both_languages(text: str) -> None:
    with pytest.raises(CodedError) as caught:
        base_uri(text, "x")
    assert text in caught.value.message("fr") and "adresse http(s)" in caught.value.message("fr")
    assert "http(s) address" in caught.value.message("en")


def test_slugs_drop_accents_and_punctuation() -> None:
    assert slug("Quimperlé Communauté, d'après l'ADEME") == "quimperle-communaute-d-apres-l-ademe"
    assert slug("«»") == "x"
    uris = Uris("https://a.fr/s/")
    assert str(uris.agent("Ville de Quimperlé")) == "https://a.fr/s/agents/ville-de-quimperle"
    assert str(uris.dataset("dpe")) == "https://a.fr/s/datasets/dpe"
