"""The per-request pipeline every vendor shares: session, controls, route, auth, limit, handler.

The served lane: `VendorPipeline` runs a vendor's routes through the dispatcher compiled from its
routers (core.routing) in a fixed order (session -> controls -> route -> auth -> limit/Prefer/
faults -> parameters -> handler -> journal) and renders every failure through the vendor's own
`render_error`, so no framework default ever reaches a client. core.reference runs the same
stages around FastAPI's own execution of the same routers.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import unquote

from netpath_mock.core.backend import StateUnavailable
from netpath_mock.core.errors import (
    BadRequest,
    ErrorEntry,
    MockError,
    PayloadTooLarge,
    ServerError,
)
from netpath_mock.core.guard import pause
from netpath_mock.core.http import (
    BodyTooLarge,
    ClientDisconnected,
    Controls,
    Receive,
    Request,
    Response,
    Scope,
    Send,
    headers_of,
    read_body,
    send_response,
)
from netpath_mock.core.journal import Entry, bounded, masked
from netpath_mock.core.ratelimit import Decision, FixedWindowLimiter
from netpath_mock.core.routing import compile_routes, result_response
from netpath_mock.core.state import MockState, session_key
from netpath_mock.core.vendor import Vendor, VendorSpec
from netpath_mock.netmodel.scenarios import BY_NAME as SCENARIOS
from netpath_mock.netmodel.scenarios import unknown_message

log = logging.getLogger("netpath_mock")

MAX_FORCED_LATENCY_MS = 60_000
# ASCII digits only: str.isdigit() also accepts '²' and friends, which int() then rejects.
_DIGITS = re.compile(r"[0-9]{1,9}")
_PREFER_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Injected faults pick among the statuses real gateways return under trouble.
_FAULT_STATUSES = (500, 502, 503, 503)
_NO_ERRORS: Mapping[int, ErrorEntry] = {}


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
    """Read `Prefer: code=NNN, latency=MS, example=NAME` and `?__code=`, `__latency=`, `__example=`.

    An unknown example name is a 400 naming the known ones (Prism answers an unknown example
    with an error too); a known one applies where a path is answered and is ignored elsewhere.
    """
    code: int | None = None
    latency_ms: int | None = None
    example: str | None = None
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
            if key in ("__code", "__latency", "__example"):
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
        elif key == "example":
            value = value.strip()
            if value not in SCENARIOS:
                raise BadRequest(unknown_message(value))
            example = value
    return Controls(code, latency_ms, example)


class VendorPipeline:
    """The ASGI app serving one vendor's paths through its compiled routes."""

    def __init__(self, spec: VendorSpec, state: MockState) -> None:
        self.spec = spec
        self.name = spec.name
        self.state = state
        self.vendor: Vendor = spec.create(state)
        self.router = compile_routes(spec.routers, state)
        self._mounts = tuple((mount, mount + "/") for mount in spec.mounts if mount)
        self._latency = state.settings.latency_for(spec.name)
        limit, aligned = state.rate_limits[spec.name]
        # Answers no bucket counted (bad credentials, a bad session header) still carry the
        # rate-limit headers: a full bucket in the current window, as the limiter sees it.
        self._idle = FixedWindowLimiter(limit, aligned=aligned, clock=state.clock, max_buckets=0)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one HTTP request (the stages below, inlined where they cost a call)."""
        started = time.perf_counter()
        query: bytes = scope["query_string"]
        headers = headers_of(scope)
        request = Request(
            scope["method"], scope["path"], query.decode("latin-1") if query else "", headers
        )
        try:
            # = prepare(), without a coroutine per request
            request.session = self.state.session(headers.get("x-mock-session"))
            if request.method in _BODY_METHODS:
                request.body = await read_body(receive, declared=headers.get("content-length"))
            prefer = headers.get("prefer")
            if prefer or "__" in request.query:
                request.controls = parse_controls(prefer, request.query)
            path = request.path
            if self._mounts:
                # = route_path(), inlined for the usual single mount (Cloudflare's /client/v4)
                mount, mount_slash = self._mounts[0]
                if len(self._mounts) > 1:
                    path = self.route_path(path)
                elif path.startswith(mount_slash) or path == mount:
                    path = path[len(mount) :]
            route, values = self.router.resolve(request.method, path)
            self.gate(request, route.errors)
            result = route.call(request, values)
            if route.is_async:
                result = await result
            if result.__class__ is bytes:
                response = Response(route.status, result)
            else:
                response = self.respond(result, route.status)
        except ClientDisconnected:
            return  # nobody to answer
        except Exception as error:
            response = self.failure(error, request)
        # = finish()
        delay_ms = self.settle(request, response, started)
        if delay_ms:
            await pause(delay_ms / 1000)  # never blocks others; a shutdown cuts it short
            self.record(request, response, started)
        await send_response(send, response, head=request.method == "HEAD")

    # --- the stages, shared with core.reference ------------------------------------------------

    def begin(self, scope: Scope) -> Request:
        """The pipeline's view of the request."""
        query: bytes = scope["query_string"]
        return Request(
            scope["method"],
            scope["path"],
            query.decode("latin-1") if query else "",
            headers_of(scope),
        )

    async def prepare(self, request: Request, receive: Receive) -> None:
        """Session, body and simulator controls: everything before routing."""
        headers = request.headers
        request.session = self.state.session(headers.get("x-mock-session"))
        if request.method in _BODY_METHODS:
            request.body = await read_body(receive, declared=headers.get("content-length"))
        prefer = headers.get("prefer")
        if prefer or "__" in request.query:
            request.controls = parse_controls(prefer, request.query)

    def route_path(self, path: str) -> str:
        """`path` without the vendor's mount prefix (the routers' own paths)."""
        for mount, mount_slash in self._mounts:
            if path.startswith(mount_slash) or path == mount:
                return path[len(mount) :]
        return path

    def gate(self, request: Request, errors: Mapping[int, ErrorEntry] = _NO_ERRORS) -> None:
        """Authenticate, count the request, then apply Prefer: code=, the limit and faults.

        `errors` are the operation's documented catalogue entries: a forced status it documents
        answers that entry (a forced 404 is the operation's real 404).
        """
        vendor = self.vendor
        caller = vendor.authenticate(request)
        request.caller = caller
        decision = request.session.limiters[self.name].hit(caller.bucket_key)
        request.decision = decision
        code = request.controls.code
        # Prism's `code=200` asks for the success answer: that is the normal path here.
        if code is not None and code != 200:
            raise self.forced(code, request, errors)
        if not decision.allowed:
            raise vendor.rate_limited(decision)
        rate = self.state.settings.fault_rate
        if rate and request.session.fault_rng.random() < rate:
            status = request.session.fault_rng.choice(_FAULT_STATUSES)
            raise self.forced(status, request, errors)

    def forced(self, status: int, request: Request, errors: Mapping[int, ErrorEntry]) -> MockError:
        """The error a forced `status` answers on this operation."""
        entry = errors.get(status)
        if entry is not None:
            return entry.error()
        return self.vendor.forced_error(status, request)

    def respond(self, result: Any, status: int) -> Response:
        """A route's return value as a Response."""
        return result_response(result, status, self.vendor.encode)

    def failure(self, error: Exception, request: Request) -> Response:
        """The vendor's answer to anything raised while serving `request`."""
        if isinstance(error, MockError):
            return self.vendor.render_error(error, request)
        if isinstance(error, BodyTooLarge):
            response = self.vendor.render_error(
                PayloadTooLarge("Request Entity Too Large"), request
            )
            # The rest of the body is not read: close rather than receive it to discard it.
            response.headers.append((b"connection", b"close"))
            return response
        # A bug must still answer in the vendor's shape, never a bare 500.
        log.exception("unhandled error serving %s %s", request.method, request.path, exc_info=error)
        return self.vendor.render_error(ServerError(), request)

    async def finish(
        self, request: Request, response: Response, send: Send, started: float
    ) -> None:
        """Vendor headers, forced latency, the journal entry, then the answer."""
        delay_ms = self.settle(request, response, started)
        if delay_ms:
            await pause(delay_ms / 1000)  # never blocks others; a shutdown cuts it short
            self.record(request, response, started)
        await send_response(send, response, head=request.method == "HEAD")

    def settle(self, request: Request, response: Response, started: float) -> int | None:
        """Add the vendor's headers; the delay (ms) the answer waits, if any.

        Without a delay the journal entry is recorded here (no wait would separate the two);
        with one, the caller records it after the wait, so its duration includes it.
        """
        decision: Decision | None = request.decision
        if decision is not None and response.status == 429 and request.controls.code == 429:
            # A forced 429 reports an exhausted bucket, as a real refusal does.
            decision = Decision(False, decision.limit, 0, decision.reset_after)
        self.vendor.decorate(response, request, decision or self._idle.peek(""))
        delay_ms = request.controls.latency_ms
        if delay_ms is None and self._latency is not None:
            low, high = self._latency
            session = request.session
            rng = session.fault_rng if session is not None else None
            delay_ms = low if high == low or rng is None else rng.randint(low, high)
        if not delay_ms:
            self.record(request, response, started)
        return delay_ms

    def record(self, request: Request, response: Response, started: float) -> None:
        """The journal entry of the request (credentials masked)."""
        session = request.session
        if session is not None and session.journal.maxlen:
            session.journal.add(
                self.name,
                request.method,
                request.path,
                request.query,
                request.headers,
                request.body,
                response.status,
                (time.perf_counter() - started) * 1000,
                self.state.secret_headers,
            )


# Runs of a request's handler against a state another worker keeps changing, before giving up
# with a 503 (each run but the first follows a refresh of what changed).
MAX_ATTEMPTS = 8


class SharedPipeline(VendorPipeline):
    """The served lane over a shared backend (core.redis_backend): one Redis round trip each.

    The stages are the in-process lane's, in its order; what differs is when the state is
    settled. The handler runs on the worker's cached view of the session, then one commit call
    counts the bucket, applies the handler's writes (if the request was allowed), records the
    journal entry and checks that nothing the answer relied on changed meanwhile; if something
    did, the handler runs again on the refreshed view.
    """

    def __init__(self, spec: VendorSpec, state: MockState) -> None:
        super().__init__(spec, state)
        from netpath_mock.core.redis_backend import RedisBackend

        backend = state.backend
        assert isinstance(backend, RedisBackend)
        self.backend = backend

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one HTTP request: local stages, then the commit (see the class docstring)."""
        from netpath_mock.core.redis_backend import Commit, journal_head

        started = time.perf_counter()
        request = self.begin(scope)
        vendor = self.vendor
        try:
            name = session_key(request.headers.get("x-mock-session"))
        except MockError as error:
            response = vendor.render_error(error, request)
            vendor.decorate(response, request, self._idle.peek(""))
            await send_response(send, response, head=request.method == "HEAD")
            return
        early: Exception | None = None
        try:
            if request.method in _BODY_METHODS:
                declared = request.headers.get("content-length")
                request.body = await read_body(receive, declared=declared)
            prefer = request.headers.get("prefer")
            if prefer or "__" in request.query:
                request.controls = parse_controls(prefer, request.query)
        except ClientDisconnected:
            return  # nobody to answer
        except Exception as error:
            early = error
        backend = self.backend
        waited = False
        for _ in range(MAX_ATTEMPTS):
            view = backend.view(name)
            version = backend.version
            request.session, request.caller, request.decision = view, None, None
            response, refused_status = await self.attempt(request, early)
            if not waited:
                waited = True
                delay_ms = self.delay(request, view.fault_rng)
                if delay_ms:
                    await pause(delay_ms / 1000)  # never blocks other requests
            caller = request.caller
            head, size = self.journal_head(request, journal_head)
            commit = Commit(
                bucket=None if caller is None else caller.bucket_key,
                status_allowed=response.status,
                status_refused=refused_status,
                journal_head=head,
                duration_ms=(time.perf_counter() - started) * 1000,
                journal_bytes=size,
            )
            try:
                settled = await backend.commit(view, version, self.name, commit)
            except MockError as error:  # StateUnavailable: the store is down or too slow
                response = vendor.render_error(error, request)
                settled = None
                break
            if settled is None:
                continue  # the world or the session changed under this answer: run it again
            decision = settled.decision
            if decision is not None:
                request.decision = decision
                if not decision.allowed and refused_status == 429:
                    response = vendor.render_error(vendor.rate_limited(decision), request)
            break
        else:
            response = vendor.render_error(StateUnavailable("Service Unavailable"), request)
        decision = request.decision
        if decision is not None and response.status == 429 and request.controls.code == 429:
            decision = Decision(False, decision.limit, 0, decision.reset_after)
        vendor.decorate(response, request, decision or self._idle.peek(""))
        await send_response(send, response, head=request.method == "HEAD")

    async def attempt(self, request: Request, early: Exception | None) -> tuple[Response, int]:
        """The answer from the cached view, and the status it has if the limiter refuses it.

        Authentication, Prefer and faults run as in the in-process lane; the limiter's verdict
        comes with the commit, so the handler runs first and its answer is dropped (with its
        writes) when the bucket turns out to be empty.
        """
        if early is not None:
            return self.failure(early, request), 429
        refused = 429
        try:
            route, values = self.router.resolve(request.method, self.route_path(request.path))
            request.caller = self.vendor.authenticate(request)
            code = request.controls.code
            if code is not None and code != 200:
                error = self.forced(code, request, route.errors)
                refused = error.status  # a forced answer is given whatever the bucket says
                raise error
            rate = self.state.settings.fault_rate
            fault_rng = request.session.fault_rng
            if rate and fault_rng.random() < rate:
                raise self.forced(fault_rng.choice(_FAULT_STATUSES), request, route.errors)
            result = route.call(request, values)
            if route.is_async:
                result = await result
            if result.__class__ is bytes:
                return Response(route.status, result), refused
            return self.respond(result, route.status), refused
        except Exception as error:
            return self.failure(error, request), refused

    def delay(self, request: Request, rng: Any) -> int | None:
        """The forced or configured latency of this answer, in milliseconds."""
        delay_ms = request.controls.latency_ms
        if delay_ms is None and self._latency is not None:
            low, high = self._latency
            delay_ms = low if high == low else rng.randint(low, high)
        return delay_ms

    def journal_head(
        self, request: Request, head: Callable[[dict[str, Any]], bytes]
    ) -> tuple[bytes, int]:
        """The request's journal entry (masked, bounded) without its outcome, and its charge.

        The charge is what the in-process journal counts for the entry (its byte cap).
        """
        entry, size = bounded(
            Entry(
                time.time(),
                self.name,
                request.method,
                request.path,
                request.query,
                # A copy: the handler may run again and must see the credentials.
                masked(dict(request.headers), self.state.secret_headers),
                request.body,
                0,
                0.0,
            )
        )
        return head(entry.as_dict()), size
