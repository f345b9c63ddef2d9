"""MkDocs hook of the documentation site (mkdocs.yml): a link that works on GitHub works in
the site too, so that `mkdocs build --strict` finds no broken link without any being hidden.

Each language is built on its own (mkdocs-static-i18n), so a French page's link to its
English version (`../en/acces-equipe.md`) names a file that is not part of the French build:
it becomes the address of that page in the English site. A link to a file of the repository
outside docs/ (`../../examples/coeur_de_ville/blueprint.yaml`) becomes its address on GitHub,
unless the site shows that file itself (benchmarks/README.md is the page benchmarks.md).
A link to nothing is left as it is, for --strict to report.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
# Files outside docs/ that a page of the site includes whole (pymdownx.snippets).
SHOWN_IN_SITE = {"benchmarks/README.md": "benchmarks.md"}
LINK = re.compile(r"\]\((?P<target>[^)\s#]+)(?P<anchor>#[^)\s]*)?\)")
IMAGE = re.compile(r'(?P<before><img\s[^>]*?src=")(?P<target>[^"]+)(?P<after>")')
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def page_url(language: str, path: str) -> str:
    """The site address of docs/<language>/<path> in its language's build."""
    stem = path[: -len(".md")]
    if Path(stem).name in ("README", "index"):
        stem = str(Path(stem).parent)
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    return prefix + ("" if stem in ("", ".") else f"{stem}/")


def rewrite(target: str, source: str, building: str, docs: Path, repo_url: str, url: str) -> str:
    """The target a link of docs/<source> should have in the site built for `building`."""
    if EXTERNAL.match(target) or target.startswith("/"):
        return target
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
    if resolved.startswith("../"):  # outside docs/: in the repository
        in_repo = posixpath.normpath(posixpath.join(docs.name, resolved))
        if in_repo in SHOWN_IN_SITE:
            return posixpath.relpath(SHOWN_IN_SITE[in_repo], posixpath.dirname(source) or ".")
        if (docs.parent / in_repo).exists():
            kind = "tree" if (docs.parent / in_repo).is_dir() else "blob"
            return f"{repo_url.rstrip('/')}/{kind}/main/{in_repo}"
        return target
    first, _, rest = resolved.partition("/")
    if (
        first in LANGUAGES
        and first != building
        and rest.endswith(".md")
        and (docs / resolved).exists()
    ):
        here = url.rstrip("/") or "."
        there = page_url(first, rest)
        return posixpath.relpath(there or ".", here) + "/"
    return target


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    docs = Path(config["docs_dir"])
    building = getattr(page.file, "locale_alternate_of", DEFAULT_LANGUAGE)
    source = page.file.src_uri
    repo_url = config.get("repo_url") or ""

    def fixed(match: re.Match[str]) -> str:
        target = rewrite(match["target"], source, building, docs, repo_url, page.url)
        return f"]({target}{match['anchor'] or ''})"

    def fixed_image(match: re.Match[str]) -> str:
        """Raw HTML is not rewritten by MkDocs: an image next to the page's file is one
        folder up from the page's address (use_directory_urls); assets of docs/ keep their
        place in every language's build."""
        target = match["target"]
        if not EXTERNAL.match(target) and not target.startswith("/"):
            asset = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
            if (docs / asset).is_file():
                target = posixpath.relpath(asset, page.url.rstrip("/") or ".")
        return f"{match['before']}{target}{match['after']}"

    return IMAGE.sub(fixed_image, LINK.sub(fixed, markdown))
