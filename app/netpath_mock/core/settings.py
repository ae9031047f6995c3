"""Runtime settings: one injected `Settings`; every field also reads a `MOCK_*` variable.

Every bad value is reported in the user's terms: `describe_errors` names the variable
(`MOCK_FIXTURES_DIR`) or the command-line option (`--fixtures-dir`) the value came from, and
`unknown_variables` finds `MOCK_*` variables no setting reads (a typo must not pass silently).
"""

from __future__ import annotations

import difflib
import ipaddress
import re
from collections.abc import Collection, Mapping
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, get_args

from pydantic import (
    BeforeValidator,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ENV_PREFIX = "MOCK_"
KIB = 1024
MIB = 1024 * KIB

_RATE_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")
_LATENCY_RE = re.compile(r"^\s*(\d+)(?:\s*-\s*(\d+))?\s*$")


STATE_URL_SCHEMES = ("redis://", "rediss://", "unix://")


def redact_url(url: str) -> str:
    """`url` with any password replaced by ***, fit for messages and logs."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    credentials, at, where = rest.rpartition("@")
    if not at:
        return url
    user, colon, _ = credentials.partition(":")
    return f"{scheme}://{user}{':***' if colon else ''}@{where}"


class RateLimit(NamedTuple):
    """A fixed-window rate limit: `requests` per `seconds`."""

    requests: int
    seconds: int

    def __str__(self) -> str:
        return f"{self.requests}/{self.seconds}"


def parse_rate_limit(value: Any) -> RateLimit:
    """Parse `requests/seconds` (e.g. ``1200/300``) into a RateLimit; both must be positive."""
    if isinstance(value, RateLimit):
        return value
    if isinstance(value, tuple | list) and len(value) == 2:
        value = f"{value[0]}/{value[1]}"
    match = _RATE_RE.match(str(value))
    if not match:
        raise ValueError(f"expected 'requests/seconds' such as '1200/300', got {value!r}")
    requests, seconds = int(match.group(1)), int(match.group(2))
    if requests < 1 or seconds < 1:
        raise ValueError(f"requests and seconds must both be at least 1, got {value!r}")
    return RateLimit(requests, seconds)


class Latency(NamedTuple):
    """An added response delay in milliseconds: fixed (low == high) or a uniform range."""

    low_ms: int
    high_ms: int


LATENCY_PROFILES: dict[str, dict[str, Latency]] = {
    # Measured figures for the real services (datadog-contract-notes §5: v2 GET ~220-290 ms,
    # 404 ~136 ms). Cloudflare's API edge answers DEX reads in tens of milliseconds.
    "realistic": {"cloudflare": Latency(40, 120), "datadog": Latency(220, 290)},
}


def parse_latency(value: Any) -> str:
    """Validate a latency setting: ``0``, ``MS``, ``LOW-HIGH`` or a profile name."""
    text = str(value).strip()
    if text in LATENCY_PROFILES:
        return text
    match = _LATENCY_RE.match(text)
    if not match:
        raise ValueError(
            f"expected milliseconds ('50'), a range ('20-80') or a profile "
            f"({', '.join(LATENCY_PROFILES)}), got {value!r}"
        )
    low = int(match.group(1))
    high = int(match.group(2) or low)
    if high < low:
        raise ValueError(f"latency range must be LOW-HIGH with LOW <= HIGH, got {value!r}")
    if high > 60_000:
        raise ValueError(f"latency above 60000 ms is not supported, got {value!r}")
    return f"{low}-{high}"


# NoDecode: the env value is our own 'N/S' text, not JSON.
RateLimitSetting = Annotated[RateLimit, NoDecode, BeforeValidator(parse_rate_limit)]
LatencySetting = Annotated[str, BeforeValidator(parse_latency)]


class Settings(BaseSettings):
    """Every knob of the mock, read from `MOCK_*` variables; tests pass values directly."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid", frozen=True)

    host: str = Field(default="127.0.0.1", min_length=1, description="Interface to listen on.")
    port: int = Field(default=8000, ge=0, le=65535, description="TCP port to listen on.")
    workers: int = Field(
        default=1,
        ge=1,
        le=64,
        description="Worker processes serving the same data; sessions, journal, limits and seed "
        "switches are per worker.",
    )
    log_level: Literal["critical", "error", "warning", "info", "debug", "trace"] = "info"
    access_log: bool = Field(default=False, description="Log every request (costs throughput).")
    seed: int = Field(default=1234, ge=0, lt=2**63, description="Seed of the generated universe.")
    fixtures_dir: Path | None = Field(
        default=None,
        description="Folder of fixture files (none unless given).",
    )
    credentials_file: Path | None = Field(
        default=None,
        description="JSON credentials file; when set, only listed credentials authenticate.",
    )
    epoch: datetime = Field(
        default=datetime(2026, 11, 1, tzinfo=UTC),
        description="The fixed 'now' of the generated universe (results end here).",
    )
    cloudflare_rate_limit: RateLimitSetting = Field(
        # 1200 requests per 5 minutes per user/token: developers.cloudflare.com/fundamentals/api/
        # reference/limits (cloudflare-contract-notes §3 f).
        default=RateLimit(1200, 300),
        description="Cloudflare limit per credential as requests/seconds.",
    )
    datadog_rate_limit: RateLimitSetting = Field(
        # No public source gives the synthetics bucket's figures (datadog-contract-notes §3 f):
        # 1000 per 60 s is a plausible org-level read budget that a test suite rarely reaches.
        default=RateLimit(1000, 60),
        description="Datadog limit per API key as requests/seconds (calendar-aligned period).",
    )
    datadog_legacy_forbidden: bool = Field(
        default=False,
        description="Answer missing/unknown Datadog keys with the pre-2025 403 Forbidden.",
    )
    datadog_test_count: int = Field(default=200, ge=1, le=10_000)
    latency: LatencySetting = Field(
        default="0-0", description="Added delay: MS, LOW-HIGH or a profile."
    )
    fault_rate: float = Field(default=0.0, ge=0.0, le=1.0, description="Share of injected 5xx.")
    journal_size: int = Field(default=1000, ge=0, le=1_000_000)
    max_sessions: int = Field(default=256, ge=1, le=100_000)
    admin_token: SecretStr | None = Field(default=None, description="Bearer token for /_mock.")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["http://localhost:5173", "http://127.0.0.1:5173"],
        description="Comma-separated browser origins allowed to call the vendors (* for any).",
    )
    cache_size: int = Field(default=4096, ge=0, le=1_000_000, description="Bodies kept serialized.")
    state_url: SecretStr | None = Field(
        default=None,
        description=(
            "redis://[:password@]host:port/db (or rediss://, unix://): keep all mutable state "
            "in Redis so workers and replicas behave as one server; unset: in this process."
        ),
    )
    state_timeout: float = Field(
        default=2.0,
        gt=0,
        le=60,
        description="Seconds a Redis call may take before the request answers 503.",
    )
    session_ttl: int = Field(
        default=86_400,
        ge=0,
        le=10 * 365 * 86_400,
        description="Seconds a session may stay unused before it is forgotten (0: never).",
    )
    # --- bounds on what clients can make the server hold or wait for (README, Design notes) ---
    journal_bytes: int = Field(
        default=8 * MIB, ge=64 * KIB, le=1024 * MIB, description="Journal bytes kept per session."
    )
    session_store_bytes: int = Field(
        default=8 * MIB,
        ge=64 * KIB,
        le=1024 * MIB,
        description="Bytes of created/edited resources a session may keep.",
    )
    state_bytes: int = Field(
        default=64 * MIB,
        ge=1 * MIB,
        le=16 * 1024 * MIB,
        description="Bytes all sessions may hold together; least recently used sessions are "
        "forgotten past it.",
    )
    max_header_bytes: int = Field(
        default=64 * KIB,
        ge=8 * KIB,
        le=1 * MIB,
        description="Request line and headers together; larger is answered 431.",
    )
    header_timeout: float = Field(
        default=10.0, gt=0, le=3600, description="Seconds a client has to send a request's head."
    )
    body_timeout: float = Field(
        default=30.0, gt=0, le=3600, description="Seconds a client has to send a request's body."
    )
    max_connections: int = Field(
        default=1000, ge=8, le=100_000, description="Open connections per worker."
    )
    http: Literal["auto", "httptools", "h11"] = Field(
        default="auto", description="HTTP/1.1 parser (auto: httptools when installed)."
    )

    def latency_for(self, vendor: str) -> Latency | None:
        """The added delay for `vendor`'s answers, or None for none."""
        if self.latency in LATENCY_PROFILES:
            return LATENCY_PROFILES[self.latency][vendor]
        low, _, high = self.latency.partition("-")
        latency = Latency(int(low), int(high))  # parse_latency normalised it to LOW-HIGH
        return None if latency.high_ms == 0 else latency

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("state_url")
    @classmethod
    def _redis_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        text = value.get_secret_value().strip()
        if not text:
            return None
        if not text.startswith(STATE_URL_SCHEMES):
            raise ValueError(
                f"expected redis://host:port/db (or rediss://, unix://), got {redact_url(text)!r}"
            )
        return SecretStr(text)

    @field_validator("cors_origins")
    @classmethod
    def _valid_origins(cls, value: list[str]) -> list[str]:
        for origin in value:
            if origin != "*" and not _ORIGIN_RE.fullmatch(origin):
                raise ValueError(
                    f"{origin[:80]!r} is not an origin: expected '*' or scheme://host[:port] "
                    "in ASCII (an international domain in its xn-- form), without a path"
                )
        return value

    @field_validator("admin_token")
    @classmethod
    def _non_blank_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().strip():
            raise ValueError(
                "must not be empty or blank (unset it to leave the control plane open)"
            )
        if value is not None and not _TOKEN_RE.fullmatch(value.get_secret_value()):
            raise ValueError(
                "must be visible ASCII characters without spaces (it is a bearer token)"
            )
        return value

    @field_validator("host")
    @classmethod
    def _valid_host(cls, value: str) -> str:
        try:
            ipaddress.ip_address(value)
        except ValueError:
            if len(value) > 253 or not _HOSTNAME_RE.fullmatch(value):
                raise ValueError(
                    f"{value[:80]!r} is neither an IP address nor a host name"
                ) from None
        return value

    @field_validator("epoch")
    @classmethod
    def _aware_epoch(cls, value: datetime) -> datetime:
        return value if value.tzinfo else value.replace(tzinfo=UTC)

    @field_validator("fixtures_dir")
    @classmethod
    def _existing_dir(cls, value: Path | None) -> Path | None:
        if value is not None and not value.exists():
            raise ValueError(f"no such folder: {value}")
        if value is not None and not value.is_dir():
            raise ValueError(f"not a folder: {value}")
        return value

    @field_validator("credentials_file")
    @classmethod
    def _existing_file(cls, value: Path | None) -> Path | None:
        if value is not None and not value.exists():
            raise ValueError(f"no such file: {value}")
        if value is not None and not value.is_file():
            raise ValueError(f"not a regular file: {value}")
        return value

    @model_validator(mode="after")
    def _budgets_fit(self) -> Settings:
        if self.state_bytes < self.journal_bytes + self.session_store_bytes:
            raise ValueError(
                f"MOCK_STATE_BYTES ({self.state_bytes}) must be at least MOCK_JOURNAL_BYTES + "
                f"MOCK_SESSION_STORE_BYTES ({self.journal_bytes + self.session_store_bytes}): "
                "one session must fit"
            )
        return self


_ORIGIN_RE = re.compile(
    r"https?://[A-Za-z0-9.-]{1,253}(?::[0-9]{1,5})?|https?://\[[0-9A-Fa-f:.]+\](?::[0-9]{1,5})?"
)
_HOSTNAME_RE = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?"
)
_TOKEN_RE = re.compile(r"[\x21-\x7e]{1,4096}")
# Variables read by other parts of the project, not by Settings.
OTHER_VARIABLES = frozenset[str]()
# Settings holding a secret (a token, a URL with a password): their values are never echoed.
SECRET_FIELDS = frozenset(
    name
    for name, info in Settings.model_fields.items()
    if SecretStr in (info.annotation, *get_args(info.annotation))
)


def env_name(field: str) -> str:
    """The environment variable of a settings field: fixtures_dir -> MOCK_FIXTURES_DIR."""
    return f"{ENV_PREFIX}{field.upper()}"


def option_name(field: str) -> str:
    """The command-line option of a settings field: fixtures_dir -> --fixtures-dir."""
    return "--" + field.replace("_", "-")


def known_variables() -> frozenset[str]:
    """Every MOCK_* variable a setting reads."""
    return frozenset(env_name(name) for name in Settings.model_fields) | OTHER_VARIABLES


def unknown_variables(environ: Mapping[str, str]) -> list[tuple[str, str | None]]:
    """(name, closest known name or None) for each MOCK_* variable no setting reads."""
    known = known_variables()
    found = []
    for name in sorted(environ):
        if name.upper().startswith(ENV_PREFIX) and name.upper() not in known:
            close = difflib.get_close_matches(name.upper(), sorted(known), n=1, cutoff=0.75)
            found.append((name, close[0] if close else None))
    return found


def describe_errors(
    error: ValidationError,
    *,
    from_cli: Collection[str] | Mapping[str, str] = (),
    environ: Mapping[str, str] | None = None,
) -> list[str]:
    """One line per problem, naming what the user set: the option or the variable and its value.

    Never pydantic's "Value error," prefix nor an internal field name. `from_cli` names the
    fields given on a command line (a mapping gives each its option's spelling).
    """
    environ = environ or {}
    lines = []
    for problem in error.errors():
        loc = [str(part) for part in problem["loc"]]
        field = loc[0] if loc else ""
        message = str(problem["msg"]).removeprefix("Value error, ")
        if field not in Settings.model_fields:
            lines.append(message)
            continue
        if field in from_cli:
            where = from_cli[field] if isinstance(from_cli, Mapping) else option_name(field)
        else:
            where = env_name(field)
            raw = environ.get(where)
            if raw is not None and field not in SECRET_FIELDS:
                shown = raw if len(raw) <= 60 else raw[:57] + "..."
                where = f"{where}={shown!r}"
        lines.append(f"{where}: {message}")
    return lines


@lru_cache
def get_settings() -> Settings:
    """Settings from the environment, read once per process."""
    return Settings()
