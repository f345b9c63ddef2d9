"""Team sign-in logic: password hashes, the lockout after failures, team accounts, secrets file."""

from __future__ import annotations

import threading
import time
import tomllib
from pathlib import Path

import pytest

from datacites_proto.app import team_password
from datacites_proto.app.auth import is_team_email
from datacites_proto.app.sign_in_limiter import (
    Outcome,
    RateLimiter,
    SignInLimiter,
    TokenBucket,
    address_key,
)
from datacites_proto.blueprint.service import TeamAccess
from datacites_proto.errors import CodedError


@pytest.fixture(scope="module")
def stored() -> str:
    return team_password.hash_password("Bonjour l'équipe 2026")


def test_right_password_verifies(stored: str) -> None:
    assert team_password.verify_password("Bonjour l'équipe 2026", stored)


@pytest.mark.parametrize("wrong", ["", "bonjour l'équipe 2026", "Bonjour l'équipe 2026 ", "x"])
def test_wrong_password_fails(stored: str, wrong: str) -> None:
    assert not team_password.verify_password(wrong, stored)


def test_hash_format_holds_no_password(stored: str) -> None:
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2**15, 8, 3)
    assert len(salt) >= 16 and len(digest) >= 32
    assert "Bonjour" not in stored and team_password.is_valid_hash(stored)


def test_salt_differs_each_time(stored: str) -> None:
    again = team_password.hash_password("Bonjour l'équipe 2026")
    assert again.split("$")[4] != stored.split("$")[4] and again != stored
    assert team_password.verify_password("Bonjour l'équipe 2026", again)


@pytest.mark.parametrize(
    "bad",
    ["", "plain-text", "md5$abc", "scrypt$1$8$1$c2FsdHNhbHQ=$aGFzaA==", "scrypt$x$8$1$a$b"],
)
def test_malformed_hash_never_verifies(bad: str) -> None:
    assert not team_password.is_valid_hash(bad)
    assert not team_password.verify_password("plain-text", bad)


def test_memory_hungry_tampered_hash_refused(stored: str) -> None:
    parts = stored.split("$")
    parts[1] = str(2**30)
    assert not team_password.verify_password("Bonjour l'équipe 2026", "$".join(parts))


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_lockout_after_five_failures_then_reset_after_delay() -> None:
    clock = Clock()
    limiter = RateLimiter(max_failures=5, base_delay=30, clock=clock)
    for _ in range(4):
        limiter.failure("client:1.2.3.4")
        assert limiter.wait("client:1.2.3.4") == 0
    limiter.failure("client:1.2.3.4")
    assert limiter.wait("client:1.2.3.4") == pytest.approx(30)
    assert limiter.wait("client:5.6.7.8") == 0  # another key is not locked
    clock.now += 29
    assert limiter.wait("client:1.2.3.4") == pytest.approx(1)
    clock.now += 1
    assert limiter.wait("client:1.2.3.4") == 0  # the delay is over: may try again


def test_lockout_grows_with_each_failure_and_is_capped() -> None:
    clock = Clock()
    limiter = RateLimiter(max_failures=5, base_delay=30, max_delay=100, clock=clock)
    for _ in range(5):
        limiter.failure("k")
    clock.now += 30
    limiter.failure("k")
    assert limiter.wait("k") == pytest.approx(60)
    clock.now += 60
    limiter.failure("k")
    assert limiter.wait("k") == pytest.approx(100)


def test_success_and_quiet_time_forget_failures() -> None:
    clock = Clock()
    limiter = RateLimiter(max_failures=2, base_delay=10, max_delay=50, clock=clock)
    limiter.failure("a")
    limiter.success("a")
    limiter.failure("a")
    assert limiter.wait("a") == 0  # counting started again after the success
    limiter.failure("b")
    clock.now += 101  # twice the longest lockout: forgotten
    limiter.failure("c")
    limiter.failure("b")
    assert limiter.wait("b") == 0


def slow_check(result: bool, calls: list[int], lock: threading.Lock) -> bool:
    """A stand-in for the scrypt comparison: slow enough for parallel guesses to overlap."""
    with lock:
        calls.append(1)
    time.sleep(0.05)
    return result


def test_parallel_wrong_guesses_cost_one_try_each() -> None:
    limits = SignInLimiter(clients=RateLimiter(max_failures=5))
    calls: list[int] = []
    lock = threading.Lock()
    outcomes: list[Outcome] = []
    start = threading.Barrier(12)

    def guess() -> None:
        start.wait()
        outcome, _ = limits.attempt("203.0.113.9", lambda: slow_check(False, calls, lock))
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=guess) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 5  # no more hashes checked than tries allowed
    assert outcomes.count(Outcome.WRONG) == 5 and outcomes.count(Outcome.LOCKED) == 7
    assert limits.clients.wait(address_key("203.0.113.9")) > 0


def test_locked_address_does_not_lock_another() -> None:
    limits = SignInLimiter(clients=RateLimiter(max_failures=3))
    for _ in range(3):
        limits.attempt("203.0.113.9", lambda: False)
    assert limits.attempt("203.0.113.9", lambda: True)[0] is Outcome.LOCKED  # even right
    assert limits.attempt("198.51.100.7", lambda: True) == (Outcome.SIGNED_IN, 0.0)


def test_ipv6_addresses_of_one_host_share_a_count() -> None:
    assert address_key("2001:db8:1:2::1") == address_key("2001:db8:1:2:ffff::9")
    assert address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1")
    assert address_key("::ffff:192.0.2.1") == address_key("192.0.2.1") == "client:192.0.2.1"
    assert address_key("local") == "client:local"


def test_success_forgets_the_reserved_tries() -> None:
    limits = SignInLimiter(clients=RateLimiter(max_failures=3))
    limits.attempt("a", lambda: False)
    limits.attempt("a", lambda: False)
    assert limits.attempt("a", lambda: True)[0] is Outcome.SIGNED_IN  # the 3rd try, right
    assert limits.clients.wait(address_key("a")) == 0
    assert limits.attempt("a", lambda: False) == (Outcome.WRONG, 0.0)


def test_global_ceiling_slows_but_never_locks_another_address() -> None:
    clock = Clock()
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.now += seconds

    limits = SignInLimiter(
        clients=RateLimiter(max_failures=5, clock=clock),
        pace=TokenBucket(burst=3, rate=0.5, max_wait=10, clock=clock),
        sleep=sleep,
    )
    # A guesser with many addresses spends the burst, then waits longer and longer.
    for i in range(6):
        assert limits.attempt(f"10.0.0.{i}", lambda: False)[0] is Outcome.WRONG
    assert slept == [2.0, 2.0, 2.0]  # each waited its turn (the clock moved on meanwhile)
    # A queue longer than the longest wait: told to retry soon, and not counted.
    pace = TokenBucket(burst=1, rate=0.5, max_wait=3, clock=clock)
    limits = SignInLimiter(clients=RateLimiter(clock=clock), pace=pace, sleep=lambda s: None)
    outcomes = [limits.attempt(f"10.1.0.{i}", lambda: False)[0] for i in range(5)]
    assert outcomes[:2] == [Outcome.WRONG] * 2 and outcomes[2:] == [Outcome.BUSY] * 3
    assert limits.clients.wait(address_key("10.1.0.4")) == 0
    # The member from another address is slowed, not locked: once it is its turn, in.
    clock.now += 4
    assert limits.attempt("198.51.100.7", lambda: True)[0] is Outcome.SIGNED_IN


TEAM = TeamAccess(emails=["Elue@Autre-Commune.fr"], domains=["ville.fr", "@metropole.fr"])


@pytest.mark.parametrize(
    ("email", "ok"),
    [
        ("agent@ville.fr", True),
        ("AGENT@VILLE.FR", True),
        (" agent@Ville.fr ", True),
        ("elue@autre-commune.fr", True),
        ("x@metropole.fr", True),
        ("autre@autre-commune.fr", False),
        ("pirate@evil-ville.fr", False),
        ("pirate@sub.ville.fr", False),
        ("pirate@ville.fr.evil.com", False),
        ("ville.fr", False),
        ("@ville.fr", False),
        ("", False),
        (None, False),
    ],
)
def test_team_email_matching(email: object, ok: bool) -> None:
    assert is_team_email(email, TEAM) is ok


def test_no_team_section_lets_nobody_in() -> None:
    assert not is_team_email("agent@ville.fr", None)


def test_secrets_file_created_private(tmp_path: Path, stored: str) -> None:
    path = team_password.secrets_path(tmp_path)
    team_password.write_hash(path, stored)
    assert tomllib.loads(path.read_text())["datacites"]["team_password_hash"] == stored
    assert path.stat().st_mode & 0o777 == 0o600


def test_secrets_writing_keeps_other_keys_and_comments(tmp_path: Path, stored: str) -> None:
    path = team_password.secrets_path(tmp_path)
    path.parent.mkdir()
    original = (
        "# secrets of the service\n"
        'PG_URL = "postgresql://u:p@h/db"\n'
        "\n[auth]\n"
        'redirect_uri = "http://localhost:8501/oauth2callback"\n'
        'cookie_secret = "s3cr3t"\n'
        "\n[datacites]\n"
        "other = 1  # kept\n"
        'team_password_hash = "old"\n'
        "\n[connections.sql]\n"
        'url = "sqlite:///x.db"\n'
    )
    path.write_text(original)
    team_password.write_hash(path, stored)
    text = path.read_text()
    data = tomllib.loads(text)
    assert data["datacites"] == {"other": 1, "team_password_hash": stored}
    assert data["auth"]["cookie_secret"] == "s3cr3t"
    assert data["PG_URL"] == "postgresql://u:p@h/db"
    assert data["connections"]["sql"]["url"] == "sqlite:///x.db"
    assert "# secrets of the service" in text and "other = 1  # kept" in text
    assert '"old"' not in text
    team_password.write_hash(path, "scrypt$second")  # again: replaced, not duplicated
    assert path.read_text().count("team_password_hash") == 1


def test_secrets_without_datacites_table_get_one(tmp_path: Path, stored: str) -> None:
    path = team_password.secrets_path(tmp_path)
    path.parent.mkdir()
    path.write_text('[auth]\nclient_id = "abc"')  # no final newline
    team_password.write_hash(path, stored)
    data = tomllib.loads(path.read_text())
    assert data == {"auth": {"client_id": "abc"}, "datacites": {"team_password_hash": stored}}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("[auth\nx = 1\n", "team_secrets_unreadable"),
        ('datacites.team_password_hash = "x"\n', "team_secrets_layout"),
        ("datacites = {other = 1}\n", "team_secrets_layout"),
        ('datacites = "x"\n', "team_secrets_layout"),
    ],
)
def test_secrets_file_left_untouched_when_unsafe(
    tmp_path: Path, stored: str, text: str, code: str
) -> None:
    path = team_password.secrets_path(tmp_path)
    path.parent.mkdir()
    path.write_text(text)
    with pytest.raises(CodedError) as caught:
        team_password.write_hash(path, stored)
    assert caught.value.code == code
    assert path.read_text() == text
    assert str(path) in caught.value.message("fr")


def test_environment_wins_over_file(
    tmp_path: Path, stored: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(team_password.ENV_VAR, raising=False)
    assert team_password.stored_hash(tmp_path) is None
    team_password.write_hash(team_password.secrets_path(tmp_path), stored)
    assert team_password.stored_hash(tmp_path) == stored
    monkeypatch.setenv(team_password.ENV_VAR, "scrypt$from-env")
    assert team_password.stored_hash(tmp_path) == "scrypt$from-env"
