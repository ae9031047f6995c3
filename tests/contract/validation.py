"""Validates live responses against the vendors' own OpenAPI contracts (openapi-core)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CONTRACTS = SHARED / "contracts"
VENDOR_HOSTS = {
    "cloudflare-dex-traceroute.openapi.json": "https://api.cloudflare.com",
    "datadog-synthetics-network.openapi.json": "https://api.datadoghq.com",
    "datadog-synthetics-v1-subset.openapi.json": "https://api.datadoghq.com",
}


@cache
def _load(name: str) -> OpenAPI:
    return OpenAPI.from_file_path(str(CONTRACTS / name))


def available(name: str) -> bool:
    """Whether contract `name` can be read (../shared sits beside the project)."""
    return (CONTRACTS / name).is_file()


def validate(name: str, response: httpx.Response, *, path: str | None = None) -> None:
    """Raise unless `response` (status, content type, body) conforms to contract `name`.

    Without ../shared (a user's clone) there is nothing to validate against: the call returns
    and the calling test's own assertions still run; `test_contracts_are_available` reports the
    skip once.

    `path` overrides the request path (used for the SDK-style paths without /client/v4, which
    the contract's server URL includes).
    """
    if not available(name):
        return
    api = _load(name)
    url = urlsplit(str(response.request.url))
    request_path = path or url.path
    if name.startswith("cloudflare") and not request_path.startswith("/client/v4"):
        request_path = "/client/v4" + request_path
    request = MockRequest(VENDOR_HOSTS[name], response.request.method.lower(), request_path)
    mock = MockResponse(
        response.content,
        status_code=response.status_code,
        content_type=response.headers.get("content-type", ""),
        headers=dict(response.headers),
    )
    api.validate_response(request, mock)
