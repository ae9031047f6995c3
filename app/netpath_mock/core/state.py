"""MockState: seed, fixtures, credentials and per-session journal, limiters and stores.

Memory a client can make the server keep is counted in bytes (core/store.py): each session's
journal (capped at `journal_bytes`), its stores (capped together at `session_store_bytes`) and
its rate-limit buckets roll up into one server-wide budget; past `state_bytes` the least recently
used sessions are forgotten, as they are past `max_sessions`.

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
from netpath_mock.core.store import BoundedStore, ByteBudget

T = TypeVar("T")
DEFAULT_SESSION = "default"
# What each worker process keeps for itself under `serve --workers N` without a state URL.
PER_WORKER = ("sessions", "journal", "rate limits", "stores", "seed switches")
SESSION_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
SESSION_NAME_RULE = (
    "X-Mock-Session must be 1-64 characters of letters, digits, '.', '_', ':' or '-'"
)


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
        raise BadRequest(SESSION_NAME_RULE)
    return name


class Session:
    """What one X-Mock-Session owns: its journal, rate-limit buckets and resource stores."""

    def __init__(self, name: str, state: MockState) -> None:
        settings = state.settings
        self.name = name
        # Everything below is charged here, and from here to the server's budget.
        self.budget = ByteBudget(None, parent=state.budget)
        self.journal = Journal(settings.journal_size, settings.journal_bytes, self.budget)
        self.limiters = {
            vendor: FixedWindowLimiter(
                limit, aligned=aligned, clock=state.clock, budget=self.budget
            )
            for vendor, (limit, aligned) in state.rate_limits.items()
        }
        self.store_budget = ByteBudget(settings.session_store_bytes, parent=self.budget)
        self.stores: dict[str, BoundedStore[Any, Any]] = {}
        # vendor -> {resource key -> stored value}; vendors decide what a value means. Each is
        # the store named after its vendor (the name it has in a shared backend too).
        self.overlays: dict[str, BoundedStore[Any, Any]] = {
            vendor: self.store(vendor) for vendor in state.rate_limits
        }
        self.fault_rng = rng_for(state.seed, "faults", name)
        self.created = self.used = state.clock()
        self._epoch = state.settings.epoch

    def clock(self, vendor: str, step_seconds: int) -> SessionClock:
        """The vendor's simulated clock in this session (core/clock.py), made on first use.

        It starts at the settings' epoch and lives in the session's clock store (shared
        backends keep it too); forgetting the session (reset) forgets it.
        """
        return session_clock(self.store(CLOCK_STORE), vendor, self._epoch, step_seconds)

    def store(self, name: str) -> BoundedStore[Any, Any]:
        """The session's store called `name` (e.g. "cloudflare.dex_tests"), created on first use.

        All stores of a session share its `session_store_bytes` cap; a write past it raises
        StoreFull, which the vendor renders as its 400. Keys are strings; values are whatever the
        vendor keeps, registered with core.codec so a shared backend can store them too. Change
        a value in place or assign it again: both are seen by later requests, in either backend.
        """
        found = self.stores.get(name)
        if found is None:
            found = self.stores[name] = BoundedStore(self.store_budget)
        return found

    def forget(self) -> None:
        """Give this session's bytes back to the server and detach it from the server's budget.

        A request still in flight may record into a forgotten session: it then counts nowhere.
        """
        self.budget.release(self.budget.used)
        self.budget.parent = None


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
        # Every session's journal, stores and buckets, in bytes; see the module docstring.
        self.budget = ByteBudget(settings.state_bytes)
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

    def describe(self) -> dict[str, Any]:
        """Seed, fixtures loaded, strict mode and state mode: the start-up line and health."""
        settings = self.settings
        workers = settings.workers
        return {
            "seed": self.seed,
            "fixtures": {vendor: len(items) for vendor, items in sorted(self.fixtures.items())},
            "fixtures_dir": str(settings.fixtures_dir) if settings.fixtures_dir else None,
            "strict": list(self.credentials.strict_vendors) if self.credentials else [],
            "state": self._state_mode(workers),
        }

    def _state_mode(self, workers: int) -> dict[str, Any]:
        backend = self.backend
        if backend.shared:
            # Every worker and replica on the same store: nothing that matters is per worker.
            shared = {"mode": "redis, shared", "workers": workers, "per_worker": []}
            return {**backend.describe(), **shared}
        return {
            "mode": "in-memory" if workers == 1 else "in-memory, per worker",
            "workers": workers,
            # Each worker is a process with its own memory: a request may reach any worker.
            "per_worker": sorted(PER_WORKER) if workers > 1 else [],
        }

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
            raise BadRequest(SESSION_NAME_RULE)  # = session_key, inlined (every request)
        now = self.clock()
        found = self._sessions.get(name)
        if found is not None:
            if not self._ttl or now - found.used < self._ttl:
                found.used = now
                self._sessions.move_to_end(name)
                if self.budget.over:
                    self._evict()
                return found
            # Idle past MOCK_SESSION_TTL: it starts afresh.
            del self._sessions[name]
            found.forget()
        created = Session(name, self)
        self._sessions[name] = created
        self._evict()
        return created

    def _evict(self) -> None:
        # Bounded: the least recently used sessions are forgotten (journal, stores, buckets) while
        # there are too many of them or they hold too many bytes; never the one just asked for.
        sessions = self._sessions
        while len(sessions) > 1 and (
            len(sessions) > self.settings.max_sessions or self.budget.over
        ):
            sessions.popitem(last=False)[1].forget()

    def session_names(self) -> list[str]:
        """Names of the live sessions (not idle past the session TTL), least recently used first."""
        if not self._ttl:
            return list(self._sessions)
        oldest = self.clock() - self._ttl
        return [name for name, session in self._sessions.items() if session.used > oldest]

    def reset(self, name: str | None = None, *, seed: int | None = None) -> None:
        """Forget one session's state (or every session's), optionally switching to a new seed."""
        if seed is not None and seed != self.seed:
            self._forget_all()
            self.switch_seed(seed)
            return
        if name is None:
            self._forget_all()
        else:
            session = self._sessions.pop(name, None)
            if session is not None:
                session.forget()

    def _forget_all(self) -> None:
        for session in self._sessions.values():
            session.forget()
        self._sessions.clear()


def startup_line(description: dict[str, Any]) -> str:
    """One line for the log: seed, fixtures loaded, strict mode, state mode."""
    fixtures = description["fixtures"]
    total = sum(fixtures.values())
    counts = ", ".join(f"{vendor} {count}" for vendor, count in fixtures.items())
    where = f" from {description['fixtures_dir']}" if description["fixtures_dir"] else ""
    strict = ", ".join(description["strict"]) or "off"
    state = description["state"]
    workers = state["workers"]
    per_worker = f"; {', '.join(state['per_worker'])} are per worker" if state["per_worker"] else ""
    return (
        f"netpath-mock: seed {description['seed']}; fixtures {total} ({counts}){where}; "
        f"strict {strict}; state {state['mode']} ({workers} worker{'s' * (workers != 1)}"
        f"{per_worker})"
    )
