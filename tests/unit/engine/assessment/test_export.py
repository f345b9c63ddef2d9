"""The exchange format of self-assessment editions: written, read back, and broken files
reported at their line, in French and English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from datacites_proto.engine.assessment.export import (
    PEER_COLUMNS,
    PeersFileError,
    edition_json,
    merged_peers,
    parse_peers_csv,
    parse_peers_json,
    peers_csv,
    peers_json,
    read_peers,
)
from datacites_proto.engine.assessment.peers import PeerEdition

HEADER = ";".join(PEER_COLUMNS)


def edition(code: str = "29233", year: int = 2026, **levels: float) -> PeerEdition:
    return PeerEdition(
        collectivite=code,
        name="Quimperlé",
        status="commune",
        population=12000,
        year=year,
        questionnaire="maturite-numerique",
        levels=levels or {"cyber": 2.5, "donnees": 3.0},
    )


def test_csv_round_trip_in_french_spreadsheet_conventions() -> None:
    data = peers_csv([edition(), edition("29151", cyber=1.25)])
    text = data.decode("utf-8")
    assert text.splitlines()[0] == HEADER
    assert text.splitlines()[1] == "29233;Quimperlé;commune;12000;2026;maturite-numerique;cyber;2,5"
    assert parse_peers_csv(text, "x.csv") == [edition(), edition("29151", cyber=1.25)]


def test_json_round_trip_and_answers_ignored_on_reading() -> None:
    assert parse_peers_json(peers_json([edition()]).decode(), "x.json") == [edition()]
    own = edition_json(
        edition(),
        {"a1": (2, "délibération du 3 mars"), "a2": (None, None)},
        {"a1": "cyber", "a2": "cyber", "a3": "donnees"},
        "2026-11-30T10:00:00",
    )
    data = json.loads(own)
    assert data["editions"][0]["answers"] == [
        {"theme": "cyber", "affirmation": "a1", "level": 2, "evidence": "délibération du 3 mars"},
        {"theme": "cyber", "affirmation": "a2", "level": None, "evidence": None},
    ]
    [read] = parse_peers_json(own.decode(), "x.json")
    assert read == edition()  # the levels only: a peer's answers are never kept


def test_comma_separated_files_with_a_bom_are_read(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    text = (
        ",".join(PEER_COLUMNS)
        + "\n29233,Quimperlé,commune,12000,2026,maturite-numerique,cyber,2.5\n"
    )
    path.write_bytes(text.encode("utf-8-sig"))
    assert read_peers(path) == [edition(cyber=2.5)]


def problems(text: str, file: str = "pairs.csv") -> list[tuple[int | None, str, str]]:
    parse = parse_peers_json if file.endswith(".json") else parse_peers_csv
    with pytest.raises(PeersFileError) as caught:
        parse(text, file)
    return [(p.line, p.message("fr"), p.message("en")) for p in caught.value.problems]


ROW = "29233;Quimperlé;commune;12000;2026;maturite-numerique"


@pytest.mark.parametrize(
    ("text", "line", "fr", "en"),
    [
        ("collectivite;name\n", 1, "Colonnes manquantes : status", "Missing columns: status"),
        (f"{HEADER}\n{ROW};cyber;huit\n", 2, "un niveau entre 1 et 7", "a level between 1 and 7"),
        (f"{HEADER}\n{ROW};cyber;9\n", 2, "« 9 »", "'9'"),
        (
            f"{HEADER}\n29233;Quimperlé;mairie;12000;2026;q;cyber;2\n",
            2,
            "Statut « mairie » inconnu",
            "Unknown status 'mairie'",
        ),
        (
            f"{HEADER}\n29233;Quimperlé;commune;douze;2026;q;cyber;2\n",
            2,
            "nombre entier positif",
            "positive whole number",
        ),
        (
            f"{HEADER}\n29233;Q;commune;12000;26;q;cyber;2\n",
            2,
            "année sur 4 chiffres",
            "four-digit",
        ),
        (
            f"{HEADER}\n{ROW};cyber;2\n{ROW};cyber;3\n",
            3,
            "Le thème « cyber » de 29233 (2026) apparaît deux fois",
            "Theme 'cyber' of 29233 (2026) appears twice",
        ),
        (
            f"{HEADER}\n{ROW};cyber;2\n29233;Quimperlé;commune;9000;2026;maturite-numerique;donnees;3\n",
            3,
            "« population » vaut « 9000 » ici mais « 12000 » plus haut",
            "'population' is '9000' here but '12000' above",
        ),
        (f"{HEADER}\n", None, "aucune édition", "no edition"),
    ],
    ids=[
        "columns",
        "level-text",
        "level-high",
        "status",
        "population",
        "year",
        "duplicate",
        "inconsistent",
        "empty",
    ],
)
def test_broken_csv_files_are_located(text: str, line: int | None, fr: str, en: str) -> None:
    found = problems(text)
    assert found[0][0] == line
    assert fr in found[0][1] and en in found[0][2]


def test_every_problem_of_a_file_is_reported_and_nothing_is_kept() -> None:
    text = f"{HEADER}\n{ROW};cyber;2\n{ROW};donnees;0\n29233;Q;ville;1;2026;q;x;2\n"
    assert [line for line, _, _ in problems(text)] == [3, 4]


def test_broken_json_files_say_why() -> None:
    [(line, fr, en)] = problems('{"editions": [\n{"a": 1,}\n]}', "pairs.json")
    assert line == 2 and "JSON invalide" in fr and "Invalid JSON" in en
    [(_, fr, _)] = problems('{"editions": [{"collectivite": "1"}]}', "pairs.json")
    assert "« editions »" in fr and "levels" in fr


def test_a_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pairs.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(PeersFileError) as caught:
        read_peers(path)
    assert "« .xlsx » non reconnue" in caught.value.problems[0].message("fr")


def test_merged_peers_keep_the_first_origin() -> None:
    imported = [edition(cyber=4.0)]
    sample = [edition(cyber=1.0), edition("FICT001", cyber=1.0)]
    assert merged_peers(imported, sample) == [edition(cyber=4.0), edition("FICT001", cyber=1.0)]
