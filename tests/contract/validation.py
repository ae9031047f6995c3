"""Validates live responses against the vendors' own OpenAPI contracts (openapi-core)."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CONTRACTS = SHARED / "contracts"
VENDOR_HOSTS = {
    "cloudflare-dex.openapi.json": "https://api.cloudflare.com",
    "cloudflare-dex-traceroute.openapi.json": "https://api.cloudflare.com",
    "datadog-synthetics-network.openapi.json": "https://api.datadoghq.com",
    "datadog-synthetics-v1-subset.openapi.json": "https://api.datadoghq.com",
}


# Cloudflare's own contract quirk (cloudflare-dex-universe §2, "Contract quirks" 1): several
# operations answer `allOf[<envelope with result: array|object|string>, {result: <theirs>}]`,
# which no body can satisfy. Real answers follow the operation's own `result`, so the envelope's
# `result` is dropped where the operation defines one.
_ENVELOPES = ("api-response-collection", "api-response-single")
_PREFIX = "#/components/schemas/digital-experience-monitoring_"


def _without_result(schema: dict[str, Any]) -> dict[str, Any]:
    patched = copy.deepcopy(schema)
    for part in patched.get("allOf", []):
        part.get("properties", {}).pop("result", None)
    return patched


def _patch_envelope_quirk(spec: dict[str, Any]) -> dict[str, Any]:
    schemas = spec["components"]["schemas"]
    for envelope in _ENVELOPES:
        name = f"digital-experience-monitoring_{envelope}"
        if name in schemas:
            schemas[f"{name}-without-result"] = _without_result(schemas[name])

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            parts = node.get("allOf")
            if isinstance(parts, list) and any(
                "result" in part.get("properties", {}) for part in parts if isinstance(part, dict)
            ):
                for part in parts:
                    ref = part.get("$ref", "") if isinstance(part, dict) else ""
                    if ref.removeprefix(_PREFIX) in _ENVELOPES:
                        part["$ref"] = f"{ref}-without-result"
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(spec["paths"])
    # The download's Last-Modified is typed `format: date-time` but exemplified (rightly, per
    # RFC 9110) as an HTTP-date, "Wed, 21 Oct 2023 07:28:00 GMT": the mock sends the example's
    # form, so the format is not checked.
    download = "/accounts/{account_id}/dex/commands/{command_id}/downloads/{filename}"
    operation = spec["paths"].get(download, {}).get("get")
    if operation is not None:
        operation["responses"]["200"]["headers"]["Last-Modified"]["schema"].pop("format", None)
    return spec


@cache
def _load(name: str) -> OpenAPI:
    if name == "cloudflare-dex.openapi.json":
        spec = json.loads((CONTRACTS / name).read_text())
        return OpenAPI.from_dict(_patch_envelope_quirk(spec))
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
