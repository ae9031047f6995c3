"""Fixture files: loaded at start-up, served verbatim, and any bad file stops start-up."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from netpath_mock.core.credentials import ConfigError, load_credentials
from netpath_mock.core.settings import Settings
from netpath_mock.main import build_state
from netpath_mock.testing import LiveServer
from netpath_mock.vendors import REGISTRY
from tests.catalogs import cloudflare_fixtures, datadog_fixtures
from tests.conftest import DD_HEADERS, DOC_ACCOUNT, TOKEN, network_path_url

PINNED = "0b7e1f3c-1111-4a2b-8c3d-123456789abc"


def _hop(**overrides: Any) -> dict[str, Any]:
    hop = {
        "ttl": 1,
        "asn": None,
        "aso": None,
        "ipAddress": "192.168.1.1",
        "location": None,
        "mile": "client-to-isp",
        "name": None,
        "packetLossPct": 0.0,
        "rttMs": 1,
    }
    return {**hop, **overrides}


def _write(directory: Path, name: str, document: Any) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document) if not isinstance(document, str) else document)
    return path


def test_fixture_pins_a_result_and_a_test(tmp_path: Path) -> None:
    result = {"resultId": PINNED, "hops": [_hop()], "testName": "Hand-written"}
    _write(
        tmp_path,
        "cloudflare/pinned.json",
        {"vendor": "cloudflare", "account_id": DOC_ACCOUNT, "result": result},
    )
    data = {
        "id": "my-own-test",
        "type": "network_test",
        "attributes": {
            "name": "Pinned",
            "type": "network",
            "message": "",
            "locations": ["aws:us-east-1"],
            "options": {"tick_every": 60},
            "config": {
                "request": {
                    "host": "example.org",
                    "max_ttl": 30,
                    "e2e_queries": 50,
                    "traceroute_queries": 3,
                }
            },
        },
    }
    _write(tmp_path, "deep/er/dd.json", {"vendor": "datadog", "kind": "network-test", "data": data})
    with LiveServer(Settings(seed=1, fixtures_dir=tmp_path)) as live:
        cf = httpx.get(
            live.url + network_path_url(result=PINNED), headers={"Authorization": f"Bearer {TOKEN}"}
        )
        other_account = httpx.get(
            live.url + network_path_url(account="f" * 32, result=PINNED),
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        dd = httpx.get(
            live.url + "/api/v2/synthetics/tests/network/my-own-test", headers=DD_HEADERS
        )
    assert cf.status_code == 200 and cf.json()["result"] == result
    assert other_account.status_code == 404, "a fixture with account_id pins only that account"
    assert dd.status_code == 200 and dd.json() == {"data": data}


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("{not json", "invalid JSON"),
        ([1, 2], "(root)"),
        ({"vendor": "aws"}, "vendor"),
        (
            {"vendor": "cloudflare", "result": {"resultId": PINNED, "hops": [_hop(rttMs="fast")]}},
            "result.hops.0.rttMs",
        ),
        ({"vendor": "cloudflare", "result": {"hops": []}}, "result.resultId"),
        (
            {"vendor": "cloudflare", "result": {"resultId": PINNED, "hops": [], "extra": 1}},
            "result.extra",
        ),
        (
            {"vendor": "datadog", "data": {"id": "x", "attributes": {"type": "network"}}},
            "data.attributes.name",
        ),
    ],
)
def test_bad_fixture_stops_start_up_naming_file_and_field(
    tmp_path: Path, document: Any, expected: str
) -> None:
    path = _write(tmp_path, "bad.json", document)
    with pytest.raises(ConfigError) as caught:
        build_state(Settings(fixtures_dir=tmp_path))
    assert str(path) in str(caught.value)
    assert expected in str(caught.value)


def test_duplicate_fixture_is_an_error(tmp_path: Path) -> None:
    document = {"vendor": "cloudflare", "result": {"resultId": PINNED, "hops": []}}
    _write(tmp_path, "a.json", document)
    _write(tmp_path, "b.json", document)
    with pytest.raises(ConfigError, match="duplicate"):
        build_state(Settings(fixtures_dir=tmp_path))


def test_generated_fixtures_load_back(tmp_path: Path) -> None:
    settings = Settings(seed=5)
    for relative, document in [*cloudflare_fixtures(settings, 5), *datadog_fixtures(settings, 5)]:
        _write(tmp_path, relative, document)
    state = build_state(Settings(seed=5, fixtures_dir=tmp_path))
    assert len(state.fixtures["cloudflare"]) == 5
    assert len(state.fixtures["datadog"]) == 5


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"cloudflare": {"tokens": [{"permissions": []}]}}, "cloudflare.tokens.0.token"),
        ({"datadog": {"application_keys": [{"key": ""}]}}, "datadog.application_keys.0.key"),
        ({"gcp": {}}, "gcp"),
    ],
)
def test_bad_credentials_file(tmp_path: Path, document: Any, expected: str) -> None:
    path = _write(tmp_path, "creds.json", document)
    with pytest.raises(ConfigError) as caught:
        load_credentials(path, {spec.name: spec.credentials_model for spec in REGISTRY})
    assert str(path) in str(caught.value) and expected in str(caught.value)
