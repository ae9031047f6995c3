"""Datadog authentication: DD-API-KEY + DD-APPLICATION-KEY (datadog-contract-notes §3).

Missing or unknown keys answer 401 {"errors": ["Unauthorized"]} (the current behaviour, §3 a/c),
or the pre-2025 403 {"errors": ["Forbidden"]} with `datadog_legacy_forbidden`. An application key
without `synthetics_read` answers 403 with "Failed permission authorization checks" (§3 d).
Without a credentials file every non-empty key pair is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Security
from fastapi.security import APIKeyHeader

from netpath_mock.core.credentials import Credentials, fingerprint
from netpath_mock.core.errors import MockError
from netpath_mock.core.routing import caller_dependency
from netpath_mock.vendors.datadog import errors
from netpath_mock.vendors.datadog.credentials import DatadogCredentials

PERMISSION_DENIED = errors.PERMISSION_DENIED
_MEMO_SIZE = 4096
# Keys longer than this are resolved on every request instead of being remembered: the memo then
# holds at most _MEMO_SIZE x 2 x _MEMO_MAX_VALUE characters (8 MiB), whatever is sent.
_MEMO_MAX_VALUE = 1024
# Every x-permission of the served operations (contracts): a lenient caller holds them all.
ALL_PERMISSIONS = frozenset(
    {
        "synthetics_read",
        "synthetics_write",
        "synthetics_create_edit_trigger",
        "synthetics_private_location_read",
        "synthetics_default_settings_read",
    }
)


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated Datadog caller: its limiter bucket (per API key) and permissions.

    `user_key` (a digest of the application key) names the org member acting: the creator of
    the tests it creates, the author of its edits.
    """

    bucket_key: str
    permissions: frozenset[str]
    user_key: str = ""


class DatadogAuthenticator:
    """Resolves the key headers to a Caller, or raises the vendor's auth error."""

    def __init__(self, credentials: Credentials | None, *, legacy_forbidden: bool) -> None:
        # Strict only when the credentials file has a Datadog section.
        section = credentials.section("datadog", DatadogCredentials) if credentials else None
        self.strict = section is not None
        self.legacy_forbidden = legacy_forbidden
        self._memo: dict[tuple[str, str], Caller] = {}
        self._api_keys: set[str] = set()
        self._app_keys: dict[str, frozenset[str]] = {}
        if section is not None:
            self._api_keys = {fingerprint(k.get_secret_value()) for k in section.api_keys}
            self._app_keys = {
                fingerprint(k.key.get_secret_value()): frozenset(k.permissions)
                for k in section.application_keys
            }

    def unauthorized(self) -> MockError:
        """The answer for missing or unknown keys."""
        if self.legacy_forbidden:
            return errors.LEGACY_FORBIDDEN.error()
        return errors.UNAUTHORIZED.error()

    def authenticate(self, headers: dict[str, str]) -> Caller:
        """The caller named by DD-API-KEY / DD-APPLICATION-KEY (names are case-insensitive)."""
        api_key = headers.get("dd-api-key", "").strip()
        app_key = headers.get("dd-application-key", "").strip()
        if not api_key or not app_key:
            raise self.unauthorized()
        memo_key = (api_key, app_key)
        caller = self._memo.get(memo_key)
        if caller is None:
            caller = self._resolve(api_key, app_key)
            # A pure function of the two keys: remember successes (bounded in count and size).
            if len(api_key) <= _MEMO_MAX_VALUE and len(app_key) <= _MEMO_MAX_VALUE:
                if len(self._memo) >= _MEMO_SIZE:
                    self._memo.clear()
                self._memo[memo_key] = caller
        return caller

    def _resolve(self, api_key: str, app_key: str) -> Caller:
        bucket = fingerprint("dd", api_key)
        user = fingerprint("dd-app", app_key)
        if not self.strict:
            return Caller(bucket, ALL_PERMISSIONS, user)
        if fingerprint(api_key) not in self._api_keys:
            raise self.unauthorized()
        permissions = self._app_keys.get(fingerprint(app_key))
        if permissions is None:
            raise self.unauthorized()
        return Caller(bucket, permissions, user)


def require(caller: Caller, *permissions: str) -> None:
    """403 unless the caller's application key holds one of `permissions` (x-permission OR)."""
    if caller.permissions.isdisjoint(permissions):
        raise PERMISSION_DENIED.error()


# What OpenAPI shows of the credentials (the authenticator above decides; none auto-errors).
_authenticated = caller_dependency(
    APIKeyHeader(name="DD-API-KEY", auto_error=False, scheme_name="apiKeyAuth"),
    APIKeyHeader(name="DD-APPLICATION-KEY", auto_error=False, scheme_name="appKeyAuth"),
    requirements=[["apiKeyAuth", "appKeyAuth"]],
)
DatadogAuth = Annotated[Caller, Security(_authenticated)]
