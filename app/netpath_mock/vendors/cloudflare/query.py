"""Query values of the DEX fleet operations that need more than their declared type.

Routes declare every parameter (core.routing parses and validates types, enums and ranges);
these helpers finish the job where the contract's type is a bare string or number:

* times are ISO 8601 (`2025-04-21T18:00:00Z`), Postgres style (`2023-10-11 00:00:00+00`, what
  the SDK's own tests send) or epoch milliseconds (universe doc §2); equal instants give equal
  answers;
* paging numbers are whole (the contract types them `number`, the SDK sends floats).

Problems raise the same InvalidParameters the router raises, so the vendor renders them the
same way: 400 11004 `dex.api.parameter.missing` or 11005 `dex.api.parameter.invalid`.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from typing import Final

from netpath_mock.core.errors import InvalidParameters

_UUID: Final = re.compile(r"^[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
MAX_PAGE: Final = 1_000_000_000  # far past any list's end; bigger is refused, not computed
_EPOCH_MS: Final = re.compile(r"^[0-9]{1,16}$")
# A '+' sent unencoded in a query string arrives as a space: "00:00:00 00" means "00:00:00+00".
_LOST_PLUS: Final = re.compile(r"(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}(?::?\d{2})?)$")


def missing(name: str) -> InvalidParameters:
    """400 11004 for a required parameter that is absent or empty."""
    loc = ("query", name)
    return InvalidParameters([{"type": "missing", "loc": loc, "msg": "Field required"}])


def invalid(name: str, value: object) -> InvalidParameters:
    """400 11005 for a value the contract does not allow."""
    loc = ("query", name)
    problem = {"type": "value_error", "loc": loc, "msg": "Invalid value", "input": value}
    return InvalidParameters([problem])


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
    return int(value.timestamp() // 1), value.microsecond // 1000


def instant(value: str | None, name: str, *, upper: bool, required: bool = True) -> int | None:
    """A time parameter in whole Unix seconds.

    A lower bound rounds a sub-second instant up and an upper bound rounds it down, so the
    window holds exactly the whole-second instants between the two.
    """
    if value is None or value == "":
        if required:
            raise missing(name)
        return None
    parsed = parse_instant(value)
    if parsed is None:
        raise invalid(name, value)
    seconds, ms = parsed
    return seconds + (1 if ms and not upper else 0)


def window(
    time_from: str | None, time_to: str | None, *, required: bool = True
) -> tuple[int | None, int | None]:
    """`from` and `to` in whole seconds; 400 when from is after to."""
    lo = instant(time_from, "from", upper=False, required=required)
    hi = instant(time_to, "to", upper=True, required=required)
    # Equal sub-second instants round to lo = hi + 1: an empty window, not an error.
    if lo is not None and hi is not None and lo > hi + 1:
        raise invalid("from", time_from)
    return lo, hi


def required_window(time_from: str, time_to: str) -> tuple[int, int]:
    """A required `from`/`to` pair in whole seconds."""
    lo, hi = window(time_from, time_to)
    if lo is None or hi is None:  # window() raised already; this narrows the types
        raise missing("from")
    return lo, hi


def whole_number(value: float, maximum: int = MAX_PAGE) -> int | None:
    """A paging number (typed `number`: the SDK sends 2.0) as an int; None unless whole, 1-maximum.

    `maximum` bounds even a page number: an unbounded one would overflow the 64-bit integers the
    JSON encoder writes (result_info echoes it), which the fuzzing found as a 500.
    """
    if not math.isfinite(value) or value < 1 or value > maximum or value != int(value):
        return None
    return int(value)


def whole(value: float, name: str) -> int:
    """A fleet paging number (declared `ge=1`, `le` for sizes): 400 11005 unless whole."""
    number = whole_number(value)
    if number is None:
        raise invalid(name, value)
    return number


def uuid_filter(value: str | None, name: str) -> str | None:
    """A UUID-valued filter, lowercased (the real API refuses a non-UUID id, universe doc §2)."""
    if value is None or value == "":
        return None
    if not _UUID.match(value):
        raise invalid(name, value)
    return value.lower()
