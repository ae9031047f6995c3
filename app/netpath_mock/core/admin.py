"""The /_mock control plane: health, reset, the journal, the catalog, scenarios, docs, explorer.

Every call acts on the session named by X-Mock-Session (the default session without it). When
MOCK_ADMIN_TOKEN is set, every call but /_mock/health needs `Authorization: Bearer <token>`, and
the documents and the docs page are off. /_mock/openapi/<vendor>.json is each vendor's OpenAPI
(generated from its routers); /_mock/docs shows them and the control plane's own in Swagger UI,
served from the installed swagger-ui-bundle-v2 package (no CDN: it works offline).

`ControlGate` checks, before FastAPI reads anything, what must not depend on a body: that a
browser page calling from another origin is one listed by name in MOCK_CORS_ORIGINS (`*` opens
the vendor paths only; a cross-origin POST needs no preflight, so CORS headers alone would not
stop a page from resetting the server), the admin token, and the body's size (MAX_CONTROL_BODY).

/_mock/ui is the explorer (netpath_mock/ui): a static page, served without the admin token (it
holds no data; it asks for the token and sends it on every call), and `/` redirects there. Its own
calls come from the server's own origin, which the gate lets through when the server is addressed
by an IP literal or `localhost` (a DNS name could be rebound to this host by another site).
/_mock/scenarios lists the named path scenarios (`Prefer: example=<name>`) and the operations
that answer them.
"""

import ipaddress
import os
import secrets
import time
from collections.abc import Callable, Iterable
from functools import cache
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
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
from netpath_mock.netmodel.scenarios import SCENARIOS
from netpath_mock.ui import STATIC_DIR, index_html

CatalogFn = Callable[[int, int], list[dict[str, Any]]]
# vendor -> (title, mount under which its paths are served here, document builder)
VendorDocs = dict[str, tuple[str, str, Callable[[], dict[str, Any]]]]
# vendor -> the operations that answer named scenarios ({"method", "path", "operation_id"})
ScenarioOperations = dict[str, list[dict[str, str]]]
MAX_CATALOG = 100_000
DOCS_STATIC = "/_mock/docs/static"
UI_PATH = "/_mock/ui"
MAX_CONTROL_BODY = 64 * 1024  # the reset body is a few bytes; nothing else takes one
HEALTH_PATH = "/_mock/health"
# Static, data-free pages any browser may load without the admin token (GET/HEAD only).
OPEN_PAGES = frozenset({"/", UI_PATH, UI_PATH + "/"})
OPEN_PREFIX = UI_PATH + "/static/"
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
        origin = authorization = length = host = None
        for name, value in scope["headers"]:
            if name == b"origin":
                origin = value
            elif name == b"authorization":
                authorization = value
            elif name == b"content-length":
                length = value
            elif name == b"host":
                host = value
        path: str = scope["path"]
        # The explorer's page and files hold no data: any browser may load them, token or not.
        free = path == self.health or (
            scope["method"] in ("GET", "HEAD")
            and (path in OPEN_PAGES or path.startswith(OPEN_PREFIX))
        )
        refusal = None
        if (
            not free
            and origin is not None
            and origin not in self.origins
            and not same_origin(origin, host)
        ):
            refusal = _json(
                403,
                "the control plane refuses cross-origin browser requests; list the page's origin "
                "in MOCK_CORS_ORIGINS by name ('*' opens the vendor paths only)",
                close=True,
            )
        elif (
            self.expected is not None
            and not free
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


def same_origin(origin: bytes, host: bytes | None) -> bool:
    """Whether a browser page of `origin` is this server's own (the explorer), safely.

    Only when the request addresses the server by an IP literal or `localhost`: a page of a DNS
    name could have had that name rebound to this host (DNS rebinding), and would then look
    same-origin. A server reached by a DNS name lists its origin in MOCK_CORS_ORIGINS instead.
    """
    if host is None or origin not in (b"http://" + host, b"https://" + host):
        return False
    name = host.decode("latin-1").lower()
    if name.startswith("["):  # [IPv6]:port
        name = name[1 : name.find("]")] if "]" in name else name
    else:
        name = name.rsplit(":", 1)[0] if name.count(":") == 1 else name
    if name == "localhost":
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


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
    scenario_operations: ScenarioOperations | None = None,
) -> ControlGate:
    """The /_mock control plane (documents, docs page and explorer included) behind its gate."""
    return ControlGate(
        create_control_api(state, catalogs, vendors, kinds, scenario_operations),
        state,
        state.settings.cors_origins,
    )


def create_control_api(
    state: MockState,
    catalogs: dict[str, CatalogFn],
    vendors: VendorDocs | None = None,
    kinds: dict[str, dict[str, CatalogFn]] | None = None,
    scenario_operations: ScenarioOperations | None = None,
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
            # The universe's "now": generated runs end before it (clients pick windows by it).
            "epoch": state.settings.epoch.isoformat().replace("+00:00", "Z"),
            # Whether the rest of /_mock needs Authorization: Bearer <MOCK_ADMIN_TOKEN>.
            "admin_token_required": guarded,
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

    @router.get("/scenarios")
    def scenarios() -> dict[str, Any]:
        """The named path scenarios (`Prefer: example=<name>`) and the operations answering them."""
        return {
            "scenarios": [{"name": s.name, "summary": s.summary} for s in SCENARIOS],
            "operations": scenario_operations or {},
        }

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
    _add_ui(app)
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


def _add_ui(app: FastAPI) -> None:
    """The explorer: its page, its static modules, and `/` redirecting to it."""
    ui = APIRouter(include_in_schema=False)

    @ui.get("/")
    def root() -> RedirectResponse:
        """The explorer is the server's front page."""
        return RedirectResponse(UI_PATH, status_code=307)

    @ui.get(UI_PATH)
    @ui.get(UI_PATH + "/")
    def explorer() -> HTMLResponse:
        """The explorer page (static; it reads everything through the vendor APIs and /_mock)."""
        return HTMLResponse(index_html(), headers={"Cache-Control": "no-cache"})

    app.include_router(ui)
    app.mount(UI_PATH + "/static", StaticFiles(directory=str(STATIC_DIR)), name="ui-static")
