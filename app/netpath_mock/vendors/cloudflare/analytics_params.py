"""Query parameters of the DEX analytics operations, checked the way DEX answers bad input.

DEX names its parameter errors `dex.api.parameter.missing` (code 11004, a third-party capture:
universe doc §2, low confidence on the code) and `dex.api.parameter.invalid` (a third-party client
saw it for per_page=1000; no code public: 11005 is ours). Both answer 400 in the failure
envelope; the message names the parameter and, for an invalid one, the value refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from netpath_mock.core.errors import BadRequest
from netpath_mock.vendors.cloudflare.query import MAX_PAGE, whole_number

MISSING_CODE = 11004
INVALID_CODE = 11005
UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_EPOCH_MS_RE = re.compile(r"-?[0-9]{1,16}")
INTERVALS = {"minute": 60, "hour": 3600}
MAX_PER_PAGE = 50  # contract maximum; DEX refuses more with dex.api.parameter.invalid
DEFAULT_PER_PAGE = 10
KINDS = ("http", "traceroute")


def missing(name: str) -> BadRequest:
    """400: a required parameter is absent or empty."""
    return BadRequest(f"dex.api.parameter.missing: {name}", code=MISSING_CODE)


def invalid(name: str, value: str, why: str) -> BadRequest:
    """400: a parameter has a value DEX refuses."""
    shown = value if len(value) <= 64 else value[:61] + "..."
    return BadRequest(f"dex.api.parameter.invalid: {name} {shown!r} {why}", code=INVALID_CODE)


def parse_instant(name: str, value: str) -> int:
    """An instant in epoch milliseconds from ISO 8601 or epoch-ms text (universe doc §2).

    Accepted: `1689520412000` (epoch ms, the contract's example), `2025-04-21T18:00:00Z` and any
    ISO 8601 form Python reads (offsets, fractions), `2023-10-11 00:00:00+00` (the SDK's tests).
    A time without an offset is UTC. Equal instants give equal values, so equal answers.
    """
    text = value.strip()
    if _EPOCH_MS_RE.fullmatch(text):
        return int(text)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise invalid(name, value, "is neither ISO 8601 nor epoch milliseconds") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return round(parsed.timestamp() * 1000)


@dataclass(frozen=True, slots=True)
class Window:
    """A closed time window [start_ms, end_ms]."""

    start_ms: int
    end_ms: int


def window(time_from: str, time_to: str) -> Window:
    """The `from`/`to` pair (both required); `from` after `to` is invalid."""
    if not time_from:
        raise missing("from")
    if not time_to:
        raise missing("to")
    start = parse_instant("from", time_from)
    end = parse_instant("to", time_to)
    if start > end:
        raise invalid("from", time_from, "is after to")
    return Window(start, end)


def interval(value: str) -> int:
    """The bucket size, `minute` or `hour`, in seconds."""
    seconds = INTERVALS.get(value)
    if seconds is None:
        raise invalid("interval", value, "must be one of minute, hour")
    return seconds


def device_id(value: str, name: str = "deviceId") -> str:
    """One device UUID, lowercased; anything else is refused (DEX ids are UUIDs: doc §2)."""
    if not value:
        raise missing(name)
    if not UUID_RE.fullmatch(value):
        raise invalid(name, value, "is not a device UUID")
    return value.lower()


def device_ids(values: list[str] | None, name: str = "deviceId") -> tuple[str, ...]:
    """The repeated device filter (`deviceId=a&deviceId=b`), lowercased, duplicates dropped."""
    found: list[str] = []
    for value in values or ():
        lowered = device_id(value, name)
        if lowered not in found:
            found.append(lowered)
    return tuple(found)


def colo(value: str | None) -> str | None:
    """The colo filter, upper-cased (IATA codes), or None."""
    return value.upper() if value else None


def registration(value: str | None, devices: tuple[str, ...]) -> str | None:
    """`registration_id`: a UUID that must come with exactly one deviceId (SDK docstring)."""
    if not value:
        return None
    if not UUID_RE.fullmatch(value):
        raise invalid("registration_id", value, "is not a registration UUID")
    if len(devices) != 1:
        raise invalid("registration_id", value, "must be used with exactly one deviceId")
    return value.lower()


def kind(value: str | None) -> str | None:
    """The test kind filter: http or traceroute."""
    if not value:
        return None
    if value not in KINDS:
        raise invalid("kind", value, "must be one of http, traceroute")
    return value


def whole(name: str, value: float | None, default: int, maximum: int = MAX_PAGE) -> int:
    """A page number or size: a whole number >= 1 (the SDK sends floats: 2.0), <= maximum."""
    if value is None:
        return default
    number = whole_number(value, maximum)
    if number is None:
        raise invalid(name, f"{value:g}", f"must be a whole number from 1 to {maximum}")
    return number
