"""docs/plugins.md teaches the source contract: its complete file source is the tested one,
and every helper `LoadContext` publishes is documented."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from datacites_test_plugin import jsonl

from datacites_proto import LoadContext
from tests.conftest import REPO

DOC = REPO / "docs" / "plugins.md"


def test_the_documented_file_source_is_the_tested_one() -> None:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("### A file source, complete", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    source = Path(jsonl.__file__).read_text(encoding="utf-8")
    assert code.strip() == source[source.index("import json") :].strip()


def test_every_load_context_helper_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    fields = {f.name for f in dataclasses.fields(LoadContext)}
    helpers = {n for n in vars(LoadContext) if not n.startswith("_") and n not in fields}
    assert {"create_table", "file", "fingerprint", "problem", "fail"} <= helpers
    assert {n for n in helpers if f"`ctx.{n}(" not in text} == set()


def test_both_contracts_are_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert "`LocalSource`" in text and "`RemoteSource`" in text
