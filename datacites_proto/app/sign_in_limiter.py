"""Limits on team password guesses: per client address, and a global ceiling that slows.

Each try is reserved under a lock before the (slow) hash is checked, so N parallel
guesses cost N tries. An address is locked out after `max_failures` tries that were not
successes; other addresses are not. A global token bucket caps how many hashes are
checked per second across all addresses: once it is empty, every try waits its turn (a
delay that grows with the queue) instead of being refused, so a guesser with many
addresses is slowed down, and a member from another address still gets in, later.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

MAX_FAILURES = 5
BASE_DELAY = 30.0  # seconds of the first lockout; each further failure doubles it
MAX_DELAY = 3600.0
GLOBAL_BURST = 10  # hash checks allowed at once, across all addresses
GLOBAL_RATE = 1.0  # hash checks per second once the burst is spent
MAX_QUEUE_WAIT = 15.0  # seconds a try may wait for its turn before "busy, try again"


@dataclass
class _Record:
    failures: int = 0
    last: float = 0.0
    locked_until: float = 0.0


@dataclass
class RateLimiter:
    """Tries per key: from the `max_failures`-th failure on, a lockout doubling each time."""

    max_failures: int = MAX_FAILURES
    base_delay: float = BASE_DELAY
    max_delay: float = MAX_DELAY
    clock: Callable[[], float] = time.monotonic
    max_keys: int = 10_000  # a flood of addresses cannot grow memory without bound
    _records: dict[str, _Record] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _forget_stale(self, now: float) -> None:
        # A key quiet for twice the longest lockout starts afresh.
        stale = [k for k, r in self._records.items() if now - r.last > 2 * self.max_delay]
        for key in stale:
            del self._records[key]
        while len(self._records) >= self.max_keys:
            del self._records[min(self._records, key=lambda k: self._records[k].last)]

    def _wait(self, key: str, now: float) -> float:
        record = self._records.get(key)
        return max(0.0, record.locked_until - now) if record else 0.0

    def wait(self, key: str) -> float:
        """Seconds before `key` may try again (0 when it may now)."""
        with self._lock:
            return self._wait(key, self.clock())

    def _count(self, key: str, now: float) -> None:
        if key not in self._records:
            self._forget_stale(now)
        record = self._records.setdefault(key, _Record())
        record.failures += 1
        record.last = now
        if record.failures >= self.max_failures:
            extra = record.failures - self.max_failures
            delay = min(self.max_delay, self.base_delay * 2 ** min(extra, 32))
            record.locked_until = now + delay

    def reserve(self, key: str) -> float:
        """Atomically: 0 and one try counted as failed (until `success`), or the seconds
        `key` must still wait (nothing counted)."""
        with self._lock:
            now = self.clock()
            wait = self._wait(key, now)
            if wait <= 0:
                self._count(key, now)
            return wait

    def refund(self, key: str) -> None:
        """Give back a reserved try that was never checked."""
        with self._lock:
            record = self._records.get(key)
            if record and record.failures > 0:
                record.failures -= 1
                if record.failures < self.max_failures:
                    record.locked_until = 0.0

    def failure(self, key: str) -> None:
        """Count a failed try of `key`."""
        with self._lock:
            self._count(key, self.clock())

    def success(self, key: str) -> None:
        """Forget `key`'s failures."""
        with self._lock:
            self._records.pop(key, None)

    def reset(self) -> None:
        """Forget everything (tests)."""
        with self._lock:
            self._records.clear()


@dataclass
class TokenBucket:
    """A global pace: `burst` at once, then `rate` per second; each taker gets a turn."""

    burst: float = GLOBAL_BURST
    rate: float = GLOBAL_RATE
    max_wait: float = MAX_QUEUE_WAIT
    clock: Callable[[], float] = time.monotonic
    _tokens: float | None = field(default=None, repr=False)
    _last: float = field(default=0.0, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def take(self) -> tuple[bool, float]:
        """(True, seconds to wait for this turn) or (False, seconds until one is free)."""
        with self._lock:
            now = self.clock()
            tokens = self.burst if self._tokens is None else self._tokens
            tokens = min(self.burst, tokens + (now - self._last) * self.rate)
            self._last = now
            # Tokens may go below zero: each waiting taker holds a later turn.
            wait = max(0.0, (1 - tokens) / self.rate)
            if wait > self.max_wait:
                self._tokens = tokens
                return False, wait - self.max_wait
            self._tokens = tokens - 1
            return True, wait

    def reset(self) -> None:
        """Full again (tests)."""
        with self._lock:
            self._tokens = None


class Outcome(Enum):
    """What became of one sign-in try."""

    SIGNED_IN = "signed_in"
    WRONG = "wrong"
    LOCKED = "locked"  # this address: too many failures
    BUSY = "busy"  # too many tries everywhere: retry in a few seconds


@dataclass
class SignInLimiter:
    """Per-address lockout and global pace around a password check."""

    clients: RateLimiter = field(default_factory=RateLimiter)
    pace: TokenBucket = field(default_factory=TokenBucket)
    sleep: Callable[[float], None] = time.sleep

    def attempt(self, address: str, check: Callable[[], bool]) -> tuple[Outcome, float]:
        """Run `check` (the hash comparison) if `address` may try now; the outcome and, when
        refused, the seconds to wait."""
        key = address_key(address)
        wait = self.clients.reserve(key)
        if wait > 0:
            return Outcome.LOCKED, wait
        allowed, delay = self.pace.take()
        if not allowed:
            self.clients.refund(key)
            return Outcome.BUSY, delay
        if delay > 0:
            self.sleep(delay)  # this try's turn; the lockout was counted already
        if check():
            self.clients.success(key)
            return Outcome.SIGNED_IN, 0.0
        return Outcome.WRONG, self.clients.wait(key)

    def reset(self) -> None:
        """Forget every count (tests)."""
        self.clients.reset()
        self.pace.reset()


def address_key(address: str) -> str:
    """The limiter's key for an address: IPv6 by its /64 (one host holds a whole /64)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return f"client:{address}"
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return f"client:{parsed.ipv4_mapped}"
        return f"client:{ipaddress.ip_network(f'{parsed}/64', strict=False)}"
    return f"client:{parsed}"
