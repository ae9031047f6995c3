"""The vendors' OpenAPI documents and the offline docs page.

FastAPI generates each vendor's document from its routers. Its operations must be exactly the
ones the dispatcher serves, each one an operation of the vendor's own contract (same
operationId, method and path), and the document must be valid OpenAPI without any trace of
FastAPI's 422.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from openapi_spec_validator import validate

from netpath_mock.core.openapi import vendor_openapi
from netpath_mock.core.settings import Settings
from netpath_mock.core.vendor import VendorSpec
from netpath_mock.main import create_app
from netpath_mock.testing import LiveServer
from netpath_mock.vendors import REGISTRY
from tests.contract.validation import CONTRACTS

SPECS = pytest.mark.parametrize("spec", REGISTRY, ids=[spec.name for spec in REGISTRY])
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def _operations(document: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {
        operation["operationId"]: (method, path)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def _contract_operations(vendor: str) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for path in sorted(CONTRACTS.glob(f"{vendor}-*.openapi.json")):
        found.update(_operations(json.loads(path.read_text())))
    return found


@SPECS
def test_documented_operations_are_the_served_ones(spec: VendorSpec) -> None:
    document = vendor_openapi(spec)
    app = create_app(Settings(seed=1))
    pipeline = next(lane for owner, lane in app.dispatcher.vendors if owner is spec)
    served = {
        route.operation_id: (method.lower(), route.path)
        for route in pipeline.router.routes  # type: ignore[attr-defined]
        for method in route.methods
        if method != "HEAD"
    }
    assert _operations(document) == served


@SPECS
def test_documented_operations_are_the_vendors(spec: VendorSpec) -> None:
    contract = _contract_operations(spec.name)
    if not contract:
        pytest.skip("../shared/contracts is not available")
    ours = _operations(vendor_openapi(spec))
    assert ours
    for operation_id, (method, path) in ours.items():
        assert operation_id in contract, f"{operation_id} is not in the {spec.name} contracts"
        assert contract[operation_id] == (method, path)


@SPECS
def test_documents_are_valid_and_never_mention_422(spec: VendorSpec) -> None:
    document = vendor_openapi(spec)
    validate(document)
    text = json.dumps(document)
    assert '"422"' not in text
    assert "HTTPValidationError" not in text
    for item in document["paths"].values():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            assert operation["summary"]
            assert operation["security"]
            assert "200" in operation["responses"]
            assert "429" in operation["responses"]


def test_documented_404_examples_are_the_rendered_errors() -> None:
    cloudflare = vendor_openapi(REGISTRY[0])
    operation = cloudflare["paths"][
        "/accounts/{account_id}/dex/traceroute-test-results/{test_result_id}/network-path"
    ]["get"]
    example = operation["responses"]["404"]["content"]["application/json"]["example"]
    # Cloudflare's failure envelope, nulls included (FastAPI alone would drop `result`).
    assert example == {
        "success": False,
        "errors": [{"code": 1001, "message": "Traceroute test result not found"}],
        "messages": [],
        "result": None,
    }
    assert operation["security"] == [
        {"api_email": [], "api_key": []},
        {"api_token": []},
        {"user_service_key": []},
    ]


def test_bodies_are_documented() -> None:
    datadog = vendor_openapi(REGISTRY[1])
    create = datadog["paths"]["/api/v2/synthetics/tests/network"]["post"]
    schema = create["requestBody"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/SyntheticsNetworkTestEditRequest"}
    assert "SyntheticsNetworkTestEditRequest" in datadog["components"]["schemas"]


def test_served_documents_name_this_server_first(http: httpx.Client, server: LiveServer) -> None:
    for spec in REGISTRY:
        response = http.get(f"/_mock/openapi/{spec.name}.json")
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        servers = response.json()["servers"]
        assert servers[0]["url"] == server.url + (spec.mounts[0] if spec.mounts else "")
        assert servers[1]["url"] == spec.base_url
    missing = http.get("/_mock/openapi/nope.json")
    assert missing.status_code == 404
    assert missing.json()["error"]["status"] == 404


_ASSET = re.compile(r'(?:src|href)="([^"]+)"')


def test_docs_page_works_offline(http: httpx.Client) -> None:
    page = http.get("/_mock/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assets = _ASSET.findall(page.text)
    assert assets
    for asset in assets:
        # Every script, style and icon comes from this server, never a CDN.
        assert asset.startswith("/_mock/docs/static/"), asset
        answer = http.get(asset)
        assert answer.status_code == 200, asset
        assert answer.content
    assert "http://" not in page.text
    assert "https://" not in page.text
    for spec in REGISTRY:
        assert f"/_mock/openapi/{spec.name}.json" in page.text
    assert "/_mock/openapi.json" in page.text
    assert '"validatorUrl":null' in page.text


def test_docs_are_off_with_an_admin_token(make_server: Callable[..., LiveServer]) -> None:
    live = make_server(admin_token="s3cret")
    for path in (
        "/_mock/docs",
        "/_mock/openapi/cloudflare.json",
        "/_mock/docs/static/swagger-ui.css",
    ):
        # Without the token nothing of the control plane answers but 401 (health aside); with it,
        # the documents are simply not there.
        assert httpx.get(live.url + path).status_code == 401
        token = {"Authorization": "Bearer s3cret"}
        assert httpx.get(live.url + path, headers=token).status_code == 404
