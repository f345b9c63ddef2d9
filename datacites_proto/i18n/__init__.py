"""Message catalogues (French first, English) and language resolution."""

from datacites_proto.i18n.catalog import (
    DEFAULT_LANG,
    SUPPORTED_LANGS,
    Msg,
    resolve_lang,
    translate,
)

__all__ = ["DEFAULT_LANG", "SUPPORTED_LANGS", "Msg", "resolve_lang", "translate"]
