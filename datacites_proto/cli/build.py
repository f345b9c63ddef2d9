"""`datacites build PATH -o DIR`: a self-contained folder that serves the service anywhere.

The folder holds the blueprint and every file it needs, an `app.py` (an `st.App` that
readies the first page before it listens) and a three-line `page.py`, a wheel of this
package (it is not on PyPI) with the exact versions of its dependencies, a hardened
Streamlit configuration, a French README, and in `deploy/` an nginx configuration and a
script for two replicas behind it. Secrets and virtual environments never go in.
"""

from __future__ import annotations

import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Annotated

import typer
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import datacites_proto
from datacites_proto.blueprint.checks.paths import iter_marked
from datacites_proto.blueprint.loader import LoadResult
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.project_paths import inside, is_fragment_name, project_files
from datacites_proto.cli.context import CliState
from datacites_proto.cli.output import say
from datacites_proto.cli.run import checked_blueprint
from datacites_proto.cli.server_limits import MAX_MESSAGE_MB, MAX_UPLOAD_MB
from datacites_proto.i18n.formatting import plural
from datacites_proto.sources.download_cache import PROJECT_CACHE
from datacites_proto.sources.sql_database import ENV_VAR_RE

DISTRIBUTION = "datacites-proto"
MANIFEST = ".datacites-build.json"
NEVER_COPIED_DIRS = frozenset({".venv", "venv", ".git", "__pycache__", ".streamlit"})
SECRET_NAMES = frozenset({".env", "secrets.toml"})


class BuildError(Exception):
    """A build that cannot be made; `code` and `params` are a catalogue message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class Collected:
    """The project files a built service needs, relative to the blueprint's folder."""

    files: dict[Path, Path] = field(default_factory=dict)  # relative path -> source file
    secrets_skipped: list[Path] = field(default_factory=list)
    env_vars: set[str] = field(default_factory=set)


def is_secret(relative: Path) -> bool:
    name = relative.name
    return name in SECRET_NAMES or name.startswith(".env.")


def _add(found: Collected, base: Path, project: Path, path: Path) -> None:
    if not path.is_file() or not inside(path, project):
        return
    try:
        relative = path.resolve().relative_to(base.resolve())
    except ValueError:  # above the blueprint's folder: the built app could not find it
        return
    if is_secret(relative):
        found.secrets_skipped.append(relative)
        return
    if NEVER_COPIED_DIRS & set(relative.parts[:-1]) or path.name.endswith(".part"):
        return
    found.files.setdefault(relative, path)


def _fragments(path: Path, names: list[object], project: Path, seen: set[Path]) -> list[Path]:
    """The project's own fragments a blueprint includes, and theirs (shipped ones need none)."""
    out: list[Path] = []
    for name in names:
        if not isinstance(name, str) or not name.strip() or is_fragment_name(name):
            continue  # shipped fragments are found by name and ship with the package
        files = project_files(name, path.parent, project, allow_glob=False).files
        candidate = files[0] if files else None
        if candidate is None or candidate in seen:
            continue
        seen.add(candidate)
        out.append(candidate)
        try:
            data = yaml.safe_load(candidate.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        nested = data.get("include") if isinstance(data, dict) else None
        if isinstance(nested, list):
            out += _fragments(candidate, nested, project, seen)
    return out


def collect_files(result: LoadResult) -> Collected:
    """The blueprint, its fragments, data files, agreements, GeoJSON and downloaded copies."""
    blueprint: Blueprint | None = result.blueprint
    assert blueprint is not None
    base = blueprint.base_dir
    project = blueprint.project_dir
    found = Collected()
    main = result.path.resolve()
    _add(found, base, project, main)
    for fragment in _fragments(main, list(blueprint.include), project, {main}):
        _add(found, base, project, fragment)
    if main.suffix == ".py":  # helpers a Python blueprint imports from its folder
        for helper in sorted(base.glob("*.py")):
            _add(found, base, project, helper)
    for _loc, text, _marker in iter_marked(blueprint):
        # Resolved files, each inside the project; none at all when any match leaves it.
        for match in project_files(text, base, project).files:
            _add(found, base, project, match)
    for dataset in blueprint.datasets.values():
        url = getattr(dataset.source, "url", None)
        if not isinstance(url, str):
            continue
        found.env_vars.update(ENV_VAR_RE.findall(url))
        _add_database_file(found, base, project, url)
    downloads = base / PROJECT_CACHE / "downloads"
    if downloads.is_dir():
        for path in sorted(downloads.rglob("*")):
            _add(found, base, project, path)
    return found


def _add_database_file(found: Collected, base: Path, project: Path, url: str) -> None:
    """A SQLite or DuckDB file named relatively in an `sql` source is data too."""
    if ENV_VAR_RE.search(url):
        return
    for prefix in ("sqlite:///", "duckdb:///"):
        if url.startswith(prefix):
            database = url[len(prefix) :].split("?", 1)[0]
            if database and database != ":memory:" and not Path(database).is_absolute():
                _add(found, base, project, base / database)


def pinned_requirements() -> list[str]:
    """This package's dependencies, recursively, at the versions installed here."""
    pins: dict[str, str] = {}
    todo = [DISTRIBUTION]
    while todo:
        name = canonicalize_name(todo.pop())
        if name in pins:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError as exc:
            raise BuildError("cli_build_missing_dependency", name=name) from exc
        pins[name] = dist.version
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    pins.pop(canonicalize_name(DISTRIBUTION))
    return [f"{name}=={version}" for name, version in sorted(pins.items())]


def package_source() -> Path:
    """Where this package can be rebuilt from: its checkout, or the wheel it came from."""
    dist = metadata.distribution(DISTRIBUTION)
    direct = dist.read_text("direct_url.json")
    candidates: list[Path] = []
    if direct:
        url = json.loads(direct).get("url", "")
        if url.startswith("file:"):
            candidates.append(Path(urllib.request.url2pathname(urllib.parse.urlparse(url).path)))
    candidates.append(Path(datacites_proto.__file__).resolve().parent.parent)
    for candidate in candidates:
        if candidate.is_file() and candidate.suffix == ".whl":
            return candidate
        if (candidate / "pyproject.toml").is_file() and (candidate / "datacites_proto").is_dir():
            return candidate
    raise BuildError("cli_build_no_package_source", name=DISTRIBUTION)


def build_wheel(target: Path) -> Path:
    """A wheel of this package in `target` (built with `pip wheel --no-deps`)."""
    source = package_source()
    target.mkdir(parents=True, exist_ok=True)
    if source.suffix == ".whl":
        return Path(shutil.copy2(source, target / source.name))
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(target)]
    try:  # the build backend is already here: no need to fetch it into an isolated env
        metadata.distribution("hatchling")
        command.append("--no-build-isolation")
    except metadata.PackageNotFoundError:
        pass
    done = subprocess.run(
        [*command, str(source)],
        capture_output=True,
        text=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    wheels = sorted(target.glob("datacites_proto-*.whl"))
    if done.returncode != 0 or not wheels:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        raise BuildError("cli_build_wheel_failed", detail=detail[0])
    return wheels[-1]


def page_script(blueprint_name: str) -> str:
    """The Streamlit script of the service's pages (three lines)."""
    return (
        "from pathlib import Path\n"
        "from datacites_proto.app.main import run\n"
        f"run(Path(__file__).parent / {json.dumps(blueprint_name)})\n"
    )


def app_script(blueprint_name: str) -> str:
    """`streamlit run app.py` finds this st.App: page.py, served once its first page is ready."""
    return (
        '"""The service: `streamlit run app.py` serves page.py once its first page is ready."""\n'
        "\n"
        "from pathlib import Path\n"
        "\n"
        "import streamlit as st\n"
        "\n"
        "from datacites_proto.app import document_language, private_download\n"
        "from datacites_proto.app.launch import lifespan_for\n"
        "\n"
        "HERE = Path(__file__).parent\n"
        "app = st.App(\n"
        '    HERE / "page.py",\n'
        f"    lifespan=lifespan_for(HERE / {json.dumps(blueprint_name)}),\n"
        "    routes=private_download.routes(),  # the team's one-time downloads\n"
        "    middleware=[\n"
        "        *private_download.middleware(),\n"
        f"        *document_language.middleware(HERE / {json.dumps(blueprint_name)}),\n"
        "    ],\n"
        ")\n"
    )


def requirements_text(wheel: Path, pins: list[str], title: str) -> str:
    version = datacites_proto.__version__
    lines = [
        f"# « {title} » : paquets Python du service, écrits par datacites build.",
        f"# datacites-proto {version}, construit avec Python {platform.python_version()} "
        f"({sys.platform}) ; versions exactes de l'environnement de construction.",
        "# Depuis ce dossier : python -m venv .venv && .venv/bin/pip install -r requirements.txt",
        f"./wheels/{wheel.name}",
        *pins,
    ]
    return "\n".join(lines) + "\n"


STREAMLIT_CONFIG = f"""\
# Réglages de production de Streamlit, écrits par `datacites build`.
# Une option de la ligne de commande (--server.port 8080) passe avant ce fichier.

[server]
headless = true
# Adresse d'écoute : laissée à qui déploie (par défaut, toutes les interfaces).
# Derrière un proxy inverse (nginx, Caddy…) sur la même machine, n'écoutez que localement :
# address = "127.0.0.1"
port = 8501
enableXsrfProtection = true
enableCORS = true
# Pas de surveillance des fichiers ni de relance à l'enregistrement en production.
fileWatcherType = "none"
runOnSave = false
# Mo : aucune vue ne reçoit de fichier ; un envoi ne peut pas remplir la mémoire.
maxUploadSize = {MAX_UPLOAD_MB}
# Mo : le plus gros message d'une page (un tableau de 100 000 lignes) ; au-delà, le
# serveur WebSocket refuse une trame sans la lire (datacites_proto/cli/server_limits.py).
maxMessageSize = {MAX_MESSAGE_MB}
enableStaticServing = false
enableAgentApi = false
maxCacheDataSize = "512mb"
# Noms d'hôte acceptés (protection contre le « DNS rebinding ») ; indiquez ceux du service :
# allowedHosts = ["donnees.ma-ville.fr"]

[browser]
gatherUsageStats = false

[client]
# Jamais de trace d'erreur Python montrée aux visiteurs.
showErrorDetails = "none"
showErrorLinks = false
toolbarMode = "minimal"

[runner]
magicEnabled = false
# Pas de ramasse-miettes complet après chaque exécution : il bloquait tous les visiteurs.
postScriptGC = false
"""

GITIGNORE = """\
.venv/
__pycache__/
.datacites/cache/*.duckdb*
.datacites/store.sqlite*
.streamlit/secrets.toml
.env
"""


REPLICA_PORTS = (8501, 8502)
NGINX_FILE = Path("deploy") / "nginx-replicas.conf"
REPLICAS_SCRIPT = Path("deploy") / "replicas.sh"
AFFINITY_COOKIE = "datacites_browser"  # app/private_download.py's BrowserCookie sets it


def nginx_config(
    ports: tuple[int, ...] = REPLICA_PORTS,
    *,
    listen: str = "80",
    access_log: str = "/var/log/nginx/datacites-replicas.log",
) -> str:
    """nginx's `http` part for replicas on 127.0.0.1 `ports`: cookie affinity, WebSocket."""
    servers = "\n".join(
        f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in ports
    )
    return f"""\
# Plusieurs réplicas du service derrière nginx, écrit par `datacites build`.
# À inclure dans le bloc `http` de nginx (Debian : /etc/nginx/conf.d/datacites.conf).
# Voir docs/fr/deployer-plusieurs-repliques.md.

upstream datacites_replicas {{
    # Affinité : un navigateur va toujours au même réplica, choisi par son cookie
    # `{AFFINITY_COOKIE}` (aléatoire, HttpOnly, posé par le service au premier chargement).
    # Sa session Streamlit (filtres, connexion de l'équipe) vit dans ce réplica seul ; sa
    # WebSocket, coupée puis rouverte, doit y revenir. Sans cookie : chacun son tour.
    hash $cookie_{AFFINITY_COOKIE} consistent;
{servers}
}}

map $http_upgrade $datacites_connection {{
    default upgrade;
    ""      "";
}}

log_format datacites_replicas '$remote_addr [$time_local] "$request" $status '
                              'replica=$upstream_addr "$http_user_agent"';

server {{
    listen {listen};
    # server_name donnees.ma-ville.fr;
    access_log {access_log} datacites_replicas;

    proxy_http_version 1.1;
    # $http_host garde le port : Streamlit compare l'origine de la WebSocket à l'hôte.
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    # Un réplica qui ne répond plus : la requête va à un autre.
    proxy_connect_timeout 3s;
    proxy_next_upstream error timeout http_502 http_503;

    location / {{
        proxy_pass http://datacites_replicas;
        proxy_set_header Connection "";
    }}

    # La WebSocket de Streamlit : une connexion qui dure tant que la page est ouverte.
    location /_stcore/stream {{
        proxy_pass http://datacites_replicas;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $datacites_connection;
        proxy_read_timeout 1d;
        proxy_send_timeout 1d;
        proxy_buffering off;
    }}
}}
"""


REPLICAS_SH = f"""\
#!/bin/sh
# Deux réplicas du service, écrits par `datacites build`, à mettre derrière nginx
# (deploy/nginx-replicas.conf). Depuis le dossier du service :
#   DATACITES_STORE_URL=postgresql+psycopg://… STREAMLIT_SERVER_COOKIE_SECRET=… deploy/replicas.sh
# Voir docs/fr/deployer-plusieurs-repliques.md.
set -eu
cd "$(dirname "$0")/.."
# Les deux réplicas écrivent les avis dans la même base PostgreSQL...
: "${{DATACITES_STORE_URL:?une base PostgreSQL partagée : DATACITES_STORE_URL=postgresql+psycopg://…}}"
# ...et signent leurs cookies avec le même secret (server.cookieSecret de Streamlit).
: "${{STREAMLIT_SERVER_COOKIE_SECRET:?le même secret pour les deux réplicas : STREAMLIT_SERVER_COOKIE_SECRET}}"
export DATACITES_STORE_URL STREAMLIT_SERVER_COOKIE_SECRET
# nginx, sur cette machine, est le proxy dont l'en-tête X-Forwarded-For est cru.
export DATACITES_TRUSTED_PROXIES="${{DATACITES_TRUSTED_PROXIES:-127.0.0.1}}"
STREAMLIT="${{STREAMLIT:-.venv/bin/streamlit}}"
PORTS="${{DATACITES_REPLICA_PORTS:-{" ".join(str(p) for p in REPLICA_PORTS)}}}"

trap 'trap - INT TERM; kill 0' INT TERM
for port in $PORTS; do
  "$STREAMLIT" run app.py --server.address 127.0.0.1 --server.port "$port" &
done
wait
"""


def readme_text(
    title: str,
    blueprint_name: str,
    source: str,
    wheel: Path,
    collected: Collected,
) -> str:
    version = datacites_proto.__version__
    today = datetime.now(UTC).strftime("%d/%m/%Y")
    data_count = len(collected.files) - 1
    files = plural(data_count, "fichier", "fichiers")
    env_lines = (
        "\n".join(f"- `{name}`" for name in sorted(collected.env_vars))
        if collected.env_vars
        else "- aucune pour ce service."
    )
    return f"""\
# {title}

Service prêt à déployer, produit le {today} par `datacites build` (DataCités Proto {version})
à partir de `{source}`. Ce dossier se suffit à lui-même : le projet d'origine n'est plus
nécessaire.

| fichier | rôle |
|---|---|
| `app.py` | point d'entrée de Streamlit : il sert `page.py` une fois la première page prête |
| `page.py` | le script des pages du service (trois lignes) |
| `{blueprint_name}` | le blueprint du service |
| données ({data_count} {files}) | fichiers de données, fragments, conventions, GeoJSON et copies téléchargées, à leur place relative au blueprint |
| `requirements.txt` | paquets Python aux versions exactes de l'environnement de construction |
| `wheels/{wheel.name}` | le paquet DataCités Proto, qui n'est pas publié sur PyPI |
| `.streamlit/config.toml` | réglages de production durcis |
| `deploy/nginx-replicas.conf`, `deploy/replicas.sh` | deux réplicas derrière nginx (voir « Plusieurs réplicas ») |

## Lancer le service

Il faut Python 3.11 ou plus récent. Depuis ce dossier :

```sh
python -m venv .venv && .venv/bin/pip install -r requirements.txt && .venv/bin/streamlit run app.py
```

(Sous Windows : `.venv\\Scripts\\pip` et `.venv\\Scripts\\streamlit`.) Le service répond
sur le port 8501 ; l'adresse `/_stcore/health` répond `ok` quand il est prêt (données
vérifiées, chiffres de la première page calculés : le premier visiteur est servi aussi vite
que les suivants), ce qui sert de sonde de santé. Pour un autre port : `.venv/bin/streamlit run app.py --server.port 8080`.

Les commandes sont à lancer depuis ce dossier : `requirements.txt` désigne le paquet par
`./wheels/…`, un chemin relatif au dossier courant.

## Déployer

- **Adresse d'écoute.** Elle est laissée à votre choix dans `.streamlit/config.toml`.
  Derrière un proxy inverse sur la même machine, écrivez `address = "127.0.0.1"` et
  indiquez les noms du service dans `allowedHosts`.
- **Réglages durcis.** Pas de statistiques d'usage envoyées, protection XSRF active,
  aucune trace d'erreur montrée aux visiteurs, pas de surveillance des fichiers, envois
  limités à {MAX_UPLOAD_MB} Mo, messages WebSocket limités à {MAX_MESSAGE_MB} Mo, menu
  réduit aux options des visiteurs.
- **Secrets.** Aucun secret n'est copié (`.streamlit/secrets.toml`, `.env`). Variables
  d'environnement à définir sur le serveur :
{env_lines}
- **Données téléchargées.** Les copies de data.gouv.fr ou d'Opendatasoft sont incluses
  (`.datacites/cache/downloads`) ; avec `DATACITES_OFFLINE=1`, le service s'en sert sans
  jamais appeler le réseau.
- **Écriture.** Au premier lancement, le service crée sa base de travail dans
  `.datacites/cache/` : le dossier doit être accessible en écriture.
- **Mise à jour des données.** Remplacez un fichier de données : le service le recharge à
  la visite suivante.
- **Mémoire.** Comptez environ 170 Mo par processus ; avec plusieurs copies du service
  derrière un répartiteur de charge, activez les sessions persistantes (« sticky sessions »).

## Plusieurs réplicas

`deploy/replicas.sh` lance deux réplicas (ports 8501 et 8502, sur 127.0.0.1) ;
`deploy/nginx-replicas.conf` les met derrière nginx, avec l'affinité par cookie et la
WebSocket. Les deux réplicas partagent la base des avis (PostgreSQL) et le secret des
cookies, par l'environnement :

```sh
export DATACITES_STORE_URL=postgresql+psycopg://datacites@127.0.0.1:5432/datacites
export STREAMLIT_SERVER_COOKIE_SECRET="$(python -c 'import secrets; print(secrets.token_hex(32))')"
deploy/replicas.sh
```

(Le secret est tiré une fois, puis donné tel quel aux deux réplicas, et à chaque
redémarrage.) Un réplica arrêté : nginx envoie ses visiteurs à l'autre, qui ouvre une
nouvelle session ; les avis déjà confirmés sont dans la base. Guide complet :
« Déployer plusieurs réplicas » dans la documentation de DataCités Proto.
"""


def _stage(result: LoadResult, collected: Collected, stage: Path) -> tuple[Path, int]:
    """Write the whole build into `stage`; the wheel and the number of files written."""
    assert result.blueprint is not None
    title = result.blueprint.service.title
    for relative, source in collected.files.items():
        target = stage / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    blueprint_name = result.path.resolve().relative_to(result.blueprint.base_dir).as_posix()
    wheel = build_wheel(stage / "wheels")
    (stage / "app.py").write_text(app_script(blueprint_name), encoding="utf-8")
    (stage / "page.py").write_text(page_script(blueprint_name), encoding="utf-8")
    (stage / "requirements.txt").write_text(
        requirements_text(wheel, pinned_requirements(), title), encoding="utf-8"
    )
    (stage / ".streamlit").mkdir(exist_ok=True)
    (stage / ".streamlit" / "config.toml").write_text(STREAMLIT_CONFIG, encoding="utf-8")
    (stage / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (stage / NGINX_FILE).parent.mkdir(exist_ok=True)
    (stage / NGINX_FILE).write_text(nginx_config(), encoding="utf-8")
    (stage / REPLICAS_SCRIPT).write_text(REPLICAS_SH, encoding="utf-8")
    (stage / REPLICAS_SCRIPT).chmod(0o755)
    (stage / "README.md").write_text(
        readme_text(title, blueprint_name, result.display, wheel, collected), encoding="utf-8"
    )
    written = sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file())
    manifest = {
        "datacites_proto": datacites_proto.__version__,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "blueprint": blueprint_name,
        "files": written,
    }
    (stage / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return wheel, len(written) + 1


def check_target(output: Path, project: Path, force: bool) -> None:
    """Refuse to write over the project, or over a non-empty folder without --force."""
    out = output.resolve()
    if out == project.resolve() or project.resolve().is_relative_to(out):
        raise BuildError("cli_build_target_is_project", path=str(output))
    if out.exists() and not out.is_dir():
        raise BuildError("cli_build_target_not_folder", path=str(output))
    if out.is_dir() and any(out.iterdir()) and not force:
        raise BuildError("cli_build_target_not_empty", path=str(output))


def make_build(result: LoadResult, output: Path, *, force: bool = False) -> tuple[Collected, int]:
    """Build the service of a valid blueprint into `output`."""
    assert result.blueprint is not None
    check_target(output, result.blueprint.project_dir, force)
    collected = collect_files(result)
    out = output.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    # Everything is written aside first: a failed build leaves no half-written folder.
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    stage.chmod(0o777 & ~umask)  # mkdtemp's folder is private; a service folder is not
    try:
        _wheel, count = _stage(result, collected, stage)
        if out.is_dir() and (out / MANIFEST).is_file():
            shutil.rmtree(out)  # an earlier build: replaced whole
        if out.is_dir():
            shutil.copytree(stage, out, dirs_exist_ok=True)
        else:
            stage.rename(out)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return collected, count


def build(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Blueprint file or project folder.")],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="Folder to write the service into.", show_default=False
        ),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Write into a folder that is not empty.")
    ] = False,
) -> None:
    """Write a self-contained folder that serves the service: app, data, pinned packages."""
    state: CliState = ctx.obj
    result, lang = checked_blueprint(state, path)
    try:
        collected, count = make_build(result, output, force=force)
    except BuildError as exc:
        say(exc.code, lang, style="bold red", err=True, **exc.params)
        raise typer.Exit(1) from None
    for secret in collected.secrets_skipped:
        say("cli_build_secret_skipped", lang, style="yellow", path=secret.as_posix())
    say("cli_build_done", lang, style="bold green", path=str(output), count=count)
    say("cli_build_next", lang, path=shlex.quote(str(output)))
