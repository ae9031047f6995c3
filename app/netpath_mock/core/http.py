"""The lean ASGI layer vendor traffic runs on: request/response values and body reading.

Vendor endpoints do not go through FastAPI's per-request dependency solving and response
validation: measured on this project's 2-core machine, those cost 4-15x the time of the work
itself (see README, Performance). Vendor packages keep the house roles (routes, auth, errors,
service, generator); only the plumbing under them is this module.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY_BYTES = 1 << 20  # 1 MiB: far above any vendor request body this mock accepts
JSON_CT = (b"content-type", b"application/json")


class BodyTooLarge(Exception):
    """The request body exceeded MAX_BODY_BYTES."""


class ClientDisconnected(Exception):
    """The client went away (or was disconnected) before its request body was complete."""


@dataclass(slots=True, frozen=True)
class Controls:
    """What a request asked of the simulator (Prism's `Prefer` header or `?__code=`).

    `example` is a named path scenario (`Prefer: example=isp-outage`, netmodel.scenarios),
    already checked to be one.
    """

    code: int | None = None
    latency_ms: int | None = None
    example: str | None = None


# What parse_controls gives a request with neither Prefer nor `__` parameters (nearly all of
# them): shared, so those requests skip the parse.
NO_CONTROLS = Controls()


@dataclass(slots=True)
class Request:
    """What a vendor handler sees of one request."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes = b""
    # Filled by the pipeline: the X-Mock-Session state this request acts on, the authenticated
    # caller, the limiter's decision and the request's simulator controls (Prefer).
    session: Any = None
    caller: Any = None
    decision: Any = None
    controls: Controls = NO_CONTROLS


@dataclass(slots=True)
class Response:
    """A complete response: status, body bytes, extra headers and the content type."""

    status: int
    body: bytes
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    # JSON for every vendor answer but file downloads (Cloudflare's capture ZIPs).
    content_type: bytes = JSON_CT[1]


def headers_of(scope: Scope) -> dict[str, str]:
    """Header names lowercased (ASGI already does) and values decoded; repeats joined by ', '."""
    raw = scope["headers"]
    # One comprehension is the per-request fast path; only a request repeating a header (rare)
    # pays for the joining loop.
    out = {name.decode("latin-1"): value.decode("latin-1") for name, value in raw}
    if len(out) == len(raw):
        return out
    out = {}
    for raw_name, raw_value in raw:
        name = raw_name.decode("latin-1")
        value = raw_value.decode("latin-1")
        if name in out:
            out[name] = f"{out[name]}, {value}"
        else:
            out[name] = value
    return out


async def read_body(
    receive: Receive, limit: int = MAX_BODY_BYTES, *, declared: str | None = None
) -> bytes:
    """Read the whole request body, refusing more than `limit` bytes.

    A `declared` Content-Length over the limit is refused before anything is read; a client that
    disconnects mid-body raises ClientDisconnected (there is nobody left to answer).
    """
    if (
        declared is not None
        and declared.isascii()
        and declared.isdigit()
        and (len(declared) > 18 or int(declared) > limit)
    ):
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            raise ClientDisconnected
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def send_response(send: Send, response: Response, *, head: bool = False) -> None:
    """Send `response` as one ASGI message pair."""
    content_type = (
        JSON_CT
        if response.content_type is JSON_CT[1]
        else (
            b"content-type",
            response.content_type,
        )
    )
    headers = [content_type, (b"content-length", b"%d" % len(response.body)), *response.headers]
    await send({"type": "http.response.start", "status": response.status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else response.body})
