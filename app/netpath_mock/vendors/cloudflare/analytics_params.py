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
from urllib.parse import parse_qsl

from netpath_mock.core.errors import BadRequest

MISSING_CODE = 11004
INVALID_CODE = 11005
UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_EPOCH_MS_RE = re.compile(r"-?[0-9]{1,16}")
_INT_RE = re.compile(r"[0-9]{1,9}(?:\.0*)?")  # the SDK sends page numbers as floats: "2.0"
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


class Query:
    """The decoded query string: every value of every name, repeats kept in order."""

    def __init__(self, raw: str) -> None:
        self.values: dict[str, list[str]] = {}
        if raw:
            for name, value in parse_qsl(raw, keep_blank_values=True):
                self.values.setdefault(name, []).append(value)

    def first(self, name: str) -> str | None:
        """The first value of `name`, or None when absent."""
        found = self.values.get(name)
        return found[0] if found else None

    def required(self, name: str) -> str:
        """The first value of `name`; 400 missing when absent or empty."""
        value = self.first(name)
        if value is None or value == "":
            raise missing(name)
        return value

    def all(self, name: str) -> list[str]:
        """Every value of a repeated parameter (`deviceId=a&deviceId=b`)."""
        return self.values.get(name, [])


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


def window(query: Query) -> Window:
    """The required `from`/`to` pair; `from` after `to` is invalid."""
    start = parse_instant("from", query.required("from"))
    end = parse_instant("to", query.required("to"))
    if start > end:
        raise invalid("from", query.required("from"), "is after to")
    return Window(start, end)


def interval(query: Query) -> int:
    """The required bucket size, `minute` or `hour`, in seconds."""
    value = query.required("interval")
    seconds = INTERVALS.get(value)
    if seconds is None:
        raise invalid("interval", value, "must be one of minute, hour")
    return seconds


def device_ids(query: Query, name: str = "deviceId") -> tuple[str, ...]:
    """The repeated device filter, lowercased; a value that is not a UUID is refused."""
    found: list[str] = []
    for value in query.all(name):
        if not UUID_RE.fullmatch(value):
            raise invalid(name, value, "is not a device UUID")
        lowered = value.lower()
        if lowered not in found:
            found.append(lowered)
    return tuple(found)


def colo(query: Query) -> str | None:
    """The colo filter, upper-cased (IATA codes), or None."""
    value = query.first("colo")
    return value.upper() if value else None


def registration(query: Query, devices: tuple[str, ...]) -> str | None:
    """`registration_id`: a UUID that must come with exactly one deviceId (SDK docstring)."""
    value = query.first("registration_id")
    if value is None or value == "":
        return None
    if not UUID_RE.fullmatch(value):
        raise invalid("registration_id", value, "is not a registration UUID")
    if len(devices) != 1:
        raise invalid("registration_id", value, "must be used with exactly one deviceId")
    return value.lower()


def kind(query: Query) -> str | None:
    """The test kind filter: http or traceroute."""
    value = query.first("kind")
    if value is None or value == "":
        return None
    if value not in KINDS:
        raise invalid("kind", value, "must be one of http, traceroute")
    return value


def page(query: Query) -> tuple[int, int]:
    """(page, per_page): page >= 1, per_page 1..50, default 10 (contract)."""
    number = _positive(query, "page", 1)
    per_page = _positive(query, "per_page", DEFAULT_PER_PAGE)
    if per_page > MAX_PER_PAGE:
        raise invalid("per_page", str(query.first("per_page")), f"exceeds {MAX_PER_PAGE}")
    return number, per_page


def _positive(query: Query, name: str, default: int) -> int:
    value = query.first(name)
    if value is None or value == "":
        return default
    if not _INT_RE.fullmatch(value) or int(float(value)) < 1:
        raise invalid(name, value, "must be a positive whole number")
    return int(float(value))
