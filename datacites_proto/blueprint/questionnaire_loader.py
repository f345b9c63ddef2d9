"""Find, read and validate a questionnaire file, with every problem located in it."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from datacites_proto.blueprint.project_paths import is_fragment_name, probe, project_files
from datacites_proto.blueprint.questionnaire import (
    QUESTIONNAIRE_VERSION,
    SKIP_RULES,
    Questionnaire,
    rule_findings,
)
from datacites_proto.blueprint.source_map import SourceMap
from datacites_proto.blueprint.validation_errors import problems_from_validation
from datacites_proto.blueprint.yaml_source import YamlProblems, read_yaml_file
from datacites_proto.errors import BlueprintError, Problem, display_path
from datacites_proto.i18n import resolve_lang
from datacites_proto.resources import fragments_dir
from datacites_proto.suggest import close_matches

QUESTIONNAIRES_FOLDER = "questionnaires"
_HEADER_RE = re.compile(rb"^questionnaire\s*:", re.MULTILINE)


def questionnaires_dir() -> Path:
    """The folder of the shipped questionnaires."""
    return fragments_dir() / QUESTIONNAIRES_FOLDER


def shipped_questionnaires() -> list[str]:
    """Names of the shipped questionnaires, usable as `questionnaire: name`."""
    folder = questionnaires_dir()
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def is_questionnaire_file(path: Path) -> bool:
    """True for a YAML file whose top level has a `questionnaire:` key (its version)."""
    if path.suffix not in (".yaml", ".yml") or probe(path) != "file":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return False
    return _HEADER_RE.search(head) is not None


@dataclass
class QuestionnaireResult:
    """What reading a questionnaire found: the questionnaire when valid, and every problem."""

    path: Path | None
    display: str
    questionnaire: Questionnaire | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    lang: str = "fr"
    blueprint: None = None  # read like a blueprint's LoadResult by `datacites validate`

    @property
    def ok(self) -> bool:
        return self.questionnaire is not None and not self.problems

    def raise_for_problems(self) -> Questionnaire:
        if not self.ok:
            raise BlueprintError(self.problems, lang=self.lang, warnings=self.warnings)
        assert self.questionnaire is not None
        return self.questionnaire


def resolve_questionnaire(
    ref: str, base_dir: Path, project_dir: Path | None = None
) -> Path | Problem:
    """The file `ref` names (a shipped name, or a path inside the project), or why not."""
    project = (project_dir or base_dir).resolve()
    if not isinstance(ref, str) or not ref.strip():
        return Problem("questionnaire_ref_empty", {})
    names = shipped_questionnaires()
    if is_fragment_name(ref):
        if ref in names:
            return (questionnaires_dir() / f"{ref}.yaml").resolve()
        return _not_found(ref, names)
    # Anything else is a path in the project, never joined to the shipped folder.
    found = project_files(ref, base_dir, project, allow_glob=False)
    if found.problem is not None:
        return Problem(found.problem, dict(found.params))
    if found.files:
        return found.files[0]
    if found.state == "directory":
        return Problem("questionnaire_is_folder", {"path": ref})
    return _not_found(ref, names)


def _not_found(ref: str, names: list[str]) -> Problem:
    return Problem(
        "questionnaire_not_found",
        {"name": ref, "available": ", ".join(names)},
        suggestions=tuple(close_matches(Path(ref).stem, names)),
    )


def _located(smap: SourceMap, q: Questionnaire) -> tuple[list[Problem], list[Problem]]:
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for finding in rule_findings(q):
        loc = finding.loc
        if finding.key:  # the raw key may be written "1" where the model holds 1
            parent = smap.data_at(loc[:-1])
            if isinstance(parent, dict) and loc[-1] not in parent:
                raw = next((k for k in parent if str(k).strip() == str(loc[-1])), loc[-1])
                loc = (*loc[:-1], raw)
        problem = smap.problem(
            finding.code, loc, key=finding.key, params=finding.params, severity=finding.severity
        )
        (errors if finding.severity == "error" else warnings).append(problem)
    return errors, warnings


def inspect_questionnaire(path: str | Path, *, lang: str | None = None) -> QuestionnaireResult:
    """Read and validate the questionnaire file at `path`; never raises for the user's mistakes."""
    path = Path(path)
    display = display_path(path)
    result = QuestionnaireResult(path=path, display=display, lang=resolve_lang(lang))
    try:
        doc = read_yaml_file(path, display)
    except YamlProblems as exc:
        result.problems.extend(exc.problems)
        return result
    smap = SourceMap(display=display, main=doc, data=copy.deepcopy(doc.data))
    data = smap.data
    if not isinstance(data, dict):
        code = "questionnaire_empty" if data is None else "questionnaire_not_mapping"
        result.problems.append(smap.problem(code, ()))
        return result
    if isinstance(data.get("lang"), str):
        result.lang = resolve_lang(lang, data["lang"])
    version = data.get("questionnaire")
    if isinstance(version, int) and version != QUESTIONNAIRE_VERSION:
        result.problems.append(
            smap.problem("questionnaire_version", ("questionnaire",), params={"version": version})
        )
        return result
    try:
        q = Questionnaire.model_validate(data, context={SKIP_RULES: True})
    except ValidationError as exc:
        result.problems.extend(problems_from_validation(exc, smap, Questionnaire, None))
        return result
    errors, warnings = _located(smap, q)
    result.problems.extend(errors)
    result.warnings.extend(warnings)
    if not errors:
        result.questionnaire = q
    return result


# Parsed questionnaires by file and version on disk: a view reads one on every rerun.
_CACHE: dict[tuple[Path, int, int, str], QuestionnaireResult] = {}


def _cached(path: Path, lang: str | None) -> QuestionnaireResult:
    try:
        stat = path.stat()
    except OSError:
        return inspect_questionnaire(path, lang=lang)
    key = (path, stat.st_mtime_ns, stat.st_size, lang or "")
    found = _CACHE.get(key)
    if found is None:  # sessions run in threads: never read back what another may clear
        found = inspect_questionnaire(path, lang=lang)
        if len(_CACHE) > 32:
            _CACHE.clear()
        _CACHE[key] = found
    return found


def load_questionnaire(
    ref: str, base_dir: Path, *, project_dir: Path | None = None, lang: str | None = None
) -> Questionnaire:
    """The questionnaire `ref` names (shipped name or project path), or BlueprintError."""
    found = resolve_questionnaire(ref, Path(base_dir), project_dir)
    if isinstance(found, Problem):
        raise BlueprintError([found], lang=resolve_lang(lang))
    return _cached(found, lang).raise_for_problems()
