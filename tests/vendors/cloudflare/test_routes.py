"""GET .../traceroute-test-results/{id}/network-path over HTTP, validated by the contract."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
import pytest

from netpath_mock.core.routing import iter_routes, operation_errors
from netpath_mock.core.settings import Settings
from netpath_mock.testing import LiveServer
from netpath_mock.vendors.cloudflare import errors
from netpath_mock.vendors.cloudflare.routes import ROUTERS
from tests.catalogs import cloudflare_catalog
from tests.conftest import DOC_ACCOUNT, DOC_RESULT, SEED, network_path_url
from tests.contract.validation import validate

CONTRACT = "cloudflare-dex-traceroute.openapi.json"
HOP_KEYS = {"ttl", "asn", "aso", "ipAddress", "location", "mile", "name", "packetLossPct", "rttMs"}
MILES = {"client-to-isp", "client-to-cf-ingress", "client-to-cf-egress", "client-to-app"}


def test_get_network_path(http: httpx.Client, cf_headers: dict[str, str]) -> None:
    response = http.get(network_path_url(), headers=cf_headers)
    assert response.status_code == 200
    validate(CONTRACT, response)
    body = response.json()
    assert list(body) == ["errors", "messages", "success", "result"]
    assert body["errors"] == [] and body["messages"] == [] and body["success"] is True
    result = body["result"]
    assert result["resultId"] == DOC_RESULT
    assert uuid.UUID(result["testId"]).version == 4
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00", result["time_start"])
    assert result["execution_context"] in {"IN_TUNNEL", "OUT_OF_TUNNEL"}
    assert re.fullmatch(r"[A-Z]{3}", result["colo"])
    assert result["hops"], "a path has hops"
    for hop in result["hops"]:
        assert set(hop) == HOP_KEYS
        assert isinstance(hop["ttl"], int)
        assert hop["rttMs"] is None or isinstance(hop["rttMs"], int)
        assert hop["packetLossPct"] is None or isinstance(hop["packetLossPct"], float)
        assert hop["mile"] is None or hop["mile"] in MILES
    assert response.headers["content-type"] == "application/json"


def test_get_network_path_without_client_v4_prefix(
    http: httpx.Client, cf_headers: dict[str, str]
) -> None:
    with_prefix = http.get(network_path_url(), headers=cf_headers)
    without = http.get(network_path_url(prefix=""), headers=cf_headers)
    assert without.status_code == 200
    validate(CONTRACT, without)
    assert without.content == with_prefix.content


def test_every_catalog_result_resolves(http: httpx.Client, cf_headers: dict[str, str]) -> None:
    items = cloudflare_catalog(SEED, 60)
    assert len({i["account_id"] for i in items}) >= 3, "the catalog spreads over accounts"
    for item in items:
        response = http.get(
            network_path_url(item["account_id"], item["test_result_id"]), headers=cf_headers
        )
        assert response.status_code == 200, item
        validate(CONTRACT, response)
        assert response.json()["result"]["resultId"] == item["test_result_id"]


def test_same_seed_and_id_give_identical_bytes_in_any_order(cf_headers: dict[str, str]) -> None:
    items = cloudflare_catalog(SEED, 12)
    urls = [network_path_url(i["account_id"], i["test_result_id"]) for i in items]
    with (
        LiveServer(Settings(seed=SEED)) as first,
        LiveServer(Settings(seed=SEED, cache_size=0)) as second,
    ):
        a = [httpx.get(first.url + u, headers=cf_headers).content for u in urls]
        b = [httpx.get(second.url + u, headers=cf_headers).content for u in reversed(urls)]
    assert a == list(reversed(b))
    assert len(set(a)) == len(a), "different results have different bodies"


def test_other_seed_gives_other_universe(cf_headers: dict[str, str]) -> None:
    item = cloudflare_catalog(SEED, 5)[-1]
    url = network_path_url(item["account_id"], item["test_result_id"])
    with LiveServer(Settings(seed=SEED + 1)) as other:
        response = httpx.get(other.url + url, headers=cf_headers)
    assert response.status_code == 404


def test_unknown_id_404(http: httpx.Client, cf_headers: dict[str, str]) -> None:
    response = http.get(
        network_path_url(result=str(uuid.UUID(int=12345, version=4))), headers=cf_headers
    )
    assert response.status_code == 404
    validate(CONTRACT, response)
    body = response.json()
    assert body["success"] is False and body["result"] is None and body["messages"] == []
    assert body["errors"][0]["code"] >= 1000 and "not found" in body["errors"][0]["message"]


@pytest.mark.parametrize(
    ("account", "result"),
    [
        (DOC_ACCOUNT + "0", DOC_RESULT),  # account_id over 32 characters
        (DOC_ACCOUNT, DOC_RESULT + "0"),  # test_result_id over 36 characters
        ("not-an-account-id-at-all", DOC_RESULT),
        (DOC_ACCOUNT, "not-a-uuid"),
    ],
)
def test_malformed_identifier_400_7003(
    http: httpx.Client, cf_headers: dict[str, str], account: str, result: str
) -> None:
    path = network_path_url(account, result)
    response = http.get(path, headers=cf_headers)
    assert response.status_code == 400
    validate(CONTRACT, response)
    body = response.json()
    assert list(body) == ["result", "success", "errors", "messages"]
    assert body["errors"] == [
        {
            "code": 7003,
            "message": f"Could not route to {path}, perhaps your object identifier is invalid?",
        }
    ]


def test_unknown_route_400_7003(http: httpx.Client, cf_headers: dict[str, str]) -> None:
    path = f"/client/v4/accounts/{DOC_ACCOUNT}/dex/no-such-thing"
    response = http.get(path, headers=cf_headers)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        f"Could not route to {path}, perhaps your object identifier is invalid?"
    )


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_other_methods_get_the_failure_envelope(
    http: httpx.Client, cf_headers: dict[str, str], method: str
) -> None:
    response = http.request(method, network_path_url(), headers=cf_headers)
    assert response.status_code == 405
    body = response.json()
    assert body["success"] is False and body["result"] is None and body["messages"] == []
    assert body["errors"][0]["code"] == 7001
    assert "detail" not in body


def test_vendor_headers(http: httpx.Client, cf_headers: dict[str, str]) -> None:
    response = http.get(network_path_url(), headers=cf_headers)
    assert response.headers.get_list("server") == ["cloudflare"]
    assert re.fullmatch(r"[0-9a-f]{16}-[A-Z]{3}", response.headers["cf-ray"])
    assert re.fullmatch(r'"default";r=\d+;t=\d+', response.headers["ratelimit"])
    assert response.headers["ratelimit-policy"] == '"default";q=1200;w=300'
    rays = {http.get(network_path_url(), headers=cf_headers).headers["cf-ray"] for _ in range(5)}
    assert len(rays) == 5, "every answer has its own ray id"


def test_results_of_a_test_share_its_identity(
    http: httpx.Client, cf_headers: dict[str, str]
) -> None:
    # The universe's layout: runs of one test share testId/testName; run r + D (D devices) is
    # the same device one interval earlier.
    from datetime import datetime

    from netpath_mock.vendors.cloudflare import universe

    shape = universe.account_shape(SEED, DOC_ACCOUNT)
    # Devices 0 and 1 of the docs' account are always on, so each of their slots is a run.
    runs = [0, 1, shape.devices, shape.devices + 1]
    ids = [universe.result_id(SEED, DOC_ACCOUNT, 1, run) for run in runs]
    results = [
        http.get(network_path_url(result=i), headers=cf_headers).json()["result"] for i in ids
    ]
    assert len({r["testId"] for r in results}) == 1
    assert len({r["testName"] for r in results}) == 1
    assert results[0]["deviceName"] == results[2]["deviceName"] != results[1]["deviceName"]
    assert results[1]["deviceName"] == results[3]["deviceName"]
    stamps = [datetime.strptime(r["time_start"], "%Y-%m-%d %H:%M:%S+00") for r in results]
    assert len(set(stamps)) == 4
    assert (stamps[0] - stamps[2]).total_seconds() == shape.intervals_min[1] * 60


# --- forced statuses answer each operation's own error (issue 10 item 4) ----------------------


def _query_or_body(route: Any) -> bool:
    def query(dependant: Any) -> bool:
        return bool(dependant.query_params) or any(query(d) for d in dependant.dependencies)

    return query(route.dependant) or bool(route.methods & {"POST", "PUT", "PATCH"})


def test_every_operation_documents_its_own_404_and_400() -> None:
    for route in iter_routes(ROUTERS):
        own = operation_errors(route)
        path_ids = [p for p in route.dependant.path_params if p.name != "account_id"]
        # Account-level operations address no object: their 404 is the account's.
        assert (own[404] == errors.ACCOUNT_NOT_FOUND) == (not path_ids), route.operation_id
        assert own[404] != errors.RESULT_NOT_FOUND or route.path.endswith("/network-path")
        # Operations with query parameters or a body: a 400 is their parameter error.
        assert (own.get(400) == errors.PARAMETER_MISSING_ERROR) == _query_or_body(route), (
            route.operation_id
        )


@pytest.mark.parametrize(
    ("path", "status", "code", "message"),
    [
        ("colos?from=2026-10-31T00:00:00Z&to=2026-11-01T00:00:00Z", 404, 1001, "Account not found"),
        ("fleet-status/live?since_minutes=10", 404, 1001, "Account not found"),
        ("warp-change-events?from=2026-10-31T00:00:00Z&to=2026-11-01T00:00:00Z", 404, 1001, None),
        ("colos?from=2026-10-31T00:00:00Z&to=2026-11-01T00:00:00Z", 400, 11004, None),
        ("fleet-status/live?since_minutes=10", 400, 11004, "dex.api.parameter.missing"),
        (f"traceroute-test-results/{DOC_RESULT}/network-path", 404, 1001, None),
        (f"traceroute-test-results/{DOC_RESULT}/network-path", 400, 7003, None),
    ],
)
def test_forced_statuses_answer_the_operations_own_error(
    http: httpx.Client,
    cf_headers: dict[str, str],
    path: str,
    status: int,
    code: int,
    message: str | None,
) -> None:
    headers = {**cf_headers, "Prefer": f"code={status}"}
    response = http.get(f"/client/v4/accounts/{DOC_ACCOUNT}/dex/{path}", headers=headers)
    assert response.status_code == status
    error = response.json()["errors"][0]
    assert error["code"] == code
    if message is not None:
        assert error["message"] == message
    if "network-path" in path and status == 404:
        assert error["message"] == "Traceroute test result not found"
    else:
        assert error["message"] != "Traceroute test result not found"
