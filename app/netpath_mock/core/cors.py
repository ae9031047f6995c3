"""CORS for browser prototypes, answered without leaving the vendors' shapes.

Starlette's CORSMiddleware answers preflights itself with text/plain bodies ("OK", "Disallowed
CORS origin") and adds `Vary: Origin` to every answer, neither of which the vendors send. Here a
request without Origin passes untouched; an allowed origin's preflight gets an empty 204; an
allowed origin's request gets the CORS headers on the vendor's own answer; anything else (a
disallowed origin) reaches the vendor as an ordinary request and gets the vendor's answer.

`*` opens the vendor paths only: the control plane (the journal, reset) is reachable from a
browser page only when its origin is listed by name (see core/admin.py, which also refuses
cross-origin requests that need no preflight).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from netpath_mock.core.http import ASGIApp, Message, Receive, Scope, Send

ALLOWED_METHODS = b"DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"
MAX_AGE = b"600"


class CorsGate:
    """Wraps an ASGI app with CORS for the configured origins ('*' for any)."""

    def __init__(
        self,
        app: ASGIApp,
        origins: Iterable[str],
        expose: Iterable[str],
        public: Callable[[str], bool] = lambda path: True,
    ) -> None:
        self.app = app
        allowed = list(origins)
        self.any_origin = "*" in allowed
        self.origins = {origin.encode("ascii") for origin in allowed if origin != "*"}
        self.expose = ", ".join(expose).encode()
        self.public = public

    def allowed(self, origin: bytes, path: str = "/") -> bool:
        """Whether a browser page from `origin` may call `path` (`*` covers public paths only)."""
        return origin in self.origins or (self.any_origin and self.public(path))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass through, answer a preflight, or add CORS headers to the app's answer."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        origin = None
        for name, value in scope["headers"]:  # every request: one comparison a header
            if name == b"origin":
                origin = value
        if origin is None or not self.allowed(origin, scope["path"]):
            await self.app(scope, receive, send)
            return
        requested_method = None
        requested_headers = b""
        for name, value in scope["headers"]:
            if name == b"access-control-request-method":
                requested_method = value
            elif name == b"access-control-request-headers":
                requested_headers = value
        allow_origin = origin if origin in self.origins or not self.any_origin else b"*"
        if scope["method"] == "OPTIONS" and requested_method is not None:
            headers = [
                (b"access-control-allow-origin", allow_origin),
                (b"access-control-allow-methods", ALLOWED_METHODS),
                (b"access-control-max-age", MAX_AGE),
                (b"vary", b"Origin"),
                (b"content-length", b"0"),
            ]
            if requested_headers:
                headers.append((b"access-control-allow-headers", requested_headers))
            await send({"type": "http.response.start", "status": 204, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        extra = [
            (b"access-control-allow-origin", allow_origin),
            (b"access-control-expose-headers", self.expose),
            (b"vary", b"Origin"),
        ]

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_cors)
