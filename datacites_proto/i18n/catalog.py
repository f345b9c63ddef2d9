"""Look up a message by code in the user's language and fill in its parameters."""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from datacites_proto.i18n import en, fr

DEFAULT_LANG = "fr"
SUPPORTED_LANGS: tuple[str, ...] = ("fr", "en")
CATALOGUES: dict[str, Mapping[str, str]] = {"fr": fr.MESSAGES, "en": en.MESSAGES}
LANG_ENV = "DATACITES_LANG"


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


def translate(code: str, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """The message `code` in `lang` (falling back to French, then to the code itself)."""
    catalogue = CATALOGUES.get(lang, CATALOGUES[DEFAULT_LANG])
    template = catalogue.get(code) or CATALOGUES[DEFAULT_LANG].get(code)
    if template is None:
        return code + (f" {params}" if params else "")
    values = _Params({k: _localise(v, lang) for k, v in params.items()})
    return string.Formatter().vformat(template, (), values)


def resolve_lang(explicit: str | None = None, blueprint_lang: str | None = None) -> str:
    """The language to speak: `--lang`, then DATACITES_LANG, then the blueprint's, then French."""
    for candidate in (explicit, os.environ.get(LANG_ENV), blueprint_lang):
        if candidate:
            short = candidate.strip().lower().replace("-", "_").split("_")[0]
            if short in SUPPORTED_LANGS:
                return short
    return DEFAULT_LANG
