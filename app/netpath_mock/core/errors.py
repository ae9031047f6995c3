"""Vendor-neutral domain errors. Vendors render them; nothing here knows a wire format.

* MockError (500)
  - BadRequest (400)  - Unauthorized (401)  - Forbidden (403)  - NotFound (404)
  - MethodNotAllowed (405)  - RouteNotFound (a path no vendor route matches)
  - RateLimited (429, carries retry_after and the limiter's headers)
  - ServerError (500/502/503/504 injected faults)
  - InvalidParameters (400, missing or malformed query parameters)

ErrorEntry is one line of a vendor's error catalogue (status, code, message).
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, ClassVar


class MockError(Exception):
    """Base of every error a vendor renders; `code` and `chain` are vendor error codes, if any."""

    status_code: ClassVar[int] = 500

    def __init__(
        self,
        message: str | None = None,
        *,
        code: int | None = None,
        chain: tuple[tuple[int, str], ...] = (),
        status: int | None = None,
        messages: tuple[str, ...] = (),
    ) -> None:
        self.status = status or self.status_code
        self.message = message or HTTPStatus(self.status).phrase
        self.code = code
        self.chain = chain
        # Extra messages a vendor may list after the first (Datadog's permission error).
        self.messages = messages
        self.headers: list[tuple[bytes, bytes]] = []
        super().__init__(self.message)


class BadRequest(MockError):
    """The request is malformed."""

    status_code = 400


class Unauthorized(MockError):
    """Credentials are missing or unknown."""

    status_code = 401


class Forbidden(MockError):
    """Credentials are known but may not do this."""

    status_code = 403


class NotFound(MockError):
    """The resource does not exist in the universe (or its overlay)."""

    status_code = 404


class RouteNotFound(MockError):
    """No route of the vendor matches the path, or an identifier in it is malformed."""

    status_code = 404


class MethodNotAllowed(MockError):
    """The path exists but not for this method."""

    status_code = 405


class PayloadTooLarge(MockError):
    """The request body is larger than the mock accepts."""

    status_code = 413


class RateLimited(MockError):
    """The caller's bucket is empty; `retry_after` is whole seconds until it refills."""

    status_code = 429

    def __init__(self, message: str | None = None, *, retry_after: int = 1, **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.retry_after = retry_after


class ServerError(MockError):
    """An injected 5xx, with the status chosen by the caller (500, 502, 503, 504)."""

    status_code = 500


class InvalidParameters(MockError):
    """Query parameters are missing or malformed; `problems` are pydantic-style error dicts.

    Both lanes build the same list (type, loc, msg, ...): the compiled dispatcher from its own
    converters, the FastAPI reference from its RequestValidationError. The vendor's renderer
    turns it into the vendor's 400.
    """

    status_code = 400

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__("Invalid parameters")
        self.problems = problems


_BY_STATUS: dict[int, type[MockError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    405: MethodNotAllowed,
    413: PayloadTooLarge,
    429: RateLimited,
}


@dataclass(frozen=True, slots=True)
class ErrorEntry:
    """One line of a vendor's error catalogue: the status, vendor code and message it answers.

    Services raise `entry.error()`; routes document the entry (`responses=`); `Prefer: code=`
    forces it; the vendor renderer turns the raised error into the wire body. One source.
    """

    status: int
    code: int | None
    message: str
    messages: tuple[str, ...] = ()

    def error(self) -> MockError:
        """The raisable error for this entry."""
        cls = _BY_STATUS.get(self.status, ServerError if self.status >= 500 else MockError)
        return cls(self.message, code=self.code, status=self.status, messages=self.messages)


class ErrorDoc(dict[str, Any]):
    """A documented error response (a FastAPI `responses=` value) tied to a catalogue entry.

    The dict is what OpenAPI shows; `entry` (not shown) is what `Prefer: code=<status>` answers
    on that operation, so a forced 404 is the operation's real 404.
    """

    def __init__(self, entry: ErrorEntry | None, **doc: Any) -> None:
        super().__init__(doc)
        self.entry = entry
