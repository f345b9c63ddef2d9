"""Every ```yaml block of README.md and docs/ is checked (issue 18): none is skipped.

A complete blueprint is validated by the project's own loader (`inspect_blueprint`, what
`datacites validate` runs) in a copy of a project that has the data files it names; a part
of a blueprint, marked `<!-- fragment: PATH in PROJECT -->`, is first merged into that
project's blueprint; an agreement or a questionnaire is validated by its own model; any
other YAML file must say what it is (`<!-- yaml: other: … -->`) and is at least parsed.
The markers are described in doc_blocks.py. A failure names the page and the fence's line.
"""

from __future__ import annotations

import copy
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from datacites_proto.blueprint.governance import Agreement
from datacites_proto.blueprint.loader import inspect_blueprint
from datacites_proto.blueprint.questionnaire_loader import inspect_questionnaire
from tests.docs.doc_blocks import DEFAULT_PROJECT, Block, all_blocks, blocks, copy_project

YAML_BLOCKS = all_blocks({"yaml", "yml"})


def merge(base: Any, part: Any, where: str) -> Any:
    """part merged into base: mappings key by key (recursively), a list at a list's end."""
    if isinstance(base, dict) and isinstance(part, dict):
        merged = dict(base)
        for key, value in part.items():
            merged[key] = merge(base[key], value, "") if key in base else value
        return merged
    if isinstance(base, list) and isinstance(part, list) and where == "end":
        return [*base, *part]
    return part


def merge_at(blueprint: dict[str, Any], path: str, part: Any) -> dict[str, Any]:
    """The blueprint with part merged at the dotted path (`.`: the whole blueprint). A part
    written with its own key (`datasets:` at `datasets`) is taken without it."""
    merged = copy.deepcopy(blueprint)
    if path in (".", ""):
        return merge(merged, part, "")  # type: ignore[no-any-return]
    *parents, last = path.split(".")
    if isinstance(part, dict) and list(part) == [last]:
        part = part[last]
    node: Any = merged
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(last)] = merge(node[int(last)], part, "end")
    else:
        node[last] = merge(node[last], part, "end") if last in node else part
    return merged


def problems(block: Block, tmp_path: Path) -> list[str]:
    """What is wrong with the block, each problem prefixed by the page and line."""
    try:
        data = yaml.safe_load(textwrap.dedent(block.text))
    except yaml.YAMLError as exc:
        return [f"{block.where}: not YAML: {exc}"]
    kind = block.marker("yaml")
    if kind is not None:
        return _other_file(block, kind, data, tmp_path)
    fragment = block.marker("fragment")
    project = block.marker("blueprint") or DEFAULT_PROJECT
    if fragment is not None:
        path, _, project = fragment.partition(" in ")
        project = project.strip() or DEFAULT_PROJECT
    folder = copy_project(project, tmp_path / "project")
    target = folder / "blueprint.yaml"
    if fragment is not None:
        base = yaml.safe_load(target.read_text(encoding="utf-8"))
        try:
            data = merge_at(base, path.strip(), data)
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            return [f"{block.where}: no place « {path} » in {project}'s blueprint: {exc!r}"]
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    else:
        target.write_text(block.text, encoding="utf-8")
    result = inspect_blueprint(target, lang="en")
    if result.ok:
        return []
    how = f"merged at « {path.strip()} » into {project}" if fragment else f"in {project}"
    return [f"{block.where} ({how}): {p.format('en')}" for p in result.problems]


def _other_file(block: Block, kind: str, data: Any, tmp_path: Path) -> list[str]:
    if kind == "agreement":
        try:
            Agreement.model_validate(data)
        except Exception as exc:  # pydantic's ValidationError, or a wrong shape
            return [f"{block.where}: not a valid agreement file: {exc}"]
        return []
    if kind == "questionnaire":
        path = tmp_path / "questionnaire.yaml"
        path.write_text(textwrap.dedent(block.text), encoding="utf-8")
        result = inspect_questionnaire(path, lang="en")
        return [f"{block.where}: {p.format('en')}" for p in result.problems]
    if kind.startswith("other:") and kind.removeprefix("other:").strip():
        return []  # parsed above: a template's source, a CI file…
    return [f"{block.where}: unknown marker « yaml: {kind} » (agreement, questionnaire, other: …)"]


def test_the_docs_have_yaml_blocks_of_every_kind() -> None:
    assert len(YAML_BLOCKS) > 40
    assert any(b.marker("fragment") for b in YAML_BLOCKS)
    assert any(not b.markers for b in YAML_BLOCKS)
    assert any(b.marker("yaml") == "agreement" for b in YAML_BLOCKS)


@pytest.mark.parametrize("block", YAML_BLOCKS, ids=lambda b: b.where)
def test_every_yaml_block_is_valid(block: Block, tmp_path: Path) -> None:
    found = problems(block, tmp_path)
    assert not found, "\n".join(found)


BROKEN_PAGE = """\
# A page

<!-- fragment: datasets in examples/coeur_de_ville -->
```yaml
datasets:
  occupation:
    source: {type: sql, url: "postgresql://lecteur:secret@db/x", table: t}
```

Text.

```yaml
datacites: 1
service: {id: x, title: X}
pages:
  - title: Accueil
    views: [{type: kpi, indicator: nowhere}]
```
"""


def test_a_broken_block_is_reported_with_its_page_and_line(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "page.md"
    page.parent.mkdir()
    page.write_text(BROKEN_PAGE, encoding="utf-8")
    fragment, whole = blocks(page)
    found = problems(_relative(fragment), tmp_path / "a")
    assert found and found[0].startswith("docs/page.md:4 (merged at « datasets »")
    assert "password" in " ".join(found).lower() or "${" in " ".join(found)
    found = problems(_relative(whole), tmp_path / "b")
    assert found and found[0].startswith("docs/page.md:12 (in examples/coeur_de_ville)")
    assert "nowhere" in " ".join(found)


def test_an_unknown_marker_or_a_bad_place_fails(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "<!-- yaml: recipe -->\n```yaml\na: 1\n```\n\n"
        "<!-- fragment: pages.9.views in examples/coeur_de_ville -->\n```yaml\n- {type: kpi}\n```\n",
        encoding="utf-8",
    )
    recipe, misplaced = (_relative(b) for b in blocks(page))
    assert "unknown marker" in problems(recipe, tmp_path / "a")[0]
    assert "no place « pages.9.views »" in problems(misplaced, tmp_path / "b")[0]


def _relative(block: Block) -> Block:
    """The block as if its page were docs/page.md of the repository (for `where`)."""
    from tests.conftest import REPO

    block.path = REPO / "docs" / "page.md"
    return block
