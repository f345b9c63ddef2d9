"""The app's « Télécharger en PDF »: made once per page and filters, and a failure said in
the service's language (Streamlit would only say, in English, that the file failed)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from datacites_proto.app import report_button
from datacites_proto.blueprint.loader import inspect_blueprint
from datacites_proto.engine.service import Service

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "coeur_de_ville"


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Service:
    folder = tmp_path_factory.mktemp("cdv") / "ex"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".datacites"))
    blueprint = inspect_blueprint(folder / "blueprint.yaml").blueprint
    assert blueprint is not None
    return Service.from_blueprint(blueprint)


def test_a_failed_document_says_so_in_french_with_the_contact(service: Service) -> None:
    blueprint = service.blueprint
    text = " ".join(text_of(report_button.failure_pdf(blueprint, "Fréquentation", "fr")).split())
    assert "Le document n'a pas pu être préparé" in text
    assert "« Fréquentation »" in text
    contact = blueprint.service.contact
    assert contact and contact in "".join(text.split())  # cut at its hyphen on a narrow line
    english = text_of(report_button.failure_pdf(blueprint, "Footfall", "en"))
    assert "The document could not be made" in english


def test_the_same_page_and_filters_are_made_once(
    service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    real = report_button.report_html

    def counted(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(report_button, "report_html", counted)
    key = ("svc", "data", "0", '{"lieu": ["Gare"]}', "fr")
    filters = {"lieu": ["Gare"]}
    first = report_button.page_pdf(service.blueprint, service, key, 0, filters, "fr")
    again = report_button.page_pdf(service.blueprint, service, key, 0, filters, "fr")
    assert again is first and len(made) == 1 and "Gare" in text_of(first)
