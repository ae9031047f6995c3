"""Simulation controls: forced responses, latency, faults, journal, sessions, reset, catalog."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx
import pytest

from netpath_mock.testing import LiveServer
from tests.conftest import DD_HEADERS, TOKEN, network_path_url

CF = {"Authorization": f"Bearer {TOKEN}"}
DD_URL = "/api/v2/synthetics/tests/network/c7a-uwa-wn2"


@pytest.mark.parametrize(
    ("code", "error_code"),
    [(400, 7003), (403, 10000), (404, 1001), (500, 10001), (502, 10002), (503, 10003)],
)
def test_prefer_code_cloudflare(
    http: httpx.Client, session_headers: dict[str, str], code: int, error_code: int
) -> None:
    response = http.get(
        network_path_url(), headers={**CF, **session_headers, "Prefer": f"code={code}"}
    )
    assert response.status_code == code
    body = response.json()
    assert body["success"] is False and body["result"] is None
    assert body["errors"][0]["code"] == error_code
    assert response.headers["server"] == "cloudflare"


def test_prefer_code_429_cloudflare_has_retry_after_and_exhausted_bucket(
    http: httpx.Client, session_headers: dict[str, str]
) -> None:
    response = http.get(network_path_url(), headers={**CF, **session_headers, "Prefer": "code=429"})
    assert response.status_code == 429
    assert response.json()["errors"] == [
        {"code": 971, "message": "Please wait and consider throttling your request speed"}
    ]
    assert 1 <= int(response.headers["retry-after"]) <= 60
    assert response.headers["ratelimit"].startswith('"default";r=0;')


@pytest.mark.parametrize(
    ("code", "errors"),
    [
        (400, ["Bad Request"]),
        (401, ["Unauthorized"]),
        (403, ["Forbidden", "Failed permission authorization checks"]),
        (404, ["Synthetics test not found"]),
        (500, ["Internal Server Error"]),
        (503, ["Service Unavailable"]),
    ],
)
def test_prefer_code_datadog(
    http: httpx.Client, session_headers: dict[str, str], code: int, errors: list[str]
) -> None:
    response = http.get(DD_URL, headers={**DD_HEADERS, **session_headers, "Prefer": f"code={code}"})
    assert response.status_code == code
    assert response.json() == {"errors": errors}


def test_prefer_code_429_datadog(http: httpx.Client, session_headers: dict[str, str]) -> None:
    response = http.get(DD_URL, headers={**DD_HEADERS, **session_headers, "Prefer": "code=429"})
    assert response.status_code == 429
    assert response.json() == {
        "errors": ["Rate limit of 1000 requests in 60 seconds reached. Please try again later."]
    }
    assert response.headers["x-ratelimit-remaining"] == "0"
    assert int(response.headers["x-ratelimit-reset"]) >= 1


def test_prefer_code_200_is_the_normal_answer(http: httpx.Client) -> None:
    normal = http.get(DD_URL, headers=DD_HEADERS)
    preferred = http.get(DD_URL, headers={**DD_HEADERS, "Prefer": "code=200"})
    assert preferred.status_code == 200 and preferred.content == normal.content
    cf = http.get(network_path_url(), headers={**CF, "Prefer": "code=200"})
    assert cf.status_code == 200 and cf.json()["success"] is True


def test_code_query_parameter_where_headers_cannot_be_set(http: httpx.Client) -> None:
    response = http.get(DD_URL + "?__code=503", headers=DD_HEADERS)
    assert response.status_code == 503
    response = http.get(network_path_url() + "?__code=404", headers=CF)
    assert response.status_code == 404


def test_unsupported_code_names_the_supported_ones(http: httpx.Client) -> None:
    cf = http.get(network_path_url(), headers={**CF, "Prefer": "code=418"})
    assert cf.status_code == 400
    text = cf.json()["errors"][0]["error_chain"][0]["message"]
    assert "418" in text and "429" in text and "503" in text
    dd = http.get(DD_URL, headers={**DD_HEADERS, "Prefer": "code=418"})
    assert dd.status_code == 400
    assert "supported codes" in dd.json()["errors"][0]


def test_prefer_latency_delays_one_response_without_blocking_others(
    http: httpx.Client, server: LiveServer
) -> None:
    slow: dict[str, float] = {}

    def fire() -> None:
        started = time.monotonic()
        httpx.get(server.url + DD_URL, headers={**DD_HEADERS, "Prefer": "latency=600"}, timeout=10)
        slow["elapsed"] = time.monotonic() - started

    thread = threading.Thread(target=fire)
    thread.start()
    time.sleep(0.1)
    started = time.monotonic()
    assert http.get(DD_URL, headers=DD_HEADERS).status_code == 200
    fast = time.monotonic() - started
    thread.join()
    assert slow["elapsed"] >= 0.6
    assert fast < 0.3, "a delayed response must not hold up the others"


def test_latency_setting_delays_every_response(make_server: Callable[..., LiveServer]) -> None:
    live = make_server(latency="150-200")
    started = time.monotonic()
    assert httpx.get(live.url + DD_URL, headers=DD_HEADERS).status_code == 200
    assert 0.15 <= time.monotonic() - started < 2


def test_fault_injection_is_seeded_and_vendor_shaped(
    make_server: Callable[..., LiveServer],
) -> None:
    runs = []
    for _ in range(2):
        live = make_server(fault_rate=0.3)
        statuses = [
            httpx.get(live.url + network_path_url(), headers=CF).status_code for _ in range(40)
        ]
        runs.append(statuses)
        faulty = httpx.get(live.url + network_path_url(), headers={**CF, "Prefer": "code=503"})
        assert faulty.json()["success"] is False
    assert runs[0] == runs[1], "the same seed injects the same sequence"
    faults = [s for s in runs[0] if s != 200]
    assert 4 <= len(faults) <= 24
    assert set(faults) <= {500, 502, 503}


def test_journal_records_filters_and_clears(
    http: httpx.Client, session_headers: dict[str, str]
) -> None:
    http.get(network_path_url() + "?x=1", headers={**CF, **session_headers})
    http.get(DD_URL, headers={**DD_HEADERS, **session_headers})
    http.post(DD_URL, headers={**DD_HEADERS, **session_headers}, content=b'{"a": 1}')
    everything = http.get("/_mock/requests", headers=session_headers).json()["requests"]
    assert [(e["vendor"], e["method"], e["status"]) for e in everything] == [
        ("cloudflare", "GET", 200),
        ("datadog", "GET", 200),
        ("datadog", "POST", 404),
    ]
    first = everything[0]
    assert first["query"] == "x=1" and first["path"] == network_path_url()
    assert first["headers"]["authorization"] == "***"
    assert everything[2]["body"] == '{"a": 1}'
    assert everything[1]["headers"]["dd-api-key"] == "***"
    only_dd = http.get("/_mock/requests?vendor=datadog&method=get", headers=session_headers).json()
    assert len(only_dd["requests"]) == 1
    by_path = http.get("/_mock/requests?path=network-path", headers=session_headers).json()
    assert len(by_path["requests"]) == 1
    assert http.delete("/_mock/requests", headers=session_headers).status_code == 200
    assert http.get("/_mock/requests", headers=session_headers).json()["requests"] == []


def test_journal_is_bounded(make_server: Callable[..., LiveServer]) -> None:
    live = make_server(journal_size=5)
    for _ in range(12):
        httpx.get(live.url + DD_URL, headers=DD_HEADERS)
    assert len(httpx.get(live.url + "/_mock/requests").json()["requests"]) == 5


def test_sessions_have_their_own_journal_and_buckets(
    make_server: Callable[..., LiveServer],
) -> None:
    live = make_server(datadog_rate_limit="2/3600")
    a, b = {"X-Mock-Session": "worker-a"}, {"X-Mock-Session": "worker-b"}
    statuses_a = [
        httpx.get(live.url + DD_URL, headers={**DD_HEADERS, **a}).status_code for _ in range(3)
    ]
    status_b = httpx.get(live.url + DD_URL, headers={**DD_HEADERS, **b}).status_code
    assert statuses_a == [200, 200, 429]
    assert status_b == 200, "another session's bucket is untouched"
    assert len(httpx.get(live.url + "/_mock/requests", headers=a).json()["requests"]) == 3
    assert len(httpx.get(live.url + "/_mock/requests", headers=b).json()["requests"]) == 1
    assert httpx.get(live.url + "/_mock/requests").json()["requests"] == []
    # Reset acts on the calling session only.
    assert httpx.post(live.url + "/_mock/reset", headers=a).status_code == 200
    assert httpx.get(live.url + DD_URL, headers={**DD_HEADERS, **a}).status_code == 200
    assert len(httpx.get(live.url + "/_mock/requests", headers=b).json()["requests"]) == 1


def test_invalid_session_name_is_a_vendor_error(http: httpx.Client) -> None:
    cf = http.get(network_path_url(), headers={**CF, "X-Mock-Session": "bad name!"})
    assert cf.status_code == 400 and cf.json()["success"] is False
    dd = http.get(DD_URL, headers={**DD_HEADERS, "X-Mock-Session": "x" * 200})
    assert dd.status_code == 400 and "X-Mock-Session" in dd.json()["errors"][0]
    assert http.get("/_mock/requests", headers={"X-Mock-Session": "bad name!"}).status_code == 400


def test_reset_with_new_seed_changes_the_universe(make_server: Callable[..., LiveServer]) -> None:
    live = make_server()
    before = httpx.get(live.url + "/_mock/catalog?vendor=datadog&limit=5").json()["items"]
    reply = httpx.post(live.url + "/_mock/reset", json={"seed": 99})
    assert reply.status_code == 200 and reply.json()["seed"] == 99
    after = httpx.get(live.url + "/_mock/catalog?vendor=datadog&limit=5").json()["items"]
    # The docs' test ids exist under every seed (their newest results differ).
    assert [i["public_id"] for i in before[:2]] == [i["public_id"] for i in after[:2]]
    assert before[2:] != after[2:]
    assert (
        httpx.get(
            live.url + f"{DD_URL[:-11]}{after[3]['public_id']}", headers=DD_HEADERS
        ).status_code
        == 200
    )
    assert httpx.get(live.url + "/_mock/health").json()["seed"] == 99


def test_catalog_endpoint(http: httpx.Client) -> None:
    reply = http.get("/_mock/catalog?vendor=cloudflare&limit=7").json()
    assert len(reply["items"]) == 7
    assert set(reply["items"][0]) == {"account_id", "test_result_id"}
    assert http.get("/_mock/catalog?vendor=nope").status_code == 400
    assert http.get("/_mock/catalog?vendor=datadog&limit=0").status_code == 400
    assert "detail" not in http.get("/_mock/catalog").json()


def test_health(http: httpx.Client) -> None:
    health = http.get("/_mock/health").json()
    assert health["status"] == "ok" and health["vendors"] == ["cloudflare", "datadog"]


def test_admin_token_guards_the_control_plane(make_server: Callable[..., LiveServer]) -> None:
    live = make_server(admin_token="s3cret")
    good, bad = {"Authorization": "Bearer s3cret"}, {"Authorization": "Bearer nope"}
    for path in ("/_mock/requests", "/_mock/catalog?vendor=datadog"):
        assert httpx.get(live.url + path).status_code == 401
        assert httpx.get(live.url + path, headers=bad).status_code == 401
        assert httpx.get(live.url + path, headers=good).status_code == 200
    assert httpx.post(live.url + "/_mock/reset").status_code == 401
    assert httpx.post(live.url + "/_mock/reset", headers=good).status_code == 200
    # Probes carry no token: health stays open; the interactive docs are off (and everything
    # else of the control plane needs the token first).
    assert httpx.get(live.url + "/_mock/health").status_code == 200
    for path in ("/_mock/docs", "/_mock/openapi.json"):
        assert httpx.get(live.url + path).status_code == 401
        assert httpx.get(live.url + path, headers=good).status_code == 404
    # Vendor paths are not guarded by it.
    assert httpx.get(live.url + DD_URL, headers=DD_HEADERS).status_code == 200
