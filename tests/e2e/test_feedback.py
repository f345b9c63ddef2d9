"""A citizen gives feedback in a real browser; the row arrives in the store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from datacites_proto.store import Store
from tests.conftest import REPO
from tests.e2e.conftest import Server, serve, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    root = tmp_path_factory.mktemp("e2e-feedback")
    folder = root / "coeur_de_ville"
    shutil.copytree(
        REPO / "examples" / "coeur_de_ville", folder, ignore=shutil.ignore_patterns(".datacites")
    )
    url = f"sqlite:///{root / 'store.sqlite'}"
    for server in serve(folder, env={"DATACITES_STORE_URL": url}):
        yield server, url


def test_a_citizen_sends_feedback_and_sees_the_thanks(
    served: tuple[Server, str], page: object
) -> None:
    server, url = served
    page.goto(f"{server.url}/votre-avis")  # type: ignore[attr-defined]
    wait_for_app(page)
    form = page.get_by_test_id("stForm").first  # type: ignore[attr-defined]
    assert "365 jours" in form.inner_text()  # the notice: what is kept, for how long
    form.get_by_text("4 sur 5", exact=True).first.click()
    form.get_by_role("textbox").first.fill("Très clair <b>merci</b>")
    form.get_by_role("button", name="Envoyer mon avis").click()
    wait_for_app(page)
    page.get_by_text("Merci ! Votre avis est enregistré").wait_for()  # type: ignore[attr-defined]
    assert page.get_by_test_id("stForm").count() == 0  # type: ignore[attr-defined]
    store = Store.open(url)
    try:
        [row] = store.feedback_rows("coeur-de-ville")
    finally:
        store.close()
    assert (row["page"], row["rating"], row["comment"]) == (
        "votre-avis",
        4,
        "Très clair <b>merci</b>",
    )
