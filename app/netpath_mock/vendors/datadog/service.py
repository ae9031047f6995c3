"""Datadog Network Path tests: session overlay, then fixtures, then the seeded universe."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, TypeVar

import orjson
from pydantic import BaseModel, ValidationError

from netpath_mock.core.cache import BodyCache
from netpath_mock.core.errors import BadRequest, NotFound
from netpath_mock.core.seeding import rng_for, stable_int
from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.datadog import generator, universe
from netpath_mock.vendors.datadog.schemas import (
    DeletedTestsRequestDeleteRequest,
    SyntheticsNetworkTestEditRequest,
)

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
        self._cache: BodyCache[str] = BodyCache(state.settings.cache_size)
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
            return cached
        fixture = self._fixtures.get(public_id)
        if fixture is not None:
            body = response_body(fixture)
        elif self.exists(public_id):
            body = response_body(build_test(self.state.seed, public_id))
        else:
            raise NotFound(TEST_NOT_FOUND)
        self._cache.put(public_id, body)
        return body


# --- edits: create, update and delete act on the calling session's overlay ---------------------

MAX_OVERLAY = 10_000  # per session: edits cannot grow memory without bound
READ_ONLY = ("monitor_id", "public_id")


def validation_errors(error: ValidationError) -> str:
    """Synthetics-validator style: one message per problem, joined by newlines (notes §3 g)."""
    lines = []
    for problem in error.errors():
        loc = [str(p) for p in problem["loc"] if not isinstance(p, int)]
        name = loc[-1] if loc else "body"
        kind = problem["type"]
        if kind == "missing":
            lines.append(f"Required parameter '{name}' is missing")
        elif kind == "list_type":
            lines.append(f"'{name}' should be array")
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            lines.append(f"'{name}' should be object")
        elif kind == "too_short" and problem.get("ctx", {}).get("min_length") is not None:
            minimum = problem["ctx"]["min_length"]
            lines.append(f"Minimum number of elements in parameter '{name}' should be {minimum}")
        elif kind == "extra_forbidden":
            lines.append(f"Additional properties are not allowed ('{name}' was unexpected)")
        else:
            lines.append(f"The value provided for parameter '{name}' is invalid: {problem['msg']}")
    return "\n".join(lines)


M = TypeVar("M", bound=BaseModel)


def parse_body(raw: bytes, model: type[M]) -> M:
    """Parse a JSON request body with `model`, or BadRequest in the validator's words."""
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise BadRequest("JSON format is wrong") from None  # v1 spec's 400 description
    try:
        return model.model_validate(document)
    except ValidationError as exc:
        raise BadRequest(validation_errors(exc)) from None


def _stored_attributes(request: SyntheticsNetworkTestEditRequest, raw: bytes) -> dict[str, Any]:
    # Create echoes the input with minimal defaulting (notes §5): keep what the client sent,
    # in its order, minus the read-only fields; the answer adds the public id.
    attributes: dict[str, Any] = dict(orjson.loads(raw)["data"]["attributes"])
    for name in READ_ONLY:
        attributes.pop(name, None)
    if (
        not request.data.attributes.config.request
        or not request.data.attributes.config.request.host
    ):
        raise BadRequest("The value provided for parameter 'host' is invalid: must not be empty")
    return attributes


class NetworkTestEditor:
    """Create, update and bulk-delete on a session's overlay over the universe."""

    def __init__(self, service: NetworkTestService) -> None:
        self.service = service

    def _current(self, session: Session, public_id: str) -> dict[str, Any] | None:
        overlay = session.overlays[VENDOR].get(public_id)
        if overlay is DELETED:
            return None
        if overlay is not None:
            data: dict[str, Any] = overlay
            return data
        if self.service.exists(public_id):
            cached: dict[str, Any] = orjson.loads(self.service.get_network_test(session, public_id))
            return dict(cached["data"])
        return None

    def _store(self, session: Session, public_id: str, value: Any) -> None:
        overlay = session.overlays[VENDOR]
        if public_id not in overlay and len(overlay) >= MAX_OVERLAY:
            raise BadRequest(
                f"Maximum number of {MAX_OVERLAY} edited tests reached for this session"
            )
        overlay[public_id] = value

    def _new_public_id(self, session: Session) -> str:
        seed = self.service.state.seed
        for attempt in itertools.count(len(session.overlays[VENDOR])):
            key = ("created", session.name, str(attempt))
            candidate = universe.public_id_from_int(stable_int(seed, VENDOR, *key, bits=45))
            if candidate not in session.overlays[VENDOR] and not self.service.exists(candidate):
                return candidate
        raise AssertionError("unreachable")  # pragma: no cover

    def create(self, session: Session, raw: bytes) -> bytes:
        """POST /api/v2/synthetics/tests/network: store and echo the new test."""
        request = parse_body(raw, SyntheticsNetworkTestEditRequest)
        attributes = _stored_attributes(request, raw)
        return self._save(session, self._new_public_id(session), attributes)

    def update(self, session: Session, public_id: str, raw: bytes) -> bytes:
        """PUT /api/v2/synthetics/tests/network/{public_id}: replace an existing test."""
        current = self._current(session, public_id)
        if current is None:
            raise NotFound(TEST_NOT_FOUND)
        request = parse_body(raw, SyntheticsNetworkTestEditRequest)
        attributes = _stored_attributes(request, raw)
        old_subtype = current["attributes"].get("subtype")
        new_subtype = attributes.get("subtype", old_subtype)
        if old_subtype is not None and new_subtype != old_subtype:
            raise BadRequest("Updating sub-type is forbidden")  # v1 spec's 400 description
        return self._save(session, public_id, attributes)

    def _save(self, session: Session, public_id: str, attributes: dict[str, Any]) -> bytes:
        data = {
            "id": public_id,
            "type": "network_test",
            "attributes": {"public_id": public_id, **attributes},
        }
        self._store(session, public_id, data)
        return response_body(data)

    def bulk_delete(self, session: Session, raw: bytes, now: float) -> bytes:
        """POST /api/v2/synthetics/tests/bulk-delete: delete every listed test, or none."""
        request = parse_body(raw, DeletedTestsRequestDeleteRequest)
        public_ids = list(dict.fromkeys(request.data.attributes.public_ids))
        if any(self._current(session, public_id) is None for public_id in public_ids):
            raise NotFound(TEST_NOT_FOUND)
        # Microsecond ISO timestamps with +00:00, as recorded (notes §5).
        deleted_at = datetime.fromtimestamp(now, UTC).isoformat(timespec="microseconds")
        # All or nothing: an error (a full overlay) must leave every listed test in place.
        overlay = session.overlays[VENDOR]
        added = sum(1 for public_id in public_ids if public_id not in overlay)
        if added and len(overlay) + added > MAX_OVERLAY:
            raise BadRequest(
                f"Maximum number of {MAX_OVERLAY} edited tests reached for this session"
            )
        overlay.put_all(dict.fromkeys(public_ids, DELETED))  # StoreFull (400) past its bytes
        items = [
            {
                "type": "delete_tests",
                "id": public_id,
                "attributes": {"deleted_at": deleted_at, "public_id": public_id},
            }
            for public_id in public_ids
        ]
        return orjson.dumps({"data": items}) + b"\n"
