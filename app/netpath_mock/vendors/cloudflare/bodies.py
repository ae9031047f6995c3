"""Body parsing, validation errors and wire formatting shared by the DEX writable resources.

Error codes (Cloudflare's failure envelope, status 400 unless noted; the catalogue entries are
in errors.py). Only 11004 and 6007 are public; the rest are our choice, kept in the DEX 11xxx
range (universe doc §8.2). Query parameters are declared on the routes and checked by the
dispatcher (11004/11005 without a field name, as for every DEX operation):

| code  | message starts with            | when                                                  |
|-------|--------------------------------|-------------------------------------------------------|
| 6007  | Malformed JSON in request body | the body is not JSON (public: a 2019 DNS API capture) |
| 11004 | dex.api.parameter.missing      | a required field or query parameter is absent, or an  |
|       |                                | id that must be a UUID is not one (a real answer gave |
|       |                                | 11004 for a non-UUID device id)                        |
| 11005 | dex.api.parameter.invalid      | wrong JSON type, enum, format or bound                |
| 11006 | dex.api.tests.limit            | an 11th device DEX test in the account               |
| 11007 | dex.api.tests.duplicate_name   | a test name the account already uses                  |
| 11008 | dex.api.commands.ineligible    | a command for an unknown, ineligible or other user's  |
|       |                                | device                                                |
| 11009 | dex.api.commands.quota         | more commands than the account's quota has left        |
| 11010 | dex.api.session.limit          | the mock session's store is full (stores.py)          |
| 1001  | (404) ... not found            | unknown or deleted test, rule, command or file        |

Messages name the offending field (`data.kind`, `commands[0].device_id`) after the slug.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from typing import Any, NoReturn

import orjson

from netpath_mock.core.errors import BadRequest, ErrorEntry
from netpath_mock.vendors.cloudflare import errors
from netpath_mock.vendors.cloudflare.analytics_params import invalid as query_invalid

MISSING = 11004
INVALID = 11005
TESTS_LIMIT = 11006
DUPLICATE_NAME = 11007
INELIGIBLE = 11008
QUOTA = 11009

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_POSITIVE_INT = re.compile(r"^[0-9]{1,9}$")
_JSON_TYPES = {
    str: "a string",
    bool: "a boolean",
    dict: "an object",
    list: "an array",
}


def missing(name: str) -> NoReturn:
    """Raise 400 11004 for the absent field or parameter `name`."""
    raise BadRequest(f"dex.api.parameter.missing: {name} is required", code=MISSING)


def invalid(name: str, detail: str) -> NoReturn:
    """Raise 400 11005 for `name`, which breaks `detail`."""
    raise BadRequest(f"dex.api.parameter.invalid: {name} {detail}", code=INVALID)


def characters(count: int) -> str:
    """'1 character', '255 characters'."""
    return f"{count} character" if count == 1 else f"{count} characters"


def not_found(entry: ErrorEntry) -> NoReturn:
    """Raise the catalogue's 404 `entry`."""
    raise entry.error()


def is_uuid(text: str) -> bool:
    """Whether `text` is a UUID in the 8-4-4-4-12 hex form."""
    return bool(_UUID.match(text))


def canonical_uuid(text: str) -> str:
    """A UUID in its lowercase dashed form (the 32-hex form gains its dashes)."""
    text = text.lower()
    if len(text) == 32:
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
    return text


def parse_object(raw: bytes) -> dict[str, Any]:
    """The request body as a JSON object; 6007 when unparseable, 11005 when not an object."""
    if not raw.strip():
        raise BadRequest("dex.api.parameter.missing: request body is required", code=MISSING)
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise errors.MALFORMED_JSON.error() from None
    if not isinstance(document, dict):
        invalid("body", "must be a JSON object")
    return document


def typed(obj: dict[str, Any], key: str, kind: type, where: str, *, required: bool) -> Any:
    """obj[key] checked to be of JSON type `kind` (None when absent and not required).

    JSON null counts as absent for optional fields and as missing for required ones. A bool is
    never accepted where a number is expected, nor a number where a bool is.
    """
    name = f"{where}{key}"
    value = obj.get(key)
    if value is None:
        if required:
            missing(name)
        return None
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            invalid(name, "must be a number")
        return value
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        invalid(name, f"must be {_JSON_TYPES[kind]}")
    return value


def text(
    obj: dict[str, Any],
    key: str,
    where: str = "",
    *,
    required: bool,
    max_len: int,
    min_len: int = 0,
) -> str | None:
    """A string field, stripped of surrounding blanks, within [min_len, max_len] characters."""
    value = typed(obj, key, str, where, required=required)
    if value is None:
        return None
    value = value.strip()
    if len(value) < min_len:
        if required and not value:
            missing(f"{where}{key}")
        invalid(f"{where}{key}", f"must be at least {characters(min_len)}")
    if len(value) > max_len:
        invalid(f"{where}{key}", f"must be at most {characters(max_len)}")
    return str(value)


# --- query values -----------------------------------------------------------------------------


def parse_datetime(name: str, value: str | None) -> int | None:
    """An RFC 3339 / ISO 8601 date-time query value, as Unix microseconds (None when absent).

    A bad value answers as the analytics' query parameters do (analytics_params.invalid:
    `dex.api.parameter.invalid: <name> '<value>' <why>`), so every service-checked DEX query
    value reads alike.
    """
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        raise query_invalid(
            name, value, "is not an ISO 8601 date-time such as 2023-08-20T20:45:00Z"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return int(parsed.timestamp() * 1_000_000)


# --- wire formatting ------------------------------------------------------------------------

_DUMP = orjson.OPT_SORT_KEYS


def dumps(value: Any) -> bytes:
    """JSON with sorted keys: a real dex_tests answer (CAS) lists every object's keys A-Z."""
    return orjson.dumps(value, option=_DUMP)


def ok(result: Any, result_info: dict[str, int] | None = None) -> bytes:
    """The success envelope, keys in the recorded order (errors, messages, result, ...)."""
    body: dict[str, Any] = {"errors": [], "messages": [], "result": result, "success": True}
    if result_info is not None:
        body["result_info"] = result_info
    return dumps(body)


def page_of(items: list[Any], page: int, per_page: int) -> tuple[list[Any], dict[str, int]]:
    """One page of `items` and its result_info (count = items on this page)."""
    start = (page - 1) * per_page
    chunk = items[start : start + per_page]
    info = {"count": len(chunk), "page": page, "per_page": per_page, "total_count": len(items)}
    return chunk, info


def rfc3339_us(us: int) -> str:
    """RFC 3339 UTC with Go's trimmed fraction: '2024-10-21T22:42:49.86329Z' (CAS)."""
    seconds, fraction = divmod(us, 1_000_000)
    base = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
    if fraction:
        base += "." + f"{fraction:06d}".rstrip("0")
    return base + "Z"


def rfc3339_s(us: int) -> str:
    """RFC 3339 UTC to the second: '2023-10-11T00:00:00Z' (contract examples)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(us // 1_000_000))


def postgres_time(us: int) -> str:
    """Postgres style UTC: '2023-07-16 15:00:00+00' (rule created_at, contract example)."""
    return time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime(us // 1_000_000))


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def http_date(us: int) -> str:
    """An IMF-fixdate for Last-Modified: 'Wed, 21 Oct 2023 07:28:00 GMT' (locale-free)."""
    t = time.gmtime(us // 1_000_000)
    return (
        f"{_DAYS[t.tm_wday]}, {t.tm_mday:02d} {_MONTHS[t.tm_mon - 1]} {t.tm_year} "
        f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} GMT"
    )
