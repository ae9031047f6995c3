"""The shared state backend: every piece of mutable state in Redis (`--state-url redis://...`).

How a request is served (core.pipeline.SharedPipeline) and why it costs one round trip:

1. The worker answers from what it has cached: the world (seed and its version) and, per
   session, the stores' JSON values at a known generation `gen`. The handler reads and writes
   the session through a `SharedSession` view: reads decode cached JSON, writes are held back.
2. ONE script call (EVALSHA, `redis_scripts.COMMIT`) then settles the request atomically: it
   checks the world version and the session's gen the handler relied on, counts the rate-limit
   bucket, applies the held-back writes (only if the request was allowed), pushes the journal
   entry with the final status, touches the session (registry, TTLs, LRU bound).
3. If another worker changed the world or the session meanwhile, nothing was applied: the
   script answers with what changed (the new world, or the session's changed values), the worker
   updates its cache and runs the handler again. That second round trip happens only on the
   first request a worker sees after another worker changed that session or switched the seed.

Optimistic concurrency, in other words: writes are serialised by Redis, every answer reflects a
state no older than any answer given before it by any worker, and the steady state costs one
round trip per request.

Values are JSON (core.codec). A value read by the handler and changed in place is written back
(its JSON is compared at commit), as it would be seen changed in process.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections import OrderedDict
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from netpath_mock.core import codec
from netpath_mock.core.backend import StateBackend, StateUnavailable
from netpath_mock.core.clock import CLOCK_STORE, SessionClock
from netpath_mock.core.credentials import ConfigError
from netpath_mock.core.ratelimit import MAX_BUCKETS, Decision
from netpath_mock.core.redis_scripts import CLEAR_JOURNAL, COMMIT, INIT, RESET, STATUS
from netpath_mock.core.seeding import rng_for
from netpath_mock.core.settings import redact_url
from netpath_mock.core.state import MockState, session_clock
from netpath_mock.core.store import MAX_STORE_ITEMS, ByteBudget, store_full

if TYPE_CHECKING:
    import random

    from netpath_mock.core.resp import RespClient

log = logging.getLogger("netpath_mock")

PREFIX = "netpath-mock:"
SEP = "\x1f"  # between a store's name and a key in a field name
_MISSING: Any = object()
_DELETE: Any = object()


SCRIPTS = {
    "commit": COMMIT,
    "reset": RESET,
    "status": STATUS,
    "clear_journal": CLEAR_JOURNAL,
}
SHAS = {name: hashlib.sha1(source.encode()).hexdigest() for name, source in SCRIPTS.items()}


def _redis() -> Any:
    try:
        import hiredis  # noqa: F401 - the serving client's parser (core.resp)
        import redis
    except ImportError:  # pragma: no cover - the dev extra installs both
        raise ConfigError(
            "a state URL needs the redis and hiredis packages: pip install 'netpath-mock[redis]'"
        ) from None
    return redis


class SessionCache:
    """What one worker knows of one session: its stores' JSON at generation `gen`.

    `epoch` changes whenever the content is replaced wholesale, so an answer computed against
    an earlier content is never applied on top of a later one.
    """

    __slots__ = ("bytes", "epoch", "fault_rng", "gen", "keys", "max_seq", "name", "stores")

    def __init__(self, name: str, seed: int, keys: list[str]) -> None:
        self.name = name
        self.keys = keys  # its Redis keys (m, d, v, j, r)
        self.gen = 0
        self.epoch = 0
        self.max_seq = 0
        self.bytes = 0  # keys and JSON values of every store: what the session's cap counts
        # store name -> {key: (seq, json)}, in seq (insertion) order
        self.stores: dict[str, dict[str, tuple[int, bytes]]] = {}
        # Injected faults and latency draws: per worker (a shared stream would cost a round trip)
        self.fault_rng: random.Random = rng_for(seed, "faults", name)

    def replace(self, gen: int, pairs: list[bytes]) -> None:
        """Load the whole content (field, payload, field, payload, ...) at `gen`."""
        self.stores = {}
        self.max_seq = 0
        self.bytes = 0
        self.epoch += 1
        self._apply(pairs)
        self.gen = gen

    def update(self, gen: int, pairs: list[bytes]) -> None:
        """Apply the values of the fields changed since the cached gen (payload b"": deleted)."""
        self._apply(pairs)
        self.gen = gen

    def _apply(self, pairs: list[bytes]) -> None:
        touched: set[str] = set()
        for i in range(0, len(pairs), 2):
            store, _, key = pairs[i].decode().partition(SEP)
            payload = pairs[i + 1]
            values = self.stores.setdefault(store, {})
            touched.add(store)
            old = values.pop(key, None)
            if old is not None:
                self.bytes -= len(key) + len(old[1])
            if not payload:
                continue
            seq_text, _, json = payload.partition(b" ")
            seq = int(seq_text)
            values[key] = (seq, json)
            self.bytes += len(key) + len(json)
            self.max_seq = max(self.max_seq, seq)
        for store in touched:
            values = self.stores[store]
            self.stores[store] = dict(sorted(values.items(), key=lambda item: item[1][0]))


class TrackedStore(MutableMapping[str, Any]):
    """One session store as a request sees it: the cached values plus the request's own writes.

    Reads decode the cached JSON once per request (the handler may change the object in place);
    writes stay with the request until the commit applies them in Redis.
    """

    __slots__ = ("_base", "_name", "_reads", "_view", "_writes")

    def __init__(self, view: SharedSession, name: str) -> None:
        self._view = view
        self._name = name
        self._base: dict[str, tuple[int, bytes]] = view.cache.stores.get(name, {})
        self._reads: dict[str, tuple[Any, bytes]] = {}
        self._writes: dict[str, Any] = {}

    def get(self, key: str, default: Any = None) -> Any:
        """The value under `key`, or `default`."""
        self._view.touched = True
        written = self._writes.get(key, _MISSING)
        if written is not _MISSING:
            return default if written is _DELETE else written
        read = self._reads.get(key)
        if read is not None:
            return read[0]
        cached = self._base.get(key)
        if cached is None:
            return default
        value = codec.decode(cached[1])
        self._reads[key] = (value, cached[1])
        return value

    def __getitem__(self, key: str) -> Any:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key, _MISSING) is not _MISSING

    def __setitem__(self, key: str, value: Any) -> None:
        self.put_all({key: value})

    def put_all(self, items: Mapping[str, Any]) -> None:
        """Store every item, or none (StoreFull) past the store's items or the session's bytes.

        The caps of the in-process store (core.store.BoundedStore); bytes are the keys' and JSON
        values' lengths here, what Redis keeps.
        """
        view = self._view
        view.touched = True
        new = delta = 0
        for key, value in items.items():
            if key.__class__ is not str:
                raise TypeError(f"session store keys are strings, got {key!r}")
            current = self.get(key, _MISSING)
            new += current is _MISSING
            delta += len(key) + len(codec.encode(value)) - self._size(key)
        if len(self) + new > MAX_STORE_ITEMS or (delta > 0 and not view.store_budget.fits(delta)):
            raise store_full(MAX_STORE_ITEMS, view.store_budget.limit)
        view.store_budget.charge(delta)
        self._writes.update(items)

    def _size(self, key: str) -> int:
        """What `key` weighs now in this request's view (0: absent)."""
        written = self._writes.get(key, _MISSING)
        if written is _DELETE:
            return 0
        if written is not _MISSING:
            return len(key) + len(codec.encode(written))
        cached = self._base.get(key)
        return 0 if cached is None else len(key) + len(cached[1])

    def __delitem__(self, key: str) -> None:
        if key not in self:
            raise KeyError(key)
        self._view.store_budget.release(self._size(key))
        self._writes[key] = _DELETE

    def __iter__(self) -> Iterator[str]:
        self._view.touched = True
        writes = self._writes
        for key in list(self._base):
            if writes.get(key, _MISSING) is not _DELETE:
                yield key
        for key, value in list(writes.items()):
            if key not in self._base and value is not _DELETE:
                yield key

    def __len__(self) -> int:
        self._view.touched = True
        base, writes = self._base, self._writes
        size = len(base)
        for key, value in writes.items():
            if value is _DELETE:
                size -= key in base
            elif key not in base:
                size += 1
        return size

    def changes(self, next_seq: Iterator[int]) -> Iterator[tuple[str, int, bytes | None]]:
        """(key, seq, json or None for a deletion) of every value this request changed."""
        base = self._base
        for key, value in self._writes.items():
            cached = base.get(key)
            if value is _DELETE:
                if cached is not None:
                    yield key, 0, None
                continue
            json = codec.encode(value)
            if cached is None:
                yield key, next(next_seq), json
            elif json != cached[1]:
                yield key, cached[0], json
        for key, (value, original) in self._reads.items():
            if key in self._writes:
                continue
            json = codec.encode(value)
            if json != original:  # changed in place, never assigned again
                yield key, base[key][0], json


class SharedSession:
    """A request's view of one session in the shared backend (Session's attributes)."""

    __slots__ = (
        "_stores",
        "cache",
        "epoch",
        "fault_rng",
        "gen",
        "name",
        "overlays",
        "store_budget",
        "touched",
        "world_epoch",
    )

    def __init__(
        self,
        cache: SessionCache,
        vendors: tuple[str, ...],
        world_epoch: datetime | None = None,
        store_bytes: int | None = None,
    ) -> None:
        self.name = cache.name
        # The session's stores against MOCK_SESSION_STORE_BYTES, for this request.
        self.store_budget = ByteBudget(store_bytes)
        self.store_budget.used = cache.bytes
        self.world_epoch = world_epoch  # the settings' epoch: where simulated clocks start
        self.cache = cache
        self.gen = cache.gen
        self.epoch = cache.epoch
        self.fault_rng = cache.fault_rng
        self.touched = False
        self._stores: dict[str, TrackedStore] = {}
        self.overlays = {vendor: self.store(vendor) for vendor in vendors}

    def store(self, name: str) -> TrackedStore:
        """The session's store called `name` (see Session.store)."""
        found = self._stores.get(name)
        if found is None:
            found = self._stores[name] = TrackedStore(self, name)
        return found

    def clock(self, vendor: str, step_seconds: int) -> SessionClock:
        """The vendor's simulated clock in this session (see Session.clock)."""
        assert self.world_epoch is not None
        store = self.store(CLOCK_STORE)
        return session_clock(store, vendor, self.world_epoch, step_seconds)

    def changes(self) -> list[bytes]:
        """Field, payload, field, payload, ... of every write this request made."""
        seq = self.cache.max_seq
        counter = iter(range(seq + 1, seq + 1_000_000_000))
        out: list[bytes] = []
        for name, store in self._stores.items():
            for key, number, json in store.changes(counter):
                out.append(f"{name}{SEP}{key}".encode())
                out.append(b"" if json is None else b"%d %s" % (number, json))
        return out


class Settled(NamedTuple):
    """The commit's verdict on a request: its rate-limit decision (None: nothing counted)."""

    decision: Decision | None


@dataclass(slots=True)
class Commit:
    """What the pipeline asks the commit to settle for one request."""

    bucket: str | None  # the caller's bucket key, when the request was authenticated
    status_allowed: int
    status_refused: int
    journal_head: bytes | None  # the journal entry's JSON up to its body, without the closing }
    duration_ms: float
    journal_bytes: int = 0  # what the in-process journal would charge for the entry


class RedisBackend(StateBackend):
    """Sessions, journals, buckets, stores and the seed in Redis; see the module docstring."""

    kind = "redis"
    shared = True

    def __init__(self, state: MockState, url: str, *, prefix: str = PREFIX) -> None:
        super().__init__(state)
        self.url = url
        self.where = redact_url(url)
        self.prefix = prefix
        settings = state.settings
        self.timeout = settings.state_timeout
        self.ttl = settings.session_ttl
        self.base_seed = settings.seed
        self.vendors = tuple(state.rate_limits)
        self.journal_size = settings.journal_size
        # The commit script's arguments that never change, per vendor.
        self._static = {
            vendor: (
                self.ttl,
                settings.max_sessions,
                prefix,
                limit.requests,
                limit.seconds,
                1 if aligned else 0,
                MAX_BUCKETS,
                settings.journal_size,
                self.base_seed,
                settings.journal_bytes,
            )
            for vendor, (limit, aligned) in state.rate_limits.items()
        }
        self.world_key = f"{prefix}world"
        self.sessions_key = f"{prefix}sessions"
        self.version = ""
        self._caches: OrderedDict[str, SessionCache] = OrderedDict()
        self._client: RespClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._down = False
        redis = _redis()
        # Start-up: a clear error now rather than a 503 on the first request.
        client = redis.Redis.from_url(
            url, socket_timeout=self.timeout, socket_connect_timeout=self.timeout
        )
        try:
            version, seed = client.eval(
                INIT, 2, self.world_key, self.sessions_key, prefix, state.seed
            )
        except redis.RedisError as exc:
            raise ConfigError(f"cannot use the state store at {self.where}: {exc}") from None
        finally:
            client.close()
        self._adopt(version.decode(), int(seed))

    # --- connections ---------------------------------------------------------------------------

    def client(self) -> RespClient:
        """The pipelined client of the running event loop (a new loop gets its own)."""
        loop = asyncio.get_running_loop()
        if self._client is None or self._loop is not loop:
            from redis.connection import parse_url

            from netpath_mock.core.resp import RespClient

            options: dict[str, Any] = parse_url(self.url)  # type: ignore[no-untyped-call]
            self._client = RespClient(options, self.timeout)
            self._loop = loop
        return self._client

    async def _run(self, script: str, keys: list[str], args: list[Any]) -> Any:
        source = SCRIPTS[script]
        try:
            result = await self.client().script(SHAS[script], source, keys, args)
        except Exception as exc:  # whatever went wrong, the request answers 503
            if not self._down:
                log.warning("state store %s unavailable: %r", self.where, exc)
                self._down = True
            raise StateUnavailable("Service Unavailable") from None
        if self._down:
            log.warning("state store %s is back", self.where)
            self._down = False
        return result

    async def close(self) -> None:
        """Close the connection."""
        if self._client is not None:
            client, self._client = self._client, None
            await client.close()

    # --- the world and the sessions' caches ----------------------------------------------------

    def _adopt(self, version: str, seed: int) -> None:
        """Take the world `version` (seed `seed`) as the current one; drop what it invalidates."""
        if version == self.version:
            return
        self.version = version
        self._caches.clear()
        self.state.switch_seed(seed)

    def cache(self, name: str) -> SessionCache:
        """This worker's cache of session `name` (bounded like the session registry)."""
        found = self._caches.get(name)
        if found is not None:
            self._caches.move_to_end(name)
            return found
        created = self._caches[name] = SessionCache(name, self.state.seed, self._session_keys(name))
        while len(self._caches) > self.state.settings.max_sessions:
            self._caches.popitem(last=False)
        return created

    def view(self, name: str) -> SharedSession:
        """A request's view of session `name`."""
        settings = self.state.settings
        return SharedSession(
            self.cache(name), self.vendors, settings.epoch, settings.session_store_bytes
        )

    def _session_keys(self, name: str) -> list[str]:
        base = f"{self.prefix}s:{name}:"
        return [base + suffix for suffix in ("m", "d", "v", "j", "r")]

    # --- the request's one round trip ----------------------------------------------------------

    async def commit(
        self, view: SharedSession, version: str, vendor: str, commit: Commit
    ) -> Settled | None:
        """Settle a request in one script call; None when it must run again (state changed)."""
        state = self.state
        writes = view.changes()
        journal = commit.journal_head if self.journal_size else None
        args: list[Any] = [
            version,
            view.gen if view.touched else "",
            repr(state.clock()),
            view.name,
            f"{vendor}{SEP}{commit.bucket}" if commit.bucket is not None else "",
            commit.status_allowed,
            commit.status_refused,
            journal or b"",
            f"{commit.duration_ms:.3f}",
            state.seed,
            commit.journal_bytes,
            *self._static[vendor],
            len(writes) // 2,
            *writes,
        ]
        keys = [self.world_key, self.sessions_key, *view.cache.keys]
        reply = await self._run("commit", keys, args)
        kind = reply[0]
        if kind == b"W":
            self._adopt(reply[1].decode(), int(reply[2]))
            return None
        cache = view.cache
        if kind == b"S":
            gen = int(reply[1])
            if reply[2] == b"full":
                cache.replace(gen, reply[3:])
            elif cache.epoch == view.epoch and view.gen <= cache.gen < gen:
                cache.update(gen, reply[3:])
            return None
        gen = int(reply[5])
        if writes and cache.epoch == view.epoch and cache.gen == view.gen and reply[1] != b"0":
            cache.update(gen, writes)
        if commit.bucket is None:
            return Settled(None)
        allowed, requests, remaining = int(reply[1]), int(reply[2]), int(reply[3])
        return Settled(Decision(allowed == 1, requests, remaining, float(reply[4])))

    # --- the control plane ---------------------------------------------------------------------

    def _world_args(self) -> list[Any]:
        return [self.state.seed, self.base_seed]

    async def reset(self, session: str | None, *, seed: int | None = None) -> int:
        """See StateBackend.reset: one script call; this worker adopts the result at once."""
        args = [self.prefix, session or "", "" if seed is None else seed, *self._world_args()]
        version, new_seed = await self._run("reset", [self.world_key, self.sessions_key], args)
        self._adopt(version.decode(), int(new_seed))
        if session is None:
            self._caches.clear()
        else:
            self._caches.pop(session, None)
        return self.state.seed

    async def _status(self) -> tuple[int, int]:
        reply = await self._run(
            "status",
            [self.world_key, self.sessions_key],
            [repr(self.state.clock()), self.ttl, *self._world_args()],
        )
        self._adopt(reply[0].decode(), int(reply[1]))
        return int(reply[1]), int(reply[2])

    async def journal(self, session: str) -> list[dict[str, Any]]:
        """See StateBackend.journal (LRANGE of the session's list, newest first in Redis)."""
        key = self._session_keys(session)[3]
        try:
            raw = await self.client().call("LRANGE", key, 0, -1)
        except Exception:
            raise StateUnavailable("Service Unavailable") from None
        return [orjson.loads(item.partition(b" ")[2]) for item in reversed(raw)]

    async def clear_journal(self, session: str) -> None:
        """See StateBackend.clear_journal."""
        keys = self._session_keys(session)
        await self._run("clear_journal", [keys[3], keys[0]], [])

    async def session_count(self) -> int:
        """See StateBackend.session_count."""
        return (await self._status())[1]

    async def current_seed(self) -> int:
        """See StateBackend.current_seed (and adopt a switch another worker made)."""
        return (await self._status())[0]

    async def ping(self) -> None:
        """See StateBackend.ping."""
        await self._status()

    def describe(self) -> dict[str, Any]:
        """Kind, sharing and the (password-free) URL."""
        return {**super().describe(), "url": self.where}


def journal_head(entry_dict: dict[str, Any]) -> bytes:
    """An `Entry.as_dict()` without status and duration, as JSON missing its closing brace.

    The commit script appends `"status"` (known only once the limiter decided) and the duration,
    so the stored entry has exactly the keys, in the order, the in-process journal shows.
    """
    entry_dict.pop("status", None)
    entry_dict.pop("duration_ms", None)
    return orjson.dumps(entry_dict)[:-1]


__all__ = ["Commit", "RedisBackend", "SharedSession", "journal_head"]
