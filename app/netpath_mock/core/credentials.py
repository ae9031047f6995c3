"""Strict-mode credentials: the documented JSON file that lists who may authenticate.

Without a file every well-formed credential is accepted (so vendor doc examples work untouched).
With one, only the listed Cloudflare tokens / key+email pairs and Datadog keys authenticate.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

# Any one of these lets a caller read DEX data (x-api-token-group, cloudflare-contract-notes §2).
DEX_READ_PERMISSIONS = frozenset(
    {"Cloudflare DEX Write", "Cloudflare DEX Read", "Zero Trust Report", "Zero Trust Read"}
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CloudflareToken(_Strict):
    """An API token with its permission groups and reachable accounts ('*' for all)."""

    token: SecretStr = Field(min_length=1)
    permissions: list[str] = Field(default_factory=lambda: ["Cloudflare DEX Read"])
    accounts: list[str] = Field(default_factory=lambda: ["*"])


class CloudflareKey(_Strict):
    """A Global API key with its account email (sent as X-Auth-Key + X-Auth-Email)."""

    email: str = Field(min_length=3)
    key: SecretStr = Field(min_length=1)
    permissions: list[str] = Field(default_factory=lambda: ["Cloudflare DEX Read"])
    accounts: list[str] = Field(default_factory=lambda: ["*"])


class CloudflareCredentials(_Strict):
    """Cloudflare's part of the file."""

    tokens: list[CloudflareToken] = Field(default_factory=list)
    keys: list[CloudflareKey] = Field(default_factory=list)


class DatadogApplicationKey(_Strict):
    """An application key and the permissions of its user."""

    key: SecretStr = Field(min_length=1)
    permissions: list[str] = Field(default_factory=lambda: ["synthetics_read"])


class DatadogCredentials(_Strict):
    """Datadog's part of the file: org API keys and application keys."""

    api_keys: list[SecretStr] = Field(default_factory=list)
    application_keys: list[DatadogApplicationKey] = Field(default_factory=list)


class CredentialsFile(_Strict):
    """The whole credentials file."""

    cloudflare: CloudflareCredentials = Field(default_factory=CloudflareCredentials)
    datadog: DatadogCredentials = Field(default_factory=DatadogCredentials)


class ConfigError(Exception):
    """A settings, credentials or fixture file is invalid; the message names the file and field."""


def fingerprint(*parts: str) -> str:
    """A short one-way digest of a credential: used as a bucket key, never the secret itself."""
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=12).hexdigest()


def validation_message(source: str, error: ValidationError) -> str:
    """'<file>: <field.path>: <problem>' lines for every problem pydantic found."""
    lines = []
    for problem in error.errors():
        where = ".".join(str(p) for p in problem["loc"]) or "(root)"
        lines.append(f"{source}: {where}: {problem['msg']}")
    return "\n".join(lines)


def read_json_file(path: Path) -> Any:
    """The parsed JSON of a configuration file, or ConfigError naming the file."""
    try:
        return orjson.loads(path.read_bytes())
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except orjson.JSONDecodeError as exc:
        raise ConfigError(f"{path}: invalid JSON: {exc}") from exc


def load_credentials(path: Path) -> CredentialsFile:
    """Read and validate the credentials file, raising ConfigError naming the file and field."""
    raw = read_json_file(path)
    try:
        creds = CredentialsFile.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(validation_message(str(path), exc)) from exc
    return creds
