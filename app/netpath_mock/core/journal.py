"""The request journal: what each vendor request looked like and what the mock answered."""

from __future__ import annotations

from collections import deque
from datetime import UTC, datetime
from typing import Any, NamedTuple

# Headers that carry credentials whatever the API: recorded as "***" so no secret ever reaches
# the journal. Each vendor adds its own (VendorSpec.secret_headers; MockState.secret_headers).
SECRET_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})
MASK = "***"
MAX_RECORDED_BODY = 16_384
# Header values are kept up to the same size: the HTTP layer (httptools) sets no limit of its own.
MAX_RECORDED_VALUE = MAX_RECORDED_BODY


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
        """A JSON-ready view (body decoded as UTF-8 with replacement, truncated)."""
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


def masked(headers: dict[str, str], secret: frozenset[str] = SECRET_HEADERS) -> dict[str, str]:
    """`headers` with every credential value replaced by a mask, in place (and returned).

    In place: the pipeline hands over the request's own header dict once the answer is built,
    so no copy is made on every request and no credential outlives the request.
    """
    for name in secret.intersection(headers):
        headers[name] = MASK
    return headers


def bounded(entry: Entry) -> Entry:
    """`entry` cut to what a journal keeps (body and header values of at most 16 KiB)."""
    # map/max run in C: the check costs every request, the copy only the oversized ones.
    longest = max(map(len, entry.headers.values()), default=0)
    if len(entry.body) > MAX_RECORDED_BODY or longest > MAX_RECORDED_VALUE:
        entry = entry._replace(
            body=entry.body[:MAX_RECORDED_BODY],
            headers={name: value[:MAX_RECORDED_VALUE] for name, value in entry.headers.items()},
        )
    return entry


class Journal:
    """A bounded, newest-last list of entries."""

    def __init__(self, size: int) -> None:
        self._entries: deque[Entry] = deque(maxlen=size)

    def record(self, entry: Entry) -> None:
        """Append `entry`, dropping the oldest when full.

        Only what `as_dict` shows is kept: a 1 MiB request body (or a huge header value) must not
        stay in memory for the next thousand requests of every session.
        """
        self._entries.append(bounded(entry))

    def entries(
        self, *, vendor: str | None = None, method: str | None = None, path: str | None = None
    ) -> list[Entry]:
        """Entries oldest first, filtered by vendor, method and path substring."""
        out = []
        for entry in self._entries:
            if vendor and entry.vendor != vendor:
                continue
            if method and entry.method != method.upper():
                continue
            if path and path not in entry.path:
                continue
            out.append(entry)
        return out

    @property
    def maxlen(self) -> int:
        """How many entries the journal keeps."""
        return self._entries.maxlen or 0

    def clear(self) -> None:
        """Drop every entry."""
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
