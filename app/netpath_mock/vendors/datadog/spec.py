"""The Datadog vendor: its spec for the registry and its runtime (auth, limits, errors, headers)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from netpath_mock.core.errors import (
    BadRequest,
    MockError,
    RateLimited,
    ServerError,
    Unauthorized,
)
from netpath_mock.core.http import Request, Response
from netpath_mock.core.ratelimit import Decision
from netpath_mock.core.settings import RateLimit, Settings
from netpath_mock.core.state import MockState
from netpath_mock.core.vendor import Vendor, VendorSpec
from netpath_mock.vendors.datadog import auth, errors, results, service, universe
from netpath_mock.vendors.datadog.credentials import DatadogCredentials
from netpath_mock.vendors.datadog.routes import ROUTERS
from netpath_mock.vendors.datadog.schemas import NetworkTestFixture, NetworkTestResultFixture

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
            return errors.PERMISSION_DENIED.error()
        if status == 404:
            # Operations document their own 404 (the pipeline answers it); this is the rest's.
            return errors.TEST_NOT_FOUND.error()
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

    def encode(self, result: Any) -> bytes:
        """JSON of a model or data; Datadog's 200 bodies end with a newline (notes §5)."""
        return super().encode(result) + b"\n"

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


def parse_fixture(raw: dict[str, Any]) -> tuple[Any, Any]:
    """Validate a Datadog fixture file.

    A test: key public_id, value the `data` object as written. A result: key
    ("result", result_id), value (public_id, the `data` object as written).
    """
    if raw.get("kind") == "network-test-result":
        pinned = NetworkTestResultFixture.model_validate(raw)
        result_id = pinned.data.id
        if int(result_id) >= 2**63:
            raise ValueError("data.id: must be below 2^63")
        if pinned.data.attributes.result.id != result_id:
            raise ValueError("data.attributes.result.id: must equal data.id")
        return ("result", result_id), (pinned.public_id, raw["data"])
    fixture = NetworkTestFixture.model_validate(raw)
    data: dict[str, Any] = raw["data"]
    public_id = fixture.data.id
    if fixture.data.attributes.public_id not in (None, public_id):
        raise ValueError("data.attributes.public_id: must equal data.id")
    return unquote(public_id), data


def catalog(settings: Settings, seed: int, limit: int) -> list[dict[str, Any]]:
    """Existing tests of the org of the universe of `seed`, with their newest result.

    Items are `{"public_id", "result_id"}`; a test with no run in the retention window (paused
    long ago) has no `result_id`.
    """
    ids = list(universe.public_ids(seed, settings.datadog_test_count)[:limit])
    newest = results.catalog_result_ids(seed, int(settings.epoch.timestamp()), ids)
    items: list[dict[str, Any]] = []
    for public_id in ids:
        item = {"public_id": public_id}
        if public_id in newest:
            item["result_id"] = newest[public_id]
        items.append(item)
    return items


def write_fixtures(settings: Settings, count: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """(relative path, fixture document) for the first `count` tests of the org."""
    ids = universe.public_ids(settings.seed, max(count, settings.datadog_test_count))
    for public_id in ids[:count]:
        data = service.build_test(settings.seed, public_id)
        yield (
            f"datadog/network-tests/{public_id}.json",
            {"vendor": "datadog", "kind": "network-test", "data": data},
        )


def rate_limit(settings: Settings) -> RateLimit:
    """MOCK_DATADOG_RATE_LIMIT (calendar-aligned windows, X-RateLimit-Period)."""
    return settings.datadog_rate_limit


SPEC = VendorSpec(
    name=NAME,
    title="Datadog Synthetics (netpath-mock)",
    description="Datadog Synthetics Network Path tests, as served by netpath-mock.",
    base_url="https://api.datadoghq.com",
    prefixes=("/api/",),
    mounts=(),
    routers=ROUTERS,
    create=DatadogVendor,
    rate_limit=rate_limit,
    aligned_windows=True,
    credentials_model=DatadogCredentials,
    secret_headers=frozenset({"dd-api-key", "dd-application-key"}),
    exposed_headers=(
        "x-ratelimit-limit",
        "x-ratelimit-period",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
        "x-ratelimit-name",
    ),
    parse_fixture=parse_fixture,
    write_fixtures=write_fixtures,
    catalog=catalog,
    errors=errors.CATALOGUE,
)
