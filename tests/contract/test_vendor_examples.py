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
