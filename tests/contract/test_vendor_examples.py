"""The example fixtures shipped in fixtures/ are served verbatim and conform to the contracts."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from tests.conftest import DD_HEADERS, TOKEN, network_path_url
from tests.contract.validation import validate

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_cloudflare_example_fixture(http: httpx.Client) -> None:
    document = json.loads((FIXTURES / "cloudflare" / "needham-comcast-to-aws.json").read_text())
    url = network_path_url(document["account_id"], document["result"]["resultId"])
    response = http.get(url, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    validate("cloudflare-dex-traceroute.openapi.json", response)
    assert response.json()["result"] == document["result"]


def test_datadog_example_fixture(http: httpx.Client) -> None:
    document = json.loads((FIXTURES / "datadog" / "checkout-api-tcp.json").read_text())
    response = http.get(
        f"/api/v2/synthetics/tests/network/{document['data']['id']}", headers=DD_HEADERS
    )
    assert response.status_code == 200
    validate("datadog-synthetics-network.openapi.json", response)
    assert response.json() == {"data": document["data"]}


def test_datadog_example_result_fixture(http: httpx.Client) -> None:
    document = json.loads((FIXTURES / "datadog" / "checkout-api-lossy-run.json").read_text())
    public_id, data = document["public_id"], document["data"]
    relationships = {"test": {"data": {"id": public_id, "type": "test"}}}
    base = f"/api/v2/synthetics/tests/{public_id}/results"
    response = http.get(f"{base}/{data['id']}", headers=DD_HEADERS)
    assert response.status_code == 200
    validate("datadog-synthetics-network.openapi.json", response)
    assert response.json()["data"] == {**data, "relationships": relationships}
    # Listed under its test, in its place in time, and kept by the filters it matches.
    started = data["attributes"]["result"]["started_at"]
    window = {"from_ts": started - 600_000, "to_ts": started + 600_000}
    listed = http.get(base, params=window, headers=DD_HEADERS).json()["data"]
    assert data["id"] in [item["id"] for item in listed]
    starts = [item["attributes"]["started_at"] for item in listed]
    assert starts == sorted(starts, reverse=True)
    passed = http.get(base, params={**window, "status": "passed"}, headers=DD_HEADERS).json()
    assert data["id"] not in [item["id"] for item in passed["data"]]
    polled = http.get(
        "/api/v2/synthetics/tests/poll_results",
        params={"result_ids": json.dumps([data["id"]])},
        headers=DD_HEADERS,
    ).json()
    assert polled["data"] == [{**data, "relationships": relationships}]
