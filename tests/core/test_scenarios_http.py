"""Named scenarios over HTTP: `Prefer: example=<name>` / `?__example=` on the path endpoints.

Every scenario answer is validated against the vendor's contract; the condition shows in the
answer (checked here from the wire, not from the model); unknown names are the vendor's 400
naming the known ones; /_mock/scenarios lists them and the operations answering them.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from netpath_mock.netmodel.scenarios import NAMES
from tests.conftest import DD_HEADERS, TOKEN, network_path_url
from tests.contract.validation import validate

CF = {"Authorization": f"Bearer {TOKEN}"}
CF_CONTRACT = "cloudflare-dex.openapi.json"
DD_CONTRACT = "datadog-synthetics-network.openapi.json"
DD_V1_CONTRACT = "datadog-synthetics-v1-subset.openapi.json"
UNREACHABLE = {"isp-outage", "destination-unreachable"}


@pytest.fixture(scope="module")
def dd_result(http: httpx.Client) -> tuple[str, str]:
    """A catalog test with a result, reachable from its locations (a public host)."""
    items = http.get("/_mock/catalog", params={"vendor": "datadog", "limit": 40}).json()["items"]
    for item in items:
        if "result_id" not in item:
            continue
        answer = http.get(
            f"/api/v2/synthetics/tests/{item['public_id']}/results/{item['result_id']}",
            headers=DD_HEADERS,
        ).json()
        hops = answer["data"]["attributes"]["result"]["netpath"]["hops"]
        if (
            any(h.get("reachable") for h in hops)
            and answer["data"]["attributes"]["result"]["status"] == "passed"
        ):
            return item["public_id"], item["result_id"]
    raise AssertionError("no reachable catalog result")


def _hops_cf(answer: httpx.Response) -> list[dict[str, Any]]:
    hops: list[dict[str, Any]] = answer.json()["result"]["hops"]
    return hops


@pytest.mark.parametrize("name", NAMES)
def test_cloudflare_result_network_path_answers_every_scenario(
    http: httpx.Client, name: str
) -> None:
    plain = http.get(network_path_url(), headers=CF)
    answer = http.get(network_path_url(), headers={**CF, "Prefer": f"example={name}"})
    assert answer.status_code == 200
    validate(CF_CONTRACT, answer)
    again = http.get(network_path_url() + f"?__example={name}", headers=CF)
    assert again.content == answer.content, "the query form, and the same bytes again"
    base, hops = plain.json()["result"], answer.json()["result"]
    # The same run: device, test, result id and start time are the plain answer's.
    for key in ("deviceName", "testId", "testName", "resultId", "time_start", "colo"):
        assert hops[key] == base[key]
    cf_hops = _hops_cf(answer)
    reached = cf_hops[-1]["ipAddress"] is not None
    assert reached == (name not in UNREACHABLE)
    assert answer.content != plain.content


def test_cloudflare_scenario_conditions_show_on_the_wire(http: httpx.Client) -> None:
    def get(name: str) -> list[dict[str, Any]]:
        return _hops_cf(http.get(network_path_url(), headers={**CF, "Prefer": f"example={name}"}))

    assert len(get("long-path")) >= 25
    assert len(get("isp-outage")) == 30
    assert sum(h["ipAddress"] is None for h in get("silent-hops")) >= 4
    assert get("packet-loss")[-1]["packetLossPct"] > 0
    assert get("high-latency")[-1]["rttMs"] >= 120
    assert any(h["ipAddress"] and h["ipAddress"].startswith("100.") for h in get("cgnat"))


@pytest.mark.parametrize("name", NAMES)
def test_datadog_results_answer_every_scenario(
    http: httpx.Client, dd_result: tuple[str, str], name: str
) -> None:
    public_id, result_id = dd_result
    prefer = {**DD_HEADERS, "Prefer": f"example={name}"}
    one = http.get(f"/api/v2/synthetics/tests/{public_id}/results/{result_id}", headers=prefer)
    assert one.status_code == 200
    validate(DD_CONTRACT, one)
    result = one.json()["data"]["attributes"]["result"]
    netstats, hops = result["netstats"], result["netpath"]["hops"]
    if name in UNREACHABLE:
        assert result["status"] == "failed"
        assert result["failure"]["code"] == "NETUNREACH"
        assert netstats["packets_received"] == 0 and netstats["packet_loss_percentage"] == 1.0
        assert not hops[-1]["reachable"]
    else:
        assert hops[-1]["reachable"] and hops[-1]["ip_address"] == result["resolved_ip"]
        assert netstats["hops"]["max"] == hops[-1]["ttl"]
    if name == "long-path":
        assert len(hops) >= 25
    if name == "packet-loss":
        assert netstats["packet_loss_percentage"] > 0
    if name == "high-latency":
        assert netstats["latency"]["avg"] >= 120

    # The list and the poll agree with the full result: same run, same verdict.
    listed = http.get(f"/api/v2/synthetics/tests/{public_id}/results", headers=prefer)
    assert listed.status_code == 200
    validate(DD_CONTRACT, listed)
    summary = next(item for item in listed.json()["data"] if item["id"] == result_id)
    assert summary["attributes"]["status"] == result["status"]
    poll = http.get(
        "/api/v2/synthetics/tests/poll_results",
        params={"result_ids": json.dumps([result_id])},
        headers=prefer,
    )
    assert poll.status_code == 200
    validate(DD_CONTRACT, poll)
    assert poll.json()["data"][0]["attributes"]["result"] == result

    v1 = http.get(f"/api/v1/synthetics/tests/{public_id}/results/{result_id}", headers=prefer)
    assert v1.status_code == 200
    validate(DD_V1_CONTRACT, v1)
    assert v1.json()["result"]["passed"] == (result["status"] == "passed")
    v1_list = http.get(f"/api/v1/synthetics/tests/{public_id}/results", headers=prefer)
    assert v1_list.status_code == 200
    validate(DD_V1_CONTRACT, v1_list)


def test_a_status_filter_applies_to_the_scenario_verdicts(
    http: httpx.Client, dd_result: tuple[str, str]
) -> None:
    public_id, _ = dd_result
    url = f"/api/v2/synthetics/tests/{public_id}/results"
    down = {**DD_HEADERS, "Prefer": "example=isp-outage"}
    assert http.get(url, params={"status": "passed"}, headers=down).json()["data"] == []
    failed = http.get(url, params={"status": "failed"}, headers=down).json()["data"]
    assert len(failed) == len(http.get(url, headers=down).json()["data"]) > 0


def test_an_unknown_example_is_a_vendor_400_naming_the_known_ones(http: httpx.Client) -> None:
    cf = http.get(network_path_url(), headers={**CF, "Prefer": "example=meteor-strike"})
    assert cf.status_code == 400 and cf.json()["success"] is False
    message = json.dumps(cf.json())
    assert "meteor-strike" in message and all(name in message for name in NAMES)
    validate(CF_CONTRACT, cf)
    dd = http.get("/api/v2/synthetics/tests/network/c7a-uwa-wn2?__example=nope", headers=DD_HEADERS)
    assert dd.status_code == 400
    (error,) = dd.json()["errors"]
    assert "'nope'" in error and all(name in error for name in NAMES)


def test_operations_without_a_path_ignore_a_known_example(http: httpx.Client) -> None:
    url = "/api/v2/synthetics/tests/network/c7a-uwa-wn2"
    plain = http.get(url, headers=DD_HEADERS)
    asked = http.get(url, headers={**DD_HEADERS, "Prefer": "example=isp-outage"})
    assert asked.status_code == 200 and asked.content == plain.content


def test_scenarios_are_listed_with_the_operations_that_answer_them(http: httpx.Client) -> None:
    answer = http.get("/_mock/scenarios")
    assert answer.status_code == 200
    body = answer.json()
    assert [s["name"] for s in body["scenarios"]] == list(NAMES)
    assert all(len(s["summary"]) > 40 for s in body["scenarios"])
    operations = {
        vendor: {op["operation_id"] for op in ops} for vendor, ops in body["operations"].items()
    }
    assert operations == {
        "cloudflare": {"dex-endpoints-traceroute-test-result-network-path"},
        "datadog": {
            "GetSyntheticsTestResult",
            "ListSyntheticsTestLatestResults",
            "PollSyntheticsTestResults",
            "GetAPITestResult",
            "GetAPITestLatestResults",
        },
    }
    cf_paths = [op["path"] for op in body["operations"]["cloudflare"]]
    assert cf_paths == [
        "/client/v4/accounts/{account_id}/dex/traceroute-test-results/{test_result_id}/network-path"
    ]
