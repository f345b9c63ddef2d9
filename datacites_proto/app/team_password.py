"""The team password: a salted scrypt hash, kept in the project's `.streamlit/secrets.toml`.

The clear password is never stored nor logged: `datacites team set-password` writes only
its hash, and the app compares hashes in constant time. `DATACITES_TEAM_PASSWORD_HASH`
in the environment wins over the file, for deployments.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from datacites_proto.errors import CodedError

ENV_VAR = "DATACITES_TEAM_PASSWORD_HASH"
TABLE = "datacites"
KEY = "team_password_hash"
SCHEME = "scrypt"
# One of OWASP's equivalent scrypt settings (N=2**15, r=8, p=3): 32 MiB and ~0.3 s per
# try here, cheap for a sign-in, costly for guessing by the million.
N, R, P = 2**15, 8, 3
SALT_BYTES = 16
KEY_BYTES = 32
MAX_MEM = 128 * 1024 * 1024

_HEADER = re.compile(rf"^\s*\[\s*{TABLE}\s*\]\s*(#.*)?$")
_ANY_HEADER = re.compile(r"^\s*\[")
_KEY_LINE = re.compile(rf"^\s*{KEY}\s*=")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=MAX_MEM, dklen=KEY_BYTES
    )


def hash_password(password: str) -> str:
    """`scrypt$N$r$p$salt$hash` (base64), with a fresh random salt."""
    salt = secrets.token_bytes(SALT_BYTES)
    return f"{SCHEME}${N}${R}${P}${_b64(salt)}${_b64(_derive(password, salt, N, R, P))}"


def _parse(stored: str) -> tuple[bytes, int, int, int, bytes] | None:
    parts = stored.strip().split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        return None
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt, digest = (
            base64.b64decode(parts[4], validate=True),
            base64.b64decode(parts[5], validate=True),
        )
    except ValueError:
        return None
    # Bounds keep a tampered hash from asking for gigabytes of memory.
    if not (2 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
        return None
    if len(salt) < 8 or len(digest) < 16:
        return None
    return salt, n, r, p, digest


def is_valid_hash(stored: str) -> bool:
    """Whether `stored` has the shape `hash_password` writes."""
    return _parse(stored) is not None


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches the hash `stored`; compared in constant time."""
    parsed = _parse(stored)
    if parsed is None:
        return False
    salt, n, r, p, digest = parsed
    try:
        candidate = hashlib.scrypt(
            password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=MAX_MEM, dklen=len(digest)
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(candidate, digest)


def secrets_path(project: Path) -> Path:
    """The project's Streamlit secrets file (Streamlit reads it when run from the project)."""
    return project / ".streamlit" / "secrets.toml"


def read_secrets(path: Path) -> dict[str, Any]:
    """The secrets of `path` (empty when it does not exist); a clear error when unreadable."""
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CodedError("team_secrets_unreadable", path=str(path), detail=str(exc)) from exc


def stored_hash(project: Path) -> str | None:
    """The hash configured for the project: the environment first, then its secrets file."""
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        return from_env
    try:
        table = read_secrets(secrets_path(project)).get(TABLE)
    except CodedError:
        return None
    value = table.get(KEY) if isinstance(table, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _with_hash(text: str, line: str) -> str:
    """`text` with the `[datacites]` key set to `line`, every other line kept as written."""
    lines = text.splitlines(keepends=True)
    header = next((i for i, x in enumerate(lines) if _HEADER.match(x)), None)
    if header is None:
        prefix = text if not text or text.endswith("\n") else text + "\n"
        gap = "\n" if prefix.strip() else ""
        return f"{prefix}{gap}[{TABLE}]\n{line}\n"
    end = next(
        (i for i in range(header + 1, len(lines)) if _ANY_HEADER.match(lines[i])), len(lines)
    )
    for i in range(header + 1, end):
        if _KEY_LINE.match(lines[i]):
            lines[i] = line + "\n"
            return "".join(lines)
    if not lines[header].endswith("\n"):
        lines[header] += "\n"
    lines.insert(header + 1, line + "\n")
    return "".join(lines)


def write_hash(path: Path, password_hash: str) -> None:
    """Set `[datacites] team_password_hash` in the secrets file `path`, keeping the rest."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    before = read_secrets(path)
    if not isinstance(before.get(TABLE, {}), dict):
        raise CodedError("team_secrets_layout", path=str(path))
    updated = _with_hash(text, f'{KEY} = "{password_hash}"')
    expected = {**before, TABLE: {**before.get(TABLE, {}), KEY: password_hash}}
    # Written line by line, so check the result reads back as the same secrets plus ours
    # (a dotted key or an inline table elsewhere would not): otherwise, touch nothing.
    try:
        after = tomllib.loads(updated)
    except tomllib.TOMLDecodeError:
        after = None
    if after != expected:
        raise CodedError("team_secrets_layout", path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".secrets-", suffix=".toml")
    try:
        os.fchmod(fd, 0o600)  # secrets: readable by their owner only
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(updated)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
