"""Datadog Network Path tests: session overlay, then fixtures, then the seeded universe.

A session's overlay maps a public id to the `TestRecord` the session created or edited, or to
DELETED; every v1 and v2 operation reads tests through `NetworkTestService.record`, so an edit is
seen the same way everywhere (one org, one truth, per session).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import orjson
from pydantic import ValidationError

from netpath_mock.core import codec
from netpath_mock.core.cache import BodyCache
from netpath_mock.core.errors import BadRequest
from netpath_mock.core.seeding import rng_for, stable_int
from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.datadog import generator, locations, universe
from netpath_mock.vendors.datadog.clock import write_time
from netpath_mock.vendors.datadog.errors import TEST_NOT_FOUND
from netpath_mock.vendors.datadog.records import TestRecord, Version, changes_between
from netpath_mock.vendors.datadog.schemas import (
    DeletedTestsRequestDeleteRequest,
    SyntheticsNetworkTestEditRequest,
)
from netpath_mock.vendors.datadog.validation import (
    load_json,
    parse_body,
    validate,
    validation_errors,
)

__all__ = [
    "DELETED",
    "TEST_NOT_FOUND",
    "NetworkTestEditor",
    "NetworkTestService",
    "build_test",
    "parse_body",
    "response_body",
    "validation_errors",
]

VENDOR = universe.VENDOR
DELETED = object()  # overlay marker: the session deleted this test
codec.register_constant("datadog.deleted", DELETED)


def response_body(data: dict[str, Any]) -> bytes:
    """A 200 body; Datadog's 200 bodies end with a newline, its 404s do not (notes §5)."""
    return orjson.dumps({"data": data}) + b"\n"


org_domain = universe.org_domain  # the org's domain lives with its other facts


def _data(public_id: str, attributes: dict[str, Any]) -> dict[str, Any]:
    """The v2 `data` of a stored test (the answer adds the public id first)."""
    return {
        "id": public_id,
        "type": "network_test",
        "attributes": {"public_id": public_id, **attributes},
    }


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
        # Test fixtures only (result fixtures are keyed ("result", id): results.py serves them).
        fixtures = state.fixtures.get(VENDOR, {})
        self._fixtures: dict[str, dict[str, Any]] = {
            key: value for key, value in fixtures.items() if isinstance(key, str)
        }
        state.on_reseed(self._cache.clear)

    def exists(self, public_id: str) -> bool:
        """Whether the generated universe or a fixture holds `public_id`."""
        seed, count = self.state.seed, self.state.settings.datadog_test_count
        return public_id in self._fixtures or public_id in universe.index_of(seed, count)

    def member(self, user_key: str) -> universe.User:
        """The org member acting for a caller (its application key's digest)."""
        return universe.user_for(self.state.seed, user_key)

    @property
    def epoch(self) -> float:
        """The universe's 'now' (generated tests were created and edited before it)."""
        return self.state.settings.epoch.timestamp()

    def base_ids(self) -> list[str]:
        """Every generated or fixture test, in catalog order (fixture-only ids after)."""
        seed, count = self.state.seed, self.state.settings.datadog_test_count
        ids = universe.public_ids(seed, count)
        index = universe.index_of(seed, count)
        return [*ids, *sorted(p for p in self._fixtures if p not in index)]

    def base_data(self, public_id: str) -> dict[str, Any]:
        """The v2 `data` of a generated or fixture test (a fresh copy: callers may edit it)."""
        fixture = self._fixtures.get(public_id)
        if fixture is not None:
            data: dict[str, Any] = orjson.loads(orjson.dumps(fixture))
            return data
        return build_test(self.state.seed, public_id)

    def base_meta(self, public_id: str) -> universe.TestMeta:
        """Creation, edits and monitor of a generated or fixture test."""
        return universe.test_meta(self.state.seed, self.epoch, public_id)

    def base_record(self, public_id: str) -> TestRecord:
        """The record of an untouched generated or fixture test (built, not stored)."""
        meta = self.base_meta(public_id)
        return TestRecord(
            data=self.base_data(public_id),
            created_at=meta.created_at,
            modified_at=meta.modified_at,
            monitor_id=meta.monitor_id,
            creator=meta.creator,
            modified_by=meta.versions[-1][1],
            base_versions=len(meta.versions),
        )

    def record(self, session: Session, public_id: str) -> TestRecord | None:
        """The test as `session` sees it, or None when it does not exist there."""
        overlay = session.overlays[VENDOR].get(public_id)
        if overlay is DELETED:
            return None
        if overlay is not None:
            found: TestRecord = overlay
            return found
        if self.exists(public_id):
            return self.base_record(public_id)
        return None

    def visible_ids(self, session: Session) -> Iterator[str]:
        """Every test `session` sees: the catalog minus its deletions, then its creations."""
        overlay = session.overlays[VENDOR]
        for public_id in self.base_ids():
            if overlay.get(public_id) is not DELETED:
                yield public_id
        for public_id, value in overlay.items():
            if value is not DELETED and not self.exists(public_id):
                yield public_id

    def visible_count(self, session: Session) -> int:
        """How many tests `session` sees (without building any)."""
        count = len(self.base_ids())
        for public_id, value in session.overlays[VENDOR].items():
            known = self.exists(public_id)
            if value is DELETED and known:
                count -= 1
            elif value is not DELETED and not known:
                count += 1
        return count

    def get_network_test(self, session: Session, public_id: str) -> bytes:
        """The 200 body for `public_id`, or NotFound."""
        overlay = session.overlays[VENDOR].get(public_id)
        if overlay is DELETED:
            raise TEST_NOT_FOUND.error()
        if overlay is not None:
            return response_body(overlay.data)
        cached = self._cache.get(public_id)
        if cached is not None:
            return cached
        fixture = self._fixtures.get(public_id)
        if fixture is not None:
            body = response_body(fixture)
        elif self.exists(public_id):
            body = response_body(build_test(self.state.seed, public_id))
        else:
            raise TEST_NOT_FOUND.error()
        self._cache.put(public_id, body)
        return body


# --- edits: create, update and delete act on the calling session's overlay ---------------------

MAX_OVERLAY = 10_000  # per session: edits cannot grow memory without bound
READ_ONLY = ("monitor_id", "public_id")
# What the API adds to `monitor_options` on create when they were sent (notes §9.3); an update
# stores exactly what was sent.
MONITOR_OPTION_DEFAULTS: dict[str, Any] = {
    "on_missing_data": "show_no_data",
    "notify_audit": False,
    "new_host_delay": 300,
    "include_tags": True,
}


def checked_attributes(seed: int, attributes: Any) -> dict[str, Any]:
    """Validated v2 attributes to store, or BadRequest in the validator's words.

    Validation is strict (a wrong JSON type is refused, never stored); what is stored is the
    client's own document, in its order, minus the read-only fields (create echoes the input
    with minimal defaulting, notes §5).
    """
    document = {"data": {"type": "network", "attributes": attributes}}
    try:
        request = SyntheticsNetworkTestEditRequest.model_validate(document)
    except ValidationError as exc:
        raise BadRequest(validation_errors(exc)) from None
    if (
        not request.data.attributes.config.request
        or not request.data.attributes.config.request.host
    ):
        raise BadRequest("The value provided for parameter 'host' is invalid: must not be empty")
    if not request.data.attributes.name:
        # Required by the contract and by every UI form; an empty string is not a name. No real
        # body is on record: the line follows the empty-host check (notes §3 g pattern).
        raise BadRequest("The value provided for parameter 'name' is invalid: must not be empty")
    problem = locations.unusable(seed, request.data.attributes.locations)
    if problem is not None:
        raise BadRequest(problem)
    stored = dict(attributes)
    for name in READ_ONLY:
        stored.pop(name, None)
    return stored


def _edit_attributes(raw: bytes) -> Any:
    document = load_json(raw)
    validate(document, SyntheticsNetworkTestEditRequest)  # the envelope's own errors first
    return document["data"]["attributes"]


class NetworkTestEditor:
    """Create, update, pause, patch and delete on a session's overlay over the universe."""

    def __init__(self, state: MockState) -> None:
        self.service = state.service(NetworkTestService)

    def _current(self, session: Session, public_id: str) -> TestRecord | None:
        return self.service.record(session, public_id)

    def _store(self, session: Session, public_id: str, value: Any) -> None:
        overlay = session.overlays[VENDOR]
        if public_id not in overlay and len(overlay) >= MAX_OVERLAY:
            raise BadRequest(
                f"Maximum number of {MAX_OVERLAY} edited tests reached for this session"
            )
        overlay[public_id] = value

    def _new_public_id(self, session: Session) -> str:
        # Keyed by the overlay's size, not the session's name: the same requests give the same
        # ids (and bytes) in any session.
        seed = self.service.state.seed
        for attempt in itertools.count(len(session.overlays[VENDOR])):
            key = ("created", str(attempt))
            candidate = universe.public_id_from_int(stable_int(seed, VENDOR, *key, bits=45))
            if candidate not in session.overlays[VENDOR] and not self.service.exists(candidate):
                return candidate
        raise AssertionError("unreachable")  # pragma: no cover

    def _author(self, author: universe.User | None) -> universe.User:
        return author or universe.users(self.service.state.seed)[0]

    def now(self, session: Session) -> float:
        """Advance the session's Datadog clock by one write; that write's time (clock.py)."""
        return write_time(self.service.state.seed, session)

    def create(self, session: Session, raw: bytes, author: universe.User | None = None) -> bytes:
        """POST /api/v2/synthetics/tests/network: store and echo the new test."""
        seed = self.service.state.seed
        now = self.now(session)
        attributes = checked_attributes(seed, _edit_attributes(raw))
        monitor_options = (attributes.get("options") or {}).get("monitor_options")
        if isinstance(monitor_options, dict):
            options = dict(attributes["options"])
            options["monitor_options"] = {**monitor_options}
            for key, value in MONITOR_OPTION_DEFAULTS.items():
                options["monitor_options"].setdefault(key, value)
            attributes["options"] = options
        public_id = self._new_public_id(session)
        user = self._author(author)
        data = _data(public_id, attributes)
        record = TestRecord(
            data=data,
            created_at=now,
            modified_at=now,
            monitor_id=universe.monitor_id_at(seed, now, public_id),
            creator=user,
            modified_by=user,
            base_versions=0,
        )
        record.add_version(Version(1, now, user, data["attributes"], [{"action": "created"}]))
        self._store(session, public_id, record)
        return response_body(data)

    def update(
        self, session: Session, public_id: str, raw: bytes, author: universe.User | None = None
    ) -> bytes:
        """PUT /api/v2/synthetics/tests/network/{public_id}: replace an existing test."""
        now = self.now(session)
        record = self._current(session, public_id)
        if record is None:
            raise TEST_NOT_FOUND.error()
        attributes = checked_attributes(self.service.state.seed, _edit_attributes(raw))
        saved = self.replace(session, record, attributes, now, author)
        return response_body(saved.data)

    def replace(
        self,
        session: Session,
        record: TestRecord,
        attributes: dict[str, Any],
        now: float,
        author: universe.User | None = None,
    ) -> TestRecord:
        """Save checked `attributes` as the test's new version at `now` (PUT and PATCH)."""
        old_subtype = record.attributes.get("subtype")
        new_subtype = attributes.get("subtype", old_subtype)
        if old_subtype is not None and new_subtype != old_subtype:
            raise BadRequest("Updating sub-type is forbidden")  # v1 spec's 400 description
        now = max(now, record.modified_at)
        user = self._author(author)
        data = _data(record.public_id, attributes)
        changes = changes_between(record.attributes, data["attributes"])
        record.data = data
        record.modified_at = now
        record.modified_by = user
        number = record.version_count + 1
        record.add_version(Version(number, now, user, data["attributes"], changes))
        self._store(session, record.public_id, record)
        return record

    def set_status(self, session: Session, public_id: str, status: str, now: float) -> None:
        """Pause or resume a test at `now`; v1 and v2 both show the new status.

        Not a new version, and `modified_at` stays: the status is the monitor's switch, not the
        test's configuration (no recording says otherwise). A pause remembers its time (the
        results stop there); pausing a paused test keeps the first pause.
        """
        record = self._current(session, public_id)
        if record is None:
            raise TEST_NOT_FOUND.error()
        if status != "paused":
            record.paused_at = None
        elif record.attributes.get("status") != "paused":
            record.paused_at = now
        record.data = {**record.data, "attributes": {**record.attributes, "status": status}}
        self._store(session, public_id, record)

    def delete(self, session: Session, public_ids: list[str], now: float) -> str:
        """Delete every listed test at `now`, or none (404 when one is unknown); deleted_at."""
        unique = list(dict.fromkeys(public_ids))
        if any(self._current(session, public_id) is None for public_id in unique):
            raise TEST_NOT_FOUND.error()
        self._store_deleted(session, unique)
        return universe.isoformat(now)

    def _store_deleted(self, session: Session, public_ids: list[str]) -> None:
        # All or nothing: an error (a full overlay, in items or bytes) leaves every test in place.
        overlay = session.overlays[VENDOR]
        fresh = sum(1 for public_id in public_ids if public_id not in overlay)
        if fresh and len(overlay) + fresh > MAX_OVERLAY:
            raise BadRequest(
                f"Maximum number of {MAX_OVERLAY} edited tests reached for this session"
            )
        overlay.put_all(dict.fromkeys(public_ids, DELETED))  # StoreFull (400) past its bytes

    def bulk_delete(self, session: Session, raw: bytes) -> bytes:
        """POST /api/v2/synthetics/tests/bulk-delete: delete every listed test, or none."""
        now = self.now(session)
        request = parse_body(raw, DeletedTestsRequestDeleteRequest)
        public_ids = list(dict.fromkeys(request.data.attributes.public_ids))
        if any(self._current(session, public_id) is None for public_id in public_ids):
            raise TEST_NOT_FOUND.error()
        # Microsecond ISO timestamps with +00:00, as recorded (notes §5).
        deleted_at = universe.isoformat(now)
        self._store_deleted(session, public_ids)
        items = [
            {
                "type": "delete_tests",
                "id": public_id,
                "attributes": {"deleted_at": deleted_at, "public_id": public_id},
            }
            for public_id in public_ids
        ]
        return orjson.dumps({"data": items}) + b"\n"
