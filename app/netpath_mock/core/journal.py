"""The request journal: what each vendor request looked like and what the mock answered.

Two promises, whatever a client sends:

* **No secret is recorded.** Header values and query parameters whose names carry credentials
  (`Authorization`, `X-Auth-Key`, `DD-API-KEY`, `X-Api-Key`, `Cookie`, `cf-access-client-secret`,
  `?api_key=`, `?application_key=`, anything named like a key, token, secret, password, session
  cookie or signature) are recorded as "***". The same masking keeps query credentials out of
  the access log (`AccessLogMask`).
* **Bounded memory.** An entry keeps at most MAX_RECORDED_HEADERS headers and
  MAX_RECORDED_HEADER_BYTES of their names and values, MAX_RECORDED_BODY bytes of body and
  MAX_RECORDED_TARGET bytes each of path and query; a journal keeps at most `size` entries and
  `max_bytes` of them (oldest dropped first), charged to the server's byte budget.
"""

from __future__ import annotations

import logging
import sys
import time
from collections import deque
from datetime import UTC, datetime
from typing import Any, NamedTuple
from urllib.parse import unquote

from netpath_mock.core.store import ByteBudget

# Headers that carry credentials whatever the API: recorded as "***" so no secret ever reaches
# the journal. Each vendor adds its own (VendorSpec.secret_headers; MockState.secret_headers).
SECRET_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-api-key",
        # Cloudflare Access service tokens, sent in front of many APIs.
        "cf-access-client-id",
        "cf-access-client-secret",
        "cf-access-token",
        "cf-authorization",
    }
)
# Any header or query parameter whose lowercased name contains one of these is masked too.
SECRET_NAME_PARTS = (
    "auth",
    "key",
    "token",
    "secret",
    "passw",
    "pwd",
    "cookie",
    "credential",
    "signature",
    "sessionid",
    "session_id",
    "jwt",
)
MASK = "***"
MAX_RECORDED_BODY = 16_384
MAX_RECORDED_HEADERS = 64
MAX_RECORDED_HEADER_BYTES = 16_384  # names and values of one entry's headers together
MAX_RECORDED_TARGET = 4_096  # path, and query, each
# What an entry costs beyond its strings' characters (tuple, dict, str objects), as charged;
# measured with tracemalloc on CPython 3.11, 5,000 entries: 411 bytes an entry without headers,
# ~140 a header with short name and value; charged 640 + 128 a header + every character.
ENTRY_OVERHEAD = 640
HEADER_OVERHEAD = 128
TRUNCATED = "...[truncated]"
DROPPED_HEADERS = "x-netpath-mock-dropped-headers"

# Names already classified, so a request pays two set operations rather than a scan per name.
# Bounded: names are client-controlled; once full, unclassified names are scanned each time.
_SECRET_NAMES: set[str] = set(SECRET_HEADERS)
_PLAIN_NAMES: set[str] = {
    "host",
    "user-agent",
    "accept",
    "accept-encoding",
    "accept-language",
    "connection",
    "content-type",
    "content-length",
    "prefer",
    "x-mock-session",
}
_CLASSIFIED: set[str] = _SECRET_NAMES | _PLAIN_NAMES
# Secret-header sets (a state's, with its vendors' names) already merged into _SECRET_NAMES.
_REGISTERED: set[frozenset[str]] = {SECRET_HEADERS}
_MAX_CLASSIFIED = 4096
_MAX_CLASSIFIED_NAME = 128


def is_secret_name(name: str) -> bool:
    """Whether a header or parameter called `name` (any case) carries a credential."""
    lowered = name.lower()
    return lowered in SECRET_HEADERS or any(part in lowered for part in SECRET_NAME_PARTS)


def _classify(names: set[str]) -> list[str]:
    """Remember `names` as secret or plain (while room lasts); the secret ones among them."""
    found = []
    for name in names:
        secret = is_secret_name(name)
        if secret:
            found.append(name)
        if len(name) <= _MAX_CLASSIFIED_NAME and len(_CLASSIFIED) < _MAX_CLASSIFIED:
            (_SECRET_NAMES if secret else _PLAIN_NAMES).add(name)
            _CLASSIFIED.add(name)
    return found


class Entry(NamedTuple):
    """One recorded request and its outcome.

    A named tuple rather than a frozen dataclass: every vendor request builds one, and a frozen
    dataclass sets each field through object.__setattr__ (twice the cost, measured).
    """

    time: float
    vendor: str
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    status: int
    duration_ms: float

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view (body decoded as UTF-8 with replacement)."""
        return {
            "time": datetime.fromtimestamp(self.time, UTC).isoformat(),
            "vendor": self.vendor,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "headers": dict(self.headers),
            "body": self.body[:MAX_RECORDED_BODY].decode("utf-8", "replace"),
            "status": self.status,
            "duration_ms": round(self.duration_ms, 3),
        }


def register_secret_headers(names: frozenset[str]) -> None:
    """Mask the headers `names` (a vendor's credential headers) wherever they are recorded."""
    lowered = frozenset(name.lower() for name in names)
    _PLAIN_NAMES.difference_update(lowered)
    _SECRET_NAMES.update(lowered)
    _CLASSIFIED.update(lowered)
    _REGISTERED.add(names)


def masked(headers: dict[str, str], secret: frozenset[str] = SECRET_HEADERS) -> dict[str, str]:
    """`headers` with every credential value replaced by a mask, in place (and returned).

    Masked: the names in `secret` (SECRET_HEADERS and the vendors' own) and any name that reads
    like a credential (`is_secret_name`). In place: the pipeline hands over the request's own
    header dict once the answer is built, so no copy is made on every request and no credential
    outlives the request.
    """
    if secret not in _REGISTERED:  # a frozenset's hash is cached: one lookup per request
        register_secret_headers(secret)
    # Set operations in C; only names never seen before are scanned (once, while room lasts).
    if not _CLASSIFIED.issuperset(headers):
        # Names past the memo's room are not in _SECRET_NAMES: mask them here.
        for name in _classify(headers.keys() - _CLASSIFIED):
            headers[name] = MASK
    for name in _SECRET_NAMES.intersection(headers):
        headers[name] = MASK
    return headers


def masked_query(query: str) -> str:
    """`query` with the value of every credential-named parameter replaced by the mask."""
    if not query or "=" not in query:
        return query
    pairs = query.split("&")
    changed = False
    for index, pair in enumerate(pairs):
        name, sep, value = pair.partition("=")
        if sep and value and is_secret_name(unquote(name)):
            pairs[index] = f"{name}={MASK}"
            changed = True
    return "&".join(pairs) if changed else query


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(0, limit - len(TRUNCATED))] + TRUNCATED


def bounded_headers(headers: dict[str, str]) -> dict[str, str]:
    """At most MAX_RECORDED_HEADERS headers and MAX_RECORDED_HEADER_BYTES of names and values.

    Values are cut where the byte allowance runs out; headers past either bound are left out,
    and a `x-netpath-mock-dropped-headers` entry says how many.
    """
    kept: dict[str, str] = {}
    room = MAX_RECORDED_HEADER_BYTES
    dropped = 0
    for name, value in headers.items():
        if len(kept) >= MAX_RECORDED_HEADERS - 1 or len(name) >= room:
            dropped += 1
            continue
        clipped = _clip(value, room - len(name))
        kept[name] = clipped
        room -= len(name) + len(clipped)
    if dropped:
        kept[DROPPED_HEADERS] = str(dropped)
    return kept


def _header_bytes(headers: dict[str, str]) -> int:
    # map/sum run in C: this is on every vendor request.
    return sum(map(len, headers)) + sum(map(len, headers.values()))


def bounded(entry: Entry) -> tuple[Entry, int]:
    """`entry` bounded and masked as `Journal.record` keeps it, and what the budget charges for it.

    The shared backend's journal (core.redis_backend) records exactly these entries and caps them
    by the same count and bytes.
    """
    # Every vendor request runs this: C-level sums and length checks on the common path.
    headers = entry.headers
    path, query, body = entry.path, entry.query, entry.body
    header_bytes = sum(map(len, headers)) + sum(map(len, headers.values()))
    if (
        header_bytes > MAX_RECORDED_HEADER_BYTES
        or len(headers) > MAX_RECORDED_HEADERS
        or len(body) > MAX_RECORDED_BODY
        or len(path) > MAX_RECORDED_TARGET
        or len(query) > MAX_RECORDED_TARGET
    ):
        # Only what `as_dict` shows is kept: a 1 MiB body or a flood of headers must not stay
        # in memory for the next thousand requests of every session.
        headers = bounded_headers(headers)
        path, query = _clip(path, MAX_RECORDED_TARGET), _clip(query, MAX_RECORDED_TARGET)
        body = body[:MAX_RECORDED_BODY]
        entry = entry._replace(path=path, query=query, headers=headers, body=body)
        header_bytes = _header_bytes(headers)
    if query and "=" in query:
        masked_target = masked_query(query)
        if masked_target is not query:
            query = masked_target
            entry = entry._replace(query=query)
    size = (
        ENTRY_OVERHEAD
        + len(path)
        + len(query)
        + len(body)
        + header_bytes
        + HEADER_OVERHEAD * len(headers)
    )
    return entry, size


class Journal:
    """A bounded, newest-last list of entries: at most `size` entries and `max_bytes` bytes."""

    def __init__(
        self, size: int, max_bytes: int | None = None, budget: ByteBudget | None = None
    ) -> None:
        self._entries: deque[tuple[Entry, int]] = deque()
        self._size = size
        self._max_bytes = sys.maxsize if max_bytes is None else max_bytes
        self.budget = ByteBudget(max_bytes, parent=budget)

    def record(self, entry: Entry) -> None:
        """Append `entry` (bounded and masked), dropping the oldest entries past either cap."""
        entry, size = bounded(entry)
        entries = self._entries
        entries.append((entry, size))
        # The usual full journal drops one entry per entry added: charge the difference once.
        if len(entries) > self._size:
            size -= entries.popleft()[1]
        budget = self.budget
        budget.charge(size)
        while budget.used > self._max_bytes and len(entries) > 1:
            budget.release(entries.popleft()[1])

    def add(
        self,
        vendor: str,
        method: str,
        path: str,
        query: str,
        headers: dict[str, str],
        body: bytes,
        status: int,
        duration_ms: float,
        secret: frozenset[str] = SECRET_HEADERS,
    ) -> None:
        """Record one request: `record(Entry(now, ...))` with `headers` masked in place.

        What every vendor request runs, in one call: masking, the bounds and the byte charge
        inline on the usual small request; anything unusual takes `record`'s general path.
        """
        if secret not in _REGISTERED or not _CLASSIFIED.issuperset(headers):
            masked(headers, secret)
        else:
            for name in _SECRET_NAMES.intersection(headers):
                headers[name] = MASK
        entry = Entry(time.time(), vendor, method, path, query, headers, body, status, duration_ms)
        if query:  # masked and measured by `bounded`
            self.record(entry)
            return
        header_bytes = sum(map(len, headers)) + sum(map(len, headers.values()))
        if (
            header_bytes > MAX_RECORDED_HEADER_BYTES
            or len(headers) > MAX_RECORDED_HEADERS
            or len(body) > MAX_RECORDED_BODY
            or len(path) > MAX_RECORDED_TARGET
        ):
            self.record(entry)
            return
        size = (
            ENTRY_OVERHEAD + len(path) + len(body) + header_bytes + HEADER_OVERHEAD * len(headers)
        )
        entries = self._entries
        entries.append((entry, size))
        if len(entries) > self._size:
            size -= entries.popleft()[1]
        budget: ByteBudget | None = self.budget
        while budget is not None:  # ByteBudget.charge, inlined
            budget.used += size
            budget = budget.parent
        while self.budget.used > self._max_bytes and len(entries) > 1:
            self.budget.release(entries.popleft()[1])

    def entries(self) -> list[Entry]:
        """Entries oldest first (/_mock/requests filters them: core.backend.filter_entries)."""
        return [entry for entry, _ in self._entries]

    @property
    def maxlen(self) -> int:
        """How many entries the journal keeps."""
        return self._size

    @property
    def bytes(self) -> int:
        """What the kept entries weigh, as the budget counts them."""
        return self.budget.used

    def clear(self) -> None:
        """Drop every entry."""
        self.budget.release(self.budget.used)
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


class AccessLogMask(logging.Filter):
    """Masks credential query parameters in uvicorn's access-log lines (`uvicorn.access`).

    uvicorn logs `'%s - "%s %s HTTP/%s" %d'` with the path and query as the third argument.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's request target; never drops a record."""
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            path, sep, query = args[2].partition("?")
            if sep:
                record.args = (*args[:2], f"{path}?{masked_query(query)}", *args[3:])
        return True
