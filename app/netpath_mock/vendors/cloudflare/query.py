"""Query parameters of the DEX fleet operations, read the way the real API reads them.

Conventions (universe doc §2): times are ISO 8601 (`2025-04-21T18:00:00Z`), Postgres style
(`2023-10-11 00:00:00+00`, what the SDK's own tests send) or epoch milliseconds; equal instants
give equal answers. A missing required parameter is 400 with DEX code 11004
`dex.api.parameter.missing` (a third-party capture, low confidence on the text); a value the
contract does not allow is 400 `dex.api.parameter.invalid` (derived: no capture exists).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Final
from urllib.parse import parse_qs

from netpath_mock.core.errors import BadRequest

PARAMETER_CODE: Final = 11004
MISSING: Final = "dex.api.parameter.missing"
INVALID: Final = "dex.api.parameter.invalid"
_UUID: Final = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
_EPOCH_MS: Final = re.compile(r"^[0-9]{1,16}$")
_NUMBER: Final = re.compile(r"^[0-9]{1,9}(?:\.[0-9]{1,9})?$")
# A '+' sent unencoded in a query string arrives as a space: "00:00:00 00" means "00:00:00+00".
_LOST_PLUS: Final = re.compile(r"(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}(?::?\d{2})?)$")


def missing(name: str) -> BadRequest:
    """400 for a required parameter that is absent or empty."""
    del name  # the real message does not name the parameter
    return BadRequest(MISSING, code=PARAMETER_CODE)


def invalid(name: str) -> BadRequest:
    """400 for a parameter whose value the contract does not allow."""
    del name
    return BadRequest(INVALID, code=PARAMETER_CODE)


def parse_instant(text: str) -> tuple[int, int] | None:
    """An instant as (whole seconds, milliseconds within the second), or None if unreadable."""
    text = text.strip()
    if _EPOCH_MS.match(text):
        ms = int(text)
        return ms // 1000, ms % 1000
    text = _LOST_PLUS.sub(r"\1+\2", text)
    try:
        value = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # a naive time is UTC (as the MCP client sends it)
    seconds = int(value.timestamp() // 1)
    return seconds, value.microsecond // 1000


class Query:
    """One request's query string, with typed getters that raise the DEX 400s."""

    def __init__(self, query: str) -> None:
        self._values: dict[str, list[str]] = (
            parse_qs(query, keep_blank_values=True) if query else {}
        )

    def raw(self, name: str) -> str | None:
        """The last non-empty value of `name` (a repeated scalar: the last one wins)."""
        values = [v for v in self._values.get(name, ()) if v != ""]
        return values[-1] if values else None

    def all(self, name: str) -> list[str]:
        """Every non-empty value of a repeated parameter."""
        return [v for v in self._values.get(name, ()) if v != ""]

    def has(self, name: str) -> bool:
        """Whether `name` was sent with a value."""
        return self.raw(name) is not None

    def required(self, name: str) -> str:
        """The value of a required parameter, or 400 missing."""
        value = self.raw(name)
        if value is None:
            raise missing(name)
        return value

    def instant(self, name: str, *, required: bool, upper: bool) -> int | None:
        """A time parameter in whole Unix seconds.

        A lower bound rounds sub-second instants up and an upper bound rounds them down, so the
        window holds exactly the whole-second instants between the two.
        """
        value = self.raw(name)
        if value is None:
            if required:
                raise missing(name)
            return None
        parsed = parse_instant(value)
        if parsed is None:
            raise invalid(name)
        seconds, ms = parsed
        return seconds + (1 if ms and not upper else 0)

    def window(self, *, required: bool = True) -> tuple[int | None, int | None]:
        """`from` and `to`; 400 when from is after to."""
        lo = self.instant("from", required=required, upper=False)
        hi = self.instant("to", required=required, upper=True)
        if lo is not None and hi is not None and lo > hi + 1:
            raise invalid("from")
        return lo, hi

    def number(
        self, name: str, *, low: float, high: float | None, required: bool, default: float
    ) -> float:
        """A number in [low, high]."""
        value = self.raw(name)
        if value is None:
            if required:
                raise missing(name)
            return default
        if not _NUMBER.match(value):
            raise invalid(name)
        number = float(value)
        if number < low or (high is not None and number > high):
            raise invalid(name)
        return number

    def integer(
        self, name: str, *, low: int, high: int | None, required: bool, default: int
    ) -> int:
        """A whole number in [low, high] (`10` or `10.0`; the SDK types paging as float)."""
        number = self.number(name, low=low, high=high, required=required, default=default)
        if number != int(number):
            raise invalid(name)
        return int(number)

    def choice(self, name: str, allowed: Sequence[str], default: str | None) -> str | None:
        """One of `allowed` (exact spelling), or `default` when absent."""
        value = self.raw(name)
        if value is None:
            return default
        if value not in allowed:
            raise invalid(name)
        return value

    def uuid(self, name: str) -> str | None:
        """A UUID-valued filter, lowercased (a non-UUID is refused, as the real API does)."""
        value = self.raw(name)
        if value is None:
            return None
        if not _UUID.match(value):
            raise invalid(name)
        return value.lower()
