"""Builds the Datadog vendor: its routes, auth, limits, error rendering and headers."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from netpath_mock.core.errors import (
    BadRequest,
    Forbidden,
    MockError,
    NotFound,
    RateLimited,
    ServerError,
    Unauthorized,
)
from netpath_mock.core.http import Request, Response
from netpath_mock.core.pipeline import Vendor, VendorPipeline
from netpath_mock.core.ratelimit import Decision
from netpath_mock.core.state import MockState
from netpath_mock.vendors.datadog import auth, errors, routes
from netpath_mock.vendors.datadog.schemas import NetworkTestFixture
from netpath_mock.vendors.datadog.service import TEST_NOT_FOUND, NetworkTestService

NAME = "datadog"
# X-RateLimit-Name is the bucket a team quotes when asking for more; no synthetics bucket name
# is public (notes §3 f), so this is a descriptive invention.
BUCKET_NAME = b"synthetics_tests"
STATIC_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"cache-control", b"no-cache"),
    (b"pragma", b"no-cache"),
    (b"strict-transport-security", b"max-age=31536000; includeSubDomains; preload"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"SAMEORIGIN"),
)


class DatadogVendor(Vendor):
    """Datadog's answers to the shared pipeline's questions."""

    name = NAME
    forced_codes = (400, 401, 403, 404, 429, 500, 502, 503, 504)

    def __init__(self, state: MockState) -> None:
        self.state = state
        self.service = NetworkTestService(state)
        self.router = routes.build_router(self.service, state.clock)
        self.authenticator = auth.DatadogAuthenticator(
            state.credentials, legacy_forbidden=state.settings.datadog_legacy_forbidden
        )
        self.limit = state.settings.datadog_rate_limit
        # The headers every answer carries unchanged, built once.
        self._fixed = (
            *STATIC_HEADERS,
            (b"x-ratelimit-limit", b"%d" % self.limit.requests),
            (b"x-ratelimit-period", b"%d" % self.limit.seconds),
        )

    def authenticate(self, request: Request) -> auth.Caller:
        """Datadog's key checks; see auth.py."""
        return self.authenticator.authenticate(request.headers)

    def forced_error(self, status: int, request: Request) -> MockError:
        """What the real API answers with `status` on this request."""
        if status == 400:
            return BadRequest("Bad Request")
        if status == 401:
            return Unauthorized("Unauthorized")
        if status == 403:
            return Forbidden(auth.PERMISSION_DENIED[0], messages=auth.PERMISSION_DENIED[1:])
        if status == 404:
            return NotFound(TEST_NOT_FOUND)
        if status == 429:
            return self.rate_limited(Decision(False, self.limit.requests, 0, self.limit.seconds))
        if status in (500, 502, 503, 504):
            return ServerError(status=status)
        supported = ", ".join(str(c) for c in self.forced_codes)
        return BadRequest(f"Prefer code={status} is not supported; supported codes: {supported}")

    def rate_limited(self, decision: Decision) -> MockError:
        """429 with the API's text; the client waits X-RateLimit-Reset seconds (notes §4)."""
        message = errors.rate_limit_message(self.limit.requests, self.limit.seconds)
        return RateLimited(message, retry_after=decision.reset_seconds)

    def render_error(self, error: MockError, request: Request) -> Response:
        """Datadog's `{"errors": [...]}`."""
        return errors.render_error(error)

    def decorate(self, response: Response, request: Request, decision: Decision) -> None:
        """The five X-RateLimit-* headers (a single integer Reset) and the static headers."""
        remaining, reset = decision.remaining, decision.reset_seconds
        response.headers += (
            *self._fixed,
            (b"x-ratelimit-remaining", b"%d" % remaining),
            (b"x-ratelimit-reset", b"%d" % reset),
            (b"x-ratelimit-name", BUCKET_NAME),
        )


def create_api(state: MockState) -> VendorPipeline:
    """The ASGI app that serves Datadog's paths."""
    return VendorPipeline(DatadogVendor(state), state)


def parse_fixture(raw: dict[str, Any]) -> tuple[Any, Any]:
    """Validate a Datadog fixture file; key public_id, value the `data` object as written."""
    fixture = NetworkTestFixture.model_validate(raw)
    data: dict[str, Any] = raw["data"]
    public_id = fixture.data.id
    if fixture.data.attributes.public_id not in (None, public_id):
        raise ValueError("data.attributes.public_id: must equal data.id")
    return unquote(public_id), data
