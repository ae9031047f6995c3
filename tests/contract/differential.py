"""Drives the compiled lane and the FastAPI reference lane with the same requests.

`cases_for(spec, settings)` derives, from a vendor's route declarations and catalog, the
requests of every operation: success, missing and bad credentials, unknown and malformed ids,
missing and bad query parameters, bad bodies, wrong methods, HEAD, and each `Prefer: code=`.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args, get_origin
from urllib.parse import quote, urlencode

import orjson
from fastapi.routing import APIRoute

from netpath_mock.core.routing import iter_routes, operation_errors
from netpath_mock.core.settings import Settings
from netpath_mock.core.vendor import VendorSpec

# What each vendor's credentials look like in the tests: good, missing (none) and malformed.
GOOD_AUTH: dict[str, list[tuple[str, str]]] = {
    "cloudflare": [("authorization", "Bearer Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY")],
    "datadog": [
        ("dd-api-key", "0123456789abcdef0123456789abcdef"),
        ("dd-application-key", "a" * 40),
    ],
}
BAD_AUTH: dict[str, list[tuple[str, str]]] = {
    "cloudflare": [("authorization", "Basic dXNlcjpwYXNz"), ("x-auth-key", "not-a-key")],
    "datadog": [("dd-api-key", " "), ("dd-application-key", "a" * 40)],
}
# Headers that differ by request by design (cf-ray) or count requests (rate-limit counters).
PER_REQUEST = frozenset({"cf-ray", "ratelimit", "x-ratelimit-remaining", "x-ratelimit-reset"})
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
_PARAM = re.compile(r"{([^{}]+)}")


class MissingExample(Exception):
    """An operation gives the differential test nothing to build a request from."""


@dataclass(frozen=True)
class Call:
    """One HTTP request."""

    method: str
    path: str
    query: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""


@dataclass(frozen=True)
class Case:
    """A named request of one operation; `ok` says the served answer must be a success."""

    vendor: str
    operation_id: str
    name: str
    call: Call
    ok: bool = False
    expect: int | None = None

    @property
    def id(self) -> str:
        return f"{self.vendor}:{self.operation_id}:{self.name}"


@dataclass
class Answer:
    """What one lane sent."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes = b""
    extra: list[dict[str, Any]] = field(default_factory=list)

    def comparable_headers(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in self.headers if k not in PER_REQUEST]


async def _drive(app: Any, call: Call) -> Answer:
    received: dict[str, Any] = {}
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": call.body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            received["status"] = message["status"]
            received["headers"] = [
                (bytes(k).decode("latin-1"), bytes(v).decode("latin-1"))
                for k, v in message["headers"]
            ]
        else:
            chunks.append(message.get("body", b""))

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": call.method,
        "scheme": "http",
        "path": call.path,
        "raw_path": call.path.encode(),
        "root_path": "",
        "query_string": call.query.encode("latin-1"),
        "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in call.headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    await app(scope, receive, send)
    return Answer(received["status"], received["headers"], b"".join(chunks))


def drive(app: Any, call: Call) -> Answer:
    """Send `call` to the ASGI `app` in-process."""
    return asyncio.run(_drive(app, call))


# --- deriving requests from declarations -------------------------------------------------------


def _mutate(value: str) -> str:
    """A different id of the same form: each digit and letter moved one step within its class."""
    out = []
    for char in value:
        if char.isdigit():
            out.append(str((int(char) + 1) % 10))
        elif char in "abcdef":
            out.append("abcdef"[("abcdef".index(char) + 1) % 6])
        elif char in "ABCDEF":
            out.append("ABCDEF"[("ABCDEF".index(char) + 1) % 6])
        elif char.isalpha():
            base = "a" if char.islower() else "A"
            out.append(chr((ord(char) - ord(base) + 1) % 26 + ord(base)))
        else:
            out.append(char)
    return "".join(out)


def _first_example(info: Any) -> Any:
    examples = getattr(info, "examples", None)
    if examples:
        return examples[0]
    return None


def _literal_values(annotation: Any) -> tuple[Any, ...]:
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    for arg in get_args(annotation):
        values = _literal_values(arg)
        if values:
            return values
    return ()


def _bad_value(field: Any) -> str:
    """A query value its declaration refuses (or, for free text, an odd one)."""
    annotation = field.field_info.annotation
    if _literal_values(annotation):
        return "not-one-of-the-values"
    text = repr(annotation)
    if "int" in text or "float" in text:
        return "not-a-number"
    return "\u00ff" * 300


def _ids(spec: VendorSpec, settings: Settings, names: set[str]) -> dict[str, str]:
    """Existing ids: the first catalog item holding every path parameter of `names`."""
    for item in spec.catalog(settings, settings.seed, 50):
        if names <= set(item):
            return {name: str(value) for name, value in item.items()}
    return {}


def _providers(route: APIRoute) -> list[Any]:
    found = []
    for sub in route.dependant.dependencies:
        provider = getattr(sub.call, "__netpath_provider__", None)
        if provider is not None:
            found.append(provider)
    return found


def _body_example(route: APIRoute, ids: Mapping[str, str]) -> bytes | None:
    for provider in _providers(route):
        if provider.body is not None:
            example = provider.example
            if example is None:
                raise MissingExample(f"{route.operation_id}: body has no example=")
            data = example(ids) if callable(example) else example
            return orjson.dumps(data)
    return None


def _path(template: str, values: Mapping[str, str], mount: str) -> str:
    return mount + _PARAM.sub(lambda m: quote(values[m.group(1)], safe=""), template)


def cases_for(spec: VendorSpec, settings: Settings) -> Iterator[Case]:
    """Every request the differential test sends for `spec`'s operations."""
    good = tuple(GOOD_AUTH[spec.name])
    mount = spec.mounts[0] if spec.mounts else ""
    routes = iter_routes(spec.routers)
    for route in routes:
        op = route.operation_id
        assert op is not None
        names = [param.alias for param in route.dependant.path_params]
        values = _ids(spec, settings, set(names))
        for param in route.dependant.path_params:
            if param.alias not in values:
                example = _first_example(param.field_info)
                if example is None:
                    raise MissingExample(
                        f"{op}: path parameter {param.alias!r} is in no catalog item and"
                        " declares no Path(examples=...)"
                    )
                values[param.alias] = str(example)
        query: dict[str, Any] = {}
        for param in route.dependant.query_params:
            if param.field_info.is_required():
                example = _first_example(param.field_info)
                if example is None:
                    raise MissingExample(f"{op}: required query {param.alias!r} has no examples")
                query[param.alias] = example
        body = _body_example(route, values)
        method = sorted(route.methods or ())[0]
        path = _path(route.path, values, mount)
        qs = urlencode(query, doseq=True)

        def case(
            name: str,
            *,
            m: str = method,
            p: str = path,
            q: str = qs,
            h: tuple[tuple[str, str], ...] = good,
            b: bytes | None = body,
            ok: bool = False,
            expect: int | None = None,
            op: str = op,
        ) -> Case:
            return Case(spec.name, op, name, Call(m, p, q, h, b or b""), ok, expect)

        yield case("success", ok=True)
        if spec.mounts and "" in spec.mounts and mount:
            yield case("success-unmounted", p=_path(route.path, values, ""), ok=True)
        yield case("missing-auth", h=())
        yield case("bad-auth", h=tuple(BAD_AUTH[spec.name]))
        if "GET" in (route.methods or ()):
            yield case("head", m="HEAD", ok=True)
        for name in names:
            unknown = {**values, name: _mutate(values[name])}
            yield case(f"unknown-{name}", p=_path(route.path, unknown, mount))
            pattern_field = next(f for f in route.dependant.path_params if f.alias == name)
            if any(getattr(m, "pattern", None) for m in pattern_field.field_info.metadata):
                for label, bad in (("short", "x"), ("long", values[name] + "0")):
                    malformed = {**values, name: bad}
                    yield case(f"malformed-{name}-{label}", p=_path(route.path, malformed, mount))
        yield case("trailing-slash", p=path + "/")
        for param in route.dependant.query_params:
            if param.alias in query:
                rest = {k: v for k, v in query.items() if k != param.alias}
                yield case(f"missing-{param.alias}", q=urlencode(rest, doseq=True))
            bad = {**query, param.alias: _bad_value(param)}
            yield case(f"bad-{param.alias}", q=urlencode(bad, doseq=True))
        if body is not None:
            yield case("body-not-json", b=b"{")
            yield case("body-empty-object", b=b"{}")
        for other in METHODS:
            if other not in (route.methods or ()):
                yield case(f"method-{other}", m=other, b=b"")
        documented = sorted(operation_errors(route))
        for status in (*documented, 200, 400, 401, 403, 404, 405, 429, 500, 503, 418):
            yield case(
                f"prefer-{status}",
                h=(*good, ("prefer", f"code={status}")),
                expect=status if status in documented else None,
            )
        yield case("prefer-bad", h=(*good, ("prefer", "code=abc")))
        yield case("bad-session", h=(*good, ("x-mock-session", "bad session!")))


def operations(specs: tuple[VendorSpec, ...]) -> list[tuple[str, str]]:
    """(vendor, operationId) of every declared operation."""
    return [
        (spec.name, route.operation_id or "")
        for spec in specs
        for route in iter_routes(spec.routers)
    ]


def pairs(make: Callable[..., Any], settings: Settings) -> tuple[Any, Any]:
    """A served app and a reference app on the same settings and a fixed clock."""
    served = make(settings)
    reference = make(settings, reference=True)
    for app in (served, reference):
        app.state.clock = lambda: 1_790_000_000.0
    return served, reference
