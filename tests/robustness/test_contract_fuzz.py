"""Contract fuzzing: schemathesis drives every served operation from the vendors' own contracts.

Each generated case (positive and negative, plus schemathesis' coverage probes) goes to the live
server and must pass `not_a_server_error`, `response_schema_conformance` and
`content_type_conformance`. The Cloudflare contract's server URL ends in /client/v4, so its base
URL here does too. Most cases carry valid credentials of the vendor (a random scheme for
Cloudflare); the rest keep whatever schemathesis generated for the security schemes, which may
be nothing at all.

Known deviation, kept out of reach rather than excused: Cloudflare's 429 body carries code 971,
below the contract's `minimum: 1000` for error codes, because the live API sends 971 (see
netpath_mock/vendors/cloudflare/errors.py). The server here has rate limits no run can reach,
and every case asserts it never answered 429.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from hypothesis import settings
from hypothesis import strategies as st

from netpath_mock.core.settings import Settings
from netpath_mock.testing import LiveServer
from netpath_mock.vendors.cloudflare.spec import SPEC as CLOUDFLARE
from tests.catalogs import cloudflare_catalog, datadog_catalog
from tests.conftest import SEED
from tests.robustness.support import CF_AUTH, CF_KEY_AUTH, CONTRACTS, DD_AUTH

CF_CONTRACT = CONTRACTS / "cloudflare-dex-traceroute.openapi.json"
CF_FULL_CONTRACT = CONTRACTS / "cloudflare-dex.openapi.json"
DD_CONTRACT = CONTRACTS / "datadog-synthetics-network.openapi.json"
DD_V1_CONTRACT = CONTRACTS / "datadog-synthetics-v1-subset.openapi.json"
if not all(c.is_file() for c in (CF_CONTRACT, CF_FULL_CONTRACT, DD_CONTRACT, DD_V1_CONTRACT)):
    pytest.skip("../shared/contracts is not available", allow_module_level=True)

import schemathesis  # noqa: E402  (only once the contracts are known to exist)
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
)

CF_OPERATION = "dex-endpoints-traceroute-test-result-network-path"
DD_PATH = "/api/v2/synthetics/tests/network/{public_id}"
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]

cloudflare = schemathesis.openapi.from_path(CF_CONTRACT).include(operation_id=CF_OPERATION)
# The DEX test analytics (issue 11), from the full DEX contract.
CF_ANALYTICS_OPERATIONS = [
    "dex-endpoints-list-tests-overview",
    "dex-endpoints-tests-unique-devices",
    "dex-endpoints-traceroute-test-details",
    "dex-endpoints-traceroute-test-network-path",
    "dex-endpoints-traceroute-test-percentiles",
    "dex-endpoints-http-test-details",
    "dex-endpoints-http-test-percentiles",
]
cloudflare_analytics = schemathesis.openapi.from_path(CF_FULL_CONTRACT).include(
    operation_id=CF_ANALYTICS_OPERATIONS
)
# The served Datadog operations: get, create, update and bulk-delete.
DD_OPERATIONS = [
    "GetSyntheticsNetworkTest",
    "CreateSyntheticsNetworkTest",
    "UpdateSyntheticsNetworkTest",
    "DeleteSyntheticsTests",
]
datadog = schemathesis.openapi.from_path(DD_CONTRACT).include(operation_id=DD_OPERATIONS)
# The test lifecycle: the served v1 operations and the v2 version history.
DD_V1_OPERATIONS = [
    "ListTests",
    "SearchTests",
    "GetTest",
    "PatchTest",
    "DeleteTests",
    "UpdateTestPauseStatus",
    "TriggerTests",
    "TriggerCITests",
    "GetSyntheticsCIBatch",
    "FetchUptimes",
    "ListLocations",
    "GetSyntheticsDefaultLocations",
]
DD_VERSION_OPERATIONS = ["ListSyntheticsTestVersions", "GetSyntheticsTestVersion"]
datadog_v1 = schemathesis.openapi.from_path(DD_V1_CONTRACT).include(operation_id=DD_V1_OPERATIONS)
datadog_versions = schemathesis.openapi.from_path(DD_CONTRACT).include(
    operation_id=DD_VERSION_OPERATIONS
)

# Results: the v2 list, one result and the poll, and the v1 result operations.
DD_RESULT_OPERATIONS = [
    "ListSyntheticsTestLatestResults",
    "GetSyntheticsTestResult",
    "PollSyntheticsTestResults",
]
DD_V1_RESULT_OPERATIONS = ["GetAPITestLatestResults", "GetAPITestResult"]
datadog_results = schemathesis.openapi.from_path(DD_CONTRACT).include(
    operation_id=DD_RESULT_OPERATIONS
)
datadog_v1_results = schemathesis.openapi.from_path(DD_V1_CONTRACT).include(
    operation_id=DD_V1_RESULT_OPERATIONS
)

CF_SECURITY_HEADERS = ("authorization", "x-auth-key", "x-auth-email", "x-auth-user-service-key")
DD_SECURITY_HEADERS = ("dd-api-key", "dd-application-key")
# None: keep the headers schemathesis generated for the security schemes (possibly none).
CF_CREDENTIALS: list[dict[str, str] | None] = [
    CF_AUTH,
    CF_AUTH,
    CF_KEY_AUTH,
    {"X-Auth-User-Service-Key": "v1.0-0123456789abcdef"},
    None,
]
DD_CREDENTIALS: list[dict[str, str] | None] = [DD_AUTH, DD_AUTH, DD_AUTH, None]
# Existing resources, so the 200 bodies of the generated universe are checked too (random ids
# from the contract almost never name one).
CF_IDS = cloudflare_catalog(SEED, 40)
DD_IDS = datadog_catalog(SEED, 40, 200)
# Well-formed ids the universe never issued (a 404), which random contract strings rarely are.
CF_UNKNOWN_IDS = st.builds(
    lambda account, result: {"account_id": account.hex(), "test_result_id": str(result)},
    st.binary(min_size=16, max_size=16),
    st.uuids(version=4),
)
CF_PATHS = st.none() | st.sampled_from(CF_IDS) | CF_UNKNOWN_IDS
DD_PATHS = st.none() | st.sampled_from(DD_IDS)

statuses: dict[str, Counter[int]] = {"cloudflare": Counter(), "datadog": Counter()}


@pytest.fixture(scope="module")
def http_session() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


def _dress(
    case: Any,
    credentials: dict[str, str] | None,
    ids: dict[str, str] | None,
    scheme_headers: tuple[str, ...],
) -> Any:
    """`case` with valid credentials (replacing generated ones) and, maybe, an existing resource."""
    if ids is not None and case.method in ("GET", "PUT") and case.path_parameters:
        case.path_parameters = dict(ids)
    if credentials is not None:
        headers = dict(case.headers or {})
        kept = {k: v for k, v in headers.items() if k.lower() not in scheme_headers}
        case.headers = {**kept, **credentials}
    return case


@cloudflare.hook("flatmap_case")
def _cloudflare_case(context: Any, case: Any) -> st.SearchStrategy[Any]:
    choices = st.tuples(st.sampled_from(CF_CREDENTIALS), CF_PATHS)
    return choices.map(lambda c: _dress(case, c[0], c[1], CF_SECURITY_HEADERS))


# Existing tests of both kinds (so 200 bodies are checked too), and unknown ones.
CF_TEST_IDS = [
    {"account_id": item["account_id"], "test_id": item["test_id"]}
    for item in CLOUDFLARE.extra["catalog_kinds"]["tests"](Settings(seed=SEED), SEED, 16)
]
CF_UNKNOWN_TESTS = st.builds(
    lambda account, test: {"account_id": account.hex(), "test_id": str(test)},
    st.binary(min_size=16, max_size=16),
    st.uuids(version=4),
)


def _dress_analytics(case: Any, credentials: dict[str, str] | None, ids: Any) -> Any:
    """As `_dress`, setting only the path parameters the operation has."""
    if ids is not None and case.path_parameters:
        case.path_parameters = {k: v for k, v in ids.items() if k in case.path_parameters}
    return _dress(case, credentials, None, CF_SECURITY_HEADERS)


@cloudflare_analytics.hook("flatmap_case")
def _cloudflare_analytics_case(context: Any, case: Any) -> st.SearchStrategy[Any]:
    paths = st.none() | st.sampled_from(CF_TEST_IDS) | CF_UNKNOWN_TESTS
    choices = st.tuples(st.sampled_from(CF_CREDENTIALS), paths)
    return choices.map(lambda c: _dress_analytics(case, c[0], c[1]))


@datadog.hook("flatmap_case")
def _datadog_case(context: Any, case: Any) -> st.SearchStrategy[Any]:
    choices = st.tuples(st.sampled_from(DD_CREDENTIALS), DD_PATHS)
    return choices.map(lambda c: _dress(case, c[0], c[1], DD_SECURITY_HEADERS))


def _dress_lifecycle(case: Any, credentials: dict[str, str] | None, ids: Any) -> Any:
    """As `_dress`, keeping the other path parameters (version_number) of any method."""
    if ids is not None and case.path_parameters and "public_id" in case.path_parameters:
        case.path_parameters = {**case.path_parameters, **ids}
    return _dress(case, credentials, None, DD_SECURITY_HEADERS)


@datadog_v1.hook("flatmap_case")
def _datadog_v1_case(context: Any, case: Any) -> st.SearchStrategy[Any]:
    choices = st.tuples(st.sampled_from(DD_CREDENTIALS), DD_PATHS)
    return choices.map(lambda c: _dress_lifecycle(case, c[0], c[1]))


@datadog_versions.hook("flatmap_case")
def _datadog_versions_case(context: Any, case: Any) -> st.SearchStrategy[Any]:
    choices = st.tuples(st.sampled_from(DD_CREDENTIALS), DD_PATHS)
    return choices.map(lambda c: _dress_lifecycle(case, c[0], c[1]))


def _dress_results(case: Any, credentials: dict[str, str] | None, ids: Any) -> Any:
    """As `_dress_lifecycle`; the poll asks for an existing result when there is one."""
    if (
        ids is not None
        and "result_id" in ids
        and case.path == "/api/v2/synthetics/tests/poll_results"
    ):
        case.query = {**(case.query or {}), "result_ids": json.dumps([ids["result_id"]])}
    return _dress_lifecycle(case, credentials, ids)


@datadog_results.hook("flatmap_case")
def _datadog_results_case(context: Any, case: Any) -> st.SearchStrategy[Any]:
    choices = st.tuples(st.sampled_from(DD_CREDENTIALS), DD_PATHS)
    return choices.map(lambda c: _dress_results(case, c[0], c[1]))


@datadog_v1_results.hook("flatmap_case")
def _datadog_v1_results_case(context: Any, case: Any) -> st.SearchStrategy[Any]:
    choices = st.tuples(st.sampled_from(DD_CREDENTIALS), DD_PATHS)
    return choices.map(lambda c: _dress_results(case, c[0], c[1]))


def _call(case: Any, base_url: str, session: requests.Session, vendor: str) -> None:
    response = case.call_and_validate(base_url=base_url, session=session, checks=CHECKS, timeout=10)
    statuses[vendor][response.status_code] += 1
    assert response.status_code != 429, "rate limits are set out of reach: no 429 (code 971)"


def _labels(schema: Any) -> list[str]:
    return [result.ok().label for result in schema.get_all_operations()]


def test_filters_select_exactly_the_served_operations() -> None:
    assert _labels(cloudflare) == [
        "GET /accounts/{account_id}/dex/traceroute-test-results/{test_result_id}/network-path"
    ]
    assert sorted(_labels(datadog)) == [
        "GET /api/v2/synthetics/tests/network/{public_id}",
        "POST /api/v2/synthetics/tests/bulk-delete",
        "POST /api/v2/synthetics/tests/network",
        "PUT /api/v2/synthetics/tests/network/{public_id}",
    ]
    assert len(_labels(cloudflare_analytics)) == len(CF_ANALYTICS_OPERATIONS)
    assert len(_labels(datadog_v1)) == len(DD_V1_OPERATIONS)
    assert len(_labels(datadog_versions)) == len(DD_VERSION_OPERATIONS)
    assert len(_labels(datadog_results)) == len(DD_RESULT_OPERATIONS)
    assert len(_labels(datadog_v1_results)) == len(DD_V1_RESULT_OPERATIONS)


@datadog_results.parametrize()
@settings(max_examples=25)
def test_datadog_results_conform(
    case: Any, fuzz_server: LiveServer, http_session: requests.Session
) -> None:
    _call(case, fuzz_server.url, http_session, "datadog")


@datadog_v1_results.parametrize()
@settings(max_examples=25)
def test_datadog_v1_results_conform(
    case: Any, fuzz_server: LiveServer, http_session: requests.Session
) -> None:
    _call(case, fuzz_server.url, http_session, "datadog")


@datadog_v1.parametrize()
@settings(max_examples=25)
def test_datadog_v1_lifecycle_conforms(
    case: Any, fuzz_server: LiveServer, http_session: requests.Session
) -> None:
    _call(case, fuzz_server.url, http_session, "datadog")


@datadog_versions.parametrize()
@settings(max_examples=25)
def test_datadog_version_history_conforms(
    case: Any, fuzz_server: LiveServer, http_session: requests.Session
) -> None:
    _call(case, fuzz_server.url, http_session, "datadog")


@cloudflare.parametrize()
def test_cloudflare_network_path_conforms(
    case: Any, fuzz_server: LiveServer, http_session: requests.Session
) -> None:
    _call(case, fuzz_server.cloudflare_base_url, http_session, "cloudflare")


@cloudflare_analytics.parametrize()
@settings(max_examples=25)
def test_cloudflare_analytics_conform(
    case: Any, fuzz_server: LiveServer, http_session: requests.Session
) -> None:
    _call(case, fuzz_server.cloudflare_base_url, http_session, "cloudflare")


@datadog.parametrize()
def test_datadog_network_test_conforms(
    case: Any, fuzz_server: LiveServer, http_session: requests.Session
) -> None:
    _call(case, fuzz_server.url, http_session, "datadog")


def test_fuzzing_reached_successes_and_failures() -> None:
    """The runs above exercised both outcomes of each vendor (not only early rejections)."""
    if not any(statuses.values()):
        pytest.skip("run together with the fuzz tests above")
    assert {200, 400, 404} <= set(statuses["cloudflare"]), statuses
    assert {200, 401, 404} <= set(statuses["datadog"]), statuses
