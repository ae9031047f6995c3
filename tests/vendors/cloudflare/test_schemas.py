"""Properties of generated Cloudflare results: schema-valid, deterministic, ids round-trip."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import orjson
from hypothesis import given
from hypothesis import strategies as st

from netpath_mock.vendors.cloudflare import universe
from netpath_mock.vendors.cloudflare.schemas import NetworkPathGetResponse
from netpath_mock.vendors.cloudflare.service import build_result
from tests.strategies import account_ids, run_refs, seeds

EPOCH = datetime(2026, 11, 1, tzinfo=UTC)


@given(run_refs())
def test_every_generated_result_validates_and_is_deterministic(
    ref: tuple[int, str, int, int],
) -> None:
    seed, account, test, run = ref
    rid = universe.result_id(seed, account, test, run)
    run_ref = universe.RunRef(account, test, run)
    first = build_result(seed, EPOCH, run_ref, rid)
    NetworkPathGetResponse.model_validate(first)
    assert orjson.dumps(first) == orjson.dumps(build_result(seed, EPOCH, run_ref, rid))


@given(run_refs())
def test_result_ids_round_trip(ref: tuple[int, str, int, int]) -> None:
    seed, account, test, run = ref
    rid = universe.result_id(seed, account, test, run)
    assert uuid.UUID(rid).version == 4
    assert universe.locate_result(seed, account, rid) == universe.RunRef(account, test, run)
    assert universe.locate_result(seed, account, rid.upper()) == universe.RunRef(account, test, run)


@given(seeds(), account_ids(), st.uuids(version=4))
def test_ids_the_universe_never_issued_are_unknown(
    seed: int, account: str, random_id: uuid.UUID
) -> None:
    assert universe.locate_result(seed, account, str(random_id)) is None


@given(run_refs(), account_ids())
def test_ids_are_scoped_to_their_account(ref: tuple[int, str, int, int], other: str) -> None:
    seed, account, test, run = ref
    if other == account or (test, run) == (0, 0):
        return
    rid = universe.result_id(seed, account, test, run)
    assert universe.locate_result(seed, other, rid) is None
