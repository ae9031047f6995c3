"""MockState: seed, fixtures, credentials and per-session journal, limiters and stores.

This module is also the in-process state backend (core.backend.MemoryBackend): the sessions
below live in this process. With a state URL the same names live in Redis instead
(core.redis_backend) and the vendors see `SharedSession` views with the same attributes.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Callable, MutableMapping
from datetime import datetime
from typing import Any, TypeVar

from netpath_mock.core.backend import MemoryBackend, StateBackend
from netpath_mock.core.clock import CLOCK_STORE, SessionClock
from netpath_mock.core.credentials import Credentials
from netpath_mock.core.errors import BadRequest
from netpath_mock.core.journal import SECRET_HEADERS, Journal
from netpath_mock.core.ratelimit import FixedWindowLimiter
from netpath_mock.core.seeding import rng_for
from netpath_mock.core.settings import RateLimit, Settings

T = TypeVar("T")
DEFAULT_SESSION = "default"
SESSION_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")


def session_clock(
    store: MutableMapping[str, Any], vendor: str, epoch: datetime, step_seconds: int
) -> SessionClock:
    """The vendor's clock in a session's clock store, created at `epoch` on first use."""
    found: SessionClock | None = store.get(vendor)
    if found is None:
        found = store[vendor] = SessionClock(epoch, step_seconds)
    return found


def session_key(name: str | None) -> str:
    """The session an X-Mock-Session value names (the default one when absent), or BadRequest."""
    if name is None or name == "":
        return DEFAULT_SESSION
    if not SESSION_NAME_RE.match(name):
        raise BadRequest(
            "X-Mock-Session must be 1-64 characters of letters, digits, '.', '_', ':' or '-'"
        )
    return name


class Session:
    """What one X-Mock-Session owns: its journal, rate-limit buckets and resource stores."""

    def __init__(self, name: str, state: MockState) -> None:
        self.name = name
        self.journal = Journal(state.settings.journal_size)
        self.limiters = {
            vendor: FixedWindowLimiter(limit, aligned=aligned, clock=state.clock)
            for vendor, (limit, aligned) in state.rate_limits.items()
        }
        self.stores: dict[str, dict[Any, Any]] = {}
        # vendor -> {resource key -> stored value}; vendors decide what a value means. Each is
        # the store named after its vendor (the name it has in a shared backend too).
        self.overlays: dict[str, dict[Any, Any]] = {
            vendor: self.store(vendor) for vendor in state.rate_limits
        }
        self.fault_rng = rng_for(state.seed, "faults", name)
        self.created = self.used = state.clock()
        self._epoch = state.settings.epoch

    def store(self, name: str) -> dict[Any, Any]:
        """The session's store called `name` (e.g. "datadog.ci"), created empty on first use.

        Keys are strings; values are whatever the vendor keeps, registered with core.codec so a
        shared backend can store them too. Mutate a value in place or assign it again: both are
        seen by later requests, in either backend.
        """
        found = self.stores.get(name)
        if found is None:
            found = self.stores[name] = {}
        return found

    def clock(self, vendor: str, step_seconds: int) -> SessionClock:
        """The vendor's simulated clock in this session (core/clock.py), made on first use.

        It starts at the settings' epoch and lives in the session's clock store (shared
        backends keep it too); forgetting the session (reset) forgets it.
        """
        return session_clock(self.store(CLOCK_STORE), vendor, self._epoch, step_seconds)


class MockState:
    """The whole mutable state of one server; vendors receive it, never a global."""

    def __init__(
        self,
        settings: Settings,
        *,
        fixtures: dict[str, dict[Any, Any]],
        credentials: Credentials | None,
        rate_limits: dict[str, tuple[RateLimit, bool]],
        clock: Callable[[], float] = time.time,
        secret_headers: frozenset[str] = SECRET_HEADERS,
    ) -> None:
        self.settings = settings
        self.seed = settings.seed
        self.fixtures = fixtures
        self.credentials = credentials
        self.rate_limits = rate_limits
        # The real clock, for rate limits only: what vendors write is timed by the sessions'
        # simulated clocks (Session.clock, core/clock.py), so answers never carry the host's date.
        self.clock = clock
        # Masked in every journal entry, whichever vendor the request went to.
        self.secret_headers = SECRET_HEADERS | secret_headers
        self.started = time.time()
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._on_reseed: list[Callable[[], None]] = []
        self._services: dict[Callable[[MockState], Any], Any] = {}
        self._ttl = settings.session_ttl
        self.backend: StateBackend = MemoryBackend(self)

    def service(self, cls: Callable[[MockState], T]) -> T:
        """The state-wide instance of a service class, built on first use as `cls(state)`."""
        found = self._services.get(cls)
        if found is None:
            found = self._services[cls] = cls(self)
        result: T = found
        return result

    def on_reseed(self, callback: Callable[[], None]) -> None:
        """Register a cache-clearing callback run whenever the seed changes."""
        self._on_reseed.append(callback)

    def switch_seed(self, seed: int) -> None:
        """Serve the universe of `seed` from now on (caches of the former one are dropped)."""
        if seed != self.seed:
            self.seed = seed
            for callback in self._on_reseed:
                callback()

    def session(self, name: str | None) -> Session:
        """The session named by an X-Mock-Session value (the default one when absent)."""
        if name is None or name == "":
            name = DEFAULT_SESSION
        elif not SESSION_NAME_RE.match(name):
            raise BadRequest(
                "X-Mock-Session must be 1-64 characters of letters, digits, '.', '_', ':' or '-'"
            )
        now = self.clock()
        found = self._sessions.get(name)
        if found is not None:
            if not self._ttl or now - found.used < self._ttl:
                found.used = now
                self._sessions.move_to_end(name)
                return found
            del self._sessions[name]  # idle past MOCK_SESSION_TTL: it starts afresh
        created = Session(name, self)
        self._sessions[name] = created
        # Bounded: the least recently used session is forgotten (its journal and stores too).
        while len(self._sessions) > self.settings.max_sessions:
            self._sessions.popitem(last=False)
        return created

    def session_names(self) -> list[str]:
        """Names of the live sessions (not idle past the session TTL), least recently used first."""
        if not self._ttl:
            return list(self._sessions)
        oldest = self.clock() - self._ttl
        return [name for name, session in self._sessions.items() if session.used > oldest]

    def reset(self, name: str | None = None, *, seed: int | None = None) -> None:
        """Forget one session's state (or every session's), optionally switching to a new seed."""
        if seed is not None and seed != self.seed:
            self._sessions.clear()
            self.switch_seed(seed)
            return
        if name is None:
            self._sessions.clear()
        else:
            self._sessions.pop(name, None)
