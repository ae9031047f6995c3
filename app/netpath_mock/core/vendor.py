"""What a vendor package declares (VendorSpec) and the hooks its runtime answers (Vendor).

Core and main hold no vendor knowledge: they loop over the specs in
`netpath_mock.vendors.REGISTRY` (moto's `backends`). A spec names the vendor's path prefixes,
rate-limit policy, credential model and secret headers, fixture parser and writer, catalog,
error catalogue and routers; `create` builds the per-state runtime the pipeline calls.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from fastapi import APIRouter
from pydantic import BaseModel

from netpath_mock.core.errors import ErrorEntry, MockError
from netpath_mock.core.http import Request, Response
from netpath_mock.core.ratelimit import Decision
from netpath_mock.core.settings import RateLimit, Settings

FixtureParser = Callable[[dict[str, Any]], tuple[Any, Any]]
# (settings, seed, limit) -> existing resources of the universe of `seed` (the seed may differ
# from settings.seed after POST /_mock/reset), e.g. [{"account_id": ..., "test_result_id": ...}]
Catalog = Callable[[Settings, int, int], list[dict[str, Any]]]
# (settings, count) -> (relative path, fixture document) for `netpath-mock generate`
FixtureWriter = Callable[[Settings, int], Iterator[tuple[str, dict[str, Any]]]]


class Vendor(ABC):
    """The hooks a vendor runtime implements; the pipeline calls them in a fixed order."""

    name: str

    @abstractmethod
    def authenticate(self, request: Request) -> Any:
        """Return the caller (with a `bucket_key` attribute) or raise a MockError."""

    @abstractmethod
    def forced_error(self, status: int, request: Request) -> MockError:
        """The vendor-wide error for `status` (Prefer: code=... where the route documents none)."""

    @abstractmethod
    def rate_limited(self, decision: Decision) -> MockError:
        """The error for a request refused by the limiter."""

    @abstractmethod
    def render_error(self, error: MockError, request: Request) -> Response:
        """The vendor's wire form of `error`."""

    @abstractmethod
    def decorate(self, response: Response, request: Request, decision: Decision) -> None:
        """Add the vendor's headers (rate-limit, server, ...) to every response."""

    def encode(self, result: Any) -> bytes:
        """Serialise a route's non-bytes result (a pydantic model or JSON data)."""
        if isinstance(result, BaseModel):
            result = result.model_dump(mode="json", by_alias=True)
        return orjson.dumps(result)


@dataclass(frozen=True, slots=True)
class VendorSpec:
    """Everything vendor-specific about one API, declared by its package."""

    name: str
    title: str  # OpenAPI title
    base_url: str  # OpenAPI server: where the routers' paths live on the real API
    # Request paths the vendor owns (startswith), and mount prefixes under which the routers'
    # paths are also served (Cloudflare: with and without /client/v4).
    prefixes: tuple[str, ...]
    mounts: tuple[str, ...]
    routers: Sequence[APIRouter]
    create: Callable[[Any], Vendor]  # state -> runtime
    rate_limit: Callable[[Settings], RateLimit]
    aligned_windows: bool  # calendar-aligned rate-limit windows (Datadog) or from first request
    credentials_model: type[BaseModel]  # this vendor's part of the credentials file
    secret_headers: frozenset[str]  # masked in the journal
    exposed_headers: tuple[str, ...]  # readable by browsers (CORS)
    parse_fixture: FixtureParser
    write_fixtures: FixtureWriter
    catalog: Catalog
    errors: Sequence[ErrorEntry]  # the vendor's error catalogue
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def owns(self, path: str) -> bool:
        """Whether a request path belongs to this vendor."""
        return path.startswith(self.prefixes) or path in self.mounts
