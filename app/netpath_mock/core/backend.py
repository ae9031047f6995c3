"""Where the mutable state lives: the StateBackend interface and its in-process implementation.

Every stateful piece of the mock goes through a backend: the session registry and its expiry,
each session's journal, its rate-limit buckets and its resource stores (Datadog edits, CI
batches, the DEX writable resources), and the seed with its switches and resets.

* `MemoryBackend` (the default): the state lives in this process (core.state.MockState). The
  vendor pipeline reads and writes it directly, with no await and no copy: the hot path costs
  what it cost before backends existed.
* `RedisBackend` (core.redis_backend, `--state-url redis://...`): the state lives in Redis, so
  `serve --workers N` and any number of replicas behave as one server. Requests go through
  `SharedPipeline` (core.pipeline), which settles each request with one Redis round trip.

The control plane (/_mock) talks to either through the async methods below.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any

from netpath_mock.core.errors import ServerError

if TYPE_CHECKING:
    from netpath_mock.core.state import MockState


class StateUnavailable(ServerError):
    """The shared state store cannot be reached: vendors answer 503 in their own shape."""

    status_code = 503


class StateBackend(ABC):
    """What the control plane and the server ask of the state, wherever it lives."""

    #: "memory" or "redis"
    kind: str
    #: True when several processes see the same state (the shared pipeline is used)
    shared: bool = False

    def __init__(self, state: MockState) -> None:
        self.state = state

    @abstractmethod
    async def reset(self, session: str | None, *, seed: int | None = None) -> int:
        """Forget one session (None: every session), optionally switching seed; the seed now.

        A switch to a new seed forgets every session. When this returns, every request any
        worker answers afterwards sees the new state.
        """

    @abstractmethod
    async def journal(self, session: str) -> list[dict[str, Any]]:
        """The session's journal entries, oldest first, as `Entry.as_dict` shows them."""

    @abstractmethod
    async def clear_journal(self, session: str) -> None:
        """Empty the session's journal."""

    @abstractmethod
    async def session_count(self) -> int:
        """How many sessions are live."""

    @abstractmethod
    async def current_seed(self) -> int:
        """The seed in force (after any switch made through any worker)."""

    def describe(self) -> dict[str, Any]:
        """What /_mock/health shows of the backend."""
        return {"kind": self.kind, "shared": self.shared}

    async def ping(self) -> None:  # noqa: B027 - the in-process store is always there
        """Raise StateUnavailable when the store cannot be reached."""

    async def close(self) -> None:  # noqa: B027 - nothing to release in process
        """Release connections (server shutdown)."""


class MemoryBackend(StateBackend):
    """The in-process store: MockState's own sessions, journals, limiters and stores."""

    kind = "memory"

    async def reset(self, session: str | None, *, seed: int | None = None) -> int:
        """See StateBackend.reset."""
        self.state.reset(session, seed=seed)
        return self.state.seed

    async def journal(self, session: str) -> list[dict[str, Any]]:
        """See StateBackend.journal."""
        return [entry.as_dict() for entry in self.state.session(session).journal.entries()]

    async def clear_journal(self, session: str) -> None:
        """See StateBackend.clear_journal."""
        self.state.session(session).journal.clear()

    async def session_count(self) -> int:
        """See StateBackend.session_count."""
        return len(self.state.session_names())

    async def current_seed(self) -> int:
        """See StateBackend.current_seed."""
        return self.state.seed


def filter_entries(
    entries: list[dict[str, Any]],
    *,
    vendor: str | None = None,
    method: str | None = None,
    path: str | None = None,
) -> list[dict[str, Any]]:
    """Journal entries (as dicts) filtered by vendor, method and path substring."""
    wanted_method = method.upper() if method else None
    return [
        entry
        for entry in entries
        if (not vendor or entry["vendor"] == vendor)
        and (not wanted_method or entry["method"] == wanted_method)
        and (not path or path in entry["path"])
    ]
