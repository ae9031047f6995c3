"""Cloudflare's section of the credentials file: API tokens and Global API keys."""

from __future__ import annotations

from pydantic import Field, SecretStr

from netpath_mock.core.credentials import StrictModel

# Any one of these lets a caller read DEX data (x-api-token-group, cloudflare-contract-notes §2).
DEX_READ_PERMISSIONS = frozenset(
    {"Cloudflare DEX Write", "Cloudflare DEX Read", "Zero Trust Report", "Zero Trust Read"}
)


class CloudflareToken(StrictModel):
    """An API token with its permission groups and reachable accounts ('*' for all)."""

    token: SecretStr = Field(min_length=1)
    permissions: list[str] = Field(default_factory=lambda: ["Cloudflare DEX Read"])
    accounts: list[str] = Field(default_factory=lambda: ["*"])


class CloudflareKey(StrictModel):
    """A Global API key with its account email (sent as X-Auth-Key + X-Auth-Email)."""

    email: str = Field(min_length=3)
    key: SecretStr = Field(min_length=1)
    permissions: list[str] = Field(default_factory=lambda: ["Cloudflare DEX Read"])
    accounts: list[str] = Field(default_factory=lambda: ["*"])


class CloudflareCredentials(StrictModel):
    """Cloudflare's part of the file."""

    tokens: list[CloudflareToken] = Field(default_factory=list)
    keys: list[CloudflareKey] = Field(default_factory=list)
