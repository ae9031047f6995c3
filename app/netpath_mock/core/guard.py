"""Connection guard: the bounds uvicorn leaves to the application, kept below ASGI.

uvicorn bounds neither the time a client may take to send a request (its keep-alive timeout only
covers idle time *between* requests and is reset by every byte received) nor, with httptools,
the size of a request head; its `limit_concurrency` answers a text/plain 503 only once a request
head has arrived, and graceful shutdown ends by cancelling whatever still runs (a text/plain 500
and a traceback). An ASGI middleware cannot help: it runs once a head has been parsed. So the
guard is a subclass of uvicorn's own protocol classes (httptools and h11), selected with
uvicorn's `http=` option:

* **Head size** (`max_header_bytes`): the request line and headers together. httptools has no
  limit of its own: the bytes of an unfinished head are counted as they arrive and a head past the
  bound is answered 431 (vendor-shaped JSON, chosen by the request path) and closed. h11 is given
  the same bound as `h11_max_incomplete_event_size`.
* **Slow clients** (`header_timeout`, `body_timeout`): a watchdog, one timer per server (no
  per-request cost), closes a connection whose request head is not complete `header_timeout`
  seconds after its first byte (or after the connection opened), or whose body is not complete
  `body_timeout` seconds after its head. A request being answered is never timed out.
* **Open connections** (`max_connections`): past the bound, opening a connection closes the
  oldest one that has no request in flight (sockets that never sent a request go first), so a few
  hundred idle or dribbling sockets cannot lock other clients out; the process's open-file limit
  is raised to fit the bound (or the bound lowered to fit the limit).
* **Shutdown**: when uvicorn starts a graceful shutdown, delays still sleeping (`Prefer:
  latency=...`, `MOCK_LATENCY`) are cut short so that every answer is sent, in the vendor's
  shape, before uvicorn's grace period ends; a request whose body is still arriving is closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import resource
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from netpath_mock.core.settings import Settings

log = logging.getLogger("netpath_mock")

LIMITS_ATTRIBUTE = "netpath_guard_limits"
# The watchdog looks at every connection this often (at most): a timeout fires within one
# interval of its bound.
MAX_TICK_SECONDS = 1.0
# Answers must be on their way before uvicorn's grace period ends and it cancels what still runs.
DRAIN_MARGIN_SECONDS = 0.5
# File descriptors kept for everything but client connections (listening socket, logs, files).
RESERVED_FDS = 64
# How much of a request head is kept to tell which vendor a refusal should look like.
TARGET_PEEK = 2048

Refusal = Callable[[bytes, int, str], tuple[list[tuple[bytes, bytes]], bytes]]


@dataclass(frozen=True, slots=True)
class GuardLimits:
    """The guard's bounds (see the module docstring)."""

    max_head_bytes: int
    header_timeout: float
    body_timeout: float
    max_connections: int

    @classmethod
    def from_settings(cls, settings: Settings) -> GuardLimits:
        """The settings' bounds, `max_connections` fitted to the open-file limit."""
        return cls(
            settings.max_header_bytes,
            settings.header_timeout,
            settings.body_timeout,
            fit_open_file_limit(settings.max_connections),
        )

    @property
    def tick(self) -> float:
        """How often the watchdog looks."""
        return min(MAX_TICK_SECONDS, self.header_timeout / 4, self.body_timeout / 4)


def fit_open_file_limit(connections: int) -> int:
    """How many connections fit the open-file limit, raised towards `connections` first.

    The soft limit is raised as far as the hard limit allows.
    """
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = connections + RESERVED_FDS
        if soft != resource.RLIM_INFINITY and soft < wanted:
            new_soft = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(resource.RLIMIT_NOFILE, (new_soft, hard))
            soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (ValueError, OSError):  # pragma: no cover - platforms without RLIMIT_NOFILE
        return connections
    if soft == resource.RLIM_INFINITY or soft >= connections + RESERVED_FDS:
        return connections
    fitted = max(8, soft - RESERVED_FDS)
    log.warning(
        "MOCK_MAX_CONNECTIONS=%d does not fit the open-file limit (%d): using %d",
        connections,
        soft,
        fitted,
    )
    return fitted


# --- delays that end early on shutdown -------------------------------------------------------


class Drain:
    """Sleeps that a graceful shutdown cuts short (one per event loop, so one per server)."""

    def __init__(self) -> None:
        self.deadline: float | None = None
        self._sleepers: dict[asyncio.Future[None], asyncio.TimerHandle] = {}

    async def sleep(self, seconds: float) -> None:
        """Sleep `seconds`, or until the shutdown deadline if that comes first."""
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        if self.deadline is not None:
            end = min(end, self.deadline)
        if end <= loop.time():
            return
        done: asyncio.Future[None] = loop.create_future()
        self._sleepers[done] = loop.call_at(end, _finish, done)
        try:
            await done
        finally:
            self._sleepers.pop(done).cancel()

    def begin(self, loop: asyncio.AbstractEventLoop, grace: float | None) -> None:
        """A graceful shutdown with `grace` seconds (None: unbounded) has started."""
        if grace is None or self.deadline is not None:
            return
        self.deadline = loop.time() + max(0.0, grace - DRAIN_MARGIN_SECONDS)
        for done, handle in list(self._sleepers.items()):
            if handle.when() > self.deadline:
                handle.cancel()
                self._sleepers[done] = loop.call_at(self.deadline, _finish, done)


def _finish(done: asyncio.Future[None]) -> None:
    if not done.done():
        done.set_result(None)


_DRAINS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Drain] = weakref.WeakKeyDictionary()


def drain_for(loop: asyncio.AbstractEventLoop) -> Drain:
    """The Drain of `loop`'s server."""
    drain = _DRAINS.get(loop)
    if drain is None:
        drain = _DRAINS[loop] = Drain()
    return drain


async def pause(seconds: float) -> None:
    """Delay a response by `seconds` without blocking others; a shutdown cuts it short."""
    await drain_for(asyncio.get_running_loop()).sleep(seconds)


# --- the protocols ---------------------------------------------------------------------------

_HEAD, _BODY, _APP = 0, 1, 2


def _default_refusal(target: bytes, status: int, message: str) -> tuple[list[Any], bytes]:
    body = orjson.dumps({"error": {"status": status, "message": message}})
    return [(b"content-type", b"application/json")], body


def _find_refusal(app: Any) -> Refusal:
    for _ in range(8):  # through uvicorn's wrappers (proxy headers, message logger)
        refusal = getattr(app, "http_refusal", None)
        if refusal is not None:
            return refusal  # type: ignore[no-any-return]
        app = getattr(app, "app", None)
    return _default_refusal


def _target(head: bytes) -> bytes:
    """The request-target of a (possibly partial) request head, or b''."""
    line = head.lstrip(b"\r\n").split(b"\r\n", 1)[0]
    parts = line.split(b" ", 2)
    return parts[1] if len(parts) > 1 else b""


class _Watch:
    """One server's watchdog: closes connections stuck in a request's head or body."""

    def __init__(self, loop: asyncio.AbstractEventLoop, connections: set[Any], limits: GuardLimits):
        self.loop = loop
        self.connections = connections
        self.limits = limits
        loop.call_later(limits.tick, self.tick)

    def tick(self) -> None:
        """Look at every connection once, then come back in `limits.tick` seconds."""
        now = self.loop.time()
        limits = self.limits
        for conn in list(self.connections):
            if isinstance(conn, _Guarded):
                conn.watch(now, limits)
        self.loop.call_later(limits.tick, self.tick)


class _Guarded:
    """What the httptools and h11 guards share; mixed in before uvicorn's protocol class."""

    # Provided by uvicorn's protocol classes.
    config: Any
    server_state: Any
    transport: asyncio.Transport
    cycle: Any
    loop: asyncio.AbstractEventLoop
    connections: set[Any]

    _limits: GuardLimits
    _connected_at: float
    _watch_key: tuple[int, Any]
    _watch_since: float
    _head_bytes: int
    _head_start: bytes
    _refused: tuple[int, str] | None

    def _guard_setup(self) -> None:
        config = self.config
        limits = getattr(config, LIMITS_ATTRIBUTE, None)
        if limits is None:
            from netpath_mock.core.settings import get_settings

            limits = GuardLimits.from_settings(get_settings())
            setattr(config, LIMITS_ATTRIBUTE, limits)
        self._limits = limits
        self._head_bytes = 0
        self._head_start = b""
        self._refused = None

    def _guard_connected(self) -> None:
        now = self.loop.time()
        self._connected_at = now
        self._watch_key = (_HEAD, None)
        self._watch_since = now
        state = self.server_state
        if getattr(state, "netpath_watch", None) is None:
            state.netpath_watch = _Watch(self.loop, self.connections, self._limits)
        if len(self.connections) > self._limits.max_connections:
            self._make_room()

    def _idle(self) -> bool:
        cycle = self.cycle
        return cycle is None or bool(cycle.response_complete)

    def _make_room(self) -> None:
        # Past the bound: close the oldest connection with no request in flight, those that never
        # sent one first; if every other connection is busy, this new one is closed instead.
        idle = [c for c in self.connections if c is not self and isinstance(c, _Guarded)]
        idle = [c for c in idle if c._idle()]
        if not idle:
            self.transport.close()
            return
        victim = min(idle, key=lambda c: (c.cycle is not None, c._connected_at))
        log.debug("max_connections reached: closing the oldest idle connection")
        victim.transport.close()

    def watch(self, now: float, limits: GuardLimits) -> None:
        """Called by the watchdog: close the connection if its head or body is overdue."""
        cycle = self.cycle
        if cycle is None or cycle.response_complete:
            key, allowed = (_HEAD, cycle), limits.header_timeout
        elif cycle.more_body:
            key, allowed = (_BODY, cycle), limits.body_timeout
        else:
            key, allowed = (_APP, cycle), None
        if key[0] != self._watch_key[0] or key[1] is not self._watch_key[1]:
            self._watch_key, self._watch_since = key, now
        elif (
            allowed is not None
            and now - self._watch_since > allowed
            and (not self.transport.is_closing())
        ):
            # A request head or body that does not arrive in time: close without an answer (as
            # nginx does on client_header_timeout), so a slow client holds nothing for long.
            log.debug("closing a connection: request %s not received in time", _PHASES[key[0]])
            self.transport.close()

    def shutdown(self) -> None:
        """Graceful shutdown: drain delays, close connections still receiving a body."""
        if not self._guard_shutdown():
            super().shutdown()  # type: ignore[misc]  # uvicorn's protocol, next in the MRO

    def _guard_shutdown(self) -> bool:
        """Start draining delays; True when this connection was closed (a body still arriving)."""
        drain_for(self.loop).begin(self.loop, self.config.timeout_graceful_shutdown)
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete and cycle.more_body:
            self.transport.close()
            return True
        return False

    def _count_head(self, data: bytes) -> None:
        if not self._head_bytes:
            self._head_start = data[:TARGET_PEEK]
        self._head_bytes += len(data)

    def _refuse(self, status: int, message: str) -> None:
        """Answer `status` (vendor-shaped by the request's path) and close the connection."""
        if self.transport.is_closing():
            return
        headers, body = _find_refusal(self.config.loaded_app)(
            _target(self._head_start), status, message
        )
        phrase = HTTPStatus(status).phrase.encode()
        lines = [b"HTTP/1.1 %d %s" % (status, phrase)]
        lines += [name + b": " + value for name, value in headers]
        lines += [b"content-length: %d" % len(body), b"connection: close"]
        self.transport.write(b"\r\n".join(lines) + b"\r\n\r\n" + body)
        self.transport.close()

    def _head_too_large(self) -> None:
        self._refuse(
            431,
            f"Request headers too large: the request line and headers may take at most "
            f"{self._limits.max_head_bytes} bytes",
        )


_PHASES = {_HEAD: "head", _BODY: "body", _APP: "answer"}


class _HeadTooLarge(Exception):
    """Raised inside httptools' callback; uvicorn turns it into send_400_response."""


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # pragma: no cover - httptools is part of uvicorn[standard]
    HttpToolsGuard: type[Any] | None = None
else:
    _parser_data_received = HttpToolsProtocol.data_received
    _parser_headers_complete = HttpToolsProtocol.on_headers_complete
    _parser_message_complete = HttpToolsProtocol.on_message_complete

    class HttpToolsGuard(_Guarded, HttpToolsProtocol):  # type: ignore[no-redef]
        """uvicorn's httptools protocol with the guard, and a bound on the head size."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._guard_setup()
            self._in_head = True

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            """Register, start the watchdog, make room past max_connections."""
            super().connection_made(transport)
            self._guard_connected()

        # The three callbacks below run on every request: the parent's methods are called
        # directly (not through super()) and the head count is inlined, to keep their cost
        # small next to uvicorn's own.

        def data_received(self, data: bytes) -> None:
            """Feed the parser, refusing a head that grows past the bound before it ends."""
            if self._in_head:
                if not self._head_bytes:
                    self._head_start = data[:TARGET_PEEK]
                self._head_bytes += len(data)
            _parser_data_received(self, data)
            if self._in_head and self._head_bytes > self._limits.max_head_bytes:
                self._head_too_large()

        def on_headers_complete(self) -> None:
            """The head is complete: check its exact size when the bytes counted may exceed it."""
            self._in_head = False
            if self._head_bytes > self._limits.max_head_bytes:
                # The chunks counted may have carried the start of the body: measure the head.
                size = len(self.url) + sum(len(n) + len(v) + 4 for n, v in self.headers)
                if size > self._limits.max_head_bytes:
                    self._refused = (431, "")
                    raise _HeadTooLarge
            self._head_bytes = 0
            _parser_headers_complete(self)

        def on_message_complete(self) -> None:
            """The request is complete: the next bytes start a new head."""
            _parser_message_complete(self)
            self._in_head = True
            self._head_bytes = 0

        def send_400_response(self, msg: str) -> None:
            """Uvicorn's refusal of a bad request: a 431 when the head is past the bound."""
            if self._refused is not None or (
                self._in_head and self._head_bytes > self._limits.max_head_bytes
            ):
                self._head_too_large()
            else:
                super().send_400_response(msg)


def protocol_path(http: str) -> str:
    """Uvicorn's `http=` value for the guarded parser `http` (auto: httptools when installed)."""
    if http == "h11" or (http == "auto" and HttpToolsGuard is None):
        return "netpath_mock.core.guard_h11:H11Guard"
    return "netpath_mock.core.guard:HttpToolsGuard"


GRACEFUL_SHUTDOWN_SECONDS = 5


def log_config() -> dict[str, Any]:
    """Uvicorn's logging configuration with credential query parameters masked in access lines."""
    from uvicorn.config import LOGGING_CONFIG

    # On the logger, not a handler: every handler of uvicorn.access (a user's too) sees the
    # masked line.
    config: dict[str, Any] = {
        **LOGGING_CONFIG,
        "filters": {"mask": {"()": "netpath_mock.core.journal.AccessLogMask"}},
        "loggers": {
            **LOGGING_CONFIG["loggers"],
            "uvicorn.access": {**LOGGING_CONFIG["loggers"]["uvicorn.access"], "filters": ["mask"]},
        },
    }
    return config


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """The uvicorn.Config / uvicorn.run options every server of the mock runs with."""
    return {
        "http": protocol_path(settings.http),
        "h11_max_incomplete_event_size": settings.max_header_bytes,
        "log_config": log_config(),
        "access_log": settings.access_log,
        # Cloudflare answers carry `server: cloudflare` only: uvicorn must not add its own.
        "server_header": False,
        # X-Forwarded-For is irrelevant to a mock; without the wrapper the guard finds the app.
        "proxy_headers": False,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_SECONDS,
    }


def apply_limits(config: Any, settings: Settings) -> None:
    """Hand the settings' bounds to the guard protocols of `config` (a uvicorn.Config).

    Without this (uvicorn workers re-created from the environment) the guard reads the bounds
    from the MOCK_* variables itself.
    """
    setattr(config, LIMITS_ATTRIBUTE, GuardLimits.from_settings(settings))
