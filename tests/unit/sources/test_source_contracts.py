"""The two source contracts: every built-in follows one, and the engine tests no type."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import duckdb
import pytest
from datacites_test_plugin.jsonl import JsonLinesSource

import datacites_proto.engine
from datacites_proto import Dataset, LoadContext, LocalSource, RemoteSource, Source
from datacites_proto.registry import Registry

ENGINE = Path(datacites_proto.engine.__file__).parent
BUILTIN_SOURCES = [info.cls for info in Registry.builtin().components() if info.kind == "sources"]


def test_every_built_in_source_follows_one_contract() -> None:
    assert BUILTIN_SOURCES
    for cls in BUILTIN_SOURCES:
        assert issubclass(cls, LocalSource) != issubclass(cls, RemoteSource), cls
        assert cls.remote == issubclass(cls, RemoteSource), cls


def test_both_contracts_are_sources_and_set_the_remote_flag() -> None:
    assert issubclass(LocalSource, Source) and issubclass(RemoteSource, Source)
    assert LocalSource.remote is False and RemoteSource.remote is True


def test_the_engine_never_tests_a_source_type() -> None:
    names = {"Source", "LocalSource", "RemoteSource"} | {c.__name__ for c in BUILTIN_SOURCES}
    found = []
    for path in sorted(ENGINE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func) in (
                "isinstance",
                "issubclass",
            ):
                used = {n.id for n in ast.walk(node.args[1]) if isinstance(n, ast.Name)}
                found += [(path.name, name) for name in used & names]
    assert found == []


def context(tmp_path: Path) -> LoadContext:
    dataset = Dataset.model_validate({"source": {"type": "csv", "path": "x.csv"}})
    return LoadContext("readings", dataset, tmp_path, tmp_path, duckdb.connect(), tmp_path)


def test_the_default_fingerprint_follows_the_files_and_the_settings(tmp_path: Path) -> None:
    data = tmp_path / "a.jsonl"
    data.write_text('{"n": 1}\n', encoding="utf-8")
    ctx = context(tmp_path)
    first = JsonLinesSource(path="a.jsonl").fingerprint(ctx)
    assert JsonLinesSource(path="a.jsonl").fingerprint(ctx) == first
    data.write_text('{"n": 1}\n{"n": 2}\n', encoding="utf-8")
    os.utime(data, ns=(1, 1))
    assert JsonLinesSource(path="a.jsonl").fingerprint(ctx) != first


def test_a_contract_left_unwritten_says_what_is_missing() -> None:
    class Half(RemoteSource):
        pass

    with pytest.raises(NotImplementedError, match="target"):
        Half.model_construct().target()
