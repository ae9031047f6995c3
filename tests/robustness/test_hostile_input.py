"""Hostile input: arbitrary bytes in path parameters, the query, auth/control headers, bodies.

Requests go over raw sockets (httpx refuses to send most of these bytes), each on a fresh
connection with a timeout, so a hang or a dropped connection fails the test as surely as a 5xx.

What is right, decided here:
* A request that reaches the app gets the vendor's JSON: 200 when the input happens to be valid,
  otherwise a 4xx in the vendor's failure shape. A 5xx only when the input itself forces one
  (`Prefer: code=503`, `?__code=503`), and then still in the vendor's shape.
* A request that is not valid HTTP/1.1 (a header value with a control character other than HTAB,
  RFC 9110 section 5.5; a request-target over 65535 bytes, which httptools cannot parse) may be
  refused by the HTTP layer before the app sees it: uvicorn's 400 text/plain with
  `connection: close`. That is what the vendors' own edges do (a non-JSON 400), so it is accepted
  for such requests only.
* A request line and headers over MOCK_MAX_HEADER_BYTES (64 KiB) are refused by the connection
  guard (app/netpath_mock/core/guard.py) with 431 in the vendor's JSON shape, then closed;
  smaller oversized headers (8-60 KB) reach the app.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, quote_from_bytes, unquote

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from netpath_mock.testing import LiveServer
from tests.conftest import DOC_ACCOUNT, DOC_RESULT
from tests.robustness.support import (
    CF_AUTH,
    CF_ROUTE_ERROR,
    DD_AUTH,
    RawResponse,
    assert_cloudflare_shape,
    assert_datadog_shape,
    build_request,
    exchange,
    is_http_layer_refusal,
)

CF_PATH = f"/client/v4/accounts/{DOC_ACCOUNT}/dex/traceroute-test-results/{DOC_RESULT}/network-path"
DD_PATH = "/api/v2/synthetics/tests/network/c7a-uwa-wn2"
CF_ROUTE = re.compile(
    r"(?:/client/v4)?/accounts/[0-9a-fA-F]{32}/dex/traceroute-test-results/"
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/network-path"
)
HEADERS = (
    "Authorization",
    "X-Auth-Key",
    "X-Auth-Email",
    "DD-API-KEY",
    "DD-APPLICATION-KEY",
    "Prefer",
    "X-Mock-Session",
)
# Bytes RFC 9110 forbids in a field value (CR and LF are never sent: they would end the header).
FORBIDDEN_IN_FIELD = frozenset(range(0x20)) - {0x09} | {0x7F}

# --- strategies -------------------------------------------------------------------------------


def _repeat(chunk: bytes, size: int) -> bytes:
    return (chunk * (size // len(chunk) + 1))[:size]


def huge(
    min_size: int, max_size: int, alphabet: st.SearchStrategy[bytes]
) -> st.SearchStrategy[bytes]:
    """Large values built from a short random chunk (cheap to generate and to shrink)."""
    return st.builds(_repeat, alphabet, st.integers(min_size, max_size))


ANY_BYTES = st.binary(min_size=1, max_size=8)
# Path segments: small arbitrary bytes, or up to 8 KB (24 KB percent-encoded: the whole target
# stays under httptools' 65535-byte URL limit, tested on its own below).
SEGMENT = st.binary(max_size=48) | huge(1024, 8192, ANY_BYTES)
NO_CRLF = st.binary(max_size=64).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b""))
NO_CRLF_CHUNK = ANY_BYTES.filter(lambda b: b"\r" not in b and b"\n" not in b)
# Values at the edges of the headers' grammars: digits, digit look-alikes ('²' is latin-1), the
# Prefer separators, long digit runs.
EDGE_TEXT = st.text('0123456789\u00b2\u00b3\u00b9 ,;="-', max_size=8)
EDGE_CHUNK = st.sampled_from([b"0", b"9", b"a", b"\xb2", b" "])
HEADER_VALUE = st.builds(
    bytes.__add__,
    st.sampled_from([b"", b"Bearer ", b"code=", b"latency=", b"code=4", b"session-", b"a@b.c"]),
    NO_CRLF
    | EDGE_TEXT.map(lambda t: t.encode("latin-1"))
    | huge(8 * 1024, 64 * 1024, NO_CRLF_CHUNK | EDGE_CHUNK),
)
QUERY_KEY = st.sampled_from(["__code", "__latency", "a", ""]) | st.binary(max_size=12).map(
    lambda b: quote_from_bytes(b, safe="")
)
QUERY_VALUE = (
    st.binary(max_size=24).map(lambda b: quote_from_bytes(b, safe=""))
    | st.integers(0, 999).map(str)
    | EDGE_TEXT.map(lambda t: quote(t, safe=""))
    | huge(4000, 12000, st.sampled_from([b"0", b"7"])).map(bytes.decode)
    # raw printable ASCII, the only raw bytes a request-target may carry
    | st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=24)
)
QUERY = st.lists(st.tuples(QUERY_KEY, QUERY_VALUE), max_size=4).map(
    lambda pairs: "&".join(f"{k}={v}" for k, v in pairs)
)


def _segment(raw: bytes) -> str:
    return quote_from_bytes(raw, safe="")


# --- oracles ----------------------------------------------------------------------------------


def _forced(status: int, *controls: str) -> bool:
    """Whether the request itself asked for `status` (Prefer: code=..., ?__code=...)."""
    return any(re.search(rf"code[\s=\"]*{status}", unquote(text)) for text in controls)


def _check_vendor_answer(
    response: RawResponse, vendor: str, *controls: str
) -> dict[str, object] | None:
    """The vendor's JSON, with 200, a 4xx, or a 5xx the request forced; never anything else."""
    status = response.status
    assert status == 200 or 400 <= status < 500 or (status >= 500 and _forced(status, *controls)), (
        f"{vendor} answered {status}: {response.body[:300]!r}"
    )
    if vendor == "cloudflare":
        return assert_cloudflare_shape(response)
    return assert_datadog_shape(response)


def _asks_to_wait(text: str) -> bool:
    """Whether `text` may ask for a forced delay of 100 ms or more (a legitimate wait)."""
    for digits in re.findall(r"latency[\s=\"]*(\d+)", text, re.IGNORECASE):
        significant = digits.lstrip("0")
        # Over five digits is beyond the 60000 ms cap: refused at once, no wait.
        if len(significant) <= 5 and int(significant or "0") >= 100:
            return True
    return False


def _assume_quick(*controls: str) -> None:
    """Keep forced delays short."""
    for text in controls:
        assume(not _asks_to_wait(unquote(text)))


def _get(port: int, target: str | bytes, headers: dict[str, str] | None = None) -> RawResponse:
    raw_target = target.encode("ascii") if isinstance(target, str) else target
    pairs = [(k.encode(), v.encode("latin-1")) for k, v in (headers or {}).items()]
    return exchange(port, build_request(b"GET", raw_target, pairs))


# --- path parameters --------------------------------------------------------------------------


@given(
    account=SEGMENT,
    result=SEGMENT,
    prefix=st.sampled_from(["/client/v4", ""]),
    authed=st.booleans(),
)
def test_cloudflare_path_parameters(
    fuzz_server: LiveServer, account: bytes, result: bytes, prefix: str, authed: bool
) -> None:
    target = (
        f"{prefix}/accounts/{_segment(account)}/dex/traceroute-test-results/"
        f"{_segment(result)}/network-path"
    )
    response = _get(fuzz_server.port, target, CF_AUTH if authed else None)
    body = _check_vendor_answer(response, "cloudflare")
    assert body is not None
    if CF_ROUTE.fullmatch(unquote(target)) is None:
        # A malformed identifier is Cloudflare's route error, before any auth check.
        assert response.status == 400
        errors: Any = body["errors"]
        assert errors[0]["code"] == CF_ROUTE_ERROR
    elif authed:
        assert response.status in (200, 404)
    else:
        assert response.status == 400  # 9106: no credentials


@given(public_id=SEGMENT, authed=st.booleans())
def test_datadog_path_parameter(fuzz_server: LiveServer, public_id: bytes, authed: bool) -> None:
    target = f"/api/v2/synthetics/tests/network/{_segment(public_id)}"
    response = _get(fuzz_server.port, target, DD_AUTH if authed else None)
    body = _check_vendor_answer(response, "datadog")
    decoded = unquote(_segment(public_id))
    if not decoded or "/" in decoded:
        assert (response.status, body) == (404, {"errors": ["Not found"]})
    elif authed:
        assert response.status in (200, 404)
    else:
        assert response.status == 401


@pytest.mark.parametrize("vendor", ["cloudflare", "datadog"])
@pytest.mark.parametrize("size", [65_600, 200_000, 1_000_000])
def test_request_target_beyond_the_url_limit_is_refused_cleanly(
    fuzz_server: LiveServer, vendor: str, size: int
) -> None:
    base = CF_PATH if vendor == "cloudflare" else DD_PATH
    target = base + "?q=" + "a" * size
    response = _get(fuzz_server.port, target, CF_AUTH if vendor == "cloudflare" else DD_AUTH)
    assert response.status == 431, response
    assert response.header("connection") == "close"
    _check_vendor_answer(response, vendor)


# --- query string -----------------------------------------------------------------------------


@given(query=QUERY, vendor=st.sampled_from(["cloudflare", "datadog"]))
def test_query_string(fuzz_server: LiveServer, query: str, vendor: str) -> None:
    _assume_quick(query)
    base, auth = (CF_PATH, CF_AUTH) if vendor == "cloudflare" else (DD_PATH, DD_AUTH)
    response = _get(fuzz_server.port, f"{base}?{query}", auth)
    _check_vendor_answer(response, vendor, query.partition("#")[0])


# --- auth and control headers -----------------------------------------------------------------


@pytest.mark.parametrize("header", HEADERS)
@pytest.mark.parametrize("vendor", ["cloudflare", "datadog"])
@given(value=HEADER_VALUE)
def test_auth_and_control_headers(
    fuzz_server: LiveServer, vendor: str, header: str, value: bytes
) -> None:
    base, auth = (CF_PATH, CF_AUTH) if vendor == "cloudflare" else (DD_PATH, DD_AUTH)
    text = value.decode("latin-1")
    if header == "Prefer":
        _assume_quick(text)
    headers = [(k.encode(), v.encode()) for k, v in auth.items() if k.lower() != header.lower()]
    headers.append((header.encode(), value))
    response = exchange(fuzz_server.port, build_request(b"GET", base.encode(), headers))
    if FORBIDDEN_IN_FIELD.intersection(value) and is_http_layer_refusal(response):
        return  # not valid HTTP: the HTTP layer may refuse it (see the module docstring)
    _check_vendor_answer(response, vendor, text if header == "Prefer" else "")


# --- bodies -----------------------------------------------------------------------------------

BODY = st.binary(max_size=2048) | huge(64 * 1024, 1 << 20, ANY_BYTES)
CONTENT_TYPE = st.sampled_from(
    [None, b"application/json", b"text/plain", b"multipart/form-data; boundary=x", b"\xff\xfe"]
)


@given(
    method=st.sampled_from([b"POST", b"PUT", b"PATCH", b"DELETE"]),
    body=BODY,
    content_type=CONTENT_TYPE,
    vendor=st.sampled_from(["cloudflare", "datadog"]),
    collection=st.booleans(),
)
def test_garbage_bodies_on_vendor_paths(
    fuzz_server: LiveServer,
    method: bytes,
    body: bytes,
    content_type: bytes | None,
    vendor: str,
    collection: bool,
) -> None:
    if vendor == "cloudflare":
        target = CF_PATH.removesuffix("/network-path") if collection else CF_PATH
        auth = CF_AUTH
    else:
        target = DD_PATH.rsplit("/", 1)[0] if collection else DD_PATH
        auth = DD_AUTH
    headers = [(k.encode(), v.encode()) for k, v in auth.items()]
    if content_type is not None:
        headers.append((b"Content-Type", content_type))
    response = exchange(fuzz_server.port, build_request(method, target.encode(), headers, body))
    payload = _check_vendor_answer(response, vendor)
    if vendor == "datadog" and (method, collection) in {(b"POST", True), (b"PUT", False)}:
        # Create and update parse the body: garbage is a 400 in the validator's words.
        assert response.status == 400
        assert isinstance(payload["errors"], list) and len(payload["errors"]) == 1
    elif vendor == "datadog":
        # Datadog answers any method or path it does not serve with 404 "Not found".
        assert (response.status, payload) == (404, {"errors": ["Not found"]})
    elif collection:
        assert response.status == 400  # no such route: 7003
    else:
        assert response.status == 405  # the path exists for GET only: 7001


@pytest.mark.parametrize("vendor", ["cloudflare", "datadog"])
@pytest.mark.parametrize("size", [(1 << 20) + 1, 4 << 20])
def test_body_over_the_limit_is_a_clean_413(
    fuzz_server: LiveServer, vendor: str, size: int
) -> None:
    target, auth = (CF_PATH, CF_AUTH) if vendor == "cloudflare" else (DD_PATH, DD_AUTH)
    headers = [(k.encode(), v.encode()) for k, v in auth.items()]
    request = build_request(b"POST", target.encode(), headers, b"\x00" * size)
    response = exchange(fuzz_server.port, request)
    assert response.status == 413
    payload = _check_vendor_answer(response, vendor)
    assert payload is not None
    if vendor == "datadog":
        assert payload == {"errors": ["Request Entity Too Large"]}
    else:
        errors = payload["errors"]
        assert isinstance(errors, list) and errors[0]["message"] == "Request body too large"


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"POST " + DD_PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        b"Connection: close\r\n\r\nzz\r\ngarbage\r\n0\r\n\r\n",
        b"GET " + CF_PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
        b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(64)),  # a TLS ClientHello
        b"GET " + CF_PATH.encode() + b" HTTP/9.9\r\nHost: x\r\n\r\n",
    ],
    ids=["bad-chunk", "length-and-chunked", "tls-hello", "bad-version"],
)
def test_malformed_http_is_refused_cleanly(fuzz_server: LiveServer, request_bytes: bytes) -> None:
    response = exchange(fuzz_server.port, request_bytes)
    assert is_http_layer_refusal(response), response


# --- regression: digit look-alikes and overlong numbers in controls (once a 500) -------------


@pytest.mark.parametrize("vendor", ["cloudflare", "datadog"])
@pytest.mark.parametrize(
    ("prefer", "query"),
    [
        ("code=5\u00b23", ""),  # '²' is a digit to str.isdigit(), not to int()
        ("latency=\u00b9", ""),
        ("", "__code=%C2%B2%C2%B2%C2%B2"),
        ("latency=" + "0" * 5000, ""),  # beyond int()'s 4300-digit limit
    ],
    ids=["code-superscript", "latency-superscript", "query-superscript", "latency-5000-digits"],
)
def test_digit_lookalikes_in_controls_are_a_400(
    fuzz_server: LiveServer, vendor: str, prefer: str, query: str
) -> None:
    base, auth = (CF_PATH, CF_AUTH) if vendor == "cloudflare" else (DD_PATH, DD_AUTH)
    headers = {**auth, "Prefer": prefer} if prefer else auth
    response = _get(fuzz_server.port, f"{base}?{query}" if query else base, headers)
    assert response.status == 400, response.body
    _check_vendor_answer(response, vendor)


def test_server_still_serves_after_hostile_input(fuzz_server: LiveServer) -> None:
    assert _get(fuzz_server.port, CF_PATH, CF_AUTH).status == 200
    assert _get(fuzz_server.port, DD_PATH, DD_AUTH).status == 200
    assert _get(fuzz_server.port, "/_mock/health").status == 200
