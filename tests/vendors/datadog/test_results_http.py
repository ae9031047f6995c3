"""Network Path results over HTTP: the official client reads every answer, the contracts agree.

The gate of issue 15: `datadog-api-client` deserializes every list and result of the org with
nothing `_unparsed`, and every answer validates against the contract (v2 results, v1 results).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest
from datadog_api_client import ApiClient, Configuration
from datadog_api_client.exceptions import ApiException, NotFoundException
from datadog_api_client.v1.api.synthetics_api import SyntheticsApi as SyntheticsApiV1
from datadog_api_client.v2.api.synthetics_api import SyntheticsApi as SyntheticsApiV2

from netpath_mock.testing import LiveServer
from tests.catalogs import datadog_catalog
from tests.conftest import DD_HEADERS, SEED
from tests.contract.validation import validate
from tests.vendors.datadog.test_client import _unparsed

V1 = "datadog-synthetics-v1-subset.openapi.json"
V2 = "datadog-synthetics-network.openapi.json"


@pytest.fixture(scope="module")
def apis(server: LiveServer) -> Iterator[tuple[SyntheticsApiV1, SyntheticsApiV2]]:
    config = Configuration(host=server.url)
    config.api_key["apiKeyAuth"] = "key"
    config.api_key["appKeyAuth"] = "app"
    with ApiClient(config) as client:
        yield SyntheticsApiV1(client), SyntheticsApiV2(client)


@pytest.fixture(scope="module")
def raw(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, headers=DD_HEADERS, timeout=30) as client:
        yield client


def _get(raw: httpx.Client, path: str, contract: str = V2, **params: Any) -> httpx.Response:
    response = raw.get(path, params=params or None)
    validate(contract, response)
    return response


def test_client_reads_every_list_and_result_of_the_org(
    apis: tuple[SyntheticsApiV1, SyntheticsApiV2], raw: httpx.Client
) -> None:
    _, v2 = apis
    items = datadog_catalog(SEED, 200, 200)
    read = 0
    for n, item in enumerate(items):
        public_id = item["public_id"]
        chosen = [item["result_id"]] if "result_id" in item else []
        if n % 4 == 0:
            # The client's list deserialisation is slow (150 typed items): every 4th test.
            listed = v2.list_synthetics_test_latest_results(public_id=public_id)
            assert _unparsed(listed) == []
            ids = [d.id for d in listed.data]
            # The catalog names the newest scheduled run (a CI run may be newer).
            assert not chosen or chosen[0] in ids
            failed = v2.list_synthetics_test_latest_results(public_id=public_id, status="failed")
            assert _unparsed(failed) == []
            chosen += [*ids[:1], *ids[-1:], *[d.id for d in failed.data[:2]]]
        for result_id in chosen:
            result = v2.get_synthetics_test_result(public_id=public_id, result_id=result_id)
            assert _unparsed(result) == []
            detail = result.data.attributes.result
            assert detail.id == result_id
            assert detail.netpath.protocol in ("TCP", "UDP", "ICMP")
            read += 1
        if n % 10 == 0:
            _get(raw, f"/api/v2/synthetics/tests/{public_id}/results")
            for result_id in chosen:
                _get(raw, f"/api/v2/synthetics/tests/{public_id}/results/{result_id}")
    assert read >= 250


def test_poll_through_the_client(
    apis: tuple[SyntheticsApiV1, SyntheticsApiV2], raw: httpx.Client
) -> None:
    _, v2 = apis
    items = [i for i in datadog_catalog(SEED, 12, 200) if "result_id" in i]
    ids = [i["result_id"] for i in items]
    polled = v2.poll_synthetics_test_results(result_ids=json.dumps(ids))
    assert _unparsed(polled) == []
    assert [d.id for d in polled.data] == ids
    assert [d.relationships.test.data.id for d in polled.data] == [i["public_id"] for i in items]
    answer = _get(raw, "/api/v2/synthetics/tests/poll_results", result_ids=json.dumps(ids))
    assert [d["id"] for d in answer.json()["data"]] == ids
    with pytest.raises(NotFoundException) as caught:
        v2.poll_synthetics_test_results(result_ids='["1"]')
    assert caught.value.body == {"errors": ["Synthetics test results not found"]}


def test_filters_as_the_client_serialises_them(
    apis: tuple[SyntheticsApiV1, SyntheticsApiV2],
) -> None:
    """`runType` camelCase and repeated `probe_dc` (notes §9.1: the SDK's own query string)."""
    _, v2 = apis
    item = next(i for i in datadog_catalog(SEED, 20, 200) if "result_id" in i)
    public_id = item["public_id"]
    every = v2.list_synthetics_test_latest_results(public_id=public_id)
    locations = sorted({d.attributes.location.id for d in every.data})
    newest = every.data[0].attributes.started_at
    chosen = v2.list_synthetics_test_latest_results(
        public_id=public_id,
        run_type="scheduled",
        probe_dc=locations[:2],
        from_ts=newest - 86_400_000,
        to_ts=newest,
    )
    got = {d.attributes.location.id for d in chosen.data}
    assert got and got <= set(locations[:2])
    assert all(newest - 86_400_000 <= d.attributes.started_at <= newest for d in chosen.data)
    assert all(str(d.attributes.run_type) == "scheduled" for d in chosen.data)


def test_v1_result_operations_answer_network_runs(
    apis: tuple[SyntheticsApiV1, SyntheticsApiV2], raw: httpx.Client
) -> None:
    v1, v2 = apis
    item = next(i for i in datadog_catalog(SEED, 20, 200) if "result_id" in i)
    public_id = item["public_id"]
    latest = v1.get_api_test_latest_results(public_id=public_id)
    assert _unparsed(latest) == []
    assert len(latest.results) == 150
    assert latest.results[0].result_id == item["result_id"]
    v2_first = v2.list_synthetics_test_latest_results(public_id=public_id).data[0]
    assert latest.results[0].check_time == v2_first.attributes.started_at
    assert latest.last_timestamp_fetched == latest.results[-1].check_time // 1000 * 1000
    full = v1.get_api_test_result(public_id=public_id, result_id=item["result_id"])
    assert _unparsed(full) == []
    assert full.status.value in (0, 1)
    assert full.result.passed == (full.status.value == 0)
    assert full.check.type == "network"
    _get(raw, f"/api/v1/synthetics/tests/{public_id}/results", V1)
    _get(raw, f"/api/v1/synthetics/tests/{public_id}/results/{item['result_id']}", V1)


def test_not_found_and_bad_parameters(raw: httpx.Client) -> None:
    item = next(i for i in datadog_catalog(SEED, 20, 200) if "result_id" in i)
    public_id, result_id = item["public_id"], item["result_id"]
    cases = [
        ("/api/v2/synthetics/tests/zzz-zzz-zzz/results", {}, 404, "Synthetics test not found"),
        (
            f"/api/v2/synthetics/tests/{public_id}/results/1234",
            {},
            404,
            "Synthetics test result not found",
        ),
        (
            f"/api/v1/synthetics/tests/{public_id}/results/1234",
            {},
            404,
            "Synthetics test result not found",
        ),
        (f"/api/v2/synthetics/tests/{public_id}/results", {"from_ts": "soon"}, 400, None),
        (f"/api/v2/synthetics/tests/{public_id}/results", {"status": "green"}, 400, None),
        ("/api/v2/synthetics/tests/poll_results", {}, 400, None),
        ("/api/v2/synthetics/tests/poll_results", {"result_ids": "[1,2]"}, 400, None),
    ]
    for path, params, status, message in cases:
        response = raw.get(path, params=params)
        assert response.status_code == status, (path, response.text)
        body = orjson.loads(response.content)
        assert list(body) == ["errors"] and all(isinstance(e, str) for e in body["errors"])
        if message is not None:
            assert body["errors"] == [message]
        validate(V1 if path.startswith("/api/v1") else V2, response)
    assert raw.get(f"/api/v2/synthetics/tests/{public_id}/results/{result_id}").status_code == 200


def test_client_raises_its_typed_errors(apis: tuple[SyntheticsApiV1, SyntheticsApiV2]) -> None:
    _, v2 = apis
    with pytest.raises(NotFoundException):
        v2.get_synthetics_test_result(public_id="zzz-zzz-zzz", result_id="1")
    with pytest.raises(ApiException) as caught:
        v2.poll_synthetics_test_results(result_ids="not json")
    assert caught.value.status == 400
