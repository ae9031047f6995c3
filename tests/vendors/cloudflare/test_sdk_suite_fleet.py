"""Cloudflare's own SDK tests for the fleet resources, run against the mock (issue 12 gate).

The cloudflare 5.9.0 sdist ships the Stainless-generated tests it runs against a stateless Prism
mock. They are downloaded once (pip, into the system temp dir), then run in a pytest subprocess
with TEST_API_BASE_URL pointing at a live mock; the junit report is held to a closed list of
allowed failures, each with its reason.

The SDK marks fleet_status/test_devices.py "TODO: investigate broken test" and skips it; a
small plugin lifts that skip here, so those tests run against the mock too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from netpath_mock.testing import LiveServer

SDK = "cloudflare"
VERSION = "5.9.0"
ROOT = f"{SDK}-{VERSION}"
FILES = (
    "tests/api_resources/zero_trust/dex/test_fleet_status.py",
    "tests/api_resources/zero_trust/dex/fleet_status/test_devices.py",
    "tests/api_resources/zero_trust/dex/devices/test_isps.py",
    "tests/api_resources/zero_trust/dex/test_colos.py",
    "tests/api_resources/zero_trust/dex/test_warp_change_events.py",
    # devices-live-status is served as zero_trust.devices.fleet_status.get by the SDK.
    "tests/api_resources/zero_trust/devices/test_fleet_status.py",
)
_TIME_NOW = (
    "time_now=2023-10-11T00:00:00Z lies three years before the universe's clock: the device has "
    "no state then (and colo=SJC is not its colo), so its live status is a 404"
)
# test id (classname::name) -> why it may fail; each must fail with NotFoundError.
EXPECTED_FAILURES = {
    f"tests.api_resources.zero_trust.devices.test_fleet_status.{cls}::"
    f"test_method_get_with_all_params[{variant}]": _TIME_NOW
    for cls, variants in (
        ("TestFleetStatus", ("loose", "strict")),
        ("TestAsyncFleetStatus", ("loose", "strict", "aiohttp")),
    )
    for variant in variants
}
UNSKIP_PLUGIN = """
def pytest_collection_modifyitems(items):
    for item in items:
        item.own_markers = [
            m for m in item.own_markers
            if not (m.name == "skip" and "investigate broken test" in str(m.kwargs.get("reason")))
        ]
"""


@pytest.fixture(scope="module")
def sdist() -> Path:
    """The SDK's source tree, downloaded and unpacked once per machine."""
    cache = Path(tempfile.gettempdir()) / "netpath-mock-sdk"
    tree = cache / ROOT
    if (tree / "tests" / "conftest.py").is_file():
        return tree
    cache.mkdir(parents=True, exist_ok=True)
    archive = cache / f"{ROOT}.tar.gz"
    if not archive.is_file():
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--no-binary",
                ":all:",
                f"{SDK}=={VERSION}",
                "-d",
                str(cache),
            ],
            capture_output=True,
            text=True,
            timeout=240,
        )
        if done.returncode != 0 or not archive.is_file():
            if os.environ.get("CI"):
                pytest.fail(f"cannot download the {ROOT} sdist: {done.stderr[-2000:]}")
            pytest.skip(f"the {ROOT} sdist cannot be downloaded here")
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if m.name.startswith(f"{ROOT}/tests/")]
        members += [tar.getmember(f"{ROOT}/pyproject.toml")]
        tar.extractall(cache, members=members, filter="data")
    return tree


def test_sdk_fleet_tests_pass_against_the_mock(
    server: LiveServer, sdist: Path, tmp_path: Path
) -> None:
    plugin_dir = tmp_path / "plugins"
    plugin_dir.mkdir()
    (plugin_dir / "netpath_unskip_fleet.py").write_text(UNSKIP_PLUGIN)
    report = tmp_path / "junit.xml"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLOUDFLARE_", "PYTEST_"))}
    # The SDK tests address their mock without /client/v4 (cloudflare-contract-notes §4).
    env["TEST_API_BASE_URL"] = server.url
    env["PYTHONPATH"] = str(plugin_dir)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            *FILES,
            "-o",
            "addopts=--tb=short",  # the sdist's config wants pytest-xdist (-n auto)
            "-p",
            "no:cacheprovider",
            "-p",
            "no:netpath_mock",
            "-p",
            "netpath_unskip_fleet",
            f"--junitxml={report}",
            "-q",
        ],
        cwd=sdist,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert report.is_file(), done.stdout[-3000:] + done.stderr[-3000:]
    passed: list[str] = []
    failed: dict[str, str] = {}
    skipped: list[str] = []
    for case in ET.parse(report).getroot().iter("testcase"):
        test_id = f"{case.get('classname')}::{case.get('name')}"
        problem = case.find("failure")
        if problem is None:
            problem = case.find("error")
        if problem is not None:
            failed[test_id] = (problem.get("message") or "") + (problem.text or "")
        elif case.find("skipped") is not None:
            skipped.append(test_id)
        else:
            passed.append(test_id)
    unexpected = {t: m[:600] for t, m in failed.items() if t not in EXPECTED_FAILURES}
    assert not unexpected, unexpected
    for test_id, message in failed.items():
        assert "NotFoundError" in message, (test_id, message[:600])
    assert set(failed) == set(EXPECTED_FAILURES), "an expected failure now passes: update the list"
    assert not skipped, skipped
    # Six files, sync (loose, strict) and async (loose, strict, aiohttp) variants of each test.
    assert len(passed) >= 160, done.stdout[-3000:]
