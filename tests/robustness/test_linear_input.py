"""Issue 16, item 1: client input is handled in linear time; no request freezes the server.

The attack this guards against: one anonymous request with a 40 KB `X-Auth-Email` (a run of
dots) froze the whole server for 13 s, a 40 KB `Prefer` for 6 s (a run of blanks: 2 KB already
took 13 s), before any auth. Every header and query parameter the mock reads gets values of
64 KB and 1 MB (refused by the HTTP layer's head bound, MOCK_MAX_HEADER_BYTES, with a vendor 431)
and of 60 KB (just under the bound, so they reach the patterns), each built to make a
backtracking pattern explode; each must be answered well under a second while another client's
requests stay fast, with httptools and with h11.

The deadlines are not speed measurements: the answers take milliseconds, the failure this
catches takes from seconds to days. The server runs in its own process so a frozen server
cannot freeze the test's clock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import DOC_ACCOUNT, DOC_RESULT
from tests.robustness.support import (
    CF_AUTH,
    DD_AUTH,
    HUGE_RATE_ENV,
    ExchangeError,
    RawResponse,
    assert_cloudflare_shape,
    assert_datadog_shape,
    build_request,
    exchange,
    serve_subprocess,
)

CF_PATH = f"/client/v4/accounts/{DOC_ACCOUNT}/dex/traceroute-test-results/{DOC_RESULT}/network-path"
DD_PATH = "/api/v2/synthetics/tests/network/c7a-uwa-wn2"
DEADLINE = 1.0  # seconds for any one answer, and for the other client's worst answer
HEAD_BOUND = 65_536  # MOCK_MAX_HEADER_BYTES' default
UNDER_BOUND = 60_000  # reaches the app with the other headers of a request
SIZES = (UNDER_BOUND, 64 * 1024, 1 << 20)

# Shapes that make backtracking patterns explode (runs of what overlapping quantifiers share).
SHAPES = {
    "dots": lambda n: "." * n,
    "email-dots": lambda n: "a@" + "." * (n - 3) + "@",
    "prefer-blanks": lambda n: "code=" + " " * (n - 8) + '""x',
    "prefer-quoted-blanks": lambda n: 'latency="' + " " * (n - 11) + '"x',
    "bearer-run": lambda n: "Bearer " + "a" * (n - 8) + "!",
    "hex-run": lambda n: "0" * (n - 1) + "g",
}
# Every header the mock reads, with the vendor path it is read on (and the other auth headers
# the request needs to get that far).
HEADERS = {
    "Authorization": ("cloudflare", {}),
    "X-Auth-Key": ("cloudflare", {"X-Auth-Email": "user@example.com"}),
    "X-Auth-Email": ("cloudflare", {"X-Auth-Key": "144c9defac04969c7bfad8efaa8ea194"}),
    "X-Auth-User-Service-Key": ("cloudflare", {}),
    "Prefer": ("both", None),
    "X-Mock-Session": ("both", None),
    "Origin": ("both", None),
    "Access-Control-Request-Headers": ("both", None),
    "DD-API-KEY": ("datadog", {"DD-APPLICATION-KEY": "a" * 40}),
    "DD-APPLICATION-KEY": ("datadog", {"DD-API-KEY": "k" * 32}),
}
QUERY_PARAMETERS = {
    "__code": ("both", None),
    "__latency": ("both", None),
}
CONTROL_QUERIES = ("/_mock/requests?vendor=", "/_mock/requests?method=", "/_mock/requests?path=")
CONTROL_QUERIES += ("/_mock/catalog?vendor=", "/_mock/catalog?vendor=datadog&limit=")


def _vendor_answer(response: RawResponse, vendor: str) -> None:
    """A vendor-shaped JSON answer, never a 5xx: 200, a 4xx, or the head bound's 431."""
    assert response.status < 500, response
    if vendor == "cloudflare":
        assert_cloudflare_shape(response)
    else:
        assert_datadog_shape(response)


class SteadyClient:
    """Another client: asks for a vendor resource over and over; records its slowest answer."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.worst = 0.0
        self.answers = 0
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        request = build_request(
            b"GET", DD_PATH.encode(), [(k.encode(), v.encode()) for k, v in DD_AUTH.items()]
        )
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                status = exchange(self.port, request, timeout=30).status
            except (ExchangeError, OSError) as exc:
                self.failures.append(repr(exc))
                status = 0
            self.worst = max(self.worst, time.monotonic() - started)
            self.answers += 1
            if status != 200:
                self.failures.append(f"status {status}")
            time.sleep(0.02)

    def __enter__(self) -> SteadyClient:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=60)


@pytest.fixture(scope="module", params=["httptools", "h11"])
def server_port(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[int]:
    """A `netpath-mock serve` process with the given HTTP parser."""
    folder: Path = tmp_path_factory.mktemp(f"linear-{request.param}")
    env = {**HUGE_RATE_ENV, "MOCK_HTTP": request.param}
    with serve_subprocess(folder, env=env) as (_, port):
        yield port


def _timed(port: int, request: bytes) -> tuple[RawResponse, float]:
    started = time.monotonic()
    response = exchange(port, request, timeout=30)
    return response, time.monotonic() - started


def _cases() -> Iterator[tuple[str, str, str, dict[str, str]]]:
    """(vendor, header, value shape, other headers) for every header the mock reads."""
    for header, (where, extra) in HEADERS.items():
        for vendor in ("cloudflare", "datadog") if where == "both" else (where,):
            auth = CF_AUTH if vendor == "cloudflare" else DD_AUTH
            others = dict(auth) if extra is None else dict(extra)
            others = {k: v for k, v in others.items() if k.lower() != header.lower()}
            for shape in SHAPES:
                yield vendor, header, shape, others


def test_every_header_and_query_parameter_is_answered_at_once(server_port: int) -> None:
    slow: list[str] = []
    with SteadyClient(server_port) as steady:
        for size in SIZES:
            for vendor, header, shape, others in _cases():
                value = SHAPES[shape](size)
                pairs = [(k.encode(), v.encode()) for k, v in others.items()]
                pairs.append((header.encode(), value.encode("latin-1")))
                path = CF_PATH if vendor == "cloudflare" else DD_PATH
                if header.startswith("Access-Control"):
                    pairs += [(b"Origin", b"http://localhost:5173")]
                    pairs += [(b"Access-Control-Request-Method", b"GET")]
                method = b"OPTIONS" if header.startswith("Access-Control") else b"GET"
                response, took = _timed(server_port, build_request(method, path.encode(), pairs))
                if took > DEADLINE:
                    slow.append(f"{vendor} {header} {shape} {size}: {took:.2f} s")
                if response.status != 204:
                    _vendor_answer(response, vendor)
                if size > HEAD_BOUND:
                    assert response.status == 431, (header, shape, size, response)
            for parameter, _ in QUERY_PARAMETERS.items():
                for vendor, path, auth in (
                    ("cloudflare", CF_PATH, CF_AUTH),
                    ("datadog", DD_PATH, DD_AUTH),
                ):
                    for shape, make in SHAPES.items():
                        target = f"{path}?{parameter}={quote(make(size // 3), safe='')}"
                        pairs = [(k.encode(), v.encode()) for k, v in auth.items()]
                        response, took = _timed(
                            server_port, build_request(b"GET", target.encode(), pairs)
                        )
                        if took > DEADLINE:
                            slow.append(f"{vendor} ?{parameter} {shape} {size}: {took:.2f} s")
                        _vendor_answer(response, vendor)
            for prefix in CONTROL_QUERIES:
                for shape, make in SHAPES.items():
                    target = prefix + quote(make(size // 3), safe="")
                    response, took = _timed(server_port, build_request(b"GET", target.encode()))
                    if took > DEADLINE:
                        slow.append(f"{prefix} {shape} {size}: {took:.2f} s")
                    assert response.status < 500 and response.content_type == "application/json"
    assert not slow, slow
    assert not steady.failures, steady.failures[:5]
    assert steady.answers > 10
    assert steady.worst <= DEADLINE, f"the other client waited {steady.worst:.2f} s"


def _operations_with_query_parameters() -> list[tuple[str, str, list[str]]]:
    """(vendor, path with example ids, query parameter names) of every served GET taking any."""
    from netpath_mock.core.openapi import vendor_openapi
    from netpath_mock.vendors import REGISTRY

    examples = {
        "account_id": DOC_ACCOUNT,
        "public_id": "c7a-uwa-wn2",
        "version_number": "1",
    }
    found = []
    for spec in REGISTRY:
        mount = spec.mounts[0] if spec.mounts else ""
        for path, item in vendor_openapi(spec)["paths"].items():
            operation = item.get("get")
            if operation is None:
                continue
            parameters = operation.get("parameters", [])
            query = [p["name"] for p in parameters if p["in"] == "query"]
            if not query:
                continue
            for p in parameters:
                if p["in"] == "path":
                    value = examples.get(p["name"], DOC_RESULT)
                    path = path.replace("{" + p["name"] + "}", value)
            found.append((spec.name, mount + path, query))
    return found


def test_every_vendor_query_parameter_is_answered_at_once(server_port: int) -> None:
    """Each query parameter of every served operation (from the vendors' own OpenAPI), with
    values built to make a backtracking pattern explode, just under the head bound."""
    operations = _operations_with_query_parameters()
    assert sum(len(query) for _, _, query in operations) >= 60  # both vendors' lists, filters
    slow: list[str] = []
    for vendor, path, query in operations:
        auth = CF_AUTH if vendor == "cloudflare" else DD_AUTH
        pairs = [(k.encode(), v.encode()) for k, v in auth.items()]
        for parameter in query:
            for shape in ("dots", "prefer-blanks", "email-dots", "hex-run"):
                value = quote(SHAPES[shape](19_000), safe="")
                target = f"{path}?{parameter}={value}"
                response, took = _timed(server_port, build_request(b"GET", target.encode(), pairs))
                if took > DEADLINE:
                    slow.append(f"{path} ?{parameter} {shape}: {took:.2f} s")
                assert response.status < 500, (path, parameter, shape, response)
                if response.status >= 400:
                    _vendor_answer(response, vendor)  # the vendor's failure envelope
                else:
                    assert response.content_type == "application/json"
                    response.json()
    assert not slow, slow
