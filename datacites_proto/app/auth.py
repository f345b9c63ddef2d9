"""Team sign-in: whether this session is the team, and the sidebar control to sign in or out.

Two ways in, both optional: Streamlit's OIDC sign-in (`st.login`, configured by an `[auth]`
section of `secrets.toml`; the account must be listed in `service.team`), and a shared team
password whose hash only is stored (`datacites team set-password`). The sign-in lives in
the session state and dies with the session; sign-out clears it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
from pathlib import Path
from typing import Any

import streamlit as st

from datacites_proto.app import private_download, sign_in_limiter, team_password
from datacites_proto.app.client_address import current_client_address
from datacites_proto.blueprint.model import Blueprint
from datacites_proto.blueprint.service import TeamAccess
from datacites_proto.i18n import translate
from datacites_proto.i18n.formatting import Formatter

SIGNED_IN = "datacites-team-signed-in"  # session state: fingerprint of the password hash used
MESSAGE = "datacites-team-message"  # session state: (code, params) of the last attempt
PASSWORD = "datacites-team-password"  # widget key of the password field
MAX_FAILURES = sign_in_limiter.MAX_FAILURES

# Process-wide (never written to disk): failures by client address, and the global pace.
# The address comes from app/client_address.py: X-Forwarded-For only from trusted proxies.
LIMITS = sign_in_limiter.SignInLimiter()


def is_team_email(email: object, team: TeamAccess | None) -> bool:
    """Whether `email` is listed in `team`, or its domain is (exactly: no suffix match)."""
    if team is None or not isinstance(email, str):
        return False
    address = email.strip().lower()
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        return False
    if address in {e.strip().lower() for e in team.emails}:
        return True
    return domain in {d.strip().lower().lstrip("@") for d in team.domains}


def needs_sign_in(blueprint: Blueprint) -> bool:
    """Whether the service has anything for the team only (team pages or restricted data)."""
    return any(p.access == "team" for p in blueprint.pages) or any(
        d.governance.access == "restricted" for d in blueprint.datasets.values()
    )


def _secrets_section(name: str) -> dict[str, Any] | None:
    try:
        section = st.secrets.get(name)
    except Exception:  # no secrets file, or one Streamlit cannot read: nothing configured
        return None
    return dict(section) if section is not None and hasattr(section, "keys") else None


def oidc_configured() -> bool:
    """Whether `secrets.toml` has an `[auth]` section for `st.login`."""
    return bool(_secrets_section("auth"))


def password_hash(project: Path) -> str | None:
    """The team password's hash: environment, then the project's secrets file, then st.secrets."""
    stored = team_password.stored_hash(project)
    if stored:
        return stored
    # The file is read afresh at each run (a new password works at once); st.secrets also
    # covers secrets Streamlit finds elsewhere (~/.streamlit, a hosting platform).
    value = (_secrets_section(team_password.TABLE) or {}).get(team_password.KEY)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _fingerprint(stored: str) -> str:
    return hashlib.sha256(stored.encode()).hexdigest()


def _user() -> dict[str, Any]:
    try:
        return st.user.to_dict()
    except Exception:  # outside a session, or auth not set up
        return {}


def _oidc_team_email(blueprint: Blueprint) -> str | None:
    user = _user()
    if user.get("is_logged_in") is not True or user.get("email_verified") is False:
        return None
    email = user.get("email")
    return str(email) if is_team_email(email, blueprint.service.team) else None


def session_audience(blueprint: Blueprint, project: Path) -> str:
    """'team' when this session signed in as the team, otherwise 'public'."""
    if not needs_sign_in(blueprint):
        return "public"
    signed = st.session_state.get(SIGNED_IN)
    if signed is not None:
        stored = password_hash(project)
        # A password changed since (or removed) ends the sessions it opened.
        if stored and signed == _fingerprint(stored):
            return "team"
        del st.session_state[SIGNED_IN]
        private_download.revoke_current()  # and the download links made for it
    if oidc_configured() and _oidc_team_email(blueprint):
        return "team"
    return "public"


def _locked_message(seconds: float, lang: str) -> tuple[str, dict[str, Any]]:
    minutes = max(1, math.ceil(seconds / 60))
    return "team_locked", {"minutes": Formatter(lang).number(minutes)}


def check_password(password: str, stored: str | None, address: str, lang: str) -> str | None:
    """The fingerprint to keep in the session when `password` opens the team pages, else
    None with the message to show in MESSAGE; every try counts against `address`."""
    if not stored or not password:
        st.session_state[MESSAGE] = ("team_wrong_password", {})
        return None

    def matches() -> bool:
        return team_password.verify_password(password, stored)

    outcome, wait = LIMITS.attempt(address, matches)
    Outcome = sign_in_limiter.Outcome
    if outcome is Outcome.SIGNED_IN:
        st.session_state.pop(MESSAGE, None)
        return _fingerprint(stored)
    if outcome is Outcome.BUSY:
        seconds = Formatter(lang).number(max(1, math.ceil(wait)))
        st.session_state[MESSAGE] = ("team_busy", {"seconds": seconds})
    elif wait > 0:
        st.session_state[MESSAGE] = _locked_message(wait, lang)
    else:
        st.session_state[MESSAGE] = ("team_wrong_password", {})
    return None


def _try_password(project: Path, lang: str) -> None:
    """The form's callback: runs before the script, so this run already sees the sign-in."""
    password = st.session_state.get(PASSWORD) or ""
    st.session_state[PASSWORD] = ""  # never kept in the session once used
    signed = check_password(password, password_hash(project), current_client_address(), lang)
    if signed is not None:
        st.session_state[SIGNED_IN] = signed


def _sign_out() -> None:
    private_download.revoke_current()  # links made for this browser die with the sign-in
    st.session_state.pop(SIGNED_IN, None)
    st.session_state.pop(MESSAGE, None)
    if _user().get("is_logged_in") is True:
        st.logout()  # ends the OIDC session too (its cookie), then reloads the app


def _show_message(lang: str) -> None:
    message = st.session_state.get(MESSAGE)
    if message:
        code, params = message
        st.error(translate(code, lang, **params), icon=":material/lock:")


def _password_form(project: Path, lang: str) -> None:
    # Without Enter, Streamlit writes no « Press Enter to submit form » (English) over the
    # password; the button submits.
    with st.form("datacites-team-sign-in", border=False, enter_to_submit=False):
        st.text_input(translate("team_password_label", lang), type="password", key=PASSWORD)
        st.form_submit_button(
            translate("team_sign_in", lang),
            on_click=_try_password,
            args=(project, lang),
            key="datacites-team-submit",
        )
    _show_message(lang)


def _oidc_button(blueprint: Blueprint, lang: str) -> None:
    user = _user()
    if user.get("is_logged_in") is True:
        st.warning(
            translate("team_not_in_team", lang, email=str(user.get("email") or "?")),
            icon=":material/lock:",
        )
        st.button(translate("team_sign_out", lang), on_click=_sign_out, key="datacites-sign-out")
    elif importlib.util.find_spec("authlib") is None:
        st.info(translate("team_oidc_needs_authlib", lang))
    elif st.button(translate("team_sign_in_oidc", lang), key="datacites-sign-in-oidc"):
        st.login()


def sign_in_control(blueprint: Blueprint, project: Path, lang: str, audience: str) -> None:
    """The sidebar's sign-in or sign-out, or a hint for the team when nothing is configured."""
    with st.sidebar:
        st.divider()
        if audience == "team":
            email = _oidc_team_email(blueprint)
            signed = translate("team_signed_in_as", lang, email=email) if email else None
            st.caption(signed or translate("team_signed_in", lang))
            st.button(
                translate("team_sign_out", lang), on_click=_sign_out, key="datacites-sign-out"
            )
            return
        with st.expander(translate("team_area", lang), icon=":material/lock:"):
            stored = password_hash(project)
            oidc = oidc_configured()
            if oidc:
                _oidc_button(blueprint, lang)
            if stored and team_password.is_valid_hash(stored):
                _password_form(project, lang)
            elif not oidc:
                # Visitors learn nothing of the server (no path, no command): the team
                # finds how to set a password in `datacites run`'s output and the docs.
                st.info(translate("team_not_configured", lang))
