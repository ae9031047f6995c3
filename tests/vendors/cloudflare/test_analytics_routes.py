"""The DEX test analytics operations over HTTP and through the official SDK (strict mode).

Every answer is validated against Cloudflare's contract (cloudflare-dex.openapi.json); ids come
from the catalog (`/_mock/catalog?kind=tests|devices`), as a user would take them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import cloudflare
import httpx
import pytest
from cloudflare import Cloudflare

from netpath_mock.testing import LiveServer
from tests.conftest import DOC_ACCOUNT, DOC_RESULT, TOKEN
from tests.contract.validation import validate

CONTRACT = "cloudflare-dex.openapi.json"
FROM, TO = "2026-10-31T06:00:00Z", "2026-11-01T00:00:00Z"
DOC_DEVICE = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"


@pytest.fixture(scope="module")
def catalog(server: LiveServer) -> dict[str, list[dict[str, Any]]]:
    with httpx.Client(base_url=server.url) as client:
        found = {}
        for kind in ("tests", "devices"):
            params = {"vendor": "cloudflare", "kind": kind, "limit": 200}
            answer = client.get("/_mock/catalog", params=params)
            assert answer.status_code == 200
            found[kind] = answer.json()["items"]
    return found


@pytest.fixture(scope="module")
def sdk(server: LiveServer) -> Iterator[Cloudflare]:
    with Cloudflare(
        base_url=server.cloudflare_base_url,
        api_token=TOKEN,
        _strict_response_validation=True,
        max_retries=0,
    ) as client:
        yield client


def dex(account: str, prefix: str = "/client/v4") -> str:
    return f"{prefix}/accounts/{account}/dex"


def ok(response: httpx.Response) -> Any:
    validate(CONTRACT, response)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()["result"]


def failure(response: httpx.Response, status: int, code: int) -> str:
    validate(CONTRACT, response)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["success"] is False and body["result"] is None
    assert body["errors"][0]["code"] == code
    message: str = body["errors"][0]["message"]
    return message


def test_catalog_lists_tests_and_devices_of_both_kinds(
    catalog: dict[str, list[dict[str, Any]]],
) -> None:
    tests = catalog["tests"]
    assert {t["kind"] for t in tests} == {"traceroute", "http"}
    assert tests[0] == {
        "account_id": DOC_ACCOUNT,
        "test_id": DOC_RESULT,
        "kind": "traceroute",
        "name": tests[0]["name"],
        "device_id": DOC_DEVICE,
    }
    devices = catalog["devices"]
    assert devices[0]["device_id"] == DOC_DEVICE and devices[0]["account_id"] == DOC_ACCOUNT
    assert {d["platform"] for d in devices} >= {"linux", "ios", "windows"}


def test_catalog_kinds_from_the_command_line_and_a_bad_kind(http: httpx.Client) -> None:
    from typer.testing import CliRunner

    from netpath_mock.cli import cli

    runner = CliRunner()
    args = ["catalog", "--vendor", "cloudflare", "--seed", "1234", "--limit", "3"]
    done = runner.invoke(cli, [*args, "--kind", "devices"])
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert len(lines) == 3 and DOC_DEVICE in lines[0]
    tests = runner.invoke(cli, [*args, "--kind", "tests"]).stdout.splitlines()
    assert DOC_RESULT in tests[0] and '"kind":"http"' in tests[1]
    assert runner.invoke(cli, [*args, "--kind", "rules"]).exit_code != 0
    bad = http.get("/_mock/catalog", params={"vendor": "cloudflare", "kind": "rules"})
    assert bad.status_code == 400 and "kind must be one of" in bad.json()["error"]["message"]


@pytest.mark.parametrize("prefix", ["/client/v4", ""])
def test_every_operation_answers_in_the_contracts_shape(
    http: httpx.Client,
    cf_headers: dict[str, str],
    catalog: dict[str, list[dict[str, Any]]],
    prefix: str,
) -> None:
    window = {"from": FROM, "to": TO}
    for item in catalog["tests"][:6]:
        base = dex(item["account_id"], prefix)
        # The catalog's device for a test ran it lately (devices sleep: not every one has).
        device = next(d for d in catalog["devices"] if d["device_id"] == item["device_id"])
        overview = ok(http.get(f"{base}/tests/overview", headers=cf_headers))
        assert item["test_id"] in [t["id"] for t in overview["tests"]]
        unique = ok(
            http.get(
                f"{base}/tests/unique-devices",
                params={"testName": item["name"]},
                headers=cf_headers,
            )
        )
        assert unique["uniqueDevicesTotal"] >= 1
        kind = "traceroute-tests" if item["kind"] == "traceroute" else "http-tests"
        details = ok(
            http.get(
                f"{base}/{kind}/{item['test_id']}",
                params={**window, "interval": "hour", "deviceId": device["device_id"]},
                headers=cf_headers,
            )
        )
        stats = details["tracerouteStats" if item["kind"] == "traceroute" else "httpStats"]
        assert details["name"] == item["name"] and stats["uniqueDevicesTotal"] == 1
        ok(
            http.get(
                f"{base}/{kind}/{item['test_id']}/percentiles", params=window, headers=cf_headers
            )
        )
        if item["kind"] == "traceroute":
            path = ok(
                http.get(
                    f"{base}/traceroute-tests/{item['test_id']}/network-path",
                    params={**window, "interval": "minute", "deviceId": device["device_id"]},
                    headers=cf_headers,
                )
            )
            assert path["deviceName"] == device["device_name"]
            assert path["networkPath"]["slots"]


def test_repeated_device_ids_and_the_colo_filter(
    http: httpx.Client, cf_headers: dict[str, str]
) -> None:
    base = f"{dex(DOC_ACCOUNT)}/traceroute-tests/{DOC_RESULT}"
    query = f"from={FROM}&to={TO}&interval=hour"
    two = ok(
        http.get(
            f"{base}?{query}&deviceId={DOC_DEVICE}&deviceId=cb49c27f-7f97-49c5-b6f3-f7c01ead0fd7",
            headers=cf_headers,
        )
    )
    assert two["tracerouteStats"]["uniqueDevicesTotal"] == 2
    colo = two["tracerouteStatsByColo"][0]["colo"]
    only = ok(http.get(f"{base}?{query}&colo={colo.lower()}", headers=cf_headers))
    assert [c["colo"] for c in only["tracerouteStatsByColo"]] == [colo]


def test_errors_answer_in_the_failure_envelope(
    http: httpx.Client, cf_headers: dict[str, str], catalog: dict[str, list[dict[str, Any]]]
) -> None:
    base = dex(DOC_ACCOUNT)
    traceroute = f"{base}/traceroute-tests/{DOC_RESULT}"
    http_id = next(
        t["test_id"]
        for t in catalog["tests"]
        if t["kind"] == "http" and t["account_id"] == DOC_ACCOUNT
    )
    hour = {"from": FROM, "to": TO, "interval": "hour"}
    assert "missing" in failure(
        http.get(traceroute, params={"to": TO, "interval": "hour"}, headers=cf_headers), 400, 11004
    )
    assert "missing" in failure(
        http.get(f"{traceroute}/network-path", params=hour, headers=cf_headers), 400, 11004
    )
    assert "'yesterday'" in failure(
        http.get(traceroute, params={**hour, "from": "yesterday"}, headers=cf_headers), 400, 11005
    )
    failure(
        http.get(traceroute, params={**hour, "interval": "day"}, headers=cf_headers), 400, 11005
    )
    assert "HTTP test not found" in failure(
        http.get(f"{base}/http-tests/{DOC_RESULT}", params=hour, headers=cf_headers), 404, 1001
    )
    assert "Traceroute test not found" in failure(
        http.get(f"{base}/traceroute-tests/{http_id}/percentiles", params=hour, headers=cf_headers),
        404,
        1001,
    )
    unknown = "0b7a1b1e-3c1d-4e5f-8a9b-0c1d2e3f4a5b"
    failure(
        http.get(f"{base}/traceroute-tests/{unknown}", params=hour, headers=cf_headers), 404, 1001
    )
    assert "Could not route" in failure(
        http.get(f"{base}/traceroute-tests/not-a-uuid", params=hour, headers=cf_headers), 400, 7003
    )
    assert "per_page" in failure(
        http.get(f"{base}/tests/overview", params={"per_page": 100}, headers=cf_headers), 400, 11005
    )


# --- The SDK, strict ---------------------------------------------------------------------------


def test_sdk_reads_every_analytics_operation_on_catalog_ids(
    sdk: Cloudflare, catalog: dict[str, list[dict[str, Any]]]
) -> None:
    dex_api = sdk.zero_trust.dex
    window = {"from_": FROM, "to": TO}
    for item in catalog["tests"][:6]:
        account, test_id = item["account_id"], item["test_id"]
        device = item["device_id"]
        raw = dex_api.tests.with_raw_response.list(account_id=account, per_page=50)
        validate(CONTRACT, raw.http_response)
        page = raw.parse()
        assert page.result_info is not None and page.result_info.per_page == 50
        raw_unique = dex_api.tests.unique_devices.with_raw_response.list(
            account_id=account, test_name=item["name"], device_id=[device]
        )
        validate(CONTRACT, raw_unique.http_response)
        unique = raw_unique.parse()
        assert unique is not None and unique.unique_devices_total == 1
        if item["kind"] == "traceroute":
            api = dex_api.traceroute_tests.with_raw_response
            details = api.get(test_id, account_id=account, interval="hour", **window)
            validate(CONTRACT, details.http_response)
            parsed = details.parse()
            assert parsed is not None and parsed.traceroute_stats is not None
            assert parsed.name == item["name"]
            path = api.network_path(
                test_id, account_id=account, device_id=device, interval="minute", **window
            )
            validate(CONTRACT, path.http_response)
            parsed_path = path.parse()
            assert parsed_path is not None and parsed_path.network_path is not None
            assert parsed_path.network_path.slots
            pct = api.percentiles(test_id, account_id=account, device_id=[device], **window)
            validate(CONTRACT, pct.http_response)
            parsed_pct = pct.parse()
            assert parsed_pct is not None and parsed_pct.round_trip_time_ms is not None
        else:
            http_api = dex_api.http_tests.with_raw_response
            details_h = http_api.get(test_id, account_id=account, interval="hour", **window)
            validate(CONTRACT, details_h.http_response)
            parsed_h = details_h.parse()
            assert parsed_h is not None and parsed_h.http_stats is not None
            pct_h = dex_api.http_tests.percentiles.with_raw_response.get(
                test_id, account_id=account, **window
            )
            validate(CONTRACT, pct_h.http_response)
            parsed_pct_h = pct_h.parse()
            assert parsed_pct_h is not None and parsed_pct_h.server_response_time_ms is not None


def test_sdk_pages_the_overview(sdk: Cloudflare) -> None:
    first = sdk.zero_trust.dex.tests.list(account_id=DOC_ACCOUNT, per_page=2)
    assert first.result_info is not None and first.result_info.page == 1
    # The SDK reads `result.items` for its page items; the contract's overview has `tests`.
    raw = sdk.zero_trust.dex.tests.with_raw_response.list(
        account_id=DOC_ACCOUNT, page=2, per_page=2
    )
    body = raw.http_response.json()
    assert body["result_info"]["page"] == 2 and len(body["result"]["tests"]) == 2


def test_sdk_errors(sdk: Cloudflare) -> None:
    traceroute = sdk.zero_trust.dex.traceroute_tests
    with pytest.raises(cloudflare.NotFoundError):
        sdk.zero_trust.dex.http_tests.get(
            DOC_RESULT, account_id=DOC_ACCOUNT, from_=FROM, to=TO, interval="hour"
        )
    with pytest.raises(cloudflare.BadRequestError) as caught:
        traceroute.network_path(
            DOC_RESULT,
            account_id=DOC_ACCOUNT,
            device_id="deviceId",
            from_=FROM,
            to=TO,
            interval="hour",
        )
    assert caught.value.body["errors"][0]["code"] == 11005  # type: ignore[index]
    outside = traceroute.get(
        DOC_RESULT,
        account_id=DOC_ACCOUNT,
        from_="1689520412000",
        to="1689606812000",
        interval="minute",
    )
    assert outside is not None and outside.traceroute_stats is None


# --- One list of tests with devices/dex_tests (C1, C18, C19) ------------------------------------


def test_overview_and_dex_tests_list_the_same_tests(
    http: httpx.Client, cf_headers: dict[str, str]
) -> None:
    headers = {**cf_headers, "X-Mock-Session": "analytics-c1"}
    base = dex(DOC_ACCOUNT)

    def both() -> tuple[dict[str, Any], dict[str, Any]]:
        overview = ok(http.get(f"{base}/tests/overview?per_page=50", headers=headers))
        listed = http.get(f"{base}/devices/dex_tests?per_page=50", headers=headers).json()
        return overview, {t["test_id"]: t for t in listed["result"]}

    def details_of(test_id: str, session: dict[str, str]) -> httpx.Response:
        window = {"from": FROM, "to": TO, "interval": "hour"}
        return http.get(f"{base}/traceroute-tests/{test_id}", params=window, headers=session)

    def assert_test_not_found(answer: httpx.Response) -> None:
        assert answer.status_code == 404, answer.text
        error = answer.json()["errors"][0]
        assert (error["code"], error["message"]) == (1001, "Traceroute test not found")

    overview, configs = both()
    assert [t["id"] for t in overview["tests"]] == list(configs)
    assert overview["overviewMetrics"]["testsTotal"] == len(configs)
    for test in overview["tests"]:
        config = configs[test["id"]]
        for key in ("name", "interval", "enabled", "description", "created", "updated"):
            assert test[key] == config[key], key
        assert (test["kind"], test["host"]) == (config["data"]["kind"], config["data"]["host"])
        assert test["target_policies"] == config["target_policies"]
        assert test["targeted"] == config["targeted"]
    assert any(test["targeted"] for test in overview["tests"])  # a seeded rule targets one (C19)

    created = http.post(
        f"{base}/devices/dex_tests",
        headers=headers,
        json={
            "name": "Analytics probe",
            "interval": "0h15m0s",
            "enabled": True,
            "data": {"kind": "traceroute", "host": "1.1.1.1"},
        },
    )
    assert created.status_code == 200, created.text
    new_id = created.json()["result"]["test_id"]
    overview, configs = both()
    assert new_id in configs and overview["overviewMetrics"]["testsTotal"] == len(configs)
    item = next(t for t in overview["tests"] if t["id"] == new_id)
    assert item["tracerouteResults"] is None and item["tracerouteResultsByColo"] == []
    details = ok(details_of(new_id, headers))
    assert details["name"] == "Analytics probe" and details["tracerouteStats"] is None
    other_session = {**cf_headers, "X-Mock-Session": "analytics-c1-other"}
    assert_test_not_found(details_of(new_id, other_session))

    deleted = http.delete(f"{base}/devices/dex_tests/{new_id}", headers=headers)
    assert deleted.status_code == 200
    overview, configs = both()
    assert new_id not in [t["id"] for t in overview["tests"]]
    assert_test_not_found(details_of(new_id, headers))


@pytest.mark.parametrize("page", ["99999999999999999999999", "1e400", "nan"])
def test_overview_refuses_an_unbounded_page(page: str, server: LiveServer) -> None:
    """A page past 64 bits once reached the JSON encoder and answered 500 (found by fuzzing)."""
    answer = httpx.get(
        f"{server.url}/client/v4/accounts/{DOC_ACCOUNT}/dex/tests/overview?page={page}",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["code"] == 11005
