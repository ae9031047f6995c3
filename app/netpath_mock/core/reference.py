"""The reference lane: FastAPI's own execution of the vendor routers, around the same stages.

`reference_app(spec)` is a FastAPI app built from the vendor's routers: Starlette routes the
request (with the same path regexes as the compiled lane), FastAPI solves the dependencies and
validates the parameters, and exception handlers render every failure through the vendor. It
also generates the vendor's OpenAPI document.

`ReferencePipeline` serves a vendor through that app, with the pipeline's own stages before
(session, body, controls) and after (vendor headers, latency, journal) it. The differential test
(tests/contract/test_differential.py) holds it to the compiled lane's bytes; `create_app(...,
reference=True)` serves it.
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import Depends, FastAPI
from fastapi import Request as FastAPIRequest
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response as StarletteResponse
from starlette.types import Receive as StarletteReceive
from starlette.types import Scope as StarletteScope
from starlette.types import Send as StarletteSend

from netpath_mock.core.errors import (
    InvalidParameters,
    MethodNotAllowed,
    MockError,
    RouteNotFound,
)
from netpath_mock.core.http import (
    JSON_CT,
    ClientDisconnected,
    Message,
    Receive,
    Request,
    Response,
    Scope,
    Send,
)
from netpath_mock.core.pipeline import VendorPipeline
from netpath_mock.core.routing import (
    PIPELINE_KEY,
    REQUEST_KEY,
    iter_routes,
    operation_errors,
    route_regex,
)
from netpath_mock.core.state import MockState
from netpath_mock.core.vendor import VendorSpec

_FRAMED = frozenset({b"content-type", b"content-length"})


async def _gate(request: FastAPIRequest) -> None:
    """Auth, limit, Prefer and faults before any other dependency (as the compiled lane)."""
    ctx: Request = request.scope[REQUEST_KEY]
    if ctx.caller is None:
        route = request.scope.get("route")
        errors = operation_errors(route) if isinstance(route, APIRoute) else {}
        request.scope[PIPELINE_KEY].gate(ctx, errors)


class _Rendered(StarletteResponse):
    """A core Response sent as-is (content-type and length are the pipeline's to add)."""

    def __init__(self, response: Response) -> None:
        self.response = response
        self.background = None

    async def __call__(
        self, scope: StarletteScope, receive: StarletteReceive, send: StarletteSend
    ) -> None:
        """Send status, headers and body."""
        response = self.response
        start = {"type": "http.response.start", "status": response.status}
        headers = [*response.headers, (b"content-type", response.content_type)]
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": response.body})


def _failure(request: FastAPIRequest, error: Exception) -> _Rendered:
    pipeline: VendorPipeline = request.scope[PIPELINE_KEY]
    return _Rendered(pipeline.failure(error, request.scope[REQUEST_KEY]))


async def _on_mock_error(request: FastAPIRequest, exc: Exception) -> StarletteResponse:
    return _failure(request, exc)


async def _on_invalid(request: FastAPIRequest, exc: Exception) -> StarletteResponse:
    assert isinstance(exc, RequestValidationError)
    return _failure(request, InvalidParameters([dict(error) for error in exc.errors()]))


async def _on_http(request: FastAPIRequest, exc: Exception) -> StarletteResponse:
    assert isinstance(exc, StarletteHTTPException)
    error: MockError
    if exc.status_code == 404:
        error = RouteNotFound()
    elif exc.status_code == 405:
        error = MethodNotAllowed()
    else:
        error = MockError(str(exc.detail), status=exc.status_code)
    return _failure(request, error)


async def _on_bug(request: FastAPIRequest, exc: Exception) -> StarletteResponse:
    return _failure(request, exc)


def reference_app(spec: VendorSpec) -> FastAPI:
    """A FastAPI app of the vendor's routers, at their own paths (OpenAPI included)."""
    app = FastAPI(
        title=spec.title,
        description=spec.description,
        version="1.0.0",
        servers=[{"url": spec.base_url}],
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    # The vendors answer a trailing slash like any unknown path, never with a redirect.
    app.router.redirect_slashes = False
    for declared in iter_routes(spec.routers):
        # Added one by one (not include_router) so each is a plain APIRoute of this app whose
        # matching we set: the path patterns are part of routing, as in the compiled lane.
        app.router.add_api_route(
            declared.path,
            declared.endpoint,
            response_model=declared.response_model,
            status_code=declared.status_code,
            tags=declared.tags,
            # The gate first: auth, limit, Prefer and faults precede every other dependency.
            dependencies=[Depends(_gate), *declared.dependencies],
            summary=declared.summary,
            description=declared.description,
            response_description=declared.response_description,
            responses=declared.responses,
            deprecated=declared.deprecated,
            methods=declared.methods,
            operation_id=declared.operation_id,
            include_in_schema=declared.include_in_schema,
            response_class=declared.response_class,
            name=declared.name,
            openapi_extra=declared.openapi_extra,
            route_class_override=type(declared),
        )
        route = app.router.routes[-1]
        assert isinstance(route, APIRoute)
        route.path_regex = route_regex(route)[0]
    app.add_exception_handler(MockError, _on_mock_error)
    app.add_exception_handler(RequestValidationError, _on_invalid)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(Exception, _on_bug)
    return app


class ReferencePipeline(VendorPipeline):
    """A vendor served by FastAPI's execution of its routers (the tested reference)."""

    def __init__(self, spec: VendorSpec, state: MockState) -> None:
        super().__init__(spec, state)
        self.app = reference_app(spec)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one HTTP request."""
        started = time.perf_counter()
        request = self.begin(scope)
        try:
            await self.prepare(request, receive)
            response = await self._run(scope, request)
        except ClientDisconnected:
            return  # nobody to answer
        except Exception as error:  # every failure answers in the vendor's shape
            response = self.failure(error, request)
        await self.finish(request, response, send, started)

    async def _run(self, scope: Scope, request: Request) -> Response:
        inner: dict[str, Any] = dict(scope)
        inner["path"] = self.route_path(request.path)
        inner["root_path"] = ""
        # HEAD is GET without a body (finish() drops it), as in the compiled lane.
        inner["method"] = "GET" if request.method == "HEAD" else request.method
        inner[REQUEST_KEY] = request
        inner[PIPELINE_KEY] = self
        body = request.body

        async def replay() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        status: int | None = None
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        content_type = JSON_CT[1]

        async def capture(message: Message) -> None:
            nonlocal status, content_type
            if message["type"] == "http.response.start":
                status = message["status"]
                for raw_name, raw_value in message.get("headers", []):
                    name = bytes(raw_name).lower()
                    if name == b"content-type":
                        content_type = bytes(raw_value)  # e.g. a capture's application/zip
                    elif name not in _FRAMED:
                        headers.append((bytes(raw_name), bytes(raw_value)))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        try:
            await self.app(inner, replay, capture)
        except Exception:
            # Starlette re-raises a handled 500 after sending it: keep what was sent.
            if status is None:
                raise
        if status is None:
            raise RuntimeError("the reference app sent no response")
        return Response(status, b"".join(chunks), headers, content_type=content_type)
