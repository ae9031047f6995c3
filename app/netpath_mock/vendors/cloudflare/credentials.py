"""Cloudflare's section of the credentials file: API tokens and Global API keys."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, SecretStr

from netpath_mock.core.credentials import StrictModel, permission_name

# Any one of these lets a caller read DEX data (x-api-token-group, cloudflare-contract-notes §2).
DEX_READ_PERMISSIONS = frozenset(
    {"Cloudflare DEX Write", "Cloudflare DEX Read", "Zero Trust Report", "Zero Trust Read"}
)
# The names the mock acts on (auth.py: DEX reads, the PII role); others may be listed to test a
# credential without them, if they read like Cloudflare's permission groups: words in title case
# ("DNS Write", "Access: Apps and Policies Read").
KNOWN_PERMISSIONS = DEX_READ_PERMISSIONS | {
    "Cloudflare DEX Write",
    "Zero Trust PII",
    "Zero Trust: PII Read",
}
_PERMISSION_SHAPE = re.compile(r"[A-Z0-9][A-Za-z0-9.&/():,'+-]*(?: [A-Za-z0-9.&/():,'+-]+){0,12}")
_ACCOUNT_ID = re.compile(r"[0-9a-fA-F]{32}")


def _permission(value: str) -> str:
    return permission_name(
        value, frozenset(KNOWN_PERMISSIONS), _PERMISSION_SHAPE, "Cloudflare (e.g. 'DNS Read')"
    )


def _account(value: str) -> str:
    if value != "*" and not _ACCOUNT_ID.fullmatch(value):
        raise ValueError(f"{value[:60]!r} is not an account id: expected 32 hex digits or '*'")
    return value


Permission = Annotated[str, AfterValidator(_permission)]
AccountId = Annotated[str, AfterValidator(_account)]


class CloudflareToken(StrictModel):
    """An API token with its permission groups and reachable accounts ('*' for all)."""

    token: SecretStr = Field(min_length=1)
    permissions: list[Permission] = Field(default_factory=lambda: ["Cloudflare DEX Read"])
    accounts: list[AccountId] = Field(default_factory=lambda: ["*"])


class CloudflareKey(StrictModel):
    """A Global API key with its account email (sent as X-Auth-Key + X-Auth-Email)."""

    email: str = Field(min_length=3)
    key: SecretStr = Field(min_length=1)
    permissions: list[Permission] = Field(default_factory=lambda: ["Cloudflare DEX Read"])
    accounts: list[AccountId] = Field(default_factory=lambda: ["*"])


class CloudflareCredentials(StrictModel):
    """Cloudflare's part of the file."""

    tokens: list[CloudflareToken] = Field(default_factory=list)
    keys: list[CloudflareKey] = Field(default_factory=list)
