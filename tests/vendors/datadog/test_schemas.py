"""Properties of generated Datadog tests: schema-valid, deterministic, ids from the alphabet."""

from __future__ import annotations

import re

import orjson
from hypothesis import given
from hypothesis import strategies as st

from netpath_mock.vendors.datadog import universe
from netpath_mock.vendors.datadog.schemas import SyntheticsNetworkTestResponseData
from netpath_mock.vendors.datadog.service import build_test
from tests.strategies import public_ids, seeds

ID_RE = re.compile(
    r"^[23456789abcdefghijkmnpqrstuvwxyz]{3}(-[23456789abcdefghijkmnpqrstuvwxyz]{3}){2}$"
)


@given(seeds(), public_ids())
def test_every_generated_test_validates_and_is_deterministic(seed: int, public_id: str) -> None:
    data = build_test(seed, public_id)
    model = SyntheticsNetworkTestResponseData.model_validate(data)
    assert model.attributes.public_id == model.id == public_id
    assert orjson.dumps(data) == orjson.dumps(build_test(seed, public_id))


@given(seeds(), st.integers(min_value=3, max_value=400))
def test_universe_ids_are_unique_and_from_the_alphabet(seed: int, count: int) -> None:
    ids = universe.public_ids(seed, count)
    assert len(ids) == len(set(ids)) == count
    assert ids[:2] == universe.DOC_PUBLIC_IDS
    assert all(ID_RE.match(i) for i in ids[2:])
