"""The per-request pipeline every vendor shares: session, controls, routing, auth, limits, journal.

A vendor supplies its routes and the hooks in `Vendor`; this module runs them in the same order
for both vendors and renders every failure through the vendor's own `render_error`, so no
framework default ever reaches a client.
"""

from __future__ import annotations

import logging
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from netpath_mock.core.errors import (
    BadRequest,
    MethodNotAllowed,
    MockError,
    PayloadTooLarge,
    RouteNotFound,
    ServerError,
)
from netpath_mock.core.guard import pause
from netpath_mock.core.http import (
    BodyTooLarge,
    ClientDisconnected,
    Receive,
    Request,
    Response,
    Scope,
    Send,
    headers_of,
    read_body,
    send_response,
)
from netpath_mock.core.journal import Entry, masked
from netpath_mock.core.ratelimit import Decision, FixedWindowLimiter
from netpath_mock.core.state import MockState, Session

log = logging.getLogger("netpath_mock")

Handler = Callable[..., Response]
MAX_FORCED_LATENCY_MS = 60_000
# ASCII digits only: str.isdigit() also accepts '²' and friends, which int() then rejects.
_DIGITS = re.compile(r"[0-9]{1,9}")
_PREFER_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Injected faults pick among the statuses real gateways return under trouble.
_FAULT_STATUSES = (500, 502, 503, 503)


@dataclass(slots=True, frozen=True)
class Route:
    """One vendor operation: its methods, path pattern and handler."""

    methods: frozenset[str]
    pattern: re.Pattern[str]
    handler: Handler
    name: str


class Router:
    """Matches a path against a vendor's routes, telling 'no such path' from 'wrong method'."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def add(self, method: str | tuple[str, ...], pattern: str, handler: Handler, name: str) -> None:
        """Register `handler` for `method(s)` on a regex `pattern` with named groups."""
        methods = (method,) if isinstance(method, str) else method
        allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())
        self.routes.append(Route(frozenset(allowed), re.compile(pattern), handler, name))

    def resolve(self, method: str, path: str) -> tuple[Route, dict[str, str]]:
        """The route and its path parameters; RouteNotFound or MethodNotAllowed otherwise."""
        path_matched = False
        for route in self.routes:
            match = route.pattern.fullmatch(path)
            if match is None:
                continue
            if method in route.methods:
                return route, match.groupdict()
            path_matched = True
        if path_matched:
            raise MethodNotAllowed()
        raise RouteNotFound()


@dataclass(slots=True, frozen=True)
class Controls:
    """What a request asked of the simulator (Prism's `Prefer` header or `?__code=`)."""

    code: int | None = None
    latency_ms: int | None = None


# What parse_controls gives a request with neither Prefer nor `__` parameters (nearly all of
# them): shared, so those requests skip the parse.
NO_CONTROLS = Controls()


class Vendor(ABC):
    """The hooks a vendor package implements; the pipeline calls them in a fixed order."""

    name: str
    router: Router
    forced_codes: tuple[int, ...]

    @abstractmethod
    def authenticate(self, request: Request) -> Any:
        """Return the caller (with a `bucket_key` attribute) or raise a MockError."""

    @abstractmethod
    def forced_error(self, status: int, request: Request) -> MockError:
        """The error the real vendor gives for `status` (used by Prefer: code=... and faults)."""

    @abstractmethod
    def rate_limited(self, decision: Decision) -> MockError:
        """The error for a request refused by the limiter."""

    @abstractmethod
    def render_error(self, error: MockError, request: Request) -> Response:
        """The vendor's wire form of `error`."""

    @abstractmethod
    def decorate(self, response: Response, request: Request, decision: Decision) -> None:
        """Add the vendor's headers (rate-limit, server, ...) to every response."""


def prefer_item(part: str) -> tuple[str, str] | None:
    """`name=value` or `name="value"` of one Prefer item (no ',' or ';' in it), or None.

    String operations, not a backtracking pattern: the former pattern's overlapping blanks
    (optional spaces, an optional quote, a value that may hold spaces) took cubic time on a long
    run of blanks (2 KB: 13 s, before auth). This accepts exactly what that pattern accepted and
    captures the same value.
    """
    name, eq, rest = part.partition("=")
    name = name.strip()
    if not eq or not _PREFER_NAME.fullmatch(name):
        return None
    value = rest.lstrip()
    if value.startswith('"'):
        value = value[1:]
    value, quote, tail = value.partition('"')
    if quote and tail.strip():
        return None
    return name, value


def parse_controls(prefer: str | None, query: str) -> Controls:
    """Read `Prefer: code=NNN, latency=MS` and `?__code=NNN` / `?__latency=MS`."""
    code: int | None = None
    latency_ms: int | None = None
    items: list[tuple[str, str]] = []
    if prefer:
        for part in re.split(r"[,;]", prefer):
            if not part.strip():
                continue
            item = prefer_item(part)
            if item is None:
                continue  # Prism ignores preferences it does not know; so do we.
            items.append((item[0].lower(), item[1]))
    if "__" in query:
        for pair in query.split("&"):
            key, _, value = pair.partition("=")
            if key in ("__code", "__latency"):
                items.append((key[2:], unquote(value)))
    for key, value in items:
        if key == "code":
            if len(value) != 3 or not _DIGITS.fullmatch(value):
                raise BadRequest(f"Prefer code must be a 3-digit HTTP status, got {value[:20]!r}")
            code = int(value)
        elif key == "latency":
            if not _DIGITS.fullmatch(value) or int(value) > MAX_FORCED_LATENCY_MS:
                raise BadRequest(
                    f"Prefer latency must be whole milliseconds from 0 to {MAX_FORCED_LATENCY_MS}"
                )
            latency_ms = int(value)
    return Controls(code, latency_ms)


class VendorPipeline:
    """The ASGI app serving one vendor's paths."""

    def __init__(self, vendor: Vendor, state: MockState) -> None:
        self.vendor = vendor
        self.state = state
        self._latency = state.settings.latency_for(vendor.name)
        limit, aligned = state.rate_limits[vendor.name]
        # Answers no bucket counted (bad credentials, a bad session header) still carry the
        # rate-limit headers: a full bucket in the current window, as the limiter sees it.
        self._idle = FixedWindowLimiter(limit, aligned=aligned, clock=state.clock, max_buckets=0)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one HTTP request."""
        started = time.perf_counter()
        vendor = self.vendor
        method: str = scope["method"]
        query: bytes = scope["query_string"]
        headers = headers_of(scope)
        request = Request(method, scope["path"], query.decode("latin-1") if query else "", headers)
        decision: Decision | None = None
        controls = NO_CONTROLS
        session: Session | None = None
        try:
            session = self.state.session(headers.get("x-mock-session"))
            request.session = session
            if method in _BODY_METHODS:
                request.body = await read_body(receive, declared=headers.get("content-length"))
            prefer = headers.get("prefer")
            if prefer or "__" in request.query:
                controls = parse_controls(prefer, request.query)
            route, params = vendor.router.resolve(method, request.path)
            caller = vendor.authenticate(request)
            decision = session.limiters[vendor.name].hit(caller.bucket_key)
            # Prism's `code=200` asks for the success answer: that is the normal path here.
            if controls.code is not None and controls.code != 200:
                raise vendor.forced_error(controls.code, request)
            if not decision.allowed:
                raise vendor.rate_limited(decision)
            rate = self.state.settings.fault_rate
            if rate and session.fault_rng.random() < rate:
                raise vendor.forced_error(session.fault_rng.choice(_FAULT_STATUSES), request)
            response = route.handler(request, caller, **params)
        except MockError as error:
            if error.status == 429 and decision is not None and controls.code == 429:
                # A forced 429 reports an exhausted bucket, as a real refusal does.
                decision = Decision(False, decision.limit, 0, decision.reset_after)
            response = vendor.render_error(error, request)
        except BodyTooLarge:
            response = vendor.render_error(PayloadTooLarge("Request Entity Too Large"), request)
            # The rest of the body is not read: close rather than receive it to discard it.
            response.headers.append((b"connection", b"close"))
        except ClientDisconnected:
            return  # nobody to answer
        except Exception:  # a bug must still answer in the vendor's shape, never a bare 500
            log.exception("unhandled error serving %s %s", method, request.path)
            response = vendor.render_error(ServerError(), request)
        vendor.decorate(response, request, decision or self._idle.peek(""))
        delay_ms = controls.latency_ms
        if delay_ms is None and self._latency is not None:
            low, high = self._latency
            rng = session.fault_rng if session is not None else None
            delay_ms = low if high == low or rng is None else rng.randint(low, high)
        if delay_ms:
            await pause(delay_ms / 1000)  # never blocks other requests; shutdown cuts it short
        if session is not None and session.journal.maxlen:
            session.journal.record(
                Entry(
                    time.time(),
                    vendor.name,
                    method,
                    request.path,
                    request.query,
                    masked(request.headers),
                    request.body,
                    response.status,
                    (time.perf_counter() - started) * 1000,
                )
            )
        await send_response(send, response, head=method == "HEAD")
