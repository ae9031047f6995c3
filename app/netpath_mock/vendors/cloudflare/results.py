"""GET .../traceroute-test-results/{id}/network-path: fixture overrides, then the universe."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

from netpath_mock.core.cache import BodyCache
from netpath_mock.core.state import MockState
from netpath_mock.vendors.cloudflare import runs, service, universe
from netpath_mock.vendors.cloudflare.errors import RESULT_NOT_FOUND

VENDOR = universe.VENDOR


class NetworkPathService:
    """Answers network-path lookups with serialized envelopes, caching a bounded number."""

    def __init__(self, state: MockState) -> None:
        self.state = state
        self._cache: BodyCache[tuple[str, str]] = BodyCache(state.settings.cache_size)
        # Fixtures: key (account or None, result id) -> the result object as written.
        self._fixtures: dict[tuple[str | None, str], dict[str, Any]] = state.fixtures.get(
            VENDOR, {}
        )
        self._epoch = int(state.settings.epoch.timestamp())
        state.on_reseed(self._cache.clear)

    def get_network_path(
        self,
        account_id: str,
        test_result_id: str,
        view: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
        scenario: str | None = None,
    ) -> bytes:
        """The success envelope for a result, or NotFound if the universe has no such result.

        `view` is the caller's session's view of results (definitions.result_view: a test the
        session deleted or changed hides them, a rename shows); such bodies are the session's
        own and never enter the shared cache. None: the shared, cached body. `scenario`
        (Prefer: example=) answers the same run under a named condition; those answers are not
        cached either (a prototyping aid, never on a hot path).
        """
        account, rid = account_id.lower(), test_result_id.lower()
        if view is not None or scenario is not None:
            result = self.result(account, rid, scenario)
            return service.envelope(orjson.dumps(result if view is None else view(result)))
        key = (account, rid)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        body = service.envelope(orjson.dumps(self.result(account, rid)))
        self._cache.put(key, body)
        return body

    def result(
        self, account_id: str, test_result_id: str, scenario: str | None = None
    ) -> dict[str, Any]:
        """The result object (fixture or generated) for a lowercased account and result id.

        A fixture is answered as written, scenario or not: it pins the result's content.
        """
        fixture = self._fixtures.get((account_id, test_result_id)) or self._fixtures.get(
            (None, test_result_id)
        )
        if fixture is not None:
            return fixture
        seed = self.state.seed
        ref = universe.locate_result(seed, account_id, test_result_id)
        # A keyed id names a scheduled run; the run happened only if its device was online.
        started = None if ref is None else runs.run_time(seed, self._epoch, ref)
        if ref is None or started is None:
            raise RESULT_NOT_FOUND.error()
        # The route passes a canonical UUID, lowercased by get_network_path: locate_result
        # accepted it, so it is exactly the id universe.result_id would derive for `ref`.
        return service.build_result(
            seed, self.state.settings.epoch, ref, test_result_id, scenario, started=started
        )
