"""`include:` — merge reusable fragments into a blueprint, refusing conflicting ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datacites_proto.blueprint.project_paths import is_fragment_name, project_files
from datacites_proto.blueprint.source_map import SourceMap
from datacites_proto.blueprint.yaml_source import YamlDocument, YamlProblems, read_yaml_file
from datacites_proto.errors import Problem, display_path
from datacites_proto.resources import fragment_names, fragments_dir
from datacites_proto.suggest import close_matches

KEYED_SECTIONS = ("datasets", "indicators", "filters")
LISTED_SECTIONS = ("relations", "pages")
FRAGMENT_KEYS = frozenset({"datacites", "include", *KEYED_SECTIONS, *LISTED_SECTIONS})


def _shipped_names() -> list[str]:
    return fragment_names(fragments_dir())


class _Merger:
    def __init__(self, smap: SourceMap, project_dir: Path) -> None:
        self.smap = smap
        self.project_dir = project_dir
        self.problems: list[Problem] = []

    def resolve(self, name: Any, loc: tuple[Any, ...], doc: YamlDocument) -> Path | None:
        if not isinstance(name, str) or not name.strip():
            self.problems.append(doc.problem("include_bad_entry", loc))
            return None
        if is_fragment_name(name):
            return self._shipped(name, loc, doc)
        # Anything else is a project path, relative to the including file (like an import),
        # and never looked for among the shipped fragments.
        found = project_files(name, doc.path.resolve().parent, self.project_dir, allow_glob=False)
        if found.problem is not None:
            self.problems.append(doc.problem(found.problem, loc, params=found.params))
            return None
        if found.files:
            return found.files[0]
        # A bare file name (`a-propos.yaml`, as the language's contract writes it) that the
        # project does not hold names a shipped fragment: its stem is looked up among their
        # names, never joined to the shipped folder as a path.
        stem, suffix = Path(name).stem, Path(name).suffix
        if suffix in (".yaml", ".yml") and name == stem + suffix and is_fragment_name(stem):
            return self._shipped(stem, loc, doc)
        self._not_found(name, loc, doc)
        return None

    def _shipped(self, name: str, loc: tuple[Any, ...], doc: YamlDocument) -> Path | None:
        """A shipped fragment, found by its name only."""
        if name in _shipped_names():
            return (fragments_dir() / f"{name}.yaml").resolve()
        self._not_found(name, loc, doc)
        return None

    def _not_found(self, name: str, loc: tuple[Any, ...], doc: YamlDocument) -> None:
        self.problems.append(
            doc.problem(
                "include_not_found",
                loc,
                params={"name": name, "available": ", ".join(_shipped_names())},
                suggestions=tuple(close_matches(Path(name).stem, _shipped_names())),
            )
        )

    def merge(self, data: dict[str, Any], doc: YamlDocument, chain: tuple[Path, ...]) -> None:
        includes = data.get("include") or []
        if not isinstance(includes, list):
            return  # the model reports the wrong type with its position
        for i, name in enumerate(includes):
            path = self.resolve(name, ("include", i), doc)
            if path is None:
                continue
            if path in chain:
                self.problems.append(
                    doc.problem("include_cycle", ("include", i), params={"name": name})
                )
                continue
            try:
                fragment = read_yaml_file(path, display_path(path))
            except YamlProblems as exc:
                self.problems.extend(exc.problems)
                continue
            if not isinstance(fragment.data, dict):
                self.problems.append(fragment.problem("fragment_not_mapping", ()))
                continue
            self.merge(fragment.data, fragment, (*chain, path))
            self.absorb(fragment)

    def absorb(self, fragment: YamlDocument) -> None:
        target = self.smap.data
        for key in fragment.data:
            if key not in FRAGMENT_KEYS:
                self.problems.append(
                    fragment.problem(
                        "include_forbidden_key",
                        (key,),
                        key=True,
                        params={
                            "key": key,
                            "allowed": ", ".join(sorted(FRAGMENT_KEYS - {"include"})),
                        },
                    )
                )
        for section in KEYED_SECTIONS:
            items = fragment.data.get(section)
            if not isinstance(items, dict):
                continue
            merged = target.setdefault(section, {})
            if not isinstance(merged, dict):
                continue
            for item_id, value in items.items():
                if item_id in merged:
                    if merged[item_id] != value:
                        first = self.smap.where((section, item_id), key=True)
                        self.problems.append(
                            fragment.problem(
                                "include_conflict",
                                (section, item_id),
                                key=True,
                                params={"id": item_id, "section": section, "other": first},
                            )
                        )
                    continue
                merged[item_id] = value
                self.smap.prefixes[(section, item_id)] = (fragment, (section, item_id))
        for section in LISTED_SECTIONS:
            items = fragment.data.get(section)
            if not isinstance(items, list):
                continue
            merged_list = target.setdefault(section, [])
            if not isinstance(merged_list, list):
                continue
            for j, value in enumerate(items):
                if section == "relations" and value in merged_list:
                    continue
                self.smap.prefixes[(section, len(merged_list))] = (fragment, (section, j))
                merged_list.append(value)


def merge_includes(smap: SourceMap, project_dir: Path) -> list[Problem]:
    """Merge the fragments `smap.data` includes into it, in place; return the problems."""
    if not isinstance(smap.data, dict) or smap.main is None:
        return []
    merger = _Merger(smap, project_dir)
    merger.merge(smap.data, smap.main, (smap.main.path.resolve(),))
    return merger.problems
