"""Datadog Network Path tests: session overlay, then fixtures, then the seeded universe."""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from typing import Any

import orjson

from app.core.errors import NotFound
from app.core.seeding import rng_for
from app.core.state import MockState, Session
from app.vendors.datadog import generator, universe

VENDOR = universe.VENDOR
TEST_NOT_FOUND = "Synthetics test not found"  # datadog-contract-notes §3 e
DELETED = object()  # overlay marker: the session deleted this test


def response_body(data: dict[str, Any]) -> bytes:
    """A 200 body; Datadog's 200 bodies end with a newline, its 404s do not (notes §5)."""
    return orjson.dumps({"data": data}) + b"\n"


@lru_cache(maxsize=16)
def org_domain(seed: int) -> str:
    """The organisation's domain: one company owns every test of the universe."""
    return generator.organisation_domain(rng_for(seed, VENDOR, "org"))


def build_test(seed: int, public_id: str) -> dict[str, Any]:
    """The `data` object of a generated test: a pure function of (seed, public_id)."""
    attributes = generator.network_test_attributes(
        rng_for(seed, VENDOR, "test", public_id), public_id, org_domain=org_domain(seed)
    )
    # v2 answers never carry monitor_id, though the test has one (notes §5).
    return {"id": public_id, "type": "network_test", "attributes": attributes}


class NetworkTestService:
    """Answers network-test lookups with serialized bodies, caching a bounded number."""

    def __init__(self, state: MockState) -> None:
        self.state = state
        self._cache: OrderedDict[str, bytes] = OrderedDict()
        self._cache_size = state.settings.cache_size
        self._fixtures: dict[str, dict[str, Any]] = state.fixtures.get(VENDOR, {})
        state.on_reseed(self._cache.clear)

    def exists(self, public_id: str) -> bool:
        """Whether the generated universe or a fixture holds `public_id`."""
        seed, count = self.state.seed, self.state.settings.datadog_test_count
        return public_id in self._fixtures or public_id in universe.index_of(seed, count)

    def get_network_test(self, session: Session, public_id: str) -> bytes:
        """The 200 body for `public_id`, or NotFound."""
        overlay = session.overlays[VENDOR].get(public_id)
        if overlay is DELETED:
            raise NotFound(TEST_NOT_FOUND)
        if overlay is not None:
            return response_body(overlay)
        cached = self._cache.get(public_id)
        if cached is not None:
            self._cache.move_to_end(public_id)
            return cached
        fixture = self._fixtures.get(public_id)
        if fixture is not None:
            body = response_body(fixture)
        elif self.exists(public_id):
            body = response_body(build_test(self.state.seed, public_id))
        else:
            raise NotFound(TEST_NOT_FOUND)
        if self._cache_size:
            self._cache[public_id] = body
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return body
