"""A test's version history (v2 ListSyntheticsTestVersions / GetSyntheticsTestVersion).

A generated test was created and edited a few times (universe.test_meta gives when and by whom);
its earlier configurations are derived backwards from the current one: each edit changed one
property (tick_every, a tag, the message, a location, a latency threshold, the retry policy), so
version k is version k+1 with that change undone, and `change_metadata` names it with its values
before and after. A session's own edits (v2 PUT, v1 PATCH) append versions with their real diff.

Shapes are the contract's (no recording exists, notes §9.1): the list is newest first,
`{"data": [{"id", "type": "version_metadata", "attributes": {...}}], "meta":
{"next_last_version_number", "retention_period_in_days": 30}}`, paged by `last_version_number`
(exclusive) and `limit` (at most 50). `retention_period_in_days` is the spec's 30, but every
version is kept (a generated test has at most 9, a session's edits at most MAX_SESSION_VERSIONS):
nothing records how the real API prunes, and a whole history lets clients walk it (version 1
exists for every test). `only_check_existence=true` answers `{}` or 404, which datadog-ci relies
on.
"""

from __future__ import annotations

import copy
import random
from typing import Any

import orjson

from netpath_mock.core.seeding import rng_for
from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.datadog import catalogdata, errors, universe
from netpath_mock.vendors.datadog.records import TestRecord, Version, changes_between
from netpath_mock.vendors.datadog.service import TEST_NOT_FOUND, NetworkTestService

VENDOR = universe.VENDOR
RETENTION_DAYS = 30
DEFAULT_LIMIT = 10  # not documented; the SDK examples ask for 10
MAX_LIMIT = 50  # contract: maximum 50
CREATED = [{"action": "created"}]

_TICKS = tuple(t for t, _ in catalogdata.TICK_EVERY)


def _revert_one(rng: random.Random, after: dict[str, Any]) -> dict[str, Any]:
    """The attributes before one plausible edit that produced `after`."""
    before = copy.deepcopy(after)
    options = before.setdefault("options", {})
    kinds = ["tick_every", "tick_every"]
    if before.get("tags"):
        kinds.append("tags")
    if before.get("message"):
        kinds.append("message")
    if len(before.get("locations") or ()) > 1:
        kinds.append("locations")
    assertions = (before.get("config") or {}).get("assertions") or []
    if any(a.get("type") == "latency" for a in assertions):
        kinds.append("latency")
    if options.get("retry") not in (None, {"count": 0, "interval": 300}):
        kinds.append("retry")
    kind = kinds[int(rng.random() * len(kinds))]
    if kind == "tags":
        before["tags"] = before["tags"][:-1]  # the edit added a tag
    elif kind == "message":
        before["message"] = ""  # the edit wrote the first message
    elif kind == "locations":
        before["locations"] = before["locations"][:-1]  # the edit added a location
    elif kind == "latency":
        for assertion in assertions:
            if assertion.get("type") == "latency":
                target = assertion["target"]
                assertion["target"] = target * 2 if rng.random() < 0.6 else max(target // 2, 20)
                break
    elif kind == "retry":
        options["retry"] = {"count": 0, "interval": 300}  # the stored default (notes §5)
    else:
        current = options.get("tick_every")
        choices = [t for t in _TICKS if t != current]
        options["tick_every"] = choices[int(rng.random() * len(choices))]
    return before


def generated_payloads(
    seed: int, public_id: str, attributes: dict[str, Any], count: int
) -> list[dict[str, Any]]:
    """The `count` payloads of a generated test, oldest first; the last is `attributes` itself."""
    rng = rng_for(seed, VENDOR, "history", public_id)
    payloads = [attributes]
    for _ in range(count - 1):
        payloads.append(_revert_one(rng, payloads[-1]))
    payloads.reverse()
    return payloads


def generated_history(
    seed: int, public_id: str, attributes: dict[str, Any], meta: universe.TestMeta
) -> list[Version]:
    """The versions of a generated test, oldest first; the last is `attributes` itself."""
    payloads = generated_payloads(seed, public_id, attributes, len(meta.versions))
    out: list[Version] = []
    for number, ((at, author), payload) in enumerate(zip(meta.versions, payloads, strict=True), 1):
        changes = CREATED if number == 1 else changes_between(payloads[number - 2], payload)
        out.append(Version(number, at, author, payload, changes))
    return out


def _version_id(seed: int, public_id: str, version: Version) -> str:
    return universe.uuid_from(seed, "version", public_id, str(version.number), repr(version.at))


def list_versions(
    seed: int,
    record: TestRecord,
    history: list[Version],
    *,
    last_version_number: int | None,
    limit: int,
) -> bytes:
    """The ListSyntheticsTestVersions body: newest first, below `last_version_number`."""
    older = [
        v
        for v in reversed(history)
        if last_version_number is None or v.number < last_version_number
    ]
    page = older[:limit]
    more = len(older) > len(page)
    items = [
        {
            "id": _version_id(seed, record.public_id, v),
            "type": "version_metadata",
            "attributes": {
                "author_uuid": v.author.uuid,
                "change_metadata": v.changes,
                "version_number": v.number,
                "version_payload_created_at": universe.isoformat(v.at),
            },
        }
        for v in page
    ]
    meta = {
        "next_last_version_number": page[-1].number if more and page else None,
        "retention_period_in_days": RETENTION_DAYS,
    }
    return orjson.dumps({"data": items, "meta": meta})


def get_version(
    seed: int,
    record: TestRecord,
    history: list[Version],
    number: int,
    *,
    include_change_metadata: bool,
    only_check_existence: bool,
) -> bytes:
    """The GetSyntheticsTestVersion body, `{}` for an existence check, or 404."""
    for version in history:
        if version.number == number:
            break
    else:
        raise errors.VERSION_NOT_FOUND.error()
    if only_check_existence:
        return b"{}"
    attributes: dict[str, Any] = {
        "author": version.author.author(),
        "payload": version.payload,
        "version_payload_created_at": universe.isoformat(version.at),
    }
    if include_change_metadata:
        attributes["change_metadata"] = version.changes
    data = {
        "id": _version_id(seed, record.public_id, version),
        "type": "version",
        "attributes": attributes,
    }
    return orjson.dumps({"data": data})


class TestVersions:
    """The two version-history operations over a service."""

    __test__ = False  # not a pytest test class

    def __init__(self, state: MockState) -> None:
        self.service = state.service(NetworkTestService)

    def history(self, record: TestRecord) -> list[Version]:
        """Every version of the test, oldest first: the generated ones, then the session's."""
        base: list[Version] = []
        if record.base_versions:
            public_id = record.public_id
            base = generated_history(
                self.service.state.seed,
                public_id,
                self.service.base_data(public_id)["attributes"],
                self.service.base_meta(public_id),
            )
        return [*base, *record.versions]

    def _record(self, session: Session, public_id: str) -> TestRecord:
        record = self.service.record(session, public_id)
        if record is None:
            raise TEST_NOT_FOUND.error()
        return record

    def list(
        self, session: Session, public_id: str, last_version_number: int | None, limit: int
    ) -> bytes:
        """ListSyntheticsTestVersions."""
        record = self._record(session, public_id)
        return list_versions(
            self.service.state.seed,
            record,
            self.history(record),
            last_version_number=last_version_number,
            limit=min(limit, MAX_LIMIT),
        )

    def get(
        self,
        session: Session,
        public_id: str,
        version_number: str,
        *,
        include_change_metadata: bool,
        only_check_existence: bool,
    ) -> bytes:
        """GetSyntheticsTestVersion; a version number that is no integer is not found."""
        record = self._record(session, public_id)
        # Not a 400: the contract documents only 200, 404 and 429 here ("404 if not" exists) and
        # nothing public shows a 400 for a non-integer number (notes §9.1 record no body).
        if not version_number.isascii() or not version_number.isdigit() or len(version_number) > 9:
            raise errors.VERSION_NOT_FOUND.error()
        return get_version(
            self.service.state.seed,
            record,
            self.history(record),
            int(version_number),
            include_change_metadata=include_change_metadata,
            only_check_existence=only_check_existence,
        )
