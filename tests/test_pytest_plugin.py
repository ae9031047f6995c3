"""Strangers' test files using only the `netpath_mock` fixture (and the official SDKs)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    assert health["fixtures"] == EXPECTED_FIXTURES
"""


def test_stranger_test_file_works_with_the_fixture(pytester: pytest.Pytester) -> None:
    from tests.test_new_user import project_fixture_counts

    expected = f"EXPECTED_FIXTURES = {project_fixture_counts()!r}\n"
    pytester.makepyfile(test_stranger=expected + STRANGER)
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


# A user's project with its own top-level `app` package (the layout this project's source uses
# too): the plugin must load next to it and the user's `app` must stay the one imported.
USER_APP_MAIN = """
NAME = "the user's own app"
"""

USER_TEST = """
import json
import urllib.request

from app.main import NAME


def test_own_app_and_the_mock(netpath_mock):
    assert NAME == "the user's own app"
    request = urllib.request.Request(
        netpath_mock.url + "/api/v2/synthetics/tests/network/c7a-uwa-wn2",
        headers={"DD-API-KEY": "k", "DD-APPLICATION-KEY": "a"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert json.loads(answer.read())["data"]["id"] == "c7a-uwa-wn2"
    assert netpath_mock.requests(vendor="datadog")[0]["status"] == 200
"""


@pytest.mark.parametrize("runner", ["pytest", "python -m pytest"])
def test_plugin_loads_in_a_project_with_its_own_app_package(tmp_path: Path, runner: str) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "main.py").write_text(USER_APP_MAIN)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_user.py").write_text(USER_TEST)
    (tmp_path / "pyproject.toml").write_text('[tool.pytest.ini_options]\npythonpath = ["."]\n')
    bin_dir = Path(sys.executable).parent
    argv = [str(bin_dir / "pytest")] if runner == "pytest" else [sys.executable, "-m", "pytest"]
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MOCK_", "PYTEST_")) and k != "PYTHONPATH"
    }
    done = subprocess.run(
        [*argv, "-p", "no:cacheprovider", "-q", "tests"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout
