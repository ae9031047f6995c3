"""Vendor operations as FastAPI path operations, compiled at start-up into a dispatch table.

Every vendor operation is declared once, as a path operation on an `APIRouter` made by
`vendor_router()`: operationId, summary, typed path and query parameters, documented responses.
Those declarations serve twice:

* `compile_routes` turns them into `CompiledRoute`s held by a `CompiledRouter`: the route regex
  (path constraints included), a dict lookup by segment count and last segment, the query
  parameters' validators and the dependencies' providers, all resolved once. The served hot path
  (core.pipeline) runs these: no per-request dependency solving, no linear scan.
* core.reference builds a FastAPI app from the same routers; FastAPI's own routing, dependency
  solving and validation run them there. The differential test holds both to the same bytes.

What a route function may take (anything else is refused at start-up, so both lanes agree):

* path parameters: `str`, constrained only by `Path(pattern=...)`; the pattern becomes part of the
  route regex, so a malformed id is a routing miss (the vendor's route error), as on the real APIs;
* query parameters: any type and constraint `Query(...)` accepts (aliases such as `from`, lists
  for repeated keys); a missing or bad value is `InvalidParameters`, rendered by the vendor;
* dependencies made here: `caller_dependency(...)` (the authenticated caller, as a `Security`
  alias), `provide(fn)` (a value of the request: session, raw body, parsed body) and
  `service(cls)` (a state-wide service object).

A route returns the body: `bytes` (already serialised, e.g. cached), a pydantic model or plain
JSON data (serialised by the vendor's `encode`), or a core `Response` (own status/headers).
"""

from __future__ import annotations

import copy
import functools
import importlib
import inspect
import operator
import pkgutil
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Security
from fastapi import Request as FastAPIRequest
from fastapi.routing import APIRoute
from fastapi.security.base import SecurityBase
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from starlette.responses import Response as StarletteResponse
from starlette.types import Receive as StarletteReceive
from starlette.types import Scope as StarletteScope
from starlette.types import Send as StarletteSend

from netpath_mock.core.errors import (
    ErrorDoc,
    ErrorEntry,
    InvalidParameters,
    MethodNotAllowed,
    RouteNotFound,
)
from netpath_mock.core.http import Request, Response
from netpath_mock.core.state import Session

T = TypeVar("T")

# Keys of the ASGI scope in the reference lane: the pipeline's Request and the pipeline itself.
REQUEST_KEY = "netpath.request"
PIPELINE_KEY = "netpath.pipeline"
_PROVIDER = "__netpath_provider__"
_OPERATION = "__netpath_operation__"
_SECURITY = "__netpath_security__"
_PARAM = re.compile(r"{([^{}]+)}")


# --- declaring -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Provider:
    """How the compiled lane fills one dependency without FastAPI's solver.

    `per_request`: `get(request)` on every request (request = core.http.Request); otherwise
    `get(state)` once at start-up (a service object). `body`: the request body's model, shown in
    OpenAPI as the operation's requestBody.
    """

    get: Callable[[Any], Any]
    per_request: bool
    body: type[BaseModel] | None = None
    # When `get` only reads an attribute of the request: the compiled call reads it inline.
    attribute: str | None = None
    # A valid body for the differential test: JSON data, or a function of the example ids
    # (a catalog item, e.g. {"public_id": ...}) returning it.
    example: Any = None


def provide(
    get: Callable[[Request], Any],
    *,
    body: type[BaseModel] | None = None,
    example: Any = None,
    attribute: str | None = None,
) -> Any:
    """A dependency whose value is `get(request)` (request: the pipeline's core Request).

    Use it in an `Annotated` alias: ``Caller = Annotated[str, provide(lambda r: r.path)]``.
    It runs after authentication in both lanes. Pass `body=Model` when the value comes from the
    request body, so OpenAPI documents it (parse it with the vendor's own validator in `get`,
    so a bad body answers in the vendor's words, never FastAPI's 422), and `example=` a valid
    body (or a function of the example ids returning one) for the differential test.
    """

    async def dependency(request: FastAPIRequest) -> Any:
        return get(request.scope[REQUEST_KEY])

    provider = Provider(get, per_request=True, body=body, example=example, attribute=attribute)
    setattr(dependency, _PROVIDER, provider)
    return Depends(dependency)


# attrgetter: a C call per request, cheaper than a Python function.
_session: Callable[[Request], Session] = operator.attrgetter("session")
_raw_body: Callable[[Request], bytes] = operator.attrgetter("body")
_current_caller: Callable[[Request], Any] = operator.attrgetter("caller")


# The caller's X-Mock-Session (edits act on its overlay).
CurrentSession = Annotated[Session, provide(_session, attribute="session")]
# The named path scenario the request asked for (`Prefer: example=`, netmodel.scenarios), if any:
# operations that answer a network path apply it, the others never read it.
Scenario = Annotated[
    str | None, provide(operator.attrgetter("controls.example"), attribute="controls.example")
]
# The raw request body, for a service that parses it itself (undocumented in OpenAPI).
RawBody = Annotated[bytes, provide(_raw_body, attribute="body")]


def raw_body(model: type[BaseModel], *, example: Any = None) -> Any:
    """The raw request body (bytes), documented in OpenAPI as `model`; `example` as provide's.

    ``Body = Annotated[bytes, raw_body(SyntheticsNetworkTestEditRequest, example={...})]``.
    """
    return provide(_raw_body, body=model, example=example, attribute="body")


def service(cls: Callable[[Any], T]) -> Any:
    """A dependency giving the state-wide instance of `cls` (built once as ``cls(state)``).

    Use it as ``Paths = Annotated[NetworkPathService, service(NetworkPathService)]``.
    """

    def get(state: Any) -> Any:
        return state.service(cls)

    async def dependency(request: FastAPIRequest) -> Any:
        return get(request.scope[PIPELINE_KEY].state)

    setattr(dependency, _PROVIDER, Provider(get, per_request=False))
    return Depends(dependency)


def caller_dependency(
    *schemes: SecurityBase, requirements: Sequence[Sequence[str]] | None = None
) -> Callable[..., Any]:
    """The authenticated caller, as a dependency to wrap in `Security(...)`.

    `schemes` are FastAPI security objects (`HTTPBearer(auto_error=False)`, `APIKeyHeader(...)`)
    that only document the vendor's credentials in OpenAPI: the vendor's authenticator decides.
    `requirements` are OpenAPI's alternatives, each a group of scheme names sent together
    (default: each scheme alone).
    In the reference lane the dependency runs the pipeline's gate (auth, limit, Prefer, faults)
    if it has not run yet; in the compiled lane the pipeline runs the gate for every route.
    """

    async def gate(request: FastAPIRequest, **_: Any) -> Any:
        ctx: Request = request.scope[REQUEST_KEY]
        if ctx.caller is None:
            route = request.scope.get("route")
            errors = operation_errors(route) if isinstance(route, APIRoute) else {}
            request.scope[PIPELINE_KEY].gate(ctx, errors)
        return ctx.caller

    parameters = [
        inspect.Parameter(
            "request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=FastAPIRequest
        ),
        *(
            inspect.Parameter(
                f"credential_{index}",
                inspect.Parameter.KEYWORD_ONLY,
                annotation=Any,
                default=Security(scheme),  # type: ignore[arg-type]  # a scheme is callable
            )
            for index, scheme in enumerate(schemes)
        ),
    ]
    gate.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    setattr(gate, _PROVIDER, Provider(_current_caller, per_request=True, attribute="caller"))
    if requirements is not None:
        setattr(gate, _SECURITY, tuple(tuple(group) for group in requirements))
    return gate


def operation_errors(route: APIRoute) -> dict[int, ErrorEntry]:
    """The catalogue entries a route documents, by status."""
    out: dict[int, ErrorEntry] = {}
    for status, doc in route.responses.items():
        if isinstance(doc, ErrorDoc) and doc.entry is not None:
            out[int(status)] = doc.entry
    return out


class ResultResponse(StarletteResponse):
    """The reference lane's answer: a route's return value, rendered by the vendor pipeline."""

    def __init__(self, result: Any, route: APIRoute) -> None:
        # No super().__init__: the pipeline renders at send time (it owns `encode`).
        self.result = result
        self.route = route
        self.background = None

    async def __call__(
        self, scope: StarletteScope, receive: StarletteReceive, send: StarletteSend
    ) -> None:
        """Send the result as the compiled lane would have built it."""
        pipeline = scope[PIPELINE_KEY]
        response = pipeline.respond(self.result, self.route.status_code or 200)
        # The content type travels as a header; the pipeline takes it back (core.reference).
        headers = [*response.headers, (b"content-type", response.content_type)]
        await send({"type": "http.response.start", "status": response.status, "headers": headers})
        await send({"type": "http.response.body", "body": response.body})


class VendorRoute(APIRoute):
    """An APIRoute whose endpoint result is rendered by the vendor pipeline (reference lane).

    The declared function stays the operation (`operation_of(route)`); FastAPI calls a wrapper
    with the same signature, so its dependency solving and OpenAPI see the declaration.
    """

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if getattr(endpoint, _OPERATION, None) is None:
            endpoint = _reference_endpoint(endpoint, self)
        super().__init__(path, endpoint, **kwargs)


def _reference_endpoint(operation: Callable[..., Any], route: APIRoute) -> Callable[..., Any]:
    is_async = inspect.iscoroutinefunction(operation)

    @functools.wraps(operation)
    async def endpoint(*args: Any, **kwargs: Any) -> Any:
        result = operation(*args, **kwargs)
        if is_async:
            result = await result
        return ResultResponse(result, route)

    setattr(endpoint, _OPERATION, operation)
    return endpoint


def operation_of(route: APIRoute) -> Callable[..., Any]:
    """The route function as declared (not the reference lane's wrapper)."""
    operation: Callable[..., Any] = getattr(route.endpoint, _OPERATION, route.endpoint)
    return operation


def vendor_router(**kwargs: Any) -> APIRouter:
    """An APIRouter for vendor operations (keyword arguments as APIRouter's)."""
    return APIRouter(route_class=VendorRoute, **kwargs)


def discover_routers(package: str) -> list[APIRouter]:
    """The `router` of every module of `package` (a vendor's routes/), by module name."""
    found: list[APIRouter] = []
    names = sorted(
        info.name for info in pkgutil.iter_modules(importlib.import_module(package).__path__)
    )
    for name in names:
        module = importlib.import_module(f"{package}.{name}")
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
    return found


def iter_routes(routers: Iterable[APIRouter]) -> list[APIRoute]:
    """Every path operation of `routers`, in declaration order."""
    return [route for router in routers for route in router.routes if isinstance(route, APIRoute)]


# --- compiling -----------------------------------------------------------------------------------


class RouteDeclarationError(Exception):
    """A route uses something the compiled dispatcher cannot reproduce exactly."""


def _pattern_of(info: FieldInfo) -> str | None:
    for item in info.metadata:
        pattern = getattr(item, "pattern", None)
        if pattern is not None:
            return str(pattern)
    return None


def _segment_regex(pattern: str | None) -> str:
    if pattern is None:
        return "[^/]+"
    body = pattern.removeprefix("^").removesuffix("$")
    if re.compile(body).groups:
        raise RouteDeclarationError(f"path pattern {pattern!r}: use (?:...) groups only")
    return f"(?:{body})"


def route_regex(route: APIRoute) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The route's full-path regex with each path parameter's pattern inlined, and their names.

    Used by both lanes: compiled routes match with it, and core.reference installs it as the
    Starlette route's `path_regex`, so a malformed id misses the route in both.
    """
    fields = {field.alias: field for field in route.dependant.path_params}
    parts: list[str] = []
    names: list[str] = []
    position = 0
    for match in _PARAM.finditer(route.path):
        name = match.group(1)
        if ":" in name:
            raise RouteDeclarationError(f"{route.path}: use Path(pattern=...), not convertors")
        field = fields.get(name)
        if field is None:
            raise RouteDeclarationError(f"{route.path}: {{{name}}} has no path parameter")
        info = field.field_info
        if info.annotation is not str or len(info.metadata) > (1 if _pattern_of(info) else 0):
            raise RouteDeclarationError(
                f"{route.path}: path parameter {name!r} must be `str` constrained only by"
                " Path(pattern=...) (the pattern is part of routing)"
            )
        parts.append(re.escape(route.path[position : match.start()]))
        parts.append(f"(?P<{name}>{_segment_regex(_pattern_of(info))})")
        names.append(name)
        position = match.end()
    parts.append(re.escape(route.path[position:]))
    return re.compile("^" + "".join(parts) + "$"), tuple(names)


@dataclass(frozen=True, slots=True)
class QueryParam:
    """One query parameter of a compiled route."""

    name: str  # the function argument
    alias: str  # the wire name (`from`, `deviceId`, ...)
    sequence: bool  # a list: every repeat of the key, else the last one (Starlette's rule)
    required: bool
    field: Any  # FastAPI's ModelField: the same validator the reference lane runs


_SEQUENCES = (list, tuple, set, frozenset)


def _is_sequence(annotation: Any) -> bool:
    # FastAPI reads every repeat of a key for list-like parameters (Optional ones included).
    options = get_args(annotation) if get_origin(annotation) in (Union, UnionType) else ()
    return any(
        get_origin(option) in _SEQUENCES or option in _SEQUENCES
        for option in options or (annotation,)
    )


def _unbound(request: Request, path_values: Sequence[str]) -> Any:
    raise RuntimeError("route compiled without its endpoint")  # pragma: no cover


def _missing(loc: tuple[str, str]) -> dict[str, Any]:
    # The shape FastAPI reports for a missing parameter (fastapi._compat get_missing_field_error).
    return {"type": "missing", "loc": loc, "msg": "Field required", "input": None}


@dataclass(slots=True)
class CompiledRoute:
    """One vendor operation, ready to run without FastAPI's per-request machinery."""

    index: int
    operation_id: str
    methods: frozenset[str]
    path: str
    regex: re.Pattern[str]
    endpoint: Callable[..., Any]
    is_async: bool
    path_names: tuple[str, ...]
    query: tuple[QueryParam, ...]
    constants: dict[str, Any]
    per_request: tuple[tuple[str, Callable[[Request], Any]], ...]
    status: int
    errors: dict[int, ErrorEntry]
    route: APIRoute
    # call(request, path_values): generated at start-up for this route's exact arguments.
    call: Callable[[Request, Sequence[str]], Any] = _unbound

    def parse_query(self, query: str) -> dict[str, Any]:
        """Validated query arguments; InvalidParameters lists every problem, as FastAPI does."""
        pairs = parse_qsl(query, keep_blank_values=True) if query else []
        values: dict[str, Any] = {}
        problems: list[dict[str, Any]] = []
        for param in self.query:
            raw: Any
            if param.sequence:
                raw = [value for key, value in pairs if key == param.alias] or None
            else:
                raw = None
                for key, value in pairs:
                    if key == param.alias:
                        raw = value
            loc = ("query", param.alias)
            if raw is None:
                if param.required:
                    problems.append(_missing(loc))
                    continue
                default = copy.deepcopy(param.field.default)
                if not param.field.field_info.validate_default:
                    values[param.name] = default
                    continue
                raw = default
            value, errors = param.field.validate(raw, values, loc=loc)
            if errors:
                problems.extend(errors)
            else:
                values[param.name] = value
        if problems:
            raise InvalidParameters(problems)
        return values


def reads_scenario(route: APIRoute) -> bool:
    """Whether an operation takes the `Scenario` dependency (it answers named path scenarios)."""
    for sub in route.dependant.dependencies:
        provider = getattr(sub.call, _PROVIDER, None)
        if provider is not None and provider.attribute == "controls.example":
            return True
    return False


def scenario_operations(routers: Sequence[APIRouter]) -> list[dict[str, str]]:
    """The operations of `routers` that answer named path scenarios: method, path, operationId."""
    return [
        {"method": method, "path": route.path, "operation_id": route.operation_id or ""}
        for router in routers
        for route in router.routes
        if isinstance(route, APIRoute) and reads_scenario(route)
        for method in sorted(route.methods or ())
        if method != "HEAD"
    ]


def compile_route(index: int, route: APIRoute, state: Any) -> CompiledRoute:
    """Resolve everything about `route` that does not depend on the request."""
    if not route.operation_id:
        raise RouteDeclarationError(f"{route.path}: every vendor operation needs operation_id")
    dependant = route.dependant
    if dependant.header_params or dependant.cookie_params or dependant.body_params:
        raise RouteDeclarationError(
            f"{route.operation_id}: read headers and bodies through provide(), not Header/Body"
        )
    regex, path_names = route_regex(route)
    constants: dict[str, Any] = {}
    per_request: list[tuple[str, Callable[[Request], Any]]] = []
    attributes: dict[str, str] = {}
    for sub in dependant.dependencies:
        provider = getattr(sub.call, _PROVIDER, None)
        if provider is None or sub.name is None:
            raise RouteDeclarationError(
                f"{route.operation_id}: dependency {getattr(sub.call, '__name__', sub.call)!r}"
                " must come from caller_dependency(), provide() or service()"
            )
        if provider.per_request:
            per_request.append((sub.name, provider.get))
            if provider.attribute is not None:
                attributes[sub.name] = provider.attribute
        else:
            constants[sub.name] = provider.get(state)
    query = []
    for field in dependant.query_params:
        info = field.field_info
        key = info.validation_alias or field.alias
        if not isinstance(key, str):
            raise RouteDeclarationError(f"{route.operation_id}: use Query(alias=...) only")
        query.append(
            QueryParam(
                name=field.name,
                alias=key,
                sequence=_is_sequence(info.annotation),
                required=info.is_required(),
                field=field,
            )
        )
    methods = frozenset(route.methods or ())
    operation = operation_of(route)
    compiled = CompiledRoute(
        index=index,
        operation_id=route.operation_id,
        methods=methods | {"HEAD"} if "GET" in methods else methods,
        path=route.path,
        regex=regex,
        endpoint=operation,
        is_async=inspect.iscoroutinefunction(operation),
        path_names=path_names,
        query=tuple(query),
        constants=constants,
        per_request=tuple(per_request),
        status=route.status_code or 200,
        errors=operation_errors(route),
        route=route,
    )
    compiled.call = _generate_call(compiled, attributes)
    return compiled


def _generate_call(
    route: CompiledRoute, attributes: dict[str, str]
) -> Callable[[Request, Sequence[str]], Any]:
    """`call(request, path_values)` for this route: one generated function, no per-call dicts.

    It passes, by keyword, each provider's value (an attribute read, or the provider called),
    then the path values, the constants and the parsed query: FastAPI's order of checks
    (dependencies, then parameters), which the differential tests hold it to.
    """
    namespace: dict[str, Any] = {"_endpoint": route.endpoint, "_parse": route.parse_query}
    parts: list[str] = []
    for index, (name, get) in enumerate(route.per_request):
        if name in attributes:
            parts.append(f"{name}=request.{attributes[name]}")
        else:
            namespace[f"_get{index}"] = get
            parts.append(f"{name}=_get{index}(request)")
    parts.extend(f"{name}=values[{index}]" for index, name in enumerate(route.path_names))
    for index, (name, value) in enumerate(route.constants.items()):
        namespace[f"_const{index}"] = value
        parts.append(f"{name}=_const{index}")
    if route.query:
        parts.append("**_parse(request.query)")
    for name in (*route.path_names, *route.constants, *(n for n, _ in route.per_request)):
        if not name.isidentifier():
            raise RouteDeclarationError(f"{route.operation_id}: {name!r} is not an identifier")
    source = f"def call(request, values):\n    return _endpoint({', '.join(parts)})\n"
    exec(compile(source, f"<route {route.operation_id}>", "exec"), namespace)
    call: Callable[[Request, Sequence[str]], Any] = namespace["call"]
    return call


class CompiledRouter:
    """Route lookup by (segment count, last segment): a dict hit, then one or two regexes.

    Among the routes whose regex matches, the first declared that accepts the method wins, as in
    Starlette; a path that only matches under other methods is MethodNotAllowed, none at all is
    RouteNotFound (the vendor renders each).
    """

    def __init__(self, routes: Sequence[CompiledRoute]) -> None:
        self.routes = list(routes)
        # Routes whose last segment is a parameter, by segment count ("/"s in the path)...
        by_count: dict[int, list[CompiledRoute]] = {}
        # ...and, per (count, last segment), the routes ending in that literal merged with those,
        # in declaration order: one dict hit gives every candidate.
        literal: dict[tuple[int, str], list[CompiledRoute]] = {}
        for route in self.routes:
            count = route.path.count("/")
            last = route.path[route.path.rfind("/") + 1 :]
            if "{" in last:
                by_count.setdefault(count, []).append(route)
            else:
                literal.setdefault((count, last), []).append(route)
        self._by_count = {count: _groups(group) for count, group in by_count.items()}
        self._by_last = {
            key: _groups(sorted(group + by_count.get(key[0], []), key=lambda r: r.index))
            for key, group in literal.items()
        }

    def resolve(self, method: str, path: str) -> tuple[CompiledRoute, tuple[str, ...]]:
        """The route serving `method path` and its path parameter values."""
        count = path.count("/")
        candidates = self._by_last.get((count, path[path.rfind("/") + 1 :]))
        if candidates is None:
            candidates = self._by_count.get(count)
            if candidates is None:
                raise RouteNotFound()
        partial = False
        for needle, regex, routes in candidates:
            if needle not in path:
                continue  # a literal part of the template is missing: the regex cannot match
            match = regex.match(path)
            if match is not None:
                for route in routes:
                    if method in route.methods:
                        return route, match.groups()
                partial = True
        if partial:
            raise MethodNotAllowed()
        raise RouteNotFound()


# One candidate of a lookup: a literal part of the template the path must contain, the regex,
# and the routes (declaration order) that share that regex (one path, several methods).
_Group = tuple[str, re.Pattern[str], tuple[CompiledRoute, ...]]


def _groups(routes: Sequence[CompiledRoute]) -> tuple[_Group, ...]:
    """`routes` (declaration order) with neighbours of the same path merged into one group.

    Only neighbours merge, so trying the groups in order tries the routes in declaration order:
    the first declared route that matches and accepts the method still wins.
    """
    groups: list[_Group] = []
    for route in routes:
        if groups and groups[-1][1].pattern == route.regex.pattern:
            needle, regex, same = groups[-1]
            groups[-1] = (needle, regex, (*same, route))
        else:
            # The longest literal stretch of the template: the regex spells it verbatim, so a
            # path without it cannot match, and a substring test costs far less than a failed
            # regex call.
            needle = max(_PARAM.split(route.path)[::2], key=len)
            groups.append((needle, route.regex, (route,)))
    return tuple(groups)


def compile_routes(routers: Iterable[APIRouter], state: Any) -> CompiledRouter:
    """The dispatch table of every operation in `routers`, bound to `state`."""
    return CompiledRouter(
        [compile_route(index, route, state) for index, route in enumerate(iter_routes(routers))]
    )


def result_response(result: Any, status: int, encode: Callable[[Any], bytes]) -> Response:
    """A route's return value as a Response (both lanes)."""
    if isinstance(result, bytes):
        return Response(status, result)
    if isinstance(result, Response):
        return result
    return Response(status, encode(result))
