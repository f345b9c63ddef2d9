"""A component's own messages (`messages` class variable) join the catalogue: `translate`,
a view's `ctx.t` and the problems of a plugin's `check` speak French and English."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import ClassVar, Literal

import pytest

from datacites_proto import View, tag
from datacites_proto.i18n import translate
from datacites_proto.i18n.catalog import MessagesRefused, register_messages

DATACITES = Path(sys.executable).parent / "datacites"


class GreetingView(View):
    """A view whose class declares its messages."""

    type: Literal["greeting"] = tag("greeting")
    messages: ClassVar[dict[str, dict[str, str]]] = {
        "fr": {"greeting_hello": "Bonjour {name} !", "greeting_only_fr": "Seulement en français"},
        "en": {"greeting_hello": "Hello {name}!"},
    }


def test_a_component_s_messages_are_translated() -> None:
    assert translate("greeting_hello", "en", name="Ana") == "Hello Ana!"
    assert translate("greeting_hello", "fr", name="Ana") == "Bonjour Ana !"


def test_english_falls_back_to_french() -> None:
    assert translate("greeting_only_fr", "en") == "Seulement en français"
    assert translate("greeting_hello", "de", name="Ana") == "Bonjour Ana !"


def test_registering_the_same_messages_again_is_harmless() -> None:
    register_messages(GreetingView.__module__.split(".")[0], GreetingView.messages)
    register_messages("another_plugin", {"fr": {"greeting_hello": "Bonjour {name} !"}})
    assert translate("greeting_hello", "en", name="Ana") == "Hello Ana!"


def test_a_built_in_code_is_refused() -> None:
    with pytest.raises(MessagesRefused) as refused:

        class Rogue(View):
            type: Literal["rogue"] = tag("rogue")
            messages: ClassVar[dict[str, dict[str, str]]] = {"fr": {"did_you_mean": "Hein ?"}}

    assert refused.value.code == "plugin_messages_builtin"
    assert "'did_you_mean'" in refused.value.message("en")
    assert "« did_you_mean »" in refused.value.message("fr")
    assert "test_plugin_messages" in refused.value.message("fr")  # the plugin is named
    assert translate("did_you_mean", "fr", choices="x") == "Vouliez-vous dire x ?"


def test_a_code_without_french_is_refused() -> None:
    with pytest.raises(MessagesRefused) as refused:
        register_messages("my_plugin", {"fr": {}, "en": {"my_plugin_only_en": "Only English"}})
    assert refused.value.code == "plugin_messages_no_french"
    assert translate("my_plugin_only_en", "en") == "my_plugin_only_en"  # nothing was added


def test_another_plugin_s_text_is_not_replaced() -> None:
    with pytest.raises(MessagesRefused) as refused:
        register_messages("other_plugin", {"fr": {"greeting_hello": "Salut {name}"}})
    assert refused.value.code == "plugin_messages_taken"
    assert "other_plugin" in refused.value.message("fr")
    assert translate("greeting_hello", "fr", name="Ana") == "Bonjour Ana !"


def test_an_unsupported_language_is_refused() -> None:
    with pytest.raises(MessagesRefused) as refused:
        register_messages("my_plugin", {"fr": {"my_plugin_x": "x"}, "de": {"my_plugin_x": "x"}})
    assert refused.value.code == "plugin_messages_lang"


# Through an installed plugin and the CLI ------------------------------------------------------

STAMP_MODULE = '''\
from typing import ClassVar, Literal

from datacites_proto import View, field, tag


class StampView(View):
    """A stamp, never larger than 3."""

    type: Literal["stamp"] = tag("stamp")
    size: int = field(1, fr="Taille.", en="Size.")
    messages: ClassVar[dict[str, dict[str, str]]] = {
        "fr": {"stamp_too_big": "Un tampon de taille {size} ne tient pas sur la page (3 au plus)."},
        "en": {"stamp_too_big": "A stamp of size {size} does not fit on the page (3 at most)."},
    }

    def check(self, ctx, loc):
        if self.size > 3:
            ctx.error("stamp_too_big", (*loc, "size"), params={"size": self.size})
'''
CLASH_MODULE = """\
from typing import ClassVar, Literal

from datacites_proto import View, tag


class ClashView(View):
    type: Literal["clash"] = tag("clash")
    messages: ClassVar[dict[str, dict[str, str]]] = {"fr": {"file_not_found": "Perdu."}}
"""
BLUEPRINT = """\
datacites: 1
service: {id: tampons, title: Tampons}
pages:
  - title: Accueil
    views:
      - type: stamp
        size: 7
"""


def fake_plugin(site: Path, name: str, module: str, view: str, text: str) -> Path:
    """An installed distribution (a `.dist-info` folder and a module) in `site`."""
    dist_info = site / f"{name.replace('-', '_')}-1.0.dist-info"
    dist_info.mkdir(parents=True)
    (dist_info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist_info / "entry_points.txt").write_text(
        f"[datacites.views]\n{view} = {module}:{view.title()}View\n", encoding="utf-8"
    )
    (site / f"{module}.py").write_text(textwrap.dedent(text), encoding="utf-8")
    return site


def datacites(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("DATACITES_LANG", None)
    return subprocess.run(
        [str(DATACITES), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=site,
        check=False,
    )


def test_a_plugin_check_problem_speaks_both_languages(tmp_path: Path) -> None:
    site = fake_plugin(tmp_path, "stamp-plugin", "stamp_plugin_mod", "stamp", STAMP_MODULE)
    (site / "blueprint.yaml").write_text(BLUEPRINT, encoding="utf-8")
    french = datacites(site, "--lang", "fr", "validate", "blueprint.yaml")
    english = datacites(site, "--lang", "en", "validate", "blueprint.yaml")
    assert french.returncode == english.returncode == 1, french.stderr
    fr_text, en_text = french.stdout + french.stderr, english.stdout + english.stderr
    assert "Un tampon de taille 7 ne tient pas sur la page (3 au plus)." in fr_text
    assert "A stamp of size 7 does not fit on the page (3 at most)." in en_text
    assert "stamp_too_big" not in fr_text + en_text
    assert "blueprint.yaml:7:" in fr_text  # located at `size`


def test_a_plugin_redefining_a_built_in_message_is_not_loaded(tmp_path: Path) -> None:
    site = fake_plugin(tmp_path, "clash-plugin", "clash_plugin_mod", "clash", CLASH_MODULE)
    result = datacites(site, "--lang", "en", "components")
    assert result.returncode != 0
    text = result.stdout + result.stderr
    assert "clash-plugin" in text  # the distribution, by the registry
    assert "redefines the message 'file_not_found'" in text
    assert "Traceback" not in text
