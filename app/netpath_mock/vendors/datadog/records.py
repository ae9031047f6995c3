"""One test as the whole org sees it: its v2 content plus the lifecycle facts v1 shows.

A `TestRecord` is what a session's overlay stores for a test it created or edited; for an
untouched generated test the service builds one on the fly (nothing is stored per requested id).
v1 and v2 answers are both rendered from it, so one edit is seen by every operation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from netpath_mock.core import codec
from netpath_mock.vendors.datadog.universe import User

MAX_SESSION_VERSIONS = 50  # per test: older session versions fall out (retention is 30 days)


@dataclass(slots=True)
class Version:
    """One saved configuration of a test."""

    number: int
    at: float
    author: User
    payload: dict[str, Any]  # the test's attributes as saved
    changes: list[dict[str, Any]]  # change_metadata


@dataclass(slots=True)
class TestRecord:
    """A test's content and lifecycle facts."""

    __test__ = False  # not a pytest test class

    data: dict[str, Any]  # the v2 `data`: {"id", "type": "network_test", "attributes"}
    created_at: float
    modified_at: float
    monitor_id: int
    creator: User
    modified_by: User
    # How many versions the generated history holds before this session's (0: session-created).
    base_versions: int
    versions: list[Version] = field(default_factory=list)
    # When this session paused the test (its Datadog clock), None unless it did and it still is.
    paused_at: float | None = None

    @property
    def public_id(self) -> str:
        """The test's id."""
        public_id: str = self.data["id"]
        return public_id

    @property
    def attributes(self) -> dict[str, Any]:
        """The v2 attributes."""
        attributes: dict[str, Any] = self.data["attributes"]
        return attributes

    @property
    def version_count(self) -> int:
        """The number of the current version."""
        return self.versions[-1].number if self.versions else self.base_versions

    def add_version(self, version: Version) -> None:
        """Append a version, forgetting the oldest session versions past the bound."""
        self.versions.append(version)
        if len(self.versions) > MAX_SESSION_VERSIONS:
            del self.versions[0]


codec.register(Version)
codec.register(TestRecord)


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """change_metadata items for every property that differs, by dotted path.

    Objects are compared key by key; lists and scalars as a whole (a version diff names the
    property that changed, with its values before and after).
    """
    out: list[dict[str, Any]] = []

    def walk(a: Any, b: Any, path: str) -> None:
        if isinstance(a, dict) and isinstance(b, dict):
            for key in dict.fromkeys([*a, *b]):
                walk(a.get(key, _MISSING), b.get(key, _MISSING), f"{path}.{key}" if path else key)
            return
        if a == b and type(a) is type(b):
            return
        action = "added" if a is _MISSING else "removed" if b is _MISSING else "updated"
        metadata: dict[str, Any] = {"property_path": path}
        if a is not _MISSING:
            metadata["before_value"] = a
        if b is not _MISSING:
            metadata["after_value"] = b
        out.append({"action": action, "action_metadata": metadata})

    walk(before, after, "")
    return out


_MISSING: Any = object()
