"""The generic v1 Synthetics test operations on Network Path tests (notes §9.1, §9.3).

ListTests, GetTest, PatchTest, DeleteTests and UpdateTestPauseStatus, rendered from the same
`TestRecord` the v2 operations use. A v1 test is flat (no `data` wrapper): the v2 attributes with
`type: network`, the v2 subtype, and what v2 omits: `created_at`, `modified_at` (6-digit
microseconds, `+00:00`), `monitor_id` and `creator` (notes §9.3). Options are shown as stored.
"""

from __future__ import annotations

from typing import Any

import orjson

from netpath_mock.core.errors import BadRequest
from netpath_mock.core.state import MockState, Session
from netpath_mock.vendors.datadog import patch, universe
from netpath_mock.vendors.datadog.records import TestRecord
from netpath_mock.vendors.datadog.schemas import (
    SyntheticsDeleteTestsPayload,
    SyntheticsPatchTestBody,
    SyntheticsUpdateTestPauseStatusPayload,
)
from netpath_mock.vendors.datadog.service import (
    TEST_NOT_FOUND,
    NetworkTestEditor,
    NetworkTestService,
    checked_attributes,
)
from netpath_mock.vendors.datadog.validation import parse_body

DEFAULT_PAGE_SIZE = 100  # contract default
# v1-only keys: facts of the test the client cannot set (a patch may not change them).
READ_ONLY_V1 = ("public_id", "created_at", "modified_at", "monitor_id", "creator")


def v1_test(record: TestRecord) -> dict[str, Any]:
    """The flat v1 test of GetTest and list items, in the recorded key order (notes §9.1)."""
    a = record.attributes
    out: dict[str, Any] = {
        "public_id": record.public_id,
        "name": a.get("name"),
        # Every test has a status; one created without it runs (live).
        "status": a.get("status") or "live",
        "type": "network",
    }
    if a.get("subtype") is not None:
        out["subtype"] = a["subtype"]
    if "tags" in a:
        out["tags"] = a["tags"]
    out["created_at"] = universe.isoformat(record.created_at)
    out["modified_at"] = universe.isoformat(record.modified_at)
    out["config"] = a.get("config")
    out["message"] = a.get("message")
    out["options"] = a.get("options")
    out["locations"] = a.get("locations")
    out["monitor_id"] = record.monitor_id
    out["creator"] = record.creator.creator()
    return out


def v1_details(seed: int, record: TestRecord) -> dict[str, Any]:
    """PatchTest's answer: the recorded key set of v1 edit answers (notes §9.1), no `creator`."""
    a = record.attributes
    out: dict[str, Any] = {
        "org_id": universe.org_id(seed),
        "public_id": record.public_id,
        "name": a.get("name"),
        "status": a.get("status") or "live",
        "type": "network",
        "tags": a.get("tags") or [],
        "message": a.get("message"),
        "options": a.get("options"),
        "locations": a.get("locations"),
        "created_at": universe.isoformat(record.created_at),
        "modified_at": universe.isoformat(record.modified_at),
        "config": a.get("config"),
        "overall_state_modified": None,
    }
    if a.get("subtype") is not None:
        out["subtype"] = a["subtype"]
    out["monitor_id"] = record.monitor_id
    out["created_by"] = record.creator.editor()
    out["modified_by"] = record.modified_by.editor()
    return out


class TestsV1:
    """The v1 test operations over a service and its editor."""

    __test__ = False  # not a pytest test class

    def __init__(self, state: MockState) -> None:
        self.service = state.service(NetworkTestService)
        self.editor = state.service(NetworkTestEditor)

    def _record(self, session: Session, public_id: str) -> TestRecord:
        record = self.service.record(session, public_id)
        if record is None:
            raise TEST_NOT_FOUND.error()
        return record

    def get_test(self, session: Session, public_id: str) -> bytes:
        """GetTest: the flat v1 test, or 404 "Synthetics test not found"."""
        return orjson.dumps(v1_test(self._record(session, public_id))) + b"\n"

    def list_tests(self, session: Session, page_size: int, page_number: int) -> bytes:
        """ListTests: one 0-based page and the org's `total` (an empty page past the end).

        The official client's paginated helper stops at the first page shorter than
        `page_size`, and asks one more page when the total is a multiple of it: that page is a
        200 with `"tests": []` (notes §9.1).
        """
        skip = page_size * page_number
        tests: list[dict[str, Any]] = []
        for i, public_id in enumerate(self.service.visible_ids(session)):
            if i < skip:
                continue
            if len(tests) >= page_size:
                break
            record = self.service.record(session, public_id)
            if record is not None:
                tests.append(v1_test(record))
        total = self.service.visible_count(session)
        return orjson.dumps({"tests": tests, "total": total})

    def patch_test(
        self, session: Session, public_id: str, raw: bytes, author: universe.User | None = None
    ) -> bytes:
        """PatchTest: JSON Patch on the v1 test; the result is validated, saved, answered."""
        now = self.editor.now(session)
        record = self._record(session, public_id)
        body = parse_body(raw, SyntheticsPatchTestBody)
        before = v1_test(record)
        after = patch.apply(before, body.data)
        if not isinstance(after, dict):
            raise BadRequest("'body' should be object")
        for name in (*READ_ONLY_V1, "type"):
            if after.get(name, None) != before[name]:
                if name == "type":
                    raise BadRequest("Updating type is forbidden")
                raise BadRequest(f"Parameter '{name}' is read-only")
        attributes = {k: v for k, v in after.items() if k not in READ_ONLY_V1}
        seed = self.service.state.seed
        checked = checked_attributes(seed, attributes)
        saved = self.editor.replace(session, record, checked, now, author)
        return orjson.dumps(v1_details(seed, saved))

    def delete_tests(self, session: Session, raw: bytes) -> bytes:
        """DeleteTests: every listed test or none; `deleted_at` as recorded (notes §9.1)."""
        now = self.editor.now(session)
        body = parse_body(raw, SyntheticsDeleteTestsPayload)
        public_ids = list(dict.fromkeys(body.public_ids))
        deleted_at = self.editor.delete(session, public_ids, now)
        items = [{"public_id": p, "deleted_at": deleted_at} for p in public_ids]
        return orjson.dumps({"deleted_tests": items}) + b"\n"

    def update_status(self, session: Session, public_id: str, raw: bytes) -> bytes:
        """UpdateTestPauseStatus: the bare JSON `true` (spec; notes §9.1)."""
        now = self.editor.now(session)
        self._record(session, public_id)
        body = parse_body(raw, SyntheticsUpdateTestPauseStatusPayload)
        self.editor.set_status(session, public_id, body.new_status, now)
        return b"true"
