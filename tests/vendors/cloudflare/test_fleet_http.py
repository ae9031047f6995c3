"""The fleet operations over HTTP: the official SDK in strict mode, the contract, the 4xx answers.

Every answer is validated against Cloudflare's contract (../shared; skipped cleanly without it),
with the contract's two known quirks patched as the universe doc §2 says real answers need.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import cloudflare
import httpx
import pytest
from cloudflare import Cloudflare
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from netpath_mock.testing import LiveServer
from netpath_mock.vendors.cloudflare import devices, universe
from netpath_mock.vendors.cloudflare.fleet import COLO_CODES
from tests.conftest import DOC_ACCOUNT, SEED, TOKEN
from tests.contract.validation import CONTRACTS

CONTRACT = CONTRACTS / "cloudflare-dex.openapi.json"
EPOCH = "2026-11-01T00:00:00Z"
LAST_HOUR = {"from": "2026-10-31T23:00:00Z", "to": EPOCH}
WEEK = {"from": "2026-10-25T00:00:00Z", "to": EPOCH}
ACCOUNTS = universe.catalog_accounts(SEED, 3)


@cache
def _contract() -> OpenAPI:
    spec = json.loads(CONTRACT.read_text())
    schemas = spec["components"]["schemas"]
    # Quirk 1 (universe doc §2): the collection envelope says `result` is an array while the
    # isps operation says an object; real answers follow the operation.
    collection = copy.deepcopy(schemas["digital-experience-monitoring_api-response-collection"])
    collection["allOf"][1]["properties"].pop("result")
    schemas["digital-experience-monitoring_api-response-collection"] = collection
    # Quirk 2: WARP events are oneOf two branches without required fields (each event matches
    # both): read it as anyOf.
    events = schemas["digital-experience-monitoring_warp_events_response"]["items"]
    events["anyOf"] = events.pop("oneOf")
    return OpenAPI.from_dict(spec)


def validate(response: httpx.Response) -> None:
    """Raise unless the answer conforms to the (patched) DEX contract."""
    if not CONTRACT.is_file():
        return
    path = response.request.url.path
    if not path.startswith("/client/v4"):
        path = "/client/v4" + path
    request = MockRequest("https://api.cloudflare.com", response.request.method.lower(), path)
    mock = MockResponse(
        response.content,
        status_code=response.status_code,
        content_type=response.headers.get("content-type", ""),
        headers=dict(response.headers),
    )
    _contract().validate_response(request, mock)


def _client(server: LiveServer, **kw: Any) -> Cloudflare:
    kw.setdefault("api_token", TOKEN)
    return Cloudflare(
        base_url=server.cloudflare_base_url,
        _strict_response_validation=True,
        max_retries=0,
        **kw,
    )


@pytest.fixture(scope="module")
def client(server: LiveServer) -> Iterator[Cloudflare]:
    with _client(server) as c:
        yield c


def _url(account: str, path: str, prefix: str = "/client/v4") -> str:
    return f"{prefix}/accounts/{account}/dex/{path}"


def _get(http: httpx.Client, headers: dict[str, str], url: str, **params: Any) -> httpx.Response:
    response = http.get(url, params=params, headers=headers)
    validate(response)
    return response


# --- the SDK, strict, on catalog accounts ---------------------------------------------------------


@pytest.mark.parametrize("account", ACCOUNTS)
def test_sdk_lists_the_registry_and_reads_every_device(client: Cloudflare, account: str) -> None:
    reg = {r.device_id: r for r in devices.registry(SEED, account)}
    fleet = client.zero_trust.dex.fleet_status
    raw = fleet.devices.with_raw_response.list(
        account_id=account, from_=WEEK["from"], to=EPOCH, page=1, per_page=50, source="hourly"
    )
    validate(raw.http_response)
    seen: dict[str, str] = {}
    # Auto-paging walks pages until an empty one (V4PagePaginationArray).
    for row in fleet.devices.list(
        account_id=account, from_=WEEK["from"], to=EPOCH, page=1, per_page=50, source="hourly"
    ):
        seen[row.device_id] = row.device_name or ""
        assert row.platform == reg[row.device_id].platform
    assert seen == {d: reg[d].name for d in seen}
    assert len(seen) >= len(reg) - 1  # a week holds (nearly) every device
    live = fleet.live(account_id=account, since_minutes=60)
    assert live is not None and live.device_stats is not None
    total = live.device_stats.unique_devices_total
    rows = list(
        fleet.devices.list(
            account_id=account, from_=LAST_HOUR["from"], to=EPOCH, page=1, per_page=5
        )
    )
    assert len(rows) == total
    for row in rows:
        raw_one = client.zero_trust.devices.fleet_status.with_raw_response.get(
            row.device_id, account_id=account, since_minutes=60
        )
        validate(raw_one.http_response)
        one = raw_one.parse()
        assert one.device_id == row.device_id and one.status == row.status
        assert one.colo in COLO_CODES | {"none"}
    over = fleet.with_raw_response.over_time(account_id=account, from_=WEEK["from"], to=EPOCH)
    validate(over.http_response)
    stats = over.parse()
    assert stats is not None and stats.device_stats is not None
    assert 0 < (stats.device_stats.unique_devices_total or 0) <= len(reg)


@pytest.mark.parametrize("account", ACCOUNTS)
def test_sdk_reads_isps_colos_and_events(client: Cloudflare, account: str) -> None:
    rec = next(
        (r for r in devices.registry(SEED, account) if r.platform in devices.ISP_PLATFORMS),
        None,
    )
    if rec is not None:
        raw = client.zero_trust.dex.devices.isps.with_raw_response.list(
            rec.device_id, account_id=account, per_page=5, sort_order="DESC"
        )
        validate(raw.http_response)
        body = raw.http_response.json()
        isps = body["result"]["isps"]
        assert len(isps) == 5 and body["result_info"]["total_count"] > 5
        assert {i["ip"]["asn"] for i in isps} == {rec.profile.asn}
        # Each entry's result resolves through the SDK to the same device and instant (C12).
        for isp in isps[:2]:
            path = client.zero_trust.dex.traceroute_test_results.network_path.get(
                isp["test_result_id"], account_id=account
            )
            assert path is not None and path.device_name == rec.name
            assert path.test_id == isp["test_id"]
    colos = client.zero_trust.dex.colos.with_raw_response.list(
        account_id=account, from_=WEEK["from"], to=EPOCH, sort_by="fleet-status-usage"
    )
    validate(colos.http_response)
    assert {c.airport_code for c in colos.parse()} == COLO_CODES
    events = client.zero_trust.dex.warp_change_events.with_raw_response.get(
        account_id=account, from_=WEEK["from"], to=EPOCH, page=1, per_page=50
    )
    validate(events.http_response)
    parsed = events.parse()
    assert parsed
    names = {r.name for r in devices.registry(SEED, account)}
    assert {e.hostname for e in parsed} <= names


def test_sdk_placeholder_device_live_status_is_unenveloped(client: Cloudflare) -> None:
    status = client.zero_trust.devices.fleet_status.get(
        devices.DOC_DEVICE_IDS[1], account_id=DOC_ACCOUNT, since_minutes=10
    )
    assert status.device_id == devices.DOC_DEVICE_IDS[1]
    with pytest.raises(cloudflare.NotFoundError):
        client.zero_trust.devices.fleet_status.get(
            "00000000-0000-4000-8000-000000000000", account_id=DOC_ACCOUNT, since_minutes=10
        )


# --- HTTP: both prefixes, the 4xx answers, the device over-time (no SDK method) ------------------


@pytest.mark.parametrize("prefix", ["/client/v4", ""])
def test_every_operation_answers_on_both_prefixes(
    http: httpx.Client, cf_headers: dict[str, str], prefix: str
) -> None:
    live_id, isp_id = devices.DOC_DEVICE_IDS[1], devices.DOC_DEVICE_IDS[0]
    calls: list[tuple[str, dict[str, Any]]] = [
        ("fleet-status/devices", {**LAST_HOUR, "page": 1, "per_page": 10}),
        ("fleet-status/live", {"since_minutes": 10}),
        ("fleet-status/over-time", WEEK),
        (f"devices/{live_id}/fleet-status/live", {"since_minutes": 10}),
        (f"devices/{live_id}/fleet-status/over-time", {**LAST_HOUR, "interval": "minute"}),
        (f"devices/{isp_id}/isps", {"per_page": 10}),
        ("colos", WEEK),
        ("warp-change-events", {**WEEK, "page": 1, "per_page": 10}),
    ]
    for path, params in calls:
        response = _get(http, cf_headers, _url(DOC_ACCOUNT, path, prefix), **params)
        assert response.status_code == 200, (path, response.text)
        body = response.json()
        if path.endswith("fleet-status/live") and path.startswith("devices/"):
            assert "success" not in body and body["deviceId"] == live_id
        else:
            assert body["success"] is True and body["errors"] == []


def test_device_over_time_minute_buckets(http: httpx.Client, cf_headers: dict[str, str]) -> None:
    device = devices.DOC_DEVICE_IDS[1]
    url = _url(DOC_ACCOUNT, f"devices/{device}/fleet-status/over-time")
    body = _get(http, cf_headers, url, **LAST_HOUR, interval="minute").json()
    points = body["result"]["over_time"]["status"]
    assert len(points) == 12  # an always-on device reports every 5 minutes
    assert all(p["timestamp"].endswith(":00+00") for p in points)


@pytest.mark.parametrize(
    ("path", "params", "code"),
    [
        ("fleet-status/devices", {**LAST_HOUR, "page": 1}, 11004),
        ("fleet-status/devices", {"to": EPOCH, "page": 1, "per_page": 5}, 11004),
        ("fleet-status/devices", {**LAST_HOUR, "page": 1, "per_page": 51}, 11005),
        ("fleet-status/devices", {**LAST_HOUR, "page": 0, "per_page": 5}, 11005),
        ("fleet-status/devices", {**LAST_HOUR, "page": 1.5, "per_page": 5}, 11005),
        ("fleet-status/devices", {**WEEK, "page": 1, "per_page": 5}, 11005),  # last_seen > 1 h
        ("fleet-status/devices", {**LAST_HOUR, "page": 1, "per_page": 5, "source": "x"}, 11005),
        ("fleet-status/devices", {**LAST_HOUR, "page": 1, "per_page": 5, "sort_by": "x"}, 11005),
        ("fleet-status/devices", {**LAST_HOUR, "page": 1, "per_page": 5, "device_id": "d"}, 11005),
        ("fleet-status/devices", {**LAST_HOUR, "page": "inf", "per_page": 5}, 11005),
        ("fleet-status/live", {}, 11004),
        ("fleet-status/live", {"since_minutes": "nan"}, 11005),
        ("fleet-status/over-time", {"from": "0", "to": "99999999999999999"}, 11005),
        ("fleet-status/live", {"since_minutes": 0}, 11005),
        ("fleet-status/over-time", {"from": "yesterday", "to": EPOCH}, 11005),
        ("fleet-status/over-time", {"from": EPOCH, "to": "2026-10-01T00:00:00Z"}, 11005),
        ("fleet-status/over-time", {"from": "", "to": EPOCH}, 11004),
        ("colos", {"from": EPOCH}, 11004),
        ("colos", {**WEEK, "sortBy": "usage"}, 11005),
        ("warp-change-events", {**WEEK, "page": 1}, 11004),
        ("warp-change-events", {**WEEK, "page": 1, "per_page": 5, "type": "x"}, 11005),
        (f"devices/{devices.DOC_DEVICE_IDS[0]}/isps", {}, 11004),
        (f"devices/{devices.DOC_DEVICE_IDS[0]}/isps", {"per_page": 5, "sort_order": "x"}, 11005),
        (f"devices/{devices.DOC_DEVICE_IDS[1]}/fleet-status/over-time", LAST_HOUR, 11004),
    ],
)
def test_parameter_errors(
    http: httpx.Client,
    cf_headers: dict[str, str],
    path: str,
    params: dict[str, Any],
    code: int,
) -> None:
    response = _get(http, cf_headers, _url(DOC_ACCOUNT, path), **params)
    assert response.status_code == 400
    body = response.json()
    assert body["success"] is False and body["result"] is None
    assert body["errors"][0]["code"] == code


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("devices/{id}/isps", {"per_page": 5}),
        ("devices/{id}/fleet-status/live", {"since_minutes": 10}),
    ],
)
def test_device_ids_unknown_malformed_and_of_another_account(
    http: httpx.Client, cf_headers: dict[str, str], path: str, params: dict[str, Any]
) -> None:
    other = devices.registry(SEED, ACCOUNTS[1])[0].device_id
    for device, status, code in [
        ("00000000-0000-4000-8000-000000000000", 404, 1001),
        (other, 404, 1001),
        ("deviceId", 400, 7003),
    ]:
        response = _get(http, cf_headers, _url(DOC_ACCOUNT, path.format(id=device)), **params)
        assert response.status_code == status
        assert response.json()["errors"][0]["code"] == code


def test_time_forms_give_identical_answers(http: httpx.Client, cf_headers: dict[str, str]) -> None:
    forms = [
        {"from": "2026-10-31T23:00:00Z", "to": "2026-11-01T00:00:00Z"},
        {"from": "1793487600000", "to": "1793491200000"},
        {"from": "2026-10-31 23:00:00+00", "to": "2026-11-01 00:00:00+00"},
    ]
    bodies = {
        _get(
            http, cf_headers, _url(DOC_ACCOUNT, "fleet-status/devices"), **f, page=1, per_page=50
        ).content
        for f in forms
    }
    assert len(bodies) == 1


def test_pii_needs_the_role(make_server: Callable[..., LiveServer]) -> None:
    live = make_server(
        credentials={
            "cloudflare": {
                "tokens": [
                    {"token": "plain", "permissions": ["Cloudflare DEX Read"]},
                    {"token": "pii", "permissions": ["Cloudflare DEX Read", "Zero Trust PII"]},
                ]
            }
        }
    )
    url = live.url + _url(DOC_ACCOUNT, f"devices/{devices.DOC_DEVICE_IDS[0]}/isps")
    seen = {}
    for token in ("plain", "pii"):
        response = httpx.get(
            url, params={"per_page": 1}, headers={"Authorization": f"Bearer {token}"}
        )
        validate(response)
        seen[token] = response.json()["result"]["isps"][0]["ip"]
    assert seen["plain"]["address"] == "REDACTED" and seen["plain"]["asn"] == seen["pii"]["asn"]
    assert seen["pii"]["address"] != "REDACTED"
    assert seen["plain"]["aso"] == seen["pii"]["aso"]
