"""Start-up validation: a bad fixture file or setting stops `netpath-mock serve` before it listens.

Each case runs the real command in a subprocess and expects a non-zero exit with a message on
stderr that names the file and the field (or the setting). A good fixture of each vendor, for an
id the generator also serves, is served verbatim instead of the generated resource.
"""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

from netpath_mock.core.settings import Settings
from tests.catalogs import cloudflare_fixtures, datadog_fixtures
from tests.conftest import DOC_ACCOUNT, DOC_RESULT, SEED
from tests.robustness.support import (
    CF_AUTH,
    DD_AUTH,
    NETPATH_MOCK,
    free_port,
    serve_subprocess,
    server_env,
)

DD_DOC_ID = "c7a-uwa-wn2"


def _generated_cloudflare() -> dict[str, Any]:
    _, document = next(iter(cloudflare_fixtures(Settings(seed=SEED), 1)))
    assert document["result"]["resultId"] == DOC_RESULT
    return document


def _generated_datadog() -> dict[str, Any]:
    _, document = next(iter(datadog_fixtures(Settings(seed=SEED), 1)))
    assert document["data"]["id"] == DD_DOC_ID
    return document


def _write(folder: Path, relative: str, document: Any) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    text = document if isinstance(document, str) else json.dumps(document, indent=2)
    path.write_text(text, encoding="utf-8")
    return path


def _serve_expecting_failure(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = [NETPATH_MOCK, "serve", "--port", str(free_port()), *args]
    try:
        return subprocess.run(
            command, cwd=cwd, env=server_env(env), capture_output=True, text=True, timeout=30
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the server started (and kept running) despite the bad configuration")


def _bad_rtt() -> dict[str, Any]:
    document = copy.deepcopy(_generated_cloudflare())
    document["result"]["hops"][0]["rttMs"] = "fast"
    return document


def _no_name() -> dict[str, Any]:
    document = copy.deepcopy(_generated_datadog())
    del document["data"]["attributes"]["name"]
    return document


BAD_FIXTURES = {
    "cloudflare-rtt-not-an-int": (_bad_rtt, "result.hops.0.rttMs"),
    "datadog-missing-name": (_no_name, "data.attributes.name"),
    "invalid-json": (lambda: '{"vendor": "cloudflare", "result": {', "invalid JSON"),
    "unknown-vendor": (lambda: {"vendor": "akamai", "result": {}}, "vendor"),
    "not-an-object": (lambda: [{"vendor": "datadog"}], "(root)"),
}


@pytest.mark.parametrize("case", list(BAD_FIXTURES))
def test_bad_fixture_stops_start_up_naming_file_and_field(tmp_path: Path, case: str) -> None:
    make, field = BAD_FIXTURES[case]
    fixtures = tmp_path / "fixtures"
    # A good file beside the bad one, which sits a few folders down.
    _write(fixtures, "datadog/good.json", _generated_datadog())
    bad = _write(fixtures, "deep/er/bad.json", make())
    result = _serve_expecting_failure(tmp_path, "--fixtures-dir", str(fixtures))
    assert result.returncode != 0
    assert str(bad) in result.stderr, result.stderr
    assert field in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, "a clean message, not a crash"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("MOCK_CLOUDFLARE_RATE_LIMIT", "abc"),
        ("MOCK_DATADOG_RATE_LIMIT", "10/0"),
        ("MOCK_LATENCY", "-5"),
        ("MOCK_SEED", "x"),
        ("MOCK_DATADOG_TEST_COUNT", "0"),
    ],
)
def test_bad_setting_stops_start_up_naming_it(tmp_path: Path, variable: str, value: str) -> None:
    result = _serve_expecting_failure(tmp_path, env={variable: value})
    assert result.returncode != 0
    assert variable.removeprefix("MOCK_").lower() in result.stderr.lower(), result.stderr
    assert "Traceback" not in result.stderr, "a clean message, not a crash"


def test_missing_fixtures_dir_stops_start_up(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = _serve_expecting_failure(tmp_path, "--fixtures-dir", str(missing))
    assert result.returncode != 0
    assert str(missing) in result.stderr and "fixtures_dir" in result.stderr, result.stderr


def test_good_fixtures_are_served_verbatim_over_the_generator(tmp_path: Path) -> None:
    generated_cf, generated_dd = _generated_cloudflare(), _generated_datadog()
    pinned_result = {
        "resultId": DOC_RESULT,
        "testName": "Pinned by a fixture \u2713",
        "hops": [
            {"ttl": 1, "ipAddress": "192.0.2.1", "rttMs": 4, "packetLossPct": 12.5},
            {
                "ttl": 2,
                "asn": None,
                "location": {"city": "Z\u00fcrich", "state": None, "zip": None},
            },
        ],
        "tunnel_type": None,
        "colo": "ZRH",
    }
    pinned_test = copy.deepcopy(generated_dd["data"])
    pinned_test["attributes"].update(
        name="Pinned by a fixture \u2713", message="served as written", tags=["pinned:yes"]
    )
    fixtures = tmp_path / "fixtures"
    cf_document = {"vendor": "cloudflare", "account_id": DOC_ACCOUNT, "result": pinned_result}
    _write(fixtures, "cloudflare/pinned.json", cf_document)
    _write(fixtures, "datadog/pinned.json", {"vendor": "datadog", "data": pinned_test})

    with serve_subprocess(tmp_path, "--fixtures-dir", str(fixtures)) as (_, port):
        base = f"http://127.0.0.1:{port}"
        cf = httpx.get(
            f"{base}/client/v4/accounts/{DOC_ACCOUNT}/dex/traceroute-test-results/"
            f"{DOC_RESULT}/network-path",
            headers=CF_AUTH,
            timeout=10,
        )
        dd = httpx.get(f"{base}/api/v2/synthetics/tests/network/{DD_DOC_ID}", headers=DD_AUTH)

    assert cf.status_code == 200 and dd.status_code == 200
    # Verbatim: same values, same key order at every depth, nothing added or reshaped.
    assert json.dumps(cf.json()["result"]) == json.dumps(pinned_result)
    assert json.dumps(dd.json()["data"]) == json.dumps(pinned_test)
    # ...and the generator, which serves these ids too, did not win.
    assert cf.json()["result"] != generated_cf["result"]
    assert dd.json()["data"] != generated_dd["data"]
