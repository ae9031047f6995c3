"""A stranger's test file that uses only the `netpath_mock` fixture and the official SDKs."""

from __future__ import annotations

import pytest

from tests.conftest import PROJECT_FIXTURES

STRANGER = """
import cloudflare
import httpx
from datadog_api_client import ApiClient, Configuration
from datadog_api_client.v2.api.synthetics_api import SyntheticsApi


def test_both_vendors(netpath_mock):
    netpath_mock.reset()
    item = netpath_mock.catalog("cloudflare", 1)[0]
    cf = cloudflare.Cloudflare(api_token="t0ken", base_url=netpath_mock.cloudflare_base_url,
                               _strict_response_validation=True)
    path = cf.zero_trust.dex.traceroute_test_results.network_path.get(
        item["test_result_id"], account_id=item["account_id"])
    assert path.result_id == item["test_result_id"]

    config = Configuration(host=netpath_mock.datadog_host)
    config.api_key["apiKeyAuth"] = "k"
    config.api_key["appKeyAuth"] = "a"
    with ApiClient(config) as client:
        test = SyntheticsApi(client).get_synthetics_network_test("c7a-uwa-wn2")
    assert test.data.id == "c7a-uwa-wn2"

    seen = netpath_mock.requests()
    assert [r["vendor"] for r in seen] == ["cloudflare", "datadog"]
    assert seen[0]["headers"]["authorization"] == "***"
    assert netpath_mock.requests(vendor="datadog")[0]["status"] == 200

    # The fixtures folder given on the command line, not the project's own ./fixtures.
    health = httpx.get(netpath_mock.url + "/_mock/health").json()
    assert health["fixtures"] == {"cloudflare": 1, "datadog": 1}
"""


def test_stranger_test_file_works_with_the_fixture(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_stranger=STRANGER)
    # The stranger's project has a fixtures/ folder of its own, meaning something else entirely.
    (pytester.path / "fixtures").mkdir()
    (pytester.path / "fixtures" / "users.json").write_text('[{"name": "alice"}]')
    result = pytester.runpytest_subprocess(
        "-p",
        "no:cacheprovider",
        "--netpath-mock-seed",
        "99",
        "--netpath-mock-fixtures-dir",
        str(PROJECT_FIXTURES),
    )
    result.assert_outcomes(passed=1)
