"""MockState: seed, fixtures, credentials and per-session journal, limiters and overlays."""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from netpath_mock.core.clock import SessionClock
from netpath_mock.core.credentials import Credentials
from netpath_mock.core.errors import BadRequest
from netpath_mock.core.journal import SECRET_HEADERS, Journal
from netpath_mock.core.ratelimit import FixedWindowLimiter
from netpath_mock.core.seeding import rng_for
from netpath_mock.core.settings import RateLimit, Settings

T = TypeVar("T")
DEFAULT_SESSION = "default"
SESSION_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")


class Session:
    """What one X-Mock-Session owns: its journal, rate-limit buckets and resource overlays."""

    def __init__(self, name: str, state: MockState) -> None:
        self.name = name
        self.journal = Journal(state.settings.journal_size)
        self.limiters = {
            vendor: FixedWindowLimiter(limit, aligned=aligned, clock=state.clock)
            for vendor, (limit, aligned) in state.rate_limits.items()
        }
        # vendor -> {resource key -> stored value}; vendors decide what a value means.
        self.overlays: dict[str, dict[Any, Any]] = {vendor: {} for vendor in state.rate_limits}
        self.fault_rng = rng_for(state.seed, "faults", name)
        self.created = time.time()
        self._epoch = state.settings.epoch
        self._clocks: dict[str, SessionClock] = {}

    def clock(self, vendor: str, step_seconds: int) -> SessionClock:
        """The vendor's simulated clock in this session (core/clock.py), made on first use.

        It starts at the settings' epoch; forgetting the session (reset) forgets it too.
        """
        found = self._clocks.get(vendor)
        if found is None:
            found = self._clocks[vendor] = SessionClock(self._epoch, step_seconds)
        return found


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

    def session(self, name: str | None) -> Session:
        """The session named by an X-Mock-Session value (the default one when absent)."""
        if name is None or name == "":
            name = DEFAULT_SESSION
        elif not SESSION_NAME_RE.match(name):
            raise BadRequest(
                "X-Mock-Session must be 1-64 characters of letters, digits, '.', '_', ':' or '-'"
            )
        found = self._sessions.get(name)
        if found is not None:
            self._sessions.move_to_end(name)
            return found
        created = Session(name, self)
        self._sessions[name] = created
        # Bounded: the least recently used session is forgotten (its journal and overlays too).
        while len(self._sessions) > self.settings.max_sessions:
            self._sessions.popitem(last=False)
        return created

    def session_names(self) -> list[str]:
        """Names of the live sessions, least recently used first."""
        return list(self._sessions)

    def reset(self, name: str | None = None, *, seed: int | None = None) -> None:
        """Forget one session's state (or every session's), optionally switching to a new seed."""
        if seed is not None and seed != self.seed:
            self.seed = seed
            self._sessions.clear()
            for callback in self._on_reseed:
                callback()
            return
        if name is None:
            self._sessions.clear()
        else:
            self._sessions.pop(name, None)
