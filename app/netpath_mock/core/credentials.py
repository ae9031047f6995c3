"""Strict-mode credentials: the documented JSON file that lists who may authenticate.

Without a file every well-formed credential is accepted (so vendor doc examples work untouched).
With one, each vendor that has a section in it becomes strict: only the listed Cloudflare
tokens / key+email pairs, or Datadog keys, authenticate. A vendor without a section stays in
default mode. Permission names and account ids are checked at start-up: a typo must not turn into
a puzzling 403 at run time.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import stat
from pathlib import Path
from typing import Annotated, Any

import orjson
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    model_validator,
)

# Any one of these lets a caller read DEX data (x-api-token-group, cloudflare-contract-notes §2).
DEX_READ_PERMISSIONS = frozenset(
    {"Cloudflare DEX Write", "Cloudflare DEX Read", "Zero Trust Report", "Zero Trust Read"}
)
# The Synthetics permissions of the served operations (x-permission in the Datadog contracts).
SYNTHETICS_PERMISSIONS = frozenset(
    {
        "synthetics_read",
        "synthetics_write",
        "synthetics_create_edit_trigger",
        "synthetics_private_location_read",
        "synthetics_default_settings_read",
        "synthetics_global_variable_read",
        "synthetics_global_variable_write",
        "synthetics_private_location_write",
    }
)
# Other permissions may be listed (to test a credential that lacks the right one) if they look
# like the vendor's: Cloudflare permission groups are words in title case ("DNS Write",
# "Access: Apps and Policies Read"); Datadog permissions are snake_case ("dashboards_read").
_CLOUDFLARE_PERMISSION = re.compile(
    r"[A-Z0-9][A-Za-z0-9.&/():,'+-]*(?: [A-Za-z0-9.&/():,'+-]+){0,12}"
)
_DATADOG_PERMISSION = re.compile(r"[a-z][a-z0-9_]{1,80}")
_ACCOUNT_ID = re.compile(r"[0-9a-fA-F]{32}")
# Bounds on the configuration files read at start-up (a FIFO or a huge file must not hang or
# swamp the server): the credentials file, and each fixture file.
MAX_CREDENTIALS_BYTES = 1 << 20
MAX_FIXTURE_BYTES = 8 << 20


def _known_or_alike(value: str, known: frozenset[str], shape: re.Pattern[str], style: str) -> str:
    if value in known:
        return value
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.8)
    folded = {name.casefold(): name for name in known}.get(value.casefold())
    suggestion = folded or (close[0] if close else None)
    if suggestion is not None:
        raise ValueError(f"unknown permission {value!r}; did you mean {suggestion!r}?")
    if not shape.fullmatch(value):
        raise ValueError(f"unknown permission {value!r}: not a {style} permission name")
    return value


def _cloudflare_permission(value: str) -> str:
    return _known_or_alike(
        value, DEX_READ_PERMISSIONS, _CLOUDFLARE_PERMISSION, "Cloudflare (e.g. 'DNS Read')"
    )


def _datadog_permission(value: str) -> str:
    return _known_or_alike(
        value, SYNTHETICS_PERMISSIONS, _DATADOG_PERMISSION, "Datadog (e.g. 'dashboards_read')"
    )


def _account(value: str) -> str:
    if value != "*" and not _ACCOUNT_ID.fullmatch(value):
        raise ValueError(f"{value[:60]!r} is not an account id: expected 32 hex digits or '*'")
    return value


CloudflarePermission = Annotated[str, AfterValidator(_cloudflare_permission)]
DatadogPermission = Annotated[str, AfterValidator(_datadog_permission)]
AccountId = Annotated[str, AfterValidator(_account)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CloudflareToken(_Strict):
    """An API token with its permission groups and reachable accounts ('*' for all)."""

    token: SecretStr = Field(min_length=1)
    permissions: list[CloudflarePermission] = Field(default_factory=lambda: ["Cloudflare DEX Read"])
    accounts: list[AccountId] = Field(default_factory=lambda: ["*"])


class CloudflareKey(_Strict):
    """A Global API key with its account email (sent as X-Auth-Key + X-Auth-Email)."""

    email: str = Field(min_length=3)
    key: SecretStr = Field(min_length=1)
    permissions: list[CloudflarePermission] = Field(default_factory=lambda: ["Cloudflare DEX Read"])
    accounts: list[AccountId] = Field(default_factory=lambda: ["*"])


class CloudflareCredentials(_Strict):
    """Cloudflare's part of the file."""

    tokens: list[CloudflareToken] = Field(default_factory=list)
    keys: list[CloudflareKey] = Field(default_factory=list)


class DatadogApplicationKey(_Strict):
    """An application key and the permissions of its user."""

    key: SecretStr = Field(min_length=1)
    permissions: list[DatadogPermission] = Field(default_factory=lambda: ["synthetics_read"])


class DatadogCredentials(_Strict):
    """Datadog's part of the file: org API keys and application keys."""

    api_keys: list[SecretStr] = Field(default_factory=list)
    application_keys: list[DatadogApplicationKey] = Field(default_factory=list)


class CredentialsFile(_Strict):
    """The whole credentials file: a section per vendor that should be strict."""

    cloudflare: CloudflareCredentials | None = None
    datadog: DatadogCredentials | None = None

    @model_validator(mode="after")
    def _some_vendor(self) -> CredentialsFile:
        if self.cloudflare is None and self.datadog is None:
            raise ValueError(
                "no vendor section: give 'cloudflare' and/or 'datadog' (only those become strict)"
            )
        return self

    @property
    def strict_vendors(self) -> tuple[str, ...]:
        """The vendors that have a section, so only listed credentials authenticate."""
        return tuple(v for v in ("cloudflare", "datadog") if getattr(self, v) is not None)


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


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or ConfigError naming the file.

    Opened without blocking and checked on the open descriptor: a FIFO (which would block the
    start-up forever), a device or a directory is refused, and so is a file over `limit`.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = (
                "a FIFO"
                if stat.S_ISFIFO(info.st_mode)
                else "a directory"
                if stat.S_ISDIR(info.st_mode)
                else "a device or socket"
            )
            raise ConfigError(f"{path}: is {kind}, not a regular file")
        if info.st_size > limit:
            raise ConfigError(
                f"{path}: {info.st_size} bytes, larger than the {limit} bytes allowed"
            )
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    finally:
        os.close(fd)
    if len(data) > limit:
        raise ConfigError(f"{path}: larger than the {limit} bytes allowed")
    return data


def read_json_file(path: Path, limit: int = MAX_FIXTURE_BYTES) -> Any:
    """The parsed JSON of a configuration file, or ConfigError naming the file."""
    data = read_limited(path, limit)
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ConfigError(f"{path}: invalid JSON: {exc}") from exc


def load_credentials(path: Path) -> CredentialsFile:
    """Read and validate the credentials file, raising ConfigError naming the file and field."""
    raw = read_json_file(path, MAX_CREDENTIALS_BYTES)
    try:
        creds = CredentialsFile.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(validation_message(str(path), exc)) from exc
    return creds
