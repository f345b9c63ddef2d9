"""Runs the shell commands of a documentation page as a reader would (issue 18), for
tests/docs/test_docs_shell_*.py.

Each page's commands run in order, in one temporary folder that starts as a copy of a project
(`examples/coeur_de_ville`, or the page's `<!-- run-in: PROJECT -->`): `cd` and `export`
carry over to the next commands, as in a terminal; the repository's folders a command names
(`examples/recharge`, `blueprints/…`) are copied in beside it; `datacites` and `python` are
this environment's; questions are answered with Enter (the proposed answer); no network
(DATACITES_OFFLINE=1). A command must exit with 0, print something or write the file it is
given with `-o`, and print each line a console block shows after it (but lines with « … »).

A command that cannot run here is in NOT_RUN, keyed by its exact text, with the reason: a new
command that cannot run fails the test until someone decides.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO
from tests.docs.doc_blocks import SHELLS, Command, all_blocks, commands, copy_project

DEFAULT_PROJECT = "examples/coeur_de_ville"
REPO_FOLDERS = ("examples/", "blueprints/", "docs/", "service_templates/", "tests/")
SERVES = "serves the service until Ctrl-C"
ASKS_PASSWORD = "asks the team password twice at the terminal"
NETWORK = "needs the network (PyPI, data.gouv.fr) or another machine"
PEERS_FILE = "needs the peers' results file, which the page does not give"
EDITION = "needs an edition the team submitted from the self-assessment page"

BENCH = "measures speed on 1 M to 50 M generated rows for minutes (make bench runs them)"

NOT_RUN: dict[str, str] = {
    # The two commands of a fresh machine: CI's own, they install and test everything.
    "make demo": "installs the environment, then " + SERVES,
    "make test": "runs this very test suite",
    "make new NAME=mon-service TEMPLATE=footfall": "the same as datacites new, through make",
    "source .venv/bin/activate": "changes the shell it runs in; the tests use .venv/bin",
    # Servers: they run until Ctrl-C (tests/e2e drives them in a browser).
    "datacites run .": SERVES,
    "datacites run . --host 0.0.0.0 --no-browser": SERVES,
    "datacites run examples/coeur_de_ville": SERVES,
    "datacites run examples/passoires_thermiques": SERVES,
    "datacites run examples/recharge": SERVES,
    "datacites run examples/intercommunalite_py": SERVES,
    "datacites run examples/plugins/datacites-velos/service": SERVES,
    "datacites run my-maturity": SERVES,
    "datacites run ma-maturite": SERVES,
    "datacites run mon-service --trusted-proxy 127.0.0.1": SERVES,
    "DATACITES_TRUSTED_PROXIES=127.0.0.1 datacites run mon-service --no-browser": SERVES,
    "DATACITES_TODAY=2026-07-01 datacites run .": SERVES,
    ".venv/bin/streamlit run app.py --server.address 127.0.0.1 --server.port 8501 &": SERVES,
    ".venv/bin/streamlit run app.py --server.address 127.0.0.1 --server.port 8502 &": SERVES,
    "cd /srv/coeur-de-ville && deploy/replicas.sh": SERVES + " (two replicas, on a server)",
    "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && "
    ".venv/bin/streamlit run app.py": NETWORK + "; then " + SERVES,
    "CI=true .venv/bin/pytest tests/e2e/test_replicas.py": "starts PostgreSQL, nginx and "
    "Chromium (tests/e2e/test_replicas.py is part of the suite)",
    # Questions at the terminal.
    "datacites team set-password mon-service": ASKS_PASSWORD,
    "datacites team set-password my-maturity": ASKS_PASSWORD,
    "datacites team set-password ma-maturite": ASKS_PASSWORD,
    # Installing into the environment, or reaching another machine.
    "pip install -e examples/plugins/datacites-velos": "installs into this environment "
    "(make has installed it already)",
    'pip install "datacites-proto[postgres]"': NETWORK,
    "datacites validate --data .": "reads the page's database or downloads from data.gouv.fr: "
    + NETWORK,
    # Secrets and addresses that only exist on a server.
    "datacites build examples/coeur_de_ville -o /srv/coeur-de-ville": "writes into /srv, "
    "which needs root (the same command with -o dist runs in deployer.md)",
    "export STREAMLIT_SERVER_COOKIE_SECRET=…": "a placeholder for the secret drawn above",
    "export DATACITES_TEAM_PASSWORD_HASH='scrypt$…'": "a placeholder for a hash",
    "export DATACITES_STORE_URL=postgresql+psycopg://datacites@127.0.0.1:5432/datacites": (
        "names the production store; the next commands of its block cannot run here"
    ),
    "export DATACITES_STORE_URL='postgresql+psycopg://avis@db.ville.fr:5432/datacites'": (
        "names the collectivité's database server: " + NETWORK
    ),
    # Files the page speaks of but does not give.
    "datacites assessment import network-results.csv --project my-maturity": PEERS_FILE,
    "datacites assessment import network-results.csv --project my-service": PEERS_FILE,
    "datacites assessment import resultats-reseau.csv --project ma-maturite": PEERS_FILE,
    "datacites assessment import resultats-reseau.csv --project mon-service": PEERS_FILE,
    'echo "$MOT_DE_PASSE" | datacites team set-password mon-service --password-stdin': (
        "reads the reader's own secret from $MOT_DE_PASSE (the tutorial runs this command)"
    ),
    "datacites assessment export mon-service --year 2026 --format csv -o edition-2026.csv": (
        EDITION
    ),
    "datacites assessment export mon-service --year 2026 --format csv --answers": EDITION,
    "datacites assessment export mon-service --year 2026 --format json -o edition-2026.json": (
        EDITION
    ),
    "datacites assessment export my-service --year 2026 --format csv -o edition-2026.csv": (
        EDITION
    ),
    "datacites assessment export my-service --year 2026 --format csv --answers": EDITION,
    "datacites assessment export my-service --year 2026 --format json -o edition-2026.json": (
        EDITION
    ),
    "datacites validate blueprint.yaml": "shows the report of a blueprint with a mistake "
    "(« titel »), which the page describes but does not give",
    "datacites validate --data examples/coeur_de_ville": "shows the report of a data file with "
    "a mistake (« abandonné »), not the example's own data",
    "datacites convert blueprint.py -o blueprint.yaml": "converts back the blueprint.py the "
    "line above writes; it exists already",
    "datacites experiment report examples/coeur_de_ville [ID] [--format md|json] [--strict] "
    "[-o FILE]": "a synopsis of the options, not a command",
    # The benchmarks (benchmarks/README.md, the site's benchmarks page).
    "make bench": BENCH,
    ".venv/bin/python benchmarks/bench_engine.py": BENCH,
    ".venv/bin/python benchmarks/bench_engine.py --sizes 1000000": BENCH,
    ".venv/bin/python benchmarks/bench_app.py": BENCH,
    ".venv/bin/python benchmarks/bench_app.py --sizes 1000000": BENCH,
    ".venv/bin/python benchmarks/bench_experiment.py": BENCH,
    ".venv/bin/python benchmarks/bench_load.py": BENCH,
    ".venv/bin/python benchmarks/bench_load.py --sessions 1 10": BENCH,
    ".venv/bin/python benchmarks/bench_load.py --think 10 20 --reruns 8": BENCH,
    ".venv/bin/python benchmarks/bench_rerun.py": BENCH,
    ".venv/bin/python benchmarks/rerun_timeline.py": BENCH,
}


@dataclass
class Outcome:
    command: Command
    problem: str | None  # None when it ran as the page says


def page_commands(page: Path) -> list[Command]:
    return [c for b in all_blocks(SHELLS, [page]) for c in commands(b)]


def pages_with_commands(folder: str) -> list[Path]:
    """The pages of a part of the docs (`fr`, `en`, or `root`: README.md and docs/*.md)."""
    if folder == "root":  # and benchmarks/README.md, the site's benchmarks page
        pages = [
            REPO / "README.md",
            *sorted((REPO / "docs").glob("*.md")),
            REPO / "benchmarks" / "README.md",
        ]
    else:
        pages = sorted((REPO / "docs" / folder).rglob("*.md"))
    return [p for p in pages if page_commands(p)]


def run_page(page: Path, tmp_path: Path) -> list[Outcome]:
    """Every command of the page that can run here, in order, in one working folder."""
    found = page_commands(page)
    project = next((c.block.marker("run-in") for c in found if c.block.marker("run-in")), None)
    workspace = copy_project(project or DEFAULT_PROJECT, tmp_path / "work")
    (workspace / ".venv").symlink_to(REPO / ".venv")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATACITES_", "PYTEST"))}
    env |= {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "DATACITES_OFFLINE": "1",
        "COLUMNS": "200",
        "NO_COLOR": "1",
    }
    cwd = workspace
    outcomes = []
    for command in found:
        if command.text in NOT_RUN:
            continue
        words = shlex.split(command.text, comments=True)
        _copy_repository_folders(words, cwd)
        if words[0] == "cd" and len(words) == 2:
            there = (cwd / words[1]).resolve()
            outcomes.append(Outcome(command, None if there.is_dir() else f"no folder {there}"))
            cwd = there if there.is_dir() else cwd
            continue
        if words[0] == "export" and len(words) == 2 and "=" in words[1]:
            name, _, value = words[1].partition("=")
            env[name] = value
            outcomes.append(Outcome(command, None))
            continue
        outcomes.append(Outcome(command, _run(command, words, cwd, env)))
    return outcomes


def _copy_repository_folders(words: list[str], cwd: Path) -> None:
    """The repository's folders a command names, copied where it runs (not their cache)."""
    for word in words:
        if word.startswith(REPO_FOLDERS):
            top = Path(*Path(word).parts[:2])
            if (REPO / top).is_dir() and not (cwd / top).exists():
                shutil.copytree(REPO / top, cwd / top, ignore=shutil.ignore_patterns(".datacites"))


def _run(command: Command, words: list[str], cwd: Path, env: dict[str, str]) -> str | None:
    done = subprocess.run(
        ["bash", "-c", command.text],
        cwd=cwd,
        env=env,
        input="\n" * 40,  # Enter keeps each proposed answer
        capture_output=True,
        text=True,
        timeout=300,
    )
    said = done.stdout + done.stderr
    if done.returncode != 0:
        return f"exit code {done.returncode}:\n{said[-3000:]}"
    written = _output_file(words)
    if written is not None:
        target = cwd / written
        if not (target.is_file() and target.stat().st_size) and not (
            target.is_dir() and any(target.iterdir())
        ):
            return f"wrote nothing into {written}:\n{said[-3000:]}"
    elif not said.strip():
        return "printed nothing"
    flat = _flat(said)
    missing = [line for line in command.output if "…" not in line and _flat(line) not in flat]
    if missing:
        return f"does not print what the page shows: {missing}\nit printed:\n{said[-3000:]}"
    return None


def _output_file(words: list[str]) -> str | None:
    for flag in ("-o", "--output"):
        if flag in words[:-1]:
            return words[words.index(flag) + 1]
    return None


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def report(outcomes: list[Outcome]) -> str:
    return "\n\n".join(
        f"{o.command.where}: $ {o.command.text}\n{o.problem}" for o in outcomes if o.problem
    )
