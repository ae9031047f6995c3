"""The route convention on a toy vendor: compiled dispatcher == FastAPI reference, per feature.

The real vendors exercise what they use; this toy uses everything the convention offers
(query aliases, repeated keys, enums and bounds, bodies, several methods on one path, static and
parameterised siblings, async handlers, models and Responses as results) so a feature a later
operation needs is already held to the reference.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import orjson
import pytest
from fastapi import APIRouter, Depends, Header, Path, Query
from pydantic import BaseModel

from netpath_mock.core.errors import (
    ErrorDoc,
    ErrorEntry,
    InvalidParameters,
    MockError,
    RouteNotFound,
)
from netpath_mock.core.http import Request, Response
from netpath_mock.core.pipeline import VendorPipeline
from netpath_mock.core.ratelimit import Decision
from netpath_mock.core.reference import ReferencePipeline
from netpath_mock.core.routing import (
    CurrentSession,
    RawBody,
    RouteDeclarationError,
    caller_dependency,
    compile_routes,
    provide,
    service,
    vendor_router,
)
from netpath_mock.core.settings import RateLimit, Settings
from netpath_mock.core.state import MockState, Session
from netpath_mock.core.vendor import Vendor, VendorSpec
from tests.contract.differential import Answer, Call, drive

THING_NOT_FOUND = ErrorEntry(404, 77, "Thing not found")
GONE = ErrorEntry(410, 78, "Thing gone")


class Caller(BaseModel):
    bucket_key: str


class Thing(BaseModel):
    name: str
    size: int = 1


class Counter:
    """A toy service: counts calls (one instance per state)."""

    def __init__(self, state: MockState) -> None:
        self.state = state
        self.calls = 0

    def tick(self) -> int:
        self.calls += 1
        return self.calls


class ToyVendor(Vendor):
    name = "toy"

    def __init__(self, state: MockState) -> None:
        self.state = state

    def authenticate(self, request: Request) -> Caller:
        key = request.headers.get("x-key")
        if not key:
            raise MockError("no key", status=401, code=1)
        return Caller(bucket_key=key)

    def forced_error(self, status: int, request: Request) -> MockError:
        return MockError("forced", status=status, code=2)

    def rate_limited(self, decision: Decision) -> MockError:
        return MockError("slow down", status=429, code=3)

    def render_error(self, error: MockError, request: Request) -> Response:
        if isinstance(error, RouteNotFound):
            return Response(400, orjson.dumps({"route": request.path}))
        if isinstance(error, InvalidParameters):
            problems = [[p["type"], list(p["loc"])] for p in error.problems]
            return Response(400, orjson.dumps({"params": problems}))
        body = {"status": error.status, "code": error.code, "message": error.message}
        return Response(error.status, orjson.dumps(body))

    def decorate(self, response: Response, request: Request, decision: Decision) -> None:
        response.headers.append((b"x-toy", b"1"))


ToyAuth = Annotated[Caller, Depends(caller_dependency())]
Counted = Annotated[Counter, service(Counter)]
Id = Annotated[str, Path(pattern=r"^[a-z]{3}$", examples=["abc"])]


def _thing(request: Request) -> Thing:
    try:
        return Thing.model_validate_json(request.body)
    except ValueError:
        raise MockError("bad thing", status=400, code=4) from None


ThingBody = Annotated[Thing, provide(_thing, body=Thing, example={"name": "x"})]

router = vendor_router()


@router.get("/toy/things/search", operation_id="SearchThings")
def search(
    caller: ToyAuth,
    counter: Counted,
    text: Annotated[str, Query(alias="from", min_length=2, examples=["ab"])],
    kind: Annotated[Literal["a", "b"], Query()] = "a",
    limit: Annotated[int, Query(ge=1, le=5)] = 2,
    tags: Annotated[list[str] | None, Query(alias="tag")] = None,
) -> dict[str, Any]:
    return {"text": text, "kind": kind, "limit": limit, "tags": tags, "n": counter.tick()}


@router.get("/toy/things/new", operation_id="NewThing")
def new_thing(caller: ToyAuth) -> bytes:
    return b'{"new":true}'


@router.get(
    "/toy/things/{thing_id}",
    operation_id="GetThing",
    # The documented 404/410 are catalogue entries: what Prefer: code= forces here.
    responses={
        404: ErrorDoc(THING_NOT_FOUND, description="not found"),
        410: ErrorDoc(GONE, description="gone"),
    },
)
async def get_thing(thing_id: Id, caller: ToyAuth, session: CurrentSession) -> Thing:
    if thing_id == "zzz":
        raise THING_NOT_FOUND.error()
    return Thing(name=f"{thing_id}:{session.name}:{caller.bucket_key}")


@router.put("/toy/things/{thing_id}", operation_id="PutThing", status_code=201)
def put_thing(thing_id: Id, caller: ToyAuth, thing: ThingBody) -> Response:
    return Response(202, orjson.dumps({"id": thing_id, **thing.model_dump()}), [(b"x-put", b"y")])


@router.post("/toy/things", operation_id="CreateThing", status_code=201)
def create_thing(caller: ToyAuth, body: RawBody) -> bytes:
    return b'{"raw":' + orjson.dumps(body.decode("utf-8", "replace")) + b"}"


@router.get("/toy/boom", operation_id="Boom")
def boom(caller: ToyAuth) -> bytes:
    raise RuntimeError("a bug")


def _spec(limit: int = 1000) -> VendorSpec:
    return VendorSpec(
        name="toy",
        title="Toy",
        base_url="https://toy.example",
        prefixes=("/toy/", "/v9/"),
        mounts=("/v9", ""),
        routers=[router],
        create=ToyVendor,
        rate_limit=lambda settings: RateLimit(limit, 60),
        aligned_windows=False,
        credentials_model=Caller,
        secret_headers=frozenset({"x-key"}),
        exposed_headers=(),
        parse_fixture=lambda raw: (None, raw),
        write_fixtures=lambda settings, count: iter(()),
        catalog=lambda settings, seed, limit: [],
        errors=(THING_NOT_FOUND, GONE),
    )


def _state(limit: int) -> MockState:
    limits = {"toy": (RateLimit(limit, 60), False)}
    return MockState(Settings(seed=1), fixtures={}, credentials=None, rate_limits=limits)


def _lanes(limit: int = 1000) -> tuple[VendorPipeline, ReferencePipeline]:
    spec = _spec(limit)
    return VendorPipeline(spec, _state(limit)), ReferencePipeline(spec, _state(limit))


@pytest.fixture(scope="module")
def lanes() -> tuple[VendorPipeline, ReferencePipeline]:
    return _lanes()


KEY = (("x-key", "k1"),)


def _both(
    lanes: tuple[VendorPipeline, ReferencePipeline],
    method: str,
    path: str,
    query: str = "",
    headers: tuple[tuple[str, str], ...] = KEY,
    body: bytes = b"",
) -> Answer:
    call = Call(method, path, query, headers, body)
    served, reference = (drive(lane, call) for lane in lanes)
    assert (served.status, served.body, served.headers) == (
        reference.status,
        reference.body,
        reference.headers,
    )
    return served


def _json(answer: Answer) -> Any:
    return orjson.loads(answer.body)


def test_query_parameters(lanes: tuple[VendorPipeline, ReferencePipeline]) -> None:
    answer = _both(lanes, "GET", "/toy/things/search", "from=hello&tag=x&tag=y&limit=3&kind=b")
    assert answer.status == 200
    assert _json(answer) == {"text": "hello", "kind": "b", "limit": 3, "tags": ["x", "y"], "n": 1}
    # Defaults; a repeated scalar key: the last value wins.
    answer = _both(lanes, "GET", "/toy/things/search", "from=ab&from=cd")
    assert _json(answer)["text"] == "cd"
    assert _json(answer)["limit"] == 2
    assert _json(answer)["tags"] is None


@pytest.mark.parametrize(
    ("query", "problems"),
    [
        ("", [["missing", ["query", "from"]]]),
        ("from=a", [["string_too_short", ["query", "from"]]]),
        (
            "from=ab&kind=c&limit=9",
            [["literal_error", ["query", "kind"]], ["less_than_equal", ["query", "limit"]]],
        ),
        ("from=ab&limit=x", [["int_parsing", ["query", "limit"]]]),
    ],
)
def test_bad_query_is_the_vendors_400(
    lanes: tuple[VendorPipeline, ReferencePipeline], query: str, problems: list[Any]
) -> None:
    answer = _both(lanes, "GET", "/toy/things/search", query)
    assert answer.status == 400
    assert _json(answer) == {"params": problems}


def test_first_declared_match_wins(lanes: tuple[VendorPipeline, ReferencePipeline]) -> None:
    # "new" also matches {thing_id} ([a-z]{3}); the static route is declared first.
    assert _json(_both(lanes, "GET", "/toy/things/new")) == {"new": True}
    assert _json(_both(lanes, "GET", "/toy/things/abc"))["name"] == "abc:default:k1"
    # PUT has no static twin: the parameterised route takes "new".
    assert _both(lanes, "PUT", "/toy/things/new", body=b'{"name": "n"}').status == 202


def test_path_pattern_is_routing(lanes: tuple[VendorPipeline, ReferencePipeline]) -> None:
    answer = _both(lanes, "GET", "/toy/things/ABCD")
    assert answer.status == 400
    assert _json(answer) == {"route": "/toy/things/ABCD"}


def test_mounts(lanes: tuple[VendorPipeline, ReferencePipeline]) -> None:
    answer = _both(lanes, "GET", "/v9/toy/things/abc")
    assert answer.status == 200
    assert _both(lanes, "GET", "/v9").status == 400
    assert _json(_both(lanes, "GET", "/v9/v9/toy/things/abc")) == {"route": "/v9/v9/toy/things/abc"}


def test_methods(lanes: tuple[VendorPipeline, ReferencePipeline]) -> None:
    assert _both(lanes, "DELETE", "/toy/things/abc").status == 405
    head = _both(lanes, "HEAD", "/toy/things/abc")
    assert head.status == 200
    assert head.body == b""
    assert _both(lanes, "GET", "/toy/things").status == 405  # only POST there


def test_bodies_and_results(lanes: tuple[VendorPipeline, ReferencePipeline]) -> None:
    put = _both(lanes, "PUT", "/toy/things/abc", body=b'{"name": "n", "size": 3}')
    assert (put.status, _json(put)) == (202, {"id": "abc", "name": "n", "size": 3})
    assert ("x-put", "y") in put.headers
    bad = _both(lanes, "PUT", "/toy/things/abc", body=b"{")
    assert (bad.status, _json(bad)["code"]) == (400, 4)
    created = _both(lanes, "POST", "/toy/things", body=b"hello")
    assert (created.status, _json(created)) == (201, {"raw": "hello"})


def test_auth_and_forced_codes(lanes: tuple[VendorPipeline, ReferencePipeline]) -> None:
    assert _json(_both(lanes, "GET", "/toy/things/abc", headers=()))["code"] == 1
    forced = (*KEY, ("prefer", "code=404"))
    assert _json(_both(lanes, "GET", "/toy/things/abc", headers=forced)) == {
        "status": 404,
        "code": 77,
        "message": "Thing not found",
    }
    forced = (*KEY, ("prefer", "code=410"))
    assert _json(_both(lanes, "GET", "/toy/things/abc", headers=forced))["code"] == 78
    forced = (*KEY, ("prefer", "code=404"))
    assert _json(_both(lanes, "POST", "/toy/things", headers=forced))["code"] == 2  # undocumented
    assert _json(_both(lanes, "GET", "/toy/things/zzz"))["code"] == 77


def test_bugs_answer_in_the_vendors_shape(lanes: tuple[VendorPipeline, ReferencePipeline]) -> None:
    answer = _both(lanes, "GET", "/toy/boom")
    assert answer.status == 500
    assert _json(answer)["status"] == 500


def test_rate_limit_and_services() -> None:
    lanes = _lanes(limit=3)
    answers = [_both(lanes, "GET", "/toy/things/search", "from=ab") for _ in range(4)]
    assert [a.status for a in answers] == [200, 200, 200, 429]
    # One Counter per state, kept across requests.
    assert [_json(a)["n"] for a in answers[:3]] == [1, 2, 3]


def test_unsupported_declarations_fail_at_start_up() -> None:
    bad = APIRouter()

    @bad.get("/x/{n}", operation_id="IntPath")
    def int_path(n: int) -> None: ...

    with pytest.raises(RouteDeclarationError, match="must be `str`"):
        compile_routes([bad], None)

    bad = APIRouter()

    @bad.get("/x", operation_id="HeaderParam")
    def header(x: Annotated[str, Header()]) -> None: ...

    with pytest.raises(RouteDeclarationError, match="provide"):
        compile_routes([bad], None)

    bad = APIRouter()

    @bad.get("/x")
    def no_id() -> None: ...

    with pytest.raises(RouteDeclarationError, match="operation_id"):
        compile_routes([bad], None)

    bad = APIRouter()

    @bad.get("/x", operation_id="PlainDepends")
    def plain(x: Annotated[Session, Depends(lambda: None)]) -> None: ...

    with pytest.raises(RouteDeclarationError, match="caller_dependency"):
        compile_routes([bad], None)
