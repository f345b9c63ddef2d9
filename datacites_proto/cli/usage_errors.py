"""Click's usage errors told in the user's language, with the usage line and the help hint."""

from __future__ import annotations

import re
from typing import Any

from datacites_proto.i18n import translate

_NO_SUCH_COMMAND = re.compile(r"No such command '(.+)'\.")
_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)")


def _hint(exc: Any) -> str:
    param = getattr(exc, "param", None)
    hint = getattr(exc, "param_hint", None)
    if hint is None and param is not None:
        hint = param.get_error_hint()
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(hint)
    # click quotes each name ('--format' / '-f'); the message puts its own quotes around.
    return re.sub(r"'([^']*)'", r"\1", str(hint or "?"))


def problem(exc: Any, lang: str) -> str:
    """What was wrong, in `lang`; click's own words for a case not known here."""
    if hasattr(exc, "option_name"):  # an unknown option
        near = ", ".join(sorted(getattr(exc, "possibilities", None) or []))
        code = "cli_usage_no_such_option_near" if near else "cli_usage_no_such_option"
        return translate(code, lang, name=exc.option_name, near=near)
    if hasattr(exc, "param_type") and not exc.message:  # a missing argument or option
        kind = exc.param_type or getattr(exc.param, "param_type_name", "argument")
        code = "cli_usage_missing_option" if kind == "option" else "cli_usage_missing_argument"
        return translate(code, lang, name=_hint(exc))
    if hasattr(exc, "param_hint") and (exc.param is not None or exc.param_hint is not None):
        return translate("cli_usage_bad_value", lang, name=_hint(exc), detail=exc.message)
    message = str(getattr(exc, "message", exc))
    if found := _NO_SUCH_COMMAND.fullmatch(message):
        return translate("cli_usage_no_such_command", lang, name=found.group(1))
    if found := _EXTRA.fullmatch(message):
        args = found.group(1)
        return translate("cli_usage_extra_arguments", lang, args=args, count=len(args.split()))
    return str(exc.format_message())


def usage_error_text(exc: Any, lang: str) -> str | None:
    """The usage line, the help hint and the problem, as click would print them (None when
    click's exception is not one this module can read: click prints it itself)."""
    try:
        return _text(exc, lang)
    except Exception:  # a click version with other attributes: its English beats a crash
        return None


def _text(exc: Any, lang: str) -> str:
    lines = []
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        usage = ctx.get_usage()
        for prefix in ("Usage:", translate("cli_help_word_usage", lang).strip()):
            usage = usage.removeprefix(prefix)  # the usage line, written by us or by click
        usage = usage.strip()
        lines.append(translate("cli_usage_line", lang, usage=usage))
        if ctx.command.get_help_option(ctx) is not None:
            option = ctx.help_option_names[0]
            lines.append(translate("cli_usage_hint", lang, command=ctx.command_path, option=option))
        lines.append("")
    lines.append(translate("cli_usage_error", lang, message=problem(exc, lang)))
    return "\n".join(lines)
