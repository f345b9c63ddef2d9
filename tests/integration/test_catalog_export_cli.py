"""`datacites catalog export PATH --format jsonld|ttl|odrl [-o FILE] [--base-uri URI]`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from tests.conftest import REPO
from tests.support.agreement_service import shared_service

DCAT = Namespace("http://www.w3.org/ns/dcat#")
ODRL = Namespace("http://www.w3.org/ns/odrl/2/")
# The example's datasets: three open ones and the operator's sessions, shared by agreement.
DATASETS = {"irve", "parkings", "communes", "sessions"}


@pytest.fixture
def example(tmp_path: Path) -> Path:
    folder = tmp_path / "recharge"
    shutil.copytree(
        REPO / "examples" / "recharge", folder, ignore=shutil.ignore_patterns(".datacites")
    )
    return folder


def datasets(graph: Graph) -> set[str]:
    return {str(s).rsplit("/", 1)[-1] for s in graph.subjects(RDF.type, DCAT.Dataset)}


def test_jsonld_on_standard_output_parses_back(cli, example: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("catalog", "export", example)
    assert result.code == 0, result.output
    graph = Graph().parse(data=result.out, format="json-ld")
    assert datasets(graph) == DATASETS
    # The sessions' agreement is an ODRL policy, linked from their dataset.
    [policy] = graph.subjects(RDF.type, ODRL.Agreement)
    [shared] = graph.subjects(ODRL.hasPolicy, policy)
    assert str(shared).endswith("/sessions")


def test_turtle_written_to_a_file_with_a_message(cli, example: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "catalogue.ttl"
    result = cli(
        "catalog", "export", example / "blueprint.yaml", "--format", "ttl", "-o", out,
        "--base-uri", "https://donnees.exemple.fr/recharge/",
    )  # fmt: skip
    assert result.code == 0, result.output
    assert result.out == ""
    assert "4 jeux de données" in result.err and str(out) in result.err
    graph = Graph().parse(out, format="turtle")
    assert datasets(graph) == DATASETS
    assert all(
        str(s).startswith("https://donnees.exemple.fr/recharge/")
        for s in graph.subjects(RDF.type, DCAT.Dataset)
    )


def test_the_message_follows_lang(cli, example: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "catalogue.jsonld"
    result = cli("--lang", "en", "catalog", "export", example, "-o", out)
    assert result.code == 0, result.output
    assert "Catalogue written to" in result.err and "4 datasets" in result.err


@pytest.mark.parametrize(("lang", "words"), [("fr", "n'existe pas"), ("en", "does not exist")])
def test_a_wrong_path_is_a_located_message(cli, tmp_path: Path, lang: str, words: str) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "nulle-part" / "blueprint.yaml"
    result = cli("--lang", lang, "catalog", "export", missing)
    assert result.code == 1
    assert "nulle-part" in result.err and words in result.err.lower()
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("lang", "words"), [("fr", "adresse http"), ("en", "http(s) address")])
def test_a_bad_base_uri_is_refused(cli, example: Path, lang: str, words: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("--lang", lang, "catalog", "export", example, "--base-uri", "ftp://x/")
    assert result.code == 1
    assert words in result.err and "ftp://x/" in result.err
    assert "Traceback" not in result.output


def test_an_unknown_format_is_a_usage_error(cli, example: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("catalog", "export", example, "--format", "xml")
    assert result.code == 2
    assert "Traceback" not in result.output


def test_the_same_service_gives_the_same_text(run_script, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Two processes with different hash seeds: set and dict orders differ, the text must not.
    # The service has an agreement, so blank nodes (rules, constraints) are in the graph.
    service = shared_service(tmp_path)
    outputs = [
        run_script("catalog", "export", service, "--format", fmt, env={"PYTHONHASHSEED": seed})
        for fmt in ("jsonld", "ttl")
        for seed in ("1", "2")
    ]
    assert all(r.code == 0 for r in outputs), [r.err for r in outputs]
    assert outputs[0].out == outputs[1].out and outputs[2].out == outputs[3].out
