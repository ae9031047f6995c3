"""The /_mock control plane: health, reset, the request journal, the catalog and the API docs.

Every call acts on the session named by X-Mock-Session (the default session without it). When
MOCK_ADMIN_TOKEN is set, every call but /_mock/health needs `Authorization: Bearer <token>`, and
the documents and the docs page are off. /_mock/openapi/<vendor>.json is each vendor's OpenAPI
(generated from its routers); /_mock/docs shows them and the control plane's own in Swagger UI,
served from the installed swagger-ui-bundle-v2 package (no CDN: it works offline).

`ControlGate` checks, before FastAPI reads anything, what must not depend on a body: that a
browser page calling from another origin is one listed by name in MOCK_CORS_ORIGINS (`*` opens
the vendor paths only; a cross-origin POST needs no preflight, so CORS headers alone would not
stop a page from resetting the server), the admin token, and the body's size (MAX_CONTROL_BODY).
"""

import os
import secrets
import time
from collections.abc import Callable, Iterable
from functools import cache
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from netpath_mock.core.backend import StateUnavailable, filter_entries
from netpath_mock.core.errors import MockError
from netpath_mock.core.http import (
    ASGIApp,
    BodyTooLarge,
    ClientDisconnected,
    Message,
    Receive,
    Scope,
    Send,
    read_body,
)
from netpath_mock.core.state import MockState, session_key

CatalogFn = Callable[[int, int], list[dict[str, Any]]]
# vendor -> (title, mount under which its paths are served here, document builder)
VendorDocs = dict[str, tuple[str, str, Callable[[], dict[str, Any]]]]
MAX_CATALOG = 100_000
DOCS_STATIC = "/_mock/docs/static"
MAX_CONTROL_BODY = 64 * 1024  # the reset body is a few bytes; nothing else takes one
HEALTH_PATH = "/_mock/health"
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _json(status: int, message: str, *, close: bool = False) -> tuple[Message, Message]:
    body = orjson.dumps({"error": {"status": status, "message": message}})
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    if close:
        # The body was not read: close rather than receive it only to discard it.
        headers.append((b"connection", b"close"))
    return (
        {"type": "http.response.start", "status": status, "headers": headers},
        {"type": "http.response.body", "body": body},
    )


class ControlGate:
    """Origin, admin token and body size of control-plane requests, checked before any read."""

    def __init__(
        self, app: ASGIApp, state: MockState, origins: Iterable[str], *, health: str = HEALTH_PATH
    ) -> None:
        self.app = app
        token = state.settings.admin_token
        self.expected = f"Bearer {token.get_secret_value()}".encode() if token else None
        # `*` is not a name: it never opens the control plane to arbitrary pages.
        self.origins = frozenset(o.encode("ascii") for o in origins if o != "*")
        self.health = health

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse, or pass on with the body read (and bounded) ahead of FastAPI."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        origin = authorization = length = None
        for name, value in scope["headers"]:
            if name == b"origin":
                origin = value
            elif name == b"authorization":
                authorization = value
            elif name == b"content-length":
                length = value
        path: str = scope["path"]
        refusal = None
        if path != self.health and origin is not None and origin not in self.origins:
            refusal = _json(
                403,
                "the control plane refuses cross-origin browser requests; list the page's origin "
                "in MOCK_CORS_ORIGINS by name ('*' opens the vendor paths only)",
                close=True,
            )
        elif (
            self.expected is not None
            and path != self.health
            and (authorization is None or not secrets.compare_digest(authorization, self.expected))
        ):
            refusal = _json(
                401, "the control plane needs Authorization: Bearer <MOCK_ADMIN_TOKEN>", close=True
            )
        if refusal is not None:
            for message in refusal:
                await send(message)
            return
        if scope["method"] in _BODY_METHODS:
            try:
                body = await read_body(
                    receive, MAX_CONTROL_BODY, declared=length.decode("latin-1") if length else None
                )
            except BodyTooLarge:
                for message in _json(
                    413, f"request body over {MAX_CONTROL_BODY} bytes", close=True
                ):
                    await send(message)
                return
            except ClientDisconnected:
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that hands over `body` once, then waits on the real one (for a disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


class ControlError(Exception):
    """An error of the control plane, rendered as {"error": {"status", "message"}}."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


class ResetRequest(BaseModel):
    """Body of POST /_mock/reset (optional)."""

    model_config = ConfigDict(extra="forbid")

    seed: int | None = Field(default=None, ge=0, lt=2**63, description="Switch to this seed.")
    all_sessions: bool = Field(default=False, description="Reset every session, not just this one.")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


def docs_page(vendors: VendorDocs) -> str:
    """The Swagger UI page listing every vendor's document and the control plane's."""
    urls = [
        {"url": f"/_mock/openapi/{name}.json", "name": title}
        for name, (title, _, _) in vendors.items()
    ]
    urls.append({"url": "/_mock/openapi.json", "name": "netpath-mock control plane"})
    config = {
        "urls": urls,
        "dom_id": "#swagger-ui",
        "deepLinking": True,
        "layout": "StandaloneLayout",
        # No call to the public validator service: the page works offline.
        "validatorUrl": None,
    }
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>netpath-mock API docs</title>
<link rel="stylesheet" href="{DOCS_STATIC}/swagger-ui.css">
<link rel="icon" type="image/png" href="{DOCS_STATIC}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{DOCS_STATIC}/swagger-ui-bundle.js"></script>
<script src="{DOCS_STATIC}/swagger-ui-standalone-preset.js"></script>
<script>
const config = {orjson.dumps(config).decode()};
config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset];
window.ui = SwaggerUIBundle(config);
</script>
</body>
</html>
"""


def create_control_app(
    state: MockState,
    catalogs: dict[str, CatalogFn],
    vendors: VendorDocs | None = None,
    kinds: dict[str, dict[str, CatalogFn]] | None = None,
) -> ControlGate:
    """The /_mock control plane (documents and docs page included) behind its gate."""
    return ControlGate(
        create_control_api(state, catalogs, vendors, kinds), state, state.settings.cors_origins
    )


def create_control_api(
    state: MockState,
    catalogs: dict[str, CatalogFn],
    vendors: VendorDocs | None = None,
    kinds: dict[str, dict[str, CatalogFn]] | None = None,
) -> FastAPI:
    """The FastAPI app behind /_mock (the gate has checked origin, token and body size)."""
    guarded = state.settings.admin_token is not None
    vendors = vendors or {}
    app = FastAPI(
        title="netpath-mock control plane",
        docs_url=None,
        redoc_url=None,
        # With an admin token the documents and docs are off: they would describe an API the
        # caller may not use, and the page cannot carry the token itself.
        openapi_url=None if guarded else "/_mock/openapi.json",
    )

    def session_name(x_mock_session: Annotated[str | None, Header()] = None) -> str:
        try:
            return session_key(x_mock_session)
        except MockError as exc:
            raise ControlError(400, exc.message) from exc

    backend = state.backend
    Session = Annotated[str, Depends(session_name)]
    router = APIRouter(prefix="/_mock")
    # Health stays open even with an admin token: container and orchestrator probes carry none.
    open_router = APIRouter(prefix="/_mock")

    @open_router.get("/health", response_model=None)
    async def health(
        probe: Literal["liveness", "readiness"] = "readiness",
    ) -> dict[str, Any] | JSONResponse:
        """Seed, fixtures loaded, strict mode, state mode, sessions and uptime.

        503 when the state store is unreachable; `?probe=liveness` answers 200 while this
        process serves, whatever the store does (an orchestrator restarting the replica would
        not bring the store back).
        """
        if probe == "liveness":
            return {"status": "ok", "process": os.getpid()}
        try:
            await backend.current_seed()  # adopts a seed switch made through another worker
            sessions = await backend.session_count()
        except StateUnavailable:
            # Readiness probes take a replica out of rotation while its store is gone.
            return JSONResponse(
                {"status": "unavailable", "state": state.describe()["state"]}, status_code=503
            )
        return {
            "status": "ok",
            **state.describe(),
            "vendors": sorted(catalogs),
            "sessions": sessions,
            "uptime_s": round(time.time() - state.started, 3),
            "process": os.getpid(),  # which worker or replica answered
        }

    @router.post("/reset")
    async def reset(session: Session, body: ResetRequest | None = None) -> dict[str, Any]:
        """Clear this session's journal, rate-limit buckets and stores (or every session's).

        With a new seed every session is cleared. When the answer arrives, every worker and
        replica sharing the state serves the new state.
        """
        body = body or ResetRequest()
        before = await backend.current_seed()
        reseeded = body.seed is not None and body.seed != before
        seed = await backend.reset(None if body.all_sessions else session, seed=body.seed)
        # A new seed is a new universe: every session is reset with it.
        scope = "all" if body.all_sessions or reseeded else session
        return {"reset": scope, "seed": seed}

    @router.get("/requests")
    async def list_requests(
        session: Session,
        vendor: str | None = None,
        method: str | None = None,
        path: str | None = None,
    ) -> dict[str, Any]:
        """The session's recorded vendor requests, oldest first, credentials masked."""
        entries = await backend.journal(session)
        found = filter_entries(entries, vendor=vendor, method=method, path=path)
        return {"session": session, "requests": found}

    @router.delete("/requests")
    async def clear_requests(session: Session) -> dict[str, Any]:
        """Empty the session's journal."""
        await backend.clear_journal(session)
        return {"session": session, "cleared": True}

    @router.get("/catalog")
    async def catalog(
        vendor: str,
        limit: Annotated[int, Query(ge=1, le=MAX_CATALOG)] = 10,
        kind: str | None = None,
    ) -> dict[str, Any]:
        """Existing resources of a vendor's universe, as the catalog command prints them.

        `kind` picks a kind of id where the vendor lists several (Cloudflare: results, tests,
        devices); without it, the vendor's default list.
        """
        if vendor not in catalogs:
            raise ControlError(400, f"vendor must be one of {sorted(catalogs)}")
        listing = catalogs[vendor]
        if kind is not None:
            by_kind = (kinds or {}).get(vendor, {})
            if kind not in by_kind:
                raise ControlError(400, f"kind must be one of {sorted(by_kind)} for {vendor}")
            listing = by_kind[kind]
        seed = await backend.current_seed()
        items = await run_in_threadpool(listing, seed, limit)  # up to 100 000 items
        return {"vendor": vendor, "seed": seed, "items": items}

    app.include_router(open_router)
    app.include_router(router)
    if not guarded:
        _add_docs(app, vendors)

    @app.exception_handler(ControlError)
    async def _control(_: Request, exc: ControlError) -> JSONResponse:
        return _error(exc.status, exc.message)

    @app.exception_handler(StateUnavailable)
    async def _unavailable(_: Request, exc: StateUnavailable) -> JSONResponse:
        return _error(503, f"the state store is unavailable: {exc.message}")

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _error(400, f"{where}: {first.get('msg')}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    return app


def _add_docs(app: FastAPI, vendors: VendorDocs) -> None:
    from swagger_ui_bundle import swagger_ui_path

    @cache
    def document(name: str) -> dict[str, Any]:
        return vendors[name][2]()

    docs = APIRouter(prefix="/_mock", include_in_schema=False)

    @docs.get("/openapi/{vendor}.json")
    def vendor_openapi(vendor: str, request: Request) -> Response:
        """A vendor's OpenAPI, with this server first among its servers (for "Try it out")."""
        if vendor not in vendors:
            raise ControlError(404, f"vendor must be one of {sorted(vendors)}")
        here = str(request.base_url).rstrip("/") + vendors[vendor][1]
        served = {**document(vendor)}
        served["servers"] = [{"url": here, "description": "this netpath-mock"}] + [
            {**server, "description": "the real API"} for server in served.get("servers", [])
        ]
        return Response(orjson.dumps(served), media_type="application/json")

    @docs.get("/docs")
    def docs_html() -> HTMLResponse:
        """Swagger UI over both vendors and the control plane."""
        return HTMLResponse(docs_page(vendors))

    app.include_router(docs)
    app.mount(DOCS_STATIC, StaticFiles(directory=str(swagger_ui_path)), name="docs-static")
