"""Compiled lane == FastAPI reference lane, for every served operation and every error kind.

Table-driven from the vendor registry: each operation's requests are derived from its
declaration (core.routing) and its vendor's catalog (tests/contract/differential.py). Both lanes
answer each request on fresh state with a fixed clock; they must agree on the status, the body
bytes and the headers (apart from cf-ray and the rate-limit counters), and neither may leak a
framework default.
"""

from __future__ import annotations

import hashlib

import orjson
import pytest

from netpath_mock.core.settings import Settings
from netpath_mock.core.vendor import VendorSpec
from netpath_mock.main import create_app
from netpath_mock.vendors import REGISTRY
from tests.conftest import SEED
from tests.contract.differential import Answer, Call, Case, cases_for, drive, operations, pairs

SETTINGS = Settings(seed=SEED)
CASES = [case for spec in REGISTRY for case in cases_for(spec, SETTINGS)]


@pytest.fixture(scope="module")
def lanes() -> tuple[object, object]:
    return pairs(create_app, SETTINGS)


def _session(case: Case) -> tuple[tuple[str, str], ...]:
    # A session per case: overlays and buckets start empty in both lanes whatever ran before.
    if any(name == "x-mock-session" for name, _ in case.call.headers):
        return case.call.headers
    tag = hashlib.sha256(case.id.encode()).hexdigest()[:32]
    return (*case.call.headers, ("x-mock-session", f"diff-{tag}"))


# Successful file downloads (Cloudflare's remote-capture archives) are not JSON.
FILE_TYPES = frozenset({"application/zip"})


def _assert_vendor_shaped(answer: Answer) -> None:
    assert answer.status != 422
    if answer.status == 200 and dict(answer.headers).get("content-type") in FILE_TYPES:
        return
    assert ("content-type", "application/json") in answer.headers
    if answer.body:
        document = orjson.loads(answer.body)
        assert not (isinstance(document, dict) and "detail" in document), answer.body


def _assert_same(served: Answer, reference: Answer) -> None:
    assert served.status == reference.status, (served.body, reference.body)
    assert served.body == reference.body
    assert served.comparable_headers() == reference.comparable_headers()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_lanes_agree(case: Case, lanes: tuple[object, object]) -> None:
    served_app, reference_app = lanes
    call = Call(case.call.method, case.call.path, case.call.query, _session(case), case.call.body)
    served = drive(served_app, call)
    reference = drive(reference_app, call)
    _assert_same(served, reference)
    _assert_vendor_shaped(served)
    if case.ok:
        assert 200 <= served.status < 300, served.body
    if case.expect is not None:
        assert served.status == case.expect


def test_every_operation_has_a_success_case() -> None:
    succeeding = {(case.vendor, case.operation_id) for case in CASES if case.name == "success"}
    assert set(operations(REGISTRY)) == succeeding


@pytest.mark.parametrize("spec", REGISTRY, ids=[spec.name for spec in REGISTRY])
def test_rate_limited_answers_agree(spec: VendorSpec) -> None:
    """Past the limit both lanes refuse alike (the third request of a 2-per-hour bucket)."""
    limited = Settings(seed=SEED, cloudflare_rate_limit="2/3600", datadog_rate_limit="2/3600")
    served_app, reference_app = pairs(create_app, limited)
    success = next(c for c in cases_for(spec, limited) if c.name == "success")
    headers = (*success.call.headers, ("x-mock-session", "rate-limit"))
    call = Call(
        success.call.method, success.call.path, success.call.query, headers, success.call.body
    )
    answers = [(drive(served_app, call), drive(reference_app, call)) for _ in range(3)]
    for served, reference in answers:
        _assert_same(served, reference)
        # Same request sequence, same fixed clock: even the counters agree.
        assert [h for h in served.headers if h[0] != "cf-ray"] == [
            h for h in reference.headers if h[0] != "cf-ray"
        ]
    assert [served.status for served, _ in answers] == [200, 200, 429]
