"""Datadog key checks, default and strict mode (datadog-contract-notes §3)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from netpath_mock.testing import LiveServer
from tests.conftest import DD_HEADERS

URL = "/api/v2/synthetics/tests/network/c7a-uwa-wn2"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"DD-API-KEY": "k"},
        {"DD-APPLICATION-KEY": "a"},
        {"DD-API-KEY": "", "DD-APPLICATION-KEY": "a"},
    ],
)
def test_missing_keys_401(http: httpx.Client, headers: dict[str, str]) -> None:
    response = http.get(URL, headers=headers)
    assert response.status_code == 401
    assert response.json() == {"errors": ["Unauthorized"]}


def test_header_names_are_case_insensitive(http: httpx.Client) -> None:
    headers = {"dd-api-key": "k1", "Dd-Application-Key": "a1"}
    assert http.get(URL, headers=headers).status_code == 200


def test_legacy_forbidden_setting(make_server: Callable[..., LiveServer]) -> None:
    live = make_server(datadog_legacy_forbidden=True)
    response = httpx.get(live.url + URL)
    assert response.status_code == 403
    assert response.json() == {"errors": ["Forbidden"]}


STRICT = {
    "datadog": {
        "api_keys": ["org-api-key"],
        "application_keys": [
            {"key": "reader-app-key", "permissions": ["synthetics_read"]},
            {"key": "dash-app-key", "permissions": ["dashboards_read"]},
        ],
    }
}


@pytest.fixture
def strict(make_server: Callable[..., LiveServer]) -> LiveServer:
    return make_server(credentials=STRICT)


@pytest.mark.parametrize(
    ("api_key", "app_key", "status", "errors"),
    [
        ("org-api-key", "reader-app-key", 200, None),
        ("unknown", "reader-app-key", 401, ["Unauthorized"]),
        ("org-api-key", "unknown", 401, ["Unauthorized"]),
        (
            "org-api-key",
            "dash-app-key",
            403,
            ["Forbidden", "Failed permission authorization checks"],
        ),
    ],
)
def test_strict_mode(
    strict: LiveServer, api_key: str, app_key: str, status: int, errors: list[str] | None
) -> None:
    response = httpx.get(
        strict.url + URL, headers={"DD-API-KEY": api_key, "DD-APPLICATION-KEY": app_key}
    )
    assert response.status_code == status
    if errors is not None:
        assert response.json() == {"errors": errors}


def test_default_mode_accepts_any_key_pair(http: httpx.Client) -> None:
    assert http.get(URL, headers=DD_HEADERS).status_code == 200
