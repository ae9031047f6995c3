"""Cloudflare authentication answers, default and strict mode (cloudflare-contract-notes §3)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from netpath_mock.testing import LiveServer
from tests.conftest import API_EMAIL, API_KEY, DOC_ACCOUNT, TOKEN, network_path_url
from tests.contract.validation import validate

CONTRACT = "cloudflare-dex-traceroute.openapi.json"
OTHER_ACCOUNT = "0123456789abcdef0123456789abcdef"


def _error(response: httpx.Response) -> dict[str, object]:
    validate(CONTRACT, response)
    body = response.json()
    assert body["success"] is False and body["result"] is None
    assert len(body["errors"]) == 1
    error: dict[str, object] = body["errors"][0]
    return error


def test_missing_credentials_400_9106(http: httpx.Client) -> None:
    response = http.get(network_path_url())
    assert response.status_code == 400
    assert _error(response) == {
        "code": 9106,
        "message": "Missing X-Auth-Key, X-Auth-Email or Authorization headers",
    }


def test_key_without_email_is_missing_credentials(http: httpx.Client) -> None:
    response = http.get(network_path_url(), headers={"X-Auth-Key": API_KEY})
    assert response.status_code == 400
    assert _error(response)["code"] == 9106


@pytest.mark.parametrize(
    "value", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer two words", "token-only"]
)
def test_malformed_authorization_400_6003_6111(http: httpx.Client, value: str) -> None:
    response = http.get(network_path_url(), headers={"Authorization": value})
    assert response.status_code == 400
    assert _error(response) == {
        "code": 6003,
        "message": "Invalid request headers",
        "error_chain": [{"code": 6111, "message": "Invalid format for Authorization header"}],
    }


def test_malformed_key_400_6003_6103(http: httpx.Client) -> None:
    # An API token pasted into X-Auth-Key is the classic mistake.
    response = http.get(
        network_path_url(), headers={"X-Auth-Key": TOKEN, "X-Auth-Email": API_EMAIL}
    )
    assert response.status_code == 400
    assert _error(response)["error_chain"] == [
        {"code": 6103, "message": "Invalid format for X-Auth-Key header"}
    ]


def test_malformed_key_and_email_list_both(http: httpx.Client) -> None:
    response = http.get(
        network_path_url(), headers={"X-Auth-Key": "nope!", "X-Auth-Email": "nobody"}
    )
    assert response.status_code == 400
    assert [e["code"] for e in _error(response)["error_chain"]] == [6103, 6102]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": f"Bearer {TOKEN}"},
        {"X-Auth-Key": API_KEY, "X-Auth-Email": API_EMAIL},
        {"Authorization": "Bearer cfat_" + "x" * 60},
    ],
)
def test_default_mode_accepts_any_well_formed_credential(
    http: httpx.Client, headers: dict[str, str]
) -> None:
    assert http.get(network_path_url(), headers=headers).status_code == 200


STRICT = {
    "cloudflare": {
        "tokens": [
            {
                "token": "reader-token",
                "permissions": ["Cloudflare DEX Read"],
                "accounts": [DOC_ACCOUNT],
            },
            {"token": "dns-token", "permissions": ["DNS Write"]},
            {"token": "zt-token", "permissions": ["Zero Trust Read"]},
        ],
        "keys": [{"email": API_EMAIL, "key": API_KEY, "permissions": ["Cloudflare DEX Write"]}],
    }
}


@pytest.fixture
def strict(make_server: Callable[..., LiveServer]) -> LiveServer:
    return make_server(credentials=STRICT)


def test_strict_unknown_token_403_9109(strict: LiveServer) -> None:
    response = httpx.get(
        strict.url + network_path_url(), headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 403
    assert _error(response) == {"code": 9109, "message": "Invalid access token"}


def test_strict_unknown_key_pair_403_9103(strict: LiveServer) -> None:
    headers = {"X-Auth-Key": API_KEY, "X-Auth-Email": "other@example.com"}
    response = httpx.get(strict.url + network_path_url(), headers=headers)
    assert response.status_code == 403
    assert _error(response) == {"code": 9103, "message": "Unknown X-Auth-Key or X-Auth-Email"}


def test_strict_token_without_dex_permission_403_10000(strict: LiveServer) -> None:
    response = httpx.get(
        strict.url + network_path_url(), headers={"Authorization": "Bearer dns-token"}
    )
    assert response.status_code == 403
    assert _error(response) == {"code": 10000, "message": "Authentication error"}


def test_strict_token_outside_its_accounts_403_10000(strict: LiveServer) -> None:
    url = network_path_url(account=OTHER_ACCOUNT)
    response = httpx.get(strict.url + url, headers={"Authorization": "Bearer reader-token"})
    assert response.status_code == 403
    assert _error(response)["code"] == 10000


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer reader-token"},
        {"Authorization": "Bearer zt-token"},
        {"X-Auth-Key": API_KEY, "X-Auth-Email": API_EMAIL.upper()},
    ],
)
def test_strict_listed_credentials_authenticate(
    strict: LiveServer, headers: dict[str, str]
) -> None:
    response = httpx.get(strict.url + network_path_url(), headers=headers)
    assert response.status_code == 200
    validate(CONTRACT, response)


def test_credentials_never_reach_the_journal(
    http: httpx.Client, session_headers: dict[str, str]
) -> None:
    headers = {**session_headers, "X-Auth-Key": API_KEY, "X-Auth-Email": API_EMAIL}
    http.get(network_path_url(), headers=headers)
    http.get(network_path_url(), headers={**session_headers, "Authorization": f"Bearer {TOKEN}"})
    journal = http.get("/_mock/requests", headers=session_headers)
    assert journal.status_code == 200
    text = journal.text
    assert len(journal.json()["requests"]) == 2
    for secret in (API_KEY, API_EMAIL, TOKEN):
        assert secret not in text
