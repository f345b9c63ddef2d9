"""Look up a message by code in the user's language and fill in its parameters."""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from datacites_proto.i18n import en, fr
from datacites_proto.i18n.formatting import plural

DEFAULT_LANG = "fr"
SUPPORTED_LANGS: tuple[str, ...] = ("fr", "en")
CATALOGUES: dict[str, Mapping[str, str]] = {"fr": fr.MESSAGES, "en": en.MESSAGES}
LANG_ENV = "DATACITES_LANG"
# Messages shipped by plugins (`register_messages`), kept apart from the built-in catalogues
# so that a plugin can neither change nor hide a built-in message.
PLUGIN_CATALOGUES: dict[str, dict[str, str]] = {lang: {} for lang in SUPPORTED_LANGS}
_PLUGIN_OWNERS: dict[str, str] = {}  # code -> the plugin that registered it


@dataclass(frozen=True)
class Msg:
    """A message to translate later, usable as a parameter of another message."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def render(self, lang: str) -> str:
        return translate(self.code, lang, **self.params)


class _Params(dict):
    """Leaves unknown placeholders visible instead of raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _localise(value: Any, lang: str) -> Any:
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, Msg) for v in value):
        return ", ".join(v.render(lang) for v in value)
    return value


class _Template(string.Formatter):
    """Fills a message; `{count:plural:erreur|erreurs}` writes the word `count` agrees with."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("plural:"):
            one, _, other = format_spec.removeprefix("plural:").partition("|")
            return plural(value, one, other or one, self.lang)
        return str(super().format_field(value, format_spec))


def translate(code: str, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """The message `code` in `lang` (falling back to French, then to the code itself)."""
    catalogue = CATALOGUES.get(lang, CATALOGUES[DEFAULT_LANG])
    template = catalogue.get(code) or CATALOGUES[DEFAULT_LANG].get(code)
    if template is None and code in _PLUGIN_OWNERS:
        plugin = PLUGIN_CATALOGUES.get(lang, PLUGIN_CATALOGUES[DEFAULT_LANG])
        template = plugin.get(code) or PLUGIN_CATALOGUES[DEFAULT_LANG].get(code)
    if template is None:
        return code + (f" {params}" if params else "")
    values = _Params({k: _localise(v, lang) for k, v in params.items()})
    return _Template(lang).vformat(template, (), values)


class MessagesRefused(ValueError):
    """A plugin's messages that cannot be registered, told by a catalogue code."""

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(translate(code, "en", **params))

    def message(self, lang: str = DEFAULT_LANG) -> str:
        return translate(self.code, lang, **self.params)


def register_messages(owner: str, messages: Mapping[str, Mapping[str, str]]) -> None:
    """Add a plugin's messages, `{"fr": {code: text}, "en": {...}}`, to the catalogue.

    Every code exists in French (English falls back to it); a built-in code, or a code
    another plugin registered with another text, is refused. Registering the same messages
    again (a module imported twice) changes nothing. Checked whole before anything is added.
    """
    for lang, texts in messages.items():
        if lang not in SUPPORTED_LANGS:
            langs = ", ".join(SUPPORTED_LANGS)
            raise MessagesRefused("plugin_messages_lang", owner=owner, lang=lang, langs=langs)
        for code, text in texts.items():
            if code in CATALOGUES[DEFAULT_LANG] or code in CATALOGUES["en"]:
                raise MessagesRefused("plugin_messages_builtin", owner=owner, code=code)
            other = _PLUGIN_OWNERS.get(code, owner)
            if other != owner and PLUGIN_CATALOGUES[lang].get(code, text) != text:
                raise MessagesRefused("plugin_messages_taken", owner=owner, code=code, other=other)
            if code not in messages.get(DEFAULT_LANG, {}):
                raise MessagesRefused("plugin_messages_no_french", owner=owner, code=code)
    for lang, texts in messages.items():
        for code, text in texts.items():
            PLUGIN_CATALOGUES[lang][code] = text
            _PLUGIN_OWNERS.setdefault(code, owner)


def resolve_lang(explicit: str | None = None, blueprint_lang: str | None = None) -> str:
    """The language to speak: `--lang`, then DATACITES_LANG, then the blueprint's, then French."""
    for candidate in (explicit, os.environ.get(LANG_ENV), blueprint_lang):
        if candidate:
            short = candidate.strip().lower().replace("-", "_").split("_")[0]
            if short in SUPPORTED_LANGS:
                return short
    return DEFAULT_LANG
