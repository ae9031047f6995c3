"""create_app(settings) -> the ASGI app: vendor pipelines at their real base paths, /_mock beside.

Routing is by path prefix, the way the vendors' hosts split it: each registered vendor
(netpath_mock.vendors.REGISTRY) names the prefixes it owns; everything else is the control plane.
A CORS gate covers the whole app so browser prototypes can call every vendor.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

import orjson

from netpath_mock.core.admin import CatalogFn, VendorDocs, create_control_app
from netpath_mock.core.cors import CorsGate
from netpath_mock.core.credentials import ConfigError, load_credentials
from netpath_mock.core.errors import MockError
from netpath_mock.core.fixtures import load_fixtures
from netpath_mock.core.http import JSON_CT, ASGIApp, Receive, Request, Scope, Send
from netpath_mock.core.pipeline import SharedPipeline, VendorPipeline
from netpath_mock.core.routing import scenario_operations
from netpath_mock.core.settings import Settings, get_settings
from netpath_mock.core.state import MockState
from netpath_mock.core.vendor import VendorSpec
from netpath_mock.vendors import REGISTRY

log = logging.getLogger("netpath_mock")


def exposed_headers(specs: Sequence[VendorSpec] = REGISTRY) -> list[str]:
    """Headers a browser may read from a vendor answer (CORS hides all but the simple ones)."""
    return list(dict.fromkeys(name for spec in specs for name in spec.exposed_headers))


def catalogs_for(
    settings: Settings, specs: Sequence[VendorSpec] = REGISTRY
) -> dict[str, CatalogFn]:
    """Each vendor's catalog function (seed, limit) -> items, bound to the settings."""

    def bind(spec: VendorSpec) -> CatalogFn:
        return lambda seed, limit: spec.catalog(settings, seed, limit)

    return {spec.name: bind(spec) for spec in specs}


# VendorSpec.extra key: {kind: Catalog}, the kinds of ids a vendor lists beyond its default.
CATALOG_KINDS = "catalog_kinds"


def catalog_kinds_for(
    settings: Settings, specs: Sequence[VendorSpec] = REGISTRY
) -> dict[str, dict[str, CatalogFn]]:
    """Each vendor's catalog function per kind of id (`?kind=` / `--kind`), bound to settings."""

    def bind(catalog: Any) -> CatalogFn:
        return lambda seed, limit: catalog(settings, seed, limit)

    return {
        spec.name: {kind: bind(fn) for kind, fn in spec.extra.get(CATALOG_KINDS, {}).items()}
        for spec in specs
    }


def scenario_operations_for(
    specs: Sequence[VendorSpec] = REGISTRY,
) -> dict[str, list[dict[str, str]]]:
    """Each vendor's operations that answer named path scenarios, paths as served (mounted)."""
    out: dict[str, list[dict[str, str]]] = {}
    for spec in specs:
        mount = spec.mounts[0] if spec.mounts else ""
        out[spec.name] = [
            {**op, "path": mount + op["path"]} for op in scenario_operations(spec.routers)
        ]
    return out


def vendor_docs(specs: Sequence[VendorSpec] = REGISTRY) -> VendorDocs:
    """Each vendor's docs entry: title, where this server serves it, its OpenAPI builder."""

    def build(spec: VendorSpec) -> Callable[[], dict[str, Any]]:
        def document() -> dict[str, Any]:
            from netpath_mock.core.openapi import vendor_openapi

            return vendor_openapi(spec)

        return document

    return {
        spec.name: (spec.title, spec.mounts[0] if spec.mounts else "", build(spec))
        for spec in specs
    }


class Dispatcher:
    """Sends each request to the vendor that owns its path prefix; the rest to /_mock."""

    def __init__(
        self,
        vendors: Sequence[tuple[VendorSpec, ASGIApp]],
        control: ASGIApp,
        state: MockState,
    ) -> None:
        self.vendors = tuple(vendors)
        self.control = control
        self.state = state  # tests and the pytest plugin reach the state as `app.state`
        # VendorSpec.owns of every vendor as one regex: group i+1 matches for vendor i.
        alternatives = (
            "|".join(
                [re.escape(prefix) for prefix in spec.prefixes]
                + [re.escape(mount) + r"\Z" for mount in spec.mounts if mount]
            )
            for spec, _ in self.vendors
        )
        self._owner = re.compile("|".join(f"({a})" for a in alternatives)).match
        self._apps = tuple(app for _, app in self.vendors)

    def owner(self, path: str) -> ASGIApp | None:
        """The vendor app serving `path`, or None for the control plane's paths."""
        match = self._owner(path)
        return None if match is None else self._apps[match.lastindex - 1]  # type: ignore[operator]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Route one ASGI event."""
        if scope["type"] == "http":
            match = self._owner(scope["path"])
            if match is not None:
                await self._apps[match.lastindex - 1](scope, receive, send)  # type: ignore[operator]
                return
        await self.control(scope, receive, send)


class NetpathMock:
    """The served app: CORS around the dispatcher (see netpath_mock.core.cors)."""

    def __init__(self, dispatcher: Dispatcher, settings: Settings) -> None:
        self.dispatcher = dispatcher
        self.state = dispatcher.state
        # `*` opens the vendors' paths only, never the control plane's (core/admin.py).
        # Without configured origins the gate passes everything through: leave it out.
        self._app: ASGIApp = (
            CorsGate(
                dispatcher,
                settings.cors_origins,
                exposed_headers(),
                public=lambda path: dispatcher.owner(path) is not None,
            )
            if settings.cors_origins
            else dispatcher
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI event (the lifespan here: the state backend's connections)."""
        if scope["type"] == "lifespan":
            await self.lifespan(receive, send)
            return
        await self._app(scope, receive, send)

    async def lifespan(self, receive: Receive, send: Send) -> None:
        """Start-up: nothing to do; shutdown: close the state backend's connections."""
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.state.backend.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    def http_refusal(
        self, target: bytes, status: int, message: str
    ) -> tuple[list[tuple[bytes, bytes]], bytes]:
        """Headers and body of a refusal by the HTTP layer (core/guard.py).

        In the shape of the vendor that owns `target`'s path: a 431 is still the vendor's JSON.
        """
        path = target.split(b"?", 1)[0].decode("latin-1")
        owner = self.dispatcher.owner(path)
        vendor = getattr(owner, "vendor", None)
        if vendor is None:
            body = orjson.dumps({"error": {"status": status, "message": message}})
            return [JSON_CT], body
        response = vendor.render_error(
            MockError(message, status=status), Request("GET", path, "", {})
        )
        return [(b"content-type", response.content_type), *response.headers], response.body


def build_state(settings: Settings, specs: Sequence[VendorSpec] = REGISTRY) -> MockState:
    """Load fixtures and credentials (raising ConfigError on a bad file) into a fresh state."""
    # Only a folder the user named is loaded: a project's own ./fixtures is none of our business.
    fixtures = load_fixtures(
        settings.fixtures_dir, {spec.name: spec.parse_fixture for spec in specs}
    )
    credentials = None
    if settings.credentials_file:
        sections = {spec.name: spec.credentials_model for spec in specs}
        credentials = load_credentials(settings.credentials_file, sections)
    state = MockState(
        settings,
        fixtures=fixtures,
        credentials=credentials,
        rate_limits={
            spec.name: (spec.rate_limit(settings), spec.aligned_windows) for spec in specs
        },
        secret_headers=frozenset().union(*(spec.secret_headers for spec in specs)),
    )
    if settings.state_url is not None:
        from netpath_mock.core.redis_backend import RedisBackend

        # Connects, checks and joins (or starts) the shared world: ConfigError naming the URL
        # when the store cannot be reached.
        state.backend = RedisBackend(state, settings.state_url.get_secret_value())
    return state


def create_app(settings: Settings | None = None, *, reference: bool = False) -> NetpathMock:
    """The whole mock as one ASGI app.

    `reference=True` serves the vendors through FastAPI's own execution of their routers
    (core.reference) instead of the compiled dispatcher: same answers, slower; for tests.
    """
    settings = settings or get_settings()
    state = build_state(settings)
    control = create_control_app(
        state,
        catalogs_for(settings),
        vendor_docs(),
        catalog_kinds_for(settings),
        scenario_operations_for(),
    )
    lane: type[VendorPipeline] = VendorPipeline
    if reference:
        from netpath_mock.core.reference import ReferencePipeline

        if state.backend.shared:
            raise ConfigError("the reference lane serves the in-process state only")
        lane = ReferencePipeline
    elif state.backend.shared:
        lane = SharedPipeline
    vendors = [(spec, lane(spec, state)) for spec in REGISTRY]
    return NetpathMock(Dispatcher(vendors, control, state), settings)
